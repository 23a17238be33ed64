//! What the Redis-based systems (Redis Streams, BullMQ, Redis Pub/Sub) share: the memory they
//! hold and the node that holds it, and the ways to run Redis and what they cost.

pub mod cost;
pub mod sizing;
