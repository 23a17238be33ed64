//! Reading typed values out of the located YAML tree while collecting every problem: wrong
//! types, unknown keys (with a did-you-mean), out-of-range values, each with path and position.
//!
//! Profiles, rules and packs are read through this rather than serde's derive because serde
//! stops at the first error; a user fixing a file in CI wants all of them in one run.

use crate::diag::{Problem, Repeated, suggest};
use crate::yaml::{Key, Kind, Loc, Node};
use std::collections::BTreeMap;

#[derive(Default)]
pub(crate) struct Reader {
    pub problems: Vec<Problem>,
    pub warnings: Vec<Problem>,
    /// Where each field read was written, by path: its value and its key (`name:`).
    pub locs: BTreeMap<String, Written>,
}

/// Where a field was written: its value, and its key.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Written {
    pub value: Loc,
    pub key: Loc,
}

impl Reader {
    /// Where the value at `path` was written, when a field read it.
    pub(crate) fn loc(&self, path: &str) -> Option<Loc> {
        self.locs.get(path).map(|w| w.value)
    }
}

/// A mapping being read: remembers which keys were asked for, so that the rest can be reported
/// as unknown, with a suggestion from the known ones.
pub(crate) struct Map<'a> {
    pub path: String,
    pub entries: &'a [(Key, Node)],
    pub known: Vec<&'static str>,
}

/// An id as rules and tables spell them: kebab-case (a-z, 0-9, `-` inside).
pub(crate) fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

pub(crate) fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

impl Reader {
    /// Reports a required field that gave no value: missing, or written with nothing after the
    /// colon (YAML null). Does nothing when a problem at `path` was already reported (a wrong
    /// type, say). `hint` says what to write.
    pub(crate) fn required(&mut self, path: &str, parent: Loc, hint: &str) {
        if self.problems.iter().any(|p| p.path == path) {
            return;
        }
        let key = path.rsplit(['.', ']']).next().unwrap_or(path);
        match self.loc(path) {
            Some(loc) => self.problem(path, loc, format!("`{key}` has no value; {hint}")),
            None => self.problem(
                path,
                parent,
                format!("missing required key `{key}`; {hint}"),
            ),
        }
    }

    pub(crate) fn problem(&mut self, path: &str, loc: Loc, message: impl Into<String>) {
        self.problems.push(Problem::new(path, loc, message));
    }

