//! `check --format markdown`: a pull-request comment (also the GitHub job summary): the summary,
//! the rules in force, a table of every profile shown, then the findings of each profile that
//! has any.

use super::markdown::cell;
use crate::check::{Finding, Footer, Header, Level, ProfileCheck, Render, Status, WaiverState};
use crate::units::count;
use std::fmt::Write as _;
use std::io;

fn badge(s: Status) -> &'static str {
    match s {
        Status::Pass => "✅ pass",
        Status::Warn => "⚠️ warn",
        Status::Fail => "❌ fail",
        Status::Invalid => "🛑 invalid",
    }
}

/// The summary comes first, and the table of every profile before the findings of any, so both
/// are kept as rendered text until the end. With a limit (the GitHub job summary, cut at 1 MiB)
/// neither grows much past it: what lies beyond would be cut anyway.
#[derive(Default)]
pub struct Markdown {
    header: Option<Header>,
    table: String,
    findings: String,
    limit: Option<usize>,
}

impl Markdown {
    /// A renderer that keeps only about the first `limit` bytes of the table and the findings.
    pub fn with_limit(limit: usize) -> Markdown {
        Markdown {
            limit: Some(limit),
            ..Markdown::default()
        }
    }

    fn full(&self, part: &str) -> bool {
        self.limit.is_some_and(|l| part.len() > l)
    }
}

impl Render for Markdown {
    fn begin(&mut self, _: &mut dyn io::Write, h: &Header) -> io::Result<()> {
        self.header = Some(h.clone());
        Ok(())
    }

    fn profile(&mut self, _: &mut dyn io::Write, p: &ProfileCheck) -> io::Result<()> {
        if !self.full(&self.table) {
            row(&mut self.table, p);
        }
        let detailed =
            !p.findings.is_empty() || p.waivers.iter().any(|w| w.state == WaiverState::Applied);
        if detailed && !self.full(&self.findings) {
            details(&mut self.findings, p);
        }
        Ok(())
    }

    fn end(&mut self, out: &mut dyn io::Write, f: &Footer) -> io::Result<()> {
        let mut s = String::new();
        let _ = writeln!(s, "## msgadvisor check\n\n**{}**\n", f.summary.line());
        if let Some(h) = &self.header {
            if !h.waivers_honoured {
                s.push_str("Waivers were ignored (`--no-waivers`).\n\n");
            }
            let _ = writeln!(
                s,
                "Rules: {}\n",
                h.rules_in_force(|n| format!("`{}`", cell(n)))
            );
            if let Some(line) = crate::engine::PackOverride::line(&h.pack_overrides) {
                let _ = writeln!(s, "**{}**\n", cell(&line));
            }
        }
        out.write_all(s.as_bytes())?;
        if !self.table.is_empty() {
            out.write_all(
                b"| Status | Profile | Decision | Verdict | Recommended |\n|---|---|---|---|---|\n",
            )?;
            out.write_all(self.table.as_bytes())?;
            out.write_all(b"\n")?;
        }
        if !self.findings.is_empty() {
            out.write_all(b"### Findings\n\n")?;
            out.write_all(self.findings.as_bytes())?;
        }
        collapsed(
            out,
            &format!(
                "{} skipped (not a profile)",
                count(f.skipped.len(), "YAML file", "YAML files")
            ),
            f.skipped.iter().map(|s| format!("- `{s}`")),
        )?;
        collapsed(
            out,
            &format!(
                "{} not read (hidden, or a symlink not followed)",
                count(f.not_read.len(), "entry", "entries")
            ),
            f.not_read
                .iter()
                .map(|n| format!("- `{}`: {}", cell(&n.path), n.reason.as_str())),
        )?;
        Ok(())
    }
}

/// A collapsed list under `summary`; nothing when the list is empty.
fn collapsed(
    out: &mut dyn io::Write,
    summary: &str,
    items: impl Iterator<Item = String>,
) -> std::io::Result<()> {
    let items: Vec<String> = items.collect();
    if items.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "<details><summary>{summary}</summary>\n\n{}\n</details>\n",
        items.join("\n")
    )
}

/// One row of the table of profiles.
fn row(out: &mut String, p: &ProfileCheck) {
    let code = |s: &Option<String>| {
        s.as_deref()
            .map(|v| format!("`{v}`"))
            .unwrap_or_else(|| "—".into())
    };
    // The word the message under the table and `recommend` say, not the SPEC's verdict.
    let verdict = match (p.standing, p.standing_without_waivers) {
        (Some(v), Some(before)) => {
            format!("{} (waived; {} without)", v.as_str(), before.as_str())
        }
        (Some(v), None) => v.as_str().to_string(),
        _ => "—".into(),
    };
    let _ = writeln!(
        out,
        "| {} | {}`{}` | {} | {} | {} |",
        badge(p.status),
        p.name
            .as_deref()
            .map(|n| format!("{} ", cell(n)))
            .unwrap_or_default(),
        cell(&p.file),
        code(&p.decision),
        verdict,
        code(&p.recommended),
    );
}

/// The findings of one profile that has any (or an applied waiver).
fn details(out: &mut String, p: &ProfileCheck) {
    let _ = writeln!(
        out,
        "#### {} `{}`{}\n\n{}\n",
        badge(p.status),
        cell(&p.file),
        p.name
            .as_deref()
            .map(|n| format!(" ({})", cell(n)))
            .unwrap_or_default(),
        crate::untrusted::Shown(&p.message)
    );
    let is_note = |f: &&Finding| f.level == Level::Note && f.waived.is_none();
    for f in p.findings.iter().filter(|f| !is_note(f)) {
        finding(out, f);
    }
    // Rules that only lowered the decision's score explain it; folded to keep comments short.
    let notes: Vec<&Finding> = p.findings.iter().filter(is_note).collect();
    if !notes.is_empty() {
        let _ = writeln!(
            out,
            "\n<details><summary>{} that lowered the decision's score</summary>\n",
            count(notes.len(), "rule", "rules")
        );
        for f in notes {
            let _ = writeln!(
                out,
                "- `{}`{}: {}",
                f.rule,
                f.effect_suffix(),
                cell(&f.message)
            );
        }
        out.push_str("\n</details>\n");
    }
    for w in &p.waivers {
        let covered = p.waived().any(|f| f.rule == w.rule);
        if w.state == WaiverState::Applied && !covered {
            let _ = writeln!(
                out,
                "- waiver of `{}` applied (line {}): {}",
                w.rule,
                w.line,
                cell(&w.reason)
            );
        }
    }
    out.push('\n');
}

fn finding(out: &mut String, f: &Finding) {
    let effect = f.effect_suffix();
    let line = if f.line > 0 {
        format!(" — line {}", f.line)
    } else {
        String::new()
    };
    match &f.waived {
        Some(w) => {
            let until = w
                .expires
                .as_deref()
                .map(|d| format!(", until {d}"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "- ~~{} `{}`{effect}: {}~~{line}  \n  **waived**: {}{until}",
                f.level.as_str(),
                f.rule,
                cell(&f.message),
                cell(&w.reason)
            );
        }
        None => {
            let _ = writeln!(
                out,
                "- **{}** `{}`{effect}: {}{line}",
                f.level.as_str(),
                f.rule,
                cell(&f.message)
            );
        }
    }
    if let Some(s) = &f.source {
        let _ = writeln!(out, "  <sub>Source: {}</sub>", cell(s));
    }
}
