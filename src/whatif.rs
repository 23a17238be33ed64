//! What-if: `--set path=value` changes fields of a profile without editing its file.
//!
//! Each value is read as YAML (`5000`, `true`, `per-key`, `[go, python]`) and merged into the
//! profile's YAML tree *before* validation, so a bad value or a misspelt path is reported by the
//! same reader as the file's own mistakes, with the same did-you-mean, and named as coming from
//! `--set`.

use crate::diag::{InputError, Problem};
use crate::yaml::{Key, Kind, Loc, Node};
use serde::Serialize;

/// Lines at and above this mark nodes that came from `--set` (the index is added), so problems
/// found in them can be traced back to the flag that gave them.
const SET_LINE: u32 = u32::MAX - 100_000;

/// One `--set path=value`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Setting {
    /// The dotted profile path, e.g. `throughput.peak_per_sec`.
    pub path: String,
    /// The value as read from YAML.
    pub value: serde_json::Value,
    /// The value as typed.
    #[serde(skip)]
    pub text: String,
    #[serde(skip)]
    node: Node,
}

impl Setting {
    /// `path=value` as typed, for messages.
    pub fn flag(&self) -> String {
        format!("{}={}", self.path, self.text)
    }
}

/// A run's `--set` flags as typed: space-separated, or for Markdown each in code, comma-separated.
pub fn flags(settings: &[Setting], markdown: bool) -> String {
    let (quote, separator) = if markdown { ("`", ", ") } else { ("", " ") };
    let flags: Vec<String> = settings
        .iter()
        .map(|s| format!("{quote}--set {}{quote}", s.flag()))
        .collect();
    flags.join(separator)
}

