//! The rules commands' output: `rules list`, `rules show` (as a page, or as data ready to copy
//! into a pack), `rules lint` and `rules test`.

use super::markdown::cell;
use crate::engine::doc::{RuleDoc, RuleList};
use crate::engine::examples::ExampleResult;
use crate::engine::lint::LintReport;
use crate::engine::model::Rule;
use crate::units::count;
use crate::yaml::{Kind, Node};
use std::fmt::Write;

/// Width prose is wrapped at, as the table is.
const WIDTH: usize = 100;

/// Wraps `text` at word boundaries to lines of at most `WIDTH` characters, each indented;
/// nothing for text without a word.
fn wrap(text: &str, indent: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() {
        return String::new();
    }
    super::fill(&words.join(" "), WIDTH, indent, indent)
}

/// A YAML value on one line, in flow style: `{throughput: {peak_per_sec: 20}}`.
pub fn flow(node: &Node) -> String {
    match &node.kind {
        Kind::Null => "null".into(),
        Kind::Bool(b) => b.to_string(),
        Kind::Int(i) => i.to_string(),
        Kind::Float(f) => f.to_string(),
        Kind::Str(s) => {
            let plain = !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c))
                && crate::yaml::parse(s).is_ok_and(|n| n.kind == Kind::Str(s.clone()));
            if plain {
                s.clone()
            } else {
                serde_json::Value::String(s.clone()).to_string()
            }
        }
        Kind::Seq(items) => format!(
            "[{}]",
            items.iter().map(flow).collect::<Vec<_>>().join(", ")
        ),
        Kind::Map(entries) => format!(
            "{{{}}}",
            entries
                .iter()
                .map(|(k, v)| format!("{}: {}", k.name, flow(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

pub fn list_text(l: &RuleList) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} rules in evaluation order ({}). `msgadvisor rules show ID` shows one in full.",
        l.rules.len(),
        l.packs
    );
    for r in &l.rules {
        let _ = writeln!(out, "\n{}  [{}]", r.id, r.effect_summary);
        out.push_str(&wrap(&r.title, "  "));
        out.push_str(&wrap(&format!("source: {}", r.source), "  "));
        if r.status != "built-in" {
            let _ = writeln!(out, "  {}", r.status);
        }
    }
    if !l.disabled.is_empty() {
        out.push_str("\nDisabled:\n");
        for d in &l.disabled {
            let _ = writeln!(out, "  {} (by {})", d.id, d.by);
        }
    }
    out
}

pub fn list_markdown(l: &RuleList) -> String {
    let mut out = format!(
        "# Rules\n\n{} rules in evaluation order ({}).\n\n| Rule | Effect | Title | Source | Status |\n|---|---|---|---|---|\n",
        l.rules.len(),
        l.packs
    );
    for r in &l.rules {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {} |",
            r.id,
            cell(&r.effect_summary),
            cell(&r.title),
            cell(&r.source),
            cell(&r.status)
        );
    }
    if !l.disabled.is_empty() {
        out.push_str("\n## Disabled\n\n");
        for d in &l.disabled {
            let _ = writeln!(out, "- `{}` (by `{}`)", d.id, d.by);
        }
    }
    out
}

fn fires(f: bool) -> &'static str {
    if f { "fires" } else { "does not fire" }
}

pub fn show_text(d: &RuleDoc) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}: {}", d.id, d.title);
    let _ = writeln!(out, "{}, {}\n", d.status, d.origin);
    let _ = writeln!(out, "Effect: {}\n", d.effect_summary);
    out.push_str("Why:\n");
    out.push_str(&wrap(&d.why, "  "));
    if let Some(w) = &d.when_not {
        out.push_str("\nWhen not:\n");
        out.push_str(&wrap(w, "  "));
    }
    out.push_str("\nSource:\n");
    out.push_str(&wrap(&d.source, "  "));
    out.push_str("\nCondition (CEL):\n");
    for line in d.when.lines() {
        let _ = writeln!(out, "  {}", line.trim());
    }
    let _ = writeln!(out, "Reads: {}", d.reads.join(", "));
    if !d.limits.is_empty() {
        out.push_str("\nLimits it reads:\n");
        for l in &d.limits {
            out.push_str(&wrap(
                &format!(
                    "limits.{} = {} {} (source: {})",
                    l.name,
                    super::num(l.value),
                    l.unit,
                    l.source
                ),
                "  ",
            ));
        }
    }
    out.push_str(
        "\nExamples (each merged onto the example base profile; `rules test` runs them):\n",
    );
    for e in &d.examples {
        let _ = writeln!(out, "  {:13}  {}", fires(e.fires), flow(&e.profile));
    }
    let _ = writeln!(
        out,
        "\nTo change it in a pack: msgadvisor rules show {id} --format yaml > PACK/{id}.yaml",
        id = d.id
    );
    out
}

