//! `msgadvisor ask`: the questionnaire through its prompting seam with scripted answers, the
//! profile it writes, and the binary without a terminal.

mod common;

use assert_cmd::Command;
use common::candidates;
use msgadvisor::ask::flow::{self, Scripted};
use msgadvisor::ask::write;
use msgadvisor::cli::{AskArgs, RulesArgs};
use msgadvisor::engine::RuleSet;
use msgadvisor::profile::{self, Ordering, Profile};
use std::path::{Path, PathBuf};

fn example(name: &str) -> Profile {
    let text = std::fs::read_to_string(format!("examples/{name}.yaml")).unwrap();
    profile::load(&text, name).unwrap().0
}

fn args(output: &Path) -> AskArgs {
    AskArgs {
        output: Some(output.to_path_buf()),
        from: None,
        force: false,
        schema: None,
        defaults: false,
        rules: RulesArgs::default(),
    }
}

fn msgadvisor() -> Command {
    common::msgadvisor()
}

/// Answers in the order the questions come, for a fan-out workload (no job questions), with
/// three wrong answers along the way.
const FAN_OUT: &[&str] = &[
    "orders",    // name
    "",          // description: skip
    "lots",      // peak: not a number -> asked again
    "0",         // peak: out of range -> asked again
    "2,000",     // peak
    "3000",      // average above the peak -> asked again
    "400",       // average
    "",          // message bytes: 1024
    "",          // growth: 2
    "3",         // groups
    "20",        // processing ms
    "45",        // max stall minutes
    "n",         // loss ok
    "per-key",   // ordering
    "",          // latency: none
    "y",         // replay needed
    "14",        // retention days (asked because replay is needed)
    "y",         // db transaction
    "postgres",  // database (asked because of the transaction)
    "",          // team size
    "some",      // kafka experience
    "y",         // managed only
    "",          // hourly cost: skip
    "aws",       // cloud
    "kotlin,go", // languages
    "postgres",  // existing
    "",          // budget: none
    "y",         // topic names
    "order",     // events: incomplete -> asked again
    "order.placed:order_id, order.paid:order_id",
    "kafka", // decision
];

#[test]
fn scripted_answers_build_the_profile_and_wrong_answers_are_asked_again() {
    let mut p = Scripted::new(FAN_OUT.iter().copied());
    let answers = flow::run(&mut p, None, &candidates()).unwrap();
    let got = &answers.profile;
    assert_eq!(got.name, "orders");
    assert_eq!(got.throughput.peak_per_sec, 2000.0);
    assert_eq!(got.throughput.avg_per_sec, Some(400.0));
    assert_eq!(got.consumers.groups, 3);
    assert_eq!(got.delivery.ordering, Ordering::PerKey);
    assert!(got.replay.needed);
    assert_eq!(got.replay.retention_days, 14.0);
    assert_eq!(got.source.database, Some(profile::Database::Postgres));
    // In the order the options are listed, whatever order they were picked in.
    assert_eq!(got.platform.languages, vec!["go", "kotlin"]);
    assert_eq!(got.events.len(), 2);
    assert_eq!(got.events[1].key.as_deref(), Some("order_id"));
    assert_eq!(got.decision.as_deref(), Some("kafka"));

    let problems = p.problems();
    assert_eq!(problems.len(), 4, "{problems:#?}");
    assert!(
        problems[0].contains("`lots` is not a number"),
        "{problems:#?}"
    );
    assert!(
        problems[1]
            .contains("0 is out of range: must be a number from 0.000001 to 1000000000 messages/s (one message in 11.6 days to a billion a second)"),
        "{problems:#?}"
    );
    assert!(
        problems[2].contains("3000 is above peak_per_sec (2000)"),
        "{problems:#?}"
    );
    assert!(
        problems[3].contains("`order` needs a domain and an action"),
        "{problems:#?}"
    );
    let asked = p.asked();
    assert_eq!(asked.iter().filter(|q| **q == "peak").count(), 3);
    assert_eq!(asked.iter().filter(|q| **q == "avg").count(), 2);
    // Several services need every message: this is not a work queue.
    assert!(!asked.contains(&"jobs"), "{asked:?}");
}

