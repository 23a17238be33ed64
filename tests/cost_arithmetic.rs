//! The cost arithmetic of every way to run every candidate, against figures computed by hand
//! from the built-in price table (rules/cost/prices.yaml) and the reference's rules:
//! 730 h a month, GiB = 2^30 bytes, usage at the average rate, machines sized for the peak after
//! growth.

use msgadvisor::cost::{Capacity, CostOption, Costing, Hosting};
use msgadvisor::engine::RuleSet;

const SECONDS: f64 = 730.0 * 3600.0;
const GIB: f64 = 1_073_741_824.0;

fn costing(yaml: &str) -> Costing {
    let rules = RuleSet::builtin().expect("built-in rules load");
    let (profile, _, _) = msgadvisor::profile::load(yaml, "test.yaml").expect("profile loads");
    // The estimate the report shows: priced, then worded.
    let derived = rules.derived(&profile);
    let mut c = msgadvisor::cost::estimate(&rules.cost, &profile, &derived);
    msgadvisor::cost::word(&mut c, &rules.cost, &profile, &derived);
    c
}

fn option<'a>(c: &'a Costing, system: &str, option: &str) -> &'a CostOption {
    c.options
        .iter()
        .find(|o| o.system == system && o.option == option)
        .unwrap_or_else(|| panic!("no option {system}/{option}"))
}

#[track_caller]
fn usd(actual: f64, expected: f64) {
    assert!(
        (actual - expected).abs() < 0.005,
        "expected ${expected:.2}, got ${actual:.2}"
    );
}

/// Line amounts in order, then the infrastructure, people and total.
#[track_caller]
fn check(o: &CostOption, lines: &[f64], infra: f64, people: f64) {
    let got: Vec<f64> = o.lines.iter().map(|l| l.monthly_usd).collect();
    assert_eq!(got.len(), lines.len(), "{}: lines {got:?}", o.option);
    for (g, e) in got.iter().zip(lines) {
        usd(*g, *e);
    }
    usd(o.infrastructure_usd, infra);
    usd(o.people_usd, people);
    usd(o.monthly_usd, infra + people);
}

/// 500 msg/s of 2 KiB on average (1,000 at peak, ×2 growth), two consumer groups, three days of
/// replay, a team with some Kafka experience that already runs Redis, RabbitMQ, Kafka and Postgres.
const HAND: &str = "version: 1
name: hand
throughput: {peak_per_sec: 1000, avg_per_sec: 500, message_bytes: 2048, growth_factor: 2}
consumers: {groups: 2, processing_ms: 10}
replay: {needed: true, retention_days: 3}
team: {size: 5, kafka_experience: some}
platform: {cloud: aws, existing: [redis, rabbitmq, kafka, postgres]}
";

// 500 × 2048 = 1,024,000 B/s; × 2,628,000 s = 2,691,072,000,000 B = 2,506.256 GiB in a month.
const INGRESS_GIB: f64 = 2_506.256_103_515_625;
// Two groups read everything: 5,012.512 GiB.
const EGRESS_GIB: f64 = 5_012.512_207_031_25;
// 1,024,000 B/s × 259,200 s (3 days) = 265,420,800,000 B = 247.192 GiB for one copy.
const RETAINED_GIB: f64 = 247.192_382_812_5;

#[test]
fn the_hand_workload_volumes() {
    assert!((1_024_000.0 * SECONDS / GIB - INGRESS_GIB).abs() < 1e-9);
    assert!((1_024_000.0 * 259_200.0 / GIB - RETAINED_GIB).abs() < 1e-9);
    let c = costing(HAND);
    let basic = option(&c, "kafka", "confluent-basic");
    assert!((basic.lines[1].quantity - INGRESS_GIB).abs() < 1e-6);
    assert!((basic.lines[2].quantity - EGRESS_GIB).abs() < 1e-6);
    assert!((basic.lines[3].quantity - RETAINED_GIB).abs() < 1e-6);
}

#[test]
fn confluent_basic_first_ecku_free_then_gib_in_out_and_stored() {
    let c = costing(HAND);
    let o = option(&c, "kafka", "confluent-basic");
    // eCKUs from Basic's per-eCKU limits (cluster-types page, domain-facts §8): peak after growth
    // 1,000 × 2,048 B × 2 = 4.1 MB/s in ÷ 5 MB/s → 1; out × 2 groups = 8.2 MB/s ÷ 15 → 1;
    // 72 partitions (a topic, its retry topic and DLQ, 24 each) ÷ 30 → 3. 3 eCKU, the first
    // free: 2 × 730 h × $0.14 = $204.40; 2,506.26 GiB × $0.05 = $125.31; 5,012.51 GiB × $0.05 =
    // $250.63; 247.19 GiB-month × $0.08 = $19.78. People: 6 h × $100.
    check(o, &[204.4, 125.31, 250.63, 19.78], 600.12, 600.0);
    assert_eq!(o.lines[0].quantity, 1460.0);
    assert_eq!(o.name, "Confluent Cloud Basic (3 eCKU)");
    assert_eq!(o.capacity, Capacity::Checked);
    assert_eq!(o.hosting, Hosting::Managed);
    assert_eq!(o.lines[1].as_of.as_deref(), Some("2026-09-21"));
}

#[test]
fn confluent_standard_one_ecku_around_the_clock() {
    let c = costing(HAND);
    let o = option(&c, "kafka", "confluent-standard");
    // Standard's eCKU takes 25 MB/s in, 75 out and 250 partitions: 1 eCKU. 730 eCKU-hours ×
    // $0.75 = $547.50 (the reference's "about $548/month"), then the [U] network and storage
    // rates (the top of the quoted ranges).
    check(o, &[547.5, 125.31, 250.63, 19.78], 943.22, 600.0);
    assert_eq!(o.capacity, Capacity::Checked);
    let tags: Vec<_> = o
        .lines
        .iter()
        .map(|l| l.confidence.unwrap().as_str())
        .collect();
    // The eCKU rate is from 2025, more than 12 months old: U like the rest.
    assert_eq!(tags, ["U", "U", "U", "U"]);
}

