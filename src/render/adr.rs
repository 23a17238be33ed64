//! The architecture decision record: MADR 4 sections rendered from the report (and the profile's
//! own numbers for the context), with Mermaid diagrams a review tool draws.

use super::cost::approx_usd;
use super::markdown::cell;
use super::{bytes, num, thousands};
use crate::cost::Capacity;
use crate::profile::{Ordering, Profile};
use crate::references::References;
use crate::report::{CandidateReport, Reason, Report, Verdict};
use crate::tradeoffs::Tradeoffs;
use crate::untrusted::Shown;
use std::fmt::Write;

/// What the record needs besides the report.
pub struct AdrInput<'a> {
    pub report: &'a Report,
    pub profile: &'a Profile,
    /// One-line summaries of the candidates, by id.
    pub summaries: &'a [(String, String)],
    /// `YYYY-MM-DD`.
    pub date: String,
    /// The path to show in the Confirmation's `check` command.
    pub profile_path: String,
    /// Each system's own strengths and weaknesses, listed for every option.
    pub tradeoffs: &'a Tradeoffs,
    /// The public documents behind the short source names, for References.
    pub references: &'a References,
}

/// The record's title, e.g. "Use Apache Kafka for order-events": the team's declared decision
/// when the profile has one, since that is what the record records.
pub fn title(r: &Report) -> String {
    format!("Use {} for {}", Shown(&chosen(r).name), Shown(&r.profile))
}

/// The option the record records: the profile's `decision` when it names a ranked candidate,
/// else the recommendation.
fn chosen(r: &Report) -> &CandidateReport {
    r.decision
        .as_deref()
        .and_then(|d| r.candidate(d))
        .unwrap_or_else(|| r.pick())
}

/// The first three reasons for `c`, as clauses of a "because" sentence.
fn pros(c: &CandidateReport) -> Vec<String> {
    c.reasons
        .iter()
        .filter(|x| x.is_for())
        .take(3)
        .map(|x| lower_first(&x.message))
        .collect()
}