#[test]
fn follow_ups_are_asked_only_when_they_matter() {
    // Enter everywhere: one consumer group (a work queue), no replay, no transaction, no names.
    let mut p = Scripted::accept_defaults();
    flow::run(&mut p, None, &candidates()).unwrap();
    let asked = p.asked();
    assert!(
        asked.contains(&"jobs"),
        "work queues are asked about job features"
    );
    for skipped in ["retention_days", "database", "events"] {
        assert!(!asked.contains(&skipped), "{skipped} asked: {asked:?}");
    }
    // The fan-out script says yes to replay, the transaction and topic names.
    let mut p = Scripted::new(FAN_OUT.iter().copied());
    flow::run(&mut p, None, &candidates()).unwrap();
    let asked = p.asked();
    for follow_up in ["retention_days", "database", "events"] {
        assert!(
            asked.contains(&follow_up),
            "{follow_up} not asked: {asked:?}"
        );
    }
}

#[test]
fn job_features_are_asked_for_a_work_queue() {
    let answers = [
        "emails",
        "",
        "5",
        "",
        "",
        "",
        "1", // one group: a work queue
        "",
        "", // max stall: skip
        "",
        "",
        "",
        "n",                         // replay not needed: no retention question
        "retries,delays,rate_limit", // the job features
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "n",
        "",
    ];
    let mut p = Scripted::new(answers);
    let got = flow::run(&mut p, None, &candidates()).unwrap().profile;
    assert!(got.jobs.retries && got.jobs.delays && got.jobs.rate_limit);
    assert!(!got.jobs.priorities && !got.jobs.scheduled);
    assert_eq!(p.asked().last(), Some(&"decision"));
}

#[test]
fn enter_at_every_question_gives_a_valid_profile_with_the_documented_defaults() {
    // Enter at every question, one by one, interactively: an empty answer is the default.
    let mut p = Scripted::new(std::iter::repeat_n("", 40));
    let got = flow::run(&mut p, None, &candidates()).unwrap().profile;
    assert_eq!(got.name, "my-workload");
    assert_eq!(got.throughput.peak_per_sec, 10.0);
    assert_eq!(got.throughput.avg_per_sec, None);
    assert_eq!(got.consumers.groups, 1);
    assert_eq!(got.decision, None);
    assert!(p.problems().is_empty(), "{:?}", p.problems());
    // And the file it writes loads back to the same profile.
    let text = write::render(&got, "x.yaml", None).unwrap();
    assert_eq!(profile::load(&text, "x.yaml").unwrap().0, got);
}

#[test]
fn from_prefills_every_answer_so_enter_everywhere_gives_back_the_same_profile() {
    for name in common::example_names() {
        let original = example(&name);
        let mut p = Scripted::accept_defaults();
        let got = flow::run(&mut p, Some(&original), &candidates()).unwrap();
        assert_eq!(got.profile, original, "{name}");
    }
}

#[test]
fn from_prefills_and_a_changed_answer_changes_only_that_field() {
    let original = example("order-events");
    // Change the peak (the third question), Enter for the rest.
    let mut answers = vec!["", "", "900"];
    answers.extend(std::iter::repeat_n("", 40));
    let mut p = Scripted::new(answers);
    let got = flow::run(&mut p, Some(&original), &candidates())
        .unwrap()
        .profile;
    let mut want = original.clone();
    want.throughput.peak_per_sec = 900.0;
    assert_eq!(got, want);
}

#[test]
fn optional_answers_can_be_cleared_with_none() {
    let original = example("order-events");
    assert!(original.throughput.avg_per_sec.is_some());
    let mut answers = vec!["", "none", "", "none"];
    answers.extend(std::iter::repeat_n("", 40));
    let mut p = Scripted::new(answers);
    let got = flow::run(&mut p, Some(&original), &candidates())
        .unwrap()
        .profile;
    assert_eq!(got.description, None);
    assert_eq!(got.throughput.avg_per_sec, None);
}

#[test]
fn no_to_topic_names_drops_the_events_of_the_from_profile() {
    let original = example("order-events");
    let mut all_defaults = Scripted::accept_defaults();
    flow::run(&mut all_defaults, Some(&original), &candidates()).unwrap();
    let answers: Vec<&str> = all_defaults
        .asked()
        .into_iter()
        .filter(|id| *id != "events")
        .map(|id| if id == "topic_names" { "n" } else { "" })
        .collect();
    let mut p = Scripted::new(answers);
    let got = flow::run(&mut p, Some(&original), &candidates())
        .unwrap()
        .profile;
    assert!(got.events.is_empty(), "{:?}", got.events);
    assert!(!p.asked().contains(&"events"));
    assert_eq!(got.decision, original.decision, "the rest is kept");
}

