//! Rule packs a team owns: layering over the built-in rules (add, override by id, disable), and
//! the `rules` commands that list, document, lint and test them.

mod common;
use common::*;
use std::path::Path;

fn p(dir: &Path) -> &str {
    dir.to_str().unwrap()
}

/// A whole rule, lines numbered as in the file: id 1, title 2, why 3, source 4, when 5,
/// effect 6, examples 7 onwards.
fn rule(id: &str, when: &str, effect: &str, examples: &str) -> String {
    format!(
        "id: {id}\ntitle: The {id} rule\nwhy: Because.\nsource: our platform policy\nwhen: {when}\neffect: {effect}\nexamples:{examples}\n"
    )
}

const FIRES_AND_NOT: &str = "\n  - profile: {throughput: {peak_per_sec: 5000}}\n    fires: true\n  - profile: {throughput: {peak_per_sec: 5}}\n    fires: false";

#[test]
fn a_pack_rule_with_a_new_id_changes_the_pick_and_shows_in_list_and_explain() {
    let dir = pack(&[(
        "we-run-msk.yaml",
        &rule(
            "we-run-msk",
            "\"true\"",
            "{score: {kafka: 200}}",
            "\n  - profile: {}\n    fires: true",
        ),
    )]);
    let plain = recommend_json(&["examples/email-jobs.yaml"]);
    assert_eq!(plain["recommended"], "bullmq");
    assert!(plain.get("rule_packs").is_none());
    let v = recommend_json(&["examples/email-jobs.yaml", "--rules", p(&dir)]);
    assert_eq!(v["recommended"], "kafka");
    assert_eq!(
        v["rule_packs"],
        serde_json::json!([p(&dir)]),
        "the report names its packs"
    );
    let kafka = &v["candidates"][0];
    assert!(
        kafka["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["rule"] == "we-run-msk" && r["effect"] == "+200"),
        "{kafka}"
    );

    let (code, out, _) = run(&["rules", "list", "--rules", p(&dir)], None);
    assert_eq!(code, 0);
    assert!(
        out.starts_with(&format!(
            "{} rules in evaluation order (built-in rules + ",
            builtin_rules() + 1
        )),
        "{out}"
    );
    assert!(
        out.contains("we-run-msk  [kafka +200]\n  The we-run-msk rule\n  source: our platform policy\n  added by "),
        "{out}"
    );

    let (code, out, _) = run(
        &["explain", "examples/email-jobs.yaml", "--rules", p(&dir)],
        None,
    );
    assert_eq!(code, 0);
    assert!(
        out.contains("  fired  we-run-msk: kafka +200\n         saw reads no field\n"),
        "{out}"
    );
    assert!(out.contains("      +200  we-run-msk\n"), "{out}");
}

#[test]
fn a_pack_overrides_a_built_in_rule_by_id_keeping_the_keys_it_does_not_give() {
    // The team disagrees with how much job features favour BullMQ.
    let dir = pack(&[(
        "job-features-favour-queue.yaml",
        "id: job-features-favour-queue\neffect:\n  score: {bullmq: -60}\n",
    )]);
    let v = recommend_json(&["examples/email-jobs.yaml", "--rules", p(&dir)]);
    // `effect` is replaced whole: the rule's other score changes are gone too, and the database
    // as the queue (a job library on the Postgres the team runs) takes over.
    assert_eq!(v["recommended"], "outbox");
    let bullmq = common::candidate(&v, "bullmq");
    assert_eq!(bullmq["score"], 30, "115 - 25 + (-60)");

    let (code, out, _) = run(
        &[
            "rules",
            "show",
            "job-features-favour-queue",
            "--rules",
            p(&dir),
        ],
        None,
    );
    assert_eq!(code, 0);
    let first_lines: Vec<&str> = out.lines().take(4).collect();
    assert!(
        first_lines[0]
            .starts_with("job-features-favour-queue: The workload needs job-queue features"),
        "the title is kept from the built-in rule: {out}"
    );
    assert!(
        first_lines[1].starts_with("replaced by ")
            && first_lines[1].ends_with("job-features-favour-queue.yaml:1"),
        "{out}"
    );
    assert_eq!(first_lines[3], "Effect: bullmq -60");

    // The built-in examples still describe when it fires, so they still pass.
    let (code, out, _) = run(&["rules", "test", "--rules", p(&dir)], None);
    assert_eq!(code, 0, "{out}");
    assert!(out.ends_with(" passed, 0 failed\n"), "{out}");
}

#[test]
fn a_pack_disables_a_rule() {
    let dir = pack(&[(
        "database-queue-needs-a-database.yaml",
        "id: database-queue-needs-a-database\ndisabled: true\n",
    )]);
    // Without a database in platform.existing, the rule rules the database as the queue out.
    let no_db = [
        "examples/email-jobs.yaml",
        "--set",
        "platform.existing=[redis]",
    ];
    let before = recommend_json(&no_db);
    let after = recommend_json(&[&no_db[..], &["--rules", p(&dir)]].concat());
    let outbox = |v: &serde_json::Value| common::candidate(v, "outbox")["verdict"].clone();
    assert_eq!(outbox(&before), "excluded");
    assert_ne!(outbox(&after), "excluded");

    let (_, out, _) = run(&["rules", "list", "--rules", p(&dir)], None);
    assert!(
        out.starts_with(&format!("{} rules", builtin_rules() - 1)),
        "{out}"
    );
    assert!(
        out.contains("\nDisabled:\n  database-queue-needs-a-database (by "),
        "{out}"
    );
    let (_, out, _) = run(
        &[&["explain"], &no_db[..], &["--rules", p(&dir)]].concat(),
        None,
    );
    assert!(!out.contains("database-queue-needs-a-database"), "{out}");

    let (code, _, err) = run(
        &[
            "rules",
            "show",
            "database-queue-needs-a-database",
            "--rules",
            p(&dir),
        ],
        None,
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("rule `database-queue-needs-a-database` is disabled by "),
        "{err}"
    );
}

#[test]
fn rules_show_names_a_misspelt_id() {
    let (code, out, err) = run(&["rules", "show", "low-trafic-kafka"], None);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        err.contains("no rule has the id `low-trafic-kafka` (built-in rules only); did you mean `low-traffic-kafka`?"),
        "{err}"
    );
}

