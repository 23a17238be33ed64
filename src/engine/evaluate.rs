//! Evaluating a profile: every rule's condition once, the score arithmetic per candidate, the
//! verdicts, and a trace of what each condition saw.

use super::cel as celx;
use super::load::RuleSet;
use super::model::{Candidate, Origin, Rule};
use super::ranking::{CandidateReport, Reason, Standing as Word, Verdict, Warning};
use crate::profile::{Derived, Profile};
use serde::Serialize;
use serde_json::Value as Json;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// Default margin, in points, within which a candidate is still `viable` (overridden by the
/// `viable_margin` limit).
const DEFAULT_MARGIN: f64 = 15.0;

/// One rule's outcome for one profile.
#[derive(Clone, Debug, Serialize)]
pub struct RuleTrace {
    pub rule: String,
    pub fired: bool,
    /// The values its condition read, by path.
    pub saw: BTreeMap<String, Json>,
}

/// The whole outcome of evaluating one profile.
#[derive(Clone, Debug, Serialize)]
pub struct Evaluation {
    pub derived: Derived,
    pub trace: Vec<RuleTrace>,
    /// Best first; exactly one `recommended`.
    pub ranking: Vec<CandidateReport>,
    pub patterns: Vec<String>,
    /// What the user must read before the ranking: a requirement no candidate can meet, or a
    /// budget nothing that meets the requirements fits (rules with `finding: true`, and the
    /// ranking's own).
    pub findings: Vec<Warning>,
    pub warnings: Vec<Warning>,
    pub margin: i64,
    /// Every way to run every candidate, priced, figures only, when a condition read `cost`
    /// (see [`CostOnRead`]): what the report words ([`crate::cost::word`]).
    #[serde(skip)]
    pub cost: Option<crate::cost::Costing>,
}

impl Evaluation {
    pub fn recommended(&self) -> &CandidateReport {
        &self.ranking[0]
    }
}

/// A rule that could not be evaluated, or a rule set that leaves nothing to recommend.
#[derive(Debug, Clone, PartialEq)]
pub struct EvalError {
    /// The rule's `when:`, when a rule failed.
    pub origin: Option<Origin>,
    /// The column of `when:`'s value in `origin`'s line (0: unknown).
    pub column: u32,
    pub message: String,
}

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.origin {
            Some(o) if self.column > 0 => write!(f, "{o}:{}: {}", self.column, self.message),
            Some(o) => write!(f, "{o}: {}", self.message),
            None => write!(f, "{}", self.message),
        }
    }
}

impl std::error::Error for EvalError {}

/// What rule conditions see for `profile`: the derived quantities, the cost estimate and the
/// whole view (profile with defaults, `derived`, `limits`, `cost`), for `rules lint`. The
/// evaluation builds the same view and prices `cost` when a condition reads it ([`CostOnRead`]),
/// with the same estimate.
pub(crate) fn condition_view(
    rules: &RuleSet,
    profile: &Profile,
) -> (Derived, crate::cost::Costing, Json) {
    let derived = rules.derived(profile);
    // Cost comes before the rules: budget rules compare `cost.<candidate>` with the budget.
    // Figures only: the wording is the report's (`Report::new`), for the one profile shown.
    let cost = crate::cost::estimate(&rules.cost, profile, &derived);
    let mut view = celx::view(profile, &derived, &rules.limits);
    view["cost"] = cost.cel_view();
    (derived, cost, view)
}

/// The `cost` variable of conditions, priced (every system, figures only) the first time a
/// condition reads it, and then kept: a profile whose conditions never get to `cost` (the
/// built-in budget rules start with `has(budget.monthly_usd) && …`) is not priced at all.
/// Measured (session 6): pricing every profile up front cost `check` a third more CPU time
/// (1.07 s against 0.82 s on one core for 5,000 profiles), which is its margin over the Node.js
/// peer (1.06 s). It also lends conditions `limits`, the same for every profile, from the rule
/// set ([`celx::limits_value`]).
struct CostOnRead<'a> {
    rules: &'a RuleSet,
    profile: &'a Profile,
    derived: &'a Derived,
    /// The estimate of the evaluation this one runs again, when what moved changes none of its
    /// figures ([`evaluate_moved`]).
    unmoved: Option<&'a crate::cost::Costing>,
    /// The estimate, what conditions see of it (`Costing::cel_view`), and that as the
    /// interpreter's value.
    priced: std::sync::OnceLock<Priced>,
}

