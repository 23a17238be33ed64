//! What it costs: every way to run each candidate, priced per month from sourced, dated data
//! (`rules/cost/`), people included.
//!
//! - [`pricing`]: the price table and the machine sizes it prices, as data with sources;
//! - [`people`]: operating hours per way of running a system × the cost of an engineer-hour;
//! - `kafka`, `redis`, `rabbitmq`, `outbox`: the ways to run each candidate and their arithmetic;
//! - here: the quantities derived from the profile, the totals, the order, the budget basis.
//!
//! Usage (transfer, storage, memory) is priced at today's average rate; capacity (machine size,
//! broker count, partitions) is sized for the peak after growth. Every line is quantity × unit
//! price, with the price's id, source and as-of date, so a reader can redo the sum.
//!
//! [`estimate`] builds all of it, for the report; [`estimate_with`] in [`Detail::Numbers`] builds
//! the same figures without the text, once per evaluation, for rule conditions, which read only
//! `cost.<system>.cheapest_*` (the flip-point search evaluates hundreds of variations of a
//! profile; with the text, `check` took 2.4× and `recommend` 2–3× the CPU time). Every text is
//! built with `txt!`, which in that mode does not even evaluate its arguments; no figure, order or
//! capacity may depend on a text.

/// Text for a reader: `format!(...)` in [`Detail::Full`]; in [`Detail::Numbers`] an empty string,
/// without evaluating the arguments (the `num`, `bytes`, `si` calls and the formatting are most
/// of what the estimate costs).
/// `$ctx` is anything with a `text: bool` field (a [`Ctx`]).
macro_rules! txt {
    ($ctx:expr, $($fmt:tt)+) => {
        if $ctx.text {
            format!($($fmt)+)
        } else {
            String::new()
        }
    };
}

mod kafka;
mod outbox;
pub mod people;
pub mod pricing;
mod rabbitmq;
mod redis;

use crate::diag::{InputError, Problem};
use crate::engine::{Limit, Origin};
use crate::profile::{Cloud, Derived, Profile};
use crate::systems::System;
use crate::units::num;
use crate::yaml::{Loc, Node};
pub use people::{Operations, People};
pub use pricing::{Confidence, Instance, Price, Use};
use serde::Serialize;
use serde_json::{Value as Json, json};
use std::collections::BTreeMap;

/// Bytes in a GiB: Confluent's "GB" is 2^30 bytes, and every "GB" price is read that way.
pub const GIB: f64 = 1_073_741_824.0;

/// The candidate ids this module prices, in the order they are computed.
pub const SYSTEMS: [&str; 6] = [
    System::ALL[0].id(),
    System::ALL[1].id(),
    System::ALL[2].id(),
    System::ALL[3].id(),
    System::ALL[4].id(),
    System::ALL[5].id(),
];

/// Every way of running a system (option id), for the operations table.
pub const OPTIONS: &[&str] = &[
    "confluent-basic",
    "confluent-standard",
    "msk-provisioned",
    "msk-express",
    "msk-serverless",
    "aiven-startup",
    "self-hosted-kraft",
    "existing-kafka",
    "existing-redis",
    "elasticache-serverless-valkey",
    "elasticache-serverless-redis",
    "elasticache-nodes",
    "existing-rabbitmq",
    "amazon-mq",
    "self-hosted-rabbitmq",
    "outbox-worker",
];

/// Price ids the options use directly (machine sizes name theirs in `instances:`).
const OPTION_PRICES: &[&str] = &[
    kafka::BASIC_ECKU,
    kafka::BASIC_IN,
    kafka::BASIC_OUT,
    kafka::BASIC_STORAGE,
    kafka::STANDARD_ECKU,
    kafka::STANDARD_IN,
    kafka::STANDARD_OUT,
    kafka::STANDARD_STORAGE,
    kafka::MSK_STORAGE,
    kafka::EXPRESS_BROKER,
    kafka::EXPRESS_WRITTEN,
    kafka::EXPRESS_STORAGE,
    kafka::SERVERLESS_CLUSTER,
    kafka::SERVERLESS_PARTITION,
    kafka::SERVERLESS_IN,
    kafka::SERVERLESS_OUT,
    kafka::SERVERLESS_STORAGE,
    kafka::AIVEN_STARTUP,
    redis::VALKEY_GIB_HOUR,
    redis::VALKEY_ECPU,
    redis::REDIS_GIB_HOUR,
    redis::REDIS_ECPU,
    TRANSFER,
    VM_DISK,
];

