//! Issue 19, numbers and conditions: no valid number makes a command spin, every numeric input
//! has a range with a located error, and rule conditions run within a budget, refused at load
//! (with the rule's file, line and column) when they could not.

mod common;

use std::path::Path;
use std::time::Duration;

/// Far beyond the few milliseconds these take; only a hang reaches it.
const HANG: Duration = Duration::from_secs(20);

/// Runs the binary with the hang guard; (exit code, stdout, stderr). A run killed by the guard
/// has no exit code and fails the test here.
fn run(args: &[&str], cwd: Option<&Path>) -> (i32, String, String) {
    let mut c = common::msgadvisor();
    c.args(args).timeout(HANG);
    if let Some(d) = cwd {
        c.current_dir(d);
    }
    let out = c.output().unwrap();
    let code = out
        .status
        .code()
        .unwrap_or_else(|| panic!("{args:?} did not finish within {HANG:?} (or was killed)"));
    (
        code,
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn profile(dir: &Path, text: &str) -> String {
    let path = dir.join("p.yaml");
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

/// Item 1: `1e-307` is a valid number; it made the flip-point search divide by zero and count
/// down from 9.2e18. Now the reader refuses a rate or a window no workload has, with where and
/// what is allowed, and `recommend`, `explain` and `report` finish.
#[test]
fn a_tiny_rate_or_window_is_a_located_error_not_a_hang() {
    let dir = common::tempdir("tiny");
    let cases = [
        (
            "version: 1\nname: x\nthroughput: {peak_per_sec: 1e-307}\n",
            "p.yaml:3:28: throughput.peak_per_sec: 1e-307 is out of range",
        ),
        (
            "version: 1\nname: x\nthroughput: {peak_per_sec: 10}\nreplay: {needed: true, retention_days: 1e-307}\n",
            "p.yaml:4:40: replay.retention_days: 1e-307 is out of range",
        ),
    ];
    for (text, want) in cases {
        let p = profile(&dir, text);
        for cmd in ["recommend", "explain", "report"] {
            let (code, out, err) = run(&[cmd, &p], None);
            assert_eq!(code, 2, "{cmd}: {err}");
            assert!(out.is_empty(), "{cmd}: {out}");
            assert!(err.contains(want), "{cmd}: {err}");
        }
    }
    // The same through `--set`.
    let p = profile(
        &dir,
        "version: 1\nname: x\nthroughput: {peak_per_sec: 10}\n",
    );
    for set in [
        "throughput.peak_per_sec=1e-307",
        "replay.needed=true",
        "replay.retention_days=1e-307",
    ] {
        let args = ["recommend", &p, "--set", set, "--set", "replay.needed=true"];
        let (code, _, err) = run(&args, None);
        if set == "replay.needed=true" {
            assert_eq!(code, 0, "{err}");
        } else {
            assert_eq!(code, 2, "{set}: {err}");
            assert!(err.contains("is out of range"), "{set}: {err}");
        }
    }
}

/// The smallest values the reader accepts still finish, with flip points.
#[test]
fn the_smallest_accepted_values_finish() {
    let dir = common::tempdir("smallest");
    let p = profile(
        &dir,
        "version: 1\nname: x\nthroughput: {peak_per_sec: 0.000001}\nreplay: {needed: true, retention_days: 0.001}\ndelivery: {max_latency_ms: 0.001}\n",
    );
    for cmd in ["recommend", "explain", "report"] {
        let (code, _, err) = run(&[cmd, &p], None);
        assert_eq!(code, 0, "{cmd}: {err}");
    }
}
