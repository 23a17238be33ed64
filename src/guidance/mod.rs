//! What follows a choice: how to run the recommended system, the team's declared one, and any
//! complementary pattern, as data on the report (rendered by every format, deciding nothing).
//!
//! - `kafka`: partition count, replication and durability, retention and storage, schemas,
//!   backpressure and gotchas, and the structured `kafka` object of docs/SPEC.md.
//! - `naming`: topic, retry, DLQ and consumer-group names from the profile; the `names` linter.
//! - `redis_streams`: RAM for the retained window, trimming, consumer groups, stuck entries.
//! - `bullmq`: runtimes, Redis settings, concurrency, retries, job retention.
//! - `outbox`: the table, the relay (polling or log tailing), idempotency, one worker's ceiling.
//! - `pubsub`: at-most-once delivery, slow and disconnected subscribers.
//! - `rabbitmq`: quorum queues, prefetch, dead-lettering.
//! - `sizing`: the `sizing:` data table in `rules/` (partition counts, MSK per-broker limits).

pub mod bullmq;
pub mod kafka;
pub mod naming;
pub mod outbox;
pub mod pubsub;
pub mod rabbitmq;
pub mod redis_streams;
pub mod sizing;

use crate::engine::RuleSet;
use crate::profile::{Derived, Profile};
use crate::report::Report;
use serde::Serialize;
pub use sizing::Sizing;

/// How to run one system, for this profile.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SystemGuidance {
    /// The candidate id (`kafka`, `redis-streams`, …).
    pub system: String,
    pub name: String,
    /// Why this guidance is here: `recommended`, `decision` (the profile's declared choice) and/or
    /// `pattern` (a complementary pattern of the recommendation).
    pub shown_for: Vec<String>,
    /// One sentence of context when this is not simply the recommendation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// What needs attention before anything else, for this profile.
    pub warnings: Vec<Advice>,
    /// The numbers, each with the arithmetic that produced it.
    pub figures: Vec<Figure>,
    pub sections: Vec<Section>,
}

/// The figures that head a system's guidance in the one-screen view, by key: what a team sets
/// or buys first (partitions, replication, retention, memory, workers, nodes). The others are
/// the arithmetic behind them, in the full view.
const HEADLINE: &[&str] = &[
    "partitions",
    "consumers_per_group",
    "replication_factor",
    "min_insync_replicas",
    "retention_days",
    "storage_per_broker_grown",
    "window_bytes_grown",
    "node_memory",
    "maxlen",
    "concurrency",
    "delayed_bytes_per_hour",
    "worker_ceiling",
    "consumers",
    "nodes",
    "buffer_messages",
    "stall_seconds",
];

impl SystemGuidance {
    /// Its headline figures (see [`HEADLINE`]), in the order the guidance gives them.
    pub fn headline(&self) -> impl Iterator<Item = &Figure> {
        self.figures
            .iter()
            .filter(|f| HEADLINE.contains(&f.key.as_str()))
    }
}

/// One computed number.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Figure {
    /// Stable snake_case key, e.g. `partitions`.
    pub key: String,
    pub label: String,
    pub value: f64,
    /// `bytes`, `bytes/s`, `msg/s`, `partitions`, …
    pub unit: String,
    /// The arithmetic, in words.
    pub how: String,
}

/// A topic of advice (`partitions`, `replication`, …) with its items.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Section {
    /// Stable kebab-case key.
    pub key: String,
    pub title: String,
    pub advice: Vec<Advice>,
}

/// One piece of advice and where it comes from.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Advice {
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl Advice {
    pub fn new(text: impl Into<String>, source: impl Into<String>) -> Advice {
        Advice {
            text: text.into(),
            source: Some(source.into()),
        }
    }

    /// Advice that is the tool's own arithmetic on the profile, with no outside source.
    pub fn plain(text: impl Into<String>) -> Advice {
        Advice {
            text: text.into(),
            source: None,
        }
    }
}

