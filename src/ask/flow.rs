//! Running the questions: asks each one that applies through a [`Prompter`], turns the answer
//! into a YAML value, and checks it with the profile loader, the same code that reads profile
//! files. A rejected answer is re-asked with the loader's message; `back` (or `<`) returns to the
//! previous question and `?` explains the current one. Before the profile is written the
//! answers are shown to confirm, change or quit ([`Session::confirm`]). The result is a
//! `Profile`.
//!
//! The prompting itself is behind the [`Prompter`] trait, so the whole flow runs in tests with
//! scripted answers ([`Scripted`]) and for real with dialoguer (`terminal.rs`).

use super::questions::{DefaultAnswer, Kind, QUESTIONS, Question, When};
use crate::diag::{InputError, Problem};
use crate::profile::Profile;
use crate::quantity as units;
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
    /// Whether `back` and `?` are offered (lists get an item for each).
    pub nav: bool,
}

/// One option of a choice: the value and the words shown for it.
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

impl Choice {
    fn new(value: impl Into<String>, label: impl Into<String>) -> Choice {
        Choice {
            value: value.into(),
            label: label.into(),
        }
    }
}

/// What a prompt gave back: an answer, or a move.
#[derive(Clone, Debug, PartialEq)]
pub enum Reply<T> {
    Answer(T),
    /// Back to the previous question (`back` or `<`).
    Back,
    /// Explain this question (`?`).
    Help,
}

impl Reply<String> {
    /// Typed text: `back` or `<` goes back, `?` asks for help; anything else is the answer.
    pub fn typed(text: String) -> Reply<String> {
        match text.trim() {
            "?" => Reply::Help,
            "<" => Reply::Back,
            t if t.eq_ignore_ascii_case("back") => Reply::Back,
            _ => Reply::Answer(text),
        }
    }
}

/// The seam between the questions and whatever asks them.
///
/// Each method returns what the user chose, or a move ([`Reply`]). `text` returns the default
/// when the user just presses Enter (or "" when there is none). An `io::ErrorKind::Interrupted`
/// error means the user cancelled (Ctrl-C).
pub trait Prompter {
    fn text(&mut self, ask: &Ask, default: Option<&str>) -> io::Result<Reply<String>>;
    fn yes_no(&mut self, ask: &Ask, default: bool) -> io::Result<Reply<bool>>;
    fn select(&mut self, ask: &Ask, options: &[Choice], default: usize)
    -> io::Result<Reply<usize>>;
    fn multi_select(
        &mut self,
        ask: &Ask,
        options: &[Choice],
        checked: &[bool],
    ) -> io::Result<Reply<Vec<usize>>>;
    /// A group of questions starts.
    fn section(&mut self, title: &str);
    /// The answer to `ask` was accepted, as these words. Prompts do not echo their answer
    /// themselves, so a rejected one is never shown as accepted.
    fn accepted(&mut self, ask: &Ask, answer: &str);
    /// The last answer was not accepted, and why; the question is asked again.
    fn problem(&mut self, message: &str);
    /// Words for the user between questions: a question's help, the summary of the answers.
    fn note(&mut self, text: &str);
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

/// The first words on a terminal: how to move around.
pub const INTRO: &str = "Enter accepts the answer in brackets. Type ? to have a question explained, back (or <) to return to the previous one; in a list, pick “? Help” or “← Back”.";

/// Asks every question that applies and returns the profile they describe. `from` pre-fills
/// every default (and keeps fields no question covers, such as waivers); `candidates` are the
/// `(id, name)` pairs the decision question offers.
pub fn run(
    p: &mut dyn Prompter,
    from: Option<&Profile>,
    candidates: &[(String, String)],
) -> Result<Answers, AskError> {
    Session::new(from, candidates)?.ask(p)
}

/// What the user chose at the summary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Next {
    /// Write the profile.
    Write,
    /// An answer was picked to change: [`Session::ask`] again.
    Edit,
    /// Leave without writing.
    Quit,
}

