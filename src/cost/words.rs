//! The wording step: after the ranking, says what [`super::estimate`] priced for the profile
//! shown, computing nothing: each way in its system's words with what every way shares, each
//! system's notes and why its way is suggested (from the facts in [`Why`]), how the volumes are
//! counted, and the prices the lines used, with their sources.

use super::{Basis, CostData, CostOption, Costing, Hosting, SystemCost, Why};
use crate::cost::Capacity;
use crate::profile::{Derived, Profile};
use crate::systems::SystemModule;
use crate::systems::cost::{Ctx, Figures};
use crate::tables::Price;
use std::collections::BTreeMap;

/// The wording step: says what [`super::estimate`] priced, after the ranking, computing nothing.
/// Each way's words are its system's ([`SystemModule::word`]) with what every way shares
/// (`word_option`); each system's notes and why its way is suggested (`word_system`); how
/// the volumes are counted, and the prices the lines used, with their sources.
pub fn word(costing: &mut Costing, data: &CostData, profile: &Profile, derived: &Derived) {
    let Costing {
        options,
        summary,
        workload,
    } = costing;
    let ctx = Ctx {
        data,
        profile,
        derived,
        w: workload,
    };
    for o in options.iter_mut() {
        if let Some(module) = crate::systems::by_id(&o.system) {
            word_option(module, &ctx, o);
        }
    }
    for s in &mut summary.systems {
        let Some(module) = crate::systems::by_id(&s.system) else {
            continue;
        };
        let from = options.iter().position(|o| o.system == s.system);
        let to = options.iter().rposition(|o| o.system == s.system);
        let of = match (from, to) {
            (Some(from), Some(to)) => &options[from..=to],
            _ => &[],
        };
        word_system(module, &ctx, s, of);
    }
    // The price list is for a reader: it repeats, with sources, the prices the lines used.
    let mut used: BTreeMap<&str, &Price> = BTreeMap::new();
    for l in options.iter().flat_map(|o| &o.lines) {
        if let Some(p) = data.prices.get(&l.price) {
            used.insert(&p.id, p);
        }
    }
    summary.prices = used.into_values().cloned().collect();
    summary.hours_source = data.fact_source("hours_per_month").to_string();
    summary.hourly_source = data.operations.rate_source(profile);
    summary.basis = vec![
        format!(
            "Transfer, storage and memory at today's average rate ({}/s); machine sizes for the peak after growth ({}/s)",
            crate::units::bytes(ctx.w.avg_bytes_per_sec),
            crate::units::bytes(ctx.w.peak_bytes_per_sec_grown),
        ),
        "GiB = 2^30 bytes (Confluent bills \"GB\" as GiB; every \"GB\" price is read that way)"
            .to_string(),
        "Producers' and consumers' own compute is left out: it is the same whichever system carries the messages"
            .to_string(),
    ];
}

/// Writes one option's words from its figures: the system's own ([`SystemModule::word`]),
/// then what every way shares (each line's source, the lines without a price, where the people
/// hours come from, a small team running servers).
fn word_option(module: &SystemModule, ctx: &Ctx, o: &mut CostOption) {
    let figures = Figures {
        option: &o.option,
        lines: &o.lines,
        capacity: o.capacity,
    };
    if let Some(w) = (module.word)(ctx, &figures) {
        o.name = w.name;
        o.capacity_note = w.capacity_note;
        o.assumptions = w.assumptions;
        for (line, item) in o.lines.iter_mut().zip(w.items) {
            line.item = item;
        }
        o.unpriced = w.unpriced;
    }
    for line in &mut o.lines {
        if let Some(p) = ctx.data.prices.get(&line.price) {
            line.source = p.source.clone();
            line.as_of = p.as_of.clone();
        }
    }
    let unpriced_lines = o.lines.iter().filter(|l| l.unpriced()).map(|l| {
        format!(
            "{} ({} {}, no price `{}`)",
            l.item,
            crate::units::num(l.quantity),
            l.unit,
            l.price
        )
    });
    o.unpriced = unpriced_lines.chain(o.unpriced.drain(..)).collect();
    ctx.data
        .operations
        .people_words(&o.option, ctx.profile, &mut o.people);
    if o.hosting == Hosting::SelfHosted
        && f64::from(ctx.profile.team.size) <= ctx.fact("small_team_max_size")
    {
        o.assumptions.push(format!(
            "A team of {}: on-call for servers it runs itself falls on few people; small teams should prefer managed offerings (Kafka — when · when not, §9)",
            ctx.profile.team.size
        ));
    }
}

