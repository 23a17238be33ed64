//! The one report model. `recommend` builds it; every output format renders it and decides
//! nothing. JSON keys are the stable contract of docs/SPEC.md: add freely, never rename.

use crate::cost::{CostOption, CostSummary};
use crate::diag::Problem;
pub use crate::engine::ranking::{CandidateReport, Reason, Standing, Verdict, Warning};
use crate::engine::{Evaluation, RuleSet};
use crate::profile::{Derived, Profile};
use serde::Serialize;

/// The JSON `schema_version` of this report shape.
pub const REPORT_SCHEMA_VERSION: u32 = 1;

/// One part of the chosen design's bill: the system, or a pattern it is used with, run the way
/// the cost section suggests.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DesignPart {
    /// The candidate id.
    pub system: String,
    /// `system` or `pattern`.
    pub role: String,
    /// The suggested way to run it (an option id of `cost`).
    pub option: String,
    pub name: String,
    /// Infrastructure + people, USD a month, as in that option's `cost` entry.
    pub monthly_usd: f64,
}

/// What the chosen design costs a month: the decision (or, without one, the recommendation)
/// plus every pattern it is used with (Kafka and its outbox relay), each run the suggested way.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DesignCost {
    /// The system first, then the patterns.
    pub parts: Vec<DesignPart>,
    /// The sum of the parts, USD a month.
    pub monthly_usd: f64,
}

/// Everything `recommend` knows about one profile.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub schema_version: u32,
    /// The profile's name.
    pub profile: String,
    /// What to read before anything else: a requirement no candidate can meet at this load (one
    /// global order, one consumer too slow), or a budget nothing that meets the requirements
    /// fits. Every format shows these first.
    pub findings: Vec<Warning>,
    /// The recommended candidate id; equals the one candidate whose verdict is `recommended`.
    pub recommended: String,
    /// One sentence: the pick and its main reasons.
    pub summary: String,
    /// The pick's strongest reason and its lead, in one sentence (the one-screen view's why).
    pub why: String,
    /// Complementary patterns (e.g. `outbox`: publish through a transactional outbox).
    pub patterns: Vec<String>,
    /// Best first.
    pub candidates: Vec<CandidateReport>,
    pub warnings: Vec<Warning>,
    /// The team's declared choice, when the profile has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision: Option<String>,
    /// Points within which a candidate is still viable.
    pub viable_margin: i64,
    pub derived: Derived,
    /// Every way to run each candidate that is not excluded, priced per month: by candidate in
    /// ranking order, within each the ways that fit cheapest first (docs/SPEC.md keys `system`, `option`,
    /// `monthly_usd` = infrastructure + people, `assumptions`; plus the breakdown lines).
    pub cost: Vec<CostOption>,
    /// How the cost was reached: hours a month, the hourly rate, each candidate's budget basis
    /// and suggested way, and every price used with its source and as-of date.
    pub cost_summary: CostSummary,
    /// The rule packs layered over the built-in rules, in order; absent when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rule_packs: Vec<String>,
    /// The rules those packs turn off or change; absent when they touch none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pack_overrides: Vec<crate::engine::PackOverride>,
    /// What-if changes from `--set`, applied over the profile file; absent when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub what_if: Vec<crate::whatif::Setting>,
    /// The profile's waivers and what became of each (applied as `check` applies them, or
    /// ignored with `--no-waivers`); absent when the profile has none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub waivers: Vec<crate::waiver::WaiverNote>,
    /// What the chosen design costs a month, system and patterns added up; absent when no way
    /// of running it is priced.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub design_cost: Option<DesignCost>,
    /// Where the pick changes when one numeric dimension moves (see [`crate::flip`]).
    pub flip_points: Vec<crate::flip::FlipPoint>,
    /// Each candidate's cheapest fitting way to run it across the peak-rate range (see
    /// [`crate::cost_curve`]); absent when not computed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost_curve: Option<crate::cost_curve::CostCurve>,
    /// How to run Kafka (docs/SPEC.md keys): present when Kafka is recommended or is the decision.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kafka: Option<crate::systems::kafka::guidance::KafkaGuidance>,
    /// How to run each system that is recommended, declared as the decision, or a pattern.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub guidance: Vec<crate::guidance::SystemGuidance>,
    /// True when a rule that discourages the pick says that no way to run it fits (`says:
    /// no-way-fits`, as `no-way-fits-rabbitmq` does): the finding then says so, with the rule's
    /// reason, and [`Report::attention`] does not say it a second time in other words.
    #[serde(skip)]
    no_fit_said: bool,
}

