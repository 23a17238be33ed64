//! The ways to run Redis Streams, BullMQ and Redis Pub/Sub: the Redis the team already runs,
//! ElastiCache Serverless (Valkey or Redis OSS) sized by the memory the workload needs,
//! ElastiCache nodes (node prices uncertain), or Upstash Redis pay as you go (per command).

use super::guidance::{
    DURABLE_FAMILY_NAMES, SRC_DURABILITY_COST, UPSTASH_DURABILITY_DOUBT, durable_family,
    src_serverless_no_durability,
};
use super::sizing::RedisSizing;
use crate::systems::cost::{Capacity, Ctx, Draft, GIB, Hosting, txt};
use crate::tables::Use;
use crate::units::{bytes, num, si, thousands, usd};

pub(crate) const VALKEY_GIB_HOUR: &str = "elasticache-serverless-valkey-gib-hour";
pub(crate) const VALKEY_ECPU: &str = "elasticache-serverless-valkey-million-ecpu";
pub(crate) const REDIS_GIB_HOUR: &str = "elasticache-serverless-redis-gib-hour";
pub(crate) const REDIS_ECPU: &str = "elasticache-serverless-redis-million-ecpu";
/// Why Serverless ranks after the nodes where messages must not be lost.
const SERVERLESS_DURABILITY_DOUBT: &str = concat!(
    "AWS recommends Durability with synchronous writes where an application cannot tolerate any data loss, and ElastiCache Serverless has no Durability: no setting there makes an acknowledged write survive a failure (",
    src_serverless_no_durability!(),
    ")"
);

pub(crate) const UPSTASH_COMMANDS: &str = "upstash-redis-100k-commands";
pub(crate) const UPSTASH_STORAGE: &str = "upstash-redis-storage-gib-month";
pub(crate) const UPSTASH_BANDWIDTH: &str = "upstash-redis-bandwidth-gib";
pub(crate) const UPSTASH_PROD_PACK: &str = "upstash-redis-prod-pack-month";

/// The ways of running it (option ids in the `operations:` table).
pub(crate) const OPTIONS: &[&str] = &[
    "existing-redis",
    "elasticache-serverless-valkey",
    "elasticache-serverless-redis",
    "elasticache-nodes",
    "upstash-redis",
];

/// The price ids its ways use directly (machine sizes name theirs in `instances:`).
pub(crate) const PRICES: &[&str] = &[
    VALKEY_GIB_HOUR,
    VALKEY_ECPU,
    REDIS_GIB_HOUR,
    REDIS_ECPU,
    UPSTASH_COMMANDS,
    UPSTASH_STORAGE,
    UPSTASH_BANDWIDTH,
    UPSTASH_PROD_PACK,
];

const EXISTING: &[&str] = &["redis", "valkey"];

/// What differs between the Redis-based systems' costs, given by each system's module.
pub(crate) struct Flavour<'a> {
    /// The memory it holds and the node that holds it (the assessment's).
    pub sizing: &'a RedisSizing,
    /// Why it holds that memory, in words.
    pub memory_why: String,
    /// Added to the ECPU count's explanation when one message costs more than the count says.
    pub ecpu_note: Option<&'static str>,
    /// Why the system's own documentation advises against ElastiCache Serverless, when it does:
    /// that way is then not suggested where messages must not be lost.
    pub serverless_unfit: Option<&'static str>,
    /// Commands the system sends while idle, which a per-command price bills and the count per
    /// message leaves out, in the vendor's words (BullMQ on Upstash): Upstash's total is then
    /// incomplete.
    pub idle_commands: Option<String>,
    /// Upstash's own advice against pay as you go for this system, in its words (BullMQ): that
    /// way is then ranked after the ways as complete as it that no vendor advises against.
    pub upstash_advised_against: Option<&'static str>,
    /// Whether a write lost in a failure loses messages (false for Pub/Sub, which stores
    /// nothing): where messages must not be lost, node-based ElastiCache then needs Durability
    /// with synchronous writes (a cost its total leaves out), and ElastiCache Serverless's
    /// capacity note says it has no Durability.
    pub stores_messages: bool,
}

