//! Running the questions: asks each one that applies through a [`Prompter`], turns the answer
//! into a YAML value, and checks it with the profile loader, the same code that reads profile
//! files. A rejected answer is re-asked with the loader's message. The result is a `Profile`.
//!
//! The prompting itself is behind the [`Prompter`] trait, so the whole flow runs in tests with
//! scripted answers ([`Scripted`]) and for real with dialoguer (`terminal.rs`).

use super::questions::{DefaultAnswer, Kind, QUESTIONS, Question, When};
use crate::diag::{InputError, Problem};
use crate::profile::Profile;
use crate::yaml::{Key, Kind as Yaml, Loc, Node};
use std::collections::{BTreeMap, HashSet, VecDeque};
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// What the user sees of a question.
#[derive(Clone, Copy, Debug)]
pub struct Ask<'a> {
    /// The question id (scripted prompters and transcripts use it).
    pub id: &'a str,
    pub prompt: &'a str,
    pub help: &'a str,
}

/// One option of a choice: the value and the words shown for it.
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

/// The seam between the questions and whatever asks them.
///
/// Each method returns what the user chose. `text` returns the default when the user just
/// presses Enter (or "" when there is none). An `io::ErrorKind::Interrupted` error means the
/// user cancelled (Ctrl-C).
pub trait Prompter {
    fn text(&mut self, ask: &Ask, default: Option<&str>) -> io::Result<String>;
    fn yes_no(&mut self, ask: &Ask, default: bool) -> io::Result<bool>;
    fn select(&mut self, ask: &Ask, options: &[Choice], default: usize) -> io::Result<usize>;
    fn multi_select(
        &mut self,
        ask: &Ask,
        options: &[Choice],
        checked: &[bool],
    ) -> io::Result<Vec<usize>>;
    /// A group of questions starts.
    fn section(&mut self, title: &str);
    /// The last answer was not accepted, and why; the question is asked again.
    fn problem(&mut self, message: &str);
    /// Output for the user: the recommendation.
    fn show(&mut self, text: &str);
    /// False when nobody is there to answer (`--defaults`): a rejected answer is then an error
    /// rather than a question asked again, and an existing file is refused, not renamed.
    fn is_interactive(&self) -> bool;
}

/// Why the questionnaire did not produce a profile.
#[derive(Debug)]
pub enum AskError {
    /// The user pressed Ctrl-C.
    Cancelled,
    /// The prompts failed (terminal closed, scripted answers ran out, ...).
    Prompt(io::Error),
    /// An answer nobody can correct (non-interactive), or a profile that does not load.
    Invalid(InputError),
}

