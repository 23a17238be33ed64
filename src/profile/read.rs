//! Reading a profile from the located YAML tree: types, defaults, ranges and cross-field rules,
//! every problem collected with its path and line:column before anything fails.
//!
//! We read the tree by hand rather than through serde's derive because serde stops at the first
//! error; a user fixing a profile in CI wants all of them in one run.

use super::*;
use crate::diag::{InputError, Problem, Repeated, did_you_mean, suggest};
use crate::fields::{Map, Reader, Written, describe, fmt_num, join};
use crate::yaml::{Kind, Loc, Node};
use std::collections::BTreeMap;

/// Where each field of a loaded profile was written, by dotted path (`throughput.peak_per_sec`,
/// `waivers[0].rule`). Fields left at their default have no entry.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Locations(BTreeMap<String, Written>);

impl Locations {
    /// The position of `path`, or of its nearest written parent, or 1:1.
    pub fn of(&self, path: &str) -> Loc {
        let mut p = path;
        loop {
            if let Some(w) = self.0.get(p) {
                return w.value;
            }
            match p.rfind(['.', '[']) {
                Some(i) => p = &p[..i],
                None => return Loc { line: 1, col: 1 },
            }
        }
    }

    /// The position of the key itself (`decision:`) rather than its value.
    pub fn key_of(&self, path: &str) -> Option<Loc> {
        self.0.get(path).map(|w| w.key)
    }
}

/// Loads a profile from YAML text. `file` names the input in messages.
pub fn load(text: &str, file: &str) -> Result<(Profile, Locations, Vec<Problem>), InputError> {
    load_with(text, file, None)
}

/// [`load`], checking the decision and the waived rules against the rule set's names too.
pub fn load_with(
    text: &str,
    file: &str,
    known: Option<&Known>,
) -> Result<(Profile, Locations, Vec<Problem>), InputError> {
    if text.trim().is_empty() {
        let p = Problem::new(
            "",
            Loc { line: 1, col: 1 },
            "the profile is empty; it needs at least `version: 1`, `name:` and `throughput: {peak_per_sec: …}`",
        );
        return Err(InputError::one(file, p));
    }
    let root = InputError::parse_yaml(text, file)?;
    load_node_with(&root, file, known)
}

/// Loads a profile from an already parsed tree (rule examples and `--set` merge trees first).
/// Returns the profile, where its fields were written, and warnings that don't stop the run.
pub fn load_node(
    root: &Node,
    file: &str,
) -> Result<(Profile, Locations, Vec<Problem>), InputError> {
    load_node_with(root, file, None)
}

/// [`load_node`], checking the decision and the waived rules against the rule set's names too.
pub fn load_node_with(
    root: &Node,
    file: &str,
    known: Option<&Known>,
) -> Result<(Profile, Locations, Vec<Problem>), InputError> {
    let mut r = Reader::default();
    let profile = r.profile(root, known);
    if !r.problems.is_empty() {
        return Err(InputError::sorted(file, r.problems));
    }
    match profile {
        Some(profile) => Ok((profile, Locations(r.locs), r.warnings)),
        // Every path that leaves a field unset reports a problem; should one ever be missed,
        // say so rather than panic.
        None => Err(InputError::one(
            file,
            Problem::new(
                "",
                root.loc,
                "the profile is incomplete (a required field has no value)",
            ),
        )),
    }
}

