//! The budget rules' own examples: each over-budget rule fires exactly when its examples say,
//! with the cost estimate computed before the rules run.

use msgadvisor::engine::evaluate::{EvalOptions, evaluate_with};
use msgadvisor::engine::{RuleSet, evaluate};
use std::collections::BTreeSet;

#[test]
fn over_budget_rules_fire_as_their_examples_say() {
    let rules = RuleSet::builtin().unwrap();
    let budget_rules: Vec<_> = rules.rules.iter().filter(|r| r.effect.budget).collect();
    // One per built-in candidate, and one for each whose ways can carry a durability doubt
    // (the Redis-based systems that store messages).
    let per_candidate = budget_rules
        .iter()
        .filter(|r| r.id.starts_with("over-budget-"))
        .count();
    assert_eq!(per_candidate, rules.candidates.len());
    let durable: Vec<&str> = budget_rules
        .iter()
        .filter(|r| r.id.starts_with("durable-way-over-budget-"))
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(
        durable,
        [
            "durable-way-over-budget-bullmq",
            "durable-way-over-budget-redis-streams"
        ]
    );
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

/// An evaluation of a profile with a budget prices every system once, figures only (what budget
/// conditions read); the report built from it shows the full estimate, text and all, with the
/// same figures.
#[test]
fn an_evaluation_prices_figures_only_and_its_report_shows_the_full_estimate() {
    let rules = RuleSet::builtin().unwrap();
    let loaded = msgadvisor::commands::load_profile("examples/order-events.yaml", &rules).unwrap();
    assert!(
        loaded.profile.budget.monthly_usd.is_some(),
        "the example has a budget"
    );
    let fast = evaluate_with(&rules, &loaded.profile, &BTreeSet::new(), EvalOptions::FAST).unwrap();
    let full = evaluate(&rules, &loaded.profile).unwrap();
    let priced = msgadvisor::cost::estimate(&rules.cost, &loaded.profile, &full.derived);
    for eval in [&fast, &full] {
        // Priced: the budget rules read `cost` (once, whatever the number of rules).
        let cost = eval
            .cost
            .as_ref()
            .expect("a profile with a budget is priced");
        assert_eq!(cost.cel_view(), priced.cel_view());
        assert!(cost.options.iter().all(|o| o.name.is_empty()));
    }
    let report = |eval| {
        let r = msgadvisor::report::Report::new(&loaded.profile, &loaded.warnings, eval, &rules);
        assert!(r.cost.iter().all(|o| !o.name.is_empty()));
        serde_json::to_string(&(r.cost, r.cost_summary)).unwrap()
    };
    assert_eq!(report(fast), report(full));
}
