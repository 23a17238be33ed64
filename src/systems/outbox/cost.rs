//! The way to run a transactional outbox: the database the messages are born in, plus one relay
//! worker; priced as figures, and worded after the ranking.

use crate::systems::cost::{Capacity, Ctx, Draft, Figures, Hosting, Words};
use crate::tables::Use;
use crate::units::num;

const WORKER: &str = "outbox-worker";

/// The ways of running it (option ids in the `operations:` table).
pub(crate) const OPTIONS: &[&str] = &[WORKER];

/// The price ids its ways use directly (machine sizes name theirs in `instances:`).
pub(crate) const PRICES: &[&str] = &[];

pub(crate) fn options(ctx: &Ctx) -> Vec<Draft> {
    let vms = ctx.fact("outbox_worker_vms");
    // The cheapest VM, when one has a price; worded from the line's price id.
    let lines = ctx
        .data
        .sizes(Use::Vm)
        .next()
        .map(|(_, price)| ctx.line(vms * ctx.w.hours, "instance-hour", &price.id))
        .into_iter()
        .collect();
    vec![Draft::new(
        WORKER,
        Hosting::Existing,
        Capacity::Assumed,
        lines,
        0,
    )]
}

/// The words of the outbox's way.
pub(crate) fn word(ctx: &Ctx, f: &Figures) -> Option<Words> {
    if f.option != WORKER {
        return None;
    }
    let vms = num(ctx.fact("outbox_worker_vms"));
    // Which database the notes name.
    let database = ctx
        .profile
        .source
        .database
        .map(|d| d.as_str())
        .or_else(|| {
            ctx.profile
                .platform
                .existing
                .iter()
                .map(String::as_str)
                .find(|e| matches!(*e, "postgres" | "mysql"))
        })
        .unwrap_or("database");
    let mut words = Words {
        name: "Outbox table + one worker".to_string(),
        capacity_note: format!(
            "runs on the existing {database}; one worker's ceiling is the outbox rules' concern"
        ),
        assumptions: vec![
            format!(
                "The existing {database}: the outbox table adds a row per message ({} a month) and its I/O there, not priced",
                crate::units::thousands(ctx.w.messages_per_month)
            ),
            format!(
                "{vms} worker VM(s): {}",
                ctx.fact_source("outbox_worker_vms")
            ),
        ],
        ..Words::default()
    };
    // The VM the pricing's line is priced with.
    let vm = f
        .lines
        .first()
        .and_then(|l| ctx.data.sizes(Use::Vm).find(|(_, p)| p.id == l.price));
    if let Some((inst, _)) = vm {
        words.items.push(format!(
            "worker VM-hours: {vms} × {} × {} h",
            inst.name,
            num(ctx.w.hours)
        ));
        words.name = format!("Outbox table + one worker ({})", inst.name);
        words.assumptions.extend(ctx.vm_note(&inst.name));
    }
    Some(words)
}