impl Reader {
    /// A number field counted in `unit` (one `ask` reads: `bytes`, `messages/s`, `ms`, …),
    /// whole when `whole`. A string written with a unit (`2KB`, `3000/min`) is still an error,
    /// as YAML reads it as a string, but the error names the number to write instead.
    fn quantity(&mut self, m: &mut Map, key: &'static str, unit: &str, whole: bool) -> Option<f64> {
        let written = m.entries.iter().find(|(k, _)| k.name == key);
        let Some((text, loc)) = written.and_then(|(_, v)| Some((v.as_str()?, v.loc))) else {
            return if whole {
                self.integer(m, key).map(|n| n as f64)
            } else {
                self.number(m, key)
            };
        };
        let (_, path) = self.field(m, key)?;
        let what = if whole { "a whole number" } else { "a number" };
        let mut message = format!(
            "expected {what} of {unit}, found {}",
            describe(&Kind::Str(text.to_string()))
        );
        if let Ok((n, note)) = crate::quantity::parse(text, unit, whole) {
            message.push_str(&format!("; write `{}`", fmt_num(n)));
            if let Some(note) = note {
                message.push_str(&format!(" ({} = {note})", text.trim()));
            }
            // `KB` is 1,000 bytes here as in `ask`; whoever wrote it may have meant 1,024.
            let t = text.trim();
            let suffix = t
                .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.')
                .trim();
            if unit == "bytes" && ["kb", "mb", "gb"].contains(&suffix.to_lowercase().as_str()) {
                let number = t[..t.len() - suffix.len()].trim();
                let binary = format!("{number} {}iB", suffix[..1].to_uppercase());
                if let Ok((b, _)) = crate::quantity::parse(&binary, unit, whole) {
                    message.push_str(&format!(", or `{}` for {binary}", fmt_num(b)));
                }
            }
        }
        self.problem(&path, loc, message);
        None
    }

    /// `value` if it is within `r`, else a problem worded as every range problem of the profile
    /// is: "V is out of range: must be a number from LO to HI" and `after` (a unit, a gloss).
    fn in_range(
        &mut self,
        value: Option<f64>,
        path: &str,
        r: (f64, f64),
        after: &str,
    ) -> Option<f64> {
        self.range_check(value, path, r, "a number", after)
    }

    /// [`Reader::in_range`] for a whole-number field ("must be a whole number from …").
    fn whole_in_range(
        &mut self,
        value: Option<f64>,
        path: &str,
        r: (impl Into<u64>, impl Into<u64>),
        after: &str,
    ) -> Option<f64> {
        let r = (r.0.into() as f64, r.1.into() as f64);
        self.range_check(value, path, r, "a whole number", after)
    }

    fn range_check(
        &mut self,
        value: Option<f64>,
        path: &str,
        r: (f64, f64),
        what: &str,
        after: &str,
    ) -> Option<f64> {
        // Worded only when it is said: a profile has a dozen ranged fields, and `check` reads
        // thousands of profiles.
        if value.is_none_or(|v| (r.0..=r.1).contains(&v)) {
            return value;
        }
        let requirement = format!(
            "must be {what} from {} to {}{after}",
            fmt_num(r.0),
            fmt_num(r.1)
        );
        self.check(value, path, false, &requirement)
    }

