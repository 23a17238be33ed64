//! `msgadvisor ask` moves and conveniences, through the scripted prompter: `back` (or `<`) to the
//! previous question, `?` for help on any question, answers with units, a rejected answer never
//! accepted first, and the summary to confirm (write, change an answer, quit) before writing.

mod common;

use common::candidates;
use msgadvisor::ask::flow::{self, Scripted};
use msgadvisor::ask::questions::{self, QUESTIONS};
use msgadvisor::cli::{AskArgs, RulesArgs};
use msgadvisor::engine::RuleSet;
use msgadvisor::profile;
use std::path::Path;

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

fn run(p: &mut Scripted) -> profile::Profile {
    flow::run(p, None, &candidates())
        .unwrap_or_else(|e| panic!("{e}: {:#?}", p.transcript))
        .profile
}

/// The ids asked, in order, up to and including the first `n`.
fn first_asked(p: &Scripted, n: usize) -> Vec<&str> {
    p.asked().into_iter().take(n).collect()
}

#[test]
fn back_returns_to_the_previous_question_and_keeps_its_answer_as_the_default() {
    let mut p = Scripted::by_id([
        ("name", "orders"),
        ("peak", "400"),
        ("avg", "back"),
        // Asked again: Enter keeps 400; the second time, `<` goes back once more.
        ("peak", ""),
        ("avg", "<"),
        ("peak", "500"),
        ("avg", "50"),
    ]);
    let got = run(&mut p);
    assert_eq!(
        first_asked(&p, 9),
        [
            "name",
            "description",
            "peak",
            "avg",
            "peak",
            "avg",
            "peak",
            "avg",
            "message_bytes"
        ]
    );
    assert_eq!(got.name, "orders");
    assert_eq!(got.throughput.peak_per_sec, 500.0);
    assert_eq!(got.throughput.avg_per_sec, Some(50.0));
    // The peak asked again offered the answer given, not the original default.
    let accepted = p.accepted_answers();
    assert_eq!(
        accepted
            .iter()
            .filter(|a| a.starts_with("peak: "))
            .copied()
            .collect::<Vec<_>>(),
        ["peak: 400", "peak: 400", "peak: 500"]
    );
    assert!(p.problems().is_empty(), "{:?}", p.problems());
}

#[test]
fn back_steps_over_questions_that_were_not_asked_and_works_from_lists() {
    // Replay yes opens the retention question; back from it returns to replay; no closes it.
    let mut p = Scripted::by_id([
        ("replay", "y"),
        ("retention_days", "back"),
        ("replay", "n"),
        // A list (a choice) goes back too, to the question before it.
        ("ordering", "back"),
        ("loss_ok", "y"),
        ("ordering", "per-key"),
    ]);
    let got = run(&mut p);
    let asked = p.asked();
    let from = asked.iter().position(|q| *q == "loss_ok").unwrap();
    assert_eq!(
        &asked[from..from + 8],
        [
            "loss_ok",
            "ordering",
            "loss_ok",
            "ordering",
            "max_latency_ms",
            "replay",
            "retention_days",
            "replay"
        ]
    );
    assert_eq!(
        asked.iter().filter(|q| **q == "retention_days").count(),
        1,
        "not asked after replay turned no: {asked:?}"
    );
    assert!(!got.replay.needed);
    assert!(got.delivery.loss_ok);
    assert_eq!(got.delivery.ordering, profile::Ordering::PerKey);
}

#[test]
fn back_at_the_first_question_says_there_is_nothing_before_it() {
    let mut p = Scripted::by_id([("name", "back"), ("name", "orders")]);
    let got = run(&mut p);
    assert_eq!(got.name, "orders");
    assert_eq!(first_asked(&p, 3), ["name", "name", "description"]);
    assert!(
        p.notes().iter().any(|n| n.contains("first question")),
        "{:?}",
        p.notes()
    );
}

#[test]
fn question_mark_explains_the_question_and_what_the_answer_is_used_for() {
    let mut p = Scripted::by_id([
        ("peak", "?"),
        ("peak", "250"),
        ("loss_ok", "?"),
        ("ordering", "?"),
        ("languages", "?"),
    ]);
    let got = run(&mut p);
    assert_eq!(got.throughput.peak_per_sec, 250.0);
    let notes = p.notes();
    // The first note is the introduction: how to move around.
    assert!(
        notes[0].contains("Type ? to have a question explained"),
        "{notes:?}"
    );
    let peak = questions::question("peak").unwrap();
    let help = notes[1];
    assert!(help.starts_with(peak.prompt), "{help}");
    assert!(help.contains(peak.help), "{help}");
    assert!(
        help.contains(&format!("Used for: {}", peak.used_for)),
        "{help}"
    );
    assert!(help.contains("20/s, 1.2k/s"), "units: {help}");
    assert!(help.contains("Enter keeps: 10 messages/s"), "{help}");
    assert!(help.contains("back (or <)"), "{help}");
    for (id, how) in [
        ("loss_ok", "y or n"),
        ("ordering", "arrow keys"),
        ("languages", "Space"),
    ] {
        let q = questions::question(id).unwrap();
        assert!(
            notes
                .iter()
                .any(|n| n.starts_with(q.prompt) && n.contains(q.used_for) && n.contains(how)),
            "{id}: {notes:#?}"
        );
    }
    // `?` is not an answer: each question is asked again.
    let asked = p.asked();
    for id in ["peak", "loss_ok", "ordering", "languages"] {
        assert_eq!(asked.iter().filter(|q| **q == id).count(), 2, "{id}");
    }
}

