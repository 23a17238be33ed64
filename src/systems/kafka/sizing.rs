//! Kafka's numbers for one profile, worked out once: the topics (named from the profile's
//! events; each main topic with a retry topic and a DLQ of the same partition count), partitions
//! per topic, replicas, the broker cluster (size and count) and the disk the retention window
//! takes. The guidance says them and the cost prices them, so "24 partitions on
//! 3 × kafka.m7g.large" is one fact in every section.

use crate::profile::{Cloud, Derived, Ordering, Profile};
use crate::tables::{CostData, Use};
use serde::Serialize;

/// The partition count per topic and how it was reached, in numbers (the guidance adds `why`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Partitions {
    /// Partitions per topic.
    pub count: u64,
    /// What the workload needs after growth, before rounding to a divisible count.
    pub needed: u64,
    /// The arithmetic in words (filled in by the guidance; empty here).
    pub why: String,
    /// What the workload needs now, before growth.
    pub needed_now: u64,
    /// Consumers one group needs to keep up at peak: ceil(peak × processing_ms / 1000), at least 1.
    pub consumers_needed: u64,
    /// t/p: peak bytes per second over one partition's produce rate.
    pub produce_floor: f64,
    /// t/c: peak bytes per second over one consumer's rate (message_bytes × 1000 / processing_ms).
    pub consume_floor: f64,
}

/// What the partition count is computed from.
#[derive(Clone, Debug, PartialEq)]
pub struct PartitionInputs {
    pub peak_per_sec: f64,
    pub message_bytes: f64,
    pub processing_ms: f64,
    pub growth_factor: f64,
    /// One partition's produce rate, bytes/s (p).
    pub produce_bytes_per_partition: f64,
    pub ordering: Ordering,
}

impl PartitionInputs {
    /// The inputs `profile` gives, with one partition's produce rate from the limits.
    pub fn of(profile: &Profile, produce_bytes_per_partition: f64) -> Self {
        PartitionInputs {
            peak_per_sec: profile.throughput.peak_per_sec,
            message_bytes: profile.throughput.message_bytes as f64,
            processing_ms: profile.consumers.processing_ms,
            growth_factor: profile.throughput.growth_factor,
            produce_bytes_per_partition,
            ordering: profile.delivery.ordering,
        }
    }
}

