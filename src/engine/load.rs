//! Loading rules: the built-in `rules/` directory embedded in the binary, then each `--rules DIR`
//! pack layered on top by id (same id replaces the keys it gives, `disabled: true` removes),
//! every file checked, every condition compiled once.

use super::cel as celx;
use super::model::*;
use crate::diag::{InputError, Problem, suggest};
use crate::fields::{Map, Reader, is_kebab};
use crate::yaml::{self, Key, Kind, Loc, Node};
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Everything the engine evaluates with: candidates, rules in evaluation order, limits.
pub struct RuleSet {
    pub candidates: Vec<Candidate>,
    pub rules: Vec<Rule>,
    pub limits: BTreeMap<String, Limit>,
    /// The profile rule examples are merged onto.
    pub example_base: Node,
    /// Which rule ids each pack replaced or disabled, for `rules list`.
    pub overridden: BTreeMap<String, Override>,
    /// Prices, machine sizes and operating hours, read from the data tables for the cost
    /// estimate.
    pub cost: crate::tables::CostData,
    /// Partition counts and MSK broker sizes (the `sizing:` table), for the guidance and the
    /// cost estimate.
    pub sizing: crate::tables::Sizing,
    /// Each system's own strengths and weaknesses, for the options of a decision record.
    pub tradeoffs: crate::tradeoffs::Tradeoffs,
    /// The public documents behind the short source names the data uses.
    pub references: crate::references::References,
    /// The ids of the built-in rules (before any pack), to tell them from rules a pack added.
    pub builtin_ids: std::collections::BTreeSet<String>,
    /// Rules left out for their problems, with the parts that did read, so `rules lint` can
    /// still check their examples and run their condition.
    pub(crate) rejected: Vec<RejectedRule>,
    pub(crate) env: Arc<::cel::Env>,
    /// `limits` as conditions see it, built once ([`celx::limits_value`]).
    pub(crate) limits_value: Box<dyn ::cel::common::value::Val>,
}

/// What could be read of a rule that has problems.
pub(crate) struct RejectedRule {
    pub examples: Vec<Example>,
    pub program: Option<crate::engine::cel::Condition>,
    /// Where its condition is written (file, line) and the column.
    pub when_at: (Origin, u32),
}

/// Top-level keys of data files other modules read (the pricing table, …).
pub const DATA_TABLES: &[&str] = &[
    "prices",
    "operations",
    "sizing",
    "instances",
    "tradeoffs",
    "references",
];

/// The tables a price file (`--prices FILE`) may hold.
pub const PRICE_FILE_TABLES: &[&str] = &["prices", "operations", "instances"];

/// Every problem found in the rules, file by file.
#[derive(Debug)]
pub struct RulesError(pub Vec<InputError>);

impl fmt::Display for RulesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let files: Vec<String> = self.0.iter().map(InputError::to_string).collect();
        write!(f, "{}", files.join("\n"))
    }
}

impl std::error::Error for RulesError {}

/// One YAML file of a layer, already parsed.
struct File {
    name: String,
    root: Node,
}

impl RuleSet {
    /// The built-in rules alone.
    pub fn builtin() -> Result<RuleSet, RulesError> {
        RuleSet::load(&[])
    }

    /// The built-in rules with `packs` layered on top, in order.
    pub fn load(packs: &[PathBuf]) -> Result<RuleSet, RulesError> {
        ok_if_clean(RuleSet::load_all_with_prices(packs, &[]))
    }

    /// The built-in rules, then `packs`, then each price file (`prices:`, `operations:` or
    /// `instances:` tables only), in order: the user's own prices win.
    pub fn load_with_prices(packs: &[PathBuf], prices: &[PathBuf]) -> Result<RuleSet, RulesError> {
        ok_if_clean(RuleSet::load_all_with_prices(packs, prices))
    }

    /// Like [`RuleSet::load_with_prices`], but always returns what could be read, with every
    /// problem found in every file: `rules lint` reports them all and goes on to check the rules
    /// that did load.
    pub fn load_all_with_prices(
        packs: &[PathBuf],
        prices: &[PathBuf],
    ) -> (RuleSet, Vec<InputError>) {
        let mut errors = Vec::new();
        let mut layers = vec![builtin_files(&mut errors)];
        for dir in packs {
            layers.push(pack_files(dir, &mut errors));
        }
        for file in prices {
            layers.push(price_file(file, &mut errors));
        }
        (assemble(layers, &mut errors), errors)
    }

    /// The built-in rules with one pack given as in-memory `(file name, YAML text)` pairs, as if
    /// read from a directory (for fuzzing and tests).
    pub fn load_texts(pack: &[(String, String)]) -> Result<RuleSet, RulesError> {
        let mut errors = Vec::new();
        let layer = (pack.iter())
            .filter_map(|(name, text)| parse(name.clone(), text, &mut errors))
            .collect();
        let layers = vec![builtin_files(&mut errors), layer];
        ok_if_clean((assemble(layers, &mut errors), errors))
    }

