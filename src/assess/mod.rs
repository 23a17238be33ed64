//! The assessment: the numbers about one profile that more than one part of the output shows,
//! worked out in one place. The guidance words them and the cost prices them; neither computes
//! them again, so a partition count or a broker size cannot differ between two sections.
//!
//! - `kafka`: partitions per topic, the topics (main, retry, DLQ), replicas, the broker cluster
//!   and the disk for the retention window.
//! - `rabbitmq`: the nodes a quorum-queue cluster needs.
//! - `redis`: the memory a Redis-based system holds and the node that holds it; BullMQ's delayed
//!   jobs per hour of delay.

pub mod kafka;
pub mod rabbitmq;
pub mod redis;

use crate::cost::CostData;
use crate::profile::{Derived, Profile};

/// Every system's numbers for one profile, worked out once per estimate: the cost prices them
/// and the report hands the same value to the guidance.
#[derive(Clone, Debug, PartialEq)]
pub struct Assessment {
    pub kafka: kafka::KafkaSizing,
    pub rabbit: rabbitmq::RabbitSizing,
    /// Redis Streams holds its replay window.
    pub redis_streams: redis::RedisSizing,
    /// BullMQ holds what is in flight, and its delayed jobs.
    pub bullmq: redis::RedisSizing,
    /// Redis Pub/Sub holds only what is in flight.
    pub redis_in_flight: redis::RedisSizing,
}

impl Assessment {
    pub fn of(profile: &Profile, derived: &Derived, data: &CostData) -> Assessment {
        Assessment {
            kafka: kafka::KafkaSizing::of(profile, derived, data),
            rabbit: rabbitmq::RabbitSizing::of(data),
            redis_streams: redis::RedisSizing::of("redis-streams", profile, derived, data),
            bullmq: redis::RedisSizing::of("bullmq", profile, derived, data),
            redis_in_flight: redis::RedisSizing::of("redis-pubsub", profile, derived, data),
        }
    }

    /// The Redis sizing of `system` (a Redis-based one).
    pub fn redis(&self, system: &str) -> &redis::RedisSizing {
        match system {
            "redis-streams" => &self.redis_streams,
            "bullmq" => &self.bullmq,
            _ => &self.redis_in_flight,
        }
    }
}
