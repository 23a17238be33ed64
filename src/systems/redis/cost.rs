//! The ways to run Redis Streams, BullMQ and Redis Pub/Sub: the Redis the team already runs,
//! ElastiCache Serverless (Valkey or Redis OSS) sized by the memory the workload needs,
//! ElastiCache nodes (node prices uncertain), or Upstash Redis pay as you go (per command).
//! Each way's pricing (figures only) sits beside its words (written after the ranking).

use super::guidance::{
    DURABLE_FAMILY_NAMES, SRC_DURABILITY_COST, UPSTASH_DURABILITY_DOUBT, durable_family,
    src_serverless_no_durability,
};
use super::sizing::{DelayedJobs, Node, RedisSizing};
use crate::systems::Assessment;
use crate::systems::cost::{Capacity, Ctx, Draft, Figures, GIB, Hosting, SystemWords, Words};
use crate::tables::{Instance, Price, Use};
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

pub(crate) const EXISTING_REDIS: &str = "existing-redis";
pub(crate) const NODES: &str = "elasticache-nodes";
pub(crate) const UPSTASH: &str = "upstash-redis";

/// The ways of running it (option ids in the `operations:` table).
pub(crate) const OPTIONS: &[&str] = &[
    EXISTING_REDIS,
    VALKEY.option,
    REDIS_OSS.option,
    NODES,
    UPSTASH,
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

/// What differs between the Redis-based systems' ways as the pricing reads it, given by each
/// system's module; the system's words are a [`Said`].
pub(crate) struct Flavour {
    /// The memory it holds and the node that holds it (the assessment's).
    pub sizing: fn(&Assessment) -> &RedisSizing,
    /// Why the system's own documentation advises against ElastiCache Serverless, when it does:
    /// that way is then not suggested where messages must not be lost.
    pub serverless_unfit: Option<&'static str>,
    /// Commands the system sends while idle, which a per-command price bills and the count per
    /// message leaves out, in the vendor's words (BullMQ on Upstash): Upstash's total is then
    /// incomplete.
    pub idle_commands: Option<&'static str>,
    /// Upstash's own advice against pay as you go for this system, in its words (BullMQ): that
    /// way is then ranked after the ways as complete as it that no vendor advises against.
    pub upstash_advised_against: Option<&'static str>,
}

/// A Redis-based system's own words, written after the ranking by its module.
pub(crate) struct Said {
    /// Why it holds the memory it does.
    pub memory_why: String,
    /// Added to the ECPU and command counts' explanations when one message costs more than
    /// they say.
    pub ecpu_note: &'static str,
}

pub(crate) fn options(ctx: &Ctx, flavour: &Flavour) -> Vec<Draft> {
    let sizing = (flavour.sizing)(&ctx.w.assessment);
    let mut out = Vec::new();
    if ctx.has_existing(EXISTING) {
        // The figure is the assessment's, the one the node option and the guidance use.
        let capacity = if sizing.held_bytes <= ctx.fact("redis_stream_comfortable_bytes") {
            Capacity::Assumed
        } else {
            Capacity::Unchecked
        };
        // No durability doubt: its persistence is the team's to set (AOF, or Durability on
        // ElastiCache), and the guidance says which.
        out.push(Draft::existing(EXISTING_REDIS, capacity));
    }
    for way in [&VALKEY, &REDIS_OSS] {
        out.push(serverless(ctx, flavour, sizing, way));
    }
    out.push(nodes(ctx, sizing));
    out.push(upstash(ctx, flavour, sizing));
    out
}

/// The words of one of the ways [`options`] priced, for the system `flavour` and `said` give.
pub(crate) fn word(ctx: &Ctx, f: &Figures, flavour: &Flavour, said: &Said) -> Option<Words> {
    let sizing = (flavour.sizing)(&ctx.w.assessment);
    Some(match f.option {
        EXISTING_REDIS => existing_words(ctx, f, sizing, said),
        o if o == VALKEY.option => serverless_words(ctx, sizing, said, &VALKEY),
        o if o == REDIS_OSS.option => serverless_words(ctx, sizing, said, &REDIS_OSS),
        NODES => nodes_words(ctx, sizing, said),
        UPSTASH => upstash_words(ctx, f, flavour, sizing, said),
        _ => return None,
    })
}

/// What every way shares: why the memory, and the ECPU count.
pub(crate) fn notes(ctx: &Ctx, said: Said) -> SystemWords {
    let ecpu_why = ecpu_why(ctx, &said);
    SystemWords {
        notes: Vec::new(),
        assumptions: vec![said.memory_why, ecpu_why],
    }
}

fn ecpu_why(ctx: &Ctx, said: &Said) -> String {
    let r = &ctx.w.assessment.redis_requests;
    format!(
        "ECPUs {} million = {} messages a month × (1 write + {} read(s), one per consumer group) × {} ECPU each ({}){}",
        num(r.ecpu_millions),
        thousands(ctx.w.messages_per_month),
        num(ctx.w.groups),
        num(r.ecpu_per_message),
        ctx.fact_source("elasticache_ecpu_bytes"),
        said.ecpu_note
    )
}

fn existing_words(ctx: &Ctx, f: &Figures, sizing: &RedisSizing, said: &Said) -> Words {
    let mem = sizing.held_bytes;
    let capacity_note = if f.capacity == Capacity::Assumed {
        let room = match (&sizing.delayed, mem > 0.0) {
            (Some(d), _) => format!(
                "has about {} free per hour of delay for the delayed jobs and ",
                bytes(d.bytes_per_hour_grown)
            ),
            (None, true) => format!("has {} free and ", bytes(mem)),
            (None, false) => String::new(),
        };
        format!(
            "platform.existing has Redis; check it {room}suits a queue (noeviction; AOF everysec, or Durability on ElastiCache)"
        )
    } else {
        format!(
            "{} is more than the {} a Redis node comfortably holds ({}): the existing Redis likely needs more memory",
            bytes(mem),
            bytes(ctx.fact("redis_stream_comfortable_bytes")),
            ctx.fact_source("redis_stream_comfortable_bytes")
        )
    };
    Words {
        name: "The Redis you already run".to_string(),
        capacity_note,
        assumptions: vec![
            "No new nodes: runs on the Redis in platform.existing; its added memory is not priced"
                .to_string(),
            said.memory_why.clone(),
        ],
        ..Words::default()
    }
}

/// ElastiCache Serverless for Valkey or for Redis OSS: what differs between the two.
pub(crate) struct Serverless {
    pub(crate) option: &'static str,
    name: &'static str,
    gib_hour: &'static str,
    ecpu: &'static str,
    min_fact: &'static str,
    /// What each hour of BullMQ's delayed jobs costs a month on it.
    delayed_usd: fn(&DelayedJobs) -> Option<f64>,
}

pub(crate) const VALKEY: Serverless = Serverless {
    option: "elasticache-serverless-valkey",
    name: "ElastiCache Serverless for Valkey",
    gib_hour: VALKEY_GIB_HOUR,
    ecpu: VALKEY_ECPU,
    min_fact: "elasticache_valkey_min_metered_bytes",
    delayed_usd: |d| d.valkey_usd_per_hour,
};

pub(crate) const REDIS_OSS: Serverless = Serverless {
    option: "elasticache-serverless-redis",
    name: "ElastiCache Serverless for Redis OSS",
    gib_hour: REDIS_GIB_HOUR,
    ecpu: REDIS_ECPU,
    min_fact: "elasticache_redis_min_metered_bytes",
    delayed_usd: |d| d.redis_usd_per_hour,
};

fn serverless(ctx: &Ctx, flavour: &Flavour, sizing: &RedisSizing, way: &Serverless) -> Draft {
    let w = &ctx.w;
    let metered = sizing.held_bytes.max(ctx.fact(way.min_fact));
    let lines = vec![
        ctx.line(metered / GIB * w.hours, "GiB-hour", way.gib_hour),
        ctx.line(
            w.assessment.redis_requests.ecpu_millions,
            "million ECPU",
            way.ecpu,
        ),
    ];
    // What a workload that cannot lose messages needs, Serverless lacks: AWS's own advice for
    // such an application is a setting Serverless does not have, so it ranks after the ways that
    // have one (still priced in full, and suggested only where none of them fits).
    let durability_doubt = sizing.durable.then_some(SERVERLESS_DURABILITY_DOUBT);
    // Delayed jobs' memory depends on a delay length the profile does not give: the line
    // counts what is known and the option says what it leaves out, per hour of delay.
    let left_out = usize::from(sizing.delayed.is_some());
    Draft {
        development_only: flavour.serverless_unfit,
        durability_doubt,
        ..Draft::new(
            way.option,
            Hosting::Managed,
            Capacity::Checked,
            lines,
            left_out,
        )
    }
}

fn serverless_words(ctx: &Ctx, sizing: &RedisSizing, said: &Said, way: &Serverless) -> Words {
    let mem = sizing.held_bytes;
    let min = ctx.fact(way.min_fact);
    let stored = match &sizing.delayed {
        Some(_) => format!(
            "the minimum metered, {} (the delayed jobs' memory is not known: see below)",
            bytes(min)
        ),
        None => format!("{} (at least {} metered)", bytes(mem), bytes(min)),
    };
    let unpriced = sizing.delayed.iter().map(|d| {
        let usd = (way.delayed_usd)(d).map_or_else(String::new, |u| {
            format!(", about {} a month", usd(u))
        });
        format!(
            "the delayed jobs' memory: the profile gives no delay length; each hour of delay adds up to {} stored ({} GiB-hour a month{usd})",
            bytes(d.bytes_per_hour_grown),
            num(d.gib_hours_per_hour)
        )
    });
    let mut assumptions = vec![
        said.memory_why.clone(),
        format!(
            "Minimum metered {}: {}",
            bytes(min),
            ctx.fact_source(way.min_fact)
        ),
        ecpu_why(ctx, said),
    ];
    assumptions.extend(ctx.aws_note());
    Words {
        name: way.name.to_string(),
        items: vec![
            format!("data stored: {stored} × {} h", num(ctx.w.hours)),
            "ECPUs".to_string(),
        ],
        capacity_note: "sized by the memory the workload needs (serverless grows with the data; its upper limits are not in msgadvisor's sources)".to_string(),
        assumptions,
        unpriced: unpriced.collect(),
    }
}

/// The node the sizing picked, with its size and price as `instances:` gives them.
fn node_size<'a>(
    ctx: &'a Ctx,
    sizing: &'a RedisSizing,
) -> Option<(&'a Node, &'a Instance, &'a Price)> {
    sizing.node.as_ref().and_then(|node| {
        ctx.data
            .sizes(Use::ElasticacheNode)
            .find(|(i, _)| i.name == node.instance)
            .map(|(i, p)| (node, i, p))
    })
}