/// Data transfer between availability zones, per GiB in each direction (MSK provisioned's
/// clients, self-hosted servers' clients and replication).
const TRANSFER: &str = "cloud-data-transfer-gib";
/// Block storage of self-hosted brokers (gp3).
const VM_DISK: &str = "vm-disk-gib-month";

/// The limits (`rules/**/limits.yaml`) the estimate reads: figures with their sources.
const FACTS: &[&str] = &[
    "hours_per_month",
    "confluent_basic_free_eckus",
    "confluent_basic_ecku_ingress_bytes_per_sec",
    "confluent_basic_ecku_egress_bytes_per_sec",
    "confluent_basic_ecku_partitions",
    "confluent_basic_eckus_max",
    "confluent_standard_ecku_ingress_bytes_per_sec",
    "confluent_standard_ecku_egress_bytes_per_sec",
    "confluent_standard_ecku_partitions",
    "confluent_standard_eckus_max",
    "confluent_basic_storage_bytes_max",
    "msk_storage_per_broker_bytes_max",
    "msk_express_ingress_bytes_per_sec",
    "msk_express_egress_bytes_per_sec",
    "msk_serverless_ingress_bytes_per_sec_max",
    "msk_serverless_egress_bytes_per_sec_max",
    "msk_serverless_partitions_max",
    "msk_serverless_partition_ingress_bytes_per_sec_max",
    "msk_serverless_partition_egress_bytes_per_sec_max",
    "aiven_startup_storage_bytes",
    "kafka_cluster_brokers",
    "kafka_replication_factor",
    "kafka_default_retention_hours",
    "kafka_partition_produce_bytes_per_sec",
    "elasticache_valkey_min_metered_bytes",
    "elasticache_redis_min_metered_bytes",
    "elasticache_ecpu_bytes",
    "elasticache_reserved_memory_fraction",
    "elasticache_node_replicas",
    "redis_stream_comfortable_bytes",
    "redis_stream_entry_overhead_bytes",
    "rabbitmq_cluster_nodes",
    "kafka_storage_headroom",
    "availability_zones",
    "outbox_worker_vms",
    "small_team_max_size",
];

/// The cost data of a rule set, read and checked when the rules load.
#[derive(Clone, Debug, Default)]
pub struct CostData {
    pub prices: BTreeMap<String, Price>,
    pub instances: BTreeMap<String, Instance>,
    pub operations: Operations,
    facts: BTreeMap<String, Limit>,
    /// The partition counts of the `sizing:` table: Kafka is priced on the count the guidance
    /// recommends.
    pub(crate) partition_counts: Vec<u64>,
    /// The machine sizes with a price, cheapest first, then by name: sorted once here rather
    /// than on every estimate (the flip-point search prices hundreds).
    by_price: Vec<(Instance, Price)>,
}

impl CostData {
    /// Reads the `prices:`, `instances:` and `operations:` tables (in load order, built-in first)
    /// and the limits the estimate needs, adding every problem to `errors`.
    pub fn read(
        tables: &BTreeMap<String, Vec<(Node, Origin)>>,
        limits: &BTreeMap<String, Limit>,
        sizing: &crate::guidance::Sizing,
        errors: &mut Vec<InputError>,
    ) -> CostData {
        let none = Vec::new();
        let table = |k: &str| tables.get(k).unwrap_or(&none);
        let before = errors.len();
        let prices = pricing::read_prices(table("prices"), errors);
        let instances = pricing::read_instances(table("instances"), errors);
        pricing::check_references(&prices, &instances, OPTION_PRICES, errors);
        if errors.len() == before {
            for id in OPTION_PRICES {
                if !prices.contains_key(*id) {
                    errors.push(InputError::one(
                        "rules/cost/prices.yaml",
                        Problem::new(
                            format!("prices.{id}"),
                            Loc::default(),
                            format!("missing price `{id}`, which a way of running a system uses"),
                        ),
                    ));
                }
            }
        }
        let operations = people::read(table("operations"), OPTIONS, errors);
        let mut facts = BTreeMap::new();
        for name in FACTS {
            match limits.get(*name) {
                Some(l) => {
                    facts.insert(name.to_string(), l.clone());
                }
                None => errors.push(InputError::one(
                    "rules/cost/limits.yaml",
                    Problem::new(
                        format!("limits.{name}"),
                        Loc::default(),
                        format!("missing limit `{name}`, which the cost estimate uses"),
                    ),
                )),
            }
        }
        CostData {
            prices,
            instances,
            operations,
            facts,
            partition_counts: sizing.partition_counts.clone(),
            by_price: Vec::new(),
        }
        .sorted()
    }