    pub fn candidate(&self, id: &str) -> Option<&Candidate> {
        self.candidates.iter().find(|c| c.id == id)
    }

    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// The names a profile may give that only these rules know (candidates, rules, the rules a
    /// pack disabled), for reading a profile with every mistake in one run.
    pub fn known(&self) -> crate::profile::Known<'_> {
        crate::profile::Known {
            candidates: self.candidates.iter().map(|c| c.id.as_str()).collect(),
            rules: self.rules.iter().map(|r| r.id.as_str()).collect(),
            disabled: (self.overridden.iter())
                .filter(|(_, o)| matches!(o, Override::Disabled(_)))
                .map(|(id, _)| id.as_str())
                .collect(),
        }
    }

    /// The rules the packs turned off or changed, by id: what narrows the rules without the
    /// profile changing, for every view to name.
    pub fn pack_overrides(&self) -> Vec<PackOverride> {
        self.overridden
            .iter()
            .map(|(id, o)| {
                let (action, file, rule) = match o {
                    Override::Disabled(file) => ("disabled", file, None),
                    Override::Replaced(file) => ("replaced", file, self.rule(id)),
                };
                // In the rule's own key order: the keys this file gave (a disabled rule, none).
                let keys = rule.map_or(Vec::new(), |r| {
                    (r.raw.as_map().unwrap_or_default().iter())
                        .map(|(k, _)| k.name.clone())
                        .filter(|k| k != "id" && r.key_files.get(k) == Some(file))
                        .collect()
                });
                PackOverride {
                    rule: id.clone(),
                    action,
                    file: file.clone(),
                    keys,
                }
            })
            .collect()
    }

    pub fn limit(&self, name: &str) -> Option<f64> {
        self.limits.get(name).map(|l| l.value)
    }

    /// The Redis Streams memory model these rules' limits give (`redis_stream_*`).
    pub fn stream_model(&self) -> crate::profile::StreamMemoryModel {
        crate::profile::StreamMemoryModel::from_limits(|name| self.limit(name))
    }

    /// The quantities derived from `profile` under these rules' limits: what conditions see as
    /// `derived`.
    pub fn derived(&self, profile: &crate::profile::Profile) -> crate::profile::Derived {
        crate::profile::Derived::of(profile, self.stream_model())
    }
}

/// The built-in rule files, embedded as text in path order (the list is written by `build.rs`).
static BUILTIN: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// The rule set when nothing was wrong, else every problem.
fn ok_if_clean((set, errors): (RuleSet, Vec<InputError>)) -> Result<RuleSet, RulesError> {
    if errors.is_empty() {
        Ok(set)
    } else {
        Err(RulesError(errors))
    }
}

fn builtin_files(errors: &mut Vec<InputError>) -> Vec<File> {
    // An error here only comes of a broken build: `tests/rules.rs` loads every built-in file.
    (BUILTIN.iter())
        .filter_map(|(name, text)| parse(name.to_string(), text, errors))
        .collect()
}

/// How deep a rule pack's directories may go. The built-in rules are one level deep; a pack
/// is a folder of rule files, perhaps grouped in subfolders. Far above any real pack, and a
/// `--rules /` (a slip, or a config file naming `/`) stops at once instead of reading the whole
/// filesystem.
pub const PACK_MAX_DEPTH: usize = 8;

/// How many files and directories a rule pack may hold, for the same reason: the built-in rules
/// are about 50 files, and reading 2,000 rule files would take longer than any run should.
pub const PACK_MAX_ENTRIES: usize = 2_000;

/// Walks a pack directory by the one walk rule ([`crate::walk`]), within the pack bounds.
pub fn pack_walk(dir: &Path) -> Result<crate::walk::Walk, String> {
    let bounds = crate::walk::Bounds {
        depth: PACK_MAX_DEPTH,
        entries: PACK_MAX_ENTRIES,
    };
    crate::walk::walk(dir, Some(bounds), &mut crate::walk::All)
        .map_err(|e| format!("is not read as a rule pack: it {e}"))
}

fn pack_files(dir: &Path, errors: &mut Vec<InputError>) -> Vec<File> {
    let problem =
        |path: &Path, message: String| InputError::whole(path.display().to_string(), message);
    if !dir.is_dir() {
        let message = "--rules expects a directory of rule files (*.yaml); this is not a directory";
        errors.push(problem(dir, message.into()));
        return Vec::new();
    }
    let walked = match pack_walk(dir) {
        Ok(w) => w,
        Err(message) => {
            errors.push(problem(dir, message));
            return Vec::new();
        }
    };
    for u in walked.unreadable {
        errors.push(problem(&u.path, u.message));
    }
    // A linked directory not read would change the rules in force without a word: say so.
    for (p, why) in walked.skipped {
        let message = match why {
            crate::walk::Skip::Hidden => continue,
            crate::walk::Skip::DirectorySymlink => {
                "is a symlink to a directory, and rule packs are read without following them; \
                 pass its target as a pack of its own (--rules)"
            }
            crate::walk::Skip::OutsideSymlink => {
                "is a symlink out of the pack, and a pack reads only its own files; copy the \
                 file in, or pass its folder as a pack of its own (--rules)"
            }
        };
        errors.push(problem(&p, message.into()));
    }
    let mut paths = walked.files;
    paths.sort();
    let mut out = Vec::new();
    for p in paths {
        let name = p.display().to_string();
        match crate::input::read_text(&p) {
            Ok(text) => out.extend(parse(name, &text, errors)),
            Err(e) => errors.push(InputError::whole(name, e)),
        }
    }
    out
}

