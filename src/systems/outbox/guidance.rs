//! The database as the queue: the outbox or job table's columns, the relay (polling workers
//! claiming rows with SKIP LOCKED, or log tailing), the job queue library for the team's
//! language, idempotent consumers, order, and the database's write rate as the ceiling. Serves
//! both the database as the whole system and the outbox as a pattern in front of a broker; for
//! jobs not born in a transaction, only the job library, idempotent jobs and the ceiling apply.

use crate::profile::Database;
use crate::systems::guidance::{Advice, Figure, Inputs, Section, SystemGuidance};
use crate::units::{num, thousands};

const SRC_PATTERN: &str = "microservices.io/patterns/data/transactional-outbox.html (Chris Richardson) [V]: the business change and the outbox row in one local transaction; a relay publishes; consumers must be idempotent";
const SRC_POLLING: &str = "microservices.io/patterns/data/polling-publisher.html [V]: works with any SQL database; hard to publish in order";
const SRC_TAILING: &str = "microservices.io/patterns/data/transaction-log-tailing.html [V]: tail the MySQL binlog, the Postgres WAL or DynamoDB Streams; database-specific";
const SRC_DEBEZIUM: &str = "debezium outbox-event-router.adoc [V]: columns id, aggregatetype, aggregateid, type, payload; routes to outbox.event.<aggregatetype>; aggregateid becomes the record key, id a header for dedup";
const SRC_CEILING: &str = "domain-facts §4 [D]: shard the relay by aggregate id, or switch to CDC";
const SRC_SKIP_LOCKED: &str = "postgresql.org/docs/current/sql-select.html [V]: SKIP LOCKED \"can be used to avoid lock contention with multiple consumers accessing a queue-like table\" (PostgreSQL 9.5+, MySQL 8.0+; domain-facts §8): the ceiling is the database's write rate, not one worker";
const SRC_DUAL_WRITE: &str = "domain-facts §8: a job enqueued in Redis or a broker from inside a transaction can run before the commit or survive a rollback";
const SRC_LIBRARIES: &str = "domain-facts §8: database-backed job queues enqueue in the same transaction as the business change; check the library's own docs before relying on it";

/// Database-backed job queue libraries by language (domain-facts §8; check each library's docs).
const LIBRARIES: &[(&[&str], &str)] = &[
    (&["go"], "River (riverqueue.com)"),
    (&["elixir"], "Oban (hexdocs.pm/oban)"),
    (&["ruby"], "good_job or solid_queue (Rails)"),
    (
        &["typescript", "javascript"],
        "graphile-worker (worker.graphile.org) or pg-boss",
    ),
    (&["python"], "Procrastinate"),
    (&["java", "kotlin", "scala"], "db-scheduler or JobRunr"),
];