pub(crate) fn options(ctx: &Ctx, flavour: Flavour) -> (Vec<Draft>, Vec<String>, Vec<String>) {
    // The figure is the assessment's, the one the node option and the guidance use.
    let mem = flavour.sizing.held_bytes;
    let mem_why = flavour.memory_why.clone();
    let w = &ctx.w;
    let kb = (ctx.profile.throughput.message_bytes as f64 / ctx.fact("elasticache_ecpu_bytes"))
        .ceil()
        .max(1.0);
    let ecpu_millions = w.messages_per_month * (1.0 + w.groups) * kb / 1e6;
    let mut ecpu_why = txt!(
        ctx,
        "ECPUs {} million = {} messages a month × (1 write + {} read(s), one per consumer group) × {} ECPU each ({})",
        num(ecpu_millions),
        thousands(w.messages_per_month),
        num(w.groups),
        num(kb),
        ctx.fact_source("elasticache_ecpu_bytes"),
    );
    if let Some(note) = flavour.ecpu_note.filter(|_| ctx.text) {
        ecpu_why.push_str(note);
    }

    let mut out = Vec::new();
    if ctx.has_existing(EXISTING) {
        let comfortable = ctx.fact("redis_stream_comfortable_bytes");
        let (capacity, note) = if mem <= comfortable {
            let room = match (&flavour.sizing.delayed, mem > 0.0) {
                (Some(d), _) => txt!(
                    ctx,
                    "has about {} free per hour of delay for the delayed jobs and ",
                    bytes(d.bytes_per_hour_grown)
                ),
                (None, true) => txt!(ctx, "has {} free and ", bytes(mem)),
                (None, false) => String::new(),
            };
            (
                Capacity::Assumed,
                txt!(
                    ctx,
                    "platform.existing has Redis; check it {room}suits a queue (noeviction; AOF everysec, or Durability on ElastiCache)"
                ),
            )
        } else {
            (
                Capacity::Unchecked,
                txt!(
                    ctx,
                    "{} is more than the {} a Redis node comfortably holds ({}): the existing Redis likely needs more memory",
                    bytes(mem),
                    bytes(comfortable),
                    ctx.fact_source("redis_stream_comfortable_bytes")
                ),
            )
        };
        out.push(Draft {
            left_out: 0,
            option: "existing-redis",
            name: txt!(ctx, "The Redis you already run"),
            hosting: Hosting::Existing,
            development_only: None,
            advised_against: None,
            // Its persistence is the team's to set (AOF, or Durability on ElastiCache), and the
            // guidance says which.
            durability_doubt: None,
            unpriced: Vec::new(),
            capacity,
            capacity_note: note,
            lines: Vec::new(),
            assumptions: vec![
                txt!(
                    ctx,
                    "No new nodes: runs on the Redis in platform.existing; its added memory is not priced"
                ),
                mem_why.clone(),
            ],
        });
    }
    for valkey in [true, false] {
        out.push(serverless(
            ctx,
            &flavour,
            valkey,
            mem,
            &mem_why,
            ecpu_millions,
            &ecpu_why,
        ));
    }
    out.push(nodes(ctx, &flavour, &mem_why));
    out.push(upstash(ctx, &flavour, mem, &mem_why));
    (out, Vec::new(), vec![mem_why, ecpu_why])
}

