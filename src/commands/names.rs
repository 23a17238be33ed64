//! `msgadvisor names [FILE|-]`: lint Kafka topic names, one per line. Exit 1 on any error
//! finding, 0 on warnings only, 2 on unreadable input.

use crate::Outcome;
use crate::cli::{NamesArgs, NamesFormat};
use crate::systems::kafka::naming::{Finding, Severity, lint};
use crate::units::count;
use crate::untrusted::Shown;
use serde::Serialize;
use std::fmt::Write;

/// One finding on one line of the input.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LineFinding {
    pub line: usize,
    pub topic: String,
    #[serde(flatten)]
    pub finding: Finding,
}

/// Everything `names` found in one input.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NamesReport {
    pub file: String,
    /// Names checked (blank and `#` lines are skipped).
    pub names: usize,
    pub errors: usize,
    pub warnings: usize,
    pub findings: Vec<LineFinding>,
}

/// Lints every name in `text`, one per line.
pub fn check(file: &str, text: &str) -> NamesReport {
    let mut findings = Vec::new();
    // The first line of each name; a map keeps repeat-finding linear in the number of lines.
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut names = 0;
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let name = raw.trim();
        if name.is_empty() || name.starts_with('#') {
            continue;
        }
        names += 1;
        let duplicate = seen.get(name).map(|first| Finding {
            severity: Severity::Warning,
            rule: "duplicate",
            message: format!("repeats line {first}"),
            source: "msgadvisor",
        });
        seen.entry(name).or_insert(line);
        findings.extend(
            lint(name)
                .into_iter()
                .chain(duplicate)
                .map(|finding| LineFinding {
                    line,
                    topic: name.to_string(),
                    finding,
                }),
        );
    }
    let errors = findings
        .iter()
        .filter(|f| f.finding.severity == Severity::Error)
        .count();
    NamesReport {
        file: file.to_string(),
        names,
        errors,
        warnings: findings.len() - errors,
        findings,
    }
}

pub fn run(args: &NamesArgs) -> anyhow::Result<Outcome> {
    let (file, text) = crate::input::read_arg(&args.file);
    let text = text.map_err(|e| anyhow::anyhow!("{}: {e}", Shown(&file)))?;
    let report = check(&file, &text);
    let stdout = match args.format {
        NamesFormat::Json => crate::render::json(&report),
        NamesFormat::Text => crate::render::guarded(text_view(&report)),
    };
    Ok(Outcome {
        stdout,
        code: if report.errors > 0 {
            crate::EXIT_FAIL
        } else {
            crate::EXIT_OK
        },
        ..Default::default()
    })
}

fn text_view(r: &NamesReport) -> String {
    let mut out = String::new();
    for f in &r.findings {
        let _ = writeln!(
            out,
            "{}:{}: {}[{}] `{}`: {}",
            Shown(&r.file),
            f.line,
            f.finding.severity.as_str(),
            f.finding.rule,
            Shown(&f.topic),
            Shown(&f.finding.message)
        );
    }
    let _ = writeln!(
        out,
        "{}: {}, {}",
        count(r.names, "name", "names"),
        count(r.errors, "error", "errors"),
        count(r.warnings, "warning", "warnings")
    );
    out
}
