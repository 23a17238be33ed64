//! `check --format github`: GitHub Actions workflow commands. One annotation per error, warning
//! and waived finding, most severe first (GitHub shows only the first 10 errors and 10 warnings of a step), then the
//! summary line. The full list goes to the job summary ([`step_summary`]).
//!
//! Escaping follows actions/toolkit: in messages `%` `\r` `\n`; in properties also `:` and `,`.

use crate::check::{CheckReport, Finding, Level, ProfileCheck};

/// GitHub's limit for one step's summary.
const STEP_SUMMARY_LIMIT: usize = 1024 * 1024;

pub fn render(r: &CheckReport) -> String {
    let mut notes: Vec<(u8, &ProfileCheck, &Finding)> = r
        .profiles
        .iter()
        .flat_map(|p| p.findings.iter().map(move |f| (rank(f), p, f)))
        // Unwaived notes (rules that only lowered the score) ride along in their profile's
        // annotations rather than spending GitHub's per-step annotation budget.
        .filter(|(_, _, f)| f.level > Level::Note || f.waived.is_some())
        .collect();
    notes.sort_by(|a, b| {
        (a.0, &a.1.file, a.2.line, a.2.column).cmp(&(b.0, &b.1.file, b.2.line, b.2.column))
    });
    let mut out = String::new();
    for (_, p, f) in notes {
        out.push_str(&annotation(p, f));
        out.push('\n');
    }
    if !r.waivers_honoured {
        out.push_str("Waivers were ignored (--no-waivers).\n");
    }
    out.push_str(&r.summary.line());
    out.push('\n');
    out
}

/// 0 for errors, 1 for warnings, 2 for notices (notes and waived findings).
fn rank(f: &Finding) -> u8 {
    match (f.waived.is_some(), f.level) {
        (false, Level::Error) => 0,
        (false, Level::Warning) => 1,
        _ => 2,
    }
}

fn annotation(p: &ProfileCheck, f: &Finding) -> String {
    let command = match rank(f) {
        0 => "error",
        1 => "warning",
        _ => "notice",
    };
    let mut props = vec![format!("file={}", property(&p.file))];
    if f.line > 0 {
        props.push(format!("line={}", f.line));
        props.push(format!("col={}", f.column));
    }
    let title = match &f.waived {
        Some(_) => format!("msgadvisor: waived {}", f.rule),
        None => format!("msgadvisor: {}", f.rule),
    };
    props.push(format!("title={}", property(&title)));

    let mut lines = Vec::new();
    if let Some(name) = &p.name {
        lines.push(format!("{name}: {}", p.message));
    }
    let effect = f.effect_suffix();
    lines.push(format!("{}{effect}: {}", f.rule, f.message));
    if let Some(w) = &f.waived {
        let until = w
            .expires
            .as_deref()
            .map(|d| format!(" (until {d})"))
            .unwrap_or_default();
        lines.push(format!("Waived: {}{until}", w.reason));
    }
    if let Some(s) = &f.source {
        lines.push(format!("Source: {s}"));
    }
    if f.waived.is_none() {
        let notes: Vec<String> = p
            .findings
            .iter()
            .filter(|n| n.level == Level::Note && n.waived.is_none())
            .map(|n| match &n.effect {
                Some(e) => format!("{} ({e})", n.rule),
                None => n.rule.clone(),
            })
            .collect();
        if !notes.is_empty() {
            lines.push(format!("Also counting against it: {}", notes.join(", ")));
        }
    }
    format!(
        "::{command} {}::{}",
        props.join(","),
        message(&lines.join("\n"))
    )
}

/// Escapes workflow-command message data.
pub fn message(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow-command property value.
pub fn property(s: &str) -> String {
    message(s).replace(':', "%3A").replace(',', "%2C")
}

/// The Markdown appended to `$GITHUB_STEP_SUMMARY`: the PR-comment Markdown, cut at a line
/// boundary to stay under GitHub's 1 MiB per step.
pub fn step_summary(r: &CheckReport) -> String {
    let mut md = super::check_markdown::render(r);
    let note = "\n_… cut to fit GitHub's 1 MiB job summary; run `msgadvisor check --format markdown` for the full list._\n";
    if md.len() > STEP_SUMMARY_LIMIT {
        let mut cut = STEP_SUMMARY_LIMIT - note.len();
        while !md.is_char_boundary(cut) {
            cut -= 1;
        }
        let cut = md[..cut].rfind('\n').map_or(0, |i| i + 1);
        md.truncate(cut);
        md.push_str(note);
    }
    md
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_actions_toolkit_does() {
        assert_eq!(message("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
