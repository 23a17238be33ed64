//! `diff --format markdown`: the pull-request comment (also the GitHub job summary). A hidden
//! marker the workflow finds its own comment by, the counts, what cannot be undone, a summary
//! table of the profiles that changed, then every comparison in a collapsed `<details>` section,
//! cut to fit GitHub's comment limit.

use super::diff_text::{
    arrow, change, cost, decision_standing, figure_row, firings, gate_lines, headline, kafka_rows,
    options, summary_line, value, verdict,
};
use super::markdown::cell;
use crate::diff::{Change, DiffReport, ProfileDiff, Status};
use crate::units::count;
use std::fmt::Write;

/// The hidden line the workflow looks for to update its one comment instead of adding another.
pub const MARKER: &str = "<!-- msgadvisor-diff -->";

/// GitHub's limit for an issue or pull-request comment body, in characters. Counting bytes
/// instead keeps a margin for non-ASCII text.
pub const COMMENT_LIMIT: usize = 65_536;

pub fn render(r: &DiffReport) -> String {
    render_within(r, COMMENT_LIMIT)
}

/// The comment, at most `limit` bytes: whole profiles' details are left out from the end, with
/// a note, until it fits.
pub fn render_within(r: &DiffReport, limit: usize) -> String {
    let head = top(r);
    let details: Vec<String> = r
        .profiles
        .iter()
        .filter(|p| p.status != Status::Unchanged)
        .map(detail)
        .collect();
    const OPEN: &str = "<details><summary>Details</summary>\n\n";
    const CLOSE: &str = "</details>\n";
    let note = |left: usize| {
        format!(
            "\n_{} left out to fit GitHub's comment limit; run `msgadvisor diff --format text` for all._\n\n",
            count(left, "more profile", "more profiles")
        )
    };
    let mut out = head;
    if details.is_empty() {
        return out;
    }
    out.push_str(OPEN);
    let mut shown = 0;
    for d in &details {
        let rest = details.len() - shown - 1;
        let tail = if rest > 0 { note(rest).len() } else { 0 } + CLOSE.len();
        if out.len() + d.len() + tail > limit {
            break;
        }
        out.push_str(d);
        shown += 1;
    }
    if shown < details.len() {
        out.push_str(&note(details.len() - shown));
    }
    out.push_str(CLOSE);
    if out.len() > limit {
        // The table alone is too long: cut it at a line boundary.
        let cut_note = "\n_The table was cut and the details left out to fit GitHub's comment limit; run `msgadvisor diff --format text` for all._\n\n";
        super::markdown::cut_at_line(&mut out, limit.saturating_sub(CLOSE.len()), cut_note);
        if out.contains(OPEN) {
            out.push_str(CLOSE);
        }
    }
    out
}

fn top(r: &DiffReport) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{MARKER}\n## msgadvisor diff\n");
    let _ = writeln!(
        out,
        "`{}` → `{}`: **{}**\n",
        r.base,
        r.head,
        summary_line(r)
    );
    for g in gate_lines(r) {
        let _ = writeln!(out, "❌ {}", g.replace("--fail-on ", "`--fail-on` "));
    }
    if r.gates.iter().any(|g| g.fired) {
        out.push('\n');
    }
    let irreversible: Vec<(&ProfileDiff, &crate::diff::Irreversible)> = r
        .profiles
        .iter()
        .flat_map(|p| p.irreversible.iter().map(move |i| (p, i)))
        .collect();
    if !irreversible.is_empty() {
        out.push_str("### ⚠️ Cannot be undone\n\n");
        for (p, i) in irreversible {
            let _ = writeln!(out, "- `{}`: {} _({})_", p.path, i.message, i.source);
        }
        out.push('\n');
    }
    let weakens: Vec<(&ProfileDiff, &crate::diff::Weakening)> = r
        .profiles
        .iter()
        .flat_map(|p| p.weakens_check.iter().map(move |w| (p, w)))
        .collect();
    if !weakens.is_empty() {
        out.push_str(
            "### 🔓 Weakens the check

",
        );
        for (p, w) in weakens {
            let at = w.line.map_or_else(String::new, |l| format!(" (line {l})"));
            let _ = writeln!(out, "- `{}`{at}: {}", p.path, cell(&w.message));
        }
        out.push('\n');
    }
    let listed: Vec<&ProfileDiff> = r
        .profiles
        .iter()
        .filter(|p| p.status != Status::Unchanged)
        .collect();
    if listed.is_empty() {
        out.push_str("No profile changed its decision, sizing or cost.\n");
        return out;
    }
    out.push_str("| Profile | Change | Recommended | Decision | Monthly cost | Cost change |\n|---|---|---|---|---|---|\n");
    for p in listed {
        // An added or removed profile has one side: show it, not an arrow from nothing.
        let one = p.status != Status::Changed;
        let show = |c: &Change<String>| match (one, &c.after, &c.before) {
            (true, Some(v), _) | (true, None, Some(v)) => v.clone(),
            _ => arrow(c, String::clone),
        };
        let decision = match (&p.decision.decision.before, &p.decision.decision.after) {
            (None, None) => "—".to_string(),
            _ if one => format!(
                "`{}` {}{}",
                show(&p.decision.decision),
                p.decision
                    .standing
                    .after
                    .or(p.decision.standing.before)
                    .map_or("—", |v| v.as_str()),
                if (p.decision.passes_only_with_waivers.after)
                    .or(p.decision.passes_only_with_waivers.before)
                    == Some(true)
                {
                    " (passes only with waivers)"
                } else {
                    ""
                }
            ),
            _ => format!(
                "`{}` {}",
                arrow(&p.decision.decision, String::clone),
                decision_standing(&p.decision)
            ),
        };
        let monthly = p.cost.monthly();
        let monthly = match (one, monthly.after.or(monthly.before)) {
            (true, Some(v)) => super::cost::approx_usd(v),
            _ => arrow(&monthly, |v| super::cost::approx_usd(*v)),
        };
        let flag = if !p.irreversible.is_empty() {
            " ⚠️"
        } else if !p.weakens_check.is_empty() {
            " 🔓"
        } else if p.decision_flip {
            " 🔀"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "| `{}` | {}{flag} | {} | {} | {} | {} |",
            cell(&p.path),
            p.status.as_str(),
            cell(&show(&p.recommended)),
            cell(&decision),
            cell(&monthly),
            cell(&change(&p.cost)),
        );
    }
    out.push('\n');
    out
}