fn nodes(ctx: &Ctx, r: &RedisSizing) -> Draft {
    // The node the Redis guidance names, sized for the memory after growth.
    let Some((node, _, price)) = node_size(ctx, r) else {
        return Draft::new(NODES, Hosting::Managed, Capacity::Unchecked, Vec::new(), 0);
    };
    let capacity = match (node.memory_bytes, &r.delayed) {
        // How long jobs wait is not known: the words say how many hours of delay the node holds.
        (Some(_), Some(_)) => Capacity::Unchecked,
        (Some(_), None) if node.fits => Capacity::Checked,
        (Some(_), None) => Capacity::Exceeded,
        (None, _) => Capacity::Unchecked,
    };
    let lines = vec![ctx.line(r.nodes() as f64 * ctx.w.hours, "node-hour", &price.id)];
    // The guidance tells a workload that cannot lose messages to turn on Durability with
    // synchronous writes; AWS bills those beyond the node-hours at a rate msgadvisor has not
    // found, so the total leaves it out and says so. Asynchronous writes are free.
    let left_out = usize::from(r.durable);
    Draft::new(NODES, Hosting::Managed, capacity, lines, left_out)
}

fn nodes_words(ctx: &Ctx, r: &RedisSizing, said: &Said) -> Words {
    let Some((node, inst, _)) = node_size(ctx, r) else {
        return Words {
            name: "ElastiCache nodes".to_string(),
            capacity_note: "no node size with a price in `instances:`".to_string(),
            ..Words::default()
        };
    };
    let reserved = num(r.reserved_fraction * 100.0);
    let need = bytes(r.node_bytes);
    let capacity_note = match (node.memory_bytes, &r.delayed) {
        (Some(m), Some(d)) => format!(
            "{} has {}; with {reserved}% reserved it holds about {} hours of delay at the average rate after growth (about {} per hour); the profile gives no delay length: check the longest delay fits",
            inst.name,
            bytes(m),
            num(d.node_hours.unwrap_or(0.0).floor()),
            bytes(d.bytes_per_hour_grown)
        ),
        (Some(m), None) if node.fits => format!(
            "{need} needed after growth with {reserved}% reserved; {} has {}",
            inst.name,
            bytes(m)
        ),
        (Some(m), None) => format!(
            "{need} needed after growth with {reserved}% reserved; the largest node size, {}, has {}",
            inst.name,
            bytes(m)
        ),
        (None, _) if r.node_bytes > 0.0 => format!(
            "{need} needed after growth with {reserved}% reserved; {}'s memory is not in msgadvisor's sources: check it fits",
            inst.name
        ),
        (None, _) => format!(
            "only the backlog is held; {}'s memory is not in msgadvisor's sources: check it fits",
            inst.name
        ),
    };
    let count = num(r.nodes() as f64);
    let primaries = if r.primaries > 1 {
        format!(
            "{} primaries (shards: {}/s written at peak after growth, and Durability carries at most {}/s per primary, {}), each with",
            num(r.primaries as f64),
            bytes(ctx.derived.peak_bytes_per_sec_grown),
            bytes(ctx.fact("elasticache_durability_write_bytes_per_sec_max")),
            ctx.fact_source("elasticache_durability_write_bytes_per_sec_max")
        )
    } else {
        "1 primary +".to_string()
    };
    let mut assumptions = vec![
        said.memory_why.clone(),
        format!(
            "{count} node(s): {primaries} {} replica(s): {}",
            num(r.replicas as f64),
            ctx.fact_source("elasticache_node_replicas")
        ),
        format!(
            "{reserved}% of node memory reserved: {}",
            ctx.fact_source("elasticache_reserved_memory_fraction")
        ),
        format!("{}: {}", inst.name, inst.source),
    ];
    let mut unpriced = Vec::new();
    if r.stores_messages {
        let family = if durable_family(&inst.name) {
            String::new()
        } else {
            format!(
                "; and a node family Durability runs on ({DURABLE_FAMILY_NAMES}): {} is not one",
                inst.name
            )
        };
        if r.durable {
            unpriced.push(format!(
                "Durability with synchronous writes, which a workload that cannot lose messages needs (AWS recommends them where an application cannot tolerate any data loss): AWS bills them beyond the node-hours, at a rate not in msgadvisor's sources; asynchronous writes cost nothing extra but may lose the last 10 s of writes ({SRC_DURABILITY_COST}){family}"
            ));
        } else {
            assumptions.push(format!(
                "No Durability priced: the workload may lose messages (delivery.loss_ok: true); its asynchronous writes cost nothing extra, its synchronous writes extra at a rate not in msgadvisor's sources ({SRC_DURABILITY_COST}){family}"
            ));
        }
    }
    assumptions.extend(ctx.aws_note());
    Words {
        name: format!("ElastiCache nodes ({count} × {})", inst.name),
        items: vec![format!(
            "node-hours: {count} × {} × {} h",
            inst.name,
            num(ctx.w.hours)
        )],
        capacity_note,
        assumptions,
        unpriced,
    }
}

