//! The price table (`prices:`) and the machine sizes priced from it (`instances:`), read from the
//! built-in `rules/cost/` files and then from each pack or price file, later files replacing
//! earlier entries by id. Every problem is reported with its file, path and line:column.

use crate::diag::{InputError, Problem, did_you_mean, suggest};
use crate::fields::{Map, Origin, Reader};
use crate::yaml::{Loc, Node};
use serde::Serialize;
use std::collections::BTreeMap;

/// How sure a figure is, as tagged in the reference (domain-facts.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Confidence {
    /// Read in a primary or vendor source.
    V,
    /// Secondary: a blog, an aggregator, a third-party repo quoting the vendor.
    S,
    /// Uncertain or conflicting: check before relying on it.
    U,
    /// Arithmetic or inference from cited facts.
    D,
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::V => "V",
            Confidence::S => "S",
            Confidence::U => "U",
            Confidence::D => "D",
        }
    }
}

/// One price: an amount per unit, where it comes from and when it was read.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Price {
    pub id: String,
    /// USD per `unit`; None for a quantity msgadvisor has no sourced price for.
    pub amount: Option<f64>,
    pub unit: String,
    pub source: String,
    /// `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `undated`; None only when `amount` is None.
    pub as_of: Option<String>,
    pub confidence: Option<Confidence>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The file and line it was read from.
    pub origin: String,
    /// Where its id was written, for messages.
    #[serde(skip)]
    pub(crate) at: (String, Loc),
}

/// What a machine size can be used for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Use {
    MskBroker,
    Vm,
    ElasticacheNode,
    AmazonMqBroker,
}

const USES: &[(&str, Use)] = &[
    ("msk-broker", Use::MskBroker),
    ("vm", Use::Vm),
    ("elasticache-node", Use::ElasticacheNode),
    ("amazon-mq-broker", Use::AmazonMqBroker),
];

/// A machine size and its capacity, priced by one of the prices.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Instance {
    pub name: String,
    #[serde(rename = "use")]
    pub use_: Use,
    pub price: String,
    pub partitions_per_broker: Option<f64>,
    pub ingress_bytes_per_sec: Option<f64>,
    /// Traffic out of one broker (to followers and consumers), comfortably.
    pub egress_bytes_per_sec: Option<f64>,
    /// Messages one RabbitMQ node writes to its quorum-queue replicas per second, comfortably:
    /// with small messages a node's CPU, not its network, is the limit.
    pub quorum_writes_per_sec: Option<f64>,
    /// Where the quorum-queue writes figure comes from (required with the figure).
    pub quorum_writes_source: Option<String>,
    pub memory_bytes: Option<f64>,
    /// The vendor calls this size fit for development, not production (a t-class node): it
    /// is never picked for a workload that cannot lose messages.
    pub development_only: bool,
    pub source: String,
    pub origin: String,
    #[serde(skip)]
    pub(crate) at: (String, Loc),
}

/// Reads every `prices:` table in load order; later entries replace earlier ones by id, keeping
/// the unit (a price file changes amounts, not what is counted).
pub(super) fn read_prices(
    tables: &[(Node, Origin)],
    errors: &mut Vec<InputError>,
) -> BTreeMap<String, Price> {
    let mut out: BTreeMap<String, Price> = BTreeMap::new();
    crate::fields::each_entry(
        tables,
        "prices",
        "price ids to {amount, unit, source, as_of, confidence}",
        errors,
        |r, origin, key, value, path| {
            if !crate::fields::is_kebab(&key.name) {
                r.problem(
                    path,
                    key.loc,
                    format!("`{}` must be kebab-case (a-z, 0-9, -)", key.name),
                );
                return;
            }
            let Some(price) = read_price(r, &key.name, key.loc, value, path, &origin.file) else {
                return;
            };
            if let Some(earlier) = out.get(&price.id)
                && earlier.unit != price.unit
            {
                let loc = r.loc(&format!("{path}.unit")).unwrap_or(key.loc);
                r.problem(
                    &format!("{path}.unit"),
                    loc,
                    format!(
                        "`{}` is counted in `{}` ({}); a price file changes amounts, not units",
                        price.id, earlier.unit, earlier.origin
                    ),
                );
                return;
            }
            out.insert(price.id.clone(), price);
        },
    );
    out
}