#[test]
fn msk_provisioned_three_smallest_brokers_and_replicated_storage() {
    let c = costing(HAND);
    let o = option(&c, "kafka", "msk-provisioned");
    // One topic with its retry topic and DLQ: 3 × 24 partitions × RF 3 = 216 replicas, 72 per
    // broker, 4.1 MB/s at peak after growth: 3 × kafka.m7g.large fit.
    // 3 × 730 h × $0.204 = $446.76; provisioned disk as the guidance plans it: 247.19 GiB × RF 3
    // × headroom 1.5 × $0.10 = $111.24. Clients across zones (3 zones, $0.01/GiB each way,
    // domain-facts §8): producers 2,506.26 GiB × 2/3 × 2 = 3,341.67 GiB = $33.42; consumers
    // 5,012.51 GiB × 2/3 × 2 = 6,683.35 GiB = $66.83. Replication between MSK brokers is free.
    check(o, &[446.76, 111.24, 33.42, 66.83], 658.25, 1600.0);
    assert!((o.lines[1].quantity - RETAINED_GIB * 3.0 * 1.5).abs() < 1e-6);
    assert_eq!(o.name, "AWS MSK provisioned (3 × kafka.m7g.large)");
    assert!((o.lines[2].quantity - INGRESS_GIB * 4.0 / 3.0).abs() < 1e-6);
    assert!((o.lines[3].quantity - EGRESS_GIB * 4.0 / 3.0).abs() < 1e-6);
    assert!(o.complete(), "{:?}", o.unpriced);
    // Fetch-from-follower would remove most of the consumers' line, and the text says how much.
    assert!(
        o.assumptions
            .iter()
            .any(|a| a.contains("client.rack") && a.contains("about $67 a month")),
        "{:?}",
        o.assumptions
    );
}

#[test]
fn msk_express_sized_by_awss_sustained_figures_and_incomplete() {
    let c = costing(HAND);
    let o = option(&c, "kafka", "msk-express");
    // express.m7g.large sustains 15.6 MBps in and 31.2 out (AWS News Blog, 2024-11-07): 4.1 MB/s
    // in and 8.2 MB/s read by 2 groups need 1 broker each, so the minimum 3. 3 × 730 h ×
    // $0.408 [U] = $893.52; data written (2,506.26 GiB) and storage used (247.19 GiB-month)
    // have no price in the sources; clients across zones $33.42 + $66.83.
    check(o, &[893.52, 0.0, 0.0, 33.42, 66.83], 993.77, 1600.0);
    assert_eq!(o.name, "AWS MSK Express (3 × express.m7g.large)");
    assert_eq!(o.unpriced.len(), 2, "{:?}", o.unpriced);
    assert!(o.unpriced[0].contains("msk-express-written-gib"));
    // Incomplete: after every complete way that fits, and never the cheapest.
    let kafka = c.system("kafka").unwrap();
    assert_ne!(kafka.cheapest_option, "msk-express");
    assert_ne!(kafka.suggested_option, "msk-express");
}

#[test]
fn msk_serverless_cluster_partitions_in_out_storage() {
    let c = costing(HAND);
    let o = option(&c, "kafka", "msk-serverless");
    // 730 × $0.75 = $547.50; 72 partitions (a topic, its retry topic and DLQ, 24 each) × 730 h ×
    // $0.0015 = $78.84; in 2,506.26 × $0.10 = $250.63; out 5,012.51 × $0.05 = $250.63; storage
    // 247.19 × $0.10 = $24.72 (billed on use: no headroom).
    check(o, &[547.5, 78.84, 250.63, 250.63, 24.72], 1152.32, 800.0);
}

#[test]
fn redpanda_serverless_partitions_in_out_storage_and_unpriced_uptime() {
    let c = costing(HAND);
    let o = option(&c, "kafka", "redpanda-serverless");
    // Uptime: 730 cluster-hours with no rate in the sources, so $0 and the total is a floor;
    // 72 partitions (as MSK Serverless bills: a topic, its retry topic and DLQ, 24 each) × 730 h
    // × $0.003 = $157.68; in 2,506.26 × $0.10 = $250.63; out 5,012.51 × $0.10 = $501.25;
    // storage 247.19 × $0.10 = $24.72. People as MSK Serverless: 8 h × $100.
    check(o, &[0.0, 157.68, 250.63, 501.25, 24.72], 934.28, 800.0);
    assert_eq!(o.lines[0].quantity, 730.0);
    assert_eq!(o.lines[1].quantity, 72.0 * 730.0);
    assert!((o.lines[2].quantity - INGRESS_GIB).abs() < 1e-6);
    assert!((o.lines[3].quantity - EGRESS_GIB).abs() < 1e-6);
    assert!((o.lines[4].quantity - RETAINED_GIB).abs() < 1e-6);
    assert_eq!(
        o.lines[1].quantity,
        option(&c, "kafka", "msk-serverless").lines[1].quantity
    );
    assert!(o.lines[0].unit_usd.is_none());
    assert!(!o.complete());
    assert_eq!(o.unpriced.len(), 1, "{:?}", o.unpriced);
    assert!(o.unpriced[0].starts_with("uptime"), "{:?}", o.unpriced);
    assert!(
        o.lines[1..]
            .iter()
            .all(|l| l.confidence.unwrap().as_str() == "U")
    );
    assert_eq!(o.hosting, Hosting::Managed);
    // 2.048 MB/s at peak after growth, 72 partitions, 2 KiB messages: inside every published
    // limit (100 MB/s in, 300 MB/s out, 5,000 partitions, 20 MiB a message).
    assert_eq!(o.capacity, Capacity::Checked);
    assert!(
        o.capacity_note
            .contains("100 MB/s in and 300 MB/s out per cluster")
    );
    // An incomplete total is never the cheapest.
    assert_ne!(
        c.system("kafka").unwrap().cheapest_option,
        "redpanda-serverless"
    );
}