fn serverless(
    ctx: &Ctx,
    flavour: &Flavour,
    valkey: bool,
    mem: f64,
    mem_why: &str,
    ecpu_millions: f64,
    ecpu_why: &str,
) -> Draft {
    let w = &ctx.w;
    let (option, name, gib_hour, ecpu, min_fact) = if valkey {
        (
            "elasticache-serverless-valkey",
            "ElastiCache Serverless for Valkey",
            VALKEY_GIB_HOUR,
            VALKEY_ECPU,
            "elasticache_valkey_min_metered_bytes",
        )
    } else {
        (
            "elasticache-serverless-redis",
            "ElastiCache Serverless for Redis OSS",
            REDIS_GIB_HOUR,
            REDIS_ECPU,
            "elasticache_redis_min_metered_bytes",
        )
    };
    let min = ctx.fact(min_fact);
    let metered = mem.max(min);
    let delayed = flavour.sizing.delayed.as_ref();
    // Delayed jobs' memory depends on a delay length the profile does not give: the line
    // counts what is known and the option says what it leaves out, per hour of delay.
    let stored = match delayed {
        Some(_) => txt!(
            ctx,
            "the minimum metered, {} (the delayed jobs' memory is not known: see below)",
            bytes(min)
        ),
        None => txt!(ctx, "{} (at least {} metered)", bytes(mem), bytes(min)),
    };
    let mut unpriced = Vec::new();
    if let Some(d) = delayed {
        let per_hour = d.bytes_per_hour_grown / GIB * w.hours;
        let usd = ctx
            .data
            .prices
            .get(gib_hour)
            .and_then(|p| p.amount)
            .map_or_else(String::new, |a| {
                txt!(ctx, ", about {} a month", usd(per_hour * a))
            });
        unpriced.push(txt!(
            ctx,
            "the delayed jobs' memory: the profile gives no delay length; each hour of delay adds up to {} stored ({} GiB-hour a month{usd})",
            bytes(d.bytes_per_hour_grown),
            num(per_hour)
        ));
    }
    let lines = vec![
        ctx.line_said(
            txt!(ctx, "data stored: {stored} × {} h", num(w.hours)),
            metered / GIB * w.hours,
            "GiB-hour",
            gib_hour,
        ),
        ctx.line_said("ECPUs", ecpu_millions, "million ECPU", ecpu),
    ];
    let mut assumptions = vec![
        mem_why.to_string(),
        txt!(
            ctx,
            "Minimum metered {}: {}",
            bytes(min),
            ctx.fact_source(min_fact)
        ),
        ecpu_why.to_string(),
    ];
    assumptions.extend(ctx.aws_note());
    let capacity_note = txt!(
        ctx,
        "sized by the memory the workload needs (serverless grows with the data; its upper limits are not in msgadvisor's sources)"
    );
    // What a workload that cannot lose messages needs, Serverless lacks: AWS's own advice for
    // such an application is a setting Serverless does not have, so it ranks after the ways that
    // have one (still priced in full, and suggested only where none of them fits).
    let durability_doubt = (flavour.stores_messages && !ctx.profile.delivery.loss_ok)
        .then_some(SERVERLESS_DURABILITY_DOUBT);
    Draft {
        left_out: 0,
        option,
        name: ctx.copy(name),
        hosting: Hosting::Managed,
        development_only: flavour.serverless_unfit,
        advised_against: None,
        durability_doubt,
        unpriced,
        capacity: Capacity::Checked,
        capacity_note,
        lines,
        assumptions,
    }
}

