//! Running each rule's own examples: the example's fields merged onto the example base profile,
//! evaluated with the whole rule set, and the rule's outcome compared with what the example says.

use super::evaluate::evaluate;
use super::load::RuleSet;
use super::model::Origin;
use serde::Serialize;
use serde_json::Value as Json;
use std::collections::BTreeMap;

/// The outcome of one example.
#[derive(Clone, Debug, Serialize)]
pub struct ExampleResult {
    pub rule: String,
    /// 1-based position among the rule's examples.
    pub example: usize,
    /// Where the example is written.
    pub origin: Origin,
    pub expected_fires: bool,
    pub passed: bool,
    /// Why it failed, when it did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
    /// For a failed example, the values the rule's condition saw.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub saw: BTreeMap<String, Json>,
}

/// Runs every example of every rule in `rules`, in evaluation order.
pub fn run_all(rules: &RuleSet) -> Vec<ExampleResult> {
    let mut out = Vec::new();
    for rule in &rules.rules {
        for (i, ex) in rule.examples.iter().enumerate() {
            let origin = Origin {
                file: ex.file.clone(),
                line: ex.line,
            };
            let node = rules.example_profile(ex);
            let outcome = crate::profile::load_node(&node, &origin.file)
                .map_err(|e| {
                    format!(
                        "the example is not a valid profile: {}",
                        e.problems
                            .iter()
                            .map(|p| format!("{}: {}", p.path, p.message))
                            .collect::<Vec<_>>()
                            .join("; ")
                    )
                })
                .and_then(|(profile, _, _)| evaluate(rules, &profile).map_err(|e| e.to_string()))
                .map(|eval| {
                    eval.trace
                        .into_iter()
                        .find(|t| t.rule == rule.id)
                        .map_or((false, BTreeMap::new()), |t| (t.fired, t.saw))
                });
            let (passed, problem, saw) = match outcome {
                Ok((fired, _)) if fired == ex.fires => (true, None, BTreeMap::new()),
                Ok((fired, saw)) => {
                    let mut problem = format!(
                        "expected the rule {} but it {}",
                        if ex.fires { "to fire" } else { "not to fire" },
                        if fired { "fired" } else { "did not fire" }
                    );
                    if ex.file != rule.origin.file {
                        // An override that changes the condition keeps the old examples.
                        problem.push_str(&format!(
                            " (this example belongs to the rule {} replaces; give the override its own `examples:`)",
                            rule.origin.file
                        ));
                    }
                    (false, Some(problem), saw)
                }
                Err(e) => (false, Some(e), BTreeMap::new()),
            };
            out.push(ExampleResult {
                rule: rule.id.clone(),
                example: i + 1,
                origin,
                expected_fires: ex.fires,
                passed,
                problem,
                saw,
            });
        }
    }
    out
}