    fn profile(&mut self, root: &Node, known: Option<&Known>) -> Option<Profile> {
        let Kind::Map(_) = root.kind else {
            self.problem(
                "",
                root.loc,
                format!(
                    "expected a profile (a mapping with version, name and throughput), found {}",
                    describe(&root.kind)
                ),
            );
            return None;
        };
        let mut m = self.map(root, "")?;

        let version = self.integer(&mut m, "version");
        match version {
            None => self.required("version", root.loc, "write `version: 1`"),
            Some(v) if v != SUPPORTED_VERSION as i64 => {
                let loc = self.loc("version").unwrap_or_default();
                self.problem(
                    "version",
                    loc,
                    format!(
                        "unsupported version {v}; this msgadvisor reads version {SUPPORTED_VERSION}"
                    ),
                )
            }
            _ => {}
        }

        let name = self.string(&mut m, "name");
        match &name {
            None => self.required(
                "name",
                root.loc,
                "name the service or stream, e.g. `name: order-events`",
            ),
            Some((n, loc, path)) if n.trim().is_empty() || n.chars().count() > 100 => {
                self.problem(path, *loc, "must be 1 to 100 characters")
            }
            _ => {}
        }
        let description = self.string(&mut m, "description").map(|s| s.0);

        let throughput = self.throughput(&mut m, root.loc);
        let consumers = self.consumers(&mut m);
        let delivery = self.delivery(&mut m);
        let replay = self.replay(&mut m);
        let jobs = self.jobs(&mut m);
        let source = self.source(&mut m);
        let team = self.team(&mut m);
        let platform = self.platform(&mut m);
        let budget = self.budget(&mut m);
        let events = self.events(&mut m);
        let decision = self.string(&mut m, "decision");
        if let (Some(known), Some((d, loc, path))) = (known, &decision)
            && !known.candidates.contains(&d.as_str())
        {
            let hint = suggest(d, known.candidates.iter().copied(), "");
            let message = format!(
                "`{d}` is not a candidate; expected one of: {}{hint}",
                known.candidates.join(", ")
            );
            self.problem(path, *loc, message);
        }
        let decision = decision.map(|s| s.0);
        let waivers = self.waivers(&mut m, known);
        self.finish(m);

        Some(Profile {
            version: version? as u32,
            name: name?.0,
            description,
            throughput: throughput?,
            consumers: consumers?,
            delivery: delivery?,
            replay: replay?,
            jobs: jobs?,
            source: source?,
            team: team?,
            platform: platform?,
            budget: budget?,
            events: events?,
            decision,
            waivers: waivers?,
        })
    }

    fn throughput(&mut self, m: &mut Map, root: Loc) -> Option<Throughput> {
        let mut t = self.section(m, "throughput")?;
        let peak = self.quantity(&mut t, "peak_per_sec", "messages/s", false);
        if peak.is_none() {
            // Where `throughput` is when the file has one, else at the top of the file.
            let loc = self.loc("throughput").unwrap_or(root);
            self.required(
                "throughput.peak_per_sec",
                loc,
                "messages per second at the busiest minute, e.g. `peak_per_sec: 400`",
            );
        }
        let peak = self.in_range(
            peak,
            "throughput.peak_per_sec",
            range::PEAK_PER_SEC,
            " messages/s (one message in 11.6 days to a billion a second)",
        );
        let avg = self.quantity(&mut t, "avg_per_sec", "messages/s", false);
        let avg = self.in_range(
            avg,
            "throughput.avg_per_sec",
            range::AVG_PER_SEC,
            " messages/s",
        );
        if let (Some(a), Some(p)) = (avg, peak)
            && a > p
        {
            let loc = self.loc("throughput.avg_per_sec").unwrap_or_default();
            self.problem(
                "throughput.avg_per_sec",
                loc,
                format!(
                    "{} is above peak_per_sec ({}); the average cannot exceed the peak",
                    fmt_num(a),
                    fmt_num(p)
                ),
            );
        }
        let bytes = self.quantity(&mut t, "message_bytes", "bytes", true);
        let bytes = self
            .whole_in_range(
                bytes,
                "throughput.message_bytes",
                range::MESSAGE_BYTES,
                " bytes (100 MiB)",
            )
            .map(|b| b as u64);
        let growth = self.number(&mut t, "growth_factor");
        let growth = self.in_range(
            growth,
            "throughput.growth_factor",
            range::GROWTH_FACTOR,
            " (1 = no growth)",
        );
        let bad = self
            .problems
            .iter()
            .any(|p| p.path.starts_with("throughput"));
        self.finish(t);
        if bad {
            return None;
        }
        Some(Throughput {
            peak_per_sec: peak?,
            avg_per_sec: avg,
            message_bytes: bytes.unwrap_or_else(default_message_bytes),
            growth_factor: growth.unwrap_or_else(default_growth),
        })
    }

