//! The ways to run Redis Streams, BullMQ and Redis Pub/Sub: the Redis the team already runs,
//! ElastiCache Serverless (Valkey or Redis OSS) sized by the memory the workload needs, or
//! ElastiCache nodes (node prices uncertain).

use super::{Capacity, Ctx, Draft, GIB, Hosting, Use};
use crate::units::{bytes, num, thousands, usd};

pub(super) const VALKEY_GIB_HOUR: &str = "elasticache-serverless-valkey-gib-hour";
pub(super) const VALKEY_ECPU: &str = "elasticache-serverless-valkey-million-ecpu";
pub(super) const REDIS_GIB_HOUR: &str = "elasticache-serverless-redis-gib-hour";
pub(super) const REDIS_ECPU: &str = "elasticache-serverless-redis-million-ecpu";

const EXISTING: &[&str] = &["redis", "valkey"];

/// Why `system` holds the memory the assessment says it does (`RedisSizing::held_bytes`).
fn memory_why(ctx: &Ctx, system: &str, held: f64) -> String {
    match system {
        "redis-streams" if ctx.profile.replay.needed => txt!(
            ctx,
            "Memory {}: the replay window, {} msg/s average × {} days × {} per entry (payload and overhead, the measured model in rules/limits.yaml)",
            bytes(held),
            num(ctx.profile.throughput.avg()),
            num(ctx.profile.replay.retention_days),
            bytes(ctx.derived.redis_stream_entry_bytes),
        ),
        "redis-streams" => txt!(
            ctx,
            "Memory: no replay, so acknowledged entries are trimmed (XTRIM MINID/MAXLEN) and the stream holds only what is in flight (msgadvisor assumption)"
        ),
        "bullmq" => match &ctx.w.assessment.bullmq.delayed {
            Some(d) => txt!(
                ctx,
                "Memory: finished jobs are removed (removeOnComplete/removeOnFail; otherwise they are kept forever, dev.to [S]), so Redis holds the backlog and the delayed jobs until they are due. The profile says jobs are delayed, not for how long: each hour of delay holds up to {} jobs at the average rate after growth, about {} ({} per job: {} B × {} allocator rounding + {} B, {}); that memory is not counted here",
                thousands(d.jobs_per_hour_grown.ceil()),
                bytes(d.bytes_per_hour_grown),
                bytes(d.job_bytes),
                thousands(ctx.profile.throughput.message_bytes as f64),
                ctx.fact("redis_stream_allocator_rounding"),
                thousands(ctx.fact("bullmq_job_overhead_bytes")),
                ctx.fact_source("bullmq_job_overhead_bytes"),
            ),
            None => txt!(
                ctx,
                "Memory: finished jobs are removed (removeOnComplete/removeOnFail; otherwise they are kept forever, dev.to [S]), so Redis holds only the backlog (msgadvisor assumption)"
            ),
        },
        _ => txt!(
            ctx,
            "Memory: Pub/Sub stores nothing; a message goes to whoever is subscribed and is gone (redis.io [V])"
        ),
    }
}

