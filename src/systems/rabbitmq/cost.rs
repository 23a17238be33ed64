//! The ways to run RabbitMQ: the broker the team already runs, Amazon MQ (price uncertain), or
//! a self-hosted cluster on VMs.

use crate::systems::cost::{Capacity, CostLine, Ctx, Draft, GIB, Hosting, VM_DISK, txt};
use crate::systems::rabbitmq::sizing::Holds;
use crate::tables::{Instance, Price, Use};
use crate::units::{bytes, num, si};

/// The ways of running it (option ids in the `operations:` table).
pub(crate) const OPTIONS: &[&str] = &["existing-rabbitmq", "amazon-mq", "self-hosted-rabbitmq"];

/// The price ids its ways use directly (machine sizes name theirs in `instances:`).
pub(crate) const PRICES: &[&str] = &[];

/// Why Amazon MQ cannot carry a replayable RabbitMQ stream.
const AMAZON_MQ_NO_STREAMS: &str = "Amazon MQ for RabbitMQ does not support streams (docs.aws.amazon.com/amazon-mq/latest/developer-guide/best-practices-rabbitmq.html [V]), and replay on RabbitMQ needs one";

pub(crate) fn options(ctx: &Ctx) -> (Vec<Draft>, Vec<String>, Vec<String>) {
    let mut out = Vec::new();
    let mut notes = Vec::new();
    if ctx.has_existing(&["rabbitmq"]) {
        out.push(Draft {
            left_out: 0,
            option: "existing-rabbitmq",
            name: txt!(ctx, "The RabbitMQ you already run"),
            hosting: Hosting::Existing,
            development_only: None,
            advised_against: None,
            durability_doubt: None,
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
        out.push(amazon_mq(ctx, inst, price));
    }
    if ctx.managed_only() {
        notes.push(txt!(
            ctx,
            "Self-hosted RabbitMQ left out: the team runs managed services only (team.managed_only)"
        ));
    } else if let Some(d) = self_hosted(ctx) {
        out.push(d);
    }
    (out, notes, Vec::new())
}

/// Amazon MQ's cluster deployment: always the minimum cluster's brokers, so the load can grow
/// only the broker size. A load beyond what its brokers' network carries needs a larger size,
/// whose price is not in msgadvisor's sources: a cost left out, said so.
fn amazon_mq(ctx: &Ctx, inst: &Instance, price: &Price) -> Draft {
    let w = &ctx.w;
    let r = &w.assessment.rabbit;
    let brokers = r.minimum_nodes as f64;
    let mut assumptions = vec![
        txt!(
            ctx,
            "{} brokers, the cluster deployment the guidance's quorum queues need: {}",
            num(brokers),
            r.nodes_source
        ),
        txt!(ctx, "{}: {}", inst.name, inst.source),
        ctx.cross_az_assumption(),
    ];
    if let (Some(w), false) = (inst.quorum_writes_per_sec, r.stream) {
        assumptions.insert(
            2,
            txt!(
                ctx,
                "{} takes {} quorum-queue writes a second per broker: {}",
                inst.name,
                num(w),
                inst.quorum_writes_source.as_deref().unwrap_or_default()
            ),
        );
    }
    // With replay Amazon MQ cannot run the stream at all (below); a stall backlog it can hold,
    // on storage it bills at a rate not in the sources (listed as left out further down).
    if r.holds != Holds::Backlog {
        assumptions.push(txt!(
            ctx,
            "Broker storage is not priced (no figure in msgadvisor's sources)"
        ));
    }
    assumptions.push(txt!(
            ctx,
            "RabbitMQ 4.2 and 4.3 on Amazon MQ run only on mq.m7g (docs.aws.amazon.com/amazon-mq, domain-facts §8 [V]); no mq.m7g price is in msgadvisor's sources, so {} stands in: set yours in a price file",
            inst.name
        ));
    assumptions.extend(ctx.aws_note());
    let mut lines = vec![ctx.line_said(
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
    lines.extend(ctx.cross_az_lines_said(0.0, ""));
    let copies = replicated_copies(ctx);
    let mut unpriced = vec![txt!(
        ctx,
        "replication between the {} nodes ({} GiB a month: ingress × {} copies): whether Amazon MQ bills it is not in msgadvisor's sources",
        num(brokers),
        num(w.ingress_gib * copies),
        num(copies)
    )];
    if r.holds == Holds::Backlog && r.storage_bytes > 0.0 {
        unpriced.push(txt!(
            ctx,
            "broker storage for {} ({} GiB): no Amazon MQ storage price is in msgadvisor's sources",
            holds_what(ctx),
            num(r.storage_bytes / GIB)
        ));
    }
    // Quorum queues only: a stream has no writes figure (and Amazon MQ runs none).
    let writes_max = inst.quorum_writes_per_sec.filter(|_| !r.stream);
    let need = inst
        .ingress_bytes_per_sec
        .map(|i| r.need(i, inst.egress_bytes_per_sec, writes_max));
    if let Some((by, n)) = need.filter(|(_, n)| *n > brokers) {
        let what = if by == "writes" {
            txt!(ctx, "the quorum-queue writes need")
        } else {
            txt!(ctx, "the {} needs the network of", by)
        };
        unpriced.push(txt!(
            ctx,
            "brokers larger than {}: {} at least {} {} brokers and the cluster deployment has {}; no price for a larger size is in msgadvisor's sources",
            inst.name,
            what,
            num(crate::systems::kafka::sizing::ceil(n)),
            inst.name,
            num(brokers)
        ));
    }
    // Replay means a RabbitMQ stream, and Amazon MQ runs no streams: it cannot do this job.
    let (capacity, capacity_note) = if ctx.profile.replay.needed {
        (Capacity::Exceeded, txt!(ctx, "{AMAZON_MQ_NO_STREAMS}"))
    } else {
        (
            Capacity::Unchecked,
            match (need, writes_max) {
                (Some(("writes", n)), Some(w)) if n > brokers => txt!(
                    ctx,
                    "{} × {} take less than this load's quorum-queue writes ({} a second at peak after growth, {} per broker, over the {} a broker takes [D]); a larger broker size is needed and not priced",
                    num(brokers),
                    inst.name,
                    num(r.writes),
                    num(r.writes / brokers),
                    num(w)
                ),
                (Some((_, n)), _) if n > brokers => txt!(
                    ctx,
                    "{} × {} carry less than this load's traffic ({}/s in, {}/s out at peak after growth); a larger broker size is needed and not priced",
                    num(brokers),
                    inst.name,
                    si(r.ingress),
                    si(r.egress)
                ),
                (Some(_), Some(w)) => txt!(
                    ctx,
                    "{} × {}: the traffic ({}/s in, {}/s out at peak after growth) is within what the brokers' machines carry, and the quorum-queue writes ({} per broker a second) within the {} a broker takes [D]",
                    num(brokers),
                    inst.name,
                    si(r.ingress),
                    si(r.egress),
                    num(r.writes / brokers),
                    num(w)
                ),
                (Some(_), None) => txt!(
                    ctx,
                    "{} × {}: the traffic ({}/s in, {}/s out at peak after growth) is within what the brokers' machines carry; unchecked for RabbitMQ's own throughput, which is not in msgadvisor's sources",
                    num(brokers),
                    inst.name,
                    si(r.ingress),
                    si(r.egress)
                ),
                (None, _) => txt!(
                    ctx,
                    "priced at the cluster deployment ({} brokers); unchecked for throughput: no capacity figure for {} in msgadvisor's sources",
                    num(brokers),
                    inst.name
                ),
            },
        )
    };
    Draft {
        left_out: 0,
        option: "amazon-mq",
        name: txt!(
            ctx,
            "Amazon MQ for RabbitMQ ({} × {})",
            num(brokers),
            inst.name
        ),
        hosting: Hosting::Managed,
        development_only: None,
        advised_against: None,
        durability_doubt: None,
        capacity,
        capacity_note,
        lines,
        assumptions,
        unpriced,
    }
}

/// A cluster the team runs on VMs: the assessment's nodes, on the VM it sized them on, and
/// their disks when they hold a retention window or a backlog.
fn self_hosted(ctx: &Ctx) -> Option<Draft> {
    let w = &ctx.w;
    let r = &w.assessment.rabbit;
    let (inst, price) = match &r.instance {
        Some(name) => ctx.data.sizes(Use::Vm).find(|(i, _)| &i.name == name)?,
        None => ctx.data.sizes(Use::Vm).next()?,
    };
    let nodes = r.nodes as f64;
    let mut assumptions = vec![txt!(
        ctx,
        "At least {} nodes: {}; each queue or stream keeps {} copies ({})",
        num(r.minimum_nodes as f64),
        r.nodes_source,
        num(r.replicas as f64),
        r.replicas_source
    )];
    if let (Some(m), Some(w)) = (r.ingress_per_node_max, r.writes_per_node_max) {
        assumptions.push(txt!(
            ctx,
            "{} carries at most {}/s in and {} out per node: {} It takes {} quorum-queue writes a second per node: {}",
            inst.name,
            si(m),
            r.egress_per_node_max
                .map_or_else(|| "unchecked".to_string(), |e| format!("{}/s", si(e))),
            inst.source,
            num(w),
            inst.quorum_writes_source.as_deref().unwrap_or_default()
        ));
    } else if let Some(m) = r.ingress_per_node_max {
        assumptions.push(txt!(
            ctx,
            "{} carries at most {}/s in and {} out per node: {} These nodes are therefore a floor [D]: RabbitMQ's own throughput per node is not in msgadvisor's sources, and with small messages a node's CPU, not its network, is the likely limit (Jack Vanlightly, \"Cluster Sizing and Other Considerations\", rabbitmq.com/blog/2020/06/18/cluster-sizing-and-other-considerations, 2020-06-18)",
            inst.name,
            si(m),
            r.egress_per_node_max
                .map_or_else(|| "unchecked".to_string(), |e| format!("{}/s", si(e))),
            inst.source
        ));
    }
    assumptions.push(ctx.cross_az_assumption());
    let mut lines = vec![ctx.line_said(
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
    )];
    if r.storage_bytes > 0.0 {
        lines.push(storage_line(ctx));
    } else {
        assumptions.push(txt!(
            ctx,
            "Disks hold the messages in flight only (a quorum queue keeps a message until it is acknowledged; set consumers.max_stall_minutes to size them for a stall), so they are not priced; gp3 is {} per GiB-month",
            ctx.data
                .prices
                .get(VM_DISK)
                .and_then(|p| p.amount)
                .map_or_else(|| "not priced".to_string(), crate::units::unit_price)
        ));
    }
    let over = if r.stream {
        "the stream's replicas"
    } else {
        "the quorum queues' replicas"
    };
    lines.extend(ctx.cross_az_lines_said(replicated_copies(ctx), over));
    assumptions.extend(ctx.vm_note(&inst.name));
    Some(Draft {
        left_out: 0,
        option: "self-hosted-rabbitmq",
        name: txt!(ctx, "Self-hosted RabbitMQ ({} × {})", num(nodes), inst.name),
        hosting: Hosting::SelfHosted,
        development_only: None,
        advised_against: None,
        durability_doubt: None,
        unpriced: Vec::new(),
        capacity: Capacity::Unchecked,
        capacity_note: capacity_note(ctx, &inst.name),
        lines,
        assumptions,
    })
}

/// Why the self-hosted cluster has its nodes, and that they are a floor.
fn capacity_note(ctx: &Ctx, vm: &str) -> String {
    let r = &ctx.w.assessment.rabbit;
    let Some(in_max) = r.ingress_per_node_max else {
        return txt!(
            ctx,
            "priced at the minimum cluster ({} nodes); unchecked for throughput: no capacity figure for {vm} in msgadvisor's sources, so it does not grow with the load",
            num(r.nodes as f64)
        );
    };
    let out = match r.egress_per_node_max {
        Some(e) => txt!(ctx, "{}/s", si(e)),
        None => txt!(ctx, "not checked"),
    };
    // What each node's network carries, said the same with or without a writes figure.
    let network = |at_peak: &str| {
        txt!(
            ctx,
            "{}/s in and {}/s out per node{at_peak} (out: ingress × ({} replicas − 1) × {} queue(s) + × {} group(s)), within {}/s and {out}, what the same machine carries as a Kafka broker",
            si(r.ingress_per_node()),
            si(r.egress_per_node()),
            num(r.replicas as f64),
            num(r.queues as f64),
            num(ctx.w.groups),
            si(in_max)
        )
    };
    match r.writes_per_node_max {
        Some(w) => txt!(
            ctx,
            "at least {} × {vm}, set by the {}: {} quorum-queue writes a second per node at peak after growth (msg/s × {} queue(s) × {} replicas), within the {} a node takes [D], and {}",
            num(r.nodes as f64),
            r.limited_by,
            num(r.writes_per_node()),
            num(r.queues as f64),
            num(r.replicas as f64),
            num(w),
            network("")
        ),
        None => txt!(
            ctx,
            "at least {} × {vm}, set by the {}: {}; a floor: RabbitMQ's throughput per node is not in msgadvisor's sources",
            num(r.nodes as f64),
            r.limited_by,
            network(" at peak after growth")
        ),
    }
}

/// Copies of each produced byte sent between nodes: each queue's other replicas.
fn replicated_copies(ctx: &Ctx) -> f64 {
    let r = &ctx.w.assessment.rabbit;
    r.queues as f64 * (r.replicas as f64 - 1.0)
}

/// What the disks hold, in words.
fn holds_what(ctx: &Ctx) -> String {
    let r = &ctx.w.assessment.rabbit;
    match r.holds {
        Holds::Window => txt!(
            ctx,
            "the stream's retention window ({} per copy, x-max-age {} day(s))",
            bytes(r.bytes_per_copy),
            num(ctx.profile.replay.retention_days)
        ),
        Holds::Backlog => txt!(
            ctx,
            "the backlog of a {} min stall in {} quorum queue(s) ({} per copy)",
            num(ctx.profile.consumers.max_stall_minutes.unwrap_or(0.0)),
            num(r.queues as f64),
            bytes(r.bytes_per_copy)
        ),
        Holds::InFlight => String::new(),
    }
}

fn storage_line(ctx: &Ctx) -> CostLine {
    let r = &ctx.w.assessment.rabbit;
    ctx.line_said(
        txt!(
            ctx,
            "disk: {} × {} replicas × headroom {}",
            holds_what(ctx),
            num(r.replicas as f64),
            num(r.storage_headroom)
        ),
        r.storage_bytes / GIB,
        "GiB-month",
        VM_DISK,
    )
}