impl fmt::Display for AskError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AskError::Cancelled => write!(f, "cancelled; no profile was written"),
            AskError::Prompt(e) => {
                write!(f, "the questionnaire stopped ({e}); no profile was written")
            }
            AskError::Invalid(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for AskError {}

impl From<io::Error> for AskError {
    fn from(e: io::Error) -> Self {
        if e.kind() == io::ErrorKind::Interrupted {
            AskError::Cancelled
        } else {
            AskError::Prompt(e)
        }
    }
}

/// What the questionnaire produced.
#[derive(Debug)]
pub struct Answers {
    pub profile: Profile,
    /// Warnings from the loader (e.g. a runtime name the rules don't know).
    pub warnings: Vec<Problem>,
}

/// The name shown for answers in messages from the loader.
const ANSWERS: &str = "<answers>";

/// Asks every question that applies and returns the profile they describe. `from` pre-fills
/// every default (and keeps fields no question covers, such as waivers); `candidates` are the
/// `(id, name)` pairs the decision question offers.
pub fn run(
    p: &mut dyn Prompter,
    from: Option<&Profile>,
    candidates: &[(String, String)],
) -> Result<Answers, AskError> {
    let mut tree = match from {
        Some(profile) => {
            super::profile_tree(profile, "--from", "revised").map_err(AskError::Invalid)?
        }
        None => map(vec![("version", Node::new(Yaml::Int(1)))]),
    };
    // The value of every question so far, asked or not, for the conditions of later ones.
    let mut values: BTreeMap<&str, Node> = BTreeMap::new();
    let mut section = "";
    for q in QUESTIONS {
        if !applies(q.when, &values) {
            values.insert(q.id, current(q, &tree));
            continue;
        }
        if q.section != section {
            p.section(q.section);
            section = q.section;
        }
        let help = match q.kind.range_text() {
            Some(range) => format!("{} ({range})", q.help),
            None => q.help.to_string(),
        };
        let ask = Ask {
            id: q.id,
            prompt: q.prompt,
            help: &help,
        };
        loop {
            let problems = match answer(p, &ask, q, &tree, candidates)? {
                Ok(value) => {
                    let mut trial = tree.clone();
                    if let Some(path) = q.path {
                        set(&mut trial, path, value.clone());
                    }
                    let problems = problems_at(&trial, q.path);
                    if problems.is_empty() {
                        tree = trial;
                        // A question with no field of its own only opens its follow-ups
                        // ("topic names?"): no closes them, and clears what they held.
                        if q.path.is_none()
                            && value.as_ref().is_some_and(|v| v.kind == Yaml::Bool(false))
                        {
                            for follow_up in QUESTIONS.iter().filter(|f| f.when == When::Yes(q.id))
                            {
                                if let Some(path) = follow_up.path {
                                    set(&mut tree, path, None);
                                }
                            }
                        }
                        values.insert(q.id, value.unwrap_or(Node::new(Yaml::Null)));
                        break;
                    }
                    problems
                }
                Err(message) => vec![Problem::new(
                    q.path.unwrap_or(q.id),
                    Loc::default(),
                    message,
                )],
            };
            if !p.is_interactive() {
                return Err(AskError::Invalid(InputError {
                    file: ANSWERS.into(),
                    problems,
                }));
            }
            for problem in &problems {
                p.problem(&problem.message);
            }
        }
    }
    let (profile, _, warnings) =
        crate::profile::load_node(&tree, ANSWERS).map_err(AskError::Invalid)?;
    Ok(Answers { profile, warnings })
}

/// Asks for another file name after writing to `failed` did not happen, for the `reason`
/// given (it exists, or it could not be written): offers the next free `name-2.yaml`, and
/// re-asks while the answer exists too or cannot be written.
pub fn ask_file_name(
    p: &mut dyn Prompter,
    failed: &Path,
    reason: &str,
) -> Result<PathBuf, AskError> {
    let suggestion = super::write::next_free_name(failed);
    let prompt = format!("{reason}. Save the profile as");
    let help =
        "Nothing is overwritten unless you run again with --force. Enter accepts the suggestion.";
    let ask = Ask {
        id: "output",
        prompt: &prompt,
        help,
    };
    loop {
        let answer = p.text(&ask, Some(&suggestion.to_string_lossy()))?;
        let answer = answer.trim();
        let path = if answer.is_empty() {
            suggestion.clone()
        } else {
            PathBuf::from(answer)
        };
        let problem = if path.exists() {
            format!("{} exists too; choose another name", path.display())
        } else if let Some(why) = super::write::unwritable(&path) {
            why
        } else {
            return Ok(path);
        };
        if !p.is_interactive() {
            return Err(AskError::Prompt(io::Error::new(
                io::ErrorKind::AlreadyExists,
                problem,
            )));
        }
        p.problem(&problem);
    }
}

fn applies(when: When, values: &BTreeMap<&str, Node>) -> bool {
    match when {
        When::Always => true,
        When::Yes(id) => values.get(id).is_some_and(|n| n.kind == Yaml::Bool(true)),
        When::Equals(id, want) => values.get(id).is_some_and(|n| match n.kind {
            Yaml::Int(i) => i as f64 == want,
            Yaml::Float(f) => f == want,
            _ => false,
        }),
    }
}

/// The value a question starts from: what the tree holds (from `--from` or an earlier answer),
/// else its default.
fn current(q: &Question, tree: &Node) -> Node {
    if q.id == "topic_names" {
        let has_events = get(tree, "events")
            .is_some_and(|n| matches!(&n.kind, Yaml::Seq(items) if !items.is_empty()));
        return Node::new(Yaml::Bool(has_events));
    }
    if let Some(found) = q.path.and_then(|path| get(tree, path)) {
        return found.clone();
    }
    Node::new(match q.default {
        DefaultAnswer::Number(n) => number_kind(n),
        DefaultAnswer::Bool(b) => Yaml::Bool(b),
        DefaultAnswer::Text(s) => Yaml::Str(s.to_string()),
        DefaultAnswer::Nothing => Yaml::Null,
    })
}

/// One answer, as the value to store (`None`: leave the field unset), or a message saying why
/// the text could not be read.
type Answer = Result<Option<Node>, String>;

fn answer(
    p: &mut dyn Prompter,
    ask: &Ask,
    q: &Question,
    tree: &Node,
    candidates: &[(String, String)],
) -> io::Result<Answer> {
    let now = current(q, tree);
    Ok(match &q.kind {
        Kind::Number {
            integer, optional, ..
        } => {
            let default = match now.kind {
                Yaml::Int(i) => Some(i.to_string()),
                Yaml::Float(f) => Some(crate::fields::fmt_num(f)),
                _ => None,
            };
            let text = p.text(ask, default.as_deref())?;
            let text = text.trim();
            if text.is_empty() || (*optional && text.eq_ignore_ascii_case("none")) {
                if *optional {
                    Ok(None)
                } else {
                    Err("an answer is needed here".to_string())
                }
            } else {
                parse_number(text, *integer).map(|n| Some(Node::new(number_kind(n))))
            }
        }
        Kind::Text { optional } => {
            let default = now.as_str().map(str::to_string);
            let text = p.text(ask, default.as_deref())?;
            let text = text.trim();
            if *optional && (text.is_empty() || text.eq_ignore_ascii_case("none")) {
                Ok(None)
            } else {
                Ok(Some(Node::new(Yaml::Str(text.to_string()))))
            }
        }
        Kind::YesNo => {
            let default = now.kind == Yaml::Bool(true);
            let yes = p.yes_no(ask, default)?;
            Ok(Some(Node::new(Yaml::Bool(yes))))
        }
        Kind::Choice { options, optional } => {
            let mut choices: Vec<Choice> = options
                .iter()
                .map(|o| Choice {
                    value: o.value.into(),
                    label: o.label.into(),
                })
                .collect();
            if *optional {
                choices.push(Choice {
                    value: String::new(),
                    label: "Leave it unset".into(),
                });
            }
            let want = now.as_str().unwrap_or("");
            let default = choices
                .iter()
                .position(|c| c.value == want)
                .unwrap_or(choices.len() - 1);
            let i = p.select(ask, &choices, default)?;
            let value = &choices[i.min(choices.len() - 1)].value;
            Ok((!value.is_empty()).then(|| Node::new(Yaml::Str(value.clone()))))
        }
        Kind::Flags(options) => {
            let checked: Vec<bool> = options
                .iter()
                .map(|o| {
                    let path = format!("{}.{}", q.path.unwrap_or(q.id), o.value);
                    get(tree, &path).is_some_and(|n| n.kind == Yaml::Bool(true))
                })
                .collect();
            let choices: Vec<Choice> = options
                .iter()
                .map(|o| Choice {
                    value: o.value.into(),
                    label: o.label.into(),
                })
                .collect();
            let picked = p.multi_select(ask, &choices, &checked)?;
            Ok(Some(map(options
                .iter()
                .enumerate()
                .map(|(i, o)| (o.value, Node::new(Yaml::Bool(picked.contains(&i)))))
                .collect())))
        }
        Kind::Names(known) => {
            let had: Vec<String> = match &now.kind {
                Yaml::Seq(items) => items
                    .iter()
                    .filter_map(|n| n.as_str().map(str::to_string))
                    .collect(),
                _ => Vec::new(),
            };
            // Sets, not list searches: `--from` may bring a long list (linear, not quadratic).
            let had_set: HashSet<&str> = had.iter().map(String::as_str).collect();
            let mut names: Vec<String> = known.iter().map(|s| s.to_string()).collect();
            let known_set: HashSet<&str> = known.iter().copied().collect();
            names.extend(
                had.iter()
                    .filter(|h| !known_set.contains(h.as_str()))
                    .cloned(),
            );
            let checked: Vec<bool> = names.iter().map(|n| had_set.contains(n.as_str())).collect();
            let choices: Vec<Choice> = names
                .iter()
                .map(|n| Choice {
                    value: n.clone(),
                    label: n.clone(),
                })
                .collect();
            let picked = p.multi_select(ask, &choices, &checked)?;
            let picked: HashSet<&str> = picked
                .iter()
                .filter_map(|&i| names.get(i))
                .map(String::as_str)
                .collect();
            // Names kept from before stay in their order; new ones follow in list order.
            let kept = had.iter().filter(|h| picked.contains(h.as_str()));
            let added = names
                .iter()
                .filter(|n| picked.contains(n.as_str()) && !had_set.contains(n.as_str()));
            Ok(Some(Node::new(Yaml::Seq(
                kept.chain(added)
                    .map(|n| Node::new(Yaml::Str(n.clone())))
                    .collect(),
            ))))
        }
        Kind::Events => {
            let default = events_text(&now);
            let text = p.text(ask, (!default.is_empty()).then_some(default.as_str()))?;
            let text = text.trim();
            if text.is_empty() || text.eq_ignore_ascii_case("none") {
                Ok(None)
            } else {
                parse_events(text).map(Some)
            }
        }
        Kind::Decision => {
            let mut choices = vec![Choice {
                value: String::new(),
                label: "Not yet".into(),
            }];
            choices.extend(candidates.iter().map(|(id, name)| Choice {
                value: id.clone(),
                label: format!("{name} ({id})"),
            }));
            let want = now.as_str().unwrap_or("");
            let default = choices.iter().position(|c| c.value == want).unwrap_or(0);
            let i = p.select(ask, &choices, default)?;
            let value = &choices[i.min(choices.len() - 1)].value;
            Ok((!value.is_empty()).then(|| Node::new(Yaml::Str(value.clone()))))
        }
    })
}

/// Reads a number as people type it: `400`, `0.5`, `1e3`, `2_000` or `2,000` (thousands).
fn parse_number(text: &str, integer: bool) -> Result<f64, String> {
    let plain = text.replace('_', "");
    let plain = if is_thousands(&plain) {
        plain.replace(',', "")
    } else {
        plain
    };
    match plain.parse::<f64>() {
        Ok(n) if n.is_finite() => Ok(n),
        _ => Err(format!(
            "`{text}` is not a number; answer with digits, e.g. {}",
            if integer { "3" } else { "400 or 0.5" }
        )),
    }
}

/// `1,000` or `12,345,678.5`: commas only between groups of three digits, so `1,5` (a decimal
/// comma) is not silently read as fifteen.
fn is_thousands(s: &str) -> bool {
    let int = s.split('.').next().unwrap_or("");
    let groups: Vec<&str> = int.trim_start_matches('-').split(',').collect();
    groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3)
        && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()))
}