fn price_file(path: &Path, errors: &mut Vec<InputError>) -> Vec<File> {
    let name = path.display().to_string();
    let text = match crate::input::read_text(path) {
        Ok(t) => t,
        Err(e) => {
            errors.push(InputError::whole(name, e));
            return Vec::new();
        }
    };
    let Some(File { name, root }) = parse(name, &text, errors) else {
        return Vec::new();
    };
    let mut problems = Vec::new();
    match root.as_map() {
        Some(entries) if !entries.is_empty() => {
            for (k, _) in entries {
                if !PRICE_FILE_TABLES.contains(&k.name.as_str()) {
                    problems.push(unknown_table(k, "a price file", PRICE_FILE_TABLES));
                }
            }
        }
        _ => problems.push(Problem::new(
            "",
            root.loc,
            format!(
                "expected a price file: a mapping with {}",
                PRICE_FILE_TABLES.join(", ")
            ),
        )),
    }
    // Keep the tables that are there, so their own problems are reported in the same run.
    let mut kept = root.clone();
    if let Kind::Map(entries) = &mut kept.kind {
        entries.retain(|(k, _)| PRICE_FILE_TABLES.contains(&k.name.as_str()));
    }
    if !problems.is_empty() {
        errors.push(InputError::sorted(&name, problems));
    }
    match kept.as_map() {
        Some(entries) if !entries.is_empty() => vec![File { name, root: kept }],
        _ => Vec::new(),
    }
}

/// A top-level key of `file` (`a price file`) that is none of the `tables` it may hold.
fn unknown_table(k: &Key, file: &str, tables: &[&str]) -> Problem {
    let hint = suggest(&k.name, tables.iter().copied(), "");
    let expected = tables.join(", ");
    let message = format!(
        "unknown key `{}` in {file}{hint}; expected {expected}",
        k.name
    );
    Problem::new(&k.name, k.loc, message)
}

/// The file `name` holding `text`, parsed; None when it is not YAML (the error is in `errors`).
fn parse(name: String, text: &str, errors: &mut Vec<InputError>) -> Option<File> {
    let root = InputError::parse_yaml(text, &name).map_err(|e| errors.push(e));
    Some(File {
        name,
        root: root.ok()?,
    })
}

/// A rule as written in one layer, before layering and compilation.
struct RawRule {
    node: Node,
    /// The file (and line) that last gave the rule: its own file, or the pack that overrode it.
    origin: Origin,
    /// Which file gave each top-level key: an override replaces only the keys it gives, so a
    /// problem (or an example) is located in the file its key came from.
    key_files: BTreeMap<String, String>,
}

impl RawRule {
    fn id(&self) -> Option<&str> {
        self.node.get("id").and_then(Node::as_str)
    }

    fn file_of(&self, key: &str) -> &str {
        self.key_files
            .get(key)
            .map_or(self.origin.file.as_str(), String::as_str)
    }
}

fn key_files(node: &Node, file: &str) -> BTreeMap<String, String> {
    node.as_map()
        .unwrap_or_default()
        .iter()
        .map(|(k, _)| (k.name.clone(), file.to_string()))
        .collect()
}

/// Keys that mark a mapping as meant to be a rule, for a better message when `id` is missing.
const RULE_KEYS: &[&str] = &["title", "why", "when", "effect", "examples", "source"];

