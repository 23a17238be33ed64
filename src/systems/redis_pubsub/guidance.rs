//! Redis Pub/Sub: at-most-once delivery, what a disconnected or slow subscriber loses (output
//! buffer limits with framing overhead, in time at this profile's rate), keeping the read loop
//! fast and sharding channels, no replay.

use crate::systems::guidance::{Advice, Figure, Inputs, Section, SystemGuidance};
use crate::units::{bytes, num};

const SRC_PUBSUB: &str = "redis.io/docs/latest/develop/pubsub; Alibaba ApsaraDB docs [V]: at-most-once; a subscriber that errors or disconnects loses the message for good; nothing is persisted; subscribers see only what is published after they subscribe";

pub fn guide(inp: &Inputs) -> SystemGuidance {
    let p = inp.profile;
    let d = inp.derived;
    let hard = inp.limit("redis_pubsub_output_buffer_hard_bytes", 33_554_432.0);
    let soft = inp.limit("redis_pubsub_output_buffer_soft_bytes", 8_388_608.0);
    let soft_s = inp.limit("redis_pubsub_output_buffer_soft_seconds", 60.0);
    let mut g = SystemGuidance::default();

    let delivery = vec![
        Advice::new(
            "At most once: each message is sent once to whoever is subscribed at that moment. A subscriber that is down, reconnecting or failing loses those messages for good, and a new subscriber sees nothing from before it subscribed. Messages in flight are also lost on a master/replica switchover.",
            SRC_PUBSUB,
        ),
        Advice::new(
            "No replay and no acknowledgement: if a consumer must catch up after a restart, use a Redis stream instead (same Redis, consumer groups, XACK).",
            SRC_PUBSUB,
        ),
    ];

    // What a stalled subscriber's buffer takes: each message is its payload plus RESP framing
    // and the channel name (measured, limits.yaml).
    let overhead = inp.limit("redis_pubsub_buffer_overhead_bytes", 52.0);
    let per_message = p.throughput.message_bytes as f64 + overhead.value;
    let rate = d.peak_per_sec_grown * per_message;
    let mut slow = Vec::new();
    let hard_msgs = (hard.value / per_message).floor();
    g.figures.push(Figure::new(
        "buffer_messages",
        "Messages a stalled subscriber's buffer holds",
        hard_msgs,
        "messages",
        format!(
            "{} hard limit ÷ ({} payload + {} framing and channel name)",
            bytes(hard.value),
            bytes(p.throughput.message_bytes as f64),
            bytes(overhead.value)
        ),
    ));
    if rate > 0.0 {
        // The soft limit: above it for soft_s seconds; at a steady rate it usually fires first.
        let to_soft = soft.value / rate + soft_s.value;
        let to_hard = hard.value / rate;
        let cut = to_soft.min(to_hard);
        let which = if to_soft <= to_hard {
            format!(
                "{} ÷ {}/s to pass the soft limit, + {} s above it",
                bytes(soft.value),
                bytes(rate),
                num(soft_s.value)
            )
        } else {
            format!(
                "{} ÷ {}/s to the hard limit (before the soft limit's {} s run out)",
                bytes(hard.value),
                bytes(rate),
                num(soft_s.value)
            )
        };
        g.figures.push(Figure::new(
            "stall_seconds",
            "A stalled subscriber is cut off after",
            cut,
            "seconds",
            format!(
                "{which}; {}/s = {} msg/s at peak after growth × {} a message",
                bytes(rate),
                num(d.peak_per_sec_grown),
                bytes(per_message)
            ),
        ));
        slow.push(Advice::cited(
            format!(
                "Redis disconnects a subscriber whose output buffer stays above {} for {} s, or passes {}. Each message takes about {} there ({} payload + about {} of framing and channel name), so at peak after growth a subscriber that stops reading is cut off after about {} s, and everything in its buffer is lost.",
                bytes(soft.value),
                num(soft_s.value),
                bytes(hard.value),
                bytes(per_message),
                bytes(p.throughput.message_bytes as f64),
                bytes(overhead.value),
                num(cut.round())
            ),
            [soft.source.as_str(), overhead.source.as_str()],
        ));
        if let Some(minutes) = p.consumers.max_stall_minutes
            && minutes * 60.0 > cut
        {
            g.warnings.push(Advice::new(
                format!(
                    "A subscriber stalled for {} min (consumers.max_stall_minutes) is cut off after about {} s: Pub/Sub holds no backlog, so everything published meanwhile is lost to it.",
                    num(minutes),
                    num(cut.round())
                ),
                soft.source.clone(),
            ));
        }
    }
    let work = d.consumers_needed_grown;
    let global = p.delivery.ordering == crate::profile::Ordering::Global;
    slow.push(Advice::plain(format!(
        "Keep the read loop fast: every subscriber gets every message and must read at the full rate ({} msg/s at peak after growth). Let the connection only read and hand each message to a local worker pool or in-process queue, so {} ms of work a message does not slow the reading.",
        num(d.peak_per_sec_grown),
        num(p.consumers.processing_ms)
    )));
    slow.push(Advice::plain(
        "Shard channels to spread the load: publish to N channels by key (for example `<channel>.<hash(key) % N>`) and run one subscriber process per shard (or a pattern subscription per process); with per-key order, each shard's subscriber handles its messages in sequence and keeps its keys in order.",
    ));
    if global && work > 1.0 {
        g.warnings.push(Advice::new(
            format!(
                "One global order means one channel and one subscriber handling messages in sequence, and that needs {} seconds of work per second at peak after growth: Redis will disconnect it and drop messages. Relax the order (per-key, sharded channels) or make each message cheaper.",
                num(work)
            ),
            soft.source.clone(),
        ));
    }

    let connections = vec![Advice::new(
        "A RESP2 connection in subscribed mode cannot run other commands: give subscribers their own connection (RESP3 clients can mix them).",
        "redis.io [V]: a RESP2 subscriber connection cannot run other commands",
    )];

    g.sections = vec![
        Section::new("delivery", "Delivery", delivery),
        Section::new(
            "slow-subscribers",
            "Slow and disconnected subscribers",
            slow,
        ),
        Section::new("connections", "Connections", connections),
    ];
    g
}