/// Says one system's cost: its notes (the system's own, the ways over a published limit, the
/// ways for development only where messages must not be lost) and why its way is suggested,
/// from the facts [`summarise`] found. `options` are the system's, worded, in order.
fn word_system(module: &SystemModule, ctx: &Ctx, s: &mut SystemCost, options: &[CostOption]) {
    let words = (module.notes)(ctx);
    s.notes = words.notes;
    s.assumptions = words.assumptions;
    for o in options.iter().filter(|o| o.capacity == Capacity::Exceeded) {
        s.notes.push(format!(
            "{} exceeds a published limit: {}",
            o.name, o.capacity_note
        ));
    }
    if !ctx.profile.delivery.loss_ok {
        for o in options.iter().filter(|o| o.capacity != Capacity::Exceeded) {
            if let Some(d) = o.development_only {
                s.notes.push(format!(
                    "{} is not suggested for a workload that cannot lose messages (delivery.loss_ok: false): {d}; fine for a prototype",
                    o.name
                ));
            }
        }
    }
    let suggested = options.iter().find(|o| o.option == s.suggested_option);
    s.suggested_why = match suggested {
        Some(suggested) => suggested_why(&s.why, suggested, options, ctx),
        None if s.why.basis == Basis::NotPriced => "no way of running it is priced".to_string(),
        // Short: the one-screen summary gives it a narrow column; each way's capacity note
        // says which limit.
        None => "none: each way exceeds a limit".to_string(),
    };
}

/// The words that agree with a list of ways' names: `one` for a single way, `many` otherwise.
fn agree<T>(ways: &[String], one: T, many: T) -> T {
    if ways.len() == 1 { one } else { many }
}

