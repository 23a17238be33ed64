//! `check --format markdown`: a pull-request comment (also the GitHub job summary): the summary,
//! a table of every profile shown, then the findings of each profile that has any.

use super::markdown::cell;
use crate::check::{CheckReport, Finding, Level, ProfileCheck, Status, WaiverState, plural};
use std::fmt::Write;

fn badge(s: Status) -> &'static str {
    match s {
        Status::Pass => "✅ pass",
        Status::Warn => "⚠️ warn",
        Status::Fail => "❌ fail",
        Status::Invalid => "🛑 invalid",
    }
}

pub fn render(r: &CheckReport) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## msgadvisor check\n\n**{}**\n", r.summary.line());
    if !r.waivers_honoured {
        out.push_str("Waivers were ignored (`--no-waivers`).\n\n");
    }
    if !r.profiles.is_empty() {
        out.push_str(
            "| Status | Profile | Decision | Verdict | Recommended |\n|---|---|---|---|---|\n",
        );
        for p in &r.profiles {
            let code = |s: &Option<String>| {
                s.as_deref()
                    .map(|v| format!("`{v}`"))
                    .unwrap_or_else(|| "—".into())
            };
            let verdict = match (p.verdict, p.verdict_without_waivers) {
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
        out.push('\n');
    }
    let detailed: Vec<&ProfileCheck> = r
        .profiles
        .iter()
        .filter(|p| {
            !p.findings.is_empty() || p.waivers.iter().any(|w| w.state == WaiverState::Applied)
        })
        .collect();
    if !detailed.is_empty() {
        out.push_str("### Findings\n\n");
    }
    for p in detailed {
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
            finding(&mut out, f);
        }
        // Rules that only lowered the decision's score explain it; folded to keep comments short.
        let notes: Vec<&Finding> = p.findings.iter().filter(is_note).collect();
        if !notes.is_empty() {
            let _ = writeln!(
                out,
                "\n<details><summary>{} that lowered the decision's score</summary>\n",
                plural(notes.len(), "rule", "rules")
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
    if !r.skipped.is_empty() {
        let _ = writeln!(
            out,
            "<details><summary>{} skipped (not a profile)</summary>\n\n{}\n</details>\n",
            plural(r.skipped.len(), "YAML file", "YAML files"),
            r.skipped
                .iter()
                .map(|s| format!("- `{s}`"))
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
    if !r.not_read.is_empty() {
        let _ = writeln!(
            out,
            "<details><summary>{} not read (hidden, or a symlink not followed)</summary>\n\n{}\n</details>\n",
            plural(r.not_read.len(), "entry", "entries"),
            r.not_read
                .iter()
                .map(|n| format!("- `{}`: {}", n.path, n.reason.as_str()))
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
    out
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
