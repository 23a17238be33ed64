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
            let checked = if b.starts_with("xychart-beta") {
                check_xychart(&b).map(|_| ())
            } else {
                check_flowchart(&b)
            };
            checked.unwrap_or_else(|e| panic!("{example}: {e}\n{b}"));
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
    // kafka-for-a-job-queue declares `decision: kafka`; the rules recommend the database as the
    // queue.
    let text = report("kafka-for-a-job-queue");
    assert!(
        text.contains("\n# Use Apache Kafka for thumbnail-jobs\n"),
        "the title records the team's decision:\n{text}"
    );
    // Right under the title, before the context: one paragraph with the recommended option and
    // why, and what counts against the decision.
    let top = text
        .split("\n# Use Apache Kafka for thumbnail-jobs\n\n")
        .nth(1)
        .unwrap();
    let paragraph = top.split("\n\n").next().unwrap();
    assert!(
        paragraph.starts_with(
            "> **The rules recommend Database as the queue (outbox / job table), not Apache Kafka, the team's decision.** Database as the queue (outbox / job table) scores 80; Apache Kafka scores -45 and is **behind**"
        ),
        "{paragraph}"
    );
    assert!(!paragraph.contains('\n'), "one paragraph:\n{paragraph}");
    assert!(
        paragraph.contains(" For Database as the queue (outbox / job table): "),
        "{paragraph}"
    );
    assert!(
        paragraph.contains(" Against Apache Kafka: below about 100 msg/s at peak, running Kafka costs more than it returns (`low-traffic-kafka`)"),
        "{paragraph}"
    );
    assert!(top.find(paragraph) < top.find("## Context and Problem Statement"));
    let outcome = text.split("## Decision Outcome").nth(1).unwrap();
    assert!(outcome.contains("Chosen option: \"Apache Kafka\", because the team chose it (the profile's `decision`), against the rules' recommendation of Database as the queue (outbox / job table)"));
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
    // Its cost is still added up, and the record says why the cost table does not list it.
    assert!(
        text.contains("for Redis Pub/Sub (")
            && text.contains("the cost table below leaves out options the rules exclude"),
        "{text}"
    );
    // The knock-out is said once in the note at the top, as the verdict's reason.
    let top = text.split("## Context").next().unwrap();
    assert_eq!(top.matches("pubsub-at-most-once").count(), 1, "{top}");
}

/// Every example, for the tests that hold for all of them.
const EXAMPLES: &[&str] = &[
    "activity-feed",
    "cache-invalidation",
    "clickstream",
    "email-jobs",
    "invoice-outbox",
    "kafka-for-a-job-queue",
    "order-events",
    "payment-webhooks",
];

/// The examples `records_for_one_example_per_candidate` does not snapshot.
#[test]
fn records_for_the_other_examples() {
    for example in EXAMPLES {
        if ONE_PER_CANDIDATE.iter().any(|(e, _)| e == example) {
            continue;
        }
        let text = report(example);
        check_tables(&text).unwrap_or_else(|e| panic!("{example}: {e}"));
        insta::assert_snapshot!(format!("report-{example}"), text);
    }
}

fn recommend_json(example: &str, extra: &[&str]) -> serde_json::Value {
    let out = msgadvisor()
        .args([
            "recommend",
            &format!("examples/{example}.yaml"),
            "--format",
            "json",
        ])
        .args(extra)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The lines of one `### heading` section (up to the next heading of any level).
fn section<'a>(text: &'a str, heading: &str) -> &'a str {
    let start = text
        .find(&format!("\n{heading}\n"))
        .unwrap_or_else(|| panic!("no section {heading}"))
        + heading.len()
        + 2;
    let rest = &text[start..];
    let end = rest.find("\n#").unwrap_or(rest.len());
    &rest[..end]
}

/// The rule findings listed in a consequences list: (rule, effect) of each "(rule `x`, e for
/// this workload)".
fn rule_findings(lines: &str) -> Vec<(String, String)> {
    let re = regex::Regex::new(r"\(rule `([a-z0-9-]+)`, ([^ ]+) for this workload\)$").unwrap();
    // The chosen option names the decision drivers it meets: "`rule` (+N)" each.
    let met = regex::Regex::new(r"`([a-z0-9-]+)` \(([^ )]+)\)").unwrap();
    let mut v: Vec<(String, String)> = lines
        .lines()
        .filter_map(|l| re.captures(l))
        .map(|c| (c[1].to_string(), c[2].to_string()))
        .collect();
    for l in lines
        .lines()
        .filter(|l| l.starts_with("* Good, because it meets the decision drivers above: "))
    {
        v.extend(
            met.captures_iter(l)
                .map(|c| (c[1].to_string(), c[2].to_string())),
        );
    }
    v.sort();
    v
}

