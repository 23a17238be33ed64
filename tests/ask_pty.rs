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

/// Starts `msgadvisor ask ARGS` in `dir` on a pseudo-terminal, without colour so the screen is
/// plain text (and with the terminal's control sequences removed unless `raw`).
fn spawn(dir: &Path, args: &[&str]) -> PtySession {
    spawn_raw(dir, args, false)
}

fn spawn_raw(dir: &Path, args: &[&str], raw: bool) -> PtySession {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_msgadvisor"));
    cmd.arg("ask").args(args).current_dir(dir);
    cmd.env("NO_COLOR", "1").env("TERM", "xterm");
    // Generous: CI machines are small and shared.
    let options = Options::new()
        .timeout_ms(Some(60_000))
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
    answer(&mut p, "replay", "y");
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
    answer(&mut p, "cloud", &format!("{DOWN}\r")); // from `other` round to `aws`
    answer(&mut p, "languages", " \r"); // typescript
    answer(&mut p, "existing", "\r");
    answer(&mut p, "budget", "\r");
    answer(&mut p, "topic_names", "n");
    answer(&mut p, "decision", "\r");
    // The recommendation, as `recommend` prints it, then the file.
    p.exp_string("pty-orders: ").unwrap();
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