type Priced = (
    crate::cost::Costing,
    Json,
    Box<dyn ::cel::common::value::Val>,
);

impl CostOnRead<'_> {
    fn get(&self) -> &Priced {
        self.priced.get_or_init(|| {
            let cost = match self.unmoved {
                Some(cost) => cost.clone(),
                None => crate::cost::estimate(&self.rules.cost, self.profile, self.derived),
            };
            let view = cost.cel_view();
            let value = celx::cost_value(&view);
            (cost, view, value)
        })
    }

    /// The estimate, without making the interpreter's value of it when it is known already.
    fn costing(&self) -> &crate::cost::Costing {
        match self.unmoved {
            Some(cost) => cost,
            None => &self.get().0,
        }
    }
}

impl ::cel::context::VariableResolver for CostOnRead<'_> {
    fn resolve<'b>(&'b self, variable: &str) -> Option<::cel::common::value::CowVal<'b, 'b>> {
        match variable {
            "cost" => Some(::cel::common::value::CowVal::Borrowed(&*self.get().2)),
            "limits" => Some(::cel::common::value::CowVal::Borrowed(
                &*self.rules.limits_value,
            )),
            _ => None,
        }
    }
}

/// How much an evaluation records besides the ranking.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EvalOptions {
    /// Record in the trace the values each condition read (for `explain` and `rules test`).
    pub trace_values: bool,
}

impl EvalOptions {
    /// Everything: what `recommend`, `report` and `explain` show.
    pub const FULL: EvalOptions = EvalOptions { trace_values: true };
    /// Without the values each condition read: for `check` over many profiles and the
    /// flip-point search. Everything else is the same as with [`EvalOptions::FULL`].
    pub const FAST: EvalOptions = EvalOptions {
        trace_values: false,
    };
}

/// Evaluates every rule against `profile` and ranks the candidates.
pub fn evaluate(rules: &RuleSet, profile: &Profile) -> Result<Evaluation, EvalError> {
    evaluate_with(rules, profile, &BTreeSet::new(), EvalOptions::FULL)
}

/// Runs `rule`'s condition: whether it holds, or why it could not be decided.
pub(crate) fn fires(rule: &Rule, ctx: &::cel::Context) -> Result<bool, EvalError> {
    let failed = |message: String| EvalError {
        origin: Some(rule.origin_of("when")),
        column: rule.col_of("when"),
        message,
    };
    match rule.program.execute(ctx) {
        Ok(::cel::Value::Bool(b)) => Ok(b),
        Ok(other) => Err(failed(format!(
            "rule `{}`: the condition gave {other:?}, not true or false",
            rule.id
        ))),
        Err(e) => Err(failed(format!(
            "rule `{}`: the condition failed: {}",
            rule.id,
            celx::describe(&e)
        ))),
    }
}

/// Evaluates with a choice of how much to record besides the ranking. The rules in `waived`
/// have no effect: their conditions are still evaluated and traced (a waived rule still shows
/// as fired), but their score changes, knock-outs, discouragements, patterns and warnings are
/// not applied. This is what a waiver does in `check`.
pub fn evaluate_with(
    rules: &RuleSet,
    profile: &Profile,
    waived: &BTreeSet<String>,
    options: EvalOptions,
) -> Result<Evaluation, EvalError> {
    run(rules, profile, waived, options, None)
}