impl Section {
    pub fn new(key: &str, title: &str, advice: Vec<Advice>) -> Section {
        Section {
            key: key.into(),
            title: title.into(),
            advice,
        }
    }
}

impl Figure {
    pub fn new(key: &str, label: &str, value: f64, unit: &str, how: impl Into<String>) -> Figure {
        Figure {
            key: key.into(),
            label: label.into(),
            value,
            unit: unit.into(),
            how: how.into(),
        }
    }
}

/// What every system's guidance is computed from.
pub struct Inputs<'a> {
    pub profile: &'a Profile,
    pub derived: &'a Derived,
    pub rules: &'a RuleSet,
    pub sizing: &'a Sizing,
    /// The systems' numbers, as the cost priced them.
    pub assessment: &'a crate::assess::Assessment,
    /// The cost's summary: the way it suggests running each system decides which settings the
    /// guidance can advise (ElastiCache has no AOF, for one).
    pub cost: &'a crate::cost::CostSummary,
}

/// A constant from `rules/limits.yaml` with its source.
#[derive(Clone, Debug)]
pub struct Lim {
    pub value: f64,
    pub source: String,
}

impl Inputs<'_> {
    /// The limit `name`, or `default` when a rule set lacks it (only a broken built-in set can).
    pub fn limit(&self, name: &str, default: f64) -> Lim {
        match self.rules.limits.get(name) {
            Some(l) => Lim {
                value: l.value,
                source: l.source.clone(),
            },
            None => Lim {
                value: default,
                source: format!("built-in default (limit `{name}` missing from rules/limits.yaml)"),
            },
        }
    }
}

/// Builds the guidance for `report` (its recommendation, the profile's decision, its patterns)
/// and stores it on the report: `report.guidance`, and `report.kafka` when Kafka is recommended
/// or declared.
pub fn attach(
    report: &mut Report,
    profile: &Profile,
    rules: &RuleSet,
    assessment: &crate::assess::Assessment,
) {
    let inputs = Inputs {
        profile,
        derived: &report.derived,
        rules,
        sizing: &rules.sizing,
        assessment,
        cost: &report.cost_summary,
    };
    let mut wanted: Vec<(String, Vec<String>)> = vec![(report.recommended.clone(), vec![])];
    wanted[0].1.push("recommended".into());
    if let Some(d) = &report.decision {
        match wanted.iter_mut().find(|(id, _)| id == d) {
            Some(w) => w.1.push("decision".into()),
            None => wanted.push((d.clone(), vec!["decision".into()])),
        }
    }
    for p in &report.patterns {
        match wanted.iter_mut().find(|(id, _)| id == p) {
            Some(w) => w.1.push("pattern".into()),
            None => wanted.push((p.clone(), vec!["pattern".into()])),
        }
    }

    let mut out = Vec::new();
    let mut kafka = None;
    for (id, shown_for) in wanted {
        // Only a pattern beside the pick is called by its pattern name ("transactional outbox").
        let as_pattern = shown_for.iter().all(|s| s == "pattern");
        let name = rules.candidate(&id).map_or_else(
            || id.clone(),
            |c| {
                if as_pattern {
                    c.pattern_name().to_string()
                } else {
                    c.name.clone()
                }
            },
        );
        use crate::systems::System;
        let built = match System::from_id(&id) {
            Some(System::Kafka) => {
                let (g, k) = kafka::guide(&inputs);
                if shown_for.iter().any(|s| s != "pattern") {
                    kafka = Some(k);
                }
                Some(g)
            }
            Some(System::RedisStreams) => Some(redis_streams::guide(&inputs)),
            Some(System::Bullmq) => Some(bullmq::guide(&inputs)),
            Some(System::Outbox) => Some(outbox::guide(&inputs, &report.recommended, &shown_for)),
            Some(System::RedisPubsub) => Some(pubsub::guide(&inputs)),
            Some(System::Rabbitmq) => Some(rabbitmq::guide(&inputs)),
            // A candidate from a rule pack: the tool has no guidance for it.
            None => None,
        };
        let Some(mut g) = built else { continue };
        g.note = note(&shown_for, &id, &name, report, rules);
        g.system = id;
        g.name = name;
        g.shown_for = shown_for;
        out.push(g);
    }
    report.guidance = out;
    report.kafka = kafka;
}

