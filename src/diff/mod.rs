//! `diff`: what a change to a profile does. Two full reports of one profile (base and head, each
//! built by the same path as `recommend`, waivers applied) compared field by field into a
//! serialisable [`DiffReport`]; the declared decision on each side is judged by `check`'s own
//! judgement ([`crate::check::judge::judge_evaluation`], of the evaluation the side's report
//! shows), so the two commands of one gate never disagree. The renderers in `render/diff_*` word it and decide nothing. No number is computed
//! here except the differences themselves.

pub mod gate;
pub mod source;

use crate::profile::{Locations, Profile};
use crate::report::{Report, Standing, Verdict};
use crate::systems::kafka::guidance::KafkaGuidance;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

pub use gate::{Gate, GateResult};

/// The JSON `schema_version` of the diff shape.
pub const DIFF_SCHEMA_VERSION: u32 = 1;

/// Adding partitions moves keys; removing them needs a new topic (Kafka has no way to reduce a
/// topic's partitions: KIP-694 proposes one and is still under discussion).
const SRC_NO_REDUCE: &str = "cwiki.apache.org/confluence/display/KAFKA/KIP-694 (under discussion): Kafka cannot reduce a topic's partitions; the topic is recreated";

/// Every profile compared, in path order.
#[derive(Clone, Debug, Serialize)]
pub struct DiffReport {
    pub schema_version: u32,
    /// What the base side was read from (`origin/main:profiles/`, a path).
    pub base: String,
    /// What the head side was read from.
    pub head: String,
    pub summary: Summary,
    /// The `--fail-on` gates and whether each fired; empty without `--fail-on`.
    pub gates: Vec<GateResult>,
    pub profiles: Vec<ProfileDiff>,
}

/// The counts over every profile.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Summary {
    pub profiles: usize,
    pub changed: usize,
    pub unchanged: usize,
    pub added: usize,
    pub removed: usize,
    /// Changes that cannot be undone, over every profile.
    pub irreversible: usize,
    /// Profiles whose recommendation changed or whose declared decision got a worse verdict.
    pub decision_flips: usize,
    /// Changes that let `check` pass more easily with the workload unchanged, over every profile.
    pub weakens_check: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Changed,
    Unchanged,
    Added,
    Removed,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Changed => "changed",
            Status::Unchanged => "unchanged",
            Status::Added => "added",
            Status::Removed => "removed",
        }
    }
}

/// A value on each side; `None` where that side does not have it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change<T> {
    pub before: Option<T>,
    pub after: Option<T>,
}

impl<T: PartialEq> Change<T> {
    pub fn new(before: Option<T>, after: Option<T>) -> Self {
        Change { before, after }
    }

    /// What `get` reads from each side there is.
    pub fn of<S>(before: Option<S>, after: Option<S>, get: impl Fn(S) -> T) -> Self {
        Change::new(before.map(&get), after.map(&get))
    }

    pub fn changed(&self) -> bool {
        self.before != self.after
    }
}

/// One profile, base against head.
#[derive(Clone, Debug, Serialize)]
pub struct ProfileDiff {
    /// The path the two sides were matched by.
    pub path: String,
    /// The profile's name (the head's, else the base's).
    pub profile: String,
    pub status: Status,
    /// The head file annotations point into; absent for a removed profile.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub head_file: Option<String>,
    /// What cannot be undone after merging, first because it matters most.
    pub irreversible: Vec<Irreversible>,
    /// What loosens the `check` gate itself (a waiver, a dropped decision, a higher budget, the
    /// profile removed): next, because the gate passing would no longer mean what it did.
    pub weakens_check: Vec<Weakening>,
    /// The profile fields whose value changed, with where they are in the head file.
    pub inputs: Vec<InputChange>,
    pub recommended: Change<String>,
    /// True when the recommendation changed or the declared decision's verdict got worse.
    pub decision_flip: bool,
    /// Every candidate on either side, head's ranking first.
    pub candidates: Vec<CandidateChange>,
    pub decision: DecisionChange,
    /// Kafka's sizing, when either side has it (Kafka recommended or declared).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kafka: Option<KafkaChange>,
    /// The other systems' computed figures that changed (Redis memory, BullMQ concurrency, …).
    pub sizing: Vec<FigureChange>,
    /// The suggested way to run the recommended system, priced per month.
    pub cost: CostChange,
    pub rules_started: Vec<RuleFiring>,
    pub rules_stopped: Vec<RuleFiring>,
}

