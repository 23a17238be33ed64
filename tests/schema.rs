//! `msgadvisor schema`: the profile's JSON Schema, the committed copy, and the editor modeline of
//! the examples.

mod common;

use serde_json::Value;

const MODELINE: &str = "# yaml-language-server: $schema=../schema/profile.schema.json";

fn schema_output() -> String {
    let out = common::msgadvisor().arg("schema").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_committed_schema_is_current() {
    let committed = std::fs::read_to_string("schema/profile.schema.json").unwrap();
    assert!(
        committed == schema_output(),
        "schema/profile.schema.json is out of date: run `cargo run -q -- schema > schema/profile.schema.json`"
    );
}

#[test]
fn the_schema_is_draft_07_closed_and_described() {
    let s: Value = serde_json::from_str(&schema_output()).unwrap();
    assert_eq!(s["$schema"], "http://json-schema.org/draft-07/schema#");
    assert_eq!(s["additionalProperties"], false);
    let required: Vec<&str> = s["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(required, ["version", "name", "throughput"]);
    // Every section and every field says what it is; every object refuses unknown keys.
    let mut objects = vec![&s];
    objects.extend(s["definitions"].as_object().unwrap().values());
    for o in objects.iter().filter(|o| o["type"] == "object") {
        assert_eq!(o["additionalProperties"], false, "{o}");
        for (k, v) in o["properties"].as_object().unwrap() {
            assert!(v["description"].is_string(), "{k} has no description: {v}");
        }
    }
    assert_eq!(
        s["definitions"]["Waiver"]["properties"]["expires"]["pattern"],
        r"^\d{4}-\d{2}-\d{2}$"
    );
    assert_eq!(s["properties"]["version"]["minimum"], 1);
    assert_eq!(s["properties"]["version"]["maximum"], 1);
}

#[test]
fn every_example_names_the_schema_on_its_first_line() {
    let mut seen = 0;
    for entry in std::fs::read_dir("examples").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let text = std::fs::read_to_string(&path).unwrap();
            assert_eq!(text.lines().next(), Some(MODELINE), "{}", path.display());
            seen += 1;
        }
    }
    assert!(seen >= 8);
}
