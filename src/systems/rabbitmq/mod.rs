//! RabbitMQ: the nodes of its quorum-queue cluster, the ways to run it and what they cost, and
//! the guidance.

pub mod cost;
pub mod guidance;
pub mod sizing;
