//! The ways to run Kafka: Confluent Cloud Basic and Standard, AWS MSK provisioned and Serverless,
//! Redpanda Serverless (Kafka-compatible), Google Cloud Managed Service for Apache Kafka (for GCP
//! profiles), Aiven's Startup plan, self-hosted KRaft on VMs, or the cluster the team already
//! runs.

use crate::systems::cost::{Capacity, CostLine, Ctx, Draft, GIB, Hosting, TRANSFER, VM_DISK, txt};
use crate::tables::{Instance, Price, Use};
use crate::units::{bytes, num, si};

pub(crate) const BASIC_ECKU: &str = "confluent-basic-ecku-hour";
pub(crate) const BASIC_IN: &str = "confluent-basic-ingress-gib";
pub(crate) const BASIC_OUT: &str = "confluent-basic-egress-gib";
pub(crate) const BASIC_STORAGE: &str = "confluent-basic-storage-gib-month";
pub(crate) const STANDARD_ECKU: &str = "confluent-standard-ecku-hour";
pub(crate) const STANDARD_IN: &str = "confluent-standard-ingress-gib";
pub(crate) const STANDARD_OUT: &str = "confluent-standard-egress-gib";
pub(crate) const STANDARD_STORAGE: &str = "confluent-standard-storage-gib-month";
pub(crate) const MSK_STORAGE: &str = "msk-storage-gib-month";
pub(crate) const EXPRESS_BROKER: &str = "msk-express-m7g-large-hour";
pub(crate) const EXPRESS_WRITTEN: &str = "msk-express-written-gib";
pub(crate) const EXPRESS_STORAGE: &str = "msk-express-storage-gib-month";
pub(crate) const SERVERLESS_CLUSTER: &str = "msk-serverless-cluster-hour";
pub(crate) const SERVERLESS_PARTITION: &str = "msk-serverless-partition-hour";
pub(crate) const SERVERLESS_IN: &str = "msk-serverless-ingress-gib";
pub(crate) const SERVERLESS_OUT: &str = "msk-serverless-egress-gib";
pub(crate) const SERVERLESS_STORAGE: &str = "msk-serverless-storage-gib-month";
pub(crate) const REDPANDA_UPTIME: &str = "redpanda-serverless-uptime-hour";
pub(crate) const REDPANDA_PARTITION: &str = "redpanda-serverless-partition-hour";
pub(crate) const REDPANDA_IN: &str = "redpanda-serverless-ingress-gib";
pub(crate) const REDPANDA_OUT: &str = "redpanda-serverless-egress-gib";
pub(crate) const REDPANDA_STORAGE: &str = "redpanda-serverless-storage-gib-month";
pub(crate) const AIVEN_STARTUP: &str = "aiven-kafka-startup-month";
pub(crate) const GCP_DCU: &str = "gcp-managed-kafka-dcu-hour";
pub(crate) const GCP_LOCAL_STORAGE: &str = "gcp-managed-kafka-local-storage-gib-month";
pub(crate) const GCP_PERSISTENT_STORAGE: &str = "gcp-managed-kafka-persistent-storage-gib-month";
pub(crate) const GCP_REPLICATION: &str = "gcp-managed-kafka-replication-gib";

/// Names a Kafka-compatible platform goes by in `platform.existing`.
/// The ways of running it (option ids in the `operations:` table).
pub(crate) const OPTIONS: &[&str] = &[
    "confluent-basic",
    "confluent-standard",
    "msk-provisioned",
    "msk-express",
    "msk-serverless",
    "redpanda-serverless",
    "gcp-managed-kafka",
    "aiven-startup",
    "self-hosted-kraft",
    "existing-kafka",
];

/// The price ids its ways use directly (machine sizes name theirs in `instances:`).
pub(crate) const PRICES: &[&str] = &[
    BASIC_ECKU,
    BASIC_IN,
    BASIC_OUT,
    BASIC_STORAGE,
    STANDARD_ECKU,
    STANDARD_IN,
    STANDARD_OUT,
    STANDARD_STORAGE,
    MSK_STORAGE,
    EXPRESS_BROKER,
    EXPRESS_WRITTEN,
    EXPRESS_STORAGE,
    SERVERLESS_CLUSTER,
    SERVERLESS_PARTITION,
    SERVERLESS_IN,
    SERVERLESS_OUT,
    SERVERLESS_STORAGE,
    REDPANDA_UPTIME,
    REDPANDA_PARTITION,
    REDPANDA_IN,
    REDPANDA_OUT,
    REDPANDA_STORAGE,
    AIVEN_STARTUP,
    GCP_DCU,
    GCP_LOCAL_STORAGE,
    GCP_PERSISTENT_STORAGE,
    GCP_REPLICATION,
];

const EXISTING: &[&str] = &["kafka", "msk", "confluent", "redpanda"];

pub(crate) fn options(ctx: &Ctx) -> (Vec<Draft>, Vec<String>, Vec<String>) {
    let mut out = vec![
        confluent(ctx, false),
        confluent(ctx, true),
        msk_provisioned(ctx),
        msk_express(ctx),
        msk_serverless(ctx),
        redpanda_serverless(ctx),
        aiven_startup(ctx),
    ];
    // Google's own managed Kafka, for a profile that runs on Google Cloud.
    if ctx.profile.platform.cloud == crate::profile::Cloud::Gcp {
        out.push(gcp_managed(ctx));
    }
    let mut notes = Vec::new();
    if ctx.managed_only() {
        notes.push(
            txt!(
                ctx,
                "Self-hosted Kafka (KRaft on VMs) left out: the team runs managed services only (team.managed_only)"
            ),
        );
    } else {
        out.push(self_hosted(ctx));
    }
    if ctx.has_existing(EXISTING) {
        out.push(existing(ctx));
    }
    (out, notes, workload(ctx))
}

