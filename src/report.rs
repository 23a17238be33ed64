//! The one report model. `recommend` builds it; every output format renders it and decides
//! nothing. JSON keys are the SPEC's stable contract: add freely, never rename.

use crate::cost::{CostOption, CostSummary};
use crate::diag::Problem;
use crate::engine::{Evaluation, RuleSet};
use crate::profile::{Derived, Profile};
use serde::{Deserialize, Serialize};

/// The JSON `schema_version` of this report shape.
pub const REPORT_SCHEMA_VERSION: u32 = 1;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Recommended,
    Viable,
    Discouraged,
    Excluded,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Recommended => "recommended",
            Verdict::Viable => "viable",
            Verdict::Discouraged => "discouraged",
            Verdict::Excluded => "excluded",
        }
    }
}

/// One rule's effect on one candidate.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reason {
    pub rule: String,
    /// `+30`, `-20`, `exclude` or `discourage`.
    pub effect: String,
    pub message: String,
    pub source: String,
}

impl Reason {
    /// True for a reason that counts in the candidate's favour.
    pub fn is_for(&self) -> bool {
        self.effect.starts_with('+')
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CandidateReport {
    pub id: String,
    pub name: String,
    pub score: i64,
    pub verdict: Verdict,
    /// Why this verdict, in one sentence (the knock-out rule, the margin, …).
    pub verdict_reason: String,
    pub reasons: Vec<Reason>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Warning {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
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
    /// ranking order, within each the ways that fit cheapest first (SPEC keys `system`, `option`,
    /// `monthly_usd` = infrastructure + people, `assumptions`; plus the breakdown lines).
    pub cost: Vec<CostOption>,
    /// How the cost was reached: hours a month, the hourly rate, each candidate's budget basis
    /// and suggested way, and every price used with its source and as-of date.
    pub cost_summary: CostSummary,
    /// The rule packs layered over the built-in rules, in order; absent when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rule_packs: Vec<String>,
    /// What-if changes from `--set`, applied over the profile file; absent when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub what_if: Vec<crate::whatif::Setting>,
    /// Where the pick changes when one numeric dimension moves (see [`crate::flip`]).
    pub flip_points: Vec<crate::flip::FlipPoint>,
    /// How to run Kafka (SPEC keys): present when Kafka is recommended or is the decision.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kafka: Option<crate::guidance::kafka::KafkaGuidance>,
    /// How to run each system that is recommended, declared as the decision, or a pattern.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub guidance: Vec<crate::guidance::SystemGuidance>,
}

impl Report {
    pub fn new(
        profile: &Profile,
        warnings: &[Problem],
        eval: Evaluation,
        rules: &RuleSet,
    ) -> Report {
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
            let name = rules.candidate(p).map_or(p.as_str(), |c| c.name.as_str());
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
        let mut all_warnings: Vec<Warning> = warnings
            .iter()
            .map(|p| Warning {
                rule: None,
                message: format!("{}: {}", p.path, p.message),
                source: None,
            })
            .collect();
        all_warnings.extend(eval.warnings.iter().cloned());
        let shown: Vec<&str> = eval
            .ranking
            .iter()
            .filter(|c| c.verdict != Verdict::Excluded)
            .map(|c| c.id.as_str())
            .collect();
        // A fast evaluation (`EvalOptions::FAST`) keeps no estimate: price in full here.
        let fresh;
        let costing = match &eval.cost {
            Some(c) => c,
            None => {
                fresh = crate::cost::estimate(&rules.cost, profile, &eval.derived);
                &fresh
            }
        };
        let (cost, cost_summary) = costing.select(&shown);
        let recommended = top.id.clone();
        let mut report = Report {
            schema_version: REPORT_SCHEMA_VERSION,
            profile: profile.name.clone(),
            findings: eval.findings.clone(),
            recommended,
            summary,
            patterns: eval.patterns.clone(),
            candidates: eval.ranking.clone(),
            warnings: all_warnings,
            decision: profile.decision.clone(),
            viable_margin: eval.margin,
            derived: eval.derived,
            cost,
            cost_summary,
            rule_packs: Vec::new(),
            what_if: Vec::new(),
            flip_points: Vec::new(),
            kafka: None,
            guidance: Vec::new(),
        };
        // The guidance says the numbers the cost was priced on.
        crate::guidance::attach(&mut report, profile, rules, &costing.assessment);
        report
    }

    pub fn candidate(&self, id: &str) -> Option<&CandidateReport> {
        self.candidates.iter().find(|c| c.id == id)
    }
}
