//! Redis Pub/Sub: at-most-once delivery, what a disconnected or slow subscriber loses (output
//! buffer limits, in time at this profile's rate), no replay.

use super::{Advice, Figure, Inputs, Section, SystemGuidance};
use crate::units::{bytes, num, thousands};

const SRC_PUBSUB: &str = "redis.io/docs/latest/develop/pubsub; Alibaba ApsaraDB docs [V]: at-most-once; a subscriber that errors or disconnects loses the message for good; nothing is persisted; subscribers see only what is published after they subscribe";

pub fn guide(inp: &Inputs) -> SystemGuidance {
    let p = inp.profile;
    let d = inp.derived;
    let hard = inp.limit("redis_pubsub_output_buffer_hard_bytes", 33_554_432.0);
    let soft = inp.limit("redis_pubsub_output_buffer_soft_bytes", 8_388_608.0);
    let soft_s = inp.limit("redis_pubsub_output_buffer_soft_seconds", 60.0);
    let mut g = super::empty();

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

    let rate = d.peak_bytes_per_sec_grown;
    let mut slow = Vec::new();
    let hard_msgs = (hard.value / p.throughput.message_bytes as f64).floor();
    g.figures.push(Figure::new(
        "buffer_messages",
        "Messages a stalled subscriber's buffer holds",
        hard_msgs,
        "messages",
        format!(
            "{} hard limit ÷ {} per message",
            bytes(hard.value),
            bytes(p.throughput.message_bytes as f64)
        ),
    ));
    if rate > 0.0 {
        let to_hard = hard.value / rate;
        g.figures.push(Figure::new(
            "stall_seconds",
            "A stalled subscriber is cut off after",
            to_hard,
            "seconds",
            format!(
                "{} ÷ {}/s at peak after growth",
                bytes(hard.value),
                bytes(rate)
            ),
        ));
        slow.push(Advice::new(
            format!(
                "Redis disconnects a subscriber whose output buffer passes {} (about {} messages here), or stays above {} for {} s. At peak after growth ({}/s) a subscriber that stops reading is cut off after about {} s, and everything in its buffer is lost.",
                bytes(hard.value),
                thousands(hard_msgs),
                bytes(soft.value),
                num(soft_s.value),
                bytes(rate),
                num((to_hard * 10.0).round() / 10.0)
            ),
            hard.source.clone(),
        ));
    }
    let work = p.throughput.peak_per_sec * p.consumers.processing_ms / 1000.0;
    slow.push(Advice::new(
        if work > 1.0 {
            format!(
                "Subscribers don't share load: every subscriber gets every message and must keep up alone, and at {} msg/s × {} ms this one needs {} seconds of work per second. Hand each message to a local worker pool at once, or use a stream with a consumer group.",
                num(p.throughput.peak_per_sec),
                num(p.consumers.processing_ms),
                num(work)
            )
        } else {
            format!(
                "Subscribers don't share load: every subscriber gets every message and must keep up alone; at {} msg/s × {} ms one subscriber is busy {}% of the time at peak.",
                num(p.throughput.peak_per_sec),
                num(p.consumers.processing_ms),
                num((work * 1000.0).round() / 10.0)
            )
        },
        "support.huaweicloud.com dcs-faq-0427017; redis.io [V]: slow subscribers are disconnected",
    ));
    if work > 1.0 {
        g.warnings.push(Advice::new(
            "One subscriber cannot keep up with the peak rate, so Redis will disconnect it and drop messages.",
            hard.source.clone(),
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