#[test]
fn redpanda_serverless_over_its_published_limits_is_exceeded() {
    let exceeded = |yaml: &str| {
        let c = costing(yaml);
        let o = option(&c, "kafka", "redpanda-serverless");
        (o.capacity, o.capacity_note.clone())
    };
    // 10,000 msg/s × 10,000 B = 100 MB/s in and out at peak (no growth, one group): exactly the
    // limits' 100 MB/s in, within 300 out.
    let (cap, note) = exceeded(
        "version: 1\nname: at\nthroughput: {peak_per_sec: 10000, message_bytes: 10000, growth_factor: 1}\nreplay: {needed: true, retention_days: 0.1}\n",
    );
    assert_eq!(cap, Capacity::Checked, "{note}");
    // 15,000 msg/s: 150 MB/s in.
    let (cap, note) = exceeded(
        "version: 1\nname: in\nthroughput: {peak_per_sec: 15000, message_bytes: 10000, growth_factor: 1}\nreplay: {needed: true, retention_days: 0.1}\n",
    );
    assert_eq!(cap, Capacity::Exceeded);
    assert!(
        note.starts_with("ingress 150 MB/s at peak after growth is above 100 MB/s"),
        "{note}"
    );
    // 8,000 × 10,000 B = 80 MB/s in, read by 4 groups: 320 MB/s out > 300.
    let (cap, note) = exceeded(
        "version: 1\nname: out\nthroughput: {peak_per_sec: 8000, message_bytes: 10000, growth_factor: 1}\nconsumers: {groups: 4}\nreplay: {needed: true, retention_days: 0.1}\n",
    );
    assert_eq!(cap, Capacity::Exceeded);
    assert!(
        note.starts_with("egress 320 MB/s at peak after growth is above 300 MB/s"),
        "{note}"
    );
    // 2,000 msg/s × 400 ms = 800 consumers a group, × growth 2 = 1,600, rounded up to 2,160
    // (sizing.yaml's divisible counts); with the retry topic and DLQ 6,480 > 5,000.
    let yaml = "version: 1\nname: parts\nthroughput: {peak_per_sec: 2000, message_bytes: 1000, growth_factor: 2}\nconsumers: {processing_ms: 400}\nreplay: {needed: true, retention_days: 1}\ndelivery: {ordering: per-key}\n";
    let k = &costing(yaml).workload.assessment.kafka;
    assert_eq!((k.partitions.count, k.partitions_total), (2160, 6480));
    let (cap, note) = exceeded(yaml);
    assert_eq!(cap, Capacity::Exceeded);
    assert!(
        note.starts_with("6,480 partitions are above 5,000"),
        "{note}"
    );
    // A message of 20 MiB fits; one byte more does not.
    let message = |bytes: u64| {
        exceeded(&format!(
            "version: 1\nname: big-messages\nthroughput: {{peak_per_sec: 1, message_bytes: {bytes}, growth_factor: 1}}\n"
        ))
    };
    assert_eq!(message(20 * 1024 * 1024).0, Capacity::Checked);
    let (cap, note) = message(20 * 1024 * 1024 + 1);
    assert_eq!(cap, Capacity::Exceeded);
    assert!(
        note.starts_with("messages of 20,971,521 bytes are above the 20,971,520 bytes"),
        "{note}"
    );
}

#[test]
fn aiven_startup_flat_plan_over_its_storage() {
    let c = costing(HAND);
    let o = option(&c, "kafka", "aiven-startup");
    // 265.4 GB × RF 3 = 796 GB > 90 GB: over the plan, listed last.
    check(o, &[200.0], 200.0, 800.0);
    assert_eq!(o.capacity, Capacity::Exceeded);
    let kafka: Vec<_> = c.options_of("kafka").map(|o| o.option.as_str()).collect();
    assert_eq!(kafka.last(), Some(&"aiven-startup"));
}

#[test]
fn self_hosted_kraft_three_vms_disk_and_transfer_priced() {
    let c = costing(HAND);
    let o = option(&c, "kafka", "self-hosted-kraft");
    // 3 × 730 h × $0.096 = $210.24; 1,112.37 GiB of gp3 (247.19 × RF 3 × headroom 1.5) ×
    // $0.08 = $88.99; clients across zones as for MSK ($33.42 + $66.83); and replication, which
    // on VMs is ordinary transfer: 2,506.26 GiB × 2 followers × 2 (each way) = 10,025.02 GiB ×
    // $0.01 = $100.25. Total $499.73.
    check(o, &[210.24, 88.99, 33.42, 66.83, 100.25], 499.73, 4000.0);
    assert!((o.lines[1].quantity - RETAINED_GIB * 3.0 * 1.5).abs() < 1e-6);
    assert_eq!(o.hosting, Hosting::SelfHosted);
    assert!(o.complete());
}

#[test]
fn existing_kafka_redis_rabbitmq_cost_people_only() {
    let c = costing(HAND);
    check(option(&c, "kafka", "existing-kafka"), &[], 0.0, 400.0);
    check(option(&c, "rabbitmq", "existing-rabbitmq"), &[], 0.0, 300.0);
    let redis = option(&c, "redis-streams", "existing-redis");
    check(redis, &[], 0.0, 200.0);
    // 307 GiB of stream is more than a Redis node comfortably holds: not assumed to fit.
    assert_eq!(redis.capacity, Capacity::Unchecked);
    assert_eq!(
        option(&c, "bullmq", "existing-redis").capacity,
        Capacity::Assumed
    );
}

#[test]
fn elasticache_serverless_by_memory_and_ecpus() {
    let c = costing(HAND);
    // Streams hold the replay window: 500 × 259,200 entries × 2,547.5 B (a 2,048-byte entry:
    // (2,048 + 12) × 1.125 + 230 ÷ 1 entry per node, the measured model in limits.yaml)
    // = 307.482 GiB; × 730 h × $0.084 = $18,854.78. ECPUs: 1,314,000,000 messages × (1 write +
    // 2 reads) × 2 KB = 7,884 million × $0.0023 = $18.13.
    check(
        option(&c, "redis-streams", "elasticache-serverless-valkey"),
        &[18854.78, 18.13],
        18872.91,
        300.0,
    );
    // Redis OSS: × $0.125 = $28,057.71; 7,884 × $0.0034 = $26.81.
    check(
        option(&c, "redis-streams", "elasticache-serverless-redis"),
        &[28057.71, 26.81],
        28084.52,
        300.0,
    );
    // BullMQ holds only the backlog: the 100 MB Valkey minimum, 0.0977 GiB × 730 × $0.084 = $5.99.
    check(
        option(&c, "bullmq", "elasticache-serverless-valkey"),
        &[5.99, 18.13],
        24.12,
        300.0,
    );
    // Redis OSS meters at least 1 GiB: 730 × $0.125 = $91.25.
    usd(
        option(&c, "redis-pubsub", "elasticache-serverless-redis").lines[0].monthly_usd,
        91.25,
    );
}

