//! Kafka: its numbers (partitions, topics, brokers, disk), the ways to run it and what they cost,
//! the guidance, and the topic names (with the `names` linter).

pub mod cost;
pub mod guidance;
pub mod naming;
pub mod sizing;

use super::SystemModule;

/// Kafka's entry in the registry.
pub static MODULE: SystemModule = SystemModule {
    id: "kafka",
    options: cost::OPTIONS,
    prices: cost::PRICES,
    price: cost::options,
    word: cost::word,
    notes: cost::notes,
    guide: |inp, _, _| {
        let (g, k) = guidance::guide(inp);
        (g, Some(k))
    },
};
