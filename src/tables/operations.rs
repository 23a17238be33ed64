//! The `operations:` table: engineer-hours a month to operate each way of running a system (by
//! the team's Kafka experience where it matters) and the cost of an engineer-hour, read in load
//! order with every problem located. The cost (`cost::people`) multiplies them out.

use crate::diag::{InputError, Problem, suggest};
use crate::fields::{Origin, Reader};
use crate::profile::Experience;
use crate::yaml::{Kind, Loc, Node};
use std::collections::BTreeMap;

/// Hours a month to operate one way of running a system.
#[derive(Clone, Debug, PartialEq)]
pub struct Hours {
    pub none: f64,
    pub some: f64,
    pub expert: f64,
    /// True when the hours differ by Kafka experience.
    pub by_experience: bool,
    /// The file and line they were read from.
    pub origin: String,
}

impl Hours {
    pub fn for_experience(&self, e: Experience) -> f64 {
        match e {
            Experience::None => self.none,
            Experience::Some => self.some,
            Experience::Expert => self.expert,
        }
    }
}

/// The `operations:` table after layering.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Operations {
    pub hourly_usd: f64,
    pub hourly_source: String,
    pub hours: BTreeMap<String, Hours>,
}

/// Reads every `operations:` table in load order: `hourly_usd` is replaced, `hours` merged by
/// option id. `options` are the option ids that exist; each must end up with hours.
pub(crate) fn read(
    tables: &[(Node, Origin)],
    options: &[&str],
    errors: &mut Vec<InputError>,
) -> Operations {
    let mut ops = Operations::default();
    let mut have_rate = false;
    for (node, origin) in tables {
        let mut r = Reader::default();
        let Some(mut m) = r.map(node, "operations") else {
            errors.push(InputError::sorted(&origin.file, r.problems));
            continue;
        };
        if let Some(mut rate) = r
            .section(&mut m, "hourly_usd")
            .filter(|s| !s.entries.is_empty())
        {
            let value = r.number(&mut rate, "value");
            let source = r.required_text(&mut rate, "source", node, "\"our finance team, 2026\"");
            r.finish(rate);
            let value = r.check(
                value,
                "operations.hourly_usd.value",
                value.is_some_and(|v| v >= 0.0),
                "must be >= 0",
            );
            if value.is_none() && !r.locs.contains_key("operations.hourly_usd.value") {
                let loc = r.loc("operations.hourly_usd").unwrap_or(node.loc);
                r.problem(
                    "operations.hourly_usd.value",
                    loc,
                    "missing required key `value`: USD per engineer-hour",
                );
            }
            if let (Some(v), Some(s)) = (value, source) {
                ops.hourly_usd = v;
                ops.hourly_source = s;
                have_rate = true;
            }
        }
        if let Some((hours, _)) = r.field(&mut m, "hours") {
            match hours.as_map() {
                Some(entries) => {
                    for (k, v) in entries {
                        let path = format!("operations.hours.{}", k.name);
                        if !options.contains(&k.name.as_str()) {
                            let known = format!("; known: {}", options.join(", "));
                            let hint = suggest(&k.name, options.iter().copied(), &known);
                            r.problem(
                                &path,
                                k.loc,
                                format!("unknown way of running a system `{}`{hint}", k.name),
                            );
                            continue;
                        }
                        let at = format!("{}:{}", origin.file, k.loc.line);
                        if let Some(h) = read_hours(&mut r, v, &path, at) {
                            ops.hours.insert(k.name.clone(), h);
                        }
                    }
                }
                None => r.problem(
                    "operations.hours",
                    hours.loc,
                    "expected a mapping of option ids to hours a month, e.g. `msk-provisioned: {none: 24, some: 16, expert: 10}`",
                ),
            }
        }
        r.finish(m);
        if !r.problems.is_empty() {
            errors.push(InputError::sorted(&origin.file, r.problems));
        }
    }
    // What no table gives is said only when every table read cleanly (a table with an error
    // may be the one that meant to give it), and all of it at once.
    if errors.is_empty() {
        let mut missing = Vec::new();
        if !have_rate {
            missing.push(Problem::new(
                "operations.hourly_usd",
                Loc::default(),
                "no `operations:` table gives `hourly_usd` (the cost of an engineer-hour)",
            ));
        }
        for o in options.iter().filter(|o| !ops.hours.contains_key(**o)) {
            missing.push(Problem::new(
                format!("operations.hours.{o}"),
                Loc::default(),
                format!("no `operations:` table gives hours for `{o}`"),
            ));
        }
        if !missing.is_empty() {
            let last = tables.last().map_or("rules/", |t| t.1.file.as_str());
            errors.push(InputError::sorted(last, missing));
        }
    }
    ops
}

fn read_hours(r: &mut Reader, v: &Node, path: &str, origin: String) -> Option<Hours> {
    let ok = |h: f64| h.is_finite() && h >= 0.0;
    match &v.kind {
        Kind::Int(_) | Kind::Float(_) => {
            let h = match v.kind {
                Kind::Int(i) => i as f64,
                Kind::Float(f) => f,
                _ => unreachable!(),
            };
            if !ok(h) {
                r.problem(path, v.loc, "hours must be a number >= 0");
                return None;
            }
            Some(Hours {
                none: h,
                some: h,
                expert: h,
                by_experience: false,
                origin,
            })
        }
        Kind::Map(_) => {
            let before = r.problems.len();
            let mut m = r.map(v, path)?;
            let mut get = |r: &mut Reader, key: &'static str| {
                let n = r.number(&mut m, key);
                if n.is_none() && !r.locs.contains_key(&format!("{path}.{key}")) {
                    r.problem(
                        &format!("{path}.{key}"),
                        v.loc,
                        format!("missing required key `{key}` (hours a month when kafka_experience is {key})"),
                    );
                }
                let p = format!("{path}.{key}");
                r.check(n, &p, n.is_some_and(ok), "hours must be >= 0")
            };
            let none = get(r, "none");
            let some = get(r, "some");
            let expert = get(r, "expert");
            r.finish(m);
            if r.problems.len() > before {
                return None;
            }
            Some(Hours {
                none: none?,
                some: some?,
                expert: expert?,
                by_experience: true,
                origin,
            })
        }
        other => {
            r.problem(
                path,
                v.loc,
                format!(
                    "expected hours a month (a number) or {{none, some, expert}}, found {}",
                    other.type_name()
                ),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_option_without_hours_is_named_at_once() {
        let table = crate::yaml::parse("operations:\n  hours:\n    amazon-mq: 6\n").unwrap();
        let Kind::Map(entries) = table.kind else {
            panic!("a mapping")
        };
        let origin = Origin {
            file: "pack/ops.yaml".into(),
            line: 1,
        };
        let mut errors = Vec::new();
        read(
            &[(entries[0].1.clone(), origin)],
            &["amazon-mq", "msk-express", "upstash-redis"],
            &mut errors,
        );
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].file, "pack/ops.yaml");
        let paths: Vec<&str> = errors[0].problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "operations.hourly_usd",
                "operations.hours.msk-express",
                "operations.hours.upstash-redis"
            ]
        );
    }
}