/// A change that cannot be undone once merged and applied.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Irreversible {
    pub kind: IrreversibleKind,
    /// The main topics it concerns (their retry and DLQ topics follow them); none for the
    /// replication factor, which concerns every topic.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<String>,
    pub before: String,
    pub after: String,
    /// What happens, in one sentence.
    pub message: String,
    pub source: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IrreversibleKind {
    PartitionsIncreased,
    PartitionsDecreased,
    TopicRenamed,
    TopicRemoved,
    ReplicationFactorChanged,
}

/// A change to what `check` holds the profile to, not to the workload: after it `check` can
/// pass where it warned or failed before, so a reviewer must see it (and `--fail-on
/// weakens-check` can stop it).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Weakening {
    pub kind: WeakeningKind,
    /// The waived rule, for the waiver kinds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// What happens, in one sentence.
    pub message: String,
    /// Where it is in the head file; absent for a removed profile.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WeakeningKind {
    /// The profile is gone, so `check` no longer judges it.
    ProfileRemoved,
    /// `decision` is gone: `check` passes a profile without one (unless `--require-decision`).
    DecisionRemoved,
    /// A waiver for a rule the base did not waive.
    WaiverAdded,
    /// A waiver that now lasts longer, or no longer expires.
    WaiverExtended,
    /// `budget.monthly_usd` is higher, so fewer ways count as over budget.
    BudgetRaised,
    /// `budget.monthly_usd` is gone, so no budget rule can fire.
    BudgetRemoved,
}

/// One profile field that changed: `throughput.peak_per_sec` 400 → 1200.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct InputChange {
    /// Dotted path, as in `--set` and error messages.
    pub field: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    /// Where it is written in the head file (its nearest written parent when it is not).
    pub line: u32,
    pub column: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CandidateChange {
    pub id: String,
    pub name: String,
    pub verdict: Change<Verdict>,
    /// The word the views show (`behind` for a score, `discouraged` for a rule).
    pub standing: Change<Standing>,
    pub score: Change<i64>,
}

/// The declared decision and its verdict on each side, as `check` judges it: with the side's
/// waivers applied.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DecisionChange {
    pub decision: Change<String>,
    pub verdict: Change<Verdict>,
    /// The word the views show (`behind` for a score, `discouraged` for a rule).
    pub standing: Change<Standing>,
    /// The same without the side's waivers (equal to `standing` where it has none that apply).
    pub standing_without_waivers: Change<Standing>,
    /// What `check` makes of the profile on each side: `pass`, `warn` or `fail`.
    pub check: Change<crate::check::Status>,
    /// The side passes `check` only because of its waivers.
    pub passes_only_with_waivers: Change<bool>,
    /// The verdict got worse (viable → discouraged, …).
    pub worse: bool,
}

/// Kafka's topics, partitions, replication and storage on each side.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KafkaChange {
    pub partitions_per_topic: Change<u64>,
    /// Main topics on either side, head's order first.
    pub topics: Vec<TopicChange>,
    /// Main, retry and DLQ topics.
    pub topics_total: Change<u64>,
    pub partitions_total: Change<u64>,
    pub replication_factor: Change<u64>,
    /// One per consuming service.
    pub consumer_groups: Change<u64>,
    pub brokers: Change<u64>,
    pub retention_days: Change<f64>,
    /// Disk for the retention window: all copies, with headroom.
    pub storage_bytes: Change<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TopicChange {
    pub name: String,
    pub status: Status,
    /// The base name of a renamed topic.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renamed_from: Option<String>,
    pub partitions: Change<u64>,
}

