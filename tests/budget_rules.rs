//! The budget rules' own examples: each over-budget rule fires exactly when its examples say,
//! with the cost estimate computed before the rules run.

use msgadvisor::engine::{RuleSet, evaluate};

#[test]
fn over_budget_rules_fire_as_their_examples_say() {
    let rules = RuleSet::builtin().unwrap();
    let budget_rules: Vec<_> = rules
        .rules
        .iter()
        .filter(|r| r.id.starts_with("over-budget-"))
        .collect();
    // One per built-in candidate.
    assert_eq!(budget_rules.len(), rules.candidates.len());
    for rule in budget_rules {
        assert!(rule.examples.iter().any(|e| e.fires), "{}", rule.id);
        assert!(rule.examples.iter().any(|e| !e.fires), "{}", rule.id);
        for ex in &rule.examples {
            let node = rules.example_profile(ex);
            let (profile, _, _) = msgadvisor::profile::load_node(&node, "example").unwrap();
            let eval = evaluate(&rules, &profile).unwrap();
            let trace = eval.trace.iter().find(|t| t.rule == rule.id).unwrap();
            assert_eq!(
                trace.fired, ex.fires,
                "{} example at line {} (saw {:?})",
                rule.id, ex.line, trace.saw
            );
            if ex.fires {
                let c = eval
                    .ranking
                    .iter()
                    .find(|c| rule.effect.discourage.contains(&c.id))
                    .unwrap();
                assert!(
                    c.reasons
                        .iter()
                        .any(|r| r.rule == rule.id && r.effect == "discourage")
                );
            }
        }
    }
}
