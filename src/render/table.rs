//! The terminal view: the pick and why, a compact ranking table, then every candidate's reasons,
//! warnings and the numbers the rules used.

use crate::report::{Report, Verdict};
use crate::untrusted::{Shown, escape};
use comfy_table::{Cell, Color, ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use std::fmt::Write;

/// Width the table wraps at. Fixed, so piped output and snapshots are the same everywhere.
pub(crate) const WIDTH: u16 = 100;

pub fn render(r: &Report, color: bool) -> String {
    let mut out = String::new();
    // Findings come first: they say what no pick can give.
    for f in &r.findings {
        let _ = writeln!(out, "FINDING: {}", Shown(&f.message));
    }
    let winner = r
        .candidate(&r.recommended)
        .map_or(r.recommended.as_str(), |c| c.name.as_str());
    let _ = writeln!(out, "{}: {}", Shown(&r.profile), Shown(winner));
    let _ = writeln!(out, "{}", Shown(&r.summary));
    if !r.patterns.is_empty() {
        let _ = writeln!(out, "Patterns: {}", r.patterns.join(", "));
    }
    if !r.rule_packs.is_empty() {
        let _ = writeln!(out, "Rule packs: {}", Shown(&r.rule_packs.join(", ")));
    }
    if !r.what_if.is_empty() {
        let sets: Vec<String> = r
            .what_if
            .iter()
            .map(|s| format!("--set {}", s.flag()))
            .collect();
        let _ = writeln!(out, "What-if (not in the file): {}", Shown(&sets.join(" ")));
    }
    out.push('\n');

    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(WIDTH)
        .set_header(vec!["#", "candidate", "score", "verdict", "why"]);
    if color {
        t.enforce_styling();
    } else {
        t.force_no_tty();
    }
    for (i, c) in r.candidates.iter().enumerate() {
        // The winner's strongest reason for it; for the others, why they are not the pick.
        let key = if c.verdict == Verdict::Recommended {
            c.reasons
                .iter()
                .find(|x| x.is_for())
                .map(|x| format!("{} {}", x.effect, x.message))
                .unwrap_or_default()
        } else {
            c.verdict_reason.clone()
        };
        let mut verdict = Cell::new(c.verdict.as_str());
        if color {
            verdict = verdict.fg(match c.verdict {
                Verdict::Recommended => Color::Green,
                Verdict::Viable => Color::Cyan,
                Verdict::Discouraged => Color::Yellow,
                Verdict::Excluded => Color::Red,
            });
        }
        t.add_row(vec![
            Cell::new(i + 1),
            Cell::new(escape(&c.name)),
            Cell::new(c.score),
            verdict,
            Cell::new(escape(&key)),
        ]);
    }
    let _ = writeln!(out, "{t}");
    let _ = writeln!(
        out,
        "Viable: within {} points of the top score and not discouraged by a rule.",
        r.viable_margin
    );

    out.push_str("\nReasons (score change, finding, rule id):\n");
    for c in &r.candidates {
        let _ = writeln!(
            out,
            "  {} ({}, {}):",
            Shown(&c.name),
            c.verdict.as_str(),
            c.score
        );
        if c.reasons.is_empty() {
            out.push_str("    no rule changed its score\n");
        }
        for x in &c.reasons {
            let _ = writeln!(
                out,
                "    {:>10}  {} [{}]",
                x.effect,
                Shown(&x.message),
                Shown(&x.rule)
            );
        }
    }

    if !r.warnings.is_empty() {
        out.push_str("\nWarnings:\n");
        for w in &r.warnings {
            match &w.rule {
                Some(rule) => {
                    let _ = writeln!(out, "  ! {} [{}]", Shown(&w.message), Shown(rule));
                }
                None => {
                    let _ = writeln!(out, "  ! {}", Shown(&w.message));
                }
            }
        }
    }

    let _ = writeln!(
        out,
        "\n{} (one field at a time):",
        super::explain::FLIP_HEADING
    );
    for l in super::explain::flip_lines(&r.flip_points, false) {
        let _ = writeln!(out, "  {}", Shown(&l));
    }

    let d = &r.derived;
    out.push_str("\nDerived from the profile:\n");
    let _ = writeln!(
        out,
        "  peak {}/s ({}/s after growth); {} consumer(s) per group needed at peak ({} after growth)",
        super::bytes(d.peak_bytes_per_sec),
        super::bytes(d.peak_bytes_per_sec_grown),
        super::num(d.consumers_needed),
        super::num(d.consumers_needed_grown)
    );
    let _ = writeln!(
        out,
        "  {} messages a day ({} after growth)",
        super::thousands(d.messages_per_day),
        super::thousands(d.messages_per_day_grown)
    );
    if d.retention_seconds > 0.0 {
        let _ = writeln!(
            out,
            "  the replay window holds {} per copy ({} after growth); about {} of RAM in a Redis stream",
            super::bytes(d.retained_bytes),
            super::bytes(d.retained_bytes_grown),
            super::bytes(d.redis_stream_bytes)
        );
    }
    out.push_str(&super::guidance::text(r, WIDTH));
    out.push('\n');
    out.push_str(&super::cost::table(r));
    out
}
