//! Quantities derived from a profile, computed once per evaluation and shown to rules as
//! `derived.*`, to `explain`, and to the guidance and cost sections.

use super::Profile;
use serde::Serialize;

const SECONDS_PER_DAY: f64 = 86_400.0;

/// Everything here is a plain number so CEL sees doubles throughout (see `engine::cel`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Derived {
    /// Bytes per second at peak.
    pub peak_bytes_per_sec: f64,
    /// Bytes per second on average.
    pub avg_bytes_per_sec: f64,
    /// Consumers one group needs to keep up at peak: ceil(peak_per_sec × processing_ms / 1000), at least 1.
    pub consumers_needed: f64,
    /// The replay window in seconds; 0 when replay is not needed.
    pub retention_seconds: f64,
    /// Bytes retained for the replay window (one copy): avg bytes/s × retention seconds.
    pub retained_bytes: f64,
    /// Messages on an average day.
    pub messages_per_day: f64,
    /// RAM a Redis stream needs to hold the replay window: entries × the bytes one entry takes
    /// (see [`StreamMemoryModel`]).
    pub redis_stream_bytes: f64,
    /// RAM one stream entry of `message_bytes` takes, bookkeeping included (see [`StreamMemoryModel`]).
    pub redis_stream_entry_bytes: f64,
    /// Any feature only a job queue offers: delays, priorities, rate limits, schedules.
    pub job_features: bool,
    pub peak_per_sec_grown: f64,
    pub peak_bytes_per_sec_grown: f64,
    pub consumers_needed_grown: f64,
    pub retained_bytes_grown: f64,
    pub messages_per_day_grown: f64,
    pub redis_stream_bytes_grown: f64,
    /// Bytes of payload that queue up while the consumers are stalled for
    /// `consumers.max_stall_minutes`: peak msg/s × message_bytes × stall seconds (0 when unset).
    pub backlog_bytes: f64,
    pub backlog_bytes_grown: f64,
}

/// Consumers needed to keep up with `rate` messages per second at `processing_ms` each.
pub fn consumers_for(rate: f64, processing_ms: f64) -> f64 {
    (rate * processing_ms / 1000.0).ceil().max(1.0)
}

/// The RAM a Redis stream takes, as Redis's own `MEMORY USAGE` counts it.
///
/// Entries are packed into listpack nodes of at most `node_max_bytes` and `node_max_entries`
/// (Redis's `stream-node-max-bytes` / `stream-node-max-entries`); each entry costs its payload
/// plus `entry_overhead_bytes` (IDs as deltas, flags, lengths); each node costs
/// `node_overhead_bytes` of radix-tree bookkeeping; and the allocator rounds every node up to a
/// size class, `allocator_rounding` on average. Fitted to measurements of redis-server 7.0.15
/// (see `rules/limits.yaml` and `tests/redis_stream_memory.rs`): within about 10% for payloads
/// from 1 byte to 200 KB. The constant 17 bytes per entry used before was 27% low at 2 KiB.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StreamMemoryModel {
    pub entry_overhead_bytes: f64,
    pub node_overhead_bytes: f64,
    pub allocator_rounding: f64,
    pub node_max_bytes: f64,
    pub node_max_entries: f64,
}

impl Default for StreamMemoryModel {
    /// The built-in values of `rules/limits.yaml`.
    fn default() -> Self {
        StreamMemoryModel {
            entry_overhead_bytes: 12.0,
            node_overhead_bytes: 230.0,
            allocator_rounding: 1.125,
            node_max_bytes: 4096.0,
            node_max_entries: 100.0,
        }
    }
}

impl StreamMemoryModel {
    /// The model with each value from the limit of the same name where one is set
    /// (`redis_stream_entry_overhead_bytes`, …), else the built-in default.
    pub fn from_limits(limit: impl Fn(&str) -> Option<f64>) -> Self {
        let d = StreamMemoryModel::default();
        let get =
            |name: &str, default: f64| limit(name).filter(|v| v.is_finite()).unwrap_or(default);
        StreamMemoryModel {
            entry_overhead_bytes: get("redis_stream_entry_overhead_bytes", d.entry_overhead_bytes)
                .max(0.0),
            node_overhead_bytes: get("redis_stream_node_overhead_bytes", d.node_overhead_bytes)
                .max(0.0),
            allocator_rounding: get("redis_stream_allocator_rounding", d.allocator_rounding)
                .max(1.0),
            node_max_bytes: get("redis_stream_node_max_bytes", d.node_max_bytes).max(1.0),
            node_max_entries: get("redis_stream_node_max_entries", d.node_max_entries).max(1.0),
        }
    }

