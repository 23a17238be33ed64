//! RabbitMQ's numbers for one profile: the queues every message is stored in (one stream read by
//! every group when replay is needed, else one quorum queue per group) and their replicas, the
//! nodes of the cluster that carry their traffic, and the disk they hold. The guidance plans
//! this cluster and every way of running RabbitMQ is priced for it.
//!
//! The bytes a node takes in and sends out (to the other replicas of each queue and to every
//! consumer group) cannot be more than the same machine carries as a Kafka broker; no byte
//! figure for a RabbitMQ node is in msgadvisor's sources. Quorum queues are also bounded by the
//! messages a node writes to its replicas a second (`quorum_writes_per_sec`), scaled from
//! RabbitMQ's own sizing case study: with small messages a node's CPU, not its network, is the
//! limit. Streams have no such figure at the message sizes profiles use, so for them the node
//! count stays a floor (`rules/cost/instances.yaml`).

use crate::profile::{Derived, Profile};
use crate::tables::{CostData, Use};

/// What the nodes' disks must hold beyond the messages in flight.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Holds {
    /// Replay: the stream keeps the retention window (`x-max-age`).
    Window,
    /// Quorum queues keep what stalled consumers have not acknowledged
    /// (`consumers.max_stall_minutes`).
    Backlog,
    /// Quorum queues converge to empty: how far consumers fall behind is not in the profile.
    InFlight,
}

