//! The ways to run RabbitMQ: the broker the team already runs, Amazon MQ (price uncertain), or
//! a self-hosted cluster on VMs.

use super::{Capacity, Ctx, Draft, Hosting, Use};
use crate::render::num;

pub(super) fn options(ctx: &Ctx) -> (Vec<Draft>, Vec<String>, Vec<String>) {
    let w = &ctx.w;
    let mut out = Vec::new();
    let mut notes = Vec::new();
    if ctx.has_existing(&["rabbitmq"]) {
        out.push(Draft {
            option: "existing-rabbitmq",
            name: "The RabbitMQ you already run".to_string(),
            hosting: Hosting::Existing,
            capacity: Capacity::Assumed,
            capacity_note: "platform.existing has RabbitMQ; check it has room for this workload"
                .to_string(),
            lines: Vec::new(),
            assumptions: vec![
                "No new brokers: new queues on the RabbitMQ in platform.existing; their added load is not priced".to_string(),
            ],
        });
    }
    if let Some((inst, price)) = ctx.data.sizes(Use::AmazonMqBroker).into_iter().next() {
        let brokers = ctx.fact("amazon_mq_brokers");
        let mut assumptions = vec![
            format!(
                "{} broker(s): {}",
                num(brokers),
                ctx.fact_source("amazon_mq_brokers")
            ),
            format!("{}: {}", inst.name, inst.source),
            "Broker storage and data transfer are not priced (no figures in msgadvisor's sources)"
                .to_string(),
        ];
        assumptions.extend(ctx.aws_note());
        out.push(Draft {
            option: "amazon-mq",
            name: format!("Amazon MQ for RabbitMQ ({} × {})", num(brokers), inst.name),
            hosting: Hosting::Managed,
            capacity: Capacity::Unchecked,
            capacity_note: format!(
                "the throughput of {} is not in msgadvisor's sources",
                inst.name
            ),
            lines: vec![ctx.line(
                format!(
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
        notes.push(
            "Self-hosted RabbitMQ left out: the team runs managed services only (team.managed_only)"
                .to_string(),
        );
    } else if let Some((inst, price)) = ctx.data.sizes(Use::Vm).into_iter().next() {
        let nodes = ctx.fact("rabbitmq_self_hosted_nodes");
        let mut assumptions = vec![
            format!(
                "{} nodes: {}",
                num(nodes),
                ctx.fact_source("rabbitmq_self_hosted_nodes")
            ),
            "Disks and data transfer are not priced (no figures in msgadvisor's sources)"
                .to_string(),
        ];
        assumptions.extend(ctx.vm_note(&inst.name));
        out.push(Draft {
            option: "self-hosted-rabbitmq",
            name: format!("Self-hosted RabbitMQ ({} × {})", num(nodes), inst.name),
            hosting: Hosting::SelfHosted,
            capacity: Capacity::Unchecked,
            capacity_note: "RabbitMQ's throughput on this VM is not in msgadvisor's sources"
                .to_string(),
            lines: vec![ctx.line(
                format!(
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
