//! The profile `ask` produced, as commented YAML (each key with a short comment), and the file
//! names it is written under. The write itself, whole or not at all and never over an existing
//! file without `--force`, is `crate::output`'s.

use crate::profile::Profile;
use crate::yaml::{Kind, Node};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The short comment written after each key, by dotted path (list items share their list's
/// path: `events.domain`). A test checks that every field of the profile schema has one.
pub const COMMENTS: &[(&str, &str)] = &[
    ("version", "profile schema version"),
    ("name", "titles reports and names the default topic"),
    ("description", "what flows, in a sentence"),
    ("throughput", "how much flows"),
    (
        "throughput.peak_per_sec",
        "messages per second at the busiest minute",
    ),
    (
        "throughput.avg_per_sec",
        "messages per second on average; at most the peak",
    ),
    ("throughput.message_bytes", "bytes per message"),
    (
        "throughput.growth_factor",
        "growth over the planning horizon; 1 = none",
    ),
    ("consumers", "who reads the messages"),
    (
        "consumers.groups",
        "services that each need EVERY message; 1 = a work queue",
    ),
    (
        "consumers.processing_ms",
        "time one consumer spends on one message",
    ),
    (
        "consumers.max_stall_minutes",
        "how long consumers may be stalled or down; the backlog held meanwhile",
    ),
    ("delivery", "what delivery must guarantee"),
    ("delivery.loss_ok", "true when a lost message does no harm"),
    ("delivery.ordering", "none | per-key | global"),
    ("delivery.max_latency_ms", "end-to-end latency target"),
    ("replay", "reading history again"),
    ("replay.needed", "consumers must be able to re-read history"),
    (
        "replay.retention_days",
        "how far back, in days (when needed)",
    ),
    ("jobs", "work-queue features the workload needs"),
    ("jobs.retries", "retry failed jobs"),
    ("jobs.delays", "run a job later"),
    ("jobs.priorities", "urgent jobs jump the queue"),
    ("jobs.rate_limit", "rate-limit jobs"),
    ("jobs.scheduled", "repeatable or cron jobs"),
    ("source", "where messages are born"),
    (
        "source.db_transaction",
        "born inside a database transaction",
    ),
    ("source.database", "postgres | mysql | other"),
    ("team", "who would operate it"),
    ("team.size", "engineers who would operate it"),
    ("team.kafka_experience", "none | some | expert"),
    (
        "team.managed_only",
        "managed services only, no self-hosted brokers",
    ),
    ("team.hourly_usd", "cost of one engineer-hour, USD"),
    ("platform", "where it runs, and what is already there"),
    ("platform.cloud", "aws | gcp | azure | on-prem | other"),
    (
        "platform.languages",
        "runtimes of producers and consumers; any lowercase name",
    ),
    (
        "platform.existing",
        "systems already run in production; any lowercase name",
    ),
    ("budget", "money"),
    ("budget.monthly_usd", "monthly infrastructure budget, USD"),
    ("events", "what flows, for topic names"),
    ("events.domain", "business domain"),
    ("events.action", "what happened, past tense"),
    ("events.key", "partition key: what must stay in order"),
    (
        "decision",
        "the team's chosen system; `msgadvisor check` tests it",
    ),
    ("waivers", "accepted exceptions for `msgadvisor check`"),
    ("waivers.rule", "the rule id"),
    ("waivers.reason", "why it is accepted"),
    ("waivers.expires", "YYYY-MM-DD; after it the waiver lapses"),
];

fn comment(path: &str) -> Option<&'static str> {
    COMMENTS.iter().find(|(p, _)| *p == path).map(|(_, c)| *c)
}

/// Comments start at this column when the key and value leave room; otherwise two spaces after.
const COMMENT_COLUMN: usize = 32;

