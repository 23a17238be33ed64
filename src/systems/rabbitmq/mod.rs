//! RabbitMQ: the nodes of its quorum-queue cluster, the ways to run it and what they cost, and
//! the guidance.

pub mod cost;
pub mod guidance;
pub mod sizing;

use super::SystemModule;

/// RabbitMQ's entry in the registry.
pub static MODULE: SystemModule = SystemModule {
    id: "rabbitmq",
    options: cost::OPTIONS,
    prices: cost::PRICES,
    price: cost::options,
    word: cost::word,
    notes: cost::notes,
    guide: |inp, _, _| (guidance::guide(inp), None),
};
