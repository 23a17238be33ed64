//! Any bytes as a rule pack file layered over the built-in rules: load (parse, check, compile
//! CEL) and, when it loads, evaluate an example profile. Never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use msgadvisor::engine::{evaluate, RuleSet};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let pack = vec![("pack/rule.yaml".to_string(), text.to_string())];
    if let Ok(rules) = RuleSet::load_texts(&pack) {
        let (profile, _, _) = msgadvisor::profile::load("version: 1\nname: f\nthroughput: {peak_per_sec: 300}\n", "f.yaml").unwrap();
        let _ = evaluate(&rules, &profile);
    }
});