pub(super) fn options(ctx: &Ctx, system: &str) -> (Vec<Draft>, Vec<String>, Vec<String>) {
    // The figure is the assessment's, the one the node option and the guidance use.
    let mem = ctx.w.assessment.redis(system).held_bytes;
    let mem_why = memory_why(ctx, system, mem);
    let w = &ctx.w;
    let kb = (ctx.profile.throughput.message_bytes as f64 / ctx.fact("elasticache_ecpu_bytes"))
        .ceil()
        .max(1.0);
    let ecpu_millions = w.messages_per_month * (1.0 + w.groups) * kb / 1e6;
    let mut ecpu_why = txt!(
        ctx,
        "ECPUs {} million = {} messages a month × (1 write + {} read(s), one per consumer group) × {} ECPU each ({})",
        num(ecpu_millions),
        thousands(w.messages_per_month),
        num(w.groups),
        num(kb),
        ctx.fact_source("elasticache_ecpu_bytes"),
    );
    if ctx.text && system == "bullmq" {
        ecpu_why
            .push_str("; BullMQ runs several commands per job in Lua scripts, so this is a floor");
    }

    let mut out = Vec::new();
    if ctx.has_existing(EXISTING) {
        let comfortable = ctx.fact("redis_stream_comfortable_bytes");
        let (capacity, note) = if mem <= comfortable {
            let room = match (&ctx.w.assessment.redis(system).delayed, mem > 0.0) {
                (Some(d), _) => txt!(
                    ctx,
                    "has about {} free per hour of delay for the delayed jobs and ",
                    bytes(d.bytes_per_hour_grown)
                ),
                (None, true) => txt!(ctx, "has {} free and ", bytes(mem)),
                (None, false) => String::new(),
            };
            (
                Capacity::Assumed,
                txt!(
                    ctx,
                    "platform.existing has Redis; check it {room}suits a queue (noeviction; AOF everysec, or Durability on ElastiCache)"
                ),
            )
        } else {
            (
                Capacity::Unchecked,
                txt!(
                    ctx,
                    "{} is more than the {} a Redis node comfortably holds ({}): the existing Redis likely needs more memory",
                    bytes(mem),
                    bytes(comfortable),
                    ctx.fact_source("redis_stream_comfortable_bytes")
                ),
            )
        };
        out.push(Draft {
            option: "existing-redis",
            name: txt!(ctx, "The Redis you already run"),
            hosting: Hosting::Existing,
            development_only: None,
            unpriced: Vec::new(),
            capacity,
            capacity_note: note,
            lines: Vec::new(),
            assumptions: vec![
                txt!(
                    ctx,
                    "No new nodes: runs on the Redis in platform.existing; its added memory is not priced"
                ),
                mem_why.clone(),
            ],
        });
    }
    for valkey in [true, false] {
        out.push(serverless(
            ctx,
            system,
            valkey,
            mem,
            &mem_why,
            ecpu_millions,
            &ecpu_why,
        ));
    }
    out.push(nodes(ctx, system, &mem_why));
    (out, Vec::new(), vec![mem_why, ecpu_why])
}

fn serverless(
    ctx: &Ctx,
    system: &str,
    valkey: bool,
    mem: f64,
    mem_why: &str,
    ecpu_millions: f64,
    ecpu_why: &str,
) -> Draft {
    let w = &ctx.w;
    let (option, name, gib_hour, ecpu, min_fact) = if valkey {
        (
            "elasticache-serverless-valkey",
            "ElastiCache Serverless for Valkey",
            VALKEY_GIB_HOUR,
            VALKEY_ECPU,
            "elasticache_valkey_min_metered_bytes",
        )
    } else {
        (
            "elasticache-serverless-redis",
            "ElastiCache Serverless for Redis OSS",
            REDIS_GIB_HOUR,
            REDIS_ECPU,
            "elasticache_redis_min_metered_bytes",
        )
    };
    let min = ctx.fact(min_fact);
    let metered = mem.max(min);
    let delayed = ctx.w.assessment.redis(system).delayed.as_ref();
    // Delayed jobs' memory depends on a delay length the profile does not give: the line
    // counts what is known and the option says what it leaves out, per hour of delay.
    let stored = match delayed {
        Some(_) => txt!(
            ctx,
            "the minimum metered, {} (the delayed jobs' memory is not known: see below)",
            bytes(min)
        ),
        None => txt!(ctx, "{} (at least {} metered)", bytes(mem), bytes(min)),
    };
    let mut unpriced = Vec::new();
    if let Some(d) = delayed {
        let per_hour = d.bytes_per_hour_grown / GIB * w.hours;
        let usd = ctx
            .data
            .prices
            .get(gib_hour)
            .and_then(|p| p.amount)
            .map_or_else(String::new, |a| {
                txt!(ctx, ", about {} a month", usd(per_hour * a))
            });
        unpriced.push(txt!(
            ctx,
            "the delayed jobs' memory: the profile gives no delay length; each hour of delay adds up to {} stored ({} GiB-hour a month{usd})",
            bytes(d.bytes_per_hour_grown),
            num(per_hour)
        ));
    }
    let lines = vec![
        ctx.line(
            txt!(ctx, "data stored: {stored} × {} h", num(w.hours)),
            metered / GIB * w.hours,
            "GiB-hour",
            gib_hour,
        ),
        ctx.line("ECPUs", ecpu_millions, "million ECPU", ecpu),
    ];
    let mut assumptions = vec![
        mem_why.to_string(),
        txt!(
            ctx,
            "Minimum metered {}: {}",
            bytes(min),
            ctx.fact_source(min_fact)
        ),
        ecpu_why.to_string(),
    ];
    assumptions.extend(ctx.aws_note());
    // BullMQ's own docs advise against Serverless: its eviction policy can drop jobs, so it is
    // not suggested where messages must not be lost.
    let development_only = (system == "bullmq").then(|| {
        txt!(
            ctx,
            "BullMQ's docs advise the cache-nodes setup, not Serverless, which \"for the moment uses an incompatible maxmemory-policy\" (docs.bullmq.io/guide/redis-tm-hosting/aws-elasticache [V])"
        )
    });
    Draft {
        option,
        name: ctx.copy(name),
        hosting: Hosting::Managed,
        development_only,
        unpriced,
        capacity: Capacity::Checked,
        capacity_note: txt!(
            ctx,
            "sized by the memory the workload needs (serverless grows with the data; its upper limits are not in msgadvisor's sources)"
        ),
        lines,
        assumptions,
    }
}

