//! `diff --format text`: one block per profile, what cannot be undone first; and the wording the
//! other diff formats share (values, verdicts, cost changes, the one-line headline).

use super::cost::approx_usd as usd;
use super::{bytes, num};
use crate::diff::{Change, CostChange, DiffReport, FigureChange, KafkaChange, ProfileDiff, Status};
use crate::report::Standing;
use crate::units::count;
use std::fmt::Write;

/// A profile field's value as written: numbers with separators, strings bare, `—` for absent.
pub fn value(v: Option<&serde_json::Value>) -> String {
    match v {
        None | Some(serde_json::Value::Null) => "—".into(),
        Some(serde_json::Value::Number(n)) => n.as_f64().map_or_else(|| n.to_string(), num),
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(v) => v.to_string(),
    }
}

/// `before → after`, or the one value when it did not change.
pub fn arrow<T: PartialEq>(c: &Change<T>, show: impl Fn(&T) -> String) -> String {
    let s = |v: &Option<T>| v.as_ref().map_or_else(|| "—".to_string(), &show);
    if c.changed() {
        format!("{} → {}", s(&c.before), s(&c.after))
    } else {
        s(&c.after)
    }
}

/// A verdict in the word the views show (`behind` for a score, `discouraged` for a rule).
pub fn verdict(v: &Standing) -> String {
    v.as_str().to_string()
}

/// The decision's standing on each side, as `check` judges it, and when a side passes only
/// because of its waivers: `behind → viable (passes only with waivers)`.
pub fn decision_standing(d: &crate::diff::DecisionChange) -> String {
    let mut s = arrow(&d.standing, verdict);
    let only = &d.passes_only_with_waivers;
    match (only.before, only.after) {
        (_, Some(true)) => s.push_str(" (passes only with waivers)"),
        (Some(true), _) => s.push_str(" (passed only with waivers before)"),
        _ => {}
    }
    s
}

/// A figure's value in its unit: bytes in binary units, other units after the number.
pub fn figure(v: &f64, unit: &str) -> String {
    match unit {
        "bytes" => bytes(*v),
        "" => num(*v),
        u => format!("{} {u}", num(*v)),
    }
}

/// `$1,200 → $1,500 (+$250, +20.8%)` (totals rounded as everywhere), or the one side priced.
pub fn cost(c: &CostChange) -> String {
    let side = |p: &Option<crate::diff::CostPick>| {
        p.as_ref()
            .map_or_else(|| "—".to_string(), |p| usd(p.monthly_usd))
    };
    match c.change_usd {
        Some(d)
            if d != 0.0
                || c.before.as_ref().map(|p| &p.option) != c.after.as_ref().map(|p| &p.option) =>
        {
            format!("{} → {} ({})", side(&c.before), side(&c.after), change(c))
        }
        Some(_) => format!("{} (no change)", side(&c.after)),
        None => format!("{} → {}", side(&c.before), side(&c.after)),
    }
}

/// `+$250, +20.8%`: the signed change and its percentage.
pub fn change(c: &CostChange) -> String {
    let Some(d) = c.change_usd else {
        return "—".into();
    };
    if d == 0.0 && c.before.as_ref().map(|p| &p.option) == c.after.as_ref().map(|p| &p.option) {
        return "no change".into();
    }
    let sign = if d > 0.0 { "+" } else { "" };
    match c.change_pct {
        Some(p) => format!(
            "{sign}{}, {sign}{}%",
            usd(d),
            num((p * 10.0).round() / 10.0)
        ),
        None => format!("{sign}{}", usd(d)),
    }
}

/// The way a cost pick is run: `Amazon MSK (kafka)`.
pub fn option(p: &Option<crate::diff::CostPick>) -> String {
    p.as_ref()
        .map_or_else(|| "—".to_string(), |p| format!("{} ({})", p.name, p.system))
}

/// The suggested option on each side, named once when it is the same.
pub fn options(c: &CostChange) -> String {
    let (b, a) = (option(&c.before), option(&c.after));
    if b == a { a } else { format!("{b} → {a}") }
}

