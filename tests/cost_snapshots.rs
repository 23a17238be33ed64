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