    /// Entries of `payload` bytes that fit in one listpack node (at least 1).
    pub fn entries_per_node(&self, payload: f64) -> f64 {
        let entry = payload + self.entry_overhead_bytes;
        (self.node_max_bytes / entry)
            .floor()
            .clamp(1.0, self.node_max_entries)
    }

    /// RAM one entry of `payload` bytes takes, its share of its node's bookkeeping included.
    /// Never decreases as the payload grows.
    pub fn bytes_per_entry(&self, payload: f64) -> f64 {
        let entry = payload + self.entry_overhead_bytes;
        entry * self.allocator_rounding + self.node_overhead_bytes / self.entries_per_node(payload)
    }

    /// RAM a stream of `entries` entries of `payload` bytes each takes.
    pub fn bytes(&self, entries: f64, payload: f64) -> f64 {
        entries * self.bytes_per_entry(payload)
    }
}

impl Derived {
    /// `stream` is the Redis stream memory model, from `rules/limits.yaml`
    /// (`RuleSet::stream_model`; `RuleSet::derived` does both).
    pub fn of(p: &Profile, stream: StreamMemoryModel) -> Derived {
        let t = &p.throughput;
        let g = t.growth_factor;
        let bytes = t.message_bytes as f64;
        let retention_seconds = if p.replay.needed {
            p.replay.retention_days * SECONDS_PER_DAY
        } else {
            0.0
        };
        let avg_bytes = t.avg() * bytes;
        let stall_seconds = p.consumers.max_stall_minutes.unwrap_or(0.0) * 60.0;
        let entries = t.avg() * retention_seconds;
        let redis_stream_entry_bytes = stream.bytes_per_entry(bytes);
        let redis_stream_bytes = entries * redis_stream_entry_bytes;
        Derived {
            peak_bytes_per_sec: t.peak_per_sec * bytes,
            avg_bytes_per_sec: avg_bytes,
            consumers_needed: consumers_for(t.peak_per_sec, p.consumers.processing_ms),
            retention_seconds,
            retained_bytes: avg_bytes * retention_seconds,
            messages_per_day: t.avg() * SECONDS_PER_DAY,
            redis_stream_bytes,
            redis_stream_entry_bytes,
            job_features: p.jobs.any_queue_feature(),
            peak_per_sec_grown: t.peak_per_sec * g,
            peak_bytes_per_sec_grown: t.peak_per_sec * bytes * g,
            consumers_needed_grown: consumers_for(t.peak_per_sec * g, p.consumers.processing_ms),
            retained_bytes_grown: avg_bytes * retention_seconds * g,
            messages_per_day_grown: t.avg() * SECONDS_PER_DAY * g,
            redis_stream_bytes_grown: redis_stream_bytes * g,
            backlog_bytes: t.peak_per_sec * bytes * stall_seconds,
            backlog_bytes_grown: t.peak_per_sec * bytes * stall_seconds * g,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::load;

    #[test]
    fn derives_the_spec_quantities() {
        let (p, _, _) = load(
            "version: 1\nname: x\nthroughput: {peak_per_sec: 400, avg_per_sec: 50, message_bytes: 1000, growth_factor: 2}\nconsumers: {processing_ms: 20}\nreplay: {needed: true, retention_days: 7}\n",
            "p",
        )
        .unwrap();
        let d = Derived::of(&p, StreamMemoryModel::default());
        assert_eq!(d.peak_bytes_per_sec, 400_000.0);
        assert_eq!(d.consumers_needed, 8.0);
        assert_eq!(d.consumers_needed_grown, 16.0);
        assert_eq!(d.retention_seconds, 604_800.0);
        assert_eq!(d.retained_bytes, 50.0 * 1000.0 * 604_800.0);
        assert_eq!(d.messages_per_day, 4_320_000.0);
        // 1000-byte entries: 4 per 4096-byte node; (1000 + 12) × 1.125 + 230 / 4 = 1196 bytes.
        assert_eq!(d.redis_stream_entry_bytes, 1196.0);
        assert_eq!(d.redis_stream_bytes, 50.0 * 604_800.0 * 1196.0);
    }

    #[test]
    fn at_least_one_consumer() {
        assert_eq!(consumers_for(0.02, 0.0), 1.0);
        assert_eq!(consumers_for(1000.0, 1.5), 2.0);
    }
}
