//! The assessment: the numbers about one profile that more than one part of the output shows,
//! worked out in one place. The guidance words them and the cost prices them; neither computes
//! them again, so a partition count or a broker size cannot differ between two sections.
//!
//! - `kafka`: partitions per topic, the topics (main, retry, DLQ), replicas, the broker cluster
//!   and the disk for the retention window.
//! - `rabbitmq`: the nodes a quorum-queue cluster needs.
//! - `redis`: the memory a Redis-based system holds and the node that holds it.

pub mod kafka;
pub mod rabbitmq;
pub mod redis;