/// The default file name for a profile: `<name>.msgadvisor.yaml`, the name made safe for a file
/// (lowercase letters, digits, `-`, `_` and `.`). The `.msgadvisor.yaml` suffix says what the
/// file is, lets editors map the schema to it by glob, and keeps it apart from other YAML.
pub fn default_file_name(profile_name: &str) -> String {
    let mut slug = String::new();
    for c in profile_name.trim().chars().flat_map(char::to_lowercase) {
        let c = if c.is_ascii_alphanumeric() || c == '_' || c == '.' {
            c
        } else {
            '-'
        };
        if !(c == '-' && (slug.is_empty() || slug.ends_with('-'))) {
            slug.push(c);
        }
    }
    let slug = slug.trim_matches(['-', '.']);
    let slug = if slug.is_empty() { "profile" } else { slug };
    format!("{slug}.msgadvisor.yaml")
}

/// The first of `name-2.yaml`, `name-3.yaml`, … that does not exist (`x.msgadvisor.yaml` →
/// `x-2.msgadvisor.yaml`).
pub fn next_free_name(path: &Path) -> PathBuf {
    let file = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| "profile.yaml".into());
    let (stem, ext) = if let Some(stem) = file.strip_suffix(".msgadvisor.yaml") {
        (stem.to_string(), ".msgadvisor.yaml".to_string())
    } else if let Some(i) = file.rfind('.').filter(|&i| i > 0) {
        (file[..i].to_string(), file[i..].to_string())
    } else {
        (file.clone(), String::new())
    };
    (2..)
        .map(|n| path.with_file_name(format!("{stem}-{n}{ext}")))
        .find(|p| !p.exists())
        .expect("some numbered name is free")
}

/// Why the profile cannot be written at `path`, when that is clear before writing: it names a
/// directory, or its directory is missing or a file. (A missing directory is refused, not
/// created: it is more often a typo than a wish.)
pub fn unwritable(path: &Path) -> Option<String> {
    if path.is_dir() {
        return Some(format!(
            "{} is a directory; give a file name",
            path.display()
        ));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => return None,
    };
    if dir.is_dir() {
        return None;
    }
    // The nearest ancestor that exists tells a file in the way from a folder not made yet.
    match dir
        .ancestors()
        .find(|a| a.as_os_str().is_empty() || a.exists())
    {
        Some(a) if !a.as_os_str().is_empty() && !a.is_dir() => {
            Some(format!("{} is not a directory", a.display()))
        }
        _ => Some(format!(
            "the directory {} does not exist; create it first",
            dir.display()
        )),
    }
}

/// The profile as commented YAML. `file` is the name it is written under (for the commands in
/// the header); `schema` is the `$schema` reference for yaml-language-server, if the user gave
/// one. The text loads back into the same profile (a property test holds it to that).
///
/// Fails when the profile, written out, would be too large to read back (`profile_tree`).
pub fn render(
    profile: &Profile,
    file: &str,
    schema: Option<&str>,
) -> Result<String, crate::diag::InputError> {
    let mut out = String::new();
    if let Some(schema) = schema {
        let _ = writeln!(out, "# yaml-language-server: $schema={schema}");
    }
    let _ = writeln!(
        out,
        "# Workload profile for msgadvisor (profile schema version {}), written by `msgadvisor ask`.",
        crate::profile::SUPPORTED_VERSION
    );
    let _ = writeln!(out, "#   the advice:     msgadvisor recommend {file}");
    let _ = writeln!(
        out,
        "#   revise it:      msgadvisor ask --from {file} --output {file} --force"
    );
    if schema.is_none() {
        let _ = writeln!(
            out,
            "# For completion in editors, save the schema with `msgadvisor schema > profile.schema.json`"
        );
        let _ = writeln!(
            out,
            "# and make this the first line: `# yaml-language-server: $schema=profile.schema.json`."
        );
    }
    out.push('\n');
    // `flow` refused a `--from` profile too large for this, but answers (a long description)
    // can still push one over.
    let tree = super::profile_tree(profile, file, "written")?;
    let Kind::Map(entries) = &tree.kind else {
        unreachable!("a profile serialises to a mapping")
    };
    // A blank line around each section; scalars at the top (version, name, decision) stay together.
    let mut previous_block = false;
    for (i, (key, value)) in entries.iter().enumerate() {
        if is_empty_map(value) {
            continue;
        }
        let block = matches!(value.kind, Kind::Map(_) | Kind::Seq(_)) && !is_scalar_list(value);
        if i > 0 && (block || previous_block) {
            out.push('\n');
        }
        previous_block = block;
        entry(&mut out, 0, &key.name, &key.name, value, true);
    }
    Ok(out)
}