#[test]
fn every_option_has_good_and_bad_consequences_about_that_option_with_sources() {
    for example in EXAMPLES {
        let text = report(example);
        let json = recommend_json(example, &[]);
        let outcome = section(&text, "### Consequences");
        let mut lists = vec![("the chosen option".to_string(), outcome.to_string())];
        let chosen = json["decision"]
            .as_str()
            .unwrap_or_else(|| json["recommended"].as_str().unwrap());
        for c in json["candidates"].as_array().unwrap() {
            let name = c["name"].as_str().unwrap();
            // The chosen option's pros and cons are its Consequences, said once.
            let list = if c["id"] == chosen {
                outcome
            } else {
                section(&text, &format!("### {name}"))
            };
            // The rule findings listed for an option are exactly the rules' effects on it: no
            // finding about the workload or about another option is reused.
            let mut want: Vec<(String, String)> = c["reasons"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| {
                    (
                        r["rule"].as_str().unwrap().to_string(),
                        r["effect"].as_str().unwrap().to_string(),
                    )
                })
                .collect();
            want.sort();
            assert_eq!(rule_findings(list), want, "{example}: {name}");
            lists.push((name.to_string(), list.to_string()));
        }
        for (name, list) in lists {
            let items: Vec<&str> = list.lines().filter(|l| l.starts_with("* ")).collect();
            assert!(
                items.iter().any(|l| l.starts_with("* Good")),
                "{example}: {name} has no good consequence:\n{list}"
            );
            assert!(
                items.iter().any(|l| l.starts_with("* Bad")),
                "{example}: {name} has no bad consequence:\n{list}"
            );
            for l in items.iter().filter(|l| !l.starts_with("* Neutral")) {
                assert!(
                    l.contains("(rule `")
                        || l.contains("(source: ")
                        || l.contains("the decision drivers above: `"),
                    "{example}: {name}: a consequence without its source: {l}"
                );
            }
        }
    }
    // The issue's example: Redis Pub/Sub's at-most-once delivery is a weakness of its own, even
    // where no rule needs reliable delivery.
    // (Redis Pub/Sub is the option chosen there, so its consequences are the record's.)
    let text = report("cache-invalidation");
    let pubsub = section(&text, "### Consequences");
    assert!(
        pubsub
            .lines()
            .any(|l| l.starts_with("* Bad, because delivery is at most once")),
        "{pubsub}"
    );
    // A rule's warning about Kafka is not a consequence of choosing Redis Streams.
    let text = report("activity-feed");
    assert!(
        !section(&text, "### Consequences").contains("operating Kafka itself"),
        "{text}"
    );
}

#[test]
fn the_chosen_design_total_adds_up_the_system_and_its_pattern_from_the_reports_figures() {
    let json = recommend_json("order-events", &[]);
    let design = &json["design_cost"];
    let parts = design["parts"].as_array().unwrap();
    let ids: Vec<(&str, &str)> = parts
        .iter()
        .map(|p| (p["system"].as_str().unwrap(), p["role"].as_str().unwrap()))
        .collect();
    assert_eq!(ids, vec![("kafka", "system"), ("outbox", "pattern")]);
    let mut sum = 0.0;
    for p in parts {
        let system = p["system"].as_str().unwrap();
        let suggested = common::cost_summary(&json, system)["suggested_option"].clone();
        assert_eq!(p["option"], suggested, "each part is run the suggested way");
        let priced = json["cost"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["system"] == system && o["option"] == suggested)
            .unwrap();
        assert_eq!(p["monthly_usd"], priced["monthly_usd"], "{system}");
        sum += p["monthly_usd"].as_f64().unwrap();
    }
    let total = design["monthly_usd"].as_f64().unwrap();
    assert!((total - sum).abs() < 0.005, "{total} = {sum}");
    let text = report("order-events");
    let outcome = text.split("## Decision Outcome").nth(1).unwrap();
    // Rounded as every total is (two significant figures), the parts named as the JSON names them.
    use msgadvisor::render::cost::approx_usd;
    let line = format!(
        "The chosen design costs about **{} a month**: {} for Apache Kafka ({}) + {} for the ",
        approx_usd(total),
        approx_usd(parts[0]["monthly_usd"].as_f64().unwrap()),
        parts[0]["name"].as_str().unwrap(),
        approx_usd(parts[1]["monthly_usd"].as_f64().unwrap())
    );
    assert!(outcome.contains(&line), "{line}\n{outcome}");
    // A decision the rules exclude is still priced: the record says what the team chose costs.
    let json = recommend_json("email-jobs", &["--set", "decision=redis-pubsub"]);
    assert_eq!(json["design_cost"]["parts"][0]["system"], "redis-pubsub");
    assert!(json["design_cost"]["monthly_usd"].as_f64().unwrap() > 0.0);
}

