//! Markdown: the same report for a pull request or a wiki page.

use crate::report::Report;
use crate::untrusted::Shown;
use std::fmt::Write;

/// Escapes text for a Markdown table cell.
pub fn cell(s: &str) -> String {
    crate::untrusted::escape(&s.replace('\n', " ")).replace('|', "\\|")
}

pub fn render(r: &Report) -> String {
    let mut out = String::new();
    // Findings (what no pick can give) lead "Needs attention", right under the pick.
    let _ = writeln!(out, "# {}: {}\n", Shown(&r.profile), Shown(&r.pick().name));
    let _ = writeln!(out, "{}\n", Shown(&r.summary));
    if !r.patterns.is_empty() {
        let _ = writeln!(
            out,
            "**Patterns:** {}\n",
            r.patterns
                .iter()
                .map(|p| format!("`{p}`"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }

    if !r.rule_packs.is_empty() {
        let packs: Vec<String> = r.rule_packs.iter().map(|p| format!("`{p}`")).collect();
        let _ = writeln!(out, "**Rule packs:** {}\n", packs.join(", "));
    }
    if let Some(l) = crate::engine::PackOverride::line(&r.pack_overrides) {
        let _ = writeln!(out, "**{}**\n", Shown(&l));
    }
    if !r.what_if.is_empty() {
        let sets = crate::whatif::flags(&r.what_if, true);
        let _ = writeln!(out, "**What-if (not in the file):** {sets}\n");
    }
    if let Some(l) = crate::waiver::line(&r.waivers) {
        let _ = writeln!(out, "**Waivers:** {}\n", Shown(&l));
    }
    let attention = r.attention(true);
    if !attention.is_empty() {
        out.push_str("## Needs attention\n\n");
        for a in &attention {
            let _ = writeln!(out, "- {}", Shown(a));
        }
        out.push('\n');
    }

    out.push_str("## Ranking\n\n| # | Candidate | Score | Verdict |\n|---:|---|---:|---|\n");
    for (i, c) in r.candidates.iter().enumerate() {
        let _ = writeln!(
            out,
            "| {} | {} (`{}`) | {} | {} |",
            i + 1,
            cell(&c.name),
            c.id,
            if c.score_counts() {
                c.score.to_string()
            } else {
                format!("({})", c.score)
            },
            c.standing.as_str()
        );
    }
    if let Some(l) = super::table::legend(r) {
        let _ = writeln!(out, "\n{l}\n");
    } else {
        out.push('\n');
    }

    out.push_str("## Reasons\n");
    for c in &r.candidates {
        let _ = writeln!(out, "\n### {} — {}\n", Shown(&c.name), c.standing.as_str());
        if c.reasons.is_empty() {
            out.push_str("No rule changed its score.\n");
        }
        for x in &c.reasons {
            let _ = writeln!(
                out,
                "- **{}** {} (`{}`; source: {})",
                x.effect,
                Shown(&x.message),
                Shown(&x.rule),
                Shown(&x.source)
            );
        }
    }

    let _ = writeln!(out, "\n## {}\n", super::explain::FLIP_HEADING);
    out.push_str("One field at a time, everything else as in the profile.\n\n");
    for l in super::explain::flip_lines(&r.flip_points, true) {
        let _ = writeln!(out, "- {l}");
    }

    out.push_str("\n## Derived from the profile\n\n");
    out.push_str(&derived_table(&r.derived, None));
    out.push_str(&super::guidance::markdown(r, Some(r.warned_in_attention())));
    out.push_str(&super::cost::markdown(r));
    out
}

/// The derived quantities as a Markdown table (now and after growth); with the profile's peak
/// rate first when given. Shared by `recommend --format markdown` and the decision record.
pub fn derived_table(d: &crate::profile::Derived, peak_per_sec: Option<f64>) -> String {
    use super::{bytes, num, thousands};
    let mut rows: Vec<(&str, String, String)> = Vec::new();
    if let Some(peak) = peak_per_sec {
        rows.push((
            "Messages per second at peak",
            num(peak),
            num(d.peak_per_sec_grown),
        ));
    }
    rows.push((
        "Bytes per second at peak",
        bytes(d.peak_bytes_per_sec),
        bytes(d.peak_bytes_per_sec_grown),
    ));
    rows.push((
        "Consumers per group needed at peak",
        num(d.consumers_needed),
        num(d.consumers_needed_grown),
    ));
    rows.push((
        "Messages per day",
        thousands(d.messages_per_day),
        thousands(d.messages_per_day_grown),
    ));
    if d.retention_seconds > 0.0 {
        rows.push((
            "Replay window, one copy",
            bytes(d.retained_bytes),
            bytes(d.retained_bytes_grown),
        ));
        rows.push((
            "Replay window in a Redis stream (RAM)",
            bytes(d.redis_stream_bytes),
            bytes(d.redis_stream_bytes_grown),
        ));
    }
    let mut out = String::from("| Quantity | Now | After growth |\n|---|---:|---:|\n");
    for (label, now, grown) in rows {
        let _ = writeln!(out, "| {label} | {now} | {grown} |");
    }
    out
}

/// Cuts `md` to at most `limit` bytes at a line boundary, ending with `note` (what was left out
/// and where to see it all); text that fits is left alone. GitHub refuses a comment or job
/// summary over its limit outright, so a cut one is better than none.
pub fn cut_at_line(md: &mut String, limit: usize, note: &str) {
    if md.len() <= limit {
        return;
    }
    let mut cut = limit.saturating_sub(note.len());
    while !md.is_char_boundary(cut) {
        cut -= 1;
    }
    let cut = md[..cut].rfind('\n').map_or(0, |i| i + 1);
    md.truncate(cut);
    md.push_str(note);
}