fn is_empty_map(n: &Node) -> bool {
    matches!(&n.kind, Kind::Map(e) if e.is_empty())
}

fn is_scalar_list(n: &Node) -> bool {
    matches!(&n.kind, Kind::Seq(items) if items.iter().all(|i| !matches!(i.kind, Kind::Map(_) | Kind::Seq(_))))
}

/// Writes `key: value` at `indent`, with its comment when `comments` (the first item of a list
/// of mappings carries them; later items would only repeat them).
fn entry(out: &mut String, indent: usize, key: &str, path: &str, value: &Node, comments: bool) {
    let pad = " ".repeat(indent);
    let c = comments.then(|| comment(path)).flatten();
    match &value.kind {
        Kind::Map(entries) => {
            line(out, format!("{pad}{key}:"), c);
            for (k, v) in entries {
                if is_empty_map(v) {
                    continue;
                }
                entry(
                    out,
                    indent + 2,
                    &k.name,
                    &format!("{path}.{}", k.name),
                    v,
                    comments,
                );
            }
        }
        Kind::Seq(items) if is_scalar_list(value) => {
            let items: Vec<String> = items.iter().map(|i| scalar(i, true)).collect();
            line(out, format!("{pad}{key}: [{}]", items.join(", ")), c);
        }
        Kind::Seq(items) => {
            line(out, format!("{pad}{key}:"), c);
            for (i, item) in items.iter().enumerate() {
                let Kind::Map(fields) = &item.kind else {
                    continue;
                };
                for (j, (k, v)) in fields.iter().enumerate() {
                    let lead = if j == 0 { "- " } else { "  " };
                    let text = format!("{pad}  {lead}{}: {}", k.name, scalar(v, false));
                    let c = (comments && i == 0)
                        .then(|| comment(&format!("{path}.{}", k.name)))
                        .flatten();
                    line(out, text, c);
                }
            }
        }
        _ => line(out, format!("{pad}{key}: {}", scalar(value, false)), c),
    }
}

fn line(out: &mut String, text: String, comment: Option<&str>) {
    out.push_str(&text);
    if let Some(c) = comment {
        let width = text.chars().count();
        let gap = if width + 2 <= COMMENT_COLUMN {
            COMMENT_COLUMN - width
        } else {
            2
        };
        out.push_str(&" ".repeat(gap));
        out.push_str("# ");
        out.push_str(c);
    }
    out.push('\n');
}

/// A scalar as YAML text: plain when it reads back as the same string, else double-quoted
/// (JSON's escapes are valid in YAML's double-quoted style).
fn scalar(n: &Node, in_flow: bool) -> String {
    match &n.kind {
        Kind::Null => "null".into(),
        Kind::Bool(b) => b.to_string(),
        Kind::Int(i) => i.to_string(),
        Kind::Float(f) => crate::fields::fmt_num(*f),
        Kind::Str(s) if plain_ok(s, in_flow) => s.clone(),
        Kind::Str(s) => serde_json::to_string(s).expect("strings serialise"),
        Kind::Seq(_) | Kind::Map(_) => unreachable!("only scalars here"),
    }
}

