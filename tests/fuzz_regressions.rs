//! Inputs that once crashed a fuzz target (`fuzz/`), kept so the fix stays fixed: each goes
//! through the same pipeline as its target and must give a result or located problems, never a
//! panic. File names start with the target's name.

use msgadvisor::engine::{RuleSet, cel, evaluate};
use msgadvisor::render::{Format, render};
use msgadvisor::report::Report;

#[test]
fn every_crash_input_is_now_handled() {
    let rules = RuleSet::builtin().unwrap();
    let mut seen = 0;
    for entry in std::fs::read_dir("tests/fuzz-regressions").unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        if name.starts_with("profile-") {
            seen += 1;
            match msgadvisor::profile::load(text, &name) {
                Ok((profile, _, warnings)) => {
                    let report = Report::new(
                        &profile,
                        &warnings,
                        evaluate(&rules, &profile).unwrap(),
                        &rules,
                    );
                    for f in [Format::Table, Format::Json, Format::Yaml, Format::Markdown] {
                        assert!(!render(&report, f, false).is_empty());
                    }
                }
                Err(e) => assert!(e.to_string().starts_with(&name), "{e}"),
            }
        } else if name.starts_with("rule_pack-") {
            seen += 1;
            let _ = RuleSet::load_texts(&[("pack/rule.yaml".into(), text.into())]);
        } else if name.starts_with("condition-") {
            // As `fuzz/fuzz_targets/condition.rs`: compiled, and run when it compiles; it must
            // finish (the test's own time is the bound) with a value or an error.
            seen += 1;
            let (profile, _, _) = msgadvisor::profile::load(
                "version: 1\nname: f\ndescription: a workload with lists\nthroughput: {peak_per_sec: 300}\nplatform: {languages: [go, python, typescript], existing: [kafka, redis]}\n",
                "f.yaml",
            )
            .unwrap();
            let env = cel::environment();
            let view = cel::view(&profile, &rules.derived(&profile), &rules.limits);
            if let Ok((condition, _)) = cel::compile(&env, text, &cel::shape(&rules.limits)) {
                let _ = condition.execute(&cel::context(&env, &view));
            }
        }
    }
    assert!(seen > 0, "no regression inputs found");
}
