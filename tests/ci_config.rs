//! The rules a CI gate uses cannot be changed silently by the pull request it gates: every
//! `check` format names the packs and config file in force, `--no-config` (and
//! `MSGADVISOR_NO_CONFIG`) ignores `.msgadvisor.yaml`, and pack paths in that file stay inside
//! the repository.

mod common;
use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// A profile whose decision the built-in rules exclude (Pub/Sub loses messages and keeps none).
const PUBSUB: &str = "version: 1\nname: notifier\nthroughput: {peak_per_sec: 50}\ndelivery: {loss_ok: false}\nreplay: {needed: true}\nplatform: {languages: [typescript], existing: [redis]}\ndecision: redis-pubsub\n";

/// A repository as a hostile pull request leaves it: a failing profile, plus a config file and a
/// pack that disable the two rules that fail it.
fn attacked_repo() -> PathBuf {
    let repo = tempdir("attack");
    std::fs::create_dir_all(repo.join("profiles")).unwrap();
    std::fs::create_dir_all(repo.join("ci/pack")).unwrap();
    std::fs::write(repo.join("profiles/notifier.yaml"), PUBSUB).unwrap();
    for id in ["pubsub-at-most-once", "pubsub-no-replay"] {
        std::fs::write(
            repo.join(format!("ci/pack/{id}.yaml")),
            format!("id: {id}\ndisabled: true\n"),
        )
        .unwrap();
    }
    std::fs::write(repo.join(".msgadvisor.yaml"), "rules: [ci/pack]\n").unwrap();
    repo
}

