//! The way to run a transactional outbox: the database the messages are born in, plus one relay
//! worker.

use crate::systems::cost::{Capacity, Ctx, Draft, Hosting, txt};
use crate::tables::Use;
use crate::units::num;

/// The ways of running it (option ids in the `operations:` table).
pub(crate) const OPTIONS: &[&str] = &["outbox-worker"];

/// The price ids its ways use directly (machine sizes name theirs in `instances:`).
pub(crate) const PRICES: &[&str] = &[];

pub(crate) fn options(ctx: &Ctx) -> (Vec<Draft>, Vec<String>, Vec<String>) {
    let w = &ctx.w;
    let vms = ctx.fact("outbox_worker_vms");
    // Text only: which database the notes name.
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
    let mut assumptions = vec![
        txt!(
            ctx,
            "The existing {database}: the outbox table adds a row per message ({} a month) and its I/O there, not priced",
            crate::units::thousands(w.messages_per_month)
        ),
        txt!(
            ctx,
            "{} worker VM(s): {}",
            num(vms),
            ctx.fact_source("outbox_worker_vms")
        ),
    ];
    let mut lines = Vec::new();
    let mut name = txt!(ctx, "Outbox table + one worker");
    if let Some((inst, price)) = ctx.data.sizes(Use::Vm).next() {
        lines.push(ctx.line_said(
            txt!(
                ctx,
                "worker VM-hours: {} × {} × {} h",
                num(vms),
                inst.name,
                num(w.hours)
            ),
            vms * w.hours,
            "instance-hour",
            &price.id,
        ));
        name = txt!(ctx, "Outbox table + one worker ({})", inst.name);
        assumptions.extend(ctx.vm_note(&inst.name));
    }
    (
        vec![Draft {
            left_out: 0,
            option: "outbox-worker",
            name,
            hosting: Hosting::Existing,
            development_only: None,
            advised_against: None,
            durability_doubt: None,
            unpriced: Vec::new(),
            capacity: Capacity::Assumed,
            capacity_note: txt!(
                ctx,
                "runs on the existing {database}; one worker's ceiling is the outbox rules' concern"
            ),
            lines,
            assumptions,
        }],
        Vec::new(),
        Vec::new(),
    )
}