#[test]
fn the_cost_chart_is_the_cost_section_at_todays_peak_and_each_point_a_what_if() {
    let peak_re = regex::Regex::new(r"peak_per_sec: ([0-9.]+)").unwrap();
    for example in EXAMPLES {
        let json = recommend_json(example, &[]);
        let curve = &json["cost_curve"];
        let points = curve["points"].as_array().unwrap();
        let rates: Vec<f64> = points
            .iter()
            .map(|p| p["peak_per_sec"].as_f64().unwrap())
            .collect();
        assert!(
            rates.windows(2).all(|w| w[0] < w[1]),
            "{example}: {rates:?}"
        );
        let now = points.iter().position(|p| p["current"] == true).unwrap();
        let text = std::fs::read_to_string(format!("examples/{example}.yaml")).unwrap();
        let peak: f64 = peak_re.captures(&text).unwrap()[1].parse().unwrap();
        assert_eq!(rates[now], peak, "{example}");
        assert!(
            rates[0] < rates[now] && rates[now] < *rates.last().unwrap(),
            "{example}"
        );
        let systems = json["cost_summary"]["systems"].as_array().unwrap();
        let series = curve["series"].as_array().unwrap();
        assert_eq!(
            series.len(),
            systems.len(),
            "{example}: one line per option priced"
        );
        for (s, sys) in series.iter().zip(systems) {
            assert_eq!(s["system"], sys["system"]);
            let values: Vec<f64> = s["monthly_usd"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_f64().unwrap())
                .collect();
            assert_eq!(values.len(), rates.len());
            // At today's peak, the cost section's own figure.
            assert_eq!(
                values[now],
                sys["cheapest_total_usd"].as_f64().unwrap(),
                "{example}"
            );
            // More traffic never costs less.
            assert!(
                values.windows(2).all(|w| w[0] <= w[1]),
                "{example} {}: {values:?}",
                s["system"]
            );
        }
        // The pick at today's peak is the report's; at a flip threshold, the flip's new pick.
        assert_eq!(points[now]["pick"], json["recommended"], "{example}");
        // Every flip point of the peak rate is a point of the chart, marked.
        for f in json["flip_points"].as_array().unwrap() {
            if f["path"] == "throughput.peak_per_sec" {
                let at = points
                    .iter()
                    .find(|p| p["peak_per_sec"] == f["threshold"])
                    .unwrap_or_else(|| panic!("{example}: flip {f} not charted"));
                assert_eq!(at["flips_to"], f["to"]);
                assert_eq!(at["pick"], f["to"], "{example}");
            }
        }
        // The chart draws exactly these figures.
        let text = report(example);
        assert!(
            text.contains("\n### Cost across the peak rate\n"),
            "{example}"
        );
        let chart = mermaid_blocks(&text)
            .into_iter()
            .find(|b| b.starts_with("xychart-beta"))
            .unwrap_or_else(|| panic!("{example}: no cost chart"));
        let (labels, lines) = check_xychart(&chart).unwrap();
        assert_eq!(labels.len(), rates.len());
        assert!(labels[now].ends_with(" (now)"), "{labels:?}");
        for (l, s) in lines.iter().zip(series) {
            let want: Vec<f64> = s["monthly_usd"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_f64().unwrap())
                .collect();
            assert_eq!(l, &want, "{example}");
        }
    }
    // A point away from today's peak is what `--set` of that peak prices. (Self-hosted: with
    // managed services only, RabbitMQ's one way runs no streams, so no peak makes it the pick.)
    let self_hosted = "team.managed_only=false";
    let json = recommend_json("order-events", &["--set", self_hosted]);
    let curve = &json["cost_curve"];
    let i = curve["points"]
        .as_array()
        .unwrap()
        .iter()
        .position(|p| p["flips_to"].is_string())
        .expect("order-events flips to RabbitMQ at a higher peak");
    let rate = curve["points"][i]["peak_per_sec"].to_string();
    let moved = recommend_json(
        "order-events",
        &[
            "--set",
            self_hosted,
            "--set",
            &format!("throughput.peak_per_sec={rate}"),
        ],
    );
    for s in curve["series"].as_array().unwrap() {
        let priced = moved["cost_summary"]["systems"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["system"] == s["system"]);
        if let Some(priced) = priced {
            assert_eq!(
                s["monthly_usd"][i], priced["cheapest_total_usd"],
                "{}",
                s["system"]
            );
        }
    }
}