pub fn show_markdown(d: &RuleDoc) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# `{}`: {}\n", d.id, d.title);
    let _ = writeln!(out, "- Effect: {}", d.effect_summary);
    let _ = writeln!(out, "- Status: {} (`{}`)\n", d.status, d.origin);
    let _ = writeln!(out, "## Why\n\n{}\n", d.why);
    if let Some(w) = &d.when_not {
        let _ = writeln!(out, "## When not\n\n{w}\n");
    }
    let _ = writeln!(out, "## Source\n\n{}\n", d.source);
    let _ = writeln!(out, "## Condition\n\n```cel\n{}\n```\n", d.when);
    if !d.limits.is_empty() {
        out.push_str("| Limit | Value | Source |\n|---|---:|---|\n");
        for l in &d.limits {
            let _ = writeln!(
                out,
                "| `limits.{}` | {} {} | {} |",
                l.name,
                super::num(l.value),
                cell(&l.unit),
                cell(&l.source)
            );
        }
        out.push('\n');
    }
    out.push_str("## Examples\n\n| Profile fields | Outcome |\n|---|---|\n");
    for e in &d.examples {
        let _ = writeln!(
            out,
            "| `{}` | {} |",
            cell(&flow(&e.profile)),
            fires(e.fires)
        );
    }
    out
}

/// A rule tree with its examples' profiles in flow style, as people write them.
struct PackRule<'a>(&'a Node);

impl serde::Serialize for PackRule<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let Some(entries) = self.0.as_map() else {
            return self.0.serialize(s);
        };
        let mut map = s.serialize_map(Some(entries.len()))?;
        for (k, v) in entries {
            match (k.name.as_str(), &v.kind) {
                ("examples", Kind::Seq(items)) => {
                    let items: Vec<FlowValues> = items.iter().map(FlowValues).collect();
                    map.serialize_entry(&k.name, &items)?
                }
                ("effect", Kind::Map(_)) => map.serialize_entry(&k.name, &FlowValues(v))?,
                // A folded paragraph (`why: >`) ends in a newline; without it the text is written
                // folded again, wrapped, rather than as one long literal line.
                (_, Kind::Str(text)) if text.len() > 80 && !text.trim_end().contains('\n') => {
                    map.serialize_entry(&k.name, &serde_saphyr::FoldStr(text.trim_end()))?
                }
                _ => map.serialize_entry(&k.name, v)?,
            }
        }
        map.end()
    }
}

/// A mapping whose values are written in flow style: an example's `profile: {…}` on one line,
/// an effect's `score: {kafka: -30}`.
struct FlowValues<'a>(&'a Node);

impl serde::Serialize for FlowValues<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let Some(entries) = self.0.as_map() else {
            return self.0.serialize(s);
        };
        let mut map = s.serialize_map(Some(entries.len()))?;
        for (k, v) in entries {
            match &v.kind {
                Kind::Map(_) => map.serialize_entry(&k.name, &serde_saphyr::FlowMap(v))?,
                Kind::Seq(_) => map.serialize_entry(&k.name, &serde_saphyr::FlowSeq(v))?,
                _ => map.serialize_entry(&k.name, v)?,
            }
        }
        map.end()
    }
}

/// The rule as data, ready to save as `<pack>/<id>.yaml` and edit.
pub fn pack_yaml(rule: &Rule, status: &str) -> String {
    let mut out = format!(
        "# {id}: {status}, from {origin}.\n# Save as PACK/{id}.yaml and edit. In a pack, a rule with this id replaces the keys it\n# gives and keeps the rest; `disabled: true` alone turns it off. Check with `msgadvisor rules lint`.\n",
        id = rule.id,
        origin = rule.origin,
    );
    out.push_str(&super::yaml(&PackRule(&rule.raw)));
    out
}

pub fn lint_text(r: &LintReport, packs: &str) -> String {
    let mut out = String::new();
    for f in &r.findings {
        let _ = writeln!(out, "{f}");
    }
    if r.errors == 0 && r.warnings == 0 {
        let _ = writeln!(
            out,
            "No problems in {} rules, {} candidates and {} limits ({packs}).",
            r.rules, r.candidates, r.limits
        );
    } else {
        let files = {
            let mut f: Vec<&str> = r.findings.iter().map(|f| f.file.as_str()).collect();
            f.dedup();
            f.len()
        };
        let _ = writeln!(
            out,
            "{}, {} in {} ({packs}).",
            count(r.errors, "error", "errors"),
            count(r.warnings, "warning", "warnings"),
            count(files, "file", "files")
        );
    }
    out
}

pub fn test_text(results: &[ExampleResult]) -> String {
    let mut out = String::new();
    for r in results.iter().filter(|r| !r.passed) {
        let _ = write!(
            out,
            "FAIL {}: {} example {}: {}",
            r.origin,
            r.rule,
            r.example,
            r.problem.as_deref().unwrap_or("failed")
        );
        if !r.saw.is_empty() {
            let _ = write!(
                out,
                "; the condition saw {}",
                super::explain::saw_line(&r.saw)
            );
        }
        out.push('\n');
    }
    let passed = results.iter().filter(|r| r.passed).count();
    let _ = writeln!(out, "{passed} passed, {} failed", results.len() - passed);
    out
}
