//! The ways to run RabbitMQ: the broker the team already runs, Amazon MQ (price uncertain), or
//! a self-hosted cluster on VMs. Each way's pricing (figures only) sits beside the function
//! that words it after the ranking; both read the assessment's numbers (`sizing`).

use crate::systems::cost::{
    Capacity, Ctx, Draft, Figures, GIB, Hosting, SystemWords, VM_DISK, Words,
};
use crate::systems::rabbitmq::sizing::Holds;
use crate::tables::Instance;
use crate::units::{bytes, num, si};

const EXISTING: &str = "existing-rabbitmq";
const AMAZON_MQ: &str = "amazon-mq";
const SELF_HOSTED: &str = "self-hosted-rabbitmq";

/// The ways of running it (option ids in the `operations:` table).
pub(crate) const OPTIONS: &[&str] = &[EXISTING, AMAZON_MQ, SELF_HOSTED];

/// The price ids its ways use directly (machine sizes name theirs in `instances:`).
pub(crate) const PRICES: &[&str] = &[];

/// Why Amazon MQ cannot carry a replayable RabbitMQ stream.
const AMAZON_MQ_NO_STREAMS: &str = "Amazon MQ for RabbitMQ does not support streams (docs.aws.amazon.com/amazon-mq/latest/developer-guide/best-practices-rabbitmq.html [V]), and replay on RabbitMQ needs one";

/// Every way to run RabbitMQ for this profile, as figures.
pub(crate) fn options(ctx: &Ctx) -> Vec<Draft> {
    let mut out = Vec::new();
    if ctx.has_existing(&["rabbitmq"]) {
        out.push(Draft::existing(EXISTING, Capacity::Assumed));
    }
    out.extend(amazon_mq(ctx));
    if !ctx.managed_only() {
        out.extend(self_hosted(ctx));
    }
    out
}

/// The words of one of RabbitMQ's ways.
pub(crate) fn word(ctx: &Ctx, f: &Figures) -> Option<Words> {
    Some(match f.option {
        EXISTING => Words {
            name: "The RabbitMQ you already run".to_string(),
            capacity_note: "platform.existing has RabbitMQ; check it has room for this workload"
                .to_string(),
            assumptions: vec![
                "No new brokers: new queues on the RabbitMQ in platform.existing; their added load is not priced".to_string(),
            ],
            ..Words::default()
        },
        AMAZON_MQ => amazon_mq_words(ctx, f)?,
        SELF_HOSTED => self_hosted_words(ctx, f)?,
        _ => return None,
    })
}

/// RabbitMQ's notes: the ways left out, and why.
pub(crate) fn notes(ctx: &Ctx) -> SystemWords {
    SystemWords {
        notes: ctx.managed_only_notes("Self-hosted RabbitMQ"),
        assumptions: Vec::new(),
    }
}

/// Amazon MQ's cluster deployment: always the minimum cluster's brokers, so the load can grow
/// only the broker size. A load beyond what its brokers' network carries needs a larger size,
/// whose price is not in msgadvisor's sources: a cost left out, said so.
fn amazon_mq(ctx: &Ctx) -> Option<Draft> {
    let r = &ctx.w.assessment.rabbit;
    let mq = r.amazon_mq.as_ref()?;
    let inst = ctx.data.instances.get(&mq.instance)?;
    let mut lines = vec![ctx.line(
        r.minimum_nodes as f64 * ctx.w.hours,
        "broker-hour",
        &inst.price,
    )];
    lines.extend(ctx.cross_az_lines(0.0));
    // Replication between brokers, whose billing is not in the sources; a backlog's storage,
    // at a rate not in them; a larger broker size, not priced.
    let left_out = 1
        + usize::from(r.holds == Holds::Backlog && r.storage_bytes > 0.0)
        + usize::from(mq.larger_needed.is_some());
    // Replay means a RabbitMQ stream, and Amazon MQ runs no streams: it cannot do this job.
    let capacity = if r.stream {
        Capacity::Exceeded
    } else {
        Capacity::Unchecked
    };
    Some(Draft::new(
        AMAZON_MQ,
        Hosting::Managed,
        capacity,
        lines,
        left_out,
    ))
}

