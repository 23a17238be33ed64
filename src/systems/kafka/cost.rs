//! The ways to run Kafka: Confluent Cloud Basic and Standard, AWS MSK provisioned and Serverless,
//! Redpanda Serverless (Kafka-compatible), Google Cloud Managed Service for Apache Kafka (for GCP
//! profiles), Aiven's Startup plan, self-hosted KRaft on VMs, or the cluster the team already
//! runs. Each way is priced (figures only) and, next to it, worded after the ranking from its
//! figures and the assessment ([`word`], [`notes`]).

use super::sizing::{Eckus, Gcp, ServerlessFit};
use crate::systems::cost::{
    Capacity, CostLine, Ctx, Draft, Figures, GIB, Hosting, SystemWords, TRANSFER, VM_DISK, Words,
};
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

const CONFLUENT_BASIC: &str = "confluent-basic";
const CONFLUENT_STANDARD: &str = "confluent-standard";
const MSK_PROVISIONED: &str = "msk-provisioned";
const MSK_EXPRESS: &str = "msk-express";
const MSK_SERVERLESS: &str = "msk-serverless";
const REDPANDA_SERVERLESS: &str = "redpanda-serverless";
const GCP_MANAGED: &str = "gcp-managed-kafka";
const AIVEN: &str = "aiven-startup";
const SELF_HOSTED: &str = "self-hosted-kraft";
const EXISTING_KAFKA: &str = "existing-kafka";

