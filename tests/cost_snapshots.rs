//! Golden files of the cost section for every example profile (table view), and of one example
//! in Markdown and JSON. Any change in a figure, an assumption or a source shows up in review.

mod common;

#[test]
fn cost_tables_of_the_examples() {
    for stem in common::example_names() {
        let r = common::report_of(&format!("examples/{stem}.yaml"));
        insta::assert_snapshot!(
            format!("cost_table_{stem}"),
            msgadvisor::render::cost::table(&r, 100)
        );
    }
}

#[test]
fn cost_markdown_and_json_of_order_events() {
    let r = common::report_of("examples/order-events.yaml");
    insta::assert_snapshot!(
        "cost_markdown_order_events",
        msgadvisor::render::cost::markdown(&r)
    );
    let json = serde_json::json!({"cost": r.cost, "cost_summary": r.cost_summary});
    insta::assert_snapshot!(
        "cost_json_order_events",
        serde_json::to_string_pretty(&json).unwrap()
    );
}

/// Every branch of RabbitMQ's and the outbox's cost words (a load its brokers' writes or traffic
/// exceed, a backlog on disk, machines with some or no capacity figures, replay, managed only,
/// another cloud), each way with its lines, notes, assumptions, costs left out and people.
#[test]
fn rabbitmq_and_outbox_cost_words_in_every_branch() {
    let dir = common::tempdir("rabbit-words");
    let figures = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::write(&path, format!("instances:\n{text}")).unwrap();
        path
    };
    let ingress_only = figures(
        "ingress-only.yaml",
        "  mq.m5.large: {use: amazon-mq-broker, price: amazon-mq-m5-large-hour, ingress_bytes_per_sec: 15000000, source: ingress only}\n  ec2.m5.large: {use: vm, price: ec2-m5-large-hour, ingress_bytes_per_sec: 15000000, source: ingress only}\n",
    );
    let none = figures(
        "none.yaml",
        "  mq.m5.large: {use: amazon-mq-broker, price: amazon-mq-m5-large-hour, source: no figures}\n  ec2.m5.large: {use: vm, price: ec2-m5-large-hour, source: no figures}\n",
    );
    let cases: &[(&str, &str, Option<&std::path::Path>)] = &[
        (
            "writes exceed the brokers', a stall backlog on disk, RabbitMQ already run",
            "throughput: {peak_per_sec: 100000, message_bytes: 100}\nconsumers: {groups: 3, max_stall_minutes: 30}\nplatform: {existing: [rabbitmq]}",
            None,
        ),
        (
            "traffic exceeds the brokers' network, messages in flight only",
            "throughput: {peak_per_sec: 20000, message_bytes: 20000}\nconsumers: {groups: 3}",
            None,
        ),
        (
            "machines with an ingress figure only",
            "throughput: {peak_per_sec: 100, message_bytes: 100}\nconsumers: {groups: 3, max_stall_minutes: 30}",
            Some(&ingress_only),
        ),
        (
            "machines without figures, on GCP, with MySQL",
            "throughput: {peak_per_sec: 100, message_bytes: 100}\nconsumers: {groups: 3, max_stall_minutes: 30}\nplatform: {cloud: gcp, existing: [mysql]}",
            Some(&none),
        ),
        (
            "replay: a stream, which Amazon MQ does not run",
            "throughput: {peak_per_sec: 100, message_bytes: 1000}\nreplay: {needed: true, retention_days: 7}\nsource: {database: postgres}",
            None,
        ),
        (
            "managed services only",
            "throughput: {peak_per_sec: 100, message_bytes: 1000}\nteam: {managed_only: true}",
            None,
        ),
    ];
    let mut out = String::new();
    for (title, body, prices) in cases {
        let rules = match prices {
            Some(p) => msgadvisor::engine::RuleSet::load_with_prices(&[], &[p.to_path_buf()]),
            None => msgadvisor::engine::RuleSet::builtin(),
        }
        .unwrap();
        let yaml = format!("version: 1\nname: words\n{body}\n");
        let (profile, _, _) = msgadvisor::profile::load(&yaml, "words.yaml").unwrap();
        let derived = rules.derived(&profile);
        let mut c = msgadvisor::cost::estimate(&rules.cost, &profile, &derived);
        msgadvisor::cost::word(&mut c, &rules.cost, &profile, &derived);
        out.push_str(&format!("## {title}\n"));
        for s in c.summary.systems.iter().filter(|s| s.system == "rabbitmq") {
            for n in &s.notes {
                out.push_str(&format!("note: {n}\n"));
            }
        }
        for o in c
            .options
            .iter()
            .filter(|o| o.system == "rabbitmq" || o.system == "outbox")
        {
            out.push_str(&format!(
                "### {} [{}]\n{}\n",
                o.name,
                o.capacity.as_str(),
                o.capacity_note
            ));
            for l in &o.lines {
                out.push_str(&format!("- {} = {} {}\n", l.item, l.quantity, l.unit));
            }
            for a in &o.assumptions {
                out.push_str(&format!("assumption: {a}\n"));
            }
            for u in &o.unpriced {
                out.push_str(&format!("left out: {u}\n"));
            }
            out.push_str(&format!(
                "people: {} h ({}) × ${} ({})\n",
                o.people.hours_per_month,
                o.people.hours_source,
                o.people.hourly_usd,
                o.people.hourly_source
            ));
        }
    }
    insta::assert_snapshot!("rabbitmq_and_outbox_cost_words", out);
}
