//! Markdown: the same report for a pull request or a wiki page.

use crate::report::Report;
use std::fmt::Write;

/// Escapes text for a Markdown table cell.
pub fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

pub fn render(r: &Report) -> String {
    let mut out = String::new();
    let winner = r
        .candidate(&r.recommended)
        .map_or(r.recommended.as_str(), |c| c.name.as_str());
    let _ = writeln!(out, "# {}: {}\n", r.profile, winner);
    let _ = writeln!(out, "{}\n", r.summary);
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
    if !r.what_if.is_empty() {
        let sets: Vec<String> = r
            .what_if
            .iter()
            .map(|s| format!("`--set {}`", s.flag()))
            .collect();
        let _ = writeln!(out, "**What-if (not in the file):** {}\n", sets.join(", "));
    }

    out.push_str("## Ranking\n\n| # | Candidate | Score | Verdict |\n|---:|---|---:|---|\n");
    for (i, c) in r.candidates.iter().enumerate() {
        let _ = writeln!(
            out,
            "| {} | {} (`{}`) | {} | {} |",
            i + 1,
            cell(&c.name),
            c.id,
            c.score,
            c.verdict.as_str()
        );
    }
    let _ = writeln!(
        out,
        "\nViable: within {} points of the top score and not discouraged by a rule.\n",
        r.viable_margin
    );

    out.push_str("## Reasons\n");
    for c in &r.candidates {
        let _ = writeln!(out, "\n### {} — {}\n", c.name, c.verdict.as_str());
        if c.reasons.is_empty() {
            out.push_str("No rule changed its score.\n");
        }
        for x in &c.reasons {
            let _ = writeln!(
                out,
                "- **{}** {} (`{}`; source: {})",
                x.effect, x.message, x.rule, x.source
            );
        }
    }

    if !r.warnings.is_empty() {
        out.push_str("\n## Warnings\n\n");
        for w in &r.warnings {
            match &w.rule {
                Some(rule) => {
                    let _ = writeln!(out, "- {} (`{}`)", w.message, rule);
                }
                None => {
                    let _ = writeln!(out, "- {}", w.message);
                }
            }
        }
    }

    let _ = writeln!(out, "\n## {}\n", super::explain::FLIP_HEADING);
    out.push_str("One field at a time, everything else as in the profile.\n\n");
    for l in super::explain::flip_lines(&r.flip_points, true) {
        let _ = writeln!(out, "- {l}");
    }

    let d = &r.derived;
    out.push_str(
        "\n## Derived from the profile\n\n| Quantity | Now | After growth |\n|---|---:|---:|\n",
    );
    let _ = writeln!(
        out,
        "| Bytes per second at peak | {} | {} |",
        super::bytes(d.peak_bytes_per_sec),
        super::bytes(d.peak_bytes_per_sec_grown)
    );
    let _ = writeln!(
        out,
        "| Consumers per group needed at peak | {} | {} |",
        super::num(d.consumers_needed),
        super::num(d.consumers_needed_grown)
    );
    let _ = writeln!(
        out,
        "| Messages per day | {} | {} |",
        super::thousands(d.messages_per_day),
        super::thousands(d.messages_per_day_grown)
    );
    if d.retention_seconds > 0.0 {
        let _ = writeln!(
            out,
            "| Replay window, one copy | {} | {} |",
            super::bytes(d.retained_bytes),
            super::bytes(d.retained_bytes_grown)
        );
        let _ = writeln!(
            out,
            "| Replay window in a Redis stream (RAM) | {} | {} |",
            super::bytes(d.redis_stream_bytes),
            super::bytes(d.redis_stream_bytes_grown)
        );
    }
    out.push_str(&super::guidance::markdown(r));
    out.push_str(&super::cost::markdown(r));
    out
}
