//! The full terminal view (`recommend --detail`): what needs attention, the ranking, then every
//! candidate's reasons, the flip points, the numbers the rules used, all guidance and the cost
//! line by line. Also the parts the one-screen view ([`super::screen`]) shares with it.

use crate::report::{Report, Standing};
use crate::untrusted::{Shown, escape};
use comfy_table::{
    Cell, Color, ContentArrangement, LineStyle, Table, TableStyle, presets::UTF8_FULL_CONDENSED,
};
use std::fmt::Write;

pub fn render(r: &Report, color: bool, width: u16) -> String {
    let mut out = String::new();
    let winner = &r.pick().name;
    let _ = writeln!(out, "{}: {}", Shown(&r.profile), Shown(winner));
    let _ = writeln!(out, "{}", Shown(&r.summary));
    if !r.patterns.is_empty() {
        let _ = writeln!(out, "Patterns: {}", r.patterns.join(", "));
    }
    context(&mut out, r, width);
    attention(&mut out, r, width, true);
    out.push('\n');
    out.push_str(&ranking(r, color, width, false));

    out.push_str("\nReasons (score change, finding, rule id):\n");
    for c in &r.candidates {
        let _ = if c.score_counts() {
            writeln!(
                out,
                "  {} ({}, {}):",
                Shown(&c.name),
                c.standing.as_str(),
                c.score
            )
        } else {
            writeln!(
                out,
                "  {} (excluded; its {} points do not count):",
                Shown(&c.name),
                c.score
            )
        };
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
    out.push_str(&super::guidance::text(
        r,
        width,
        Some(r.warned_in_attention()),
    ));
    out.push('\n');
    out.push_str(&super::cost::table(r, width));
    out
}

/// The lines that say what this run was made of: rule packs, `--set` changes, waivers.
pub(crate) fn context(out: &mut String, r: &Report, width: u16) {
    let packs = (!r.rule_packs.is_empty()).then(|| r.rule_packs.join(", "));
    let sets = (!r.what_if.is_empty()).then(|| crate::whatif::flags(&r.what_if, false));
    let lines = [
        packs.map(|p| format!("Rule packs: {p}")),
        crate::engine::PackOverride::line(&r.pack_overrides),
        sets.map(|s| format!("What-if (not in the file): {s}")),
        crate::waiver::line(&r.waivers),
    ];
    for l in lines.into_iter().flatten() {
        super::guidance::wrap(out, &l, width.into(), "", "  ");
    }
}

/// What must be read before the ranking ([`Report::attention`]); nothing when there is none.
/// `cited` in the full view, whose guidance section does not repeat the pick's warnings.
pub(crate) fn attention(out: &mut String, r: &Report, width: u16, cited: bool) {
    let items = r.attention(cited);
    if items.is_empty() {
        return;
    }
    out.push_str("\nNeeds attention:\n");
    for a in &items {
        super::guidance::wrap(out, a, width.into(), "  ! ", "    ");
    }
}

/// The one-screen ranking's style: a line under the header and nothing else, so the columns
/// keep the width for the text.
const COMPACT: TableStyle =
    TableStyle::new().header_separator(LineStyle::none().fill('─').junction(' '));

/// The ranking table with its legend, `width` columns wide; `compact` without borders (the
/// one-screen view). An excluded candidate's score is in brackets: it ranks last whatever its
/// points, which are not compared with the others'.
pub(crate) fn ranking(r: &Report, color: bool, width: u16, compact: bool) -> String {
    let mut out = String::new();
    let mut t = Table::new();
    t.load_style(if compact {
        COMPACT
    } else {
        UTF8_FULL_CONDENSED
    })
    .set_content_arrangement(ContentArrangement::Dynamic)
    .set_width(width)
    // The one screen leaves out the rank (the order shows it) to keep the width for the why.
    .set_header(if compact {
        vec!["candidate", "score", "verdict", "why"]
    } else {
        vec!["#", "candidate", "score", "verdict", "why"]
    });
    if color {
        t.enforce_styling();
    } else {
        t.force_no_tty();
    }
    for (i, c) in r.candidates.iter().enumerate() {
        let mut verdict = Cell::new(c.standing.as_str());
        if color {
            verdict = verdict.fg(match c.standing {
                Standing::Recommended => Color::Green,
                Standing::Viable => Color::Cyan,
                Standing::Behind | Standing::Discouraged => Color::Yellow,
                Standing::Excluded => Color::Red,
            });
        }
        let score = if c.score_counts() {
            c.score.to_string()
        } else {
            format!("({})", c.score)
        };
        let mut row = vec![
            Cell::new(i + 1),
            Cell::new(escape(&c.name)),
            Cell::new(score),
            verdict,
            Cell::new(escape(&c.verdict_reason)),
        ];
        if compact {
            row.remove(0);
        }
        t.add_row(row);
    }
    if compact {
        // No borders: one space each side of a column would only push the text apart.
        for c in t.column_iter_mut() {
            c.set_padding((0, 1));
        }
        for line in t.to_string().lines() {
            let _ = writeln!(out, "{}", line.trim_end());
        }
    } else {
        let _ = writeln!(out, "{t}");
    }
    if let Some(l) = legend(r) {
        super::guidance::wrap(&mut out, &l, width.into(), "", "");
    }
    out
}

/// What the verdict words under a ranking mean, for those it shows besides `recommended`, in
/// ranking order; None when it shows no other.
pub(crate) fn legend(r: &Report) -> Option<String> {
    let mut words: Vec<Standing> = Vec::new();
    for c in r.candidates.iter().skip(1) {
        if !words.contains(&c.standing) {
            words.push(c.standing);
        }
    }
    words.sort_by_key(|w| *w as u8);
    let parts: Vec<String> = words
        .iter()
        .map(|w| format!("{}: {}", w.as_str(), w.meaning(r.viable_margin)))
        .collect();
    (!parts.is_empty()).then(|| format!("{}.", parts.join("; ")))
}
