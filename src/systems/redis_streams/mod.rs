//! Redis Streams: its guidance, and why it holds the memory it does; its sizing and the ways to run
//! Redis are the shared ones in `systems::redis`.

pub mod guidance;

use super::cost::{Ctx, txt};
use super::redis;
use super::{Priced, SystemModule};
use crate::units::{bytes, num};

/// Redis Streams's entry in the registry.
pub static MODULE: SystemModule = SystemModule {
    id: "redis-streams",
    options: redis::cost::OPTIONS,
    prices: redis::cost::PRICES,
    price,
    word: |_, _| None,
    notes: |_| None,
    guide: |inp, _, _| (guidance::guide(inp), None),
};

/// Every way of running Redis Streams: the shared Redis ways, with what Redis Streams holds in memory.
fn price(ctx: &Ctx) -> Priced {
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
        idle_commands: None,
        upstash_advised_against: None,
        stores_messages: true,
    };
    redis::cost::options(ctx, flavour)
}