/// What every Kafka option assumes about the workload.
fn workload(ctx: &Ctx) -> Vec<String> {
    let w = &ctx.w;
    let retention = if ctx.profile.replay.needed {
        txt!(
            ctx,
            "retention {} days (replay.retention_days)",
            num(ctx.profile.replay.retention_days)
        )
    } else {
        txt!(
            ctx,
            "retention {} h, Kafka's default (replay not needed; {})",
            num(w.assessment.kafka.retention_seconds / 3600.0),
            ctx.fact_source("kafka_default_retention_hours")
        )
    };
    let k = &w.assessment.kafka;
    let partitions = if ctx.profile.delivery.ordering == crate::profile::Ordering::Global {
        txt!(
            ctx,
            "{} partitions: {} topics ({} main, each with a retry topic and a DLQ) × 1 (global ordering needs one partition), as the Kafka guidance creates them",
            num(k.partitions_total as f64),
            num(k.topics as f64),
            num(k.main_topics as f64)
        )
    } else {
        txt!(
            ctx,
            "{} partitions: {} topics ({} main, each with a retry topic and a DLQ) × {} partitions, as the Kafka guidance creates them ({} now, × growth {} = {}, rounded up to a count that splits evenly)",
            num(k.partitions_total as f64),
            num(k.topics as f64),
            num(k.main_topics as f64),
            num(k.partitions.count as f64),
            num(k.partitions.needed_now as f64),
            num(ctx.profile.throughput.growth_factor),
            num(k.partitions.needed as f64),
        )
    };
    vec![
        txt!(
            ctx,
            "Ingress {} GiB a month = {}/s average × {} h; egress {} GiB = ingress × {} consumer group(s)",
            num(w.ingress_gib),
            bytes(w.avg_bytes_per_sec),
            num(w.hours),
            num(w.egress_gib),
            num(w.groups)
        ),
        txt!(
            ctx,
            "{retention}: one copy of the log holds {}",
            bytes(w.assessment.kafka.bytes_per_copy)
        ),
        partitions,
    ]
}

fn confluent(ctx: &Ctx, standard: bool) -> Draft {
    let w = &ctx.w;
    let k = &w.assessment.kafka;
    let (name, tier, sized, ecku, inp, out, storage) = if standard {
        (
            "Confluent Cloud Standard",
            "standard",
            &k.confluent_standard,
            STANDARD_ECKU,
            STANDARD_IN,
            STANDARD_OUT,
            STANDARD_STORAGE,
        )
    } else {
        (
            "Confluent Cloud Basic",
            "basic",
            &k.confluent_basic,
            BASIC_ECKU,
            BASIC_IN,
            BASIC_OUT,
            BASIC_STORAGE,
        )
    };
    let eckus = sized.eckus as f64;
    let ecku_line = if standard {
        ctx.line_said(
            txt!(ctx, "eCKU-hours: {} eCKU × {} h", num(eckus), num(w.hours)),
            eckus * w.hours,
            "eCKU-hour",
            ecku,
        )
    } else {
        let free = ctx.fact("confluent_basic_free_eckus");
        ctx.line_said(
            txt!(
                ctx,
                "eCKU-hours: {} eCKU × {} h, less {} free eCKU",
                num(eckus),
                num(w.hours),
                num(free)
            ),
            (eckus - free).max(0.0) * w.hours,
            "eCKU-hour",
            ecku,
        )
    };
    let lines = vec![
        ecku_line,
        ctx.line_said("ingress", w.ingress_gib, "GiB", inp),
        ctx.line_said("egress", w.egress_gib, "GiB", out),
        ctx.line_said(
            "storage, one copy of the retained log",
            k.bytes_per_copy / GIB,
            "GiB-month",
            storage,
        ),
    ];
    let mut assumptions = vec![txt!(
        ctx,
        "{} eCKU: the most of {} for ingress ({}/s at peak after growth ÷ {}/s per eCKU), {} for egress ({}/s = ingress × {} group(s) ÷ {}/s) and {} for partitions ({} ÷ {} per eCKU): {}; eCKUs scale with use and bill by the hour, so this is the bill at the peak after growth",
        num(eckus),
        num(sized.by_ingress as f64),
        si(sized.ingress_bytes_per_sec),
        si(sized.ingress_per_ecku),
        num(sized.by_egress as f64),
        si(sized.egress_bytes_per_sec),
        num(w.groups),
        si(sized.egress_per_ecku),
        num(sized.by_partitions as f64),
        num(k.partitions_total as f64),
        num(sized.partitions_per_ecku),
        ctx.fact_source(&format!("confluent_{tier}_ecku_partitions"))
    )];
    assumptions.extend(workload(ctx));
    assumptions.push(txt!(
        ctx,
        "Storage billed on one copy of the data (msgadvisor assumption: replicas are Confluent's)"
    ));
    let (capacity, capacity_note) = confluent_capacity(ctx, tier, sized, standard);
    Draft {
        left_out: 0,
        option: if standard {
            "confluent-standard"
        } else {
            "confluent-basic"
        },
        name: txt!(ctx, "{name} ({} eCKU)", num(eckus)),
        hosting: Hosting::Managed,
        // Confluent's own words, so the reason reads the same wherever it is shown.
        development_only: (!standard).then_some(
            "Confluent: \"Use Basic clusters for experimentation and early development. For a production cluster, choose from Standard, Enterprise, or Dedicated.\" (docs.confluent.io/cloud/current/clusters/cluster-types, 2026 [V]; 99.5% SLA)",
        ),
        advised_against: None,
        durability_doubt: None,
        unpriced: Vec::new(),
        capacity,
        capacity_note,
        lines,
        assumptions,
    }
}