/// The ways of running it (option ids in the `operations:` table).
pub(crate) const OPTIONS: &[&str] = &[
    CONFLUENT_BASIC,
    CONFLUENT_STANDARD,
    MSK_PROVISIONED,
    MSK_EXPRESS,
    MSK_SERVERLESS,
    REDPANDA_SERVERLESS,
    GCP_MANAGED,
    AIVEN,
    SELF_HOSTED,
    EXISTING_KAFKA,
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

/// Names a Kafka-compatible platform goes by in `platform.existing`.
const EXISTING: &[&str] = &["kafka", "msk", "confluent", "redpanda"];

pub(crate) fn options(ctx: &Ctx) -> Vec<Draft> {
    let mut out = vec![
        confluent(ctx, false),
        confluent(ctx, true),
        // Replication between MSK brokers is free; clients' traffic across zones is not.
        cluster(
            ctx,
            MSK_PROVISIONED,
            Hosting::Managed,
            Use::MskBroker,
            "broker-hour",
            MSK_STORAGE,
            0.0,
        ),
        msk_express(ctx),
        serverless(
            ctx,
            MSK_SERVERLESS,
            &ctx.w.assessment.kafka.msk_serverless,
            [
                SERVERLESS_CLUSTER,
                SERVERLESS_PARTITION,
                SERVERLESS_IN,
                SERVERLESS_OUT,
                SERVERLESS_STORAGE,
            ],
        ),
        // Redpanda's uptime has no rate in msgadvisor's sources, so its total is a floor.
        serverless(
            ctx,
            REDPANDA_SERVERLESS,
            &ctx.w.assessment.kafka.redpanda_serverless,
            [
                REDPANDA_UPTIME,
                REDPANDA_PARTITION,
                REDPANDA_IN,
                REDPANDA_OUT,
                REDPANDA_STORAGE,
            ],
        ),
        aiven_startup(ctx),
    ];
    // Google's own managed Kafka, sized for a profile that runs on Google Cloud.
    if let Some(g) = &ctx.w.assessment.kafka.gcp {
        out.push(gcp_managed(ctx, g));
    }
    if !ctx.managed_only() {
        out.push(cluster(
            ctx,
            SELF_HOSTED,
            Hosting::SelfHosted,
            Use::Vm,
            "instance-hour",
            VM_DISK,
            ctx.w.assessment.kafka.followers,
        ));
    }
    if ctx.has_existing(EXISTING) {
        out.push(Draft::existing(EXISTING_KAFKA, Capacity::Assumed));
    }
    out
}

/// The words of one of Kafka's ways, from its figures.
pub(crate) fn word(ctx: &Ctx, f: &Figures) -> Option<Words> {
    Some(match f.option {
        CONFLUENT_BASIC => confluent_words(ctx, false),
        CONFLUENT_STANDARD => confluent_words(ctx, true),
        MSK_PROVISIONED => msk_provisioned_words(ctx, f),
        MSK_EXPRESS => msk_express_words(ctx, f),
        MSK_SERVERLESS => msk_serverless_words(ctx),
        REDPANDA_SERVERLESS => redpanda_serverless_words(ctx),
        GCP_MANAGED => gcp_managed_words(ctx, ctx.w.assessment.kafka.gcp.as_ref()?),
        AIVEN => aiven_startup_words(ctx, f),
        SELF_HOSTED => self_hosted_words(ctx, f),
        EXISTING_KAFKA => existing_words(ctx),
        _ => return None,
    })
}

/// Kafka's notes (the ways left out) and what every way assumes about the workload.
pub(crate) fn notes(ctx: &Ctx) -> SystemWords {
    SystemWords {
        notes: ctx.managed_only_notes("Self-hosted Kafka (KRaft on VMs)"),
        assumptions: workload(ctx),
    }
}

/// What every Kafka option assumes about the workload.
fn workload(ctx: &Ctx) -> Vec<String> {
    let w = &ctx.w;
    let retention = if ctx.profile.replay.needed {
        format!(
            "retention {} days (replay.retention_days)",
            num(ctx.profile.replay.retention_days)
        )
    } else {
        format!(
            "retention {} h, Kafka's default (replay not needed; {})",
            num(w.assessment.kafka.retention_seconds / 3600.0),
            ctx.fact_source("kafka_default_retention_hours")
        )
    };
    let k = &w.assessment.kafka;
    let partitions = if ctx.profile.delivery.ordering == crate::profile::Ordering::Global {
        format!(
            "{} partitions: {} topics ({} main, each with a retry topic and a DLQ) × 1 (global ordering needs one partition), as the Kafka guidance creates them",
            num(k.partitions_total as f64),
            num(k.topics as f64),
            num(k.main_topics as f64)
        )
    } else {
        format!(
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
        format!(
            "Ingress {} GiB a month = {}/s average × {} h; egress {} GiB = ingress × {} consumer group(s)",
            num(w.ingress_gib),
            bytes(w.avg_bytes_per_sec),
            num(w.hours),
            num(w.egress_gib),
            num(w.groups)
        ),
        format!(
            "{retention}: one copy of the log holds {}",
            bytes(w.assessment.kafka.bytes_per_copy)
        ),
        partitions,
    ]
}

/// What a way billed on one copy of the retained log assumes (`why`: where the replicas went).
fn one_copy(why: &str) -> String {
    format!("Storage billed on one copy of the data (msgadvisor assumption: {why})")
}

/// Confluent Cloud Basic or Standard: the assessment's eCKUs by the hour (Basic's first free),
/// GiB in and out, one copy of the retained log.
fn confluent(ctx: &Ctx, standard: bool) -> Draft {
    let w = &ctx.w;
    let k = &w.assessment.kafka;
    let (option, sized, [ecku, inp, out, storage]) = if standard {
        (
            CONFLUENT_STANDARD,
            &k.confluent_standard,
            [STANDARD_ECKU, STANDARD_IN, STANDARD_OUT, STANDARD_STORAGE],
        )
    } else {
        (
            CONFLUENT_BASIC,
            &k.confluent_basic,
            [BASIC_ECKU, BASIC_IN, BASIC_OUT, BASIC_STORAGE],
        )
    };
    let eckus = sized.eckus as f64;
    let billed = if standard {
        eckus
    } else {
        (eckus - ctx.fact("confluent_basic_free_eckus")).max(0.0)
    };
    let capacity = if sized.exceeded || sized.storage_exceeded {
        Capacity::Exceeded
    } else {
        Capacity::Checked
    };
    let lines = vec![
        ctx.line(billed * w.hours, "eCKU-hour", ecku),
        ctx.line(w.ingress_gib, "GiB", inp),
        ctx.line(w.egress_gib, "GiB", out),
        ctx.line(k.bytes_per_copy / GIB, "GiB-month", storage),
    ];
    Draft {
        // Confluent's own words, so the reason reads the same wherever it is shown.
        development_only: (!standard).then_some(
            "Confluent: \"Use Basic clusters for experimentation and early development. For a production cluster, choose from Standard, Enterprise, or Dedicated.\" (docs.confluent.io/cloud/current/clusters/cluster-types, 2026 [V]; 99.5% SLA)",
        ),
        ..Draft::new(option, Hosting::Managed, capacity, lines, 0)
    }
}

fn confluent_words(ctx: &Ctx, standard: bool) -> Words {
    let w = &ctx.w;
    let k = &w.assessment.kafka;
    let (name, tier, sized) = if standard {
        (
            "Confluent Cloud Standard",
            "standard",
            &k.confluent_standard,
        )
    } else {
        ("Confluent Cloud Basic", "basic", &k.confluent_basic)
    };
    let eckus = sized.eckus as f64;
    let ecku_item = if standard {
        format!("eCKU-hours: {} eCKU × {} h", num(eckus), num(w.hours))
    } else {
        format!(
            "eCKU-hours: {} eCKU × {} h, less {} free eCKU",
            num(eckus),
            num(w.hours),
            num(ctx.fact("confluent_basic_free_eckus"))
        )
    };
    let mut assumptions = vec![format!(
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
    assumptions.push(one_copy("replicas are Confluent's"));
    Words {
        name: format!("{name} ({} eCKU)", num(eckus)),
        items: vec![
            ecku_item,
            "ingress".to_string(),
            "egress".to_string(),
            "storage, one copy of the retained log".to_string(),
        ],
        capacity_note: confluent_capacity(ctx, tier, sized),
        assumptions,
        ..Words::default()
    }
}

fn confluent_capacity(ctx: &Ctx, tier: &str, e: &Eckus) -> String {
    let k = &ctx.w.assessment.kafka;
    let mut over = Vec::new();
    if e.exceeded {
        over.push(format!(
            "{} eCKUs needed, above the {} a {} cluster may have ({})",
            num(e.eckus as f64),
            num(e.max_eckus as f64),
            tier,
            ctx.fact_source(&format!("confluent_{tier}_eckus_max"))
        ));
    }
    if let Some(max_store) = e.storage_max.filter(|_| e.storage_exceeded) {
        over.push(format!(
            "{} retained is above Basic's {} ({})",
            si(k.bytes_per_copy),
            si(max_store),
            ctx.fact_source("confluent_basic_storage_bytes_max")
        ));
    }
    let within = format!(
        "{} eCKU of at most {}: {}/s in, {}/s out, {} partitions per eCKU",
        num(e.eckus as f64),
        num(e.max_eckus as f64),
        si(e.ingress_per_ecku),
        si(e.egress_per_ecku),
        num(e.partitions_per_ecku)
    );
    if over.is_empty() {
        within
    } else {
        format!("{}; {within}", over.join("; "))
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
        Some(e) => format!(
            "{}/s out per broker (ingress × (RF {} − 1) to followers + × {} group(s); {}/s comfortable)",
            si(c.sized.egress_per_broker),
            num(k.replication_factor as f64),
            num(ctx.w.groups),
            si(e)
        ),
        None => format!(
            "{}/s out per broker (not checked: no egress figure for {})",
            si(c.sized.egress_per_broker),
            c.instance.name
        ),
    };
    let storage = match c.sized.storage_per_broker_max {
        Some(m) => format!(
            ", {} of storage per broker (at most {})",
            bytes(c.sized.storage_per_broker),
            bytes(m)
        ),
        None => String::new(),
    };
    format!(
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

/// Brokers the assessment sized for `use_` (MSK provisioned, self-hosted KRaft): their hours
/// (`unit`), their provisioned disk (`disk`), and traffic across zones with `followers` replica
/// copies billed as transfer (0 where replication is free, as between MSK brokers).
fn cluster(
    ctx: &Ctx,
    option: &'static str,
    hosting: Hosting,
    use_: Use,
    unit: &'static str,
    disk: &str,
    followers: f64,
) -> Draft {
    let Some(c) = size_cluster(ctx, use_) else {
        // No machine size with capacity figures (a rule pack removed them): priced with
        // nothing, the machines left out, its capacity unchecked.
        return Draft::new(option, hosting, Capacity::Unchecked, Vec::new(), 1);
    };
    let mut lines = vec![
        ctx.line(c.brokers * ctx.w.hours, unit, &c.price.id),
        // The brokers' provisioned disk: one copy × replication factor × headroom.
        ctx.line(
            ctx.w.assessment.kafka.storage_bytes / GIB,
            "GiB-month",
            disk,
        ),
    ];
    lines.extend(ctx.cross_az_lines(followers));
    Draft::new(option, hosting, Capacity::Checked, lines, 0)
}

/// The words of a [`cluster`]: `name` with its brokers, `unit` their hours, replication across
/// zones between `followers` copies (`over`: what it runs between), then the assumptions every
/// cluster shares and the way's `own`.
fn cluster_words(
    ctx: &Ctx,
    c: &Cluster,
    name: &str,
    unit: &str,
    (followers, over): (f64, &str),
    what: &str,
    own: Vec<String>,
) -> Words {
    let k = &ctx.w.assessment.kafka;
    let mut items = vec![
        format!(
            "{unit}: {} × {} × {} h",
            num(c.brokers),
            c.instance.name,
            num(ctx.w.hours)
        ),
        format!(
            "storage: {} × replication factor {} × headroom {}",
            bytes(k.bytes_per_copy),
            num(k.replication_factor as f64),
            num(k.storage_headroom)
        ),
    ];
    items.extend(ctx.cross_az_items(followers, over));
    let mut assumptions = vec![
        format!(
            "The cheapest {what} that fits, in steps of {} brokers: {}",
            num(ctx.fact("kafka_cluster_brokers")),
            ctx.fact_source("kafka_cluster_brokers")
        ),
        format!("{} capacity: {}", c.instance.name, c.instance.source),
    ];
    if !c.sized.skipped.is_empty() {
        assumptions.push(format!(
            "Not considered, for lack of capacity figures: {}",
            c.sized.skipped.join(", ")
        ));
    }
    assumptions.extend(workload(ctx));
    assumptions.push(format!(
        "Provisioned storage = one copy × replication factor {} ({}) × headroom {} ({}), the disk the Kafka guidance plans: provisioned storage is billed whether used or not",
        num(k.replication_factor as f64),
        ctx.fact_source("kafka_replication_factor"),
        num(k.storage_headroom),
        ctx.fact_source("kafka_storage_headroom")
    ));
    assumptions.push(ctx.cross_az_assumption());
    assumptions.extend(own);
    Words {
        name: format!("{name} ({} × {})", num(c.brokers), c.instance.name),
        items,
        capacity_note: cluster_note(ctx, c),
        assumptions,
        ..Words::default()
    }
}

fn msk_provisioned_words(ctx: &Ctx, f: &Figures) -> Words {
    let Some(c) = size_cluster(ctx, Use::MskBroker) else {
        return unpriced_cluster_words("AWS MSK provisioned");
    };
    let mut own = vec![
        "Replication between MSK brokers is not billed; client traffic across zones is standard AWS data transfer (aws.amazon.com/msk/pricing; domain-facts §8)"
            .to_string(),
        follower_fetch_note(f.lines),
    ];
    own.extend(ctx.aws_note());
    cluster_words(
        ctx,
        &c,
        "AWS MSK provisioned",
        "broker-hours",
        (0.0, ""),
        "MSK broker size",
        own,
    )
}

/// What fetch-from-follower would save: consumers reading from a replica in their own zone.
fn follower_fetch_note(lines: &[CostLine]) -> String {
    // `cross_az_lines` gives the producers' line, then the consumers'.
    let consumers = lines
        .iter()
        .filter(|l| l.price == TRANSFER)
        .nth(1)
        .map_or(0.0, |l| l.monthly_usd);
    format!(
        "Fetch-from-follower (KIP-392): consumers that set `client.rack` to their zone, with a rack-aware replica selector on the brokers, read from a replica in their own zone; that removes most of the consumers' cross-AZ line (about {} a month) (domain-facts §8 [S])",
        crate::units::approx_usd(consumers)
    )
}

fn unpriced_cluster_words(name: &str) -> Words {
    Words {
        name: name.to_string(),
        capacity_note: "no machine size with a price and capacity figures in `instances:`"
            .to_string(),
        unpriced: vec!["the machines (no size with a price and capacity figures)".to_string()],
        ..Words::default()
    }
}

/// MSK Express brokers (express.m7g.large), as many as the assessment sized: storage is AWS's
/// and unlimited; what is written and stored has no price in the sources, so the total is
/// incomplete.
fn msk_express(ctx: &Ctx) -> Draft {
    let w = &ctx.w;
    let k = &w.assessment.kafka;
    let mut lines = vec![
        ctx.line(k.express.brokers * w.hours, "broker-hour", EXPRESS_BROKER),
        ctx.line(w.ingress_gib, "GiB", EXPRESS_WRITTEN),
        ctx.line(k.bytes_per_copy / GIB, "GiB-month", EXPRESS_STORAGE),
    ];
    lines.extend(ctx.cross_az_lines(0.0));
    Draft::new(MSK_EXPRESS, Hosting::Managed, Capacity::Checked, lines, 0)
}

fn msk_express_words(ctx: &Ctx, f: &Figures) -> Words {
    let w = &ctx.w;
    let k = &w.assessment.kafka;
    let x = &k.express;
    let mut items = vec![
        format!(
            "broker-hours: {} × express.m7g.large × {} h",
            num(x.brokers),
            num(w.hours)
        ),
        "data written: ingress".to_string(),
        "storage used: one copy of the retained log".to_string(),
    ];
    items.extend(ctx.cross_az_items(0.0, ""));
    let mut assumptions = vec![
        format!(
            "{} brokers: the most of {} for ingress ({}/s at peak after growth ÷ {}/s) and {} for consumers' reads ({}/s ÷ {}/s), in steps of {}: {}; {}",
            num(x.brokers),
            num(x.by_ingress),
            si(w.peak_bytes_per_sec_grown),
            si(x.ingress_per_broker_max),
            num(x.by_egress),
            si(k.egress_bytes_per_sec),
            si(x.egress_per_broker_max),
            num(x.step),
            ctx.fact_source("msk_express_ingress_bytes_per_sec"),
            ctx.fact_source("msk_express_egress_bytes_per_sec")
        ),
        format!(
            "Partitions per Express broker are not in msgadvisor's sources: {} partition replicas are not checked",
            num(k.replicas as f64)
        ),
        one_copy("replicas are AWS's"),
        ctx.cross_az_assumption(),
        follower_fetch_note(f.lines),
    ];
    assumptions.extend(workload(ctx));
    assumptions.extend(ctx.aws_note());
    Words {
        name: format!("AWS MSK Express ({} × express.m7g.large)", num(x.brokers)),
        items,
        capacity_note: format!(
            "{} × express.m7g.large: {}/s in and {}/s out per broker at peak after growth ({}/s and {}/s sustained); storage unlimited",
            num(x.brokers),
            si(x.ingress_per_broker),
            si(x.egress_per_broker),
            si(x.ingress_per_broker_max),
            si(x.egress_per_broker_max)
        ),
        assumptions,
        ..Words::default()
    }
}

fn msk_serverless_words(ctx: &Ctx) -> Words {
    let mut assumptions = workload(ctx);
    assumptions.push(one_copy("replicas are AWS's"));
    assumptions.extend(ctx.aws_note());
    Words {
        name: "AWS MSK Serverless".to_string(),
        items: serverless_items(ctx, "cluster-hours"),
        capacity_note: msk_serverless_note(ctx),
        assumptions,
        ..Words::default()
    }
}

/// A serverless Kafka (MSK Serverless, Redpanda Serverless, as `fit` found it against its
/// published limits), billed for one cluster's hours, every partition the Kafka guidance creates
/// by the hour, GiB in and out, and one copy of the retained log; `prices` in that order.
fn serverless(ctx: &Ctx, option: &'static str, fit: &ServerlessFit, prices: [&str; 5]) -> Draft {
    let w = &ctx.w;
    let k = &w.assessment.kafka;
    let [cluster_hour, partition_hour, ingress, egress, storage] = prices;
    let capacity = if fit.exceeded() {
        Capacity::Exceeded
    } else {
        Capacity::Checked
    };
    let lines = vec![
        ctx.line(w.hours, "cluster-hour", cluster_hour),
        ctx.line(
            k.partitions_total as f64 * w.hours,
            "partition-hour",
            partition_hour,
        ),
        ctx.line(w.ingress_gib, "GiB", ingress),
        ctx.line(w.egress_gib, "GiB", egress),
        ctx.line(k.bytes_per_copy / GIB, "GiB-month", storage),
    ];
    Draft::new(option, Hosting::Managed, capacity, lines, 0)
}

/// The items of [`serverless`] (`cluster` names the cluster's hours).
fn serverless_items(ctx: &Ctx, cluster: &str) -> Vec<String> {
    let w = &ctx.w;
    vec![
        format!("{cluster}: 1 cluster × {} h", num(w.hours)),
        format!(
            "partition-hours: {} partitions × {} h",
            num(w.assessment.kafka.partitions_total as f64),
            num(w.hours)
        ),
        "ingress".to_string(),
        "egress".to_string(),
        "storage, one copy of the retained log".to_string(),
    ]
}

/// MSK Serverless's published quotas per cluster against the peak after growth (every consumer
/// group reads everything) and every partition; its per-partition quotas say how many
/// partitions a topic needs there.
fn msk_serverless_note(ctx: &Ctx) -> String {
    let w = &ctx.w;
    let k = &w.assessment.kafka;
    let fit = &k.msk_serverless;
    let in_limit = ctx.fact("msk_serverless_partition_ingress_bytes_per_sec_max");
    let out_limit = ctx.fact("msk_serverless_partition_egress_bytes_per_sec_max");
    let mut over = over_cluster_limits(ctx, "msk_serverless", fit);
    if fit.partition_over {
        over.push(format!(
            "global order keeps a topic on one partition, and {}/s in, {}/s out is above a partition's {}/s in, {}/s out ({})",
            si(w.peak_bytes_per_sec_grown),
            si(k.egress_bytes_per_sec),
            si(in_limit),
            si(out_limit),
            ctx.fact_source("msk_serverless_partition_ingress_bytes_per_sec_max")
        ));
    }
    if !over.is_empty() {
        return over.join("; ");
    }
    let per_partition = match fit.partitions_needed {
        Some(needed) => format!(
            "; at {}/s in and {}/s out per partition ({}/s and {}/s allowed) a topic needs at least {} partitions here, not {}",
            si(fit.ingress_per_partition),
            si(fit.egress_per_partition),
            si(in_limit),
            si(out_limit),
            num(needed),
            num(k.partitions.count as f64)
        ),
        None => String::new(),
    };
    format!(
        "within MSK Serverless's quotas: {}/s in and {}/s out per cluster, {} partitions{per_partition}",
        si(ctx.fact("msk_serverless_ingress_bytes_per_sec_max")),
        si(ctx.fact("msk_serverless_egress_bytes_per_sec_max")),
        num(ctx.fact("msk_serverless_partitions_max"))
    )
}

/// Redpanda Serverless, a Kafka-compatible service billed like MSK Serverless.
fn redpanda_serverless_words(ctx: &Ctx) -> Words {
    let mut assumptions = workload(ctx);
    assumptions.push(one_copy(
        "Redpanda keeps 3 replicas and, as its billing docs say of Dedicated clusters, counts each byte once",
    ));
    assumptions.push(
        "Serverless runs in one availability zone of one region (multiple AZs and Kafka Connect are not supported); deploy the applications in the same region (docs.redpanda.com/redpanda-cloud/get-started/cluster-types/serverless [V])"
            .to_string(),
    );
    Words {
        name: "Redpanda Serverless (Kafka-compatible)".to_string(),
        items: serverless_items(ctx, "uptime"),
        capacity_note: redpanda_note(ctx),
        assumptions,
        ..Words::default()
    }
}

/// What is above a serverless cluster's published limits (the facts `{service}_ingress_…`,
/// `{service}_egress_bytes_per_sec_max` and `{service}_partitions_max`), as the assessment
/// found: the peak after growth in and out, and every partition.
fn over_cluster_limits(ctx: &Ctx, service: &str, fit: &ServerlessFit) -> Vec<String> {
    let k = &ctx.w.assessment.kafka;
    let mut over = Vec::new();
    for (what, value, above) in [
        ("ingress", ctx.w.peak_bytes_per_sec_grown, fit.ingress_over),
        ("egress", k.egress_bytes_per_sec, fit.egress_over),
    ] {
        if above {
            let limit = format!("{service}_{what}_bytes_per_sec_max");
            over.push(format!(
                "{what} {}/s at peak after growth is above {}/s ({})",
                si(value),
                si(ctx.fact(&limit)),
                ctx.fact_source(&limit)
            ));
        }
    }
    if fit.partitions_over {
        let limit = format!("{service}_partitions_max");
        over.push(format!(
            "{} partitions are above {} ({})",
            num(k.partitions_total as f64),
            num(ctx.fact(&limit)),
            ctx.fact_source(&limit)
        ));
    }
    over
}

/// Redpanda Serverless's published usage limits per cluster against the peak after growth
/// (every consumer group reads everything), every partition and the message size; retention and
/// storage are unlimited, and no limit per partition is published.
fn redpanda_note(ctx: &Ctx) -> String {
    let fit = &ctx.w.assessment.kafka.redpanda_serverless;
    let message_max = ctx.fact("redpanda_serverless_message_bytes_max");
    let mut over = over_cluster_limits(ctx, "redpanda_serverless", fit);
    if fit.message_over {
        over.push(format!(
            "messages of {} bytes are above the {} bytes ({}) a message may be ({})",
            num(ctx.profile.throughput.message_bytes as f64),
            num(message_max),
            bytes(message_max),
            ctx.fact_source("redpanda_serverless_message_bytes_max")
        ));
    }
    if !over.is_empty() {
        return over.join("; ");
    }
    format!(
        "within Redpanda Serverless's usage limits: {}/s in and {}/s out per cluster, {} partitions, {} a message; retention and storage unlimited; no limit per partition is published",
        si(ctx.fact("redpanda_serverless_ingress_bytes_per_sec_max")),
        si(ctx.fact("redpanda_serverless_egress_bytes_per_sec_max")),
        num(ctx.fact("redpanda_serverless_partitions_max")),
        bytes(message_max)
    )
}

/// Aiven's Startup plan: one plan a month; its storage holds the replicated log or not, and its
/// throughput limits are not in the sources.
fn aiven_startup(ctx: &Ctx) -> Draft {
    let capacity =
        if ctx.w.assessment.kafka.replicated_bytes > ctx.fact("aiven_startup_storage_bytes") {
            Capacity::Exceeded
        } else {
            Capacity::Unchecked
        };
    let lines = vec![ctx.line(1.0, "plan-month", AIVEN_STARTUP)];
    Draft::new(AIVEN, Hosting::Managed, capacity, lines, 0)
}

fn aiven_startup_words(ctx: &Ctx, f: &Figures) -> Words {
    let k = &ctx.w.assessment.kafka;
    let max = ctx.fact("aiven_startup_storage_bytes");
    let capacity_note = if f.capacity == Capacity::Exceeded {
        format!(
            "{} retained × replication factor {} is above the plan's {} ({})",
            si(k.bytes_per_copy),
            num(k.replication_factor as f64),
            si(max),
            ctx.fact_source("aiven_startup_storage_bytes")
        )
    } else {
        format!(
            "storage fits ({} of {}); the plan's throughput limits are not in msgadvisor's sources",
            si(k.replicated_bytes),
            si(max)
        )
    };
    let mut assumptions = workload(ctx);
    assumptions
        .push("Networking included in the plan price (Aiven's plan description)".to_string());
    Words {
        name: "Aiven for Apache Kafka, Startup plan".to_string(),
        items: vec!["Startup plan: 1 × a month".to_string()],
        capacity_note,
        assumptions,
        ..Words::default()
    }
}

/// Google Cloud Managed Service for Apache Kafka, as the assessment sized it ([`Gcp`]): DCUs by
/// the hour, local and persistent storage, replication between zones. Storage and inter-zone
/// replication have no rate in msgadvisor's sources, so the total is incomplete.
fn gcp_managed(ctx: &Ctx, g: &Gcp) -> Draft {
    let w = &ctx.w;
    let k = &w.assessment.kafka;
    let lines = vec![
        ctx.line(g.dcus * w.hours, "DCU-hour", GCP_DCU),
        ctx.line(g.local_gib, "GiB-month", GCP_LOCAL_STORAGE),
        ctx.line(k.bytes_per_copy / GIB, "GiB-month", GCP_PERSISTENT_STORAGE),
        ctx.line(w.ingress_gib * k.followers, "GiB", GCP_REPLICATION),
    ];
    Draft::new(GCP_MANAGED, Hosting::Managed, Capacity::Checked, lines, 0)
}

fn gcp_managed_words(ctx: &Ctx, g: &Gcp) -> Words {
    let w = &ctx.w;
    let k = &w.assessment.kafka;
    let items = vec![
        format!(
            "DCU-hours: ({} vCPU × {} + {} GiB RAM × {}) = {} DCU × {} h",
            num(g.vcpus),
            num(ctx.fact("gcp_kafka_dcu_per_vcpu")),
            num(g.gib),
            num(ctx.fact("gcp_kafka_dcu_per_gib")),
            num(g.dcus),
            num(w.hours)
        ),
        format!(
            "local storage on the brokers: {} vCPU × {} GiB",
            num(g.vcpus),
            num(ctx.fact("gcp_kafka_local_storage_gib_per_vcpu"))
        ),
        "persistent storage, one copy of the retained log".to_string(),
        format!(
            "replication between zones: ingress {} GiB × {} follower copies",
            num(w.ingress_gib),
            num(k.followers)
        ),
    ];
    let mut assumptions = vec![
        format!(
            "{} vCPU = ceiling(write-equivalent {}/s ÷ {}/s per vCPU ÷ {}% utilization), at least {}: writes {}/s (peak after growth {}/s × {} replicas) + reads {}/s ({} group(s) + {} follower copies) ÷ {}; {}",
            num(g.vcpus),
            si(g.write_equivalent),
            si(g.vcpu_bytes_per_sec),
            // A ratio, shown as a percentage.
            num(g.utilization * 100.0),
            num(g.min_vcpus),
            si(g.write),
            si(w.peak_bytes_per_sec_grown),
            num(k.replication_factor as f64),
            si(g.read),
            num(w.groups),
            num(k.followers),
            num(g.read_efficiency),
            ctx.fact_source("gcp_kafka_vcpu_bytes_per_sec")
        ),
        format!(
            "{} GiB of RAM: {}",
            num(g.gib),
            ctx.fact_source("gcp_kafka_memory_gib_per_vcpu")
        ),
        format!(
            "DCUs: {}; {}",
            ctx.fact_source("gcp_kafka_dcu_per_vcpu"),
            ctx.fact_source("gcp_kafka_dcu_per_gib")
        ),
        format!(
            "Local storage: {}",
            ctx.fact_source("gcp_kafka_local_storage_gib_per_vcpu")
        ),
        "Clients' own traffic across zones is not counted: Google's page names inter-zone replication only; consumers that read a replica in their own zone (`client.rack`) avoid it"
            .to_string(),
    ];
    assumptions.extend(workload(ctx));
    Words {
        name: format!(
            "Google Cloud Managed Service for Apache Kafka ({} vCPU)",
            num(g.vcpus)
        ),
        items,
        capacity_note: format!(
            "{} vCPU and {} GiB sized by Google's formula for {}/s write-equivalent at peak after growth; brokers grow to 15 vCPU each, then the service adds brokers (managed-service-for-apache-kafka/docs/overview [V])",
            num(g.vcpus),
            num(g.gib),
            si(g.write_equivalent)
        ),
        assumptions,
        ..Words::default()
    }
}

fn self_hosted_words(ctx: &Ctx, f: &Figures) -> Words {
    let Some(c) = size_cluster(ctx, Use::Vm) else {
        return unpriced_cluster_words("Self-hosted Kafka (KRaft)");
    };
    let mut own = vec![
        follower_fetch_note(f.lines),
        "Combined broker+controller nodes: fine for small setups; Apache advises separate KRaft controllers (3 or 5) for critical deployments (kafka.apache.org/40/operations/kraft [V])"
            .to_string(),
    ];
    own.extend(ctx.vm_note(&c.instance.name));
    cluster_words(
        ctx,
        &c,
        "Self-hosted Kafka, KRaft",
        "VM-hours",
        (ctx.w.assessment.kafka.followers, "brokers"),
        "VM",
        own,
    )
}

fn existing_words(ctx: &Ctx) -> Words {
    let k = &ctx.w.assessment.kafka;
    let mut assumptions = vec![format!(
        "Adds {} partitions and {} of storage (one copy × replication factor {}) to the cluster you already run; that added capacity is not priced",
        num(k.partitions_total as f64),
        bytes(k.replicated_bytes),
        num(k.replication_factor as f64)
    )];
    assumptions.extend(workload(ctx));
    Words {
        name: "The Kafka you already run".to_string(),
        capacity_note:
            "platform.existing names a Kafka platform; check it has room for this workload"
                .to_string(),
        assumptions,
        ..Words::default()
    }
}
