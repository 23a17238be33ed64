//! BullMQ: which runtimes can use it (its v6 SDKs), the Redis settings it
//! needs (noeviction, AOF), worker concurrency from processing time, retries with backoff, and
//! removing finished jobs.

use crate::systems::guidance::{Advice, Figure, Inputs, Section, SystemGuidance, plural};
use crate::units::{num, thousands};

const SRC_README: &str = "github taskforcesh/bullmq README [V]: a Redis-based queue for Node.js with delayed, repeatable (cron) and prioritised jobs, rate limiter, retries, concurrency";
const SRC_SDKS: &str = "docs.bullmq.io (v6, 2026) [V]: available natively for TypeScript/JavaScript (Node.js and Bun), Python, Elixir, Rust, .NET and PHP; Redis or PostgreSQL (13+) backend (domain-facts §8)";
const SRC_PROD: &str = "docs.bullmq.io/guide/going-to-production [V]: AOF with fsync about once per second; maxmemory-policy noeviction is the only setting that keeps queues correct";

pub fn guide(inp: &Inputs) -> SystemGuidance {
    let p = inp.profile;
    let d = inp.derived;
    let mut g = crate::systems::guidance::empty();

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
    let aof = inp.limit("redis_aof_everysec_loss_seconds", 1.0);
    let redis = vec![
        Advice::new(
            "maxmemory-policy noeviction: any eviction policy can silently delete job data and corrupt queues; with noeviction a full Redis refuses writes instead, which the producer sees.",
            SRC_PROD,
        ),
        Advice::new(
            format!(
                "Persistence: AOF with appendfsync everysec, which can lose about {} s of jobs in a crash (about {} jobs at peak after growth).",
                num(aof.value),
                thousands((d.peak_per_sec_grown * aof.value).ceil())
            ),
            format!("{SRC_PROD}; {}", aof.source),
        ),
        Advice::new(
            format!(
                "Remove finished jobs: completed and failed jobs are kept forever unless removeOnComplete / removeOnFail is set, and this queue sees about {} jobs a day after growth. Keep failed jobs by count or age long enough to inspect them.",
                thousands(d.messages_per_day_grown)
            ),
            "dev.to [S]: completed and failed jobs are kept unless removeOnComplete/removeOnFail is set",
        ),
    ];

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
    if let Some(order) = crate::systems::guidance::ordering(inp, "bullmq") {
        order.add(&mut g, &mut workers);
    }
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