fn confluent_capacity(
    ctx: &Ctx,
    tier: &str,
    e: &super::sizing::Eckus,
    standard: bool,
) -> (Capacity, String) {
    let k = &ctx.w.assessment.kafka;
    let mut over = Vec::new();
    if e.exceeded {
        over.push(txt!(
            ctx,
            "{} eCKUs needed, above the {} a {} cluster may have ({})",
            num(e.eckus as f64),
            num(e.max_eckus as f64),
            tier,
            ctx.fact_source(&format!("confluent_{tier}_eckus_max"))
        ));
    }
    if !standard {
        let max_store = ctx.fact("confluent_basic_storage_bytes_max");
        if k.bytes_per_copy > max_store {
            over.push(txt!(
                ctx,
                "{} retained is above Basic's {} ({})",
                si(k.bytes_per_copy),
                si(max_store),
                ctx.fact_source("confluent_basic_storage_bytes_max")
            ));
        }
    }
    let within = txt!(
        ctx,
        "{} eCKU of at most {}: {}/s in, {}/s out, {} partitions per eCKU",
        num(e.eckus as f64),
        num(e.max_eckus as f64),
        si(e.ingress_per_ecku),
        si(e.egress_per_ecku),
        num(e.partitions_per_ecku)
    );
    if over.is_empty() {
        (Capacity::Checked, within)
    } else {
        (
            Capacity::Exceeded,
            txt!(ctx, "{}; {within}", over.join("; ")),
        )
    }
}

/// The cluster the assessment sized for `use_` (the cheapest size that fits partition replicas
/// and ingress), with its instance and price.
struct Cluster<'a> {
    sized: &'a super::sizing::Cluster,
    instance: &'a Instance,
    price: &'a Price,
    brokers: f64,
}

fn size_cluster<'a>(ctx: &'a Ctx, use_: Use) -> Option<Cluster<'a>> {
    let sized = match use_ {
        Use::MskBroker => ctx.w.assessment.kafka.msk.as_ref(),
        _ => ctx.w.assessment.kafka.vms.as_ref(),
    }?;
    let (instance, price) = ctx
        .data
        .sizes(use_)
        .find(|(i, _)| i.name == sized.instance)?;
    Some(Cluster {
        sized,
        instance,
        price,
        brokers: sized.brokers as f64,
    })
}

fn cluster_note(ctx: &Ctx, c: &Cluster) -> String {
    let k = &ctx.w.assessment.kafka;
    let egress = match c.sized.egress_bytes_per_sec {
        Some(e) => txt!(
            ctx,
            "{}/s out per broker (ingress × (RF {} − 1) to followers + × {} group(s); {}/s comfortable)",
            si(c.sized.egress_per_broker),
            num(k.replication_factor as f64),
            num(ctx.w.groups),
            si(e)
        ),
        None => txt!(
            ctx,
            "{}/s out per broker (not checked: no egress figure for {})",
            si(c.sized.egress_per_broker),
            c.instance.name
        ),
    };
    let storage = match c.sized.storage_per_broker_max {
        Some(m) => txt!(
            ctx,
            ", {} of storage per broker (at most {})",
            bytes(c.sized.storage_per_broker),
            bytes(m)
        ),
        None => String::new(),
    };
    txt!(
        ctx,
        "{} × {}, sized by {}: {} partition replicas per broker ({} recommended), {}/s ingress per broker at peak after growth ({}/s comfortable), {egress}{storage}",
        num(c.brokers),
        c.instance.name,
        c.sized.limited_by,
        num(c.sized.replicas_per_broker as f64),
        num(c.sized.partitions_per_broker),
        si(c.sized.ingress_per_broker),
        si(c.sized.ingress_bytes_per_sec),
    )
}

fn cluster_assumptions(ctx: &Ctx, c: &Cluster, what: &str) -> Vec<String> {
    let mut a = vec![
        txt!(
            ctx,
            "The cheapest {what} that fits, in steps of {} brokers: {}",
            num(ctx.fact("kafka_cluster_brokers")),
            ctx.fact_source("kafka_cluster_brokers")
        ),
        txt!(ctx, "{} capacity: {}", c.instance.name, c.instance.source),
    ];
    if !c.sized.skipped.is_empty() {
        a.push(txt!(
            ctx,
            "Not considered, for lack of capacity figures: {}",
            c.sized.skipped.join(", ")
        ));
    }
    a.extend(workload(ctx));
    a.push(txt!(
        ctx,
        "Provisioned storage = one copy × replication factor {} ({}) × headroom {} ({}), the disk the Kafka guidance plans: provisioned storage is billed whether used or not",
        num(ctx.w.assessment.kafka.replication_factor as f64),
        ctx.fact_source("kafka_replication_factor"),
        num(ctx.w.assessment.kafka.storage_headroom),
        ctx.fact_source("kafka_storage_headroom")
    ));
    a
}

