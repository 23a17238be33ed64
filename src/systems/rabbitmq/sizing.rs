//! RabbitMQ's numbers for one profile: the nodes of the quorum-queue cluster the guidance
//! prescribes and every way of running it is priced for.

use crate::tables::CostData;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RabbitSizing {
    /// Nodes of the cluster: a quorum queue needs a majority of them up.
    pub nodes: u64,
    /// Where the node count comes from.
    pub nodes_source: String,
}

impl RabbitSizing {
    pub fn of(data: &CostData) -> RabbitSizing {
        RabbitSizing {
            nodes: data.fact("rabbitmq_cluster_nodes").max(1.0) as u64,
            nodes_source: data.fact_source("rabbitmq_cluster_nodes").to_string(),
        }
    }

    /// Nodes that may fail with the quorum intact.
    pub fn tolerated_failures(&self) -> u64 {
        self.nodes.saturating_sub(1) / 2
    }
}
