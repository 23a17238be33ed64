//! The workload profile (schema version 1, as in docs/SPEC.md): its types and defaults, loading from YAML
//! with every problem located (the names only the rule set knows included, when it is given),
//! and the quantities derived from it.

mod derived;
mod read;

pub use derived::{Derived, StreamMemoryModel, consumers_for};
pub use read::{Locations, load, load_node, load_node_with, load_with};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The top-level keys of a profile (docs/SPEC.md, schema version 1), in the order it lists them.
pub const TOP_LEVEL_KEYS: &[&str] = &[
    "version",
    "name",
    "description",
    "throughput",
    "consumers",
    "delivery",
    "replay",
    "jobs",
    "source",
    "team",
    "platform",
    "budget",
    "events",
    "decision",
    "waivers",
];

/// The names a profile may give that only the rule set knows: candidate ids for `decision`, rule
/// ids for `waivers[].rule`. Read with them, a profile's misspelt decision or waiver is reported
/// with its other mistakes, in the same run, instead of only once everything else reads.
#[derive(Clone, Debug)]
pub struct Known<'a> {
    pub candidates: Vec<&'a str>,
    /// The rules in force, offered when a waiver's rule is misspelt.
    pub rules: Vec<&'a str>,
    /// Rules a pack disabled: a waiver of one is stale (`check` says so), not a mistake.
    pub disabled: Vec<&'a str>,
}

/// The one schema version this build reads.
pub const SUPPORTED_VERSION: u32 = 1;

/// The valid ranges of the numeric fields, inclusive, shared by the reader, the JSON Schema and
/// the flip-point search. Each is wider than any real workload and narrow enough that every
/// quantity derived from it (rates, sizes, days, money) stays a normal finite double: a rate of
/// 1e-307 is a valid number but no workload, and it once made the flip-point search spin.
pub mod range {
    /// Messages per second: from one message every 11.6 days to a billion a second.
    pub const PEAK_PER_SEC: (f64, f64) = (1e-6, 1e9);
    /// The average may be 0 (idle most of the time); it may not exceed the peak.
    pub const AVG_PER_SEC: (f64, f64) = (0.0, 1e9);
    /// Bytes per message: 1 byte to 100 MiB.
    pub const MESSAGE_BYTES: (u64, u64) = (1, 104_857_600);
    /// 1 is no growth.
    pub const GROWTH_FACTOR: (f64, f64) = (1.0, 1000.0);
    pub const GROUPS: (u32, u32) = (1, 10_000);
    /// Milliseconds per message: free to one day.
    pub const PROCESSING_MS: (f64, f64) = (0.0, 86_400_000.0);
    pub const MAX_STALL_MINUTES: (f64, f64) = (0.0, 43_200.0);
    /// Latency targets: one microsecond (no broker delivers faster) to one week.
    pub const MAX_LATENCY_MS: (f64, f64) = (0.001, 604_800_000.0);
    /// The replay window in days: 86.4 seconds to 100 years.
    pub const RETENTION_DAYS: (f64, f64) = (0.001, 36_500.0);
    pub const TEAM_SIZE: (u32, u32) = (1, 100_000);
    /// USD per engineer-hour: one cent to 10,000.
    pub const HOURLY_USD: (f64, f64) = (0.01, 10_000.0);
    /// USD per month: nothing to a billion.
    pub const MONTHLY_USD: (f64, f64) = (0.0, 1e9);
}

/// A workload: what flows, who consumes it, what it must guarantee, and who runs it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "msgadvisor workload profile (version 1)")]
pub struct Profile {
    /// Schema version; must be 1.
    #[schemars(range(min = 1, max = 1))]
    pub version: u32,
    /// Service or stream name, 1 to 100 characters; titles reports and names the default topic.
    #[schemars(length(min = 1, max = 100))]
    pub name: String,
    /// What the workload is, in a sentence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// How many messages flow, and how big they are.
    pub throughput: Throughput,
    /// Who reads the messages and how long each takes.
    #[serde(default)]
    pub consumers: Consumers,
    /// What delivery must guarantee.
    #[serde(default)]
    pub delivery: Delivery,
    /// Whether consumers must re-read history, and how far back.
    #[serde(default)]
    pub replay: Replay,
    /// Work-queue features the workload needs.
    #[serde(default)]
    pub jobs: Jobs,
    /// Where the messages are born.
    #[serde(default)]
    pub source: Source,
    /// Who would operate it.
    #[serde(default)]
    pub team: Team,
    /// Where it runs, in which languages, next to what.
    #[serde(default)]
    pub platform: Platform,
    /// What it may cost.
    #[serde(default)]
    pub budget: Budget,
    /// What flows, for topic naming.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<Event>,
    /// The team's chosen candidate id; `msgadvisor check` tests it against the rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<String>,
    /// Accepted exceptions to rules, for `msgadvisor check`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub waivers: Vec<Waiver>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Throughput {
    /// Messages per second at the busiest minute; 0.000001 to 1e9 (fractions allowed: 0.02 is
    /// about one a minute).
    #[schemars(range(min = range::PEAK_PER_SEC.0, max = range::PEAK_PER_SEC.1))]
    pub peak_per_sec: f64,
    /// Average messages per second; defaults to `peak_per_sec`; >= 0 and must not exceed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = range::AVG_PER_SEC.0, max = range::AVG_PER_SEC.1))]
    pub avg_per_sec: Option<f64>,
    /// Bytes per message; 1 to 104857600 (100 MiB).
    #[serde(default = "default_message_bytes")]
    #[schemars(range(min = range::MESSAGE_BYTES.0, max = range::MESSAGE_BYTES.1))]
    pub message_bytes: u64,
    /// Expected growth over the planning horizon; 1 (no growth) to 1000.
    #[serde(default = "default_growth")]
    #[schemars(range(min = range::GROWTH_FACTOR.0, max = range::GROWTH_FACTOR.1))]
    pub growth_factor: f64,
}