fn note(
    shown_for: &[String],
    id: &str,
    name: &str,
    report: &Report,
    rules: &RuleSet,
) -> Option<String> {
    let recommended = report.recommended.as_str();
    let rec_name = rules
        .candidate(recommended)
        .map_or(recommended, |c| c.name.as_str());
    if shown_for.iter().any(|s| s == "recommended") {
        return None;
    }
    if shown_for.iter().any(|s| s == "decision") {
        let verdict = report
            .candidates
            .iter()
            .find(|c| c.id == id)
            .map_or("not ranked", |c| c.standing.as_str());
        return Some(format!(
            "The profile's decision ({verdict} here; {rec_name} is recommended): how to run {name} well if the team keeps it."
        ));
    }
    Some(format!(
        "A pattern of the recommendation: publish to {rec_name} through the {name}, so a message goes out exactly when its database transaction commits."
    ))
}

/// An empty guidance value for a builder to fill (`attach` sets system, name and why).
pub(crate) fn empty() -> SystemGuidance {
    SystemGuidance {
        system: String::new(),
        name: String::new(),
        shown_for: Vec::new(),
        note: None,
        warnings: Vec::new(),
        figures: Vec::new(),
        sections: Vec::new(),
    }
}

/// "1 consumer" / "3 consumers".
/// How `system` keeps the order the profile asks for, in the catalog's words (its `ordering:`),
/// and whether the consumers needed at peak after growth break it. None when no order is asked
/// for or the catalog states none. The guidance of every system says this rather than telling
/// the user to add consumers that break the order.
pub(crate) fn ordering(inp: &Inputs, system: &str) -> Option<OrderAdvice> {
    use crate::profile::Ordering;
    let cap = inp.rules.candidate(system)?.ordering.as_ref()?;
    let needed = inp.derived.consumers_needed_grown;
    let (text, broken) = match inp.profile.delivery.ordering {
        Ordering::None => return None,
        Ordering::PerKey if needed > 1.0 && !cap.per_key_scales => (
            format!(
                "Per-key order: {}. This workload needs {} at peak after growth, so adding consumers to keep up breaks the order: do not scale it that way.",
                cap.per_key,
                plural(needed, "consumer", "consumers")
            ),
            true,
        ),
        Ordering::PerKey => (format!("Per-key order: {}.", cap.per_key), false),
        Ordering::Global if needed > 1.0 => (
            format!(
                "Global order: {}. This workload needs {} at peak after growth, and global order allows one: no system keeps it at this rate. Relax ordering to per-key, or make each message cheaper to handle; adding consumers would break the order.",
                cap.global,
                plural(needed, "consumer", "consumers")
            ),
            true,
        ),
        Ordering::Global => (format!("Global order: {}.", cap.global), false),
    };
    Some(OrderAdvice {
        advice: Advice::new(text, cap.source.clone()),
        broken,
    })
}

