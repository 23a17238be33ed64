//! Flip points, by property: for example-like profiles, at each reported threshold `recommend`
//! (with `--set` on that one field) gives the new pick, and at the value just before it, on the
//! current side, the old one.

use clap::Parser;
use msgadvisor::cli::Cli;
use proptest::prelude::*;
use serde_json::Value;

fn recommend(path: &str, set: Option<String>) -> Value {
    let mut args = vec![
        "msgadvisor".to_string(),
        "recommend".into(),
        path.into(),
        "--format".into(),
        "json".into(),
    ];
    if let Some(s) = set {
        args.push("--set".into());
        args.push(s);
    }
    let out = msgadvisor::run(Cli::try_parse_from(args).unwrap(), false)
        .unwrap_or_else(|e| panic!("{e}"));
    serde_json::from_str(&out.stdout).unwrap()
}

/// A number with two significant digits, as people write them in profiles.
fn readable(x: f64) -> f64 {
    let e = x.abs().log10().floor() as i32 - 1;
    let p = 10f64.powi(e.abs());
    if e >= 0 {
        (x / p).round() * p
    } else {
        (x * p).round() / p
    }
}

fn pick<'a>(options: &'a [&'a str], mask: u8) -> Vec<&'a str> {
    options
        .iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, s)| *s)
        .collect()
}

prop_compose! {
    fn profile()(
        peak_exp in -1.3f64..5.2,
        avg_frac in prop::option::of(0.05f64..1.0),
        bytes in 50u64..200_000,
        growth in prop::sample::select(vec![1.0, 1.5, 2.0, 3.0]),
        groups in 1u32..6,
        processing in prop::sample::select(vec![0.0, 2.0, 10.0, 50.0, 300.0]),
        loss_ok in any::<bool>(),
        ordering in prop::sample::select(vec!["none", "per-key", "global"]),
        replay in any::<bool>(),
        retention in prop::sample::select(vec![0.5, 1.0, 2.0, 3.0, 7.0, 14.0, 30.0]),
        jobs in any::<u8>(),
        db_tx in any::<bool>(),
        size in 1u32..15,
        experience in prop::sample::select(vec!["none", "some", "expert"]),
        managed in any::<bool>(),
        cloud in prop::sample::select(vec!["aws", "gcp", "on-prem", "other"]),
        languages in 1u8..32,
        existing in any::<u8>(),
    ) -> String {
        let peak = readable(10f64.powf(peak_exp));
        let avg = avg_frac.map(|f| readable(peak * f).min(peak));
        let j = |bit: u8| jobs & (1 << bit) != 0;
        let mut y = format!("version: 1\nname: prop\nthroughput:\n  peak_per_sec: {peak}\n");
        if let Some(a) = avg {
            y.push_str(&format!("  avg_per_sec: {a}\n"));
        }
        y.push_str(&format!(
            "  message_bytes: {bytes}\n  growth_factor: {growth}\nconsumers: {{groups: {groups}, processing_ms: {processing}}}\n\
             delivery: {{loss_ok: {loss_ok}, ordering: {ordering}}}\nreplay: {{needed: {replay}, retention_days: {retention}}}\n\
             jobs: {{retries: {}, delays: {}, priorities: {}, rate_limit: {}, scheduled: {}}}\n\
             source: {{db_transaction: {db_tx}}}\nteam: {{size: {size}, kafka_experience: {experience}, managed_only: {managed}}}\n\
             platform: {{cloud: {cloud}, languages: [{}], existing: [{}]}}\n",
            j(0), j(1), j(2), j(3), j(4),
            pick(&["typescript", "python", "go", "java", "ruby"], languages).join(", "),
            pick(&["postgres", "redis", "kafka", "rabbitmq"], existing).join(", "),
        ));
        y
    }
}

proptest! {
    // Each case runs `recommend` in-process 1 + 2 × (flip points) times.
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn just_past_each_flip_point_the_pick_is_the_new_one_and_just_before_the_old(text in profile()) {
        let dir = std::env::temp_dir().join(format!("msgadvisor-flip-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("profile.yaml");
        std::fs::write(&path, &text).unwrap();
        let path = path.to_str().unwrap();

        let base = recommend(path, None);
        let current = base["recommended"].as_str().unwrap();
        for f in base["flip_points"].as_array().unwrap() {
            let field = f["path"].as_str().unwrap();
            let (now, before, threshold) = (
                f["current"].as_f64().unwrap(),
                f["before"].as_f64().unwrap(),
                f["threshold"].as_f64().unwrap(),
            );
            prop_assert_eq!(f["from"].as_str(), Some(current), "{}", f);
            prop_assert_ne!(&f["from"], &f["to"]);
            match f["direction"].as_str().unwrap() {
                "up" => prop_assert!(now <= before && before < threshold && threshold <= now * 100.0, "{}", f),
                _ => prop_assert!(threshold < before && before <= now && threshold >= now * 0.1 - 1e-9, "{}", f),
            }
            let past = recommend(path, Some(format!("{field}={}", f["threshold"])));
            prop_assert_eq!(&past["recommended"], &f["to"], "at the threshold: {}\n{}", f, text);
            let before_it = recommend(path, Some(format!("{field}={}", f["before"])));
            prop_assert_eq!(&before_it["recommended"], &f["from"], "just before: {}\n{}", f, text);
            let sentence = f["sentence"].as_str().unwrap();
            prop_assert!(sentence.contains("becomes the pick instead of"), "{}", sentence);
        }
    }
}

#[test]
fn the_why_of_a_flip_point_agrees_in_number_with_its_rules() {
    // email-jobs' flip at 2 consumer groups starts two rules and stops several.
    let r = recommend("examples/email-jobs.yaml", None);
    let points = r["flip_points"].as_array().unwrap();
    let mut seen = 0;
    for p in points {
        let s = p["sentence"].as_str().unwrap();
        for (key, one, many) in [
            ("rules_fire", "starts to apply", "start to apply"),
            ("rules_stop", "stops applying", "stop applying"),
        ] {
            match p[key].as_array().map_or(0, Vec::len) {
                0 => {}
                1 => assert!(s.contains(one) && !s.contains(many), "{s}"),
                _ => {
                    seen += 1;
                    assert!(s.contains(many) && !s.contains(one), "{s}");
                }
            }
        }
    }
    assert!(seen > 0, "no flip point with several rules: {points:?}");
}
