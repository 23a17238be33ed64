//! Redis Pub/Sub: its guidance, and why it holds the memory it does; its sizing and the ways to run
//! Redis are the shared ones in `systems::redis`.

pub mod guidance;

use super::cost::{Ctx, txt};
use super::guidance::{Inputs, SystemGuidance};
use super::kafka::guidance::KafkaGuidance;
use super::redis;
use super::{Priced, SystemModule};

/// Redis Pub/Sub's module in the registry.
pub struct RedisPubsub;

impl SystemModule for RedisPubsub {
    fn id(&self) -> &'static str {
        "redis-pubsub"
    }

    fn options(&self) -> &'static [&'static str] {
        redis::cost::OPTIONS
    }

    fn prices(&self) -> &'static [&'static str] {
        redis::cost::PRICES
    }

    fn price(&self, ctx: &Ctx) -> Priced {
        let flavour = redis::cost::Flavour {
            sizing: &ctx.w.assessment.redis_in_flight,
            memory_why: txt!(
                ctx,
                "Memory: Pub/Sub stores nothing; a message goes to whoever is subscribed and is gone (redis.io [V])"
            ),
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
