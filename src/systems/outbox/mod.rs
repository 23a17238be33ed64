//! The database as the queue (transactional outbox): the ways to run its relay and what they
//! cost, and the guidance.

pub mod cost;
pub mod guidance;
