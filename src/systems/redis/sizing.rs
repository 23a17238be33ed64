//! Redis's numbers for one profile and one Redis-based system: the memory it holds now and after
//! growth, the node memory that needs once ElastiCache's reserved share is set aside, and the
//! cheapest node size that holds it. The guidance names that node and the cost prices it.

use crate::profile::{Derived, Profile};
use crate::tables::{CostData, Use};
use serde::Serialize;

/// The node size picked for the memory a system holds.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Node {
    pub instance: String,
    /// The node's maxmemory, when the sources give it.
    pub memory_bytes: Option<f64>,
    /// True when `memory_bytes` is known and at least the memory needed.
    pub fits: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RedisSizing {
    /// What the system keeps in Redis now: the replay window for a stream with replay; the
    /// backlog only (counted as 0) for BullMQ, a trimmed stream and Pub/Sub.
    pub held_bytes: f64,
    /// The same after `growth_factor`: what a node must be sized for.
    pub held_bytes_grown: f64,
    /// Share of a node's memory ElastiCache reserves for its own overhead.
    pub reserved_fraction: f64,
    /// Node memory needed: held after growth ÷ (1 − reserved).
    pub node_bytes: f64,
    /// Replicas per primary.
    pub replicas: u64,
    /// The cheapest priced node size whose memory fits (or is unknown), never a development
    /// size for a workload that cannot lose messages; when none fits, the largest, with `fits`
    /// false.
    pub node: Option<Node>,
}

impl RedisSizing {
    /// `keeps_window`: the system keeps the replay window when the profile asks for replay (a
    /// stream does; a job queue and Pub/Sub hold only what is in flight).
    pub fn of(
        keeps_window: bool,
        profile: &Profile,
        derived: &Derived,
        data: &CostData,
    ) -> RedisSizing {
        let (held_bytes, held_bytes_grown) = if keeps_window && profile.replay.needed {
            (derived.redis_stream_bytes, derived.redis_stream_bytes_grown)
        } else {
            (0.0, 0.0)
        };
        let reserved_fraction = data.fact("elasticache_reserved_memory_fraction");
        let node_bytes = held_bytes_grown / (1.0 - reserved_fraction).max(0.01);
        // A development size (t-class) only where losing messages is acceptable.
        let sizes: Vec<_> = data
            .sizes(Use::ElasticacheNode)
            .filter(|(i, p)| {
                p.amount.is_some() && (profile.delivery.loss_ok || !i.development_only)
            })
            .collect();
        let pick = sizes
            .iter()
            .find(|(i, _)| i.memory_bytes.is_none_or(|m| m >= node_bytes))
            .or_else(|| {
                sizes.iter().max_by(|a, b| {
                    a.0.memory_bytes
                        .unwrap_or(0.0)
                        .total_cmp(&b.0.memory_bytes.unwrap_or(0.0))
                })
            });
        RedisSizing {
            held_bytes,
            held_bytes_grown,
            reserved_fraction,
            node_bytes,
            replicas: data.fact("elasticache_node_replicas").max(0.0) as u64,
            node: pick.map(|(i, _)| Node {
                instance: i.name.clone(),
                memory_bytes: i.memory_bytes,
                fits: i.memory_bytes.is_some_and(|m| m >= node_bytes),
            }),
        }
    }
}