#[test]
fn rules_show_documents_a_rule_with_its_limits_and_examples() {
    let (code, out, _) = run(&["rules", "show", "low-traffic-kafka"], None);
    assert_eq!(code, 0);
    for part in [
        "low-traffic-kafka: Below about 100 msg/s at peak, running Kafka costs more than it returns\nbuilt-in, rules/rules/low-traffic-kafka.yaml:1\n",
        "Effect: kafka -30\n",
        "\nWhy:\n  Kafka's wins",
        "\nWhen not:\n  When the team already runs Kafka",
        "\nSource:\n  Kafka — when · when not, §2",
        "\nCondition (CEL):\n  throughput.peak_per_sec < limits.low_traffic_peak_per_sec",
        "limits.low_traffic_peak_per_sec = 100 msg/s (source: Kafka — when · when not",
        "  fires          {throughput: {peak_per_sec: 20}}\n",
        "  does not fire  {throughput: {peak_per_sec: 20}, consumers: {groups: 2}}\n",
    ] {
        assert!(out.contains(part), "missing {part:?} in:\n{out}");
    }
}

/// `rules show --format yaml` is the rule as data: saved into a pack, every built-in rule loads
/// back as the same rule (the pack replaces each by itself) and its examples still pass.
#[test]
fn every_rule_shown_as_yaml_round_trips_through_a_pack() {
    use msgadvisor::engine::{RuleSet, examples};
    let builtin = RuleSet::builtin().unwrap();
    let dir = tempdir("roundtrip");
    for r in &builtin.rules {
        let (code, out, err) = run(&["rules", "show", &r.id, "--format", "yaml"], None);
        assert_eq!(code, 0, "{err}");
        assert!(
            out.starts_with(&format!(
                "# {}: built-in, from rules/rules/{}.yaml:1.\n",
                r.id, r.id
            )),
            "{out}"
        );
        std::fs::write(dir.join(format!("{}.yaml", r.id)), out).unwrap();
    }
    let packed = RuleSet::load(std::slice::from_ref(&dir)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        packed.overridden.len(),
        builtin.rules.len(),
        "each replaced itself"
    );
    for (a, b) in builtin.rules.iter().zip(&packed.rules) {
        assert_eq!(a.id, b.id);
        assert_eq!(a.title, b.title);
        assert_eq!(
            a.why.split_whitespace().collect::<Vec<_>>(),
            b.why.split_whitespace().collect::<Vec<_>>(),
            "{}",
            a.id
        );
        assert_eq!(a.when.trim(), b.when.trim(), "{}", a.id);
        assert_eq!(a.source, b.source);
        assert_eq!(a.effect, b.effect);
        let ex = |r: &msgadvisor::engine::Rule| {
            r.examples
                .iter()
                .map(|e| (e.profile.to_json(), e.fires))
                .collect::<Vec<_>>()
        };
        assert_eq!(ex(a), ex(b), "{}", a.id);
    }
    assert!(examples::run_all(&packed).iter().all(|r| r.passed));
    let (code, out, _) = run(&["rules", "lint", "--rules", p(&dir)], None);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn rules_test_passes_every_built_in_example() {
    let total: usize = msgadvisor::engine::RuleSet::builtin()
        .unwrap()
        .rules
        .iter()
        .map(|r| r.examples.len())
        .sum();
    let (code, out, err) = run(&["rules", "test"], None);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(out, format!("{total} passed, 0 failed\n"));
}

#[test]
fn a_pack_with_failing_examples_makes_rules_test_exit_1() {
    let dir = pack(&[
        (
            "big-bursts.yaml",
            // The second example is wrong: 500 msg/s is not above 1,000.
            &rule(
                "big-bursts",
                "throughput.peak_per_sec > 1000.0",
                "{score: {kafka: 5}}",
                "\n  - profile: {throughput: {peak_per_sec: 5000}}\n    fires: true\n  - profile: {throughput: {peak_per_sec: 500}}\n    fires: true",
            ),
        ),
        // An override that changes the condition but keeps the built-in examples fails them.
        (
            "low-traffic-kafka.yaml",
            "id: low-traffic-kafka\nwhen: throughput.peak_per_sec < 1000.0\n",
        ),
    ]);
    let (code, out, _) = run(&["rules", "test", "--rules", p(&dir)], None);
    assert_eq!(code, 1, "{out}");
    let lines: Vec<&str> = out.lines().collect();
    let fails: Vec<&&str> = lines.iter().filter(|l| l.starts_with("FAIL ")).collect();
    assert!(
        fails.iter().any(|l| l.starts_with(&format!(
            "FAIL {}:10: big-bursts example 2: expected the rule to fire but it did not fire; the condition saw throughput.peak_per_sec = 500",
            dir.join("big-bursts.yaml").display()
        ))),
        "{out}"
    );
    // Located where the example is written: in the built-in file the override kept it from.
    assert!(
        fails.iter().any(|l| l.starts_with("FAIL rules/rules/low-traffic-kafka.yaml:22: low-traffic-kafka example 3: expected the rule not to fire but it fired (this example belongs to the rule ")),
        "{out}"
    );
    let last = lines.last().unwrap();
    let (passed, failed) = last.split_once(" passed, ").unwrap();
    assert!(passed.parse::<usize>().unwrap() > 100, "{last}");
    assert_eq!(failed, format!("{} failed", fails.len()));
    assert!(fails.len() >= 2, "{out}");

    let (code, out, _) = run(
        &["rules", "test", "--rules", p(&dir), "--format", "json"],
        None,
    );
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["failed"].as_u64().unwrap() as usize, fails.len());
}

