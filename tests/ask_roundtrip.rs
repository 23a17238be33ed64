//! Property: whatever profile `ask` ends with, the commented YAML it writes loads back to the
//! very same profile (strings that need quotes get them, numbers keep every digit).

use msgadvisor::ask::write;
use msgadvisor::profile::{
    self, Budget, Cloud, Consumers, Database, Delivery, Event, Experience, Jobs, Ordering,
    Platform, Profile, Replay, Source, Team, Throughput, Waiver,
};
use proptest::prelude::*;

/// Free text as people type it, including characters YAML gives meaning to.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 ]{1,20}",
        "[ -~]{1,30}", // any printable ASCII: quotes, colons, hashes, brackets
        "\\PC{1,20}",  // any printable Unicode
        Just("yes".to_string()),
        Just("null".to_string()),
        Just("0x1F".to_string()),
        Just("2027-06-30".to_string()),
        Just(" leading and trailing ".to_string()),
    ]
    .prop_filter("not blank", |s| !s.trim().is_empty())
}

/// Lowercase names as `platform.languages` takes them (any, not only the known ones).
fn names() -> impl Strategy<Value = Vec<String>> {
    proptest::collection::vec(
        prop_oneof![
            proptest::sample::select(profile::KNOWN_LANGUAGES).prop_map(str::to_string),
            "[a-z][a-z0-9.+-]{0,8}",
        ],
        0..4,
    )
    .prop_map(|mut v| {
        let mut seen = Vec::new();
        v.retain(|n| {
            let new = !seen.contains(n);
            seen.push(n.clone());
            new
        });
        v
    })
}

fn positive(max: f64) -> impl Strategy<Value = f64> {
    prop_oneof![(1u32..=1000).prop_map(|n| n as f64), 0.0001f64..max]
}

/// Whole numbers and fractions from `min` (a field's published lower bound) to `max`.
fn within(min: f64, max: f64) -> impl Strategy<Value = f64> {
    prop_oneof![(1u32..=1000).prop_map(|n| n as f64), min..max]
}

prop_compose! {
    fn throughput()(peak in positive(1e9), avg_share in proptest::option::of(0.0f64..=1.0),
                    message_bytes in 1u64..=104_857_600, growth in 1.0f64..1000.0) -> Throughput {
        Throughput {
            peak_per_sec: peak,
            avg_per_sec: avg_share.map(|s| peak * s),
            message_bytes,
            growth_factor: growth,
        }
    }
}

prop_compose! {
    fn event()(domain in text(), action in text(), key in proptest::option::of(text())) -> Event {
        Event { domain, action, key }
    }
}

prop_compose! {
    fn waiver()(rule in "[a-z][a-z-]{1,20}", reason in text(),
                expires in proptest::option::of(Just("2027-06-30".to_string()))) -> Waiver {
        Waiver { rule, reason, expires }
    }
}

prop_compose! {
    fn a_profile()(
        name in text().prop_filter("at most 100 characters", |s| s.chars().count() <= 100),
        description in proptest::option::of(text()),
        throughput in throughput(),
        groups in 1u32..=10_000, processing_ms in 0.0f64..86_400_000.0,
        max_stall_minutes in proptest::option::of(0.0f64..43_200.0),
        loss_ok in any::<bool>(),
        ordering in proptest::sample::select(vec![Ordering::None, Ordering::PerKey, Ordering::Global]),
        max_latency_ms in proptest::option::of(within(msgadvisor::profile::range::MAX_LATENCY_MS.0, 1e7)),
        needed in any::<bool>(), retention_days in within(msgadvisor::profile::range::RETENTION_DAYS.0, 36_500.0),
        jobs in any::<[bool; 5]>(),
        db_transaction in any::<bool>(),
        database in proptest::option::of(proptest::sample::select(vec![Database::Postgres, Database::Mysql, Database::Other])),
        size in 1u32..=100_000,
        kafka_experience in proptest::sample::select(vec![Experience::None, Experience::Some, Experience::Expert]),
        managed_only in any::<bool>(),
        hourly_usd in proptest::option::of(within(msgadvisor::profile::range::HOURLY_USD.0, 10_000.0)),
        cloud in proptest::sample::select(vec![Cloud::Aws, Cloud::Gcp, Cloud::Azure, Cloud::OnPrem, Cloud::Other]),
        languages in names(), existing in names(),
        monthly_usd in proptest::option::of(0.0f64..1e7),
        events in proptest::collection::vec(event(), 0..3),
        decision in proptest::option::of("[a-z][a-z-]{1,15}"),
        waivers in proptest::collection::vec(waiver(), 0..2),
    ) -> Profile {
        Profile {
            version: 1,
            name,
            description,
            throughput,
            consumers: Consumers { groups, processing_ms, max_stall_minutes },
            delivery: Delivery { loss_ok, ordering, max_latency_ms },
            replay: Replay { needed, retention_days },
            jobs: Jobs {
                retries: jobs[0], delays: jobs[1], priorities: jobs[2], rate_limit: jobs[3], scheduled: jobs[4],
            },
            source: Source { db_transaction, database },
            team: Team { size, kafka_experience, managed_only, hourly_usd },
            platform: Platform { cloud, languages, existing },
            budget: Budget { monthly_usd },
            events,
            decision,
            waivers,
        }
    }
}

proptest! {
    #[test]
    fn the_written_profile_loads_back_unchanged(p in a_profile(), schema in proptest::option::of(Just("profile.schema.json"))) {
        let text = write::render(&p, "p.msgadvisor.yaml", schema).unwrap();
        let back = profile::load(&text, "p.msgadvisor.yaml");
        prop_assert!(back.is_ok(), "{}\n{}", back.unwrap_err(), text);
        prop_assert_eq!(back.unwrap().0, p, "{}", text);
    }
}