fn nodes(ctx: &Ctx, flavour: &Flavour, mem_why: &str) -> Draft {
    let r = flavour.sizing;
    let w = &ctx.w;
    // The node the Redis guidance names, sized for the memory after growth.
    let reserved = r.reserved_fraction;
    let need = r.node_bytes;
    let replicas = r.replicas as f64;
    let count = 1.0 + replicas;
    let picked = r.node.as_ref().and_then(|node| {
        ctx.data
            .sizes(Use::ElasticacheNode)
            .find(|(i, _)| i.name == node.instance)
            .map(|(i, p)| (node, i, p))
    });
    let Some((node, inst, price)) = picked else {
        return Draft {
            left_out: 0,
            option: "elasticache-nodes",
            name: txt!(ctx, "ElastiCache nodes"),
            hosting: Hosting::Managed,
            development_only: None,
            advised_against: None,
            durability_doubt: None,
            unpriced: Vec::new(),
            capacity: Capacity::Unchecked,
            capacity_note: txt!(ctx, "no node size with a price in `instances:`"),
            lines: Vec::new(),
            assumptions: Vec::new(),
        };
    };
    let (capacity, note) = match (node.memory_bytes, &r.delayed) {
        // How long jobs wait is not known: say how many hours of delay the node holds.
        (Some(m), Some(d)) => (
            Capacity::Unchecked,
            txt!(
                ctx,
                "{} has {}; with {}% reserved it holds about {} hours of delay at the average rate after growth (about {} per hour); the profile gives no delay length: check the longest delay fits",
                inst.name,
                bytes(m),
                num(reserved * 100.0),
                num(d.node_hours.unwrap_or(0.0).floor()),
                bytes(d.bytes_per_hour_grown)
            ),
        ),
        (Some(m), None) if node.fits => (
            Capacity::Checked,
            txt!(
                ctx,
                "{} needed after growth with {}% reserved; {} has {}",
                bytes(need),
                num(reserved * 100.0),
                inst.name,
                bytes(m)
            ),
        ),
        (Some(m), None) => (
            Capacity::Exceeded,
            txt!(
                ctx,
                "{} needed after growth with {}% reserved; the largest node size, {}, has {}",
                bytes(need),
                num(reserved * 100.0),
                inst.name,
                bytes(m)
            ),
        ),
        (None, _) if need > 0.0 => (
            Capacity::Unchecked,
            txt!(
                ctx,
                "{} needed after growth with {}% reserved; {}'s memory is not in msgadvisor's sources: check it fits",
                bytes(need),
                num(reserved * 100.0),
                inst.name
            ),
        ),
        (None, _) => (
            Capacity::Unchecked,
            txt!(
                ctx,
                "only the backlog is held; {}'s memory is not in msgadvisor's sources: check it fits",
                inst.name
            ),
        ),
    };
    let lines = vec![ctx.line_said(
        txt!(
            ctx,
            "node-hours: {} × {} × {} h",
            num(count),
            inst.name,
            num(w.hours)
        ),
        count * w.hours,
        "node-hour",
        &price.id,
    )];
    let mut assumptions = vec![
        mem_why.to_string(),
        txt!(
            ctx,
            "{} node(s): 1 primary + {} replica(s): {}",
            num(count),
            num(replicas),
            ctx.fact_source("elasticache_node_replicas")
        ),
        txt!(
            ctx,
            "{}% of node memory reserved: {}",
            num(reserved * 100.0),
            ctx.fact_source("elasticache_reserved_memory_fraction")
        ),
        txt!(ctx, "{}: {}", inst.name, inst.source),
    ];
    // The guidance tells a workload that cannot lose messages to turn on Durability with
    // synchronous writes; AWS bills those beyond the node-hours at a rate msgadvisor has not
    // found, so the total leaves it out and says so. Asynchronous writes are free.
    let mut unpriced = Vec::new();
    if flavour.stores_messages {
        let family = if durable_family(&inst.name) {
            String::new()
        } else {
            txt!(
                ctx,
                "; and a node family Durability runs on ({DURABLE_FAMILY_NAMES}): {} is not one",
                inst.name
            )
        };
        if ctx.profile.delivery.loss_ok {
            assumptions.push(txt!(
                ctx,
                "No Durability priced: the workload may lose messages (delivery.loss_ok: true); its asynchronous writes cost nothing extra, its synchronous writes extra at a rate not in msgadvisor's sources ({SRC_DURABILITY_COST}){family}"
            ));
        } else {
            unpriced.push(txt!(
                ctx,
                "Durability with synchronous writes, which a workload that cannot lose messages needs (AWS recommends them where an application cannot tolerate any data loss): AWS bills them beyond the node-hours, at a rate not in msgadvisor's sources; asynchronous writes cost nothing extra but may lose the last 10 s of writes ({SRC_DURABILITY_COST}){family}"
            ));
        }
    }
    assumptions.extend(ctx.aws_note());
    Draft {
        left_out: 0,
        option: "elasticache-nodes",
        name: txt!(ctx, "ElastiCache nodes ({} × {})", num(count), inst.name),
        hosting: Hosting::Managed,
        development_only: None,
        advised_against: None,
        durability_doubt: None,
        unpriced,
        capacity,
        capacity_note: note,
        lines,
        assumptions,
    }
}