/// `recommended` is the report's recommendation; `shown_for` says whether the outbox is the
/// system itself or a pattern in front of it.
pub fn guide(inp: &Inputs, recommended: &str, shown_for: &[String]) -> SystemGuidance {
    let p = inp.profile;
    let d = inp.derived;
    let as_pattern = !shown_for
        .iter()
        .any(|s| s == "recommended" || s == "decision");
    // Jobs not born in a transaction: the database is the queue through a job library alone,
    // with no outbox table or relay to describe.
    let job_queue_only = !as_pattern && !p.source.db_transaction;
    let broker = inp
        .candidate(recommended)
        .map_or(recommended, |c| c.name.as_str());
    let mut g = SystemGuidance::default();

    let table = vec![
        Advice::new(
            "Columns: id (a UUID, the deduplication key), aggregatetype (e.g. `order`), aggregateid (the entity's id: the record key, so one aggregate's events stay in order), type (e.g. `placed`), payload (the event body), plus created_at; the polling relay also needs a published_at (or deletes rows once sent).",
            SRC_DEBEZIUM,
        ),
        Advice::new(
            "Write the outbox row in the same transaction as the business change: the message goes out if and only if the transaction commits, with no two-phase commit.",
            SRC_PATTERN,
        ),
        Advice::plain(format!(
            "Clean up: about {} rows a day arrive after growth; delete published rows (or partition the table by day and drop old partitions) so the relay's scans stay cheap.",
            thousands(d.messages_per_day_grown)
        )),
    ];

    let db = p.source.database;
    let log = match db {
        Some(Database::Postgres) => "the Postgres WAL (logical decoding)",
        Some(Database::Mysql) => "the MySQL binlog",
        _ => "the database's change log",
    };
    let mut relay = vec![
        Advice::cited(
            "Polling workers: each claims a batch of unpublished rows with `SELECT … FOR UPDATE SKIP LOCKED`, handles or publishes them and marks them; it works with any SQL database (PostgreSQL 9.5+, MySQL 8.0+ for SKIP LOCKED). Id order is not commit order, so rows are not handled in one global order.",
            [SRC_POLLING, SRC_SKIP_LOCKED],
        ),
        Advice::cited(
            format!(
                "Log tailing (CDC): a connector such as Debezium reads {log} and publishes each committed outbox row; no polling load and accurate, but database-specific and less familiar to run. Debezium's Outbox Event Router routes to `outbox.event.<aggregatetype>` by default: route to your own topic names instead."
            ),
            [SRC_TAILING, SRC_DEBEZIUM],
        ),
    ];
    if as_pattern {
        relay.insert(
            0,
            Advice::new(
                format!(
                    "Here the outbox feeds {broker}: the relay publishes each row to {broker} with aggregateid as the key, so per-aggregate order survives into the broker."
                ),
                SRC_PATTERN,
            ),
        );
    }

    let idempotency = vec![if job_queue_only {
        Advice::new(
            "A worker that crashes after doing a job but before marking it done has the job claimed again, so jobs must be idempotent: record what each job did (its id) and skip repeats.",
            SRC_PATTERN,
        )
    } else {
        Advice::cited(
            "A relay that crashes after publishing but before marking the row publishes it again, so every consumer must be idempotent: record the ids of processed messages (the outbox id, sent as a header) and skip repeats.",
            [
                SRC_PATTERN,
                "AWS Prescriptive Guidance [S]: duplicate messages and ordering are the known issues",
            ],
        )
    }];

    let mut ceiling = Vec::new();
    if as_pattern {
        ceiling.push(Advice::new(
            format!(
                "The relay must move {} msg/s at peak after growth into {broker}. Its cost per row is a publish and a mark, not the consumers' processing time: batch both (publish many rows, then mark them in one statement), and watch the age of the oldest unpublished row.",
                num(d.peak_per_sec_grown)
            ),
            SRC_CEILING,
        ));
        ceiling.push(Advice::new(
            "Past one relay: shard it by aggregate id (each shard keeps its aggregates in order), or switch to log tailing.",
            SRC_CEILING,
        ));
    } else {
        // Workers claim rows with SKIP LOCKED, so they share the table: the consumers the
        // profile needs are simply more workers, and the limit is the database's writes.
        g.figures.push(Figure::new(
            "workers",
            "Workers at peak after growth",
            d.consumers_needed_grown,
            "workers",
            format!(
                "ceil({} msg/s × growth {} × {} ms / 1000)",
                num(p.throughput.peak_per_sec),
                num(p.throughput.growth_factor),
                num(p.consumers.processing_ms)
            ),
        ));
        g.figures.push(Figure::new(
            "database_writes",
            "Queue writes at peak after growth",
            d.peak_per_sec_grown * 2.0,
            "writes/s",
            format!(
                "{} msg/s × 2 (the insert, then the update or delete that marks it done) [D]",
                num(d.peak_per_sec_grown)
            ),
        ));
        ceiling.push(Advice::new(
            format!(
                "Workers claim rows with `SELECT … FOR UPDATE SKIP LOCKED`, so several can drain the table side by side ({} at peak after growth here); the limit is the database's write rate (about {} queue writes a second at peak after growth, on top of the application's own), not one worker. Keep the table small (delete or partition done rows) and index the claim query.",
                crate::systems::guidance::plural(d.consumers_needed_grown, "worker", "workers"),
                num(d.peak_per_sec_grown * 2.0)
            ),
            SRC_SKIP_LOCKED,
        ));
    }

    let mut library = Vec::new();
    if !as_pattern {
        let named: Vec<String> = LIBRARIES
            .iter()
            .filter(|(langs, _)| {
                langs
                    .iter()
                    .any(|l| p.platform.languages.iter().any(|x| x == l))
            })
            .map(|(langs, lib)| format!("{} for {}", lib, langs.join("/")))
            .collect();
        library.push(Advice::new(
            if named.is_empty() {
                "A database-backed job queue library saves writing the claim loop, retries and scheduling yourself: River (Go), Oban (Elixir), good_job or solid_queue (Rails), graphile-worker or pg-boss (Node.js), Procrastinate (Python), db-scheduler or JobRunr (JVM). Check the library's docs.".to_string()
            } else {
                format!(
                    "Use a database-backed job queue library rather than a hand-written claim loop: {}. It claims jobs with SKIP LOCKED, and can enqueue a job in the same transaction as the business change that calls for it. Check the library's docs for its database support and features.",
                    named.join("; ")
                )
            },
            SRC_LIBRARIES,
        ));
        if p.source.db_transaction {
            library.push(Advice::cited(
                "Do not enqueue into Redis (BullMQ) or a broker from inside the transaction: that is a dual write, and the job can run before the commit or survive a rollback. The job row in the same database avoids it.",
                [SRC_PATTERN, SRC_DUAL_WRITE],
            ));
        }
    }
    let mut order = Vec::new();
    crate::systems::guidance::ordering(inp, "outbox", &mut g, &mut order);

    g.sections = if job_queue_only {
        vec![Section::new("idempotency", "Idempotent jobs", idempotency)]
    } else {
        vec![
            Section::new("table", "The outbox table", table),
            Section::new("relay", "The relay", relay),
            Section::new("idempotency", "Idempotent consumers", idempotency),
        ]
    };
    g.sections.push(Section::new(
        "ceiling",
        if as_pattern {
            "The relay's throughput"
        } else {
            "Workers and the database's write rate"
        },
        ceiling,
    ));
    if !library.is_empty() {
        g.sections
            .insert(0, Section::new("library", "A job queue library", library));
    }
    if !order.is_empty() {
        g.sections.push(Section::new("order", "Order", order));
    }
    g
}
