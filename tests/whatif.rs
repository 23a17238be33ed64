//! What-if with `--set`, and where rule packs come from when `--rules` is not given
//! (flag > MSGADVISOR_RULES > .msgadvisor.yaml).

mod common;
use common::*;

#[test]
fn set_changes_the_profile_without_editing_it_and_says_so() {
    let before = recommend_json(&["examples/email-jobs.yaml"]);
    assert_eq!(before["recommended"], "bullmq");
    assert!(before.get("what_if").is_none(), "no what_if without --set");
    let v = recommend_json(&[
        "examples/email-jobs.yaml",
        "--set",
        "consumers.groups=3",
        "--set",
        "replay.needed=true",
    ]);
    assert_ne!(v["recommended"], "bullmq");
    assert_eq!(
        v["what_if"],
        serde_json::json!([
            {"path": "consumers.groups", "value": 3},
            {"path": "replay.needed", "value": true}
        ])
    );
    let (code, out, _) = run(
        &[
            "recommend",
            "examples/email-jobs.yaml",
            "--set",
            "consumers.groups=3",
        ],
        None,
    );
    assert_eq!(code, 0);
    assert!(
        out.lines()
            .any(|l| l == "What-if (not in the file): --set consumers.groups=3"),
        "{out}"
    );
    // The file itself is untouched.
    assert!(
        std::fs::read_to_string("examples/email-jobs.yaml")
            .unwrap()
            .contains("  groups: 1 ")
    );
}

#[test]
fn set_works_on_standard_input_and_on_explain() {
    msgadvisor()
        .args([
            "recommend",
            "-",
            "--format",
            "json",
            "--set",
            "throughput.peak_per_sec=50000",
        ])
        .write_stdin("version: 1\nname: s\nthroughput: {peak_per_sec: 5}\n")
        .assert()
        .success()
        .stdout(predicates::str::contains("\"value\": 50000"));
    let (code, out, _) = run(
        &[
            "explain",
            "examples/order-events.yaml",
            "--set",
            "consumers.groups=1",
        ],
        None,
    );
    assert_eq!(code, 0);
    assert!(
        out.contains("What-if (not in the file): --set consumers.groups=1\n"),
        "{out}"
    );
    assert!(out.contains("saw consumers.groups = 1,"), "{out}");
}

#[test]
fn a_bad_set_is_an_input_error_like_a_bad_file() {
    for (set, want) in [
        (
            "throughput.peak_per_sek=5000",
            "error: examples/order-events.yaml: throughput.peak_per_sek: unknown key `peak_per_sek`; did you mean `peak_per_sec`? (from --set throughput.peak_per_sek=5000)",
        ),
        (
            "thruput.peak_per_sec=5000",
            "thruput: unknown key `thruput`; did you mean `throughput`? (from --set thruput.peak_per_sec=5000)",
        ),
        (
            "throughput.peak_per_sec=lots",
            "throughput.peak_per_sec: expected a number of messages/s, found the string `lots` (from --set throughput.peak_per_sec=lots)",
        ),
        (
            "delivery.ordering=sorted",
            "delivery.ordering: `sorted` is not one of: none, per-key, global",
        ),
        // A value that breaks a rule across fields points at the file's own field.
        (
            "throughput.peak_per_sec=10",
            "examples/order-events.yaml:10:16: throughput.avg_per_sec: 80 is above peak_per_sec (10)",
        ),
        (
            "throughput.peak_per_sec",
            "error: --set: `throughput.peak_per_sec`: expected PATH=VALUE",
        ),
    ] {
        let (code, out, err) = run(
            &["recommend", "examples/order-events.yaml", "--set", set],
            None,
        );
        assert_eq!(code, 2, "{set}: {err}");
        assert!(out.is_empty());
        assert!(err.contains(want), "{set}: expected `{want}` in:\n{err}");
    }
}

const WE_RUN_MSK: &str = "id: we-run-msk\ntitle: The platform team runs MSK for everyone\nwhy: Kafka is a shared service here.\nsource: platform policy\nwhen: \"true\"\neffect: {score: {kafka: 200}}\nexamples:\n  - profile: {}\n    fires: true\n";

const NO_KAFKA: &str = "id: no-kafka\ntitle: Kafka is not allowed here\nwhy: Policy.\nsource: platform policy\nwhen: \"true\"\neffect: {exclude: [kafka]}\nexamples:\n  - profile: {}\n    fires: true\n";

fn pick(args: &[&str], env: Option<&str>, cwd: &std::path::Path) -> String {
    let profile = std::env::current_dir()
        .unwrap()
        .join("examples/order-events.yaml");
    let mut c = msgadvisor();
    c.current_dir(cwd)
        .arg("recommend")
        .arg(&profile)
        .args(["--format", "json"])
        .args(args);
    if let Some(e) = env {
        c.env("MSGADVISOR_RULES", e);
    }
    let out = c.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["recommended"].as_str().unwrap().to_string()
}

#[test]
fn packs_come_from_the_flag_then_the_environment_then_the_config_file() {
    let msk = pack(&[("we-run-msk.yaml", WE_RUN_MSK)]);
    let no_kafka = pack(&[("no-kafka.yaml", NO_KAFKA)]);
    let plain = tempdir("cwd");
    // order-events is a Kafka workload with the built-in rules.
    assert_eq!(pick(&[], None, &plain), "kafka");

    // The config file, with a path relative to it.
    let cwd = tempdir("cwd");
    std::fs::create_dir_all(cwd.join("policy")).unwrap();
    std::fs::write(cwd.join("policy/no-kafka.yaml"), NO_KAFKA).unwrap();
    std::fs::write(
        cwd.join(".msgadvisor.yaml"),
        "# our packs\nrules: [policy]\n",
    )
    .unwrap();
    assert_ne!(pick(&[], None, &cwd), "kafka", "config file applies");

    // The environment beats the config file (and names two packs, `:`-separated).
    let env = format!("{}:{}", msk.display(), msk.display());
    assert_eq!(pick(&[], Some(&env), &cwd), "kafka", "env beats config");

    // The flag beats both.
    let flag = no_kafka.to_str().unwrap();
    assert_ne!(
        pick(&["--rules", flag], Some(&msk.display().to_string()), &cwd),
        "kafka"
    );
    assert_eq!(
        pick(&["--rules", msk.to_str().unwrap()], None, &cwd),
        "kafka",
        "flag beats config"
    );

    // An empty variable counts as unset.
    assert_ne!(pick(&[], Some(""), &cwd), "kafka");

    // Every command says where its packs came from.
    let out = msgadvisor()
        .current_dir(&cwd)
        .args(["rules", "list"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with(&format!(
            "{} rules in evaluation order (built-in rules + policy (from .msgadvisor.yaml)).",
            msgadvisor::engine::RuleSet::builtin().unwrap().rules.len() + 1
        )),
        "{text}"
    );
}

#[test]
fn a_bad_config_file_is_an_input_error_with_its_location() {
    let cwd = tempdir("cwd");
    std::fs::write(cwd.join(".msgadvisor.yaml"), "rule: [policy]\n").unwrap();
    let out = msgadvisor()
        .current_dir(&cwd)
        .args(["rules", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(".msgadvisor.yaml:1:1: rule: unknown key `rule`; did you mean `rules`?"),
        "{err}"
    );
}