    fn sorted(mut self) -> CostData {
        let mut by_price: Vec<(Instance, Price)> = self
            .instances
            .values()
            .filter_map(|i| self.prices.get(&i.price).map(|p| (i.clone(), p.clone())))
            .collect();
        by_price.sort_by(|a, b| {
            a.1.amount
                .unwrap_or(0.0)
                .total_cmp(&b.1.amount.unwrap_or(0.0))
                .then_with(|| a.0.name.cmp(&b.0.name))
        });
        self.by_price = by_price;
        self
    }

    /// A fact's value. Every name in [`FACTS`] is present once loading succeeded.
    pub(crate) fn fact(&self, name: &str) -> f64 {
        self.facts.get(name).map_or(0.0, |l| l.value)
    }

    /// A fact's source, for the assumptions shown to the user.
    pub(crate) fn fact_source(&self, name: &str) -> &str {
        self.facts.get(name).map_or("", |l| l.source.as_str())
    }

    /// Machine sizes for `use_`, cheapest first, then by name.
    pub(crate) fn sizes(&self, use_: Use) -> impl Iterator<Item = (&Instance, &Price)> {
        self.by_price
            .iter()
            .filter(move |(i, _)| i.use_ == use_)
            .map(|(i, p)| (i, p))
    }
}

/// Who runs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Hosting {
    /// A vendor runs the servers.
    Managed,
    /// The team runs the servers.
    SelfHosted,
    /// Runs on infrastructure the team already operates (`platform.existing`).
    Existing,
}

impl Hosting {
    pub fn as_str(self) -> &'static str {
        match self {
            Hosting::Managed => "managed",
            Hosting::SelfHosted => "self-hosted",
            Hosting::Existing => "existing",
        }
    }
}

/// Whether the option is known to carry the workload.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Capacity {
    /// Sized against published limits or capacity figures from the sources.
    Checked,
    /// Runs on infrastructure the team already has; assumed to have room.
    Assumed,
    /// No capacity figure in the sources: the price is a floor.
    Unchecked,
    /// The workload exceeds a published limit of this option.
    Exceeded,
}

impl Capacity {
    pub fn as_str(self) -> &'static str {
        match self {
            Capacity::Checked => "checked",
            Capacity::Assumed => "assumed",
            Capacity::Unchecked => "unchecked",
            Capacity::Exceeded => "exceeded",
        }
    }

    /// The tiers the budget and the suggestion look at first.
    fn tier(self) -> u8 {
        match self {
            Capacity::Checked | Capacity::Assumed => 0,
            Capacity::Unchecked => 1,
            Capacity::Exceeded => 2,
        }
    }
}

/// One line of an option's infrastructure cost: quantity × unit price = monthly cost.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CostLine {
    /// What is counted, with how the quantity was reached.
    pub item: String,
    pub quantity: f64,
    /// The unit of the quantity (`broker-hour`, `GiB`, ...).
    pub unit: String,
    /// The price id in the price table.
    pub price: String,
    /// USD per unit; null when no sourced price exists: the line then adds nothing to the total
    /// and the option names it in `unpriced` (its total is a floor, not a price).
    pub unit_usd: Option<f64>,
    pub monthly_usd: f64,
    pub source: String,
    pub as_of: Option<String>,
    pub confidence: Option<Confidence>,
}

/// One way of running one candidate, priced per month.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CostOption {
    /// The candidate id.
    pub system: String,
    /// The way of running it (`confluent-basic`, `msk-provisioned`, ...).
    pub option: String,
    pub name: String,
    pub hosting: Hosting,
    /// Infrastructure plus people, USD a month.
    pub monthly_usd: f64,
    pub infrastructure_usd: f64,
    pub people_usd: f64,
    pub capacity: Capacity,
    pub capacity_note: String,
    /// Infrastructure, line by line.
    pub lines: Vec<CostLine>,
    pub people: People,
    /// Every assumed number behind the lines, in words.
    pub assumptions: Vec<String>,
    /// What this way costs that its total leaves out, for want of a sourced price (a line
    /// without a unit price, or a cost no line counts). Empty when the total is complete;
    /// otherwise the total is a floor, and the option is never the cheapest or suggested ahead
    /// of a complete one.
    pub unpriced: Vec<String>,
    /// The vendor's words when it calls this way fit for development only (Confluent Cloud
    /// Basic): never the cheapest or suggested for a workload that cannot lose messages
    /// (`delivery.loss_ok: false`); still listed, as the cheapest way for a prototype.
    pub development_only: Option<String>,
}

impl CostOption {
    /// True when the total counts every cost the option is known to have.
    pub fn complete(&self) -> bool {
        self.unpriced.is_empty()
    }
}

