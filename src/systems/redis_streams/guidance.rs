//! Redis Streams: the RAM the retained window takes (the measured memory model) and whether it
//! fits a sensible node, MAXLEN / MINID trimming, one consumer group per service, stuck entries
//! and XAUTOCLAIM, and what a crash can lose where it runs (AOF, or ElastiCache's Durability).

use crate::systems::guidance::{Advice, Figure, Inputs, Section, SystemGuidance, plural};
use crate::systems::redis::guidance::{RedisHost, redis_durability, redis_host};
use crate::units::{bytes, num, thousands};

const SRC_TRIM: &str = "redis.io/commands/xadd, /xtrim [V]: MAXLEN caps the count, MINID (6.2+) drops entries below an ID, `~` trims whole nodes cheaply";
const SRC_GROUPS: &str = "redis.io/commands/xautoclaim, /xpending [V]: the PEL holds unacknowledged entries; XAUTOCLAIM (6.2+) takes entries idle past a threshold (COUNT default 100)";
const SRC_RAM_BOUND: &str = "domain-facts §3 [D]: every retained entry lives in RAM, so replay depth ≈ usable RAM ÷ bytes per entry";

pub fn guide(inp: &Inputs) -> SystemGuidance {
    let p = inp.profile;
    let d = inp.derived;
    let model = inp.stream_model();
    let payload = p.throughput.message_bytes as f64;
    let per_entry = d.redis_stream_entry_bytes;
    let per_node = model.entries_per_node(payload);
    let comfortable = inp.limit("redis_stream_comfortable_bytes", 8.0 * 1024f64.powi(3));
    let max = inp.limit("redis_stream_max_bytes", 64.0 * 1024f64.powi(3));
    let model_src = inp.limit("redis_stream_entry_overhead_bytes", 12.0).source;

    let mut g = SystemGuidance::default();
    let how_entry = format!(
        "({} + {} B) × {} allocator rounding + {} B node overhead ÷ {} entries per node",
        thousands(payload),
        num(model.entry_overhead_bytes),
        model.allocator_rounding,
        num(model.node_overhead_bytes),
        num(per_node)
    );
    g.figures.push(Figure::new(
        "bytes_per_entry",
        "RAM per entry",
        per_entry,
        "bytes",
        how_entry.clone(),
    ));

    let mut memory = vec![Advice::new(
        format!(
            "One {}-byte entry takes about {} of RAM: {how_entry}. Entries are packed into listpack nodes of at most {} bytes and {} entries.",
            thousands(payload),
            bytes(per_entry),
            thousands(model.node_max_bytes),
            num(model.node_max_entries)
        ),
        model_src.clone(),
    )];
    let mut trimming = Vec::new();
    if p.replay.needed {
        let entries = p.throughput.avg() * d.retention_seconds;
        g.figures.push(Figure::new(
            "window_entries",
            "Entries in the replay window",
            entries,
            "entries",
            format!(
                "avg {} msg/s × {}",
                num(p.throughput.avg()),
                plural(p.replay.retention_days, "day", "days")
            ),
        ));
        g.figures.push(Figure::new(
            "window_bytes",
            "RAM for the replay window",
            d.redis_stream_bytes,
            "bytes",
            "entries × RAM per entry",
        ));
        g.figures.push(Figure::new(
            "window_bytes_grown",
            "RAM for the window after growth",
            d.redis_stream_bytes_grown,
            "bytes",
            format!("× growth {}", num(p.throughput.growth_factor)),
        ));
        // The node memory and node size the cost prices ElastiCache nodes with.
        let sizing = &inp.assessment.redis_streams;
        let reserved = inp.limit("elasticache_reserved_memory_fraction", 0.25);
        let usable = 1.0 - sizing.reserved_fraction;
        let node = sizing.node_bytes;
        g.figures.push(Figure::new(
            "node_memory",
            "Node memory for the window",
            node,
            "bytes",
            format!(
                "RAM after growth ÷ {} ({}% reserved on ElastiCache), per node; a replica doubles it",
                num(usable),
                num(sizing.reserved_fraction * 100.0)
            ),
        ));
        let on_node = match &sizing.node {
            Some(n) if n.fits => format!(
                " On ElastiCache that is {} ({} maxmemory), as the cost prices it.",
                n.instance,
                bytes(n.memory_bytes.unwrap_or(0.0))
            ),
            Some(n) if n.memory_bytes.is_some() => format!(
                " No ElastiCache node size priced here holds it: the largest, {}, has {} maxmemory.",
                n.instance,
                bytes(n.memory_bytes.unwrap_or(0.0))
            ),
            _ => String::new(),
        };
        memory.push(Advice::cited(
            format!(
                "The {}-day replay window is {} entries: about {} of RAM now, {} after growth; with about {}% of a managed node reserved, a node of at least {} (and the same again for its replica).{on_node}",
                num(p.replay.retention_days),
                thousands(entries),
                bytes(d.redis_stream_bytes),
                bytes(d.redis_stream_bytes_grown),
                num(sizing.reserved_fraction * 100.0),
                bytes(node)
            ),
            [SRC_RAM_BOUND, reserved.source.as_str()],
        ));
        let verdict = if d.redis_stream_bytes_grown > max.value {
            format!(
                "Above {}: no single Redis node is a sensible home for this window; keep history in a log on disk (Kafka) and use the stream for a short tail at most.",
                bytes(max.value)
            )
        } else if d.redis_stream_bytes_grown > comfortable.value {
            format!(
                "Above {}: the window crowds everything else on the node and is slow to replicate and restart; shorten replay.retention_days or keep history elsewhere.",
                bytes(comfortable.value)
            )
        } else {
            format!(
                "Fits comfortably: under {} after growth.",
                bytes(comfortable.value)
            )
        };
        let src = if d.redis_stream_bytes_grown > max.value {
            max.source.clone()
        } else {
            comfortable.source.clone()
        };
        let crowded = d.redis_stream_bytes_grown > comfortable.value;
        g.advise(&mut memory, Advice::new(verdict, src), crowded);
        let maxlen = (p.throughput.avg() * d.retention_seconds * p.throughput.growth_factor).ceil();
        g.figures.push(Figure::new(
            "maxlen",
            "MAXLEN for the window after growth",
            maxlen,
            "entries",
            format!(
                "avg {} msg/s × {} s × growth {}",
                num(p.throughput.avg()),
                thousands(d.retention_seconds),
                num(p.throughput.growth_factor)
            ),
        ));
        trimming.push(Advice::new(
            format!(
                "Trim by time with MINID: every few seconds (or on XADD) run `XTRIM <stream> MINID ~ <now-in-ms − {:.0}>`, which keeps the {}-day window whatever the rate. Or cap by count: `XADD <stream> MAXLEN ~ {:.0} * …` holds the window at the average rate after growth, but a count shortens the window when traffic rises.",
                d.retention_seconds * 1000.0,
                num(p.replay.retention_days),
                maxlen
            ),
            SRC_TRIM,
        ));
    } else {
        let hour = p.throughput.peak_per_sec * 3600.0 * per_entry;
        g.figures.push(Figure::new(
            "backlog_bytes_per_hour",
            "RAM per hour of backlog at peak",
            hour,
            "bytes",
            format!(
                "{} msg/s × 3,600 s × {} per entry",
                num(p.throughput.peak_per_sec),
                bytes(per_entry)
            ),
        ));
        memory.push(Advice::new(
            format!(
                "No replay is asked, so the stream only needs to hold the backlog: each hour of backlog at peak costs about {}.",
                bytes(hour)
            ),
            SRC_RAM_BOUND,
        ));
        trimming.push(Advice::new(
            "Acknowledged entries stay in the stream until trimmed: cap it with `XADD <stream> MAXLEN ~ <n> * …` at the backlog you can afford to hold in RAM, or trim with `XTRIM <stream> MINID ~ <oldest ID still pending>`.",
            SRC_TRIM,
        ));
    }
    trimming.push(Advice::new(
        "Use `~` (approximate): Redis frees whole nodes, which is far cheaper than trimming to the exact entry; add LIMIT to bound the work of one call.",
        SRC_TRIM,
    ));

    // More than one consumer in a group breaks any order (each entry goes to whoever reads next).
    let ordered =
        p.delivery.ordering != crate::profile::Ordering::None && d.consumers_needed_grown > 1.0;
    let mut groups = vec![
        Advice::new(
            format!(
                "{}, one per consuming service, named after it; each group keeps its own position, and within a group each entry goes to one consumer. Each group needs {} at peak ({} after growth) to keep up{}.",
                plural(
                    p.consumers.groups as f64,
                    "consumer group",
                    "consumer groups"
                ),
                if ordered {
                    plural(d.consumers_needed, "consumer's work", "consumers' work")
                } else {
                    plural(d.consumers_needed, "consumer", "consumers")
                },
                num(d.consumers_needed_grown),
                if ordered {
                    "; with order asked for, that is that many streams sharded by key, one consumer each, not that many consumers in one group"
                } else {
                    ""
                }
            ),
            "redis.io/commands/xautoclaim, /xpending; upstash docs [V]: each group keeps its own position; within a group each entry goes to one consumer",
        ),
        Advice::new(
            format!(
                "Stuck entries: an entry read but never XACKed stays in the group's pending list. Run `XAUTOCLAIM <stream> <group> <consumer> <min-idle-time> 0-0` periodically with min-idle-time well above the longest processing time ({} ms typical here), so a dead consumer's entries move to a live one.",
                num(p.consumers.processing_ms)
            ),
            SRC_GROUPS,
        ),
        Advice::new(
            "Poison messages: XPENDING shows each entry's delivery count; past a few deliveries, copy the entry to a dead-letter stream, XACK it, and alert.",
            SRC_GROUPS,
        ),
    ];

    crate::systems::guidance::ordering(inp, "redis-streams", &mut g, &mut groups);
    crate::systems::guidance::redis_backlog(inp, &mut g, &mut groups);

    // What survives a crash depends on where the cost suggests running Redis (AOF is not an
    // ElastiCache setting); Sentinel only where the team runs Redis itself.
    let mut durability = redis_durability(
        inp,
        "redis-streams",
        &inp.assessment.redis_streams,
        "entries",
    );
    if matches!(
        redis_host(inp, "redis-streams"),
        RedisHost::Existing | RedisHost::Unknown
    ) {
        durability.push(Advice::new(
            "High availability: Sentinel needs 3 or more instances, and with asynchronous replication a failover can lose writes Redis already acknowledged.",
            "redis.io (quoted) [S]: Sentinel 3+; async replication may lose acknowledged writes on failover",
        ));
    }
    durability.push(Advice::new(
        "Streams need Redis 5.0 or later; MINID trimming and XAUTOCLAIM need 6.2.",
        "alibabacloud.com macro-node docs [V]: streams since Redis 5.0; redis.io/commands/xtrim, /xautoclaim [V]: 6.2+",
    ));

    g.sections = vec![
        Section::new("memory", "Memory", memory),
        Section::new("trimming", "Trimming", trimming),
        Section::new(
            "consumer-groups",
            "Consumer groups and stuck entries",
            groups,
        ),
        Section::new("durability", "Persistence and failover", durability),
    ];
    g
}