impl Report {
    pub fn new(
        profile: &Profile,
        warnings: &[Problem],
        mut eval: Evaluation,
        rules: &RuleSet,
    ) -> Report {
        // The evaluation's estimate, when a condition read it: the report words it below.
        let priced = eval.cost.take();
        let top = eval.recommended();
        let mut summary = format!("{} is recommended", top.name);
        let main: Vec<&str> = top
            .reasons
            .iter()
            .filter(|r| r.is_for())
            .take(3)
            .map(|r| r.message.as_str())
            .collect();
        if !main.is_empty() {
            summary.push_str(": ");
            summary.push_str(&main.join("; "));
        }
        summary.push('.');
        for p in &eval.patterns {
            let name = rules.candidate(p).map_or(p.as_str(), |c| c.pattern_name());
            summary.push_str(&format!(" Publish through the {name} pattern."));
        }
        if let Some(runner_up) = eval
            .ranking
            .get(1)
            .filter(|c| c.verdict != crate::report::Verdict::Excluded)
        {
            summary.push_str(&format!(
                " Margin over {}: {} points.",
                runner_up.name,
                top.score - runner_up.score
            ));
        }
        let why = why(&eval.ranking);
        // A rule that discourages the pick and declares that its title says no way fits.
        let no_fit_said = top
            .reasons
            .iter()
            .filter(|r| r.effect == "discourage")
            .filter_map(|r| rules.rule(&r.rule))
            .any(|rule| rule.effect.says == Some(crate::engine::Says::NoWayFits));
        let mut all_warnings: Vec<Warning> = warnings
            .iter()
            .map(|p| Warning {
                rule: None,
                message: format!("{}: {}", p.path, p.message),
                source: None,
                about: Vec::new(),
            })
            .collect();
        all_warnings.extend(eval.warnings.iter().cloned());
        // The candidates still in the running, and every pattern the report recommends (the
        // outbox feeding Kafka is priced even where the database as the queue is excluded).
        let shown: Vec<&str> = eval
            .ranking
            .iter()
            .filter(|c| c.verdict != Verdict::Excluded || eval.patterns.contains(&c.id))
            .map(|c| c.id.as_str())
            .collect();
        // The evaluation's estimate (or priced now, when no condition read it), worded once, here.
        let mut costing =
            priced.unwrap_or_else(|| crate::cost::estimate(&rules.cost, profile, &eval.derived));
        crate::cost::word(&mut costing, &rules.cost, profile, &eval.derived);
        let costing = &costing;
        let (cost, cost_summary) = costing.select(&shown);
        let recommended = top.id.clone();
        let chosen = profile
            .decision
            .as_deref()
            .filter(|d| eval.ranking.iter().any(|c| c.id == *d))
            .unwrap_or(&recommended);
        let design_cost = design_cost(costing, chosen, &eval.patterns);
        let mut report = Report {
            schema_version: REPORT_SCHEMA_VERSION,
            profile: profile.name.clone(),
            findings: eval.findings.clone(),
            recommended,
            summary,
            why,
            patterns: eval.patterns.clone(),
            candidates: eval.ranking.clone(),
            warnings: all_warnings,
            decision: profile.decision.clone(),
            viable_margin: eval.margin,
            derived: eval.derived,
            cost,
            cost_summary,
            rule_packs: Vec::new(),
            pack_overrides: Vec::new(),
            what_if: Vec::new(),
            waivers: Vec::new(),
            design_cost,
            flip_points: Vec::new(),
            cost_curve: None,
            kafka: None,
            guidance: Vec::new(),
            no_fit_said,
        };
        // The guidance says the numbers the cost was priced on.
        let guidance = crate::guidance::build(
            profile,
            &report.derived,
            rules,
            &costing.workload.assessment,
            &report.cost_summary,
            &crate::guidance::Chosen {
                recommended: &report.recommended,
                decision: report.decision.as_deref(),
                patterns: &report.patterns,
                candidates: &report.candidates,
            },
        );
        report.guidance = guidance.systems;
        report.kafka = guidance.kafka;
        report
    }

    pub fn candidate(&self, id: &str) -> Option<&CandidateReport> {
        self.candidates.iter().find(|c| c.id == id)
    }

    /// How the cost views name a system: its name, or, for a candidate the rules exclude that is
    /// priced only as a pattern beside the pick (the outbox feeding Kafka), that pattern, as
    /// its guidance is headed: an excluded candidate's own name over a price would read as
    /// though it were suggested after all.
    pub fn cost_name(&self, system: &str) -> String {
        match self.candidate(system) {
            Some(c)
                if c.verdict == Verdict::Excluded && self.patterns.iter().any(|p| p == system) =>
            {
                format!("{} (pattern)", c.pattern_name())
            }
            Some(c) => c.name.clone(),
            None => system.to_string(),
        }
    }

    /// The way to run `s`'s system that its cost suggests, when it is listed.
    pub fn suggested(&self, s: &crate::cost::SystemCost) -> Option<&CostOption> {
        self.cost
            .iter()
            .find(|o| o.system == s.system && o.option == s.suggested_option)
    }

    /// The recommended candidate.
    pub fn pick(&self) -> &CandidateReport {
        self.candidate(&self.recommended)
            .unwrap_or(&self.candidates[0])
    }

    /// The system whose guidance warnings [`Report::attention`] says: the pick.
    pub fn warned_in_attention(&self) -> &str {
        &self.recommended
    }