/// Lower-case kebab-case: every run of characters other than `a-z0-9` becomes one `-`.
/// `signed up` → `signed-up`, `UserProfile_v2` → `userprofile-v2`.
pub fn kebab(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// `<domain>.<action>` in the tool's scheme, e.g. (`user`, `signed up`) → `user.signed-up`.
pub fn topic_name(domain: &str, action: &str) -> String {
    let d = kebab(domain);
    let a = kebab(action);
    match (d.is_empty(), a.is_empty()) {
        (false, false) => format!("{d}.{a}"),
        (true, false) => a,
        (false, true) => d,
        (true, true) => "events".into(),
    }
}

/// The main topics for `profile` as (name, partition key): one per distinct `<domain>.<action>`
/// of its events, in the order written, or one named after the profile when it lists no events.
/// Each has a retry topic and a DLQ beside it (the naming words them).
pub fn topic_names(profile: &Profile) -> Vec<(String, Option<String>)> {
    let mut out: Vec<(String, Option<String>)> = Vec::new();
    if profile.events.is_empty() {
        // The profile's name as a domain with no action: `events` when nothing is left of it.
        out.push((topic_name(&profile.name, ""), None));
    }
    for e in &profile.events {
        let name = topic_name(&e.domain, &e.action);
        if out.iter().any(|t| t.0 == name) {
            continue;
        }
        out.push((name, e.key.clone()));
    }
    out
}

/// `ceil`, forgiving the last bits of float error (12.000000000000002 → 12).
pub(crate) fn ceil(v: f64) -> f64 {
    (v - 1e-9 * v.abs().max(1.0)).ceil()
}

fn to_count(v: f64) -> u64 {
    // `as` saturates: absurd inputs give u64::MAX, never a panic.
    v.max(1.0) as u64
}

/// The first of `counts` (ascending) at or above `n`; beyond the list, the next multiple of its
/// last value.
pub fn round_up_divisible(n: u64, counts: &[u64]) -> u64 {
    if let Some(c) = counts.iter().find(|&&c| c >= n) {
        return *c;
    }
    match counts.last() {
        Some(&last) if last > 0 => n.div_ceil(last).saturating_mul(last),
        _ => n,
    }
}

/// The partition count per topic: consumers needed and Rao's floor, times growth (partitions can
/// be added later only at the price of moving keys), rounded up to a highly divisible count;
/// exactly 1 for global order.
pub fn partitions(i: &PartitionInputs, counts: &[u64]) -> Partitions {
    let t = i.peak_per_sec * i.message_bytes;
    let c = if i.processing_ms > 0.0 {
        i.message_bytes * 1000.0 / i.processing_ms
    } else {
        f64::INFINITY
    };
    let produce_floor = t / i.produce_bytes_per_partition;
    let consume_floor = if c.is_infinite() { 0.0 } else { t / c };
    let consumers_needed = to_count(crate::profile::consumers_for(
        i.peak_per_sec,
        i.processing_ms,
    ));
    let needed_now = to_count(ceil(produce_floor)).max(consumers_needed);
    let needed = to_count(ceil(needed_now as f64 * i.growth_factor));
    let count = if i.ordering == Ordering::Global {
        1
    } else {
        round_up_divisible(needed, counts)
    };
    Partitions {
        count,
        needed,
        why: String::new(),
        needed_now,
        consumers_needed,
        produce_floor,
        consume_floor,
    }
}

/// A cluster of one machine size: the fewest brokers, in steps of the minimum broker count,
/// that carry the partition replicas, the ingress, the traffic out of each broker (replication
/// and every consumer group) and (on MSK) the storage; the cheapest size that fits.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cluster {
    /// The machine size (`kafka.m7g.large`, `ec2.m5.large`).
    pub instance: String,
    pub brokers: u64,
    pub replicas_per_broker: u64,
    /// Peak ingress after growth on each broker, bytes/s.
    pub ingress_per_broker: f64,
    /// What one broker of this size takes: partition replicas recommended, ingress bytes/s.
    pub partitions_per_broker: f64,
    pub ingress_bytes_per_sec: f64,
    /// Peak traffic out of each broker after growth: its ingress × (RF − 1) to the followers
    /// plus its ingress × consumer groups, bytes/s.
    pub egress_per_broker: f64,
    /// What one broker of this size sends out comfortably, bytes/s, when the sources give it.
    pub egress_bytes_per_sec: Option<f64>,
    /// Provisioned storage on each broker (the assessment's disk ÷ brokers), bytes.
    pub storage_per_broker: f64,
    /// The most storage one broker may have (MSK Standard: 16,384 GiB), bytes.
    pub storage_per_broker_max: Option<f64>,
    /// What set the broker count: `partitions`, `ingress`, `egress`, `storage` or `minimum`.
    pub limited_by: String,
    /// Sizes that could not be considered for lack of capacity figures.
    pub skipped: Vec<String>,
}

/// Confluent Cloud eCKUs for one cluster type, from its per-eCKU limits: enough for the peak
/// after growth in and out (every consumer group reads everything) and for every partition
/// (main, retry and DLQ topics).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Eckus {
    /// eCKUs needed, at least 1 (may be above `max_eckus`: then `exceeded`).
    pub eckus: u64,
    pub by_ingress: u64,
    pub by_egress: u64,
    pub by_partitions: u64,
    /// Peak traffic in and out after growth, bytes/s.
    pub ingress_bytes_per_sec: f64,
    pub egress_bytes_per_sec: f64,
    /// Per eCKU: ingress and egress bytes/s, partitions; and the most eCKUs a cluster may have.
    pub ingress_per_ecku: f64,
    pub egress_per_ecku: f64,
    pub partitions_per_ecku: f64,
    pub max_eckus: u64,
    /// More eCKUs than the cluster type allows.
    pub exceeded: bool,
    /// The most one copy of the log may hold (Basic only), bytes; and whether it holds more.
    pub storage_max: Option<f64>,
    pub storage_exceeded: bool,
}