#[test]
fn rules_lint_of_the_built_in_rules_is_clean() {
    let (code, out, _) = run(&["rules", "lint"], None);
    assert_eq!(code, 0);
    assert!(
        out.starts_with(&format!(
            "No problems in {} rules, 6 candidates and ",
            builtin_rules()
        )),
        "{out}"
    );
}

/// Every class of problem lint finds, each with file:line:column, all of them in one run.
#[test]
fn rules_lint_reports_every_problem_in_every_file() {
    let dir = pack(&[
        ("broken-yaml.yaml", "id: [unclosed\n"),
        (
            "typo-key.yaml",
            "id: typo-key\ntitel: t\nwhy: w\nsource: s\nwhen: \"true\"\neffect: {score: {kafka: 1}}\n",
        ),
        (
            "bad-syntax.yaml",
            &rule(
                "bad-syntax",
                "team.size <",
                "{score: {kafka: 1}}",
                FIRES_AND_NOT,
            ),
        ),
        (
            "unknown-field.yaml",
            &rule(
                "unknown-field",
                "team.sise > 3.0",
                "{score: {kafka: 1}}",
                FIRES_AND_NOT,
            ),
        ),
        (
            "int-arithmetic.yaml",
            &rule(
                "int-arithmetic",
                "consumers.groups * 2 > 3.0",
                "{score: {kafka: 1}}",
                FIRES_AND_NOT,
            ),
        ),
        (
            "not-boolean.yaml",
            &rule(
                "not-boolean",
                "throughput.peak_per_sec",
                "{score: {kafka: 1}}",
                FIRES_AND_NOT,
            ),
        ),
        (
            "unknown-candidate.yaml",
            &rule(
                "unknown-candidate",
                "throughput.peak_per_sec > 1000.0",
                "{score: {kafak: 1}}",
                FIRES_AND_NOT,
            ),
        ),
        (
            "dup-rule.yaml",
            &rule(
                "dup-rule",
                "throughput.peak_per_sec > 1000.0",
                "{score: {kafka: 1}}",
                FIRES_AND_NOT,
            ),
        ),
        (
            "more/dup-rule.yaml",
            &rule(
                "dup-rule",
                "throughput.peak_per_sec > 2000.0",
                "{score: {kafka: 1}}",
                FIRES_AND_NOT,
            ),
        ),
        (
            "bad-example.yaml",
            &rule(
                "bad-example",
                "throughput.peak_per_sec > 1000.0",
                "{score: {kafka: 1}}",
                "\n  - profile: {throughput: {peak_per_sek: 5000}}\n    fires: true",
            ),
        ),
        (
            "disable-typo.yaml",
            "id: low-trafic-kafka\ndisabled: true\n",
        ),
        (
            "wrong-name.yaml",
            &rule(
                "other-name",
                "throughput.peak_per_sec > 1000.0",
                "{score: {kafka: 1}}",
                FIRES_AND_NOT,
            ),
        ),
        ("not-a-rule.yaml", "colour: blue\n"),
        (
            "candidates.yaml",
            "candidates:\n  - id: nats\n    name: NATS\n",
        ),
        ("limits.yaml", "limits:\n  our_peak:\n    value: 3\n"),
        (
            "never-fires.yaml",
            &rule(
                "never-fires",
                "throughput.peak_per_sec > 1000.0",
                "{score: {kafka: 1}}",
                "\n  - profile: {}\n    fires: false",
            ),
        ),
    ]);
    let empty = tempdir("empty-pack");
    let (code, out, err) = run(
        &["rules", "lint", "--rules", p(&dir), "--rules", p(&empty)],
        None,
    );
    assert_eq!(code, 2, "{out}{err}");
    let d = dir.display().to_string();
    let expected = [
        format!(
            "{d}/bad-example.yaml:8:28: examples[0].profile.throughput.peak_per_sek: the example is not a valid profile: unknown key `peak_per_sek`; did you mean `peak_per_sec`?"
        ),
        format!("{d}/bad-syntax.yaml:5:18: when: the condition does not parse: Syntax error"),
        format!("{d}/broken-yaml.yaml:1:5: invalid YAML: unclosed bracket"),
        format!("{d}/candidates.yaml:2:5: candidates[].summary: missing required key `summary`"),
        format!(
            "{d}/disable-typo.yaml:1:1: id: disables rule `low-trafic-kafka`, but no earlier rule has that id; did you mean `low-traffic-kafka`?"
        ),
        format!(
            "{d}/int-arithmetic.yaml:5:7: when: the condition fails on the example base profile: Unsupported binary operator 'mul'"
        ),
        format!("{d}/limits.yaml:3:5: limits.our_peak.source: missing required key `source`"),
        format!(
            "{d}/more/dup-rule.yaml:1:5: id: duplicate rule id `dup-rule`: also defined in {d}/dup-rule.yaml"
        ),
        format!(
            "{d}/bad-example.yaml:8:3: warning: examples: rule `bad-example` has no example that does not fire"
        ),
        format!(
            "{d}/never-fires.yaml:8:3: warning: examples: rule `never-fires` has no example that fires"
        ),
        format!("{d}/not-a-rule.yaml:1:1: not a rule file"),
        format!(
            "{d}/not-boolean.yaml:5:7: when: the condition gives Float(500.0) on the example base profile, not true or false"
        ),
        format!("{d}/typo-key.yaml:1:1: title: missing required key `title`"),
        format!("{d}/typo-key.yaml:2:1: titel: unknown key `titel`; did you mean `title`?"),
        format!(
            "{d}/unknown-candidate.yaml:6:18: effect.score.kafak: unknown candidate `kafak`; did you mean `kafka`?"
        ),
        format!(
            "{d}/unknown-field.yaml:5:7: when: `team` has no field `sise`; did you mean `team.size`?"
        ),
        format!(
            "{d}/wrong-name.yaml:1:5: id: the rule id `other-name` must match its file name (`wrong-name.yaml`)"
        ),
        format!("{}: the pack has no rule files", empty.display()),
    ];
    for e in &expected {
        assert!(
            out.lines().any(|l| l.starts_with(e.as_str())),
            "missing a line starting with\n  {e}\nin:\n{out}"
        );
    }
    let last = out.lines().last().unwrap();
    assert!(
        last.starts_with("16 errors, 2 warnings in 16 files (built-in rules + "),
        "{last}\n{out}"
    );

    let (code, out, _) = run(
        &["rules", "lint", "--rules", p(&dir), "--format", "json"],
        None,
    );
    assert_eq!(code, 2);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["errors"], 15);
    assert_eq!(v["warnings"], 2);
    let f = &v["findings"][0];
    for key in ["severity", "file", "line", "column", "path", "message"] {
        assert!(!f[key].is_null(), "{key} in {f}");
    }
}

