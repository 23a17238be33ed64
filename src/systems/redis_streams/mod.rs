//! Redis Streams: its guidance, and why it holds the memory it does; its sizing and the ways to run
//! Redis are the shared ones in `systems::redis`.

pub mod guidance;

use super::SystemModule;
use super::cost::Ctx;
use super::redis;
use super::redis::cost::{Flavour, Said};
use crate::units::{bytes, num};

/// Redis Streams's entry in the registry.
pub static MODULE: SystemModule = SystemModule {
    id: "redis-streams",
    options: redis::cost::OPTIONS,
    prices: redis::cost::PRICES,
    price: |ctx| redis::cost::options(ctx, &FLAVOUR),
    word: |ctx, f| redis::cost::word(ctx, f, &FLAVOUR, &said(ctx)),
    notes: |ctx| redis::cost::notes(ctx, said(ctx)),
    guide: |inp, _, _| (guidance::guide(inp), None),
};

/// The shared Redis ways, with what Redis Streams holds in memory.
const FLAVOUR: Flavour = Flavour {
    sizing: |a| &a.redis_streams,
    serverless_unfit: None,
    idle_commands: None,
    upstash_advised_against: None,
};

/// Why Redis Streams holds the memory it does, in words.
fn said(ctx: &Ctx) -> Said {
    let memory_why = if ctx.profile.replay.needed {
        format!(
            "Memory {}: the replay window, {} msg/s average × {} days × {} per entry (payload and overhead, the measured model in rules/limits.yaml)",
            bytes(ctx.w.assessment.redis_streams.held_bytes),
            num(ctx.profile.throughput.avg()),
            num(ctx.profile.replay.retention_days),
            bytes(ctx.derived.redis_stream_entry_bytes),
        )
    } else {
        "Memory: no replay, so acknowledged entries are trimmed (XTRIM MINID/MAXLEN) and the stream holds only what is in flight (msgadvisor assumption)".to_string()
    };
    Said {
        memory_why,
        ecpu_note: "",
    }
}
