//! `check --format sarif`: SARIF 2.1.0 for code scanning. One run; `tool.driver.rules` describes
//! every rule a result cites, in the order first cited; each finding is a result located in its
//! profile (rule findings at the `decision:` key); a waived finding carries a `suppressions`
//! entry with the waiver's reason. `invocations[0].properties` names the rule packs and config
//! file in force. Results are written as they are judged, before the run's other members.

use super::check_json::indented;
use crate::check::{Finding, Footer, Header, ProfileCheck, Render};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::io;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Writes each result as it comes. Rules are indexed in the order they are first cited, so a
/// result's `ruleIndex` is known when it is written; only the ids cited so far are kept.
#[derive(Default)]
pub struct Sarif {
    header: Option<Header>,
    /// The repository the run is in (`%SRCROOT%`): result URIs are relative to it, as code
    /// scanning maps them; None outside a repository (URIs as given).
    root: Option<std::path::PathBuf>,
    cited: Vec<String>,
    index: HashMap<String, usize>,
    results: usize,
}

impl Render for Sarif {
    fn begin(&mut self, out: &mut dyn io::Write, h: &Header) -> io::Result<()> {
        self.header = Some(h.clone());
        self.root = crate::input::repo_root(std::path::Path::new("."));
        write!(
            out,
            "{{\n  \"$schema\": \"{SCHEMA}\",\n  \"runs\": [\n    {{\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": ["
        )
    }

    fn profile(&mut self, out: &mut dyn io::Write, p: &ProfileCheck) -> io::Result<()> {
        // Resolved once per profile, not once per finding.
        let location = location(&p.file, self.root.as_deref());
        for f in &p.findings {
            let next = self.cited.len();
            let i = *self.index.entry(f.rule.clone()).or_insert(next);
            if i == next {
                self.cited.push(f.rule.clone());
            }
            out.write_all(if self.results == 0 { b"\n" } else { b",\n" })?;
            self.results += 1;
            let text = serde_json::to_string_pretty(&result(p, f, i, &location))
                .map_err(io::Error::other)?;
            indented(out, &text, "        ")?;
        }
        Ok(())
    }

    fn end(&mut self, out: &mut dyn io::Write, f: &Footer) -> io::Result<()> {
        out.write_all(if self.results == 0 {
            b"]"
        } else {
            b"\n      ]"
        })?;
        let rules: Vec<Value> = self
            .cited
            .iter()
            .filter_map(|id| f.rules.get(id))
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
        let h = self.header.as_ref();
        // The rule packs and config file in force: a pull request that changes the rules
        // shows on the run.
        let mut rest = json!({
            "invocations": [{
                "executionSuccessful": true,
                "exitCode": f.exit_code,
                "properties": {
                    "rulePacks": h.map(|h| &h.rule_packs),
                    "config": h.and_then(|h| h.config.as_ref()),
                    "packOverrides": h.map(|h| &h.pack_overrides),
                },
                // SARIF's own record of a rule turned off for this run; what a pack replaced
                // has no such field and is in `packOverrides` above.
                "ruleConfigurationOverrides": h.map(|h| h
                    .pack_overrides
                    .iter()
                    .filter(|o| o.action == "disabled")
                    .map(|o| json!({
                        "descriptor": {"id": o.rule},
                        "configuration": {"enabled": false},
                    }))
                    .collect::<Vec<_>>()),
            }],
            "tool": {"driver": {
                "name": "msgadvisor",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
        });
        if let Some(root) = &self.root {
            // An absolute base makes the relative URIs resolvable off GitHub too.
            let base = format!(
                "file://{}/",
                root.display().to_string().trim_end_matches('/')
            );
            rest["originalUriBaseIds"] = json!({"%SRCROOT%": {"uri": base}});
        }
        // `rest`'s members continue the run object, after `results`.
        let rest = serde_json::to_string_pretty(&rest).map_err(io::Error::other)?;
        let rest = rest
            .strip_prefix("{\n")
            .and_then(|r| r.strip_suffix("\n}"))
            .unwrap_or(&rest);
        out.write_all(b",\n")?;
        indented(out, rest, "    ")?;
        out.write_all(b"\n    }\n  ],\n  \"version\": \"2.1.0\"\n}\n")
    }
}

fn result(p: &ProfileCheck, f: &Finding, index: usize, location: &Value) -> Value {
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
                "artifactLocation": location,
                "region": {
                    "startLine": line,
                    "startColumn": column,
                    "endLine": line,
                    "endColumn": column + 1,
                },
            },
        }],
    });
    v["ruleIndex"] = json!(index);
    if let Some(w) = &f.waived {
        let justification = w.justification();
        v["suppressions"] = json!([{
            "kind": "inSource",
            "status": "accepted",
            "justification": justification,
        }]);
    }
    v
}

/// A profile's location for code scanning: relative to the repository root with
/// `uriBaseId: %SRCROOT%` when it is inside the repository (an absolute path given on the
/// command line included); as given otherwise.
fn location(file: &str, root: Option<&std::path::Path>) -> Value {
    match root.and_then(|r| crate::input::relative_to(file, r)) {
        Some(rel) => json!({"uri": rel, "uriBaseId": "%SRCROOT%"}),
        None => json!({"uri": file}),
    }
}
