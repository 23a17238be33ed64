//! `msgadvisor report`: the decision record's content for one example per candidate, valid
//! Mermaid and Markdown tables, and safe file writing (refusal, --force, ADR numbering).

mod common;

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn msgadvisor() -> Command {
    common::msgadvisor()
}

fn report(example: &str) -> String {
    let out = msgadvisor()
        .args([
            "report",
            &format!("examples/{example}.yaml"),
            "--date",
            "2026-11-29",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// One example profile whose recommendation is each candidate.
const ONE_PER_CANDIDATE: &[(&str, &str)] = &[
    ("order-events", "Apache Kafka"),
    ("activity-feed", "Redis Streams"),
    ("email-jobs", "BullMQ"),
    ("cache-invalidation", "Redis Pub/Sub"),
    (
        "invoice-outbox",
        "Database as the queue (outbox / job table)",
    ),
    ("payment-webhooks", "RabbitMQ"),
];

#[test]
fn records_for_one_example_per_candidate() {
    for (example, winner) in ONE_PER_CANDIDATE {
        let text = report(example);
        assert!(
            text.starts_with("---\nstatus: proposed\ndate: 2026-11-29\n---\n"),
            "{text}"
        );
        assert!(text.contains(&format!("# Use {winner} for ")), "{example}");
        assert!(
            text.contains(&format!("Chosen option: \"{winner}\", because ")),
            "{example}"
        );
        // MADR 4 sections, in order.
        let sections = [
            "## Context and Problem Statement",
            "## Decision Drivers",
            "## Considered Options",
            "## Decision Outcome",
            "### Consequences",
            "### Confirmation",
            "## Pros and Cons of the Options",
            "## More Information",
        ];
        let mut at = 0;
        for s in sections {
            let found = text[at..]
                .find(s)
                .unwrap_or_else(|| panic!("{example}: missing or out of order: {s}"));
            at += found + s.len();
        }
        insta::assert_snapshot!(format!("report-{example}"), text);
    }
}

#[test]
fn mermaid_blocks_are_valid_flowcharts() {
    for (example, _) in ONE_PER_CANDIDATE {
        let text = report(example);
        let blocks = mermaid_blocks(&text);
        assert!(!blocks.is_empty(), "{example} has no diagram");
        for b in blocks {
            check_flowchart(&b).unwrap_or_else(|e| panic!("{example}: {e}\n{b}"));
        }
    }
}

#[test]
fn markdown_tables_are_well_formed() {
    for (example, _) in ONE_PER_CANDIDATE {
        check_tables(&report(example)).unwrap_or_else(|e| panic!("{example}: {e}"));
    }
}

#[test]
fn output_refuses_to_overwrite_without_force() {
    let dir = tempdir("out");
    let target = dir.join("decision.md");
    std::fs::write(&target, "my notes").unwrap();
    msgadvisor()
        .args(["report", "examples/email-jobs.yaml", "--output"])
        .arg(&target)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("already exists; pass --force"));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "my notes");
    msgadvisor()
        .args([
            "report",
            "examples/email-jobs.yaml",
            "--date",
            "2026-11-29",
            "--force",
            "--output",
        ])
        .arg(&target)
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .contains("# Use BullMQ for email-jobs")
    );
    assert_eq!(only_visible_files(&dir), vec!["decision.md"]);
}

#[test]
fn adr_dir_takes_the_next_number() {
    let dir = tempdir("adr");
    std::fs::write(dir.join("0001-record-architecture-decisions.md"), "x").unwrap();
    std::fs::write(dir.join("0007-use-postgres.md"), "x").unwrap();
    std::fs::write(dir.join("notes.md"), "x").unwrap();
    msgadvisor()
        .args(["report", "examples/order-events.yaml", "--adr-dir"])
        .arg(&dir)
        .assert()
        .success();
    assert!(
        dir.join("0008-use-apache-kafka-for-order-events.md")
            .exists(),
        "{:?}",
        only_visible_files(&dir)
    );
    msgadvisor()
        .args(["report", "examples/email-jobs.yaml", "--adr-dir"])
        .arg(&dir)
        .assert()
        .success();
    assert!(dir.join("0009-use-bullmq-for-email-jobs.md").exists());
}