/// One figure of a system's guidance (see [`crate::guidance::Figure`]).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FigureChange {
    pub system: String,
    pub key: String,
    pub label: String,
    pub unit: String,
    pub value: Change<f64>,
}

/// The priced suggestion for the recommended system on each side.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CostChange {
    pub before: Option<CostPick>,
    pub after: Option<CostPick>,
    /// after − before, when both sides are priced.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change_usd: Option<f64>,
    /// The change as a percentage of before, when before is above zero.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change_pct: Option<f64>,
}

impl CostChange {
    /// The monthly cost on each side.
    pub fn monthly(&self) -> Change<f64> {
        Change::of(self.before.as_ref(), self.after.as_ref(), |p| p.monthly_usd)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CostPick {
    pub system: String,
    pub option: String,
    pub name: String,
    pub monthly_usd: f64,
}

/// A rule that fired on one side only, and the candidates it touched there.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RuleFiring {
    pub rule: String,
    pub candidates: Vec<String>,
}

/// One side of a profile: the file as read, the loaded profile, its full report and what
/// `check` makes of it.
pub struct Side<'a> {
    pub file: &'a str,
    pub profile: &'a Profile,
    pub locations: &'a Locations,
    pub report: &'a Report,
    pub check: &'a crate::check::ProfileCheck,
}

/// Sources the irreversible changes cite, from the rule set in force.
pub struct Sources {
    pub replication_factor: String,
}

impl Sources {
    pub fn of(rules: &crate::engine::RuleSet) -> Sources {
        Sources {
            replication_factor: rules
                .limits
                .get("kafka_replication_factor")
                .map(|l| l.source.clone())
                // Only a broken built-in rule set lacks the limit.
                .unwrap_or_default(),
        }
    }
}

/// Compares the two sides of the profile matched at `path`; either may be absent.
pub fn compare(
    path: &str,
    base: Option<&Side>,
    head: Option<&Side>,
    sources: &Sources,
) -> ProfileDiff {
    let (b, h) = (base.map(|s| s.report), head.map(|s| s.report));
    let inputs = match (base, head) {
        (Some(b), Some(h)) => inputs(b.profile, h.profile, h.locations),
        _ => Vec::new(),
    };
    let recommended = Change::of(b, h, |r| r.recommended.clone());
    let decision = decision(base.map(|s| s.check), head.map(|s| s.check));
    let (bk, hk) = (
        b.and_then(|r| r.kafka.as_ref()),
        h.and_then(|r| r.kafka.as_ref()),
    );
    let kafka = kafka(bk, hk);
    let irreversible = match (bk, hk, &kafka) {
        (Some(bk), Some(hk), Some(k)) => irreversible(bk, hk, k, sources),
        _ => Vec::new(),
    };
    let (rules_started, rules_stopped) = firings(b, h);
    let weakens_check = weakenings(base, head, &decision);
    let both = b.is_some() && h.is_some();
    let decision_flip = both && (recommended.changed() || decision.worse);
    let status = match (b, h) {
        (None, _) => Status::Added,
        (_, None) => Status::Removed,
        (Some(br), Some(hr)) => {
            let same =
                inputs.is_empty() && serde_json::to_value(br).ok() == serde_json::to_value(hr).ok();
            if same {
                Status::Unchanged
            } else {
                Status::Changed
            }
        }
    };
    ProfileDiff {
        path: path.to_string(),
        profile: h.or(b).map(|r| r.profile.clone()).unwrap_or_default(),
        status,
        head_file: head.map(|s| s.file.to_string()),
        irreversible,
        weakens_check,
        inputs,
        recommended,
        decision_flip,
        candidates: candidates(b, h),
        decision,
        kafka,
        sizing: sizing(b, h),
        cost: cost(b, h),
        rules_started,
        rules_stopped,
    }
}