fn number_kind(n: f64) -> Yaml {
    if n.fract() == 0.0 && n.abs() < 9e15 {
        Yaml::Int(n as i64)
    } else {
        Yaml::Float(n)
    }
}

/// `order.placed:order_id, order.paid` → a list of events.
fn parse_events(text: &str) -> Result<Node, String> {
    let mut items = Vec::new();
    for part in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let (name, key) = match part.split_once(':') {
            Some((name, key)) => (name.trim(), Some(key.trim())),
            None => (part, None),
        };
        let Some((domain, action)) = name.rsplit_once('.') else {
            return Err(format!(
                "`{part}` needs a domain and an action, as domain.action: e.g. order.placed"
            ));
        };
        let (domain, action) = (domain.trim(), action.trim());
        if domain.is_empty() || action.is_empty() || key.is_some_and(str::is_empty) {
            return Err(format!(
                "`{part}` is incomplete; write domain.action or domain.action:key, e.g. order.placed:order_id"
            ));
        }
        let mut fields = vec![
            ("domain", Node::new(Yaml::Str(domain.into()))),
            ("action", Node::new(Yaml::Str(action.into()))),
        ];
        if let Some(key) = key {
            fields.push(("key", Node::new(Yaml::Str(key.into()))));
        }
        items.push(map(fields));
    }
    Ok(Node::new(Yaml::Seq(items)))
}