#[test]
fn every_question_can_be_explained() {
    let tree = msgadvisor::ask::profile_tree(
        &profile::load("version: 1\nname: x\nthroughput: {peak_per_sec: 1}\n", "x")
            .unwrap()
            .0,
        "x",
        "written",
    )
    .unwrap();
    for q in QUESTIONS {
        assert!(
            q.used_for.len() > 20,
            "{}: say what the answer is used for",
            q.id
        );
        let text = flow::explain(q, &tree, &candidates());
        assert!(
            text.contains(q.used_for) && text.contains("Answer: "),
            "{text}"
        );
    }
}

#[test]
fn answers_take_units() {
    let mut p = Scripted::by_id([
        ("peak", "1.2k/s"),
        ("avg", "3000/min"),
        ("message_bytes", "2KB"),
        ("processing_ms", "0.5s"),
        ("replay", "y"),
        ("retention_days", "2 weeks"),
        ("budget", "$1.5k"),
    ]);
    let got = run(&mut p);
    assert_eq!(got.throughput.peak_per_sec, 1200.0);
    assert_eq!(got.throughput.avg_per_sec, Some(50.0));
    assert_eq!(got.throughput.message_bytes, 2000);
    assert_eq!(got.consumers.processing_ms, 500.0);
    assert_eq!(got.replay.retention_days, 14.0);
    assert_eq!(got.budget.monthly_usd, Some(1500.0));
    // The conversion is shown with the answer.
    let accepted = p.accepted_answers();
    for want in [
        "peak: 1.2k/s = 1,200 messages/s",
        "avg: 3000/min = 50 messages/s",
        "message_bytes: 2KB = 2,000 bytes",
    ] {
        assert!(accepted.contains(&want), "{want}: {accepted:#?}");
    }

    let mut p = Scripted::by_id([("message_bytes", "1.5 MiB"), ("peak", "20/s")]);
    let got = run(&mut p);
    assert_eq!(got.throughput.message_bytes, 1_572_864);
    assert_eq!(got.throughput.peak_per_sec, 20.0);
    let mut p = Scripted::by_id([("message_bytes", "512 B")]);
    assert_eq!(run(&mut p).throughput.message_bytes, 512);
}

#[test]
fn a_unit_that_does_not_fit_is_asked_again_with_the_units_that_do() {
    let mut p = Scripted::by_id([
        ("message_bytes", "2 parsecs"),
        ("message_bytes", "1.3 KiB"),
        ("message_bytes", "4 KiB"),
    ]);
    let got = run(&mut p);
    assert_eq!(got.throughput.message_bytes, 4096);
    let problems = p.problems();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems[0].contains("`2 parsecs` is not a number of bytes") && problems[0].contains("2KB"),
        "{problems:?}"
    );
    assert!(
        problems[1].contains("a whole number is needed"),
        "{problems:?}"
    );
}

#[test]
fn a_rejected_answer_is_never_accepted_before_its_problem() {
    let mut p = Scripted::by_id([("peak", "lots"), ("peak", "0"), ("peak", "2000")]);
    run(&mut p);
    let at = p.transcript.iter().position(|l| l == "? peak").unwrap();
    let lines: Vec<&str> = p.transcript[at..at + 6]
        .iter()
        .map(String::as_str)
        .collect();
    assert_eq!(lines[0], "? peak");
    assert!(
        lines[1].starts_with("! `lots` is not a number"),
        "{lines:?}"
    );
    assert_eq!(lines[2], "? peak");
    assert!(lines[3].starts_with("! 0 is out of range"), "{lines:?}");
    assert_eq!(&lines[4..], ["? peak", "= peak: 2000"]);
}

/// Runs the whole command with a script; (exit code, stderr, the prompter).
fn command(answers: &[(&str, &str)], out: &Path) -> (i32, String, Scripted) {
    let rules = RuleSet::load(&[]).unwrap();
    let mut p = Scripted::by_id(answers.iter().copied());
    let outcome = msgadvisor::commands::ask::with_prompter(&mut p, &args(out), None, &rules, false)
        .unwrap_or_else(|e| panic!("{e}: {:#?}", p.transcript));
    (outcome.code.into(), outcome.stderr, p)
}

