//! Kafka: its numbers (partitions, topics, brokers, disk), the ways to run it and what they cost,
//! the guidance, and the topic names (with the `names` linter).

pub mod cost;
pub mod guidance;
pub mod naming;
pub mod sizing;
