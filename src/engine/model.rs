//! What a rule is, as read from `rules/` and from packs (a candidate and a limit are data tables:
//! `crate::tables`).

use crate::yaml::Node;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;

pub use crate::fields::Origin;
pub use crate::tables::{Candidate, Limit, OrderingCapability};

/// What a pack did to a rule of an earlier layer, and which file did it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Override {
    Replaced(String),
    Disabled(String),
}

impl fmt::Display for Override {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Override::Replaced(file) => write!(f, "replaced by {file}"),
            Override::Disabled(file) => write!(f, "disabled by {file}"),
        }
    }
}

/// A rule of the built-in rules (or of an earlier pack) that a pack turned off or changed: what
/// narrows a gate without a line of the profile changing, so every view of a run names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PackOverride {
    pub rule: String,
    /// `disabled` or `replaced`.
    pub action: &'static str,
    /// The pack file that did it (the last one, when several did).
    pub file: String,
    /// For `replaced`: the keys that file gives (`effect`, `when`, …), `id` left out.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub keys: Vec<String>,
}

impl PackOverride {
    /// `low-traffic-kafka disabled by pk/low-traffic-kafka.yaml`, `no-kafka-experience: effect
    /// replaced by pk/no-kafka-experience.yaml`.
    pub fn describe(&self) -> String {
        if self.keys.is_empty() {
            format!("{} {} by {}", self.rule, self.action, self.file)
        } else {
            format!(
                "{}: {} {} by {}",
                self.rule,
                self.keys.join(", "),
                self.action,
                self.file
            )
        }
    }

    /// The one line every view prints: `Rules a pack turns off or changes: …`; None when no
    /// pack does.
    pub fn line(overrides: &[PackOverride]) -> Option<String> {
        (!overrides.is_empty()).then(|| {
            let all: Vec<String> = overrides.iter().map(PackOverride::describe).collect();
            format!("Rules a pack turns off or changes: {}", all.join("; "))
        })
    }
}

/// What a rule does when its condition holds.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Effect {
    /// Score changes per candidate id.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub score: BTreeMap<String, i64>,
    /// Knock-outs: the candidate cannot be chosen; the rule's title is the reason.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub exclude: Vec<String>,
    /// The candidate ranks below every candidate no rule discouraged.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub discourage: Vec<String>,
    /// Complementary patterns to add to the recommendation.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub patterns: Vec<String>,
    /// The title is also shown to the user as a warning.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub warning: bool,
    /// The candidates the warning is about (`warning_for: [kafka]`): it needs attention only
    /// when one of them is the pick, the profile's decision or a pattern the report recommends,
    /// since a warning about a candidate nobody will run asks nothing of the reader. Empty: the
    /// warning is about the profile, whatever the pick.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warning_for: Vec<String>,
    /// What the title says beyond its own words, so that no view says it again in others
    /// (`says: no-way-fits`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub says: Option<Says>,
    /// The `discourage` is about price, not a requirement: the candidate ranks below every
    /// candidate that fits the budget, but above every candidate a requirement rule discourages
    /// (requirements before price), and among candidates that are all over budget the cheapest
    /// ranks first.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub budget: bool,
    /// The title is a top-level finding: every format shows it before anything else (the
    /// workload asks for something no candidate can give, whatever the pick).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub finding: bool,
}

/// What a rule's title says that the report would otherwise say in its own words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Says {
    /// No way to run the candidates the rule discourages, priced here, is within published
    /// limits: the report's own note that every way exceeds a limit is then not repeated.
    NoWayFits,
}

impl Says {
    /// The values a rule can write, with what each means.
    pub const ALL: &[(&str, Says)] = &[("no-way-fits", Says::NoWayFits)];
}

impl Effect {
    /// An effect in a few words: `kafka -30, bullmq +10; exclude redis-pubsub; pattern outbox`.
    pub fn summary(&self) -> String {
        let e = self;
        let mut parts = Vec::new();
        if !e.score.is_empty() {
            // Largest changes first, then by id, so the main effect leads.
            let mut scores: Vec<(&String, &i64)> = e.score.iter().collect();
            scores.sort_by_key(|(id, d)| (-d.abs(), -d.signum(), id.as_str()));
            parts.push(
                scores
                    .iter()
                    .map(|(id, d)| format!("{id} {d:+}"))
                    .collect::<Vec<_>>()
                    .join(", "),
            );
        }
        for (word, list) in [
            ("exclude", &e.exclude),
            ("discourage", &e.discourage),
            ("pattern", &e.patterns),
        ] {
            if !list.is_empty() {
                parts.push(format!("{word} {}", list.join(", ")));
            }
        }
        if e.warning {
            parts.push("warning".into());
        }
        parts.join("; ")
    }
}

/// A profile fragment (merged onto the example base profile) and whether the rule must fire.
#[derive(Clone, Debug)]
pub struct Example {
    pub profile: Node,
    pub fires: bool,
    /// The file the example is written in (an override may keep the examples of the rule it
    /// replaces).
    pub file: String,
    pub line: u32,
}

impl Rule {
    /// Where `key` (`when`, `examples`, …) is written: its file and line.
    pub fn origin_of(&self, key: &str) -> Origin {
        Origin {
            file: self
                .key_files
                .get(key)
                .cloned()
                .unwrap_or_else(|| self.origin.file.clone()),
            line: self.raw.get(key).map_or(self.origin.line, |n| n.loc.line),
        }
    }

    /// The column of `key`'s value, when the rule gives it.
    pub fn col_of(&self, key: &str) -> u32 {
        self.raw.get(key).map_or(0, |n| n.loc.col)
    }
}

/// One rule: when its CEL condition holds for a profile, its effect applies.
#[derive(Debug)]
pub struct Rule {
    pub id: String,
    pub title: String,
    pub why: String,
    pub when_not: Option<String>,
    pub source: String,
    /// The CEL condition as written.
    pub when: String,
    pub effect: Effect,
    pub examples: Vec<Example>,
    pub origin: Origin,
    /// The raw YAML of the rule, for `rules show --format yaml`.
    pub raw: Node,
    /// Which file gave each top-level key (a pack override replaces only the keys it gives).
    pub key_files: BTreeMap<String, String>,
    pub(crate) program: crate::engine::cel::Condition,
    /// The `a.b.c` paths the condition reads: for the trace.
    pub(crate) reads: Vec<String>,
}
