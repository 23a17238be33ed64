//! The ways to run RabbitMQ: the broker the team already runs, Amazon MQ (price uncertain), or
//! a self-hosted cluster on VMs.

use super::{Capacity, Ctx, Draft, Hosting, Use};
use crate::units::num;

pub(super) fn options(ctx: &Ctx) -> (Vec<Draft>, Vec<String>, Vec<String>) {
    let w = &ctx.w;
    let mut out = Vec::new();
    let mut notes = Vec::new();
    if ctx.has_existing(&["rabbitmq"]) {
        out.push(Draft {
            option: "existing-rabbitmq",
            name: txt!(ctx, "The RabbitMQ you already run"),
            hosting: Hosting::Existing,
            capacity: Capacity::Assumed,
            capacity_note: txt!(
                ctx,
                "platform.existing has RabbitMQ; check it has room for this workload"
            ),
            lines: Vec::new(),
            assumptions: vec![
                txt!(
                    ctx,
                    "No new brokers: new queues on the RabbitMQ in platform.existing; their added load is not priced"
                ),
            ],
        });
    }
    if let Some((inst, price)) = ctx.data.sizes(Use::AmazonMqBroker).next() {
        let brokers = w.assessment.rabbit.nodes as f64;
        let mut assumptions = vec![
            txt!(
                ctx,
                "{} brokers, the cluster deployment the guidance's quorum queues need: {}",
                num(brokers),
                w.assessment.rabbit.nodes_source
            ),
            txt!(ctx, "{}: {}", inst.name, inst.source),
            txt!(
                ctx,
                "Broker storage and data transfer are not priced (no figures in msgadvisor's sources)"
            ),
        ];
        assumptions.extend(ctx.aws_note());
        out.push(Draft {
            option: "amazon-mq",
            name: txt!(
                ctx,
                "Amazon MQ for RabbitMQ ({} × {})",
                num(brokers),
                inst.name
            ),
            hosting: Hosting::Managed,
            capacity: Capacity::Unchecked,
            capacity_note: txt!(
                ctx,
                "the throughput of {} is not in msgadvisor's sources",
                inst.name
            ),
            lines: vec![ctx.line(
                txt!(
                    ctx,
                    "broker-hours: {} × {} × {} h",
                    num(brokers),
                    inst.name,
                    num(w.hours)
                ),
                brokers * w.hours,
                "broker-hour",
                &price.id,
            )],
            assumptions,
        });
    }
    if ctx.managed_only() {
        notes.push(txt!(
            ctx,
            "Self-hosted RabbitMQ left out: the team runs managed services only (team.managed_only)"
        ));
    } else if let Some((inst, price)) = ctx.data.sizes(Use::Vm).next() {
        let nodes = w.assessment.rabbit.nodes as f64;
        let mut assumptions = vec![
            txt!(
                ctx,
                "{} nodes, the cluster the guidance's quorum queues need: {}",
                num(nodes),
                w.assessment.rabbit.nodes_source
            ),
            txt!(
                ctx,
                "Disks and data transfer are not priced (no figures in msgadvisor's sources)"
            ),
        ];
        assumptions.extend(ctx.vm_note(&inst.name));
        out.push(Draft {
            option: "self-hosted-rabbitmq",
            name: txt!(ctx, "Self-hosted RabbitMQ ({} × {})", num(nodes), inst.name),
            hosting: Hosting::SelfHosted,
            capacity: Capacity::Unchecked,
            capacity_note: txt!(
                ctx,
                "RabbitMQ's throughput on this VM is not in msgadvisor's sources"
            ),
            lines: vec![ctx.line(
                txt!(
                    ctx,
                    "VM-hours: {} × {} × {} h",
                    num(nodes),
                    inst.name,
                    num(w.hours)
                ),
                nodes * w.hours,
                "instance-hour",
                &price.id,
            )],
            assumptions,
        });
    }
    (out, notes, Vec::new())
}
