//! Engine speed: loading the rules (once per run), one profile's evaluation, the flip-point
//! search for a profile with a budget and one without (most of a `recommend`), and a fleet of
//! 5,000 profiles evaluated one after another (what `check` does per core).
//! Run with `cargo bench --bench engine`.

use msgadvisor::engine::{RuleSet, evaluate};
use msgadvisor::report::Report;

fn main() {
    divan::main();
}

const PROFILE: &str = include_str!("../examples/order-events.yaml");

#[divan::bench]
fn load_builtin_rules() -> RuleSet {
    RuleSet::builtin().unwrap()
}

#[divan::bench]
fn parse_profile() {
    divan::black_box(msgadvisor::profile::load(divan::black_box(PROFILE), "p.yaml").unwrap());
}

#[divan::bench]
fn evaluate_one_profile(b: divan::Bencher) {
    let rules = RuleSet::builtin().unwrap();
    let (profile, _, _) = msgadvisor::profile::load(PROFILE, "p.yaml").unwrap();
    b.bench(|| evaluate(&rules, divan::black_box(&profile)).unwrap());
}

#[divan::bench]
fn parse_evaluate_and_report_one_profile(b: divan::Bencher) {
    let rules = RuleSet::builtin().unwrap();
    b.bench(|| {
        let (profile, _, warnings) =
            msgadvisor::profile::load(divan::black_box(PROFILE), "p.yaml").unwrap();
        let eval = evaluate(&rules, &profile).unwrap();
        Report::new(&profile, &warnings, eval, &rules)
    });
}

/// The flip-point search (each value it tries a full evaluation, priced), for a profile with a
/// budget and one without. It runs on the machine's cores.
#[divan::bench(args = ["order-events", "email-jobs"])]
fn flip_points(b: divan::Bencher, example: &str) {
    let rules = RuleSet::builtin().unwrap();
    let text = std::fs::read_to_string(format!("examples/{example}.yaml")).unwrap();
    let (profile, _, _) = msgadvisor::profile::load(&text, "p.yaml").unwrap();
    let current = evaluate(&rules, &profile).unwrap().ranking[0].id.clone();
    b.bench(|| msgadvisor::flip::find(&rules, divan::black_box(&profile), &current));
}

#[divan::bench(sample_count = 10)]
fn fleet_of_5000_profiles(b: divan::Bencher) {
    let rules = RuleSet::builtin().unwrap();
    let texts: Vec<String> = (0..5000)
        .map(|i| {
            format!(
                "version: 1\nname: svc-{i}\nthroughput: {{peak_per_sec: {}, message_bytes: {}}}\nconsumers: {{groups: {}, processing_ms: {}}}\nreplay: {{needed: {}}}\n",
                1 + (i * 37) % 50_000,
                64 + (i * 13) % 8192,
                1 + i % 5,
                (i % 40) as f64 / 2.0,
                i % 3 == 0
            )
        })
        .collect();
    b.bench(|| {
        for t in &texts {
            let (profile, _, _) = msgadvisor::profile::load(t, "p.yaml").unwrap();
            divan::black_box(evaluate(&rules, &profile).unwrap());
        }
    });
}