impl Eckus {
    fn of(
        data: &CostData,
        tier: &str,
        ingress: f64,
        egress: f64,
        partitions: u64,
        bytes_per_copy: f64,
    ) -> Eckus {
        // Static names: this runs for every variation the flip-point search prices.
        let names: [&str; 4] = if tier == "basic" {
            [
                "confluent_basic_ecku_ingress_bytes_per_sec",
                "confluent_basic_ecku_egress_bytes_per_sec",
                "confluent_basic_ecku_partitions",
                "confluent_basic_eckus_max",
            ]
        } else {
            [
                "confluent_standard_ecku_ingress_bytes_per_sec",
                "confluent_standard_ecku_egress_bytes_per_sec",
                "confluent_standard_ecku_partitions",
                "confluent_standard_eckus_max",
            ]
        };
        let fact = |i: usize| data.fact(names[i]).max(1.0);
        let (ingress_per_ecku, egress_per_ecku, partitions_per_ecku) = (fact(0), fact(1), fact(2));
        let by = |need: f64, per: f64| to_count(ceil(need / per));
        let by_ingress = by(ingress, ingress_per_ecku);
        let by_egress = by(egress, egress_per_ecku);
        let by_partitions = by(partitions as f64, partitions_per_ecku);
        let eckus = by_ingress.max(by_egress).max(by_partitions).max(1);
        let max_eckus = fact(3) as u64;
        let storage_max = (tier == "basic").then(|| data.fact("confluent_basic_storage_bytes_max"));
        Eckus {
            eckus,
            by_ingress,
            by_egress,
            by_partitions,
            ingress_bytes_per_sec: ingress,
            egress_bytes_per_sec: egress,
            ingress_per_ecku,
            egress_per_ecku,
            partitions_per_ecku,
            max_eckus,
            exceeded: eckus > max_eckus,
            storage_max,
            storage_exceeded: storage_max.is_some_and(|m| bytes_per_copy > m),
        }
    }
}

/// AWS MSK Express brokers (express.m7g.large), sized by AWS's sustained figures per broker in
/// and out (consumers' reads: AWS states Express throughput as client traffic), in steps of the
/// minimum broker count (Express needs 3 zones).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Express {
    /// Brokers (a float: an absurd load gives a huge count, never a panic), by ingress, by egress.
    pub brokers: f64,
    pub by_ingress: f64,
    pub by_egress: f64,
    /// The step brokers are added in.
    pub step: f64,
    /// What one broker sustains, in and out, bytes/s.
    pub ingress_per_broker_max: f64,
    pub egress_per_broker_max: f64,
    /// The peak after growth on each broker, in and out, bytes/s.
    pub ingress_per_broker: f64,
    pub egress_per_broker: f64,
}

impl Express {
    fn of(data: &CostData, ingress: f64, egress: f64) -> Express {
        let step = data.fact("kafka_cluster_brokers").max(1.0);
        let (per_in, per_out) = (
            data.fact("msk_express_ingress_bytes_per_sec").max(1.0),
            data.fact("msk_express_egress_bytes_per_sec").max(1.0),
        );
        let by_ingress = (ingress / per_in).ceil();
        let by_egress = (egress / per_out).ceil();
        let brokers = ((by_ingress.max(by_egress) / step).ceil() * step).max(step);
        Express {
            brokers,
            by_ingress,
            by_egress,
            step,
            ingress_per_broker_max: per_in,
            egress_per_broker_max: per_out,
            ingress_per_broker: ingress / brokers,
            egress_per_broker: egress / brokers,
        }
    }
}

/// A serverless Kafka (MSK Serverless, Redpanda Serverless) against its published limits per
/// cluster: the peak after growth in and out (every consumer group reads everything) and every
/// partition; MSK's quotas per partition, Redpanda's largest message.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ServerlessFit {
    pub ingress_over: bool,
    pub egress_over: bool,
    pub partitions_over: bool,
    /// MSK: global order keeps a topic on one partition, whose quota is then the topic's, and
    /// the traffic is above it.
    pub partition_over: bool,
    /// Redpanda: messages larger than one may be.
    pub message_over: bool,
    /// MSK: a main topic's traffic on each of its partitions (they share it evenly, keys
    /// permitting), in and out, bytes/s.
    pub ingress_per_partition: f64,
    pub egress_per_partition: f64,
    /// MSK: the partitions a topic needs at the quotas per partition, when more than it has
    /// (more partitions, not a bigger cluster: not a limit the load can exceed).
    pub partitions_needed: Option<f64>,
}

impl ServerlessFit {
    /// Above a published limit.
    pub fn exceeded(&self) -> bool {
        self.ingress_over
            || self.egress_over
            || self.partitions_over
            || self.partition_over
            || self.message_over
    }