#[test]
fn elasticache_nodes_primary_and_replica_at_uncertain_prices() {
    let c = costing(HAND);
    let o = option(&c, "bullmq", "elasticache-nodes");
    // BullMQ holds only its backlog, which cache.t4g.small's 1.37 GiB would hold; but a t-class
    // node is a development size and this workload cannot lose messages, so the node is
    // cache.m7g.large: 2 × 730 h × $0.149 [U] = $217.54.
    check(o, &[217.54], 217.54, 500.0);
    assert_eq!(o.name, "ElastiCache nodes (2 × cache.m7g.large)");
    assert_eq!(o.capacity, Capacity::Checked);
    // Where losing messages is acceptable, the development size is fine: 2 × 730 h × $0.032 =
    // $46.72.
    let lossy = costing(&HAND.replace("name: hand", "name: hand\ndelivery: {loss_ok: true}"));
    let o = option(&lossy, "bullmq", "elasticache-nodes");
    check(o, &[46.72], 46.72, 500.0);
    assert_eq!(o.name, "ElastiCache nodes (2 × cache.t4g.small)");
    // The stream's 3-day window is 307 GiB now, ×2 after growth ÷ 0.75: no priced node holds it.
    let streams = option(&c, "redis-streams", "elasticache-nodes");
    assert_eq!(streams.capacity, Capacity::Exceeded);
    assert!(
        streams
            .capacity_note
            .contains("the largest node size, cache.m7g.large, has 6.4 GiB"),
        "{}",
        streams.capacity_note
    );
    assert_eq!(o.lines[0].confidence.unwrap().as_str(), "U");
}

#[test]
fn a_development_tier_is_never_suggested_for_a_workload_that_cannot_lose_messages() {
    // 10 msg/s of 1 KiB: Confluent Basic's one eCKU is free, so it is the cheapest way by far.
    let small = "version: 1\nname: p\nthroughput: {peak_per_sec: 10}\n";
    let c = costing(small);
    let basic = option(&c, "kafka", "confluent-basic");
    assert!(
        basic
            .development_only
            .unwrap()
            .contains("experimentation and early development")
    );
    assert_eq!(
        c.options_of("kafka").next().unwrap().option,
        "confluent-basic"
    );
    // delivery.loss_ok defaults to false: Basic is listed first but neither the budget's
    // cheapest nor the suggestion, and a note says why.
    let kafka = c.system("kafka").unwrap();
    assert_ne!(kafka.cheapest_option, "confluent-basic");
    assert_ne!(kafka.suggested_option, "confluent-basic");
    assert!(
        kafka
            .notes
            .iter()
            .any(|n| n.contains("cannot lose messages") && n.contains("prototype")),
        "{:?}",
        kafka.notes
    );
    // A workload that may lose messages can run on it.
    let c = costing(&format!("{small}delivery: {{loss_ok: true}}\n"));
    assert_eq!(
        c.system("kafka").unwrap().suggested_option,
        "confluent-basic"
    );
}

#[test]
fn rabbitmq_amazon_mq_and_self_hosted() {
    let c = costing(HAND);
    // A 3-node cluster either way, as quorum queues need: 3 × mq.m5.large × 730 h × $0.276 [U] =
    // $604.44, plus clients across zones ($33.42 + $66.83) = $704.69; replication between Amazon
    // MQ's nodes has no price in the sources, so that option is incomplete and says so.
    let mq = option(&c, "rabbitmq", "amazon-mq");
    check(mq, &[604.44, 33.42, 66.83], 704.69, 600.0);
    assert!(!mq.complete());
    assert!(mq.unpriced[0].starts_with("replication between the 3 nodes"));
    // 3 × ec2.m5.large × 730 × $0.096 = $210.24 (4.1 MB/s in, × (3 − 1 replicas + 2 groups) =
    // 16.4 MB/s out at peak after growth: within one node's 30 MB/s, so the minimum cluster);
    // the stream's 3 days on disk: 1,024,000 B/s × 259,200 s = 247.19 GiB per copy × 3 replicas
    // × headroom 1.5 = 1,112.35 GiB-month × $0.08 = $88.99; clients $33.42 + $66.83; the
    // stream's replication to 2 other nodes 2,506.26 × 2 × 2 GiB × $0.01 = $100.25: $499.73.
    let sh = option(&c, "rabbitmq", "self-hosted-rabbitmq");
    check(sh, &[210.24, 88.99, 33.42, 66.83, 100.25], 499.73, 1600.0);
    assert_eq!(sh.name, "Self-hosted RabbitMQ (3 × ec2.m5.large)");
}

#[test]
fn rabbitmq_quorum_queues_per_group_and_a_stall_backlog_on_disk() {
    // The hand profile without replay, with an hour's stall: quorum queues, one per group.
    let c = costing(
        "version: 1\nname: stall\nthroughput: {peak_per_sec: 1000, avg_per_sec: 500, message_bytes: 2048, growth_factor: 2}\nconsumers: {groups: 2, processing_ms: 10, max_stall_minutes: 60}\nreplay: {needed: false}\nteam: {size: 5, kafka_experience: some}\nplatform: {cloud: aws}\n",
    );
    // Backlog at peak after growth: 2,000 msg/s × 2,048 B × 3,600 s = 14,745,600,000 B in each
    // of the 2 queues; × 3 replicas × headroom 1.5 = 132,710,400,000 B = 123.5962 GiB-month ×
    // $0.08 = $9.89. Each message is stored in 2 quorum queues, each sending it to 2 other
    // replicas: 2,506.26 GiB × 4 copies × 2 × $0.01 = $200.50. The quorum-queue writes set the
    // nodes: 2,000 msg/s × 2 queues × 3 replicas = 12,000 a second ÷ 2,500 per ec2.m5.large =
    // 4.8 → 5 nodes (odd): 5 × 730 h × $0.096 = $350.40. Clients $33.42 + $66.83: $661.04.
    let sh = option(&c, "rabbitmq", "self-hosted-rabbitmq");
    check(sh, &[350.40, 9.89, 33.42, 66.83, 200.50], 661.04, 1600.0);
    assert!(
        sh.lines[1]
            .item
            .contains("60 min stall in 2 quorum queue(s)")
    );
    // Amazon MQ holds the same backlog on storage billed at a rate not in the sources, and its
    // replication is the same 4 copies: both left out, and said so.
    let mq = option(&c, "rabbitmq", "amazon-mq");
    assert!(
        mq.unpriced[0].contains("10,025 GiB a month: ingress × 4 copies"),
        "{:?}",
        mq.unpriced
    );
    assert!(
        mq.unpriced[1].starts_with("broker storage for the backlog"),
        "{:?}",
        mq.unpriced
    );
    assert_eq!(c.workload.assessment.rabbit.nodes, 5);
    assert_eq!(c.workload.assessment.rabbit.limited_by, "writes");
    // Amazon MQ's cluster deployment keeps its 3 brokers: the 12,000 writes a second need 5, so
    // a larger broker size is needed, whose price is not in the sources.
    assert!(
        mq.unpriced[2].contains("the quorum-queue writes need at least 5 mq.m5.large brokers"),
        "{:?}",
        mq.unpriced
    );
}

