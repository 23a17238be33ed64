//! Finding the profiles to check: files as given, directories walked recursively, glob patterns
//! expanded; every list sorted, each file once.
//!
//! A file named on the command line is always checked. Directories and globs are read by
//! [`crate::walk`]'s rule (YAML names in any case; hidden entries and directory symlinks listed
//! as not read; FIFOs, dangling links and unlistable directories reported as invalid); whether
//! each file found is a profile is decided when it is read ([`looks_like_profile`]). A glob is
//! matched against the paths the walk finds below its literal prefix, so that it obeys the same
//! rule (the `glob` crate follows directory symlinks, and `**` through a link to `.` never ends).

use super::ProfileCheck;
use crate::walk::{self, Skip};
use crate::yaml::{Kind, Node};
use glob::{MatchOptions, Pattern};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// One file to read.
#[derive(Clone, Debug, PartialEq)]
pub struct Input {
    /// The name shown for it.
    pub file: String,
    /// `None` for standard input (`-`).
    pub path: Option<PathBuf>,
    /// Named on the command line: checked even if it does not look like a profile.
    pub explicit: bool,
}

/// What the paths given expanded to.
#[derive(Debug, Default)]
pub struct Found {
    /// Sorted by name, each file once.
    pub inputs: Vec<Input>,
    /// Paths that name nothing, and entries that could not be read: reported as invalid.
    pub missing: Vec<ProfileCheck>,
    /// Entries under directories and globs not read, and why; sorted, each once.
    pub not_read: Vec<(String, Skip)>,
    /// Glob patterns that matched no YAML file: a note, not an invalid profile (an empty
    /// selection is decided by `--require-profiles`).
    pub empty_patterns: Vec<String>,
}

/// Expands `paths` (files, directories, glob patterns, `-`).
pub fn discover(paths: &[String]) -> Found {
    let mut found = Found::default();
    let mut seen = BTreeSet::new();
    let mut push = |found: &mut Found, p: PathBuf, explicit: bool| {
        let key = std::fs::canonicalize(&p).unwrap_or_else(|_| p.clone());
        if seen.insert(key) {
            found.inputs.push(Input {
                file: shown(&p),
                path: Some(p),
                explicit,
            });
        }
    };
    for arg in paths {
        if arg == "-" {
            if !found.inputs.iter().any(|i| i.path.is_none()) {
                found.inputs.push(Input {
                    file: "<stdin>".into(),
                    path: None,
                    explicit: true,
                });
            }
            continue;
        }
        let p = Path::new(arg);
        if p.is_dir() {
            let w = walk::walk(p, None, &mut walk::All).unwrap_or_default();
            for f in take_walk(&mut found, w) {
                push(&mut found, f, false);
            }
        } else if p.exists() {
            push(&mut found, p.to_path_buf(), true);
        } else if arg.contains(['*', '?', '[']) {
            match Glob::new(arg) {
                Ok(mut g) => {
                    let files = if g.root.is_dir() {
                        let root = g.root.clone();
                        let w = walk::walk(&root, None, &mut g).unwrap_or_default();
                        take_walk(&mut found, w)
                    } else {
                        Vec::new()
                    };
                    if files.is_empty() {
                        found.empty_patterns.push(arg.clone());
                    }
                    for f in files {
                        push(&mut found, f, false);
                    }
                }
                Err(e) => found.missing.push(missing(
                    arg,
                    &format!("is not a valid glob pattern: {}", e.msg),
                )),
            }
        } else {
            found
                .missing
                .push(missing(arg, "no such file or directory"));
        }
    }
    found.inputs.sort_by(|a, b| a.file.cmp(&b.file));
    found.not_read.sort();
    found.not_read.dedup();
    found
}

/// Moves what a walk could not read, or passed over, into `found`; returns the files to read.
fn take_walk(found: &mut Found, w: walk::Walk) -> Vec<PathBuf> {
    for u in w.unreadable {
        found.missing.push(missing(&shown(&u.path), &u.message));
    }
    found
        .not_read
        .extend(w.skipped.into_iter().map(|(p, why)| (shown(&p), why)));
    w.files
}

/// A glob pattern, split into the literal directory it starts in (walked) and the components
/// matched below it.
struct Glob {
    /// Where the walk starts: the pattern's leading components without wildcards, or `.`.
    root: PathBuf,
    /// Whether `root` is the `.` the pattern did not write (then `./` is dropped before matching).
    implicit_root: bool,
    whole: Pattern,
    /// The pattern's components after `root`; `None` for `**`.
    parts: Vec<Option<Pattern>>,
}

/// `*` and `?` never match `/`, as in a shell.
const GLOB_OPTIONS: MatchOptions = MatchOptions {
    case_sensitive: true,
    require_literal_separator: true,
    require_literal_leading_dot: false,
};

impl Glob {
    fn new(pattern: &str) -> Result<Glob, glob::PatternError> {
        let whole = Pattern::new(pattern)?;
        let first = pattern.find(['*', '?', '[']).unwrap_or(pattern.len());
        let split = pattern[..first].rfind('/').map_or(0, |i| i + 1);
        let (root, rest) = pattern.split_at(split);
        let parts = rest
            .split('/')
            .filter(|c| !c.is_empty())
            .map(|c| (c != "**").then(|| Pattern::new(c)).transpose())
            .collect::<Result<_, _>>()?;
        Ok(Glob {
            root: PathBuf::from(if root.is_empty() { "." } else { root }),
            implicit_root: root.is_empty(),
            whole,
            parts,
        })
    }

