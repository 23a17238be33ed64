//! Kafka: the partition count (computed and explained: consumers needed, Rao's throughput floor,
//! growth, a highly divisible count), replication and durability, retention and storage, the
//! partition budget against published limits, schemas, backpressure and gotchas.

use super::naming::{self, Topic};
pub use super::sizing::{PartitionInputs, Partitions, round_up_divisible};
use crate::profile::Ordering;
use crate::systems::guidance::{Advice, Figure, Inputs, Section, SystemGuidance, plural};
use crate::units::{bytes, num, thousands};
use serde::Serialize;

const SRC_RAO: &str = "Jun Rao, confluent.io/blog/how-choose-number-topics-partitions-kafka-cluster (2015) [V]: partitions >= max(t/p, t/c); parallelism within a group is capped by the partition count";
const SRC_KARAFKA: &str = "karafka.io/docs/Kafka-Best-Practices [V]";
/// Adding partitions later moves keys (also cited by `diff` for a partition count raised).
pub const SRC_MOVES_KEYS: &str = "karafka.io/docs/Kafka-Best-Practices [V]: adding partitions moves keys (hash(key) % N); size for 1–2 years of growth up front";
const SEED: &str = "Kafka — when · when not (the seed tutorial)";

/// The structured `kafka` object of docs/SPEC.md: present when Kafka is recommended or declared.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KafkaGuidance {
    pub partitions: Partitions,
    pub replication_factor: u64,
    pub min_insync_replicas: u64,
    /// Producer `acks`.
    pub acks: String,
    /// Producer `enable.idempotence`.
    pub enable_idempotence: bool,
    pub retention: Retention,
    pub topics: Vec<Topic>,
    pub consumer_groups: ConsumerGroups,
    pub partition_budget: PartitionBudget,
}

/// Disk for the retention window.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Retention {
    pub days: f64,
    /// True when the profile asked for replay; otherwise Kafka's default retention applies.
    pub from_replay: bool,
    /// avg bytes/s × retention seconds.
    pub bytes_per_copy: f64,
    /// × replication factor × headroom.
    pub bytes_total: f64,
    pub brokers: u64,
    pub bytes_per_broker: f64,
    pub bytes_per_broker_grown: f64,
    pub headroom: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ConsumerGroups {
    /// One per consuming service (`consumers.groups`).
    pub count: u64,
    pub naming: String,
}

/// Partitions the topics take, against published limits.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PartitionBudget {
    /// Main, retry and DLQ topics.
    pub topics: u64,
    pub partitions: u64,
    /// Partitions × replication factor.
    pub replicas: u64,
    pub brokers: u64,
    pub replicas_per_broker: u64,
    /// The smallest MSK Standard broker size recommended for this many replicas per broker,
    /// when the profile runs on AWS.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub msk_broker: Option<String>,
}

/// The partition count per topic: consumers needed and Rao's floor, times growth (partitions can
/// be added later only at the price of moving keys), rounded up to a highly divisible count;
/// exactly 1 for global order.
pub fn partitions(i: &PartitionInputs, counts: &[u64]) -> Partitions {
    explained(i, super::sizing::partitions(i, counts))
}

/// `out` (the assessment's count for `i`) with its arithmetic in words.
fn explained(i: &PartitionInputs, mut out: Partitions) -> Partitions {
    let (count, needed, needed_now) = (out.count, out.needed, out.needed_now);
    let floor_words = format!(
        "max(produce: {} ÷ {} per partition = {}, consume: {} msg/s × {} ms = {} consumer-seconds per second)",
        mb(i.peak_per_sec * i.message_bytes),
        mb(i.produce_bytes_per_partition),
        num2(out.produce_floor),
        num(i.peak_per_sec),
        num(i.processing_ms),
        num2(out.consume_floor)
    );
    out.why = if i.ordering == Ordering::Global {
        format!(
            "ordering: global allows exactly 1 partition: Kafka keeps order only within a partition, so one partition read by one consumer is the only total order. The workload would otherwise need {needed} ({floor_words} → {needed_now} now, × growth {} = {needed}).",
            num(i.growth_factor)
        )
    } else {
        let rounding = if count == needed && count > 1 {
            format!("{count} already splits evenly")
        } else {
            format!("rounded up to {count}")
        };
        format!(
            "{floor_words} → {} now (whole consumers, at least 1); × growth {} = {needed}, because adding partitions later moves keys; {rounding}: {}.",
            plural(needed_now as f64, "partition", "partitions"),
            num(i.growth_factor),
            divisor_words(count)
        )
    };
    out
}