#[test]
fn rabbitmq_streams_are_not_sized_by_quorum_queue_writes() {
    // The same load with replay: one stream, which the quorum-queue figure does not bound (no
    // figure for streams is in the sources). 2,000 msg/s × 2,048 B = 4.1 MB/s in, × (2 other
    // replicas + 2 groups) = 16.4 MB/s out: within what the minimum 3 nodes carry.
    let c = costing(
        "version: 1\nname: stream\nthroughput: {peak_per_sec: 1000, avg_per_sec: 500, message_bytes: 2048, growth_factor: 2}\nconsumers: {groups: 2, processing_ms: 10}\nreplay: {needed: true, retention_days: 1}\nteam: {size: 5, kafka_experience: some}\nplatform: {cloud: aws}\n",
    );
    let r = &c.workload.assessment.rabbit;
    assert!(r.stream);
    assert_eq!(r.writes, 0.0);
    assert_eq!(r.writes_per_node_max, None);
    assert_eq!(r.nodes, 3);
    assert_eq!(r.limited_by, "minimum");
}

#[test]
fn outbox_one_worker_vm_on_the_existing_database() {
    let c = costing(HAND);
    let o = option(&c, "outbox", "outbox-worker");
    // 1 × ec2.m5.large × 730 h × $0.096 = $70.08.
    check(o, &[70.08], 70.08, 400.0);
    assert!(
        o.assumptions[0].starts_with("The existing postgres"),
        "{:?}",
        o.assumptions
    );
}

#[test]
fn msk_sized_by_egress_in_steps_of_three_brokers() {
    // 20,000 msg/s × 10,000 B = 200 MB/s at peak (no growth), one group, 0.1 day of replay.
    // Ingress alone: kafka.m7g.large takes 15 MB/s → 14 → 15 brokers. But each broker also
    // sends what it leads to 2 followers and 1 group: 600 MB/s out ÷ 30 MB/s = 20 → 21
    // (m5.xlarge: 600 ÷ 66 → 10 → 12, × $0.42 = $5.04 an hour against 21 × $0.204 = $4.284).
    // 21 × 730 × $0.204 = $3,127.32.
    let c = costing(
        "version: 1\nname: big\nthroughput: {peak_per_sec: 20000, message_bytes: 10000, growth_factor: 1}\nreplay: {needed: true, retention_days: 0.1}\n",
    );
    let o = option(&c, "kafka", "msk-provisioned");
    assert_eq!(o.name, "AWS MSK provisioned (21 × kafka.m7g.large)");
    assert!(
        o.capacity_note.contains("sized by egress"),
        "{}",
        o.capacity_note
    );
    usd(o.lines[0].monthly_usd, 3127.32);
    assert_eq!(c.workload.assessment.kafka.brokers, 21);
    // Basic: 200 ÷ 5 MB/s = 40 eCKU (of at most 50); Standard: 200 ÷ 25 = 8 (of 10).
    let basic = option(&c, "kafka", "confluent-basic");
    assert_eq!(basic.name, "Confluent Cloud Basic (40 eCKU)");
    assert_eq!(basic.capacity, Capacity::Checked);
    // 39 paid eCKU × 730 h × $0.14 = $3,985.80.
    usd(basic.lines[0].monthly_usd, 3985.8);
    assert_eq!(
        option(&c, "kafka", "confluent-standard").name,
        "Confluent Cloud Standard (8 eCKU)"
    );
    // MSK Serverless takes 200 MBps into a cluster: exactly this much.
    assert_eq!(
        option(&c, "kafka", "msk-serverless").capacity,
        Capacity::Checked
    );
    // 1.5× more, and both Confluent tiers are over their largest cluster.
    let c = costing(
        "version: 1\nname: big\nthroughput: {peak_per_sec: 30000, message_bytes: 10000, growth_factor: 1}\nreplay: {needed: true, retention_days: 0.1}\n",
    );
    let serverless = option(&c, "kafka", "msk-serverless");
    assert!(
        serverless
            .capacity_note
            .starts_with("ingress 300 MB/s at peak after growth is above 200 MB/s"),
        "{}",
        serverless.capacity_note
    );
    for id in ["confluent-basic", "confluent-standard", "msk-serverless"] {
        let o = option(&c, "kafka", id);
        assert_eq!(o.capacity, Capacity::Exceeded, "{id}");
    }
    assert!(
        option(&c, "kafka", "confluent-basic")
            .capacity_note
            .starts_with("60 eCKUs needed, above the 50 a basic cluster may have")
    );
}

#[test]
fn msk_brokers_hold_at_most_16_tib_each() {
    // The same 200 MB/s kept 7 days (Kafka's default): 200 MB/s × 604,800 s × RF 3 × headroom
    // 1.5 = 544.3 TB = 506,937.5 GiB ÷ 16,384 GiB per broker = 30.9 → 31 → 33 brokers.
    let c = costing(
        "version: 1\nname: big\nthroughput: {peak_per_sec: 20000, message_bytes: 10000, growth_factor: 1}\nplatform: {cloud: aws}\n",
    );
    let o = option(&c, "kafka", "msk-provisioned");
    assert_eq!(o.name, "AWS MSK provisioned (33 × kafka.m7g.large)");
    assert!(
        o.capacity_note.contains("sized by storage"),
        "{}",
        o.capacity_note
    );
    let k = &c.workload.assessment.kafka;
    assert!((k.storage_bytes / 1_073_741_824.0 - 506_937.5).abs() < 0.1);
    assert!(k.msk.as_ref().unwrap().storage_per_broker <= 16_384.0 * 1_073_741_824.0);
    // The guidance's disk per broker is over the same 33 brokers.
    assert_eq!(k.brokers, 33);
}