/// The report of every profile, with the summary counted and the gates judged.
pub fn report(
    base: String,
    head: String,
    profiles: Vec<ProfileDiff>,
    gates: &[Gate],
) -> DiffReport {
    let mut summary = Summary {
        profiles: profiles.len(),
        ..Summary::default()
    };
    for p in &profiles {
        match p.status {
            Status::Changed => summary.changed += 1,
            Status::Unchanged => summary.unchanged += 1,
            Status::Added => summary.added += 1,
            Status::Removed => summary.removed += 1,
        }
        summary.irreversible += p.irreversible.len();
        summary.decision_flips += usize::from(p.decision_flip);
        summary.weakens_check += p.weakens_check.len();
    }
    let gates = gate::judge(gates, &profiles);
    DiffReport {
        schema_version: DIFF_SCHEMA_VERSION,
        base,
        head,
        summary,
        gates,
        profiles,
    }
}

impl DiffReport {
    /// 1 when a `--fail-on` gate fired, else 0.
    pub fn exit_code(&self) -> u8 {
        if self.gates.iter().any(|g| g.fired) {
            crate::EXIT_FAIL
        } else {
            crate::EXIT_OK
        }
    }
}

/// Every leaf of the profile as its dotted path (`events[0].key`), the way `Locations` and
/// `--set` name fields; defaults included, so writing out a default is no change.
fn leaves(profile: &Profile) -> BTreeMap<String, serde_json::Value> {
    fn walk(v: serde_json::Value, path: String, out: &mut BTreeMap<String, serde_json::Value>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, v) in m {
                    let p = if path.is_empty() {
                        k
                    } else {
                        format!("{path}.{k}")
                    };
                    walk(v, p, out);
                }
            }
            serde_json::Value::Array(a) if !a.is_empty() => {
                for (i, v) in a.into_iter().enumerate() {
                    walk(v, format!("{path}[{i}]"), out);
                }
            }
            v => {
                out.insert(path, v);
            }
        }
    }
    let mut out = BTreeMap::new();
    if let Ok(v) = serde_json::to_value(profile) {
        walk(v, String::new(), &mut out);
    }
    out
}

fn inputs(base: &Profile, head: &Profile, at: &Locations) -> Vec<InputChange> {
    let (b, h) = (leaves(base), leaves(head));
    let fields: BTreeSet<&String> = b.keys().chain(h.keys()).collect();
    let mut out: Vec<InputChange> = fields
        .into_iter()
        .filter(|f| b.get(*f) != h.get(*f))
        .map(|f| {
            let loc = at.of(f);
            InputChange {
                field: f.clone(),
                before: b.get(f).cloned(),
                after: h.get(f).cloned(),
                line: loc.line,
                column: loc.col,
            }
        })
        .collect();
    // In file order, as a reviewer reads the change.
    out.sort_by(|x, y| (x.line, x.column, &x.field).cmp(&(y.line, y.column, &y.field)));
    out
}

