//! Redis's numbers for one profile and one Redis-based system: the memory it holds now and after
//! growth, the node memory that needs once ElastiCache's reserved share is set aside, and the
//! cheapest node size that holds it; for BullMQ with delayed jobs, the RAM each hour of delay
//! holds (the profile gives no delay length); and what the per-request ways bill (ECPUs,
//! commands), the same for each system. The guidance names that node and the cost prices it.

use super::cost::{REDIS_GIB_HOUR, VALKEY_GIB_HOUR};
use crate::profile::{Derived, Profile};
use crate::systems::cost::GIB;
use crate::tables::{CostData, Use};

/// The node size picked for the memory a system holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub instance: String,
    /// The node's maxmemory, when the sources give it.
    pub memory_bytes: Option<f64>,
    /// True when `memory_bytes` is known and at least the memory needed.
    pub fits: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RedisSizing {
    /// What the system keeps in Redis now: the replay window for a stream with replay; the
    /// backlog only (counted as 0) for BullMQ, a trimmed stream and Pub/Sub (BullMQ's delayed
    /// jobs are in `delayed`, per hour of delay).
    pub held_bytes: f64,
    /// Share of a node's memory ElastiCache reserves for its own overhead.
    pub reserved_fraction: f64,
    /// Node memory needed: held after `growth_factor` ÷ (1 − reserved).
    pub node_bytes: f64,
    /// Replicas per primary.
    pub replicas: u64,
    /// Whether a write lost in a failure loses messages (false for Pub/Sub, which holds only
    /// what is in flight).
    pub stores_messages: bool,
    /// A lost write loses messages this workload must not lose (`stores_messages`,
    /// `delivery.loss_ok: false`): node-based ElastiCache then needs Durability with
    /// synchronous writes (a cost its total leaves out), and ElastiCache Serverless (no
    /// Durability) and Upstash (its docs do not say) carry a durability doubt.
    pub durable: bool,
    /// Primaries (shards): one, or where `durable`, as many as Durability's write limit per
    /// primary needs for the peak after growth.
    pub primaries: u64,
    /// The cheapest priced node size whose memory fits (or is unknown), never a development
    /// size for a workload that cannot lose messages; when none fits, the largest, with `fits`
    /// false.
    pub node: Option<Node>,
    /// BullMQ with `jobs.delays`: the jobs that wait in Redis until they are due. None otherwise.
    pub delayed: Option<DelayedJobs>,
}

/// What BullMQ's delayed jobs hold in Redis. The profile says only that jobs are delayed, not
/// for how long or how many: the memory is given per hour of delay, for every job delayed (the
/// most it can be), and is not in `held_bytes`.
#[derive(Clone, Debug, PartialEq)]
pub struct DelayedJobs {
    /// RAM one delayed job takes: message_bytes × allocator rounding + the job's overhead
    /// (`bullmq_job_overhead_bytes`, measured).
    pub job_bytes: f64,
    /// Jobs delayed by one hour that wait at once, at the average rate after growth.
    pub jobs_per_hour_grown: f64,
    /// Their RAM: `jobs_per_hour_grown` × `job_bytes`.
    pub bytes_per_hour_grown: f64,
    /// Hours of delay the picked node holds (its maxmemory less the reserved share ÷
    /// `bytes_per_hour_grown`); None when its memory is not known.
    pub node_hours: Option<f64>,
    /// GiB-hours a month each hour of delay adds to what ElastiCache Serverless meters.
    pub gib_hours_per_hour: f64,
    /// What those cost a month on Serverless for Valkey, and for Redis OSS (None without a
    /// price): a cost the total leaves out, since the delay is not known.
    pub valkey_usd_per_hour: Option<f64>,
    pub redis_usd_per_hour: Option<f64>,
}

/// What the ways billed per request count, the same for every Redis-based system: ElastiCache
/// Serverless's ECPUs and Upstash's commands.
#[derive(Clone, Debug, PartialEq)]
pub struct RedisRequests {
    /// ECPUs one write or read of a message takes: one per `elasticache_ecpu_bytes` begun.
    pub ecpu_per_message: f64,
    /// Millions of ECPUs a month: messages × (1 write + 1 read per consumer group) × ECPUs each.
    pub ecpu_millions: f64,
    /// Commands a message takes: 1 to write, 1 per consumer group to read or acknowledge (a
    /// floor, as BullMQ's scripts say).
    pub commands_per_message: f64,
    /// Commands a month.
    pub commands: f64,
    /// Commands a second at peak after growth.
    pub peak_commands_per_sec: f64,
}