fn msk_provisioned(ctx: &Ctx) -> Draft {
    let w = &ctx.w;
    let Some(c) = size_cluster(ctx, Use::MskBroker) else {
        return unpriced_cluster(
            ctx,
            "msk-provisioned",
            "AWS MSK provisioned",
            Hosting::Managed,
        );
    };
    let mut lines = vec![
        ctx.line_said(
            txt!(
                ctx,
                "broker-hours: {} × {} × {} h",
                num(c.brokers),
                c.instance.name,
                num(w.hours)
            ),
            c.brokers * w.hours,
            "broker-hour",
            &c.price.id,
        ),
        storage_line(ctx, MSK_STORAGE),
    ];
    // Replication between MSK brokers is free; clients' traffic across zones is not.
    lines.extend(ctx.cross_az_lines_said(0.0, ""));
    let mut assumptions = cluster_assumptions(ctx, &c, "MSK broker size");
    assumptions.push(ctx.cross_az_assumption());
    assumptions.push(txt!(
        ctx,
        "Replication between MSK brokers is not billed; client traffic across zones is standard AWS data transfer (aws.amazon.com/msk/pricing; domain-facts §8)"
    ));
    assumptions.push(follower_fetch_note(ctx, &lines));
    assumptions.extend(ctx.aws_note());
    Draft {
        left_out: 0,
        option: "msk-provisioned",
        name: txt!(
            ctx,
            "AWS MSK provisioned ({} × {})",
            num(c.brokers),
            c.instance.name
        ),
        hosting: Hosting::Managed,
        development_only: None,
        advised_against: None,
        durability_doubt: None,
        unpriced: Vec::new(),
        capacity: Capacity::Checked,
        capacity_note: cluster_note(ctx, &c),
        lines,
        assumptions,
    }
}

fn storage_line(ctx: &Ctx, price: &str) -> CostLine {
    let w = &ctx.w;
    ctx.line_said(
        txt!(
            ctx,
            "storage: {} × replication factor {} × headroom {}",
            bytes(w.assessment.kafka.bytes_per_copy),
            num(w.assessment.kafka.replication_factor as f64),
            num(w.assessment.kafka.storage_headroom)
        ),
        w.assessment.kafka.storage_bytes / GIB,
        "GiB-month",
        price,
    )
}

/// What fetch-from-follower would save: consumers reading from a replica in their own zone.
fn follower_fetch_note(ctx: &Ctx, lines: &[CostLine]) -> String {
    // `cross_az_lines` gives the producers' line, then the consumers'.
    let consumers = lines
        .iter()
        .filter(|l| l.price == TRANSFER)
        .nth(1)
        .map_or(0.0, |l| l.monthly_usd);
    txt!(
        ctx,
        "Fetch-from-follower (KIP-392): consumers that set `client.rack` to their zone, with a rack-aware replica selector on the brokers, read from a replica in their own zone; that removes most of the consumers' cross-AZ line (about {} a month) (domain-facts §8 [S])",
        crate::units::approx_usd(consumers)
    )
}

/// An option no machine size with capacity figures could be found for (a rule pack removed
/// them): priced with nothing, its capacity unchecked.
fn unpriced_cluster(ctx: &Ctx, option: &'static str, name: &str, hosting: Hosting) -> Draft {
    Draft {
        left_out: 0,
        option,
        name: ctx.copy(name),
        hosting,
        development_only: None,
        advised_against: None,
        durability_doubt: None,
        capacity: Capacity::Unchecked,
        capacity_note: txt!(
            ctx,
            "no machine size with a price and capacity figures in `instances:`"
        ),
        lines: Vec::new(),
        assumptions: Vec::new(),
        unpriced: vec![txt!(
            ctx,
            "the machines (no size with a price and capacity figures)"
        )],
    }
}