/// The cost view of one candidate: what the budget compares and what to pick.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SystemCost {
    pub system: String,
    /// The option with the lowest infrastructure cost among those that fit (what the budget
    /// compares with `budget.monthly_usd`, an infrastructure budget).
    pub cheapest_option: String,
    pub cheapest_infrastructure_usd: f64,
    /// The lowest total (infrastructure + people) among those that fit.
    pub cheapest_total_usd: f64,
    /// The way of running it msgadvisor suggests, and why.
    pub suggested_option: String,
    pub suggested_why: String,
    /// Ways left out and other notes.
    pub notes: Vec<String>,
    /// Assumptions every way of running it shares (also in each option's `assumptions`).
    pub assumptions: Vec<String>,
}

/// How the estimate was reached, beside the options themselves.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CostSummary {
    pub hours_per_month: f64,
    pub hours_source: String,
    /// USD per engineer-hour for the people lines.
    pub hourly_usd: f64,
    pub hourly_source: String,
    /// How volumes are counted.
    pub basis: Vec<String>,
    /// Per candidate: the budget basis, the suggested way, what was left out.
    pub systems: Vec<SystemCost>,
    /// Every price an option used, by id, with its source and as-of date.
    pub prices: Vec<Price>,
}

/// How much of the estimate to build.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Detail {
    /// Every figure and every text: what a report shows.
    #[default]
    Full,
    /// Every figure exactly as in [`Detail::Full`] (quantities, unit prices, totals, people,
    /// capacity, the order of the options, the cheapest and suggested ways, price ids), and no
    /// text: every name, item, unit, source, note, assumption and explanation is an empty string
    /// (a list of them keeps one empty string per entry), `as_of` is None and `summary.prices`
    /// is empty. What rule conditions are priced with; never for showing.
    Numbers,
}

/// The whole estimate for one profile.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Costing {
    /// By system (in [`SYSTEMS`] order), cheapest first within each system.
    pub options: Vec<CostOption>,
    pub summary: CostSummary,
    /// The sizing the options were priced on: what the guidance says.
    #[serde(skip)]
    pub assessment: crate::assess::Assessment,
}

impl Costing {
    /// What rule conditions see as `cost`: per candidate, the cheapest monthly infrastructure and
    /// total among the ways that fit, e.g. `cost.kafka.cheapest_infrastructure_usd`.
    pub fn cel_view(&self) -> Json {
        Json::Object(
            self.summary
                .systems
                .iter()
                .map(|s| {
                    let figures = CEL_FIGURES
                        .iter()
                        .map(|(name, of)| (name.to_string(), json!(of(s))));
                    (s.system.clone(), Json::Object(figures.collect()))
                })
                .collect(),
        )
    }

    pub fn system(&self, id: &str) -> Option<&SystemCost> {
        self.summary.systems.iter().find(|s| s.system == id)
    }

    /// The options of one system, in order.
    pub fn options_of<'a>(&'a self, system: &'a str) -> impl Iterator<Item = &'a CostOption> {
        self.options.iter().filter(move |o| o.system == system)
    }

    /// The options and summary of `systems` only, in that order (the report shows the candidates
    /// that are not excluded, in ranking order), with the prices they use.
    pub fn select(&self, systems: &[&str]) -> (Vec<CostOption>, CostSummary) {
        let options: Vec<CostOption> = systems
            .iter()
            .flat_map(|s| self.options_of(s).cloned())
            .collect();
        let used: std::collections::BTreeSet<&str> = options
            .iter()
            .flat_map(|o| o.lines.iter().map(|l| l.price.as_str()))
            .collect();
        let summary = CostSummary {
            systems: systems
                .iter()
                .filter_map(|s| self.system(s).cloned())
                .collect(),
            prices: self
                .summary
                .prices
                .iter()
                .filter(|p| used.contains(p.id.as_str()))
                .cloned()
                .collect(),
            ..self.summary.clone()
        };
        (options, summary)
    }
}

