//! The guidance on the report as a user meets it: the `kafka` keys of docs/SPEC.md, which systems get
//! guidance, the warnings a profile earns, a bad `sizing:` pack, and golden snapshots of the
//! table and Markdown guidance for every example profile.

mod common;

use msgadvisor::engine::{RuleSet, evaluate};
use msgadvisor::report::Report;
use serde_json::Value;

fn recommend_stdin(profile: &str, format: &str) -> (i32, String, String) {
    let out = common::msgadvisor()
        .args(["recommend", "-", "--format", format])
        .write_stdin(profile)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn systems(v: &Value) -> Vec<(String, Vec<String>)> {
    v["guidance"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["system"].as_str().unwrap().to_string(),
                g["shown_for"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| s.as_str().unwrap().to_string())
                    .collect(),
            )
        })
        .collect()
}

#[test]
fn kafka_keys_follow_the_spec_for_order_events() {
    let v = common::recommend_json(&["examples/order-events.yaml"]);
    let k = &v["kafka"];
    // 400 msg/s × 20 ms = 8 consumers; × growth 2 = 16; rounded up to 24.
    assert_eq!(k["partitions"]["count"], 24);
    assert_eq!(k["partitions"]["needed"], 16);
    let why = k["partitions"]["why"].as_str().unwrap();
    assert!(why.contains("400 msg/s × 20 ms = 8"), "{why}");
    assert!(why.contains("× growth 2 = 16"), "{why}");
    assert_eq!(k["replication_factor"], 3);
    assert_eq!(k["min_insync_replicas"], 2);
    let topics = k["topics"].as_array().unwrap();
    let names: Vec<&str> = topics.iter().map(|t| t["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["order.placed", "order.paid", "order.shipped"]);
    assert_eq!(topics[0]["key"], "order_id");
    assert_eq!(topics[0]["dlq"], "order.placed.dlq");
    assert_eq!(topics[0]["retry"], "order.placed.retry");
    // 7 days of 80 msg/s × 1500 B = 72.576 GB per copy; × RF 3 × 1.5 headroom ÷ 3 brokers.
    assert_eq!(k["retention"]["bytes_per_copy"], 72_576_000_000.0);
    assert_eq!(k["retention"]["bytes_per_broker"], 108_864_000_000.0);
    // 3 topics × (main, retry, DLQ) × 24 × RF 3 ÷ 3 brokers.
    assert_eq!(k["partition_budget"]["replicas_per_broker"], 216);
    assert_eq!(k["partition_budget"]["msk_broker"], "kafka.m7g.large");
    // Kafka is recommended and declared; the outbox is a pattern and gets its guidance too.
    assert_eq!(
        systems(&v),
        [
            (
                "kafka".into(),
                vec!["recommended".into(), "decision".into()]
            ),
            ("outbox".into(), vec!["pattern".into()]),
        ]
    );
}

#[test]
fn kafka_key_only_when_recommended_or_declared() {
    let email = common::recommend_json(&["examples/email-jobs.yaml"]);
    assert!(
        email.get("kafka").is_none(),
        "BullMQ recommended and declared"
    );
    assert_eq!(
        systems(&email),
        [(
            "bullmq".into(),
            vec!["recommended".into(), "decision".into()]
        )]
    );

    // The database as the queue is recommended (only Postgres runs: BullMQ would need a new
    // Redis), but the team declared Kafka: both get guidance, Kafka's with a note.
    let v = common::recommend_json(&["examples/kafka-for-a-job-queue.yaml"]);
    assert_eq!(v["recommended"], "outbox");
    assert!(v["kafka"]["partitions"]["count"].as_u64().unwrap() >= 1);
    assert_eq!(
        systems(&v),
        [
            ("outbox".into(), vec!["recommended".into()]),
            ("kafka".into(), vec!["decision".into()]),
        ]
    );
    let note = v["guidance"][1]["note"].as_str().unwrap();
    assert!(note.starts_with("The profile's decision"), "{note}");
}

#[test]
fn every_example_gets_guidance_for_its_recommendation_with_sources() {
    for entry in std::fs::read_dir("examples").unwrap() {
        let path = entry.unwrap().path();
        let v = common::recommend_json(&[path.to_str().unwrap()]);
        let first = &v["guidance"][0];
        assert_eq!(first["system"], v["recommended"], "{}", path.display());
        for g in v["guidance"].as_array().unwrap() {
            assert!(!g["sections"].as_array().unwrap().is_empty());
            for s in g["sections"].as_array().unwrap() {
                for a in s["advice"].as_array().unwrap() {
                    // Advice without a source is only the tool's own arithmetic or practice.
                    assert!(!a["text"].as_str().unwrap().is_empty());
                }
            }
            for w in g["warnings"].as_array().unwrap() {
                assert!(w["source"].is_string(), "a warning without a source: {w}");
            }
        }
    }
}

const GLOBAL: &str = "version: 1\nname: ledger\nthroughput: {peak_per_sec: 300, message_bytes: 500}\nconsumers: {processing_ms: 5}\ndelivery: {ordering: global}\nreplay: {needed: true, retention_days: 30}\ndecision: kafka\n";

#[test]
fn global_order_means_one_partition_and_a_loud_warning_when_one_consumer_cannot_keep_up() {
    // 300 msg/s × 5 ms = 1.5 seconds of work per second for the one consumer.
    let (code, out, err) = recommend_stdin(GLOBAL, "json");
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["kafka"]["partitions"]["count"], 1);
    let kafka = common::guidance_of(&v, "kafka");
    let warnings: Vec<&str> = kafka["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["text"].as_str().unwrap())
        .collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("ONE CONSUMER CANNOT KEEP UP")
                && w.contains("1.5 seconds of work per second")),
        "{warnings:?}"
    );

    // 100 msg/s × 5 ms keeps up now, but not after growth 3.
    let ok = GLOBAL
        .replace("peak_per_sec: 300", "peak_per_sec: 100")
        .replace("message_bytes: 500", "message_bytes: 500, growth_factor: 3");
    // The decision's guidance in full (the one-screen view has the pick's figures only).
    let out = common::msgadvisor()
        .args(["recommend", "-", "--detail"])
        .write_stdin(ok)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(!out.contains("ONE CONSUMER CANNOT KEEP UP"), "{out}");
    assert!(
        out.contains("After growth (3×) one consumer cannot keep up"),
        "{out}"
    );
}