/// MSK Express brokers (express.m7g.large): sized by AWS's sustained per-broker figures, 15.6
/// MBps in and 31.2 MBps out, in steps of 3 brokers (Express needs 3 zones). Storage is AWS's
/// and unlimited; what is written and stored has no price in the sources, so the total is
/// incomplete.
fn msk_express(ctx: &Ctx) -> Draft {
    let w = &ctx.w;
    let k = &w.assessment.kafka;
    let step = ctx.fact("kafka_cluster_brokers").max(1.0);
    let (per_in, per_out) = (
        ctx.fact("msk_express_ingress_bytes_per_sec").max(1.0),
        ctx.fact("msk_express_egress_bytes_per_sec").max(1.0),
    );
    let by_in = (w.peak_bytes_per_sec_grown / per_in).ceil();
    // Consumers' reads: AWS states Express throughput as client traffic.
    let by_out = (w.peak_bytes_per_sec_grown * w.groups / per_out).ceil();
    // `as` saturates below: an absurd load gives u64::MAX brokers, never a panic.
    let brokers = ((by_in.max(by_out) / step).ceil() * step).max(step);
    let mut lines = vec![
        ctx.line_said(
            txt!(
                ctx,
                "broker-hours: {} × express.m7g.large × {} h",
                num(brokers),
                num(w.hours)
            ),
            brokers * w.hours,
            "broker-hour",
            EXPRESS_BROKER,
        ),
        ctx.line_said(
            "data written: ingress",
            w.ingress_gib,
            "GiB",
            EXPRESS_WRITTEN,
        ),
        ctx.line_said(
            "storage used: one copy of the retained log",
            k.bytes_per_copy / GIB,
            "GiB-month",
            EXPRESS_STORAGE,
        ),
    ];
    lines.extend(ctx.cross_az_lines_said(0.0, ""));
    let mut assumptions = vec![
        txt!(
            ctx,
            "{} brokers: the most of {} for ingress ({}/s at peak after growth ÷ {}/s) and {} for consumers' reads ({}/s ÷ {}/s), in steps of {}: {}; {}",
            num(brokers),
            num(by_in),
            si(w.peak_bytes_per_sec_grown),
            si(per_in),
            num(by_out),
            si(w.peak_bytes_per_sec_grown * w.groups),
            si(per_out),
            num(step),
            ctx.fact_source("msk_express_ingress_bytes_per_sec"),
            ctx.fact_source("msk_express_egress_bytes_per_sec")
        ),
        txt!(
            ctx,
            "Partitions per Express broker are not in msgadvisor's sources: {} partition replicas are not checked",
            num(k.replicas as f64)
        ),
        txt!(
            ctx,
            "Storage billed on one copy of the data (msgadvisor assumption: replicas are AWS's)"
        ),
        ctx.cross_az_assumption(),
        follower_fetch_note(ctx, &lines),
    ];
    assumptions.extend(workload(ctx));
    assumptions.extend(ctx.aws_note());
    Draft {
        left_out: 0,
        option: "msk-express",
        name: txt!(
            ctx,
            "AWS MSK Express ({} × express.m7g.large)",
            num(brokers)
        ),
        hosting: Hosting::Managed,
        development_only: None,
        advised_against: None,
        durability_doubt: None,
        unpriced: Vec::new(),
        capacity: Capacity::Checked,
        capacity_note: txt!(
            ctx,
            "{} × express.m7g.large: {}/s in and {}/s out per broker at peak after growth ({}/s and {}/s sustained); storage unlimited",
            num(brokers),
            si(w.peak_bytes_per_sec_grown / brokers),
            si(w.peak_bytes_per_sec_grown * w.groups / brokers),
            si(per_in),
            si(per_out)
        ),
        lines,
        assumptions,
    }
}

fn msk_serverless(ctx: &Ctx) -> Draft {
    let lines = serverless_lines(
        ctx,
        "cluster-hours",
        [
            SERVERLESS_CLUSTER,
            SERVERLESS_PARTITION,
            SERVERLESS_IN,
            SERVERLESS_OUT,
            SERVERLESS_STORAGE,
        ],
    );
    let (capacity, capacity_note) = serverless_capacity(ctx);
    let mut assumptions = workload(ctx);
    assumptions.push(txt!(
        ctx,
        "Storage billed on one copy of the data (msgadvisor assumption: replicas are AWS's)"
    ));
    assumptions.extend(ctx.aws_note());
    Draft {
        left_out: 0,
        option: "msk-serverless",
        name: txt!(ctx, "AWS MSK Serverless"),
        hosting: Hosting::Managed,
        development_only: None,
        advised_against: None,
        durability_doubt: None,
        unpriced: Vec::new(),
        capacity,
        capacity_note,
        lines,
        assumptions,
    }
}

/// MSK Serverless's published quotas per cluster against the peak after growth (every consumer
/// group reads everything) and every partition; its per-partition quotas say how many
/// partitions a topic needs there (more partitions, not a bigger cluster, so not a limit the
/// load can exceed).
/// What a serverless Kafka bills (MSK Serverless, Redpanda Serverless): one cluster's hours
/// (`cluster` names them), every partition the Kafka guidance creates by the hour, GiB in and
/// out, and one copy of the retained log; `prices` in that order.
fn serverless_lines(ctx: &Ctx, cluster: &str, prices: [&str; 5]) -> Vec<CostLine> {
    let w = &ctx.w;
    let k = &w.assessment.kafka;
    let [cluster_hour, partition_hour, ingress, egress, storage] = prices;
    vec![
        ctx.line_said(
            txt!(ctx, "{cluster}: 1 cluster × {} h", num(w.hours)),
            w.hours,
            "cluster-hour",
            cluster_hour,
        ),
        ctx.line_said(
            txt!(
                ctx,
                "partition-hours: {} partitions × {} h",
                num(k.partitions_total as f64),
                num(w.hours)
            ),
            k.partitions_total as f64 * w.hours,
            "partition-hour",
            partition_hour,
        ),
        ctx.line_said("ingress", w.ingress_gib, "GiB", ingress),
        ctx.line_said("egress", w.egress_gib, "GiB", egress),
        ctx.line_said(
            "storage, one copy of the retained log",
            k.bytes_per_copy / GIB,
            "GiB-month",
            storage,
        ),
    ]
}

