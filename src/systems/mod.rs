//! The candidate systems msgadvisor can size, price and advise on, as one enum. Everything that
//! does something per system matches it exhaustively, so a new system cannot be priced or
//! advised as another by a catch-all arm: adding one is a variant here, its modules
//! (`assess`, `cost`, `guidance`) and its entry in `rules/candidates.yaml`, and the compiler lists
//! every match that must learn it. A built-in candidate without a variant is a load error.
//!
//! Rule packs may still add candidates of their own: those are ranked like any other, with no
//! sizing, cost or guidance (the tool says so).

pub mod assessment;
pub mod bullmq;
pub mod kafka;
pub mod outbox;
pub mod rabbitmq;
pub mod redis;
pub mod redis_pubsub;
pub mod redis_streams;

pub use assessment::Assessment;

/// A system with sizing, cost and guidance of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum System {
    Kafka,
    RedisStreams,
    Bullmq,
    RedisPubsub,
    Rabbitmq,
    Outbox,
}

impl System {
    /// Every system, in the order the cost lists them.
    pub const ALL: [System; 6] = [
        System::Kafka,
        System::RedisStreams,
        System::Bullmq,
        System::RedisPubsub,
        System::Rabbitmq,
        System::Outbox,
    ];

    /// The candidate id (`rules/candidates.yaml`, the profile's `decision`, JSON).
    pub const fn id(self) -> &'static str {
        match self {
            System::Kafka => "kafka",
            System::RedisStreams => "redis-streams",
            System::Bullmq => "bullmq",
            System::RedisPubsub => "redis-pubsub",
            System::Rabbitmq => "rabbitmq",
            System::Outbox => "outbox",
        }
    }

    /// The system a candidate id names; None for a candidate a rule pack added.
    pub fn from_id(id: &str) -> Option<System> {
        System::ALL.into_iter().find(|s| s.id() == id)
    }
}

#[cfg(test)]
mod tests {
    use super::System;

    #[test]
    fn every_builtin_candidate_is_a_system_and_every_system_a_candidate() {
        let rules = crate::engine::RuleSet::builtin().unwrap();
        let mut candidates: Vec<&str> = rules.candidates.iter().map(|c| c.id.as_str()).collect();
        candidates.sort_unstable();
        let mut systems: Vec<&str> = System::ALL.iter().map(|s| s.id()).collect();
        systems.sort_unstable();
        assert_eq!(candidates, systems);
        for s in System::ALL {
            assert_eq!(System::from_id(s.id()), Some(s));
        }
        assert_eq!(System::from_id("nats-jetstream"), None);
    }
}
