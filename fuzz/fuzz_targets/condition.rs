//! Any text as a rule's condition: compile it (the load-time budget: size, literal lists,
//! comprehension nesting) and, when it compiles, evaluate it on a profile with lists to iterate.
//! Never panics, and always finishes: a condition that could run for long must be refused at
//! compile time or stopped by the run-time budget, so libFuzzer's `-timeout` (a few seconds)
//! and `-rss_limit_mb` catch a hole in either.
#![no_main]

use libfuzzer_sys::fuzz_target;
use msgadvisor::engine::{RuleSet, cel};
use std::sync::OnceLock;

/// Compiles and runs one condition against the built-in limits and a fixture profile, built
/// once: every input is one condition.
fn run() -> &'static (dyn Fn(&str) + Send + Sync) {
    static RUN: OnceLock<Box<dyn Fn(&str) + Send + Sync>> = OnceLock::new();
    RUN.get_or_init(|| {
        let rules = RuleSet::builtin().expect("the built-in rules load");
        let (profile, _, _) = msgadvisor::profile::load(
            "version: 1\nname: f\ndescription: a workload with lists\nthroughput: {peak_per_sec: 300}\nplatform: {languages: [go, python, typescript], existing: [kafka, redis]}\nevents: [{domain: order, action: placed, key: id}, {domain: order, action: paid}]\nwaivers: [{rule: r, reason: because}]\n",
            "f.yaml",
        )
        .expect("the fixture profile loads");
        let derived = rules.derived(&profile);
        let env = cel::environment();
        let shape = cel::shape(&rules.limits);
        let view = cel::view(&profile, &derived, &rules.limits);
        Box::new(move |source: &str| {
            if let Ok((condition, _reads)) = cel::compile(&env, source, &shape) {
                let _ = condition.execute(&cel::context(&env, &view));
            }
        })
    })
    .as_ref()
}

fuzz_target!(|data: &[u8]| {
    if let Ok(source) = std::str::from_utf8(data) {
        run()(source);
    }
});
