//! The published JSON Schema (`schema/profile.schema.json`, what editors validate against) and
//! the profile reader give the same verdict on the same profile: a profile an editor accepts is
//! not refused by `msgadvisor`, and one `msgadvisor` refuses is flagged in the editor. Generated
//! profiles put every bounded field at, just inside and just outside its limits, with the wrong
//! type now and then. Checks across fields (an average above the peak) are the reader's alone
//! and are kept out of the generator.

use proptest::prelude::*;
use serde_json::Value;

fn validator() -> &'static jsonschema::Validator {
    static V: std::sync::OnceLock<jsonschema::Validator> = std::sync::OnceLock::new();
    V.get_or_init(|| {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/schema/profile.schema.json");
        let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        jsonschema::validator_for(&schema).expect("the published schema compiles")
    })
}

/// A bounded field: where it goes, its limits, whether it may be left out.
struct Field {
    section: &'static str,
    key: &'static str,
    min: f64,
    max: f64,
    optional: bool,
}

fn fields() -> Vec<Field> {
    use msgadvisor::profile::range as r;
    let f = |section, key, (min, max): (f64, f64), optional| Field {
        section,
        key,
        min,
        max,
        optional,
    };
    let int = |(a, b): (u64, u64)| (a as f64, b as f64);
    let int32 = |(a, b): (u32, u32)| (f64::from(a), f64::from(b));
    vec![
        f("throughput", "peak_per_sec", r::PEAK_PER_SEC, false),
        f("throughput", "message_bytes", int(r::MESSAGE_BYTES), false),
        f("throughput", "growth_factor", r::GROWTH_FACTOR, true),
        f("consumers", "groups", int32(r::GROUPS), false),
        f("consumers", "processing_ms", r::PROCESSING_MS, true),
        f("delivery", "max_latency_ms", r::MAX_LATENCY_MS, true),
        f("replay", "retention_days", r::RETENTION_DAYS, true),
        f("team", "size", int32(r::TEAM_SIZE), false),
        f("team", "hourly_usd", r::HOURLY_USD, true),
        f("budget", "monthly_usd", r::MONTHLY_USD, true),
    ]
}

/// A profile whose bounded fields each sit at their minimum, in the middle or at their maximum
/// (or are left out), with at most one of them then set to a value outside its limits, of the
/// wrong kind, or `null`: one field at a time, so that each verdict is about that field.
fn profile() -> impl Strategy<Value = String> {
    let n = fields().len();
    (
        prop::collection::vec(0usize..4, n),
        prop::option::of((0..n, 0usize..6)),
        prop::sample::select(vec!["none", "per-key", "global", "sideways"]),
    )
        .prop_map(|(picks, bad, ordering)| {
            let fields = fields();
            let mut sections: Vec<(&str, Vec<String>)> = Vec::new();
            for (i, (f, pick)) in fields.iter().zip(picks).enumerate() {
                let value = match bad {
                    Some((j, how)) if j == i => Some(match how {
                        0 if f.min > 0.0 => format!("{:?}", f.min / 2.0),
                        0 => "-1".to_string(),
                        1 => format!("{:?}", f.max * 1.5 + 1.0),
                        2 => "2.5".to_string(),
                        3 => "\"100\"".to_string(),
                        4 => "null".to_string(),
                        _ => "[1]".to_string(),
                    }),
                    _ => match pick {
                        0 => Some(format!("{:?}", f.min)),
                        1 => Some(format!("{:?}", ((f.min + f.max) / 2.0).round().max(f.min))),
                        2 => Some(format!("{:?}", f.max)),
                        _ if f.optional => None,
                        _ => Some(format!("{:?}", f.min)),
                    },
                };
                let Some(value) = value else { continue };
                let entry = format!("{}: {value}", f.key);
                match sections.iter_mut().find(|(s, _)| *s == f.section) {
                    Some((_, list)) => list.push(entry),
                    None => sections.push((f.section, vec![entry])),
                }
            }
            let mut t = String::from("version: 1\nname: agrees\n");
            for base in ["consumers", "delivery", "replay", "team"] {
                if !sections.iter().any(|(s, _)| *s == base) {
                    sections.push((base, Vec::new()));
                }
            }
            for (section, mut list) in sections {
                match section {
                    "delivery" => {
                        list.insert(0, format!("ordering: {ordering}"));
                        list.insert(0, "loss_ok: false".into());
                    }
                    "replay" => list.insert(0, "needed: true".into()),
                    _ => {}
                }
                t.push_str(&format!("{section}: {{{}}}\n", list.join(", ")));
            }
            t
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn the_schema_and_the_reader_agree(text in profile()) {
        let reader = msgadvisor::profile::load(&text, "agrees.yaml");
        let value: Value = serde_saphyr::from_str(&text).expect("the generator writes YAML");
        let errors: Vec<String> = validator()
            .iter_errors(&value)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        prop_assert_eq!(
            reader.is_ok(),
            errors.is_empty(),
            "\n{}\nreader: {}\nschema: {:?}",
            text,
            reader.as_ref().err().map(|e| e.to_string()).unwrap_or_else(|| "accepts".into()),
            errors
        );
    }
}

/// The generator reaches both verdicts, so agreement is not agreement on everything accepted.
#[test]
fn the_generator_makes_profiles_both_accept_and_both_refuse() {
    let good = "version: 1\nname: agrees\nthroughput: {peak_per_sec: 1e9, message_bytes: 1}\nconsumers: {groups: 1}\ndelivery: {loss_ok: false, ordering: none}\nreplay: {needed: true}\nteam: {size: 1}\n";
    let bad = good.replace("1e9", "1.5e9");
    for (text, ok) in [(good.to_string(), true), (bad, false)] {
        let value: Value = serde_saphyr::from_str(&text).unwrap();
        assert_eq!(validator().is_valid(&value), ok, "{text}");
        assert_eq!(
            msgadvisor::profile::load(&text, "x.yaml").is_ok(),
            ok,
            "{text}"
        );
    }
}
