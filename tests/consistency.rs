//! One number, one value: every figure that both the guidance and the cost show (Kafka's
//! partitions including retry and DLQ topics, the broker count and size, the provisioned disk,
//! RabbitMQ's nodes) is the same in both, over generated profiles. Before the assessment, the
//! guidance created 216 partitions on kafka.t3.small while the cost priced 72 on
//! kafka.m7g.large for the same profile.

use msgadvisor::cost::{CostOption, estimate, word};
use msgadvisor::engine::RuleSet;
use msgadvisor::profile::Profile;
use msgadvisor::systems::kafka::guidance as kafka;
use msgadvisor::systems::rabbitmq::guidance as rabbitmq;
use msgadvisor::systems::redis_streams::guidance as redis_streams;
use proptest::prelude::*;
use std::sync::OnceLock;

const GIB: f64 = 1024.0 * 1024.0 * 1024.0;

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::builtin().expect("built-in rules load"))
}

#[allow(clippy::too_many_arguments)]
fn profile(
    peak: f64,
    bytes: u64,
    growth: f64,
    groups: u32,
    ms: f64,
    replay: Option<f64>,
    ordering: &str,
    events: usize,
    cloud: &str,
) -> Profile {
    let events: Vec<String> = (0..events)
        .map(|i| format!("{{domain: d{i}, action: happened, key: k}}"))
        .collect();
    let replay = match replay {
        Some(days) => format!("{{needed: true, retention_days: {days:?}}}"),
        None => "{needed: false}".into(),
    };
    let text = format!(
        "version: 1\nname: consistency\nthroughput: {{peak_per_sec: {peak:?}, message_bytes: {bytes}, growth_factor: {growth:?}}}\n\
         consumers: {{groups: {groups}, processing_ms: {ms:?}}}\ndelivery: {{ordering: {ordering}}}\nreplay: {replay}\n\
         platform: {{cloud: {cloud}}}\nevents: [{}]\n",
        events.join(", ")
    );
    msgadvisor::profile::load(&text, "consistency.yaml")
        .unwrap_or_else(|e| panic!("{e}\n{text}"))
        .0
}

fn option<'a>(options: &'a [CostOption], id: &str) -> &'a CostOption {
    options
        .iter()
        .find(|o| o.option == id)
        .unwrap_or_else(|| panic!("no cost option {id}"))
}

