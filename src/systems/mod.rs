//! The candidate systems msgadvisor sizes, prices and advises on: one module per system, each
//! holding that system's sizing, the ways to run it and what they cost, and its guidance, behind
//! one entry each ([`SystemModule`]) listed once in [`REGISTRY`], which every per-system loop goes
//! through (the cost, the guidance, the check that each built-in candidate has a module).
//!
//! - `kafka`, `redis_streams`, `bullmq`, `redis_pubsub`, `rabbitmq`, `outbox`: the systems;
//!   `redis` holds what the three Redis-based ones share (memory and node, the ways to run Redis).
//! - `assessment`: every system's numbers for one profile, worked out once.
//! - `cost`, `guidance`: what every system's cost options and guidance are written with.
//!
//! Adding a system is its module here, one line in [`REGISTRY`], and its data files (its entry
//! in `rules/candidates.yaml`, its prices, instances and operating hours in `rules/cost/`, its
//! limits). A built-in candidate without a module is a load error. Rule packs may still add
//! candidates of their own: those are ranked like any other, with no sizing, cost or guidance
//! (the tool says so).

pub mod assessment;
pub mod bullmq;
pub mod cost;
pub mod guidance;
pub mod kafka;
pub mod outbox;
pub mod rabbitmq;
pub mod redis;
pub mod redis_pubsub;
pub mod redis_streams;

pub use assessment::Assessment;
use cost::{Ctx, Draft, Figures, SystemWords, Words};
use guidance::{Inputs, SystemGuidance};
use kafka::guidance::KafkaGuidance;

/// What a system's guidance returns: how to run it, and for Kafka the structured `kafka` object.
pub type Guided = (SystemGuidance, Option<KafkaGuidance>);

/// A system with sizing, cost and guidance of its own: its entry in [`REGISTRY`]. Each system's
/// module gives one (`MODULE`): what differs between systems is data and two functions, so the
/// entry is a value rather than a type per system.
pub struct SystemModule {
    /// The candidate id (`rules/candidates.yaml`, the profile's `decision`, JSON).
    pub id: &'static str,
    /// The ways of running it (option ids; each needs hours in the `operations:` table).
    pub options: &'static [&'static str],
    /// The price ids its ways use directly (machine sizes name theirs in `instances:`).
    pub prices: &'static [&'static str],
    /// Every way of running it, priced for the profile in the context.
    pub price: fn(&Ctx) -> Vec<Draft>,
    /// The words of one of its ways, after the ranking, from its figures (None for a way it
    /// does not price: `tests/cost_props.rs` finds a way left unworded).
    pub word: fn(&Ctx, &Figures) -> Option<Words>,
    /// Its notes (ways left out, and why) and the assumptions every way shares, in words.
    pub notes: fn(&Ctx) -> SystemWords,
    /// How to run it for this profile, given the pick and why this guidance is shown
    /// (`recommended`, `decision`, `pattern`). Kafka also returns the structured `kafka` object.
    pub guide: fn(&Inputs, &str, &[String]) -> Guided,
}

/// Every system, in the order the cost lists them.
pub static REGISTRY: &[&SystemModule] = &[
    &kafka::MODULE,
    &redis_streams::MODULE,
    &bullmq::MODULE,
    &redis_pubsub::MODULE,
    &rabbitmq::MODULE,
    &outbox::MODULE,
];

/// The module of candidate `id`; None for a candidate a rule pack added.
pub fn by_id(id: &str) -> Option<&'static SystemModule> {
    REGISTRY.iter().copied().find(|m| m.id == id)
}

/// The candidate ids of every system, in [`REGISTRY`] order.
pub fn ids() -> impl Iterator<Item = &'static str> {
    REGISTRY.iter().map(|m| m.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_candidate_is_a_system_and_every_system_a_candidate() {
        let rules = crate::engine::RuleSet::builtin().unwrap();
        let mut candidates: Vec<&str> = rules.candidates.iter().map(|c| c.id.as_str()).collect();
        candidates.sort_unstable();
        let mut systems: Vec<&str> = ids().collect();
        systems.sort_unstable();
        assert_eq!(candidates, systems);
        for id in ids() {
            assert_eq!(by_id(id).map(|m| m.id), Some(id));
        }
        assert!(by_id("nats-jetstream").is_none());
    }
}