impl Throughput {
    /// The average rate, with its default (the peak) applied.
    pub fn avg(&self) -> f64 {
        self.avg_per_sec.unwrap_or(self.peak_per_sec)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Consumers {
    /// Independent consumers that each need EVERY message (fan-out); 1 to 10000.
    #[serde(default = "one")]
    #[schemars(range(min = range::GROUPS.0, max = range::GROUPS.1))]
    pub groups: u32,
    /// Milliseconds one consumer spends on one message; 0 to 86400000 (one day).
    #[serde(default = "default_processing_ms")]
    #[schemars(range(min = range::PROCESSING_MS.0, max = range::PROCESSING_MS.1))]
    pub processing_ms: f64,
    /// Minutes the consumers may be stalled or down (a slow downstream, an incident) while
    /// producers go on: the backlog the system must hold meanwhile. No default: no published
    /// typical incident length was found, so rules about the backlog run only when it is set.
    /// 0 to 43200 (30 days).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = range::MAX_STALL_MINUTES.0, max = range::MAX_STALL_MINUTES.1))]
    pub max_stall_minutes: Option<f64>,
}

impl Default for Consumers {
    fn default() -> Self {
        Consumers {
            groups: 1,
            processing_ms: default_processing_ms(),
            max_stall_minutes: None,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Delivery {
    /// True when a dropped message does no harm (ephemeral notifications).
    #[serde(default)]
    pub loss_ok: bool,
    /// Ordering the consumers rely on.
    #[serde(default)]
    pub ordering: Ordering,
    /// End-to-end latency target in milliseconds; 0.001 to 604800000 (one week).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = range::MAX_LATENCY_MS.0, max = range::MAX_LATENCY_MS.1))]
    pub max_latency_ms: Option<f64>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Ordering {
    #[default]
    None,
    PerKey,
    Global,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Replay {
    /// Consumers must be able to re-read history.
    #[serde(default)]
    pub needed: bool,
    /// How far back, in days; 0.001 (86.4 seconds) to 36500 (100 years). Default 7.
    #[serde(default = "default_retention_days")]
    #[schemars(range(min = range::RETENTION_DAYS.0, max = range::RETENTION_DAYS.1))]
    pub retention_days: f64,
}

impl Default for Replay {
    fn default() -> Self {
        Replay {
            needed: false,
            retention_days: default_retention_days(),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Jobs {
    /// Failed jobs are retried.
    #[serde(default)]
    pub retries: bool,
    /// Jobs run later (delayed jobs).
    #[serde(default)]
    pub delays: bool,
    /// Some jobs jump the queue.
    #[serde(default)]
    pub priorities: bool,
    /// Jobs are rate limited.
    #[serde(default)]
    pub rate_limit: bool,
    /// Repeatable or cron jobs.
    #[serde(default)]
    pub scheduled: bool,
}

impl Jobs {
    /// Features only a job queue offers (retries alone any broker can do with a DLQ).
    pub fn any_queue_feature(&self) -> bool {
        self.delays || self.priorities || self.rate_limit || self.scheduled
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Messages are born inside a database transaction.
    #[serde(default)]
    pub db_transaction: bool,
    /// The database they are born in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub database: Option<Database>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Database {
    Postgres,
    Mysql,
    Other,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Team {
    /// Engineers who would operate it; 1 to 100000.
    #[serde(default = "default_team_size")]
    #[schemars(range(min = range::TEAM_SIZE.0, max = range::TEAM_SIZE.1))]
    pub size: u32,
    /// How well the team knows Kafka.
    #[serde(default)]
    pub kafka_experience: Experience,
    /// The team runs managed services only.
    #[serde(default)]
    pub managed_only: bool,
    /// Loaded cost of one engineer-hour in USD, for the people part of cost estimates; 0.01 to
    /// 10000.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = range::HOURLY_USD.0, max = range::HOURLY_USD.1))]
    pub hourly_usd: Option<f64>,
}

impl Default for Team {
    fn default() -> Self {
        Team {
            size: default_team_size(),
            kafka_experience: Experience::None,
            managed_only: false,
            hourly_usd: None,
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Experience {
    #[default]
    None,
    Some,
    Expert,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Platform {
    /// Where it runs.
    #[serde(default)]
    pub cloud: Cloud,
    /// Runtimes of producers and consumers (any lowercase name).
    #[serde(default)]
    pub languages: Vec<String>,
    /// Infrastructure already run in production (any lowercase name).
    #[serde(default)]
    pub existing: Vec<String>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Cloud {
    Aws,
    Gcp,
    Azure,
    OnPrem,
    #[default]
    Other,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    /// Monthly infrastructure budget in USD; 0 to 1e9.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = range::MONTHLY_USD.0, max = range::MONTHLY_USD.1))]
    pub monthly_usd: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// The business domain, e.g. `order`.
    pub domain: String,
    /// What happened, past tense for events, e.g. `placed`.
    pub action: String,
    /// The partition key, e.g. `order_id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Waiver {
    /// The id of the rule whose finding is accepted.
    #[schemars(length(min = 1))]
    pub rule: String,
    /// Why it is accepted; required, non-empty.
    #[schemars(length(min = 1))]
    pub reason: String,
    /// YYYY-MM-DD: the last day the waiver applies; after it, `check` fails until it is renewed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^\d{4}-\d{2}-\d{2}$"))]
    pub expires: Option<String>,
}

// The defaults, for serde and the schema (`#[serde(default = …)]`) and for the reader
// (`read.rs`), so both fill in the same values.
pub(crate) fn default_message_bytes() -> u64 {
    1024
}
pub(crate) fn default_growth() -> f64 {
    2.0
}
pub(crate) fn one() -> u32 {
    1
}
pub(crate) fn default_processing_ms() -> f64 {
    10.0
}
pub(crate) fn default_retention_days() -> f64 {
    7.0
}
pub(crate) fn default_team_size() -> u32 {
    5
}

// Each enum's values as a profile writes them, once: the reader offers these (`choice`) and
// `as_str` words them, so the two cannot disagree.
impl Ordering {
    pub const ALL: &[(&str, Ordering)] = &[
        ("none", Ordering::None),
        ("per-key", Ordering::PerKey),
        ("global", Ordering::Global),
    ];
}

impl Experience {
    pub const ALL: &[(&str, Experience)] = &[
        ("none", Experience::None),
        ("some", Experience::Some),
        ("expert", Experience::Expert),
    ];

    pub fn as_str(self) -> &'static str {
        name_of(Self::ALL, self)
    }
}

impl Cloud {
    pub const ALL: &[(&str, Cloud)] = &[
        ("aws", Cloud::Aws),
        ("gcp", Cloud::Gcp),
        ("azure", Cloud::Azure),
        ("on-prem", Cloud::OnPrem),
        ("other", Cloud::Other),
    ];

    pub fn as_str(self) -> &'static str {
        name_of(Self::ALL, self)
    }
}

impl Database {
    pub const ALL: &[(&str, Database)] = &[
        ("postgres", Database::Postgres),
        ("mysql", Database::Mysql),
        ("other", Database::Other),
    ];

    pub fn as_str(self) -> &'static str {
        name_of(Self::ALL, self)
    }
}

/// `value`'s name in `all` (every value is listed).
fn name_of<T: Copy + PartialEq>(all: &[(&'static str, T)], value: T) -> &'static str {
    all.iter().find(|(_, v)| *v == value).map_or("", |(n, _)| n)
}

/// Runtimes the rules know by name (docs/SPEC.md); others are accepted with a warning.
pub const KNOWN_LANGUAGES: &[&str] = &[
    "typescript",
    "javascript",
    "python",
    "go",
    "java",
    "kotlin",
    "scala",
    "ruby",
    "php",
    "csharp",
    "rust",
    "elixir",
];

/// Systems the rules know by name (docs/SPEC.md); others are accepted with a warning.
pub const KNOWN_SYSTEMS: &[&str] = &[
    "kafka", "redis", "postgres", "mysql", "rabbitmq", "nats", "mongodb", "sqs",
];

/// A profile read from a path or `-`, with where its fields were and any warnings.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub file: String,
    pub profile: Profile,
    pub locations: Locations,
    pub warnings: Vec<crate::diag::Problem>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The key list (used to tell profiles from other YAML) names exactly the schema's fields.
    #[test]
    fn top_level_keys_are_the_profile_fields() {
        let schema = serde_json::to_value(schemars::schema_for!(Profile)).unwrap();
        let mut fields: Vec<&str> = schema["properties"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut keys = TOP_LEVEL_KEYS.to_vec();
        fields.sort_unstable();
        keys.sort_unstable();
        assert_eq!(fields, keys);
    }
}