    /// Against the limits `limits` names (ingress and egress bytes/s, partitions).
    fn of(data: &CostData, limits: [&str; 3], ingress: f64, egress: f64, partitions: u64) -> Self {
        ServerlessFit {
            ingress_over: ingress > data.fact(limits[0]),
            egress_over: egress > data.fact(limits[1]),
            partitions_over: partitions as f64 > data.fact(limits[2]),
            partition_over: false,
            message_over: false,
            ingress_per_partition: 0.0,
            egress_per_partition: 0.0,
            partitions_needed: None,
        }
    }
}

/// Google Cloud Managed Service for Apache Kafka, sized the way Google's "Plan the size of your
/// cluster" page does: vCPUs from the write-equivalent rate (writes with their replicas, plus
/// reads ÷ 4) at 20 MBps per vCPU and a 50% utilization target, 4 GiB of RAM each, billed in
/// Data Compute Units.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Gcp {
    /// The peak after growth written with its replicas, and read by every group and the
    /// followers, bytes/s.
    pub write: f64,
    pub read: f64,
    /// Reads cost 1 ÷ this of a write.
    pub read_efficiency: f64,
    /// write + read ÷ read_efficiency.
    pub write_equivalent: f64,
    /// What one vCPU carries, bytes/s; the utilization aimed at (a ratio); the fewest vCPUs.
    pub vcpu_bytes_per_sec: f64,
    pub utilization: f64,
    pub min_vcpus: f64,
    pub vcpus: f64,
    /// RAM, GiB.
    pub gib: f64,
    pub dcus: f64,
    /// Local storage on the brokers, GiB.
    pub local_gib: f64,
}

impl Gcp {
    fn of(data: &CostData, ingress: f64, egress: f64, rf: f64, followers: f64) -> Gcp {
        let write = ingress * rf;
        let read = egress + ingress * followers;
        let read_efficiency = data.fact("gcp_kafka_read_efficiency").max(1.0);
        let write_equivalent = write + read / read_efficiency;
        let vcpu_bytes_per_sec = data.fact("gcp_kafka_vcpu_bytes_per_sec").max(1.0);
        let utilization = data.fact("gcp_kafka_target_utilization").clamp(0.01, 1.0);
        let min_vcpus = data.fact("gcp_kafka_min_vcpus").max(1.0);
        let vcpus = (write_equivalent / vcpu_bytes_per_sec / utilization)
            .ceil()
            .max(min_vcpus);
        let gib = vcpus * data.fact("gcp_kafka_memory_gib_per_vcpu");
        Gcp {
            write,
            read,
            read_efficiency,
            write_equivalent,
            vcpu_bytes_per_sec,
            utilization,
            min_vcpus,
            vcpus,
            gib,
            dcus: vcpus * data.fact("gcp_kafka_dcu_per_vcpu")
                + gib * data.fact("gcp_kafka_dcu_per_gib"),
            local_gib: vcpus * data.fact("gcp_kafka_local_storage_gib_per_vcpu"),
        }
    }
}

/// Kafka's numbers for one profile.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KafkaSizing {
    pub partitions: Partitions,
    /// One per declared event (or one for the profile when it declares none).
    pub main_topics: u64,
    /// Main topics, each with a retry topic and a DLQ of the same partition count.
    pub topics: u64,
    /// Every partition the topics take: topics × partitions per topic.
    pub partitions_total: u64,
    pub replication_factor: u64,
    /// Copies of each byte on other brokers: replication factor − 1.
    pub followers: f64,
    /// Partitions × replication factor.
    pub replicas: u64,
    /// The cheapest AWS MSK Standard broker size that fits, and how many.
    pub msk: Option<Cluster>,
    /// The cheapest VM size that fits, for a cluster the team runs itself.
    pub vms: Option<Cluster>,
    /// The brokers the guidance plans for: MSK's on AWS, otherwise the VMs', otherwise the
    /// minimum cluster.
    pub brokers: u64,
    pub retention_days: f64,
    /// True when the profile asked for replay; otherwise Kafka's default retention applies.
    pub retention_from_replay: bool,
    pub retention_seconds: f64,
    /// One copy of the retained log: average bytes/s × retention seconds.
    pub bytes_per_copy: f64,
    /// Free space kept on provisioned disks.
    pub storage_headroom: f64,
    /// One copy × replication factor: what the brokers hold.
    pub replicated_bytes: f64,
    /// Provisioned disk: one copy × replication factor × headroom.
    pub storage_bytes: f64,
    /// The peak after growth every consumer group reads, bytes/s (ingress × groups).
    pub egress_bytes_per_sec: f64,
    /// Confluent Cloud Basic and Standard, sized in eCKUs.
    pub confluent_basic: Eckus,
    pub confluent_standard: Eckus,
    pub express: Express,
    pub msk_serverless: ServerlessFit,
    pub redpanda_serverless: ServerlessFit,
    /// For a profile on Google Cloud.
    pub gcp: Option<Gcp>,
}

