//! `explain` as text and as Markdown, laid out from the [`Explanation`] model, plus the flip-point
//! section the report renderers share.

use super::markdown::cell;
use crate::explain::{Explanation, ScoreSheet, show_json};
use crate::flip::FlipPoint;
use crate::report::Standing;
use crate::untrusted::Shown;
use std::collections::BTreeMap;
use std::fmt::Write;

/// The `--set` flag that tries a flip point's threshold.
pub fn set_flag(f: &FlipPoint) -> String {
    // As `--set` takes it: `2400`, `0.15`.
    format!("--set {}={}", f.path, crate::fields::fmt_num(f.threshold))
}

/// The heading of the flip-point section.
pub const FLIP_HEADING: &str = "What would change the pick";

/// Said when no dimension changes the pick within the range searched.
pub const NO_FLIP: &str = "No single numeric field (peak rate, message size, consumer groups, team size, and the replay window when replay is needed) changes the pick between 0.1× and 100× of its value.";

/// The flip-point section as lines (without the heading); `markdown` puts the flag in code.
pub fn flip_lines(points: &[FlipPoint], markdown: bool) -> Vec<String> {
    if points.is_empty() {
        return vec![NO_FLIP.to_string()];
    }
    points
        .iter()
        .map(|f| {
            if markdown {
                format!("{} Try `{}`.", f.sentence, set_flag(f))
            } else {
                format!("{} [{}]", f.sentence, set_flag(f))
            }
        })
        .collect()
}