#[test]
fn every_source_is_a_title_or_an_address_not_an_internal_name() {
    let internal = regex::Regex::new(r"domain-facts|\bSPEC\b|seed tutorial|\brules/").unwrap();
    // Every example, and what-ifs that bring in more rules, guidance and cost notes.
    let mut records: Vec<(String, String)> = EXAMPLES
        .iter()
        .map(|e| (e.to_string(), report(e)))
        .collect();
    for (example, sets) in [
        ("order-events", &["team.size=2"][..]),
        (
            "order-events",
            &["delivery.ordering=global", "budget.monthly_usd=10"][..],
        ),
        (
            "activity-feed",
            &["team.managed_only=true", "platform.cloud=on-prem"][..],
        ),
        (
            "email-jobs",
            &["replay.needed=true", "replay.retention_days=30"][..],
        ),
    ] {
        let mut cmd = msgadvisor();
        cmd.args([
            "report",
            &format!("examples/{example}.yaml"),
            "--date",
            "2026-11-29",
        ]);
        for s in sets {
            cmd.args(["--set", s]);
        }
        let out = cmd.output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        records.push((
            format!("{example} {sets:?}"),
            String::from_utf8(out.stdout).unwrap(),
        ));
    }
    for (example, text) in &records {
        let (body, references) = text
            .split_once("\n### References\n")
            .unwrap_or_else(|| panic!("{example}: no References"));
        if let Some(m) = internal.find(body) {
            let at = body[..m.start()].rfind('\n').map_or(0, |i| i + 1);
            let line = body[at..].lines().next().unwrap();
            panic!(
                "{example}: internal source name `{}` in: {line}",
                m.as_str()
            );
        }
        // Each name used above is listed with its documents: an address, or a title.
        let references = references.split("\n### ").next().unwrap();
        let mut names = 0;
        for l in references.lines() {
            if let Some(name) = l.strip_prefix("* ") {
                names += 1;
                assert!(body.contains(name), "{example}: `{name}` is not used above");
            } else if let Some(doc) = l.strip_prefix("  * ") {
                assert!(
                    doc.contains(": <https://") || doc.contains(": <http://") || doc.len() > 20,
                    "{example}: {doc}"
                );
            }
        }
        assert!(names > 0, "{example}");
    }
}

#[test]
fn the_built_in_trade_offs_give_every_candidate_a_strength_and_a_weakness() {
    let rules = msgadvisor::engine::RuleSet::builtin().unwrap();
    for c in &rules.candidates {
        let own = rules.tradeoffs.of(&c.id);
        assert!(own.iter().any(|t| t.good), "{}", c.id);
        assert!(own.iter().any(|t| !t.good), "{}", c.id);
        assert!(own.iter().all(|t| !t.source.is_empty()), "{}", c.id);
    }
}

#[test]
fn a_pack_with_a_bad_trade_off_is_a_located_error() {
    let dir = tempdir("tradeoffs");
    std::fs::write(
        dir.join("mine.yaml"),
        "tradeoffs:\n  kafak:\n    - good: fast\n      source: x\n  kafka:\n    - bad: slow\n",
    )
    .unwrap();
    let out = msgadvisor()
        .args(["report", "examples/order-events.yaml", "--rules"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "mine.yaml:2:3: tradeoffs.kafak: `kafak` is not a candidate id; did you mean `kafka`?"
        ),
        "{err}"
    );
    assert!(err.contains("tradeoffs.kafka[0].source"), "{err}");
}