#[test]
fn a_pack_that_is_not_a_directory_is_a_lint_error() {
    let (code, out, _) = run(
        &["rules", "lint", "--rules", "examples/email-jobs.yaml"],
        None,
    );
    assert_eq!(code, 2);
    assert!(
        out.starts_with("examples/email-jobs.yaml: --rules expects a directory"),
        "{out}"
    );
}

/// How many rules are built in (the count changes as rules are added).
fn builtin_rules() -> usize {
    msgadvisor::engine::RuleSet::builtin().unwrap().rules.len()
}

/// A rule key written with nothing after the colon is an error naming the key, not a rule that
/// silently disappears (an override `title:` would have removed the built-in rule).
#[test]
fn rule_keys_written_without_a_value_are_errors_not_a_vanished_rule() {
    let dir = pack(&[
        ("low-traffic-kafka.yaml", "id: low-traffic-kafka\ntitle:\n"),
        (
            "no-condition.yaml",
            "id: no-condition\ntitle: t\nwhy: w\nsource: s\nwhen:\neffect: {score: {kafka: 1}}\n",
        ),
    ]);
    let (code, out, err) = run(&["rules", "lint", "--rules", p(&dir)], None);
    assert_eq!(code, 2, "{out}{err}");
    let d = dir.display().to_string();
    for e in [
        format!("{d}/low-traffic-kafka.yaml:2:6: title: `title` has no value"),
        format!("{d}/no-condition.yaml:5:5: when: `when` has no value"),
    ] {
        assert!(
            out.lines().any(|l| l.starts_with(e.as_str())),
            "missing a line starting with\n  {e}\nin:\n{out}"
        );
    }
    let (code, _, err) = run(
        &["recommend", "examples/email-jobs.yaml", "--rules", p(&dir)],
        Some(Path::new(env!("CARGO_MANIFEST_DIR"))),
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("`title` has no value"), "{err}");
}