    /// The path as the pattern spells it.
    fn spelled<'a>(&self, path: &'a Path) -> &'a Path {
        if self.implicit_root {
            path.strip_prefix(".").unwrap_or(path)
        } else {
            path
        }
    }

    /// Whether the pattern matches `path` or a directory it is in (a matched directory is read
    /// whole).
    fn covers(&self, path: &Path) -> bool {
        let path = self.spelled(path);
        path.ancestors()
            .take_while(|a| !a.as_os_str().is_empty())
            .any(|a| self.whole.matches_path_with(a, GLOB_OPTIONS))
    }

    /// Whether something below the directory `path` could match.
    fn may_lead(&self, path: &Path) -> bool {
        let Ok(rel) = path.strip_prefix(&self.root) else {
            return false;
        };
        let mut depth = 0;
        for (c, part) in rel.components().zip(&self.parts) {
            depth += 1;
            match part {
                None => return true,
                Some(p) if p.matches_with(&c.as_os_str().to_string_lossy(), GLOB_OPTIONS) => {}
                Some(_) => return false,
            }
        }
        depth == rel.components().count() && depth < self.parts.len()
    }
}

impl walk::Select for Glob {
    fn enter(&mut self, path: &Path, _depth: usize) -> bool {
        self.may_lead(path) || self.covers(path)
    }
    fn take(&mut self, path: &Path) -> bool {
        self.covers(path)
    }
}

/// Whether a YAML document found by walking is a profile: a mapping with a `throughput` key, or
/// with `version` and mostly profile keys. Other YAML (CI workflows, compose files, rule packs,
/// Helm charts) is skipped and counted; a damaged profile still has mostly profile keys, so it is
/// reported rather than skipped.
pub fn looks_like_profile(root: &Node) -> bool {
    let Kind::Map(entries) = &root.kind else {
        return false;
    };
    let has = |k: &str| entries.iter().any(|(key, _)| key.name == k);
    if has("throughput") {
        return true;
    }
    // `version` as a whole number (a profile of any version, so that an unsupported one is
    // reported): a Compose file's `version: "3.8"` beside `name:` is not a profile, however many
    // of its keys a profile also has.
    let has_version = entries
        .iter()
        .any(|(k, v)| k.name == "version" && matches!(v.kind, Kind::Int(_)));
    let known = entries
        .iter()
        .filter(|(k, _)| crate::profile::TOP_LEVEL_KEYS.contains(&k.name.as_str()))
        .count();
    has_version && known * 2 > entries.len()
}

/// Whether a file that is not valid YAML says it is a profile anyway (a top-level `throughput:`
/// key, or `version:` with a whole number, as [`looks_like_profile`] reads it), so that its error
/// is reported; other YAML that does not parse (several
/// documents, a Helm template) is skipped and counted like any file that is not a profile.
pub fn says_profile(text: &str) -> bool {
    text.lines().any(|l| {
        let key = |k: &str| {
            l.strip_prefix(k)
                .map(|rest| rest.trim_start())
                .and_then(|rest| rest.strip_prefix(':'))
                .map(|value| value.split('#').next().unwrap_or("").trim())
        };
        key("throughput").is_some() || key("version").is_some_and(|v| v.parse::<i64>().is_ok())
    })
}

fn missing(arg: &str, message: &str) -> ProfileCheck {
    ProfileCheck::invalid(
        arg,
        &[crate::diag::Problem::new("", Default::default(), message)],
    )
}

/// A path as shown in every format: `/`-separated, without a leading `./`.
pub fn shown(p: &Path) -> String {
    let s = p.to_string_lossy().replace('\\', "/");
    let mut s = s.as_str();
    while let Some(rest) = s.strip_prefix("./") {
        s = rest;
    }
    s.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root(text: &str) -> Node {
        crate::yaml::parse(text).unwrap()
    }

    #[test]
    fn tells_profiles_from_other_yaml() {
        assert!(looks_like_profile(&root(
            "version: 1\nname: x\nthroughput: {peak_per_sec: 1}\n"
        )));
        // A damaged profile is still a profile, so that its problems are reported.
        assert!(looks_like_profile(&root(
            "version: 1\nname: x\nthruput: 3\n"
        )));
        assert!(!looks_like_profile(&root(
            "version: '3.8'\nservices: {db: {image: postgres}}\nvolumes: {}\n"
        )));
        assert!(!looks_like_profile(&root("version: 2\nupdates: []\n")));
        assert!(!looks_like_profile(&root("id: r\nwhen: 'true'\n")));
        assert!(!looks_like_profile(&root("- a\n- b\n")));
    }

    #[test]
    fn shows_paths_without_dot_slash() {
        assert_eq!(shown(Path::new("./a/b.yaml")), "a/b.yaml");
        assert_eq!(shown(Path::new("a/b.yaml")), "a/b.yaml");
    }
}