fn serverless_capacity(ctx: &Ctx) -> (Capacity, String) {
    let w = &ctx.w;
    let k = &w.assessment.kafka;
    let ingress = w.peak_bytes_per_sec_grown;
    let egress = ingress * w.groups;
    let mut over = over_cluster_limits(ctx, "msk_serverless", ingress, egress);
    let max_parts = ctx.fact("msk_serverless_partitions_max");
    let in_limit = ctx.fact("msk_serverless_partition_ingress_bytes_per_sec_max");
    let out_limit = ctx.fact("msk_serverless_partition_egress_bytes_per_sec_max");
    // Global order allows one partition, so its quota is the topic's.
    if ctx.profile.delivery.ordering == crate::profile::Ordering::Global
        && (ingress > in_limit || egress > out_limit)
    {
        over.push(txt!(
            ctx,
            "global order keeps a topic on one partition, and {}/s in, {}/s out is above a partition's {}/s in, {}/s out ({})",
            si(ingress),
            si(egress),
            si(in_limit),
            si(out_limit),
            ctx.fact_source("msk_serverless_partition_ingress_bytes_per_sec_max")
        ));
    }
    if !over.is_empty() {
        return (Capacity::Exceeded, txt!(ctx, "{}", over.join("; ")));
    }
    // A main topic's partitions share its ingress evenly (keys permitting).
    let needed = (ingress / in_limit).max(egress / out_limit).ceil();
    let per_partition = if needed > k.partitions.count as f64 && ctx.text {
        format!(
            "; at {}/s in and {}/s out per partition ({}/s and {}/s allowed) a topic needs at least {} partitions here, not {}",
            si(ingress / k.partitions.count.max(1) as f64),
            si(egress / k.partitions.count.max(1) as f64),
            si(in_limit),
            si(out_limit),
            num(needed),
            num(k.partitions.count as f64)
        )
    } else {
        String::new()
    };
    (
        Capacity::Checked,
        txt!(
            ctx,
            "within MSK Serverless's quotas: {}/s in and {}/s out per cluster, {} partitions{per_partition}",
            si(ctx.fact("msk_serverless_ingress_bytes_per_sec_max")),
            si(ctx.fact("msk_serverless_egress_bytes_per_sec_max")),
            num(max_parts)
        ),
    )
}

/// Redpanda Serverless, a Kafka-compatible service billed like MSK Serverless: uptime,
/// partition-hours (every partition the Kafka guidance creates), GiB in and out, and the retained
/// log. Uptime has no rate in msgadvisor's sources, so the total is a floor.
fn redpanda_serverless(ctx: &Ctx) -> Draft {
    let lines = serverless_lines(
        ctx,
        "uptime",
        [
            REDPANDA_UPTIME,
            REDPANDA_PARTITION,
            REDPANDA_IN,
            REDPANDA_OUT,
            REDPANDA_STORAGE,
        ],
    );
    let (capacity, capacity_note) = redpanda_capacity(ctx);
    let mut assumptions = workload(ctx);
    assumptions.push(txt!(
        ctx,
        "Storage billed on one copy of the data (msgadvisor assumption: Redpanda keeps 3 replicas and, as its billing docs say of Dedicated clusters, counts each byte once)"
    ));
    assumptions.push(txt!(
        ctx,
        "Serverless runs in one availability zone of one region (multiple AZs and Kafka Connect are not supported); deploy the applications in the same region (docs.redpanda.com/redpanda-cloud/get-started/cluster-types/serverless [V])"
    ));
    Draft {
        left_out: 0,
        option: "redpanda-serverless",
        name: txt!(ctx, "Redpanda Serverless (Kafka-compatible)"),
        hosting: Hosting::Managed,
        development_only: None,
        advised_against: None,
        durability_doubt: None,
        unpriced: Vec::new(),
        capacity,
        capacity_note,
        lines,
        assumptions,
    }
}

/// What is above a serverless cluster's published limits (the facts `{service}_ingress_…`,
/// `{service}_egress_bytes_per_sec_max` and `{service}_partitions_max`): the peak after growth
/// in and out (every consumer group reads everything), and every partition.
fn over_cluster_limits(ctx: &Ctx, service: &str, ingress: f64, egress: f64) -> Vec<String> {
    let mut over = Vec::new();
    for (what, value) in [("ingress", ingress), ("egress", egress)] {
        let limit = format!("{service}_{what}_bytes_per_sec_max");
        if value > ctx.fact(&limit) {
            over.push(txt!(
                ctx,
                "{what} {}/s at peak after growth is above {}/s ({})",
                si(value),
                si(ctx.fact(&limit)),
                ctx.fact_source(&limit)
            ));
        }
    }
    let partitions = ctx.w.assessment.kafka.partitions_total as f64;
    let limit = format!("{service}_partitions_max");
    if partitions > ctx.fact(&limit) {
        over.push(txt!(
            ctx,
            "{} partitions are above {} ({})",
            num(partitions),
            num(ctx.fact(&limit)),
            ctx.fact_source(&limit)
        ));
    }
    over
}

