//! BullMQ: its guidance (its sizing and cost are the shared Redis ones).

pub mod guidance;

use super::cost::Ctx;
use super::guidance::{Inputs, SystemGuidance};
use super::kafka::guidance::KafkaGuidance;
use super::redis;
use super::{Priced, SystemModule};

/// BullMQ's module in the registry.
pub struct Bullmq;

impl SystemModule for Bullmq {
    fn id(&self) -> &'static str {
        "bullmq"
    }

    fn options(&self) -> &'static [&'static str] {
        redis::cost::OPTIONS
    }

    fn prices(&self) -> &'static [&'static str] {
        redis::cost::PRICES
    }

    fn price(&self, ctx: &Ctx) -> Priced {
        redis::cost::options(ctx, self.id())
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
