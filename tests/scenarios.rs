//! The scenario corpus: workloads written from public engineering write-ups
//! (`tests/scenarios/NAME.yaml`, each a plain profile) with what an expert would pick for them
//! (`tests/scenarios/NAME.expect.yaml`: source, facts, accepted and rejected picks, principle).
//! Every profile runs through `recommend --format json`; a pick outside `accepted` is a
//! disagreement. Disagreements the rules are known to have today are listed, each with the
//! principle it waits on, in `tests/scenarios/KNOWN_DISAGREEMENTS`; that list may only shrink.

mod common;

use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const DIR: &str = "tests/scenarios";
const KNOWN: &str = "tests/scenarios/KNOWN_DISAGREEMENTS";

/// The SPEC's stable candidate ids; the corpus must give each of them real cases.
const CANDIDATES: [&str; 6] = [
    "kafka",
    "redis-streams",
    "bullmq",
    "redis-pubsub",
    "rabbitmq",
    "outbox",
];

/// Floors that keep the corpus from shrinking silently.
const MIN_SCENARIOS: usize = 40;
const MIN_PER_CANDIDATE: usize = 5;
const MIN_BOUNDARY: usize = 10;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Source {
    title: String,
    url: String,
    #[serde(default)]
    date: Option<String>,
}

/// What an expert would pick for one scenario, and why.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    /// The write-up the workload is taken from (one, or several when facts come from more).
    source: Vec<Source>,
    /// Figures taken from the source, and each assumption with the reason for it.
    facts: Vec<String>,
    /// Candidate ids an expert would accept as the pick.
    accepted: Vec<String>,
    /// Candidate ids that must not be the pick.
    #[serde(default)]
    rejected: Vec<String>,
    /// Patterns the report must name (e.g. `outbox` when a broker is fed from a transaction).
    #[serde(default)]
    patterns: Vec<String>,
    /// The principle (issue 15) the case exercises.
    principle: String,
    /// Near a decision boundary: a small change to one figure flips the expert's answer.
    #[serde(default)]
    boundary: bool,
    #[serde(default)]
    #[allow(dead_code)]
    notes: Option<String>,
}

struct Scenario {
    name: String,
    profile: String,
    expect: Expect,
}

fn load() -> Vec<Scenario> {
    let mut names = BTreeSet::new();
    let mut sidecars = BTreeSet::new();
    for entry in std::fs::read_dir(DIR).unwrap() {
        let file = entry.unwrap().file_name().to_string_lossy().into_owned();
        if let Some(stem) = file.strip_suffix(".expect.yaml") {
            sidecars.insert(stem.to_string());
        } else if let Some(stem) = file.strip_suffix(".yaml") {
            names.insert(stem.to_string());
        }
    }
    let lonely: Vec<_> = names.symmetric_difference(&sidecars).collect();
    assert!(
        lonely.is_empty(),
        "each scenario needs NAME.yaml and NAME.expect.yaml; unpaired: {lonely:?}"
    );
    names
        .into_iter()
        .map(|name| {
            let path = format!("{DIR}/{name}.expect.yaml");
            let text = std::fs::read_to_string(&path).unwrap();
            let expect: Expect =
                serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
            check_expect(&path, &expect);
            let profile = std::fs::read_to_string(format!("{DIR}/{name}.yaml")).unwrap();
            assert!(
                profile
                    .lines()
                    .any(|l| l.trim_end() == format!("name: {name}")),
                "{DIR}/{name}.yaml: its `name:` should be `{name}`, the file's stem"
            );
            Scenario {
                profile: format!("{DIR}/{name}.yaml"),
                name,
                expect,
            }
        })
        .collect()
}

/// A sidecar a reviewer can trust: sourced, with facts, known ids, nothing both accepted and
/// rejected.
fn check_expect(path: &str, e: &Expect) {
    assert!(!e.source.is_empty(), "{path}: no source");
    for s in &e.source {
        assert!(
            !s.title.trim().is_empty(),
            "{path}: a source without a title"
        );
        assert!(
            s.url.starts_with("https://") || s.url.starts_with("http://"),
            "{path}: source url `{}` is not a web address",
            s.url
        );
    }
    assert!(!e.facts.is_empty(), "{path}: no facts");
    assert!(!e.principle.trim().is_empty(), "{path}: no principle");
    assert!(!e.accepted.is_empty(), "{path}: nothing accepted");
    for id in e.accepted.iter().chain(&e.rejected) {
        assert!(
            CANDIDATES.contains(&id.as_str()),
            "{path}: `{id}` is not a candidate id ({CANDIDATES:?})"
        );
    }
    for id in &e.accepted {
        assert!(
            !e.rejected.contains(id),
            "{path}: `{id}` is both accepted and rejected"
        );
    }
}

/// The decision for one profile: the pick, the patterns, and each candidate's reasons.
struct Outcome {
    pick: String,
    patterns: Vec<String>,
    json: serde_json::Value,
}