/// Redpanda Serverless's published usage limits per cluster against the peak after growth
/// (every consumer group reads everything), every partition and the message size; retention and
/// storage are unlimited, and no limit per partition is published.
fn redpanda_capacity(ctx: &Ctx) -> (Capacity, String) {
    let w = &ctx.w;
    let ingress = w.peak_bytes_per_sec_grown;
    let egress = ingress * w.groups;
    let (in_max, out_max) = (
        ctx.fact("redpanda_serverless_ingress_bytes_per_sec_max"),
        ctx.fact("redpanda_serverless_egress_bytes_per_sec_max"),
    );
    let parts_max = ctx.fact("redpanda_serverless_partitions_max");
    let message_max = ctx.fact("redpanda_serverless_message_bytes_max");
    let message = ctx.profile.throughput.message_bytes as f64;
    let mut over = over_cluster_limits(ctx, "redpanda_serverless", ingress, egress);
    if message > message_max {
        over.push(txt!(
            ctx,
            "messages of {} bytes are above the {} bytes ({}) a message may be ({})",
            num(message),
            num(message_max),
            bytes(message_max),
            ctx.fact_source("redpanda_serverless_message_bytes_max")
        ));
    }
    if !over.is_empty() {
        return (Capacity::Exceeded, txt!(ctx, "{}", over.join("; ")));
    }
    (
        Capacity::Checked,
        txt!(
            ctx,
            "within Redpanda Serverless's usage limits: {}/s in and {}/s out per cluster, {} partitions, {} a message; retention and storage unlimited; no limit per partition is published",
            si(in_max),
            si(out_max),
            num(parts_max),
            bytes(message_max)
        ),
    )
}

fn aiven_startup(ctx: &Ctx) -> Draft {
    let w = &ctx.w;
    let lines = vec![ctx.line_said(
        "Startup plan: 1 × a month",
        1.0,
        "plan-month",
        AIVEN_STARTUP,
    )];
    let max = ctx.fact("aiven_startup_storage_bytes");
    let stored = w.assessment.kafka.bytes_per_copy * w.assessment.kafka.replication_factor as f64;
    let (capacity, capacity_note) = if stored > max {
        (
            Capacity::Exceeded,
            txt!(
                ctx,
                "{} retained × replication factor {} is above the plan's {} ({})",
                si(w.assessment.kafka.bytes_per_copy),
                num(w.assessment.kafka.replication_factor as f64),
                si(max),
                ctx.fact_source("aiven_startup_storage_bytes")
            ),
        )
    } else {
        (
            Capacity::Unchecked,
            txt!(
                ctx,
                "storage fits ({} of {}); the plan's throughput limits are not in msgadvisor's sources",
                si(stored),
                si(max)
            ),
        )
    };
    let mut assumptions = workload(ctx);
    assumptions.push(txt!(
        ctx,
        "Networking included in the plan price (Aiven's plan description)"
    ));
    Draft {
        left_out: 0,
        option: "aiven-startup",
        name: txt!(ctx, "Aiven for Apache Kafka, Startup plan"),
        hosting: Hosting::Managed,
        development_only: None,
        advised_against: None,
        durability_doubt: None,
        unpriced: Vec::new(),
        capacity,
        capacity_note,
        lines,
        assumptions,
    }
}

/// Google Cloud Managed Service for Apache Kafka, sized the way Google's "Plan the size of your
/// cluster" page does: vCPUs from the write-equivalent rate (writes with their replicas, plus
/// reads ÷ 4) at 20 MBps per vCPU and a 50% utilization target, 4 GiB of RAM each, billed in
/// Data Compute Units. Storage and inter-zone replication have no rate in msgadvisor's sources,
/// so the total is incomplete.
fn gcp_managed(ctx: &Ctx) -> Draft {
    let w = &ctx.w;
    let k = &w.assessment.kafka;
    let rf = k.replication_factor as f64;
    let produce = w.peak_bytes_per_sec_grown;
    let consume = produce * w.groups;
    let write = produce * rf;
    let read = consume + produce * (rf - 1.0).max(0.0);
    let efficiency = ctx.fact("gcp_kafka_read_efficiency").max(1.0);
    let write_equivalent = write + read / efficiency;
    let per_vcpu = ctx.fact("gcp_kafka_vcpu_bytes_per_sec").max(1.0);
    let utilization = ctx.fact("gcp_kafka_target_utilization").clamp(0.01, 1.0);
    let min_vcpus = ctx.fact("gcp_kafka_min_vcpus").max(1.0);
    let vcpus = (write_equivalent / per_vcpu / utilization)
        .ceil()
        .max(min_vcpus);
    let gib = vcpus * ctx.fact("gcp_kafka_memory_gib_per_vcpu");
    let (dcu_cpu, dcu_gib) = (
        ctx.fact("gcp_kafka_dcu_per_vcpu"),
        ctx.fact("gcp_kafka_dcu_per_gib"),
    );
    let dcus = vcpus * dcu_cpu + gib * dcu_gib;
    let local_gib = vcpus * ctx.fact("gcp_kafka_local_storage_gib_per_vcpu");
    let lines = vec![
        ctx.line_said(
            txt!(
                ctx,
                "DCU-hours: ({} vCPU × {} + {} GiB RAM × {}) = {} DCU × {} h",
                num(vcpus),
                num(dcu_cpu),
                num(gib),
                num(dcu_gib),
                num(dcus),
                num(w.hours)
            ),
            dcus * w.hours,
            "DCU-hour",
            GCP_DCU,
        ),
        ctx.line_said(
            txt!(
                ctx,
                "local storage on the brokers: {} vCPU × {} GiB",
                num(vcpus),
                num(ctx.fact("gcp_kafka_local_storage_gib_per_vcpu"))
            ),
            local_gib,
            "GiB-month",
            GCP_LOCAL_STORAGE,
        ),
        ctx.line_said(
            "persistent storage, one copy of the retained log",
            k.bytes_per_copy / GIB,
            "GiB-month",
            GCP_PERSISTENT_STORAGE,
        ),
        ctx.line_said(
            txt!(
                ctx,
                "replication between zones: ingress {} GiB × {} follower copies",
                num(w.ingress_gib),
                num((rf - 1.0).max(0.0))
            ),
            w.ingress_gib * (rf - 1.0).max(0.0),
            "GiB",
            GCP_REPLICATION,
        ),
    ];
    let mut assumptions = vec![
        txt!(
            ctx,
            "{} vCPU = ceiling(write-equivalent {}/s ÷ {}/s per vCPU ÷ {}% utilization), at least {}: writes {}/s (peak after growth {}/s × {} replicas) + reads {}/s ({} group(s) + {} follower copies) ÷ {}; {}",
            num(vcpus),
            si(write_equivalent),
            si(per_vcpu),
            num(utilization * 100.0),
            num(min_vcpus),
            si(write),
            si(produce),
            num(rf),
            si(read),
            num(w.groups),
            num((rf - 1.0).max(0.0)),
            num(efficiency),
            ctx.fact_source("gcp_kafka_vcpu_bytes_per_sec")
        ),
        txt!(
            ctx,
            "{} GiB of RAM: {}",
            num(gib),
            ctx.fact_source("gcp_kafka_memory_gib_per_vcpu")
        ),
        txt!(
            ctx,
            "DCUs: {}; {}",
            ctx.fact_source("gcp_kafka_dcu_per_vcpu"),
            ctx.fact_source("gcp_kafka_dcu_per_gib")
        ),
        txt!(
            ctx,
            "Local storage: {}",
            ctx.fact_source("gcp_kafka_local_storage_gib_per_vcpu")
        ),
        txt!(
            ctx,
            "Clients' own traffic across zones is not counted: Google's page names inter-zone replication only; consumers that read a replica in their own zone (`client.rack`) avoid it"
        ),
    ];
    assumptions.extend(workload(ctx));
    Draft {
        left_out: 0,
        option: "gcp-managed-kafka",
        name: txt!(
            ctx,
            "Google Cloud Managed Service for Apache Kafka ({} vCPU)",
            num(vcpus)
        ),
        hosting: Hosting::Managed,
        development_only: None,
        advised_against: None,
        durability_doubt: None,
        unpriced: Vec::new(),
        capacity: Capacity::Checked,
        capacity_note: txt!(
            ctx,
            "{} vCPU and {} GiB sized by Google's formula for {}/s write-equivalent at peak after growth; brokers grow to 15 vCPU each, then the service adds brokers (managed-service-for-apache-kafka/docs/overview [V])",
            num(vcpus),
            num(gib),
            si(write_equivalent)
        ),
        lines,
        assumptions,
    }
}