fn amazon_mq_words(ctx: &Ctx, f: &Figures) -> Option<Words> {
    let w = &ctx.w;
    let r = &w.assessment.rabbit;
    let mq = r.amazon_mq.as_ref()?;
    let inst = ctx.data.instances.get(&mq.instance)?;
    let brokers = num(r.minimum_nodes as f64);
    let name = &inst.name;
    let mut assumptions = vec![
        format!(
            "{brokers} brokers, the cluster deployment the guidance's quorum queues need: {}",
            r.nodes_source
        ),
        format!("{name}: {}", inst.source),
    ];
    if let Some(wm) = mq.writes_max {
        assumptions.push(format!(
            "{name} takes {} quorum-queue writes a second per broker: {}",
            num(wm),
            inst.quorum_writes_source.as_deref().unwrap_or_default()
        ));
    }
    assumptions.push(ctx.cross_az_assumption());
    // With replay Amazon MQ cannot run the stream at all; a stall backlog it can hold, on
    // storage it bills at a rate not in the sources (left out, below).
    if r.holds != Holds::Backlog {
        assumptions
            .push("Broker storage is not priced (no figure in msgadvisor's sources)".to_string());
    }
    assumptions.push(format!(
        "RabbitMQ 4.2 and 4.3 on Amazon MQ run only on mq.m7g (docs.aws.amazon.com/amazon-mq, domain-facts §8 [V]); no mq.m7g price is in msgadvisor's sources, so {name} stands in: set yours in a price file"
    ));
    assumptions.extend(ctx.aws_note());
    let mut items = vec![format!(
        "broker-hours: {brokers} × {name} × {} h",
        num(w.hours)
    )];
    items.extend(ctx.cross_az_items(0.0, ""));
    let copies = r.replicated_copies();
    let mut unpriced = vec![format!(
        "replication between the {brokers} nodes ({} GiB a month: ingress × {} copies): whether Amazon MQ bills it is not in msgadvisor's sources",
        num(w.ingress_gib * copies),
        num(copies)
    )];
    if r.holds == Holds::Backlog && r.storage_bytes > 0.0 {
        unpriced.push(format!(
            "broker storage for {} ({} GiB): no Amazon MQ storage price is in msgadvisor's sources",
            holds_what(ctx),
            num(r.storage_bytes / GIB)
        ));
    }
    if let Some((by, n)) = mq.larger_needed {
        let what = if by == "writes" {
            "the quorum-queue writes need".to_string()
        } else {
            format!("the {by} needs the network of")
        };
        unpriced.push(format!(
            "brokers larger than {name}: {what} at least {} {name} brokers and the cluster deployment has {brokers}; no price for a larger size is in msgadvisor's sources",
            num(n)
        ));
    }
    let capacity_note = if f.capacity == Capacity::Exceeded {
        AMAZON_MQ_NO_STREAMS.to_string()
    } else {
        match (mq.larger_needed, mq.network_checked, mq.writes_max) {
            (Some(("writes", _)), _, Some(wm)) => format!(
                "{brokers} × {name} take less than this load's quorum-queue writes ({} a second at peak after growth, {} per broker, over the {} a broker takes [D]); a larger broker size is needed and not priced",
                num(r.writes),
                num(mq.writes_per_broker),
                num(wm)
            ),
            (Some(_), _, _) => format!(
                "{brokers} × {name} carry less than this load's traffic ({}/s in, {}/s out at peak after growth); a larger broker size is needed and not priced",
                si(r.ingress),
                si(r.egress)
            ),
            (None, true, Some(wm)) => format!(
                "{brokers} × {name}: the traffic ({}/s in, {}/s out at peak after growth) is within what the brokers' machines carry, and the quorum-queue writes ({} per broker a second) within the {} a broker takes [D]",
                si(r.ingress),
                si(r.egress),
                num(mq.writes_per_broker),
                num(wm)
            ),
            (None, true, None) => format!(
                "{brokers} × {name}: the traffic ({}/s in, {}/s out at peak after growth) is within what the brokers' machines carry; unchecked for RabbitMQ's own throughput, which is not in msgadvisor's sources",
                si(r.ingress),
                si(r.egress)
            ),
            (None, false, _) => format!(
                "priced at the cluster deployment ({brokers} brokers); unchecked for throughput: no capacity figure for {name} in msgadvisor's sources"
            ),
        }
    };
    Some(Words {
        name: format!("Amazon MQ for RabbitMQ ({brokers} × {name})"),
        items,
        capacity_note,
        assumptions,
        unpriced,
    })
}

/// A cluster the team runs on VMs: the assessment's nodes, on the VM it sized them on, and
/// their disks when they hold a retention window or a backlog.
fn self_hosted(ctx: &Ctx) -> Option<Draft> {
    let r = &ctx.w.assessment.rabbit;
    let inst = ctx.data.instances.get(r.vm.as_ref()?)?;
    let mut lines = vec![ctx.line(r.nodes as f64 * ctx.w.hours, "instance-hour", &inst.price)];
    if r.storage_bytes > 0.0 {
        lines.push(ctx.line(r.storage_bytes / GIB, "GiB-month", VM_DISK));
    }
    lines.extend(ctx.cross_az_lines(r.replicated_copies()));
    Some(Draft::new(
        SELF_HOSTED,
        Hosting::SelfHosted,
        Capacity::Unchecked,
        lines,
        0,
    ))
}