impl KafkaSizing {
    /// Works out Kafka's numbers for `profile` from the rule set's data.
    pub fn of(profile: &Profile, derived: &Derived, data: &CostData) -> KafkaSizing {
        let partitions = partitions(
            &PartitionInputs::of(profile, data.fact("kafka_partition_produce_bytes_per_sec")),
            &data.partition_counts,
        );
        let main_topics = topic_names(profile).len() as u64;
        let topics = main_topics.saturating_mul(3);
        let partitions_total = topics.saturating_mul(partitions.count);
        let replication_factor = data.fact("kafka_replication_factor").max(1.0) as u64;
        let replicas = partitions_total.saturating_mul(replication_factor);
        let step = data.fact("kafka_cluster_brokers").max(1.0);
        let (retention_days, retention_from_replay) = if profile.replay.needed {
            (profile.replay.retention_days, true)
        } else {
            (data.fact("kafka_default_retention_hours") / 24.0, false)
        };
        let retention_seconds = retention_days * 86_400.0;
        // The replay window is derived once (`derived.retained_bytes`): RabbitMQ's stream
        // holds the same bytes.
        let bytes_per_copy = if retention_from_replay {
            derived.retained_bytes
        } else {
            derived.avg_bytes_per_sec * retention_seconds
        };
        let storage_headroom = data.fact("kafka_storage_headroom").max(1.0);
        let replicated_bytes = bytes_per_copy * replication_factor as f64;
        let storage_bytes = replicated_bytes * storage_headroom;
        let groups = f64::from(profile.consumers.groups);
        let followers = (replication_factor as f64 - 1.0).max(0.0);
        let ingress = derived.peak_bytes_per_sec_grown;
        let egress = ingress * groups;
        let load = Load {
            replicas,
            ingress,
            // Each broker sends what it leads to the other replicas and to every group.
            out_per_in: followers + groups,
            storage: storage_bytes,
        };
        let msk = cluster(
            data,
            Use::MskBroker,
            &load,
            Some(data.fact("msk_storage_per_broker_bytes_max")),
            step,
        );
        let vms = cluster(data, Use::Vm, &load, None, step);
        let planned = if profile.platform.cloud == Cloud::Aws {
            msk.as_ref().or(vms.as_ref())
        } else {
            vms.as_ref()
        };
        let brokers = planned.map_or(step as u64, |c| c.brokers);
        let mut msk_serverless = ServerlessFit::of(
            data,
            [
                "msk_serverless_ingress_bytes_per_sec_max",
                "msk_serverless_egress_bytes_per_sec_max",
                "msk_serverless_partitions_max",
            ],
            ingress,
            egress,
            partitions_total,
        );
        let in_limit = data.fact("msk_serverless_partition_ingress_bytes_per_sec_max");
        let out_limit = data.fact("msk_serverless_partition_egress_bytes_per_sec_max");
        msk_serverless.partition_over = profile.delivery.ordering == Ordering::Global
            && (ingress > in_limit || egress > out_limit);
        let needed = (ingress / in_limit).max(egress / out_limit).ceil();
        msk_serverless.partitions_needed = (needed > partitions.count as f64).then_some(needed);
        msk_serverless.ingress_per_partition = ingress / partitions.count.max(1) as f64;
        msk_serverless.egress_per_partition = egress / partitions.count.max(1) as f64;
        let mut redpanda_serverless = ServerlessFit::of(
            data,
            [
                "redpanda_serverless_ingress_bytes_per_sec_max",
                "redpanda_serverless_egress_bytes_per_sec_max",
                "redpanda_serverless_partitions_max",
            ],
            ingress,
            egress,
            partitions_total,
        );
        redpanda_serverless.message_over = profile.throughput.message_bytes as f64
            > data.fact("redpanda_serverless_message_bytes_max");
        // Confluent Cloud's two cluster types, each from its own per-eCKU limits.
        let eckus = |tier| {
            Eckus::of(
                data,
                tier,
                ingress,
                egress,
                partitions_total,
                bytes_per_copy,
            )
        };
        let gcp = (profile.platform.cloud == Cloud::Gcp)
            .then(|| Gcp::of(data, ingress, egress, replication_factor as f64, followers));
        KafkaSizing {
            partitions,
            main_topics,
            topics,
            partitions_total,
            replication_factor,
            followers,
            replicas,
            msk,
            vms,
            brokers,
            retention_days,
            retention_from_replay,
            retention_seconds,
            bytes_per_copy,
            storage_headroom,
            replicated_bytes,
            storage_bytes,
            egress_bytes_per_sec: egress,
            confluent_basic: eckus("basic"),
            confluent_standard: eckus("standard"),
            express: Express::of(data, ingress, egress),
            msk_serverless,
            redpanda_serverless,
            gcp,
        }
    }