/// Layers the files into one rule set. Data tables are read here, by the modules that own them,
/// so that a bad table in a pack is an error at load (exit 2, and in `rules lint`), like a bad
/// rule.
fn assemble(layers: Vec<Vec<File>>, errors: &mut Vec<InputError>) -> RuleSet {
    let mut candidates: Vec<(Node, Origin)> = Vec::new();
    let mut limits: Vec<(String, Node, Origin)> = Vec::new();
    let mut tables: BTreeMap<String, Vec<(Node, Origin)>> = BTreeMap::new();
    let mut example_base: Option<Node> = None;
    let mut rules: Vec<RawRule> = Vec::new();
    let mut overridden = BTreeMap::new();
    let mut builtin_ids = std::collections::BTreeSet::new();

    for (layer_no, layer) in layers.into_iter().enumerate() {
        let mut seen_in_layer: BTreeMap<String, String> = BTreeMap::new();
        let mut candidates_in_layer: BTreeMap<String, String> = BTreeMap::new();
        let mut limits_in_layer: BTreeMap<String, String> = BTreeMap::new();
        for file in layer {
            let origin = |loc: Loc| Origin {
                file: file.name.clone(),
                line: loc.line,
            };
            let Some(entries) = file.root.as_map() else {
                errors.push(InputError::one(&file.name, Problem::new("", file.root.loc, "expected a mapping: a rule (id, title, when, effect, …), `candidates:`, `limits:` or a data table")));
                continue;
            };
            let is_base = Path::new(&file.name).file_name().and_then(|n| n.to_str())
                == Some("example-base.yaml");
            if is_base {
                example_base = Some(file.root.clone());
            } else if let Some(list) = file.root.get("candidates") {
                match &list.kind {
                    Kind::Seq(items) => {
                        for n in items {
                            let Some(id_node) = n.get("id") else { continue };
                            let Some(id) = id_node.as_str() else { continue };
                            let mut problem = |message: String| {
                                errors.push(InputError::one(
                                    &file.name,
                                    Problem::new("candidates[].id", id_node.loc, message),
                                ))
                            };
                            // A built-in candidate needs its sizing, cost and guidance
                            // (its `systems::REGISTRY` entry); a pack's may go without.
                            if layer_no == 0 && crate::systems::by_id(id).is_none() {
                                problem(format!(
                                    "built-in candidate `{id}` has no system module: add its module under src/systems/ and its line in `systems::REGISTRY`"
                                ));
                            }
                            if let Some(first) =
                                candidates_in_layer.insert(id.to_string(), file.name.clone())
                            {
                                problem(format!(
                                    "duplicate candidate id `{id}`: also defined in {first}"
                                ));
                            }
                        }
                        candidates.extend(items.iter().map(|n| (n.clone(), origin(n.loc))))
                    }
                    _ => errors.push(InputError::one(
                        &file.name,
                        Problem::new("candidates", list.loc, "expected a list of candidates"),
                    )),
                }
            } else if let Some(map) = file.root.get("limits") {
                match map.as_map() {
                    Some(entries) => {
                        for (k, _) in entries {
                            if let Some(first) =
                                limits_in_layer.insert(k.name.clone(), file.name.clone())
                            {
                                errors.push(InputError::one(
                                    &file.name,
                                    Problem::new(
                                        format!("limits.{}", k.name),
                                        k.loc,
                                        format!(
                                            "duplicate limit `{}`: also defined in {first}",
                                            k.name
                                        ),
                                    ),
                                ));
                            }
                        }
                        limits.extend(
                            entries
                                .iter()
                                .map(|(k, v)| (k.name.clone(), v.clone(), origin(k.loc))),
                        )
                    }
                    None => errors.push(InputError::one(
                        &file.name,
                        Problem::new(
                            "limits",
                            map.loc,
                            "expected a mapping of limit names to {value, unit, source}",
                        ),
                    )),
                }
            } else if entries
                .iter()
                .any(|(k, _)| DATA_TABLES.contains(&k.name.as_str()))
            {
                // A data file holds data tables only: a misspelt table next to them is an error,
                // not silently ignored.
                for (k, v) in entries {
                    if DATA_TABLES.contains(&k.name.as_str()) {
                        tables
                            .entry(k.name.clone())
                            .or_default()
                            .push((v.clone(), origin(k.loc)));
                    } else {
                        let problem = unknown_table(k, "a data file", DATA_TABLES);
                        errors.push(InputError::one(&file.name, problem));
                    }
                }
            } else if let Some(id) = file.root.get("id").and_then(Node::as_str) {
                if let Some(first) = seen_in_layer.insert(id.to_string(), file.name.clone()) {
                    errors.push(InputError::one(
                        &file.name,
                        Problem::new(
                            "id",
                            file.root.get("id").map_or(Loc::default(), |n| n.loc),
                            format!("duplicate rule id `{id}`: also defined in {first}"),
                        ),
                    ));
                    continue;
                }
                let disabled = matches!(
                    file.root.get("disabled").map(|n| &n.kind),
                    Some(Kind::Bool(true))
                );
                let existing = rules.iter().position(|r| r.id() == Some(id));
                match (existing, disabled) {
                    (Some(i), true) => {
                        rules.remove(i);
                        overridden.insert(id.to_string(), Override::Disabled(file.name.clone()));
                    }
                    (None, true) if layer_no > 0 => {
                        let hint = suggest(id, rules.iter().filter_map(RawRule::id), "");
                        errors.push(InputError::one(
                            &file.name,
                            Problem::new(
                                "id",
                                file.root.loc,
                                format!(
                                    "disables rule `{id}`, but no earlier rule has that id{hint}"
                                ),
                            ),
                        ));
                    }
                    (Some(i), false) => {
                        // An override gives the keys it changes; the rest stay as they were.
                        let rule = &mut rules[i];
                        if let (Kind::Map(base), Some(over)) =
                            (&mut rule.node.kind, file.root.as_map())
                        {
                            for (k, v) in over {
                                match base.iter_mut().find(|(bk, _)| bk.name == k.name) {
                                    Some(slot) => slot.1 = v.clone(),
                                    None => base.push((k.clone(), v.clone())),
                                }
                            }
                        }
                        rule.key_files.extend(key_files(&file.root, &file.name));
                        rule.origin = origin(file.root.loc);
                        overridden.insert(id.to_string(), Override::Replaced(file.name.clone()));
                    }
                    (None, _) => rules.push(RawRule {
                        node: file.root.clone(),
                        origin: origin(file.root.loc),
                        key_files: key_files(&file.root, &file.name),
                    }),
                }
            } else if let Some((k, _)) = entries
                .iter()
                .find(|(k, _)| RULE_KEYS.contains(&k.name.as_str()))
            {
                errors.push(InputError::one(
                    &file.name,
                    Problem::new(
                        "id",
                        k.loc,
                        "missing required key `id`: a rule needs a stable kebab-case id, the same as its file name",
                    ),
                ));
            } else {
                errors.push(InputError::one(&file.name, Problem::new("", file.root.loc, format!(
                    "not a rule file: expected a rule (with `id`), `candidates:`, `limits:` or one of the data tables ({})",
                    DATA_TABLES.join(", ")
                ))));
            }
        }
        if layer_no == 0 {
            builtin_ids = rules
                .iter()
                .filter_map(RawRule::id)
                .map(String::from)
                .collect();
        }
    }
    let candidates = read_candidates(candidates, errors);
    let limits = read_limits(limits, errors);
    let none = Vec::new();
    let sizing =
        crate::tables::Sizing::read(tables.get("sizing").unwrap_or(&none)).unwrap_or_else(|e| {
            errors.extend(e);
            crate::tables::Sizing::default()
        });
    let cost = crate::tables::CostData::read(
        &tables,
        &limits,
        &sizing,
        &crate::cost::options(),
        &crate::cost::option_prices(),
        errors,
    );
    let ids: Vec<&str> = candidates.iter().map(|c| c.id.as_str()).collect();
    let tradeoffs =
        crate::tradeoffs::Tradeoffs::read(tables.get("tradeoffs").unwrap_or(&none), &ids, errors);
    let references =
        crate::references::References::read(tables.get("references").unwrap_or(&none), errors);
    let env = celx::environment();
    let shape = celx::shape(&limits);
    let example_base = example_base.unwrap_or_else(|| {
        yaml::parse("version: 1\nname: example\nthroughput: {peak_per_sec: 500}\n")
            .expect("the fallback base parses")
    });
    let mut compiled = Vec::new();
    let mut rejected = Vec::new();
    for raw in rules {
        if let Some(rule) = read_rule(raw, &env, &shape, &ids, errors, &mut rejected) {
            compiled.push(rule);
        }
    }
    RuleSet {
        candidates,
        rules: compiled,
        limits_value: celx::limits_value(&limits),
        limits,
        example_base,
        overridden,
        cost,
        sizing,
        tradeoffs,
        references,
        builtin_ids,
        rejected,
        env,
    }
}