/// The events of a tree as the text the events question takes.
fn events_text(events: &Node) -> String {
    let Yaml::Seq(items) = &events.kind else {
        return String::new();
    };
    items
        .iter()
        .map(|e| {
            let field = |k: &str| e.get(k).and_then(Node::as_str).unwrap_or("");
            match e.get("key").and_then(Node::as_str) {
                Some(key) => format!("{}.{}:{key}", field("domain"), field("action")),
                None => format!("{}.{}", field("domain"), field("action")),
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The loader's problems with the field at `path` (or inside it). Problems elsewhere, such as
/// a required field not asked yet, are for later questions.
fn problems_at(tree: &Node, path: Option<&str>) -> Vec<Problem> {
    let Some(path) = path else {
        return Vec::new();
    };
    match crate::profile::load_node(tree, ANSWERS) {
        Ok(_) => Vec::new(),
        Err(e) => e
            .problems
            .into_iter()
            .filter(|p| {
                p.path == path
                    || p.path.starts_with(&format!("{path}."))
                    || p.path.starts_with(&format!("{path}["))
            })
            .collect(),
    }
}

fn map(fields: Vec<(&str, Node)>) -> Node {
    Node::new(Yaml::Map(
        fields
            .into_iter()
            .map(|(k, v)| {
                (
                    Key {
                        name: k.to_string(),
                        loc: Loc::default(),
                    },
                    v,
                )
            })
            .collect(),
    ))
}

/// The node at a dotted path.
fn get<'a>(tree: &'a Node, path: &str) -> Option<&'a Node> {
    path.split('.')
        .try_fold(tree, |node, key| node.get(key))
        .filter(|n| n.kind != Yaml::Null)
}

/// Sets (or with `None` removes) the node at a dotted path, creating mappings on the way.
fn set(tree: &mut Node, path: &str, value: Option<Node>) {
    let (parent, last) = match path.rsplit_once('.') {
        Some((parent, last)) => (Some(parent), last),
        None => (None, path),
    };
    let mut node = tree;
    for key in parent.into_iter().flat_map(|p| p.split('.')) {
        if !matches!(node.kind, Yaml::Map(_)) {
            node.kind = Yaml::Map(Vec::new());
        }
        let Yaml::Map(entries) = &mut node.kind else {
            unreachable!()
        };
        let i = match entries.iter().position(|(k, _)| k.name == key) {
            Some(i) => i,
            None => {
                entries.push((
                    Key {
                        name: key.to_string(),
                        loc: Loc::default(),
                    },
                    Node::new(Yaml::Map(Vec::new())),
                ));
                entries.len() - 1
            }
        };
        node = &mut entries[i].1;
    }
    if !matches!(node.kind, Yaml::Map(_)) {
        node.kind = Yaml::Map(Vec::new());
    }
    let Yaml::Map(entries) = &mut node.kind else {
        unreachable!()
    };
    let at = entries.iter().position(|(k, _)| k.name == last);
    match (at, value) {
        (Some(i), Some(v)) => entries[i].1 = v,
        (Some(i), None) => {
            entries.remove(i);
        }
        (None, Some(v)) => entries.push((
            Key {
                name: last.to_string(),
                loc: Loc::default(),
            },
            v,
        )),
        (None, None) => {}
    }
}

/// A prompter that answers from a script, for tests, or with every default (`--defaults`).
///
/// Script lines, one per question asked: `""` accepts the default (Enter); text questions take
/// the text; yes/no questions take `y`/`yes`/`n`/`no`; choices take the option's value;
/// multi-selects take a comma-separated list of values, or `-` for none.
#[derive(Debug, Default)]
pub struct Scripted {
    answers: VecDeque<String>,
    accept_defaults: bool,
    /// What happened, in order: `? id`, `! problem`, `# section`.
    pub transcript: Vec<String>,
    /// Everything passed to `show`.
    pub shown: String,
}

impl Scripted {
    /// Answers in order; running out of answers is an error (a test that asks too much).
    pub fn new<S: Into<String>>(answers: impl IntoIterator<Item = S>) -> Self {
        Scripted {
            answers: answers.into_iter().map(Into::into).collect(),
            ..Default::default()
        }
    }

    /// Accepts every default without asking anyone: not interactive.
    pub fn accept_defaults() -> Self {
        Scripted {
            accept_defaults: true,
            ..Default::default()
        }
    }

    /// The ids of the questions asked, in order (repeats included).
    pub fn asked(&self) -> Vec<&str> {
        self.transcript
            .iter()
            .filter_map(|l| l.strip_prefix("? "))
            .collect()
    }

    /// The problems reported, in order.
    pub fn problems(&self) -> Vec<&str> {
        self.transcript
            .iter()
            .filter_map(|l| l.strip_prefix("! "))
            .collect()
    }

    fn next(&mut self, ask: &Ask) -> io::Result<String> {
        self.transcript.push(format!("? {}", ask.id));
        if self.accept_defaults {
            return Ok(String::new());
        }
        self.answers.pop_front().ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::UnexpectedEof,
                format!("no scripted answer left for question `{}`", ask.id),
            )
        })
    }
}