/// A figure conditions see per system: its name, and how to read it.
type Figure = (&'static str, fn(&SystemCost) -> f64);

/// The figures conditions see per system as `cost.<system>.<name>`.
const CEL_FIGURES: [Figure; 2] = [
    ("cheapest_infrastructure_usd", |s| {
        s.cheapest_infrastructure_usd
    }),
    ("cheapest_total_usd", |s| s.cheapest_total_usd),
];

/// The shape of the `cost` variable for checking rule conditions at load.
pub fn cel_shape() -> Json {
    Json::Object(
        SYSTEMS
            .iter()
            .map(|s| {
                let figures = CEL_FIGURES
                    .iter()
                    .map(|(name, _)| (name.to_string(), json!(0.0)));
                (s.to_string(), Json::Object(figures.collect()))
            })
            .collect(),
    )
}

/// Rounds USD to cents (half away from zero), so the lines shown add up to the totals shown.
pub fn cents(usd: f64) -> f64 {
    let c = (usd * 100.0).round() / 100.0;
    // An empty sum is -0.0; show it as 0.
    if c == 0.0 { 0.0 } else { c }
}

/// Bytes in decimal units, for figures the sources give that way (100 MB/s, 5 TB, 90 GB):
/// 100000000 → "100 MB". Binary units would turn them into odd numbers (95.4 MiB).
pub(crate) fn si(v: f64) -> String {
    const UNITS: [&str; 6] = ["B", "kB", "MB", "GB", "TB", "PB"];
    let mut x = v;
    let mut u = 0;
    while x >= 1000.0 && u < UNITS.len() - 1 {
        x /= 1000.0;
        u += 1;
    }
    let n = if x >= 100.0 || x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        let s = format!("{x:.1}");
        s.trim_end_matches(".0").to_string()
    };
    format!("{n} {}", UNITS[u])
}

/// Quantities derived from the profile once, shared by every option.
#[derive(Clone, Debug)]
pub(crate) struct Workload {
    pub hours: f64,
    pub avg_bytes_per_sec: f64,
    pub peak_bytes_per_sec_grown: f64,
    pub groups: f64,
    /// GiB produced in a month at the average rate.
    pub ingress_gib: f64,
    /// GiB consumed in a month: every group reads every message.
    pub egress_gib: f64,
    pub messages_per_month: f64,
    /// Every system's sizing, handed on to the guidance through [`Costing::assessment`].
    pub assessment: crate::assess::Assessment,
}

impl Workload {
    fn of(data: &CostData, p: &Profile, d: &Derived) -> Workload {
        let hours = data.fact("hours_per_month");
        let seconds = hours * 3600.0;
        let groups = f64::from(p.consumers.groups);
        let ingress_gib = d.avg_bytes_per_sec * seconds / GIB;
        Workload {
            hours,
            avg_bytes_per_sec: d.avg_bytes_per_sec,
            peak_bytes_per_sec_grown: d.peak_bytes_per_sec_grown,
            groups,
            ingress_gib,
            egress_gib: ingress_gib * groups,
            messages_per_month: p.throughput.avg() * seconds,
            assessment: crate::assess::Assessment::of(p, d, data),
        }
    }
}

/// Everything an option needs to price itself.
pub(crate) struct Ctx<'a> {
    pub data: &'a CostData,
    pub profile: &'a Profile,
    pub derived: &'a Derived,
    pub w: Workload,
    /// Build the text ([`Detail::Full`]); read by `txt!`.
    pub text: bool,
}

