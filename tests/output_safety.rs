//! What reaches the user's stdout: every write is checked (a full disk is exit 2 with a message,
//! a reader that went away is not an error), and text that came from input cannot forge lines.

mod common;

use std::process::{Command, Stdio};

/// The binary with stdout going to `stdout` and stderr captured; returns (exit code, stderr).
fn run_into(args: &[&str], stdout: Stdio) -> (Option<i32>, String) {
    let out = Command::new(assert_cmd::cargo::cargo_bin("msgadvisor"))
        .args(args)
        .env_remove("MSGADVISOR_RULES")
        .stdout(stdout)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Issue 19, item 5: `recommend > /dev/full` and `check --format sarif > /dev/full` exited 0.
/// Every command that prints, in every format, now exits 2 and says why.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_on_stdout_is_exit_2_with_a_message() {
    let cases: &[&[&str]] = &[
        &["recommend", "examples/order-events.yaml"],
        &[
            "recommend",
            "examples/order-events.yaml",
            "--format",
            "json",
        ],
        &[
            "recommend",
            "examples/order-events.yaml",
            "--format",
            "markdown",
        ],
        &["explain", "examples/order-events.yaml"],
        &["report", "examples/order-events.yaml"],
        &["check", "examples/", "--format", "sarif"],
        &["check", "examples/", "--format", "json"],
        &["check", "examples/", "--format", "junit"],
        &["check", "examples/"],
        &["check", "examples/", "--format", "github"],
        &["rules", "list"],
        &["schema"],
        &["completions", "bash"],
        &["--help"],
        &["--version"],
    ];
    for args in cases {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let (code, err) = run_into(args, Stdio::from(full));
        assert_eq!(code, Some(2), "{args:?}: {err}");
        assert!(
            err.contains("could not write output") && err.contains("No space left on device"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

/// A reader that stops early (`| head`) is not a failure to report: the run stops writing,
/// prints nothing about it, and keeps its own exit code (a failing gate still fails).
#[test]
fn a_closed_pipe_ends_the_output_quietly_with_the_commands_exit_code() {
    // Far more than a pipe buffers, so the run must still be writing when the reader is gone.
    let names: String = (0..20_000).map(|i| format!("orders/t{i}\n")).collect();
    let dir = common::tempdir("pipe");
    let file = dir.join("names.txt");
    std::fs::write(&file, names).unwrap();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("msgadvisor"))
        .args(["names", "--format", "json"])
        .arg(&file)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    // `/` is an illegal character in a topic name: an error finding, so `names` exits 1.
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(err, "");
}