/// What a stall of the consumers (`consumers.max_stall_minutes`) queues in Redis's RAM, against
/// the largest Redis node's maxmemory; None when the profile gives no stall. Added to the
/// section, and to the warnings when the backlog does not fit.
pub(crate) fn redis_backlog(inp: &Inputs, g: &mut SystemGuidance, section: &mut Vec<Advice>) {
    let Some(minutes) = inp.profile.consumers.max_stall_minutes else {
        return;
    };
    let node = inp.limit("redis_node_max_memory_bytes", 6_854_542_746.0);
    let backlog = inp.derived.backlog_bytes_grown;
    let fits = backlog <= node.value;
    let advice = Advice::new(
        format!(
            "A stall of {} min queues about {} of payload at peak after growth ({} msg/s × {} × {} s), all of it in Redis's RAM; the largest node priced here holds {}.{}",
            crate::units::num(minutes),
            crate::units::bytes(backlog),
            crate::units::num(inp.derived.peak_per_sec_grown),
            crate::units::bytes(inp.profile.throughput.message_bytes as f64),
            crate::units::num(minutes * 60.0),
            crate::units::bytes(node.value),
            if fits {
                " Leave room for it beside everything else the node holds."
            } else {
                " It does not fit: at maxmemory with noeviction Redis refuses writes and producers cannot enqueue. Hold the backlog on disk (Kafka, RabbitMQ quorum queues or streams, the database) or plan a larger Redis."
            }
        ),
        node.source,
    );
    if !fits {
        g.warnings.push(advice.clone());
    }
    section.push(advice);
}

/// What [`ordering`] says, and whether the consumers needed break the order.
pub(crate) struct OrderAdvice {
    pub advice: Advice,
    /// The consumers needed at peak after growth are more than the order allows.
    pub broken: bool,
}

impl OrderAdvice {
    /// Adds the advice to `section`, and to the warnings too when the order cannot hold.
    pub fn add(self, g: &mut SystemGuidance, section: &mut Vec<Advice>) {
        if self.broken {
            g.warnings.push(self.advice.clone());
        }
        section.push(self.advice);
    }
}

pub(crate) fn plural(n: f64, one: &str, many: &str) -> String {
    format!(
        "{} {}",
        crate::units::num(n),
        if n == 1.0 { one } else { many }
    )
}

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
    /// No suggested way (not priced, or every way over a limit).
    Unknown,
}

/// The [`RedisHost`] of the way the cost suggests for `system`.
pub(crate) fn redis_host(inp: &Inputs, system: &str) -> RedisHost {
    let way = inp
        .cost
        .systems
        .iter()
        .find(|s| s.system == system)
        .map_or("", |s| s.suggested_option.as_str());
    match way {
        "existing-redis" => RedisHost::Existing,
        "elasticache-nodes" => RedisHost::Nodes,
        w if w.starts_with("elasticache-serverless") => RedisHost::Serverless,
        _ => RedisHost::Unknown,
    }
}

const SRC_NO_AOF: &str = "ElastiCache User Guide, Durability in ElastiCache and its Limitations (docs.aws.amazon.com/AmazonElastiCache/latest/dg/durability.html, Durability.Limitations.html) [V]: `appendonly` and `appendfsync` are not supported; Durability (a Multi-AZ transaction log) needs Valkey 9.0+, node-based clusters with cluster mode enabled, Multi-AZ with at least one replica per shard, TLS in transit, node families R7g, R6g, M7g, M6g, C7gn; not ElastiCache Serverless (domain-facts §8)";
const SRC_DURABILITY: &str = "ElastiCache User Guide, Durability options (docs.aws.amazon.com/AmazonElastiCache/latest/dg/Durability.Options.html) [V]: synchronous writes ensure no acknowledged write is lost, at single-digit-millisecond write latency; asynchronous writes may lose up to the last 10 seconds of writes";
const SRC_REPLICATION: &str = "ElastiCache User Guide, High availability using replication groups (docs.aws.amazon.com/AmazonElastiCache/latest/dg/Replication.html) [V]: due to replication latency, some data may be lost if the primary fails";
const SRC_SERVERLESS: &str = "ElastiCache User Guide, Choosing between deployment options (docs.aws.amazon.com/AmazonElastiCache/latest/dg/WhatIs.deployment.html) [V]: Serverless stores data redundantly across three Availability Zones, 99.99% availability SLA";
const SRC_AOF_DEFAULT: &str = "redis.conf of Redis 7.0.15 [V]: `appendonly no` is the shipped default, only `appendfsync` defaults to everysec (domain-facts §8)";
/// Node families ElastiCache Durability runs on (Durability.Limitations).
const DURABLE_FAMILIES: &[&str] = &["r7g", "r6g", "m7g", "m6g", "c7gn"];

