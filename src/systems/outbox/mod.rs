//! The database as the queue (transactional outbox): the ways to run its relay and what they
//! cost, and the guidance.

pub mod cost;
pub mod guidance;

use super::SystemModule;

/// the database as the queue's entry in the registry.
pub static MODULE: SystemModule = SystemModule {
    id: "outbox",
    options: cost::OPTIONS,
    prices: cost::PRICES,
    price: cost::options,
    word: cost::word,
    notes: |_| crate::systems::cost::SystemWords::default(),
    guide: |inp, recommended, shown_for| (guidance::guide(inp, recommended, shown_for), None),
};
