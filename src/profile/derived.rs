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
    /// RAM a Redis stream needs to hold the replay window: entries × (payload + per-entry overhead).
    pub redis_stream_bytes: f64,
    /// Any feature only a job queue offers: delays, priorities, rate limits, schedules.
    pub job_features: bool,
    pub peak_per_sec_grown: f64,
    pub peak_bytes_per_sec_grown: f64,
    pub consumers_needed_grown: f64,
    pub retained_bytes_grown: f64,
    pub messages_per_day_grown: f64,
    pub redis_stream_bytes_grown: f64,
}

/// Consumers needed to keep up with `rate` messages per second at `processing_ms` each.
pub fn consumers_for(rate: f64, processing_ms: f64) -> f64 {
    (rate * processing_ms / 1000.0).ceil().max(1.0)
}

impl Derived {
    /// `stream_entry_overhead` is the per-entry overhead of a Redis stream entry beyond its
    /// payload, from `rules/limits.yaml`.
    pub fn of(p: &Profile, stream_entry_overhead: f64) -> Derived {
        let t = &p.throughput;
        let g = t.growth_factor;
        let bytes = t.message_bytes as f64;
        let retention_seconds = if p.replay.needed {
            p.replay.retention_days * SECONDS_PER_DAY
        } else {
            0.0
        };
        let avg_bytes = t.avg() * bytes;
        let entries = t.avg() * retention_seconds;
        let redis_stream_bytes = entries * (bytes + stream_entry_overhead);
        Derived {
            peak_bytes_per_sec: t.peak_per_sec * bytes,
            avg_bytes_per_sec: avg_bytes,
            consumers_needed: consumers_for(t.peak_per_sec, p.consumers.processing_ms),
            retention_seconds,
            retained_bytes: avg_bytes * retention_seconds,
            messages_per_day: t.avg() * SECONDS_PER_DAY,
            redis_stream_bytes,
            job_features: p.jobs.any_queue_feature(),
            peak_per_sec_grown: t.peak_per_sec * g,
            peak_bytes_per_sec_grown: t.peak_per_sec * bytes * g,
            consumers_needed_grown: consumers_for(t.peak_per_sec * g, p.consumers.processing_ms),
            retained_bytes_grown: avg_bytes * retention_seconds * g,
            messages_per_day_grown: t.avg() * SECONDS_PER_DAY * g,
            redis_stream_bytes_grown: redis_stream_bytes * g,
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
        let d = Derived::of(&p, 20.0);
        assert_eq!(d.peak_bytes_per_sec, 400_000.0);
        assert_eq!(d.consumers_needed, 8.0);
        assert_eq!(d.consumers_needed_grown, 16.0);
        assert_eq!(d.retention_seconds, 604_800.0);
        assert_eq!(d.retained_bytes, 50.0 * 1000.0 * 604_800.0);
        assert_eq!(d.messages_per_day, 4_320_000.0);
        assert_eq!(d.redis_stream_bytes, 50.0 * 604_800.0 * 1020.0);
    }

    #[test]
    fn at_least_one_consumer() {
        assert_eq!(consumers_for(0.02, 0.0), 1.0);
        assert_eq!(consumers_for(1000.0, 1.5), 2.0);
    }
}