/// Upstash Redis, pay as you go: per command, per GiB stored beyond the first, per GiB of
/// bandwidth beyond the free allowance, and, where messages must not be lost, the Prod Pack
/// (uptime SLA, Multi-Zone HA) per database. Its published data-size limit is checked.
fn upstash(ctx: &Ctx, flavour: &Flavour, mem: f64, mem_why: &str) -> Draft {
    let w = &ctx.w;
    // One command writes each message; each consumer group needs at least one more to take it
    // (a read, or an ack when reads come in batches): a floor, as BullMQ's scripts say.
    let per_message = 1.0 + w.groups;
    let commands = w.messages_per_month * per_message;
    let free_storage = ctx.fact("upstash_free_storage_bytes");
    let free_bandwidth = ctx.fact("upstash_free_bandwidth_gib");
    let bandwidth = w.ingress_gib + w.egress_gib;
    let production = !ctx.profile.delivery.loss_ok;
    let mut lines = vec![
        ctx.line_said(
            txt!(
                ctx,
                "commands: {} messages a month × (1 write + {} per consumer group) ÷ 100K",
                thousands(w.messages_per_month),
                num(w.groups)
            ),
            commands / 1e5,
            "100K commands",
            UPSTASH_COMMANDS,
        ),
        ctx.line_said(
            txt!(
                ctx,
                "storage: {} less the first {} free",
                bytes(mem),
                bytes(free_storage)
            ),
            (mem - free_storage).max(0.0) / GIB,
            "GiB-month",
            UPSTASH_STORAGE,
        ),
        ctx.line_said(
            txt!(
                ctx,
                "bandwidth: ingress {} + egress {} GiB, less {} GiB free",
                num(w.ingress_gib),
                num(w.egress_gib),
                num(free_bandwidth)
            ),
            (bandwidth - free_bandwidth).max(0.0),
            "GiB",
            UPSTASH_BANDWIDTH,
        ),
    ];
    if production {
        lines.push(ctx.line_said(
            "Prod Pack: 1 database × a month (uptime SLA, Multi-Zone HA)",
            1.0,
            "database-month",
            UPSTASH_PROD_PACK,
        ));
    }
    let mut unpriced = Vec::new();
    if let Some(d) = flavour.sizing.delayed.as_ref() {
        unpriced.push(txt!(
            ctx,
            "the delayed jobs' memory: the profile gives no delay length; each hour of delay adds up to {} stored",
            bytes(d.bytes_per_hour_grown)
        ));
    }
    if let Some(idle) = &flavour.idle_commands {
        unpriced.push(idle.clone());
    }
    let max = ctx.fact("upstash_max_data_bytes");
    let rate_max = ctx.fact("upstash_commands_per_sec");
    let peak_commands = ctx.derived.peak_per_sec_grown * per_message;
    let (capacity, capacity_note) = if let Some(d) = flavour.sizing.delayed.as_ref() {
        // How long jobs wait is not known, so neither is what the database holds.
        (
            Capacity::Unchecked,
            txt!(
                ctx,
                "the delayed jobs add up to {} per hour of delay; the profile gives no delay length: check what is held stays under pay as you go's {} ({})",
                bytes(d.bytes_per_hour_grown),
                si(max),
                ctx.fact_source("upstash_max_data_bytes")
            ),
        )
    } else if mem > max {
        (
            Capacity::Exceeded,
            txt!(
                ctx,
                "{} to hold is above pay as you go's {} ({})",
                bytes(mem),
                si(max),
                ctx.fact_source("upstash_max_data_bytes")
            ),
        )
    } else if peak_commands > rate_max {
        (
            Capacity::Exceeded,
            txt!(
                ctx,
                "{} commands/s at peak after growth is above pay as you go's {} a second ({}); {} of {} data",
                num(peak_commands.round()),
                num(rate_max),
                ctx.fact_source("upstash_commands_per_sec"),
                bytes(mem),
                si(max)
            ),
        )
    } else {
        (
            Capacity::Checked,
            txt!(
                ctx,
                "{} of the {} pay as you go holds; {} commands/s at peak after growth of the {} a second it takes",
                bytes(mem),
                si(max),
                num(peak_commands.round()),
                num(rate_max)
            ),
        )
    };
    let mut commands_why = txt!(
        ctx,
        "Commands {} a month = messages × {} (msgadvisor assumption: 1 to write, 1 per consumer group to read or acknowledge; batched reads need fewer, acks and retries more)",
        thousands(commands),
        num(per_message)
    );
    if let Some(note) = flavour.ecpu_note.filter(|_| ctx.text) {
        commands_why.push_str(note);
    }
    let mut assumptions = vec![mem_why.to_string(), commands_why];
    assumptions.push(if production {
        txt!(
            ctx,
            "Prod Pack added: messages must not be lost (delivery.loss_ok: false), and without it Upstash gives no uptime SLA or Multi-Zone HA"
        )
    } else {
        txt!(
            ctx,
            "No Prod Pack (uptime SLA, Multi-Zone HA): the workload may lose messages (delivery.loss_ok: true)"
        )
    });
    Draft {
        left_out: 0,
        option: "upstash-redis",
        name: txt!(ctx, "Upstash Redis, pay as you go"),
        hosting: Hosting::Managed,
        development_only: None,
        advised_against: flavour.upstash_advised_against,
        // Where messages must not be lost, the node-based way has a sourced setting that keeps
        // every acknowledged write (Durability's synchronous writes); Upstash's docs do not say
        // as much, so it is suggested only when that way does not fit.
        durability_doubt: (flavour.stores_messages && production)
            .then_some(UPSTASH_DURABILITY_DOUBT),
        unpriced,
        capacity,
        capacity_note,
        lines,
        assumptions,
    }
}
