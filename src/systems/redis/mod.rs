//! What the Redis-based systems (Redis Streams, BullMQ, Redis Pub/Sub) share: the memory they
//! hold and the node that holds it, the ways to run Redis and what they cost, and the advice
//! that depends on which way that is.

pub mod cost;
pub mod guidance;
pub mod sizing;
