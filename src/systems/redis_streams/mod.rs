//! Redis Streams: its guidance (its sizing and cost are the shared Redis ones).

pub mod guidance;

use super::cost::Ctx;
use super::guidance::{Inputs, SystemGuidance};
use super::kafka::guidance::KafkaGuidance;
use super::redis;
use super::{Priced, SystemModule};

/// Redis Streams's module in the registry.
pub struct RedisStreams;

impl SystemModule for RedisStreams {
    fn id(&self) -> &'static str {
        "redis-streams"
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
