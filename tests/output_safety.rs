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

/// A profile whose name, waiver reason and events try to forge GitHub Actions workflow commands
/// and terminal escapes (issue 19, item 8).
const HOSTILE: &str = r#"version: 1
name: "n\n::error file=evil::injected"
throughput: {peak_per_sec: 400}
replay: {needed: true, retention_days: 7}
consumers: {groups: 3}
platform: {languages: ["a\e[31mred", "::warning::lang"]}
events: [{domain: "::error::dom", action: "x\nplaced", key: "k\n::error::key"}]
decision: kafka
waivers:
  - {rule: no-kafka-experience, reason: "r\n::warning::x\r::notice::cr", expires: 2099-01-01}
"#;

/// A rule pack whose rule title and why try the same.
fn hostile_pack() -> std::path::PathBuf {
    common::pack(&[(
        "evil-rule.yaml",
        "id: evil-rule\ntitle: \"t\\n::error::from-a-pack \\e[2J\"\nwhy: \"w\\n::error::why\"\nsource: \"s\\n::error::source\"\nwhen: \"true\"\neffect: {score: {kafka: 1}}\nexamples:\n  - profile: {}\n    fires: true\n",
    )])
}

/// The lines of `text` that a GitHub Actions runner would take for a workflow command (it trims
/// leading spaces), or that carry a control character a terminal would act on.
fn forged(text: &str) -> Vec<&str> {
    text.split('\n')
        .filter(|l| l.trim_start().starts_with("::") || l.contains(['\u{1b}', '\r']))
        .collect()
}

fn run_in(dir: &std::path::Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = common::msgadvisor()
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Issue 19, item 8: `name: "n\n::error file=evil::injected"` reached the text formats raw. No
/// line of any text output (nor of its stderr) can now start a workflow command, and the
/// escaped value is still there to read.
#[test]
fn input_text_cannot_forge_a_line_in_text_output() {
    let dir = common::tempdir("hostile");
    std::fs::write(dir.join("evil.yaml"), HOSTILE).unwrap();
    let pack = hostile_pack();
    let pack = pack.to_str().unwrap();
    let cases: &[&[&str]] = &[
        &["recommend", "evil.yaml"],
        &["recommend", "evil.yaml", "--format", "markdown"],
        &["recommend", "evil.yaml", "--rules", pack],
        &["explain", "evil.yaml"],
        &["explain", "evil.yaml", "--format", "markdown"],
        &["explain", "evil.yaml", "--rules", pack],
        &["report", "evil.yaml"],
        &["check", "evil.yaml"],
        &["check", "evil.yaml", "--format", "markdown"],
        &["check", "evil.yaml", "--rules", pack],
        &["check", "evil.yaml", "--no-waivers"],
    ];
    for args in cases {
        let (code, out, err) = run_in(&dir, args);
        assert!(matches!(code, Some(0 | 1)), "{args:?}: {err}");
        assert_eq!(forged(&out), Vec::<&str>::new(), "{args:?} stdout");
        assert_eq!(forged(&err), Vec::<&str>::new(), "{args:?} stderr");
        // Shown, not lost: escaped (`n\n::error…`), or in a Markdown table cell on one line.
        assert!(
            out.contains("::error file=evil::injected"),
            "{args:?}: {out}"
        );
    }
    let (_, out, _) = run_in(&dir, &["recommend", "evil.yaml"]);
    assert!(
        out.starts_with("n\\n::error file=evil::injected: "),
        "{out}"
    );
    let (_, out, _) = run_in(&dir, &["check", "evil.yaml"]);
    assert!(out.contains(r"r\n::warning::x\r::notice::cr"), "{out}");
}

/// A file name with a newline (git keeps them) in `check` text and in an error message.
#[cfg(unix)]
#[test]
fn a_file_name_with_a_newline_cannot_forge_a_line() {
    let dir = common::tempdir("hostile-name");
    let profiles = dir.join("profiles");
    std::fs::create_dir(&profiles).unwrap();
    let good = "version: 1\nname: ok\nthroughput: {peak_per_sec: 10}\ndecision: kafka\n";
    std::fs::write(profiles.join("x\n::error file=evil::injected.yaml"), good).unwrap();
    std::fs::write(
        profiles.join("y\n::error file=evil::bad.yaml"),
        "version: 1\nname: [\n",
    )
    .unwrap();
    for format in ["text", "markdown"] {
        let (code, out, err) = run_in(&dir, &["check", "profiles", "--format", format]);
        assert_eq!(code, Some(2), "{err}");
        assert_eq!(forged(&out), Vec::<&str>::new(), "{format} stdout");
        assert_eq!(forged(&err), Vec::<&str>::new(), "{format} stderr");
    }
    let (code, out, err) = run_in(
        &dir,
        &["recommend", "profiles/y\n::error file=evil::bad.yaml"],
    );
    assert_eq!(code, Some(2), "{out}");
    assert_eq!(forged(&err), Vec::<&str>::new(), "{err}");
    assert!(err.contains(r"y\n::error file=evil::bad.yaml"), "{err}");
}

/// The machine formats escape by their own syntax and keep the value as it was written.
#[test]
fn machine_formats_keep_the_value_and_escape_it_their_own_way() {
    let dir = common::tempdir("hostile-machine");
    std::fs::write(dir.join("evil.yaml"), HOSTILE).unwrap();
    let name = "n\n::error file=evil::injected";
    let (_, out, _) = run_in(&dir, &["recommend", "evil.yaml", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["profile"], name);
    let (_, out, _) = run_in(&dir, &["check", "evil.yaml", "--format", "json"]);
    assert!(out.contains(r#""n\n::error file=evil::injected""#), "{out}");
    for format in ["sarif", "junit", "github"] {
        let (_, out, _) = run_in(&dir, &["check", "evil.yaml", "--format", format]);
        assert!(
            !out.lines()
                .any(|l| l.trim_start().starts_with("::error file=evil")),
            "{format}: {out}"
        );
        assert!(!out.contains('\u{1b}'), "{format}");
    }
}