fn read_candidates(items: Vec<(Node, Origin)>, errors: &mut Vec<InputError>) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    for (node, origin) in items {
        let mut r = Reader::default();
        let Some(mut m) = r.map(&node, "candidates[]") else {
            errors.push(InputError::sorted(&origin.file, r.problems));
            continue;
        };
        let id = r.string(&mut m, "id").map(|s| s.0);
        let name = r.string(&mut m, "name").map(|s| s.0);
        let pattern_name = r.string(&mut m, "pattern_name").map(|s| s.0);
        let summary = r.string(&mut m, "summary").map(|s| s.0);
        let simplicity = r.integer(&mut m, "simplicity");
        let base = r.integer(&mut m, "base_score");
        let docs = r.string(&mut m, "docs").map(|s| s.0);
        let ordering = read_ordering(&mut r, &mut m);
        r.finish(m);
        for (key, missing) in [
            ("id", id.is_none()),
            ("name", name.is_none()),
            ("summary", summary.is_none()),
        ] {
            if missing {
                r.problems.push(Problem::new(
                    format!("candidates[].{key}"),
                    node.loc,
                    format!("missing required key `{key}`"),
                ));
            }
        }
        if let Some(id) = &id
            && !is_kebab(id)
        {
            r.problems.push(Problem::new(
                "candidates[].id",
                node.loc,
                format!("`{id}` must be kebab-case (a-z, 0-9, -)"),
            ));
        }
        if !r.problems.is_empty() {
            errors.push(InputError::sorted(&origin.file, r.problems));
            continue;
        }
        let c = Candidate {
            id: id.unwrap_or_default(),
            name: name.unwrap_or_default(),
            pattern_name,
            summary: summary.unwrap_or_default(),
            simplicity: simplicity.unwrap_or(99).clamp(0, 1000) as u32,
            base_score: base.unwrap_or(50),
            docs,
            ordering,
        };
        match out.iter_mut().find(|x| x.id == c.id) {
            Some(slot) => *slot = c,
            None => out.push(c),
        }
    }
    out
}

/// A candidate's `ordering:` (per_key, per_key_scales, global, source; all required).
fn read_ordering(r: &mut Reader, m: &mut Map) -> Option<OrderingCapability> {
    let (node, path) = r.field(m, "ordering")?;
    let mut o = r.map(node, &path)?;
    let per_key = r.string(&mut o, "per_key").map(|s| s.0);
    let per_key_scales = r.boolean(&mut o, "per_key_scales");
    let global = r.string(&mut o, "global").map(|s| s.0);
    let source = r.string(&mut o, "source").map(|s| s.0);
    r.finish(o);
    match (per_key, per_key_scales, global, source) {
        (Some(per_key), Some(per_key_scales), Some(global), Some(source)) => {
            Some(OrderingCapability {
                per_key,
                per_key_scales,
                global,
                source,
            })
        }
        _ => {
            r.problem(
                &path,
                node.loc,
                "an ordering needs per_key, per_key_scales (true or false), global and source",
            );
            None
        }
    }
}