/// A pack that is a git checkout: its hidden directories (`.github/workflows/*.yml`) are not
/// rule files, as `check` already skips them in profile repositories.
#[test]
fn hidden_directories_in_a_pack_are_not_read() {
    let dir = pack(&[
        (
            "our-rule.yaml",
            "id: our-rule\ntitle: t\nwhy: w\nsource: s\nwhen: consumers.groups > 3.0\neffect: {score: {kafka: 1}}\nexamples:\n  - profile: {consumers: {groups: 4}}\n    fires: true\n  - profile: {}\n    fires: false\n",
        ),
        (".github/workflows/ci.yml", "on: push\njobs: {}\n"),
    ]);
    let (code, out, err) = run(&["rules", "lint", "--rules", p(&dir)], None);
    assert_eq!(code, 0, "{out}{err}");
    assert!(!out.contains("ci.yml"), "{out}");
}

/// A pack that turns rules off narrows the gate without a line of the profile changing. Every
/// format of `check`, and `recommend` and `report`, names each rule a pack disables or changes,
/// so that a reviewer sees the gate was narrowed, not only that a pack was in force.
#[test]
fn every_view_names_the_rules_a_pack_turns_off_or_changes() {
    let dir = pack(&[
        (
            "low-traffic-kafka.yaml",
            "id: low-traffic-kafka\ndisabled: true\n",
        ),
        (
            "single-consumer-job-queue.yaml",
            "id: single-consumer-job-queue\ndisabled: true\n",
        ),
        (
            "no-kafka-experience.yaml",
            "id: no-kafka-experience\neffect:\n  score: {kafka: -1}\n",
        ),
    ]);
    let profile = "examples/kafka-for-a-job-queue.yaml";
    let named = |what: &str, out: &str| {
        for rule in [
            "low-traffic-kafka",
            "single-consumer-job-queue",
            "no-kafka-experience",
        ] {
            assert!(out.contains(rule), "{what} names {rule}: {out}");
        }
    };
    for format in ["text", "json", "markdown", "github", "sarif", "junit"] {
        let (_, out, err) = run(
            &["check", profile, "--rules", p(&dir), "--format", format],
            None,
        );
        named(&format!("check --format {format}"), &out);
        assert!(!out.is_empty(), "{err}");
    }
    let (_, text, _) = run(&["check", profile, "--rules", p(&dir)], None);
    assert!(
        text.lines().nth(1).unwrap().starts_with(&format!(
            "Rules a pack turns off or changes: low-traffic-kafka disabled by {}/low-traffic-kafka.yaml; no-kafka-experience: effect replaced by ",
            p(&dir)
        )),
        "{text}"
    );
    let (_, json, _) = run(
        &["check", profile, "--rules", p(&dir), "--format", "json"],
        None,
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let actions: Vec<(&str, &str)> = v["pack_overrides"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| (o["rule"].as_str().unwrap(), o["action"].as_str().unwrap()))
        .collect();
    assert_eq!(
        actions,
        [
            ("low-traffic-kafka", "disabled"),
            ("no-kafka-experience", "replaced"),
            ("single-consumer-job-queue", "disabled")
        ]
    );
    assert_eq!(
        v["pack_overrides"][1]["keys"],
        serde_json::json!(["effect"])
    );
    let (_, sarif, _) = run(
        &["check", profile, "--rules", p(&dir), "--format", "sarif"],
        None,
    );
    let s: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    assert_eq!(
        s["runs"][0]["invocations"][0]["ruleConfigurationOverrides"][0],
        serde_json::json!({"descriptor": {"id": "low-traffic-kafka"}, "configuration": {"enabled": false}})
    );

    for format in ["table", "markdown", "json", "yaml"] {
        let (_, out, _) = run(
            &["recommend", profile, "--rules", p(&dir), "--format", format],
            None,
        );
        named(&format!("recommend --format {format}"), &out);
    }
    let (_, adr, _) = run(&["report", profile, "--rules", p(&dir)], None);
    named("report", &adr);
    // Without a pack, nothing is said.
    let (_, plain, _) = run(&["check", profile], None);
    assert!(!plain.contains("turns off"), "{plain}");
}

/// `says:` and `warning_for:` are checked as every effect key is: a value the tool does not
/// know, or one that speaks of nothing, is an error at its line and column, saying what fits.
#[test]
fn says_and_warning_for_are_checked_at_load() {
    let dir = pack(&[
        (
            "says-typo.yaml",
            &rule(
                "says-typo",
                "\"true\"",
                "\n  discourage: [rabbitmq]\n  says: no-way-fit",
                FIRES_AND_NOT,
            ),
        ),
        (
            "says-nothing.yaml",
            &rule(
                "says-nothing",
                "\"true\"",
                "\n  score: {rabbitmq: -5}\n  says: no-way-fits",
                FIRES_AND_NOT,
            ),
        ),
        (
            "warning-for-alone.yaml",
            &rule(
                "warning-for-alone",
                "\"true\"",
                "\n  score: {kafka: -5}\n  warning_for: [kafka]",
                FIRES_AND_NOT,
            ),
        ),
        (
            "warning-for-typo.yaml",
            &rule(
                "warning-for-typo",
                "\"true\"",
                "\n  warning: true\n  warning_for: [kafak]",
                FIRES_AND_NOT,
            ),
        ),
    ]);
    let (code, out, err) = run(&["rules", "lint", "--rules", p(&dir)], None);
    assert_eq!(code, 2, "{out}{err}");
    let d = dir.display().to_string();
    for e in [
        format!(
            "{d}/says-typo.yaml:8:9: effect.says: `no-way-fit` is not one of: no-way-fits; did you mean `no-way-fits`?"
        ),
        format!(
            "{d}/says-nothing.yaml:8:9: effect.says: `says: no-way-fits` speaks of the candidates the rule discourages: give `discourage` too"
        ),
        format!(
            "{d}/warning-for-alone.yaml:8:16: effect.warning_for: `warning_for` says whom the warning is about: give `warning: true` too"
        ),
        format!(
            "{d}/warning-for-typo.yaml:8:17: effect.warning_for[0]: unknown candidate `kafak`; did you mean `kafka`?"
        ),
    ] {
        assert!(
            out.lines().any(|l| l.starts_with(e.as_str())),
            "missing a line starting with\n  {e}\nin:\n{out}"
        );
    }
    // A rule that says no way fits but never reads how many do could say it while one does.
    let dir = pack(&[(
        "unread.yaml",
        &rule(
            "unread",
            "throughput.peak_per_sec > 1000.0",
            "\n  discourage: [rabbitmq]\n  says: no-way-fits",
            FIRES_AND_NOT,
        ),
    )]);
    let (code, out, err) = run(&["rules", "lint", "--rules", p(&dir)], None);
    assert_eq!(code, 0, "{out}{err}");
    let d = dir.display().to_string();
    let e = format!(
        "{d}/unread.yaml:8:9: warning: effect.says: rule `unread` says no way fits, but its condition does not read cost.rabbitmq.ways_that_fit"
    );
    assert!(
        out.lines().any(|l| l.starts_with(e.as_str())),
        "missing a line starting with\n  {e}\nin:\n{out}"
    );
}
