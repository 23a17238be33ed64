//! Any bytes as a profile: parse, validate, evaluate, search the flip points (each probe a full
//! evaluation) and render in every format. Never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use msgadvisor::engine::{evaluate, RuleSet};
use msgadvisor::render::{render, Format};
use msgadvisor::report::Report;
use std::sync::OnceLock;

fn rules() -> &'static RuleSet {
    static R: OnceLock<RuleSet> = OnceLock::new();
    R.get_or_init(|| RuleSet::builtin().expect("built-in rules load"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok((profile, _, warnings)) = msgadvisor::profile::load(text, "fuzz.yaml") else { return };
    let eval = evaluate(rules(), &profile).expect("the built-in rules evaluate on any valid profile");
    let mut report = Report::new(&profile, &warnings, eval, rules());
    report.flip_points = msgadvisor::flip::find(rules(), &profile, &report.recommended);
    for f in [Format::Table, Format::Json, Format::Yaml, Format::Markdown] {
        let _ = render(&report, f, false);
    }
});