#[test]
fn msk_sized_by_partition_replicas_per_broker() {
    // 100,000 msg/s × 100 ms = 10,000 consumers → 10,080 partitions (a multiple of 720) for the
    // topic, its retry topic and its DLQ = 30,240; × RF 3 = 90,720 replicas ÷ 1,000 per broker =
    // 91 brokers → 93 (steps of 3).
    let c = costing(
        "version: 1\nname: wide\nthroughput: {peak_per_sec: 100000, message_bytes: 10, growth_factor: 1}\nconsumers: {processing_ms: 100}\n",
    );
    let o = option(&c, "kafka", "msk-provisioned");
    assert_eq!(o.name, "AWS MSK provisioned (93 × kafka.m7g.large)");
    // 93 × 730 × $0.204 = $13,849.56
    usd(o.lines[0].monthly_usd, 13849.56);
    assert_eq!(
        option(&c, "kafka", "confluent-basic").capacity,
        Capacity::Exceeded
    );
}

#[test]
fn kafka_retention_defaults_to_seven_days_without_replay() {
    // 1 msg/s × 1,024 B × 604,800 s (168 h, Kafka's default) = 0.5769 GiB; × $0.08 = $0.05.
    let c = costing("version: 1\nname: small\nthroughput: {peak_per_sec: 1}\n");
    let o = option(&c, "kafka", "confluent-basic");
    assert!((o.lines[3].quantity - 1024.0 * 604_800.0 / GIB).abs() < 1e-9);
    usd(o.lines[3].monthly_usd, 0.05);
}

#[test]
fn people_cost_follows_experience_and_the_profiles_hourly_rate() {
    let none = costing("version: 1\nname: p\nthroughput: {peak_per_sec: 1}\n");
    let expert = costing(
        "version: 1\nname: p\nthroughput: {peak_per_sec: 1}\nteam: {kafka_experience: expert, hourly_usd: 150}\n",
    );
    let a = option(&none, "kafka", "self-hosted-kraft");
    let b = option(&expert, "kafka", "self-hosted-kraft");
    // 60 h × $100 (default) against 24 h × $150 (team.hourly_usd).
    usd(a.people_usd, 6000.0);
    usd(b.people_usd, 3600.0);
    assert_eq!(b.people.hourly_source, "the profile's team.hourly_usd");
    assert_eq!(expert.summary.hourly_usd, 150.0);
    // Kafka experience does not change Redis work.
    usd(
        option(&expert, "bullmq", "elasticache-nodes").people_usd,
        750.0,
    );
}

#[test]
fn managed_only_leaves_self_hosted_out_and_says_so() {
    let c =
        costing("version: 1\nname: m\nthroughput: {peak_per_sec: 1}\nteam: {managed_only: true}\n");
    assert!(c.options.iter().all(|o| o.hosting != Hosting::SelfHosted));
    let kafka = c.system("kafka").unwrap();
    assert!(
        kafka.notes.iter().any(|n| n.contains("team.managed_only")),
        "{:?}",
        kafka.notes
    );
    assert!(c.options_of("kafka").count() >= 4);
}

#[test]
fn every_candidate_has_a_priced_way_and_kafka_at_least_four() {
    for yaml in [
        HAND,
        "version: 1\nname: m\nthroughput: {peak_per_sec: 1}\nteam: {managed_only: true}\nplatform: {cloud: on-prem}\n",
    ] {
        let c = costing(yaml);
        for s in msgadvisor::systems::ids() {
            assert!(c.options_of(s).count() >= 1, "{s}");
        }
        assert!(c.options_of("kafka").count() >= 4);
    }
}

#[test]
fn cheapest_first_within_each_system_incomplete_then_over_a_limit_last() {
    let c = costing(HAND);
    for s in msgadvisor::systems::ids() {
        let opts: Vec<&CostOption> = c.options_of(s).collect();
        // Ways within a limit first, then ways over one; in each, ways whose sources say they
        // keep an acknowledged write before those whose sources do not (where messages must
        // not be lost), complete totals before totals that leave a cost out, and a way its
        // vendor advises against for this system after those it does not; cheapest first among
        // the rest.
        let group = |o: &CostOption| {
            (
                o.capacity == Capacity::Exceeded,
                o.durability_doubt.is_some(),
                !o.complete(),
                o.advised_against.is_some(),
            )
        };
        for w in opts.windows(2) {
            let (a, b) = (group(w[0]), group(w[1]));
            assert!(a <= b, "{s}: {} then {}", w[0].option, w[1].option);
            if a == b {
                assert!(
                    w[0].monthly_usd <= w[1].monthly_usd,
                    "{s}: {} then {}",
                    w[0].option,
                    w[1].option
                );
            }
        }
    }
}

/// The built-in rules with a pack whose `prices:` change the given ids.
fn costing_with_prices(yaml: &str, prices: &str) -> Costing {
    let rules =
        RuleSet::load_texts(&[("pack/prices.yaml".into(), prices.into())]).expect("the pack loads");
    let (profile, _, _) = msgadvisor::profile::load(yaml, "test.yaml").expect("profile loads");
    // The estimate the report shows: priced, then worded.
    let derived = rules.derived(&profile);
    let mut c = msgadvisor::cost::estimate(&rules.cost, &profile, &derived);
    msgadvisor::cost::word(&mut c, &rules.cost, &profile, &derived);
    c
}

#[test]
fn an_unpriced_line_makes_a_total_a_floor_never_the_cheapest() {
    // A price file that knows no disk price: self-hosted KRaft's disk line has no amount.
    let c = costing_with_prices(
        HAND,
        "prices:\n  vm-disk-gib-month: {unit: USD per GiB-month, source: \"unknown here\"}\n  ec2-m5-large-hour: {amount: 0.001, unit: USD per instance-hour, source: test, as_of: 2026-12, confidence: D}\n",
    );
    let o = option(&c, "kafka", "self-hosted-kraft");
    assert!(!o.complete());
    assert!(
        o.unpriced[0].contains("storage") && o.unpriced[0].contains("vm-disk-gib-month"),
        "{:?}",
        o.unpriced
    );
    // Its partial sum is the lowest infrastructure of all, yet it is listed after every
    // complete way, is not the budget's cheapest, and is not suggested.
    let complete: Vec<_> = c
        .options_of("kafka")
        .filter(|o| {
            o.complete() && o.hosting != Hosting::Existing && o.capacity != Capacity::Exceeded
        })
        .collect();
    assert!(
        complete
            .iter()
            .all(|x| x.infrastructure_usd > o.infrastructure_usd)
    );
    let kafka = c.system("kafka").unwrap();
    assert_ne!(kafka.cheapest_option, "self-hosted-kraft");
    assert_ne!(kafka.suggested_option, "self-hosted-kraft");
    let pos = |id: &str| c.options_of("kafka").position(|x| x.option == id).unwrap();
    assert!(pos("self-hosted-kraft") > pos(&kafka.cheapest_option));
}