/// Upstash Redis, pay as you go: per command, per GiB stored beyond the first, per GiB of
/// bandwidth beyond the free allowance, and, where messages must not be lost, the Prod Pack
/// (uptime SLA, Multi-Zone HA) per database. Its published data-size limit is checked.
fn upstash(ctx: &Ctx, flavour: &Flavour, sizing: &RedisSizing) -> Draft {
    let w = &ctx.w;
    let requests = &w.assessment.redis_requests;
    let mem = sizing.held_bytes;
    let bandwidth = w.ingress_gib + w.egress_gib;
    let production = !ctx.profile.delivery.loss_ok;
    let mut lines = vec![
        ctx.line(requests.commands / 1e5, "100K commands", UPSTASH_COMMANDS),
        ctx.line(
            (mem - ctx.fact("upstash_free_storage_bytes")).max(0.0) / GIB,
            "GiB-month",
            UPSTASH_STORAGE,
        ),
        ctx.line(
            (bandwidth - ctx.fact("upstash_free_bandwidth_gib")).max(0.0),
            "GiB",
            UPSTASH_BANDWIDTH,
        ),
    ];
    if production {
        lines.push(ctx.line(1.0, "database-month", UPSTASH_PROD_PACK));
    }
    let capacity = if sizing.delayed.is_some() {
        // How long jobs wait is not known, so neither is what the database holds.
        Capacity::Unchecked
    } else if mem > ctx.fact("upstash_max_data_bytes")
        || requests.peak_commands_per_sec > ctx.fact("upstash_commands_per_sec")
    {
        Capacity::Exceeded
    } else {
        Capacity::Checked
    };
    let left_out =
        usize::from(sizing.delayed.is_some()) + usize::from(flavour.idle_commands.is_some());
    Draft {
        advised_against: flavour.upstash_advised_against,
        // Where messages must not be lost, the node-based way has a sourced setting that keeps
        // every acknowledged write (Durability's synchronous writes); Upstash's docs do not say
        // as much, so it is suggested only when that way does not fit.
        durability_doubt: sizing.durable.then_some(UPSTASH_DURABILITY_DOUBT),
        ..Draft::new(UPSTASH, Hosting::Managed, capacity, lines, left_out)
    }
}

