//! Golden output: every example profile in every format. The output is the product, so a change
//! to any of it shows up here for review.

mod common;

use clap::Parser;
use msgadvisor::cli::Cli;

fn run(args: &[&str]) -> String {
    let cli =
        Cli::try_parse_from(std::iter::once("msgadvisor").chain(args.iter().copied())).unwrap();
    let out = msgadvisor::run(cli, false).unwrap();
    assert_eq!(out.code, 0);
    out.stdout
}

#[test]
fn recommend_every_example_in_every_format() {
    for name in common::example_names() {
        let path = format!("examples/{name}.yaml");
        for (format, ext) in [
            ("table", "txt"),
            ("markdown", "md"),
            ("json", "json"),
            ("yaml", "yaml"),
        ] {
            let out = run(&["recommend", &path, "--format", format]);
            insta::assert_snapshot!(format!("recommend-{name}-{ext}"), out);
        }
    }
}