/// One line for a profile: the recommendation, the decision's verdict, the cost.
pub fn headline(p: &ProfileDiff) -> String {
    match p.status {
        Status::Added => format!(
            "added: {} recommended, {} a month",
            p.recommended.after.as_deref().unwrap_or("—"),
            p.cost
                .after
                .as_ref()
                .map_or_else(|| "—".to_string(), |c| usd(c.monthly_usd))
        ),
        Status::Removed => format!(
            "removed (was: {} recommended)",
            p.recommended.before.as_deref().unwrap_or("—")
        ),
        Status::Unchanged => "no change".into(),
        Status::Changed => {
            let mut parts = vec![format!(
                "recommended {}",
                arrow(&p.recommended, String::clone)
            )];
            if p.decision.decision.after.is_some() || p.decision.decision.before.is_some() {
                parts.push(format!(
                    "decision {}: {}",
                    arrow(&p.decision.decision, String::clone),
                    decision_standing(&p.decision)
                ));
            }
            parts.push(format!("cost {}", cost(&p.cost)));
            if !p.irreversible.is_empty() {
                let n = count(p.irreversible.len(), "change", "changes");
                parts.push(format!("{n} cannot be undone"));
            }
            if !p.weakens_check.is_empty() {
                let n = count(p.weakens_check.len(), "change weakens", "changes weaken");
                parts.push(format!("{n} the check"));
            }
            parts.join("; ")
        }
    }
}

/// The Kafka rows that changed (all of them for a profile where Kafka appears or goes).
pub fn kafka_rows(k: &KafkaChange) -> Vec<(String, String)> {
    let u = |v: &u64| num(*v as f64);
    let counts = [
        ("partitions per topic", &k.partitions_per_topic),
        ("topics (with retry and DLQ)", &k.topics_total),
        ("partitions in all", &k.partitions_total),
        ("replication factor", &k.replication_factor),
        ("consumer groups", &k.consumer_groups),
        ("brokers", &k.brokers),
    ];
    let mut rows: Vec<(String, String)> = counts
        .into_iter()
        .filter(|(_, c)| c.changed())
        .map(|(label, c)| (label.to_string(), arrow(c, u)))
        .collect();
    if k.retention_days.changed() {
        let days = arrow(&k.retention_days, |d| format!("{} days", num(*d)));
        rows.push(("retention".into(), days));
    }
    if k.storage_bytes.changed() {
        rows.push(("storage".into(), arrow(&k.storage_bytes, |b| bytes(*b))));
    }
    for t in &k.topics {
        let what = match (&t.renamed_from, t.status) {
            (Some(from), _) => format!(
                "renamed from {from}, partitions {}",
                arrow(&t.partitions, u)
            ),
            (None, Status::Added) => {
                format!("added, {} partitions", t.partitions.after.map_or(0, |v| v))
            }
            (None, Status::Removed) => "removed".into(),
            (None, _) if t.partitions.changed() => {
                format!("partitions {}", arrow(&t.partitions, u))
            }
            _ => continue,
        };
        rows.push((format!("topic {}", t.name), what));
    }
    rows
}

/// A figure row: `redis-streams: Node memory for the window`, `1.0 GiB → 2.0 GiB`.
pub fn figure_row(f: &FigureChange) -> (String, String) {
    (
        format!("{}: {}", f.system, f.label),
        arrow(&f.value, |v| figure(v, &f.unit)),
    )
}