/// What the head loosens in the gate that judges the base; empty for an added profile, which
/// the gate judges for the first time.
fn weakenings(
    base: Option<&Side>,
    head: Option<&Side>,
    decision: &DecisionChange,
) -> Vec<Weakening> {
    let Some(b) = base else {
        return Vec::new();
    };
    // `kafka` was behind: the base's verdict on the decision the head no longer has checked.
    let was = |d: &str| match decision.standing.before {
        Some(s) => format!("`{d}` was {}", s.as_str()),
        None => format!("`{d}` was not a candidate"),
    };
    let Some(h) = head else {
        let judged = match &b.profile.decision {
            Some(d) => format!("its decision {}", was(d)),
            None => "it had no decision".to_string(),
        };
        return vec![Weakening {
            kind: WeakeningKind::ProfileRemoved,
            rule: None,
            message: format!("the profile is removed, so `check` no longer judges it; {judged}"),
            line: None,
            column: None,
        }];
    };
    let at = |path: &str| h.locations.of(path);
    let mut out = Vec::new();
    let mut push = |kind, rule: Option<&str>, message: String, path: &str| {
        let loc = at(path);
        out.push(Weakening {
            kind,
            rule: rule.map(str::to_string),
            message,
            line: Some(loc.line),
            column: Some(loc.col),
        });
    };
    if let (Some(d), None) = (&b.profile.decision, &h.profile.decision) {
        push(
            WeakeningKind::DecisionRemoved,
            None,
            format!(
                "`decision: {d}` is removed, and `check` passes a profile without a decision (unless run with --require-decision); {}",
                was(d)
            ),
            "decision",
        );
    }
    // Waivers by rule: a YYYY-MM-DD date orders as text, and no date outlasts any date.
    let until = |e: &Option<String>| {
        e.as_deref().map_or_else(
            || "with no expiry date".to_string(),
            |d| format!("until {d}"),
        )
    };
    for (i, w) in h.profile.waivers.iter().enumerate() {
        // The rule's line: a waiver's own path is not located, its fields are.
        let path = format!("waivers[{i}].rule");
        match b.profile.waivers.iter().find(|x| x.rule == w.rule) {
            None => push(
                WeakeningKind::WaiverAdded,
                Some(&w.rule),
                format!(
                    "a waiver of `{}` is added, {}: `check` stops counting that rule against the decision",
                    w.rule,
                    until(&w.expires)
                ),
                &path,
            ),
            Some(old) => {
                let longer = match (&old.expires, &w.expires) {
                    (Some(_), None) => true,
                    (Some(x), Some(y)) => y > x,
                    (None, _) => false,
                };
                if longer {
                    push(
                        WeakeningKind::WaiverExtended,
                        Some(&w.rule),
                        format!(
                            "the waiver of `{}` now lasts {} (was {})",
                            w.rule,
                            until(&w.expires),
                            until(&old.expires)
                        ),
                        &path,
                    );
                }
            }
        }
    }
    let usd = |v: f64| format!("${}", crate::units::num(v));
    match (b.profile.budget.monthly_usd, h.profile.budget.monthly_usd) {
        (Some(x), Some(y)) if y > x => push(
            WeakeningKind::BudgetRaised,
            None,
            format!(
                "the infrastructure budget rises from {} to {} a month, so fewer ways count as over budget",
                usd(x),
                usd(y)
            ),
            "budget.monthly_usd",
        ),
        (Some(x), None) => push(
            WeakeningKind::BudgetRemoved,
            None,
            format!(
                "the infrastructure budget of {} a month is removed, so no budget rule can fire",
                usd(x)
            ),
            "budget",
        ),
        _ => {}
    }
    out
}

fn candidates(b: Option<&Report>, h: Option<&Report>) -> Vec<CandidateChange> {
    let mut ids: Vec<&str> = Vec::new();
    for r in [h, b].into_iter().flatten() {
        for c in &r.candidates {
            if !ids.contains(&c.id.as_str()) {
                ids.push(&c.id);
            }
        }
    }
    ids.into_iter()
        .map(|id| {
            let (bc, hc) = (
                b.and_then(|r| r.candidate(id)),
                h.and_then(|r| r.candidate(id)),
            );
            CandidateChange {
                id: id.to_string(),
                name: hc.or(bc).map(|c| c.name.clone()).unwrap_or_default(),
                verdict: Change::of(bc, hc, |c| c.verdict),
                standing: Change::of(bc, hc, |c| c.standing),
                score: Change::of(bc, hc, |c| c.score),
            }
        })
        .collect()
}