/// Why `suggested` is suggested, in words, clause by clause as [`Why`] has them.
fn suggested_why(why: &Why, suggested: &CostOption, options: &[CostOption], ctx: &Ctx) -> String {
    let names =
        |at: &[usize]| -> Vec<String> { at.iter().map(|i| options[*i].name.clone()).collect() };
    let mut out = match &why.basis {
        Basis::Lowest {
            ready,
            kept,
            checked,
            advised,
            within,
        } => {
            // Each clause said only when it narrows the ways the claim covers.
            let only = |narrows: &bool, clause: &'static str| if *narrows { clause } else { "" };
            let ready = only(ready, "production-ready ");
            let kept = only(
                kept,
                " whose sources say they keep every acknowledged write",
            );
            let checked = only(checked, " whose capacity is checked");
            let advised = only(advised, " that no vendor advises against for this system");
            let limit = within.map_or_else(String::new, |b| {
                format!(
                    " within the {} infrastructure budget (budget.monthly_usd)",
                    crate::units::usd(b)
                )
            });
            format!(
                "the lowest total (infrastructure + people) of the {ready}ways that fit{kept}{checked}{advised}{limit}"
            )
        }
        _ => format!(
            "the cheapest way a team of {} does not run itself (small teams should prefer managed offerings, Kafka — when · when not, §9)",
            ctx.profile.team.size
        ),
    };
    if why.unchecked {
        out.push_str("; no way's capacity could be checked against a published figure");
    }
    if !why.cheaper_unchecked.is_empty() {
        let names = names(&why.cheaper_unchecked);
        let (verb, its) = agree(
            &names,
            ("costs", "its capacity is"),
            ("cost", "their capacity is"),
        );
        out.push_str(&format!(
            "; {} {verb} less, but {its} unchecked: no published figure says it carries this workload",
            crate::diag::few(&names, names.len())
        ));
    }
    if let Some(doubt) = suggested.durability_doubt {
        out.push_str(&format!(
            "; suggested though ranked after for durability, as no way ahead of it fits: {doubt}"
        ));
    } else if !why.doubted_ahead.is_empty() {
        // Grouped by doubt (the two Serverless ways share theirs), the principle said once.
        let mut ahead: Vec<(Vec<String>, String)> = Vec::new();
        for o in why.doubted_ahead.iter().map(|i| &options[*i]) {
            let mut doubt = o.durability_doubt.unwrap_or_default().to_string();
            if let Some(a) = o.advised_against {
                doubt.push_str(&format!("; its vendor also advises against it here: {a}"));
            }
            match ahead.iter_mut().find(|(_, d)| *d == doubt) {
                Some((names, _)) => names.push(o.name.clone()),
                None => ahead.push((vec![o.name.clone()], doubt)),
            }
        }
        let each: Vec<String> = ahead
            .iter()
            .map(|(names, doubt)| {
                let (are, its) = agree(names, ("is", "its total"), ("are", "their totals"));
                format!(
                    "{} {are} ranked after it, whatever {its}: {doubt}",
                    crate::diag::few(names, names.len())
                )
            })
            .collect();
        out.push_str(&format!(
            "; where messages must not be lost, that comes first, even when a total is a floor (a requirement before a price): {}",
            each.join("; ")
        ));
    }
    // What the budget did to the suggestion, or that it could do nothing.
    if !why.dearer.is_empty() {
        let dearer: Vec<String> = why
            .dearer
            .iter()
            .map(|i| {
                let o = &options[*i];
                format!(
                    "{} ({} of infrastructure)",
                    o.name,
                    crate::units::usd(o.infrastructure_usd)
                )
            })
            .collect();
        let (verb, is) = agree(&dearer, ("costs", "is"), ("cost", "are"));
        out.push_str(&format!(
            "; {} {verb} less in total but {is} over it: the budget is a limit the profile sets, the people cost msgadvisor's estimate",
            crate::diag::few(&dearer, dearer.len())
        ));
    } else if let Some((b, fits)) = &why.over {
        let others = if fits.is_empty() {
            "as is every way that fits".to_string()
        } else {
            let fits: Vec<String> = fits
                .iter()
                .map(|i| {
                    let o = &options[*i];
                    format!("{} ({})", o.name, crate::units::usd(o.infrastructure_usd))
                })
                .collect();
            format!(
                "within it only {}, ranked after it for durability",
                crate::diag::few(&fits, fits.len())
            )
        };
        out.push_str(&format!(
            "; its {} of infrastructure is over the {} budget (budget.monthly_usd), {others}",
            crate::units::usd(suggested.infrastructure_usd),
            crate::units::usd(*b)
        ));
    }
    if let Some(floors) = &why.floors {
        out.push_str(&format!(
            "; INCOMPLETE: its total leaves out {}, so it is a floor",
            suggested.unpriced.join("; ")
        ));
        // A floor's being lower says nothing about the full cost, so say what decided.
        let others: Vec<String> = floors
            .iter()
            .map(|i| {
                let o = &options[*i];
                match o.advised_against {
                    Some(a) => format!("{} is ranked after it, whatever its floor: {a}", o.name),
                    None => format!("{}'s total is a floor too", o.name),
                }
            })
            .collect();
        if !others.is_empty() {
            out.push_str(&format!(
                "; the comparison is between floors: {}",
                others.join("; ")
            ));
        }
    }
    out
}
