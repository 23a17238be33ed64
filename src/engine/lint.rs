//! `rules lint`: every problem in the built-in rules and every pack, each with its file and line,
//! in one run. The loader finds most of them (unknown keys, bad conditions, unknown candidates,
//! duplicate ids, …) and keeps going past each file; lint adds what only shows when rules run:
//! examples that are not valid profiles, conditions that fail or give a non-boolean on a real
//! profile (CEL checks types only when it evaluates), and a rule that says no way fits without
//! reading how many do.

use super::cel as celx;
use super::load::RuleSet;
use crate::diag::InputError;
use crate::profile::load_node;
use serde::Serialize;
use serde_json::Value as Json;
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem, located.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    pub severity: Severity,
    pub file: String,
    /// 1-based; 0 when the problem is about the whole file or directory.
    pub line: u32,
    pub column: u32,
    /// The YAML path in the file (`effect.score.kafak`), when there is one.
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.file)?;
        if self.line > 0 {
            write!(f, ":{}:{}", self.line, self.column)?;
        }
        if self.severity == Severity::Warning {
            write!(f, ": warning")?;
        }
        if !self.path.is_empty() {
            write!(f, ": {}", self.path)?;
        }
        write!(f, ": {}", self.message)
    }
}

/// What lint found, and what it looked at.
#[derive(Clone, Debug, Serialize)]
pub struct LintReport {
    pub findings: Vec<Finding>,
    pub errors: usize,
    pub warnings: usize,
    /// What loaded cleanly and was checked further.
    pub rules: usize,
    pub candidates: usize,
    pub limits: usize,
}

/// Lints the built-in rules with `packs` layered on top.
pub fn lint(packs: &[PathBuf]) -> LintReport {
    let (set, errors) = RuleSet::load_all_with_prices(packs, &[]);
    let mut findings: Vec<Finding> = errors.iter().flat_map(findings_of).collect();
    for dir in packs {
        let empty = super::load::pack_walk(dir).is_ok_and(|w| w.files.is_empty());
        if dir.is_dir() && empty {
            findings.push(Finding {
                severity: Severity::Error,
                file: dir.display().to_string(),
                line: 0,
                column: 0,
                path: String::new(),
                message:
                    "the pack has no rule files (*.yaml or *.yml); is this the right directory?"
                        .into(),
            });
        }
    }
    check_rules(&set, &mut findings);
    findings.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.severity, &a.message)
            .cmp(&(&b.file, b.line, b.column, b.severity, &b.message))
    });
    findings.dedup();
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    LintReport {
        warnings: findings.len() - errors,
        errors,
        findings,
        rules: set.rules.len(),
        candidates: set.candidates.len(),
        limits: set.limits.len(),
    }
}

fn findings_of(e: &InputError) -> Vec<Finding> {
    e.problems
        .iter()
        .map(|p| Finding {
            severity: Severity::Error,
            file: e.file.clone(),
            line: p.loc.line,
            column: p.loc.col,
            path: p.path.clone(),
            message: p.message.clone(),
        })
        .collect()
}

/// The parts of a rule lint checks by running it; a rule with problems has what did read.
struct Check<'a> {
    examples: &'a [crate::engine::Example],
    program: Option<&'a crate::engine::cel::Condition>,
    when_at: (crate::engine::Origin, u32),
}