/// "splits evenly among 1, 2, 3, 4, 6, 8, 12 or 24 consumers".
fn divisor_words(n: u64) -> String {
    if n > 1_000_000_000_000 {
        // Far beyond any real topic; listing divisors would only cost time.
        return "a count with many divisors".into();
    }
    let mut small = Vec::new();
    let mut large = Vec::new();
    let mut d = 1u64;
    while d.saturating_mul(d) <= n {
        if n.is_multiple_of(d) {
            small.push(d);
            if d != n / d {
                large.push(n / d);
            }
        }
        d += 1;
    }
    large.reverse();
    let divs: Vec<String> = small
        .into_iter()
        .chain(large)
        .map(|d| thousands(d as f64))
        .collect();
    if divs.len() > 12 {
        let head = divs[..10].join(", ");
        return format!(
            "{} divisors ({head}, …), so a group's consumers split it evenly at many sizes",
            divs.len()
        );
    }
    match divs.len() {
        1 => "one consumer reads it".into(),
        _ => format!(
            "splits evenly among {} or {} consumers",
            divs[..divs.len() - 1].join(", "),
            divs[divs.len() - 1]
        ),
    }
}

/// Megabytes per second, decimal as in Rao's "10s of MB/s".
fn mb(bytes_per_sec: f64) -> String {
    format!("{} MB/s", num2(bytes_per_sec / 1e6))
}

/// Up to two decimals, or a thousands-separated whole number; tiny values say so.
fn num2(v: f64) -> String {
    if v > 0.0 && v < 0.01 {
        "< 0.01".into()
    } else {
        num(v)
    }
}