fn self_hosted(ctx: &Ctx) -> Draft {
    let w = &ctx.w;
    let Some(c) = size_cluster(ctx, Use::Vm) else {
        return unpriced_cluster(
            ctx,
            "self-hosted-kraft",
            "Self-hosted Kafka (KRaft)",
            Hosting::SelfHosted,
        );
    };
    let mut lines = vec![
        ctx.line_said(
            txt!(
                ctx,
                "VM-hours: {} × {} × {} h",
                num(c.brokers),
                c.instance.name,
                num(w.hours)
            ),
            c.brokers * w.hours,
            "instance-hour",
            &c.price.id,
        ),
        storage_line(ctx, VM_DISK),
    ];
    let rf = ctx.w.assessment.kafka.replication_factor as f64;
    lines.extend(ctx.cross_az_lines_said(rf - 1.0, "brokers"));
    let mut assumptions = cluster_assumptions(ctx, &c, "VM");
    assumptions.push(ctx.cross_az_assumption());
    assumptions.push(follower_fetch_note(ctx, &lines));
    assumptions.push(
        txt!(
            ctx,
            "Combined broker+controller nodes: fine for small setups; Apache advises separate KRaft controllers (3 or 5) for critical deployments (kafka.apache.org/40/operations/kraft [V])"
        ),
    );
    assumptions.extend(ctx.vm_note(&c.instance.name));
    Draft {
        left_out: 0,
        option: "self-hosted-kraft",
        name: txt!(
            ctx,
            "Self-hosted Kafka, KRaft ({} × {})",
            num(c.brokers),
            c.instance.name
        ),
        hosting: Hosting::SelfHosted,
        development_only: None,
        advised_against: None,
        durability_doubt: None,
        unpriced: Vec::new(),
        capacity: Capacity::Checked,
        capacity_note: cluster_note(ctx, &c),
        lines,
        assumptions,
    }
}

fn existing(ctx: &Ctx) -> Draft {
    let w = &ctx.w;
    let mut assumptions = vec![txt!(
        ctx,
        "Adds {} partitions and {} of storage (one copy × replication factor {}) to the cluster you already run; that added capacity is not priced",
        num(w.assessment.kafka.partitions_total as f64),
        bytes(w.assessment.kafka.bytes_per_copy * w.assessment.kafka.replication_factor as f64),
        num(w.assessment.kafka.replication_factor as f64)
    )];
    assumptions.extend(workload(ctx));
    Draft {
        left_out: 0,
        option: "existing-kafka",
        name: txt!(ctx, "The Kafka you already run"),
        hosting: Hosting::Existing,
        development_only: None,
        advised_against: None,
        durability_doubt: None,
        unpriced: Vec::new(),
        capacity: Capacity::Assumed,
        capacity_note: txt!(
            ctx,
            "platform.existing names a Kafka platform; check it has room for this workload"
        ),
        lines: Vec::new(),
        assumptions,
    }
}