#[test]
fn running_out_of_answers_is_an_error_not_a_hang() {
    let mut p = Scripted::new(["orders"]);
    let err = flow::run(&mut p, None, &candidates()).unwrap_err();
    assert!(err.to_string().contains("no profile was written"), "{err}");
}

#[test]
fn the_written_file_loads_back_to_the_same_profile_for_every_example() {
    for name in common::example_names() {
        let original = example(&name);
        let text = write::render(&original, "p.yaml", None).unwrap();
        let (back, _, _) =
            profile::load(&text, "p.yaml").unwrap_or_else(|e| panic!("{name}: {e}\n{text}"));
        assert_eq!(back, original, "{name}:\n{text}");
    }
}

#[test]
fn every_key_written_has_a_comment() {
    // order-events sets almost everything; add what it lacks.
    let mut p = example("order-events");
    p.team.hourly_usd = Some(90.0);
    p.waivers.push(profile::Waiver {
        rule: "low-traffic-kafka".into(),
        reason: "the platform team runs Kafka".into(),
        expires: Some("2027-06-30".into()),
    });
    let text = write::render(&p, "p.yaml", None).unwrap();
    // Items after the first in a list repeat its keys, so only the first carries comments.
    let mut item = 0;
    for line in text.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if !line.starts_with(' ') {
            item = 0;
        } else if line.trim_start().starts_with("- ") {
            item += 1;
        }
        if item > 1 {
            assert!(!line.contains('#'), "a repeated comment on `{line}`");
            continue;
        }
        assert!(line.contains("  # "), "no comment on `{line}`:\n{text}");
    }
    assert!(text.contains("waivers:"), "{text}");
}

#[test]
fn every_profile_field_in_the_schema_has_a_comment() {
    // A field added to the profile later must get a comment in write.rs too.
    let schema = serde_json::to_value(schemars::schema_for!(Profile)).unwrap();
    let mut missing = Vec::new();
    fields(&schema, &schema, "", &mut missing);
    assert!(
        missing.is_empty(),
        "no comment in src/ask/write.rs for: {missing:?}"
    );
}

fn fields(
    root: &serde_json::Value,
    node: &serde_json::Value,
    path: &str,
    missing: &mut Vec<String>,
) {
    let node = resolve(root, node);
    if let Some(items) = node.get("items") {
        return fields(root, items, path, missing);
    }
    for key in ["anyOf", "oneOf", "allOf"] {
        if let Some(list) = node.get(key).and_then(|v| v.as_array()) {
            for n in list {
                fields(root, n, path, missing);
            }
        }
    }
    let Some(props) = node.get("properties").and_then(|p| p.as_object()) else {
        return;
    };
    for (name, sub) in props {
        let p = if path.is_empty() {
            name.clone()
        } else {
            format!("{path}.{name}")
        };
        if !write::COMMENTS.iter().any(|(k, _)| *k == p) {
            missing.push(p.clone());
        }
        fields(root, sub, &p, missing);
    }
}

fn resolve<'a>(root: &'a serde_json::Value, node: &'a serde_json::Value) -> &'a serde_json::Value {
    match node.get("$ref").and_then(|r| r.as_str()) {
        Some(r) => {
            let name = r.rsplit('/').next().unwrap();
            &root["$defs"][name]
        }
        None => node,
    }
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

#[test]
fn an_existing_file_is_not_overwritten_and_another_name_is_offered() {
    let dir = tempdir();
    let out = dir.path().join("orders.msgadvisor.yaml");
    std::fs::write(&out, "mine\n").unwrap();
    let rules = RuleSet::load(&[]).unwrap();
    // Enter at every question, then Enter again to accept the offered name.
    let mut p = Scripted::new(std::iter::repeat_n("", 40));
    let outcome =
        msgadvisor::commands::ask::with_prompter(&mut p, &args(&out), None, &rules, false).unwrap();
    assert_eq!(outcome.code, 0);
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "mine\n",
        "overwritten"
    );
    let offered = dir.path().join("orders-2.msgadvisor.yaml");
    let written = std::fs::read_to_string(&offered).unwrap();
    assert!(profile::load(&written, "x").is_ok());
    assert_eq!(p.asked().last(), Some(&"output"));
    assert!(
        outcome.stderr.contains("orders-2.msgadvisor.yaml"),
        "{}",
        outcome.stderr
    );
    // The recommendation was shown before the question about the file.
    assert!(p.shown.starts_with("my-workload: "), "{}", p.shown);
}