fn bad_script(ask: &Ask, answer: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!(
            "scripted answer `{answer}` does not fit question `{}`",
            ask.id
        ),
    )
}

impl Prompter for Scripted {
    fn text(&mut self, ask: &Ask, default: Option<&str>) -> io::Result<String> {
        let a = self.next(ask)?;
        Ok(if a.is_empty() {
            default.unwrap_or("").to_string()
        } else {
            a
        })
    }

    fn yes_no(&mut self, ask: &Ask, default: bool) -> io::Result<bool> {
        match self.next(ask)?.as_str() {
            "" => Ok(default),
            "y" | "yes" => Ok(true),
            "n" | "no" => Ok(false),
            other => Err(bad_script(ask, other)),
        }
    }

    fn select(&mut self, ask: &Ask, options: &[Choice], default: usize) -> io::Result<usize> {
        match self.next(ask)?.as_str() {
            "" => Ok(default),
            other => options
                .iter()
                .position(|o| o.value == other)
                .ok_or_else(|| bad_script(ask, other)),
        }
    }

    fn multi_select(
        &mut self,
        ask: &Ask,
        options: &[Choice],
        checked: &[bool],
    ) -> io::Result<Vec<usize>> {
        match self.next(ask)?.as_str() {
            "" => Ok((0..options.len()).filter(|&i| checked[i]).collect()),
            "-" => Ok(Vec::new()),
            list => list
                .split(',')
                .map(|v| {
                    options
                        .iter()
                        .position(|o| o.value == v.trim())
                        .ok_or_else(|| bad_script(ask, v))
                })
                .collect(),
        }
    }

