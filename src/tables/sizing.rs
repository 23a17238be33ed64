//! The `sizing:` data table (`rules/sizing.yaml`, and packs): structured sizing data the guidance
//! needs beyond scalar limits, read with every problem located.

use crate::diag::{InputError, Problem};
use crate::fields::{Origin, Reader};
use crate::yaml::Node;
use serde::Serialize;

/// Structured sizing data, each entry with its source. `Default` is empty: what a rule set whose
/// table did not read holds (its load fails).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Sizing {
    /// Highly divisible partition counts, ascending.
    pub partition_counts: Vec<u64>,
    pub partition_counts_source: String,
}

impl Sizing {
    /// Reads the `sizing:` tables in load order (built-in first); a later entry replaces an
    /// earlier one.
    pub fn read(tables: &[(Node, Origin)]) -> Result<Sizing, Vec<InputError>> {
        let mut counts: Option<(Vec<u64>, String)> = None;
        let mut errors = Vec::new();
        for (node, origin) in tables {
            let mut r = Reader::default();
            if let Some(mut m) = r.map(node, "sizing") {
                if let Some((n, path)) = r.field(&mut m, "kafka_partition_counts")
                    && let Some(c) = read_counts(&mut r, n, &path)
                {
                    counts = Some(c);
                }
                // Broker sizes were a second table beside `instances:`, and the guidance and
                // the cost picked different brokers from the two. One table now serves both.
                if let Some((n, path)) = r.field(&mut m, "msk_partitions_per_broker") {
                    r.problem(
                        &path,
                        n.loc,
                        "no longer read: MSK broker sizes come from `instances:` (use: msk-broker, partitions_per_broker, ingress_bytes_per_sec, price), the one table the guidance and the cost share; move your figures there",
                    );
                }
                r.finish(m);
            }
            if !r.problems.is_empty() {
                errors.push(InputError::sorted(&origin.file, r.problems));
            }
        }
        if errors.is_empty() && counts.is_none() {
            let missing = Problem::new(
                "sizing.kafka_partition_counts",
                Default::default(),
                "missing: the built-in rules must define it",
            );
            errors.push(InputError::one("rules/sizing.yaml", missing));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let (partition_counts, partition_counts_source) = counts.unwrap_or_default();
        Ok(Sizing {
            partition_counts,
            partition_counts_source,
        })
    }
}

fn source(r: &mut Reader, m: &mut crate::fields::Map, node: &Node, path: &str) -> Option<String> {
    match r.string(m, "source") {
        Some((s, _, _)) if !s.trim().is_empty() => Some(s),
        _ => {
            r.problem(
                &format!("{path}.source"),
                node.loc,
                "missing `source`: say where the figures come from",
            );
            None
        }
    }
}

fn read_counts(r: &mut Reader, node: &Node, path: &str) -> Option<(Vec<u64>, String)> {
    let before = r.problems.len();
    let mut m = r.map(node, path)?;
    let mut values = Vec::new();
    for (item, ipath) in r.list(&mut m, "values").unwrap_or_default() {
        match item.kind {
            crate::yaml::Kind::Int(i) if i >= 1 => values.push(i as u64),
            _ => r.problem(
                &ipath,
                item.loc,
                "expected a whole number of partitions, 1 or more",
            ),
        }
    }
    let src = source(r, &mut m, node, path);
    r.finish(m);
    if values.is_empty() && r.problems.len() == before {
        r.problem(
            &format!("{path}.values"),
            node.loc,
            "expected a non-empty list of partition counts, e.g. [6, 12, 24]",
        );
    }
    if values.windows(2).any(|w| w[0] >= w[1]) {
        r.problem(
            &format!("{path}.values"),
            node.loc,
            "partition counts must be in ascending order without repeats",
        );
    }
    (r.problems.len() == before).then(|| (values, src.unwrap_or_default()))
}

#[cfg(test)]
mod tests {
    use crate::engine::RuleSet;

    #[test]
    fn reads_the_builtin_table() {
        let s = RuleSet::builtin().unwrap().sizing;
        assert_eq!(&s.partition_counts[..4], &[6, 12, 24, 36]);
        assert!(s.partition_counts_source.contains("karafka.io"));
    }

    #[test]
    fn a_pack_replaces_an_entry_and_bad_data_is_located() {
        let dir = std::env::temp_dir().join(format!("msgadvisor-sizing-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("sizing.yaml"),
            "sizing:\n  kafka_partition_counts:\n    values: [4, 8, 16]\n    source: our benchmarks\n",
        )
        .unwrap();
        let s = RuleSet::load(std::slice::from_ref(&dir)).unwrap().sizing;
        assert_eq!(s.partition_counts, vec![4, 8, 16]);
        assert_eq!(s.partition_counts_source, "our benchmarks");

        std::fs::write(
            dir.join("sizing.yaml"),
            "sizing:\n  kafka_partition_counts:\n    values: [12, 6]\n    sourse: x\n",
        )
        .unwrap();
        // A bad table fails the whole load, like a bad rule (exit 2), with every problem located.
        let err = match RuleSet::load(std::slice::from_ref(&dir)) {
            Ok(_) => panic!("a malformed sizing table must not load"),
            Err(e) => e.to_string(),
        };
        assert!(
            err.contains("sizing.yaml:4:5: sizing.kafka_partition_counts.sourse: unknown key"),
            "{err}"
        );
        assert!(err.contains("ascending"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