/// [`evaluate_with`] (as [`EvalOptions::FAST`]) for `profile` = the profile `base` evaluated,
/// changed only at the field `moved` (a path such as `team.size`: the flip-point search and the
/// cost curve move one field), or not at all (`None`: only the waivers differ, as
/// [`crate::waiver::evaluate`] ranks a profile again with its waivers applied). A condition is a pure function of the
/// values it reads (CEL has no I/O, clock or randomness), and waivers change what a rule does,
/// never whether it fires; so a rule that reads nothing under the top-level key of `moved`,
/// nothing of `derived` when the derived values did not move, and not `cost` (which depends on
/// most of the profile) when its figures may have moved, has the outcome it had in `base` and is
/// not run again; when they cannot have moved ([`crate::cost::UNPRICED`]), `base`'s estimate
/// serves again. Measured: `recommend` of a profile with 99,000 `platform.languages` took 42 s
/// when every probe ran every rule on the whole profile (2.6 s with the second evaluator this
/// replaced, the same hour), 2.7 s with this (1.0 s with the second evaluator). Property tests
/// hold the two evaluations equal.
pub fn evaluate_moved(
    rules: &RuleSet,
    profile: &Profile,
    waived: &BTreeSet<String>,
    base: &Evaluation,
    moved: Option<&str>,
) -> Result<Evaluation, EvalError> {
    run(
        rules,
        profile,
        waived,
        EvalOptions::FAST,
        Some((base, moved)),
    )
}

// Tests only: the evaluations run on this thread so far, as (every condition run, only those
// that read what moved): how a test sees that a command evaluates a profile once.
#[cfg(test)]
thread_local! {
    pub(crate) static RUNS: std::cell::Cell<(usize, usize)> = const { std::cell::Cell::new((0, 0)) };
}

