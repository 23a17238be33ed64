//! Helpers shared by the test files: the binary, temporary directories, small rule packs, the
//! example profiles and a full report of one.
#![allow(dead_code)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// How long a test lets one run of the binary take before calling it a hang. A guard, not a
/// speed test: far beyond what any run takes even on a loaded 2-core CI machine (speed is
/// measured in BENCHMARKS.md), so it fails only on a run that does not end.
pub const HANG: std::time::Duration = std::time::Duration::from_secs(120);

/// The binary, with no rule-pack defaults leaking in from the developer's environment.
pub fn msgadvisor() -> Command {
    let mut c = Command::cargo_bin("msgadvisor").unwrap();
    c.env_remove("MSGADVISOR_RULES");
    c.env_remove("MSGADVISOR_NO_CONFIG");
    c
}

/// A fresh empty directory under the system temp dir.
pub fn tempdir(tag: &str) -> PathBuf {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    let dir = std::env::temp_dir().join(format!(
        "msgadvisor-{tag}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A pack directory holding `files` (name, YAML text).
pub fn pack(files: &[(&str, &str)]) -> PathBuf {
    let dir = tempdir("pack");
    for (name, text) in files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// Runs the binary; returns (exit code, stdout, stderr).
pub fn run(args: &[&str], cwd: Option<&Path>) -> (i32, String, String) {
    let mut c = msgadvisor();
    c.args(args);
    if let Some(d) = cwd {
        c.current_dir(d);
    }
    let out = c.output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs a command in this process, without colour; its stdout (the command must succeed).
pub fn run_in_process(args: &[&str]) -> String {
    use clap::Parser;
    let args = std::iter::once("msgadvisor").chain(args.iter().copied());
    let out = msgadvisor::run(msgadvisor::cli::Cli::try_parse_from(args).unwrap(), false).unwrap();
    assert_eq!(out.code, 0);
    out.stdout
}

/// The candidates of the built-in rules as (id, name), as `ask` shows them.
pub fn candidates() -> Vec<(String, String)> {
    let rules = msgadvisor::engine::RuleSet::builtin().unwrap();
    rules
        .candidates
        .iter()
        .map(|c| (c.id.clone(), c.name.clone()))
        .collect()
}

/// `recommend --format json` with extra args; the parsed JSON.
pub fn recommend_json(args: &[&str]) -> serde_json::Value {
    let mut all = vec!["recommend"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    let (code, out, err) = run(&all, None);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

/// The example profiles' names (file stems), sorted, so snapshot names are stable.
pub fn example_names() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir("examples")
        .unwrap()
        .map(|e| {
            e.unwrap()
                .path()
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    v.sort();
    v
}

/// The full report for a profile file, with the built-in rules, as `recommend` builds it
/// (without flip points, which the commands add).
pub fn report_of(path: &str) -> msgadvisor::report::Report {
    let rules = msgadvisor::engine::RuleSet::builtin().unwrap();
    let loaded = msgadvisor::commands::load_profile(path, &rules).unwrap();
    let eval = msgadvisor::engine::evaluate(&rules, &loaded.profile).unwrap();
    msgadvisor::report::Report::new(&loaded.profile, &loaded.warnings, eval, &rules)
}

/// The ranking entry of candidate `id` in a `recommend --format json` report.
pub fn candidate<'a>(report: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    report["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no candidate {id}"))
}

/// The cost summary of `system` in a `recommend --format json` report.
pub fn cost_summary<'a>(report: &'a serde_json::Value, system: &str) -> &'a serde_json::Value {
    report["cost_summary"]["systems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["system"] == system)
        .unwrap_or_else(|| panic!("no cost summary for {system}"))
}

/// The guidance of `system` in a `recommend --format json` report.
pub fn guidance_of<'a>(report: &'a serde_json::Value, system: &str) -> &'a serde_json::Value {
    report["guidance"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["system"] == system)
        .unwrap_or_else(|| panic!("no guidance for {system}"))
}
