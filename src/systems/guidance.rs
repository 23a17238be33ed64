//! What every system's guidance is written with: the value it returns ([`SystemGuidance`] of
//! figures, sections and advice), what it is computed from ([`Inputs`]), and the advice more
//! than one system gives (the order it keeps, a stall's backlog in Redis). `crate::guidance`
//! picks whose guidance a report shows.

use crate::profile::{Derived, Profile, StreamMemoryModel};
use crate::tables::{Candidate, CostData, Limit, Sizing};
use serde::Serialize;
use std::collections::BTreeMap;

/// How to run one system, for this profile. A system's guide fills a default one;
/// `crate::guidance::build` sets system, name and why.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SystemGuidance {
    /// The candidate id (`kafka`, `redis-streams`, …).
    pub system: String,
    pub name: String,
    /// Why this guidance is here: `recommended`, `decision` (the profile's declared choice) and/or
    /// `pattern` (a complementary pattern of the recommendation).
    pub shown_for: Vec<String>,
    /// One sentence of context when this is not simply the recommendation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// What needs attention before anything else, for this profile.
    pub warnings: Vec<Advice>,
    /// The numbers, each with the arithmetic that produced it.
    pub figures: Vec<Figure>,
    pub sections: Vec<Section>,
}

/// The figures that head a system's guidance in the one-screen view, by key: what a team sets
/// or buys first (partitions, replication, retention, memory, workers, nodes). The others are
/// the arithmetic behind them, in the full view.
const HEADLINE: &[&str] = &[
    "partitions",
    "consumers_per_group",
    "replication_factor",
    "min_insync_replicas",
    "retention_days",
    "storage_per_broker_grown",
    "window_bytes_grown",
    "node_memory",
    "maxlen",
    "concurrency",
    "delayed_bytes_per_hour",
    "workers",
    "database_writes",
    "consumers",
    "nodes",
    "buffer_messages",
    "stall_seconds",
];

impl SystemGuidance {
    /// Its headline figures (see [`HEADLINE`]), in the order the guidance gives them.
    pub fn headline(&self) -> impl Iterator<Item = &Figure> {
        self.figures
            .iter()
            .filter(|f| HEADLINE.contains(&f.key.as_str()))
    }

    /// Adds `advice` to `section`, and to the warnings too when `warn`: advice that needs
    /// attention before anything else is said in both places.
    pub(crate) fn advise(&mut self, section: &mut Vec<Advice>, advice: Advice, warn: bool) {
        if warn {
            self.warnings.push(advice.clone());
        }
        section.push(advice);
    }
}

/// One computed number.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Figure {
    /// Stable snake_case key, e.g. `partitions`.
    pub key: String,
    pub label: String,
    pub value: f64,
    /// `bytes`, `bytes/s`, `msg/s`, `partitions`, …
    pub unit: String,
    /// The arithmetic, in words.
    pub how: String,
}

/// A topic of advice (`partitions`, `replication`, …) with its items.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Section {
    /// Stable kebab-case key.
    pub key: String,
    pub title: String,
    pub advice: Vec<Advice>,
}

/// One piece of advice and where it comes from.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Advice {
    pub text: String,
    /// Its sources in one string, joined with "; " (the JSON key `source`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The same sources one by one, so that a view which numbers sources numbers each once: a
    /// source cited alone and again beside another is one footnote, not two that overlap.
    #[serde(skip)]
    sources: Vec<String>,
}

impl Advice {
    pub fn new(text: impl Into<String>, source: impl Into<String>) -> Advice {
        Advice::cited(text, [source.into()])
    }

    /// Advice with several sources, each its own (see [`Advice::sources`]).
    pub fn cited<S: Into<String>>(
        text: impl Into<String>,
        sources: impl IntoIterator<Item = S>,
    ) -> Advice {
        let sources: Vec<String> = sources.into_iter().map(Into::into).collect();
        Advice {
            text: text.into(),
            source: (!sources.is_empty()).then(|| sources.join("; ")),
            sources,
        }
    }

    /// Advice that is the tool's own arithmetic on the profile, with no outside source.
    pub fn plain(text: impl Into<String>) -> Advice {
        Advice::cited(text, Vec::<String>::new())
    }

    /// Each source on its own, in the order cited.
    pub fn sources(&self) -> &[String] {
        &self.sources
    }
}

impl Section {
    pub fn new(key: &str, title: &str, advice: Vec<Advice>) -> Section {
        Section {
            key: key.into(),
            title: title.into(),
            advice,
        }
    }
}

impl Figure {
    pub fn new(key: &str, label: &str, value: f64, unit: &str, how: impl Into<String>) -> Figure {
        Figure {
            key: key.into(),
            label: label.into(),
            value,
            unit: unit.into(),
            how: how.into(),
        }
    }
}