/// `rule (candidate, candidate)`, comma-separated.
pub fn firings(f: &[crate::diff::RuleFiring]) -> String {
    f.iter()
        .map(|r| format!("{} ({})", r.rule, r.candidates.join(", ")))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The summary counts in one line.
pub fn summary_line(r: &DiffReport) -> String {
    let s = &r.summary;
    let mut line = format!(
        "{}: {} changed, {} added, {} removed, {} unchanged",
        count(s.profiles, "profile", "profiles"),
        s.changed,
        s.added,
        s.removed,
        s.unchanged
    );
    let _ = write!(
        line,
        "; {} cannot be undone; {}",
        count(s.irreversible, "change", "changes"),
        count(s.decision_flips, "decision flip", "decision flips")
    );
    // Said only when it happens, so the everyday line stays as it was.
    if s.weakens_check > 0 {
        let n = count(s.weakens_check, "change weakens", "changes weaken");
        let _ = write!(line, "; {n} the check");
    }
    line
}

/// The gates that fired, one line each.
pub fn gate_lines(r: &DiffReport) -> Vec<String> {
    r.gates
        .iter()
        .filter(|g| g.fired)
        .map(|g| format!("--fail-on {} fired: {}", g.gate, g.profiles.join(", ")))
        .collect()
}

pub fn render(r: &DiffReport) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "msgadvisor diff: {} → {}", r.base, r.head);
    let _ = writeln!(out, "{}", summary_line(r));
    for p in &r.profiles {
        out.push('\n');
        profile(&mut out, p);
    }
    let gates = gate_lines(r);
    if !gates.is_empty() {
        out.push('\n');
        for g in gates {
            let _ = writeln!(out, "{g}");
        }
    }
    out
}

fn profile(out: &mut String, p: &ProfileDiff) {
    let _ = writeln!(out, "{} ({}): {}", p.path, p.profile, headline(p));
    if p.status != Status::Changed {
        // A removed profile weakens the check; nothing else is left to compare.
        weakens(out, p);
        return;
    }
    if !p.irreversible.is_empty() {
        let _ = writeln!(out, "  CANNOT BE UNDONE");
        for i in &p.irreversible {
            let _ = writeln!(out, "  ! {}", i.message);
            let _ = writeln!(out, "    source: {}", i.source);
        }
    }
    weakens(out, p);
    if !p.inputs.is_empty() {
        let _ = writeln!(out, "  inputs");
        for i in &p.inputs {
            let _ = writeln!(
                out,
                "    {}: {} → {} (line {})",
                i.field,
                value(i.before.as_ref()),
                value(i.after.as_ref()),
                i.line
            );
        }
    }
    let changed: Vec<_> = p
        .candidates
        .iter()
        .filter(|c| c.standing.changed() || c.score.changed())
        .collect();
    if !changed.is_empty() {
        let _ = writeln!(out, "  candidates");
        for c in changed {
            let _ = writeln!(
                out,
                "    {}: {} (score {})",
                c.id,
                arrow(&c.standing, verdict),
                arrow(&c.score, |s| s.to_string())
            );
        }
    }
    if let Some(k) = &p.kafka {
        let rows = kafka_rows(k);
        if !rows.is_empty() {
            let _ = writeln!(out, "  kafka");
            for (label, v) in rows {
                let _ = writeln!(out, "    {label}: {v}");
            }
        }
    }
    if !p.sizing.is_empty() {
        let _ = writeln!(out, "  sizing");
        for f in &p.sizing {
            let (label, v) = figure_row(f);
            let _ = writeln!(out, "    {label}: {v}");
        }
    }
    if p.cost.before.is_some() || p.cost.after.is_some() {
        let _ = writeln!(out, "  cost: {}: {}", options(&p.cost), cost(&p.cost));
    }
    if !p.rules_started.is_empty() {
        let _ = writeln!(out, "  rules started firing: {}", firings(&p.rules_started));
    }
    if !p.rules_stopped.is_empty() {
        let _ = writeln!(out, "  rules stopped firing: {}", firings(&p.rules_stopped));
    }
}

fn weakens(out: &mut String, p: &ProfileDiff) {
    if p.weakens_check.is_empty() {
        return;
    }
    let _ = writeln!(out, "  WEAKENS THE CHECK");
    for w in &p.weakens_check {
        let at = w.line.map_or_else(String::new, |l| format!(" (line {l})"));
        let _ = writeln!(out, "  ! {}{at}", w.message);
    }
}
