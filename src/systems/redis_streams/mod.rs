//! Redis Streams: its guidance, and why it holds the memory it does; its sizing and the ways to run
//! Redis are the shared ones in `systems::redis`.

pub mod guidance;

use super::cost::{Ctx, txt};
use super::guidance::{Inputs, SystemGuidance};
use super::kafka::guidance::KafkaGuidance;
use super::redis;
use super::{Priced, SystemModule};
use crate::units::{bytes, num};

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
        let sizing = &ctx.w.assessment.redis_streams;
        let memory_why = if ctx.profile.replay.needed {
            txt!(
                ctx,
                "Memory {}: the replay window, {} msg/s average × {} days × {} per entry (payload and overhead, the measured model in rules/limits.yaml)",
                bytes(sizing.held_bytes),
                num(ctx.profile.throughput.avg()),
                num(ctx.profile.replay.retention_days),
                bytes(ctx.derived.redis_stream_entry_bytes),
            )
        } else {
            txt!(
                ctx,
                "Memory: no replay, so acknowledged entries are trimmed (XTRIM MINID/MAXLEN) and the stream holds only what is in flight (msgadvisor assumption)"
            )
        };
        let flavour = redis::cost::Flavour {
            sizing,
            memory_why,
            ecpu_note: None,
            serverless_unfit: None,
        };
        redis::cost::options(ctx, flavour)
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