pub(super) fn saw_line(saw: &BTreeMap<String, serde_json::Value>) -> String {
    if saw.is_empty() {
        return "reads no field".to_string();
    }
    saw.iter()
        .map(|(k, v)| format!("{k} = {}", show_json(v)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn arithmetic(s: &ScoreSheet) -> String {
    let mut line = format!("{} base", s.base);
    for step in &s.steps {
        let sign = if step.delta < 0 { '-' } else { '+' };
        let _ = write!(line, " {sign} {} {}", step.delta.abs(), step.rule);
    }
    let _ = write!(line, " = {}", s.total);
    line
}

/// The verdict and what caused it: the rules, or the margin.
fn standing(s: &ScoreSheet) -> String {
    if !s.excluded_by.is_empty() {
        format!("excluded by {}", s.excluded_by.join(", "))
    } else if !s.discouraged_by.is_empty() && s.standing == Standing::Discouraged {
        format!("discouraged by {}", s.discouraged_by.join(", "))
    } else if !s.discouraged_by.is_empty() {
        format!(
            "{}, although discouraged by {}",
            s.standing.as_str(),
            s.discouraged_by.join(", ")
        )
    } else if s.standing == Standing::Recommended {
        s.standing.as_str().to_string()
    } else {
        format!("{}: {}", s.standing.as_str(), s.verdict_reason)
    }
}

pub fn text(e: &Explanation) -> String {
    let mut out = String::new();
    let winner = name_of(e, &e.recommended);
    let _ = writeln!(
        out,
        "{}: {} (how the rules decided)\n",
        Shown(&e.profile),
        Shown(winner)
    );
    let _ = writeln!(out, "Profile: {}", Shown(&e.file));
    let _ = writeln!(out, "Rules: {}", Shown(&e.rule_packs.describe()));
    if !e.what_if.is_empty() {
        let sets = crate::whatif::flags(&e.what_if, false);
        let _ = writeln!(out, "What-if (not in the file): {}", Shown(&sets));
    }
    if let Some(l) = crate::waiver::line(&e.waivers) {
        let _ = writeln!(out, "{}", Shown(&l));
    }
    for f in &e.findings {
        let _ = writeln!(out, "! {}", Shown(&f.message));
    }

    out.push_str("\nDerived values (conditions read them as derived.*):\n");
    let width = e.derived.iter().map(|d| d.name.len()).max().unwrap_or(0);
    for d in &e.derived {
        let _ = writeln!(
            out,
            "  {:width$}  {:>14}  {}",
            d.name,
            Shown(&d.shown),
            Shown(&d.meaning)
        );
    }

    let fired = e.rules.iter().filter(|r| r.fired).count();
    let _ = writeln!(
        out,
        "\nRules in evaluation order ({fired} of {} fired):",
        e.rules.len()
    );
    for r in &e.rules {
        let mark = if r.fired { "fired" } else { "-" };
        let changed = r
            .changed
            .as_ref()
            .map(|c| format!(" ({c})"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {mark:5}  {}: {}{}{}",
            Shown(&r.id),
            Shown(&r.effect_summary),
            Shown(&changed),
            if r.waived { " (waived: no effect)" } else { "" }
        );
        let _ = writeln!(out, "         saw {}", Shown(&saw_line(&r.saw)));
    }

    out.push_str("\nScore arithmetic (base + each change = total), best first:\n");
    for s in &e.scores {
        let _ = writeln!(out, "  {} ({}):", Shown(&s.name), Shown(&standing(s)));
        let _ = writeln!(out, "    {:>6}  base", s.base);
        for step in &s.steps {
            let _ = writeln!(out, "    {:>+6}  {}", step.delta, Shown(&step.rule));
        }
        let _ = writeln!(out, "  = {:>6}", s.total);
    }

    let _ = writeln!(out, "\nWhy {}:", Shown(winner));
    for s in &e.decision.sentences {
        let _ = writeln!(out, "  {}", Shown(s));
    }

    let _ = writeln!(out, "\n{FLIP_HEADING} (one field at a time):");
    for l in flip_lines(&e.flip_points, false) {
        let _ = writeln!(out, "  {}", Shown(&l));
    }
    out
}

pub fn markdown(e: &Explanation) -> String {
    let mut out = String::new();
    let winner = name_of(e, &e.recommended);
    let _ = writeln!(
        out,
        "# {}: {} — how the rules decided\n",
        Shown(&e.profile),
        Shown(winner)
    );
    let _ = writeln!(out, "- Profile: `{}`", Shown(&e.file));
    let _ = writeln!(out, "- Rules: {}", Shown(&e.rule_packs.describe()));
    if !e.what_if.is_empty() {
        let sets = crate::whatif::flags(&e.what_if, true);
        let _ = writeln!(out, "- What-if (not in the file): {sets}");
    }
    if let Some(l) = crate::waiver::line(&e.waivers) {
        let _ = writeln!(out, "- {}", Shown(&l));
    }
    for f in &e.findings {
        let _ = writeln!(out, "- **Finding:** {}", Shown(&f.message));
    }

    let _ = writeln!(out, "\n## Why {}\n", Shown(winner));
    for s in &e.decision.sentences {
        let _ = writeln!(out, "{}", Shown(s));
    }

    let _ = writeln!(out, "\n## {FLIP_HEADING}\n");
    for l in flip_lines(&e.flip_points, true) {
        let _ = writeln!(out, "- {l}");
    }

    out.push_str("\n## Score arithmetic\n\n| Candidate | Verdict | Base + changes = total |\n|---|---|---|\n");
    for s in &e.scores {
        let _ = writeln!(
            out,
            "| {} (`{}`) | {} | {} |",
            cell(&s.name),
            s.id,
            cell(&standing(s)),
            cell(&arithmetic(s))
        );
    }

    out.push_str("\n## Derived values\n\n| Name | Value | Meaning |\n|---|---:|---|\n");
    for d in &e.derived {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} |",
            d.name,
            cell(&d.shown),
            cell(&d.meaning)
        );
    }

    let fired = e.rules.iter().filter(|r| r.fired).count();
    let _ = writeln!(
        out,
        "\n## Rules in evaluation order\n\n{fired} of {} rules fired.\n",
        e.rules.len()
    );
    out.push_str("| # | Rule | Fired | Effect | Saw |\n|---:|---|---|---|---|\n");
    for (i, r) in e.rules.iter().enumerate() {
        let changed = r
            .changed
            .as_ref()
            .map(|c| format!(" ({c})"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "| {} | `{}`{} | {} | {} | {} |",
            i + 1,
            r.id,
            cell(&changed),
            match (r.fired, r.waived) {
                (true, true) => "yes, waived",
                (true, false) => "yes",
                _ => "no",
            },
            cell(&r.effect_summary),
            cell(&saw_line(&r.saw))
        );
    }
    out
}

fn name_of<'a>(e: &'a Explanation, id: &'a str) -> &'a str {
    e.scores
        .iter()
        .find(|s| s.id == id)
        .map_or(id, |s| s.name.as_str())
}