    fn consumers(&mut self, m: &mut Map) -> Option<Consumers> {
        let mut c = self.section(m, "consumers")?;
        let before = self.problems.len();
        let groups = self.integer(&mut c, "groups").map(|g| g as f64);
        let groups = self.whole_in_range(groups, "consumers.groups", range::GROUPS, "");
        let ms = self.quantity(&mut c, "processing_ms", "ms", false);
        let ms = self.in_range(
            ms,
            "consumers.processing_ms",
            range::PROCESSING_MS,
            " ms (one day)",
        );
        let stall = self.number(&mut c, "max_stall_minutes");
        let stall = self.in_range(
            stall,
            "consumers.max_stall_minutes",
            range::MAX_STALL_MINUTES,
            " minutes (30 days)",
        );
        self.finish(c);
        (self.problems.len() == before).then(|| Consumers {
            groups: groups.map_or_else(one, |g| g as u32),
            processing_ms: ms.unwrap_or_else(default_processing_ms),
            max_stall_minutes: stall,
        })
    }

    fn delivery(&mut self, m: &mut Map) -> Option<Delivery> {
        let mut d = self.section(m, "delivery")?;
        let before = self.problems.len();
        let loss_ok = self.boolean(&mut d, "loss_ok").unwrap_or(false);
        let ordering = self
            .choice(&mut d, "ordering", Ordering::ALL)
            .unwrap_or_default();
        let lat = self.quantity(&mut d, "max_latency_ms", "ms", false);
        let lat = self.in_range(
            lat,
            "delivery.max_latency_ms",
            range::MAX_LATENCY_MS,
            " ms (one microsecond to one week)",
        );
        self.finish(d);
        (self.problems.len() == before).then_some(Delivery {
            loss_ok,
            ordering,
            max_latency_ms: lat,
        })
    }

    fn replay(&mut self, m: &mut Map) -> Option<Replay> {
        let mut r = self.section(m, "replay")?;
        let before = self.problems.len();
        let needed = self.boolean(&mut r, "needed").unwrap_or(false);
        let days = self.quantity(&mut r, "retention_days", "days", false);
        let days = self.in_range(
            days,
            "replay.retention_days",
            range::RETENTION_DAYS,
            " days (86.4 seconds to 100 years)",
        );
        self.finish(r);
        (self.problems.len() == before).then_some(Replay {
            needed,
            retention_days: days.unwrap_or_else(default_retention_days),
        })
    }

    fn jobs(&mut self, m: &mut Map) -> Option<Jobs> {
        let mut j = self.section(m, "jobs")?;
        let before = self.problems.len();
        let jobs = Jobs {
            retries: self.boolean(&mut j, "retries").unwrap_or(false),
            delays: self.boolean(&mut j, "delays").unwrap_or(false),
            priorities: self.boolean(&mut j, "priorities").unwrap_or(false),
            rate_limit: self.boolean(&mut j, "rate_limit").unwrap_or(false),
            scheduled: self.boolean(&mut j, "scheduled").unwrap_or(false),
        };
        self.finish(j);
        (self.problems.len() == before).then_some(jobs)
    }

    fn source(&mut self, m: &mut Map) -> Option<Source> {
        let mut s = self.section(m, "source")?;
        let before = self.problems.len();
        let db_transaction = self.boolean(&mut s, "db_transaction").unwrap_or(false);
        let database = self.choice(&mut s, "database", Database::ALL);
        self.finish(s);
        (self.problems.len() == before).then_some(Source {
            db_transaction,
            database,
        })
    }

    fn team(&mut self, m: &mut Map) -> Option<Team> {
        let mut t = self.section(m, "team")?;
        let before = self.problems.len();
        let size = self.integer(&mut t, "size").map(|s| s as f64);
        let size = self.whole_in_range(size, "team.size", range::TEAM_SIZE, " people");
        let kafka_experience = self
            .choice(&mut t, "kafka_experience", Experience::ALL)
            .unwrap_or_default();
        let managed_only = self.boolean(&mut t, "managed_only").unwrap_or(false);
        let rate = self.quantity(&mut t, "hourly_usd", "USD/hour", false);
        let rate = self.in_range(rate, "team.hourly_usd", range::HOURLY_USD, " USD/hour");
        self.finish(t);
        (self.problems.len() == before).then(|| Team {
            size: size.map_or_else(default_team_size, |s| s as u32),
            kafka_experience,
            managed_only,
            hourly_usd: rate,
        })
    }

