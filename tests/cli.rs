//! The binary as a user meets it: exit codes, and error messages that name the file, the line
//! and column, and what would be right.

mod common;

use assert_cmd::Command;
use std::io::Write;

fn msgadvisor() -> Command {
    common::msgadvisor()
}

/// Writes `text` to a temporary profile and runs `recommend` on it.
fn recommend_text(text: &[u8]) -> (i32, String, String) {
    let dir = tempdir();
    let path = dir.join("profile.yaml");
    std::fs::write(&path, text).unwrap();
    let out = msgadvisor().arg("recommend").arg(&path).output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn tempdir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "msgadvisor-cli-{}-{}",
        std::process::id(),
        rand_suffix()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn rand_suffix() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}

const VALID: &str = "version: 1\nname: jobs\nthroughput:\n  peak_per_sec: 20\n";

#[test]
fn a_valid_profile_exits_0_with_a_recommendation() {
    let (code, out, err) = recommend_text(VALID.as_bytes());
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("jobs: "), "{out}");
    assert!(out.contains("recommended"));
}

#[test]
fn every_example_profile_is_recommended_without_error() {
    for entry in std::fs::read_dir("examples").unwrap() {
        let path = entry.unwrap().path();
        for format in ["table", "json", "yaml", "markdown"] {
            msgadvisor()
                .args(["recommend", path.to_str().unwrap(), "--format", format])
                .assert()
                .success();
        }
    }
}

#[test]
fn json_has_the_spec_keys() {
    let out = msgadvisor()
        .args([
            "recommend",
            "examples/order-events.yaml",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["profile"], "order-events");
    assert_eq!(v["recommended"], "kafka");
    assert_eq!(v["patterns"], serde_json::json!(["outbox"]));
    let cands = v["candidates"].as_array().unwrap();
    assert_eq!(cands[0]["id"], "kafka");
    assert_eq!(
        cands
            .iter()
            .filter(|c| c["verdict"] == "recommended")
            .count(),
        1
    );
    for c in cands {
        assert!(c["score"].is_i64());
        assert!(
            ["recommended", "viable", "discouraged", "excluded"]
                .contains(&c["verdict"].as_str().unwrap())
        );
        for r in c["reasons"].as_array().unwrap() {
            for key in ["rule", "effect", "message", "source"] {
                assert!(r[key].is_string(), "reason without {key}: {r}");
            }
        }
    }
}

#[test]
fn stdin_is_read_with_a_dash() {
    msgadvisor()
        .args(["recommend", "-", "--format", "json"])
        .write_stdin(VALID)
        .assert()
        .success()
        .stdout(predicates::str::contains("\"profile\": \"jobs\""));
}

/// Each class of bad input: exit 2, one line per problem naming the file, line and column.
#[test]
fn validation_errors_name_file_line_and_column() {
    let cases: &[(&str, &str)] = &[
        // unknown key, with a suggestion
        (
            "version: 1\nname: x\nthroughput:\n  peak_per_sec: 20\n  peek_per_sec: 3\n",
            "profile.yaml:5:3: throughput.peek_per_sec: unknown key `peek_per_sec`; did you mean `peak_per_sec`?",
        ),
        // wrong type
        (
            "version: 1\nname: x\nthroughput:\n  peak_per_sec: lots\n",
            "profile.yaml:4:17: throughput.peak_per_sec: expected a number of messages/s, found the string `lots`",
        ),
        // out of range
        (
            "version: 1\nname: x\nthroughput:\n  peak_per_sec: -5\n",
            "profile.yaml:4:17: throughput.peak_per_sec: -5 is out of range: must be a number from 0.000001 to 1000000000 messages/s (one message in 11.6 days to a billion a second)",
        ),
        // cross-field rule
        (
            "version: 1\nname: x\nthroughput: {peak_per_sec: 5, avg_per_sec: 9}\n",
            "profile.yaml:3:44: throughput.avg_per_sec: 9 is above peak_per_sec (5)",
        ),
        // bad enum
        (
            "version: 1\nname: x\nthroughput: {peak_per_sec: 5}\ndelivery: {ordering: strict}\n",
            "profile.yaml:4:22: delivery.ordering: `strict` is not one of: none, per-key, global",
        ),
        // unsupported version
        (
            "version: 3\nname: x\nthroughput: {peak_per_sec: 5}\n",
            "profile.yaml:1:10: version: unsupported version 3; this msgadvisor reads version 1",
        ),
        // YAML 1.1 boolean
        (
            "version: 1\nname: x\nthroughput: {peak_per_sec: 5}\nreplay: {needed: yes}\n",
            "profile.yaml:4:18: replay.needed: expected true or false, found the string `yes`",
        ),
        // YAML syntax
        (
            "version: 1\nname: x\nthroughput: {peak_per_sec: 5\n",
            "profile.yaml:",
        ),
        // not a candidate
        (
            "version: 1\nname: x\nthroughput: {peak_per_sec: 5}\ndecision: kafak\n",
            "profile.yaml:4:11: decision: `kafak` is not a candidate",
        ),
        // non-finite
        (
            "version: 1\nname: x\nthroughput: {peak_per_sec: .nan}\n",
            "profile.yaml:3:28: throughput.peak_per_sec: expected a finite number",
        ),
    ];
    for (text, expected) in cases {
        let (code, out, err) = recommend_text(text.as_bytes());
        assert_eq!(code, 2, "{text}\n{err}");
        assert!(out.is_empty(), "nothing on stdout for bad input: {out}");
        assert!(
            err.contains(expected),
            "for\n{text}\nexpected `{expected}` in:\n{err}"
        );
        assert!(
            !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
            "{err}"
        );
    }
}

#[test]
fn all_problems_are_reported_at_once() {
    let (code, _, err) = recommend_text(b"version: 1\nname: x\nthroughput: {peak_per_sec: 0}\nconsumers: {groups: 0, processing_ms: -1}\nteam: {size: 0}\n");
    assert_eq!(code, 2);
    let lines: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("profile.yaml:"))
        .collect();
    assert_eq!(lines.len(), 4, "{err}");
}