#[test]
fn per_key_order_without_a_key_warns_about_keyless_sends() {
    let p = "version: 1\nname: orders\nthroughput: {peak_per_sec: 3000}\nconsumers: {groups: 3}\ndelivery: {ordering: per-key}\nreplay: {needed: true}\nevents: [{domain: order, action: placed, key: order_id}, {domain: order, action: cancelled}]\ndecision: kafka\n";
    let (code, out, _) = recommend_stdin(p, "table");
    assert_eq!(code, 0);
    assert!(
        out.contains("! ordering is per-key, but no key is named for `order.cancelled`"),
        "{out}"
    );
    assert!(!out.contains("no key is named for `order.placed`"));
}

#[test]
fn topic_names_come_from_events_in_one_scheme() {
    let p = "version: 1\nname: Accounts Service\nthroughput: {peak_per_sec: 3000}\nconsumers: {groups: 3}\nreplay: {needed: true}\nevents: [{domain: user, action: signed up, key: user_id}, {domain: User Profile, action: Email_Changed}]\ndecision: kafka\n";
    let (_, out, _) = recommend_stdin(p, "json");
    let v: Value = serde_json::from_str(&out).unwrap();
    let names: Vec<&str> = v["kafka"]["topics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["user.signed-up", "user-profile.email-changed"]);

    // Without events, one topic named after the profile (and a warning that it isn't
    // <domain>.<event>).
    let p = "version: 1\nname: Accounts Service\nthroughput: {peak_per_sec: 3000}\nconsumers: {groups: 3}\nreplay: {needed: true}\ndecision: kafka\n";
    let (_, out, _) = recommend_stdin(p, "json");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["kafka"]["topics"][0]["name"], "accounts-service");
    assert_eq!(v["kafka"]["topics"][0]["dlq"], "accounts-service.dlq");
}