fn detail(p: &ProfileDiff) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "#### `{}` ({})\n", p.path, cell(&p.profile));
    let _ = writeln!(out, "{}\n", headline(p));
    if p.status != Status::Changed {
        return out;
    }
    if !p.inputs.is_empty() {
        out.push_str("| Field | Before | After |\n|---|---|---|\n");
        for i in &p.inputs {
            let _ = writeln!(
                out,
                "| `{}` | {} | {} |",
                i.field,
                cell(&value(i.before.as_ref())),
                cell(&value(i.after.as_ref()))
            );
        }
        out.push('\n');
    }
    out.push_str("| Candidate | Verdict | Score |\n|---|---|---|\n");
    for c in &p.candidates {
        let mark = if c.standing.changed() { " 🔀" } else { "" };
        let _ = writeln!(
            out,
            "| {} | {}{mark} | {} |",
            cell(&c.name),
            arrow(&c.standing, verdict),
            arrow(&c.score, |s| s.to_string())
        );
    }
    out.push('\n');
    let mut rows: Vec<(String, String)> = Vec::new();
    if let Some(k) = &p.kafka {
        rows.extend(
            kafka_rows(k)
                .into_iter()
                .map(|(l, v)| (format!("Kafka {l}"), v)),
        );
    }
    rows.extend(p.sizing.iter().map(figure_row));
    if p.cost.before.is_some() || p.cost.after.is_some() {
        rows.push(("Suggested option".into(), options(&p.cost)));
        rows.push(("Monthly cost".into(), cost(&p.cost)));
    }
    if !rows.is_empty() {
        out.push_str("| Sizing and cost | Change |\n|---|---|\n");
        for (l, v) in rows {
            let _ = writeln!(out, "| {} | {} |", cell(&l), cell(&v));
        }
        out.push('\n');
    }
    for (what, rules) in [("started", &p.rules_started), ("stopped", &p.rules_stopped)] {
        if !rules.is_empty() {
            let _ = writeln!(out, "Rules that {what} firing: {}\n", cell(&firings(rules)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::{Change, CostChange, DecisionChange, ProfileDiff};

    fn added(i: usize) -> ProfileDiff {
        ProfileDiff {
            path: format!("services/team-{i:04}/messaging.yaml"),
            profile: format!("service-{i}"),
            status: Status::Added,
            head_file: Some(format!("services/team-{i:04}/messaging.yaml")),
            irreversible: Vec::new(),
            weakens_check: Vec::new(),
            inputs: Vec::new(),
            recommended: Change::new(None, Some("kafka".into())),
            decision_flip: false,
            candidates: Vec::new(),
            decision: DecisionChange {
                decision: Change::new(None, None),
                verdict: Change::new(None, None),
                standing: Change::new(None, None),
                standing_without_waivers: Change::new(None, None),
                check: Change::new(None, Some(crate::check::Status::Pass)),
                passes_only_with_waivers: Change::new(None, None),
                worse: false,
            },
            kafka: None,
            sizing: Vec::new(),
            cost: CostChange {
                before: None,
                after: None,
                change_usd: None,
                change_pct: None,
            },
            rules_started: Vec::new(),
            rules_stopped: Vec::new(),
        }
    }

    #[test]
    fn a_table_longer_than_the_limit_is_cut_at_a_row_with_a_note() {
        let profiles = (0..200).map(added).collect();
        let r = crate::diff::report("a".into(), "b".into(), profiles, &[]);
        let full = render_within(&r, usize::MAX);
        assert!(full.len() > 4000);
        let md = render_within(&r, 4000);
        assert!(md.len() <= 4000, "{}", md.len());
        assert!(md.starts_with(MARKER));
        assert!(
            md.contains("The table was cut and the details left out to fit GitHub's comment limit")
        );
        assert_eq!(
            md.matches("<details>").count(),
            md.matches("</details>").count()
        );
        // Every row that is left is whole.
        let rows = md.lines().filter(|l| l.starts_with("| `services/")).count();
        assert!(rows > 10, "{rows}");
        assert!(
            md.lines()
                .all(|l| !l.starts_with("| `") || l.ends_with(" |"))
        );
    }
}