#[test]
fn unreadable_inputs_exit_2_with_a_clear_message() {
    let dir = tempdir();
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (
            Vec::new(),
            "the profile is empty; it needs at least `version: 1`",
        ),
        (b"\xff\xfe\x00version".to_vec(), "binary"),
        (b"name: caf\xe9\n".to_vec(), "not UTF-8"),
        (
            format!(
                "version: 1\nname: x\nthroughput: {{peak_per_sec: 1}}\ndescription: \"{}\"\n",
                "a".repeat(1_100_000)
            )
            .into_bytes(),
            "too large",
        ),
        (
            format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)).into_bytes(),
            "profile.yaml",
        ),
        (
            "- just\n- a list\n".as_bytes().to_vec(),
            "expected a profile",
        ),
    ];
    for (bytes, expected) in cases {
        let (code, _, err) = recommend_text(&bytes);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains(expected), "expected `{expected}` in {err}");
        assert!(err.lines().count() <= 3, "a short message, got: {err}");
    }
    msgadvisor()
        .args(["recommend", "does-not-exist.yaml"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "does-not-exist.yaml: no such file",
        ));
    msgadvisor()
        .arg("recommend")
        .arg(&dir)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("is a directory"));
    msgadvisor()
        .args(["recommend", "-"])
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "<stdin>:1:1: the profile is empty",
        ));
}

#[test]
fn alias_bombs_are_refused_quickly() {
    let mut text = String::from(
        "version: 1\nname: x\nthroughput: {peak_per_sec: 1}\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n",
    );
    for i in 1..10 {
        let p = i - 1;
        text.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    let (code, _, err) = recommend_text(text.as_bytes());
    assert_eq!(code, 2);
    assert!(err.contains("profile.yaml"), "{err}");
}

#[test]
fn usage_errors_exit_2() {
    msgadvisor().arg("recommend").assert().code(2);
    msgadvisor()
        .args(["recommend", "examples/email-jobs.yaml", "--format", "pdf"])
        .assert()
        .code(2);
    msgadvisor().arg("frobnicate").assert().code(2);
}

#[test]
fn help_and_version() {
    msgadvisor()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicates::str::contains("Examples:"));
    msgadvisor()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicates::str::contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn output_is_deterministic() {
    let run = || {
        msgadvisor()
            .args([
                "recommend",
                "examples/activity-feed.yaml",
                "--format",
                "json",
            ])
            .output()
            .unwrap()
            .stdout
    };
    assert_eq!(run(), run());
}

#[test]
fn a_broken_rule_pack_is_an_error_naming_its_file_and_line() {
    let dir = tempdir();
    let mut f = std::fs::File::create(dir.join("bad-rule.yaml")).unwrap();
    writeln!(f, "id: bad-rule\ntitle: t\nwhy: w\nsource: s\nwhen: throughput.peak_per_sek > 1.0\neffect: {{score: {{kafka: 5}}}}\nexamples: []").unwrap();
    drop(f);
    msgadvisor()
        .args(["recommend", "examples/email-jobs.yaml", "--rules"])
        .arg(&dir)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("bad-rule.yaml:5:7: when: `throughput` has no field `peak_per_sek`; did you mean `throughput.peak_per_sec`?"));
}