fn run(
    rules: &RuleSet,
    profile: &Profile,
    waived: &BTreeSet<String>,
    options: EvalOptions,
    after: Option<(&Evaluation, Option<&str>)>,
) -> Result<Evaluation, EvalError> {
    #[cfg(test)]
    RUNS.with(|n| {
        let (full, moved) = n.get();
        n.set(match after {
            None => (full + 1, moved),
            Some(_) => (full, moved + 1),
        })
    });
    let derived = rules.derived(profile);
    // The top-level variable a read path is under (borrowed: this runs for every read of every
    // rule at every probe of the flip-point search).
    fn root(p: &str) -> &str {
        p.split('.').next().unwrap_or_default()
    }
    // Which rules run (every one, or those that read what moved), and the values they see
    // (`cost` and `limits` come from the resolver below).
    let (runs, mut view) = match after {
        None => (
            vec![true; rules.rules.len()],
            celx::view_without_limits(profile, &derived),
        ),
        Some((base, moved)) => {
            let derived_moved = derived != base.derived;
            let cost_moved = moved.is_some_and(|m| !crate::cost::UNPRICED.contains(&m));
            let moved = moved.map(root);
            let runs: Vec<bool> = rules
                .rules
                .iter()
                .map(|r| {
                    r.reads.iter().any(|p| {
                        let r = root(p);
                        Some(r) == moved
                            || (r == "cost" && cost_moved)
                            || (r == "derived" && derived_moved)
                    })
                })
                .collect();
            let roots: BTreeSet<&str> = rules
                .rules
                .iter()
                .zip(&runs)
                .filter(|(_, runs)| **runs)
                .flat_map(|(rule, _)| rule.reads.iter().map(|p| root(p)))
                .filter(|r| !["cost", "limits"].contains(r))
                .collect();
            let view = roots
                .into_iter()
                .map(|r| {
                    let part = celx::view_part(profile, &derived, &rules.limits, r);
                    (r.to_string(), part)
                })
                .collect();
            (runs, Json::Object(view))
        }
    };
    let cost = CostOnRead {
        rules,
        profile,
        derived: &derived,
        // Nothing moved (only the waivers differ) or nothing priced moved: `base`'s estimate.
        unmoved: match after {
            Some((base, None)) => base.cost.as_ref(),
            Some((base, Some(moved))) if crate::cost::UNPRICED.contains(&moved) => {
                base.cost.as_ref()
            }
            _ => None,
        },
        priced: std::sync::OnceLock::new(),
    };
    let mut ctx = celx::context(&rules.env, &view);
    ctx.set_variable_resolver(&cost);

    let mut trace = Vec::with_capacity(rules.rules.len());
    let mut fired = Vec::new();
    for (i, rule) in rules.rules.iter().enumerate() {
        let fires = match after {
            Some((base, _)) if !runs[i] => base.trace[i].fired,
            _ => fires(rule, &ctx)?,
        };
        trace.push(RuleTrace {
            rule: rule.id.clone(),
            fired: fires,
            saw: BTreeMap::new(),
        });
        if fires && !waived.contains(&rule.id) {
            fired.push(rule);
        }
    }

    let margin = rules
        .limit("viable_margin")
        .unwrap_or(DEFAULT_MARGIN)
        .round() as i64;
    let mut ranking: Vec<(CandidateReport, Standing)> = rules
        .candidates
        .iter()
        .map(|c| {
            let mut reasons: Vec<Reason> = applied(&fired, &c.id)
                .map(|(rule, what)| Reason {
                    rule: rule.id.clone(),
                    effect: match what {
                        Applied::Exclude => "exclude".into(),
                        Applied::Discourage | Applied::OverBudget => "discourage".into(),
                        Applied::Score(delta) => format!("{delta:+}"),
                    },
                    message: rule.title.clone(),
                    source: rule.source.clone(),
                })
                .collect();
            reasons.sort_by_key(|r| reason_order(&r.effect));
            let standing = Standing::of(c, &fired);
            // Price only a candidate over budget: only those rank by it.
            // (A candidate is over budget only by a condition that read `cost`: priced already.)
            let price = standing
                .over_budget
                .then(|| cost.costing().system(&c.id).map(|s| s.budget_basis_usd()));
            let standing = standing.priced(price.flatten());
            let report = CandidateReport {
                id: c.id.clone(),
                name: c.name.clone(),
                pattern_name: c.pattern_name.clone(),
                score: standing.score(),
                verdict: Verdict::Viable,
                standing: Word::Viable,
                verdict_reason: String::new(),
                reasons,
            };
            (report, standing)
        })
        .collect();

    ranking.sort_by(|a, b| a.1.cmp(&b.1));
    let Some(top) = ranking.first().filter(|r| !r.1.excluded) else {
        let why: Vec<String> = ranking
            .iter()
            .map(|(c, ..)| {
                let by: Vec<&str> = c
                    .reasons
                    .iter()
                    .filter(|r| r.effect == "exclude")
                    .map(|r| r.rule.as_str())
                    .collect();
                format!("{} (by {})", c.id, by.join(", "))
            })
            .collect();
        return Err(EvalError {
            origin: None,
            column: 0,
            message: format!(
                "every candidate is excluded for this profile: {}; check the rule packs",
                why.join("; ")
            ),
        });
    };
    let (top_score, top_name) = (top.0.score, top.0.name.clone());
    let mut findings = Vec::new();
    if top.1.discouraged {
        findings.push(Warning {
            rule: None,
            message: format!(
                "No candidate meets every requirement of this profile: {top_name} ranks first although a rule discourages it ({})",
                // The rules' own words: this finding is the one place "Needs attention" says why.
                top.0
                    .reasons
                    .iter()
                    .filter(|r| r.effect == "discourage")
                    .map(|r| format!("{} [{}]", r.message, r.rule))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            source: None,
            about: Vec::new(),
        });
    } else if top.1.over_budget {
        let budget = profile
            .budget
            .monthly_usd
            .map(|b| format!(" of ${}", crate::units::num(b)))
            .unwrap_or_default();
        findings.push(Warning {
            rule: None,
            message: format!(
                "Nothing that meets the requirements fits the budget{budget} a month: {top_name} is the cheapest that does ({}); raise the budget or relax a requirement, since a cheaper system would not do the job",
                discouraging(&top.0.reasons)
            ),
            source: None,
            about: Vec::new(),
        });
    }
    for (i, (c, standing)) in ranking.iter_mut().enumerate() {
        let (excluded, discouraged) = (
            standing.excluded,
            standing.discouraged || standing.over_budget,
        );
        let first_rule = |kind: &str| {
            c.reasons
                .iter()
                .find(|r| r.effect == kind)
                .map(|r| format!("{} [{}]", r.message, r.rule))
                .unwrap_or_default()
        };
        let behind = top_score - c.score;
        (c.verdict, c.standing, c.verdict_reason) = if i == 0 {
            let why = if standing.over_budget && !standing.discouraged {
                "the cheapest of the candidates that meet the requirements; none fits the budget"
                    .to_string()
            } else if discouraged {
                "ranked first although a rule discourages it: every other candidate is excluded or discouraged too"
                    .to_string()
            } else {
                "the highest score of the candidates left".to_string()
            };
            (Verdict::Recommended, Word::Recommended, why)
        } else if excluded {
            (Verdict::Excluded, Word::Excluded, first_rule("exclude"))
        } else if discouraged {
            (
                Verdict::Discouraged,
                Word::Discouraged,
                first_rule("discourage"),
            )
        } else if behind > margin {
            // The SPEC's verdict for a score too far behind is `discouraged`; the word shown
            // is `behind`, so `discouraged` always means a rule.
            (
                Verdict::Discouraged,
                Word::Behind,
                format!("{behind} points below {top_name}; viable means within {margin}"),
            )
        } else {
            (
                Verdict::Viable,
                Word::Viable,
                format!("{behind} points below {top_name}, within the {margin}-point margin"),
            )
        };
    }
    let ranking: Vec<CandidateReport> = ranking.into_iter().map(|r| r.0).collect();
    let winner = ranking[0].id.clone();

    let mut patterns = BTreeSet::new();
    let mut warnings = Vec::new();
    for rule in &fired {
        for p in &rule.effect.patterns {
            if *p != winner {
                patterns.insert(p.clone());
            }
        }
        // A finding is a warning said first: a rule gives one or the other, never both.
        let list = if rule.effect.finding {
            Some(&mut findings)
        } else if rule.effect.warning {
            Some(&mut warnings)
        } else {
            None
        };
        if let Some(list) = list {
            list.push(Warning {
                rule: Some(rule.id.clone()),
                message: rule.title.clone(),
                source: Some(rule.source.clone()),
                about: rule.effect.warning_for.clone(),
            });
        }
    }

    drop(ctx);
    if options.trace_values {
        // The values each condition read, `cost` included (priced now if no condition got to
        // it, so that a trace shows the figures a budget rule would compare).
        let reads_cost = |r: &Rule| r.reads.iter().any(|p| p.split('.').next() == Some("cost"));
        if rules.rules.iter().any(reads_cost) {
            view["cost"] = cost.get().1.clone();
        }
        view["limits"] = celx::view_part(profile, &derived, &rules.limits, "limits");
        for (t, rule) in trace.iter_mut().zip(&rules.rules) {
            t.saw = rule
                .reads
                .iter()
                .map(|p| {
                    (
                        p.clone(),
                        celx::lookup(&view, p).cloned().unwrap_or(Json::Null),
                    )
                })
                .collect();
        }
    }
    // An estimate lent by `base` after a field moved has its figures but not its suggestion (the
    // team's size steers it): it is not this evaluation's to hand on to the report. Where nothing
    // moved it is this profile's estimate, the report's to word without pricing it again.
    let cost = match (cost.unmoved, after) {
        (Some(c), Some((_, None))) => Some(c.clone()),
        (Some(_), _) => None,
        (None, _) => cost.priced.into_inner().map(|(c, ..)| c),
    };
    Ok(Evaluation {
        derived,
        trace,
        ranking,
        patterns: patterns.into_iter().collect(),
        findings,
        warnings,
        margin,
        cost,
    })
}

/// What one fired rule does to one candidate.
pub(crate) enum Applied {
    Exclude,
    Discourage,
    /// A discouragement about price (a rule with `budget: true`).
    OverBudget,
    Score(i64),
}

/// The effects of the `fired` rules on candidate `id`, rule by rule: the one place that says what
/// a rule's `exclude`, `discourage` and `score` do, for the ranking and its reasons alike.
pub(crate) fn applied<'a>(
    fired: &'a [&'a Rule],
    id: &'a str,
) -> impl Iterator<Item = (&'a Rule, Applied)> + 'a {
    fired.iter().flat_map(move |rule| {
        let e = &rule.effect;
        let exclude = e
            .exclude
            .iter()
            .any(|x| x == id)
            .then_some(Applied::Exclude);
        let discourage = e.discourage.iter().any(|x| x == id).then_some(if e.budget {
            Applied::OverBudget
        } else {
            Applied::Discourage
        });
        let score = e.score.get(id).map(|d| Applied::Score(*d));
        [exclude, discourage, score]
            .into_iter()
            .flatten()
            .map(move |a| (*rule, a))
    })
}

/// Where a candidate stands once the fired rules have applied, ordered as the ranking is:
/// excluded last, then discouraged by a requirement, then over budget (requirements before
/// price: a candidate that meets every requirement but costs too much still ranks above one
/// that fails a requirement, and among those over budget the cheapest ranks first), then by
/// score (highest first); equal scores go to the simpler system, then by id so the order never
/// depends on anything else. Among the excluded a discouragement or a price changes nothing
/// (they are all out), so they go by score alone: the ranking never shows an excluded candidate
/// below another excluded one with a lower score.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Standing<'a> {
    pub excluded: bool,
    pub discouraged: bool,
    pub over_budget: bool,
    /// The cheapest infrastructure a month, in cents, once [`Standing::priced`] knows it; only
    /// for a candidate over budget (0 otherwise), so that price orders only those.
    price_cents: i64,
    neg_score: i64,
    simplicity: u32,
    id: &'a str,
}