/// Parses every `--set` argument, reporting all malformed ones at once.
pub fn parse(args: &[String]) -> Result<Vec<Setting>, InputError> {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (i, arg) in args.iter().enumerate() {
        match parse_one(arg, i) {
            Ok(s) => out.push(s),
            Err(message) => problems.push(Problem::new("", Loc::default(), message)),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(InputError {
            file: "--set".into(),
            problems,
        })
    }
}

fn parse_one(arg: &str, index: usize) -> Result<Setting, String> {
    let example = "e.g. --set throughput.peak_per_sec=5000";
    let Some((path, text)) = arg.split_once('=') else {
        return Err(format!("`{arg}`: expected PATH=VALUE, {example}"));
    };
    let path = path.trim();
    if path.contains('[') {
        return Err(format!(
            "`{arg}`: a path names mapping keys only; give a list whole, e.g. --set 'platform.languages=[go, python]'"
        ));
    }
    if path.is_empty() || path.split('.').any(|s| s.trim().is_empty()) {
        return Err(format!(
            "`{arg}`: the path must be dotted keys such as `throughput.peak_per_sec`, {example}"
        ));
    }
    if text.trim().is_empty() {
        return Err(format!("`{arg}`: give a value after `=`, {example}"));
    }
    let mut value = crate::yaml::parse(text)
        .map_err(|e| format!("`{arg}`: the value is not valid YAML: {}", e.message))?;
    let loc = Loc {
        line: SET_LINE + index as u32,
        col: 0,
    };
    relocate(&mut value, loc);
    let json = value.to_json();
    let mut node = value;
    for key in path.rsplit('.') {
        node = Node {
            loc,
            kind: Kind::Map(vec![(
                Key {
                    name: key.trim().to_string(),
                    loc,
                },
                node,
            )]),
        };
    }
    Ok(Setting {
        path: path.to_string(),
        value: json,
        text: text.to_string(),
        node,
    })
}

fn relocate(node: &mut Node, loc: Loc) {
    node.loc = loc;
    match &mut node.kind {
        Kind::Seq(items) => items.iter_mut().for_each(|n| relocate(n, loc)),
        Kind::Map(entries) => {
            for (k, v) in entries {
                k.loc = loc;
                relocate(v, loc);
            }
        }
        _ => {}
    }
}

/// Merges every setting into a profile tree, in order (a later `--set` of the same path wins).
pub fn apply(root: &mut Node, settings: &[Setting]) {
    for s in settings {
        root.merge(&s.node);
    }
}

/// Rewrites problems found in values that came from `--set`: they have no line in the file, so
/// they say which flag gave them instead.
pub fn attribute(mut err: InputError, settings: &[Setting]) -> InputError {
    for p in &mut err.problems {
        if p.loc.line >= SET_LINE
            && let Some(s) = settings.get((p.loc.line - SET_LINE) as usize)
        {
            p.loc = Loc::default();
            p.message = format!("{} (from --set {})", p.message, s.flag());
        }
    }
    err
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(profile: &str, sets: &[&str]) -> Result<crate::profile::Profile, String> {
        let settings = parse(&sets.iter().map(|s| s.to_string()).collect::<Vec<_>>())
            .map_err(|e| e.to_string())?;
        let mut root = crate::yaml::parse(profile).unwrap();
        apply(&mut root, &settings);
        crate::profile::load_node(&root, "p.yaml")
            .map(|(p, _, _)| p)
            .map_err(|e| attribute(e, &settings).to_string())
    }

    const BASE: &str = "version: 1\nname: x\nthroughput:\n  peak_per_sec: 400\n  avg_per_sec: 80\n";

    #[test]
    fn values_are_yaml_and_merge_into_the_tree() {
        let p = load(
            BASE,
            &[
                "throughput.peak_per_sec=5000",
                "replay.needed=true",
                "platform.languages=[go, python]",
                "delivery.ordering=per-key",
            ],
        )
        .unwrap();
        assert_eq!(p.throughput.peak_per_sec, 5000.0);
        assert_eq!(p.throughput.avg(), 80.0, "siblings in the file are kept");
        assert!(p.replay.needed);
        assert_eq!(p.platform.languages, vec!["go", "python"]);
    }

    #[test]
    fn a_misspelt_path_gets_a_suggestion_and_names_the_flag() {
        let err = load(BASE, &["throughput.peak_per_sek=5"]).unwrap_err();
        assert_eq!(
            err,
            "p.yaml: throughput.peak_per_sek: unknown key `peak_per_sek`; did you mean `peak_per_sec`? (from --set throughput.peak_per_sek=5)"
        );
        let err = load(BASE, &["thruput.peak_per_sec=5"]).unwrap_err();
        assert!(
            err.contains("did you mean `throughput`? (from --set thruput.peak_per_sec=5)"),
            "{err}"
        );
    }

    #[test]
    fn a_bad_value_is_validated_like_the_file() {
        let err = load(BASE, &["throughput.peak_per_sec=lots"]).unwrap_err();
        assert!(
            err.contains("throughput.peak_per_sec: expected a number of messages/s, found the string `lots` (from --set throughput.peak_per_sec=lots)"),
            "{err}"
        );
        // A cross-field problem points at the file's own field, which is where it is.
        let err = load(BASE, &["throughput.peak_per_sec=10"]).unwrap_err();
        assert!(
            err.starts_with("p.yaml:5:16: throughput.avg_per_sec: 80 is above peak_per_sec (10)"),
            "{err}"
        );
    }

    #[test]
    fn malformed_flags_are_usage_errors() {
        for (arg, want) in [
            ("throughput.peak_per_sec", "expected PATH=VALUE"),
            ("=5", "the path must be dotted keys"),
            ("throughput..peak_per_sec=5", "the path must be dotted keys"),
            ("events[0].key=id", "a path names mapping keys only"),
            ("throughput.peak_per_sec=", "give a value after `=`"),
            ("throughput.peak_per_sec=[1, 2", "not valid YAML"),
        ] {
            let err = load(BASE, &[arg]).unwrap_err();
            assert!(err.starts_with("--set: `"), "{err}");
            assert!(err.contains(want), "{arg}: {err}");
        }
    }
}