#[test]
fn a_small_team_is_steered_away_from_running_servers_itself() {
    // 10 MB/s: with transfer and disk at no cost (a price file), Confluent's per-GiB prices and
    // MSK's brokers cost more than 3 VMs, and an expert team at $1 an hour makes self-hosted
    // KRaft the lowest total (Aiven's plan is too small).
    let c = costing_with_prices(
        "version: 1\nname: s\nthroughput: {peak_per_sec: 1000, message_bytes: 10000}\nteam: {size: 2, kafka_experience: expert, hourly_usd: 1}\n",
        "prices:\n  vm-disk-gib-month: {amount: 0, unit: USD per GiB-month, source: test, as_of: 2026-12, confidence: D}\n  cloud-data-transfer-gib: {amount: 0, unit: USD per GiB, source: test, as_of: 2026-12, confidence: D}\n",
    );
    let cheapest = c.options_of("kafka").next().unwrap();
    assert_eq!(cheapest.option, "self-hosted-kraft");
    let kafka = c.system("kafka").unwrap();
    assert_eq!(kafka.suggested_option, "msk-provisioned");
    assert!(
        kafka.suggested_why.contains("small teams"),
        "{}",
        kafka.suggested_why
    );
    assert!(
        cheapest
            .assumptions
            .iter()
            .any(|a| a.starts_with("A team of 2")),
        "{:?}",
        cheapest.assumptions
    );
}

#[test]
fn upstash_pay_as_you_go_per_command_bandwidth_and_prod_pack() {
    let c = costing(HAND);
    let o = option(&c, "redis-pubsub", "upstash-redis");
    // upstash.com/pricing/redis (api-evangelist/upstash transcription, page read 2026-09-20):
    // 1,314,000,000 messages a month × (1 write + 2 groups) = 3,942,000,000 commands = 39,420 ×
    // 100K × $0.2 = $7,884.00. Pub/Sub holds nothing: no storage beyond the free GiB. Bandwidth
    // in 2,506.26 + out 5,012.51 = 7,518.77 GiB, less 200 free = 7,318.77 × $0.03 = $219.56.
    // The workload cannot lose messages, so the Prod Pack (uptime SLA, Multi-Zone HA): $200.
    check(o, &[7884.0, 0.0, 219.56, 200.0], 8303.56, 300.0);
    assert!((o.lines[0].quantity - 39_420.0).abs() < 1e-6);
    assert!((o.lines[2].quantity - (INGRESS_GIB + EGRESS_GIB - 200.0)).abs() < 1e-6);
    assert_eq!(o.hosting, Hosting::Managed);
    // 1,000 msg/s at peak × growth 2 × 3 commands = 6,000 a second, under the 10,000 pay as you
    // go takes; nothing held, under its 100 GB.
    assert_eq!(o.capacity, Capacity::Checked);
    assert!(o.complete(), "{:?}", o.unpriced);
    assert_eq!(o.lines[0].as_of.as_deref(), Some("2026-09-20"));
    assert_eq!(o.lines[0].confidence.unwrap().as_str(), "S");

    // Twice the peak: 2,000 × 2 × 3 = 12,000 commands a second, above the 10,000 pay as you go
    // takes (Upstash's billing docs): over a published limit.
    let busy = costing(&HAND.replace("peak_per_sec: 1000", "peak_per_sec: 2000"));
    let o = option(&busy, "redis-pubsub", "upstash-redis");
    assert_eq!(o.capacity, Capacity::Exceeded);
    assert!(
        o.capacity_note.contains("12,000 commands/s"),
        "{}",
        o.capacity_note
    );

    // A workload that may lose messages goes without the Prod Pack.
    let lossy = costing(&HAND.replace("name: hand", "name: hand\ndelivery: {loss_ok: true}"));
    check(
        option(&lossy, "redis-pubsub", "upstash-redis"),
        &[7884.0, 0.0, 219.56],
        8103.56,
        300.0,
    );

    // The stream's three-day window, 307 GiB, is over pay as you go's 100 GB: listed last.
    let streams = option(&c, "redis-streams", "upstash-redis");
    assert_eq!(streams.capacity, Capacity::Exceeded);
    assert!(
        streams.capacity_note.contains("100 GB"),
        "{}",
        streams.capacity_note
    );

    // BullMQ polls Redis while idle, which Upstash bills per command and the count leaves out
    // (Upstash's own BullMQ page): the total is a floor, never the cheapest or suggested.
    let bull = option(&c, "bullmq", "upstash-redis");
    assert!(!bull.complete());
    assert!(
        bull.unpriced[0].contains("even when there is no queue activity"),
        "{:?}",
        bull.unpriced
    );
    assert_ne!(c.system("bullmq").unwrap().cheapest_option, "upstash-redis");
}

#[test]
fn upstash_bills_storage_beyond_the_first_gib() {
    // 50 msg/s on average (100 at peak) of 2 KiB, three days of replay: the stream holds
    // 50 × 259,200 entries × 2,547.5 B (the measured entry model) = 33,015,600,000 B
    // = 30.748 GiB, under 100 GB. Storage: 29.748 GiB-month × $0.25 = $7.44.
    let c = costing(&HAND.replace(
        "{peak_per_sec: 1000, avg_per_sec: 500,",
        "{peak_per_sec: 100, avg_per_sec: 50,",
    ));
    let o = option(&c, "redis-streams", "upstash-redis");
    let held = 33_015_600_000.0 / GIB;
    // The same memory ElastiCache Serverless meters, hour by hour.
    let valkey = option(&c, "redis-streams", "elasticache-serverless-valkey");
    assert!((valkey.lines[0].quantity / 730.0 - held).abs() < 1e-6);
    assert!((o.lines[1].quantity - (held - 1.0)).abs() < 1e-6);
    usd(o.lines[1].monthly_usd, 7.44);
    assert_eq!(o.capacity, Capacity::Checked);
}