/// The decision on each side, from `check`'s judgement of that side (one judgement for both
/// commands: waivers, expiry and all).
fn decision(
    b: Option<&crate::check::ProfileCheck>,
    h: Option<&crate::check::ProfileCheck>,
) -> DecisionChange {
    use crate::check::ProfileCheck;
    // Each side's value, where that side declares a decision.
    fn each<T: PartialEq>(
        b: Option<&ProfileCheck>,
        h: Option<&ProfileCheck>,
        get: impl Fn(&ProfileCheck) -> Option<T>,
    ) -> Change<T> {
        let side = |c: Option<&ProfileCheck>| c.filter(|c| c.decision.is_some()).and_then(&get);
        Change::new(side(b), side(h))
    }
    let verdict = each(b, h, |c| c.verdict);
    let worse = matches!((verdict.before, verdict.after), (Some(x), Some(y)) if y > x);
    DecisionChange {
        decision: each(b, h, |c| c.decision.clone()),
        verdict,
        standing: each(b, h, |c| c.standing),
        standing_without_waivers: each(b, h, |c| c.standing_without_waivers.or(c.standing)),
        check: Change::of(b, h, |c| c.status),
        passes_only_with_waivers: each(b, h, |c| Some(c.passes_only_with_waivers())),
        worse,
    }
}

fn kafka(b: Option<&KafkaGuidance>, h: Option<&KafkaGuidance>) -> Option<KafkaChange> {
    if b.is_none() && h.is_none() {
        return None;
    }
    let names = |k: Option<&KafkaGuidance>| -> Vec<String> {
        k.map(|k| k.topics.iter().map(|t| t.name.clone()).collect())
            .unwrap_or_default()
    };
    let (bn, hn) = (names(b), names(h));
    let parts = |k: Option<&KafkaGuidance>, name: &str| {
        k.and_then(|k| k.topics.iter().find(|t| t.name == name))
            .map(|t| t.partitions)
    };
    // A topic is renamed when its place in the events list holds another name and the list
    // kept its length: the same event, spelled differently. Otherwise it was added or removed.
    let renamed: BTreeMap<&str, &str> = if b.is_some() && h.is_some() && bn.len() == hn.len() {
        bn.iter()
            .zip(&hn)
            .filter(|(x, y)| x != y && !hn.contains(x) && !bn.contains(y))
            .map(|(x, y)| (y.as_str(), x.as_str()))
            .collect()
    } else {
        BTreeMap::new()
    };
    let mut topics: Vec<TopicChange> = hn
        .iter()
        .map(|n| {
            let from = renamed.get(n.as_str()).map(|s| s.to_string());
            let in_base = bn.contains(n);
            let status = match (&from, in_base) {
                (Some(_), _) => Status::Changed,
                (None, true) if parts(b, n) == parts(h, n) => Status::Unchanged,
                (None, true) => Status::Changed,
                (None, false) => Status::Added,
            };
            TopicChange {
                name: n.clone(),
                status,
                partitions: Change::new(parts(b, from.as_deref().unwrap_or(n)), parts(h, n)),
                renamed_from: from,
            }
        })
        .collect();
    let gone = bn
        .iter()
        .filter(|n| !hn.contains(n) && !renamed.values().any(|v| v == n));
    for n in gone {
        topics.push(TopicChange {
            name: n.clone(),
            status: Status::Removed,
            renamed_from: None,
            partitions: Change::new(parts(b, n), None),
        });
    }
    Some(KafkaChange {
        partitions_per_topic: Change::of(b, h, |k| k.partitions.count),
        topics,
        topics_total: Change::of(b, h, |k| k.partition_budget.topics),
        partitions_total: Change::of(b, h, |k| k.partition_budget.partitions),
        replication_factor: Change::of(b, h, |k| k.replication_factor),
        consumer_groups: Change::of(b, h, |k| k.consumer_groups.count),
        brokers: Change::of(b, h, |k| k.partition_budget.brokers),
        retention_days: Change::of(b, h, |k| k.retention.days),
        storage_bytes: Change::of(b, h, |k| k.retention.bytes_total),
    })
}