/// Everything Kafka: the rendered guidance and the structured object of docs/SPEC.md.
pub fn guide(inp: &Inputs) -> (SystemGuidance, KafkaGuidance) {
    let p = inp.profile;
    let d = inp.derived;
    // Every number below is the assessment's, the same the cost prices.
    let k = &inp.assessment.kafka;
    let per_partition = inp.limit("kafka_partition_produce_bytes_per_sec", 10e6);
    let parts = explained(
        &PartitionInputs::of(p, per_partition.value),
        k.partitions.clone(),
    );
    let rf_l = inp.limit("kafka_replication_factor", 3.0);
    let isr_l = inp.limit("kafka_min_insync_replicas", 2.0);
    let rf = k.replication_factor;
    let isr = isr_l.value.max(1.0) as u64;
    let brokers = k.brokers;
    let topics = naming::topics(p, parts.count);

    let mut g = SystemGuidance::default();

    // --- partitions ------------------------------------------------------------------------
    let mut part_advice = vec![Advice::cited(
        format!("{} partitions per topic: {}", parts.count, parts.why),
        [
            SRC_RAO,
            inp.sizing.partition_counts_source.as_str(),
            SRC_MOVES_KEYS,
        ],
    )];
    part_advice.push(Advice::new(
        format!(
            "p, one partition's produce rate, is {} here, the conservative end of \"tens of MB/s\"; c comes from processing_ms ({} ms a message). Measure both on your own cluster and override `kafka_partition_produce_bytes_per_sec` in a rule pack if they differ.",
            mb(per_partition.value),
            num(p.consumers.processing_ms)
        ),
        per_partition.source.clone(),
    ));
    if p.delivery.ordering == Ordering::Global {
        // Milliseconds of work per second at peak, now and after growth.
        let work = p.throughput.peak_per_sec * p.consumers.processing_ms;
        let work_grown =
            p.throughput.peak_per_sec * p.throughput.growth_factor * p.consumers.processing_ms;
        if work > 1000.0 {
            g.warnings.push(Advice::new(
                format!(
                    "ONE CONSUMER CANNOT KEEP UP: global order means 1 partition and 1 consumer, but {} msg/s × {} ms = {} seconds of work per second at peak, now. The backlog grows without bound. Relax ordering to per-key (then partitions scale), or make each message cheaper.",
                    num(p.throughput.peak_per_sec),
                    num(p.consumers.processing_ms),
                    num2(work / 1000.0)
                ),
                SRC_RAO,
            ));
        } else if work_grown > 1000.0 {
            g.warnings.push(Advice::new(
                format!(
                    "After growth ({}×) one consumer cannot keep up: {} seconds of work per second at peak on the single partition global order allows. Plan to relax ordering to per-key before then.",
                    num(p.throughput.growth_factor),
                    num2(work_grown / 1000.0)
                ),
                SRC_RAO,
            ));
        }
        if d.peak_bytes_per_sec_grown > per_partition.value {
            g.warnings.push(Advice::new(
                format!(
                    "One partition takes about {} of produce, but peak after growth is {}: global order caps throughput at one partition.",
                    mb(per_partition.value),
                    mb(d.peak_bytes_per_sec_grown)
                ),
                per_partition.source.clone(),
            ));
        }
    }

    // --- partition budget ------------------------------------------------------------------
    let n_topics = k.topics;
    let total_partitions = k.partitions_total;
    let replicas = k.replicas;
    let per_broker = k.replicas_per_broker();
    let per_broker_max = inp.limit("kafka_partitions_per_broker_max", 4000.0);
    let per_cluster_max = inp.limit("kafka_partitions_per_cluster_max", 200_000.0);
    let mut budget = vec![Advice::plain(format!(
        "{} topics ({} main, each with a retry topic and a DLQ of the same partition count) × {} partitions = {} partitions; × RF {rf} = {} replicas, about {} per broker on {brokers} brokers.",
        n_topics,
        topics.len(),
        parts.count,
        thousands(total_partitions as f64),
        thousands(replicas as f64),
        thousands(per_broker as f64)
    ))];
    if per_broker as f64 > per_broker_max.value {
        g.warnings.push(Advice::new(
            format!(
                "About {} partition replicas per broker on {brokers} brokers is above the {} per broker rule of thumb: add brokers or fewer, larger topics.",
                thousands(per_broker as f64),
                thousands(per_broker_max.value)
            ),
            per_broker_max.source.clone(),
        ));
    } else {
        budget.push(Advice::new(
            format!(
                "Within the rule of thumb of {} partitions per broker and {} per cluster.",
                thousands(per_broker_max.value),
                thousands(per_cluster_max.value)
            ),
            per_broker_max.source.clone(),
        ));
    }
    if total_partitions as f64 > per_cluster_max.value {
        g.warnings.push(Advice::new(
            format!(
                "{} partitions is above the {} per cluster rule of thumb.",
                thousands(total_partitions as f64),
                thousands(per_cluster_max.value)
            ),
            per_cluster_max.source.clone(),
        ));
    }
    let on_aws = p.platform.cloud == crate::profile::Cloud::Aws;
    let msk = k.msk.as_ref().filter(|_| on_aws);
    if let Some(c) = msk {
        budget.push(Advice::new(
            format!(
                "On Amazon MSK: {} × {}, the cheapest Standard broker size that fits (its count set by {}), as the cost below prices it: {} partition replicas per broker ({} recommended, replicas included), {}/s of ingress per broker at peak after growth ({}/s comfortable), {}/s out per broker to the followers and every consumer group{}, {} of storage per broker{}.",
                c.brokers,
                c.instance,
                c.limited_by,
                thousands(c.replicas_per_broker as f64),
                thousands(c.partitions_per_broker),
                crate::units::si(c.ingress_per_broker),
                crate::units::si(c.ingress_bytes_per_sec),
                crate::units::si(c.egress_per_broker),
                c.egress_bytes_per_sec
                    .map_or_else(String::new, |e| format!(" ({}/s comfortable)", crate::units::si(e))),
                bytes(c.storage_per_broker),
                c.storage_per_broker_max
                    .map_or_else(String::new, |m| format!(" (at most {})", bytes(m)))
            ),
            inp.cost
                .instances
                .get(&c.instance)
                .map_or_else(String::new, |i| i.source.clone()),
        ));
    } else if on_aws {
        g.warnings.push(Advice::plain(
            "On Amazon MSK no broker size with capacity figures is known (a rule pack removed them): size the brokers by hand.",
        ));
    }
    // Confluent Cloud Basic holds partitions per eCKU: the assessment's eCKU count, the one the
    // cost prices.
    let basic = &k.confluent_basic;
    let basic_src = inp
        .limit("confluent_basic_ecku_partitions", 30.0)
        .source
        .clone();
    if basic.by_partitions > basic.max_eckus {
        let text = format!(
            "{} partitions is above Confluent Cloud Basic's {} ({} per eCKU × at most {} eCKUs): a Basic cluster cannot hold these topics.",
            thousands(total_partitions as f64),
            thousands(basic.partitions_per_ecku * basic.max_eckus as f64),
            thousands(basic.partitions_per_ecku),
            basic.max_eckus
        );
        if p.team.managed_only {
            g.warnings.push(Advice::new(text, basic_src));
        } else {
            budget.push(Advice::new(text, basic_src));
        }
    } else if p.team.managed_only {
        budget.push(Advice::new(
            format!(
                "On Confluent Cloud Basic these {} partitions take {} eCKU at {} per eCKU (at most {} eCKUs, {} partitions).",
                thousands(total_partitions as f64),
                basic.by_partitions,
                thousands(basic.partitions_per_ecku),
                basic.max_eckus,
                thousands(basic.partitions_per_ecku * basic.max_eckus as f64)
            ),
            basic_src,
        ));
    }

    // --- replication -----------------------------------------------------------------------
    let mut replication = vec![
        Advice::new(
            format!(
                "replication.factor={rf}, set when the topic is created: changing it later is a costly reassignment."
            ),
            rf_l.source.clone(),
        ),
        Advice::new(
            format!(
                "min.insync.replicas={isr}: with acks=all a write counts only once {isr} replicas have it, so one broker can fail without losing an acknowledged write. Never set it equal to the replication factor ({rf}): then one broker down stops every write."
            ),
            isr_l.source.clone(),
        ),
        Advice::new(
            "Producers: acks=all (the default since Kafka 3.0) and enable.idempotence=true, so retries neither duplicate nor reorder records.",
            format!(
                "{SRC_KARAFKA}: acks=all with enable.idempotence=true; docs.conduktor.io acks deep dive [S]: acks=all default since 3.0"
            ),
        ),
        Advice::new(
            format!(
                "Brokers: {brokers} with RF {rf} and min ISR {isr} survive one broker down; prefer 4 or more, especially on MSK, where maintenance can take two down."
            ),
            format!("{SRC_KARAFKA}: prefer 4+ brokers"),
        ),
    ];
    if !p.team.managed_only {
        replication.push(Advice::new(
            "Self-hosted: run KRaft with 3 controllers (tolerates 1 failure) or 5 (tolerates 2), separate from the brokers for anything critical; combined broker+controller nodes are for development.",
            "kafka.apache.org/40/operations/kraft [V]",
        ));
    }

    // --- retention and storage -------------------------------------------------------------
    let default_hours = inp.limit("kafka_default_retention_hours", 168.0);
    let headroom = inp.limit("kafka_storage_headroom", 1.5);
    let (days, from_replay) = (k.retention_days, k.retention_from_replay);
    let seconds = k.retention_seconds;
    let total = k.storage_bytes;
    let per_broker_bytes = total / brokers as f64;
    let per_broker_grown = per_broker_bytes * p.throughput.growth_factor;
    let retention_src = if from_replay {
        "replay.retention_days in the profile".to_string()
    } else {
        format!(
            "no replay is asked, so Kafka's default log.retention.hours={}",
            num(default_hours.value)
        )
    };
    let storage = vec![
        Advice::new(
            format!(
                "retention.ms for {} ({retention_src}). Disk: {}/s average × {} s × RF {rf} × headroom {} = {} in total, about {} per broker on {brokers} brokers ({} after growth ×{}).",
                plural(days, "day", "days"),
                bytes(d.avg_bytes_per_sec),
                thousands(seconds),
                num(k.storage_headroom),
                bytes(total),
                bytes(per_broker_bytes),
                bytes(per_broker_grown),
                num(p.throughput.growth_factor)
            ),
            format!(
                "domain-facts §1 [V]: storage = ingress × retention seconds × RF, plus headroom (AutoMQ kafka-provider-comparison msk.md); headroom: {}{}",
                headroom.source,
                if from_replay {
                    String::new()
                } else {
                    format!("; default retention: {}", default_hours.source)
                }
            ),
        ),
        Advice::new(
            format!(
                "Every produced byte costs the leader 1× ingress, {}× replication traffic and 1× per consumer group ({} here): network usually saturates before disk.",
                rf.saturating_sub(1),
                p.consumers.groups
            ),
            "krivaltsevich.com/kafka-internals/op04-capacity-planning.html [S]",
        ),
    ];

    // --- schemas ---------------------------------------------------------------------------
    let langs = &p.platform.languages;
    let several_teams = p.consumers.groups >= 3;
    let schema = if langs.len() > 1 {
        format!(
            "Protobuf with a schema registry: producers and consumers run in {} languages ({}), and Protobuf's generated code is the most even across languages; the registry checks compatibility before a change ships.",
            langs.len(),
            langs.join(", ")
        )
    } else if several_teams {
        format!(
            "Avro or Protobuf with a schema registry: {} independent consumer groups means several teams read these records, and the registry checks compatibility before a change breaks one of them.",
            p.consumers.groups
        )
    } else {
        "JSON to start, with an explicit version field; move to Avro or Protobuf with a schema registry once several teams or languages consume the topics.".to_string()
    };
    let schemas = vec![
        Advice::new(schema, SEED),
        Advice::new(
            "Keep the schema version out of topic names: the registry holds it.",
            "Chris Riccomini, \"How to paint a bike shed: Kafka topic naming conventions\" (2017) [V]",
        ),
    ];

    // --- backpressure ----------------------------------------------------------------------
    let mut back = vec![Advice::new(
        "Watch consumer lag per partition: log-end offset − committed offset (`kafka-consumer-groups --describe` shows CURRENT-OFFSET, LOG-END-OFFSET and LAG). Alert when it keeps rising.",
        "docs.confluent.io/platform/current/monitor/monitor-consumer-lag [V]",
    )];
    // One group's ceiling in msg/s, a consumer per partition; none without a processing time.
    let group_ceiling = (p.consumers.processing_ms > 0.0)
        .then(|| parts.count as f64 * 1000.0 / p.consumers.processing_ms);
    let ceiling = group_ceiling.map_or_else(String::new, |c| {
        format!(
            " With all of them, one group handles about {} × 1000 / {} ms = {} msg/s, against a peak of {} msg/s after growth.",
            parts.count,
            num(p.consumers.processing_ms),
            thousands(c),
            num(d.peak_per_sec_grown)
        )
    });
    back.push(Advice::new(
        format!(
            "At most {} consumers per group do useful work (one per partition; more sit idle).{ceiling}",
            parts.count
        ),
        SRC_RAO,
    ));
    back.push(Advice::new(
        "Keep the poll loop fast: hand slow work (remote calls, batch jobs) to a bounded worker pool or a downstream topic, so a slow message does not stall its partition or trigger a rebalance.",
        format!("{SRC_KARAFKA}: overload shows as rising lag, frequent rebalances, producer queue_full / msg_timed_out; librdkafka prefetches up to 1 MB per partition, which can hide it"),
    ));
    back.push(Advice::cited(
        "Design the DLQ before the first production message, since a failing record blocks its partition: retry 3–5 times with exponential backoff through the retry topic, send errors retries cannot fix (deserialization, schema) straight to the DLQ, add headers with the original topic, partition, offset, timestamp and exception, and alert on the DLQ's count and age.",
        [SRC_KARAFKA, "uber.com/blog/reliable-reprocessing (2018) [V]: non-blocking retry topics and a DLQ"],
    ));
    back.push(Advice::new(
        "Size brokers for 40–50% CPU, never 80% sustained; on 3 brokers stay at or under 45%, since losing one adds half again to the others.",
        SRC_KARAFKA,
    ));

    // --- gotchas ---------------------------------------------------------------------------
    let mut gotchas = Vec::new();
    let per_key = p.delivery.ordering == Ordering::PerKey;
    gotchas.push(Advice::cited(
        if per_key {
            format!(
                "Partitions can be added but never removed, and adding them moves keys (hash(key) % N), which breaks per-key order for in-flight keys. That is why the count above is sized for growth now ({} partitions for growth {}).",
                parts.count,
                num(p.throughput.growth_factor)
            )
        } else {
            "Partitions can be added but never removed, and adding them moves keys (hash(key) % N): size for growth up front.".to_string()
        },
        [SRC_KARAFKA.to_string(), format!("{SEED} §10")],
    ));
    if per_key {
        gotchas.push(Advice::new(
            "Send every record with its key: a keyless record goes to any partition, so it has no order relative to the others. A hot key cannot be spread by adding consumers; only a finer key helps.",
            SRC_KARAFKA,
        ));
        let shared_keys = topics.len() > 1
            && topics
                .iter()
                .all(|t| t.key.is_some() && t.key == topics[0].key);
        if shared_keys {
            let names: Vec<&str> = topics.iter().map(|t| t.name.as_str()).collect();
            gotchas.push(Advice::new(
                format!(
                    "Order holds within a partition, not across topics: a consumer of {} may see one {} key's events out of order between topics. If consumers need them in order, put them in one topic keyed by `{}` with the event type in a header.",
                    naming::code_list(&names),
                    topics[0].key.as_deref().unwrap_or_default(),
                    topics[0].key.as_deref().unwrap_or_default()
                ),
                format!("[D] from per-partition ordering ({SRC_KARAFKA})"),
            ));
        }
    }
    gotchas.push(Advice::new(
        "One group id per consuming service: a group id reused by a second service splits the messages between the two.",
        SRC_RAO,
    ));
    gotchas.push(Advice::new(
        "Commit offsets after a record is processed successfully, not before: committing first loses the record on a crash. Processing then happens at least once, so make consumers idempotent.",
        SRC_KARAFKA,
    ));
    gotchas.push(Advice::cited(
        "Turn off auto.create.topics.enable in production, and create topics with explicit partitions, RF and retention (the server default is 1 partition).",
        [SRC_KARAFKA, "apache/kafka config/server.properties num.partitions=1 [V/U]"],
    ));
    gotchas.push(Advice::new(
        "A dead-letter recoverer that keeps the partition number (Spring's DeadLetterPublishingRecoverer historically) needs the DLQ to have at least as many partitions as the topic.",
        "docs.spring.io spring-kafka DeadLetterPublishingRecoverer [U]: check against your Spring version",
    ));

    g.warnings.extend(naming::topic_warnings(p, &topics));
    let naming_advice = naming::advice(p, &topics);

    // --- figures ---------------------------------------------------------------------------
    g.figures = vec![
        Figure::new(
            "partitions",
            "Partitions per topic",
            parts.count as f64,
            "partitions",
            if p.delivery.ordering == Ordering::Global {
                "ordering: global".to_string()
            } else {
                format!("{} needed, rounded up to a divisible count", parts.needed)
            },
        ),
        Figure::new(
            "partitions_needed",
            "Partitions needed after growth",
            parts.needed as f64,
            "partitions",
            format!(
                "max(ceil(t/p) = {}, consumers {}) × growth {}",
                thousands(super::sizing::ceil(parts.produce_floor).max(0.0)),
                parts.consumers_needed,
                num(p.throughput.growth_factor)
            ),
        ),
        Figure::new(
            "consumers_per_group",
            "Consumers per group at peak",
            parts.consumers_needed as f64,
            "consumers",
            format!(
                "ceil({} msg/s × {} ms / 1000); {} after growth",
                num(p.throughput.peak_per_sec),
                num(p.consumers.processing_ms),
                num(d.consumers_needed_grown)
            ),
        ),
        Figure::new(
            "replication_factor",
            "Replication factor",
            rf as f64,
            "replicas",
            "RF 3, min ISR 2, acks=all",
        ),
        Figure::new(
            "min_insync_replicas",
            "min.insync.replicas",
            isr as f64,
            "replicas",
            "one broker may fail without losing writes",
        ),
        Figure::new(
            "retention_days",
            "Retention",
            days,
            "days",
            if from_replay {
                "replay.retention_days"
            } else {
                "Kafka's default (no replay asked)"
            },
        ),
        Figure::new(
            "storage_per_broker",
            "Disk per broker",
            per_broker_bytes,
            "bytes",
            format!(
                "avg {}/s × {} days × RF {rf} × {} headroom ÷ {brokers} brokers",
                bytes(d.avg_bytes_per_sec),
                num(days),
                num(k.storage_headroom)
            ),
        ),
        Figure::new(
            "storage_per_broker_grown",
            "Disk per broker after growth",
            per_broker_grown,
            "bytes",
            format!("× growth {}", num(p.throughput.growth_factor)),
        ),
        Figure::new(
            "replicas_per_broker",
            "Partition replicas per broker",
            per_broker as f64,
            "partitions",
            format!(
                "{n_topics} topics × {} partitions × RF {rf} ÷ {brokers} brokers",
                parts.count
            ),
        ),
    ];
    if let Some(c) = group_ceiling {
        g.figures.insert(
            3,
            Figure::new(
                "group_throughput",
                "One group's ceiling",
                c,
                "msg/s",
                format!(
                    "{} partitions × 1000 / {} ms, one consumer per partition",
                    parts.count,
                    num(p.consumers.processing_ms)
                ),
            ),
        );
    }

    g.sections = vec![
        Section::new("partitions", "Partitions", part_advice),
        Section::new("partition-budget", "Partition budget and limits", budget),
        Section::new("replication", "Replication and durability", replication),
        Section::new("retention", "Retention and storage", storage),
        Section::new("naming", "Topics and consumer groups", naming_advice),
        Section::new("schemas", "Schemas", schemas),
        Section::new("backpressure", "Backpressure, lag and the DLQ", back),
        Section::new("gotchas", "Gotchas", gotchas),
    ];

    let structured = KafkaGuidance {
        partitions: parts,
        replication_factor: rf,
        min_insync_replicas: isr,
        acks: "all".into(),
        enable_idempotence: true,
        retention: Retention {
            days,
            from_replay,
            bytes_per_copy: k.bytes_per_copy,
            bytes_total: total,
            brokers,
            bytes_per_broker: per_broker_bytes,
            bytes_per_broker_grown: per_broker_grown,
            headroom: k.storage_headroom,
        },
        topics,
        consumer_groups: ConsumerGroups {
            count: p.consumers.groups as u64,
            naming: "<service>-<env>".into(),
        },
        partition_budget: PartitionBudget {
            topics: n_topics,
            partitions: total_partitions,
            replicas,
            brokers,
            replicas_per_broker: per_broker,
            msk_broker: msk.map(|c| c.instance.clone()),
        },
    };
    (g, structured)
}