#[test]
fn an_offered_name_that_exists_too_is_asked_again() {
    let dir = tempdir();
    let out = dir.path().join("a.yaml");
    let b = dir.path().join("b.yaml");
    std::fs::write(&out, "mine\n").unwrap();
    std::fs::write(&b, "also mine\n").unwrap();
    let rules = RuleSet::load(&[]).unwrap();
    let mut all_defaults = Scripted::accept_defaults();
    flow::run(&mut all_defaults, None, &candidates()).unwrap();
    let questions = all_defaults.asked().len();
    let mut answers: Vec<String> = std::iter::repeat_n(String::new(), questions).collect();
    answers.push(String::new()); // write the profile (at the summary)
    answers.push(b.display().to_string());
    answers.push(String::new()); // accept a-2.yaml
    let mut p = Scripted::new(answers);
    msgadvisor::commands::ask::with_prompter(&mut p, &args(&out), None, &rules, false).unwrap();
    assert!(
        p.problems().iter().any(|m| m.contains("exists too")),
        "{:?}",
        p.transcript
    );
    assert_eq!(std::fs::read_to_string(&b).unwrap(), "also mine\n");
    assert!(dir.path().join("a-2.yaml").exists());
}

#[test]
fn without_a_terminal_ask_exits_2_at_once_and_says_how_to_write_a_profile() {
    let dir = tempdir();
    let out = msgadvisor()
        .arg("ask")
        .current_dir(dir.path())
        .write_stdin("")
        .timeout(common::HANG)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("needs") || err.contains("terminal"), "{err}");
    assert!(err.contains("examples/"), "{err}");
    assert!(err.contains("msgadvisor schema"), "{err}");
    assert!(err.contains("--defaults"), "{err}");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "wrote something"
    );
}

#[test]
fn defaults_writes_a_starter_profile_without_a_terminal() {
    let dir = tempdir();
    let out = msgadvisor()
        .args(["ask", "--defaults"])
        .current_dir(dir.path())
        .write_stdin("")
        .timeout(common::HANG)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.starts_with("my-workload: "), "{stdout}");
    let file = dir.path().join("my-workload.msgadvisor.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("peak_per_sec: 10"), "{text}");
    msgadvisor().arg("recommend").arg(&file).assert().success();
}

#[test]
fn refuses_to_overwrite_without_force_and_overwrites_with_it() {
    let dir = tempdir();
    let file = dir.path().join("p.yaml");
    std::fs::write(&file, "hand-written\n").unwrap();
    let run = |force: bool| {
        let mut cmd = msgadvisor();
        cmd.args(["ask", "--defaults", "--output"]).arg(&file);
        if force {
            cmd.arg("--force");
        }
        cmd.timeout(common::HANG).output().unwrap()
    };
    let out = run(false);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("already exists") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "hand-written\n");
    let out = run(true);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("version: 1")
    );
    // Only the profile: no temporary file left behind.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn from_and_defaults_rewrite_a_profile_that_recommends_the_same() {
    let dir = tempdir();
    for name in common::example_names() {
        let src = format!("examples/{name}.yaml");
        let out: PathBuf = dir.path().join(format!("{name}.msgadvisor.yaml"));
        msgadvisor()
            .args(["ask", "--defaults", "--from", &src, "--output"])
            .arg(&out)
            .assert()
            .success();
        let json = |p: &Path| {
            let o = msgadvisor()
                .args(["recommend", "--format", "json"])
                .arg(p)
                .output()
                .unwrap();
            assert!(o.status.success());
            o.stdout
        };
        assert_eq!(json(&out), json(Path::new(&src)), "{name}");
    }
}

