//! BullMQ: its guidance, and why it holds the memory it does; its sizing and the ways to run
//! Redis are the shared ones in `systems::redis`.

pub mod guidance;

use super::cost::{Ctx, txt};
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
        let flavour = redis::cost::Flavour {
            sizing: &ctx.w.assessment.redis_in_flight,
            memory_why: txt!(
                ctx,
                "Memory: finished jobs are removed (removeOnComplete/removeOnFail; otherwise they are kept forever, dev.to [S]), so Redis holds only the backlog (msgadvisor assumption)"
            ),
            ecpu_note: Some(
                "; BullMQ runs several commands per job in Lua scripts, so this is a floor",
            ),
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
