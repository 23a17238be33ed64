//! The Redis guidance that depends on where the cost suggests running Redis: persistence (AOF
//! on a Redis the team runs, Durability on node-based ElastiCache, neither on Serverless) and
//! what a cluster-mode endpoint asks of BullMQ.

use super::sizing::RedisSizing;
use crate::systems::guidance::{Advice, Inputs};

/// Where the cost suggests running a Redis-based system, as far as the Redis settings go: AOF
/// is a setting of a Redis the team runs; ElastiCache does not support it and offers Durability
/// instead (node-based only), and BullMQ needs hash tags on a cluster-mode endpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RedisHost {
    /// The Redis in `platform.existing`: the team's own, or a managed one; not known which.
    Existing,
    /// ElastiCache Serverless (Valkey or Redis OSS): always cluster mode.
    Serverless,
    /// Node-based ElastiCache.
    Nodes,
    /// Upstash Redis (pay as you go).
    Upstash,
    /// No suggested way (not priced, or every way over a limit).
    Unknown,
}

/// The [`RedisHost`] of the way the cost suggests for `system`.
pub(crate) fn redis_host(inp: &Inputs, system: &str) -> RedisHost {
    use super::cost::{EXISTING_REDIS, NODES, REDIS_OSS, UPSTASH, VALKEY};
    match inp.suggested.get(system).copied().unwrap_or("") {
        EXISTING_REDIS => RedisHost::Existing,
        NODES => RedisHost::Nodes,
        UPSTASH => RedisHost::Upstash,
        w if w == VALKEY.option || w == REDIS_OSS.option => RedisHost::Serverless,
        _ => RedisHost::Unknown,
    }
}

const SRC_NO_AOF: &str = "ElastiCache User Guide, Durability in ElastiCache and its Limitations (docs.aws.amazon.com/AmazonElastiCache/latest/dg/durability.html, Durability.Limitations.html) [V]: `appendonly` and `appendfsync` are not supported; Durability (a Multi-AZ transaction log) needs Valkey 9.0+, node-based clusters with cluster mode enabled, Multi-AZ with at least one replica per shard, TLS in transit, node families R7g, R6g, M7g, M6g, C7gn; not ElastiCache Serverless (domain-facts §8)";
const SRC_DURABILITY: &str = "ElastiCache User Guide, Durability options (docs.aws.amazon.com/AmazonElastiCache/latest/dg/Durability.Options.html) [V]: synchronous writes ensure no acknowledged write is lost, at single-digit-millisecond write latency; asynchronous writes may lose up to the last 10 seconds of writes";
const SRC_REPLICATION: &str = "ElastiCache User Guide, High availability using replication groups (docs.aws.amazon.com/AmazonElastiCache/latest/dg/Replication.html) [V]: due to replication latency, some data may be lost if the primary fails";
const SRC_SERVERLESS: &str = "ElastiCache User Guide, Choosing between deployment options (docs.aws.amazon.com/AmazonElastiCache/latest/dg/WhatIs.deployment.html) [V]: Serverless stores data redundantly across three Availability Zones, 99.99% availability SLA";
pub(crate) const SRC_UPSTASH_EVICTION: &str = "upstash.com/docs/redis/features/eviction [V]: \"By default eviction is disabled, and Upstash Redis will reject write operations once the maximum data size limit has been reached\"; enabling it removes data \"(including Durable Storage)\"";
const SRC_AOF_DEFAULT: &str = "redis.conf of Redis 7.0.15 [V]: `appendonly no` is the shipped default, only `appendfsync` defaults to everysec (domain-facts §8)";
/// What ElastiCache Durability costs, as far as msgadvisor's sources say: the node price
/// covers asynchronous writes; synchronous writes cost extra, at a rate not found.
pub(crate) const SRC_DURABILITY_COST: &str = "AWS What's New, 2026-10-27, ElastiCache for Valkey supports changing durability on existing clusters (aws.amazon.com/about-aws/whats-new/2026/10/elasticache-changing-durability, read in its Chinese edition) [V]: asynchronous writes keep microsecond write latency at no additional cost; aiexpert.news on AWS's announcement (AWS Database Blog, 2026) [S]: synchronous writes incur additional cost; no rate for them in msgadvisor's sources";
/// What AWS says of Serverless and Durability (a macro, so that a sentence can quote it in a
/// constant).
macro_rules! src_serverless_no_durability {
    () => {
        "ElastiCache User Guide, Durability Limitations (docs.aws.amazon.com/AmazonElastiCache/latest/dg/Durability.Limitations.html) [V]: durability is not supported with ElastiCache Serverless; Durability in ElastiCache (durability.html) [V]: \"If your application cannot tolerate any data loss, we recommend synchronous writes\""
    };
}
pub(crate) use src_serverless_no_durability;
/// Why ElastiCache Serverless does not suit a workload that cannot lose messages.
pub(crate) const SRC_SERVERLESS_NO_DURABILITY: &str = src_serverless_no_durability!();
/// What Upstash's docs say of its writes' durability, and what they leave unsaid.
const SRC_UPSTASH_DURABILITY: &str = "docs.upstash.com/redis/features/durability [V]: \"Every write operation is persisted to block storage provided by cloud providers (EBS in AWS case)\"; upstash.com/docs/redis/features/consistency [V]: a write \"is initially processed by the leader replica and then asynchronously propagated to the backup replicas\"; neither says whether a write is on disk before it is acknowledged";
/// Why Upstash ranks after ElastiCache nodes with Durability for a workload that cannot lose
/// messages (the cost's reason quotes it).
pub(crate) const UPSTASH_DURABILITY_DOUBT: &str = "Upstash's docs say every write is persisted to block storage and reaches the backup replicas asynchronously, not whether it is on disk before Upstash acknowledges it (docs.upstash.com/redis/features/durability, upstash.com/docs/redis/features/consistency [V]): ask Upstash";
/// Node families ElastiCache Durability runs on (Durability.Limitations).
const DURABLE_FAMILIES: &[&str] = &["r7g", "r6g", "m7g", "m6g", "c7gn"];
/// The same, as the guidance and the cost write them.
pub(crate) const DURABLE_FAMILY_NAMES: &str = "R7g, R6g, M7g, M6g or C7gn";