    fn platform(&mut self, m: &mut Map) -> Option<Platform> {
        let mut p = self.section(m, "platform")?;
        let before = self.problems.len();
        let cloud = self.choice(&mut p, "cloud", Cloud::ALL).unwrap_or_default();
        let languages = self.names(&mut p, "languages", KNOWN_LANGUAGES, "runtime");
        let existing = self.names(&mut p, "existing", KNOWN_SYSTEMS, "system");
        self.finish(p);
        (self.problems.len() == before).then_some(Platform {
            cloud,
            languages,
            existing,
        })
    }

    /// A list of lowercase names; unknown ones are kept, with a warning and a suggestion. Each
    /// kind of problem is said once for the list, however many entries have it.
    fn names(&mut self, m: &mut Map, key: &'static str, known: &[&str], what: &str) -> Vec<String> {
        let field = join(&m.path, key);
        let mut out: Vec<String> = Vec::new();
        let (mut unwritable, mut unknown) = (Repeated::new(&field), Repeated::new(&field));
        // Repeats are dropped in first-seen order; a set keeps that linear for long lists.
        let mut seen = std::collections::HashSet::new();
        for (name, loc, path) in self.string_list(m, key) {
            if name.is_empty() || name != name.to_lowercase() || name.contains(char::is_whitespace)
            {
                let fix = || name.trim().to_lowercase().replace(' ', "-");
                unwritable.add(
                    &path,
                    loc,
                    || {
                        format!(
                            "`{name}` must be a lowercase name without spaces, e.g. `{}`",
                            fix()
                        )
                    },
                    || format!("`{name}` (e.g. `{}`)", fix()),
                );
                continue;
            }
            // A repeat is dropped, and said nothing about: its first entry was.
            if seen.contains(&name) {
                continue;
            }
            if !known.contains(&name.as_str()) {
                let close = || did_you_mean(&name, known.iter().copied());
                unknown.add(
                    &path,
                    loc,
                    || {
                        let hint = suggest(&name, known.iter().copied(), "");
                        format!(
                            "`{name}` is not a {what} the rules know; no rule will match it{hint}"
                        )
                    },
                    || match close() {
                        Some(s) => format!("`{name}` (did you mean `{s}`?)"),
                        None => format!("`{name}`"),
                    },
                );
            }
            seen.insert(name.clone());
            out.push(name);
        }
        self.problems.extend(
            unwritable
                .finish(|n| format!("{n} entries must each be a lowercase name without spaces")),
        );
        self.warnings.extend(unknown.finish(|n| {
            format!("{n} names are not {what}s the rules know; no rule will match them")
        }));
        out
    }

    fn budget(&mut self, m: &mut Map) -> Option<Budget> {
        let mut b = self.section(m, "budget")?;
        let before = self.problems.len();
        let usd = self.quantity(&mut b, "monthly_usd", "USD/month", false);
        let usd = self.in_range(usd, "budget.monthly_usd", range::MONTHLY_USD, " USD/month");
        self.finish(b);
        (self.problems.len() == before).then_some(Budget { monthly_usd: usd })
    }

    fn events(&mut self, m: &mut Map) -> Option<Vec<Event>> {
        let before = self.problems.len();
        let mut out = Vec::new();
        for (node, path) in self.list(m, "events")? {
            let Some(mut e) = self.map(node, &path) else {
                continue;
            };
            let domain = self.required_text(&mut e, "domain", node, "order");
            let action = self.required_text(&mut e, "action", node, "placed");
            let key = self.string(&mut e, "key").map(|s| s.0);
            self.finish(e);
            if let (Some(domain), Some(action)) = (domain, action) {
                out.push(Event {
                    domain,
                    action,
                    key,
                });
            }
        }
        (self.problems.len() == before).then_some(out)
    }

