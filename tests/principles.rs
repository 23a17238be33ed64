//! The principles an expert applies, on profiles written for them (tests/data/principles/):
//! order as a capability, requirements before price, and findings every format shows first.

mod common;
use common::*;

const PER_KEY: &str = "tests/data/principles/per-key-at-scale.yaml";
const GLOBAL: &str = "tests/data/principles/global-too-slow.yaml";

fn has_reason(c: &serde_json::Value, rule: &str, effect: &str) -> bool {
    c["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["rule"] == rule && r["effect"] == effect)
}

/// 400 consumers needed (800 after growth) with per-key order: BullMQ workers and a Redis Streams
/// consumer group hand the next message to whoever asks, so neither keeps the order; the pick is
/// one that does, and its guidance says how.
#[test]
fn per_key_order_at_scale_is_not_given_to_competing_consumers() {
    let v = recommend_json(&[PER_KEY]);
    let pick = v["recommended"].as_str().unwrap();
    assert!(
        !["bullmq", "redis-streams"].contains(&pick),
        "picked {pick}, which cannot keep per-key order with 800 consumers"
    );
    for id in ["bullmq", "redis-streams"] {
        let c = candidate(&v, id);
        assert_eq!(c["verdict"], "discouraged", "{id}");
        assert!(
            has_reason(c, "per-key-order-lost-by-competing-consumers", "discourage"),
            "{id}"
        );
    }
    // The pick's guidance says how it keeps the order, in the catalog's words.
    let g = guidance_of(&v, pick);
    let text = serde_json::to_string(g).unwrap();
    assert!(text.contains("Per-key order:"), "{text}");
}

/// A Redis Streams decision (the team's declared choice) with per-key order at scale:
/// its guidance warns that adding consumers breaks the order, instead of sizing the group.
#[test]
fn guidance_never_scales_an_ordered_group_by_adding_consumers() {
    let v = recommend_json(&[PER_KEY, "--set", "decision=redis-streams"]);
    let g = guidance_of(&v, "redis-streams");
    let warnings = serde_json::to_string(&g["warnings"]).unwrap();
    assert!(
        warnings.contains("adding consumers to keep up breaks the order"),
        "{warnings}"
    );
    let text = serde_json::to_string(g).unwrap();
    assert!(
        text.contains("not that many consumers in one group"),
        "{text}"
    );
    let v = recommend_json(&[PER_KEY, "--set", "decision=bullmq"]);
    let g = guidance_of(&v, "bullmq");
    let text = serde_json::to_string(g).unwrap();
    assert!(
        text.contains("do not raise concurrency or add workers"),
        "{text}"
    );
    assert!(!text.contains("run enough workers"), "{text}");
}

/// Global order at 10 consumers' worth of work: no system keeps it. Every format says so on its
/// first lines, before the pick.
#[test]
fn a_global_order_no_system_can_keep_is_said_first_in_every_format() {
    let v = recommend_json(&[GLOBAL]);
    let f = &v["findings"][0];
    assert_eq!(f["rule"], "global-ordering-cannot-keep-up");
    let message = f["message"].as_str().unwrap();
    assert!(message.starts_with("No system can keep one global order"));

    let (code, table, _) = run(&["recommend", GLOBAL], None);
    assert_eq!(code, 0);
    // Under the pick, the first thing in "Needs attention", before the ranking.
    let head = flat(&table[..table.find("candidate ").unwrap()]);
    let attention = head.find("Needs attention: ! ").expect("needs attention");
    assert_eq!(
        head[attention + "Needs attention: ! ".len()..].find(message),
        Some(0),
        "{table}"
    );
    let (_, md, _) = run(&["recommend", GLOBAL, "--format", "markdown"], None);
    let head = flat(&md[..md.find("## Ranking").unwrap()]);
    assert!(
        head.contains(&format!("## Needs attention - {message}")),
        "{md}"
    );
    let (_, yaml, _) = run(&["recommend", GLOBAL, "--format", "yaml"], None);
    let first_key = yaml
        .lines()
        .position(|l| l.starts_with("findings:"))
        .unwrap();
    let candidates = yaml
        .lines()
        .position(|l| l.starts_with("candidates:"))
        .unwrap();
    assert!(first_key < candidates);
    let (_, adr, _) = run(&["report", GLOBAL], None);
    let finding = adr.find("**Finding:**").expect("the ADR shows the finding");
    assert!(finding < adr.find("## Context").unwrap());
}

/// Requirements before price: with a budget nothing that keeps per-key order fits, the pick is a
/// system that keeps it (not BullMQ, which is free on the team's Redis but cannot), and the
/// report says first that nothing meeting the requirements fits the budget.
#[test]
fn a_system_failing_a_requirement_never_wins_on_price() {
    let v = recommend_json(&[PER_KEY, "--set", "budget.monthly_usd=100"]);
    assert_eq!(v["recommended"], "rabbitmq");
    let top = candidate(&v, "rabbitmq");
    assert!(
        top["verdict_reason"]
            .as_str()
            .unwrap()
            .starts_with("the cheapest of the candidates that meet the requirements"),
        "{}",
        top["verdict_reason"]
    );
    let f = v["findings"][0]["message"].as_str().unwrap();
    assert!(
        f.starts_with("Nothing that meets the requirements fits the budget of $100 a month"),
        "{f}"
    );
    let (_, table, _) = run(
        &["recommend", PER_KEY, "--set", "budget.monthly_usd=100"],
        None,
    );
    let head = flat(&table[..table.find("candidate ").unwrap()]);
    assert!(
        head.contains("Needs attention: ! Nothing that meets the requirements"),
        "{table}"
    );
    let (_, explain, _) = run(
        &["explain", PER_KEY, "--set", "budget.monthly_usd=100"],
        None,
    );
    assert!(
        explain.contains("Nothing that meets the requirements fits the budget (over-budget-rabbitmq): it is the cheapest"),
        "{explain}"
    );
}

/// A system none of whose ways can carry the workload fails a requirement, whatever its price:
/// order events (7-day replay, managed services only) at 6,100 msg/s put Kafka over the $1,500
/// budget, and RabbitMQ's one managed way, Amazon MQ, is cheaper but runs no streams. RabbitMQ
/// is discouraged for that, not for price, and Kafka, over budget, stays the pick.
#[test]
fn a_system_with_no_way_that_fits_never_wins_on_price() {
    const ORDERS: &str = "examples/order-events.yaml";
    let v = recommend_json(&[ORDERS, "--set", "throughput.peak_per_sec=6100"]);
    assert_eq!(v["recommended"], "kafka");
    let rabbit = candidate(&v, "rabbitmq");
    assert_eq!(rabbit["verdict"], "discouraged");
    assert!(has_reason(rabbit, "no-way-fits-rabbitmq", "discourage"));
    // An exceeded way's price is no budget figure, over or within.
    assert!(!has_reason(rabbit, "over-budget-rabbitmq", "discourage"));
    let reason = rabbit["verdict_reason"].as_str().unwrap();
    assert!(reason.contains("Amazon MQ runs no streams"), "{reason}");
    let f = v["findings"][0]["message"].as_str().unwrap();
    assert!(
        f.starts_with("Nothing that meets the requirements fits the budget of $1,500 a month"),
        "{f}"
    );
    // Nor is a flip point to it offered: no rate or size makes RabbitMQ the pick here.
    let v = recommend_json(&[ORDERS]);
    let to: Vec<&serde_json::Value> = v["flip_points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| &f["to"])
        .collect();
    assert!(!to.iter().any(|t| *t == "rabbitmq"), "{to:?}");
}

/// Whatever the workload, a system with no way that fits (`cost.<system>.ways_that_fit` is 0) is
/// excluded or discouraged by a requirement rule, never left to rank on price or score: every
/// example as it is, with managed services only, at 20× its peak, and with a small budget.
#[test]
fn every_system_with_no_way_that_fits_is_discouraged_by_a_requirement() {
    use msgadvisor::cost::estimate;
    let rules = msgadvisor::engine::RuleSet::builtin().unwrap();
    let mut seen = 0;
    for name in example_names() {
        let path = format!("examples/{name}.yaml");
        let base = msgadvisor::commands::load_profile(&path, &rules)
            .unwrap()
            .profile;
        for variant in 0..4 {
            let mut p = base.clone();
            match variant {
                1 => p.team.managed_only = true,
                2 => p.throughput.peak_per_sec *= 20.0,
                3 => p.budget.monthly_usd = Some(100.0),
                _ => {}
            }
            let derived = rules.derived(&p);
            let cost = estimate(&rules.cost, &p, &derived);
            let eval = msgadvisor::engine::evaluate(&rules, &p).unwrap();
            for s in cost.summary.systems.iter().filter(|s| s.ways_that_fit == 0) {
                seen += 1;
                let c = eval.ranking.iter().find(|c| c.id == s.system).unwrap();
                let by_requirement = c.reasons.iter().any(|r| {
                    r.effect == "exclude"
                        || (r.effect == "discourage" && !r.rule.starts_with("over-budget-"))
                });
                assert!(
                    by_requirement,
                    "{name} variant {variant}: {} {:?}",
                    s.system, c.reasons
                );
                assert!(
                    !c.reasons.iter().any(|r| r.rule.starts_with("over-budget-")),
                    "{name} variant {variant}: {} judged on an exceeded way's price",
                    s.system
                );
            }
        }
    }
    assert!(
        seen > 0,
        "no profile here leaves a system without a way that fits"
    );
}

/// Among candidates that meet the requirements but are all over budget, the cheapest is the
/// pick, even when a dearer one scores higher.
#[test]
fn when_everything_that_meets_the_requirements_is_over_budget_the_cheapest_is_the_pick() {
    let dir = pack(&[(
        "we-like-kafka.yaml",
        "id: we-like-kafka\ntitle: We like Kafka\nwhy: Because.\nsource: our platform policy\nwhen: \"true\"\neffect: {score: {kafka: 200}}\nexamples:\n  - profile: {}\n    fires: true\n",
    )]);
    let v = recommend_json(&[
        PER_KEY,
        "--rules",
        dir.to_str().unwrap(),
        "--set",
        "budget.monthly_usd=100",
    ]);
    let kafka = candidate(&v, "kafka");
    let rabbit = candidate(&v, "rabbitmq");
    assert!(kafka["score"].as_i64() > rabbit["score"].as_i64());
    assert_eq!(v["recommended"], "rabbitmq", "the cheaper of the two");
    // Within budget, the score decides as before.
    let v = recommend_json(&[
        PER_KEY,
        "--rules",
        dir.to_str().unwrap(),
        "--set",
        "budget.monthly_usd=100000",
    ]);
    assert_eq!(v["recommended"], "kafka");
    assert!(v["findings"].as_array().unwrap().is_empty());
}

/// A flip point never leads to a pick that fails a requirement: at each threshold the new pick
/// is recommended with no rule discouraging it for anything but price.
#[test]
fn flip_points_do_not_cross_a_hard_requirement() {
    for profile in [PER_KEY, GLOBAL, "examples/order-events.yaml"] {
        let v = recommend_json(&[profile]);
        for fp in v["flip_points"].as_array().unwrap() {
            let set = format!(
                "{}={}",
                fp["path"].as_str().unwrap(),
                fp["threshold"].as_f64().unwrap()
            );
            let at = recommend_json(&[profile, "--set", &set]);
            assert_eq!(at["recommended"], fp["to"], "{profile} {set}");
            let to = candidate(&at, fp["to"].as_str().unwrap());
            let failing: Vec<&str> = to["reasons"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|r| {
                    r["effect"] == "discourage"
                        && !r["rule"].as_str().unwrap().starts_with("over-budget-")
                })
                .map(|r| r["rule"].as_str().unwrap())
                .collect();
            assert!(failing.is_empty(), "{profile} {set}: {failing:?}");
        }
    }
}

/// Each rule that discourages by ordering names exactly the candidates whose catalog entry says
/// their per-key order does not survive more than one consumer: the data and the rule agree.
#[test]
fn the_per_key_rule_follows_the_ordering_capabilities() {
    let rules = msgadvisor::engine::RuleSet::builtin().unwrap();
    let rule = rules
        .rules
        .iter()
        .find(|r| r.id == "per-key-order-lost-by-competing-consumers")
        .unwrap();
    let mut cannot: Vec<&str> = rules
        .candidates
        .iter()
        .filter(|c| c.ordering.as_ref().is_some_and(|o| !o.per_key_scales))
        .map(|c| c.id.as_str())
        .collect();
    cannot.sort();
    let mut discouraged: Vec<&str> = rule.effect.discourage.iter().map(String::as_str).collect();
    discouraged.sort();
    assert_eq!(cannot, discouraged);
    assert!(rules.candidates.iter().all(|c| c.ordering.is_some()));
}

const DB_JOBS: &str = "tests/data/principles/db-jobs-with-redis.yaml";

/// Thirty jobs a second born in a Postgres transaction, Postgres and Redis both run: the database
/// is the queue (no new system, no dual write), and its guidance names the library for the
/// team's language.
#[test]
fn jobs_born_in_a_transaction_use_the_database_as_the_queue() {
    let v = recommend_json(&[DB_JOBS]);
    assert_eq!(v["recommended"], "outbox");
    let outbox = candidate(&v, "outbox");
    assert_eq!(outbox["name"], "Database as the queue (outbox / job table)");
    assert!(has_reason(outbox, "existing-database", "+15"));
    let g = guidance_of(&v, "outbox");
    let text = serde_json::to_string(g).unwrap();
    assert!(text.contains("graphile-worker"), "{text}");
    assert!(text.contains("SKIP LOCKED"), "{text}");
    assert!(text.contains("dual write"), "{text}");
}

/// Workers claim rows with SKIP LOCKED, so one worker's speed is no ceiling: the 6.3 msg/s
/// at 80 ms each stays with the database.
#[test]
fn several_workers_drain_the_table_so_one_workers_speed_is_no_ceiling() {
    let v = recommend_json(&[
        "examples/invoice-outbox.yaml",
        "--set",
        "throughput.peak_per_sec=6.3",
    ]);
    assert_eq!(v["recommended"], "outbox");
    let text = serde_json::to_string(&v).unwrap();
    assert!(!text.contains("outbox-single-worker-ceiling"));
    assert!(!text.contains("single outbox worker cannot keep up"));
}

/// An existing Redis and the database the team runs are each "no new system", and each fact is
/// credited once, at the same weight, broker or none: BullMQ and Redis Streams earn no second
/// credit for being the first messaging system (the tutorial's reason for them is that they need
/// only a Redis, the same fact), and nothing at all where no Redis runs (issue 15, item 3).
#[test]
fn no_new_system_is_credited_once_and_evenly() {
    // The credits a candidate gets for what the team already runs, as (rule, effect).
    fn credits(v: &serde_json::Value, id: &str) -> Vec<(String, String)> {
        candidate(v, id)["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| (r["rule"].as_str().unwrap(), r["effect"].as_str().unwrap()))
            .filter(|(rule, _)| {
                rule.starts_with("existing-") || rule.starts_with("first-messaging")
            })
            .map(|(rule, effect)| (rule.to_string(), effect.to_string()))
            .collect()
    }
    let once = |rule: &str| vec![(rule.to_string(), "+15".to_string())];
    // Postgres and Redis run, no broker yet; then the same with RabbitMQ running too.
    for existing in ["[postgres, redis]", "[postgres, redis, rabbitmq]"] {
        let set = format!("platform.existing={existing}");
        let v = recommend_json(&[DB_JOBS, "--set", &set]);
        for id in ["bullmq", "redis-streams"] {
            assert_eq!(credits(&v, id), once("existing-redis"), "{existing} {id}");
        }
        assert_eq!(
            credits(&v, "outbox"),
            once("existing-database"),
            "{existing}"
        );
    }
    let v = recommend_json(&[DB_JOBS, "--set", "platform.existing=[postgres]"]);
    for id in ["bullmq", "redis-streams"] {
        assert_eq!(credits(&v, id), [], "{id}");
    }
}

/// A pick other than the database, for messages born in a transaction, is fed through an
/// outbox even with one group and no replay: enqueueing from inside the transaction is a dual
/// write.
#[test]
fn a_job_enqueued_from_inside_a_transaction_goes_through_an_outbox() {
    let v = recommend_json(&[
        "examples/email-jobs.yaml",
        "--set",
        "source.db_transaction=true",
        // 100,000 msg/s × growth 3 is past the database queue's published rate, so the
        // database is discouraged and another system is the pick: still a dual write.
        "--set",
        "throughput.peak_per_sec=100000",
        // A .NET team: BullMQ has an SDK for it, and no database job library's features are
        // credited for it.
        "--set",
        "platform.languages=[csharp]",
    ]);
    assert_ne!(v["recommended"], "outbox");
    assert_eq!(v["patterns"][0], "outbox");
    let (_, out, _) = run(&["rules", "show", "db-transaction-outbox-pattern"], None);
    assert!(out.contains("dual write"), "{out}");
}

/// 5,000 cursor positions a second to 6 services, loss acceptable, no replay: Redis Pub/Sub. A
/// subscriber's processing time does not discourage it (the read loop hands messages off, or
/// channels are sharded); only one in-order subscriber that cannot keep up does.
#[test]
fn loss_tolerant_broadcast_goes_to_redis_pubsub() {
    let profile = "tests/data/principles/cursor-broadcast.yaml";
    let v = recommend_json(&[profile]);
    assert_eq!(v["recommended"], "redis-pubsub");
    let v = recommend_json(&[profile, "--set", "delivery.ordering=global"]);
    let pubsub = candidate(&v, "redis-pubsub");
    assert_eq!(pubsub["verdict"], "discouraged");
    assert!(has_reason(pubsub, "pubsub-slow-subscriber", "discourage"));
}

/// The time a stalled subscriber lasts counts the framing (172 B for a 120-byte payload) and the
/// soft limit (8 MB for 60 s), which fires first: about 3 minutes for cache-invalidation, where
/// the hard limit over the bare payload said 699 s.
#[test]
fn a_stalled_subscriber_is_cut_off_by_the_soft_limit_with_framing_counted() {
    let v = recommend_json(&["examples/cache-invalidation.yaml"]);
    let g = guidance_of(&v, "redis-pubsub");
    let fig = |key: &str| {
        g["figures"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["key"] == key)
            .unwrap()["value"]
            .as_f64()
            .unwrap()
    };
    // 400 msg/s after growth × (120 + 52) B = 68,800 B/s; 8 MiB / 68,800 + 60 s.
    let want = 8_388_608.0 / 68_800.0 + 60.0;
    assert!(
        (fig("stall_seconds") - want).abs() < 0.01,
        "{}",
        fig("stall_seconds")
    );
    assert_eq!(fig("buffer_messages"), (33_554_432.0_f64 / 172.0).floor());
    let text = serde_json::to_string(g).unwrap();
    assert!(text.contains("Shard channels"), "{text}");
    assert!(text.contains("Keep the read loop fast"), "{text}");
}

const STALL: &str = "tests/data/principles/stalling-job-queue.yaml";

/// An hour's stall at 10,000 msg/s of 2 KB queues 72 GB (144 GB after growth): more than a Redis
/// node holds, so BullMQ and Redis Streams are discouraged and disk-backed systems credited.
/// Without the field the rule does not guess a stall.
#[test]
fn a_backlog_larger_than_a_redis_node_is_not_given_to_redis() {
    let v = recommend_json(&[STALL]);
    assert_eq!(v["derived"]["backlog_bytes"], 72_000_000_000.0);
    assert_eq!(v["derived"]["backlog_bytes_grown"], 144_000_000_000.0);
    let pick = v["recommended"].as_str().unwrap();
    assert!(!["bullmq", "redis-streams"].contains(&pick), "{pick}");
    for id in ["bullmq", "redis-streams"] {
        assert!(
            has_reason(
                candidate(&v, id),
                "backlog-exceeds-redis-node",
                "discourage"
            ),
            "{id}"
        );
    }
    for id in ["kafka", "rabbitmq"] {
        assert!(has_reason(
            candidate(&v, id),
            "backlog-exceeds-redis-node",
            "+10"
        ));
    }
    let unset = recommend_json(&[STALL, "--set", "consumers.max_stall_minutes=null"]);
    assert_eq!(unset["recommended"], "bullmq");
    assert_eq!(unset["derived"]["backlog_bytes"], 0.0);
    // The BullMQ guidance (the team's decision here) says the backlog does not fit.
    let v = recommend_json(&[STALL, "--set", "decision=bullmq"]);
    let g = guidance_of(&v, "bullmq");
    let warnings = serde_json::to_string(&g["warnings"]).unwrap();
    assert!(warnings.contains("It does not fit"), "{warnings}");
}

/// The node the backlog is weighed against is the largest Redis node the cost prices.
#[test]
fn the_redis_node_limit_is_the_largest_priced_node() {
    let rules = msgadvisor::engine::RuleSet::builtin().unwrap();
    let largest = rules
        .cost
        .instances
        .values()
        .filter_map(|i| i.memory_bytes)
        .fold(0.0, f64::max);
    assert_eq!(rules.limit("redis_node_max_memory_bytes"), Some(largest));
}

/// A stall out of range is a located error, exit 2.
#[test]
fn a_stall_out_of_range_is_a_located_error() {
    let dir = tempdir("stall");
    let path = dir.join("p.yaml");
    std::fs::write(
        &path,
        "version: 1\nname: p\nthroughput: {peak_per_sec: 5}\nconsumers:\n  max_stall_minutes: -5\n",
    )
    .unwrap();
    let (code, _, err) = run(&["recommend", path.to_str().unwrap()], None);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("p.yaml:5:22: consumers.max_stall_minutes: -5 is out of range: must be a number from 0 to 43200 minutes (30 days)"),
        "{err}"
    );
}

/// A flip point whose new pick fails a requirement at the threshold is not offered: here the
/// pick, BullMQ, is excluded above 100 msg/s, and every other candidate is discouraged by a
/// requirement rule, so "above 100 msg/s, X becomes the pick" would lead to a system that does
/// not do the job.
#[test]
fn a_flip_point_to_a_pick_that_fails_a_requirement_is_not_offered() {
    let exclude = "id: team-bullmq-cap\ntitle: Our Redis takes at most 100 jobs a second\nwhy: Because.\nsource: our platform policy\nwhen: throughput.peak_per_sec > 100.0\neffect: {exclude: [bullmq]}\nexamples:\n  - profile: {throughput: {peak_per_sec: 101}}\n    fires: true\n";
    let only = pack(&[("team-bullmq-cap.yaml", exclude)]);
    let v = recommend_json(&[
        "examples/email-jobs.yaml",
        "--rules",
        only.to_str().unwrap(),
    ]);
    let up = |v: &serde_json::Value| {
        v["flip_points"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["path"] == "throughput.peak_per_sec" && f["direction"] == "up")
    };
    assert!(up(&v), "without a requirement failing, the flip is offered");
    let discourage = "id: team-needs-x\ntitle: Every other system fails our requirement\nwhy: Because.\nsource: our platform policy\nwhen: \"true\"\neffect: {discourage: [rabbitmq, redis-streams, kafka, outbox, redis-pubsub]}\nexamples:\n  - profile: {}\n    fires: true\n";
    let both = pack(&[
        ("team-bullmq-cap.yaml", exclude),
        ("team-needs-x.yaml", discourage),
    ]);
    let v = recommend_json(&[
        "examples/email-jobs.yaml",
        "--rules",
        both.to_str().unwrap(),
    ]);
    assert_eq!(v["recommended"], "bullmq");
    assert!(!up(&v), "{}", v["flip_points"]);
}

/// Text with its line breaks and runs of spaces made single spaces (the table wraps at 80).
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `explain` says the finding too, before the trace, in text and Markdown.
#[test]
fn explain_says_the_finding_before_the_trace() {
    let v = recommend_json(&[GLOBAL]);
    let message = v["findings"][0]["message"].as_str().unwrap();
    let (_, text, _) = run(&["explain", GLOBAL], None);
    let at = text.find(&format!("! {message}")).expect("the finding");
    assert!(at < text.find("Derived values").unwrap(), "{text}");
    let (_, md, _) = run(&["explain", GLOBAL, "--format", "markdown"], None);
    assert!(md.contains(&format!("- **Finding:** {message}")), "{md}");
}

/// The outbox beside the pick is a "Transactional outbox", the database as the queue when it is
/// the pick: the pattern name in the header and the full view's guidance heading.
#[test]
fn the_outbox_as_a_pattern_is_called_a_transactional_outbox() {
    let (_, screen, _) = run(&["recommend", "examples/order-events.yaml"], None);
    assert!(
        screen.starts_with(
            "order-events: Apache Kafka, publishing through the Transactional outbox pattern\n"
        ),
        "{screen}"
    );
    let (_, full, _) = run(
        &["recommend", "examples/order-events.yaml", "--detail"],
        None,
    );
    assert!(
        full.contains("How to run Transactional outbox (pattern):"),
        "{full}"
    );
    let (_, full, _) = run(
        &["recommend", "examples/invoice-outbox.yaml", "--detail"],
        None,
    );
    assert!(
        full.contains("How to run Database as the queue (outbox / job table) (recommended"),
        "{full}"
    );
}

/// The database as the queue needs a database the team runs, not a transaction: jobs enqueued
/// after the request, with only Postgres in production, go to a database-backed job library
/// (its delays, schedules and retries credited as BullMQ's are), and BullMQ, which would need a
/// Redis, is not the pick. With no database at all, the database as the queue is ruled out.
#[test]
fn a_job_queue_on_the_database_the_team_runs_needs_no_transaction() {
    let profile = "tests/data/principles/db-jobs-no-transaction.yaml";
    let v = recommend_json(&[profile]);
    assert_eq!(v["recommended"], "outbox", "{}", v["candidates"]);
    let outbox = candidate(&v, "outbox");
    assert!(has_reason(outbox, "existing-database", "+15"), "{outbox}");
    assert!(
        has_reason(outbox, "database-job-library-features", "+25"),
        "{outbox}"
    );
    let g = guidance_of(&v, "outbox");
    let text = serde_json::to_string(g).unwrap();
    assert!(text.contains("pg-boss"), "{text}");
    // No transaction: no outbox table, relay or dual write to talk about.
    let keys: Vec<&str> = g["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["key"].as_str().unwrap())
        .collect();
    assert_eq!(keys, ["library", "idempotency", "ceiling"], "{text}");
    assert!(!text.contains("dual write"), "{text}");

    let v = recommend_json(&[profile, "--set", "platform.existing=[]"]);
    let outbox = candidate(&v, "outbox");
    assert_eq!(outbox["verdict"], "excluded");
    assert!(has_reason(
        outbox,
        "database-queue-needs-a-database",
        "exclude"
    ));
}

/// Without a transaction the database as the queue is a job queue whose workers take the next
/// free row (SKIP LOCKED): per-key order at 20 workers is not given to it, as it is not given to
/// BullMQ; born in a transaction (an outbox table keyed by aggregate), it is not discouraged.
#[test]
fn a_database_job_queue_does_not_keep_per_key_order_across_workers() {
    let profile = "tests/scenarios/consistent-hash-account-ledger.yaml";
    let v = recommend_json(&[profile]);
    assert_ne!(v["recommended"], "outbox");
    let outbox = candidate(&v, "outbox");
    assert_eq!(outbox["verdict"], "discouraged", "{outbox}");
    assert!(has_reason(
        outbox,
        "database-job-queue-loses-per-key-order",
        "discourage"
    ));
    let v = recommend_json(&[profile, "--set", "source.db_transaction=true"]);
    assert_ne!(candidate(&v, "outbox")["verdict"], "discouraged");
}

/// One global order: id order is not commit order, so the database as the queue cannot promise
/// it even with one worker; it is marked down like the work queues, and the team's RabbitMQ with
/// a single active consumer stays the pick.
#[test]
fn the_database_as_the_queue_earns_nothing_for_a_global_order() {
    let v = recommend_json(&["tests/scenarios/single-active-consumer-ledger.yaml"]);
    assert_eq!(v["recommended"], "rabbitmq");
    assert!(has_reason(
        candidate(&v, "outbox"),
        "global-ordering-single-consumer",
        "-15"
    ));
}

/// A stall's backlog is credited to the disk-backed brokers, not to the database as the queue,
/// which it would leave with a deep queue table; at 10,000 msg/s after growth the database, like
/// BullMQ's one Redis, funnels everything through one node.
#[test]
fn a_deep_backlog_or_a_partitioned_rate_is_not_given_to_the_database() {
    let v = recommend_json(&["tests/scenarios/backlog-near-node-ram.yaml"]);
    assert_eq!(v["recommended"], "rabbitmq");
    let outbox = candidate(&v, "outbox");
    assert!(has_reason(outbox, "database-queue-deep-backlog", "-10"));
    assert!(!has_reason(outbox, "backlog-exceeds-redis-node", "+10"));
    assert!(has_reason(
        candidate(&v, "rabbitmq"),
        "backlog-exceeds-redis-node",
        "+10"
    ));
    let v = recommend_json(&["tests/scenarios/backlog-stall-job-queue.yaml"]);
    assert!(has_reason(
        candidate(&v, "outbox"),
        "high-throughput-partitioned",
        "-15"
    ));
}

/// Kafka's edge over a Redis stream for replay is retention on disk, which matters only when the
/// window does not fit comfortably in RAM: two minutes of Socket.IO packets stay with the Redis
/// stream the team already runs, and a week of them goes to Kafka's disk.
#[test]
fn a_short_replay_window_gives_kafka_no_disk_retention_edge() {
    let profile = "tests/scenarios/socketio-redis-streams-adapter.yaml";
    let v = recommend_json(&[profile]);
    assert_eq!(v["recommended"], "redis-streams", "{}", v["candidates"]);
    let kafka = candidate(&v, "kafka");
    assert!(
        has_reason(kafka, "replay-needs-durable-log", "+10"),
        "{kafka}"
    );
    assert!(!has_reason(kafka, "streams-replay-window-ram-heavy", "+10"));
    let v = recommend_json(&[profile, "--set", "replay.retention_days=7"]);
    assert_eq!(v["recommended"], "kafka");
    assert!(has_reason(
        candidate(&v, "kafka"),
        "streams-replay-window-ram-heavy",
        "+10"
    ));
}

/// Replay on RabbitMQ needs a stream, and Amazon MQ runs no streams: with replay asked for, the
/// Amazon MQ way to run it exceeds its limits (and is not suggested); without replay it is
/// priced as before.
#[test]
fn amazon_mq_is_no_way_to_run_a_replayable_rabbitmq_stream() {
    let amazon_mq = |v: &serde_json::Value| {
        v["cost"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["option"] == "amazon-mq")
            .unwrap()
            .clone()
    };
    let v = recommend_json(&["examples/order-events.yaml"]);
    let o = amazon_mq(&v);
    assert_eq!(o["capacity"], "exceeded", "{o}");
    assert!(
        o["capacity_note"]
            .as_str()
            .unwrap()
            .contains("does not support streams"),
        "{o}"
    );
    let v = recommend_json(&["examples/order-events.yaml", "--set", "replay.needed=false"]);
    assert_eq!(amazon_mq(&v)["capacity"], "unchecked");
}
