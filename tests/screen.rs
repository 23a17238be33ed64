//! `recommend`'s default view fits one screen, its width follows `--width`, `COLUMNS` or 80, its
//! verdict words mean one thing each, and `recommend` and `explain` apply waivers as `check`
//! does. The one-screen output of every example is snapshotted in `snapshots.rs`.

mod common;

use common::{example_names, msgadvisor, tempdir};

/// Runs the binary with no `COLUMNS` (as in a pipe: 80 columns) plus `env`; (code, stdout,
/// stderr).
fn run_env(args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let mut c = msgadvisor();
    c.env_remove("COLUMNS").args(args);
    for (k, v) in env {
        c.env(k, v);
    }
    let out = c.output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn stdout(args: &[&str]) -> String {
    let (code, out, err) = run_env(args, &[]);
    assert_eq!(code, 0, "{args:?}: {err}");
    out
}

fn widest(text: &str) -> usize {
    text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

fn json(args: &[&str]) -> serde_json::Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    serde_json::from_str(&stdout(&all)).unwrap()
}

#[test]
fn every_example_fits_one_screen_of_80_columns() {
    for name in example_names() {
        let path = format!("examples/{name}.yaml");
        let out = stdout(&["recommend", &path]);
        let lines = out.lines().count();
        assert!(lines <= 60, "{name}: {lines} lines\n{out}");
        assert!(widest(&out) <= 80, "{name}: wider than 80\n{out}");
        // The parts a reader needs are there; the rest is behind --detail.
        for part in [
            "Why: ",
            "verdict",
            "What would change the pick",
            "Cost a month",
        ] {
            assert!(out.contains(part), "{name}: no {part:?}\n{out}");
        }
        for detail in [
            "Reasons (score change",
            "Prices used:",
            "Derived from the profile",
        ] {
            assert!(!out.contains(detail), "{name}: {detail:?} on one screen");
        }
    }
}

#[test]
fn detail_prints_everything_the_full_view_has() {
    let short = stdout(&["recommend", "examples/order-events.yaml"]);
    let full = stdout(&["recommend", "examples/order-events.yaml", "--detail"]);
    assert!(full.lines().count() > 5 * short.lines().count());
    for part in [
        "Reasons (score change, finding, rule id):",
        "Derived from the profile:",
        "How to run Transactional outbox (pattern):",
        "Prices used:",
        "engineer-hours ×",
    ] {
        assert!(full.contains(part), "--detail lacks {part:?}");
    }
    // It fits the width too: every table and wrapped line within 80 columns (the reasons and
    // cost breakdown lines are one per item and run longer, as before).
    let tables: Vec<&str> = full.lines().filter(|l| l.starts_with('│')).collect();
    assert!(tables.iter().all(|l| l.chars().count() <= 80));
}

#[test]
fn width_follows_columns_and_the_flag_and_is_80_without_them() {
    let p = "examples/email-jobs.yaml";
    let plain = stdout(&["recommend", p]);
    assert!(widest(&plain) <= 80);
    let (_, wide, _) = run_env(&["recommend", p], &[("COLUMNS", "120")]);
    assert!(
        widest(&wide) > 80 && widest(&wide) <= 120,
        "COLUMNS=120 gave {} columns",
        widest(&wide)
    );
    assert!(wide.lines().count() < plain.lines().count());
    // --width wins over COLUMNS; COLUMNS=80 is the default.
    let (_, flag, _) = run_env(&["recommend", p, "--width", "120"], &[("COLUMNS", "60")]);
    assert_eq!(flag, wide);
    let (_, eighty, _) = run_env(&["recommend", p], &[("COLUMNS", "80")]);
    assert_eq!(eighty, plain);
    // A COLUMNS that is not a number (some shells and CI runners) is ignored, not an error.
    for junk in ["", "wide", "0"] {
        let (code, out, err) = run_env(&["recommend", p], &[("COLUMNS", junk)]);
        assert_eq!((code, out.as_str()), (0, plain.as_str()), "{junk:?}: {err}");
    }
    // A bad --width is an error naming it.
    let (code, _, err) = run_env(&["recommend", p, "--width", "wide"], &[]);
    assert_eq!(code, 2);
    assert!(
        err.contains("--width") && err.contains("not a number"),
        "{err}"
    );
}

#[test]
fn behind_is_a_score_gap_and_discouraged_only_a_rule() {
    let mut seen = std::collections::BTreeSet::new();
    for name in example_names() {
        let r = json(&["recommend", &format!("examples/{name}.yaml")]);
        let margin = r["viable_margin"].as_i64().unwrap();
        let cands = r["candidates"].as_array().unwrap();
        let top = cands[0]["score"].as_i64().unwrap();
        for c in cands {
            let standing = c["standing"].as_str().unwrap();
            seen.insert(standing.to_string());
            let by_rule = |kind: &str| {
                c["reasons"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|x| x["effect"] == kind)
            };
            let expected = if c["id"] == r["recommended"] {
                "recommended"
            } else if by_rule("exclude") {
                "excluded"
            } else if by_rule("discourage") {
                "discouraged"
            } else if top - c["score"].as_i64().unwrap() > margin {
                "behind"
            } else {
                "viable"
            };
            assert_eq!(standing, expected, "{name}: {}", c["id"]);
            // The SPEC's verdict keeps its four values: behind is `discouraged` there.
            let verdict = if standing == "behind" {
                "discouraged"
            } else {
                standing
            };
            assert_eq!(c["verdict"], verdict, "{name}: {}", c["id"]);
        }
        // Ranked by word, then score: excluded ones last, best score first among them.
        let excluded: Vec<i64> = cands
            .iter()
            .skip_while(|c| c["standing"] != "excluded")
            .map(|c| {
                assert_eq!(c["standing"], "excluded", "{name}: excluded ones come last");
                c["score"].as_i64().unwrap()
            })
            .collect();
        assert!(
            excluded.windows(2).all(|w| w[0] >= w[1]),
            "{name}: {excluded:?}"
        );
    }
    assert!(seen.contains("behind"), "no example is behind: {seen:?}");
    // The words on the screen are the same, and an excluded score is in brackets.
    let out = stdout(&["recommend", "examples/kafka-for-a-job-queue.yaml"]);
    assert!(
        out.contains("Apache Kafka           -45    behind"),
        "{out}"
    );
    assert!(
        out.contains("Redis Pub/Sub          (30)   excluded"),
        "{out}"
    );
    assert!(!out.contains("discouraged"), "{out}");
}

#[test]
fn a_contradicted_decision_comes_first() {
    let out = stdout(&["recommend", "examples/kafka-for-a-job-queue.yaml"]);
    let attention = out.find("Needs attention:").expect("an attention block");
    let table = out.find("candidate ").unwrap();
    assert!(attention < table, "{out}");
    assert!(
        out.contains("The profile's decision is Apache Kafka, but the rules recommend Database as\n    the queue (outbox / job table)"),
        "{out}"
    );
    let full = stdout(&[
        "recommend",
        "examples/kafka-for-a-job-queue.yaml",
        "--detail",
    ]);
    assert!(full.find("Needs attention:").unwrap() < full.find("┌").unwrap());
}

#[test]
fn what_no_candidate_can_do_comes_first() {
    // Global order with eight consumers' worth of work, and a budget nothing fits.
    let out = stdout(&[
        "recommend",
        "examples/order-events.yaml",
        "--set",
        "delivery.ordering=global",
        "--set",
        "budget.monthly_usd=1",
    ]);
    assert!(widest(&out) <= 80, "{out}");
    let table = out.find("candidate ").unwrap();
    let flat = out[..table]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for said in [
        "Needs attention:",
        "Nothing that meets the requirements fits the budget of $1 a month",
        "[global-ordering-cannot-keep-up]",
        "ONE CONSUMER CANNOT KEEP UP",
    ] {
        assert!(
            flat.contains(said),
            "{said:?} not before the ranking:\n{out}"
        );
    }
}

/// A global order no system can keep is said by its finding; the pick's guidance warning adds
/// what it means for that system (how many consumers' work) without saying the finding again.
#[test]
fn a_global_order_no_system_keeps_is_said_once_under_needs_attention() {
    let out = stdout(&[
        "recommend",
        "examples/email-jobs.yaml",
        "--set",
        "delivery.ordering=global",
    ]);
    let said = attention_of(&out);
    assert_eq!(
        said.matches("[global-ordering-cannot-keep-up]").count(),
        1,
        "{out}"
    );
    assert_eq!(said.to_lowercase().matches("no system").count(), 1, "{out}");
    assert_eq!(said.matches("global order allows one").count(), 1, "{out}");
    assert!(
        said.contains("the work of 18 consumers at peak after growth"),
        "{out}"
    );
}

/// `examples/kafka-for-a-job-queue.yaml` with `waivers` appended.
fn waived(waivers: &str) -> String {
    let dir = tempdir("waivers");
    let path = dir.join("thumbnails.yaml");
    let text = std::fs::read_to_string("examples/kafka-for-a-job-queue.yaml").unwrap();
    std::fs::write(&path, format!("{text}waivers:\n{waivers}")).unwrap();
    path.to_str().unwrap().to_string()
}

fn kafka(r: &serde_json::Value) -> &serde_json::Value {
    r["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "kafka")
        .unwrap()
}

#[test]
fn recommend_and_explain_apply_waivers_as_check_does() {
    let p = waived(
        "  - {rule: low-traffic-kafka, reason: \"we run Kafka for other teams\", expires: 2099-01-01}\n",
    );
    let plain = json(&["recommend", "examples/kafka-for-a-job-queue.yaml"]);
    let r = json(&["recommend", &p]);
    // low-traffic-kafka takes 30 points from Kafka; waived, they are back.
    assert_eq!(
        kafka(&r)["score"].as_i64().unwrap(),
        kafka(&plain)["score"].as_i64().unwrap() + 30
    );
    assert!(
        !kafka(&r)["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["rule"] == "low-traffic-kafka")
    );
    assert_eq!(r["waivers"][0]["state"], "applied");
    // The flip points are searched with the waiver too: a waived rule is never a reason.
    let named = |r: &serde_json::Value| {
        r["flip_points"].as_array().unwrap().iter().any(|f| {
            f["rules_fire"]
                .as_array()
                .unwrap()
                .iter()
                .chain(f["rules_stop"].as_array().unwrap())
                .any(|x| x == "low-traffic-kafka")
        })
    };
    assert!(named(&plain) && !named(&r), "{}", r["flip_points"]);
    // check judges the decision from the same evaluation.
    let (_, check, _) = run_env(&["check", &p, "--format", "json"], &[]);
    let check: serde_json::Value = serde_json::from_str(&check).unwrap();
    let judged = &check["profiles"][0];
    assert_eq!(judged["verdict"], kafka(&r)["verdict"], "{judged}");
    assert_eq!(judged["waivers"][0]["state"], "applied");
    let score = format!("`kafka` scores {},", kafka(&r)["score"]);
    assert!(
        judged["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["message"].as_str().unwrap().contains(&score)),
        "check and recommend disagree on Kafka's score: {judged}"
    );

    // One line says so, on the screen and in explain.
    let out = stdout(&["recommend", &p]);
    assert!(
        out.contains("Waivers applied as `check` applies them: low-traffic-kafka"),
        "{out}"
    );
    let ex = stdout(&["explain", &p]);
    assert!(
        ex.contains("Waivers applied as `check` applies them"),
        "{ex}"
    );
    assert!(
        ex.contains("low-traffic-kafka: kafka -30 (waived: no effect)"),
        "{ex}"
    );
    let kafka_total = format!("= {:>6}", kafka(&r)["score"].as_i64().unwrap());
    assert!(
        ex.contains(&kafka_total),
        "explain adds up to {kafka_total}\n{ex}"
    );

    // --no-waivers: as if there were none, and it says so.
    let off = json(&["recommend", &p, "--no-waivers"]);
    assert_eq!(kafka(&off)["score"], kafka(&plain)["score"]);
    assert_eq!(off["waivers"][0]["state"], "ignored");
    let out = stdout(&["recommend", &p, "--no-waivers"]);
    assert!(
        out.contains("Waivers ignored (--no-waivers): low-traffic-kafka."),
        "{out}"
    );
    let ex = stdout(&["explain", &p, "--no-waivers"]);
    assert!(!ex.contains("waived: no effect"), "{ex}");
}

#[test]
fn an_expired_or_stale_waiver_does_not_apply_and_is_named() {
    let p = waived(
        "  - {rule: low-traffic-kafka, reason: old, expires: 2020-01-01}\n  - {rule: pubsub-no-replay, reason: stale}\n",
    );
    let plain = json(&["recommend", "examples/kafka-for-a-job-queue.yaml"]);
    let r = json(&["recommend", &p]);
    assert_eq!(kafka(&r)["score"], kafka(&plain)["score"]);
    assert_eq!(r["waivers"][0]["state"], "expired");
    assert_eq!(r["waivers"][1]["state"], "stale");
    let out = stdout(&["recommend", &p]);
    let flat = out.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("them: none; not applied: low-traffic-kafka (expired 2020-01-01); pubsub-no-replay (stale: the rule does not fire)."),
        "{out}"
    );
}

#[test]
fn an_input_warning_goes_to_stderr_located_and_shows_on_the_screen() {
    let dir = tempdir("typo");
    let path = dir.join("jobs.yaml");
    let text = std::fs::read_to_string("examples/email-jobs.yaml")
        .unwrap()
        .replace("languages: [typescript]", "languages: [typescirpt]");
    std::fs::write(&path, text).unwrap();
    let p = path.to_str().unwrap();
    let (code, out, err) = run_env(&["recommend", p], &[]);
    assert_eq!(code, 0);
    assert!(
        err.contains(&format!(
            "warning: {p}:34:15: platform.languages[0]: `typescirpt`"
        )),
        "{err}"
    );
    let attention = out
        .find("Needs attention:")
        .expect("the warning on stdout too");
    assert!(
        out[attention..].contains("In the profile: platform.languages[0]"),
        "{out}"
    );
    assert!(attention < out.find("candidate ").unwrap());
}

#[test]
fn the_readme_sample_is_the_real_output() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let command = "$ msgadvisor recommend examples/order-events.yaml\n";
    let start = readme
        .find(&format!("```text\n{command}"))
        .expect("the sample")
        + 8;
    let body = &readme[start + command.len()..];
    let sample = &body[..body.find("```\n").unwrap()];
    let out = stdout(&["recommend", "examples/order-events.yaml"]);
    assert_eq!(
        sample, out,
        "README.md's sample is stale; the tool now prints:\n{out}"
    );
}

/// The "Needs attention" section of the one-screen view, joined into one line.
fn attention_of(out: &str) -> String {
    let start = out
        .find("Needs attention:")
        .expect("a Needs attention section");
    let end = out.find("\ncandidate ").unwrap();
    out[start..end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_pick_over_budget_is_said_once_in_needs_attention() {
    let out = stdout(&[
        "recommend",
        "examples/order-events.yaml",
        "--set",
        "budget.monthly_usd=50",
    ]);
    let said = attention_of(&out);
    assert!(
        said.contains("Nothing that meets the requirements fits the budget of $50 a month"),
        "{out}"
    );
    assert_eq!(said.matches("over-budget-kafka").count(), 1, "{out}");
    assert!(!said.contains("discouraged too"), "{out}");
}

#[test]
fn a_pick_a_rule_discourages_is_said_once_with_the_rules_reason() {
    // A pack that discourages every candidate: the first ranks first anyway.
    let every = "[kafka, redis-streams, bullmq, redis-pubsub, rabbitmq, outbox]";
    let pack = common::pack(&[(
        "our-freeze.yaml",
        &format!(
            "id: our-freeze\ntitle: Our platform team is not taking on new messaging systems this quarter\n\
             why: Because.\nsource: our platform policy\nwhen: \"true\"\n\
             effect:\n  discourage: {every}\n"
        ),
    )]);
    let out = stdout(&[
        "recommend",
        "examples/email-jobs.yaml",
        "--rules",
        pack.to_str().unwrap(),
    ]);
    let said = attention_of(&out);
    assert!(
        said.contains("ranks first although a rule discourages it"),
        "{out}"
    );
    assert!(
        said.contains("not taking on new messaging systems this quarter [our-freeze]"),
        "{out}"
    );
    assert_eq!(said.matches("our-freeze").count(), 1, "{out}");
}

/// A pack that rules Kafka out, plus `more` rules: on `examples/order-events.yaml` (managed
/// services only, replay) RabbitMQ then ranks first, and no way to run it that msgadvisor
/// prices can carry the workload.
fn without_kafka(more: &[(&str, &str)]) -> std::path::PathBuf {
    let mut files = vec![(
        "no-kafka.yaml",
        "id: no-kafka\ntitle: We do not run Kafka\nwhy: Because.\nsource: our platform policy\n\
         when: \"true\"\neffect:\n  exclude: [kafka]\n",
    )];
    files.extend_from_slice(more);
    common::pack(&files)
}

/// The "Needs attention" items of the text, markdown and ADR views, each joined into one line.
fn attention_everywhere(pack: &std::path::Path) -> Vec<(&'static str, String)> {
    let dir = pack.to_str().unwrap();
    let profile = "examples/order-events.yaml";
    let text = stdout(&["recommend", profile, "--rules", dir]);
    let markdown = stdout(&["recommend", profile, "--rules", dir, "--format", "markdown"]);
    let adr = stdout(&["report", profile, "--rules", dir]);
    let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let between = |s: &str, from: &str, to: &str| {
        let start = s
            .find(from)
            .unwrap_or_else(|| panic!("no {from:?} in:\n{s}"));
        let end = start + s[start..].find(to).unwrap();
        flat(&s[start..end])
    };
    vec![
        ("text", attention_of(&text)),
        (
            "markdown",
            between(&markdown, "## Needs attention", "\n## "),
        ),
        // The record's head: findings and the note on the team's decision.
        ("adr", between(&adr, "\n# ", "\n## ")),
    ]
}

#[test]
fn no_way_to_run_the_pick_is_said_once_in_every_format() {
    // The rule no-way-fits-rabbitmq says it, with its reason: no second line in other words.
    let pack = without_kafka(&[]);
    for (format, said) in attention_everywhere(&pack) {
        assert!(
            said.contains("No way to run RabbitMQ priced here can carry this workload"),
            "{format}: {said}"
        );
        assert_eq!(
            said.matches("[no-way-fits-rabbitmq]").count(),
            1,
            "{format}: {said}"
        );
        assert_eq!(
            said.matches("published limit").count(),
            1,
            "{format}: {said}"
        );
    }
    // With that rule disabled the report still says it, once, in its own words.
    let pack = without_kafka(&[("quiet.yaml", "id: no-way-fits-rabbitmq\ndisabled: true\n")]);
    let said = attention_everywhere(&pack);
    for (format, said) in &said[..2] {
        assert!(
            said.contains("Every way to run RabbitMQ priced here exceeds a published limit"),
            "{format}: {said}"
        );
        assert_eq!(
            said.matches("published limit").count(),
            1,
            "{format}: {said}"
        );
    }
    // The report knows the rule says it because the rule declares so (`says: no-way-fits`),
    // not because its condition reads how many ways fit: the same rule without the
    // declaration leaves the report to say it in its own words as well.
    let pack = without_kafka(&[(
        "no-way-fits-rabbitmq.yaml",
        "id: no-way-fits-rabbitmq\neffect:\n  discourage: [rabbitmq]\n",
    )]);
    for (format, said) in &attention_everywhere(&pack)[..2] {
        assert!(
            said.contains("[no-way-fits-rabbitmq]")
                && said.contains("Every way to run RabbitMQ priced here exceeds a published limit"),
            "{format}: {said}"
        );
    }
}

/// A rule's warning about one candidate (`warning_for`) needs attention only when the team
/// would run that candidate: the pick or the declared decision. activity-feed picks Redis
/// Streams and decides on it, so the warning that a small team would run Kafka itself is no
/// one's concern there; declared on Kafka, it is.
#[test]
fn a_warning_about_a_candidate_nobody_runs_does_not_need_attention() {
    let profile = "examples/activity-feed.yaml";
    let warning = "[small-team-self-hosted-kafka]";
    // Nothing else needs attention there: the views have no such section at all.
    let table = stdout(&["recommend", profile]);
    let markdown = stdout(&["recommend", profile, "--format", "markdown"]);
    for (format, out) in [("table", &table), ("markdown", &markdown)] {
        assert!(!out.contains("Needs attention"), "{format}: {out}");
    }
    // Kafka's own reasons still say it.
    let detail = stdout(&["recommend", profile, "--detail"]);
    assert!(detail.contains("small-team-self-hosted-kafka"), "{detail}");
    let decided = stdout(&["recommend", profile, "--set", "decision=kafka"]);
    assert!(attention_of(&decided).contains(warning), "{decided}");
}

/// A candidate the rules exclude is priced only as the pattern beside the pick (the outbox
/// feeding Kafka): every cost view names it as that pattern, as the guidance does, so that
/// "excluded" in the ranking and a price under the same name do not read as a contradiction.
#[test]
fn an_excluded_candidate_priced_as_a_pattern_is_named_as_the_pattern() {
    let profile = "examples/order-events.yaml";
    let screen = stdout(&["recommend", profile]);
    let cost = &screen[screen.find("Cost a month").expect("a cost section")..];
    assert!(
        cost.contains("\n  Transactional outbox (pattern)  "),
        "{cost}"
    );
    assert!(!cost.contains("Database as the queue"), "{cost}");
    let detail = stdout(&["recommend", profile, "--detail"]);
    let cost = &detail[detail.find("Cost per month").expect("a cost section")..];
    assert!(
        cost.contains("\nTransactional outbox (pattern):\n"),
        "{cost}"
    );
    assert!(!cost.contains("Database as the queue"), "{cost}");
    let markdown = stdout(&["recommend", profile, "--format", "markdown"]);
    let cost = &markdown[markdown.find("\n## Cost").expect("a cost section")..];
    assert!(
        cost.contains("\n### Transactional outbox (pattern)\n"),
        "{cost}"
    );
    assert!(!cost.contains("Database as the queue"), "{cost}");
    // Where it is a candidate in the running, it keeps its name.
    let screen = stdout(&["recommend", "examples/invoice-outbox.yaml"]);
    let cost = &screen[screen.find("Cost a month").unwrap()..];
    assert!(
        cost.contains("Database as the queue (outbox / job table)"),
        "{cost}"
    );
}

#[test]
fn every_system_shown_heads_its_guidance_with_figures() {
    // A "How to run X:" heading with nothing under it tells the reader nothing: each system's
    // guidance names at least one headline figure on the screen, whichever system is shown.
    for name in example_names() {
        let path = format!("examples/{name}.yaml");
        for system in [
            "kafka",
            "redis-streams",
            "bullmq",
            "redis-pubsub",
            "rabbitmq",
            "outbox",
        ] {
            let decision = format!("decision={system}");
            let out = stdout(&["recommend", &path, "--set", &decision]);
            let lines: Vec<&str> = out.lines().collect();
            for (i, line) in lines.iter().enumerate() {
                if line.starts_with("How to run ") {
                    let next = lines.get(i + 1).copied().unwrap_or("");
                    assert!(
                        !next.trim().is_empty(),
                        "{name} with {decision}: {line:?} has no figures under it\n{out}"
                    );
                }
            }
        }
    }
}