#[test]
fn adr_dir_defaults_to_the_adr_tools_setting_or_docs_decisions() {
    let root = tempdir("cwd");
    let profile = std::fs::canonicalize("examples/email-jobs.yaml").unwrap();
    msgadvisor()
        .current_dir(&root)
        .arg("report")
        .arg(&profile)
        .arg("--adr-dir")
        .assert()
        .success();
    assert!(
        root.join("docs/decisions/0001-use-bullmq-for-email-jobs.md")
            .exists()
    );
    std::fs::write(root.join(".adr-dir"), "doc/architecture\n").unwrap();
    msgadvisor()
        .current_dir(&root)
        .arg("report")
        .arg(&profile)
        .arg("--adr-dir")
        .assert()
        .success();
    assert!(
        root.join("doc/architecture/0001-use-bullmq-for-email-jobs.md")
            .exists()
    );
}

#[test]
fn bad_date_and_conflicting_targets_are_usage_errors() {
    msgadvisor()
        .args(["report", "examples/email-jobs.yaml", "--date", "2026-02-30"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("expected YYYY-MM-DD"));
    msgadvisor()
        .args([
            "report",
            "examples/email-jobs.yaml",
            "--output",
            "a.md",
            "--adr-dir",
            "d",
        ])
        .assert()
        .code(2);
}

#[test]
fn the_date_is_pinned_by_date_and_otherwise_today() {
    let a = report("email-jobs");
    let b = report("email-jobs");
    assert_eq!(a, b, "same input, same bytes");
    let out = msgadvisor()
        .args(["report", "examples/email-jobs.yaml"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let date = text.lines().nth(2).unwrap();
    assert!(
        date.starts_with("date: 20") && date.len() == "date: 2026-11-29".len(),
        "{date}"
    );
}

fn tempdir(tag: &str) -> PathBuf {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    let d = std::env::temp_dir().join(format!(
        "msgadvisor-report-{tag}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn only_visible_files(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn mermaid_blocks(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur: Option<String> = None;
    for line in text.lines() {
        match (&mut cur, line) {
            (None, "```mermaid") => cur = Some(String::new()),
            (Some(b), "```") => {
                out.push(std::mem::take(b));
                cur = None;
            }
            (Some(b), l) => {
                b.push_str(l);
                b.push('\n');
            }
            _ => {}
        }
    }
    out
}

/// A grammar check for the flowchart subset the record uses: a `flowchart LR|TD` header, then
/// node declarations and edges `a --> b`, `a -.-> b`, `a -->|"label"| b`, where every node is an
/// identifier with an optional shape (`["…"]`, `[("…")]`, `(("…"))`) whose label is quoted and
/// free of quotes. Every edge's target must be declared somewhere.
fn check_flowchart(block: &str) -> Result<(), String> {
    let mut lines = block.lines();
    let header = lines.next().ok_or("empty diagram")?;
    if !matches!(header.trim(), "flowchart LR" | "flowchart TD") {
        return Err(format!("bad header `{header}`"));
    }
    let mut declared = std::collections::BTreeSet::new();
    let mut used = Vec::new();
    for line in lines {
        let line = line.trim();
        let (mut rest, mut first) = (line, true);
        loop {
            let (id, shape_rest) = node(rest)?;
            declared.insert(id.clone());
            if !first {
                used.push(id);
            }
            first = false;
            let r = shape_rest.trim_start();
            if r.is_empty() {
                break;
            }
            let after_arrow = r
                .strip_prefix("-->")
                .or_else(|| r.strip_prefix("-.->"))
                .ok_or(format!("expected an arrow in `{line}`"))?;
            let after_arrow = after_arrow.trim_start();
            rest = if let Some(l) = after_arrow.strip_prefix("|\"") {
                let end = l
                    .find("\"|")
                    .ok_or(format!("unclosed edge label in `{line}`"))?;
                if l[..end].contains('"') {
                    return Err(format!("quote inside an edge label in `{line}`"));
                }
                l[end + 2..].trim_start()
            } else {
                after_arrow
            };
        }
    }
    for id in used {
        if !declared.contains(&id) {
            return Err(format!("edge to undeclared node {id}"));
        }
    }
    Ok(())
}

/// Parses `id` or `id<shape>` at the start of `s`; returns the id and the rest.
fn node(s: &str) -> Result<(String, &str), String> {
    let id: String = s
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    if id.is_empty() || id.chars().next().unwrap().is_ascii_digit() {
        return Err(format!("expected a node id at `{s}`"));
    }
    let rest = &s[id.len()..];
    for (open, close) in [("[(\"", "\")]"), ("((\"", "\"))"), ("[\"", "\"]")] {
        if let Some(r) = rest.strip_prefix(open) {
            let end = r.find(close).ok_or(format!("unclosed shape after {id}"))?;
            if r[..end].contains('"') {
                return Err(format!("quote inside the label of {id}"));
            }
            return Ok((id, &r[end + close.len()..]));
        }
    }
    if rest.starts_with(['[', '(', '{']) {
        return Err(format!("unquoted or unknown shape after {id}: `{rest}`"));
    }
    Ok((id, rest))
}

/// Every table: a header row, a delimiter row of `---` cells, and rows with as many cells.
fn check_tables(text: &str) -> Result<(), String> {
    let cells = |l: &str| {
        l.trim()
            .trim_matches('|')
            .replace("\\|", "")
            .split('|')
            .count()
    };
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].starts_with('|') {
            let n = cells(lines[i]);
            let delim = lines.get(i + 1).ok_or("table without a delimiter row")?;
            if !delim
                .trim_matches('|')
                .split('|')
                .all(|c| c.trim().trim_matches(':').chars().all(|ch| ch == '-') && c.contains('-'))
            {
                return Err(format!("bad delimiter row after `{}`", lines[i]));
            }
            if cells(delim) != n {
                return Err(format!("delimiter has {} cells, header {n}", cells(delim)));
            }
            i += 2;
            while i < lines.len() && lines[i].starts_with('|') {
                if cells(lines[i]) != n {
                    return Err(format!(
                        "row `{}` has {} cells, header {n}",
                        lines[i],
                        cells(lines[i])
                    ));
                }
                i += 1;
            }
        } else {
            i += 1;
        }
    }
    Ok(())
}

#[test]
fn the_checkers_reject_what_a_renderer_would_choke_on() {
    assert!(check_flowchart("flowchart LR\n    a[\"A\"] --> b[\"B\"]\n").is_ok());
    assert!(check_flowchart("graph XY\n").is_err());
    assert!(check_flowchart("flowchart LR\n    a[\"say \"hi\"\"] --> b\n").is_err());
    assert!(check_flowchart("flowchart LR\n    a[unquoted (parens)] --> b[\"B\"]\n").is_err());
    assert!(check_flowchart("flowchart LR\n    a[\"A\"] -->|\"x| b[\"B\"]\n").is_err());
    assert!(check_tables("| a | b |\n|---|---|\n| 1 | 2 | 3 |\n").is_err());
    assert!(check_tables("| a | b |\n| 1 | 2 |\n").is_err());
    assert!(check_tables("| a \\| b | c |\n|---|---:|\n| 1 | 2 |\n").is_ok());
}

/// Issue 19, item 9: two concurrent `report --adr-dir` runs both took `0001-…` (one then failed
/// with "pass --force to overwrite"). Each run now claims its number with an exclusive create,
/// so N runs at once give N records with N distinct numbers, each whole.
#[test]
fn concurrent_adr_dir_runs_take_distinct_numbers() {
    const RUNS: usize = 8;
    let dir = tempdir("race");
    let expected = report("email-jobs");
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(RUNS));
    let runs: Vec<_> = (0..RUNS)
        .map(|_| {
            let (dir, barrier) = (dir.clone(), barrier.clone());
            std::thread::spawn(move || {
                let mut cmd = msgadvisor();
                cmd.args([
                    "report",
                    "examples/email-jobs.yaml",
                    "--date",
                    "2026-11-29",
                    "--adr-dir",
                ])
                .arg(&dir);
                barrier.wait();
                cmd.output().unwrap()
            })
        })
        .collect();
    for run in runs {
        let out = run.join().unwrap();
        assert_eq!(out.status.code(), Some(0), "{out:?}");
    }
    let files = only_visible_files(&dir);
    let want: Vec<String> = (1..=RUNS)
        .map(|n| format!("{n:04}-use-bullmq-for-email-jobs.md"))
        .collect();
    assert_eq!(files, want);
    for f in &files {
        assert_eq!(
            std::fs::read_to_string(dir.join(f)).unwrap(),
            expected,
            "{f}"
        );
    }
}

/// Issue 19, item 9: after `9999-…` every record was numbered 10000 again (only four-digit
/// numbers were counted). Numbers widen past 9999 and are compared as numbers.
#[test]
fn adr_numbers_widen_past_9999_and_keep_counting() {
    let dir = tempdir("wide");
    std::fs::write(dir.join("0002-b.md"), "x").unwrap();
    std::fs::write(dir.join("9999-last-four-digit.md"), "x").unwrap();
    for want in ["10000", "10001"] {
        msgadvisor()
            .args(["report", "examples/email-jobs.yaml", "--adr-dir"])
            .arg(&dir)
            .assert()
            .success()
            .stderr(predicates::str::contains(format!(
                "{want}-use-bullmq-for-email-jobs.md"
            )));
    }
    assert_eq!(
        only_visible_files(&dir),
        vec![
            "0002-b.md",
            "10000-use-bullmq-for-email-jobs.md",
            "10001-use-bullmq-for-email-jobs.md",
            "9999-last-four-digit.md",
        ]
    );
}

/// Issue 19, item 11: `--output` created missing parent directories without a word. A typo in
/// a directory name is refused now, with exit 2 and nothing created.
#[test]
fn output_into_a_missing_directory_is_refused_and_nothing_is_created() {
    let dir = tempdir("nodir");
    let target = dir.join("no-such-dir/decision.md");
    msgadvisor()
        .args(["report", "examples/email-jobs.yaml", "--output"])
        .arg(&target)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("does not exist; create it first"));
    assert!(only_visible_files(&dir).is_empty());
}

/// `--adr-dir` names the folder decisions live in (adr-tools creates it too): a missing one is
/// created, and the run says so.
#[test]
fn a_missing_adr_dir_is_created_and_the_run_says_so() {
    let root = tempdir("mkadr");
    let dir = root.join("docs/decisions");
    msgadvisor()
        .args(["report", "examples/email-jobs.yaml", "--adr-dir"])
        .arg(&dir)
        .assert()
        .success()
        .stderr(predicates::str::contains(format!(
            "created {}",
            dir.display()
        )));
    assert_eq!(
        only_visible_files(&dir),
        vec!["0001-use-bullmq-for-email-jobs.md"]
    );
}

#[test]
fn the_declared_decision_is_the_decision_recorded_and_a_disagreement_is_said_first() {
    // kafka-for-a-job-queue declares `decision: kafka`; the rules recommend BullMQ.
    let text = report("kafka-for-a-job-queue");
    assert!(
        text.contains("\n# Use Apache Kafka for thumbnail-jobs\n"),
        "the title records the team's decision:\n{text}"
    );
    let outcome = text.split("## Decision Outcome").nth(1).unwrap();
    assert!(
        outcome
            .trim_start()
            .starts_with("> **The rules recommend BullMQ, not the team's decision.** Apache Kafka is **discouraged** here"),
        "{outcome}"
    );
    assert!(outcome.contains("Chosen option: \"Apache Kafka\", because the team chose it"));
    assert!(text.contains("The profile records `decision: kafka`"));
    assert!(!text.contains("`decision: bullmq`"));
    // Without a contrary decision the recommendation is recorded, with no such note.
    let agreed = report("order-events");
    assert!(agreed.contains("\n# Use Apache Kafka for order-events\n"));
    assert!(!agreed.contains("The rules recommend"));
}

#[test]
fn confirmation_names_the_profile_relative_to_the_repository_and_what_ifs_are_recorded() {
    let abs = std::fs::canonicalize("examples/order-events.yaml").unwrap();
    let out = msgadvisor()
        .args(["report", "--date", "2026-11-29"])
        .arg(&abs)
        .args(["--set", "throughput.peak_per_sec=900"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("```sh\nmsgadvisor check examples/order-events.yaml\n```"),
        "an absolute path becomes the path in the repository:\n{text}"
    );
    assert!(!text.contains(abs.to_str().unwrap()));
    assert!(
        text.contains("this record was made with `--set throughput.peak_per_sec=900`"),
        "{text}"
    );
    // From standard input there is no path to name: a placeholder, not `<stdin>`.
    let piped = msgadvisor()
        .args(["report", "-", "--date", "2026-11-29"])
        .write_stdin(std::fs::read_to_string("examples/order-events.yaml").unwrap())
        .output()
        .unwrap();
    let text = String::from_utf8(piped.stdout).unwrap();
    assert!(
        text.contains("msgadvisor check <path to this profile>"),
        "{text}"
    );
}

#[test]
fn a_decision_the_rules_exclude_is_recorded_with_a_gate_that_fails_now() {
    let out = msgadvisor()
        .args([
            "report",
            "examples/email-jobs.yaml",
            "--set",
            "decision=redis-pubsub",
            "--date",
            "2026-11-29",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(
            "The check fails now: `redis-pubsub` is excluded here (`pubsub-at-most-once`)."
        ),
        "{text}"
    );
    assert!(!text.contains("The check fails when a change to the profile makes `redis-pubsub`"));
}
