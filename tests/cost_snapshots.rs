//! Golden files of the cost section for every example profile (table view), and of one example
//! in Markdown and JSON. Any change in a figure, an assumption or a source shows up in review.

use msgadvisor::engine::{RuleSet, evaluate};
use msgadvisor::report::Report;

fn report(path: &str) -> Report {
    let rules = RuleSet::builtin().unwrap();
    let loaded = msgadvisor::commands::load_profile(path).unwrap();
    let eval = evaluate(&rules, &loaded.profile).unwrap();
    Report::new(&loaded.profile, &loaded.warnings, eval, &rules)
}

#[test]
fn cost_tables_of_the_examples() {
    let mut names: Vec<_> = std::fs::read_dir("examples")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    for path in names {
        let stem = path.file_stem().unwrap().to_str().unwrap().to_string();
        let r = report(path.to_str().unwrap());
        insta::assert_snapshot!(
            format!("cost_table_{stem}"),
            msgadvisor::render::cost::table(&r)
        );
    }
}

#[test]
fn cost_markdown_and_json_of_order_events() {
    let r = report("examples/order-events.yaml");
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