/// HAND on Google Cloud.
fn hand_on_gcp(throughput: &str) -> Costing {
    costing(
        &HAND
            .replace("cloud: aws", "cloud: gcp")
            .replace("{peak_per_sec: 1000, avg_per_sec: 500,", throughput),
    )
}

#[test]
fn gcp_managed_kafka_sized_by_googles_formula_and_billed_in_dcus() {
    // Google's "Plan the size of your cluster": at peak after growth 1,000 × 2,048 B × 2 =
    // 4.096 MB/s produced, read by 2 groups. Writes × 3 replicas = 12.288 MB/s; reads 8.192 +
    // 4.096 × 2 followers = 16.384 MB/s; write-equivalent 12.288 + 16.384 ÷ 4 = 16.384 MB/s;
    // ÷ 20 MBps ÷ 50% = 1.64 → 2 vCPU, at least 3. 3 vCPU × 0.6 + 12 GiB × 0.1 = 3 DCU × 730 h
    // × $0.09 [U] = $197.10. Local storage (3 × 100 GiB), persistent storage (one copy) and
    // replication between zones have no rate in the sources. People: 8 h × $100 (some
    // experience).
    let c = hand_on_gcp("{peak_per_sec: 1000, avg_per_sec: 500,");
    let o = option(&c, "kafka", "gcp-managed-kafka");
    check(o, &[197.1, 0.0, 0.0, 0.0], 197.1, 800.0);
    assert_eq!(o.lines[0].quantity, 2190.0);
    assert_eq!(o.lines[1].quantity, 300.0);
    assert!((o.lines[2].quantity - RETAINED_GIB).abs() < 1e-6);
    assert!((o.lines[3].quantity - INGRESS_GIB * 2.0).abs() < 1e-6);
    assert_eq!(
        o.name,
        "Google Cloud Managed Service for Apache Kafka (3 vCPU)"
    );
    assert_eq!(o.lines[0].confidence.unwrap().as_str(), "U");
    assert_eq!(o.lines[0].as_of.as_deref(), Some("undated"));
    assert_eq!(o.unpriced.len(), 3, "{:?}", o.unpriced);
    let kafka = c.system("kafka").unwrap();
    assert_ne!(kafka.cheapest_option, "gcp-managed-kafka");

    // Five times the rate: 20.48 MB/s produced; write-equivalent 61.44 + (40.96 + 40.96) ÷ 4 =
    // 81.92 MB/s ÷ 20 ÷ 50% = 8.19 → 9 vCPU, 36 GiB: 9 DCU × 730 h × $0.09 = $591.30; local
    // storage 900 GiB.
    let c = hand_on_gcp("{peak_per_sec: 5000, avg_per_sec: 2500,");
    let o = option(&c, "kafka", "gcp-managed-kafka");
    usd(o.lines[0].monthly_usd, 591.3);
    assert_eq!(o.lines[1].quantity, 900.0);
    assert_eq!(o.capacity, Capacity::Checked);

    // Google's own service is offered to a profile on Google Cloud only.
    assert!(
        costing(HAND)
            .options_of("kafka")
            .all(|o| o.option != "gcp-managed-kafka")
    );
}

#[test]
fn a_node_size_of_unknown_memory_is_priced_and_said_to_be_unchecked() {
    // A price file whose cache.m7g.large gives no maxmemory: the node is still the one priced
    // (2 × 730 node-hours), but nothing says it holds the stream's three-day window, nor even
    // Pub/Sub's in-flight messages, so each note asks the team to check.
    let c = costing_with_prices(
        HAND,
        "instances:\n  cache.m7g.large:\n    use: elasticache-node\n    price: elasticache-cache-m7g-large-hour\n    source: \"our own notes\"\n",
    );
    let streams = option(&c, "redis-streams", "elasticache-nodes");
    assert_eq!(streams.capacity, Capacity::Unchecked);
    assert_eq!(streams.lines[0].quantity, 1460.0);
    assert!(
        streams.capacity_note.ends_with(
            "needed after growth with 25% reserved; cache.m7g.large's memory is not in msgadvisor's sources: check it fits"
        ),
        "{}",
        streams.capacity_note
    );
    assert!(
        streams
            .assumptions
            .contains(&"cache.m7g.large: our own notes".to_string()),
        "{:?}",
        streams.assumptions
    );
    let pubsub = option(&c, "redis-pubsub", "elasticache-nodes");
    assert_eq!(pubsub.capacity, Capacity::Unchecked);
    assert_eq!(
        pubsub.capacity_note,
        "only the backlog is held; cache.m7g.large's memory is not in msgadvisor's sources: check it fits"
    );
}

/// ElastiCache Durability carries at most 100 MiB/s of writes per primary (AWS's Durability
/// limitations): a Redis Streams workload that cannot lose messages and writes more at its peak
/// is priced on as many primaries (shards), each with its replica; one that may lose messages
/// needs no Durability, so one primary.
#[test]
fn durable_redis_nodes_shard_by_the_write_limit_per_primary() {
    // 60,000 msg/s × 4,096 B = 245.76 MB/s = 234.4 MiB/s: 3 primaries of at most 100 MiB/s.
    let yaml = |loss_ok: bool| {
        format!(
            "version: 1\nname: p\nthroughput: {{peak_per_sec: 60000, message_bytes: 4096, growth_factor: 1}}\ndelivery: {{loss_ok: {loss_ok}}}\n"
        )
    };
    let nodes = |c: &Costing| {
        let o = option(c, "redis-streams", "elasticache-nodes");
        (
            o.lines[0].quantity / c.summary.hours_per_month,
            o.assumptions.clone(),
        )
    };
    let durable = costing(&yaml(false));
    let (count, assumptions) = nodes(&durable);
    assert_eq!(count, 6.0, "3 primaries + 3 replicas");
    assert!(
        assumptions
            .iter()
            .any(|a| a.starts_with("6 node(s): 3 primaries (shards:")
                && a.contains("at most 100.0 MiB/s per primary")),
        "{assumptions:?}"
    );
    let (count, _) = nodes(&costing(&yaml(true)));
    assert_eq!(count, 2.0, "1 primary + 1 replica");
}
