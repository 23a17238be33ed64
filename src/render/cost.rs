//! The cost section, for the table and Markdown views: per candidate, every way to run it with
//! infrastructure, people and total (cheapest first), then each way line by line
//! (quantity × unit price = monthly, with the price's id, confidence and as-of date), and the
//! prices used with their sources. Like infracost, every assumed number is shown.

use crate::cost::{Capacity, CostLine, CostOption, SystemCost};
use crate::report::Report;
use std::fmt::Write;

/// Money is worded at the bottom (`crate::units`): the cost lines and the guidance say it too.
pub use crate::units::{approx_usd, unit_price, usd};

/// An option's total (or infrastructure), rounded by [`approx_usd`]; "≥" when it leaves a cost
/// out (`CostOption::unpriced`), since it is then a floor.
pub fn option_usd(o: &CostOption, v: f64) -> String {
    if o.complete() {
        approx_usd(v)
    } else {
        format!("≥ {}", approx_usd(v))
    }
}

const ROUNDING: &str = "Totals are rounded to two significant figures, as much as [S] and [U] prices and assumed engineer-hours support; each line's arithmetic is exact, and JSON keeps every figure unrounded. \"≥\" marks a total that leaves out a cost with no sourced price.";

/// A quantity for a breakdown line: whole numbers with separators, small ones with decimals.
pub fn qty(v: f64) -> String {
    if v == 0.0 || v.fract() == 0.0 || v.abs() >= 1000.0 {
        super::thousands(v)
    } else if v.abs() >= 1.0 {
        format!("{v:.2}")
    } else {
        let s = format!("{v:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

fn line_price(l: &CostLine) -> String {
    match l.unit_usd {
        Some(p) => unit_price(p),
        None => "not priced".to_string(),
    }
}

fn tag(l: &CostLine) -> String {
    let mut parts = vec![l.price.clone()];
    if let Some(c) = l.confidence {
        parts.push(format!("[{}]", c.as_str()));
    }
    if let Some(a) = &l.as_of {
        parts.push(format!("as of {a}"));
    }
    parts.join(" ")
}

/// The confidence tags of the prices an option uses, e.g. "S, U".
fn confidences(o: &CostOption) -> String {
    let mut tags: Vec<&str> = o
        .lines
        .iter()
        .filter(|l| l.unit_usd.is_some())
        .filter_map(|l| l.confidence.map(|c| c.as_str()))
        .collect();
    tags.sort();
    tags.dedup();
    if !o.complete() {
        tags.push("incomplete");
    }
    if tags.is_empty() {
        "-".to_string()
    } else {
        tags.join(", ")
    }
}

/// An option's assumptions other than those its system shows once for every option.
fn own<'a>(o: &'a CostOption, s: &'a SystemCost) -> impl Iterator<Item = &'a String> {
    o.assumptions
        .iter()
        .filter(move |a| !s.assumptions.contains(a))
}

const LEGEND: &str = "Tags: [V] vendor source, [S] secondary source, [U] uncertain or conflicting (check before relying on it), [D] derived.";

/// The cost section of the full terminal view, its tables `width` columns wide.
pub fn table(r: &Report, width: u16) -> String {
    let mut out = String::new();
    let c = &r.cost_summary;
    if r.cost.is_empty() {
        return out;
    }
    out.push_str("Cost per month, USD:\n");
    let _ = writeln!(
        out,
        "  {} hours a month ({})",
        super::num(c.hours_per_month),
        c.hours_source
    );
    let _ = writeln!(
        out,
        "  {} an engineer-hour ({})",
        usd(c.hourly_usd),
        c.hourly_source
    );
    for b in &c.basis {
        let _ = writeln!(out, "  {b}");
    }
    for s in &c.systems {
        let _ = writeln!(out, "\n{}:", r.cost_name(&s.system));
        match r.suggested(s) {
            Some(o) => {
                let _ = writeln!(out, "  suggested: {} ({})", o.name, s.suggested_why);
            }
            None => {
                let _ = writeln!(out, "  suggested: {}", s.suggested_why);
            }
        }
        for a in &s.assumptions {
            let _ = writeln!(out, "  * {a}");
        }
        let header = vec![
            "way to run it",
            "hosting",
            "infrastructure",
            "people",
            "total",
            "capacity",
            "prices",
        ];
        let mut t = super::boxed_table(header, &[2, 3, 4], width);
        for o in r.cost.iter().filter(|o| o.system == s.system) {
            t.add_row(vec![
                format!("{} [{}]", o.name, o.option),
                o.hosting.as_str().to_string(),
                option_usd(o, o.infrastructure_usd),
                approx_usd(o.people_usd),
                option_usd(o, o.monthly_usd),
                o.capacity.as_str().to_string(),
                confidences(o),
            ]);
        }
        let _ = writeln!(out, "{t}");
        for n in &s.notes {
            let _ = writeln!(out, "  - {n}");
        }
        for o in r.cost.iter().filter(|o| o.system == s.system) {
            let _ = writeln!(out, "  {} [{}]:", o.name, o.option);
            for l in &o.lines {
                let _ = writeln!(
                    out,
                    "    {} {} × {} = {}  {}  ({})",
                    qty(l.quantity),
                    l.unit,
                    line_price(l),
                    usd(l.monthly_usd),
                    l.item,
                    tag(l)
                );
            }
            let p = &o.people;
            let _ = writeln!(
                out,
                "    {} engineer-hours × {} = {}  people  ({}; rate: {})",
                super::num(p.hours_per_month),
                usd(p.hourly_usd),
                usd(p.monthly_usd),
                p.hours_source,
                p.hourly_source
            );
            let _ = writeln!(
                out,
                "    = {} infrastructure + {} people = {} a month, {} {}",
                usd(o.infrastructure_usd),
                usd(o.people_usd),
                usd(o.monthly_usd),
                // "about ≥ $720" reads badly; a floor says so in words here.
                if o.complete() {
                    "about"
                } else {
                    "at least about"
                },
                approx_usd(o.monthly_usd)
            );
            let _ = writeln!(
                out,
                "    capacity {}: {}",
                o.capacity.as_str(),
                o.capacity_note
            );
            for u in &o.unpriced {
                let _ = writeln!(out, "    INCOMPLETE, not in the total: {u}");
            }
            if let Some(d) = &o.development_only {
                let _ = writeln!(out, "    not for production: {d}");
            }
            if let Some(a) = &o.advised_against {
                let _ = writeln!(
                    out,
                    "    advised against by its vendor for this system: {a}"
                );
            }
            if let Some(d) = &o.durability_doubt {
                let _ = writeln!(out, "    ranked after for durability: {d}");
            }
            for a in own(o, s) {
                let _ = writeln!(out, "    * {a}");
            }
        }
    }
    out.push_str("\nPrices used:\n");
    for p in &c.prices {
        let _ = match p.amount {
            Some(a) => writeln!(
                out,
                "  {}: {} {} [{}] as of {}: {}",
                p.id,
                unit_price(a),
                p.unit.trim_start_matches("USD "),
                p.confidence.map_or("-", |c| c.as_str()),
                p.as_of.as_deref().unwrap_or("undated"),
                p.source
            ),
            None => writeln!(out, "  {}: not priced ({}): {}", p.id, p.unit, p.source),
        };
    }
    let _ = writeln!(out, "  {LEGEND}");
    let _ = writeln!(out, "  {ROUNDING}");
    out
}

/// Every price of a price table, one a row (id, amount, unit, tag, as of), then each source,
/// for `msgadvisor prices`; the table `width` columns wide.
pub fn price_table(prices: &[&crate::tables::Price], width: u16) -> String {
    let header = vec!["price", "amount", "unit", "tag", "as of"];
    let mut t = super::boxed_table(header, &[1], width);
    for p in prices {
        t.add_row(vec![
            p.id.clone(),
            p.amount
                .map_or_else(|| "not priced".to_string(), unit_price),
            p.unit.trim_start_matches("USD ").to_string(),
            p.confidence.map_or("-", |c| c.as_str()).to_string(),
            p.as_of.clone().unwrap_or_else(|| "-".to_string()),
        ]);
    }
    let mut out = format!("{t}\n\nSources:\n");
    for p in prices {
        let _ = writeln!(out, "  {} ({}): {}", p.id, p.origin, p.source);
        if let Some(n) = &p.note {
            let _ = writeln!(out, "    note: {n}");
        }
    }
    let _ = writeln!(
        out,
        "\n{LEGEND} A price undated or older than 12 months is tagged U until it is checked again. Override any of them with --prices FILE (see the README, \"What it costs\")."
    );
    out
}

/// A compact cost table for a decision record: per candidate still in the running, every way to
/// run it with infrastructure, people and total (the full breakdown is in `recommend`'s output).
pub fn decision_record(r: &Report) -> String {
    use super::markdown::cell;
    let mut out = String::new();
    if r.cost.is_empty() {
        return out;
    }
    let c = &r.cost_summary;
    out.push_str(
        "### Cost

",
    );
    let _ = writeln!(
        out,
        "Monthly USD, {} hours a month, one engineer-hour {} ({}); cheapest first within each option considered, ways over a published limit last. Line by line, with every price's source and as-of date: `msgadvisor recommend PROFILE --format markdown`.\n",
        super::num(c.hours_per_month),
        usd(c.hourly_usd),
        c.hourly_source
    );
    out.push_str("| Option | Way to run it | Infrastructure | People | Total | Capacity | Prices |\n|---|---|---:|---:|---:|---|---|\n");
    // A suggestion with a lower complete total listed beside it (above it, or below it when a
    // doubt about keeping acknowledged writes ranks that way after) needs its reason beside the
    // table, or the record reads as picking a dearer way for nothing (a floor says "≥" itself).
    let mut because = Vec::new();
    for s in &c.systems {
        let ways = r.cost.iter().filter(|o| o.system == s.system);
        if let Some(o) = r.suggested(s)
            && ways.clone().any(|w| {
                w.capacity != Capacity::Exceeded && w.complete() && w.monthly_usd < o.monthly_usd
            })
        {
            because.push(format!(
                "- {}: {}, {}.",
                cell(&r.cost_name(&s.system)),
                cell(&o.name),
                cell(&s.suggested_why)
            ));
        }
        for o in ways {
            // Said of a way passed over for it; a workload that may lose messages can be
            // suggested a development tier, and is not told in the same row that it should not.
            let dev = if o.development_only.is_some() && o.option != s.suggested_option {
                " (not for production)"
            } else {
                ""
            };
            let name = if o.option == s.suggested_option {
                format!("**{}**{dev} (suggested)", cell(&o.name))
            } else {
                format!("{}{dev}", cell(&o.name))
            };
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} |",
                cell(&r.cost_name(&s.system)),
                name,
                option_usd(o, o.infrastructure_usd),
                approx_usd(o.people_usd),
                option_usd(o, o.monthly_usd),
                o.capacity.as_str(),
                confidences(o)
            );
        }
    }
    if !because.is_empty() {
        let _ = writeln!(
            out,
            "\nSuggested because, where a way with a lower total is listed:\n\n{}",
            because.join("\n")
        );
    }
    let _ = writeln!(out, "\n{LEGEND} {ROUNDING}\n");
    out
}

/// The cost section of the Markdown view.
pub fn markdown(r: &Report) -> String {
    use super::markdown::cell;
    let mut out = String::new();
    let c = &r.cost_summary;
    if r.cost.is_empty() {
        return out;
    }
    out.push_str("\n## Cost\n\n");
    let _ = writeln!(
        out,
        "Monthly estimate in USD: {} hours a month ({}); one engineer-hour costs {} ({}).\n",
        super::num(c.hours_per_month),
        c.hours_source,
        usd(c.hourly_usd),
        c.hourly_source
    );
    for b in &c.basis {
        let _ = writeln!(out, "- {b}");
    }
    for s in &c.systems {
        let _ = writeln!(out, "\n### {}\n", r.cost_name(&s.system));
        match r.suggested(s) {
            Some(o) => {
                let _ = writeln!(
                    out,
                    "Suggested: **{}** (`{}`): {}.\n",
                    cell(&o.name),
                    o.option,
                    s.suggested_why
                );
            }
            None => {
                let _ = writeln!(out, "Suggested: {}.\n", s.suggested_why);
            }
        }
        if !s.assumptions.is_empty() {
            for a in &s.assumptions {
                let _ = writeln!(out, "- {a}");
            }
            out.push('\n');
        }
        out.push_str("| Way to run it | Hosting | Infrastructure | People | Total | Capacity | Prices |\n|---|---|---:|---:|---:|---|---|\n");
        for o in r.cost.iter().filter(|o| o.system == s.system) {
            let _ = writeln!(
                out,
                "| {} (`{}`) | {} | {} | {} | **{}** | {} | {} |",
                cell(&o.name),
                o.option,
                o.hosting.as_str(),
                option_usd(o, o.infrastructure_usd),
                approx_usd(o.people_usd),
                option_usd(o, o.monthly_usd),
                o.capacity.as_str(),
                confidences(o)
            );
        }
        if !s.notes.is_empty() {
            out.push('\n');
            for n in &s.notes {
                let _ = writeln!(out, "- {}", n);
            }
        }
        for o in r.cost.iter().filter(|o| o.system == s.system) {
            let _ = writeln!(out, "\n#### {} (`{}`)\n", o.name, o.option);
            out.push_str("| Item | Quantity | Unit price | Monthly | Price | As of |\n|---|---:|---:|---:|---|---|\n");
            for l in &o.lines {
                let _ = writeln!(
                    out,
                    "| {} | {} {} | {} | {} | `{}`{} | {} |",
                    cell(&l.item),
                    qty(l.quantity),
                    l.unit,
                    line_price(l),
                    usd(l.monthly_usd),
                    l.price,
                    l.confidence
                        .map_or_else(String::new, |c| format!(" [{}]", c.as_str())),
                    l.as_of.as_deref().unwrap_or("-")
                );
            }
            let p = &o.people;
            let _ = writeln!(
                out,
                "| People: engineer-hours ({}) | {} h | {} | {} | {} | - |",
                cell(&p.hours_source),
                super::num(p.hours_per_month),
                usd(p.hourly_usd),
                usd(p.monthly_usd),
                cell(&p.hourly_source)
            );
            let _ = writeln!(
                out,
                "| **Total** | | | **{}** | {} infrastructure + {} people = {} | |",
                option_usd(o, o.monthly_usd),
                usd(o.infrastructure_usd),
                usd(o.people_usd),
                usd(o.monthly_usd)
            );
            let _ = writeln!(
                out,
                "\nCapacity {}: {}.\n",
                o.capacity.as_str(),
                o.capacity_note
            );
            for u in &o.unpriced {
                let _ = writeln!(out, "- **Incomplete**, not in the total: {}", cell(u));
            }
            if let Some(d) = &o.development_only {
                let _ = writeln!(out, "- **Not for production**: {}", cell(d));
            }
            if let Some(a) = &o.advised_against {
                let _ = writeln!(
                    out,
                    "- **Advised against** by its vendor for this system: {}",
                    cell(a)
                );
            }
            if let Some(d) = &o.durability_doubt {
                let _ = writeln!(out, "- **Ranked after** for durability: {}", cell(d));
            }
            for a in own(o, s) {
                let _ = writeln!(out, "- {a}");
            }
        }
    }
    out.push_str("\n### Prices used\n\n| Price | Amount | Unit | Tag | As of | Source |\n|---|---:|---|---|---|---|\n");
    for p in &c.prices {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {} | {} |",
            p.id,
            p.amount
                .map_or_else(|| "not priced".to_string(), unit_price),
            p.unit,
            p.confidence.map_or("-", |c| c.as_str()),
            p.as_of.as_deref().unwrap_or("-"),
            cell(&p.source)
        );
    }
    let _ = writeln!(out, "\n{LEGEND}\n\n{ROUNDING}");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_read_well() {
        assert_eq!(qty(2190.0), "2,190");
        assert_eq!(qty(293.7023), "293.70");
        assert_eq!(qty(0.00123), "0.0012");
    }
}