/// One questionnaire: the answers so far (as the profile's YAML tree) and which questions have
/// been answered, so that changing one answer asks only it and the follow-ups it opens.
pub struct Session<'c> {
    tree: Node,
    candidates: &'c [(String, String)],
    /// Per question, in `QUESTIONS` order: answered in this session.
    answered: Vec<bool>,
    /// The question picked at the summary, asked first by the next [`Session::ask`].
    edit: Option<usize>,
    started: bool,
}

/// How asking one question ended.
enum Step {
    Answered,
    Back,
}

impl<'c> Session<'c> {
    /// A session starting from `from`'s values (or the defaults).
    pub fn new(
        from: Option<&Profile>,
        candidates: &'c [(String, String)],
    ) -> Result<Session<'c>, AskError> {
        let tree = match from {
            Some(profile) => {
                super::profile_tree(profile, "--from", "revised").map_err(AskError::Invalid)?
            }
            None => map(vec![("version", Node::new(Yaml::Int(1)))]),
        };
        Ok(Session {
            tree,
            candidates,
            answered: vec![false; QUESTIONS.len()],
            edit: None,
            started: false,
        })
    }

    /// Asks every question that applies and has no answer yet: all of them the first time;
    /// after [`Session::confirm`] picked one to change, that one and any follow-up it opens.
    /// `back` steps to the previous question asked here (from the changed one: to the summary).
    pub fn ask(&mut self, p: &mut dyn Prompter) -> Result<Answers, AskError> {
        if !self.started && p.is_interactive() {
            p.note(INTRO);
        }
        self.started = true;
        let edit = self.edit.take();
        // The value of every question so far, asked or not, for the conditions of later ones.
        let mut values: BTreeMap<&str, Node> = BTreeMap::new();
        // The questions asked in this pass, for `back`.
        let mut asked: Vec<usize> = Vec::new();
        let mut section = "";
        let mut i = 0;
        while i < QUESTIONS.len() {
            let q = &QUESTIONS[i];
            let pending = !self.answered[i] || edit == Some(i);
            if !applies(q.when, &values) || !pending {
                values.insert(q.id, current(q, &self.tree));
                i += 1;
                continue;
            }
            if q.section != section {
                p.section(q.section);
                section = q.section;
            }
            match self.ask_one(p, q, &mut values)? {
                Step::Answered => {
                    self.answered[i] = true;
                    asked.push(i);
                    i += 1;
                }
                Step::Back => match asked.pop() {
                    Some(j) => {
                        self.answered[j] = false;
                        i = j;
                    }
                    // Back from the answer being changed: keep it, as it was.
                    None if edit == Some(i) => {
                        self.answered[i] = true;
                        values.insert(q.id, current(q, &self.tree));
                        i += 1;
                    }
                    None => p.note("This is the first question; there is nothing to go back to."),
                },
            }
        }
        let (profile, _, warnings) =
            crate::profile::load_node(&self.tree, ANSWERS).map_err(AskError::Invalid)?;
        Ok(Answers { profile, warnings })
    }

    /// Asks `q` until an answer is accepted, or the user goes back.
    fn ask_one<'q>(
        &mut self,
        p: &mut dyn Prompter,
        q: &'q Question,
        values: &mut BTreeMap<&'q str, Node>,
    ) -> Result<Step, AskError> {
        let help = match q.kind.range_text() {
            Some(range) => format!("{} ({range})", q.help),
            None => q.help.to_string(),
        };
        let ask = Ask {
            id: q.id,
            prompt: q.prompt,
            help: &help,
            nav: true,
        };
        loop {
            let problems = match answer(p, &ask, q, &self.tree, self.candidates)? {
                Reply::Back => return Ok(Step::Back),
                Reply::Help => {
                    p.note(&explain(q, &self.tree, self.candidates));
                    continue;
                }
                Reply::Answer(Ok((value, shown))) => {
                    let mut trial = self.tree.clone();
                    if let Some(path) = q.path {
                        set(&mut trial, path, value.clone());
                    }
                    let problems = problems_at(&trial, q.path);
                    if problems.is_empty() {
                        self.tree = trial;
                        // A question with no field of its own only opens its follow-ups
                        // ("topic names?"): no closes them, and clears what they held.
                        if q.path.is_none()
                            && value.as_ref().is_some_and(|v| v.kind == Yaml::Bool(false))
                        {
                            for (k, follow_up) in QUESTIONS.iter().enumerate() {
                                if follow_up.when == When::Yes(q.id) {
                                    if let Some(path) = follow_up.path {
                                        set(&mut self.tree, path, None);
                                    }
                                    self.answered[k] = false;
                                }
                            }
                        }
                        values.insert(q.id, value.unwrap_or(Node::new(Yaml::Null)));
                        p.accepted(&ask, &shown);
                        return Ok(Step::Answered);
                    }
                    problems
                }
                Reply::Answer(Err(message)) => vec![Problem::new(
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

    /// Each question that applies and was answered, with its answer in words, in order.
    pub fn summary(&self) -> Vec<(&'static Question, String)> {
        let mut values: BTreeMap<&str, Node> = BTreeMap::new();
        let mut rows = Vec::new();
        for (i, q) in QUESTIONS.iter().enumerate() {
            let now = current(q, &self.tree);
            if applies(q.when, &values) && self.answered[i] {
                rows.push((q, in_words(q, &now, self.candidates)));
            }
            values.insert(q.id, now);
        }
        rows
    }

    /// Shows the answers and asks what to do: write the profile, change an answer (picked from
    /// the list; then [`Session::ask`] asks it again), or quit. Nobody to ask: write.
    pub fn confirm(&mut self, p: &mut dyn Prompter) -> Result<Next, AskError> {
        if !p.is_interactive() {
            return Ok(Next::Write);
        }
        let rows = self.summary();
        let width = rows
            .iter()
            .map(|(q, _)| q.prompt.chars().count())
            .max()
            .unwrap_or(0);
        let text: String = rows
            .iter()
            .map(|(q, answer)| format!("  {:<width$}  {answer}\n", q.prompt))
            .collect();
        p.section("Your answers");
        p.note(text.trim_end());
        let ask = Ask {
            id: "confirm",
            prompt: "Write the profile with these answers?",
            help: "Enter writes it; or change an answer first, or quit without writing anything.",
            nav: false,
        };
        let choices = [
            ("write", "Yes, write the profile"),
            ("edit", "Change an answer"),
            ("quit", "Quit without writing anything"),
        ]
        .map(|(value, label)| Choice::new(value, label));
        loop {
            let i = match p.select(&ask, &choices, 0)? {
                Reply::Answer(i) => i.min(choices.len() - 1),
                Reply::Back | Reply::Help => continue,
            };
            p.accepted(&ask, &choices[i].label);
            match choices[i].value.as_str() {
                "write" => return Ok(Next::Write),
                "quit" => return Ok(Next::Quit),
                _ => {}
            }
            let pick = Ask {
                id: "edit",
                prompt: "Which answer?",
                help: "The question is asked again, then any question your new answer opens; back returns here.",
                nav: true,
            };
            let options: Vec<Choice> = rows
                .iter()
                .map(|(q, answer)| Choice::new(q.id, format!("{} ({answer})", q.prompt)))
                .collect();
            match p.select(&pick, &options, 0)? {
                Reply::Answer(k) => {
                    let Some(chosen) = options.get(k) else {
                        continue;
                    };
                    p.accepted(&pick, &chosen.label);
                    self.edit = QUESTIONS.iter().position(|q| q.id == chosen.value);
                    return Ok(Next::Edit);
                }
                Reply::Help => p.note(pick.help),
                Reply::Back => {}
            }
        }
    }
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
        nav: false,
    };
    loop {
        let answer = match p.text(&ask, Some(&suggestion.to_string_lossy()))? {
            Reply::Answer(a) => a,
            Reply::Back | Reply::Help => {
                p.note(help);
                continue;
            }
        };
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
            p.accepted(&ask, &path.display().to_string());
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

/// What `?` shows: the question's plain words, what the answer is used for, and how to answer.
pub fn explain(q: &Question, tree: &Node, candidates: &[(String, String)]) -> String {
    let how = match &q.kind {
        Kind::Number {
            unit, optional, ..
        } => {
            let range = q.kind.range_text().unwrap_or_default();
            let mut how = format!("{range}, in {unit}");
            if let Some(ex) = units::examples(unit) {
                how.push_str(&format!("; with a unit if you like: {ex}"));
            }
            if *optional {
                how.push_str("; `none` leaves it unset");
            }
            how
        }
        Kind::Text { optional: true } => "one line of text; `none` leaves it unset".into(),
        Kind::Text { optional: false } => "one line of text".into(),
        Kind::YesNo => "y or n".into(),
        Kind::Choice { .. } | Kind::Decision => "pick one with the arrow keys and Enter".into(),
        Kind::Flags(_) | Kind::Names(_) => {
            "Space ticks or unticks an item, Enter accepts the ticked ones".into()
        }
        Kind::Events => {
            "domain.action or domain.action:key, comma-separated (e.g. order.placed:order_id); `none` for none".into()
        }
    };
    let now = in_words(q, &current(q, tree), candidates);
    format!(
        "{}\n  {}\n  Used for: {}\n  Answer: {how}. Enter keeps: {now}.\n  back (or <) returns to the previous question.",
        q.prompt, q.help, q.used_for
    )
}

/// A question's value in words, for the summary and help.
fn in_words(q: &Question, value: &Node, candidates: &[(String, String)]) -> String {
    let unset = || "not set".to_string();
    let label = |options: &[super::questions::Opt], v: &str| {
        options
            .iter()
            .find(|o| o.value == v)
            .map_or_else(|| v.to_string(), |o| o.label.to_string())
    };
    match &q.kind {
        Kind::Number { unit, .. } => {
            let n = match value.kind {
                Yaml::Int(i) => i as f64,
                Yaml::Float(f) => f,
                _ => return unset(),
            };
            let n = if n.fract() == 0.0 && n.abs() < 1e15 {
                crate::render::thousands(n)
            } else {
                crate::fields::fmt_num(n)
            };
            if *unit == "×" {
                format!("{n}×")
            } else if units::examples(unit).is_none() {
                // A count ("services", "engineers"): the number says it.
                n
            } else {
                format!("{n} {unit}")
            }
        }
        Kind::Text { .. } => value.as_str().map_or_else(unset, str::to_string),
        Kind::YesNo => if value.kind == Yaml::Bool(true) {
            "yes"
        } else {
            "no"
        }
        .into(),
        Kind::Choice { options, .. } => value.as_str().map_or_else(unset, |v| label(options, v)),
        Kind::Flags(options) => listed(
            options
                .iter()
                .filter(|o| {
                    value
                        .get(o.value)
                        .is_some_and(|n| n.kind == Yaml::Bool(true))
                })
                .map(|o| o.label),
        ),
        Kind::Names(_) => match &value.kind {
            Yaml::Seq(items) => listed(items.iter().filter_map(Node::as_str)),
            _ => "none".into(),
        },
        Kind::Events => {
            let text = events_text(value);
            if text.is_empty() { "none".into() } else { text }
        }
        Kind::Decision => match value.as_str() {
            Some(id) => candidates
                .iter()
                .find(|(c, _)| c == id)
                .map_or_else(|| id.to_string(), |(_, name)| format!("{name} ({id})")),
            None => "not yet".into(),
        },
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

/// One answer: the value to store (`None`: leave the field unset) and the answer in words as
/// accepted, or a message saying why the text could not be read.
type Answer = Result<(Option<Node>, String), String>;

/// Asks `q` once through the prompter.
fn answer(
    p: &mut dyn Prompter,
    ask: &Ask,
    q: &Question,
    tree: &Node,
    candidates: &[(String, String)],
) -> io::Result<Reply<Answer>> {
    let now = current(q, tree);
    /// The answer, or the move, of a reply.
    macro_rules! take {
        ($reply:expr) => {
            match $reply? {
                Reply::Answer(a) => a,
                Reply::Back => return Ok(Reply::Back),
                Reply::Help => return Ok(Reply::Help),
            }
        };
    }
    Ok(Reply::Answer(match &q.kind {
        Kind::Number {
            integer,
            optional,
            unit,
            ..
        } => {
            let default = match now.kind {
                Yaml::Int(i) => Some(i.to_string()),
                Yaml::Float(f) => Some(crate::fields::fmt_num(f)),
                _ => None,
            };
            let text = take!(p.text(ask, default.as_deref()));
            let text = text.trim();
            if text.is_empty() || (*optional && text.eq_ignore_ascii_case("none")) {
                if *optional {
                    Ok((None, "not set".into()))
                } else {
                    Err("an answer is needed here".to_string())
                }
            } else {
                units::parse(text, unit, *integer).map(|(n, converted)| {
                    let shown = match converted {
                        Some(c) => format!("{text} = {c}"),
                        None => text.to_string(),
                    };
                    (Some(Node::new(number_kind(n))), shown)
                })
            }
        }
        Kind::Text { optional } => {
            let default = now.as_str().map(str::to_string);
            let text = take!(p.text(ask, default.as_deref()));
            let text = text.trim();
            if *optional && (text.is_empty() || text.eq_ignore_ascii_case("none")) {
                Ok((None, "not set".into()))
            } else {
                Ok((
                    Some(Node::new(Yaml::Str(text.to_string()))),
                    text.to_string(),
                ))
            }
        }
        Kind::YesNo => {
            let default = now.kind == Yaml::Bool(true);
            let yes = take!(p.yes_no(ask, default));
            Ok((
                Some(Node::new(Yaml::Bool(yes))),
                if yes { "yes" } else { "no" }.into(),
            ))
        }
        Kind::Choice { options, optional } => {
            let mut choices: Vec<Choice> = options
                .iter()
                .map(|o| Choice::new(o.value, o.label))
                .collect();
            if *optional {
                choices.push(Choice::new("", "Leave it unset"));
            }
            let want = now.as_str().unwrap_or("");
            let default = choices
                .iter()
                .position(|c| c.value == want)
                .unwrap_or(choices.len() - 1);
            let i = take!(p.select(ask, &choices, default));
            let chosen = &choices[i.min(choices.len() - 1)];
            Ok((
                (!chosen.value.is_empty()).then(|| Node::new(Yaml::Str(chosen.value.clone()))),
                chosen.label.clone(),
            ))
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
                .map(|o| Choice::new(o.value, o.label))
                .collect();
            let picked = take!(p.multi_select(ask, &choices, &checked));
            let shown = listed(
                options
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| picked.contains(i))
                    .map(|(_, o)| o.label),
            );
            Ok((
                Some(map(options
                    .iter()
                    .enumerate()
                    .map(|(i, o)| (o.value, Node::new(Yaml::Bool(picked.contains(&i)))))
                    .collect())),
                shown,
            ))
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
            let choices: Vec<Choice> = names.iter().map(|n| Choice::new(n, n)).collect();
            let picked = take!(p.multi_select(ask, &choices, &checked));
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
            let list: Vec<&String> = kept.chain(added).collect();
            let shown = listed(list.iter().map(|n| n.as_str()));
            Ok((
                Some(Node::new(Yaml::Seq(
                    list.into_iter()
                        .map(|n| Node::new(Yaml::Str(n.clone())))
                        .collect(),
                ))),
                shown,
            ))
        }
        Kind::Events => {
            let default = events_text(&now);
            let text = take!(p.text(ask, (!default.is_empty()).then_some(default.as_str())));
            let text = text.trim();
            if text.is_empty() || text.eq_ignore_ascii_case("none") {
                Ok((None, "none".into()))
            } else {
                parse_events(text).map(|events| (Some(events), text.to_string()))
            }
        }
        Kind::Decision => {
            let mut choices = vec![Choice::new("", "Not yet")];
            choices.extend(
                candidates
                    .iter()
                    .map(|(id, name)| Choice::new(id, format!("{name} ({id})"))),
            );
            let want = now.as_str().unwrap_or("");
            let default = choices.iter().position(|c| c.value == want).unwrap_or(0);
            let i = take!(p.select(ask, &choices, default));
            let chosen = &choices[i.min(choices.len() - 1)];
            Ok((
                (!chosen.value.is_empty()).then(|| Node::new(Yaml::Str(chosen.value.clone()))),
                chosen.label.clone(),
            ))
        }
    }))
}

/// Items in words: `a, b` or `none`.
fn listed<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let v: Vec<&str> = items.collect();
    if v.is_empty() {
        "none".into()
    } else {
        v.join(", ")
    }
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
        fields.into_iter().map(|(k, v)| (key(k), v)).collect(),
    ))
}

/// A key the flow writes: it has no place in a file.
fn key(name: &str) -> Key {
    Key {
        name: name.to_string(),
        loc: Loc::default(),
    }
}

/// The node at a dotted path.
fn get<'a>(tree: &'a Node, path: &str) -> Option<&'a Node> {
    path.split('.')
        .try_fold(tree, |node, key| node.get(key))
        .filter(|n| n.kind != Yaml::Null)
}

/// Sets (or with `None` removes) the node at a dotted path, creating mappings on the way.
fn set(tree: &mut Node, path: &str, value: Option<Node>) {
    if !matches!(tree.kind, Yaml::Map(_)) {
        tree.kind = Yaml::Map(Vec::new());
    }
    let Yaml::Map(entries) = &mut tree.kind else {
        unreachable!()
    };
    let (name, rest) = match path.split_once('.') {
        Some((name, rest)) => (name, Some(rest)),
        None => (path, None),
    };
    let at = entries.iter().position(|(k, _)| k.name == name);
    match (at, rest, value) {
        (at, Some(rest), value) => {
            let i = at.unwrap_or_else(|| {
                entries.push((key(name), map(vec![])));
                entries.len() - 1
            });
            set(&mut entries[i].1, rest, value);
        }
        (Some(i), None, Some(v)) => entries[i].1 = v,
        (Some(i), None, None) => {
            entries.remove(i);
        }
        (None, None, value) => entries.extend(value.map(|v| (key(name), v))),
    }
}

/// A prompter that answers from a script, for tests, or with every default (`--defaults`).
///
/// Script lines, one per question asked: `""` accepts the default (Enter); `back` or `<` goes
/// back and `?` asks for help, at any question; text questions take the text; yes/no questions
/// take `y`/`yes`/`n`/`no`; choices take the option's value; multi-selects take a
/// comma-separated list of values, or `-` for none.
#[derive(Debug, Default)]
pub struct Scripted {
    answers: VecDeque<String>,
    /// With [`Scripted::by_id`]: each question's answers, in order; Enter once they run out.
    by_id: Option<BTreeMap<String, VecDeque<String>>>,
    accept_defaults: bool,
    /// What happened, in order: `? id` asked, `= id: answer` accepted, `! problem`,
    /// `# section`, `i note`.
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

    /// Answers by question id (a question may appear more than once: its answers in order);
    /// every other question, and a question asked again after its answers ran out, gets Enter.
    /// Scripts written this way keep working when questions are added.
    pub fn by_id<S: Into<String>>(answers: impl IntoIterator<Item = (S, S)>) -> Self {
        let mut map: BTreeMap<String, VecDeque<String>> = BTreeMap::new();
        for (id, answer) in answers {
            map.entry(id.into()).or_default().push_back(answer.into());
        }
        Scripted {
            by_id: Some(map),
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

    /// The transcript's lines of one kind, in order, without their mark.
    fn lines(&self, mark: &str) -> Vec<&str> {
        self.transcript
            .iter()
            .filter_map(|l| l.strip_prefix(mark))
            .collect()
    }

    /// The ids of the questions asked, in order (repeats included).
    pub fn asked(&self) -> Vec<&str> {
        self.lines("? ")
    }

    /// The problems reported, in order.
    pub fn problems(&self) -> Vec<&str> {
        self.lines("! ")
    }

    /// The notes shown (help, the summary), in order.
    pub fn notes(&self) -> Vec<&str> {
        self.lines("i ")
    }

    /// The answers accepted, as `id: answer`, in order.
    pub fn accepted_answers(&self) -> Vec<&str> {
        self.lines("= ")
    }

    /// The next scripted line, or the move it asks for.
    fn next(&mut self, ask: &Ask) -> io::Result<Reply<String>> {
        self.transcript.push(format!("? {}", ask.id));
        if self.accept_defaults {
            return Ok(Reply::Answer(String::new()));
        }
        if let Some(by_id) = &mut self.by_id {
            // A bound, so that a script that loops (back, forth, …) fails instead of hanging.
            if self.transcript.len() > 10_000 {
                return Err(io::Error::other("the script asked over 10,000 questions"));
            }
            let line = by_id.get_mut(ask.id).and_then(VecDeque::pop_front);
            return Ok(Reply::typed(line.unwrap_or_default()));
        }
        let line = self.answers.pop_front().ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::UnexpectedEof,
                format!("no scripted answer left for question `{}`", ask.id),
            )
        })?;
        Ok(Reply::typed(line))
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

/// Maps the answer of a reply, keeping a move as it is.
fn then<U>(reply: Reply<String>, f: impl FnOnce(String) -> io::Result<U>) -> io::Result<Reply<U>> {
    Ok(match reply {
        Reply::Answer(a) => Reply::Answer(f(a)?),
        Reply::Back => Reply::Back,
        Reply::Help => Reply::Help,
    })
}

impl Prompter for Scripted {
    fn text(&mut self, ask: &Ask, default: Option<&str>) -> io::Result<Reply<String>> {
        let reply = self.next(ask)?;
        then(reply, |a| {
            Ok(if a.is_empty() {
                default.unwrap_or("").to_string()
            } else {
                a
            })
        })
    }

    fn yes_no(&mut self, ask: &Ask, default: bool) -> io::Result<Reply<bool>> {
        let reply = self.next(ask)?;
        then(reply, |a| match a.as_str() {
            "" => Ok(default),
            "y" | "yes" => Ok(true),
            "n" | "no" => Ok(false),
            other => Err(bad_script(ask, other)),
        })
    }

    fn select(
        &mut self,
        ask: &Ask,
        options: &[Choice],
        default: usize,
    ) -> io::Result<Reply<usize>> {
        let reply = self.next(ask)?;
        then(reply, |a| match a.as_str() {
            "" => Ok(default),
            other => options
                .iter()
                .position(|o| o.value == other)
                .ok_or_else(|| bad_script(ask, other)),
        })
    }

    fn multi_select(
        &mut self,
        ask: &Ask,
        options: &[Choice],
        checked: &[bool],
    ) -> io::Result<Reply<Vec<usize>>> {
        let reply = self.next(ask)?;
        then(reply, |a| match a.as_str() {
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
        })
    }

    fn section(&mut self, title: &str) {
        self.transcript.push(format!("# {title}"));
    }

    fn accepted(&mut self, ask: &Ask, answer: &str) {
        self.transcript.push(format!("= {}: {answer}", ask.id));
    }

    fn problem(&mut self, message: &str) {
        self.transcript.push(format!("! {message}"));
    }

    fn note(&mut self, text: &str) {
        self.transcript.push(format!("i {text}"));
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

    /// The smallest tree the loader takes, with this peak rate.
    fn minimal(peak: Yaml) -> Node {
        let mut tree = map(vec![
            ("version", Node::new(Yaml::Int(1))),
            ("name", Node::new(Yaml::Str("x".into()))),
        ]);
        set(&mut tree, "throughput.peak_per_sec", Some(Node::new(peak)));
        tree
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
                // The average may not exceed the peak, so give it the largest peak.
                let mut tree = minimal(Yaml::Float(1e9));
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
                let mut tree = minimal(Yaml::Int(1));
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
