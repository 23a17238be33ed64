//! The `explain` model: everything behind one recommendation, as data. The derived values; each
//! rule in evaluation order with whether it fired, the values its condition saw and its effect;
//! the score arithmetic of every candidate (base + each change = total); why the winner won and
//! by how much; and the flip points. The renderers in `render::explain` only lay it out.

use crate::config::Packs;
use crate::engine::{Effect, Evaluation, RuleSet};
use crate::flip::FlipPoint;
use crate::profile::{Derived, Profile};
use crate::report::{CandidateReport, Standing, Verdict};
use crate::waiver::WaiverNote;
use crate::whatif::Setting;
use serde::Serialize;
use serde_json::Value as Json;
use std::collections::{BTreeMap, BTreeSet};

/// The JSON `schema_version` of this shape.
pub const EXPLAIN_SCHEMA_VERSION: u32 = 1;

#[derive(Clone, Debug, Serialize)]
pub struct Explanation {
    pub schema_version: u32,
    pub profile: String,
    /// The file the profile was read from (`<stdin>` for `-`).
    pub file: String,
    pub recommended: String,
    pub rule_packs: Packs,
    /// `--set` changes applied over the file.
    pub what_if: Vec<Setting>,
    /// The profile's waivers and what became of each; absent when it has none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub waivers: Vec<WaiverNote>,
    /// What no pick can give (as in `recommend`'s `findings`), said before the trace.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<crate::report::Warning>,
    /// Each derived quantity as rules read it (`derived.<name>`), with a readable form.
    pub derived: Vec<DerivedValue>,
    /// Every rule, in evaluation order.
    pub rules: Vec<RuleStep>,
    /// Every candidate's score arithmetic, best first.
    pub scores: Vec<ScoreSheet>,
    pub decision: Decision,
    pub flip_points: Vec<FlipPoint>,
}