#[cfg(test)]
mod tests {
    use super::*;

    const COUNTS: &[u64] = &[
        6, 12, 24, 36, 48, 60, 72, 96, 120, 144, 180, 240, 360, 480, 720,
    ];

    fn inputs(peak: f64, bytes: f64, ms: f64, growth: f64) -> PartitionInputs {
        PartitionInputs {
            peak_per_sec: peak,
            message_bytes: bytes,
            processing_ms: ms,
            growth_factor: growth,
            produce_bytes_per_partition: 10e6,
            ordering: Ordering::PerKey,
        }
    }

    #[test]
    fn raos_worked_example_gives_ten() {
        // t = 250 MB/s, p = 50 MB/s, c = 25 MB/s → max(5, 10) = 10: 10,000 msg/s of 25 kB, 1 ms
        // each, so one consumer reads 25 MB/s; with no growth, 10 partitions before rounding.
        let mut i = inputs(10_000.0, 25_000.0, 1.0, 1.0);
        i.produce_bytes_per_partition = 50e6;
        let p = partitions(&i, COUNTS);
        assert_eq!(p.produce_floor, 5.0);
        assert_eq!(p.consume_floor, 10.0);
        assert_eq!(p.needed_now, 10);
        assert_eq!(p.needed, 10);
        assert_eq!(p.count, 12, "10 rounds up to 12");
    }