/// The valid range of each limit the program itself computes with, and whether it must be a
/// whole number (it is used as a count or printed as one: a `viable_margin` of -1e308 printed
/// as -9223372036854775808). A limit only conditions read may be any finite number. The ranges
/// are wide: a pack may disagree with our figures, but not be nonsense.
const LIMIT_RANGES: &[(&str, f64, f64, bool)] = &[
    ("viable_margin", 0.0, 1000.0, true),
    ("low_traffic_peak_per_sec", 0.0, 1e9, false),
    ("aws_fanout_events_per_sec", 0.0, 1e9, false),
    ("aws_streaming_events_per_sec", 0.0, 1e9, false),
    ("aws_event_router_min_consumers", 0.0, 10_000.0, true),
    ("small_team_max_size", 0.0, 100_000.0, true),
    ("redis_stream_entry_overhead_bytes", 0.0, 1e6, true),
    ("redis_stream_node_overhead_bytes", 0.0, 1e6, true),
    ("redis_stream_allocator_rounding", 1.0, 10.0, false),
    ("redis_stream_node_max_bytes", 1.0, 1e9, true),
    ("redis_stream_node_max_entries", 1.0, 1e6, true),
    ("redis_stream_comfortable_bytes", 1.0, 1e15, true),
    ("bullmq_job_overhead_bytes", 0.0, 1e9, true),
    ("redis_stream_max_bytes", 1.0, 1e15, true),
    ("redis_pubsub_output_buffer_hard_bytes", 0.0, 1e15, true),
    ("redis_pubsub_output_buffer_soft_bytes", 0.0, 1e15, true),
    (
        "redis_pubsub_output_buffer_soft_seconds",
        0.0,
        31_536_000.0,
        false,
    ),
    ("redis_aof_everysec_loss_seconds", 0.0, 86_400.0, false),
    ("kafka_partition_produce_bytes_per_sec", 1.0, 1e12, false),
    ("kafka_partitions_per_broker_max", 1.0, 1e7, true),
    ("kafka_partitions_per_cluster_max", 1.0, 1e9, true),
    ("confluent_basic_ecku_partitions", 1.0, 1e9, true),
    ("confluent_basic_eckus_max", 1.0, 1e6, true),
    ("confluent_standard_ecku_partitions", 1.0, 1e9, true),
    ("confluent_standard_eckus_max", 1.0, 1e6, true),
    ("availability_zones", 1.0, 10.0, true),
    ("kafka_replication_factor", 1.0, 100.0, true),
    ("kafka_min_insync_replicas", 1.0, 100.0, true),
    ("kafka_storage_headroom", 1.0, 100.0, false),
    ("kafka_default_retention_hours", 0.0, 876_000.0, false),
    ("elasticache_reserved_memory_fraction", 0.0, 0.99, false),
];

/// Limits the tool once read, and the one that replaced each: a pack that still sets an old
/// name would otherwise add a limit nothing reads, and its figure would silently stop counting.
const RETIRED_LIMITS: &[(&str, &str)] = &[
    (
        "amazon_mq_brokers",
        "the RabbitMQ cluster's size is one limit now, `rabbitmq_cluster_nodes` (the guidance's quorum queues and every priced way to run it)",
    ),
    (
        "rabbitmq_self_hosted_nodes",
        "the RabbitMQ cluster's size is one limit now, `rabbitmq_cluster_nodes` (the guidance's quorum queues and every priced way to run it)",
    ),
    (
        "confluent_eckus_priced",
        "Confluent Cloud is sized in eCKUs from its per-eCKU limits now: `confluent_basic_ecku_ingress_bytes_per_sec`, `_ecku_egress_bytes_per_sec`, `_ecku_partitions`, `_eckus_max` (and the same for `confluent_standard_`)",
    ),
    (
        "confluent_basic_ingress_bytes_per_sec_max",
        "Basic's 100 MB/s is superseded: its limit is per eCKU now, `confluent_basic_ecku_ingress_bytes_per_sec` × `confluent_basic_eckus_max`",
    ),
    (
        "confluent_basic_partitions_max",
        "Basic's 2,048 partitions is superseded: its limit is per eCKU now, `confluent_basic_ecku_partitions` × `confluent_basic_eckus_max`",
    ),
];

