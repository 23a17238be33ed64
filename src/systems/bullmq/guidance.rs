//! BullMQ: which runtimes can use it (its v6 SDKs), the Redis settings it
//! needs where it runs (noeviction, persistence, hash-tag prefixes), the RAM delayed jobs hold,
//! worker concurrency from processing time, retries with backoff, and
//! removing finished jobs.

use crate::systems::guidance::{Advice, Figure, Inputs, Section, SystemGuidance, plural};
use crate::systems::redis::guidance::{RedisHost, redis_durability, redis_host};
use crate::units::{bytes, num, thousands};

const SRC_README: &str = "github taskforcesh/bullmq README [V]: a Redis-based queue for Node.js with delayed, repeatable (cron) and prioritised jobs, rate limiter, retries, concurrency";
const SRC_SDKS: &str = "docs.bullmq.io (v6, 2026) [V]: available natively for TypeScript/JavaScript (Node.js and Bun), Python, Elixir, Rust, .NET and PHP; Redis or PostgreSQL (13+) backend (domain-facts §8)";
const SRC_PROD: &str = "docs.bullmq.io/guide/going-to-production [V]: AOF with fsync about once per second; maxmemory-policy noeviction is the only setting that keeps queues correct";
const SRC_ELASTICACHE: &str = "docs.bullmq.io/guide/redis-tm-hosting/aws-elasticache [V]: use the standard cache-nodes setup, not serverless, which \"for the moment uses an incompatible maxmemory-policy\"; set maxmemory-policy noeviction in a new parameter group, as a default one cannot be modified; taskforcesh/bullmq issue 2215 [S] (domain-facts §8)";
const SRC_CLUSTER: &str = "docs.bullmq.io/patterns/redis-cluster [V]: on Redis Cluster use a queue prefix inside brackets, a hash tag (e.g. `{myprefix}`), or wrap the queue name; different prefixes spread queues over the cluster nodes; taskforcesh/bullmq issue 2216 [S]: CROSSSLOT on ElastiCache Serverless without it (domain-facts §8)";

