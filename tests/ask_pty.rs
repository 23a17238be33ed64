//! `msgadvisor ask` on a real pseudo-terminal: the binary as a person meets it, keys and all.
#![cfg(unix)]

use msgadvisor::ask::flow::{self, Scripted};
use msgadvisor::ask::questions;
use msgadvisor::engine::RuleSet;
use rexpect::process::WaitStatus;
use rexpect::session::{Options, PtySession, spawn_with_options};
use std::path::Path;
use std::process::Command;

const DOWN: &str = "\x1b[B";
const UP: &str = "\x1b[A";

/// `s` as rexpect returns it: each byte of the UTF-8 as one char.
fn on_pty(s: &str) -> String {
    s.bytes().map(char::from).collect()
}

/// Starts `msgadvisor ask ARGS` in `dir` on a pseudo-terminal, without colour so the screen is
/// plain text (and with the terminal's control sequences removed unless `raw`).
fn spawn(dir: &Path, args: &[&str]) -> PtySession {
    spawn_raw(dir, args, false)
}

fn spawn_raw(dir: &Path, args: &[&str], raw: bool) -> PtySession {
    spawn_with(dir, args, raw, false)
}

/// `color`: as a person's terminal draws it (dialoguer's colourful theme, with its ✔ and ✘).
fn spawn_with(dir: &Path, args: &[&str], raw: bool, color: bool) -> PtySession {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_msgadvisor"));
    cmd.arg("ask").args(args).current_dir(dir);
    cmd.env("TERM", "xterm");
    if color {
        cmd.env_remove("NO_COLOR");
    } else {
        cmd.env("NO_COLOR", "1");
    }
    // A hang guard on each wait for the screen, not a speed test: the 120 s every test allows
    // a run (tests/common's HANG), since CI machines are small and shared.
    let options = Options::new()
        .timeout_ms(Some(120_000))
        .strip_ansi_escape_codes(!raw);
    spawn_with_options(cmd, options).expect("spawn msgadvisor ask on a pty")
}

fn prompt(id: &str) -> &'static str {
    questions::question(id).unwrap().prompt
}

/// Waits for the question, then types `keys` (`\r` is Enter).
fn answer(p: &mut PtySession, id: &str, keys: &str) {
    p.exp_string(prompt(id))
        .unwrap_or_else(|e| panic!("waiting for question `{id}`: {e}"));
    press(p, keys);
}

/// Types `keys` now. (rexpect buffers what is sent until a flush.)
fn press(p: &mut PtySession, keys: &str) {
    p.send(keys).unwrap();
    p.flush().unwrap();
}

/// Waits for the question at the summary, then types `keys`.
fn answer_confirm(p: &mut PtySession, keys: &str) {
    p.exp_string("Write the profile with these answers?")
        .unwrap_or_else(|e| panic!("waiting for the summary's question: {e}"));
    press(p, keys);
}

fn exit_code(p: &PtySession) -> i32 {
    match p.process().wait().unwrap() {
        WaitStatus::Exited(_, code) => code,
        other => panic!("msgadvisor did not exit normally: {other:?}"),
    }
}

/// The questions asked when every answer is the default, in order.
fn default_path() -> Vec<&'static str> {
    let candidates: Vec<(String, String)> = RuleSet::load(&[])
        .unwrap()
        .candidates
        .iter()
        .map(|c| (c.id.clone(), c.name.clone()))
        .collect();
    let mut s = Scripted::accept_defaults();
    flow::run(&mut s, None, &candidates).unwrap();
    s.asked()
        .into_iter()
        .map(|id| questions::question(id).unwrap().id)
        .collect()
}

#[test]
fn answering_on_a_terminal_writes_a_profile_that_recommend_reads() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = spawn(dir.path(), &["--output", "orders.yaml"]);
    answer(&mut p, "name", "pty-orders\r");
    answer(&mut p, "description", "\r");
    // A wrong answer is refused with a reason and the question comes again.
    answer(&mut p, "peak", "lots\r");
    p.exp_string("`lots` is not a number").unwrap();
    answer(&mut p, "peak", "2500\r");
    for id in [
        "avg",
        "message_bytes",
        "growth",
        "groups",
        "processing_ms",
        "max_stall_minutes",
    ] {
        answer(&mut p, id, "\r");
    }
    answer(&mut p, "loss_ok", "\r");
    answer(&mut p, "ordering", &format!("{DOWN}\r")); // per-key
    answer(&mut p, "max_latency_ms", "\r");
    answer(&mut p, "replay", "y\r");
    answer(&mut p, "retention_days", "3\r");
    answer(&mut p, "jobs", " \r"); // retries
    answer(&mut p, "db_transaction", "\r");
    for id in [
        "team_size",
        "kafka_experience",
        "managed_only",
        "hourly_usd",
    ] {
        answer(&mut p, id, "\r");
    }
    answer(&mut p, "cloud", &format!("{UP}{UP}{UP}{UP}\r")); // from `other` up to `aws`
    answer(&mut p, "languages", " \r"); // typescript
    answer(&mut p, "existing", "\r");
    answer(&mut p, "budget", "\r");
    answer(&mut p, "topic_names", "n\r");
    answer(&mut p, "decision", "\r");
    // The recommendation, as `recommend` prints it, the answers to confirm, then the file.
    p.exp_string("pty-orders: ").unwrap();
    p.exp_string("Your answers").unwrap();
    p.exp_string("2,500 messages/s").unwrap();
    answer_confirm(&mut p, "\r");
    p.exp_string("Wrote orders.yaml").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&p), 0);

    let file = dir.path().join("orders.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    let (profile, _, _) = msgadvisor::profile::load(&text, "orders.yaml").unwrap();
    assert_eq!(profile.name, "pty-orders");
    assert_eq!(profile.throughput.peak_per_sec, 2500.0);
    assert_eq!(
        profile.delivery.ordering,
        msgadvisor::profile::Ordering::PerKey
    );
    assert!(profile.replay.needed);
    assert_eq!(profile.replay.retention_days, 3.0);
    assert!(profile.jobs.retries && !profile.jobs.delays);
    assert_eq!(profile.platform.cloud, msgadvisor::profile::Cloud::Aws);
    assert_eq!(profile.platform.languages, vec!["typescript"]);

    // The written profile round-trips through `recommend`.
    let out = Command::new(env!("CARGO_BIN_EXE_msgadvisor"))
        .args(["recommend", "--format", "json"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["profile"], "pty-orders");
    assert!(json["recommended"].is_string());
}

#[test]
fn enter_at_every_question_completes_and_an_existing_file_gets_another_name() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("my-workload.msgadvisor.yaml"), "mine\n").unwrap();
    let mut p = spawn(dir.path(), &[]);
    for id in default_path() {
        answer(&mut p, id, "\r");
    }
    p.exp_string("my-workload: ").unwrap();
    answer_confirm(&mut p, "\r");
    p.exp_string("my-workload.msgadvisor.yaml already exists")
        .unwrap();
    press(&mut p, "\r"); // accept the offered name
    p.exp_string("Wrote my-workload-2.msgadvisor.yaml").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&p), 0);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("my-workload.msgadvisor.yaml")).unwrap(),
        "mine\n"
    );
    let text = std::fs::read_to_string(dir.path().join("my-workload-2.msgadvisor.yaml")).unwrap();
    msgadvisor::profile::load(&text, "x").unwrap();
}