/// A grammar check for the `xychart-beta` subset the record uses (Mermaid's xychart.jison): a
/// quoted title, a quoted x-axis title with quoted band labels, a quoted y-axis title, and
/// `line "name" [numbers]` with one number per label. Returns the labels and each line's values.
fn check_xychart(block: &str) -> Result<(Vec<String>, Vec<Vec<f64>>), String> {
    let quoted = regex::Regex::new(r#"^"([^"]*)"$"#).unwrap();
    let number = regex::Regex::new(r"^[+-]?(?:\d+(?:\.\d+)?|\.\d+)$").unwrap();
    let mut lines = block.lines();
    if lines.next() != Some("xychart-beta") {
        return Err("bad header".into());
    }
    let mut labels: Option<Vec<String>> = None;
    let mut series = Vec::new();
    for line in lines {
        let line = line.trim();
        if let Some(t) = line.strip_prefix("title ") {
            quoted
                .is_match(t)
                .then_some(())
                .ok_or(format!("unquoted title: {line}"))?;
        } else if let Some(rest) = line.strip_prefix("x-axis ") {
            let (title, band) = rest.split_once(" [").ok_or(format!("no labels: {line}"))?;
            quoted
                .is_match(title)
                .then_some(())
                .ok_or(format!("unquoted axis title: {line}"))?;
            let band = band
                .strip_suffix(']')
                .ok_or(format!("unclosed labels: {line}"))?;
            let mut v = Vec::new();
            for l in band.split("\", ") {
                let l = l.trim_start_matches('"').trim_end_matches('"');
                if l.contains('"') || l.is_empty() {
                    return Err(format!("bad label `{l}`"));
                }
                v.push(l.to_string());
            }
            labels = Some(v);
        } else if let Some(t) = line.strip_prefix("y-axis ") {
            quoted
                .is_match(t)
                .then_some(())
                .ok_or(format!("unquoted y-axis title: {line}"))?;
        } else if let Some(rest) = line.strip_prefix("line ") {
            let (name, data) = rest.split_once(" [").ok_or(format!("no data: {line}"))?;
            quoted
                .is_match(name)
                .then_some(())
                .ok_or(format!("unquoted line name: {line}"))?;
            let data = data
                .strip_suffix(']')
                .ok_or(format!("unclosed data: {line}"))?;
            let mut v = Vec::new();
            for n in data.split(", ") {
                if !number.is_match(n) {
                    return Err(format!("not a Mermaid number: `{n}`"));
                }
                v.push(n.parse::<f64>().unwrap());
            }
            series.push(v);
        } else {
            return Err(format!("unknown statement: {line}"));
        }
    }
    let labels = labels.ok_or("no x-axis")?;
    if labels.len() < 2 {
        return Err("fewer than two points".into());
    }
    for s in &series {
        if s.len() != labels.len() {
            return Err(format!("{} values for {} labels", s.len(), labels.len()));
        }
    }
    if series.is_empty() {
        return Err("no line".into());
    }
    Ok((labels, series))
}

/// The waivers a decision stands on are in its record, and `--no-waivers` says they were not.
#[test]
fn the_record_names_the_waivers_it_applied() {
    let file = "tests/fixtures/check/repo/services/mailer.yaml";
    let out = msgadvisor()
        .args(["report", file, "--date", "2026-12-05"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Waivers applied as `check` applies them: bullmq-needs-node-or-python"),
        "{text}"
    );
    let out = msgadvisor()
        .args(["report", file, "--date", "2026-12-05", "--no-waivers"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Waivers ignored (--no-waivers): bullmq-needs-node-or-python."),
        "{text}"
    );
}

/// The record's cost table lists ways cheapest first, so a way above the suggested one says why
/// it is not the suggestion: a tier for development only is marked so, and the suggestion's
/// reason names a cheaper way whose capacity nothing published checks. Before, the record
/// suggested Confluent Cloud Standard at $1,300 under Basic at $800 and Aiven at $1,200 with no
/// word why.
#[test]
fn the_cost_table_says_why_a_cheaper_way_is_not_the_suggestion() {
    let text = report("kafka-for-a-job-queue");
    let row = |name: &str| {
        text.lines()
            .find(|l| l.starts_with("| Apache Kafka | ") && l.contains(name))
            .unwrap_or_else(|| panic!("no {name} row in {text}"))
            .to_string()
    };
    assert!(
        row("Confluent Cloud Basic")
            .contains("Confluent Cloud Basic (1 eCKU) (not for production)"),
        "{}",
        row("Confluent Cloud Basic")
    );
    assert!(row("**Confluent Cloud Standard (1 eCKU)** (suggested)").contains("$1,300"));
    assert!(row("Aiven").contains("$1,200"));
    assert!(
        text.contains(
            "Aiven for Apache Kafka, Startup plan costs less, but its capacity is unchecked"
        ),
        "{text}"
    );
    // Where the suggestion heads its list, the table needs no word more.
    let orders = report("order-events");
    assert!(!orders.contains("Suggested because"), "{orders}");
}

/// The record's flow diagram draws the design the record is titled for (the profile's
/// `decision` when it has one), and says nothing its figures contradict: a worker count is the
/// record's own "at peak after growth" figure, and an order is claimed only where the profile
/// asks for one.
#[test]
fn the_flow_draws_the_chosen_design_with_the_records_own_figures() {
    let ordering_re = regex::Regex::new(r"(?m)^\s*ordering: ([a-z-]+)").unwrap();
    let workers_re = regex::Regex::new(r"([0-9,]+) at peak after growth").unwrap();
    for example in EXAMPLES {
        let text = report(example);
        let json = recommend_json(example, &[]);
        let chosen = json["decision"]
            .as_str()
            .unwrap_or_else(|| json["recommended"].as_str().unwrap());
        let flow = section(&text, "### How it flows");
        let drawn = match chosen {
            "kafka" => "Kafka topic",
            "redis-streams" => "Redis stream",
            "redis-pubsub" => "Redis channel",
            "outbox" => "Database:",
            "bullmq" => "BullMQ queue",
            "rabbitmq" => "RabbitMQ queue",
            other => panic!("{example}: no shape known for {other}"),
        };
        assert!(
            flow.contains(drawn),
            "{example}: the record chooses {chosen} but its diagram does not draw it:\n{flow}"
        );
        let workers = json["derived"]["consumers_needed_grown"].as_f64().unwrap();
        for c in workers_re.captures_iter(flow) {
            assert_eq!(
                c[1].replace(',', "").parse::<f64>().unwrap(),
                workers,
                "{example}: the diagram's worker count is not the record's:\n{flow}"
            );
        }
        assert!(
            !flow.contains("Single"),
            "{example}: a single worker is drawn where the record's figures say {workers}:\n{flow}"
        );
        let profile = std::fs::read_to_string(format!("examples/{example}.yaml")).unwrap();
        let ordering = ordering_re
            .captures(&profile)
            .map_or("none".to_string(), |c| c[1].to_string());
        if ordering == "none" {
            assert!(
                !flow.contains("in order") && !flow.contains("keyed"),
                "{example}: the diagram claims an order the profile does not need:\n{flow}"
            );
        }
    }
}

/// The cells of a Markdown table row.
fn cells(line: &str) -> Vec<String> {
    line.trim()
        .trim_matches('|')
        .split(" | ")
        .map(|c| c.trim().to_string())
        .collect()
}

/// The chart's row at today's peak says each option's figure as the cost table says it (a floor
/// keeps its "≥"), and a pattern the chosen design is published through is shown as part of the
/// design, not as an option the rules rule out.
#[test]
fn the_cost_chart_at_todays_peak_says_each_figure_as_the_cost_table_does() {
    for example in EXAMPLES {
        let text = report(example);
        let json = recommend_json(example, &[]);
        let table = section(&text, "### Cost");
        let chart = section(&text, "### Cost across the peak rate");
        let header = chart
            .lines()
            .find(|l| l.starts_with("| Peak msg/s"))
            .unwrap();
        let now = chart
            .lines()
            .find(|l| l.contains("(now)**"))
            .unwrap_or_else(|| panic!("{example}: no row for today's peak"));
        // A floor is what "≥" marks, as in the cost table; ‡ is only an unchecked capacity.
        let note = chart
            .lines()
            .find(|l| l.starts_with("The chart's lines"))
            .unwrap();
        if let Some(dagger) = note.split(" ‡ ").nth(1) {
            assert!(
                !dagger
                    .split(" (excluded)")
                    .next()
                    .unwrap()
                    .contains("floor"),
                "{example}: ‡ calls a figure the cost table gives in full a floor: {dagger}"
            );
        }
        // Neighbouring rates that say the same share a row, unless one is today's or a flip.
        let rows: Vec<Vec<String>> = chart
            .lines()
            .skip_while(|l| !l.starts_with("|---"))
            .skip(1)
            .take_while(|l| l.starts_with('|'))
            .map(cells)
            .collect();
        for w in rows.windows(2) {
            let marked = |r: &Vec<String>| r[0].contains("(now)") || r[0].contains("(flip)");
            assert!(
                marked(&w[0]) || marked(&w[1]) || w[0][1..] != w[1][1..],
                "{example}: two rows of the chart's table say the same: {:?} and {:?}",
                w[0],
                w[1]
            );
        }
        let (header, now) = (cells(header), cells(now));
        let curve = &json["cost_curve"];
        let at = curve["points"]
            .as_array()
            .unwrap()
            .iter()
            .position(|p| p["current"] == true)
            .unwrap();
        for (i, s) in curve["series"].as_array().unwrap().iter().enumerate() {
            let option = s["options"][at].as_str().unwrap();
            let way = json["cost"]
                .as_array()
                .unwrap()
                .iter()
                .find(|o| o["system"] == s["system"] && o["option"] == option)
                .unwrap_or_else(|| panic!("{example}: {option} is not in the cost table"));
            let row = table
                .lines()
                .map(cells)
                .find(|c| c.len() > 4 && c[1].contains(way["name"].as_str().unwrap()))
                .unwrap_or_else(|| panic!("{example}: no cost row for {option}"));
            let cell = &now[i + 2];
            let figure = cell
                .split(" †")
                .next()
                .unwrap()
                .split(" ‡")
                .next()
                .unwrap()
                .split(" (")
                .next()
                .unwrap();
            assert_eq!(
                figure,
                row[4],
                "{example}: the chart says {cell} for {} where the cost table says {}",
                header[i + 2],
                row[4]
            );
            let pattern = json["patterns"]
                .as_array()
                .unwrap()
                .iter()
                .any(|p| *p == s["system"]);
            if pattern {
                assert!(
                    !cell.contains("excluded"),
                    "{example}: {} is the chosen design's pattern, not an excluded option: {cell}",
                    header[i + 2]
                );
            }
        }
    }
}

/// Each decision driver decided something the record shows: a knock-out, a rule that
/// discourages an option still in the running, or a reason for the chosen or recommended
/// option. A rule that only discourages an option a knock-out already removed (Redis Streams
/// over budget in order-events, where the cost table has no Redis Streams row) is that option's
/// con, not a driver.
#[test]
fn every_decision_driver_decided_something_the_record_shows() {
    let driver_re = regex::Regex::new(r"\(`([a-z0-9-]+)`\)$").unwrap();
    for example in EXAMPLES {
        let text = report(example);
        let json = recommend_json(example, &[]);
        let chosen = json["decision"].as_str().unwrap_or("");
        let recommended = json["recommended"].as_str().unwrap();
        let drivers: Vec<String> = section(&text, "## Decision Drivers")
            .lines()
            .filter_map(|l| driver_re.captures(l).map(|c| c[1].to_string()))
            .collect();
        assert!(!drivers.is_empty(), "{example}");
        for rule in &drivers {
            let decided = json["candidates"].as_array().unwrap().iter().any(|c| {
                let id = c["id"].as_str().unwrap();
                c["reasons"].as_array().unwrap().iter().any(|r| {
                    r["rule"] == rule.as_str()
                        && match r["effect"].as_str().unwrap() {
                            "exclude" => true,
                            "discourage" => c["verdict"] != "excluded",
                            e => !e.starts_with('-') && (id == chosen || id == recommended),
                        }
                })
            });
            assert!(
                decided,
                "{example}: `{rule}` is a decision driver but decided nothing the record shows"
            );
        }
    }
}

/// A source named in words reads as a citation wherever it falls mid-sentence: a short name
/// with no parenthesised list of its own (which would nest inside the sentence's brackets), its
/// documents listed under References.
#[test]
fn sources_named_in_words_read_as_citations() {
    for example in EXAMPLES {
        let text = report(example);
        let (body, references) = text.split_once("\n### References\n").unwrap();
        let references = references.split("\n### ").next().unwrap();
        for name in references.lines().filter_map(|l| l.strip_prefix("* ")) {
            assert!(
                !name.contains('(') && name.chars().count() <= 40,
                "{example}: `{name}` does not read as a citation mid-sentence, as in: {}",
                body.lines().find(|l| l.contains(name)).unwrap_or_default()
            );
        }
    }
}

/// The record says each thing once: the chosen option's pros and cons are its Consequences, and
/// its entry under Pros and Cons of the Options points there instead of repeating them.
#[test]
fn the_chosen_options_consequences_are_said_once() {
    let tag = regex::Regex::new(r"^\* (Good|Bad) \(.*, the pattern\), ").unwrap();
    for example in EXAMPLES {
        let text = report(example);
        let json = recommend_json(example, &[]);
        let chosen = json["decision"]
            .as_str()
            .unwrap_or_else(|| json["recommended"].as_str().unwrap());
        let name = json["candidates"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == chosen)
            .unwrap()["name"]
            .as_str()
            .unwrap();
        let outcome = section(&text, "### Consequences");
        let entry = section(&text, &format!("### {name}"));
        for l in entry.lines().filter(|l| l.starts_with("* ")) {
            assert!(
                !outcome.lines().any(|o| o == l),
                "{example}: said in Consequences and again under {name}: {l}"
            );
        }
        assert!(
            entry.contains("Consequences"),
            "{example}: {name}'s entry does not point to its Consequences:\n{entry}"
        );
        // Nor are the pattern's strengths and weaknesses said again under its own option.
        let pros_and_cons = text
            .split("\n## Pros and Cons of the Options\n")
            .nth(1)
            .unwrap()
            .split("\n## More Information\n")
            .next()
            .unwrap();
        for l in outcome.lines().filter(|l| tag.is_match(l)) {
            let plain = tag.replace(l, "* $1, ");
            assert!(
                !pros_and_cons.lines().any(|o| o == plain),
                "{example}: the pattern's consequence is said twice: {plain}"
            );
        }
        // A decision driver is worded once, under Decision Drivers; Consequences names it.
        let drivers = section(&text, "## Decision Drivers");
        for l in outcome
            .lines()
            .filter(|l| l.starts_with("* Good, because "))
        {
            let said = l
                .trim_start_matches("* Good, because ")
                .split(" (rule `")
                .next()
                .unwrap();
            assert!(
                !drivers.to_lowercase().contains(&said.to_lowercase()),
                "{example}: a decision driver said again in Consequences: {l}"
            );
        }
    }
}

/// An option's verdict names the rule that decided it instead of repeating the reason its own
/// list says next.
#[test]
fn an_options_verdict_does_not_repeat_its_own_list() {
    for example in EXAMPLES {
        let text = report(example);
        let json = recommend_json(example, &[]);
        for c in json["candidates"].as_array().unwrap() {
            let name = c["name"].as_str().unwrap();
            let entry = section(&text, &format!("### {name}"));
            let verdict = entry
                .lines()
                .find(|l| l.contains("Verdict: **"))
                .unwrap()
                .to_lowercase();
            for l in entry.lines().filter(|l| l.starts_with("* ")) {
                let Some((_, said)) = l.split_once("because ") else {
                    continue;
                };
                let said = said.split(" (rule `").next().unwrap().to_lowercase();
                assert!(
                    !verdict.contains(&said),
                    "{example}: {name}'s verdict repeats its list: {said}"
                );
            }
        }
    }
}

/// The database as the queue under one global order is drawn with the one worker that order
/// allows, and says how many the figures need when that is more.
#[test]
fn the_flow_of_a_globally_ordered_database_queue_has_one_worker() {
    let flow = |example: &str, sets: &[&str]| {
        let mut cmd = msgadvisor();
        cmd.args(["report", &format!("examples/{example}.yaml")]);
        for s in sets {
            cmd.args(["--set", s]);
        }
        let out = cmd.output().unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        section(&text, "### How it flows").to_string()
    };
    let one = flow("invoice-outbox", &["delivery.ordering=global"]);
    assert!(
        one.contains(r#"-->|"in id order"| workers["One worker"]"#),
        "{one}"
    );
    let more = flow(
        "email-jobs",
        &["decision=outbox", "delivery.ordering=global"],
    );
    assert!(
        more.contains(r#"workers["One worker (18 needed at peak after growth)"]"#),
        "{more}"
    );
    assert!(
        more.contains(r#"-->|"enqueue"| db[("Database: job table")]"#),
        "{more}"
    );
}

/// The record's footnotes as (label, text), in the order defined.
fn footnotes(record: &str) -> Vec<(String, String)> {
    record
        .lines()
        .filter_map(|l| l.strip_prefix("[^")?.split_once("]: "))
        .map(|(label, text)| (label.to_string(), text.to_string()))
        .collect()
}

/// Each source is one footnote: no two footnotes of a record say the same, none restates
/// another with more joined on (`A; B` beside `A`: advice with two sources cites both
/// footnotes), and a source two systems' guidance share is the first system's footnote.
#[test]
fn each_footnote_is_said_once_and_none_restates_another() {
    let mut records: Vec<(String, String)> = EXAMPLES
        .iter()
        .map(|e| (e.to_string(), report(e)))
        .collect();
    // BullMQ recommended and Redis Streams decided: both run on Redis and cite its durability.
    let out = msgadvisor()
        .args([
            "report",
            "examples/email-jobs.yaml",
            "--date",
            "2026-11-29",
            "--set",
            "decision=redis-streams",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let both = String::from_utf8(out.stdout).unwrap();
    records.push(("email-jobs, decision redis-streams".into(), both.clone()));
    let citation = regex::Regex::new(r"\[\^([a-z-]+-[0-9]+)\]").unwrap();
    for (example, record) in &records {
        let notes = footnotes(record);
        for (i, (a, ta)) in notes.iter().enumerate() {
            assert!(
                record.contains(&format!("[^{a}]"))
                    && record.matches(&format!("[^{a}]:")).count() == 1,
                "{example}: [^{a}] is defined once and cited"
            );
            for (b, tb) in &notes[i + 1..] {
                assert_ne!(ta, tb, "{example}: [^{a}] and [^{b}] say the same");
            }
            for (b, tb) in &notes {
                let restates = ta.starts_with(&format!("{tb}; "))
                    || ta.ends_with(&format!("; {tb}"))
                    || ta.contains(&format!("; {tb}; "));
                assert!(!restates, "{example}: [^{a}] restates [^{b}]: {ta}");
            }
        }
        // Every citation has its definition.
        for cited in citation.captures_iter(record) {
            let label = &cited[1];
            assert!(
                notes.iter().any(|(l, _)| l == label),
                "{example}: [^{label}] is cited but not defined"
            );
        }
    }
    // The Redis Streams guidance cites BullMQ's footnotes for the Redis sources they share.
    let streams = &both[both.find("How to run Redis Streams").expect("its guidance")..];
    assert!(streams.contains("[^bullmq-"), "{streams}");
}