/// The node family of an ElastiCache node type (`cache.m7g.large` → `m7g`).
fn family(instance: &str) -> &str {
    instance
        .trim_start_matches("cache.")
        .split('.')
        .next()
        .unwrap_or("")
}

/// Whether ElastiCache Durability runs on this node type.
pub(crate) fn durable_family(instance: &str) -> bool {
    DURABLE_FAMILIES.contains(&family(instance))
}

/// How a Redis-based system's writes survive a crash where the cost suggests running it:
/// AOF for a Redis the team runs, what ElastiCache offers (and does not) when it is ElastiCache.
/// `what` names what a lost write is (`jobs`, `entries`).
pub(crate) fn redis_durability(
    inp: &Inputs,
    system: &str,
    sizing: &RedisSizing,
    what: &str,
) -> Vec<Advice> {
    use crate::units::{num, thousands};
    let aof = inp.limit("redis_aof_everysec_loss_seconds", 1.0);
    let lost = thousands((inp.derived.peak_per_sec_grown * aof.value).ceil());
    let no_loss = !inp.profile.delivery.loss_ok;
    let aof_advice = |prefix: &str| {
        Advice::cited(
            format!(
                "{prefix}AOF, `appendonly yes` (the shipped redis.conf has `appendonly no`), with `appendfsync everysec`, which can lose about {} s of writes in a crash, about {lost} {what} at peak after growth; `always` costs a disk sync per write.",
                num(aof.value)
            ),
            [aof.source.as_str(), SRC_AOF_DEFAULT],
        )
    };
    match redis_host(inp, system) {
        RedisHost::Existing | RedisHost::Unknown => vec![
            aof_advice("Persistence, on a Redis you run yourself: "),
            Advice::new(
                "If that Redis is ElastiCache, `appendonly` and `appendfsync` are not available: its option is Durability (Valkey 9.0 or later, node-based with cluster mode enabled), and ElastiCache Serverless has neither.",
                SRC_NO_AOF,
            ),
        ],
        RedisHost::Nodes => {
            let node = sizing.node.as_ref();
            let replica = if sizing.replicas > 0 {
                "the replica priced here"
            } else {
                "none is priced here: add one"
            };
            let node_fits = match node {
                Some(n) if durable_family(&n.instance) => {
                    format!(" {}, as priced here, is one of them.", n.instance)
                }
                Some(n) => format!(
                    " {}, as priced here, is not: Durability needs a larger node family.",
                    n.instance
                ),
                None => String::new(),
            };
            // Durability's write limit per primary, when the peak needs more than one.
            let shards = if sizing.primaries > 1 {
                format!(
                    " Durability carries at most {}/s of writes per primary: at {}/s after growth, shard the data over {} primaries, as priced here.",
                    crate::units::bytes(
                        inp.cost
                            .fact("elasticache_durability_write_bytes_per_sec_max")
                    ),
                    crate::units::bytes(inp.derived.peak_bytes_per_sec_grown),
                    num(sizing.primaries as f64)
                )
            } else {
                String::new()
            };
            vec![
                Advice::new(
                    format!(
                        "Persistence on ElastiCache: `appendonly` and `appendfsync` are not supported. Its option is Durability, a Multi-AZ transaction log, on Valkey 9.0 or later with cluster mode enabled, Multi-AZ with at least one replica per shard ({replica}) and TLS in transit, on node families {DURABLE_FAMILY_NAMES}.{node_fits}{shards}"
                    ),
                    SRC_NO_AOF,
                ),
                if no_loss {
                    Advice::cited(
                        "Choose synchronous writes, as this workload cannot lose messages: no acknowledged write is lost, at single-digit-millisecond write latency; asynchronous writes keep microsecond latency but may lose the last 10 s of writes. Synchronous writes cost extra beyond the node-hours, at a rate not in msgadvisor's sources: the node-based cost leaves it out and says so (asynchronous writes cost nothing extra). That setting is why node-based ElastiCache is the way suggested here, over lower or complete totals: ElastiCache Serverless has no Durability, and Upstash's docs do not say a write is on disk before it is acknowledged.",
                        [
                            SRC_DURABILITY,
                            SRC_DURABILITY_COST,
                            SRC_SERVERLESS_NO_DURABILITY,
                            SRC_UPSTASH_DURABILITY,
                        ],
                    )
                } else {
                    Advice::cited(
                        "Synchronous writes lose no acknowledged write, at single-digit-millisecond write latency, and cost extra beyond the node-hours (a rate not in msgadvisor's sources); asynchronous writes cost nothing extra and keep microsecond latency but may lose the last 10 s of writes.",
                        [SRC_DURABILITY, SRC_DURABILITY_COST],
                    )
                },
                Advice::new(
                    "Without Durability, the replica is copied asynchronously: when the primary fails, writes it had not yet passed on are lost.",
                    SRC_REPLICATION,
                ),
            ]
        }
        RedisHost::Upstash => vec![Advice::cited(
            format!(
                "Persistence on Upstash: its docs speak of Durable Storage behind the memory, but how soon an acknowledged write reaches it is not in msgadvisor's sources{} Keep eviction disabled, Upstash's default: it then refuses writes at the data-size limit instead of deleting data.",
                if no_loss {
                    "; this workload cannot lose messages, so ask Upstash before relying on it (it is suggested here because node-based ElastiCache, with Durability, does not fit)."
                } else {
                    "."
                }
            ),
            [SRC_UPSTASH_DURABILITY, SRC_UPSTASH_EVICTION],
        )],
        RedisHost::Serverless => vec![Advice::cited(
            format!(
                "Persistence on ElastiCache Serverless: `appendonly` and `appendfsync` are not supported, and Durability is not available on Serverless. It stores data across three Availability Zones (99.99% availability SLA), but no setting there makes an acknowledged write survive a failure{}",
                // Suggested for such a workload only when no way that has one fits.
                if no_loss {
                    "; this workload cannot lose messages: prefer node-based ElastiCache for Valkey with Durability (synchronous writes) wherever it fits, as the cost does: it is suggested here only because no way with such a setting fits."
                } else {
                    "."
                }
            ),
            [SRC_NO_AOF, SRC_SERVERLESS],
        )],
    }
}