    fn waivers(&mut self, m: &mut Map, known: Option<&Known>) -> Option<Vec<Waiver>> {
        let before = self.problems.len();
        let mut out = Vec::new();
        for (node, path) in self.list(m, "waivers")? {
            let Some(mut w) = self.map(node, &path) else {
                continue;
            };
            let rule = self.required_text(&mut w, "rule", node, "low-traffic-kafka");
            if let (Some(known), Some(rule)) = (known, &rule)
                && !known.rules.contains(&rule.as_str())
                && !known.disabled.contains(&rule.as_str())
            {
                let hint = suggest(
                    rule,
                    known.rules.iter().copied(),
                    "; `msgadvisor rules list` shows them",
                );
                let rpath = format!("{path}.rule");
                let loc = self.loc(&rpath).unwrap_or(node.loc);
                self.problem(&rpath, loc, format!("`{rule}` is not a rule id{hint}"));
            }
            let reason = self.required_text(
                &mut w,
                "reason",
                node,
                "\"Kafka is already run by the platform team\"",
            );
            let expires = self.string(&mut w, "expires");
            if let Some((date, loc, epath)) = &expires
                && crate::date::Date::parse(date).is_none()
            {
                let message = format!("`{date}` is not a date; write YYYY-MM-DD, e.g. 2027-06-30");
                self.problem(epath, *loc, message);
            }
            self.finish(w);
            if let (Some(rule), Some(reason)) = (rule, reason) {
                out.push(Waiver {
                    rule,
                    reason,
                    expires: expires.map(|e| e.0),
                });
            }
        }
        (self.problems.len() == before).then_some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        match load(text, "p.yaml") {
            Ok(_) => Vec::new(),
            Err(e) => e.to_string().lines().map(String::from).collect(),
        }
    }

    #[test]
    fn minimal_profile_gets_spec_defaults() {
        let (p, _, w) = load("version: 1\nname: x\nthroughput: {peak_per_sec: 40}\n", "p").unwrap();
        assert!(w.is_empty());
        assert_eq!(p.throughput.avg(), 40.0);
        assert_eq!(p.throughput.message_bytes, 1024);
        assert_eq!(p.throughput.growth_factor, 2.0);
        assert_eq!(
            p.consumers,
            Consumers {
                groups: 1,
                processing_ms: 10.0,
                max_stall_minutes: None,
            }
        );
        assert_eq!(p.replay.retention_days, 7.0);
        assert_eq!(p.team.size, 5);
        assert_eq!(p.platform.cloud, Cloud::Other);
    }

    #[test]
    fn reports_every_problem_at_once_with_positions() {
        let text = "version: 1\nname: x\nthroughput:\n  peak_per_sec: 10\n  avg_per_sec: 20\nconsumers:\n  groups: 0\ndelivery:\n  ordering: sorted\n";
        let got = problems(text);
        assert_eq!(got.len(), 3, "{got:#?}");
        assert!(
            got[0].starts_with("p.yaml:5:16: throughput.avg_per_sec: 20 is above peak_per_sec"),
            "{got:#?}"
        );
        assert!(
            got[1].starts_with("p.yaml:7:11: consumers.groups: 0 is out of range"),
            "{got:#?}"
        );
        assert!(
            got[2].contains("delivery.ordering: `sorted` is not one of: none, per-key, global"),
            "{got:#?}"
        );
    }

    #[test]
    fn unknown_keys_suggest_the_right_one() {
        let got =
            problems("version: 1\nname: x\nthroughput:\n  peak_per_sec: 10\n  mesage_bytes: 5\n");
        assert_eq!(
            got,
            vec![
                "p.yaml:5:3: throughput.mesage_bytes: unknown key `mesage_bytes`; did you mean `message_bytes`?"
            ]
        );
    }