pub fn guide(inp: &Inputs) -> SystemGuidance {
    let p = inp.profile;
    let d = inp.derived;
    let mut g = SystemGuidance::default();

    // --- runtimes --------------------------------------------------------------------------
    // BullMQ v6's SDKs (docs.bullmq.io, domain-facts §8).
    let sdk = [
        "typescript",
        "javascript",
        "python",
        "elixir",
        "rust",
        "csharp",
        "php",
    ];
    let langs = &p.platform.languages;
    let others: Vec<&str> = langs
        .iter()
        .map(String::as_str)
        .filter(|l| !sdk.contains(l))
        .collect();
    let mut runtimes = vec![Advice::new(
        "BullMQ (v6) has SDKs for TypeScript/JavaScript (Node.js and Bun), Python, Elixir, Rust, .NET and PHP; they share queues on the same Redis. Check each SDK's feature list: not every SDK has every feature of the TypeScript one.",
        SRC_SDKS,
    )];
    if !others.is_empty() {
        g.warnings.push(Advice::new(
            format!(
                "{} has no BullMQ SDK for the Redis backend: put a small service in a supported runtime in front of the queue, or pick a system every runtime speaks.",
                crate::systems::kafka::naming::code_list(&others)
            ),
            SRC_SDKS,
        ));
    }
    runtimes.push(Advice::new(
        "Redis 5.0 or later is required and 6.2 or later recommended.",
        "redis.io/docs/latest/integrate/bullmq [V]",
    ));

    // --- redis settings --------------------------------------------------------------------
    // Which settings apply depends on where the cost suggests running Redis: ElastiCache has no
    // AOF and its own way to set the eviction policy; a cluster-mode endpoint needs hash tags.
    let host = redis_host(inp, "bullmq");
    let noeviction = "maxmemory-policy noeviction: any eviction policy can silently delete job data and corrupt queues; with noeviction a full Redis refuses writes instead, which the producer sees.";
    let mut redis = vec![match host {
        RedisHost::Nodes => Advice::cited(
            format!(
                "{noeviction} ElastiCache's default parameter group is not noeviction and a default group cannot be modified: create a parameter group with `maxmemory-policy noeviction` and attach it to the cluster."
            ),
            [SRC_PROD, SRC_ELASTICACHE],
        ),
        RedisHost::Upstash => Advice::cited(
            format!("{noeviction} Upstash's eviction is disabled by default: leave it so."),
            [
                SRC_PROD,
                crate::systems::redis::guidance::SRC_UPSTASH_EVICTION,
            ],
        ),
        _ => Advice::new(noeviction, SRC_PROD),
    }];
    if host == RedisHost::Serverless {
        let unfit = Advice::new(
            "BullMQ's docs advise node-based ElastiCache, not Serverless, which \"for the moment uses an incompatible maxmemory-policy\": jobs may be evicted. Prefer ElastiCache nodes with a noeviction parameter group.",
            SRC_ELASTICACHE,
        );
        g.advise(&mut redis, unfit, true);
    }
    redis.extend(redis_durability(
        inp,
        "bullmq",
        &inp.assessment.bullmq,
        "jobs",
    ));
    let hash_tag = format!(
        "give every Queue, Worker and QueueEvents of a queue the same prefix in braces, a hash tag such as `prefix: '{{{0}}}'` (or name the queue `{{{0}}}`), so all its keys share one hash slot; BullMQ's scripts touch several keys of a queue at once and fail with CROSSSLOT otherwise. Give each queue its own tag so queues spread over the shards.",
        p.name
    );
    redis.push(Advice::new(
        match host {
            RedisHost::Serverless => format!(
                "Queue prefix: ElastiCache Serverless is a cluster-mode endpoint: {hash_tag}"
            ),
            RedisHost::Nodes => format!(
                "Queue prefix: Durability needs cluster mode enabled, and on a cluster-mode endpoint {hash_tag}"
            ),
            RedisHost::Existing | RedisHost::Upstash | RedisHost::Unknown => format!(
                "Queue prefix: if the Redis runs in cluster mode (ElastiCache Serverless always does), {hash_tag}"
            ),
        },
        SRC_CLUSTER,
    ));
    redis.push(Advice::new(
        format!(
            "Remove finished jobs: completed and failed jobs are kept forever unless removeOnComplete / removeOnFail is set, and this queue sees about {} jobs a day after growth. Keep failed jobs by count or age long enough to inspect them.",
            thousands(d.messages_per_day_grown)
        ),
        "dev.to [S]: completed and failed jobs are kept unless removeOnComplete/removeOnFail is set",
    ));

    // --- workers ---------------------------------------------------------------------------
    let in_flight = d.consumers_needed_grown;
    g.figures.push(Figure::new(
        "concurrency",
        "Jobs in flight at peak after growth",
        in_flight,
        "jobs",
        format!(
            "ceil({} jobs/s × growth {} × {} ms / 1000)",
            num(p.throughput.peak_per_sec),
            num(p.throughput.growth_factor),
            num(p.consumers.processing_ms)
        ),
    ));
    let bench = inp.limit("bullmq_elixir_port_jobs_per_sec_10_workers", 16_500.0);
    let ordered = p.delivery.ordering != crate::profile::Ordering::None;
    let mut workers = vec![Advice::plain(if ordered && in_flight > 1.0 {
        format!(
            "Worker concurrency: keeping up needs {} at peak after growth ({} now), but order is asked for and BullMQ keeps it only with one worker at concurrency 1: do not raise concurrency or add workers to keep up; see the order advice below.",
            plural(in_flight, "job in flight", "jobs in flight"),
            num(d.consumers_needed)
        )
    } else if ordered {
        "Worker concurrency: one worker at concurrency 1 keeps up here and keeps the order; keep it so (a standby worker may wait, but not run jobs at the same time).".to_string()
    } else {
        format!(
            "Worker concurrency: the workers together need at least {} at peak after growth ({} now); set `concurrency` per worker and run enough workers (and spare ones) to reach it. Concurrency helps I/O-bound jobs; CPU-bound jobs need more processes or sandboxed workers.",
            plural(in_flight, "job in flight", "jobs in flight"),
            num(d.consumers_needed)
        )
    })];
    crate::systems::guidance::ordering(inp, "bullmq", &mut g, &mut workers);
    crate::systems::guidance::redis_backlog(inp, &mut g, &mut workers);
    workers.push(Advice::new(
        format!(
            "Throughput: the only published figure is the Elixir port's {} no-op jobs/s with 10 workers, Redis being the bottleneck; peak here is {} jobs/s after growth. Treat it as an order of magnitude and measure your own jobs.",
            thousands(bench.value),
            num(d.peak_per_sec_grown)
        ),
        bench.source.clone(),
    ));

    // --- retries and features --------------------------------------------------------------
    let mut jobs = vec![Advice::new(
        "Retries: set `attempts` (3–5) with exponential `backoff`; a job that fails them all lands in the failed set, BullMQ's dead-letter queue: alert on its size and age.",
        "karafka.io/docs/Kafka-Best-Practices [V]: retry 3–5 times with exponential backoff (general DLQ practice); SQS redrive maxReceiveCount 3–5 [S]",
    )];
    let mut used = Vec::new();
    if p.jobs.delays {
        used.push("delayed jobs (`delay`)");
    }
    if p.jobs.priorities {
        used.push("priorities (`priority`)");
    }
    if p.jobs.rate_limit {
        used.push("the rate limiter (`limiter` on the worker)");
    }
    if p.jobs.scheduled {
        used.push("repeatable / cron jobs");
    }
    if !used.is_empty() {
        jobs.push(Advice::new(
            format!(
                "The features this profile needs are built in: {}.",
                used.join(", ")
            ),
            SRC_README,
        ));
    }
    // Delayed jobs wait in Redis's RAM; the profile gives no delay length, so per hour of delay.
    if let Some(delayed) = &inp.assessment.bullmq.delayed {
        g.figures.push(Figure::new(
            "delayed_bytes_per_hour",
            "RAM per hour of delay (every job delayed)",
            delayed.bytes_per_hour_grown,
            "bytes",
            format!(
                "avg {} jobs/s × 3,600 s × growth {} × {} per job",
                num(p.throughput.avg()),
                num(p.throughput.growth_factor),
                bytes(delayed.job_bytes)
            ),
        ));
        let node = match (&inp.assessment.bullmq.node, delayed.node_hours) {
            (Some(n), Some(h)) => format!(
                " A {} node, with its reserved share set aside, holds about {} hours of it.",
                n.instance,
                num(h.floor())
            ),
            _ => String::new(),
        };
        let src = inp.limit("bullmq_job_overhead_bytes", 780.0).source;
        jobs.push(Advice::new(
            format!(
                "Delayed jobs wait in Redis's RAM until they are due, about {} each. The profile says jobs are delayed, not for how long: if every job waits, each hour of delay holds up to {} jobs at the average rate after growth, about {}.{node} Multiply by the longest delay and the share of jobs delayed, and keep it well under the node's memory: at maxmemory with noeviction Redis refuses new jobs.",
                bytes(delayed.job_bytes),
                thousands(delayed.jobs_per_hour_grown.ceil()),
                bytes(delayed.bytes_per_hour_grown)
            ),
            src,
        ));
    }
    jobs.push(Advice::plain(
        "Make jobs idempotent: a worker that crashes mid-job has the job retried, so it may run twice.",
    ));

    g.sections = vec![
        Section::new("runtimes", "Runtimes", runtimes),
        Section::new("redis", "Redis settings", redis),
        Section::new("workers", "Workers and concurrency", workers),
        Section::new("jobs", "Retries and job features", jobs),
    ];
    g
}