fn self_hosted_words(ctx: &Ctx, f: &Figures) -> Option<Words> {
    let w = &ctx.w;
    let r = &w.assessment.rabbit;
    let inst = ctx.data.instances.get(r.vm.as_ref()?)?;
    let mut assumptions = vec![format!(
        "At least {} nodes: {}; each queue or stream keeps {} copies ({})",
        num(r.minimum_nodes as f64),
        r.nodes_source,
        num(r.replicas as f64),
        r.replicas_source
    )];
    if let Some(m) = r.ingress_per_node_max {
        let out_max = r
            .egress_per_node_max
            .map_or_else(|| "unchecked".to_string(), |e| format!("{}/s", si(e)));
        // What the nodes' quorum-queue writes are checked against, or why they are a floor.
        let writes = match r.writes_per_node_max {
            Some(wm) => format!(
                "It takes {} quorum-queue writes a second per node: {}",
                num(wm),
                inst.quorum_writes_source.as_deref().unwrap_or_default()
            ),
            None => "These nodes are therefore a floor [D]: RabbitMQ's own throughput per node is not in msgadvisor's sources, and with small messages a node's CPU, not its network, is the likely limit (Jack Vanlightly, \"Cluster Sizing and Other Considerations\", rabbitmq.com/blog/2020/06/18/cluster-sizing-and-other-considerations, 2020-06-18)".to_string(),
        };
        assumptions.push(format!(
            "{} carries at most {}/s in and {out_max} out per node: {} {writes}",
            inst.name,
            si(m),
            inst.source
        ));
    }
    assumptions.push(ctx.cross_az_assumption());
    let mut items = vec![format!(
        "VM-hours: {} × {} × {} h",
        num(r.nodes as f64),
        inst.name,
        num(w.hours)
    )];
    // The pricing adds a disk line when the disks hold more than what is in flight.
    if f.lines.iter().any(|l| l.price == VM_DISK) {
        items.push(format!(
            "disk: {} × {} replicas × headroom {}",
            holds_what(ctx),
            num(r.replicas as f64),
            num(r.storage_headroom)
        ));
    } else {
        assumptions.push(format!(
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
    items.extend(ctx.cross_az_items(r.replicated_copies(), over));
    assumptions.extend(ctx.vm_note(&inst.name));
    Some(Words {
        name: format!(
            "Self-hosted RabbitMQ ({} × {})",
            num(r.nodes as f64),
            inst.name
        ),
        items,
        capacity_note: capacity_note(ctx, inst),
        assumptions,
        unpriced: Vec::new(),
    })
}

/// Why the self-hosted cluster has its nodes, and that they are a floor.
fn capacity_note(ctx: &Ctx, inst: &Instance) -> String {
    let r = &ctx.w.assessment.rabbit;
    let vm = &inst.name;
    let Some(in_max) = r.ingress_per_node_max else {
        return format!(
            "priced at the minimum cluster ({} nodes); unchecked for throughput: no capacity figure for {vm} in msgadvisor's sources, so it does not grow with the load",
            num(r.nodes as f64)
        );
    };
    let out = match r.egress_per_node_max {
        Some(e) => format!("{}/s", si(e)),
        None => "not checked".to_string(),
    };
    // What each node's network carries, said the same with or without a writes figure.
    let network = |at_peak: &str| {
        format!(
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
        Some(w) => format!(
            "at least {} × {vm}, set by the {}: {} quorum-queue writes a second per node at peak after growth (msg/s × {} queue(s) × {} replicas), within the {} a node takes [D], and {}",
            num(r.nodes as f64),
            r.limited_by,
            num(r.writes_per_node()),
            num(r.queues as f64),
            num(r.replicas as f64),
            num(w),
            network("")
        ),
        None => format!(
            "at least {} × {vm}, set by the {}: {}; a floor: RabbitMQ's throughput per node is not in msgadvisor's sources",
            num(r.nodes as f64),
            r.limited_by,
            network(" at peak after growth")
        ),
    }
}

/// What the disks hold, in words.
fn holds_what(ctx: &Ctx) -> String {
    let r = &ctx.w.assessment.rabbit;
    match r.holds {
        Holds::Window => format!(
            "the stream's retention window ({} per copy, x-max-age {} day(s))",
            bytes(r.bytes_per_copy),
            num(ctx.profile.replay.retention_days)
        ),
        Holds::Backlog => format!(
            "the backlog of a {} min stall in {} quorum queue(s) ({} per copy)",
            num(ctx.profile.consumers.max_stall_minutes.unwrap_or(0.0)),
            num(r.queues as f64),
            bytes(r.bytes_per_copy)
        ),
        Holds::InFlight => String::new(),
    }
}
