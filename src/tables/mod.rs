//! The rule set's data tables, below both the assessment and the cost that read them: the
//! prices and machine sizes (`pricing`), the hours to operate each way of running a system
//! (`operations`), the `sizing:` table (`sizing`), the candidates' catalog (`Candidate`), the named
//! limits (`Limit`) and [`CostData`],
//! which holds them checked for one rule set. `engine::load` reads the YAML and builds them.

pub mod operations;
pub mod pricing;
pub mod sizing;

use crate::diag::{InputError, Problem};
use crate::fields::Origin;
use crate::yaml::{Loc, Node};
pub use operations::Operations;
pub use pricing::{Confidence, Instance, Price, Use};
use serde::Serialize;
pub use sizing::Sizing;
use std::collections::BTreeMap;

/// A system the engine can recommend.
#[derive(Clone, Debug, Serialize)]
pub struct Candidate {
    pub id: String,
    pub name: String,
    /// What to call it when it is a pattern beside the pick (`pattern_name:`; the outbox feeding
    /// Kafka is "transactional outbox", not "database as the queue"); else its name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern_name: Option<String>,
    pub summary: String,
    /// 1 is the simplest to operate; breaks ties between equal scores.
    pub simplicity: u32,
    pub base_score: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub docs: Option<String>,
    /// Which order the system keeps at which parallelism (`ordering:` in the catalog): the
    /// guidance says it in these words, and the ordering rules score by it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ordering: Option<OrderingCapability>,
}

impl Candidate {
    /// Its name as a pattern beside the pick.
    pub fn pattern_name(&self) -> &str {
        self.pattern_name.as_deref().unwrap_or(&self.name)
    }
}

/// Which order a system keeps, and how, as the catalog states it with its source.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OrderingCapability {
    /// How per-key order is kept while several consumers share the load (or why it is not).
    pub per_key: String,
    /// Whether per-key order survives more than one consumer in a group.
    pub per_key_scales: bool,
    /// How one global order is kept (always by a single consumer).
    pub global: String,
    pub source: String,
}