/// Amazon MQ's cluster deployment: the minimum cluster's brokers, of the cheapest size priced.
#[derive(Clone, Debug, PartialEq)]
pub struct AmazonMq {
    /// The broker size priced.
    pub instance: String,
    /// Quorum-queue writes a broker takes a second; None for a stream (no such figure) or a
    /// size without one.
    pub writes_max: Option<f64>,
    /// Quorum-queue writes each broker takes a second at peak after growth.
    pub writes_per_broker: f64,
    /// True when the size has network figures, so the traffic is checked against them.
    pub network_checked: bool,
    /// When the brokers are too few for the load: the traffic that needs more (`ingress`,
    /// `egress` or `writes`) and the brokers of this size it needs, rounded up. The deployment
    /// cannot add brokers, so this is a larger size, not priced.
    pub larger_needed: Option<(&'static str, f64)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RabbitSizing {
    /// Nodes of the cluster: the fewest, in odd counts from the minimum, whose traffic per node
    /// is within the machine's figures (the minimum when no machine has figures).
    pub nodes: u64,
    /// The smallest cluster that replicates a queue (Amazon MQ's cluster deployment).
    pub minimum_nodes: u64,
    /// Where the minimum comes from.
    pub nodes_source: String,
    /// Copies each queue or stream keeps (`quorum_queue.initial_cluster_size`,
    /// `x-initial-cluster-size`).
    pub replicas: u64,
    pub replicas_source: String,
    /// Replay needs a stream; otherwise quorum queues.
    pub stream: bool,
    /// Queues every message is stored in: one stream that every group reads, or one quorum
    /// queue per consumer group.
    pub queues: u64,
    /// Peak traffic after growth into the cluster (produce), bytes/s.
    pub ingress: f64,
    /// Peak traffic after growth out of the nodes: ingress × (replicas − 1) for each queue, plus
    /// ingress × consumer groups, bytes/s.
    pub egress: f64,
    /// The VM the nodes are sized on; None when no VM has network figures.
    pub instance: Option<String>,
    /// The VM a self-hosted cluster is priced on: `instance`, else the cheapest VM (a floor);
    /// None when no VM has a price.
    pub vm: Option<String>,
    /// Amazon MQ's cluster deployment checked against this load; None when no Amazon MQ broker
    /// size has a price.
    pub amazon_mq: Option<AmazonMq>,
    /// Messages written to quorum-queue replicas a second over the cluster at peak after growth:
    /// peak msg/s × queues × replicas; 0 for a stream, which has no such figure.
    pub writes: f64,
    /// The VM's figures: ingress and egress bytes/s one node carries comfortably.
    pub ingress_per_node_max: Option<f64>,
    pub egress_per_node_max: Option<f64>,
    /// The VM's quorum-queue writes a second one node takes comfortably; None for a stream.
    pub writes_per_node_max: Option<f64>,
    /// What set the node count: `minimum`, `ingress`, `egress` or `writes`.
    pub limited_by: String,
    pub holds: Holds,
    /// One copy of what the disks hold: the retention window (derived.retained_bytes) or the
    /// stall backlog of every queue (derived.backlog_bytes_grown × queues).
    pub bytes_per_copy: f64,
    /// Free space kept on the disks: the Kafka sizing's headroom.
    pub storage_headroom: f64,
    /// Provisioned disk over the cluster: one copy × replicas × headroom.
    pub storage_bytes: f64,
}

impl RabbitSizing {
    /// `storage_headroom` is the headroom the Kafka sizing provisions its disks with.
    pub fn of(
        profile: &Profile,
        derived: &Derived,
        data: &CostData,
        storage_headroom: f64,
    ) -> RabbitSizing {
        let minimum_nodes = data.fact("rabbitmq_cluster_nodes").max(1.0) as u64;
        let replicas = (data.fact("rabbitmq_replicas").max(1.0) as u64).min(minimum_nodes);
        let stream = profile.replay.needed;
        let groups = u64::from(profile.consumers.groups.max(1));
        let queues = if stream { 1 } else { groups };
        let ingress = derived.peak_bytes_per_sec_grown;
        let egress = ingress * (queues as f64 * (replicas as f64 - 1.0) + groups as f64);
        // Every message is written once to each replica of each group's quorum queue.
        let writes = if stream {
            0.0
        } else {
            derived.peak_per_sec_grown * queues as f64 * replicas as f64
        };
        let (holds, bytes_per_copy) = if stream {
            (Holds::Window, derived.retained_bytes)
        } else if profile.consumers.max_stall_minutes.is_some() {
            (Holds::Backlog, derived.backlog_bytes_grown * queues as f64)
        } else {
            (Holds::InFlight, 0.0)
        };
        let mut sizing = RabbitSizing {
            nodes: minimum_nodes,
            minimum_nodes,
            nodes_source: data.fact_source("rabbitmq_cluster_nodes").to_string(),
            replicas,
            replicas_source: data.fact_source("rabbitmq_replicas").to_string(),
            stream,
            queues,
            ingress,
            egress,
            writes,
            instance: None,
            vm: data.sizes(Use::Vm).next().map(|(i, _)| i.name.clone()),
            amazon_mq: None,
            ingress_per_node_max: None,
            egress_per_node_max: None,
            writes_per_node_max: None,
            limited_by: "minimum".to_string(),
            holds,
            bytes_per_copy,
            storage_headroom,
            storage_bytes: bytes_per_copy * replicas as f64 * storage_headroom,
        };
        // The cheapest VM with figures for the nodes the traffic needs.
        let mut best: Option<(f64, u64, &'static str, &crate::tables::Instance)> = None;
        for (inst, price) in data.sizes(Use::Vm) {
            let Some(in_max) = inst.ingress_bytes_per_sec else {
                continue;
            };
            let (limited_by, need) = sizing.need(
                in_max,
                inst.egress_bytes_per_sec,
                inst.quorum_writes_per_sec,
            );
            let nodes = odd_at_least(need, minimum_nodes);
            let cost = nodes as f64 * price.amount.unwrap_or(0.0);
            if best.as_ref().is_none_or(|b| cost < b.0) {
                best = Some((cost, nodes, limited_by, inst));
            }
        }
        if let Some((_, nodes, limited_by, inst)) = best {
            sizing.limited_by = if nodes > minimum_nodes {
                limited_by
            } else {
                "minimum"
            }
            .to_string();
            sizing.nodes = nodes;
            sizing.instance = Some(inst.name.clone());
            sizing.vm = Some(inst.name.clone());
            sizing.ingress_per_node_max = inst.ingress_bytes_per_sec;
            sizing.egress_per_node_max = inst.egress_bytes_per_sec;
            sizing.writes_per_node_max = inst.quorum_writes_per_sec.filter(|_| !stream);
        }
        sizing.amazon_mq = data.sizes(Use::AmazonMqBroker).next().map(|(inst, _)| {
            // Quorum queues only: a stream has no writes figure (and Amazon MQ runs none).
            let writes_max = inst.quorum_writes_per_sec.filter(|_| !stream);
            let need = inst
                .ingress_bytes_per_sec
                .map(|i| sizing.need(i, inst.egress_bytes_per_sec, writes_max));
            AmazonMq {
                instance: inst.name.clone(),
                writes_max,
                writes_per_broker: sizing.writes / minimum_nodes as f64,
                network_checked: need.is_some(),
                larger_needed: need
                    .filter(|(_, n)| *n > minimum_nodes as f64)
                    .map(|(by, n)| (by, crate::systems::kafka::sizing::ceil(n))),
            }
        });
        sizing
    }

    /// Nodes of a machine with these figures the traffic needs (unrounded), and which traffic
    /// sets it: the bytes into and out of the cluster, and the quorum-queue writes, spread
    /// evenly over the nodes. A stream has no writes figure (`writes` is 0).
    pub fn need(
        &self,
        ingress_max: f64,
        egress_max: Option<f64>,
        writes_max: Option<f64>,
    ) -> (&'static str, f64) {
        let by_in = self.ingress / ingress_max;
        let by_out = egress_max.map_or(0.0, |e| self.egress / e);
        let by_writes = writes_max.map_or(0.0, |w| self.writes / w);
        if by_writes > by_in && by_writes > by_out {
            ("writes", by_writes)
        } else if by_out > by_in {
            ("egress", by_out)
        } else {
            ("ingress", by_in)
        }
    }

    /// Peak traffic after growth into and out of each node, bytes/s.
    pub fn ingress_per_node(&self) -> f64 {
        self.ingress / self.nodes.max(1) as f64
    }

    pub fn egress_per_node(&self) -> f64 {
        self.egress / self.nodes.max(1) as f64
    }

    pub fn writes_per_node(&self) -> f64 {
        self.writes / self.nodes.max(1) as f64
    }

    /// Copies of each produced byte sent between nodes: each queue's other replicas.
    pub fn replicated_copies(&self) -> f64 {
        self.queues as f64 * (self.replicas as f64 - 1.0)
    }

    /// Nodes that may fail with each queue's quorum intact.
    pub fn tolerated_failures(&self) -> u64 {
        self.replicas.saturating_sub(1) / 2
    }
}

/// The smallest odd count at or above both `need` and `minimum`: RabbitMQ advises uneven
/// cluster sizes for its quorum systems (rabbitmq.com/docs/streams). `as` saturates: an absurd
/// load gives u64::MAX, never a panic.
fn odd_at_least(need: f64, minimum: u64) -> u64 {
    let n = (crate::systems::kafka::sizing::ceil(need) as u64).max(minimum);
    if n.is_multiple_of(2) {
        n.saturating_add(1)
    } else {
        n
    }
}

#[cfg(test)]
mod tests {
    use super::odd_at_least;

    #[test]
    fn cluster_sizes_are_odd_and_never_below_the_minimum() {
        assert_eq!(odd_at_least(0.4, 3), 3);
        assert_eq!(odd_at_least(3.2, 3), 5);
        assert_eq!(odd_at_least(5.0, 3), 5);
        assert_eq!(odd_at_least(5.000000000001, 3), 5);
        assert_eq!(odd_at_least(1e300, 3), u64::MAX);
    }
}
