//! `diff --format github`: GitHub Actions annotations on the changed lines of each head profile
//! (a warning where something cannot be undone, weakens the check or flips the decision, a notice
//! otherwise; a removed profile's warning has no file), then
//! the summary line. The Markdown comment goes to the job summary (see `commands::diff`).

use super::diff_text::{gate_lines, headline, summary_line, value};
use super::github::{message, property};
use crate::diff::{DiffReport, ProfileDiff, Status};

pub fn render(r: &DiffReport) -> String {
    let mut out = String::new();
    for p in &r.profiles {
        for a in annotations(p) {
            out.push_str(&a);
            out.push('\n');
        }
    }
    for g in gate_lines(r) {
        out.push_str(&g);
        out.push('\n');
    }
    out.push_str(&summary_line(r));
    out.push('\n');
    out
}

fn annotations(p: &ProfileDiff) -> Vec<String> {
    let Some(file) = &p.head_file else {
        // A removed profile has no line to annotate, but the check no longer judges it: a
        // warning without a file, which GitHub shows on the run.
        return p
            .weakens_check
            .iter()
            .map(|w| {
                format!(
                    "::warning title={}::{}",
                    property(&format!("msgadvisor diff: {} weakens the check", p.profile)),
                    message(&format!("{}: {}", p.path, w.message))
                )
            })
            .collect();
    };
    let serious = !p.irreversible.is_empty() || !p.weakens_check.is_empty() || p.decision_flip;
    let command = if serious { "warning" } else { "notice" };
    let mut body = vec![format!("{}: {}", p.profile, headline(p))];
    body.extend(
        p.irreversible
            .iter()
            .map(|i| format!("Cannot be undone: {}", i.message)),
    );

    let title = property(&format!("msgadvisor diff: {}", p.profile));
    let at = |line: u32, col: u32| {
        format!(
            "::{command} file={},line={line},col={col},title={title}::",
            property(file)
        )
    };
    match p.status {
        Status::Unchanged | Status::Removed => Vec::new(),
        Status::Added => vec![format!("{}{}", at(1, 1), message(&body.join("\n")))],
        Status::Changed if p.inputs.is_empty() => {
            vec![format!("{}{}", at(1, 1), message(&body.join("\n")))]
        }
        // One annotation per changed line: several fields on one line share it.
        Status::Changed => {
            let mut lines: Vec<(u32, u32, Vec<String>)> = Vec::new();
            for i in &p.inputs {
                let what = format!(
                    "{}: {} → {}",
                    i.field,
                    value(i.before.as_ref()),
                    value(i.after.as_ref())
                );
                match lines.iter_mut().find(|l| l.0 == i.line) {
                    Some(l) => l.2.push(what),
                    None => lines.push((i.line, i.column, vec![what])),
                }
            }
            lines.sort_by_key(|l| (l.0, l.1));
            lines
                .into_iter()
                .map(|(line, col, what)| {
                    let mut m = what;
                    // Each weakening on the line it is written at (they are all input changes).
                    m.extend(
                        p.weakens_check
                            .iter()
                            .filter(|w| w.line == Some(line))
                            .map(|w| format!("Weakens the check: {}", w.message)),
                    );
                    m.extend(body.iter().cloned());
                    format!("{}{}", at(line, col), message(&m.join("\n")))
                })
                .collect()
        }
    }
}
