//! Kafka: its numbers (partitions, topics, brokers, disk), the ways to run it and what they cost,
//! the guidance, and the topic names (with the `names` linter).

pub mod cost;
pub mod guidance;
pub mod naming;
pub mod sizing;

use super::cost::Ctx;
use super::guidance::{Inputs, SystemGuidance};
use super::{Priced, SystemModule};
use guidance::KafkaGuidance;

/// Kafka's module in the registry.
pub struct Kafka;

impl SystemModule for Kafka {
    fn id(&self) -> &'static str {
        "kafka"
    }

    fn options(&self) -> &'static [&'static str] {
        cost::OPTIONS
    }

    fn prices(&self) -> &'static [&'static str] {
        cost::PRICES
    }

    fn price(&self, ctx: &Ctx) -> Priced {
        cost::options(ctx)
    }

    fn guide(
        &self,
        inp: &Inputs,
        _recommended: &str,
        _shown_for: &[String],
    ) -> (SystemGuidance, Option<KafkaGuidance>) {
        let (g, k) = guidance::guide(inp);
        (g, Some(k))
    }
}
