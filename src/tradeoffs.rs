//! Each system's own trade-offs, whatever the workload (`tradeoffs:` in `rules/tradeoffs.yaml`):
//! the good and the bad a decision record lists for every option beside the rule findings for
//! that option, each with the public document it comes from.

use crate::diag::InputError;
use crate::fields::Origin;
use crate::fields::Reader;
use crate::yaml::{Kind, Node};
use serde::Serialize;
use std::collections::BTreeMap;

/// One statement about a system.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Tradeoff {
    /// True for a strength, false for a weakness.
    pub good: bool,
    pub text: String,
    /// The public document it comes from.
    pub source: String,
}

/// The trade-offs of every system, by candidate id.
#[derive(Clone, Debug, Default)]
pub struct Tradeoffs {
    by_system: BTreeMap<String, Vec<Tradeoff>>,
}

impl Tradeoffs {
    /// Reads the `tradeoffs:` tables in load order: a later table's list for a system replaces
    /// the earlier one whole. A system that is not a candidate is an error (a misspelt id would
    /// otherwise be ignored).
    pub fn read(
        tables: &[(Node, Origin)],
        candidates: &[&str],
        errors: &mut Vec<InputError>,
    ) -> Tradeoffs {
        let mut by_system = BTreeMap::new();
        crate::fields::each_entry(
            tables,
            "tradeoffs",
            "candidate ids to lists of {good or bad, source}",
            errors,
            |r, _, key, value, path| {
                if !candidates.contains(&key.name.as_str()) {
                    let hint = crate::diag::suggest(&key.name, candidates.iter().copied(), "");
                    r.problem(
                        path,
                        key.loc,
                        format!("`{}` is not a candidate id{hint}", key.name),
                    );
                    return;
                }
                let Kind::Seq(items) = &value.kind else {
                    r.problem(
                        path,
                        value.loc,
                        "expected a list of {good: …, source: …} or {bad: …, source: …}",
                    );
                    return;
                };
                let list: Vec<Tradeoff> = items
                    .iter()
                    .enumerate()
                    .filter_map(|(i, item)| read_one(r, item, &format!("{path}[{i}]")))
                    .collect();
                by_system.insert(key.name.clone(), list);
            },
        );
        Tradeoffs { by_system }
    }

    /// The trade-offs of one system, strengths first, in the order written.
    pub fn of(&self, system: &str) -> Vec<&Tradeoff> {
        let all = self.by_system.get(system).map_or(&[][..], Vec::as_slice);
        all.iter()
            .filter(|t| t.good)
            .chain(all.iter().filter(|t| !t.good))
            .collect()
    }
}

fn read_one(r: &mut Reader, item: &Node, path: &str) -> Option<Tradeoff> {
    let mut m = r.map(item, path)?;
    let good = r.string(&mut m, "good");
    let bad = r.string(&mut m, "bad");
    let source = r.string(&mut m, "source");
    r.finish(m);
    let (good, text) = match (good, bad) {
        (Some((t, _, _)), None) => (true, t),
        (None, Some((t, _, _))) => (false, t),
        _ => {
            r.problem(
                path,
                item.loc,
                "give exactly one of `good` or `bad`: the statement about the system",
            );
            return None;
        }
    };
    match source {
        Some((s, _, _)) if !s.trim().is_empty() => Some(Tradeoff {
            good,
            text: text.trim().to_string(),
            source: s.trim().to_string(),
        }),
        _ => {
            r.problem(
                &format!("{path}.source"),
                item.loc,
                "missing `source`: name the public document the statement comes from",
            );
            None
        }
    }
}