fn nodes(ctx: &Ctx, system: &str, mem_why: &str) -> Draft {
    let w = &ctx.w;
    // The node the Redis guidance names, sized for the memory after growth.
    let r = ctx.w.assessment.redis(system);
    let reserved = r.reserved_fraction;
    let need = r.node_bytes;
    let replicas = r.replicas as f64;
    let count = 1.0 + replicas;
    let picked = r.node.as_ref().and_then(|node| {
        ctx.data
            .sizes(Use::ElasticacheNode)
            .find(|(i, _)| i.name == node.instance)
            .map(|(i, p)| (node, i, p))
    });
    let Some((node, inst, price)) = picked else {
        return Draft {
            option: "elasticache-nodes",
            name: txt!(ctx, "ElastiCache nodes"),
            hosting: Hosting::Managed,
            development_only: None,
            unpriced: Vec::new(),
            capacity: Capacity::Unchecked,
            capacity_note: txt!(ctx, "no node size with a price in `instances:`"),
            lines: Vec::new(),
            assumptions: Vec::new(),
        };
    };
    let (capacity, note) = match (node.memory_bytes, &r.delayed) {
        // How long jobs wait is not known: say how many hours of delay the node holds.
        (Some(m), Some(d)) => (
            Capacity::Unchecked,
            txt!(
                ctx,
                "{} has {}; with {}% reserved it holds about {} hours of delay at the average rate after growth (about {} per hour); the profile gives no delay length: check the longest delay fits",
                inst.name,
                bytes(m),
                num(reserved * 100.0),
                num(d.node_hours.unwrap_or(0.0).floor()),
                bytes(d.bytes_per_hour_grown)
            ),
        ),
        (Some(m), None) if node.fits => (
            Capacity::Checked,
            txt!(
                ctx,
                "{} needed after growth with {}% reserved; {} has {}",
                bytes(need),
                num(reserved * 100.0),
                inst.name,
                bytes(m)
            ),
        ),
        (Some(m), None) => (
            Capacity::Exceeded,
            txt!(
                ctx,
                "{} needed after growth with {}% reserved; the largest node size, {}, has {}",
                bytes(need),
                num(reserved * 100.0),
                inst.name,
                bytes(m)
            ),
        ),
        (None, _) if need > 0.0 => (
            Capacity::Unchecked,
            txt!(
                ctx,
                "{} needed after growth with {}% reserved; {}'s memory is not in msgadvisor's sources: check it fits",
                bytes(need),
                num(reserved * 100.0),
                inst.name
            ),
        ),
        (None, _) => (
            Capacity::Unchecked,
            txt!(
                ctx,
                "only the backlog is held; {}'s memory is not in msgadvisor's sources: check it fits",
                inst.name
            ),
        ),
    };
    let lines = vec![ctx.line(
        txt!(
            ctx,
            "node-hours: {} × {} × {} h",
            num(count),
            inst.name,
            num(w.hours)
        ),
        count * w.hours,
        "node-hour",
        &price.id,
    )];
    let mut assumptions = vec![
        mem_why.to_string(),
        txt!(
            ctx,
            "{} node(s): 1 primary + {} replica(s): {}",
            num(count),
            num(replicas),
            ctx.fact_source("elasticache_node_replicas")
        ),
        txt!(
            ctx,
            "{}% of node memory reserved: {}",
            num(reserved * 100.0),
            ctx.fact_source("elasticache_reserved_memory_fraction")
        ),
        txt!(ctx, "{}: {}", inst.name, inst.source),
    ];
    assumptions.extend(ctx.aws_note());
    Draft {
        option: "elasticache-nodes",
        name: txt!(ctx, "ElastiCache nodes ({} × {})", num(count), inst.name),
        hosting: Hosting::Managed,
        development_only: None,
        unpriced: Vec::new(),
        capacity,
        capacity_note: note,
        lines,
        assumptions,
    }
}