    #[test]
    fn order_events_arithmetic() {
        // 400 msg/s × 20 ms = 8 consumers; 600 kB/s is far below one partition; × 2 = 16 → 24.
        let p = partitions(&inputs(400.0, 1500.0, 20.0, 2.0), COUNTS);
        assert_eq!(
            (p.consumers_needed, p.needed_now, p.needed, p.count),
            (8, 8, 16, 24)
        );
        assert!(p.why.contains("× growth 2 = 16"), "{}", p.why);
        assert!(p.why.contains("rounded up to 24"), "{}", p.why);
        assert!(
            p.why.contains("1, 2, 3, 4, 6, 8, 12 or 24 consumers"),
            "{}",
            p.why
        );
    }

    #[test]
    fn throughput_can_dominate() {
        // 100 MB/s of 1 kB messages, 0.1 ms each: 10 consumers but 10 partitions of produce at
        // 10 MB/s; 120 MB/s → 12.
        let p = partitions(&inputs(120_000.0, 1000.0, 0.05, 1.0), COUNTS);
        assert_eq!(p.needed_now, 12);
        assert_eq!(p.count, 12);
    }

    #[test]
    fn float_noise_does_not_add_a_partition() {
        // 10 × 1.2 is 12.000000000000002 in floating point.
        let p = partitions(&inputs(1000.0, 100.0, 10.0, 1.2), COUNTS);
        assert_eq!(p.needed, 12);
    }

    #[test]
    fn rounding_beyond_the_list_and_at_the_extremes() {
        assert_eq!(round_up_divisible(1, COUNTS), 6);
        assert_eq!(round_up_divisible(720, COUNTS), 720);
        assert_eq!(round_up_divisible(721, COUNTS), 1440);
        assert_eq!(
            round_up_divisible(u64::MAX, COUNTS),
            u64::MAX,
            "saturates, never panics"
        );
        let p = partitions(&inputs(1e300, 1e8, 1e6, 1e6), COUNTS);
        assert!(p.count >= p.needed);
    }

    #[test]
    fn global_order_is_one_partition() {
        let mut i = inputs(5000.0, 1000.0, 10.0, 2.0);
        i.ordering = Ordering::Global;
        let p = partitions(&i, COUNTS);
        assert_eq!(p.count, 1);
        assert_eq!(p.needed, 100);
        assert!(
            p.why
                .starts_with("ordering: global allows exactly 1 partition")
        );
    }
}