/// What every system's guidance is computed from: the profile, and the rule set's data.
pub struct Inputs<'a> {
    pub profile: &'a Profile,
    pub derived: &'a Derived,
    pub limits: &'a BTreeMap<String, Limit>,
    /// The candidates' catalog (names, the order each keeps).
    pub candidates: &'a [Candidate],
    pub cost: &'a CostData,
    pub sizing: &'a Sizing,
    /// The systems' numbers, as the cost priced them.
    pub assessment: &'a super::Assessment,
    /// The way the cost suggests running each system (system id → option id): it decides which
    /// settings the guidance can advise (ElastiCache has no AOF, for one).
    pub suggested: BTreeMap<&'a str, &'a str>,
}

/// A constant from `rules/limits.yaml` with its source.
#[derive(Clone, Debug)]
pub struct Lim {
    pub value: f64,
    pub source: String,
}

impl Inputs<'_> {
    /// The catalog's entry for candidate `id`.
    pub fn candidate(&self, id: &str) -> Option<&Candidate> {
        self.candidates.iter().find(|c| c.id == id)
    }

    /// The Redis Streams memory model of the rule set's limits (`redis_stream_*`).
    pub fn stream_model(&self) -> StreamMemoryModel {
        StreamMemoryModel::from_limits(|name| self.limits.get(name).map(|l| l.value))
    }

    /// The limit `name`, or `default` when a rule set lacks it (only a broken built-in set can).
    pub fn limit(&self, name: &str, default: f64) -> Lim {
        match self.limits.get(name) {
            Some(l) => Lim {
                value: l.value,
                source: l.source.clone(),
            },
            None => Lim {
                value: default,
                source: format!("built-in default (limit `{name}` missing from rules/limits.yaml)"),
            },
        }
    }
}

/// How `system` keeps the order the profile asks for, in the catalog's words (its `ordering:`),
/// added to `section`, and to the warnings when the consumers needed at peak after growth break
/// it. Nothing when no order is asked for or the catalog states none. The guidance of every
/// system says this rather than telling the user to add consumers that break the order.
pub(crate) fn ordering(
    inp: &Inputs,
    system: &str,
    g: &mut SystemGuidance,
    section: &mut Vec<Advice>,
) {
    use crate::profile::Ordering;
    let Some(cap) = inp.candidate(system).and_then(|c| c.ordering.as_ref()) else {
        return;
    };
    let needed = inp.derived.consumers_needed_grown;
    let (text, broken) = match inp.profile.delivery.ordering {
        Ordering::None => return,
        Ordering::PerKey if needed > 1.0 && !cap.per_key_scales => (
            format!(
                "Per-key order: {}. This workload needs {} at peak after growth, so adding consumers to keep up breaks the order: do not scale it that way.",
                cap.per_key,
                plural(needed, "consumer", "consumers")
            ),
            true,
        ),
        Ordering::PerKey => (format!("Per-key order: {}.", cap.per_key), false),
        Ordering::Global if needed > 1.0 => (
            format!(
                // The finding `global-ordering-cannot-keep-up` says that no system keeps it:
                // this says what it means here, without saying that again.
                "Global order: {}. That one consumer would have the work of {} at peak after growth. Relax ordering to per-key, or make each message cheaper to handle; adding consumers would break the order.",
                cap.global,
                plural(needed, "consumer", "consumers")
            ),
            true,
        ),
        Ordering::Global => (format!("Global order: {}.", cap.global), false),
    };
    g.advise(section, Advice::new(text, cap.source.clone()), broken);
}

/// What a stall of the consumers (`consumers.max_stall_minutes`) queues in Redis's RAM, against
/// the largest Redis node's maxmemory; None when the profile gives no stall. Added to the
/// section, and to the warnings when the backlog does not fit.
pub(crate) fn redis_backlog(inp: &Inputs, g: &mut SystemGuidance, section: &mut Vec<Advice>) {
    let Some(minutes) = inp.profile.consumers.max_stall_minutes else {
        return;
    };
    let node = inp.limit("redis_node_max_memory_bytes", 6_854_542_746.0);
    let backlog = inp.derived.backlog_bytes_grown;
    let fits = backlog <= node.value;
    let advice = Advice::new(
        format!(
            "A stall of {} min queues about {} of payload at peak after growth ({} msg/s × {} × {} s), all of it in Redis's RAM; the largest node priced here holds {}.{}",
            crate::units::num(minutes),
            crate::units::bytes(backlog),
            crate::units::num(inp.derived.peak_per_sec_grown),
            crate::units::bytes(inp.profile.throughput.message_bytes as f64),
            crate::units::num(minutes * 60.0),
            crate::units::bytes(node.value),
            if fits {
                " Leave room for it beside everything else the node holds."
            } else {
                " It does not fit: at maxmemory with noeviction Redis refuses writes and producers cannot enqueue. Hold the backlog on disk (Kafka, RabbitMQ quorum queues or streams, the database) or plan a larger Redis."
            }
        ),
        node.source,
    );
    g.advise(section, advice, !fits);
}

/// "1 consumer" / "3 consumers".
pub(crate) fn plural(n: f64, one: &str, many: &str) -> String {
    format!(
        "{} {}",
        crate::units::num(n),
        if n == 1.0 { one } else { many }
    )
}