fn upstash_words(
    ctx: &Ctx,
    f: &Figures,
    flavour: &Flavour,
    sizing: &RedisSizing,
    said: &Said,
) -> Words {
    let w = &ctx.w;
    let requests = &w.assessment.redis_requests;
    let mem = sizing.held_bytes;
    let prod_pack = f.lines.iter().any(|l| l.price == UPSTASH_PROD_PACK);
    let mut items = vec![
        format!(
            "commands: {} messages a month × (1 write + {} per consumer group) ÷ 100K",
            thousands(w.messages_per_month),
            num(w.groups)
        ),
        format!(
            "storage: {} less the first {} free",
            bytes(mem),
            bytes(ctx.fact("upstash_free_storage_bytes"))
        ),
        format!(
            "bandwidth: ingress {} + egress {} GiB, less {} GiB free",
            num(w.ingress_gib),
            num(w.egress_gib),
            num(ctx.fact("upstash_free_bandwidth_gib"))
        ),
    ];
    if prod_pack {
        items.push("Prod Pack: 1 database × a month (uptime SLA, Multi-Zone HA)".to_string());
    }
    let mut unpriced: Vec<String> = sizing
        .delayed
        .iter()
        .map(|d| {
            format!(
                "the delayed jobs' memory: the profile gives no delay length; each hour of delay adds up to {} stored",
                bytes(d.bytes_per_hour_grown)
            )
        })
        .collect();
    unpriced.extend(flavour.idle_commands.map(str::to_string));
    let max = si(ctx.fact("upstash_max_data_bytes"));
    let max_source = ctx.fact_source("upstash_max_data_bytes");
    let rate_max = num(ctx.fact("upstash_commands_per_sec"));
    let peak = num(requests.peak_commands_per_sec.round());
    let capacity_note = match (&sizing.delayed, f.capacity) {
        (Some(d), _) => format!(
            "the delayed jobs add up to {} per hour of delay; the profile gives no delay length: check what is held stays under pay as you go's {max} ({max_source})",
            bytes(d.bytes_per_hour_grown)
        ),
        // Over the data-size limit, or else over the command rate.
        (None, Capacity::Exceeded) if mem > ctx.fact("upstash_max_data_bytes") => format!(
            "{} to hold is above pay as you go's {max} ({max_source})",
            bytes(mem)
        ),
        (None, Capacity::Exceeded) => format!(
            "{peak} commands/s at peak after growth is above pay as you go's {rate_max} a second ({}); {} of {max} data",
            ctx.fact_source("upstash_commands_per_sec"),
            bytes(mem)
        ),
        (None, _) => format!(
            "{} of the {max} pay as you go holds; {peak} commands/s at peak after growth of the {rate_max} a second it takes",
            bytes(mem)
        ),
    };
    let commands_why = format!(
        "Commands {} a month = messages × {} (msgadvisor assumption: 1 to write, 1 per consumer group to read or acknowledge; batched reads need fewer, acks and retries more){}",
        thousands(requests.commands),
        num(requests.commands_per_message),
        said.ecpu_note
    );
    let prod_pack_why = if prod_pack {
        "Prod Pack added: messages must not be lost (delivery.loss_ok: false), and without it Upstash gives no uptime SLA or Multi-Zone HA"
    } else {
        "No Prod Pack (uptime SLA, Multi-Zone HA): the workload may lose messages (delivery.loss_ok: true)"
    };
    Words {
        name: "Upstash Redis, pay as you go".to_string(),
        items,
        capacity_note,
        assumptions: vec![
            said.memory_why.clone(),
            commands_why,
            prod_pack_why.to_string(),
        ],
        unpriced,
    }
}