    fn section(&mut self, title: &str) {
        self.transcript.push(format!("# {title}"));
    }

    fn problem(&mut self, message: &str) {
        self.transcript.push(format!("! {message}"));
    }

    fn show(&mut self, text: &str) {
        self.shown.push_str(text);
    }

    fn is_interactive(&self) -> bool {
        !self.accept_defaults
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_read_as_people_type_them() {
        assert_eq!(parse_number("2,000", true), Ok(2000.0));
        assert_eq!(parse_number("1_000.5", false), Ok(1000.5));
        assert_eq!(parse_number("0.02", false), Ok(0.02));
        assert!(
            parse_number("1,5", false).is_err(),
            "a decimal comma is not fifteen"
        );
        assert!(
            parse_number("many", false)
                .unwrap_err()
                .contains("`many` is not a number")
        );
        assert!(parse_number("inf", false).is_err());
    }

    #[test]
    fn events_are_read_from_a_text_list_and_written_back() {
        let node = parse_events("order.placed:order_id, billing.invoice.paid").unwrap();
        assert_eq!(
            node.to_json(),
            serde_json::json!([
                {"domain": "order", "action": "placed", "key": "order_id"},
                {"domain": "billing.invoice", "action": "paid"}
            ])
        );
        assert_eq!(
            events_text(&node),
            "order.placed:order_id, billing.invoice.paid"
        );
        assert!(parse_events("order").unwrap_err().contains("domain.action"));
        assert!(
            parse_events("order.placed:")
                .unwrap_err()
                .contains("incomplete")
        );
    }

    #[test]
    fn set_creates_replaces_and_removes_nested_fields() {
        let mut tree = map(vec![]);
        set(&mut tree, "a.b", Some(Node::new(Yaml::Int(1))));
        set(&mut tree, "a.c", Some(Node::new(Yaml::Int(2))));
        set(&mut tree, "a.b", Some(Node::new(Yaml::Int(3))));
        assert_eq!(tree.to_json(), serde_json::json!({"a": {"b": 3, "c": 2}}));
        set(&mut tree, "a.c", None);
        assert_eq!(tree.to_json(), serde_json::json!({"a": {"b": 3}}));
        assert_eq!(get(&tree, "a.b").unwrap().kind, Yaml::Int(3));
        assert!(get(&tree, "a.x").is_none());
    }

    #[test]
    fn every_number_range_shown_is_the_one_the_loader_enforces() {
        for q in QUESTIONS {
            let Kind::Number {
                min,
                min_exclusive,
                max,
                integer,
                ..
            } = q.kind
            else {
                continue;
            };
            let path = q.path.unwrap();
            let ok = |v: f64| {
                let mut tree = map(vec![
                    ("version", Node::new(Yaml::Int(1))),
                    ("name", Node::new(Yaml::Str("x".into()))),
                ]);
                // The average may not exceed the peak, so give it the largest peak.
                set(
                    &mut tree,
                    "throughput.peak_per_sec",
                    Some(Node::new(Yaml::Float(1e9))),
                );
                set(&mut tree, path, Some(Node::new(number_kind(v))));
                problems_at(&tree, Some(path)).is_empty()
            };
            let step = if integer { 1.0 } else { 0.001 };
            assert_eq!(ok(min), !min_exclusive, "{}: at min {min}", q.id);
            assert!(ok(min + step), "{}: just above min", q.id);
            assert!(!ok(min - step), "{}: just below min", q.id);
            if max.is_finite() {
                assert!(ok(max), "{}: at max {max}", q.id);
                assert!(!ok(max + step.max(max * 1e-6)), "{}: above max", q.id);
            } else {
                assert!(ok(1e9), "{}: large values", q.id);
            }
        }
    }

    #[test]
    fn choice_values_are_the_ones_the_loader_reads() {
        for q in QUESTIONS {
            let options: Vec<&str> = match &q.kind {
                Kind::Choice { options, .. } | Kind::Flags(options) => {
                    options.iter().map(|o| o.value).collect()
                }
                _ => continue,
            };
            for value in options {
                let mut tree = map(vec![
                    ("version", Node::new(Yaml::Int(1))),
                    ("name", Node::new(Yaml::Str("x".into()))),
                ]);
                set(
                    &mut tree,
                    "throughput.peak_per_sec",
                    Some(Node::new(Yaml::Int(1))),
                );
                let (path, node) = match q.kind {
                    Kind::Flags(_) => (format!("{}.{value}", q.path.unwrap()), Yaml::Bool(true)),
                    _ => (q.path.unwrap().to_string(), Yaml::Str(value.into())),
                };
                set(&mut tree, &path, Some(Node::new(node)));
                assert!(
                    crate::profile::load_node(&tree, "t").is_ok(),
                    "{}: `{value}` is not accepted by the loader",
                    q.id
                );
            }
        }
    }
}
