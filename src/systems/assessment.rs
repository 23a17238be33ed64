//! The assessment: the numbers about one profile that more than one part of the output shows,
//! worked out in one place. The guidance words them and the cost prices them; neither computes
//! them again, so a partition count or a broker size cannot differ between two sections.
//!
//! Each system's numbers are worked out in its module's `sizing` (`kafka`: partitions per topic,
//! the topics with retry and DLQ, replicas, the broker cluster and the disk for the retention
//! window; `rabbitmq`: its queues or stream, their replicas, the nodes that carry them and the disk
//! they hold; `redis`: the memory a Redis-based
//! system holds and the node that holds it, BullMQ's delayed jobs per hour of delay, and the ECPUs
//! and commands the per-request ways bill); this
//! holds them together for one profile.

use super::kafka::sizing as kafka;
use super::rabbitmq::sizing as rabbitmq;
use super::redis::sizing as redis;
use crate::profile::{Derived, Profile};
use crate::tables::CostData;

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
    pub redis_pubsub: redis::RedisSizing,
    /// What the Redis ways billed per request count, for any of the three.
    pub redis_requests: redis::RedisRequests,
}

impl Assessment {
    /// `messages_per_month`: the workload's, as the cost counts them.
    pub fn of(
        profile: &Profile,
        derived: &Derived,
        data: &CostData,
        messages_per_month: f64,
    ) -> Assessment {
        let kafka = kafka::KafkaSizing::of(profile, derived, data);
        // RabbitMQ's disks keep the free space Kafka's do.
        let rabbit = rabbitmq::RabbitSizing::of(profile, derived, data, kafka.storage_headroom);
        Assessment {
            kafka,
            rabbit,
            redis_streams: redis::RedisSizing::of(redis::Holds::Window, profile, derived, data),
            bullmq: redis::RedisSizing::of(redis::Holds::DelayedJobs, profile, derived, data),
            redis_pubsub: redis::RedisSizing::of(redis::Holds::InFlight, profile, derived, data),
            redis_requests: redis::RedisRequests::of(profile, derived, data, messages_per_month),
        }
    }
}
