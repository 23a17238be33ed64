//! `check --format sarif`: SARIF 2.1.0 for code scanning. One run; `tool.driver.rules` describes
//! every rule a result cites; each finding is a result located in its profile (rule findings at
//! the `decision:` key); a waived finding carries a `suppressions` entry with the waiver's reason.

use crate::check::{CheckReport, Finding, ProfileCheck};
use serde_json::{Value, json};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub fn render(r: &CheckReport) -> String {
    let ids: Vec<&String> = r.rules.keys().collect();
    let rules: Vec<Value> = r
        .rules
        .values()
        .map(|d| {
            let mut help = d.why.clone();
            if let Some(s) = &d.source {
                help.push_str(&format!("\n\nSource: {s}"));
            }
            json!({
                "id": d.id,
                "shortDescription": {"text": d.title},
                "fullDescription": {"text": d.why},
                "help": {"text": help},
            })
        })
        .collect();
    let results: Vec<Value> = r
        .profiles
        .iter()
        .flat_map(|p| p.findings.iter().map(move |f| (p, f)))
        .map(|(p, f)| result(p, f, ids.iter().position(|id| **id == f.rule)))
        .collect();
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "msgadvisor",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "invocations": [{
                "executionSuccessful": true,
                "exitCode": r.exit_code,
            }],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    super::json(&log)
}

fn result(p: &ProfileCheck, f: &Finding, index: Option<usize>) -> Value {
    let mut text = match &p.name {
        Some(name) if p.message != f.message => {
            format!("{name}: {}\n{}: {}", p.message, f.rule, f.message)
        }
        _ => f.message.clone(),
    };
    text.push_str(&f.effect_suffix());
    // Code scanning needs a region; a file that could not be read at all points at its start.
    let (line, column) = (f.line.max(1), f.column.max(1));
    let mut v = json!({
        "ruleId": f.rule,
        "level": f.level.as_str(),
        "message": {"text": text},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": p.file},
                "region": {
                    "startLine": line,
                    "startColumn": column,
                    "endLine": line,
                    "endColumn": column + 1,
                },
            },
        }],
    });
    if let Some(i) = index {
        v["ruleIndex"] = json!(i);
    }
    if let Some(w) = &f.waived {
        let mut justification = w.reason.clone();
        if let Some(d) = &w.expires {
            justification.push_str(&format!(" (until {d})"));
        }
        v["suppressions"] = json!([{
            "kind": "inSource",
            "status": "accepted",
            "justification": justification,
        }]);
    }
    v
}
