//! The transactional outbox: the table's columns, the relay (a polling worker or log tailing),
//! idempotent consumers, the single worker's throughput ceiling and what to do past it. Serves
//! both the outbox as the whole system and the outbox as a pattern in front of a broker.

use super::{Advice, Figure, Inputs, Section, SystemGuidance};
use crate::profile::Database;
use crate::units::{num, thousands};

const SRC_PATTERN: &str = "microservices.io/patterns/data/transactional-outbox.html (Chris Richardson) [V]: the business change and the outbox row in one local transaction; a relay publishes; consumers must be idempotent";
const SRC_POLLING: &str = "microservices.io/patterns/data/polling-publisher.html [V]: works with any SQL database; hard to publish in order";
const SRC_TAILING: &str = "microservices.io/patterns/data/transaction-log-tailing.html [V]: tail the MySQL binlog, the Postgres WAL or DynamoDB Streams; database-specific";
const SRC_DEBEZIUM: &str = "debezium outbox-event-router.adoc [V]: columns id, aggregatetype, aggregateid, type, payload; routes to outbox.event.<aggregatetype>; aggregateid becomes the record key, id a header for dedup";
const SRC_CEILING: &str = "domain-facts §4 [D]: a single polling worker keeps global order simply but caps throughput and is a single point of failure; shard the relay by aggregate id, or switch to CDC";

/// `recommended` is the report's recommendation; `shown_for` says whether the outbox is the
/// system itself or a pattern in front of it.
pub fn guide(inp: &Inputs, recommended: &str, shown_for: &[String]) -> SystemGuidance {
    let p = inp.profile;
    let d = inp.derived;
    let as_pattern = !shown_for
        .iter()
        .any(|s| s == "recommended" || s == "decision");
    let broker = inp
        .rules
        .candidate(recommended)
        .map_or(recommended, |c| c.name.as_str());
    let mut g = super::empty();

    let table = vec![
        Advice::new(
            "Columns: id (a UUID, the deduplication key), aggregatetype (e.g. `order`), aggregateid (the entity's id: the record key, so one aggregate's events stay in order), type (e.g. `placed`), payload (the event body), plus created_at; the polling relay also needs a published_at (or deletes rows once sent).",
            SRC_DEBEZIUM,
        ),
        Advice::new(
            "Write the outbox row in the same transaction as the business change: the message goes out if and only if the transaction commits, in commit order, with no two-phase commit.",
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
        Advice::new(
            "Polling worker: one process selects unpublished rows in id order, publishes them, marks them; it works with any SQL database and keeps order simply while it is the only one.",
            SRC_POLLING,
        ),
        Advice::new(
            format!(
                "Log tailing (CDC): a connector such as Debezium reads {log} and publishes each committed outbox row; no polling load and accurate, but database-specific and less familiar to run. Debezium's Outbox Event Router routes to `outbox.event.<aggregatetype>` by default: route to your own topic names instead."
            ),
            format!("{SRC_TAILING}; {SRC_DEBEZIUM}"),
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

    let idempotency = vec![Advice::new(
        "A relay that crashes after publishing but before marking the row publishes it again, so every consumer must be idempotent: record the ids of processed messages (the outbox id, sent as a header) and skip repeats.",
        format!(
            "{SRC_PATTERN}; AWS Prescriptive Guidance [S]: duplicate messages and ordering are the known issues"
        ),
    )];

    let mut ceiling = Vec::new();
    if as_pattern {
        ceiling.push(Advice::new(
            format!(
                "The relay must move {} msg/s at peak after growth into {broker}. Its cost per row is a publish and a mark, not the consumers' processing time: batch both (publish many rows, then mark them in one statement), and watch the age of the oldest unpublished row.",
                num(d.peak_per_sec_grown)
            ),
            SRC_CEILING,
        ));
    } else if p.consumers.processing_ms > 0.0 {
        let max = 1000.0 / p.consumers.processing_ms;
        g.figures.push(Figure::new(
            "worker_ceiling",
            "One worker's ceiling",
            max,
            "msg/s",
            format!("1000 / {} ms a message", num(p.consumers.processing_ms)),
        ));
        let fits = d.peak_per_sec_grown <= max;
        ceiling.push(Advice::new(
            format!(
                "One worker handling one message at a time tops out at about {} msg/s ({} ms each); peak after growth is {} msg/s{}",
                num(max),
                num(p.consumers.processing_ms),
                num(d.peak_per_sec_grown),
                if fits { ", within it." } else { ": above it." }
            ),
            SRC_CEILING,
        ));
        if !fits {
            g.warnings.push(Advice::new(
                format!(
                    "A single outbox worker cannot keep up: peak after growth {} msg/s against about {} msg/s for one worker.",
                    num(d.peak_per_sec_grown),
                    num(max)
                ),
                SRC_CEILING,
            ));
        }
    }
    ceiling.push(Advice::new(
        if as_pattern {
            "Past one relay: shard it by aggregate id (each shard keeps its aggregates in order), or switch to log tailing."
        } else {
            "Past one worker: shard the relay by aggregate id (each shard keeps its aggregates in order), or switch to log tailing; past that, put a broker behind the outbox."
        },
        SRC_CEILING,
    ));
    ceiling.push(Advice::plain(
        "The single worker is also a single point of failure: run a standby that takes over through a lease or advisory lock, never two active pollers on the same rows.",
    ));

    g.sections = vec![
        Section::new("table", "The outbox table", table),
        Section::new("relay", "The relay", relay),
        Section::new("idempotency", "Idempotent consumers", idempotency),
        Section::new(
            "ceiling",
            if as_pattern {
                "The relay's throughput"
            } else {
                "One worker's ceiling"
            },
            ceiling,
        ),
    ];
    g
}