fn irreversible(
    b: &KafkaGuidance,
    h: &KafkaGuidance,
    k: &KafkaChange,
    sources: &Sources,
) -> Vec<Irreversible> {
    let mut out = Vec::new();
    // Topics whose partition count moves the same way, together: they share one count.
    let mut moved: Vec<((u64, u64), Vec<String>)> = Vec::new();
    for t in &k.topics {
        if t.status == Status::Removed {
            out.push(Irreversible {
                kind: IrreversibleKind::TopicRemoved,
                topics: vec![t.name.clone()],
                before: t.name.clone(),
                after: String::new(),
                message: format!(
                    "topic `{}` is no longer in the profile: a created topic stays until someone deletes it, with its data, and its consumers must move",
                    t.name
                ),
                source: crate::systems::kafka::naming::SRC_KARAFKA_NAMES.to_string(),
            });
        }
        if let Some(from) = &t.renamed_from {
            out.push(Irreversible {
                kind: IrreversibleKind::TopicRenamed,
                topics: vec![t.name.clone()],
                before: from.clone(),
                after: t.name.clone(),
                message: format!(
                    "topic `{from}` becomes `{}`: a topic cannot be renamed; this is a new topic (with its retry and DLQ topics) that producers and consumers must move to",
                    t.name
                ),
                source: crate::systems::kafka::naming::SRC_KARAFKA_NAMES.to_string(),
            });
        }
        // A renamed topic is a new topic: its partition count is not a change to an old one.
        if let (Some(before), Some(after)) = (t.partitions.before, t.partitions.after)
            && before != after
            && t.renamed_from.is_none()
        {
            match moved.iter_mut().find(|m| m.0 == (before, after)) {
                Some(m) => m.1.push(t.name.clone()),
                None => moved.push(((before, after), vec![t.name.clone()])),
            }
        }
    }
    for ((before, after), topics) in moved {
        let names = topics
            .iter()
            .map(|t| format!("`{t}`"))
            .collect::<Vec<_>>()
            .join(", ");
        out.push(if after > before {
            Irreversible {
                kind: IrreversibleKind::PartitionsIncreased,
                before: before.to_string(),
                after: after.to_string(),
                message: format!(
                    "partitions of {names} (and their retry and DLQ topics) go from {before} to {after}: adding partitions moves keys (hash(key) % N), so per-key order breaks across the change, and they can never be removed"
                ),
                source: crate::systems::kafka::guidance::SRC_MOVES_KEYS.to_string(),
                topics,
            }
        } else {
            Irreversible {
                kind: IrreversibleKind::PartitionsDecreased,
                before: before.to_string(),
                after: after.to_string(),
                message: format!(
                    "partitions of {names} go from {before} to {after}: Kafka cannot remove partitions; existing topics keep {before}, or are recreated and their consumers moved"
                ),
                source: SRC_NO_REDUCE.to_string(),
                topics,
            }
        });
    }
    if b.replication_factor != h.replication_factor {
        out.push(Irreversible {
            kind: IrreversibleKind::ReplicationFactorChanged,
            topics: Vec::new(),
            before: b.replication_factor.to_string(),
            after: h.replication_factor.to_string(),
            message: format!(
                "the replication factor goes from {} to {}: it is set when a topic is created; existing topics change only by a partition reassignment of every partition",
                b.replication_factor, h.replication_factor
            ),
            source: sources.replication_factor.clone(),
        });
    }
    out
}