/// Runs every rule that loaded against the example base, a profile with every optional field set,
/// and each of its own examples; checks each example is a valid profile.
fn check_rules(set: &RuleSet, findings: &mut Vec<Finding>) {
    let view_of = |node: &crate::yaml::Node| {
        load_node(node, "").map(|(p, _, _)| super::evaluate::condition_view(set, &p).2)
    };
    let mut common: Vec<(String, Json)> = Vec::new();
    match view_of(&set.example_base) {
        Ok(v) => common.push(("the example base profile".into(), v)),
        Err(e) => findings.extend(findings_of(&InputError {
            file: "example-base.yaml".into(),
            ..e
        })),
    }
    common.push((
        "a profile with every optional field set".into(),
        celx::shape(&set.limits),
    ));

    let mut checks: Vec<Check> = set
        .rules
        .iter()
        .map(|r| Check {
            examples: &r.examples,
            program: Some(&r.program),
            when_at: (r.origin_of("when"), r.col_of("when")),
        })
        .collect();
    checks.extend(set.rejected.iter().map(|r| Check {
        examples: &r.examples,
        program: r.program.as_ref(),
        when_at: r.when_at.clone(),
    }));
    for rule in &checks {
        let mut views = common.clone();
        for (i, ex) in rule.examples.iter().enumerate() {
            match view_of(&set.example_profile(ex)) {
                Ok(v) => views.push((format!("example {}", i + 1), v)),
                Err(e) => {
                    for p in e.problems {
                        // Fields the example gives are located in its file; the rest (from the
                        // example base) are reported at the example.
                        let (line, column) = if p.loc.is_known() {
                            (p.loc.line, p.loc.col)
                        } else {
                            (ex.line, 0)
                        };
                        findings.push(Finding {
                            severity: Severity::Error,
                            file: ex.file.clone(),
                            line,
                            column,
                            path: format!("examples[{i}].profile.{}", p.path)
                                .trim_end_matches('.')
                                .to_string(),
                            message: format!("the example is not a valid profile: {}", p.message),
                        });
                    }
                }
            }
        }
        let Some(program) = rule.program else {
            continue;
        };
        for (what, view) in &views {
            let ctx = celx::context(&set.env, view);
            let problem = match program.execute(&ctx) {
                Ok(::cel::Value::Bool(_)) => None,
                Ok(other) => Some(format!(
                    "the condition gives {other:?} on {what}, not true or false"
                )),
                Err(e) => Some(format!(
                    "the condition fails on {what}: {}",
                    celx::describe(&e)
                )),
            };
            if let Some(message) = problem {
                findings.push(Finding {
                    severity: Severity::Error,
                    file: rule.when_at.0.file.clone(),
                    line: rule.when_at.0.line,
                    column: rule.when_at.1,
                    path: "when".into(),
                    message,
                });
                break;
            }
        }
    }
    for rule in &set.rules {
        // `says: no-way-fits` makes the report leave out its own sentence that no way fits: a
        // condition that never reads how many ways fit may fire while some do.
        if rule.effect.says == Some(super::model::Says::NoWayFits) {
            let unread: Vec<String> = rule
                .effect
                .discourage
                .iter()
                .map(|c| format!("cost.{c}.ways_that_fit"))
                .filter(|p| !rule.reads.contains(p))
                .collect();
            if !unread.is_empty() {
                let at = rule.origin_of("effect");
                let says = rule.raw.get("effect").and_then(|e| e.get("says"));
                findings.push(Finding {
                    severity: Severity::Warning,
                    file: at.file,
                    line: says.map_or(at.line, |n| n.loc.line),
                    column: says.map_or(0, |n| n.loc.col),
                    path: "effect.says".into(),
                    message: format!(
                        "rule `{}` says no way fits, but its condition does not read {}: it could fire while a way fits",
                        rule.id,
                        unread.join(", ")
                    ),
                });
            }
        }
        let at = rule.origin_of("examples");
        let warn = |message: String| Finding {
            severity: Severity::Warning,
            file: at.file.clone(),
            line: at.line,
            column: rule.col_of("examples"),
            path: "examples".into(),
            message,
        };
        if rule.examples.is_empty() {
            findings.push(warn(format!(
                "rule `{}` has no examples, so `rules test` cannot check it; add one that fires and one that does not",
                rule.id
            )));
        } else if !rule.examples.iter().any(|e| e.fires) {
            findings.push(warn(format!(
                "rule `{}` has no example that fires",
                rule.id
            )));
        } else if rule.examples.iter().all(|e| e.fires) {
            findings.push(warn(format!(
                "rule `{}` has no example that does not fire",
                rule.id
            )));
        }
    }
}