impl RedisRequests {
    /// `messages`: a month's, as the workload counts them.
    pub fn of(
        profile: &Profile,
        derived: &Derived,
        data: &CostData,
        messages: f64,
    ) -> RedisRequests {
        let groups = f64::from(profile.consumers.groups);
        let ecpu_per_message = (profile.throughput.message_bytes as f64
            / data.fact("elasticache_ecpu_bytes"))
        .ceil()
        .max(1.0);
        let commands_per_message = 1.0 + groups;
        RedisRequests {
            ecpu_per_message,
            ecpu_millions: messages * (1.0 + groups) * ecpu_per_message / 1e6,
            commands_per_message,
            commands: messages * commands_per_message,
            peak_commands_per_sec: derived.peak_per_sec_grown * commands_per_message,
        }
    }
}

/// What a Redis-based system keeps in Redis beyond what is in flight.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Holds {
    /// The replay window, when the profile asks for replay (a stream).
    Window,
    /// Delayed jobs, when the profile's jobs are delayed (BullMQ).
    DelayedJobs,
    /// Only what is in flight (Pub/Sub).
    InFlight,
}

impl RedisSizing {
    /// Nodes priced: the primaries and their replicas.
    pub fn nodes(&self) -> u64 {
        self.primaries * (1 + self.replicas)
    }

    pub fn of(holds: Holds, profile: &Profile, derived: &Derived, data: &CostData) -> RedisSizing {
        let (held_bytes, held_bytes_grown) = if holds == Holds::Window && profile.replay.needed {
            (derived.redis_stream_bytes, derived.redis_stream_bytes_grown)
        } else {
            (0.0, 0.0)
        };
        let reserved_fraction = data.fact("elasticache_reserved_memory_fraction");
        let node_bytes = held_bytes_grown / (1.0 - reserved_fraction).max(0.01);
        // A development size (t-class) only where losing messages is acceptable.
        let sizes: Vec<_> = data
            .sizes(Use::ElasticacheNode)
            .filter(|(i, p)| {
                p.amount.is_some() && (profile.delivery.loss_ok || !i.development_only)
            })
            .collect();
        let pick = sizes
            .iter()
            .find(|(i, _)| i.memory_bytes.is_none_or(|m| m >= node_bytes))
            .or_else(|| {
                sizes.iter().max_by(|a, b| {
                    a.0.memory_bytes
                        .unwrap_or(0.0)
                        .total_cmp(&b.0.memory_bytes.unwrap_or(0.0))
                })
            });
        // Delayed jobs sit in Redis until due, at most for the whole delay at the average rate.
        let delayed = (holds == Holds::DelayedJobs && profile.jobs.delays).then(|| {
            let job_bytes = profile.throughput.message_bytes as f64
                * data.fact("redis_stream_allocator_rounding")
                + data.fact("bullmq_job_overhead_bytes");
            let jobs_per_hour_grown =
                profile.throughput.avg() * 3600.0 * profile.throughput.growth_factor;
            let bytes_per_hour_grown = jobs_per_hour_grown * job_bytes;
            let node_hours = pick
                .and_then(|(i, _)| i.memory_bytes)
                .filter(|_| bytes_per_hour_grown > 0.0)
                .map(|m| m * (1.0 - reserved_fraction) / bytes_per_hour_grown);
            let gib_hours_per_hour = bytes_per_hour_grown / GIB * data.fact("hours_per_month");
            let usd = |price: &str| {
                let amount = data.prices.get(price).and_then(|p| p.amount);
                amount.map(|a| gib_hours_per_hour * a)
            };
            DelayedJobs {
                job_bytes,
                jobs_per_hour_grown,
                bytes_per_hour_grown,
                node_hours,
                gib_hours_per_hour,
                valkey_usd_per_hour: usd(VALKEY_GIB_HOUR),
                redis_usd_per_hour: usd(REDIS_GIB_HOUR),
            }
        });
        let replicas = data.fact("elasticache_node_replicas").max(0.0) as u64;
        let stores_messages = holds != Holds::InFlight;
        let durable = stores_messages && !profile.delivery.loss_ok;
        let per_primary = data
            .fact("elasticache_durability_write_bytes_per_sec_max")
            .max(1.0);
        let primaries = if durable {
            (derived.peak_bytes_per_sec_grown / per_primary)
                .ceil()
                .max(1.0) as u64
        } else {
            1
        };
        RedisSizing {
            held_bytes,
            reserved_fraction,
            node_bytes,
            replicas,
            stores_messages,
            durable,
            primaries,
            node: pick.map(|(i, _)| Node {
                instance: i.name.clone(),
                memory_bytes: i.memory_bytes,
                fits: i.memory_bytes.is_some_and(|m| m >= node_bytes),
            }),
            delayed,
        }
    }
}
