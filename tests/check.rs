//! `msgadvisor check`: exit codes, discovery, waivers, and every output format, as CI sees them.

mod common;

use serde_json::Value;

const REPO: &str = "tests/fixtures/check/repo";
const MAILER: &str = "tests/fixtures/check/repo/services/mailer.yaml";
const NOTIFIER: &str = "tests/fixtures/check/repo/services/notifier.yaml";
const ORDERS: &str = "tests/fixtures/check/repo/order-events.yaml";
const THUMBNAILS: &str = "tests/fixtures/check/repo/thumbnail-jobs.yaml";
const STALE: &str = "tests/fixtures/check/repo/stale-waiver.yaml";
const UNDECIDED: &str = "tests/fixtures/check/repo/undecided.yaml";
const BROKEN: &str = "tests/fixtures/check/invalid/broken.yaml";
/// Before the mailer's waiver expires (2027-06-30) and after it.
const BEFORE_EXPIRY: &str = "2027-01-01";
const AFTER_EXPIRY: &str = "2027-07-01";

fn check(args: &[&str]) -> (i32, String, String) {
    let out = common::msgadvisor()
        .arg("check")
        .args(args)
        .env_remove("GITHUB_STEP_SUMMARY")
        .output()
        .unwrap();
    (
        out.status.code().expect("exited"),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn json(args: &[&str]) -> (i32, Value) {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let (code, out, _) = check(&all);
    (code, serde_json::from_str(&out).expect("valid JSON"))
}

/// The 1-based line of the `decision:` key in a file.
fn decision_line(path: &str) -> u64 {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .position(|l| l.starts_with("decision:"))
        .unwrap() as u64
        + 1
}

fn profile<'a>(report: &'a Value, file: &str) -> &'a Value {
    report["profiles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["file"] == file)
        .unwrap_or_else(|| panic!("{file} not in {report:#}"))
}

// ---- exit codes -------------------------------------------------------------------------------

#[test]
fn a_recommended_decision_passes_with_exit_0() {
    let (code, out, _) = check(&[ORDERS]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.starts_with(&format!(
            "Rules: built-in\nPASS    {ORDERS} (order-events)\n"
        )),
        "{out}"
    );
    assert!(out.contains("decision `kafka` is recommended"), "{out}");
    assert!(
        out.ends_with("1 profile, 1 passed, 0 warnings, 0 failed, 0 waived\n"),
        "{out}"
    );
}

#[test]
fn an_excluded_decision_fails_with_exit_1_and_names_the_rule() {
    let (code, out, _) = check(&[NOTIFIER]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.starts_with(&format!(
            "Rules: built-in\nFAIL    {NOTIFIER} (payment-notifier)"
        )),
        "{out}"
    );
    let line = decision_line(NOTIFIER);
    assert!(
        out.contains(&format!(
            "{line}:1    error   pubsub-at-most-once (exclude): Redis Pub/Sub delivers at most once"
        )),
        "{out}"
    );
    assert!(out.contains("recommended: BullMQ (`bullmq`)"), "{out}");
}

#[test]
fn a_discouraged_decision_warns_and_fails_only_with_fail_on_warn() {
    let (code, out, _) = check(&[THUMBNAILS]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.starts_with(&format!("Rules: built-in\nWARN    {THUMBNAILS}")),
        "{out}"
    );
    assert!(
        out.contains(
            "warning check/decision-margin: `kafka` scores -45, Database as the queue (outbox / job table) 80: 125 points apart"
        ),
        "{out}"
    );
    assert!(out.contains("note    low-traffic-kafka (-30)"), "{out}");
    let (code, _, _) = check(&[THUMBNAILS, "--fail-on", "warn"]);
    assert_eq!(code, 1);
}

/// The line under a profile says its standing and the recommendation; the findings below it say
/// why, each reason once: the rule that excludes the decision, or the margin it is behind by.
#[test]
fn each_reason_against_a_decision_is_said_once_in_text_and_markdown() {
    for format in ["text", "markdown"] {
        let (_, out, _) = check(&[NOTIFIER, THUMBNAILS, "--format", format]);
        let flat = out.split_whitespace().collect::<Vec<_>>().join(" ");
        for (reason, what) in [
            ("Redis Pub/Sub delivers at most once", "the exclude rule"),
            ("125 points", "the margin"),
        ] {
            assert_eq!(flat.matches(reason).count(), 1, "{format}: {what}:\n{out}");
        }
        for line in [
            "decision `redis-pubsub` is excluded; recommended: BullMQ (`bullmq`)",
            "decision `kafka` is behind; recommended: Database as the queue (outbox / job table) (`outbox`)",
        ] {
            assert!(flat.contains(line), "{format}: {line}\n{out}");
        }
    }
}

/// The table of a markdown check says the word the message under it and `recommend` say:
/// `behind` for a decision too far below the pick, `discouraged` only for a rule.
#[test]
fn markdown_says_behind_for_a_score_gap_as_its_message_does() {
    let (_, out, _) = check(&[THUMBNAILS, "--format", "markdown"]);
    let row = out
        .lines()
        .find(|l| l.starts_with("| ") && l.contains("thumbnail-jobs"))
        .unwrap_or_else(|| panic!("no row:\n{out}"));
    assert!(row.contains("| `kafka` | behind | `outbox` |"), "{row}");
    assert!(out.contains("decision `kafka` is behind"), "{out}");
    assert!(!out.contains("discouraged"), "{out}");
    let (_, r) = json(&[THUMBNAILS]);
    assert_eq!(
        profile(&r, THUMBNAILS)["verdict"],
        "discouraged",
        "the SPEC's four values"
    );
    assert_eq!(profile(&r, THUMBNAILS)["standing"], "behind");
}

/// What `recommend` puts first is not passed silently: a budget nothing that meets the
/// requirements fits, and a requirement no candidate can keep, warn even when the decision is
/// the recommended candidate (it is the best of what is left).
#[test]
fn what_needs_attention_warns_even_when_the_decision_is_recommended() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(ORDERS).unwrap();
    let dear = dir.path().join("orders-small-budget.yaml");
    let budget = text.replace("monthly_usd: 1500", "monthly_usd: 100");
    assert_ne!(budget, text, "the fixture's budget moved");
    std::fs::write(&dear, budget).unwrap();
    let path = dear.to_str().unwrap();
    let (code, out, _) = check(&[path]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("WARN    "), "{out}");
    assert!(out.contains("decision `kafka` is recommended"), "{out}");
    let line = decision_line(path);
    assert!(
        out.contains(&format!(
            "{line}:1    warning check/needs-attention: Nothing that meets the requirements fits the budget of $100 a month"
        )),
        "{out}"
    );
    let (code, _, _) = check(&[path, "--fail-on", "warn"]);
    assert_eq!(code, 1);

    // A rule's own finding keeps its rule id: one global order at 5,000 msg/s with 50 ms each, the
    // decision the recommended candidate (without the finding it would pass).
    let global = dir.path().join("global.yaml");
    std::fs::write(
        &global,
        "version: 1\nname: ledger\nthroughput: {peak_per_sec: 5000}\nconsumers: {processing_ms: 50}\ndelivery: {ordering: global}\ndecision: redis-streams\n",
    )
    .unwrap();
    let (_, report) = json(&[global.to_str().unwrap()]);
    let p = &report["profiles"][0];
    assert_eq!(p["status"], "warn", "{p:#}");
    assert!(
        p["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "global-ordering-cannot-keep-up" && f["level"] == "warning"),
        "{p:#}"
    );
}

#[test]
fn an_invalid_profile_is_located_the_run_goes_on_and_exits_2() {
    let (code, out, _) = check(&[BROKEN, ORDERS, NOTIFIER]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains(&format!("INVALID {BROKEN}\n")), "{out}");
    assert!(
        out.contains(
            "4:17    error   check/invalid-profile: throughput.peak_per_sec: 0 is out of range"
        ),
        "{out}"
    );
    assert!(
        out.contains("5:3     error   check/invalid-profile: throughput.mesage_bytes: unknown key `mesage_bytes`; did you mean `message_bytes`?"),
        "{out}"
    );
    // The others were still checked.
    assert!(out.contains(&format!("PASS    {ORDERS}")), "{out}");
    assert!(out.contains(&format!("FAIL    {NOTIFIER}")), "{out}");
    assert!(
        out.ends_with("3 profiles, 1 passed, 0 warnings, 1 failed, 1 invalid, 0 waived\n"),
        "{out}"
    );
}

#[test]
fn a_decision_that_is_not_a_candidate_is_invalid() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("p.yaml");
    std::fs::write(
        &p,
        "version: 1\nname: x\nthroughput: {peak_per_sec: 10}\ndecision: kafak\n",
    )
    .unwrap();
    let (code, out, _) = check(&[p.to_str().unwrap()]);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("4:11    error   check/invalid-profile: decision: `kafak` is not a candidate"),
        "{out}"
    );
    assert!(out.contains("did you mean `kafka`?"), "{out}");
}

