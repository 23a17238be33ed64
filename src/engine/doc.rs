//! The rules as documents: the list `rules list` prints and the page `rules show` prints, with
//! where each rule comes from and which pack changed it.

use super::load::RuleSet;
use super::model::{Effect, Override, Rule};
use serde::Serialize;

/// Where a rule in the running set comes from.
pub fn status(set: &RuleSet, rule: &Rule) -> String {
    match set.overridden.get(&rule.id) {
        Some(o) => o.to_string(),
        None if set.builtin_ids.contains(&rule.id) => "built-in".into(),
        None => format!("added by {}", rule.origin.file),
    }
}

/// One line of `rules list`.
#[derive(Clone, Debug, Serialize)]
pub struct RuleEntry {
    pub id: String,
    pub title: String,
    pub effect: Effect,
    pub effect_summary: String,
    pub source: String,
    /// `file:line`.
    pub origin: String,
    /// `built-in`, `added by <file>` or `replaced by <file>`.
    pub status: String,
}

/// A rule a pack turned off.
#[derive(Clone, Debug, Serialize)]
pub struct Disabled {
    pub id: String,
    pub by: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct RuleList {
    pub rules: Vec<RuleEntry>,
    pub disabled: Vec<Disabled>,
    /// The rule packs, as people read them.
    pub packs: String,
}

impl RuleList {
    pub fn new(set: &RuleSet, packs: String) -> RuleList {
        RuleList {
            rules: set
                .rules
                .iter()
                .map(|r| RuleEntry {
                    id: r.id.clone(),
                    title: r.title.clone(),
                    effect: r.effect.clone(),
                    effect_summary: r.effect.summary(),
                    source: r.source.clone(),
                    origin: r.origin.to_string(),
                    status: status(set, r),
                })
                .collect(),
            disabled: set
                .overridden
                .iter()
                .filter_map(|(id, o)| match o {
                    Override::Disabled(by) => Some(Disabled {
                        id: id.clone(),
                        by: by.clone(),
                    }),
                    Override::Replaced(_) => None,
                })
                .collect(),
            packs,
        }
    }
}

/// A limit a rule's condition reads, with its value and source.
#[derive(Clone, Debug, Serialize)]
pub struct LimitUse {
    pub name: String,
    pub value: f64,
    pub unit: String,
    pub source: String,
}

/// One example, as written.
#[derive(Clone, Debug, Serialize)]
pub struct ExampleDoc {
    /// The fields the example sets, in the order written.
    pub profile: crate::yaml::Node,
    pub fires: bool,
    /// `file:line`.
    pub at: String,
}

/// Everything `rules show` says about one rule.
#[derive(Clone, Debug, Serialize)]
pub struct RuleDoc {
    pub id: String,
    pub title: String,
    pub why: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub when_not: Option<String>,
    pub source: String,
    pub when: String,
    /// The fields the condition reads.
    pub reads: Vec<String>,
    pub limits: Vec<LimitUse>,
    pub effect: Effect,
    pub effect_summary: String,
    pub examples: Vec<ExampleDoc>,
    pub origin: String,
    pub status: String,
}

impl RuleDoc {
    pub fn new(set: &RuleSet, r: &Rule) -> RuleDoc {
        RuleDoc {
            id: r.id.clone(),
            title: r.title.clone(),
            why: r.why.trim().to_string(),
            when_not: r.when_not.as_ref().map(|s| s.trim().to_string()),
            source: r.source.clone(),
            when: r.when.trim().to_string(),
            reads: r.reads.clone(),
            limits: r
                .reads
                .iter()
                .filter_map(|p| p.strip_prefix("limits."))
                .filter_map(|name| {
                    set.limits.get(name).map(|l| LimitUse {
                        name: name.to_string(),
                        value: l.value,
                        unit: l.unit.clone(),
                        source: l.source.clone(),
                    })
                })
                .collect(),
            effect: r.effect.clone(),
            effect_summary: r.effect.summary(),
            examples: r
                .examples
                .iter()
                .map(|e| ExampleDoc {
                    profile: e.profile.clone(),
                    fires: e.fires,
                    at: format!("{}:{}", e.file, e.line),
                })
                .collect(),
            origin: r.origin.to_string(),
            status: status(set, r),
        }
    }
}