fn read_limits(
    items: Vec<(String, Node, Origin)>,
    errors: &mut Vec<InputError>,
) -> BTreeMap<String, Limit> {
    let mut out = BTreeMap::new();
    for (name, node, origin) in items {
        let mut r = Reader::default();
        let path = format!("limits.{name}");
        if let Some((_, now)) = RETIRED_LIMITS.iter().find(|(old, _)| *old == name) {
            r.problem(&path, node.loc, format!("no longer read: {now}"));
            errors.push(InputError::sorted(&origin.file, r.problems));
            continue;
        }
        let Some(mut m) = r.map(&node, &path) else {
            errors.push(InputError::sorted(&origin.file, r.problems));
            continue;
        };
        let value = r.number(&mut m, "value");
        let value = match LIMIT_RANGES.iter().find(|l| l.0 == name) {
            Some(&(_, lo, hi, whole)) => r.check(
                value,
                &format!("{path}.value"),
                value.is_some_and(|v| (lo..=hi).contains(&v) && (!whole || v.fract() == 0.0)),
                &format!(
                    "must be {}{} to {}",
                    if whole { "a whole number from " } else { "" },
                    crate::fields::fmt_num(lo),
                    crate::fields::fmt_num(hi)
                ),
            ),
            None => value,
        };
        let unit = r.string(&mut m, "unit").map(|s| s.0);
        let source = r.string(&mut m, "source").map(|s| s.0);
        let note = r.string(&mut m, "note").map(|s| s.0);
        r.finish(m);
        if value.is_none() {
            r.problems.push(Problem::new(
                format!("{path}.value"),
                node.loc,
                "missing required key `value` (a number)",
            ));
        }
        if source.as_deref().is_none_or(|s| s.trim().is_empty()) {
            r.problems.push(Problem::new(
                format!("{path}.source"),
                node.loc,
                "missing required key `source`: say where the figure comes from",
            ));
        }
        if !r.problems.is_empty() {
            errors.push(InputError::sorted(&origin.file, r.problems));
            continue;
        }
        out.insert(
            name,
            Limit {
                value: value.unwrap_or_default(),
                unit: unit.unwrap_or_default(),
                source: source.unwrap_or_default(),
                note,
            },
        );
    }
    out
}

fn read_rule(
    raw: RawRule,
    env: &::cel::Env,
    shape: &serde_json::Value,
    candidates: &[&str],
    errors: &mut Vec<InputError>,
    rejected: &mut Vec<RejectedRule>,
) -> Option<Rule> {
    let mut r = Reader::default();
    let node = &raw.node;
    let mut m = r.map(node, "")?;
    let id = required(&mut r, &mut m, "id", node);
    let title = required(&mut r, &mut m, "title", node);
    let why = required(&mut r, &mut m, "why", node);
    let when_not = r.string(&mut m, "when_not").map(|s| s.0);
    let source = required(&mut r, &mut m, "source", node);
    let when = r.string(&mut m, "when");
    let _ = r.boolean(&mut m, "disabled");
    let effect = read_effect(&mut r, &mut m, candidates, node);
    let examples = read_examples(&mut r, &mut m, raw.file_of("examples"));
    r.finish(m);

    if let Some(id) = &id {
        let stem = Path::new(&raw.origin.file)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        if !is_kebab(id) {
            let loc = r.loc("id").unwrap_or_default();
            r.problems.push(Problem::new(
                "id",
                loc,
                format!("`{id}` must be kebab-case (a-z, 0-9, -)"),
            ));
        } else if stem != id {
            let loc = r.loc("id").unwrap_or_default();
            r.problems.push(Problem::new("id", loc, format!("the rule id `{id}` must match its file name (`{stem}.yaml`); rename one of them")));
        }
    }
    let mut compiled = None;
    match &when {
        None => r.required(
            "when",
            node.loc,
            "a CEL condition, e.g. `throughput.peak_per_sec < 100.0`",
        ),
        Some((src, loc, _)) => match celx::compile(env, src, shape) {
            Ok(c) => compiled = Some(c),
            Err(e) => {
                let mut at = *loc;
                if let Some(c) = e.column {
                    // Plain one-line conditions: point at the character. Block scalars start on the next line.
                    if !src.contains('\n') {
                        at.col += c.saturating_sub(1);
                    }
                }
                r.problems.push(Problem::new("when", at, e.message));
            }
        },
    }
    if !r.problems.is_empty() {
        let when_loc = node.get("when").map_or(node.loc, |n| n.loc);
        rejected.push(RejectedRule {
            examples: examples.clone().unwrap_or_default(),
            program: compiled.map(|c| c.0),
            when_at: (
                Origin {
                    file: raw.file_of("when").to_string(),
                    line: when_loc.line,
                },
                when_loc.col,
            ),
        });
        // Each problem is reported in the file that gave its key (an override keeps the rest).
        let mut by_file: BTreeMap<&str, Vec<Problem>> = BTreeMap::new();
        for p in r.problems {
            let key = p.path.split(['.', '[']).next().unwrap_or_default();
            by_file.entry(raw.file_of(key)).or_default().push(p);
        }
        for (file, problems) in by_file {
            errors.push(InputError::sorted(file, problems));
        }
        return None;
    }
    let (program, reads) = compiled?;
    Some(Rule {
        id: id?,
        title: title?,
        why: why?,
        when_not,
        source: source?,
        when: when?.0,
        effect: effect?,
        examples: examples?,
        origin: raw.origin,
        raw: raw.node,
        key_files: raw.key_files,
        program,
        reads,
    })
}

fn required(r: &mut Reader, m: &mut Map, key: &'static str, node: &Node) -> Option<String> {
    match r.string(m, key) {
        Some((s, _, _)) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Some((_, loc, path)) => {
            r.problems.push(Problem::new(
                path,
                loc,
                format!("`{key}` must not be empty"),
            ));
            None
        }
        None => {
            // Missing, or written with no value: either way the rule cannot be kept, so it is
            // named (a wrong type was reported by `string` already).
            r.required(key, node.loc, "every rule needs one");
            None
        }
    }
}