impl Ctx<'_> {
    fn fact(&self, name: &str) -> f64 {
        self.data.fact(name)
    }

    fn fact_source(&self, name: &str) -> &str {
        self.data.fact_source(name)
    }

    /// A text as it is, like `txt!` (a plain copy, cheaper than formatting it).
    fn copy(&self, text: &str) -> String {
        if self.text {
            text.to_string()
        } else {
            String::new()
        }
    }

    /// A line priced with `price` (which exists: checked at load). `item` is text: pass a literal
    /// or a `txt!`.
    fn line(&self, item: impl Into<String>, quantity: f64, unit: &str, price: &str) -> CostLine {
        let p = self.data.prices.get(price);
        let amount = p.and_then(|p| p.amount);
        CostLine {
            item: if self.text {
                item.into()
            } else {
                String::new()
            },
            quantity,
            unit: self.copy(unit),
            // An id, not text: `Costing::select` and the price list go by it.
            price: price.to_string(),
            unit_usd: amount,
            monthly_usd: cents(quantity * amount.unwrap_or(0.0)),
            source: p.map_or_else(String::new, |p| self.copy(&p.source)),
            as_of: p.filter(|_| self.text).and_then(|p| p.as_of.clone()),
            confidence: p.and_then(|p| p.confidence),
        }
    }

    /// Client traffic between availability zones, and replication between servers the team
    /// runs (`replicas`: copies each produced byte is sent to; 0 where the vendor does not bill
    /// it, as MSK does not). With servers spread evenly over the zones, a client reaches a server
    /// in another zone for (zones − 1) of every zones partitions or queues; AWS bills such a GiB
    /// leaving one zone and again entering the other.
    fn cross_az_lines(&self, replicas: f64, replicated_over: &str) -> Vec<CostLine> {
        let w = &self.w;
        let zones = self.fact("availability_zones").max(1.0);
        let share = (zones - 1.0) / zones;
        let share_txt = txt!(self, "{}/{}", num(zones - 1.0), num(zones));
        let mut lines = vec![
            self.line(
                txt!(
                    self,
                    "producers' cross-AZ transfer: ingress {} GiB × {share_txt} (a server in another of {} zones) × 2 (billed leaving one zone and entering the other)",
                    num(w.ingress_gib),
                    num(zones)
                ),
                w.ingress_gib * share * 2.0,
                "GiB",
                TRANSFER,
            ),
            self.line(
                txt!(
                    self,
                    "consumers' cross-AZ transfer: egress {} GiB × {share_txt} × 2",
                    num(w.egress_gib)
                ),
                w.egress_gib * share * 2.0,
                "GiB",
                TRANSFER,
            ),
        ];
        if replicas > 0.0 {
            lines.push(self.line(
                txt!(
                    self,
                    "replication between {replicated_over} in {} zones: ingress × {} copies, each in another zone, × 2",
                    num(zones),
                    num(replicas)
                ),
                w.ingress_gib * replicas * 2.0,
                "GiB",
                TRANSFER,
            ));
        }
        lines
    }

    /// Where the zone count and the transfer price come from, in words.
    fn cross_az_assumption(&self) -> String {
        txt!(
            self,
            "Servers spread over {} availability zones: {}; clients in one zone reach a server in another for {} of every {} partitions or queues [D]",
            num(self.fact("availability_zones")),
            self.fact_source("availability_zones"),
            num(self.fact("availability_zones") - 1.0),
            num(self.fact("availability_zones"))
        )
    }

    fn managed_only(&self) -> bool {
        self.profile.team.managed_only
    }

    fn has_existing(&self, names: &[&str]) -> bool {
        self.profile
            .platform
            .existing
            .iter()
            .any(|e| names.contains(&e.as_str()))
    }

    /// A note for AWS services when the profile runs elsewhere.
    fn aws_note(&self) -> Option<String> {
        match self.profile.platform.cloud {
            Cloud::Aws | Cloud::Other => None,
            c => Some(txt!(
                self,
                "An AWS service; the profile's platform is {}: shown as a price reference",
                c.as_str()
            )),
        }
    }

    /// A note for VM prices when the profile runs outside AWS.
    fn vm_note(&self, vm: &str) -> Option<String> {
        match self.profile.platform.cloud {
            Cloud::Aws => None,
            c => Some(txt!(
                self,
                "VMs priced as {vm} on EC2, the only VM price in msgadvisor's sources; on {} use your provider's price in a price file",
                c.as_str()
            )),
        }
    }
}

/// What an option function returns before people and totals are added.
pub(crate) struct Draft {
    pub option: &'static str,
    pub name: String,
    pub hosting: Hosting,
    pub capacity: Capacity,
    pub capacity_note: String,
    pub lines: Vec<CostLine>,
    pub assumptions: Vec<String>,
    /// Costs no line prices (see [`CostOption::unpriced`]); lines without a unit price are added
    /// to it when the option is finished.
    pub unpriced: Vec<String>,
    /// See [`CostOption::development_only`].
    pub development_only: Option<String>,
}

/// Prices every way of running every system in [`SYSTEMS`] for `profile`, with every text.
pub fn estimate(data: &CostData, profile: &Profile, derived: &Derived) -> Costing {
    estimate_with(data, profile, derived, Detail::Full)
}

/// Prices every way of running every system in [`SYSTEMS`] for `profile`, with the text or
/// ([`Detail::Numbers`]) without.
pub fn estimate_with(
    data: &CostData,
    profile: &Profile,
    derived: &Derived,
    detail: Detail,
) -> Costing {
    let ctx = Ctx {
        data,
        profile,
        derived,
        w: Workload::of(data, profile, derived),
        text: detail == Detail::Full,
    };
    let hourly_usd = data.operations.hourly(profile);
    let hourly_source = if ctx.text {
        data.operations.rate_source(profile)
    } else {
        String::new()
    };
    let mut options = Vec::new();
    let mut systems = Vec::new();
    for system in SYSTEMS {
        let (priced, summary) = price_system(system, &ctx);
        systems.push(summary);
        options.extend(priced);
    }
    // The price list is for a reader: it repeats, with sources, the prices the lines used.
    let mut used: BTreeMap<&str, &Price> = BTreeMap::new();
    if ctx.text {
        for l in options.iter().flat_map(|o| &o.lines) {
            if let Some(p) = data.prices.get(&l.price) {
                used.insert(&p.id, p);
            }
        }
    }
    let summary = CostSummary {
        hours_per_month: ctx.w.hours,
        hours_source: ctx.copy(data.fact_source("hours_per_month")),
        hourly_usd,
        hourly_source,
        basis: vec![
            txt!(
                ctx,
                "Transfer, storage and memory at today's average rate ({}/s); machine sizes for the peak after growth ({}/s)",
                crate::units::bytes(ctx.w.avg_bytes_per_sec),
                crate::units::bytes(ctx.w.peak_bytes_per_sec_grown),
            ),
            txt!(
                ctx,
                "GiB = 2^30 bytes (Confluent bills \"GB\" as GiB; every \"GB\" price is read that way)"
            ),
            txt!(
                ctx,
                "Producers' and consumers' own compute is left out: it is the same whichever system carries the messages"
            ),
        ],
        systems,
        prices: used.into_values().cloned().collect(),
    };
    Costing {
        options,
        summary,
        assessment: ctx.w.assessment,
    }
}