impl Standing<'_> {
    /// What the ranking compares, in order.
    fn key(&self) -> (bool, bool, bool, i64, i64, u32, &str) {
        let out = self.excluded;
        (
            out,
            self.discouraged && !out,
            self.over_budget && !out,
            if out { 0 } else { self.price_cents },
            self.neg_score,
            self.simplicity,
            self.id,
        )
    }
}

impl PartialEq for Standing<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}

impl Eq for Standing<'_> {}

impl PartialOrd for Standing<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Standing<'_> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.key().cmp(&other.key())
    }
}

impl<'a> Standing<'a> {
    pub fn of(c: &'a Candidate, fired: &[&Rule]) -> Standing<'a> {
        let mut s = Standing::base(c);
        for (_, what) in applied(fired, &c.id) {
            s.apply(&what);
        }
        s
    }

    /// Where a candidate stands before any rule applies.
    pub fn base(c: &'a Candidate) -> Standing<'a> {
        Standing {
            excluded: false,
            discouraged: false,
            over_budget: false,
            price_cents: 0,
            neg_score: -c.base_score,
            simplicity: c.simplicity,
            id: &c.id,
        }
    }

    /// Applies one effect of one fired rule.
    pub fn apply(&mut self, what: &Applied) {
        match what {
            Applied::Exclude => self.excluded = true,
            Applied::Discourage => self.discouraged = true,
            Applied::OverBudget => self.over_budget = true,
            Applied::Score(d) => self.neg_score -= d,
        }
    }

    /// Sets the price of a candidate over budget (`usd`: the infrastructure a month its budget
    /// rules compare, [`crate::cost::SystemCost::budget_basis_usd`]),
    /// by which the candidates over budget are ordered; no effect on one within budget.
    pub fn priced(mut self, usd: Option<f64>) -> Standing<'a> {
        if self.over_budget {
            self.price_cents = usd.map_or(i64::MAX, |u| (u * 100.0).round() as i64);
        }
        self
    }

    pub fn score(&self) -> i64 {
        -self.neg_score
    }
}

/// The rules that discourage a candidate, by id, for a finding.
fn discouraging(reasons: &[Reason]) -> String {
    let ids: Vec<&str> = reasons
        .iter()
        .filter(|r| r.effect == "discourage")
        .map(|r| r.rule.as_str())
        .collect();
    ids.join(", ")
}

/// Knock-outs first, then discouragements, then the largest score changes.
fn reason_order(effect: &str) -> (u8, i64) {
    match effect {
        "exclude" => (0, 0),
        "discourage" => (1, 0),
        n => (2, -n.parse::<i64>().unwrap_or(0).abs()),
    }
}