fn read_effect(r: &mut Reader, m: &mut Map, candidates: &[&str], rule: &Node) -> Option<Effect> {
    let before = r.problems.len();
    let mut e = r.section(m, "effect")?;
    let mut effect = Effect::default();
    if let Some((node, path)) = r.field(&mut e, "score") {
        match node.as_map() {
            Some(entries) => {
                for (k, v) in entries {
                    let p = format!("{path}.{}", k.name);
                    match v.kind {
                        Kind::Int(i) if (-1000..=1000).contains(&i) => {
                            effect.score.insert(k.name.clone(), i);
                        }
                        _ => r.problems.push(Problem::new(
                            p,
                            v.loc,
                            "expected a whole number from -1000 to 1000 (the score change)",
                        )),
                    }
                    check_candidate(r, &k.name, k.loc, &format!("{path}.{}", k.name), candidates);
                }
            }
            None => r.problems.push(Problem::new(
                path,
                node.loc,
                "expected a mapping of candidate ids to score changes, e.g. {kafka: -30}",
            )),
        }
    }
    for (key, slot) in [
        ("exclude", &mut effect.exclude),
        ("discourage", &mut effect.discourage),
        ("patterns", &mut effect.patterns),
        ("warning_for", &mut effect.warning_for),
    ] {
        for (name, loc, path) in r.string_list(&mut e, key) {
            check_candidate(r, &name, loc, &path, candidates);
            slot.push(name);
        }
    }
    effect.warning = r.boolean(&mut e, "warning").unwrap_or(false);
    effect.budget = r.boolean(&mut e, "budget").unwrap_or(false);
    effect.finding = r.boolean(&mut e, "finding").unwrap_or(false);
    effect.says = r.choice(&mut e, "says", Says::ALL);
    let at = |r: &Reader, key: &str| r.loc(&format!("effect.{key}")).unwrap_or(rule.loc);
    if !effect.warning_for.is_empty() && !effect.warning {
        let loc = at(r, "warning_for");
        r.problems.push(Problem::new(
            "effect.warning_for",
            loc,
            "`warning_for` says whom the warning is about: give `warning: true` too",
        ));
    }
    if effect.says == Some(Says::NoWayFits) && effect.discourage.is_empty() {
        let loc = at(r, "says");
        r.problems.push(Problem::new(
            "effect.says",
            loc,
            "`says: no-way-fits` speaks of the candidates the rule discourages: give `discourage` too",
        ));
    }
    let empty = e.entries.is_empty();
    r.finish(e);
    if empty && !r.locs.contains_key("effect") {
        r.problems.push(Problem::new(
            "effect",
            rule.loc,
            "missing required key `effect` (score, exclude, discourage, patterns, warning or finding)",
        ));
    } else if effect == Effect::default() {
        let loc = r.loc("effect").unwrap_or(rule.loc);
        r.problems.push(Problem::new(
            "effect",
            loc,
            "the effect does nothing: give score, exclude, discourage, patterns, warning: true or finding: true",
        ));
    }
    (r.problems.len() == before).then_some(effect)
}

fn check_candidate(r: &mut Reader, id: &str, loc: Loc, path: &str, candidates: &[&str]) {
    if !candidates.contains(&id) {
        let known = format!("; known: {}", candidates.join(", "));
        let hint = suggest(id, candidates.iter().copied(), &known);
        r.problems.push(Problem::new(
            path,
            loc,
            format!("unknown candidate `{id}`{hint}"),
        ));
    }
}

fn read_examples(r: &mut Reader, m: &mut Map, file: &str) -> Option<Vec<Example>> {
    let before = r.problems.len();
    let mut out = Vec::new();
    for (node, path) in r.list(m, "examples")? {
        let Some(mut e) = r.map(node, &path) else {
            continue;
        };
        let profile = r.field(&mut e, "profile").map(|(n, _)| n.clone());
        let fires = r.boolean(&mut e, "fires");
        r.finish(e);
        match (profile, fires) {
            (Some(profile), Some(fires)) if profile.as_map().is_some() => out.push(Example {
                profile,
                fires,
                file: file.to_string(),
                line: node.loc.line,
            }),
            (Some(p), Some(_)) => r.problems.push(Problem::new(
                format!("{path}.profile"),
                p.loc,
                "expected a mapping: the profile fields this example sets",
            )),
            _ => r.problems.push(Problem::new(
                &path,
                node.loc,
                "an example needs `profile:` (a mapping) and `fires:` (true or false)",
            )),
        }
    }
    (r.problems.len() == before).then_some(out)
}

impl RuleSet {
    /// The profile an example runs against: the example base with the example's fields merged on.
    pub fn example_profile(&self, example: &Example) -> Node {
        let mut base = self.example_base.clone();
        base.merge(&example.profile);
        base
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every range names a built-in limit (a misspelt name would check nothing), and the built-in
    /// values are within them (else the built-in rules would not load).
    #[test]
    fn limit_ranges_name_the_built_in_limits() {
        let set = RuleSet::builtin().unwrap();
        for (name, ..) in LIMIT_RANGES {
            assert!(set.limits.contains_key(*name), "{name}");
        }
    }
}