#[test]
fn a_waiver_of_an_unknown_rule_is_invalid_with_a_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("p.yaml");
    std::fs::write(
        &p,
        "version: 1\nname: x\nthroughput: {peak_per_sec: 10}\nwaivers:\n  - rule: low-trafic-kafka\n    reason: r\n",
    )
    .unwrap();
    let (code, out, _) = check(&[p.to_str().unwrap()]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("waivers[0].rule: `low-trafic-kafka` is not a rule id; did you mean `low-traffic-kafka`?"), "{out}");
}

#[test]
fn bad_usage_exits_2() {
    for args in [
        vec![ORDERS, "--today", "2027-02-30"],
        vec![ORDERS, "--format", "xml"],
        vec![ORDERS, "--fail-on", "pass"],
        vec![],
    ] {
        let (code, _, err) = check(&args);
        assert_eq!(code, 2, "{args:?}: {err}");
    }
    let (code, _, err) = check(&[ORDERS, "--today", "2027-02-30"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("`2027-02-30` is not a date; write YYYY-MM-DD"),
        "{err}"
    );
}

#[test]
fn a_path_that_names_nothing_is_reported_and_exits_2() {
    let (code, out, _) = check(&[
        ORDERS,
        "tests/fixtures/check/nope.yaml",
        "tests/fixtures/check/*.none",
    ]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("INVALID tests/fixtures/check/nope.yaml\n        error   check/invalid-profile: no such file or directory"), "{out}");
    assert!(out.contains(&format!("PASS    {ORDERS}")), "{out}");
    // A glob that matches nothing is a note, not a profile counted as invalid.
    assert!(out.contains("2 profiles, 1 passed"), "{out}");
}

#[test]
fn a_glob_that_matches_nothing_is_a_note_not_an_invalid_profile() {
    let (code, out, err) = check(&[ORDERS, "tests/fixtures/check/*.none"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("1 profile, 1 passed"), "{out}");
    assert!(
        err.contains("note: the pattern `tests/fixtures/check/*.none` matches no YAML file"),
        "{err}"
    );
}

#[test]
fn a_directory_without_profiles_passes_with_a_note_unless_profiles_are_required() {
    let (code, out, err) = check(&["tests/fixtures/check/not-profiles"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("0 profiles"), "{out}");
    assert!(err.contains("note: no profiles found in tests/fixtures/check/not-profiles (1 YAML file skipped: not a profile)"), "{err}");
    assert!(
        err.contains("use --require-profiles to fail instead"),
        "{err}"
    );
    let (code, out, err) = check(&["tests/fixtures/check/not-profiles", "--require-profiles"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.is_empty());
    assert!(err.contains("no profiles found in tests/fixtures/check/not-profiles (1 YAML file skipped: not a profile); a profile is a YAML file with `version: 1`, `name` and `throughput` (--require-profiles)"), "{err}");
}

#[test]
fn a_real_repository_with_manifests_charts_and_compose_files_checks_only_its_profiles() {
    // What a pre-commit hook with `args: ["."]` meets: a multi-document Kubernetes manifest, a
    // Helm template, a Compose file with `version: "3.8"` and `name:`, an empty YAML file, and
    // one profile. Only the profile is judged; the rest is skipped and counted, never an error.
    let dir = common::tempdir("real-repo");
    let files = [
        (
            "k8s/service.yaml",
            "apiVersion: v1\nkind: Service\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: b}\n",
        ),
        (
            "chart/templates/deployment.yaml",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n",
        ),
        (
            "compose.yaml",
            "version: \"3.8\"\nname: app\nservices:\n  web: {image: nginx}\n",
        ),
        ("empty.yml", ""),
    ];
    for (name, text) in files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    std::fs::create_dir_all(dir.join("profiles")).unwrap();
    std::fs::copy(ORDERS, dir.join("profiles/order-events.yaml")).unwrap();
    // A damaged profile still says it is one (`version: 1`), so it is reported, not skipped.
    std::fs::write(dir.join("profiles/broken.yaml"), "version: 1\nname: [\n").unwrap();
    let out = common::msgadvisor()
        .current_dir(&dir)
        .args(["check", "."])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(2),
        "the broken profile is invalid:\n{text}"
    );
    assert!(text.contains("INVALID profiles/broken.yaml"), "{text}");
    assert!(
        text.contains("PASS    profiles/order-events.yaml"),
        "{text}"
    );
    assert!(
        text.contains("Skipped as not profiles: chart/templates/deployment.yaml, compose.yaml, empty.yml and k8s/service.yaml\n"),
        "{text}"
    );
    assert!(
        text.contains("2 profiles, 1 passed, 0 warnings, 0 failed, 1 invalid"),
        "{text}"
    );
    std::fs::remove_file(dir.join("profiles/broken.yaml")).unwrap();
    let out = common::msgadvisor()
        .current_dir(&dir)
        .args(["check", "."])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("1 profile, 1 passed"), "{text}");
    assert!(
        text.contains("4 YAML files skipped (not a profile)"),
        "{text}"
    );
}

// ---- discovery ------------------------------------------------------------------------------

/// The text format names the files it skipped as every list is named: all of up to six, else
/// five and how many more (never "and 1 more").
#[test]
fn skipped_files_are_named_as_every_list_is() {
    let skipped_line = |files: usize| {
        let dir = common::tempdir(&format!("skipped-{files}"));
        for i in 0..files {
            let manifest = format!("apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: c{i}}}\n");
            std::fs::write(dir.join(format!("c{i}.yaml")), manifest).unwrap();
        }
        std::fs::copy(ORDERS, dir.join("orders.yaml")).unwrap();
        let out = common::msgadvisor()
            .current_dir(&dir)
            .args(["check", "."])
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert_eq!(out.status.code(), Some(0), "{text}");
        text.lines()
            .find(|l| l.starts_with("Skipped as not profiles: "))
            .unwrap_or_else(|| panic!("no skipped line: {text}"))
            .to_string()
    };
    assert_eq!(skipped_line(1), "Skipped as not profiles: c0.yaml");
    assert_eq!(
        skipped_line(6),
        "Skipped as not profiles: c0.yaml, c1.yaml, c2.yaml, c3.yaml, c4.yaml and c5.yaml"
    );
    assert_eq!(
        skipped_line(8),
        "Skipped as not profiles: c0.yaml, c1.yaml, c2.yaml, c3.yaml, c4.yaml and 3 more"
    );
}

#[test]
fn directories_are_walked_sorted_skipping_other_yaml_and_hidden_dirs() {
    let (code, out, _) = check(&[REPO, "--today", BEFORE_EXPIRY]);
    assert_eq!(code, 1, "{out}");
    let files: Vec<&str> = out
        .lines()
        .filter(|l| {
            ["PASS ", "WARN ", "FAIL ", "INVALID "]
                .iter()
                .any(|s| l.starts_with(s))
        })
        .map(|l| l.split_whitespace().nth(1).unwrap())
        .collect();
    assert_eq!(
        files,
        [ORDERS, MAILER, NOTIFIER, STALE, THUMBNAILS, UNDECIDED],
        "{out}"
    );
    assert!(
        !out.contains(".github/"),
        "hidden directories are not walked: {out}"
    );
    assert!(
        out.contains(&format!("Not read: {REPO}/.github (hidden)\n")),
        "a hidden directory is listed as not read: {out}"
    );
    assert!(
        out.contains(&format!(
            "Skipped as not profiles: {REPO}/docker-compose.yml\n"
        )),
        "{out}"
    );
    assert!(
        out.ends_with("6 profiles, 3 passed, 2 warnings, 1 failed, 1 waived; 1 YAML file skipped (not a profile); 1 entry not read (hidden, or a symlink not followed)\n"),
        "{out}"
    );
}

#[test]
fn globs_expand_and_a_file_named_twice_is_checked_once() {
    let (code, out, _) = check(&[
        "tests/fixtures/check/repo/services/*.yaml",
        MAILER,
        "--today",
        BEFORE_EXPIRY,
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.ends_with("2 profiles, 1 passed, 0 warnings, 1 failed, 1 waived\n"),
        "{out}"
    );
}

#[test]
fn a_profile_can_come_from_standard_input() {
    let out = common::msgadvisor()
        .args(["check", "-"])
        .write_stdin(std::fs::read_to_string(NOTIFIER).unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("Rules: built-in\nFAIL    <stdin> (payment-notifier)"),
        "{text}"
    );
}

// ---- decisions and waivers --------------------------------------------------------------------

#[test]
fn a_profile_without_decision_passes_unless_one_is_required() {
    let (code, out, _) = check(&[UNDECIDED]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("no decision to check; recommended: Database as the queue (outbox / job table) (`outbox`)"),
        "{out}"
    );
    let (code, out, _) = check(&[UNDECIDED, "--require-decision"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("error   check/decision-missing: no decision declared (--require-decision)"),
        "{out}"
    );
    assert!(out.contains("add `decision: outbox`"), "{out}");
}

#[test]
fn a_waiver_lifts_an_excluded_decision_and_is_shown_with_its_reason() {
    let (code, out, _) = check(&[MAILER, "--today", BEFORE_EXPIRY]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains(
            "decision `bullmq` is recommended (with waivers; without them it is excluded)"
        ),
        "{out}"
    );
    assert!(
        out.contains("waived  bullmq-needs-node-or-python (exclude)"),
        "{out}"
    );
    assert!(
        out.contains(
            "waived: The mail workers stay in Node.js; only the producers are Go (until 2027-06-30)"
        ),
        "{out}"
    );
    assert!(
        out.ends_with("1 profile, 1 passed, 0 warnings, 0 failed, 1 waived\n"),
        "{out}"
    );
}

#[test]
fn a_waiver_holds_through_its_expiry_day_and_fails_after_it() {
    let (code, _, _) = check(&[MAILER, "--today", "2027-06-30"]);
    assert_eq!(code, 0);
    let (code, out, _) = check(&[MAILER, "--today", AFTER_EXPIRY]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.starts_with(&format!("Rules: built-in\nFAIL    {MAILER}")),
        "{out}"
    );
    assert!(
        out.contains("26:5    error   check/waiver-expired: the waiver of `bullmq-needs-node-or-python` expired on 2027-06-30 (today is 2027-07-01)"),
        "{out}"
    );
    // The finding it waived is back.
    assert!(
        out.contains("error   bullmq-needs-node-or-python (exclude)"),
        "{out}"
    );
    assert!(
        out.ends_with("1 profile, 0 passed, 0 warnings, 1 failed, 0 waived\n"),
        "{out}"
    );
}

#[test]
fn an_expired_waiver_fails_even_when_the_decision_is_fine() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("p.yaml");
    let text = std::fs::read_to_string(ORDERS).unwrap()
        + "waivers:\n  - rule: fan-out-with-replay\n    reason: old\n    expires: 2020-01-01\n";
    std::fs::write(&p, text).unwrap();
    let (code, out, _) = check(&[p.to_str().unwrap(), "--today", BEFORE_EXPIRY]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("decision `kafka` is recommended"), "{out}");
    assert!(out.contains("check/waiver-expired"), "{out}");
}

#[test]
fn a_waiver_whose_rule_did_not_fire_is_stale() {
    let (code, out, _) = check(&[STALE]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.starts_with(&format!("Rules: built-in\nWARN    {STALE}")),
        "{out}"
    );
    assert!(
        out.contains("22:5    warning check/waiver-stale: the waiver of `low-traffic-kafka` is stale: the rule does not fire for this profile; remove the waiver"),
        "{out}"
    );
    let (code, _, _) = check(&[STALE, "--fail-on", "warn"]);
    assert_eq!(code, 1);
}

/// A waiver with no `expires` waives its rule for good. conftest and cargo-deny print every
/// exception they honour; a waiver that never ends must not pass silently: every format warns,
/// naming the waiver's rule, and `--fail-on warn` fails on it (it is not a failure by default:
/// `expires` is optional). A waiver with an end date says nothing more.
#[test]
fn a_waiver_with_no_expiry_date_warns_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("p.yaml");
    let text = std::fs::read_to_string(THUMBNAILS).unwrap()
        + "waivers:\n  - rule: low-traffic-kafka\n    reason: \"The platform team runs Kafka\"\n";
    std::fs::write(&p, &text).unwrap();
    let file = p.to_str().unwrap();
    let waiver_line = text.lines().count() - 1;

    let (code, out, _) = check(&[file]);
    assert_eq!(code, 0, "a warning, not a failure: {out}");
    assert!(out.contains(&format!("{waiver_line}:5    warning check/waiver-no-expiry: the waiver of `low-traffic-kafka` has no expiry date")), "{out}");
    let (code, _, _) = check(&[file, "--fail-on", "warn"]);
    assert_eq!(code, 1);

    for format in ["json", "markdown", "github", "sarif", "junit"] {
        let (_, out, _) = check(&[file, "--format", format]);
        assert!(out.contains("check/waiver-no-expiry"), "{format}: {out}");
        let named = out
            .lines()
            .any(|l| l.contains("check/waiver-no-expiry") && l.contains("low-traffic-kafka"))
            || out.contains("the waiver of `low-traffic-kafka` has no expiry date");
        assert!(named, "{format} names the waiver's rule: {out}");
    }
    let (_, report) = json(&[file]);
    let findings = profile(&report, file)["findings"].as_array().unwrap();
    let f = findings
        .iter()
        .find(|f| f["rule"] == "check/waiver-no-expiry")
        .expect("a finding");
    assert_eq!(f["level"], "warning", "{report:#}");

    std::fs::write(&p, format!("{text}    expires: 2027-06-30\n")).unwrap();
    let (_, out, _) = check(&[file, "--today", BEFORE_EXPIRY]);
    assert!(!out.contains("waiver-no-expiry"), "{out}");
}

#[test]
fn no_waivers_ignores_every_waiver() {
    let (code, out, _) = check(&[MAILER, STALE, "--no-waivers", "--today", AFTER_EXPIRY]);
    assert_eq!(code, 1, "{out}");
    // Not expired, not stale: ignored.
    assert!(
        !out.contains("waiver-expired") && !out.contains("waiver-stale"),
        "{out}"
    );
    assert!(
        out.contains("waiver of `bullmq-needs-node-or-python` ignored (--no-waivers)"),
        "{out}"
    );
    assert!(out.contains(&format!("FAIL    {MAILER}")), "{out}");
    assert!(out.contains(&format!("PASS    {STALE}")), "{out}");
    assert!(
        out.contains("Waivers were ignored (--no-waivers)."),
        "{out}"
    );
    assert!(
        out.ends_with("2 profiles, 1 passed, 0 warnings, 1 failed, 0 waived\n"),
        "{out}"
    );
    let (_, report) = json(&[MAILER, "--no-waivers"]);
    assert_eq!(report["waivers_honoured"], false);
    assert_eq!(profile(&report, MAILER)["waivers"][0]["state"], "ignored");
}

#[test]
fn show_hides_passing_profiles_but_the_summary_counts_them() {
    let (code, out, _) = check(&[REPO, "--today", BEFORE_EXPIRY, "--show", "warn"]);
    assert_eq!(code, 1);
    assert!(!out.contains("PASS "), "{out}");
    assert!(out.contains(&format!("WARN    {STALE}")), "{out}");
    assert!(
        out.contains("6 profiles, 3 passed, 2 warnings, 1 failed, 1 waived"),
        "{out}"
    );
    let (_, out, _) = check(&[REPO, "--today", BEFORE_EXPIRY, "--show", "fail"]);
    assert!(!out.contains("WARN "), "{out}");
    assert!(out.contains(&format!("FAIL    {NOTIFIER}")), "{out}");
}

// ---- formats ------------------------------------------------------------------------------------

#[test]
fn json_reports_every_profile_with_status_findings_and_waivers() {
    let (code, r) = json(&[REPO, "--today", BEFORE_EXPIRY]);
    assert_eq!(code, 1);
    assert_eq!(r["schema_version"], 1);
    assert_eq!(r["today"], BEFORE_EXPIRY);
    assert_eq!(r["exit_code"], 1);
    assert_eq!(
        r["summary"],
        serde_json::json!({"profiles": 6, "passed": 3, "warnings": 2, "failed": 1, "invalid": 0, "waived": 1, "skipped": 1, "not_read": 1})
    );
    assert_eq!(
        r["skipped"],
        serde_json::json!([format!("{REPO}/docker-compose.yml")])
    );
    let statuses: Vec<(&str, &str)> = r["profiles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["file"].as_str().unwrap(), p["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        statuses,
        [
            (ORDERS, "pass"),
            (MAILER, "pass"),
            (NOTIFIER, "fail"),
            (STALE, "warn"),
            (THUMBNAILS, "warn"),
            (UNDECIDED, "pass")
        ]
    );
    let mailer = profile(&r, MAILER);
    assert_eq!(mailer["verdict"], "recommended");
    assert_eq!(mailer["verdict_without_waivers"], "excluded");
    assert_eq!(mailer["waivers"][0]["state"], "applied");
    let f = &mailer["findings"][0];
    assert_eq!(f["rule"], "bullmq-needs-node-or-python");
    assert_eq!(f["effect"], "exclude");
    assert_eq!(f["line"], decision_line(MAILER));
    assert_eq!(
        f["waived"]["reason"],
        "The mail workers stay in Node.js; only the producers are Go"
    );
    assert_eq!(f["waived"]["expires"], "2027-06-30");
    let notifier = profile(&r, NOTIFIER);
    assert_eq!(notifier["recommended"], "bullmq");
    assert_eq!(notifier["findings"][0]["level"], "error");
    assert_eq!(profile(&r, STALE)["waivers"][0]["state"], "stale");
    assert!(
        r["rules"]["pubsub-at-most-once"]["why"]
            .as_str()
            .unwrap()
            .len()
            > 20
    );
}

#[test]
fn sarif_has_the_fields_code_scanning_requires() {
    let (code, out, err) = check(&[REPO, BROKEN, "--today", BEFORE_EXPIRY, "--format", "sarif"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("7 profiles, 3 passed, 2 warnings, 1 failed, 1 invalid, 1 waived"),
        "{err}"
    );
    let log: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    assert_eq!(run["tool"]["driver"]["name"], "msgadvisor");
    assert_eq!(run["invocations"][0]["exitCode"], 2);
    let nonempty = |v: &Value, what: &str| {
        assert!(
            v.as_str().is_some_and(|s| !s.trim().is_empty()),
            "{what} must be a non-empty string: {v}"
        )
    };
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    for r in rules {
        nonempty(&r["id"], "rule id");
        nonempty(&r["shortDescription"]["text"], "shortDescription");
        nonempty(&r["fullDescription"]["text"], "fullDescription");
        nonempty(&r["help"]["text"], "help.text");
    }
    let results = run["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for res in results {
        nonempty(&res["message"]["text"], "message");
        let rule = res["ruleId"].as_str().unwrap();
        let i = res["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(ids[i], rule, "ruleIndex points at its rule");
        assert!(["error", "warning", "note"].contains(&res["level"].as_str().unwrap()));
        let loc = &res["locations"][0]["physicalLocation"];
        let uri = loc["artifactLocation"]["uri"].as_str().unwrap();
        assert!(!uri.starts_with('/') && !uri.starts_with("./"), "{uri}");
        assert!(std::path::Path::new(uri).exists(), "{uri}");
        for k in ["startLine", "startColumn", "endLine", "endColumn"] {
            assert!(loc["region"][k].as_u64().unwrap() >= 1, "{k} in {res}");
        }
    }
    let find = |rule: &str| {
        results
            .iter()
            .find(|r| r["ruleId"] == rule)
            .unwrap_or_else(|| panic!("no result for {rule}"))
    };
    // Findings on the decision sit on the `decision:` line.
    let excluded = find("pubsub-at-most-once");
    assert_eq!(excluded["level"], "error");
    assert_eq!(
        excluded["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        NOTIFIER
    );
    assert_eq!(
        excluded["locations"][0]["physicalLocation"]["region"]["startLine"],
        decision_line(NOTIFIER)
    );
    // A waived finding is a suppressed result with the waiver's reason.
    let waived = find("bullmq-needs-node-or-python");
    assert_eq!(waived["suppressions"][0]["kind"], "inSource");
    assert_eq!(waived["suppressions"][0]["status"], "accepted");
    assert_eq!(
        waived["suppressions"][0]["justification"],
        "The mail workers stay in Node.js; only the producers are Go (until 2027-06-30)"
    );
    assert!(find("pubsub-at-most-once").get("suppressions").is_none());
    assert_eq!(find("check/waiver-stale")["level"], "warning");
    assert_eq!(
        find("check/invalid-profile")["locations"][0]["physicalLocation"]["region"]["startLine"],
        4
    );
}

#[test]
fn junit_is_xml_with_a_failure_per_failing_profile_and_an_error_per_invalid_one() {
    let (code, out, _) = check(&[REPO, BROKEN, "--today", BEFORE_EXPIRY, "--format", "junit"]);
    assert_eq!(code, 2);
    let doc = roxmltree::Document::parse(&out).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    assert_eq!(root.attribute("tests"), Some("7"));
    assert_eq!(root.attribute("failures"), Some("1"));
    assert_eq!(root.attribute("errors"), Some("1"));
    let cases: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), 7);
    // The counts the text summary gives that the cases cannot: waived findings, skipped files.
    let property = |name: &str| {
        doc.descendants()
            .find(|n| n.has_tag_name("property") && n.attribute("name") == Some(name))
            .and_then(|n| n.attribute("value"))
    };
    assert_eq!(property("waived"), Some("1"));
    assert_eq!(property("skipped"), Some("1"));
    assert_eq!(property("rule-pack"), Some("built-in"));
    let case = |file: &str| {
        *cases
            .iter()
            .find(|c| c.attribute("file") == Some(file))
            .unwrap()
    };
    let failure = case(NOTIFIER)
        .children()
        .find(|n| n.has_tag_name("failure"))
        .unwrap();
    assert!(
        failure
            .attribute("message")
            .unwrap()
            .starts_with("decision `redis-pubsub` is excluded")
    );
    assert!(
        failure
            .text()
            .unwrap()
            .contains("error pubsub-at-most-once (exclude)")
    );
    assert!(case(BROKEN).children().any(|n| n.has_tag_name("error")));
    let mailer_out = case(MAILER)
        .children()
        .find(|n| n.has_tag_name("system-out"))
        .unwrap();
    assert!(
        mailer_out
            .text()
            .unwrap()
            .contains("waived bullmq-needs-node-or-python (exclude)")
    );
    assert!(
        mailer_out
            .text()
            .unwrap()
            .contains("[waived: The mail workers stay in Node.js")
    );
    // A warning is a failure only when warnings fail the run.
    assert!(
        !case(THUMBNAILS)
            .children()
            .any(|n| n.has_tag_name("failure"))
    );
    let (_, out, _) = check(&[THUMBNAILS, "--format", "junit", "--fail-on", "warn"]);
    let doc = roxmltree::Document::parse(&out).unwrap();
    assert_eq!(doc.root_element().attribute("failures"), Some("1"));
}

#[test]
fn github_annotations_come_most_severe_first_and_are_escaped() {
    let (code, out, _) = check(&[REPO, "--today", BEFORE_EXPIRY, "--format", "github"]);
    assert_eq!(code, 1);
    let re = regex::Regex::new(
        r"^::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+,title=[^,:]+::[^\r\n]+$",
    )
    .unwrap();
    let lines: Vec<&str> = out.lines().collect();
    // First the rules in force, as a notice without a file.
    assert_eq!(lines[0], "::notice title=msgadvisor rules::Rules: built-in");
    let (annotations, rest) = lines[1..].split_at(lines.len() - 2);
    assert_eq!(
        rest,
        [
            "6 profiles, 3 passed, 2 warnings, 1 failed, 1 waived; 1 YAML file skipped (not a profile); 1 entry not read (hidden, or a symlink not followed)"
        ]
    );
    for a in annotations {
        assert!(re.is_match(a), "{a}");
    }
    let kinds: Vec<&str> = annotations
        .iter()
        .map(|a| a[2..].split(' ').next().unwrap())
        .collect();
    assert_eq!(kinds, ["error", "warning", "warning", "notice"], "{out}");
    let line = decision_line(NOTIFIER);
    assert!(annotations[0].starts_with(&format!(
        "::error file={NOTIFIER},line={line},col=1,title=msgadvisor%3A pubsub-at-most-once::payment-notifier: decision `redis-pubsub` is excluded"
    )), "{}", annotations[0]);
    assert!(annotations[3].contains("title=msgadvisor%3A waived bullmq-needs-node-or-python::"));
    assert!(annotations[3].contains(
        "%0AWaived: The mail workers stay in Node.js; only the producers are Go (until 2027-06-30)"
    ));
    // The rules that only lowered the score ride along in the margin warning.
    let margin = annotations
        .iter()
        .find(|a| a.contains("check/decision-margin"))
        .unwrap();
    assert!(
        margin.contains(
            "%0AAlso counting against it: low-traffic-kafka (-30), single-consumer-job-queue (-20)"
        ),
        "{margin}"
    );
}

#[test]
fn github_appends_a_markdown_summary_to_the_step_summary_file() {
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "earlier step\n").unwrap();
    for _ in 0..2 {
        let out = common::msgadvisor()
            .args([
                "check",
                REPO,
                "--today",
                BEFORE_EXPIRY,
                "--format",
                "github",
            ])
            .env("GITHUB_STEP_SUMMARY", &summary)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
    }
    let text = std::fs::read_to_string(&summary).unwrap();
    assert!(
        text.starts_with("earlier step\n## msgadvisor check\n"),
        "{text}"
    );
    assert_eq!(
        text.matches("## msgadvisor check").count(),
        2,
        "appended, not overwritten"
    );
    assert!(
        text.contains(&format!(
            "| ❌ fail | payment-notifier `{NOTIFIER}` | `redis-pubsub` | excluded | `bullmq` |"
        )),
        "{text}"
    );
}

#[test]
fn markdown_is_a_pull_request_comment() {
    let (code, out, err) = check(&[REPO, "--today", BEFORE_EXPIRY, "--format", "markdown"]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "6 profiles, 3 passed, 2 warnings, 1 failed, 1 waived; 1 YAML file skipped (not a profile); 1 entry not read (hidden, or a symlink not followed)\n"
    );
    assert!(out.starts_with("## msgadvisor check\n\n**6 profiles, 3 passed, 2 warnings, 1 failed, 1 waived; 1 YAML file skipped (not a profile); 1 entry not read (hidden, or a symlink not followed)**\n"), "{out}");
    assert!(
        out.contains("| Status | Profile | Decision | Verdict | Recommended |"),
        "{out}"
    );
    assert!(out.contains(&format!("| ✅ pass | mailer `{MAILER}` | `bullmq` | recommended (waived; excluded without) | `bullmq` |")), "{out}");
    assert!(out.contains("  **waived**: The mail workers stay in Node.js; only the producers are Go, until 2027-06-30"), "{out}");
    assert!(
        out.contains(
            "- **error** `pubsub-at-most-once` (exclude): Redis Pub/Sub delivers at most once"
        ),
        "{out}"
    );
}

#[test]
fn two_identical_runs_give_identical_bytes_in_every_format() {
    for format in ["text", "json", "sarif", "junit", "github", "markdown"] {
        let args = [REPO, BROKEN, "--today", BEFORE_EXPIRY, "--format", format];
        let first = check(&args);
        let second = check(&args);
        assert_eq!(first, second, "{format}");
    }
}

#[test]
fn the_examples_pass_their_own_check() {
    let (code, out, _) = check(&["examples"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.ends_with("8 profiles, 7 passed, 1 warning, 0 failed, 0 waived\n"),
        "{out}"
    );
}

// ---- golden output ------------------------------------------------------------------------------

#[test]
fn golden_text_and_markdown_over_the_fixture_repository() {
    for (format, name) in [
        ("text", "check-repo-text"),
        ("markdown", "check-repo-markdown"),
    ] {
        let (_, out, _) = check(&[REPO, BROKEN, "--today", BEFORE_EXPIRY, "--format", format]);
        insta::assert_snapshot!(name, out);
    }
}

/// The CI gate takes its rule packs from the same places as every other command: a pack named
/// only in `MSGADVISOR_RULES` changes the verdict.
#[test]
fn packs_from_the_environment_apply_to_check() {
    let dir = std::env::temp_dir().join(format!("msgadvisor-check-envpack-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("we-run-kafka.yaml"),
        "id: we-run-kafka\ntitle: The platform team runs Kafka for everyone\nwhy: Kafka is a shared service here.\nsource: platform policy\nwhen: \"true\"\neffect: {score: {kafka: 500}}\nexamples:\n  - profile: {}\n    fires: true\n",
    )
    .unwrap();
    let status = |env: Option<&std::path::Path>| {
        let mut cmd = common::msgadvisor();
        cmd.args([
            "check",
            "examples/kafka-for-a-job-queue.yaml",
            "--format",
            "json",
        ]);
        cmd.env_remove("MSGADVISOR_RULES");
        if let Some(d) = env {
            cmd.env("MSGADVISOR_RULES", d);
        }
        let out = cmd.output().unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["profiles"][0]["status"].as_str().unwrap().to_string()
    };
    assert_eq!(status(None), "warn");
    assert_eq!(status(Some(&dir)), "pass");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Issue 19, item 5: every write is checked. A step summary that cannot be appended (a full
/// disk) was only a warning, and the run's exit code said all was written; it is exit 2 now,
/// with the annotations still printed.
#[cfg(target_os = "linux")]
#[test]
fn a_step_summary_that_cannot_be_written_is_exit_2() {
    let out = common::msgadvisor()
        .args(["check", "examples/", "--format", "github"])
        .env("GITHUB_STEP_SUMMARY", "/dev/full")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("error: could not append the summary to $GITHUB_STEP_SUMMARY (/dev/full)"),
        "{err}"
    );
    assert!(!out.stdout.is_empty(), "the annotations are still printed");
}

#[test]
fn sarif_uris_are_repository_relative_with_a_base_even_for_an_absolute_path() {
    // Code scanning maps `artifactLocation.uri` against the repository; an absolute path given
    // on the command line must not leak into it (issue #17).
    let abs = std::fs::canonicalize(REPO).unwrap();
    let (_, out, _) = check(&[
        abs.to_str().unwrap(),
        "--today",
        BEFORE_EXPIRY,
        "--format",
        "sarif",
    ]);
    let log: Value = serde_json::from_str(&out).unwrap();
    let run = &log["runs"][0];
    let root = std::fs::canonicalize(".").unwrap();
    assert_eq!(
        run["originalUriBaseIds"]["%SRCROOT%"]["uri"],
        format!("file://{}/", root.display())
    );
    let results = run["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for r in results {
        let loc = &r["locations"][0]["physicalLocation"]["artifactLocation"];
        let uri = loc["uri"].as_str().unwrap();
        assert!(uri.starts_with("tests/fixtures/check/repo/"), "{uri}");
        assert_eq!(loc["uriBaseId"], "%SRCROOT%");
    }
}

#[test]
fn a_damaged_profile_of_another_version_is_reported_not_skipped() {
    // `version: 2` with a misspelt `throughput`: the reader's "unsupported version" must reach
    // the gate; skipping it as "not a profile" would let the run pass.
    let dir = common::tempdir("version-2");
    std::fs::write(
        dir.join("p.yaml"),
        "version: 2\nname: x\nthroughputt: {peak_per_sec: 5}\n",
    )
    .unwrap();
    std::fs::write(dir.join("q.yaml"), "version: 2\nname: [\n").unwrap();
    let (code, out, _) = check(&[dir.to_str().unwrap()]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("INVALID") && out.contains("p.yaml"), "{out}");
    assert!(out.contains("q.yaml"), "{out}");
    assert!(
        out.contains("2 profiles, 0 passed, 0 warnings, 0 failed, 2 invalid"),
        "{out}"
    );
}
