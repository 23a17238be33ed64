//! The default terminal view of `recommend`: one screen. The pick and its one-line why; what
//! needs attention (a declared decision the rules disagree with, a pick no better option is left
//! for, warnings); the ranking; the flip points; the pick's headline figures; and one cost line
//! per candidate. Everything else is in `--detail` and `explain`.

use super::cost::option_usd;
use super::guidance::{value, wrap};
use crate::report::Report;
use crate::untrusted::{Shown, escape};
use std::fmt::Write;

pub fn render(r: &Report, color: bool, width: u16) -> String {
    let w = usize::from(width);
    let mut out = String::new();
    let pick = r.pick();
    let mut title = format!("{}: {}", r.profile, pick.name);
    for p in &r.patterns {
        let name = r.candidate(p).map_or(p.as_str(), |c| c.pattern_name());
        let _ = write!(title, ", publishing through the {name} pattern");
    }
    wrap(&mut out, &title, w, "", "  ");
    wrap(&mut out, &r.why, w, "Why: ", "  ");
    super::table::context(&mut out, r, width);
    super::table::attention(&mut out, r, width, false);
    out.push('\n');
    out.push_str(&super::table::ranking(r, color, width, true));

    let _ = writeln!(out, "\n{}:", super::explain::FLIP_HEADING);
    for l in super::explain::flip_lines(&r.flip_points, false) {
        wrap(&mut out, &l, w, "  - ", "    ");
    }

    if let Some(g) = r.guidance.iter().find(|g| g.system == r.recommended) {
        let _ = writeln!(out, "\nHow to run {}:", Shown(&g.name));
        let figures: Vec<_> = g.headline().collect();
        let label = figures
            .iter()
            .map(|f| f.label.chars().count())
            .max()
            .unwrap_or(0);
        for f in figures {
            let _ = writeln!(out, "  {:label$}  {}", f.label, value(f));
        }
        if let Some(k) = r.kafka.as_ref().filter(|_| r.recommended == "kafka") {
            let names: Vec<&str> = k.topics.iter().map(|t| t.name.as_str()).collect();
            let keys: Vec<&str> = k.topics.iter().filter_map(|t| t.key.as_deref()).collect();
            let mut line = format!("Topics: {}", names.join(", "));
            if let Some(key) = keys.first().filter(|f| keys.iter().all(|k| k == *f)) {
                let _ = write!(line, " (key {key})");
            }
            line.push_str(", each with a .retry and a .dlq topic");
            wrap(&mut out, &line, w, "  ", "    ");
            wrap(
                &mut out,
                &format!(
                    "Consumer groups: {}, one per consuming service, named {}",
                    k.consumer_groups.count, k.consumer_groups.naming
                ),
                w,
                "  ",
                "    ",
            );
        }
    }

    if !r.cost_summary.systems.is_empty() {
        out.push_str("\nCost a month, infrastructure and people, the suggested way to run each:\n");
        let name = |id: &str| r.cost_name(id);
        let label = r
            .cost_summary
            .systems
            .iter()
            .map(|s| name(&s.system).chars().count())
            .max()
            .unwrap_or(0);
        for s in &r.cost_summary.systems {
            let (total, way) = match r.suggested(s) {
                Some(o) => (option_usd(o, o.monthly_usd), o.name.as_str()),
                None => (String::new(), s.suggested_why.as_str()),
            };
            let first = format!("  {:label$}  {total:>10}  ", escape(&name(&s.system)));
            wrap(&mut out, way, w, &first, &" ".repeat(label + 16));
        }
    }

    out.push('\n');
    wrap(
        &mut out,
        "More: --detail (reasons, guidance, cost line by line); explain (every rule).",
        w,
        "",
        "  ",
    );
    out
}