#[test]
fn a_rule_pack_can_change_the_outcome() {
    let dir = tempdir();
    std::fs::write(
        dir.join("we-run-msk.yaml"),
        "id: we-run-msk\ntitle: The platform team runs MSK for everyone\nwhy: Kafka is a shared service here.\nsource: platform policy\nwhen: \"true\"\neffect: {score: {kafka: 200}}\nexamples:\n  - profile: {}\n    fires: true\n",
    )
    .unwrap();
    let out = msgadvisor()
        .args([
            "recommend",
            "examples/email-jobs.yaml",
            "--format",
            "json",
            "--rules",
        ])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["recommended"], "kafka");
}

#[test]
fn completions_for_each_shell() {
    for (shell, marker) in [
        ("bash", "_msgadvisor()"),
        ("zsh", "#compdef msgadvisor"),
        ("fish", "complete -c msgadvisor"),
    ] {
        msgadvisor()
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(predicates::str::contains(marker))
            .stdout(predicates::str::contains("recommend"));
    }
    msgadvisor().args(["completions", "tcsh"]).assert().code(2);
}

/// A typo in `platform.languages` changes the pick: it must reach the person on stderr, located
/// like an error, in every command that reads a profile, whatever the format (issue #17).
#[test]
fn input_warnings_go_to_stderr_with_file_line_and_column() {
    let dir = common::tempdir("typo");
    let path = dir.join("typo.yaml");
    std::fs::write(
        &path,
        "version: 1\nname: x\nthroughput: {peak_per_sec: 50}\nplatform: {languages: [typescirpt]}\n",
    )
    .unwrap();
    let p = path.to_str().unwrap();
    for args in [
        vec!["recommend", p],
        vec!["recommend", p, "--format", "json"],
        vec!["explain", p],
        vec!["report", p],
    ] {
        let out = common::msgadvisor().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            err,
            format!(
                "warning: {p}:4:24: platform.languages[0]: `typescirpt` is not a runtime the rules know; no rule will match it; did you mean `typescript`?\n"
            ),
            "{args:?}"
        );
        if args.contains(&"json") {
            serde_json::from_slice::<serde_json::Value>(&out.stdout).expect("stdout stays JSON");
        }
    }
}

/// `recommend`, `explain` and `report` take the profile and what its judgement depends on the
/// same way: after their own options, in one order, each option once.
#[test]
fn the_profile_commands_list_the_shared_options_alike_after_their_own() {
    let shared = [
        "--no-waivers",
        "--rules",
        "--no-config",
        "--prices",
        "--set",
    ];
    for (command, own) in [
        ("recommend", "--width"),
        ("explain", "--format"),
        ("report", "--date"),
    ] {
        let out = msgadvisor().args([command, "--help"]).output().unwrap();
        assert!(out.status.success());
        let help = String::from_utf8(out.stdout).unwrap();
        assert!(help.contains("<PROFILE>"), "{command}: {help}");
        // The line that defines an option: `  -f, --format <FORMAT>` or `      --set <PATH=VALUE>`.
        let at = |flag: &str| {
            let found: Vec<usize> = help
                .lines()
                .enumerate()
                .filter(|(_, l)| {
                    let l = l.trim_start();
                    let l = l
                        .split_once(", ")
                        .filter(|(s, _)| s.len() == 2)
                        .map_or(l, |(_, r)| r);
                    l.split(' ').next() == Some(flag)
                })
                .map(|(i, _)| i)
                .collect();
            assert_eq!(found.len(), 1, "{command}: {flag} once\n{help}");
            found[0]
        };
        let order: Vec<usize> = shared.iter().map(|f| at(f)).collect();
        assert!(
            order.is_sorted(),
            "{command}: {shared:?} in this order\n{help}"
        );
        assert!(
            at(own) < order[0],
            "{command}: its own options first\n{help}"
        );
    }
}