#[test]
fn ctrl_c_cancels_with_130_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = spawn_raw(dir.path(), &[], true);
    for id in default_path()
        .into_iter()
        .take_while(|id| *id != "ordering")
    {
        answer(&mut p, id, "\r");
    }
    // Ctrl-C at a list, where dialoguer hides the cursor: it must be shown again.
    answer(&mut p, "ordering", "\x03");
    p.exp_string("\x1b[?25h").unwrap();
    p.exp_string("cancelled; no profile was written").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&p), 130);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn on_a_terminal_back_help_and_units_work_and_a_rejected_answer_gets_no_success_mark() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = spawn_with(dir.path(), &["--output", "x.yaml"], false, true);
    p.exp_string("Type ? to have a question explained").unwrap();
    answer(&mut p, "name", "orders\r");
    answer(&mut p, "description", "\r");
    // A wrong answer: its problem, and no ✔ for it first (dialoguer's own report is off).
    answer(&mut p, "peak", "lots\r");
    let before = p.exp_string(&on_pty("✘")).unwrap();
    assert!(before.contains("lots"), "{before:?}");
    assert!(
        !before.contains(&on_pty("✔")),
        "a ✔ before the ✘: {before:?}"
    );
    p.exp_string("`lots` is not a number").unwrap();
    // `?` explains the question; then a rate with a unit, echoed with its conversion.
    answer(&mut p, "peak", "?\r");
    p.exp_string("Used for: ").unwrap();
    answer(&mut p, "peak", "1.2k/s\r");
    p.exp_string("1.2k/s = 1,200 messages/s").unwrap();
    // `back` returns to the peak, which offers the answer just given.
    answer(&mut p, "avg", "back\r");
    answer(&mut p, "peak", "\r");
    p.exp_string("1200").unwrap();
    answer(&mut p, "avg", "\r");
    answer(&mut p, "message_bytes", "2KB\r");
    p.exp_string("2KB = 2,000 bytes").unwrap();
    for id in [
        "growth",
        "groups",
        "processing_ms",
        "max_stall_minutes",
        "loss_ok",
    ] {
        answer(&mut p, id, "\r");
    }
    // In a list, the last item goes back (after the three options and help).
    answer(&mut p, "ordering", &format!("{DOWN}{DOWN}{DOWN}{DOWN}\r"));
    answer(&mut p, "loss_ok", "\r");
    let rest: Vec<&str> = default_path()
        .into_iter()
        .skip_while(|id| *id != "ordering")
        .collect();
    for id in rest {
        answer(&mut p, id, "\r");
    }
    p.exp_string("orders: ").unwrap();
    // Quit at the summary: the third choice.
    answer_confirm(&mut p, &format!("{DOWN}{DOWN}\r"));
    p.exp_string("no profile was written").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&p), 130);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn on_a_terminal_the_summary_changes_an_answer_then_writes() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = spawn(dir.path(), &[]);
    for id in default_path() {
        answer(&mut p, id, "\r");
    }
    p.exp_string("my-workload: ").unwrap();
    p.exp_string("Your answers").unwrap();
    // Change an answer: the first one listed, the name.
    answer_confirm(&mut p, &format!("{DOWN}\r"));
    p.exp_string("Which answer?").unwrap();
    press(&mut p, "\r");
    answer(&mut p, "name", "renamed\r");
    // The recommendation again, for the changed answers, then the summary again.
    p.exp_string("renamed: ").unwrap();
    answer_confirm(&mut p, "\r");
    p.exp_string("Wrote renamed.msgadvisor.yaml").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&p), 0);
    let text = std::fs::read_to_string(dir.path().join("renamed.msgadvisor.yaml")).unwrap();
    assert_eq!(
        msgadvisor::profile::load(&text, "x").unwrap().0.name,
        "renamed"
    );
}