fn sizing(b: Option<&Report>, h: Option<&Report>) -> Vec<FigureChange> {
    type Figures<'a> = Vec<(&'a str, &'a crate::guidance::Figure)>;
    // Kafka's own figures are compared in `kafka`, topic by topic.
    fn figures(r: Option<&Report>) -> Figures<'_> {
        r.map(|r| {
            r.guidance
                .iter()
                .filter(|g| g.system != "kafka")
                .flat_map(|g| g.figures.iter().map(move |f| (g.system.as_str(), f)))
                .collect()
        })
        .unwrap_or_default()
    }
    fn find<'a>(v: &Figures<'a>, s: &str, k: &str) -> Option<&'a crate::guidance::Figure> {
        v.iter()
            .find(|(sys, f)| *sys == s && f.key == k)
            .map(|x| x.1)
    }
    let (bf, hf) = (figures(b), figures(h));
    // In the guidance's own order: the head's figures, then those only the base had.
    let only_base = bf.iter().filter(|(s, f)| find(&hf, s, &f.key).is_none());
    hf.iter()
        .chain(only_base)
        .filter_map(|(system, f)| {
            let (x, y) = (find(&bf, system, &f.key), find(&hf, system, &f.key));
            let value = Change::of(x, y, |f| f.value);
            value.changed().then(|| FigureChange {
                system: system.to_string(),
                key: f.key.clone(),
                label: f.label.clone(),
                unit: f.unit.clone(),
                value,
            })
        })
        .collect()
}

/// The suggested way to run the recommended system, as the cost summary names it.
fn pick(r: &Report) -> Option<CostPick> {
    let s = r
        .cost_summary
        .systems
        .iter()
        .find(|s| s.system == r.recommended)?;
    let o = r.suggested(s)?;
    Some(CostPick {
        system: o.system.clone(),
        option: o.option.clone(),
        name: o.name.clone(),
        monthly_usd: o.monthly_usd,
    })
}

fn cost(b: Option<&Report>, h: Option<&Report>) -> CostChange {
    let (before, after) = (b.and_then(pick), h.and_then(pick));
    let change_usd = match (&before, &after) {
        (Some(x), Some(y)) => Some(y.monthly_usd - x.monthly_usd),
        _ => None,
    };
    let change_pct = match (&before, change_usd) {
        (Some(x), Some(d)) if x.monthly_usd > 0.0 => Some(d / x.monthly_usd * 100.0),
        _ => None,
    };
    CostChange {
        before,
        after,
        change_usd,
        change_pct,
    }
}

fn fired(r: Option<&Report>) -> BTreeMap<&str, BTreeSet<&str>> {
    let mut out: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for c in r.iter().flat_map(|r| &r.candidates) {
        for reason in &c.reasons {
            out.entry(reason.rule.as_str()).or_default().insert(&c.id);
        }
    }
    out
}

fn firings(b: Option<&Report>, h: Option<&Report>) -> (Vec<RuleFiring>, Vec<RuleFiring>) {
    if b.is_none() || h.is_none() {
        return (Vec::new(), Vec::new());
    }
    let (bf, hf) = (fired(b), fired(h));
    // A waived rule still fires; only its effects are left out. It did not start or stop when
    // the other side waives it (the waiver is listed under `weakens_check`).
    let waived = |r: Option<&Report>| -> BTreeSet<String> {
        r.map(|r| crate::waiver::applied(&r.waivers))
            .unwrap_or_default()
    };
    let (bw, hw) = (waived(b), waived(h));
    let only = |x: &BTreeMap<&str, BTreeSet<&str>>,
                y: &BTreeMap<&str, BTreeSet<&str>>,
                y_waived: &BTreeSet<String>| {
        x.iter()
            .filter(|(rule, _)| !y.contains_key(*rule) && !y_waived.contains(**rule))
            .map(|(rule, cands)| RuleFiring {
                rule: rule.to_string(),
                candidates: cands.iter().map(|c| c.to_string()).collect(),
            })
            .collect()
    };
    (only(&hf, &bf, &bw), only(&bf, &hf, &hw))
}
