//! RabbitMQ: quorum queues, consumer prefetch and acknowledgements, dead-letter exchanges.
//! The reference notes hold no RabbitMQ figures, so this guidance states practice and cites the
//! RabbitMQ documentation; its only numbers are the profile's own arithmetic.

use crate::profile::Ordering;
use crate::systems::guidance::{Advice, Figure, Inputs, Section, SystemGuidance, plural};
use crate::units::num;

/// A page of the RabbitMQ documentation, cited as a source.
fn docs(page: &str) -> String {
    format!("RabbitMQ documentation (rabbitmq.com/docs/{page}) — not in the reference notes")
}

pub fn guide(inp: &Inputs) -> SystemGuidance {
    let p = inp.profile;
    let d = inp.derived;
    let mut g = SystemGuidance::default();
    g.figures.push(Figure::new(
        "consumers",
        "Consumers per queue at peak after growth",
        d.consumers_needed_grown,
        "consumers",
        format!(
            "ceil({} msg/s × growth {} × {} ms / 1000)",
            num(p.throughput.peak_per_sec),
            num(p.throughput.growth_factor),
            num(p.consumers.processing_ms)
        ),
    ));

    // The same cluster the cost prices (Amazon MQ's cluster deployment, or self-hosted nodes).
    let cluster = &inp.assessment.rabbit;
    g.figures.push(Figure::new(
        "nodes",
        "Cluster nodes",
        cluster.nodes as f64,
        "nodes",
        nodes_how(cluster),
    ));
    let mut queues = vec![
        Advice::cited(
            format!(
                "Quorum queues for anything that must not be lost, on a cluster of {} nodes: each queue replicated to {} of them with Raft, so it survives {} node failure(s). A single broker (Amazon MQ's single-instance deployment) is one node in one AZ and cannot replicate them.",
                cluster.nodes,
                cluster.replicas,
                cluster.tolerated_failures()
            ),
            [docs("quorum-queues"), cluster.nodes_source.to_string()],
        ),
        Advice::new(
            "Publisher confirms on the producer side: a message counts as sent only once the broker confirms it.",
            docs("confirms"),
        ),
        Advice::new(
            "RabbitMQ 4.0 removed classic queue mirroring: quorum queues (or streams) are the replicated queue types, and quorum queues support message priorities since 4.0.",
            "rabbitmq-server 4.0 release notes [V] (domain-facts §8)",
        ),
    ];
    if cluster.nodes > cluster.replicas {
        queues.push(Advice::new(
            format!(
                "Spread the load over the {} nodes: a queue's or stream's leader takes all its writes, so split the traffic over at least {} queues (or super-stream partitions) and declare them with `queue-leader-locator: balanced`; keep each at {} replicas (`quorum_queue.initial_cluster_size`, `x-initial-cluster-size`), since by default a stream has a replica on every node.",
                cluster.nodes, cluster.nodes, cluster.replicas
            ),
            format!(
                "rabbitmq.com/docs/streams [V]: a replica on each node by default, x-initial-cluster-size, the balanced leader locator; {}",
                cluster.replicas_source
            ),
        ));
    }

    if p.replay.needed {
        queues.push(Advice::new(
            format!(
                "Replay needs a stream, not a queue: declare it with `x-queue-type: stream` and retention `x-max-age` of {} day(s) (replay.retention_days); each consumer reads from an offset it chooses and can read again. Super streams partition a stream by key for parallel, per-key-ordered reading. The disks hold the whole window: {} per copy, {} with {} replicas and headroom {}.",
                num(p.replay.retention_days),
                crate::units::bytes(cluster.bytes_per_copy),
                crate::units::bytes(cluster.storage_bytes),
                cluster.replicas,
                num(cluster.storage_headroom)
            ),
            "rabbitmq.com/docs/streams [V]: since 3.9, an append-only log of messages that can be repeatedly read until they expire; super streams for partitioning (domain-facts §8)",
        ));
    }

    let mut consumers = vec![
        Advice::new(
            "Manual acknowledgements, sent after the message is processed: a consumer that dies before acking has its messages redelivered, so make handlers idempotent.",
            docs("confirms"),
        ),
        Advice::new(
            format!(
                "Prefetch (basic.qos) bounds the unacknowledged messages each consumer holds: keep it small for slow jobs ({} ms each here) so work spreads across consumers, larger for fast ones. {} at peak after growth.",
                num(p.consumers.processing_ms),
                plural(
                    d.consumers_needed_grown,
                    "consumer keeps up",
                    "consumers keep up"
                )
            ),
            docs("consumer-prefetch"),
        ),
    ];
    if p.delivery.ordering != Ordering::None {
        consumers.push(Advice::new(
            "Competing consumers on one queue process messages out of order: do not add consumers to an ordered queue to keep up.",
            docs("consumers#single-active-consumer"),
        ));
    }
    crate::systems::guidance::ordering(inp, "rabbitmq", &mut g, &mut consumers);
    if p.consumers.groups > 1 {
        consumers.push(Advice::new(
            format!(
                "Fan-out to {} consumer groups: publish to an exchange and bind one queue per consuming service; each queue gets every message.",
                p.consumers.groups
            ),
            docs("exchanges"),
        ));
    }

    let dlx = vec![
        Advice::new(
            "Dead-letter exchange (DLX) on every queue: rejected, expired or over-delivered messages go there instead of vanishing; alert on the dead-letter queue's depth.",
            docs("dlx"),
        ),
        Advice::new(
            "Poison messages: set a delivery limit on quorum queues so a message that keeps failing is dead-lettered instead of redelivered forever; retry with delay through a TTL queue that dead-letters back.",
            docs("quorum-queues#poison-message-handling"),
        ),
    ];

    g.sections = vec![
        Section::new("queues", "Queues and durability", queues),
        Section::new("consumers", "Consumers, prefetch and order", consumers),
        Section::new("dead-lettering", "Dead-lettering", dlx),
    ];
    g
}

