//! The database as the queue (transactional outbox): the ways to run its relay and what they
//! cost, and the guidance.

pub mod cost;
pub mod guidance;

use super::cost::Ctx;
use super::guidance::{Inputs, SystemGuidance};
use super::kafka::guidance::KafkaGuidance;
use super::{Priced, SystemModule};

/// The outbox's module in the registry.
pub struct Outbox;

impl SystemModule for Outbox {
    fn id(&self) -> &'static str {
        "outbox"
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
        recommended: &str,
        shown_for: &[String],
    ) -> (SystemGuidance, Option<KafkaGuidance>) {
        (guidance::guide(inp, recommended, shown_for), None)
    }
}
