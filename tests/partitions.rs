//! Properties of the Kafka partition count, over wide random workloads: it never decreases as
//! peak, processing time or growth increase; it is never below consumers needed × growth; global
//! order always gives exactly 1; and it is always one of the divisible counts.

use msgadvisor::profile::Ordering;
use msgadvisor::systems::kafka::guidance::{PartitionInputs, Partitions, partitions};
use proptest::prelude::*;
use std::sync::OnceLock;

fn counts() -> &'static [u64] {
    static C: OnceLock<Vec<u64>> = OnceLock::new();
    C.get_or_init(|| {
        msgadvisor::engine::RuleSet::builtin()
            .unwrap()
            .sizing
            .partition_counts
    })
}

fn count(peak: f64, bytes: f64, ms: f64, growth: f64, ordering: Ordering) -> Partitions {
    partitions(
        &PartitionInputs {
            peak_per_sec: peak,
            message_bytes: bytes,
            processing_ms: ms,
            growth_factor: growth,
            produce_bytes_per_partition: 10e6,
            ordering,
        },
        counts(),
    )
}

fn peak() -> impl Strategy<Value = f64> {
    prop_oneof![0.001f64..10.0, 10.0f64..10_000.0, 10_000.0f64..2_000_000.0]
}
fn bytes() -> impl Strategy<Value = f64> {
    prop_oneof![1.0f64..2048.0, 2048.0f64..104_857_600.0]
}
fn ms() -> impl Strategy<Value = f64> {
    prop_oneof![Just(0.0), 0.0f64..5.0, 5.0f64..60_000.0]
}
fn growth() -> impl Strategy<Value = f64> {
    prop_oneof![Just(1.0), 1.0f64..3.0, 3.0f64..100.0]
}
fn ordering() -> impl Strategy<Value = Ordering> {
    prop_oneof![Just(Ordering::None), Just(Ordering::PerKey)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn never_decreases_as_peak_rises(a in peak(), b in peak(), bytes in bytes(), ms in ms(), g in growth(), o in ordering()) {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        prop_assert!(count(lo, bytes, ms, g, o).count <= count(hi, bytes, ms, g, o).count);
    }

    #[test]
    fn never_decreases_as_processing_time_rises(p in peak(), bytes in bytes(), a in ms(), b in ms(), g in growth(), o in ordering()) {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        prop_assert!(count(p, bytes, lo, g, o).count <= count(p, bytes, hi, g, o).count);
    }

    #[test]
    fn never_decreases_as_growth_rises(p in peak(), bytes in bytes(), ms in ms(), a in growth(), b in growth(), o in ordering()) {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        prop_assert!(count(p, bytes, ms, lo, o).count <= count(p, bytes, ms, hi, o).count);
    }

    #[test]
    fn never_below_consumers_needed_times_growth(p in peak(), bytes in bytes(), ms in ms(), g in growth(), o in ordering()) {
        // Consumers needed per group, computed here independently of the code under test.
        let consumers = (p * ms / 1000.0).ceil().max(1.0);
        let c = count(p, bytes, ms, g, o);
        // The tolerance only absorbs float noise in the product (10 × 1.2 = 12.000000000000002).
        prop_assert!(
            c.count as f64 >= consumers * g * (1.0 - 1e-9),
            "count {} < {consumers} consumers × growth {g}", c.count
        );
        prop_assert!(c.count >= c.needed);
    }

    #[test]
    fn global_order_always_gives_one(p in peak(), bytes in bytes(), ms in ms(), g in growth()) {
        prop_assert_eq!(count(p, bytes, ms, g, Ordering::Global).count, 1);
    }

    #[test]
    fn always_a_divisible_count(p in peak(), bytes in bytes(), ms in ms(), g in growth(), o in ordering()) {
        let c = count(p, bytes, ms, g, o).count;
        let list = counts();
        let last = *list.last().unwrap();
        prop_assert!(list.contains(&c) || c.is_multiple_of(last), "{c}");
    }
}
