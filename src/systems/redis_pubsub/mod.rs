//! Redis Pub/Sub: its guidance, and why it holds the memory it does; its sizing and the ways to run
//! Redis are the shared ones in `systems::redis`.

pub mod guidance;

use super::SystemModule;
use super::redis;
use super::redis::cost::{Flavour, Said};

/// Redis Pub/Sub's entry in the registry.
pub static MODULE: SystemModule = SystemModule {
    id: "redis-pubsub",
    options: redis::cost::OPTIONS,
    prices: redis::cost::PRICES,
    price: |ctx| redis::cost::options(ctx, &FLAVOUR),
    word: |ctx, f| redis::cost::word(ctx, f, &FLAVOUR, &said()),
    notes: |ctx| redis::cost::notes(ctx, said()),
    guide: |inp, _, _| (guidance::guide(inp), None),
};

/// The shared Redis ways, with what Redis Pub/Sub holds in memory: what is in flight.
const FLAVOUR: Flavour = Flavour {
    sizing: |a| &a.redis_pubsub,
    serverless_unfit: None,
    idle_commands: None,
    upstash_advised_against: None,
};

/// Why Redis Pub/Sub holds no memory, in words.
fn said() -> Said {
    Said {
        memory_why: "Memory: Pub/Sub stores nothing; a message goes to whoever is subscribed and is gone (redis.io [V])".to_string(),
        ecpu_note: "",
    }
}