/// Whether `s` can be written unquoted: simple characters only, no word another YAML reader
/// takes for a boolean or null, and it must read back as itself.
fn plain_ok(s: &str, in_flow: bool) -> bool {
    let first_ok = s.chars().next().is_some_and(|c| c.is_alphabetic());
    let chars_ok = s.chars().all(|c| {
        c.is_alphanumeric()
            || matches!(c, '_' | '-' | '.' | '/')
            || (!in_flow && matches!(c, ' ' | ',' | ';' | '(' | ')' | '\'' | '!' | '?'))
    });
    const YAML_1_1_WORDS: &[&str] = &["y", "n", "yes", "no", "on", "off", "true", "false", "null"];
    if !first_ok
        || !chars_ok
        || s.ends_with(' ')
        || YAML_1_1_WORDS.contains(&s.to_lowercase().as_str())
    {
        return false;
    }
    let probe = if in_flow {
        format!("k: [{s}]")
    } else {
        format!("k: {s}")
    };
    let Ok(tree) = crate::yaml::parse(&probe) else {
        return false;
    };
    let value = tree.get("k");
    let value = if in_flow {
        match value.map(|v| &v.kind) {
            Some(Kind::Seq(items)) if items.len() == 1 => Some(&items[0]),
            _ => None,
        }
    } else {
        value
    };
    value.is_some_and(|v| v.kind == Kind::Str(s.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_come_from_the_profile_name() {
        assert_eq!(
            default_file_name("order-events"),
            "order-events.msgadvisor.yaml"
        );
        assert_eq!(
            default_file_name("Order Events / EU"),
            "order-events-eu.msgadvisor.yaml"
        );
        assert_eq!(default_file_name("../../etc"), "etc.msgadvisor.yaml");
        assert_eq!(default_file_name("///"), "profile.msgadvisor.yaml");
    }

    #[test]
    fn plain_scalars_only_when_they_read_back_the_same() {
        let s = |v: &str| scalar(&Node::new(Kind::Str(v.into())), false);
        assert_eq!(s("order-events"), "order-events");
        assert_eq!(s("Orders placed in the shop"), "Orders placed in the shop");
        assert_eq!(
            s("Orders, by billing (and fulfilment)"),
            "Orders, by billing (and fulfilment)"
        );
        assert_eq!(s("yes"), "\"yes\"");
        assert_eq!(s("null"), "\"null\"");
        assert_eq!(s("123"), "\"123\"");
        assert_eq!(s("a: b"), "\"a: b\"");
        assert_eq!(s("say \"hi\" # now"), "\"say \\\"hi\\\" # now\"");
        let f = |v: &str| scalar(&Node::new(Kind::Str(v.into())), true);
        assert_eq!(f("go"), "go");
        assert_eq!(f("a b"), "\"a b\"");
    }

    #[test]
    fn next_free_name_keeps_the_suffix() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.msgadvisor.yaml");
        assert_eq!(next_free_name(&p), dir.path().join("x-2.msgadvisor.yaml"));
        std::fs::write(dir.path().join("x-2.msgadvisor.yaml"), "").unwrap();
        assert_eq!(next_free_name(&p), dir.path().join("x-3.msgadvisor.yaml"));
        assert_eq!(
            next_free_name(&dir.path().join("p.yaml")),
            dir.path().join("p-2.yaml")
        );
    }

    #[test]
    fn a_file_cannot_go_under_a_file_or_be_a_directory() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f");
        std::fs::write(&file, "").unwrap();
        assert!(
            unwritable(&file.join("a.yaml"))
                .unwrap()
                .contains("not a directory")
        );
        assert!(unwritable(dir.path()).unwrap().contains("is a directory"));
        assert!(
            unwritable(&dir.path().join("new/dir/a.yaml"))
                .unwrap()
                .contains("new/dir does not exist; create it first"),
            "missing directories are refused, not created"
        );
        assert_eq!(unwritable(&dir.path().join("a.yaml")), None);
    }
}
