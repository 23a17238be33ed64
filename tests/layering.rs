//! The layering of `src/`: data flows one way, profile → assessment → ranking → wording →
//! rendering → commands, so a module may use the modules of its own layer and the layers below,
//! never one above. The test reads every `crate::…` path outside `#[cfg(test)]` code and fails on
//! an import that runs upwards or closes a cycle between modules, unless it is one of the
//! `KNOWN` ones still to be undone — and it fails when one of those is gone, so the list only
//! shrinks.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Lowest first. A module not listed here fails the test, so a new one has to be placed.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "base: text, files, locations, output",
        &[
            "yaml",
            "untrusted",
            "units",
            "quantity",
            "tradeoffs",
            "references",
            "date",
            "diag",
            "fields",
            "walk",
            "input",
            "output",
            "config",
            "whatif",
        ],
    ),
    ("profile", &["profile"]),
    (
        "assessment: the data tables, the systems (sizing, cost options, guidance), the cost",
        &["tables", "systems", "cost"],
    ),
    (
        "ranking: the rules",
        &["engine", "flip", "waiver", "cost_curve"],
    ),
    (
        "wording and the reports",
        &["guidance", "report", "explain", "check", "diff"],
    ),
    ("rendering", &["render"]),
    ("commands", &["ask", "commands", "cli"]),
];

/// Imports that break the layering today, each to be undone. An entry that no longer holds
/// fails the test: delete it.
const KNOWN: &[(&str, &str)] = &[];

/// Modules of one layer that import each other today, each to be undone.
const KNOWN_CYCLES: &[(&str, &str)] = &[];

/// The top-level modules a source text names through `crate::`, including inside
/// `crate::{a::b, c}` groups.
fn named(src: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = src;
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // Top-level names of a (possibly nested) group: the first word after `{` or `,` at
            // depth one.
            let (mut depth, mut expect) = (1, true);
            let mut word = String::new();
            for c in group.chars() {
                let ident = c.is_alphanumeric() || c == '_';
                if depth == 1 && expect && ident {
                    word.push(c);
                    continue;
                }
                if !word.is_empty() {
                    out.insert(std::mem::take(&mut word));
                    expect = false;
                }
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 1 => expect = true,
                    _ => {}
                }
                if depth == 0 {
                    break;
                }
            }
            if !word.is_empty() {
                out.insert(word);
            }
        } else {
            let word: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            out.insert(word);
        }
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Module → the other modules it imports, from `src/`.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let modules: BTreeSet<String> = files
        .iter()
        .filter_map(|f| {
            let rel = f.strip_prefix(&src).unwrap();
            let top = rel.components().next()?.as_os_str().to_str()?;
            Some(top.trim_end_matches(".rs").to_string())
        })
        .filter(|m| m != "lib" && m != "main")
        .collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in &files {
        let rel = f.strip_prefix(&src).unwrap();
        let top = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_str()
            .unwrap();
        let top = top.trim_end_matches(".rs").to_string();
        if top == "lib" || top == "main" {
            continue;
        }
        let text = std::fs::read_to_string(f).unwrap();
        // Unit tests may reach anywhere, and a comment may name any module.
        let code: String = text
            .split("#[cfg(test)]")
            .next()
            .unwrap()
            .lines()
            .map(|l| l.split("//").next().unwrap())
            .collect::<Vec<_>>()
            .join("\n");
        let code = code.as_str();
        let entry = graph.entry(top.clone()).or_default();
        for m in named(code) {
            if m != top && modules.contains(&m) {
                entry.insert(m);
            }
        }
    }
    graph
}

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|(_, ms)| ms.contains(&module))
}

#[test]
fn every_module_has_a_layer() {
    let unplaced: Vec<String> = imports()
        .into_keys()
        .filter(|m| layer_of(m).is_none())
        .collect();
    assert!(
        unplaced.is_empty(),
        "place these modules in a layer in tests/layering.rs: {unplaced:?}"
    );
}

#[test]
fn no_module_imports_from_a_layer_above_it() {
    let graph = imports();
    let mut upward = BTreeSet::new();
    for (from, tos) in &graph {
        for to in tos {
            if let (Some(a), Some(b)) = (layer_of(from), layer_of(to))
                && b > a
            {
                upward.insert((from.clone(), to.clone()));
            }
        }
    }
    let known: BTreeSet<(String, String)> = KNOWN
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    let new: Vec<String> = upward
        .difference(&known)
        .map(|(a, b)| format!("{a} → {b} ({} → {})", name(a), name(b)))
        .collect();
    assert!(
        new.is_empty(),
        "imports from a layer above (move the shared code down, or pass the value in):\n  {}",
        new.join("\n  ")
    );
    let gone: Vec<String> = known
        .difference(&upward)
        .map(|(a, b)| format!("({a:?}, {b:?})"))
        .collect();
    assert!(
        gone.is_empty(),
        "these known upward imports are gone; delete them from KNOWN: {}",
        gone.join(", ")
    );
}

fn name(module: &str) -> &'static str {
    layer_of(module).map_or("?", |i| LAYERS[i].0)
}

/// Within a layer, modules may use each other, but not both ways round: a cycle means the two
/// are one concern or a third belongs below them.
#[test]
fn no_two_modules_import_each_other() {
    let graph = imports();
    let mut both = BTreeSet::new();
    for (a, tos) in &graph {
        for b in tos {
            if a < b && graph.get(b).is_some_and(|t| t.contains(a)) {
                both.insert((a.as_str(), b.as_str()));
            }
        }
    }
    // A pair where one side is already a known upward import is counted there.
    let known = |a: &str, b: &str| KNOWN.contains(&(a, b)) || KNOWN.contains(&(b, a));
    let new: Vec<String> = both
        .iter()
        .filter(|(a, b)| !known(a, b) && !KNOWN_CYCLES.contains(&(*a, *b)))
        .map(|(a, b)| format!("{a} ⇄ {b}"))
        .collect();
    assert!(new.is_empty(), "modules importing each other: {new:?}");
    let gone: Vec<_> = KNOWN_CYCLES.iter().filter(|p| !both.contains(*p)).collect();
    assert!(
        gone.is_empty(),
        "these known cycles are gone; delete them from KNOWN_CYCLES: {gone:?}"
    );
}

#[test]
fn the_reader_sees_grouped_and_nested_imports() {
    let src =
        "use crate::{check::{Finding, Footer}, render, yaml::Span};\nlet x = crate::date::today();";
    let got: Vec<String> = named(src).into_iter().collect();
    assert_eq!(got, ["check", "date", "render", "yaml"]);
}
