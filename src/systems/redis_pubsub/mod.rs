//! Redis Pub/Sub: its guidance, and why it holds the memory it does; its sizing and the ways to run
//! Redis are the shared ones in `systems::redis`.

pub mod guidance;

use super::cost::{Ctx, txt};
use super::redis;
use super::{Priced, SystemModule};

/// Redis Pub/Sub's entry in the registry.
pub static MODULE: SystemModule = SystemModule {
    id: "redis-pubsub",
    options: redis::cost::OPTIONS,
    prices: redis::cost::PRICES,
    price,
    word: |_, _| None,
    notes: |_| None,
    guide: |inp, _, _| (guidance::guide(inp), None),
};

/// Every way of running Redis Pub/Sub: the shared Redis ways, with what Redis Pub/Sub holds in memory.
fn price(ctx: &Ctx) -> Priced {
    let flavour = redis::cost::Flavour {
        sizing: &ctx.w.assessment.redis_pubsub,
        memory_why: txt!(
            ctx,
            "Memory: Pub/Sub stores nothing; a message goes to whoever is subscribed and is gone (redis.io [V])"
        ),
        ecpu_note: None,
        serverless_unfit: None,
        idle_commands: None,
        upstash_advised_against: None,
        stores_messages: false,
    };
    redis::cost::options(ctx, flavour)
}