fn check_in(repo: &Path, args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let mut c = msgadvisor();
    c.current_dir(repo)
        .arg("check")
        .arg("profiles")
        .args(args)
        .env_remove("GITHUB_STEP_SUMMARY");
    for (k, v) in env {
        c.env(k, v);
    }
    let out = c.output().unwrap();
    (
        out.status.code().expect("exited"),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn with_no_config_the_failing_check_still_fails() {
    let repo = attacked_repo();
    // Without the config file the profile fails (the baseline the attack tries to change).
    let (code, out, err) = check_in(&repo, &["--no-config"], &[]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("pubsub-at-most-once"), "{out}");
    let (code, out, err) = check_in(&repo, &[], &[("MSGADVISOR_NO_CONFIG", "1")]);
    assert_eq!(code, 1, "{out}{err}");
    // An explicit false value keeps the config file.
    let (code, out, err) = check_in(&repo, &[], &[("MSGADVISOR_NO_CONFIG", "0")]);
    assert_eq!(code, 0, "{out}{err}");
}

#[test]
fn no_config_ignores_the_config_file_in_every_command_that_reads_rules() {
    let repo = attacked_repo();
    let profile = repo.join("profiles/notifier.yaml");
    let profile = profile.to_str().unwrap();
    let (code, out, _) = run(&["rules", "list"], Some(&repo));
    assert_eq!(code, 0);
    assert!(out.contains("(from .msgadvisor.yaml)"), "{out}");
    let (code, out, _) = run(&["rules", "list", "--no-config"], Some(&repo));
    assert_eq!(code, 0);
    assert!(out.contains("(built-in rules only)"), "{out}");
    let (_, with, _) = run(&["recommend", profile, "--format", "json"], Some(&repo));
    let (_, without, _) = run(
        &["recommend", profile, "--format", "json", "--no-config"],
        Some(&repo),
    );
    let with: Value = serde_json::from_str(&with).unwrap();
    let without: Value = serde_json::from_str(&without).unwrap();
    assert!(with.get("rule_packs").is_some(), "{with}");
    assert!(without.get("rule_packs").is_none(), "{without}");
}

#[test]
fn every_check_format_names_the_pack_and_config_that_changed_the_result() {
    let repo = attacked_repo();
    let pack = "ci/pack";
    let config = ".msgadvisor.yaml";

    let (code, out, _) = check_in(&repo, &["--format", "text"], &[]);
    assert_eq!(code, 0, "the attack works without --no-config: {out}");
    assert!(
        out.starts_with(&format!(
            "Rules: built-in, {pack} (from {config})\nRules a pack turns off or changes: pubsub-at-most-once disabled by {pack}/pubsub-at-most-once.yaml; pubsub-no-replay disabled by {pack}/pubsub-no-replay.yaml\n"
        )),
        "the rules the pack turned off are named: {out}"
    );

    let (_, out, _) = check_in(&repo, &["--format", "json"], &[]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v["rule_packs"],
        serde_json::json!(["built-in", pack]),
        "{v}"
    );
    assert_eq!(v["config"], config, "{v}");

    let (_, out, _) = check_in(&repo, &["--format", "sarif"], &[]);
    let v: Value = serde_json::from_str(&out).unwrap();
    let props = &v["runs"][0]["invocations"][0]["properties"];
    assert_eq!(
        props["rulePacks"],
        serde_json::json!(["built-in", pack]),
        "{v}"
    );
    assert_eq!(props["config"], config, "{v}");

    let (_, out, _) = check_in(&repo, &["--format", "junit"], &[]);
    assert!(
        out.contains(&format!(
            "<properties>\n      <property name=\"rule-pack\" value=\"built-in\"/>\n      <property name=\"rule-pack\" value=\"{pack}\"/>\n      <property name=\"config\" value=\"{config}\"/>\n      <property name=\"rule-disabled\" value=\"pubsub-at-most-once disabled by {pack}/pubsub-at-most-once.yaml\"/>\n      <property name=\"rule-disabled\" value=\"pubsub-no-replay disabled by {pack}/pubsub-no-replay.yaml\"/>\n      <property name=\"waived\" value=\"0\"/>\n"
        )),
        "{out}"
    );

    let (_, out, _) = check_in(&repo, &["--format", "github"], &[]);
    assert!(
        out.starts_with(&format!(
            "::notice title=msgadvisor rules::Rules: built-in, {pack} (from {config})\n"
        )),
        "{out}"
    );

    let (_, out, _) = check_in(&repo, &["--format", "markdown"], &[]);
    assert!(
        out.contains(&format!("Rules: built-in, `{pack}` (from `{config}`)\n")),
        "{out}"
    );

    // Without the config the formats say so too.
    let (_, out, _) = check_in(&repo, &["--format", "json", "--no-config"], &[]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["rule_packs"], serde_json::json!(["built-in"]), "{v}");
    assert_eq!(v["config"], Value::Null, "{v}");
    let (_, out, _) = check_in(&repo, &["--no-config"], &[]);
    assert!(out.starts_with("Rules: built-in\n"), "{out}");
}

#[test]
fn pack_paths_in_the_config_file_stay_inside_the_repository() {
    let outside = pack(&[("x.yaml", "id: pubsub-at-most-once\ndisabled: true\n")]);
    let cases = [
        (
            format!("rules: [ok, {}]\n", outside.display()),
            "1:13",
            "is absolute",
        ),
        (
            "rules:\n  - ../elsewhere\n".to_string(),
            "2:5",
            "leaves the directory",
        ),
        (
            "rules: [a/../../b]\n".to_string(),
            "1:9",
            "leaves the directory",
        ),
    ];
    for (config, at, what) in cases {
        let repo = attacked_repo();
        std::fs::create_dir_all(repo.join("ok")).unwrap();
        std::fs::write(repo.join(".msgadvisor.yaml"), &config).unwrap();
        let (code, out, err) = check_in(&repo, &[], &[]);
        assert_eq!(code, 2, "{config}: {out}{err}");
        assert!(
            err.contains(&format!(".msgadvisor.yaml:{at}: ")) && err.contains(what),
            "{config}: {err}"
        );
        assert!(out.is_empty(), "{out}");
    }
}

#[cfg(unix)]
#[test]
fn a_symlinked_pack_that_points_outside_the_repository_is_rejected() {
    let outside = pack(&[("x.yaml", "id: pubsub-at-most-once\ndisabled: true\n")]);
    let repo = attacked_repo();
    std::os::unix::fs::symlink(&outside, repo.join("linked")).unwrap();
    std::fs::write(repo.join(".msgadvisor.yaml"), "rules: [linked]\n").unwrap();
    let (code, _, err) = check_in(&repo, &[], &[]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains(".msgadvisor.yaml:1:9: rules[0]: ") && err.contains("symlink"),
        "{err}"
    );
    // Named on the command line, any path is allowed: the user typed it.
    let (code, out, err) = check_in(&repo, &["--rules", outside.to_str().unwrap()], &[]);
    assert_eq!(code, 1, "only pubsub-no-replay still fails it: {out}{err}");
}

/// `--rules` beats `MSGADVISOR_RULES`, which beats the config file; an empty variable counts as
/// unset; each run says where its packs came from; `--help` names the variable.
#[test]
fn the_rules_flag_beats_the_environment_which_beats_the_config_file() {
    let repo = attacked_repo();
    std::fs::create_dir_all(repo.join("env-a")).unwrap();
    std::fs::create_dir_all(repo.join("env-b")).unwrap();
    std::fs::create_dir_all(repo.join("flag")).unwrap();
    let text = |args: &[&str], env: &[(&str, &str)]| {
        let (code, out, err) = check_in(&repo, args, env);
        assert!(code <= 1, "{out}{err}");
        out.lines().next().unwrap_or_default().to_string()
    };
    assert_eq!(
        text(&[], &[("MSGADVISOR_RULES", "env-a:env-b")]),
        "Rules: built-in, env-a, env-b (from MSGADVISOR_RULES)"
    );
    assert_eq!(
        text(&["--rules", "flag"], &[("MSGADVISOR_RULES", "env-a")]),
        "Rules: built-in, flag (from --rules)"
    );
    assert_eq!(
        text(&[], &[("MSGADVISOR_RULES", "")]),
        "Rules: built-in, ci/pack (from .msgadvisor.yaml)"
    );
    assert_eq!(
        text(&["--no-config"], &[("MSGADVISOR_RULES", "::")]),
        "Rules: built-in"
    );
    let (_, out, _) = check_in(
        &repo,
        &["--format", "json"],
        &[("MSGADVISOR_RULES", "env-a")],
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v["rule_packs"],
        serde_json::json!(["built-in", "env-a"]),
        "{v}"
    );
    for command in ["recommend", "explain", "report", "check", "rules"] {
        let args: &[&str] = if command == "rules" {
            &["rules", "list", "--help"]
        } else {
            &[command, "--help"]
        };
        let (code, out, _) = run(args, None);
        assert_eq!(code, 0);
        assert!(out.contains("[env: MSGADVISOR_RULES"), "{command}: {out}");
    }
}

/// An empty `--rules` is a usage error (exit 2), as it was before clap read the variable too.
#[test]
fn an_empty_rules_flag_is_a_usage_error() {
    let (code, out, err) = run(&["rules", "list", "--rules", ""], None);
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.starts_with("error: a value is required for '--rules <DIR>' but none was supplied"),
        "{err}"
    );
}