fn quantity(o: &CostOption, unit: &str) -> f64 {
    o.lines
        .iter()
        .find(|l| l.unit == unit)
        .unwrap_or_else(|| panic!("{} has no {unit} line", o.option))
        .quantity
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn check(p: &Profile) -> Result<(), TestCaseError> {
    let rules = rules();
    let d = rules.derived(p);
    // As `Report::new` does: the guidance is handed the sizing the cost was priced on.
    let mut cost = estimate(&rules.cost, p, &d);
    word(&mut cost, &rules.cost, p, &d);
    let inputs =
        msgadvisor::guidance::inputs(p, &d, rules, &cost.workload.assessment, &cost.summary);
    let (_, k) = kafka::guide(&inputs);
    let hours = cost.summary.hours_per_month;
    let options = &cost.options;

    // Partitions: what the guidance creates (main + retry + DLQ) is what MSK Serverless and
    // Redpanda Serverless bill.
    for id in ["msk-serverless", "redpanda-serverless"] {
        prop_assert!(close(
            quantity(option(options, id), "partition-hour"),
            k.partition_budget.partitions as f64 * hours
        ));
    }
    prop_assert_eq!(
        k.partition_budget.partitions,
        k.partition_budget.topics * k.partitions.count
    );
    prop_assert_eq!(k.partition_budget.topics as usize, k.topics.len() * 3);

    // Brokers: the MSK size and count the guidance names are the ones priced.
    let msk = option(options, "msk-provisioned");
    let priced_brokers = quantity(msk, "broker-hour") / hours;
    if p.platform.cloud == msgadvisor::profile::Cloud::Aws {
        let size = k
            .partition_budget
            .msk_broker
            .as_deref()
            .expect("on AWS the guidance names an MSK size");
        prop_assert!(
            msk.name.contains(&format!(" × {size})")),
            "guidance {} × {size}, priced {}",
            k.partition_budget.brokers,
            msk.name
        );
        prop_assert!(close(priced_brokers, k.partition_budget.brokers as f64));
        prop_assert_eq!(k.retention.brokers, k.partition_budget.brokers);
    } else {
        prop_assert!(k.partition_budget.msk_broker.is_none());
    }
    prop_assert_eq!(
        k.partition_budget.replicas_per_broker,
        k.partition_budget
            .replicas
            .div_ceil(k.partition_budget.brokers)
    );

    // Brokers come in steps of 3, and no MSK broker holds more than 16,384 GiB (MSK's limit):
    // the guidance's disk per broker is the priced disk over the priced brokers.
    prop_assert_eq!(k.partition_budget.brokers % 3, 0);
    if let Some(c) = cost.workload.assessment.kafka.msk.as_ref() {
        prop_assert_eq!(c.brokers % 3, 0);
        prop_assert!(c.storage_per_broker <= 16_384.0 * GIB * (1.0 + 1e-12));
        prop_assert!(close(
            c.storage_per_broker * c.brokers as f64,
            quantity(msk, "GiB-month") * GIB
        ));
    }

    // Disk: the provisioned storage priced is the disk the guidance plans, headroom included.
    prop_assert!(close(
        quantity(msk, "GiB-month") * GIB,
        k.retention.bytes_total
    ));

    // RabbitMQ: the nodes the guidance plans are the self-hosted nodes priced, in odd counts
    // of at least Amazon MQ's cluster deployment; Amazon MQ keeps its brokers and, when the load
    // needs more of their machines, says a larger size is left out of its total.
    let rabbit = rabbitmq::guide(&inputs);
    let nodes = rabbit
        .figures
        .iter()
        .find(|f| f.key == "nodes")
        .expect("RabbitMQ guidance states its nodes")
        .value;
    let r = &cost.workload.assessment.rabbit;
    prop_assert_eq!(nodes, r.nodes as f64);
    prop_assert_eq!(r.nodes % 2, 1);
    // (A team that runs managed services only gets no self-hosted way.)
    let self_hosted = options.iter().find(|o| o.option == "self-hosted-rabbitmq");
    prop_assert_eq!(self_hosted.is_none(), p.team.managed_only);
    if let Some(o) = self_hosted {
        prop_assert!(close(quantity(o, "instance-hour") / hours, nodes));
    }
    let mq = option(options, "amazon-mq");
    prop_assert!(close(
        quantity(mq, "broker-hour") / hours,
        r.minimum_nodes as f64
    ));
    prop_assert!(r.nodes >= r.minimum_nodes);
    // Quorum queues: no node writes more to its replicas than the machine's figure (a stream
    // has no such figure); an absurd load saturates the node count instead.
    match (r.stream, r.writes_per_node_max) {
        (true, w) => prop_assert_eq!(w, None),
        (false, Some(w)) if r.nodes < u64::MAX => {
            prop_assert!(r.writes_per_node() <= w * (1.0 + 1e-12))
        }
        _ => {}
    }
    let larger = mq
        .unpriced
        .iter()
        .any(|u| u.contains("brokers larger than"));
    prop_assert_eq!(larger, r.nodes > r.minimum_nodes, "{:?}", mq.unpriced);
    // The disk priced is the disk the guidance plans: the stream's window with replay.
    if p.replay.needed {
        prop_assert!(close(r.bytes_per_copy, d.retained_bytes));
        prop_assert!(close(
            r.bytes_per_copy,
            cost.workload.assessment.kafka.bytes_per_copy
        ));
    }
    if let Some(o) = self_hosted {
        let disk = o.lines.iter().find(|l| l.unit == "GiB-month");
        if p.replay.needed {
            let disk = disk.expect("a stream's disks are priced");
            prop_assert!(close(disk.quantity * GIB, r.storage_bytes));
        } else {
            prop_assert!(disk.is_none());
        }
    }

    // Redis Streams: the node the guidance names for the replay window is the node priced.
    if p.replay.needed {
        let streams = redis_streams::guide(&inputs);
        let text: String = streams
            .sections
            .iter()
            .flat_map(|s| &s.advice)
            .map(|a| a.text.as_str())
            .collect();
        let priced = cost
            .options
            .iter()
            .find(|o| o.system == "redis-streams" && o.option == "elasticache-nodes")
            .expect("Redis Streams is priced on ElastiCache nodes");
        let instance = priced
            .name
            .rsplit(" × ")
            .next()
            .unwrap()
            .trim_end_matches(')');
        if priced.capacity == msgadvisor::cost::Capacity::Checked {
            prop_assert!(
                text.contains(&format!("On ElastiCache that is {instance} (")),
                "priced {}, guidance: {text}",
                priced.name
            );
        } else {
            prop_assert!(!text.contains("On ElastiCache that is"));
        }
    }
    Ok(())
}

#[test]
fn order_events_partitions_and_brokers_agree() {
    // The case users met: 3 events, 24 partitions each, with retry and DLQ topics.
    let text = std::fs::read_to_string("examples/order-events.yaml").unwrap();
    let p = msgadvisor::profile::load(&text, "order-events.yaml")
        .unwrap()
        .0;
    check(&p).unwrap();
    let rules = rules();
    let d = rules.derived(&p);
    let mut cost = estimate(&rules.cost, &p, &d);
    word(&mut cost, &rules.cost, &p, &d);
    let (_, k) = kafka::guide(&msgadvisor::guidance::inputs(
        &p,
        &d,
        rules,
        &cost.workload.assessment,
        &cost.summary,
    ));
    assert_eq!(
        (k.partition_budget.topics, k.partition_budget.partitions),
        (9, 216)
    );
    let serverless = option(&cost.options, "msk-serverless");
    let line = serverless
        .lines
        .iter()
        .find(|l| l.unit == "partition-hour")
        .unwrap();
    assert_eq!(line.monthly_usd, 236.52, "216 partitions × 730 h × $0.0015");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn every_shared_figure_is_one_value(
        peak in (-2.0f64..5.5).prop_map(|e| 10f64.powf(e)),
        bytes in (0.0f64..6.5).prop_map(|e| (10f64.powf(e) as u64).max(1)),
        growth in 1.0f64..5.0,
        groups in 1u32..8,
        ms in (-1.0f64..3.0).prop_map(|e| 10f64.powf(e)),
        replay in prop::option::of((-1.0f64..2.0).prop_map(|e| 10f64.powf(e))),
        ordering in prop::sample::select(vec!["none", "per-key", "global"]),
        events in 0usize..5,
        cloud in prop::sample::select(vec!["aws", "gcp", "on-prem"]),
    ) {
        check(&profile(peak, bytes, growth, groups, ms, replay, ordering, events, cloud))?;
    }
}
