//! Finding the profiles to check: files as given, directories walked recursively, glob patterns
//! expanded; every list sorted, each file once.
//!
//! A file named on the command line is always checked. Files found by walking a directory or
//! expanding a glob are `*.yaml`/`*.yml`, skipping hidden files and directories (`.github/`,
//! `.git/`); whether each is a profile is decided when it is read ([`looks_like_profile`]).

use super::ProfileCheck;
use crate::input::{is_hidden, is_yaml, yaml_files};
use crate::yaml::{Kind, Node};
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
    /// Paths that name nothing: reported as invalid entries.
    pub missing: Vec<ProfileCheck>,
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
            let mut files = Vec::new();
            yaml_files(p, &mut files);
            files.sort();
            for f in files {
                push(&mut found, f, false);
            }
        } else if p.exists() {
            push(&mut found, p.to_path_buf(), true);
        } else if arg.contains(['*', '?', '[']) {
            match glob::glob(arg) {
                Ok(matches) => {
                    let mut files = Vec::new();
                    for m in matches.flatten() {
                        if m.is_dir() {
                            yaml_files(&m, &mut files);
                        } else if is_yaml(&m) && !is_hidden(&m) {
                            files.push(m);
                        }
                    }
                    files.sort();
                    if files.is_empty() {
                        found
                            .missing
                            .push(missing(arg, "the pattern matches no YAML file"));
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
    found
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
    let known = entries
        .iter()
        .filter(|(k, _)| crate::profile::TOP_LEVEL_KEYS.contains(&k.name.as_str()))
        .count();
    has("version") && known * 2 > entries.len()
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
