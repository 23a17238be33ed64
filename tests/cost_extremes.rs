//! The six extreme profiles of issue 16 (tests/fixtures/extreme/), each priced over every
//! candidate and snapshotted in one compact line per way to run it, with its key figures
//! checked here by hand against their sources (domain-facts §2 and §8, rules/cost/). Hand
//! arithmetic: 730 h a month (2,628,000 s), GiB = 2^30 B, MB = 10^6 B.

use msgadvisor::cost::{Capacity, CostOption, Costing, estimate, word};
use msgadvisor::engine::RuleSet;
use std::fmt::Write;
use std::sync::OnceLock;

const GIB: f64 = 1_073_741_824.0;

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::builtin().expect("built-in rules load"))
}

fn costing(stem: &str) -> Costing {
    let path = format!("tests/fixtures/extreme/{stem}.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let (p, _, _) = msgadvisor::profile::load(&text, &path).unwrap();
    let d = rules().derived(&p);
    let mut c = estimate(&rules().cost, &p, &d);
    word(&mut c, &rules().cost, &p, &d);
    c
}

fn option<'a>(c: &'a Costing, system: &'a str, id: &str) -> &'a CostOption {
    c.options_of(system)
        .find(|o| o.option == id)
        .unwrap_or_else(|| panic!("no {system}/{id}"))
}

#[track_caller]
fn close(actual: f64, expected: f64) {
    assert!(
        (actual - expected).abs() <= 0.01_f64.max(expected.abs() * 1e-9),
        "expected {expected}, got {actual}"
    );
}

/// One line per way to run each candidate: what is suggested, the exact figures, capacity,
/// and whether the total is complete or a development tier.
fn summary(c: &Costing) -> String {
    let mut out = String::new();
    for s in &c.summary.systems {
        let _ = writeln!(
            out,
            "{}: cheapest {} ${:.2}, suggested {}",
            s.system,
            s.cheapest_option,
            s.cheapest_infrastructure_usd,
            if s.suggested_option.is_empty() {
                "none"
            } else {
                &s.suggested_option
            }
        );
        for o in c.options_of(&s.system) {
            let _ = writeln!(
                out,
                "  {} | {} | infra ${:.2} + people ${:.2} = ${:.2} | {}{}{}",
                o.option,
                o.name,
                o.infrastructure_usd,
                o.people_usd,
                o.monthly_usd,
                o.capacity.as_str(),
                if o.complete() { "" } else { " | INCOMPLETE" },
                if o.development_only.is_some() {
                    " | development only"
                } else {
                    ""
                },
            );
        }
    }
    out
}

#[test]
fn every_extreme_profile_is_snapshotted() {
    for stem in [
        "firehose",
        "redis-streams-14-days",
        "fifty-dollars",
        "replay-30-days-slow",
        "global-order-5000",
        "per-key-2000-slow-consumers",
    ] {
        let c = costing(stem);
        // Nothing suggested is over a limit, and no suggested total hides an unpriced cost.
        for s in &c.summary.systems {
            if let Some(o) = c
                .options_of(&s.system)
                .find(|o| o.option == s.suggested_option)
            {
                assert_ne!(o.capacity, Capacity::Exceeded, "{stem}: {}", o.option);
                assert!(o.complete() || s.suggested_why.contains("INCOMPLETE"));
            }
        }
        insta::assert_snapshot!(format!("extreme_{stem}"), summary(&c));
    }
}

#[test]
fn firehose_200k_messages_of_2_kib_to_5_groups_for_a_week() {
    let c = costing("firehose");
    // 200,000 × 2,048 B = 409.6 MB/s (growth 1). Per month 409.6e6 × 2,628,000 / 2^30 =
    // 1,002,502.44 GiB in; × 5 groups out.
    let msk = option(&c, "kafka", "msk-provisioned");
    // Brokers: out of each broker = ingress × (RF 3 − 1 + 5 groups) = 2,867.2 MB/s ÷ 30 MB/s
    // (kafka.m7g.large) = 95.6 → 96 (a multiple of 3); storage 409.6e6 × 604,800 s × 3 × 1.5 =
    // 1,038,208 GiB ÷ 16,384 per broker → 64 → 66; ingress 409.6 ÷ 15 → 28. Egress sets it.
    // (kafka.m5.xlarge would need 66 for storage × $0.42 > 96 × $0.204.)
    assert_eq!(msk.name, "AWS MSK provisioned (96 × kafka.m7g.large)");
    assert!(msk.capacity_note.contains("sized by egress"));
    // 96 × 730 × $0.204 = $14,296.32; storage 1,038,208 GiB × $0.10 = $103,820.80; clients
    // across zones: 1,002,502.44 × 4/3 × $0.01 = $13,366.70 and × 5 = $66,833.50.
    let lines: Vec<f64> = msk.lines.iter().map(|l| l.monthly_usd).collect();
    for (got, want) in lines.iter().zip([14_296.32, 103_820.8, 13_366.7, 66_833.5]) {
        close(*got, want);
    }
    close(msk.infrastructure_usd, 198_317.32);
    assert!(msk.complete());
    // Confluent: Basic 2,048 MB/s out ÷ 15 = 137 eCKU > 50; Standard ÷ 75 = 28 > 10;
    // MSK Serverless 409.6 MB/s in > 200 MBps. None is suggested.
    assert_eq!(
        option(&c, "kafka", "confluent-basic").name,
        "Confluent Cloud Basic (137 eCKU)"
    );
    assert_eq!(
        option(&c, "kafka", "confluent-standard").name,
        "Confluent Cloud Standard (28 eCKU)"
    );
    for id in [
        "confluent-basic",
        "confluent-standard",
        "msk-serverless",
        "aiven-startup",
    ] {
        assert_eq!(option(&c, "kafka", id).capacity, Capacity::Exceeded, "{id}");
    }
    assert_eq!(
        c.system("kafka").unwrap().suggested_option,
        "msk-provisioned"
    );
}

#[test]
fn redis_streams_holding_14_days_of_3000_messages_of_4_kib() {
    let c = costing("redis-streams-14-days");
    let r = &c.workload.assessment.redis_streams;
    // 3,000 msg/s × 1,209,600 s = 3,628,800,000 entries × the measured entry size (rules/
    // limits.yaml: (4,096 + 12) × 1.125 + 230 = 4,851.5 B, one entry per 4 KiB node).
    close(r.held_bytes / 3_628_800_000.0, 4_851.5);
    // = 16,396.05 GiB; ElastiCache Serverless for Valkey: × 730 h × $0.084 = $1,005,405.70.
    let valkey = option(&c, "redis-streams", "elasticache-serverless-valkey");
    close(valkey.lines[0].quantity, r.held_bytes / GIB * 730.0);
    close(valkey.lines[0].monthly_usd, 1_005_405.7);
    // No node holds 17.6 TB (cache.m7g.large: 6.38 GiB maxmemory); a single stream lives on one
    // node, so the node way is over its limit.
    assert_eq!(
        option(&c, "redis-streams", "elasticache-nodes").capacity,
        Capacity::Exceeded
    );
    // The existing Redis cannot be assumed to hold it either.
    assert_eq!(
        option(&c, "redis-streams", "existing-redis").capacity,
        Capacity::Unchecked
    );
}

#[test]
fn fifty_dollars_a_month() {
    let c = costing("fifty-dollars");
    // BullMQ keeps only its backlog: on ElastiCache Serverless for Valkey the 100 MB minimum,
    // 0.0977 GiB × 730 h × $0.084 = $5.99; ECPUs 20 msg/s × 2,628,000 s × (1 write + 1 read) ×
    // 1 KiB = 105.12 M × $0.0023 = $0.24: $6.23. But BullMQ's docs advise against Serverless (its
    // eviction policy), so for jobs that must not be lost the cheapest is 2 × cache.m7g.large:
    // 1,460 node-hours × $0.149 = $217.54, over the budget.
    close(
        option(&c, "bullmq", "elasticache-serverless-valkey").infrastructure_usd,
        6.23,
    );
    assert!(
        option(&c, "bullmq", "elasticache-serverless-valkey")
            .development_only
            .is_some()
    );
    let bullmq = c.system("bullmq").unwrap();
    assert_eq!(bullmq.cheapest_option, "elasticache-nodes");
    close(bullmq.cheapest_infrastructure_usd, 217.54);
    // Kafka's cheapest way that suits a workload that cannot lose messages: Confluent Basic is
    // a development tier; self-hosted KRaft on 3 × ec2.m5.large ($210.24 + disk + transfer) is
    // over $50.
    let kafka = c.system("kafka").unwrap();
    assert_ne!(kafka.cheapest_option, "confluent-basic");
    assert!(kafka.cheapest_infrastructure_usd > 50.0);
}

#[test]
fn replay_30_days_at_5_messages_a_second() {
    let c = costing("replay-30-days-slow");
    // One copy: 5 × 1,024 B × 2,592,000 s = 12.36 GiB; in 5 × 1,024 × 2,628,000 = 12.53 GiB a
    // month, out × 2 groups.
    let basic = option(&c, "kafka", "confluent-basic");
    // 1 eCKU (free): in 12.53 × $0.05 = $0.63, out 25.06 × $0.05 = $1.25, storage 12.36 ×
    // $0.08 = $0.99: $2.87 — but Basic is for development, and this workload cannot lose
    // messages, so Standard is suggested: $547.50 + $2.87 = $550.37.
    close(basic.infrastructure_usd, 2.87);
    let kafka = c.system("kafka").unwrap();
    assert_eq!(kafka.suggested_option, "confluent-standard");
    close(
        option(&c, "kafka", "confluent-standard").infrastructure_usd,
        550.37,
    );
    // MSK: 3 × 730 × $0.204 = $446.76; 12.36 GiB × RF 3 × 1.5 × $0.10 = $5.56; clients across
    // zones 12.53 × 4/3 × $0.01 = $0.17 and 25.06 × 4/3 × $0.01 = $0.33: $452.82.
    close(
        option(&c, "kafka", "msk-provisioned").infrastructure_usd,
        452.82,
    );
}

#[test]
fn global_order_at_5000_messages_a_second() {
    let c = costing("global-order-5000");
    // One partition per topic (3 topics); peak after growth 5,000 × 1,024 × 2 = 10.24 MB/s.
    assert_eq!(c.workload.assessment.kafka.partitions_total, 3);
    // MSK Serverless allows 5 MBps into a partition: global order cannot run there.
    let serverless = option(&c, "kafka", "msk-serverless");
    assert_eq!(serverless.capacity, Capacity::Exceeded);
    assert!(
        serverless
            .capacity_note
            .starts_with("global order keeps a topic on one partition")
    );
    // Basic: 10.24 ÷ 5 MB/s → 3 eCKU, 2 paid: 1,460 h × $0.14 = $204.40.
    let basic = option(&c, "kafka", "confluent-basic");
    assert_eq!(basic.name, "Confluent Cloud Basic (3 eCKU)");
    close(basic.lines[0].monthly_usd, 204.4);
}

#[test]
fn per_key_at_2000_messages_with_200_ms_of_work_each() {
    let c = costing("per-key-2000-slow-consumers");
    let k = &c.workload.assessment.kafka;
    // 2,000 msg/s × 200 ms = 400 consumers per group, × growth 2 = 800, rounded up to 1,080
    // partitions (sizing.yaml's divisible counts); with the retry topic and DLQ 3,240.
    assert_eq!(
        (k.partitions.needed, k.partitions.count, k.partitions_total),
        (800, 1080, 3240)
    );
    // 3,240 × RF 3 = 9,720 replicas ÷ 1,000 per kafka.m7g.large → 10 → 12 brokers:
    // 12 × 730 × $0.204 = $1,787.04.
    let msk = option(&c, "kafka", "msk-provisioned");
    assert_eq!(msk.name, "AWS MSK provisioned (12 × kafka.m7g.large)");
    close(msk.lines[0].monthly_usd, 1_787.04);
    // Confluent: Basic 3,240 ÷ 30 = 108 eCKU > 50; Standard ÷ 250 = 13 > 10; MSK Serverless
    // 3,240 partitions > 2,400.
    for id in ["confluent-basic", "confluent-standard", "msk-serverless"] {
        assert_eq!(option(&c, "kafka", id).capacity, Capacity::Exceeded, "{id}");
    }
}