pub fn render(a: &AdrInput) -> String {
    let (r, p) = (a.report, a.profile);
    let w = chosen(r);
    let rec = r.pick();
    let mut out = String::new();
    // The reference names used so far, for References at the end.
    let mut used: Vec<String> = Vec::new();
    let _ = writeln!(out, "---\nstatus: proposed\ndate: {}\n---\n", a.date);
    let _ = writeln!(out, "# {}\n", title(r));
    // Findings come first: they say what no pick can give.
    for f in &r.findings {
        let _ = writeln!(
            out,
            "> **Finding:** {}
",
            Shown(&f.message)
        );
    }
    if w.id != rec.id {
        // The team decided against the rules: said before anything else, in one paragraph.
        let _ = writeln!(
            out,
            "{}
",
            disagreement(w, rec)
        );
    }

    out.push_str("## Context and Problem Statement\n\n");
    let _ = writeln!(out, "{}\n", context(p));
    let _ = writeln!(
        out,
        "Which messaging system should `{}` use, and how should it be run?\n",
        Shown(&p.name)
    );
    if !r.what_if.is_empty() {
        // A what-if is not in the profile file: the record must not pass for the file's.
        let set: Vec<String> = r
            .what_if
            .iter()
            .map(|w| format!("`--set {}={}`", Shown(&w.path), Shown(&w.value.to_string())))
            .collect();
        let _ = writeln!(
            out,
            "> **A what-if, not the profile as written:** this record was made with {}, which the profile file does not say.\n",
            set.join(", ")
        );
    }

    // So are the rules a pack turned off or changed: the decision was judged without them.
    if let Some(line) = crate::engine::PackOverride::line(&r.pack_overrides) {
        let _ = writeln!(out, "{}\n", Shown(&line));
    }

    // The waivers the decision stands on are part of the decision: a reviewer signs them too.
    if let Some(line) = crate::waiver::line(&r.waivers) {
        let _ = writeln!(out, "{}\n", Shown(&line));
    }

    // Problems in the profile itself (rule findings are listed with the options they concern).
    let input: Vec<&str> = r
        .warnings
        .iter()
        .filter(|x| x.rule.is_none())
        .map(|x| x.message.as_str())
        .collect();
    if !input.is_empty() {
        out.push_str("Warnings about the profile as written:\n\n");
        for m in input {
            let _ = writeln!(out, "* {}", Shown(m));
        }
        out.push('\n');
    }

    out.push_str("## Decision Drivers\n\n");
    let mut drivers: Vec<String> = Vec::new();
    let mut driver_rules: Vec<&str> = Vec::new();
    for c in &r.candidates {
        for reason in &c.reasons {
            // A rule that discourages an option a knock-out already removed decided nothing
            // (and its option has no row in the cost table to show what it cites): it stays
            // among that option's cons.
            let decisive = ((c.id == w.id || c.id == rec.id) && reason.is_for())
                || reason.effect == "exclude"
                || (reason.effect == "discourage" && c.verdict != Verdict::Excluded);
            if decisive
                && !drivers
                    .iter()
                    .any(|d| d.contains(&format!("`{}`", reason.rule)))
            {
                drivers.push(format!("{} (`{}`)", reason.message, reason.rule));
                driver_rules.push(&reason.rule);
            }
        }
    }
    for d in &drivers {
        let _ = writeln!(out, "* {d}");
    }
    out.push('\n');

    out.push_str("## Considered Options\n\n");
    for c in &r.candidates {
        let _ = writeln!(out, "* {}", c.name);
    }
    out.push('\n');

    out.push_str("## Decision Outcome\n\n");
    let because = pros(w);
    let _ = writeln!(
        out,
        "Chosen option: \"{}\", because {}.\n",
        w.name,
        if w.id != rec.id {
            format!(
                "the team chose it (the profile's `decision`), against the rules' recommendation of {} (the note at the top)",
                rec.name
            )
        } else if because.is_empty() {
            "it is the best of the options left after the knock-out criteria".to_string()
        } else {
            because.join("; ")
        }
    );
    if w.id != rec.id {
        // Said in the note above.
    } else if let Some(second) = r
        .candidates
        .iter()
        .find(|c| c.id != w.id && c.verdict != Verdict::Excluded)
    {
        let _ = writeln!(
            out,
            "It scored {} against {} for the runner-up, {} ({}); candidates within {} points are viable.\n",
            w.score,
            second.score,
            second.name,
            second.standing.as_str(),
            r.viable_margin
        );
    }
    // The design's cost names its patterns; without a cost, say them here.
    if !r.patterns.is_empty() && r.design_cost.is_none() {
        let _ = writeln!(
            out,
            "Together with the pattern{}: {}.\n",
            if r.patterns.len() > 1 { "s" } else { "" },
            r.patterns
                .iter()
                .map(|p| format!("`{p}`"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    if let Some(d) = &r.design_cost {
        let _ = writeln!(out, "{}\n", design_cost(r, d));
    }
    out.push_str("### Consequences\n\n");
    // The chosen option's own strengths and weaknesses and what the rules found about it, then
    // those of each pattern it is used with: each line about that option, with its source.
    for line in consequences(a, w, None, &driver_rules, Own::List, &mut used) {
        let _ = writeln!(out, "{line}");
    }
    let patterns = r.patterns.iter().filter(|p| **p != w.id);
    for c in patterns.filter_map(|p| r.candidate(p)) {
        for line in consequences(a, c, Some(&c.name), &[], Own::List, &mut used) {
            let _ = writeln!(out, "{line}");
        }
    }
    out.push_str("\n### Confirmation\n\n");
    let when = if w.verdict == Verdict::Excluded {
        // Recorded against a knock-out rule: the gate this record proposes fails today.
        let rules: Vec<String> = w
            .reasons
            .iter()
            .filter(|x| x.effect == "exclude")
            .map(|x| format!("`{}`", x.rule))
            .collect();
        format!(
            "The check fails now: `{}` is excluded here ({}). Keeping the decision takes a waiver in the profile (`waivers:` with the rule, a reason and an expiry date) that a reviewer accepts.",
            w.id,
            rules.join(", ")
        )
    } else {
        format!(
            "The check fails when a change to the profile makes `{}` an excluded option.",
            w.id
        )
    };
    let _ = writeln!(
        out,
        "The profile records `decision: {}`, and CI keeps the decision true as the workload changes:\n\n```sh\nmsgadvisor check {}\n```\n\n{when}\n",
        w.id,
        Shown(&a.profile_path),
    );

    out.push_str("## Pros and Cons of the Options\n");
    for c in &r.candidates {
        let _ = writeln!(out, "\n### {}\n", c.name);
        // What it is and how the rules judged it, in one paragraph.
        let summary = a
            .summaries
            .iter()
            .find(|(id, _)| *id == c.id)
            .map_or(String::new(), |(_, s)| {
                format!("{}. ", s.trim_end_matches('.'))
            });
        // A verdict decided by one rule names it: the reason is the list's next lines.
        let decided_by = c
            .reasons
            .iter()
            .find(|x| c.verdict_reason.ends_with(&format!("[{}]", x.rule)))
            .filter(|_| c.id != w.id);
        let why = match decided_by {
            Some(x) => format!(", by `{}` below", x.rule),
            None => format!(": {}", lower_first(&c.verdict_reason)),
        };
        let _ = writeln!(
            out,
            "{summary}Verdict: **{}** (score {}){why}.\n",
            c.standing.as_str(),
            c.score,
        );
        if c.id == w.id {
            // The chosen option's pros and cons are its Consequences: said once, above.
            out.push_str("Its pros and cons are the Consequences above.\n");
            continue;
        }
        // A pattern of the chosen design has its own strengths and weaknesses in the
        // Consequences already: here only what the rules found about it as an option.
        let pattern = r.patterns.contains(&c.id);
        let own = if pattern { Own::Leave } else { Own::List };
        for line in consequences(a, c, None, &[], own, &mut used) {
            let _ = writeln!(out, "{line}");
        }
        if pattern {
            let _ = writeln!(
                out,
                "\nIts own strengths and weaknesses, as the pattern {} is published through, are in the Consequences above.",
                w.name
            );
        }
        if c.reasons.is_empty() {
            out.push_str("* Neutral, because no rule for this workload changed its score\n");
        }
    }

    out.push_str("\n## More Information\n\n");
    out.push_str("### How it flows\n\n");
    let _ = writeln!(out, "```mermaid\n{}```\n", flow(r, p));

    out.push_str("### The workload in numbers\n\n");
    out.push_str(&super::markdown::derived_table(
        &r.derived,
        Some(p.throughput.peak_per_sec),
    ));
    out.push('\n');
    // How to run it: the same guidance as `recommend`, one heading level down so it sits under
    // More Information.
    // The record has no "Needs attention": each system's warnings head its own section.
    let guidance = super::guidance::markdown(r, None);
    if !guidance.is_empty() {
        out.push_str(&cite_footnotes(
            a.references,
            &demote_headings(guidance.trim_start()),
            &mut used,
        ));
        out.push('\n');
    }
    out.push_str(
        &a.references
            .cite(&super::cost::decision_record(r), &mut used),
    );
    if let Some(curve) = &r.cost_curve {
        out.push_str(&cost_chart(r, curve, p));
    }

    out.push_str("### Sources\n\nThe rules named above, and where each comes from:\n\n| Rule | Source |\n|---|---|\n");
    let mut seen: Vec<&str> = Vec::new();
    for c in &r.candidates {
        for x in &c.reasons {
            if !seen.contains(&x.rule.as_str()) {
                seen.push(&x.rule);
                let source = a.references.cite(&x.source, &mut used);
                let _ = writeln!(out, "| `{}` | {} |", x.rule, cell(&source));
            }
        }
    }
    if !used.is_empty() {
        out.push_str(
            "\n### References\n\nThe documents behind the sources named in words above:\n\n",
        );
        for name in &used {
            let _ = writeln!(out, "* {}", cell(name));
            for d in a.references.documents(name) {
                let url = d
                    .url
                    .as_ref()
                    .map_or_else(String::new, |u| format!(": <{u}>"));
                let _ = writeln!(out, "  * {}{url}", cell(&d.title));
            }
        }
    }
    out.push_str("\n### Assumptions and when to revisit\n\n");
    // The figures themselves are in the Context; said once.
    out.push_str("* The workload's figures are the profile's, as the Context says them. Revisit when any of them changes materially, and re-run `msgadvisor report` on the updated profile.\n");
    out.push_str("* Rule weights and thresholds marked as msgadvisor policy are assumptions, not measurements; a team can override them in a rule pack (`--rules DIR`).\n");
    for f in &r.flip_points {
        let _ = writeln!(out, "* Revisit if this moves: {}", f.sentence);
    }
    out
}

/// The note at the top of a record whose decision the rules do not recommend: the recommended
/// option and why, in one short paragraph.
fn disagreement(w: &CandidateReport, rec: &CandidateReport) -> String {
    let against: Vec<String> = w
        .reasons
        .iter()
        // A knock-out already named as the verdict's reason is not said twice.
        .filter(|x| !x.is_for() && !w.verdict_reason.contains(&format!("[{}]", x.rule)))
        .take(2)
        .map(|x| format!("{} (`{}`)", lower_first(&x.message), x.rule))
        .collect();
    let mut s = format!(
        "> **The rules recommend {}, not {}, the team's decision.** {} scores {}; {} scores {} and is **{}**: {}.",
        rec.name,
        w.name,
        rec.name,
        rec.score,
        w.name,
        w.score,
        w.standing.as_str(),
        lower_first(&w.verdict_reason)
    );
    let why = pros(rec);
    if !why.is_empty() {
        let _ = write!(
            s,
            " For {}: {}.",
            rec.name,
            why.iter().take(2).cloned().collect::<Vec<_>>().join("; ")
        );
    }
    if !against.is_empty() {
        let _ = write!(s, " Against {}: {}.", w.name, against.join("; "));
    }
    s
}

/// The chosen design's monthly cost, added up from the report's figures.
fn design_cost(r: &Report, d: &crate::report::DesignCost) -> String {
    let parts: Vec<String> = d
        .parts
        .iter()
        .map(|p| {
            let c = r.candidate(&p.system);
            let what = if p.role == "pattern" {
                let name = c.map_or(p.system.as_str(), |c| c.pattern_name());
                format!("the {name} pattern")
            } else {
                c.map_or(p.system.as_str(), |c| c.name.as_str()).to_string()
            };
            // Rounded as every total is; "≥" when the way leaves out a cost it cannot price.
            let amount = r
                .cost
                .iter()
                .find(|o| o.system == p.system && o.option == p.option)
                .map_or_else(
                    || approx_usd(p.monthly_usd),
                    |o| crate::render::cost::option_usd(o, p.monthly_usd),
                );
            format!("{amount} for {what} ({})", p.name)
        })
        .collect();
    let incomplete = d.parts.iter().any(|p| {
        r.cost
            .iter()
            .any(|o| o.system == p.system && o.option == p.option && !o.complete())
    });
    // An option the rules exclude is priced too, but the cost table leaves it out.
    let in_table = d
        .parts
        .iter()
        .all(|p| r.cost.iter().any(|o| o.system == p.system));
    format!(
        "The chosen design costs about **{}{} a month**: {} (infrastructure + people, each run the way {}).",
        if incomplete { "≥ " } else { "" },
        approx_usd(d.monthly_usd),
        parts.join(" + "),
        if in_table {
            "the cost table below suggests"
        } else {
            "msgadvisor's cost estimate suggests; the cost table below leaves out options the rules exclude"
        }
    )
}

/// Whether a list of consequences includes the system's own strengths and weaknesses.
#[derive(Clone, Copy, PartialEq)]
enum Own {
    List,
    /// Said elsewhere in the record (a pattern's, in the Consequences).
    Leave,
}

/// The consequences of one option, each about that option and naming its source: what the
/// rules found for this workload (a rule's effect on this candidate) and the system's own
/// strengths and weaknesses (unless `own` leaves them out). `pattern` names the option when it is
/// listed as a pattern of the chosen one (only its own trade-offs apply then); a rule in
/// `drivers` is named, not worded again.
fn consequences(
    a: &AdrInput,
    c: &CandidateReport,
    pattern: Option<&str>,
    drivers: &[&str],
    own: Own,
    used: &mut Vec<String>,
) -> Vec<String> {
    let own = match own {
        Own::List => a.tradeoffs.of(&c.id),
        Own::Leave => Vec::new(),
    };
    let tag = pattern.map_or(String::new(), |n| format!(" ({n}, the pattern)"));
    let rule = |x: &Reason| {
        format!(
            "{} (rule `{}`, {} for this workload)",
            lower_first(&x.message),
            x.rule,
            x.effect
        )
    };
    let mut good: Vec<String> = Vec::new();
    let mut bad: Vec<String> = Vec::new();
    if pattern.is_none() {
        // Reasons already worded as decision drivers are named, not said again.
        let met: Vec<String> = c
            .reasons
            .iter()
            .filter(|x| x.is_for() && drivers.contains(&x.rule.as_str()))
            .map(|x| format!("`{}` ({})", x.rule, x.effect))
            .collect();
        if !met.is_empty() {
            good.push(format!(
                "* Good, because it meets the decision drivers above: {} (points for this workload)",
                met.join(", ")
            ));
        }
        for x in &c.reasons {
            if x.is_for() && drivers.contains(&x.rule.as_str()) {
                continue;
            }
            if x.is_for() {
                good.push(format!("* Good, because {}", rule(x)));
            } else if x.effect == "exclude" {
                bad.push(format!("* Bad (knock-out), because {}", rule(x)));
            }
        }
        for x in c
            .reasons
            .iter()
            .filter(|x| !x.is_for() && x.effect != "exclude")
        {
            bad.push(format!("* Bad, because {}", rule(x)));
        }
    }
    for t in own {
        let line = format!(
            "because {} (source: {})",
            lower_first(&t.text),
            a.references.cite(&t.source, used)
        );
        if t.good {
            good.push(format!("* Good{tag}, {line}"));
        } else {
            bad.push(format!("* Bad{tag}, {line}"));
        }
    }
    good.extend(bad);
    good
}

/// Footnote definitions (`[^id]: source`) with short source names replaced; the rest as is.
fn cite_footnotes(refs: &References, md: &str, used: &mut Vec<String>) -> String {
    let mut out = String::with_capacity(md.len());
    for line in md.lines() {
        if line.starts_with("[^") {
            out.push_str(&refs.cite(line, used));
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

/// A rate as typed: whole numbers with separators, fractions as they are.
fn rate(v: f64) -> String {
    if v >= 1000.0 || v.fract() == 0.0 {
        thousands(v)
    } else {
        format!("{v}")
    }
}

/// The chart of each option's monthly cost across the peak-rate range (a Mermaid `xychart-beta`
/// GitHub draws), with the same figures in a table beneath, the current peak and the flip
/// points marked.
fn cost_chart(r: &Report, curve: &crate::cost_curve::CostCurve, p: &Profile) -> String {
    // A pattern the chosen design is published through is part of that design's cost, not an
    // option in its own right: never marked as ruled out (the rules rule it out only as the
    // whole system).
    let pattern = |id: &str| {
        r.design_cost.as_ref().is_some_and(|d| {
            d.parts
                .iter()
                .any(|x| x.system == id && x.role == "pattern")
        })
    };
    // A pick by its name; a line by its name in the cost table above (a pattern's, for the
    // outbox feeding Kafka).
    let name = |id: &str| {
        r.candidate(id)
            .map_or(id.to_string(), |c| c.name.replace('"', "'"))
    };
    let line_name = |id: &str| r.cost_name(id).replace('"', "'");
    let mut out = String::from("### Cost across the peak rate\n\n");
    let _ = writeln!(
        out,
        "What each option's cheapest way to run it that fits would cost a month (infrastructure + people) if the peak were lower or higher, from 0.1× to 100× today's {} msg/s, with the points where the pick changes.\n",
        rate(p.throughput.peak_per_sec)
    );
    let labels: Vec<String> = curve
        .points
        .iter()
        .map(|pt| {
            let mark = if pt.current {
                " (now)"
            } else if pt.flips_to.is_some() {
                " (flip)"
            } else {
                ""
            };
            format!("\"{}{mark}\"", rate(pt.peak_per_sec))
        })
        .collect();
    out.push_str("```mermaid\nxychart-beta\n");
    out.push_str("    title \"Monthly cost of the cheapest way that fits, USD\"\n");
    let _ = writeln!(out, "    x-axis \"peak msg/s\" [{}]", labels.join(", "));
    out.push_str("    y-axis \"USD a month\"\n");
    for s in &curve.series {
        let values: Vec<String> = s.monthly_usd.iter().map(|v| format!("{v}")).collect();
        let _ = writeln!(
            out,
            "    line \"{}\" [{}]",
            line_name(&s.system),
            values.join(", ")
        );
    }
    out.push_str("```\n\n");
    let names: Vec<String> = curve.series.iter().map(|s| line_name(&s.system)).collect();
    let _ = writeln!(
        out,
        "| Peak msg/s | Pick | {} |\n|---|---|{}",
        names
            .iter()
            .map(|n| cell(n))
            .collect::<Vec<_>>()
            .join(" | "),
        "---:|".repeat(names.len())
    );
    let (mut over, mut unchecked, mut out_ruled) = (false, false, false);
    // Each row's rate, whether it is marked (today's peak, a flip), and what it says.
    let mut rows: Vec<(f64, bool, String)> = Vec::new();
    for (i, pt) in curve.points.iter().enumerate() {
        let cells: Vec<String> = curve
            .series
            .iter()
            .map(|s| {
                let mark = match s.capacity.get(i) {
                    Some(Capacity::Exceeded) => {
                        over = true;
                        " †"
                    }
                    Some(Capacity::Unchecked) => {
                        unchecked = true;
                        " ‡"
                    }
                    _ => "",
                };
                let excluded = s.excluded.get(i).copied().unwrap_or(false) && !pattern(&s.system);
                out_ruled |= excluded;
                // "≥" as the cost table writes a floor: the way leaves out a cost it cannot price.
                let floor = if s.complete.get(i).copied().unwrap_or(true) {
                    ""
                } else {
                    "≥ "
                };
                format!(
                    "{floor}{}{mark}{}",
                    approx_usd(s.monthly_usd.get(i).copied().unwrap_or(0.0)),
                    if excluded { " (excluded)" } else { "" }
                )
            })
            .collect();
        rows.push((
            pt.peak_per_sec,
            pt.current || pt.flips_to.is_some(),
            format!("{} | {}", cell(&name(&pt.pick)), cells.join(" | ")),
        ));
    }
    // Neighbouring rates that say the same thing share a row ("3–600"); today's peak and the
    // flip points keep their own.
    let mut merged = false;
    let mut i = 0;
    while i < rows.len() {
        let (from, marked, said) = &rows[i];
        let mut j = i;
        while !marked && j + 1 < rows.len() && !rows[j + 1].1 && rows[j + 1].2 == *said {
            j += 1;
        }
        let pt = &curve.points[i];
        let label = match (&pt.flips_to, pt.current) {
            (_, true) => format!("**{} (now)**", rate(*from)),
            (Some(_), false) => format!("{} (flip)", rate(*from)),
            (None, false) if j > i => format!("{}–{}", rate(*from), rate(rows[j].0)),
            (None, false) => rate(*from),
        };
        let _ = writeln!(out, "| {label} | {said} |");
        merged |= j > i;
        i = j + 1;
    }
    let avg = match p.throughput.avg_per_sec {
        Some(a) => format!(
            "the average stays at {} msg/s, as the profile sets it, so rates below it are left out",
            rate(a)
        ),
        None => "the profile sets no average, so it moves with the peak".to_string(),
    };
    let patterns_note: String = curve
        .series
        .iter()
        .filter(|s| pattern(&s.system))
        .map(|s| {
            format!(
                " {}: part of the chosen design, its cost added to {}'s.",
                line_name(&s.system),
                chosen(r).name
            )
        })
        .collect();
    let _ = writeln!(
        out,
        "\nThe chart's lines are, in order: {}. Each row is the profile with `--set {}=RATE` and nothing else changed ({avg}), priced like the cost table above, with the pick the rules make there.{}{}{}{}{}\n",
        names.join(", "),
        curve.path,
        if merged {
            " A row for a range (from–to) stands for the charted rates from its first to its last, which all say the same."
        } else {
            ""
        },
        if over {
            " † Every way to run it exceeds a published limit at that rate: the figure is the cheapest of them."
        } else {
            ""
        },
        if unchecked {
            " ‡ No published figure says whether it carries that rate: its capacity is unchecked, as in the cost table."
        } else {
            ""
        },
        if out_ruled {
            " (excluded): a rule rules it out at that rate, whatever it costs."
        } else {
            ""
        },
        patterns_note
    );
    let flips: Vec<&crate::flip::FlipPoint> = r
        .flip_points
        .iter()
        .filter(|f| f.path == curve.path)
        .collect();
    if !flips.is_empty() {
        out.push_str("Flip points of the peak rate:\n\n");
        for f in flips {
            let _ = writeln!(out, "* {}", f.sentence);
        }
        out.push('\n');
    }
    out
}

/// The workload in prose, with its numbers.
fn context(p: &Profile) -> String {
    let t = &p.throughput;
    let mut s = String::new();
    if let Some(d) = &p.description {
        let _ = write!(s, "{}. ", d.trim_end_matches('.'));
    }
    let _ = write!(
        s,
        "`{}` carries up to {} messages per second at peak ({} on average) of about {} each, expected to grow ×{}. ",
        Shown(&p.name),
        num(t.peak_per_sec),
        num(t.avg()),
        bytes(t.message_bytes as f64),
        num(t.growth_factor)
    );
    let _ = write!(
        s,
        "{} that need{} every message, spending about {} ms on each. ",
        if p.consumers.groups == 1 {
            "One consumer group".to_string()
        } else {
            format!("{} independent consumer groups", p.consumers.groups)
        },
        if p.consumers.groups == 1 { "s" } else { "" },
        num(p.consumers.processing_ms)
    );
    let _ = write!(
        s,
        "{}; ordering: {}; {}. ",
        if p.delivery.loss_ok {
            "Losing a message does no harm"
        } else {
            "Messages must not be lost"
        },
        match p.delivery.ordering {
            Ordering::None => "none required",
            Ordering::PerKey => "per key",
            Ordering::Global => "global",
        },
        if p.replay.needed {
            format!(
                "consumers must be able to replay {} days of history",
                num(p.replay.retention_days)
            )
        } else {
            "no replay is needed".to_string()
        }
    );
    if p.source.db_transaction {
        s.push_str("Messages are born inside a database transaction. ");
    }
    let _ = write!(
        s,
        "The team has {} engineer{} ({} Kafka experience){}.",
        p.team.size,
        if p.team.size == 1 { "" } else { "s" },
        p.team.kafka_experience.as_str(),
        if p.platform.existing.is_empty() {
            String::new()
        } else {
            format!(" and already runs {}", p.platform.existing.join(", "))
        }
    );
    s
}

/// A Mermaid flowchart of the design the record records (the profile's `decision` when it has
/// one, as the title says), labelled with the record's own figures: the workers the derived
/// figures need at peak after growth, and an order only where the profile asks for one. Only
/// plain identifiers and quoted labels, so any Mermaid version draws it.
fn flow(r: &Report, p: &Profile) -> String {
    let groups = p.consumers.groups.clamp(1, 6);
    let more = p.consumers.groups > 6;
    let workers = format!(
        "Workers: {} at peak after growth",
        num(r.derived.consumers_needed_grown)
    );
    let mut f = String::from("flowchart LR\n");
    let chosen = chosen(r).id.as_str();
    // The outbox in front of the system is a pattern of the recommendation; the database as the
    // queue draws its own table.
    let outbox_front = chosen != "outbox" && r.patterns.iter().any(|x| x == "outbox");
    let src = if outbox_front {
        f.push_str("    service[\"Service\"] -->|\"one transaction\"| db[(\"Database: business tables + outbox\")]\n    db --> relay[\"Outbox relay\"]\n");
        "relay"
    } else {
        f.push_str("    producers[\"Producers\"]\n");
        "producers"
    };
    match chosen {
        "kafka" => {
            // The topic and partition count come from the guidance, so the diagram and the
            // partition table agree.
            let (topic, parts, more) = match &r.kafka {
                Some(k) => (
                    k.topics.first().map_or(p.name.clone(), |t| t.name.clone()),
                    format!(", {} partitions", k.partitions.count),
                    k.topics.len().saturating_sub(1),
                ),
                None => (p.name.clone(), String::new(), 0),
            };
            let more = if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            };
            let sends = if p.delivery.ordering == Ordering::None {
                "sends"
            } else {
                "keyed sends"
            };
            let _ = writeln!(
                f,
                "    {src} -->|\"{sends}\"| topic[(\"Kafka topic {topic}{more}{parts}\")]"
            );
            for g in 1..=groups {
                let _ = writeln!(f, "    topic --> group{g}[\"Consumer group {g}\"]");
            }
        }
        "redis-streams" => {
            let _ = writeln!(f, "    {src} -->|\"XADD\"| stream[(\"Redis stream\")]");
            for g in 1..=groups {
                let _ = writeln!(
                    f,
                    "    stream -->|\"XREADGROUP\"| group{g}[\"Consumer group {g}\"]"
                );
            }
        }
        "redis-pubsub" => {
            let _ = writeln!(f, "    {src} -->|\"PUBLISH\"| channel((\"Redis channel\"))");
            for g in 1..=groups {
                let _ = writeln!(
                    f,
                    "    channel -.->|\"at most once\"| sub{g}[\"Subscriber {g}\"]"
                );
            }
        }
        "outbox" => {
            // The same words as the guidance: rows born in the business transaction go to an
            // outbox table, other jobs to a job table; workers claim rows with SKIP LOCKED,
            // except where one global order allows only one.
            let (write, table) = if p.source.db_transaction {
                ("one transaction", "business tables + outbox")
            } else {
                ("enqueue", "job table")
            };
            let (claim, who) = match p.delivery.ordering {
                Ordering::None => ("SKIP LOCKED", workers),
                Ordering::PerKey => ("SKIP LOCKED, sharded by key", workers),
                // Global order allows one worker; say so when the figures need more.
                Ordering::Global if r.derived.consumers_needed_grown > 1.0 => (
                    "in id order",
                    format!(
                        "One worker ({} needed at peak after growth)",
                        num(r.derived.consumers_needed_grown)
                    ),
                ),
                Ordering::Global => ("in id order", "One worker".to_string()),
            };
            f = format!(
                "flowchart LR\n    service[\"Service\"] -->|\"{write}\"| db[(\"Database: {table}\")]\n    db -->|\"{claim}\"| workers[\"{who}\"]\n    workers --> handler[\"Side effect: API call or message\"]\n",
            );
        }
        id => {
            let name = r.candidate(id).map_or(id, |c| c.name.as_str());
            let _ = writeln!(
                f,
                "    {src} --> queue[(\"{} queue\")]",
                name.replace('"', "'")
            );
            let _ = writeln!(f, "    queue --> workers[\"{workers}\"]");
        }
    }
    if more {
        let _ = writeln!(f, "    note[\"… {} groups in all\"]", p.consumers.groups);
    }
    f
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        // Keep proper names and acronyms (Kafka, BullMQ, RAM) as written.
        Some(first)
            if first.is_uppercase()
                && !c.clone().next().is_some_and(char::is_uppercase)
                && !starts_with_name(s) =>
        {
            first.to_lowercase().collect::<String>() + c.as_str()
        }
        _ => s.to_string(),
    }
}

fn starts_with_name(s: &str) -> bool {
    [
        "Kafka",
        "Redis",
        "BullMQ",
        "RabbitMQ",
        "Node",
        "Python",
        "Confluent",
        "AWS",
        "MSK",
    ]
    .iter()
    .any(|n| s.starts_with(n))
}

/// `## x` becomes `### x` (and so on), leaving code blocks alone.
fn demote_headings(md: &str) -> String {
    let mut out = String::with_capacity(md.len() + 64);
    let mut in_code = false;
    for line in md.lines() {
        if line.starts_with("```") {
            in_code = !in_code;
        }
        if !in_code && line.starts_with('#') {
            out.push('#');
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}