    /// What must be read before the ranking, most pressing first, one sentence each: the
    /// findings (among them a rule that discourages even the pick, which is said there and only
    /// there), the profile's declared decision when the rules disagree with it, no way to run
    /// the pick within published limits (unless a finding's rule says so), the rules' warnings
    /// (an order no consumer can keep up with, …) but not those about candidates the team will
    /// not run, the pick's own guidance warnings, and
    /// warnings about the input. `cite` for a full view, whose guidance section then leaves the
    /// pick's warnings out ([`Report::warned_in_attention`]): each guidance warning with its
    /// source, which that section would have cited.
    pub fn attention(&self, cite: bool) -> Vec<String> {
        let pick = self.pick();
        // Findings first: what no pick can give.
        let mut out: Vec<String> = self
            .findings
            .iter()
            .map(|f| match &f.rule {
                Some(rule) => format!("{} [{rule}]", f.message),
                None => f.message.clone(),
            })
            .collect();
        if let Some(d) = &self.decision
            && *d != self.recommended
            && let Some(c) = self.candidate(d)
        {
            out.push(format!(
                "The profile's decision is {}, but the rules recommend {}: {} is {} here ({}).",
                c.name,
                pick.name,
                c.name,
                c.standing.as_str(),
                c.verdict_reason
            ));
        }
        let ways: Vec<&crate::cost::CostOption> = self
            .cost
            .iter()
            .filter(|o| o.system == self.recommended)
            .collect();
        if !self.no_fit_said
            && !ways.is_empty()
            && ways
                .iter()
                .all(|o| o.capacity == crate::cost::Capacity::Exceeded)
        {
            out.push(format!(
                "Every way to run {} priced here exceeds a published limit: {}",
                pick.name, ways[0].capacity_note
            ));
        }
        // A rule's warning about candidates none of which the team will run (not the pick, the
        // decision or a recommended pattern) asks nothing of the reader: the candidate's own
        // reasons say it.
        let runs = |id: &String| {
            *id == self.recommended
                || self.decision.as_ref() == Some(id)
                || self.patterns.contains(id)
        };
        let attention = |w: &&Warning| w.about.is_empty() || w.about.iter().any(runs);
        for w in self
            .warnings
            .iter()
            .filter(|w| w.rule.is_some())
            .filter(attention)
        {
            out.push(format!(
                "{} [{}]",
                w.message,
                w.rule.as_deref().unwrap_or_default()
            ));
        }
        if let Some(g) = self
            .guidance
            .iter()
            .find(|g| g.system == self.warned_in_attention())
        {
            out.extend(g.warnings.iter().map(|a| match &a.source {
                Some(source) if cite => format!("{} (source: {source})", a.text),
                _ => a.text.clone(),
            }));
        }
        for w in self.warnings.iter().filter(|w| w.rule.is_none()) {
            out.push(format!("In the profile: {}", w.message));
        }
        out
    }
}

/// The pick's strongest reason and its lead over the next candidate not excluded.
fn why(ranking: &[CandidateReport]) -> String {
    let top = &ranking[0];
    let mut why = match top.reasons.iter().find(|r| r.is_for()) {
        Some(r) => format!("{} ({}, {})", r.message, r.effect, r.rule),
        None => top.verdict_reason.clone(),
    };
    match ranking[1..].iter().find(|c| c.verdict != Verdict::Excluded) {
        Some(next) if next.standing == Standing::Discouraged && next.score >= top.score => why
            .push_str(&format!(
                "; {} scores {} but a rule discourages it.",
                next.name, next.score
            )),
        Some(next) if top.score > next.score => why.push_str(&format!(
            "; {} points ahead of {}.",
            top.score - next.score,
            next.name
        )),
        Some(next) if top.score == next.score => why.push_str(&format!(
            "; tied with {} at {} points, and simpler to operate.",
            next.name, top.score
        )),
        Some(next) => why.push_str(&format!(
            "; {} scores more ({}) but ranks lower.",
            next.name, next.score
        )),
        None => why.push_str("; every other candidate is excluded."),
    }
    why
}

/// The chosen design's monthly cost from the estimate of every system (a decision the rules
/// exclude is priced too, though the cost section leaves it out): each part run the way the
/// estimate suggests, and their sum.
fn design_cost(
    costing: &crate::cost::Costing,
    chosen: &str,
    patterns: &[String],
) -> Option<DesignCost> {
    let part = |system: &str, role: &str| {
        let suggested = &costing.system(system)?.suggested_option;
        let o = costing
            .options_of(system)
            .find(|o| o.option == *suggested)?;
        Some(DesignPart {
            system: system.to_string(),
            role: role.to_string(),
            option: o.option.clone(),
            name: o.name.clone(),
            monthly_usd: o.monthly_usd,
        })
    };
    let mut parts = vec![part(chosen, "system")?];
    for p in patterns.iter().filter(|p| *p != chosen) {
        parts.extend(part(p, "pattern"));
    }
    let monthly_usd = crate::cost::cents(parts.iter().map(|p| p.monthly_usd).sum());
    Some(DesignCost { parts, monthly_usd })
}
