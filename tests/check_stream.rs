//! `check` writes each profile as it is judged, in chunks: the order, counts and cross-references
//! of every format hold across chunk boundaries, as they did when the whole report was built
//! first.

mod common;
use common::*;
use serde_json::Value;

/// More profiles than one chunk (256) holds, some failing, and a missing path whose name sorts
/// between them.
fn many() -> (std::path::PathBuf, Vec<String>) {
    let dir = tempdir("stream");
    let mut args = Vec::new();
    for i in 0..600 {
        let decision = if i % 7 == 3 { "redis-pubsub" } else { "bullmq" };
        std::fs::write(
            dir.join(format!("p{i:03}.yaml")),
            format!(
                "version: 1\nname: p{i}\nthroughput: {{peak_per_sec: {}}}\njobs: {{retries: true}}\nplatform: {{languages: [typescript], existing: [redis]}}\ndecision: {decision}\n",
                10 + i
            ),
        )
        .unwrap();
    }
    args.push(dir.to_str().unwrap().to_string());
    args.push(dir.join("p300x.yaml").to_str().unwrap().to_string());
    (dir, args)
}

fn check(args: &[String], format: &str) -> (i32, String) {
    let out = msgadvisor()
        .arg("check")
        .args(args)
        .args(["--format", format, "--no-config"])
        .env_remove("GITHUB_STEP_SUMMARY")
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

#[test]
fn profiles_stay_in_path_order_across_chunks_with_a_missing_path_in_its_place() {
    let (dir, args) = many();
    let (code, out) = check(&args, "json");
    assert_eq!(code, 2, "the missing path is invalid");
    let v: Value = serde_json::from_str(&out).unwrap();
    let files: Vec<&str> = v["profiles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["file"].as_str().unwrap())
        .collect();
    assert_eq!(files.len(), 601);
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files, sorted);
    let missing = dir.join("p300x.yaml");
    assert_eq!(files[301], missing.to_str().unwrap());
    assert_eq!(v["summary"]["profiles"], 601);
    assert_eq!(v["summary"]["invalid"], 1);
    let failed = v["profiles"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["status"] == "fail")
        .count();
    assert_eq!(v["summary"]["failed"], failed);
    assert_eq!(failed, (0..600).filter(|i| i % 7 == 3).count());
    assert_eq!(v["exit_code"], 2);

    // Text says the same, in the same order.
    let (_, text) = check(&args, "text");
    let listed: Vec<&str> = text
        .lines()
        .filter_map(|l| l.split_whitespace().nth(1).filter(|_| !l.starts_with(' ')))
        .filter(|f| f.ends_with(".yaml"))
        .collect();
    assert_eq!(listed, files);
}

#[test]
fn every_sarif_rule_index_names_the_rule_of_its_result() {
    let (_, args) = many();
    let (_, out) = check(&args, "sarif");
    let v: Value = serde_json::from_str(&out).unwrap();
    let run = &v["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let results = run["results"].as_array().unwrap();
    assert!(
        results.len() > (0..600).filter(|i| i % 7 == 3).count(),
        "{}",
        results.len()
    );
    for r in results {
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], r["ruleId"], "{r}");
    }
    let mut ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n, "each rule described once");
    assert_eq!(run["invocations"][0]["exitCode"], 2);
}

#[test]
fn junit_counts_every_case_it_lists() {
    let (_, args) = many();
    let (_, out) = check(&args, "junit");
    let cases = out.matches("<testcase ").count();
    assert_eq!(cases, 601);
    let failures = out.matches("<failure ").count();
    let errors = out.matches("<error ").count();
    let doc = roxmltree::Document::parse(&out).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.attribute("tests"), Some("601"));
    assert_eq!(
        root.attribute("failures"),
        Some(failures.to_string().as_str())
    );
    assert_eq!(root.attribute("errors"), Some(errors.to_string().as_str()));
    assert_eq!(errors, 1);
}

/// Written as it goes, the report's writes are checked: a full disk is an error, not a pass.
#[cfg(target_os = "linux")]
#[test]
fn a_report_that_cannot_be_written_fails_the_run_with_exit_2() {
    for format in ["text", "json", "sarif", "junit", "github", "markdown"] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = std::process::Command::new(assert_cmd::cargo::cargo_bin!("msgadvisor"))
            .args(["check", "examples", "--no-config", "--format", format])
            .env_remove("GITHUB_STEP_SUMMARY")
            .stdout(full)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{format}: {err}");
        assert!(
            err.contains("error: could not write output: No space left on device"),
            "{format}: {err}"
        );
    }
}

/// A reader that stops early (`| head`) while the report is being written as it goes: the rest is
/// dropped quietly, and the run keeps its own exit code (its failing profiles still fail it), as
/// for output written at the end.
#[test]
fn a_closed_pipe_ends_the_report_quietly_with_the_runs_exit_code() {
    let (_dir, args) = many();
    for format in ["text", "json", "markdown", "github"] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("msgadvisor"))
            .args(["check", &args[0], "--no-config", "--format", format])
            .env_remove("GITHUB_STEP_SUMMARY")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{format}: {err}");
        assert!(!err.contains("error"), "{format}: {err}");
        // Machine formats still give the one-line summary on stderr; nothing else is said.
        assert!(
            err.is_empty() || (err.lines().count() == 1 && err.starts_with("600 profiles")),
            "{format}: {err}"
        );
    }
}
