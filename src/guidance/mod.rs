//! What follows a choice: how to run the recommended system, the team's declared one, and any
//! complementary pattern, as a value the report stores (rendered by every format, deciding
//! nothing). Which systems are shown, under which name and with which note is decided here;
//! each system's own guidance is its module's (`crate::systems::<system>::guidance`), written
//! with `crate::systems::guidance`, whose value types are re-exported here for the renderers.

use crate::engine::RuleSet;
use crate::engine::ranking::CandidateReport;
use crate::profile::{Derived, Profile};
pub use crate::systems::guidance::{Advice, Figure, Inputs, Section, SystemGuidance};
pub use crate::systems::kafka::guidance::KafkaGuidance;

/// What the ranking chose, which decides whose guidance is shown.
pub struct Chosen<'a> {
    pub recommended: &'a str,
    /// The profile's declared decision.
    pub decision: Option<&'a str>,
    /// Complementary patterns of the recommendation.
    pub patterns: &'a [String],
    /// The ranked candidates (for the standing of the declared decision).
    pub candidates: &'a [CandidateReport],
}

/// The guidance of one report: how to run each system shown, and the structured `kafka` object
/// when Kafka is recommended or declared.
pub struct Guidance {
    pub systems: Vec<SystemGuidance>,
    pub kafka: Option<KafkaGuidance>,
}

/// What every system's guidance is computed from, for `profile` under `rules`.
pub fn inputs<'a>(
    profile: &'a Profile,
    derived: &'a Derived,
    rules: &'a RuleSet,
    assessment: &'a crate::systems::Assessment,
    cost: &'a crate::cost::CostSummary,
) -> Inputs<'a> {
    Inputs {
        profile,
        derived,
        limits: &rules.limits,
        candidates: &rules.candidates,
        cost: &rules.cost,
        sizing: &rules.sizing,
        assessment,
        suggested: cost
            .systems
            .iter()
            .map(|s| (s.system.as_str(), s.suggested_option.as_str()))
            .collect(),
    }
}

/// Builds the guidance for what the ranking chose (its recommendation, the profile's decision,
/// its patterns); the report stores it.
pub fn build(
    profile: &Profile,
    derived: &Derived,
    rules: &RuleSet,
    assessment: &crate::systems::Assessment,
    cost: &crate::cost::CostSummary,
    chosen: &Chosen,
) -> Guidance {
    let inputs = inputs(profile, derived, rules, assessment, cost);
    // Each system once, with every role it is shown for, in this order.
    let roles = std::iter::once((chosen.recommended, "recommended"))
        .chain(chosen.decision.map(|d| (d, "decision")))
        .chain(chosen.patterns.iter().map(|p| (p.as_str(), "pattern")));
    let mut wanted: Vec<(String, Vec<String>)> = Vec::new();
    for (system, role) in roles {
        match wanted.iter_mut().find(|(id, _)| id == system) {
            Some(w) => w.1.push(role.into()),
            None => wanted.push((system.to_string(), vec![role.into()])),
        }
    }

    let mut out = Vec::new();
    let mut kafka = None;
    for (id, shown_for) in wanted {
        // Only a pattern beside the pick is called by its pattern name ("transactional outbox").
        let as_pattern = shown_for.iter().all(|s| s == "pattern");
        let name = match rules.candidate(&id) {
            Some(c) if as_pattern => c.pattern_name().to_string(),
            Some(c) => c.name.clone(),
            None => id.clone(),
        };
        // A candidate from a rule pack has no module: the tool has no guidance for it.
        let Some(module) = crate::systems::by_id(&id) else {
            continue;
        };
        let (mut g, k) = (module.guide)(&inputs, chosen.recommended, &shown_for);
        if shown_for.iter().any(|s| s != "pattern") {
            kafka = kafka.or(k);
        }
        g.note = note(&shown_for, &id, &name, chosen, rules);
        g.system = id;
        g.name = name;
        g.shown_for = shown_for;
        out.push(g);
    }
    Guidance {
        systems: out,
        kafka,
    }
}

fn note(
    shown_for: &[String],
    id: &str,
    name: &str,
    chosen: &Chosen,
    rules: &RuleSet,
) -> Option<String> {
    let recommended = chosen.recommended;
    let rec_name = rules
        .candidate(recommended)
        .map_or(recommended, |c| c.name.as_str());
    if shown_for.iter().any(|s| s == "recommended") {
        return None;
    }
    if shown_for.iter().any(|s| s == "decision") {
        let verdict = chosen
            .candidates
            .iter()
            .find(|c| c.id == id)
            .map_or("not ranked", |c| c.standing.as_str());
        return Some(format!(
            "The profile's decision ({verdict} here; {rec_name} is recommended): how to run {name} well if the team keeps it."
        ));
    }
    Some(format!(
        "A pattern of the recommendation: publish to {rec_name} through the {name}, so a message goes out exactly when its database transaction commits."
    ))
}