#[test]
fn the_answers_are_shown_to_confirm_before_the_profile_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("orders.yaml");
    let (code, _, p) = command(&[("name", "orders"), ("peak", "2k/s")], &out);
    assert_eq!(code, 0);
    let transcript = p.transcript.join("\n");
    // The recommendation, then the answers, then the question, then the file.
    let summary = p
        .notes()
        .into_iter()
        .find(|n| n.contains(questions::question("name").unwrap().prompt))
        .expect("a summary");
    assert!(summary.contains("orders"), "{summary}");
    assert!(summary.contains("2,000 messages/s"), "{summary}");
    assert!(summary.contains("1,024 bytes"), "{summary}");
    assert!(
        summary
            .lines()
            .any(|l| l.contains("know Kafka?") && l.ends_with("  Not at all")),
        "labels, not values: {summary}"
    );
    assert!(!summary.contains("1 services"), "{summary}");
    // Only questions that were asked: no retention (replay was not needed).
    assert!(
        !summary.contains(questions::question("retention_days").unwrap().prompt),
        "{summary}"
    );
    let order = [
        "# Your answers",
        "? confirm",
        "= confirm: Yes, write the profile",
    ];
    let at: Vec<usize> = order
        .iter()
        .map(|l| p.transcript.iter().position(|t| t == l).unwrap())
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{transcript}");
    assert!(p.shown.starts_with("orders: "), "{}", p.shown);
    let written = std::fs::read_to_string(&out).unwrap();
    let (got, _, _) = profile::load(&written, "orders.yaml").unwrap();
    assert_eq!(got.throughput.peak_per_sec, 2000.0);
}

#[test]
fn changing_an_answer_asks_it_and_the_follow_ups_it_opens_then_confirms_again() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("orders.yaml");
    let (code, _, p) = command(
        &[
            // By id, each question's answers in order: the first pass, then the changes.
            ("name", "orders"),
            ("replay", "n"),
            ("peak", ""),
            ("confirm", "edit"),
            ("edit", "replay"),
            ("replay", "y"),
            ("retention_days", "30"),
            ("confirm", "edit"),
            ("edit", "peak"),
            ("peak", "900"),
            ("confirm", "write"),
        ],
        &out,
    );
    assert_eq!(code, 0);
    let asked = p.asked();
    let first_confirm = asked.iter().position(|q| *q == "confirm").unwrap();
    assert_eq!(
        &asked[first_confirm..],
        [
            "confirm",
            "edit",
            "replay",
            "retention_days",
            "confirm",
            "edit",
            "peak",
            "confirm"
        ],
        "only the changed answer and the follow-up it opened"
    );
    // The recommendation is shown again after each change.
    assert_eq!(p.shown.matches("orders: ").count(), 3, "{}", p.shown);
    let (got, _, _) = profile::load(&std::fs::read_to_string(&out).unwrap(), "x").unwrap();
    assert!(got.replay.needed);
    assert_eq!(got.replay.retention_days, 30.0);
    assert_eq!(got.throughput.peak_per_sec, 900.0);
    assert_eq!(got.name, "orders", "the rest is kept");
}

#[test]
fn back_from_the_changed_answer_keeps_it_and_returns_to_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.yaml");
    let (code, _, p) = command(
        &[
            ("peak", "70"),
            ("confirm", "edit"),
            ("edit", "peak"),
            ("peak", "back"),
        ],
        &out,
    );
    assert_eq!(code, 0);
    let (got, _, _) = profile::load(&std::fs::read_to_string(&out).unwrap(), "x").unwrap();
    assert_eq!(got.throughput.peak_per_sec, 70.0);
    assert_eq!(p.asked().iter().filter(|q| **q == "confirm").count(), 2);
}

#[test]
fn quit_at_the_summary_writes_nothing_and_exits_130() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.yaml");
    let (code, stderr, _) = command(&[("confirm", "quit")], &out);
    assert_eq!(code, 130);
    assert!(stderr.contains("no profile was written"), "{stderr}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn defaults_asks_nothing_and_confirms_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("starter.yaml");
    let rules = RuleSet::load(&[]).unwrap();
    let mut p = Scripted::accept_defaults();
    let mut a = args(&out);
    a.defaults = true;
    let outcome =
        msgadvisor::commands::ask::with_prompter(&mut p, &a, None, &rules, false).unwrap();
    assert_eq!(outcome.code, 0);
    assert!(!p.asked().contains(&"confirm"), "{:?}", p.asked());
    assert!(
        p.notes().is_empty(),
        "no introduction or summary: {:?}",
        p.notes()
    );
    assert!(out.exists());
}