/// How a Redis-based system's writes survive a crash where the cost suggests running it:
/// AOF for a Redis the team runs, what ElastiCache offers (and does not) when it is ElastiCache.
/// `what` names what a lost write is (`jobs`, `entries`).
pub(crate) fn redis_durability(inp: &Inputs, system: &str, what: &str) -> Vec<Advice> {
    use crate::units::{num, thousands};
    let aof = inp.limit("redis_aof_everysec_loss_seconds", 1.0);
    let lost = thousands((inp.derived.peak_per_sec_grown * aof.value).ceil());
    let no_loss = !inp.profile.delivery.loss_ok;
    let aof_advice = |prefix: &str| {
        Advice::new(
            format!(
                "{prefix}AOF, `appendonly yes` (the shipped redis.conf has `appendonly no`), with `appendfsync everysec`, which can lose about {} s of writes in a crash, about {lost} {what} at peak after growth; `always` costs a disk sync per write.",
                num(aof.value)
            ),
            format!("{}; {SRC_AOF_DEFAULT}", aof.source),
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
            let sizing = inp.assessment.redis(system);
            let node = sizing.node.as_ref();
            let replica = if sizing.replicas > 0 {
                "the replica priced here"
            } else {
                "none is priced here: add one"
            };
            let family = node.map_or("", |n| {
                n.instance
                    .trim_start_matches("cache.")
                    .split('.')
                    .next()
                    .unwrap_or("")
            });
            let node_fits = match node {
                Some(n) if DURABLE_FAMILIES.contains(&family) => {
                    format!(" {}, as priced here, is one of them.", n.instance)
                }
                Some(n) => format!(
                    " {}, as priced here, is not: Durability needs a larger node family.",
                    n.instance
                ),
                None => String::new(),
            };
            vec![
                Advice::new(
                    format!(
                        "Persistence on ElastiCache: `appendonly` and `appendfsync` are not supported. Its option is Durability, a Multi-AZ transaction log, on Valkey 9.0 or later with cluster mode enabled, Multi-AZ with at least one replica per shard ({replica}) and TLS in transit, on node families R7g, R6g, M7g, M6g or C7gn.{node_fits}"
                    ),
                    SRC_NO_AOF,
                ),
                Advice::new(
                    if no_loss {
                        "Choose synchronous writes, as this workload cannot lose messages: no acknowledged write is lost, at single-digit-millisecond write latency; asynchronous writes keep microsecond latency but may lose the last 10 s of writes.".to_string()
                    } else {
                        "Synchronous writes lose no acknowledged write, at single-digit-millisecond write latency; asynchronous writes keep microsecond latency but may lose the last 10 s of writes.".to_string()
                    },
                    SRC_DURABILITY,
                ),
                Advice::new(
                    "Without Durability, the replica is copied asynchronously: when the primary fails, writes it had not yet passed on are lost.",
                    SRC_REPLICATION,
                ),
            ]
        }
        RedisHost::Serverless => vec![Advice::new(
            format!(
                "Persistence on ElastiCache Serverless: `appendonly` and `appendfsync` are not supported, and Durability is not available on Serverless. It stores data across three Availability Zones (99.99% availability SLA), but no setting there makes an acknowledged write survive a failure{}",
                if no_loss {
                    "; this workload cannot lose messages, so prefer node-based ElastiCache for Valkey with Durability (synchronous writes)."
                } else {
                    "."
                }
            ),
            format!("{SRC_NO_AOF}; {SRC_SERVERLESS}"),
        )],
    }
}