    pub(crate) fn map<'a>(&mut self, node: &'a Node, path: &str) -> Option<Map<'a>> {
        let entries = match &node.kind {
            Kind::Map(entries) => entries,
            // A section written with nothing after its colon reads as empty.
            Kind::Null if !path.is_empty() => &[][..],
            other => {
                let found = other.type_name();
                let message = format!("expected a mapping of keys to values, found {found}");
                self.problem(path, node.loc, message);
                return None;
            }
        };
        Some(Map {
            path: path.to_string(),
            entries,
            known: Vec::new(),
        })
    }

    /// The value under `key`, recording its location; None when absent or null.
    pub(crate) fn field<'a>(
        &mut self,
        m: &mut Map<'a>,
        key: &'static str,
    ) -> Option<(&'a Node, String)> {
        m.known.push(key);
        let (k, v) = m.entries.iter().find(|(k, _)| k.name == key)?;
        let path = join(&m.path, key);
        let written = Written {
            value: v.loc,
            key: k.loc,
        };
        self.locs.insert(path.clone(), written);
        if v.kind == Kind::Null {
            return None;
        }
        Some((v, path))
    }

    /// Reports keys that no field asked for.
    pub(crate) fn finish(&mut self, m: Map) {
        for (k, _) in m.entries {
            if !m.known.contains(&k.name.as_str()) {
                let expected = format!("; expected one of: {}", m.known.join(", "));
                let hint = suggest(&k.name, m.known.iter().copied(), &expected);
                let path = join(&m.path, &k.name);
                self.problem(&path, k.loc, format!("unknown key `{}`{hint}", k.name));
            }
        }
    }

    pub(crate) fn number(&mut self, m: &mut Map, key: &'static str) -> Option<f64> {
        let (v, path) = self.field(m, key)?;
        let n = match v.kind {
            Kind::Int(i) => i as f64,
            Kind::Float(f) => f,
            ref other => {
                self.problem(
                    &path,
                    v.loc,
                    format!("expected a number, found {}", describe(other)),
                );
                return None;
            }
        };
        if !n.is_finite() {
            self.problem(
                &path,
                v.loc,
                "expected a finite number, found infinity or NaN",
            );
            return None;
        }
        Some(n)
    }

    pub(crate) fn integer(&mut self, m: &mut Map, key: &'static str) -> Option<i64> {
        let (v, path) = self.field(m, key)?;
        match v.kind {
            Kind::Int(i) => Some(i),
            Kind::Float(f) if f.is_finite() && f.fract() == 0.0 && f.abs() < 9e15 => Some(f as i64),
            ref other => {
                self.problem(
                    &path,
                    v.loc,
                    format!("expected a whole number, found {}", describe(other)),
                );
                None
            }
        }
    }

    pub(crate) fn boolean(&mut self, m: &mut Map, key: &'static str) -> Option<bool> {
        let (v, path) = self.field(m, key)?;
        match v.kind {
            Kind::Bool(b) => Some(b),
            ref other => {
                let hint = match other {
                    Kind::Str(s)
                        if ["yes", "no", "on", "off", "y", "n"]
                            .contains(&s.to_lowercase().as_str()) =>
                    {
                        " (YAML 1.2 reads yes/no/on/off as strings; write true or false)"
                    }
                    _ => "",
                };
                self.problem(
                    &path,
                    v.loc,
                    format!("expected true or false, found {}{hint}", describe(other)),
                );
                None
            }
        }
    }

    pub(crate) fn string(
        &mut self,
        m: &mut Map,
        key: &'static str,
    ) -> Option<(String, Loc, String)> {
        let (v, path) = self.field(m, key)?;
        match &v.kind {
            Kind::Str(s) => Some((s.clone(), v.loc, path)),
            // Unquoted dates and numbers are fine where a string is meant (`expires: 2027-06-30`).
            Kind::Int(i) => Some((i.to_string(), v.loc, path)),
            Kind::Float(f) => Some((f.to_string(), v.loc, path)),
            other => {
                self.problem(
                    &path,
                    v.loc,
                    format!("expected a string, found {}", describe(other)),
                );
                None
            }
        }
    }

    pub(crate) fn choice<T: Copy>(
        &mut self,
        m: &mut Map,
        key: &'static str,
        options: &[(&'static str, T)],
    ) -> Option<T> {
        let (s, loc, path) = self.string(m, key)?;
        if let Some((_, t)) = options.iter().find(|(name, _)| *name == s) {
            return Some(*t);
        }
        let names: Vec<&str> = options.iter().map(|(n, _)| *n).collect();
        let hint = suggest(&s, names.iter().copied(), "");
        self.problem(
            &path,
            loc,
            format!("`{s}` is not one of: {}{hint}", names.join(", ")),
        );
        None
    }

    pub(crate) fn string_list(
        &mut self,
        m: &mut Map,
        key: &'static str,
    ) -> Vec<(String, Loc, String)> {
        let Some((v, path)) = self.field(m, key) else {
            return Vec::new();
        };
        let Kind::Seq(items) = &v.kind else {
            self.problem(
                &path,
                v.loc,
                format!("expected a list of names, found {}", describe(&v.kind)),
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut not_names = Repeated::new(&path);
        for (i, item) in items.iter().enumerate() {
            let ipath = format!("{path}[{i}]");
            match &item.kind {
                Kind::Str(s) => out.push((s.clone(), item.loc, ipath)),
                other => not_names.add(
                    &ipath,
                    item.loc,
                    || format!("expected a name, found {}", describe(other)),
                    || format!("[{i}] {}", describe(other)),
                ),
            }
        }
        self.problems
            .extend(not_names.finish(|n| format!("expected names, but {n} entries are not")));
        out
    }

    pub(crate) fn section<'a>(&mut self, m: &mut Map<'a>, key: &'static str) -> Option<Map<'a>> {
        match self.field(m, key) {
            Some((v, path)) => self.map(v, &path),
            None => Some(Map {
                path: join(&m.path, key),
                entries: &[],
                known: Vec::new(),
            }),
        }
    }

    /// A range check on a read value; reports and returns None when out of range.
    pub(crate) fn check(
        &mut self,
        value: Option<f64>,
        path: &str,
        ok: bool,
        requirement: &str,
    ) -> Option<f64> {
        let v = value?;
        if ok {
            Some(v)
        } else {
            let loc = self.loc(path).unwrap_or_default();
            self.problem(
                path,
                loc,
                format!("{} is out of range: {requirement}", fmt_num(v)),
            );
            None
        }
    }
    pub(crate) fn list<'a>(
        &mut self,
        m: &mut Map<'a>,
        key: &'static str,
    ) -> Option<Vec<(&'a Node, String)>> {
        let Some((v, path)) = self.field(m, key) else {
            return Some(Vec::new());
        };
        let Kind::Seq(items) = &v.kind else {
            self.problem(
                &path,
                v.loc,
                format!("expected a list, found {}", describe(&v.kind)),
            );
            return None;
        };
        Some(
            items
                .iter()
                .enumerate()
                .map(|(i, n)| (n, format!("{path}[{i}]")))
                .collect(),
        )
    }

    pub(crate) fn required_text(
        &mut self,
        m: &mut Map,
        key: &'static str,
        item: &Node,
        example: &str,
    ) -> Option<String> {
        match self.string(m, key) {
            Some((s, _, _)) if !s.trim().is_empty() => Some(s),
            Some((_, loc, path)) => {
                self.problem(
                    &path,
                    loc,
                    format!("must not be empty, e.g. `{key}: {example}`"),
                );
                None
            }
            None => {
                let path = join(&m.path, key);
                self.required(&path, item.loc, &format!("e.g. `{key}: {example}`"));
                None
            }
        }
    }
}

pub(crate) fn describe(kind: &Kind) -> String {
    match kind {
        Kind::Str(s) => format!("the string `{}`", truncate(s)),
        Kind::Int(i) => format!("the number {i}"),
        Kind::Float(f) => format!("the number {}", fmt_num(*f)),
        Kind::Bool(b) => format!("`{b}`"),
        other => other.type_name().to_string(),
    }
}

fn truncate(s: &str) -> String {
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s.to_string()
    }
}

pub(crate) fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else if v != 0.0 && !(1e-6..1e15).contains(&v.abs()) {
        // As the user likely wrote it: `1e-307`, not three hundred zeros.
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}

/// Reads each of a data table's files in load order: `entry` gets every key of the mapping with
/// its value and path (`table.key`); a file whose table is not a mapping ("expected a mapping of
/// {expected}") and the problems `entry` records are that file's error.
pub(crate) fn each_entry(
    tables: &[(Node, Origin)],
    table: &str,
    expected: &str,
    errors: &mut Vec<crate::diag::InputError>,
    mut entry: impl FnMut(&mut Reader, &Origin, &Key, &Node, &str),
) {
    for (node, origin) in tables {
        let mut r = Reader::default();
        match node.as_map() {
            None => r.problem(table, node.loc, format!("expected a mapping of {expected}")),
            Some(entries) => {
                for (key, value) in entries {
                    entry(&mut r, origin, key, value, &format!("{table}.{}", key.name));
                }
            }
        }
        if !r.problems.is_empty() {
            errors.push(crate::diag::InputError::sorted(&origin.file, r.problems));
        }
    }
}

/// Where a piece of rule data came from: a built-in file (`rules/…`) or a pack's file.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Origin {
    pub file: String,
    pub line: u32,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}