/// Prices every way of running one system: its options (those that can carry the workload
/// first, cheapest first; those over a published limit last) and its summary.
fn price_system(system: &str, ctx: &Ctx) -> (Vec<CostOption>, SystemCost) {
    // Exhaustive: a system without its own arm is a compile error, not priced as another.
    let (drafts, mut notes, shared) = match System::from_id(system) {
        Some(System::Kafka) => kafka::options(ctx),
        Some(System::Rabbitmq) => rabbitmq::options(ctx),
        Some(System::Outbox) => outbox::options(ctx),
        Some(System::RedisStreams | System::Bullmq | System::RedisPubsub) => {
            redis::options(ctx, system)
        }
        // Only ids from `SYSTEMS` are priced.
        None => (Vec::new(), Vec::new(), Vec::new()),
    };
    let mut priced: Vec<CostOption> = drafts.into_iter().map(|d| finish(d, system, ctx)).collect();
    // An incomplete total is a floor: it is listed after every complete one, so a partial sum
    // never reads as the cheapest way.
    priced.sort_by(|a, b| {
        (a.capacity == Capacity::Exceeded)
            .cmp(&(b.capacity == Capacity::Exceeded))
            .then((!a.complete()).cmp(&!b.complete()))
            .then(a.monthly_usd.total_cmp(&b.monthly_usd))
            .then(a.infrastructure_usd.total_cmp(&b.infrastructure_usd))
            .then_with(|| a.option.cmp(&b.option))
    });
    for o in priced.iter().filter(|o| o.capacity == Capacity::Exceeded) {
        notes.push(txt!(
            ctx,
            "{} exceeds a published limit: {}",
            o.name,
            o.capacity_note
        ));
    }
    let mut summary = summarise(system, &priced, notes, ctx);
    summary.assumptions = shared;
    (priced, summary)
}

fn finish(d: Draft, system: &str, ctx: &Ctx) -> CostOption {
    let people = ctx.data.operations.people(d.option, ctx.profile, ctx.text);
    let infrastructure_usd = cents(d.lines.iter().map(|l| l.monthly_usd).sum());
    let mut unpriced: Vec<String> = d
        .lines
        .iter()
        .filter(|l| l.unit_usd.is_none() && l.quantity > 0.0)
        .map(|l| {
            txt!(
                ctx,
                "{} ({} {}, no price `{}`)",
                l.item,
                crate::units::num(l.quantity),
                l.unit,
                l.price
            )
        })
        .collect();
    unpriced.extend(d.unpriced);
    let mut assumptions = d.assumptions;
    if d.hosting == Hosting::SelfHosted
        && f64::from(ctx.profile.team.size) <= ctx.fact("small_team_max_size")
    {
        assumptions.push(txt!(
            ctx,
            "A team of {}: on-call for servers it runs itself falls on few people; small teams should prefer managed offerings (Kafka — when · when not, §9)",
            ctx.profile.team.size
        ));
    }
    CostOption {
        // Ids, not text: the order and the summary go by them.
        system: system.to_string(),
        option: d.option.to_string(),
        name: d.name,
        hosting: d.hosting,
        monthly_usd: cents(infrastructure_usd + people.monthly_usd),
        infrastructure_usd,
        people_usd: people.monthly_usd,
        capacity: d.capacity,
        capacity_note: d.capacity_note,
        lines: d.lines,
        people,
        assumptions,
        unpriced,
        development_only: d.development_only,
    }
}