fn read_price(
    r: &mut Reader,
    id: &str,
    key_loc: Loc,
    node: &Node,
    path: &str,
    file: &str,
) -> Option<Price> {
    let before = r.problems.len();
    let mut m = r.map(node, path)?;
    let amount = r.number(&mut m, "amount");
    let unit = r.required_text(&mut m, "unit", node, "USD per GiB");
    let source = r.required_text(&mut m, "source", node, "\"our contract, 2026\"");
    let as_of = r.string(&mut m, "as_of");
    // The tags as `Confidence::as_str` writes them, so reading and writing cannot disagree.
    let tags =
        [Confidence::V, Confidence::S, Confidence::U, Confidence::D].map(|c| (c.as_str(), c));
    let confidence = r.choice(&mut m, "confidence", &tags);
    let note = r.string(&mut m, "note").map(|s| s.0);
    r.finish(m);
    if let Some(a) = amount {
        if a < 0.0 {
            let loc = r.loc(&format!("{path}.amount")).unwrap_or(key_loc);
            r.problem(
                &format!("{path}.amount"),
                loc,
                format!("{a} is out of range: a price must be >= 0"),
            );
        }
        if as_of.is_none() && !r.locs.contains_key(&format!("{path}.as_of")) {
            r.problem(
                &format!("{path}.as_of"),
                key_loc,
                "missing required key `as_of`: the date the price was read (YYYY-MM-DD, YYYY-MM, YYYY or `undated`)",
            );
        }
        if confidence.is_none() && !r.locs.contains_key(&format!("{path}.confidence")) {
            r.problem(
                &format!("{path}.confidence"),
                key_loc,
                "missing required key `confidence`: V (vendor source), S (secondary), U (uncertain) or D (derived)",
            );
        }
    }
    if let Some((text, loc, p)) = &as_of
        && !is_as_of(text)
    {
        r.problem(
            p,
            *loc,
            format!("`{text}` is not a date: write YYYY-MM-DD, YYYY-MM, YYYY or `undated`"),
        );
    }
    if r.problems.len() > before {
        return None;
    }
    Some(Price {
        id: id.to_string(),
        amount,
        unit: unit?,
        source: source?,
        as_of: as_of.map(|s| s.0),
        confidence,
        note,
        origin: format!("{file}:{}", key_loc.line),
        at: (file.to_string(), key_loc),
    })
}

/// `YYYY`, `YYYY-MM`, `YYYY-MM-DD` with a plausible month and day, or `undated`.
fn is_as_of(s: &str) -> bool {
    if s == "undated" {
        return true;
    }
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, len: usize, lo: u32, hi: u32| {
        p.len() == len
            && p.chars().all(|c| c.is_ascii_digit())
            && p.parse::<u32>().is_ok_and(|n| (lo..=hi).contains(&n))
    };
    match parts.as_slice() {
        [y] => num(y, 4, 1990, 2999),
        [y, m] => num(y, 4, 1990, 2999) && num(m, 2, 1, 12),
        [y, m, d] => num(y, 4, 1990, 2999) && num(m, 2, 1, 12) && num(d, 2, 1, 31),
        _ => false,
    }
}