#[derive(Clone, Debug, Serialize)]
pub struct DerivedValue {
    /// As a condition reads it: `derived.peak_bytes_per_sec`.
    pub name: String,
    pub value: Json,
    /// The value for people: `585.9 KiB/s`.
    pub shown: String,
    pub meaning: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct RuleStep {
    pub id: String,
    pub title: String,
    pub fired: bool,
    /// It fired, but a waiver took its effects away.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub waived: bool,
    /// The values the condition read, by path.
    pub saw: BTreeMap<String, Json>,
    /// The condition as written.
    pub when: String,
    pub effect: Effect,
    /// The effect in a few words: `kafka -30; exclude redis-pubsub`.
    pub effect_summary: String,
    /// `file:line` of the rule.
    pub origin: String,
    /// "replaced by <file>" when a pack changed the rule.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changed: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ScoreSheet {
    pub id: String,
    pub name: String,
    pub base: i64,
    /// Each score change, in evaluation order.
    pub steps: Vec<ScoreStep>,
    pub total: i64,
    pub verdict: Verdict,
    /// The verdict in the word every view shows (`behind` for a score, `discouraged` for a rule).
    pub standing: Standing,
    pub verdict_reason: String,
    /// Rules that knocked it out.
    pub excluded_by: Vec<String>,
    /// Rules that rank it below every candidate no rule discouraged.
    pub discouraged_by: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ScoreStep {
    pub rule: String,
    pub delta: i64,
}

/// Why the winner won, and by how much.
#[derive(Clone, Debug, Serialize)]
pub struct Decision {
    pub winner: String,
    pub score: i64,
    /// The next candidate in the ranking that is not excluded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub runner_up: Option<String>,
    /// Winner's score minus the runner-up's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub margin: Option<i64>,
    /// The rules that make the difference between the two, largest first.
    pub differences: Vec<Difference>,
    /// The same, in sentences.
    pub sentences: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Difference {
    pub rule: String,
    /// The rule's score change for the winner.
    pub winner: i64,
    /// The rule's score change for the runner-up.
    pub runner_up: i64,
    /// winner − runner_up: what this rule adds to the margin.
    pub net: i64,
}

/// What each derived quantity means. Its unit is in its name: `…_bytes_per_sec` a rate of bytes,
/// `…_bytes` bytes, any other number a count.
const DERIVED: &[(&str, &str)] = &[
    ("peak_bytes_per_sec", "bytes per second at peak"),
    ("avg_bytes_per_sec", "bytes per second on average"),
    (
        "consumers_needed",
        "consumers one group needs to keep up at peak",
    ),
    (
        "retention_seconds",
        "the replay window in seconds (0 without replay)",
    ),
    (
        "retained_bytes",
        "bytes retained for the replay window, one copy",
    ),
    ("messages_per_day", "messages on an average day"),
    (
        "redis_stream_bytes",
        "RAM a Redis stream needs for the replay window",
    ),
    (
        "redis_stream_entry_bytes",
        "RAM one stream entry takes, overhead included (measured model, limits.yaml)",
    ),
    (
        "job_features",
        "the workload needs delays, priorities, rate limits or schedules",
    ),
    (
        "peak_per_sec_grown",
        "messages per second at peak after growth",
    ),
    (
        "peak_bytes_per_sec_grown",
        "bytes per second at peak after growth",
    ),
    (
        "consumers_needed_grown",
        "consumers one group needs at peak after growth",
    ),
    (
        "retained_bytes_grown",
        "bytes retained for the replay window after growth",
    ),
    (
        "messages_per_day_grown",
        "messages on an average day after growth",
    ),
    (
        "redis_stream_bytes_grown",
        "RAM a Redis stream needs for the window after growth",
    ),
    (
        "backlog_bytes",
        "payload queued while consumers are stalled (consumers.max_stall_minutes; 0 unset)",
    ),
    (
        "backlog_bytes_grown",
        "payload queued during a stall after growth",
    ),
];

/// What one run of `explain` needs to build its model.
pub struct Inputs<'a> {
    pub rules: &'a RuleSet,
    pub profile: &'a Profile,
    pub file: &'a str,
    pub eval: &'a Evaluation,
    pub packs: Packs,
    pub what_if: Vec<Setting>,
    pub flip_points: Vec<FlipPoint>,
    /// The profile's waivers and the rules whose waivers applied (see [`crate::waiver`]).
    pub waivers: Vec<WaiverNote>,
    pub waived: &'a BTreeSet<String>,
}

impl Explanation {
    pub fn new(i: Inputs) -> Explanation {
        let (rules, eval) = (i.rules, i.eval);
        // A waived rule fired, but counts as if it had not.
        let fired: BTreeMap<&str, bool> = eval
            .trace
            .iter()
            .map(|t| (t.rule.as_str(), t.fired && !i.waived.contains(&t.rule)))
            .collect();
        let steps: Vec<RuleStep> = rules
            .rules
            .iter()
            .zip(&eval.trace)
            .map(|(r, t)| RuleStep {
                id: r.id.clone(),
                title: r.title.clone(),
                fired: t.fired,
                waived: t.fired && i.waived.contains(&t.rule),
                saw: t.saw.clone(),
                when: r.when.trim().to_string(),
                effect: r.effect.clone(),
                effect_summary: r.effect.summary(),
                origin: r.origin.to_string(),
                changed: rules
                    .overridden
                    .get(&r.id)
                    .filter(|o| matches!(o, crate::engine::Override::Replaced(_)))
                    .map(ToString::to_string),
            })
            .collect();
        let scores: Vec<ScoreSheet> = eval
            .ranking
            .iter()
            .map(|c| score_sheet(rules, &fired, c))
            .collect();
        let decision = decide(rules, &scores);
        Explanation {
            schema_version: EXPLAIN_SCHEMA_VERSION,
            profile: i.profile.name.clone(),
            file: i.file.to_string(),
            recommended: eval.recommended().id.clone(),
            rule_packs: i.packs,
            what_if: i.what_if,
            waivers: i.waivers,
            findings: eval.findings.clone(),
            derived: derived_values(&eval.derived),
            rules: steps,
            scores,
            decision,
            flip_points: i.flip_points,
        }
    }
}

fn derived_values(d: &Derived) -> Vec<DerivedValue> {
    let json = serde_json::to_value(d).expect("derived values serialise");
    DERIVED
        .iter()
        .map(|(name, meaning)| {
            let value = json.get(*name).cloned().unwrap_or(Json::Null);
            let shown = match value.as_f64() {
                Some(v) if name.contains("bytes_per_sec") => {
                    format!("{}/s", crate::units::bytes(v))
                }
                Some(v) if name.contains("bytes") => crate::units::bytes(v),
                Some(v) => crate::units::num(v),
                None => show_json(&value),
            };
            DerivedValue {
                name: format!("derived.{name}"),
                value,
                shown,
                meaning: meaning.to_string(),
            }
        })
        .collect()
}

/// A value a condition saw, for people: numbers with separators, strings bare, lists in brackets.
pub fn show_json(v: &Json) -> String {
    match v {
        Json::Null => "(not set)".into(),
        Json::Number(n) => n.as_f64().map_or(n.to_string(), crate::units::num),
        Json::String(s) => s.clone(),
        Json::Array(items) => format!(
            "[{}]",
            items.iter().map(show_json).collect::<Vec<_>>().join(", ")
        ),
        other => other.to_string(),
    }
}

fn score_sheet(rules: &RuleSet, fired: &BTreeMap<&str, bool>, c: &CandidateReport) -> ScoreSheet {
    let base = rules.candidate(&c.id).map_or(0, |k| k.base_score);
    let mut steps = Vec::new();
    let (mut excluded_by, mut discouraged_by) = (Vec::new(), Vec::new());
    for r in rules
        .rules
        .iter()
        .filter(|r| fired.get(r.id.as_str()) == Some(&true))
    {
        if let Some(d) = r.effect.score.get(&c.id) {
            steps.push(ScoreStep {
                rule: r.id.clone(),
                delta: *d,
            });
        }
        if r.effect.exclude.contains(&c.id) {
            excluded_by.push(r.id.clone());
        }
        if r.effect.discourage.contains(&c.id) {
            discouraged_by.push(r.id.clone());
        }
    }
    let total = base + steps.iter().map(|s| s.delta).sum::<i64>();
    debug_assert_eq!(
        total, c.score,
        "the arithmetic adds up to the ranking's score"
    );
    ScoreSheet {
        id: c.id.clone(),
        name: c.name.clone(),
        base,
        steps,
        total,
        verdict: c.verdict,
        standing: c.standing,
        verdict_reason: c.verdict_reason.clone(),
        excluded_by,
        discouraged_by,
    }
}

fn decide(rules: &RuleSet, scores: &[ScoreSheet]) -> Decision {
    let top = &scores[0];
    let simplicity = |id: &str| rules.candidate(id).map_or(0, |c| c.simplicity);
    let mut sentences = vec![format!(
        "{} is recommended with {} points.",
        top.name, top.total
    )];
    let runner = scores[1..].iter().find(|c| c.excluded_by.is_empty());
    let mut differences = Vec::new();
    match runner {
        None => sentences.push("Every other candidate is excluded by a rule.".into()),
        Some(r) => {
            let margin = top.total - r.total;
            let budget_only = !top.discouraged_by.is_empty()
                && top
                    .discouraged_by
                    .iter()
                    .all(|id| rules.rules.iter().any(|r| r.id == *id && r.effect.budget));
            sentences.push(if budget_only {
                format!(
                    "Nothing that meets the requirements fits the budget ({}): it is the cheapest of the candidates that do; a candidate a requirement rule discourages never wins on price.",
                    top.discouraged_by.join(", ")
                )
            } else if !top.discouraged_by.is_empty() {
                format!(
                    "It ranks first although a rule discourages it ({}), because every candidate ahead of it is excluded; {} ({}) is discouraged too.",
                    top.discouraged_by.join(", "),
                    r.name,
                    r.total
                )
            } else if margin > 0 {
                format!(
                    "It leads {} ({}), the next candidate not excluded, by {margin} points.",
                    r.name, r.total
                )
            } else if margin == 0 {
                format!(
                    "It ties with {} at {} points; the tie goes to the simpler system to operate (simplicity {} against {}).",
                    r.name,
                    r.total,
                    simplicity(&top.id),
                    simplicity(&r.id)
                )
            } else {
                format!(
                    "{} scores {} more ({}) but a rule discourages it ({}), which ranks it below every candidate no rule discouraged.",
                    r.name,
                    -margin,
                    r.total,
                    r.discouraged_by.join(", ")
                )
            });
            let delta = |s: &ScoreSheet, rule: &str| {
                s.steps
                    .iter()
                    .filter(|x| x.rule == rule)
                    .map(|x| x.delta)
                    .sum::<i64>()
            };
            let mut ids: Vec<&str> = Vec::new();
            for s in top.steps.iter().chain(&r.steps) {
                if !ids.contains(&s.rule.as_str()) {
                    ids.push(&s.rule);
                }
            }
            differences = ids
                .into_iter()
                .map(|id| Difference {
                    rule: id.to_string(),
                    winner: delta(top, id),
                    runner_up: delta(r, id),
                    net: delta(top, id) - delta(r, id),
                })
                .filter(|d| d.net != 0)
                .collect();
            // Biggest contributions first; ties in evaluation order (the sort is stable).
            differences.sort_by_key(|d| -d.net.abs());
            if !differences.is_empty() {
                let shown: Vec<String> = differences
                    .iter()
                    .take(5)
                    .map(|d| {
                        format!(
                            "{} ({} against {}: {:+})",
                            d.rule,
                            signed(d.winner),
                            signed(d.runner_up),
                            d.net
                        )
                    })
                    .collect();
                let more = differences.len().saturating_sub(5);
                sentences.push(format!(
                    "The difference from {} comes from: {}{}.",
                    r.name,
                    shown.join("; "),
                    if more > 0 {
                        format!("; and {more} smaller")
                    } else {
                        String::new()
                    }
                ));
            }
            if top.base != r.base {
                sentences.push(format!(
                    "Their base scores differ: {} against {}.",
                    top.base, r.base
                ));
            }
        }
    }
    for c in &scores[1..] {
        if c.total > top.total && !c.excluded_by.is_empty() {
            sentences.push(format!(
                "{} scores higher ({}) but is excluded: {}.",
                c.name, c.total, c.verdict_reason
            ));
        } else if c.total > top.total
            && !c.discouraged_by.is_empty()
            && Some(c.id.as_str()) != runner.map(|r| r.id.as_str())
        {
            sentences.push(format!(
                "{} scores higher ({}) but is discouraged: {}.",
                c.name, c.total, c.verdict_reason
            ));
        }
    }
    Decision {
        winner: top.id.clone(),
        score: top.total,
        runner_up: runner.map(|r| r.id.clone()),
        margin: runner.map(|r| top.total - r.total),
        differences,
        sentences,
    }
}

/// A score change for prose: `+25`, `-20`, `0`.
fn signed(d: i64) -> String {
    if d == 0 { "0".into() } else { format!("{d:+}") }
}