    #[test]
    fn yes_is_not_a_boolean() {
        let got = problems(
            "version: 1\nname: x\nthroughput: {peak_per_sec: 10}\ndelivery: {loss_ok: yes}\n",
        );
        assert_eq!(got.len(), 1);
        assert!(
            got[0].contains("expected true or false, found the string `yes` (YAML 1.2"),
            "{got:?}"
        );
    }

    /// Found by fuzzing: `name:` with nothing after it is YAML null, which read as "absent but
    /// present", and the loader panicked.
    #[test]
    fn required_keys_written_without_a_value_are_problems_not_panics() {
        let got = problems(
            "version:\nname:\nthroughput:\n  peak_per_sec:\nwaivers:\n  - rule:\n    reason: r\n",
        );
        assert_eq!(
            got,
            vec![
                "p.yaml:1:8: version: `version` has no value; write `version: 1`",
                "p.yaml:2:5: name: `name` has no value; name the service or stream, e.g. `name: order-events`",
                "p.yaml:4:15: throughput.peak_per_sec: `peak_per_sec` has no value; messages per second at the busiest minute, e.g. `peak_per_sec: 400`",
                "p.yaml:6:9: waivers[0].rule: `rule` has no value; e.g. `rule: low-traffic-kafka`",
            ],
            "{got:#?}"
        );
    }

    #[test]
    fn missing_required_keys_are_named() {
        let got = problems("name: x\n");
        assert!(
            got.iter()
                .any(|l| l.contains("missing required key `version`")),
            "{got:?}"
        );
        assert!(
            got.iter()
                .any(|l| l.contains("missing required key `peak_per_sec`")),
            "{got:?}"
        );
    }

    #[test]
    fn unsupported_version_names_the_supported_one() {
        let got = problems("version: 2\nname: x\nthroughput: {peak_per_sec: 1}\n");
        assert_eq!(
            got,
            vec!["p.yaml:1:10: version: unsupported version 2; this msgadvisor reads version 1"]
        );
    }

    #[test]
    fn unknown_language_is_a_warning_not_an_error() {
        let (p, _, w) = load("version: 1\nname: x\nthroughput: {peak_per_sec: 1}\nplatform: {languages: [golang, zig]}\n", "p").unwrap();
        assert_eq!(p.platform.languages, vec!["golang", "zig"]);
        // One warning for the list, naming both.
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].path, "platform.languages");
        assert!(
            w[0].message
                .contains("`golang` (did you mean `go`?) and `zig`"),
            "{w:?}"
        );
    }

    #[test]
    fn waiver_dates_are_checked() {
        let got = problems(
            "version: 1\nname: x\nthroughput: {peak_per_sec: 1}\nwaivers:\n  - rule: r\n    reason: because\n    expires: 2027-02-30\n",
        );
        assert_eq!(got.len(), 1);
        assert!(
            got[0].contains("waivers[0].expires: `2027-02-30` is not a date"),
            "{got:?}"
        );
    }

    #[test]
    fn non_finite_numbers_are_rejected() {
        let got = problems("version: 1\nname: x\nthroughput: {peak_per_sec: .inf}\n");
        assert!(got[0].contains("expected a finite number"), "{got:?}");
    }

    #[test]
    fn locations_point_at_keys_and_values() {
        let (_, locs, _) = load(
            "version: 1\nname: x\nthroughput: {peak_per_sec: 1}\ndecision: kafka\n",
            "p",
        )
        .unwrap();
        assert_eq!(locs.key_of("decision"), Some(Loc { line: 4, col: 1 }));
        assert_eq!(locs.of("throughput.peak_per_sec").line, 3);
        assert_eq!(locs.of("team.size").line, 1);
    }
}
