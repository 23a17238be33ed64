//! Properties of the engine over any valid profile: it never panics, picks exactly one candidate,
//! is deterministic, and its JSON round-trips.

use msgadvisor::engine::evaluate::{EvalOptions, evaluate_moved, evaluate_with};
use msgadvisor::engine::{RuleSet, evaluate};
use msgadvisor::report::{CandidateReport, Report, Verdict};
use proptest::prelude::*;
use std::collections::BTreeSet;
use std::sync::OnceLock;

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::builtin().unwrap())
}

/// Any valid profile, as YAML text.
fn profile_text() -> impl Strategy<Value = String> {
    let langs = prop::sample::subsequence(
        vec![
            "typescript",
            "javascript",
            "python",
            "go",
            "java",
            "rust",
            "elixir",
        ],
        0..4,
    );
    let existing = prop::sample::subsequence(
        vec![
            "kafka", "redis", "postgres", "mysql", "rabbitmq", "nats", "sqs",
        ],
        0..4,
    );
    (
        (0.01f64..200_000.0, 0.0f64..=1.0, 1u64..2_000_000, 1.0f64..10.0),
        (1u32..20, 0.0f64..2_000.0, any::<bool>(), prop::sample::select(vec!["none", "per-key", "global"])),
        (any::<bool>(), 0.01f64..90.0, prop::array::uniform5(any::<bool>()), any::<bool>()),
        (1u32..50, prop::sample::select(vec!["none", "some", "expert"]), any::<bool>(), prop::sample::select(vec!["aws", "gcp", "azure", "on-prem", "other"])),
        (langs, existing, prop::option::of(0.0f64..10_000.0)),
    )
        .prop_map(|((peak, avg_frac, bytes, growth), (groups, ms, loss_ok, ordering), (replay, days, jobs, db), (size, exp, managed, cloud), (langs, existing, budget))| {
            let mut t = format!(
                "version: 1\nname: prop\nthroughput: {{peak_per_sec: {peak}, avg_per_sec: {}, message_bytes: {bytes}, growth_factor: {growth}}}\n\
                 consumers: {{groups: {groups}, processing_ms: {ms}}}\ndelivery: {{loss_ok: {loss_ok}, ordering: {ordering}}}\n\
                 replay: {{needed: {replay}, retention_days: {days}}}\n\
                 jobs: {{retries: {}, delays: {}, priorities: {}, rate_limit: {}, scheduled: {}}}\nsource: {{db_transaction: {db}}}\n\
                 team: {{size: {size}, kafka_experience: {exp}, managed_only: {managed}}}\n\
                 platform: {{cloud: {cloud}, languages: [{}], existing: [{}]}}\n",
                peak * avg_frac, jobs[0], jobs[1], jobs[2], jobs[3], jobs[4], langs.join(", "), existing.join(", ")
            );
            if let Some(b) = budget {
                t.push_str(&format!("budget: {{monthly_usd: {b}}}\n"));
            }
            t
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_valid_profile_gets_exactly_one_recommendation(text in profile_text()) {
        let (profile, _, warnings) = msgadvisor::profile::load(&text, "prop.yaml").unwrap();
        let eval = evaluate(rules(), &profile).unwrap();
        let recommended: Vec<&CandidateReport> = eval.ranking.iter().filter(|c| c.verdict == Verdict::Recommended).collect();
        prop_assert_eq!(recommended.len(), 1);
        prop_assert_eq!(&eval.ranking[0].id, &recommended[0].id);
        prop_assert!(eval.ranking[0].verdict != Verdict::Excluded);
        // Excluded candidates come last, and nothing ranks above the winner on score unless a rule discouraged the winner.
        let first_excluded = eval.ranking.iter().position(|c| c.verdict == Verdict::Excluded).unwrap_or(eval.ranking.len());
        prop_assert!(eval.ranking[first_excluded..].iter().all(|c| c.verdict == Verdict::Excluded));

        let report = Report::new(&profile, &warnings, eval, rules());
        prop_assert_eq!(&report.recommended, &report.candidates[0].id);
    }

    #[test]
    fn evaluation_is_deterministic_and_json_round_trips(text in profile_text()) {
        let (profile, _, warnings) = msgadvisor::profile::load(&text, "prop.yaml").unwrap();
        let a = Report::new(&profile, &warnings, evaluate(rules(), &profile).unwrap(), rules());
        let b = Report::new(&profile, &warnings, evaluate(rules(), &profile).unwrap(), rules());
        let ja = serde_json::to_string_pretty(&a).unwrap();
        prop_assert_eq!(&ja, &serde_json::to_string_pretty(&b).unwrap());
        let value: serde_json::Value = serde_json::from_str(&ja).unwrap();
        // Parsing the JSON gives back exactly the report's values (floats included).
        prop_assert_eq!(&value, &serde_json::to_value(&a).unwrap());
        let candidates: Vec<CandidateReport> = serde_json::from_value(value["candidates"].clone()).unwrap();
        prop_assert_eq!(candidates, a.candidates.clone());
    }

    #[test]
    fn every_format_renders_any_valid_profile(text in profile_text()) {
        let (profile, _, warnings) = msgadvisor::profile::load(&text, "prop.yaml").unwrap();
        let report = Report::new(&profile, &warnings, evaluate(rules(), &profile).unwrap(), rules());
        for format in [msgadvisor::render::Format::Table, msgadvisor::render::Format::Json, msgadvisor::render::Format::Yaml, msgadvisor::render::Format::Markdown] {
            let out = msgadvisor::render::render(&report, format, false);
            prop_assert!(out.contains("prop"));
        }
    }

    /// Re-evaluating a moved profile (the flip-point search and the cost curve: only the rules
    /// that read what moved run again) agrees with a full evaluation: the same rules fire, the
    /// same ranking, for a change to any field the search moves, budget or not.
    #[test]
    fn re_evaluating_only_what_a_move_touches_agrees_with_a_full_evaluation(
        text in profile_text(),
        field in 0usize..5,
        factor in prop::sample::select(vec![0.01, 0.1, 0.37, 0.5, 0.9, 1.1, 2.0, 3.7, 10.0, 100.0]),
    ) {
        let (profile, _, _) = msgadvisor::profile::load(&text, "prop.yaml").unwrap();
        let none = BTreeSet::new();
        let base = evaluate_with(rules(), &profile, &none, EvalOptions::FAST).unwrap();
        let mut moved = profile.clone();
        let path = match field {
            0 => { moved.throughput.peak_per_sec *= factor; "throughput.peak_per_sec" }
            1 => { moved.throughput.message_bytes = ((moved.throughput.message_bytes as f64 * factor) as u64).max(1); "throughput.message_bytes" }
            2 => { moved.consumers.groups = ((f64::from(moved.consumers.groups) * factor) as u32).max(1); "consumers.groups" }
            3 => { moved.replay.retention_days *= factor; "replay.retention_days" }
            _ => { moved.team.size = ((f64::from(moved.team.size) * factor) as u32).max(1); "team.size" }
        };
        let full = evaluate_with(rules(), &moved, &none, EvalOptions::FAST);
        let quick = evaluate_moved(rules(), &moved, &none, &base, Some(path));
        match (full, quick) {
            (Ok(full), Ok(quick)) => {
                let fired = |e: &msgadvisor::engine::Evaluation| -> Vec<String> {
                    e.trace.iter().filter(|t| t.fired).map(|t| t.rule.clone()).collect()
                };
                prop_assert_eq!(fired(&quick), fired(&full));
                prop_assert_eq!(&quick.ranking, &full.ranking);
            }
            (Err(full), Err(quick)) => prop_assert_eq!(quick, full),
            (full, quick) => prop_assert!(false, "full {:?}, quick {:?}", full.is_ok(), quick.is_ok()),
        }
    }

    /// Applying waivers by re-using the unwaived evaluation's conditions (as `check` does: a
    /// waiver changes what a rule does, never whether it fires) agrees with evaluating the
    /// profile again with the waivers: the same ranking, findings, warnings and patterns.
    #[test]
    fn applying_waivers_without_running_the_conditions_again_agrees_with_a_full_evaluation(
        text in profile_text(),
        pick in any::<u64>(),
    ) {
        let (profile, _, _) = msgadvisor::profile::load(&text, "prop.yaml").unwrap();
        let Ok(base) = evaluate_with(rules(), &profile, &BTreeSet::new(), EvalOptions::FAST) else {
            return Ok(());
        };
        // Some of the rules that fired, chosen by the bits of `pick`.
        let waived: BTreeSet<String> = base
            .trace
            .iter()
            .filter(|t| t.fired)
            .enumerate()
            .filter(|(i, _)| pick >> (i % 64) & 1 == 1)
            .map(|(_, t)| t.rule.clone())
            .collect();
        let full = evaluate_with(rules(), &profile, &waived, EvalOptions::FAST);
        let quick = evaluate_moved(rules(), &profile, &waived, &base, None);
        match (full, quick) {
            (Ok(full), Ok(quick)) => {
                prop_assert_eq!(&quick.ranking, &full.ranking);
                prop_assert_eq!(&quick.findings, &full.findings);
                prop_assert_eq!(&quick.warnings, &full.warnings);
                prop_assert_eq!(&quick.patterns, &full.patterns);
                // The estimate too, for the report to word: the profile did not move.
                prop_assert_eq!(&quick.cost, &full.cost);
            }
            (Err(full), Err(quick)) => prop_assert_eq!(quick, full),
            (full, quick) => prop_assert!(false, "full {:?}, quick {:?}", full.is_ok(), quick.is_ok()),
        }
    }

    /// A profile's waivers applied as every command applies them (`waiver::evaluate`: one full
    /// evaluation, then the candidates ranked again without the waived rules' effects) give what
    /// a full evaluation with those rules waived gives, the values each condition read included:
    /// what `recommend`, `explain` and `diff` show, and `check` judges.
    #[test]
    fn waivers_applied_after_one_evaluation_give_the_full_evaluation(
        text in profile_text(),
        pick in any::<u64>(),
    ) {
        let (mut profile, _, _) = msgadvisor::profile::load(&text, "prop.yaml").unwrap();
        let none = BTreeSet::new();
        let Ok(base) = evaluate_with(rules(), &profile, &none, EvalOptions::FAST) else {
            return Ok(());
        };
        profile.waivers = base
            .trace
            .iter()
            .filter(|t| t.fired)
            .enumerate()
            .filter(|(i, _)| pick >> (i % 64) & 1 == 1)
            .map(|(_, t)| msgadvisor::profile::Waiver {
                rule: t.rule.clone(),
                reason: "r".into(),
                expires: None,
            })
            .collect();
        let waived: BTreeSet<String> = profile.waivers.iter().map(|w| w.rule.clone()).collect();
        let today = msgadvisor::date::Date::parse("2027-01-01").unwrap();
        let json = |e: &msgadvisor::engine::Evaluation| serde_json::to_value(e).unwrap();
        let full = evaluate_with(rules(), &profile, &waived, EvalOptions::FULL);
        match (full, msgadvisor::waiver::evaluate(rules(), &profile, today, false)) {
            (Ok(full), Ok(once)) => {
                prop_assert_eq!(&once.waived, &waived);
                prop_assert_eq!(json(&once.eval), json(&full));
                let unwaived = evaluate_with(rules(), &profile, &none, EvalOptions::FULL).unwrap();
                prop_assert_eq!(json(once.unwaived()), json(&unwaived));
            }
            (Err(full), Err(once)) => prop_assert_eq!(once, full),
            (full, once) => prop_assert!(false, "full {:?}, once {:?}", full.is_ok(), once.is_ok()),
        }
    }

    /// Whatever bytes arrive, loading gives a profile or located problems, never a panic.
    #[test]
    fn arbitrary_text_never_panics(text in ".{0,400}") {
        let _ = msgadvisor::profile::load(&text, "fuzz.yaml");
    }
}
