//! The way to run a transactional outbox: the database the messages are born in, plus one relay
//! worker.

use super::{Capacity, Ctx, Draft, Hosting, Use};
use crate::render::num;

pub(super) fn options(ctx: &Ctx) -> (Vec<Draft>, Vec<String>, Vec<String>) {
    let w = &ctx.w;
    let vms = ctx.fact("outbox_worker_vms");
    let database = ctx
        .profile
        .source
        .database
        .map(|d| d.as_str().to_string())
        .or_else(|| {
            ctx.profile
                .platform
                .existing
                .iter()
                .find(|e| matches!(e.as_str(), "postgres" | "mysql"))
                .cloned()
        })
        .unwrap_or_else(|| "database".to_string());
    let mut assumptions = vec![
        format!(
            "The existing {database}: the outbox table adds a row per message ({} a month) and its I/O there, not priced",
            crate::render::thousands(w.messages_per_month)
        ),
        format!(
            "{} worker VM(s): {}",
            num(vms),
            ctx.fact_source("outbox_worker_vms")
        ),
    ];
    let mut lines = Vec::new();
    let mut name = "Outbox table + one worker".to_string();
    if let Some((inst, price)) = ctx.data.sizes(Use::Vm).into_iter().next() {
        lines.push(ctx.line(
            format!(
                "worker VM-hours: {} × {} × {} h",
                num(vms),
                inst.name,
                num(w.hours)
            ),
            vms * w.hours,
            "instance-hour",
            &price.id,
        ));
        name = format!("Outbox table + one worker ({})", inst.name);
        assumptions.extend(ctx.vm_note(&inst.name));
    }
    (
        vec![Draft {
            option: "outbox-worker",
            name,
            hosting: Hosting::Existing,
            capacity: Capacity::Assumed,
            capacity_note: format!(
                "runs on the existing {database}; one worker's ceiling is the outbox rules' concern"
            ),
            lines,
            assumptions,
        }],
        Vec::new(),
        Vec::new(),
    )
}