/// A named constant rules can read as `limits.<name>`, with where the figure comes from.
#[derive(Clone, Debug, Serialize)]
pub struct Limit {
    pub value: f64,
    pub unit: String,
    pub source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The limits (`rules/**/limits.yaml`) the estimate reads: figures with their sources.
const FACTS: &[&str] = &[
    "hours_per_month",
    "confluent_basic_free_eckus",
    "confluent_basic_ecku_ingress_bytes_per_sec",
    "confluent_basic_ecku_egress_bytes_per_sec",
    "confluent_basic_ecku_partitions",
    "confluent_basic_eckus_max",
    "confluent_standard_ecku_ingress_bytes_per_sec",
    "confluent_standard_ecku_egress_bytes_per_sec",
    "confluent_standard_ecku_partitions",
    "confluent_standard_eckus_max",
    "confluent_basic_storage_bytes_max",
    "msk_storage_per_broker_bytes_max",
    "msk_express_ingress_bytes_per_sec",
    "msk_express_egress_bytes_per_sec",
    "msk_serverless_ingress_bytes_per_sec_max",
    "msk_serverless_egress_bytes_per_sec_max",
    "msk_serverless_partitions_max",
    "msk_serverless_partition_ingress_bytes_per_sec_max",
    "msk_serverless_partition_egress_bytes_per_sec_max",
    "redpanda_serverless_ingress_bytes_per_sec_max",
    "redpanda_serverless_egress_bytes_per_sec_max",
    "redpanda_serverless_partitions_max",
    "redpanda_serverless_message_bytes_max",
    "aiven_startup_storage_bytes",
    "gcp_kafka_vcpu_bytes_per_sec",
    "gcp_kafka_read_efficiency",
    "gcp_kafka_target_utilization",
    "gcp_kafka_min_vcpus",
    "gcp_kafka_memory_gib_per_vcpu",
    "gcp_kafka_dcu_per_vcpu",
    "gcp_kafka_dcu_per_gib",
    "gcp_kafka_local_storage_gib_per_vcpu",
    "kafka_cluster_brokers",
    "kafka_replication_factor",
    "kafka_default_retention_hours",
    "kafka_partition_produce_bytes_per_sec",
    "elasticache_valkey_min_metered_bytes",
    "elasticache_redis_min_metered_bytes",
    "elasticache_ecpu_bytes",
    "elasticache_reserved_memory_fraction",
    "elasticache_node_replicas",
    "elasticache_durability_write_bytes_per_sec_max",
    "upstash_max_data_bytes",
    "upstash_free_storage_bytes",
    "upstash_free_bandwidth_gib",
    "upstash_commands_per_sec",
    "redis_stream_comfortable_bytes",
    "redis_stream_entry_overhead_bytes",
    "redis_stream_allocator_rounding",
    "bullmq_job_overhead_bytes",
    "rabbitmq_cluster_nodes",
    "rabbitmq_replicas",
    "kafka_storage_headroom",
    "availability_zones",
    "outbox_worker_vms",
    "small_team_max_size",
];

/// The cost data of a rule set, read and checked when the rules load.
#[derive(Clone, Debug, Default)]
pub struct CostData {
    pub prices: BTreeMap<String, Price>,
    pub instances: BTreeMap<String, Instance>,
    pub operations: Operations,
    facts: BTreeMap<String, Limit>,
    /// The partition counts of the `sizing:` table: Kafka is priced on the count the guidance
    /// recommends.
    pub(crate) partition_counts: Vec<u64>,
    /// The machine sizes with a price, cheapest first, then by name: sorted once here rather
    /// than on every estimate (the flip-point search prices hundreds).
    by_price: Vec<(Instance, Price)>,
}

impl CostData {
    /// Reads the `prices:`, `instances:` and `operations:` tables (in load order, built-in first)
    /// and the limits the estimate needs, adding every problem to `errors`.
    /// `options` are the ways of running a system that exist (each needs hours), `option_prices`
    /// the price ids they use directly.
    pub fn read(
        tables: &BTreeMap<String, Vec<(Node, Origin)>>,
        limits: &BTreeMap<String, Limit>,
        sizing: &Sizing,
        options: &[&str],
        option_prices: &[&str],
        errors: &mut Vec<InputError>,
    ) -> CostData {
        let none = Vec::new();
        let table = |k: &str| tables.get(k).unwrap_or(&none);
        let before = errors.len();
        let prices = pricing::read_prices(table("prices"), errors);
        let instances = pricing::read_instances(table("instances"), errors);
        pricing::check_references(&prices, &instances, option_prices, errors);
        if errors.len() == before {
            for id in option_prices {
                if !prices.contains_key(*id) {
                    errors.push(InputError::one(
                        "rules/cost/prices.yaml",
                        Problem::new(
                            format!("prices.{id}"),
                            Loc::default(),
                            format!("missing price `{id}`, which a way of running a system uses"),
                        ),
                    ));
                }
            }
        }
        let operations = operations::read(table("operations"), options, errors);
        let mut facts = BTreeMap::new();
        for name in FACTS {
            match limits.get(*name) {
                Some(l) => {
                    facts.insert(name.to_string(), l.clone());
                }
                None => errors.push(InputError::one(
                    "rules/cost/limits.yaml",
                    Problem::new(
                        format!("limits.{name}"),
                        Loc::default(),
                        format!("missing limit `{name}`, which the cost estimate uses"),
                    ),
                )),
            }
        }
        CostData {
            prices,
            instances,
            operations,
            facts,
            partition_counts: sizing.partition_counts.clone(),
            by_price: Vec::new(),
        }
        .sorted()
    }

    fn sorted(mut self) -> CostData {
        let mut by_price: Vec<(Instance, Price)> = self
            .instances
            .values()
            .filter_map(|i| self.prices.get(&i.price).map(|p| (i.clone(), p.clone())))
            .collect();
        by_price.sort_by(|a, b| {
            a.1.amount
                .unwrap_or(0.0)
                .total_cmp(&b.1.amount.unwrap_or(0.0))
                .then_with(|| a.0.name.cmp(&b.0.name))
        });
        self.by_price = by_price;
        self
    }

    /// A fact's value. Every name in [`FACTS`] is present once loading succeeded.
    pub(crate) fn fact(&self, name: &str) -> f64 {
        self.facts.get(name).map_or(0.0, |l| l.value)
    }

    /// A fact's source, for the assumptions shown to the user.
    pub(crate) fn fact_source(&self, name: &str) -> &str {
        self.facts.get(name).map_or("", |l| l.source.as_str())
    }

    /// Machine sizes for `use_`, cheapest first, then by name.
    pub(crate) fn sizes(&self, use_: Use) -> impl Iterator<Item = (&Instance, &Price)> {
        self.by_price
            .iter()
            .filter(move |(i, _)| i.use_ == use_)
            .map(|(i, p)| (i, p))
    }
}