/// How the node count was reached, in words.
fn nodes_how(c: &crate::systems::rabbitmq::sizing::RabbitSizing) -> String {
    let quorum = format!(
        "each queue's {} replicas stay available with {} down",
        c.replicas,
        c.tolerated_failures()
    );
    match (&c.instance, c.limited_by.as_str(), c.writes_per_node_max) {
        (Some(vm), "writes", Some(max)) => format!(
            "at least: {} quorum-queue writes/s at peak after growth (msg/s × {} queue(s) × {} replicas) over {} × {vm} is {} per node, within the {} a node takes [D] (scaled from RabbitMQ's quorum-queue sizing case study); odd counts; {quorum}",
            crate::units::thousands(c.writes),
            c.queues,
            c.replicas,
            c.nodes,
            crate::units::num(c.writes_per_node()),
            crate::units::thousands(max),
        ),
        (Some(vm), "ingress" | "egress", Some(max)) => format!(
            "at least: {}/s in and {}/s out at peak after growth over {} × {vm} is {}/s and {}/s per node, within what the machine carries as a Kafka broker, and {} quorum-queue writes/s per node, within the {} a node takes [D]; odd counts; {quorum}",
            crate::units::si(c.ingress),
            crate::units::si(c.egress),
            c.nodes,
            crate::units::si(c.ingress_per_node()),
            crate::units::si(c.egress_per_node()),
            crate::units::num(c.writes_per_node()),
            crate::units::thousands(max),
        ),
        (Some(vm), "ingress" | "egress", None) => format!(
            "at least: {}/s in and {}/s out at peak after growth over {} × {vm} is {}/s and {}/s per node, within what the machine carries as a Kafka broker (RabbitMQ's own figure per node is not in the sources); odd counts; {quorum}",
            crate::units::si(c.ingress),
            crate::units::si(c.egress),
            c.nodes,
            crate::units::si(c.ingress_per_node()),
            crate::units::si(c.egress_per_node()),
        ),
        _ => format!("the minimum cluster: {quorum}"),
    }
}
