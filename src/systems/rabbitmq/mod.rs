//! RabbitMQ: the nodes of its quorum-queue cluster, the ways to run it and what they cost, and
//! the guidance.

pub mod cost;
pub mod guidance;
pub mod sizing;

use super::cost::Ctx;
use super::guidance::{Inputs, SystemGuidance};
use super::kafka::guidance::KafkaGuidance;
use super::{Priced, SystemModule};

/// RabbitMQ's module in the registry.
pub struct Rabbitmq;

impl SystemModule for Rabbitmq {
    fn id(&self) -> &'static str {
        "rabbitmq"
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
        (guidance::guide(inp), None)
    }
}
