//! `explain`: golden output in every format, and the arithmetic it shows adds up to the
//! scores `recommend` gives.

mod common;

use common::run_in_process as run;

#[test]
fn explain_golden_output() {
    for name in ["activity-feed", "order-events", "email-jobs"] {
        let path = format!("examples/{name}.yaml");
        for (format, ext) in [("text", "txt"), ("markdown", "md"), ("json", "json")] {
            let out = run(&["explain", &path, "--format", format]);
            insta::assert_snapshot!(format!("explain-{name}-{ext}"), out);
        }
    }
    // A what-if: the same profile with one field changed.
    let out = run(&[
        "explain",
        "examples/activity-feed.yaml",
        "--set",
        "replay.retention_days=3",
    ]);
    insta::assert_snapshot!("explain-activity-feed-set-retention-txt", out);
}

/// For every example profile: base + each step = total, the totals are `recommend`'s scores, and
/// the margin is the winner's score minus the runner-up's.
#[test]
fn the_arithmetic_adds_up_to_the_recommendation() {
    for entry in std::fs::read_dir("examples").unwrap() {
        let path = entry.unwrap().path();
        let path = path.to_str().unwrap();
        let e: serde_json::Value =
            serde_json::from_str(&run(&["explain", path, "--format", "json"])).unwrap();
        let r: serde_json::Value =
            serde_json::from_str(&run(&["recommend", path, "--format", "json"])).unwrap();
        assert_eq!(e["recommended"], r["recommended"], "{path}");
        let rules = e["rules"].as_array().unwrap();
        assert_eq!(
            rules.len(),
            msgadvisor::engine::RuleSet::builtin().unwrap().rules.len()
        );
        for (sheet, cand) in e["scores"]
            .as_array()
            .unwrap()
            .iter()
            .zip(r["candidates"].as_array().unwrap())
        {
            assert_eq!(sheet["id"], cand["id"], "{path}: same order");
            let sum = sheet["base"].as_i64().unwrap()
                + sheet["steps"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| s["delta"].as_i64().unwrap())
                    .sum::<i64>();
            assert_eq!(sum, sheet["total"].as_i64().unwrap(), "{path}");
            assert_eq!(sum, cand["score"].as_i64().unwrap(), "{path}");
            // Every step is a rule that fired.
            for s in sheet["steps"].as_array().unwrap() {
                assert!(
                    rules
                        .iter()
                        .any(|x| x["id"] == s["rule"] && x["fired"] == true),
                    "{path}: {s}"
                );
            }
        }
        let d = &e["decision"];
        if let Some(runner) = d["runner_up"].as_str() {
            let score = |id: &str| {
                e["scores"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|s| s["id"] == id)
                    .unwrap()["total"]
                    .as_i64()
                    .unwrap()
            };
            assert_eq!(
                d["margin"].as_i64().unwrap(),
                score(d["winner"].as_str().unwrap()) - score(runner),
                "{path}"
            );
        }
    }
}