#[test]
fn schema_option_writes_the_modeline_first() {
    let dir = tempdir();
    let file = dir.path().join("p.yaml");
    let out = msgadvisor()
        .args([
            "ask",
            "--defaults",
            "--schema",
            "profile.schema.json",
            "--output",
        ])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        text.lines().next(),
        Some("# yaml-language-server: $schema=profile.schema.json")
    );
    // The schema file is not there yet: say how to make it.
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("msgadvisor schema >"), "{err}");

    // Without --schema: no modeline (it would point nowhere), but how to get completion.
    let plain = dir.path().join("q.yaml");
    msgadvisor()
        .args(["ask", "--defaults", "--output"])
        .arg(&plain)
        .assert()
        .success();
    let text = std::fs::read_to_string(&plain).unwrap();
    assert!(
        !text
            .lines()
            .any(|l| l.starts_with("# yaml-language-server")),
        "{text}"
    );
    assert!(
        text.contains("msgadvisor schema > profile.schema.json"),
        "{text}"
    );
}

#[test]
fn a_broken_from_profile_exits_2_with_its_location() {
    let dir = tempdir();
    let bad = dir.path().join("bad.yaml");
    std::fs::write(
        &bad,
        "version: 1\nname: x\nthroughput:\n  peak_per_sek: 4\n",
    )
    .unwrap();
    let out = msgadvisor()
        .args(["ask", "--defaults", "--from"])
        .arg(&bad)
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.yaml:4:3"), "{err}");
    assert!(err.contains("did you mean `peak_per_sec`"), "{err}");
}

#[test]
fn an_output_under_a_file_is_refused_before_any_question_and_existing_directories_are_used() {
    let dir = tempdir();
    let file = dir.path().join("f");
    std::fs::write(&file, "").unwrap();
    let out = msgadvisor()
        .args(["ask", "--defaults", "--output"])
        .arg(file.join("p.yaml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("is not a directory"), "{err}");
    assert!(out.stdout.is_empty(), "refused before the work, not after");

    // Missing directories are refused (see below); once made, the nested path is used.
    let nested = dir.path().join("services/orders/p.yaml");
    std::fs::create_dir_all(nested.parent().unwrap()).unwrap();
    msgadvisor()
        .args(["ask", "--defaults", "--output"])
        .arg(&nested)
        .assert()
        .success();
    assert!(nested.exists());
}

/// Issue 19, item 11: `--output` into a folder that does not exist created it without a word;
/// it is refused now (exit 2, nothing created), before any work.
#[test]
fn output_into_a_missing_directory_is_refused() {
    let dir = tempdir();
    let out = msgadvisor()
        .args(["ask", "--defaults", "--output", "no-such-dir/p.yaml"])
        .current_dir(dir.path())
        .write_stdin("")
        .timeout(common::HANG)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no-such-dir does not exist; create it first"),
        "{err}"
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

/// Found with issue 19, item 10's input: `--from` a profile with 99,000 languages. Written out
/// in block style with its defaults it grew past the 1 MiB input limit, and the run panicked
/// (exit 101). Now it ends with exit 2, a message, and nothing written.
#[test]
fn from_a_profile_too_large_to_write_back_is_refused_without_a_panic() {
    let dir = tempdir();
    let names: Vec<String> = (0..99_000).map(|i| format!("l{i}")).collect();
    let from = dir.path().join("big.yaml");
    std::fs::write(
        &from,
        format!(
            "version: 1\nname: big\nthroughput: {{peak_per_sec: 10}}\nplatform:\n  languages: [{}]\n",
            names.join(", ")
        ),
    )
    .unwrap();
    let out = msgadvisor()
        .args(["ask", "--defaults", "--from"])
        .arg(&from)
        .args(["--output", "out.yaml"])
        .current_dir(dir.path())
        .timeout(common::HANG)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("cannot be revised") && err.contains("1 MiB"),
        "{err}"
    );
    assert!(!dir.path().join("out.yaml").exists());
}

/// A profile that would be too large to read back once written out (a long typed description)
/// is an error naming the file, not a panic.
#[test]
fn a_profile_too_large_to_write_back_is_an_error_not_a_panic() {
    let text = std::fs::read_to_string("examples/order-events.yaml").unwrap();
    let mut p = profile::load(&text, "order-events.yaml").unwrap().0;
    p.description = Some("d".repeat(1_100_000));
    let err = write::render(&p, "big.msgadvisor.yaml", None).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.starts_with("big.msgadvisor.yaml: this profile cannot be written: as commented YAML with its defaults it is "),
        "{msg}"
    );
}