/// The budget basis and the suggestion for one system: among the ways that fit (checked or on
/// existing infrastructure; else unchecked ones; else all), the lowest infrastructure cost and
/// the lowest total; a small team is steered to a way it does not run itself.
fn summarise(system: &str, options: &[CostOption], notes: Vec<String>, ctx: &Ctx) -> SystemCost {
    let (profile, data) = (ctx.profile, ctx.data);
    let best_tier = options.iter().map(|o| o.capacity.tier()).min().unwrap_or(0);
    // A development-only tier is for a workload that may lose messages (or a prototype).
    let production = !profile.delivery.loss_ok;
    let usable = |o: &&CostOption| !(production && o.development_only.is_some());
    let best_tier = options
        .iter()
        .filter(usable)
        .map(|o| o.capacity.tier())
        .min()
        .unwrap_or(best_tier);
    let tier: Vec<&CostOption> = options
        .iter()
        .filter(usable)
        .filter(|o| o.capacity.tier() == best_tier)
        .collect();
    // A small team is steered off running servers itself even when the way it can hand off
    // leaves a cost out (it then says so); the tier is in order, complete ways first.
    let not_self_run = tier
        .iter()
        .find(|o| o.hosting != Hosting::SelfHosted)
        .copied();
    let mut notes = notes;
    if production {
        for o in options
            .iter()
            .filter(|o| o.development_only.is_some() && o.capacity != Capacity::Exceeded)
        {
            notes.push(txt!(
                ctx,
                "{} is not suggested for a workload that cannot lose messages (delivery.loss_ok: false): {}; fine for a prototype",
                o.name,
                o.development_only.as_deref().unwrap_or("")
            ));
        }
    }
    // A total that leaves a cost out is never the cheapest while a complete one fits.
    let complete: Vec<&CostOption> = tier.iter().copied().filter(|o| o.complete()).collect();
    let partial = complete.is_empty();
    let fit = if partial { tier } else { complete };
    let cheapest_infra = fit
        .iter()
        .min_by(|a, b| {
            a.infrastructure_usd
                .total_cmp(&b.infrastructure_usd)
                .then(a.monthly_usd.total_cmp(&b.monthly_usd))
        })
        .copied();
    let cheapest_total = fit.first().copied();
    let small = f64::from(profile.team.size) <= data.fact("small_team_max_size");
    let (suggested, why) = match (cheapest_total, not_self_run) {
        (Some(c), Some(m)) if small && c.hosting == Hosting::SelfHosted => (
            m,
            txt!(
                ctx,
                "the cheapest way a team of {} does not run itself (small teams should prefer managed offerings, Kafka — when · when not, §9)",
                profile.team.size
            ),
        ),
        (Some(c), _) => (
            c,
            txt!(
                ctx,
                "the lowest total (infrastructure + people) of the ways that fit"
            ),
        ),
        (None, _) => {
            return SystemCost {
                system: system.to_string(),
                cheapest_option: String::new(),
                cheapest_infrastructure_usd: 0.0,
                cheapest_total_usd: 0.0,
                suggested_option: String::new(),
                suggested_why: txt!(ctx, "no way of running it is priced"),
                notes,
                assumptions: Vec::new(),
            };
        }
    };
    // A way over a published limit cannot carry the workload: it is never suggested, though
    // the budget still compares the cheapest of them (nothing cheaper fits).
    let (suggested_option, why) = if suggested.capacity == Capacity::Exceeded {
        (
            String::new(),
            txt!(
                ctx,
                "none: every way exceeds a published limit (see each way's capacity)"
            ),
        )
    } else if best_tier > 0 {
        (
            suggested.option.clone(),
            txt!(
                ctx,
                "{why}; no way's capacity could be checked against a published figure"
            ),
        )
    } else {
        (suggested.option.clone(), why)
    };
    let why = if !suggested.complete() && !suggested_option.is_empty() {
        txt!(
            ctx,
            "{why}; INCOMPLETE: its total leaves out {}, so it is a floor",
            suggested.unpriced.join("; ")
        )
    } else {
        why
    };
    SystemCost {
        system: system.to_string(),
        cheapest_option: cheapest_infra.map_or_else(String::new, |o| o.option.clone()),
        cheapest_infrastructure_usd: cheapest_infra.map_or(0.0, |o| o.infrastructure_usd),
        cheapest_total_usd: cheapest_total.map_or(0.0, |o| o.monthly_usd),
        suggested_option,
        suggested_why: why,
        notes,
        assumptions: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_units_read_as_the_sources_write_them() {
        assert_eq!(si(100_000_000.0), "100 MB");
        assert_eq!(si(5e12), "5 TB");
        assert_eq!(si(90e9), "90 GB");
        assert_eq!(si(1_200_000.0), "1.2 MB");
        assert_eq!(si(512.0), "512 B");
    }

    #[test]
    fn cents_round_half_away_and_never_show_minus_zero() {
        assert_eq!(cents(0.125), 0.13);
        assert_eq!(cents(446.76000001), 446.76);
        assert!(cents(-0.0).is_sign_positive());
    }
}