/// Kafka's guidance warnings for a profile with `n` events `orderI.place` (not past tense),
/// keyed or not, ordered per key: (on the screen's "Needs attention", each joined into one line;
/// the JSON warnings' texts).
fn topic_warnings(n: usize, key: &str) -> (String, Vec<String>) {
    let events: String = (0..n)
        .map(|i| format!("  - {{domain: order{i}, action: place{key}}}\n"))
        .collect();
    let p = format!(
        "version: 1\nname: big\nthroughput: {{peak_per_sec: 400}}\nconsumers: {{groups: 3}}\ndelivery: {{ordering: per-key}}\nreplay: {{needed: true}}\ndecision: kafka\nevents:\n{events}"
    );
    let (code, screen, err) = recommend_stdin(&p, "table");
    assert_eq!(code, 0, "{err}");
    let (_, out, _) = recommend_stdin(&p, "json");
    let v: Value = serde_json::from_str(&out).unwrap();
    let kafka = common::guidance_of(&v, "kafka");
    let texts = kafka["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["text"].as_str().unwrap().to_string())
        .collect();
    let start = screen.find("Needs attention:").expect("Needs attention");
    let end = screen.find("\ncandidate ").unwrap();
    let flat = screen[start..end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    (flat, texts)
}

/// A problem every topic has is one warning, not one per event: said for the first topic,
/// naming a few of the rest and counting the others; two are both named.
#[test]
fn a_topic_name_problem_many_events_share_is_one_warning() {
    let (screen, texts) = topic_warnings(300, ", key: id");
    let tense: Vec<&String> = texts.iter().filter(|t| t.contains("past tense")).collect();
    assert_eq!(tense.len(), 1, "{texts:#?}");
    assert!(
        tense[0].starts_with(
            "The topic name `order0.place` derived from the profile ends in the event `place`"
        ),
        "{}",
        tense[0]
    );
    assert!(
        tense[0].contains(" The same goes for 299 more topic names: `order1.place`, `order2.place`, `order3.place`, `order4.place`, `order5.place` and 294 more. "),
        "{}",
        tense[0]
    );
    assert_eq!(screen.matches("past tense").count(), 1, "{screen}");

    let (_, texts) = topic_warnings(2, ", key: id");
    assert!(
        texts.iter().any(|t| t.contains("`order0.place`")
            && t.contains(" The same goes for 1 more topic name: `order1.place`. ")),
        "{texts:#?}"
    );

    // Events with no key: one warning, naming a few.
    let (_, texts) = topic_warnings(300, "");
    let keyless: Vec<&String> = texts
        .iter()
        .filter(|t| t.contains("no key is named"))
        .collect();
    assert_eq!(keyless.len(), 1, "{texts:#?}");
    assert!(
        keyless[0].contains("no key is named for `order0.place`, `order1.place`, `order2.place`, `order3.place`, `order4.place` and 295 more: "),
        "{}",
        keyless[0]
    );
}

/// The pick's guidance warning is said once in every view: under "Needs attention" (with its
/// source in the full views, whose guidance section then leaves it out), or, in the decision
/// record, which has no such list, at the head of the system's section.
#[test]
fn the_picks_guidance_warning_is_said_once_in_every_view() {
    let p = "version: 1\nname: big\nthroughput: {peak_per_sec: 400}\nconsumers: {groups: 3}\nreplay: {needed: true}\nevents:\n  - {domain: order, action: place, key: id}\n";
    let warning = "The topic name `order.place` derived from the profile ends in the event `place`";
    let source = "karafka.io/docs/Kafka-Best-Practices [V]: `<env>.<domain>.<entity>[.<action>]`, past tense for events";
    for (view, args) in [
        ("one screen", vec!["recommend", "-"]),
        ("detail", vec!["recommend", "-", "--detail"]),
        ("markdown", vec!["recommend", "-", "--format", "markdown"]),
        ("adr", vec!["report", "-"]),
    ] {
        let out = common::msgadvisor()
            .args(&args)
            .write_stdin(p)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{view}: {out:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(flat.matches(warning).count(), 1, "{view}:\n{text}");
        if view != "one screen" {
            assert!(
                flat.contains(source),
                "{view}: the warning's source:\n{text}"
            );
        }
    }
}

/// A warning heads its system's guidance (or is under "Needs attention") and its section does
/// not say it again: Redis Streams, the decision, with a window over the comfortable size.
#[test]
fn a_guidance_warning_is_not_said_again_in_its_section() {
    let warning = "the window crowds everything else on the node";
    for args in [
        vec!["recommend", "examples/activity-feed.yaml", "--detail"],
        vec![
            "recommend",
            "examples/activity-feed.yaml",
            "--format",
            "markdown",
        ],
        vec!["report", "examples/activity-feed.yaml"],
    ] {
        let out = common::msgadvisor()
            .args(&args)
            .args(["--set", "replay.retention_days=3"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {out:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(flat.matches(warning).count(), 1, "{args:?}:\n{text}");
    }
}

#[test]
fn a_pack_with_a_bad_sizing_table_is_an_input_error() {
    let dir = std::env::temp_dir().join(format!("msgadvisor-guidance-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("sizing.yaml"),
        "sizing:\n  msk_partitions_per_broker:\n    source: ours\n    brokers:\n      - {size: big, recommended: 10, max: 5}\n",
    )
    .unwrap();
    let out = common::msgadvisor()
        .args(["recommend", "examples/order-events.yaml", "--rules"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("sizing.yaml:3:5: sizing.msk_partitions_per_broker: no longer read: MSK broker sizes come from `instances:`"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_same_profile_gives_the_same_bytes() {
    for format in ["table", "json", "markdown", "yaml"] {
        let a = recommend_stdin(GLOBAL, format).1;
        let b = recommend_stdin(GLOBAL, format).1;
        assert_eq!(a, b, "{format}");
    }
}

// --- golden guidance ---------------------------------------------------------------------------

/// The guidance part alone, so these snapshots change only when guidance does.
#[test]
fn guidance_of_every_example_as_table_and_markdown() {
    for name in common::example_names() {
        let r = common::report_of(&format!("examples/{name}.yaml"));
        insta::assert_snapshot!(
            format!("guidance-{name}-txt"),
            msgadvisor::render::guidance::text(&r, 100, None)
        );
        insta::assert_snapshot!(
            format!("guidance-{name}-md"),
            msgadvisor::render::guidance::markdown(&r, None)
        );
    }
}

// --- no input makes guidance panic ---------------------------------------------------------------

use proptest::prelude::*;

fn any_profile() -> impl Strategy<Value = String> {
    let peak = prop_oneof![0.001f64..1.0, 1.0f64..1e5, 1e5f64..=1e9];
    let bytes = prop_oneof![1u64..64, 64u64..100_000, 100_000u64..=104_857_600];
    let ms = prop_oneof![Just(0.0), 0.0f64..1000.0, 1000.0f64..=86_400_000.0];
    let growth = prop_oneof![Just(1.0), 1.0f64..10.0, 10.0f64..=1000.0];
    let ordering = prop_oneof![Just("none"), Just("per-key"), Just("global")];
    let decision = prop_oneof![
        Just(""),
        Just("decision: kafka\n"),
        Just("decision: redis-streams\n"),
        Just("decision: bullmq\n"),
        Just("decision: outbox\n"),
        Just("decision: redis-pubsub\n"),
        Just("decision: rabbitmq\n"),
    ];
    let word = "[a-zA-Z0-9 _.!é-]{0,12}";
    (
        (peak, 0.0f64..=1.0, bytes, growth, 1u32..=10_000, ms),
        (ordering, any::<bool>(), 0.001f64..=36_500.0, any::<bool>(), any::<bool>()),
        (decision, prop::collection::vec((word, word, prop::option::of("[a-z_]{1,8}")), 0..4)),
        (prop::collection::vec(prop_oneof![Just("python"), Just("go"), Just("typescript"), Just("elixir")], 0..3), any::<bool>()),
    )
        .prop_map(|((peak, avg, bytes, growth, groups, ms), (ordering, replay, days, loss, db), (decision, events), (langs, aws))| {
            let mut p = format!(
                "version: 1\nname: fuzz\nthroughput: {{peak_per_sec: {peak:e}, avg_per_sec: {:e}, message_bytes: {bytes}, growth_factor: {growth:e}}}\nconsumers: {{groups: {groups}, processing_ms: {ms:e}}}\ndelivery: {{ordering: {ordering}, loss_ok: {loss}}}\nreplay: {{needed: {replay}, retention_days: {days:e}}}\nsource: {{db_transaction: {db}, database: postgres}}\nplatform: {{cloud: {}, languages: [{}]}}\n{decision}",
                peak * avg,
                if aws { "aws" } else { "other" },
                langs.join(", ")
            );
            if !events.is_empty() {
                p.push_str("events:\n");
                for (d, a, k) in events {
                    p.push_str(&format!("  - {{domain: '{d}x', action: '{a}y'"));
                    if let Some(k) = k {
                        p.push_str(&format!(", key: {k}"));
                    }
                    p.push_str("}\n");
                }
            }
            p
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Every profile the schema accepts (each range to its limits) gets guidance in every format
    /// without a panic, and `kafka` is present exactly when Kafka is recommended or declared.
    #[test]
    fn any_valid_profile_renders_guidance_in_every_format(text in any_profile()) {
        RULES.with(|rules| check_profile(rules, &text))?;
    }
}

thread_local! {
    static RULES: RuleSet = RuleSet::builtin().unwrap();
}

fn check_profile(rules: &RuleSet, text: &str) -> Result<(), TestCaseError> {
    use msgadvisor::render::{Format, render};
    let (profile, _, warnings) = msgadvisor::profile::load(text, "fuzz.yaml")
        .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
    let eval = evaluate(rules, &profile).unwrap();
    let r = Report::new(&profile, &warnings, eval, rules);
    let kafka_wanted = r.recommended == "kafka" || r.decision.as_deref() == Some("kafka");
    prop_assert_eq!(r.kafka.is_some(), kafka_wanted);
    prop_assert_eq!(&r.guidance[0].system, &r.recommended);
    for format in [Format::Table, Format::Markdown] {
        prop_assert!(render(&r, format, false).contains("How to run"));
    }
    for format in [Format::Json, Format::Yaml] {
        prop_assert!(render(&r, format, false).contains("guidance"));
    }
    Ok(())
}

#[test]
fn a_pack_setting_a_retired_rabbitmq_limit_is_told_the_new_name() {
    let dir = common::pack(&[(
        "limits.yaml",
        "limits:\n  amazon_mq_brokers:\n    value: 1\n    unit: brokers\n    source: ours\n",
    )]);
    let out = common::msgadvisor()
        .args(["recommend", "examples/order-events.yaml", "--rules"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("limits.yaml:3:5: limits.amazon_mq_brokers: no longer read")
            && err.contains("`rabbitmq_cluster_nodes`"),
        "{err}"
    );
}

#[test]
fn a_pack_setting_confluents_superseded_basic_limits_is_told_the_per_ecku_ones() {
    // Basic's 100 MB/s and 2,048 partitions come from an older cluster-types page; eCKUs are
    // sized from the per-eCKU limits now (domain-facts §8).
    let dir = common::pack(&[(
        "limits.yaml",
        "limits:\n  confluent_basic_partitions_max:\n    value: 4096\n    unit: partitions\n    source: ours\n",
    )]);
    let out = common::msgadvisor()
        .args(["recommend", "examples/order-events.yaml", "--rules"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("limits.confluent_basic_partitions_max: no longer read")
            && err.contains("`confluent_basic_ecku_partitions`"),
        "{err}"
    );
}

/// The advice texts of one section of one system's guidance, and that system's suggested way of
/// running it. Every Redis setting advised has a source.
fn redis_advice(v: &Value, system: &str, section: &str) -> (Vec<String>, String) {
    let g = common::guidance_of(v, system);
    let advice = g["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == section)
        .unwrap()["advice"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            if section != "jobs" {
                assert!(a["source"].is_string(), "advice without a source: {a}");
            }
            a["text"].as_str().unwrap().to_string()
        })
        .collect();
    let way = common::cost_summary(v, system)["suggested_option"]
        .as_str()
        .unwrap()
        .to_string();
    (advice, way)
}

fn has(advice: &[String], needle: &str) -> bool {
    advice.iter().any(|a| a.contains(needle))
}

#[test]
fn redis_durability_advice_is_what_the_suggested_redis_offers() {
    // BullMQ that cannot lose jobs, no Redis of its own: priced on ElastiCache nodes. ElastiCache
    // has no AOF, so the advice is its Durability option, a noeviction parameter group, and the
    // hash-tag prefix that Durability's cluster mode needs.
    let v = common::recommend_json(&[
        "examples/kafka-for-a-job-queue.yaml",
        "--set",
        "decision=bullmq",
    ]);
    let (redis, way) = redis_advice(&v, "bullmq", "redis");
    assert_eq!(way, "elasticache-nodes");
    assert!(!has(&redis, "appendonly yes"), "{redis:#?}");
    assert!(has(
        &redis,
        "`appendonly` and `appendfsync` are not supported"
    ));
    assert!(has(&redis, "Durability") && has(&redis, "Valkey 9.0"));
    assert!(has(
        &redis,
        "Choose synchronous writes, as this workload cannot lose messages"
    ));
    assert!(has(
        &redis,
        "create a parameter group with `maxmemory-policy noeviction`"
    ));
    assert!(has(&redis, "prefix: '{thumbnail-jobs}'"), "{redis:#?}");

    // The same workload allowed to lose jobs: ElastiCache Serverless, which has neither AOF nor
    // Durability, is a cluster-mode endpoint, and which BullMQ's docs advise against.
    let v = common::recommend_json(&[
        "examples/kafka-for-a-job-queue.yaml",
        "--set",
        "decision=bullmq",
        "--set",
        "delivery.loss_ok=true",
    ]);
    let (redis, way) = redis_advice(&v, "bullmq", "redis");
    assert!(way.starts_with("elasticache-serverless"), "{way}");
    assert!(!has(&redis, "appendonly yes"), "{redis:#?}");
    assert!(has(&redis, "Durability is not available on Serverless"));
    assert!(has(
        &redis,
        "ElastiCache Serverless is a cluster-mode endpoint"
    ));
    let g = common::guidance_of(&v, "bullmq");
    assert!(
        g["warnings"].as_array().unwrap().iter().any(|w| w["text"]
            .as_str()
            .unwrap()
            .contains("incompatible maxmemory-policy")),
        "{g}"
    );

    // On the Redis the team already runs (it may run it itself): AOF, said to be a setting of a
    // Redis run by the team, with what ElastiCache offers instead.
    let v = common::recommend_json(&["examples/email-jobs.yaml"]);
    let (redis, way) = redis_advice(&v, "bullmq", "redis");
    assert_eq!(way, "existing-redis");
    assert!(has(
        &redis,
        "on a Redis you run yourself: AOF, `appendonly yes`"
    ));
    assert!(has(&redis, "If that Redis is ElastiCache"));
    assert!(has(&redis, "if the Redis runs in cluster mode"));

    // Redis Streams that may lose messages, on ElastiCache Serverless: no AOF advice, and no
    // Sentinel either.
    let v = common::recommend_json(&[
        "examples/kafka-for-a-job-queue.yaml",
        "--set",
        "decision=redis-streams",
        "--set",
        "delivery.loss_ok=true",
    ]);
    let (durability, way) = redis_advice(&v, "redis-streams", "durability");
    assert!(way.starts_with("elasticache-serverless"), "{way}");
    assert!(!has(&durability, "appendonly yes"), "{durability:#?}");
    assert!(!has(&durability, "Sentinel"), "{durability:#?}");
    assert!(has(
        &durability,
        "Durability is not available on Serverless"
    ));
}

#[test]
fn bullmq_is_not_suggested_on_elasticache_serverless_where_jobs_must_not_be_lost() {
    // BullMQ's docs: Serverless "for the moment uses an incompatible maxmemory-policy".
    let v = common::recommend_json(&["examples/kafka-for-a-job-queue.yaml"]);
    let bull = common::cost_summary(&v, "bullmq");
    assert_eq!(bull["suggested_option"], "elasticache-nodes");
    let notes = bull["notes"].to_string();
    assert!(notes.contains("incompatible maxmemory-policy"), "{notes}");
    // The advice is BullMQ's own: Redis Streams there is kept off Serverless by AWS's alone.
    let streams = common::cost_summary(&v, "redis-streams");
    assert_eq!(streams["suggested_option"], "elasticache-nodes");
    let notes = streams["notes"].to_string();
    assert!(!notes.contains("incompatible maxmemory-policy"), "{notes}");
}

#[test]
fn delayed_jobs_are_sized_per_hour_of_delay_not_shown_as_zero() {
    // $50 a month, 20 jobs/s (no avg: the peak), 1,024-byte jobs, growth 2, `jobs.delays: true`
    // and no delay length. One delayed job: 1,024 B × 1.125 + 780 B = 1,932 B (measured,
    // tests/data/bullmq-job-memory.tsv); an hour of delay: 20 × 3,600 × 2 = 144,000 jobs =
    // 278,208,000 B.
    let fixture = "tests/fixtures/extreme/fifty-dollars.yaml";
    let v = common::recommend_json(&[fixture, "--set", "decision=bullmq"]);
    let bull = common::guidance_of(&v, "bullmq");
    let figure = bull["figures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["key"] == "delayed_bytes_per_hour")
        .expect("a delayed-jobs figure");
    assert_eq!(figure["value"], 278_208_000.0);
    let (jobs, _) = redis_advice(&v, "bullmq", "jobs");
    assert!(has(&jobs, "up to 144,000 jobs"), "{jobs:#?}");

    let options: Vec<&Value> = v["cost"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["system"] == "bullmq")
        .collect();
    for o in &options {
        let lines = o["lines"].to_string();
        assert!(!lines.contains("data stored: 0 B"), "{lines}");
    }
    // Serverless bills the memory stored: its total leaves the delayed jobs out, and says so.
    let valkey = options
        .iter()
        .find(|o| o["option"] == "elasticache-serverless-valkey")
        .unwrap();
    let unpriced = valkey["unpriced"].to_string();
    assert!(
        unpriced.contains("each hour of delay adds up to 265.3 MiB stored"),
        "{unpriced}"
    );
    // A node's memory is fixed: how many hours of delay it holds, and it is not "checked".
    // cache.m7g.large: 6,854,542,746 B × 0.75 ÷ 278,208,000 B = 18.5 hours.
    let nodes = options
        .iter()
        .find(|o| o["option"] == "elasticache-nodes")
        .unwrap();
    assert_eq!(nodes["capacity"], "unchecked");
    let note = nodes["capacity_note"].as_str().unwrap();
    assert!(note.contains("about 18 hours of delay"), "{note}");

    // Without delayed jobs nothing of this is said, and the totals are complete.
    let v = common::recommend_json(&[
        fixture,
        "--set",
        "decision=bullmq",
        "--set",
        "jobs.delays=false",
    ]);
    let text = v.to_string();
    assert!(!text.contains("delayed_bytes_per_hour"));
    assert!(!text.contains("hour of delay"));
}

/// One `recommend --format json` run, in process.
fn recommend_in_process(args: &[&str]) -> serde_json::Value {
    let mut all = vec!["recommend"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    serde_json::from_str(&common::run_in_process(&all)).unwrap()
}

/// The way `option` of `system` in a report's cost section.
fn cost_option<'a>(v: &'a serde_json::Value, system: &str, option: &str) -> &'a serde_json::Value {
    v["cost"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["system"] == system && o["option"] == option)
        .unwrap_or_else(|| panic!("no {system}/{option}"))
}

/// Every text of a JSON list of strings, joined.
fn texts(v: &serde_json::Value) -> String {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|t| t.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_default()
}

#[test]
fn bullmq_that_cannot_lose_jobs_is_suggested_on_elasticache_nodes_over_a_lower_upstash_floor() {
    // No Redis of its own and jobs that must not be lost: Serverless is out (BullMQ's docs), and
    // both the ElastiCache nodes (synchronous Durability unpriced) and Upstash pay as you go
    // (BullMQ's idle commands unpriced) are floors. Upstash's floor is the lower total, yet the
    // nodes are suggested: their synchronous writes lose no acknowledged write, which Upstash's
    // docs do not say of it, and Upstash itself advises against pay as you go for BullMQ; the
    // reason says both.
    let v = recommend_in_process(&["examples/kafka-for-a-job-queue.yaml"]);
    let s = common::cost_summary(&v, "bullmq");
    assert_eq!(s["suggested_option"], "elasticache-nodes");
    let nodes = cost_option(&v, "bullmq", "elasticache-nodes");
    let upstash = cost_option(&v, "bullmq", "upstash-redis");
    assert!(!texts(&nodes["unpriced"]).is_empty() && !texts(&upstash["unpriced"]).is_empty());
    assert!(
        upstash["monthly_usd"].as_f64().unwrap() < nodes["monthly_usd"].as_f64().unwrap(),
        "the test needs Upstash's floor to be the lower one"
    );
    assert!(
        upstash["advised_against"]
            .as_str()
            .unwrap()
            .contains("Fixed plan")
    );
    assert!(nodes["advised_against"].is_null());
    let why = s["suggested_why"].as_str().unwrap();
    // Upstash is ranked after the nodes on two counts: its docs do not say a write is on disk
    // before it is acknowledged, and it advises against pay as you go for BullMQ.
    for needle in [
        "INCOMPLETE: its total leaves out Durability with synchronous writes",
        "Upstash Redis, pay as you go is ranked after it, whatever its total",
        "where messages must not be lost, that comes first, even when a total is a floor",
        "its vendor also advises against it here",
        "we recommend switching to a Fixed plan",
    ] {
        assert!(why.contains(needle), "{needle}\n{why}");
    }
    // Ranked so in the list too: the nodes before Upstash.
    let order: Vec<&str> = v["cost"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["system"] == "bullmq")
        .map(|o| o["option"].as_str().unwrap())
        .collect();
    let at = |id: &str| order.iter().position(|o| *o == id).unwrap();
    assert!(at("elasticache-nodes") < at("upstash-redis"), "{order:?}");

    // Allowed to lose jobs, the nodes need no synchronous writes: a complete total, no floors.
    let v = recommend_in_process(&[
        "examples/kafka-for-a-job-queue.yaml",
        "--set",
        "delivery.loss_ok=true",
    ]);
    let nodes = cost_option(&v, "bullmq", "elasticache-nodes");
    assert!(texts(&nodes["unpriced"]).is_empty(), "{nodes}");
    assert!(
        !common::cost_summary(&v, "bullmq")["suggested_why"]
            .as_str()
            .unwrap()
            .contains("floors")
    );
}

#[test]
fn redis_streams_that_cannot_lose_messages_is_suggested_where_the_guidance_says_durability() {
    // payment-webhooks as Redis Streams, no Redis of its own, messages that must not be lost.
    // ElastiCache Serverless ($306.47) has no Durability, which AWS recommends for such an
    // application: not suggested. Upstash ($920.50, complete) keeps writes on block storage, but
    // its docs do not say before the ack; the ElastiCache nodes ($717.54, a floor: synchronous
    // writes unpriced) lose no acknowledged write. The cost suggests the nodes, says why, and
    // the guidance prescribes their synchronous writes: both sections name the same way.
    let v = recommend_in_process(&[
        "examples/payment-webhooks.yaml",
        "--set",
        "decision=redis-streams",
    ]);
    let s = common::cost_summary(&v, "redis-streams");
    assert_eq!(s["suggested_option"], "elasticache-nodes");
    let why = s["suggested_why"].as_str().unwrap();
    for needle in [
        "the lowest total (infrastructure + people) of the ways that fit whose sources say they keep every acknowledged write",
        "where messages must not be lost, that comes first, even when a total is a floor (a requirement before a price)",
        "ElastiCache Serverless for Valkey and ElastiCache Serverless for Redis OSS are ranked after it, whatever their totals: AWS recommends Durability with synchronous writes",
        "we recommend synchronous writes",
        "Upstash Redis, pay as you go is ranked after it, whatever its total: Upstash's docs say",
        "docs.upstash.com/redis/features/durability",
        "INCOMPLETE: its total leaves out Durability with synchronous writes",
    ] {
        assert!(why.contains(needle), "{needle}\n{why}");
    }
    for serverless in [
        "elasticache-serverless-valkey",
        "elasticache-serverless-redis",
    ] {
        let o = cost_option(&v, "redis-streams", serverless);
        let doubt = o["durability_doubt"].as_str().unwrap();
        assert!(
            doubt.contains("ElastiCache Serverless has no Durability"),
            "{doubt}"
        );
        assert!(o["development_only"].is_null(), "{o}");
    }
    let upstash = cost_option(&v, "redis-streams", "upstash-redis");
    assert!(
        texts(&upstash["unpriced"]).is_empty(),
        "Upstash's total is complete"
    );
    assert!(upstash["durability_doubt"].is_string());
    let (durability, _) = redis_advice(&v, "redis-streams", "durability");
    assert!(has(
        &durability,
        "Choose synchronous writes, as this workload cannot lose messages"
    ));
    assert!(has(
        &durability,
        "That setting is why node-based ElastiCache is the way suggested here"
    ));
    // Listed in that order too: nodes before Upstash.
    let order: Vec<&str> = v["cost"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["system"] == "redis-streams")
        .map(|o| o["option"].as_str().unwrap())
        .collect();
    let at = |id: &str| order.iter().position(|o| *o == id).unwrap();
    assert!(at("elasticache-nodes") < at("upstash-redis"), "{order:?}");

    // With a $100 budget the nodes are over it and only the Serverless ways are within it:
    // those are not the budget's evidence where messages must not be lost, so the budget rule
    // about the ways that keep every acknowledged write discourages Redis Streams, and the
    // suggestion says it is over and why (issue 16).
    let v = recommend_in_process(&[
        "examples/payment-webhooks.yaml",
        "--set",
        "decision=redis-streams",
        "--set",
        "budget.monthly_usd=100",
    ]);
    let s = common::cost_summary(&v, "redis-streams");
    assert_eq!(s["suggested_option"], "elasticache-nodes");
    assert_eq!(s["suggested_over_budget"], true);
    let why = s["suggested_why"].as_str().unwrap();
    assert!(
        why.contains("its $217.54 of infrastructure is over the $100.00 budget (budget.monthly_usd), within it only ElastiCache Serverless for Valkey ($6.47) and ElastiCache Serverless for Redis OSS ($91.96), ranked after it for durability"),
        "{why}"
    );
    assert_eq!(s["cheapest_infrastructure_usd"], 6.47);
    assert_eq!(s["cheapest_durable_infrastructure_usd"], 217.54);
    let streams = common::candidate(&v, "redis-streams");
    let rules: Vec<&str> = streams["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["effect"] == "discourage")
        .map(|r| r["rule"].as_str().unwrap())
        .collect();
    assert_eq!(
        rules,
        ["durable-way-over-budget-redis-streams"],
        "{streams}"
    );

    // Allowed to lose messages: Serverless again, and no doubt about Upstash.
    let v = recommend_in_process(&[
        "examples/payment-webhooks.yaml",
        "--set",
        "decision=redis-streams",
        "--set",
        "delivery.loss_ok=true",
    ]);
    let s = common::cost_summary(&v, "redis-streams");
    assert_eq!(s["suggested_option"], "elasticache-serverless-valkey");
    for o in v["cost"].as_array().unwrap() {
        assert!(o["durability_doubt"].is_null(), "{o}");
    }

    // Where the nodes cannot hold the 30-day replay window, no way without a doubt fits: the
    // cheapest with one (Upstash, below Serverless's memory bill) is suggested, and cost and
    // guidance both say what is not known.
    let v = recommend_in_process(&[
        "tests/fixtures/extreme/replay-30-days-slow.yaml",
        "--set",
        "decision=redis-streams",
    ]);
    let s = common::cost_summary(&v, "redis-streams");
    assert_eq!(
        cost_option(&v, "redis-streams", "elasticache-nodes")["capacity"],
        "exceeded"
    );
    assert_eq!(s["suggested_option"], "upstash-redis");
    let why = s["suggested_why"].as_str().unwrap();
    assert!(
        why.contains("suggested though ranked after for durability, as no way ahead of it fits: Upstash's docs say"),
        "{why}"
    );
    let (durability, _) = redis_advice(&v, "redis-streams", "durability");
    assert!(
        has(
            &durability,
            "ask Upstash before relying on it (it is suggested here because node-based ElastiCache, with Durability, does not fit)"
        ),
        "{durability:#?}"
    );
}

/// Guidance and cost say the same of ElastiCache Durability, over every example and variants
/// of it, for both systems that store messages in Redis: the node-based way lists synchronous
/// writes as a cost its total leaves out exactly where messages must not be lost (and says no
/// Durability is priced where they may be), the guidance prescribes synchronous writes exactly
/// where that way is suggested for such a workload, and ElastiCache Serverless says it has no
/// Durability exactly where messages must not be lost.
#[test]
fn guidance_and_cost_agree_on_elasticache_durability() {
    let mut seen = std::collections::BTreeSet::new();
    for stem in common::example_names() {
        let file = format!("examples/{stem}.yaml");
        let text = std::fs::read_to_string(&file).unwrap();
        for variant in [
            None,
            Some("delivery.loss_ok=true"),
            Some("delivery.loss_ok=false"),
            Some("platform.existing=[postgres]"),
        ] {
            let loss_ok = match variant {
                Some("delivery.loss_ok=true") => true,
                Some("delivery.loss_ok=false") => false,
                _ => text.contains("loss_ok: true"),
            };
            for system in ["bullmq", "redis-streams"] {
                let decision = format!("decision={system}");
                let mut args = vec![file.as_str(), "--set", decision.as_str()];
                if let Some(set) = variant {
                    args.extend(["--set", set]);
                }
                let v = recommend_in_process(&args);
                let at = format!("{stem} {variant:?} {system}");
                // A candidate the rules exclude is not priced: nothing to compare.
                if !v["cost_summary"]["systems"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|s| s["system"] == system)
                {
                    continue;
                }
                let way = common::cost_summary(&v, system)["suggested_option"]
                    .as_str()
                    .unwrap()
                    .to_string();
                seen.insert((way.clone(), loss_ok));
                let g = common::guidance_of(&v, system);
                let guidance = format!(
                    "{}\n{}",
                    g["sections"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .flat_map(|s| s["advice"].as_array().unwrap())
                        .map(|a| a["text"].as_str().unwrap())
                        .collect::<Vec<_>>()
                        .join("\n"),
                    g["warnings"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|a| a["text"].as_str().unwrap())
                        .collect::<Vec<_>>()
                        .join("\n")
                );
                let nodes = cost_option(&v, system, "elasticache-nodes");
                let listed =
                    texts(&nodes["unpriced"]).contains("Durability with synchronous writes");
                let stated = texts(&nodes["assumptions"]).contains("No Durability priced");
                assert_eq!(listed, !loss_ok, "{at}: {nodes}");
                assert_eq!(stated, loss_ok, "{at}: {nodes}");
                // Whatever Durability the guidance names, the node-based way prices or lists.
                if guidance.contains("Durability") {
                    assert!(listed || stated, "{at}");
                }
                // Synchronous writes prescribed exactly where the nodes carry such a workload,
                // and then the suggestion says what its total leaves out.
                let prescribed = guidance.contains("Choose synchronous writes");
                assert_eq!(
                    prescribed,
                    way == "elasticache-nodes" && !loss_ok,
                    "{at}: {guidance}"
                );
                if prescribed {
                    let why = common::cost_summary(&v, system)["suggested_why"]
                        .as_str()
                        .unwrap();
                    assert!(why.contains("Durability with synchronous writes"), "{at}");
                    assert!(
                        guidance.contains("cost extra beyond the node-hours"),
                        "{at}"
                    );
                }
                // Serverless says it has no Durability exactly where messages must not be
                // lost, and is then suggested only where the nodes do not fit, the guidance
                // saying so.
                for serverless in [
                    "elasticache-serverless-valkey",
                    "elasticache-serverless-redis",
                ] {
                    let o = cost_option(&v, system, serverless);
                    let doubt = o["durability_doubt"].as_str().unwrap_or("");
                    assert_eq!(
                        doubt.contains("ElastiCache Serverless has no Durability"),
                        !loss_ok,
                        "{at}: {o}"
                    );
                    if way == serverless && !loss_ok {
                        assert_eq!(nodes["capacity"], "exceeded", "{at}");
                        assert!(guidance.contains("no way with such a setting fits"), "{at}");
                    }
                }
                // Likewise Upstash, whose docs do not say a write is on disk before the ack.
                if way == "upstash-redis" && !loss_ok {
                    assert_eq!(nodes["capacity"], "exceeded", "{at}");
                    assert!(
                        guidance.contains("ask Upstash before relying on it"),
                        "{at}"
                    );
                }
                // Pub/Sub stores nothing: a lost write loses no stored message.
                if let Some(p) =
                    v["cost"].as_array().unwrap().iter().find(|o| {
                        o["system"] == "redis-pubsub" && o["option"] == "elasticache-nodes"
                    })
                {
                    assert!(!p.to_string().contains("Durability"), "{at}");
                }
            }
        }
    }
    // The variants reach each kind of way, for each kind of workload.
    for (way, loss_ok) in [
        ("elasticache-nodes", false),
        ("elasticache-serverless-valkey", true),
        ("existing-redis", false),
    ] {
        assert!(
            seen.contains(&(way.to_string(), loss_ok)),
            "{way} {loss_ok}: {seen:?}"
        );
    }
}