    /// Partition replicas on each of the planned brokers.
    pub fn replicas_per_broker(&self) -> u64 {
        self.replicas.div_ceil(self.brokers.max(1))
    }
}

/// What a broker cluster must carry.
struct Load {
    replicas: u64,
    /// Peak ingress after growth, bytes/s.
    ingress: f64,
    /// Bytes a broker sends out per byte it takes in: RF − 1 to the followers, 1 per group.
    out_per_in: f64,
    /// Provisioned storage of the whole cluster, bytes.
    storage: f64,
}

fn cluster(
    data: &CostData,
    use_: Use,
    load: &Load,
    storage_max: Option<f64>,
    step: f64,
) -> Option<Cluster> {
    let mut best: Option<(f64, Cluster)> = None;
    let mut skipped = Vec::new();
    let storage_max = storage_max.filter(|m| *m > 0.0);
    for (inst, price) in data.sizes(use_) {
        let (Some(ppb), Some(ingress), Some(amount)) = (
            inst.partitions_per_broker,
            inst.ingress_bytes_per_sec,
            price.amount,
        ) else {
            skipped.push(inst.name.clone());
            continue;
        };
        // Each need in brokers, by what sets it (the first of equals names it).
        let needs = [
            ("partitions", (load.replicas as f64 / ppb).ceil()),
            ("ingress", (load.ingress / ingress).ceil()),
            (
                "egress",
                inst.egress_bytes_per_sec
                    .map_or(0.0, |e| (load.ingress * load.out_per_in / e).ceil()),
            ),
            (
                "storage",
                storage_max.map_or(0.0, |m| (load.storage / m).ceil()),
            ),
        ];
        let (limited_by, need) =
            needs.iter().fold(
                ("minimum", 0.0f64),
                |acc, &(what, n)| {
                    if n > acc.1 { (what, n) } else { acc }
                },
            );
        // `as` saturates: an absurd load gives u64::MAX brokers, never a panic.
        let brokers = ((need / step).ceil() * step).max(step);
        let limited_by = if need < step { "minimum" } else { limited_by };
        let cost = brokers * amount;
        let better = match &best {
            None => true,
            Some((c, b)) => cost < *c || (cost == *c && (brokers as u64) < b.brokers),
        };
        if better {
            let n = brokers.max(1.0);
            let brokers = brokers as u64;
            best = Some((
                cost,
                Cluster {
                    instance: inst.name.clone(),
                    brokers,
                    replicas_per_broker: load.replicas.div_ceil(brokers.max(1)),
                    ingress_per_broker: load.ingress / n,
                    partitions_per_broker: ppb,
                    ingress_bytes_per_sec: ingress,
                    egress_per_broker: load.ingress * load.out_per_in / n,
                    egress_bytes_per_sec: inst.egress_bytes_per_sec,
                    storage_per_broker: load.storage / n,
                    storage_per_broker_max: storage_max,
                    limited_by: limited_by.to_string(),
                    skipped: Vec::new(),
                },
            ));
        }
    }
    best.map(|(_, mut c)| {
        c.skipped = skipped;
        c
    })
}