fn decide(profile: &str) -> Outcome {
    let (code, out, err) = common::run(
        &["recommend", profile, "--format", "json", "--no-config"],
        None,
    );
    assert_eq!(code, 0, "{profile} is not a valid profile:\n{err}");
    // A warning (an unknown system or runtime name, say) means the profile does not say what its
    // author meant: rules would not see that field.
    assert!(err.is_empty(), "{profile} draws warnings:\n{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let strings = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|s| s.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    };
    Outcome {
        pick: json["recommended"].as_str().unwrap().to_string(),
        patterns: strings(&json["patterns"]),
        json,
    }
}

/// `id (score, verdict): rule +n, rule -n, …` — the reasons as a reviewer reads them.
fn reasons(json: &serde_json::Value, id: &str) -> String {
    let Some(c) = json["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
    else {
        return format!("{id}: not ranked");
    };
    let why: Vec<String> = c["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .take(6)
        .map(|r| {
            format!(
                "{} {}",
                r["rule"].as_str().unwrap(),
                r["effect"].as_str().unwrap()
            )
        })
        .collect();
    format!(
        "{id} ({}, {}): {}",
        c["score"],
        c["verdict"].as_str().unwrap(),
        if why.is_empty() {
            "no rule fired".into()
        } else {
            why.join(", ")
        }
    )
}

/// The names in KNOWN_DISAGREEMENTS: the first word of each line that is not a comment.
fn known() -> BTreeSet<String> {
    std::fs::read_to_string(KNOWN)
        .unwrap()
        .lines()
        .map(|l| l.split('#').next().unwrap().trim())
        .filter(|l| !l.is_empty())
        .map(|l| l.split_whitespace().next().unwrap().to_string())
        .collect()
}

#[test]
fn the_corpus_agrees_with_the_experts() {
    let scenarios = load();
    let known = known();
    let mut disagreements = BTreeMap::new();
    for s in &scenarios {
        let got = decide(&s.profile);
        let e = &s.expect;
        let mut wrong = Vec::new();
        if !e.accepted.contains(&got.pick) {
            wrong.push(format!(
                "expected one of {:?}{}, got {}",
                e.accepted,
                if e.rejected.contains(&got.pick) {
                    " (the pick is one the expert rejects)"
                } else {
                    ""
                },
                got.pick
            ));
        }
        for p in &e.patterns {
            if !got.patterns.contains(p) {
                wrong.push(format!("expected pattern `{p}`, got {:?}", got.patterns));
            }
        }
        if !wrong.is_empty() {
            let mut msg = format!("{}: {}\n", s.profile, wrong.join("; "));
            msg += &format!("    got      {}\n", reasons(&got.json, &got.pick));
            for a in &e.accepted {
                msg += &format!("    accepted {}\n", reasons(&got.json, a));
            }
            msg += &format!("    principle: {}\n", e.principle.trim());
            for src in &e.source {
                let date = src
                    .date
                    .as_deref()
                    .map(|d| format!(", {d}"))
                    .unwrap_or_default();
                msg += &format!("    source: {} ({}{date})\n", src.title, src.url);
            }
            disagreements.insert(s.name.clone(), msg);
        }
    }

    let names: BTreeSet<_> = scenarios.iter().map(|s| s.name.clone()).collect();
    let mut problems = Vec::new();
    for n in known.difference(&names) {
        problems.push(format!("{KNOWN} names `{n}`, which is not a scenario\n"));
    }
    for (n, msg) in &disagreements {
        if !known.contains(n) {
            problems.push(format!("NEW DISAGREEMENT {msg}"));
        }
    }
    for n in known.intersection(&names) {
        if !disagreements.contains_key(n) {
            problems.push(format!(
                "{DIR}/{n}.yaml now agrees with the experts: remove it from {KNOWN}\n"
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{} of {} scenarios disagree ({} known); problems:\n\n{}",
        disagreements.len(),
        scenarios.len(),
        known.len(),
        problems.join("\n")
    );
}

#[test]
fn the_corpus_keeps_its_coverage() {
    let scenarios = load();
    let mut short = Vec::new();
    if scenarios.len() < MIN_SCENARIOS {
        short.push(format!(
            "{} scenarios, at least {MIN_SCENARIOS} wanted",
            scenarios.len()
        ));
    }
    for id in CANDIDATES {
        let n = scenarios
            .iter()
            .filter(|s| s.expect.accepted.iter().any(|a| a == id))
            .count();
        if n < MIN_PER_CANDIDATE {
            short.push(format!(
                "{n} scenarios accept {id}, at least {MIN_PER_CANDIDATE} wanted"
            ));
        }
    }
    let boundary = scenarios.iter().filter(|s| s.expect.boundary).count();
    if boundary < MIN_BOUNDARY {
        short.push(format!(
            "{boundary} boundary scenarios, at least {MIN_BOUNDARY} wanted"
        ));
    }
    assert!(short.is_empty(), "the corpus shrank: {}", short.join("; "));
}

/// The README states how many workloads the corpus holds; it must say the true number.
#[test]
fn the_readme_reports_the_corpus_size() {
    let n = load().len();
    let readme = std::fs::read_to_string("README.md").unwrap();
    let said = format!("holds {n} workloads");
    assert!(
        readme.contains(&said),
        "README.md's \"Scenario corpus\" section should say `{said}`"
    );
    assert!(Path::new(KNOWN).exists());
}