/// Reads every `instances:` table in load order; later entries replace earlier ones by name.
pub(super) fn read_instances(
    tables: &[(Node, Origin)],
    errors: &mut Vec<InputError>,
) -> BTreeMap<String, Instance> {
    let mut out = BTreeMap::new();
    crate::fields::each_entry(
        tables,
        "instances",
        "machine sizes to {use, price, source, ...}",
        errors,
        |r, origin, key, value, path| {
            let before = r.problems.len();
            let Some(mut m) = r.map(value, path) else {
                return;
            };
            let use_ = r.choice(&mut m, "use", USES);
            let price = r.required_text(&mut m, "price", value, "ec2-m5-large-hour");
            let partitions = positive(r, &mut m, "partitions_per_broker");
            let ingress = positive(r, &mut m, "ingress_bytes_per_sec");
            let egress = positive(r, &mut m, "egress_bytes_per_sec");
            let quorum_writes = positive(r, &mut m, "quorum_writes_per_sec");
            let quorum_writes_source = if quorum_writes.is_some() {
                r.required_text(
                    &mut m,
                    "quorum_writes_source",
                    value,
                    "\"where the writes figure comes from\"",
                )
            } else {
                r.string(&mut m, "quorum_writes_source").map(|(s, _, _)| s)
            };
            let memory = positive(r, &mut m, "memory_bytes");
            let development_only = r.boolean(&mut m, "development_only").unwrap_or(false);
            let source =
                r.required_text(&mut m, "source", value, "\"where the figures come from\"");
            r.finish(m);
            if use_.is_none() && !r.locs.contains_key(&format!("{path}.use")) {
                let names: Vec<&str> = USES.iter().map(|u| u.0).collect();
                r.problem(
                    &format!("{path}.use"),
                    value.loc,
                    format!("missing required key `use`: one of {}", names.join(", ")),
                );
            }
            if r.problems.len() > before {
                return;
            }
            let (Some(use_), Some(price), Some(source)) = (use_, price, source) else {
                return;
            };
            out.insert(
                key.name.clone(),
                Instance {
                    name: key.name.clone(),
                    use_,
                    price,
                    partitions_per_broker: partitions,
                    ingress_bytes_per_sec: ingress,
                    egress_bytes_per_sec: egress,
                    quorum_writes_per_sec: quorum_writes,
                    quorum_writes_source,
                    memory_bytes: memory,
                    development_only,
                    source,
                    origin: format!("{}:{}", origin.file, key.loc.line),
                    at: (origin.file.clone(), key.loc),
                },
            );
        },
    );
    out
}

fn positive(r: &mut Reader, m: &mut Map, key: &'static str) -> Option<f64> {
    let v = r.number(m, key)?;
    let path = crate::fields::join(&m.path, key);
    r.check(Some(v), &path, v > 0.0, "must be > 0")
}

/// Checks that every instance names a known price, and that every price is used by an option or
/// an instance (a misspelt id in a price file would otherwise change nothing, silently).
pub(super) fn check_references(
    prices: &BTreeMap<String, Price>,
    instances: &BTreeMap<String, Instance>,
    used_by_options: &[&str],
    errors: &mut Vec<InputError>,
) {
    let ids: Vec<&str> = prices.keys().map(String::as_str).collect();
    for inst in instances.values() {
        if !prices.contains_key(&inst.price) {
            let hint = suggest(&inst.price, ids.iter().copied(), "");
            push_at(
                errors,
                &inst.at,
                format!("instances.{}.price", inst.name),
                format!("unknown price `{}`{hint}", inst.price),
            );
        }
    }
    let mut known: Vec<&str> = used_by_options.to_vec();
    known.extend(instances.values().map(|i| i.price.as_str()));
    for p in prices.values() {
        if !known.contains(&p.id.as_str()) {
            let hint = did_you_mean(&p.id, known.iter().copied())
                .map(|s| format!("did you mean `{s}`? "))
                .unwrap_or_default();
            push_at(
                errors,
                &p.at,
                format!("prices.{}", p.id),
                format!(
                    "no way of running a system uses price `{}`; {hint}(a new price is used by an `instances:` entry that names it)",
                    p.id
                ),
            );
        }
    }
}

/// Adds a problem at a file and position.
fn push_at(errors: &mut Vec<InputError>, at: &(String, Loc), path: String, message: String) {
    errors.push(InputError::one(&at.0, Problem::new(path, at.1, message)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn as_of_accepts_dates_and_undated_only() {
        for ok in ["2026-09-21", "2026-06", "2025", "undated"] {
            assert!(is_as_of(ok), "{ok}");
        }
        for bad in ["2026-13", "26-06", "June 2026", "2026-06-32", ""] {
            assert!(!is_as_of(bad), "{bad}");
        }
    }
}
