//! BullMQ: its guidance, and why it holds the memory it does; its sizing and the ways to run
//! Redis are the shared ones in `systems::redis`.

pub mod guidance;

use super::SystemModule;
use super::cost::Ctx;
use super::redis;
use super::redis::cost::{Flavour, Said};
use crate::units::{bytes, thousands};

/// BullMQ's entry in the registry.
pub static MODULE: SystemModule = SystemModule {
    id: "bullmq",
    options: redis::cost::OPTIONS,
    prices: redis::cost::PRICES,
    price: |ctx| redis::cost::options(ctx, &FLAVOUR),
    word: |ctx, f| redis::cost::word(ctx, f, &FLAVOUR, &said(ctx)),
    notes: |ctx| redis::cost::notes(ctx, said(ctx)),
    guide: |inp, _, _| (guidance::guide(inp), None),
};

/// The shared Redis ways, with what BullMQ holds in memory and what its docs and Upstash's say.
const FLAVOUR: Flavour = Flavour {
    sizing: |a| &a.bullmq,
    // BullMQ's own docs advise against Serverless: its eviction policy can drop jobs, so
    // it is not suggested where messages must not be lost.
    serverless_unfit: Some(
        "BullMQ's docs advise the cache-nodes setup, not Serverless, which \"for the moment uses an incompatible maxmemory-policy\" (docs.bullmq.io/guide/redis-tm-hosting/aws-elasticache [V])",
    ),
    // Upstash's own page on BullMQ: its workers poll, and pay as you go bills each command.
    idle_commands: Some(
        "BullMQ's commands while queues are idle: \"BullMQ accesses Redis regularly, even when there is no queue activity\", billed per command on pay as you go; Upstash recommends a Fixed plan for BullMQ (upstash.com/docs/redis/integrations/bullmq [V])",
    ),
    // Upstash's own advice against pay as you go for BullMQ: what ranks this way after
    // the ElastiCache nodes when both totals leave a cost out.
    upstash_advised_against: Some(
        "Upstash's page on BullMQ: \"we recommend switching to a Fixed plan to avoid increased command count and high costs in BullMQ use cases\" (upstash.com/docs/redis/integrations/bullmq [V]); no Fixed plan price is in msgadvisor's sources",
    ),
};

/// Why BullMQ holds the memory it does, and why its command counts are floors, in words.
fn said(ctx: &Ctx) -> Said {
    let memory_why = match &ctx.w.assessment.bullmq.delayed {
        Some(d) => format!(
            "Memory: finished jobs are removed (removeOnComplete/removeOnFail; otherwise they are kept forever, dev.to [S]), so Redis holds the backlog and the delayed jobs until they are due. The profile says jobs are delayed, not for how long: each hour of delay holds up to {} jobs at the average rate after growth, about {} ({} per job: {} B × {} allocator rounding + {} B, {}); that memory is not counted here",
            thousands(d.jobs_per_hour_grown.ceil()),
            bytes(d.bytes_per_hour_grown),
            bytes(d.job_bytes),
            thousands(ctx.profile.throughput.message_bytes as f64),
            ctx.fact("redis_stream_allocator_rounding"),
            thousands(ctx.fact("bullmq_job_overhead_bytes")),
            ctx.fact_source("bullmq_job_overhead_bytes"),
        ),
        None => "Memory: finished jobs are removed (removeOnComplete/removeOnFail; otherwise they are kept forever, dev.to [S]), so Redis holds only the backlog (msgadvisor assumption)".to_string(),
    };
    Said {
        memory_why,
        ecpu_note: "; BullMQ runs several commands per job in Lua scripts, so this is a floor",
    }
}
