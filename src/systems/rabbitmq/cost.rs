//! The ways to run RabbitMQ: the broker the team already runs, Amazon MQ (price uncertain), or
//! a self-hosted cluster on VMs.

use crate::systems::cost::{Capacity, Ctx, Draft, Hosting, txt};
use crate::tables::Use;
use crate::units::num;

/// The ways of running it (option ids in the `operations:` table).
pub(crate) const OPTIONS: &[&str] = &["existing-rabbitmq", "amazon-mq", "self-hosted-rabbitmq"];

/// The price ids its ways use directly (machine sizes name theirs in `instances:`).
pub(crate) const PRICES: &[&str] = &[];

/// Why Amazon MQ cannot carry a replayable RabbitMQ stream.
const AMAZON_MQ_NO_STREAMS: &str = "Amazon MQ for RabbitMQ does not support streams (docs.aws.amazon.com/amazon-mq/latest/developer-guide/best-practices-rabbitmq.html [V]), and replay on RabbitMQ needs one";

pub(crate) fn options(ctx: &Ctx) -> (Vec<Draft>, Vec<String>, Vec<String>) {
    let w = &ctx.w;
    let mut out = Vec::new();
    let mut notes = Vec::new();
    if ctx.has_existing(&["rabbitmq"]) {
        out.push(Draft {
            option: "existing-rabbitmq",
            name: txt!(ctx, "The RabbitMQ you already run"),
            hosting: Hosting::Existing,
            development_only: None,
            unpriced: Vec::new(),
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
            ctx.cross_az_assumption(),
            txt!(
                ctx,
                "Broker storage is not priced (no figure in msgadvisor's sources)"
            ),
            txt!(
                ctx,
                "RabbitMQ 4.2 and 4.3 on Amazon MQ run only on mq.m7g (docs.aws.amazon.com/amazon-mq, domain-facts §8 [V]); no mq.m7g price is in msgadvisor's sources, so {} stands in: set yours in a price file",
                inst.name
            ),
        ];
        assumptions.extend(ctx.aws_note());
        let mut lines = vec![ctx.line(
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
        )];
        lines.extend(ctx.cross_az_lines(0.0, ""));
        // Replay means a RabbitMQ stream, and Amazon MQ runs no streams: it cannot do this job.
        let (capacity, capacity_note) = if ctx.profile.replay.needed {
            (Capacity::Exceeded, txt!(ctx, "{AMAZON_MQ_NO_STREAMS}"))
        } else {
            (
                Capacity::Unchecked,
                txt!(
                    ctx,
                    "priced at the minimum cluster ({} nodes); unchecked for throughput: no per-node capacity of {} in msgadvisor's sources, so it does not grow with the load",
                    num(brokers),
                    inst.name
                ),
            )
        };
        out.push(Draft {
            option: "amazon-mq",
            name: txt!(
                ctx,
                "Amazon MQ for RabbitMQ ({} × {})",
                num(brokers),
                inst.name
            ),
            hosting: Hosting::Managed,
            development_only: None,
            capacity,
            capacity_note,
            lines,
            assumptions,
            unpriced: vec![txt!(
                ctx,
                "replication between the {} nodes ({} GiB a month: ingress × {} copies): whether Amazon MQ bills it is not in msgadvisor's sources",
                num(brokers),
                num(w.ingress_gib * (brokers - 1.0)),
                num(brokers - 1.0)
            )],
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
            ctx.cross_az_assumption(),
            txt!(
                ctx,
                "Disks hold the backlog only (a quorum queue keeps a message until it is acknowledged): their size depends on how far consumers fall behind, so they are not priced; gp3 is {} per GiB-month",
                ctx.data
                    .prices
                    .get(crate::systems::cost::VM_DISK)
                    .and_then(|p| p.amount)
                    .map_or_else(|| "not priced".to_string(), crate::units::unit_price)
            ),
        ];
        assumptions.extend(ctx.vm_note(&inst.name));
        let nodes_lines = ctx.cross_az_lines(nodes - 1.0, "the quorum queue's nodes");
        out.push(Draft {
            option: "self-hosted-rabbitmq",
            name: txt!(ctx, "Self-hosted RabbitMQ ({} × {})", num(nodes), inst.name),
            hosting: Hosting::SelfHosted,
            development_only: None,
            unpriced: Vec::new(),
            capacity: Capacity::Unchecked,
            capacity_note: txt!(
                ctx,
                "priced at the minimum cluster ({} nodes); unchecked for throughput: RabbitMQ's throughput per node is not in msgadvisor's sources, so it does not grow with the load",
                num(nodes)
            ),
            lines: std::iter::once(ctx.line(
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
            ))
            .chain(nodes_lines)
            .collect(),
            assumptions,
        });
    }
    (out, notes, Vec::new())
}
