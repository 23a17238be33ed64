//! The CI gate behind `msgadvisor check`: finding the profiles under the paths given
//! (`discover`), judging each profile's `decision` against the rules with its waivers applied
//! (`judge`), and what every check format renders: a [`Header`], each [`ProfileCheck`] as it is
//! judged, and a [`Footer`] (see [`Render`]).
//!
//! How a profile is judged:
//!
//! - The profile is evaluated as `recommend` would. Its `decision` passes when that candidate is
//!   `recommended` or `viable`, warns when it is `discouraged`, fails when it is `excluded`. A
//!   profile without a decision passes and reports its recommendation (`--require-decision`
//!   makes that a failure).
//! - A **finding** is a rule that fired and counts against the decision, listed when the
//!   decision does not pass unwaived: an `error` when it excludes the decision, a `warning` when
//!   it discourages it, a `note` when it only lowers its score. A decision discouraged by score
//!   alone (too far below the winner) gets a `check/decision-margin` warning. No finding weighs
//!   more than its profile's outcome: what is left in a profile that passes is a note.
//! - A **waiver** applies when it has not expired (it holds through its `expires` day) and its
//!   rule fired. The candidates are then ranked again with the waived rules' effects removed (as
//!   if they had not fired), and the decision is judged from that ranking: waiving a
//!   rule can lift a decision from excluded to discouraged or viable, and it can also lose the
//!   points that rule gave to the winner. A waived finding is shown with its reason and
//!   counted apart.
//! - An **expired** waiver does not apply and fails the profile by itself. A **stale** waiver
//!   (its rule did not fire) warns. A waiver that applies with **no expiry date** warns
//!   (`check/waiver-no-expiry`): it narrows the gate for good, and `expires` is optional, so a
//!   warning, not a failure. `--no-waivers` ignores every waiver (audit mode).
//! - The profile's status is the worst of its decision's judgement and its waivers'.
//!
//! Results are rendered as they are judged ([`Render`]), in path order, so a run over many
//! profiles keeps only counts and what its format must hold back.

pub mod discover;
pub mod judge;

pub use crate::date::Date;

use crate::engine::RuleSet;
use crate::report::{Standing, Verdict};
use crate::units::count;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;

/// The JSON `schema_version` of the check report.
pub const CHECK_SCHEMA_VERSION: u32 = 1;

/// Ids of the check's own findings (not rules of the rule set; a rule id cannot contain `/`).
pub mod ids {
    pub const DECISION_MARGIN: &str = "check/decision-margin";
    pub const DECISION_MISSING: &str = "check/decision-missing";
    pub const WAIVER_EXPIRED: &str = "check/waiver-expired";
    pub const WAIVER_STALE: &str = "check/waiver-stale";
    pub const WAIVER_NO_EXPIRY: &str = "check/waiver-no-expiry";
    pub const INVALID_PROFILE: &str = "check/invalid-profile";
    pub const NEEDS_ATTENTION: &str = "check/needs-attention";
}

/// One profile's outcome, from best to worst.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The decision is recommended or viable (or there is none to judge).
    #[default]
    Pass,
    /// The decision is discouraged, or a waiver is stale or applies with no expiry date.
    Warn,
    /// The decision is excluded, a waiver has expired, or a required decision is missing.
    Fail,
    /// The profile could not be read or evaluated.
    Invalid,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Warn => "warn",
            Status::Fail => "fail",
            Status::Invalid => "invalid",
        }
    }

    /// The status a decision's verdict earns.
    pub fn of_verdict(v: Verdict) -> Status {
        match v {
            Verdict::Recommended | Verdict::Viable => Status::Pass,
            Verdict::Discouraged => Status::Warn,
            Verdict::Excluded => Status::Fail,
        }
    }
}

/// How serious one finding is, from least to most (SARIF's `note`, `warning`, `error`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Note,
    Warning,
    Error,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Note => "note",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }

    /// The most a finding can weigh in a profile with this status: a finding in a passing
    /// profile is only a note.
    pub fn cap(status: Status) -> Level {
        match status {
            Status::Pass => Level::Note,
            Status::Warn => Level::Warning,
            Status::Fail | Status::Invalid => Level::Error,
        }
    }
}

/// A waiver that covers a finding.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Waived {
    pub reason: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires: Option<String>,
}

impl Waived {
    /// The reason, then ` (until DATE)` when the waiver expires.
    pub fn justification(&self) -> String {
        match &self.expires {
            Some(d) => format!("{} (until {d})", self.reason),
            None => self.reason.clone(),
        }
    }
}

/// One thing the check has to say about a profile, located in the profile.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// A rule id of the rule set, or one of the check's own [`ids`].
    pub rule: String,
    pub level: Level,
    /// What the rule did to the decision: `exclude`, `discourage`, `-30` (joined by `, `).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effect: Option<String>,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    pub line: u32,
    pub column: u32,
    /// Present when a waiver covers this finding; a waived finding decides nothing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waived: Option<Waived>,
}

impl Finding {
    /// A finding of the check's own (one of [`ids`]), at `loc`: no rule effect, source or waiver.
    pub fn own(rule: &str, level: Level, message: String, loc: crate::yaml::Loc) -> Finding {
        Finding {
            rule: rule.to_string(),
            level,
            effect: None,
            message,
            source: None,
            line: loc.line,
            column: loc.col,
            waived: None,
        }
    }

    /// ` (exclude, -30)` after the rule id when the rule did something to the decision, else
    /// nothing: how every format shows the effect.
    pub fn effect_suffix(&self) -> String {
        self.effect
            .as_deref()
            .map(|e| format!(" ({e})"))
            .unwrap_or_default()
    }
}

pub use crate::waiver::WaiverState;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WaiverCheck {
    pub rule: String,
    pub reason: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires: Option<String>,
    pub state: WaiverState,
    pub line: u32,
    pub column: u32,
}

/// The outcome for one profile file (by default: passing, with nothing known of it).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ProfileCheck {
    /// The path as found (`/`-separated, relative when given relative).
    pub file: String,
    /// The profile's `name`; absent when the file could not be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub status: Status,
    /// One sentence: the judgement of the decision, or why the file is invalid.
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision: Option<String>,
    /// The decision's verdict with waivers applied.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Verdict>,
    /// The decision's verdict without waivers, when waivers changed it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verdict_without_waivers: Option<Verdict>,
    /// The decision's standing with waivers applied: the word every view shows (`behind` for a
    /// score gap, `discouraged` only for a rule), as `recommend`'s `candidates[].standing`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub standing: Option<Standing>,
    /// The decision's standing without waivers, when waivers changed it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub standing_without_waivers: Option<Standing>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recommended: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recommended_name: Option<String>,
    /// Where the decision is written (its key), or 1:1.
    pub line: u32,
    pub column: u32,
    /// Most severe first, then by position. An invalid profile has one `check/invalid-profile`
    /// finding per problem.
    pub findings: Vec<Finding>,
    pub waivers: Vec<WaiverCheck>,
    /// Things worth knowing that decide nothing (an unknown language name, …).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

impl ProfileCheck {
    /// An invalid file: one `check/invalid-profile` error per problem (`path`, position,
    /// message); the message is the first problem, with how many more there are.
    pub fn invalid(file: &str, problems: &[crate::diag::Problem]) -> ProfileCheck {
        let text = |p: &crate::diag::Problem| {
            if p.path.is_empty() {
                p.message.clone()
            } else {
                format!("{}: {}", p.path, p.message)
            }
        };
        let mut message = problems.first().map(text).unwrap_or_default();
        if problems.len() > 1 {
            message.push_str(&format!(" (and {} more)", problems.len() - 1));
        }
        let first = problems.first().map(|p| p.loc).unwrap_or_default();
        ProfileCheck {
            file: file.to_string(),
            status: Status::Invalid,
            message,
            line: first.line,
            column: first.col,
            findings: problems
                .iter()
                .map(|p| Finding::own(ids::INVALID_PROFILE, Level::Error, text(p), p.loc))
                .collect(),
            ..ProfileCheck::default()
        }
    }

    /// True when the decision passes only because of the waivers: with them its verdict passes,
    /// without them it would warn or fail.
    pub fn passes_only_with_waivers(&self) -> bool {
        let passes = |v: Option<Verdict>| v.map(|v| Status::of_verdict(v) == Status::Pass);
        passes(self.verdict) == Some(true) && passes(self.verdict_without_waivers) == Some(false)
    }

    /// Findings a waiver covers.
    pub fn waived(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.waived.is_some())
    }
}

/// Counts over every profile checked, whatever was shown.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Summary {
    pub profiles: usize,
    pub passed: usize,
    pub warnings: usize,
    pub failed: usize,
    pub invalid: usize,
    /// Findings a waiver covers, counted apart from the statuses.
    pub waived: usize,
    /// YAML files found under directories and globs that are not profiles.
    pub skipped: usize,
    /// Entries under directories and globs not read: hidden, or directory symlinks (see
    /// [`Footer::not_read`]).
    pub not_read: usize,
}

impl Summary {
    /// `12 profiles, 9 passed, 1 warning, 2 failed, 1 waived` (plus invalid and skipped counts
    /// when there are any).
    pub fn line(&self) -> String {
        let mut s = format!(
            "{}, {} passed, {}, {} failed",
            count(self.profiles, "profile", "profiles"),
            self.passed,
            count(self.warnings, "warning", "warnings"),
            self.failed
        );
        if self.invalid > 0 {
            s.push_str(&format!(", {} invalid", self.invalid));
        }
        s.push_str(&format!(", {} waived", self.waived));
        if self.skipped > 0 {
            s.push_str(&format!(
                "; {} skipped (not a profile)",
                count(self.skipped, "YAML file", "YAML files")
            ));
        }
        if self.not_read > 0 {
            s.push_str(&format!(
                "; {} not read (hidden, or a symlink not followed)",
                count(self.not_read, "entry", "entries")
            ));
        }
        s
    }
}

/// What a rule is, for formats that describe every rule they cite (SARIF's `tool.driver.rules`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RuleDoc {
    pub id: String,
    /// One line.
    pub title: String,
    /// Why the rule exists.
    pub why: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// Settings of one check run.
#[derive(Clone, Debug)]
pub struct Options {
    pub today: Date,
    /// Ignore every waiver.
    pub no_waivers: bool,
    /// A profile without `decision` fails.
    pub require_decision: bool,
    /// Finding no profile at all is an error (exit 2) instead of a pass with a note.
    pub require_profiles: bool,
    /// The least severe status that makes the run fail (exit 1): `Warn` or `Fail`.
    pub fail_on: Status,
    /// The least severe status shown; the summary counts every profile.
    pub show: Status,
}

/// What every format knows before the first profile: how this run judges, and with which rules.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Header {
    pub schema_version: u32,
    /// The date waiver expiry was judged on.
    pub today: String,
    /// False with `--no-waivers`.
    pub waivers_honoured: bool,
    /// `warn` or `fail`: the least severe status that fails the run.
    pub fail_on: Status,
    /// The rule packs in force, in layering order, the built-in rules first as `built-in`: a
    /// pull request that changes the rules shows here.
    pub rule_packs: Vec<String>,
    /// The config file (`.msgadvisor.yaml`) read for this run, if any.
    pub config: Option<String>,
    /// The rules those packs turn off or change: a gate narrowed without the profile changing.
    pub pack_overrides: Vec<crate::engine::PackOverride>,
    /// What chose the packs beyond the built-in ones (`--rules`, `MSGADVISOR_RULES`,
    /// `.msgadvisor.yaml`); `None` when there are none.
    #[serde(skip)]
    pub packs_from: Option<String>,
}

impl Header {
    /// The header of a run with these options and packs.
    pub fn new(opts: &Options, packs: &crate::config::Packs, rules: &RuleSet) -> Header {
        use crate::config::PacksFrom;
        let shown = |p: &std::path::Path| discover::shown(p);
        Header {
            schema_version: CHECK_SCHEMA_VERSION,
            today: opts.today.to_string(),
            waivers_honoured: !opts.no_waivers,
            fail_on: opts.fail_on,
            rule_packs: std::iter::once(crate::config::BUILT_IN.to_string())
                .chain(packs.dirs.iter().map(|d| shown(d)))
                .collect(),
            config: packs.config.as_deref().map(shown),
            pack_overrides: rules.pack_overrides(),
            packs_from: match packs.from {
                PacksFrom::None => None,
                PacksFrom::Flag => Some("--rules".to_string()),
                PacksFrom::Env => Some(crate::config::ENV_RULES.to_string()),
                PacksFrom::Config => packs.config.as_deref().map(shown),
            },
        }
    }

    /// `built-in, ci/pack (from .msgadvisor.yaml)`, each name through `code` (Markdown quotes
    /// them): which rules judged, for the formats people read.
    pub fn rules_in_force(&self, code: impl Fn(&str) -> String) -> String {
        // The first is always the built-in rules, a name, not a path: not quoted.
        let mut s = match self.rule_packs.split_first() {
            Some((built_in, packs)) => std::iter::once(built_in.clone())
                .chain(packs.iter().map(|p| code(p)))
                .collect::<Vec<_>>()
                .join(", "),
            None => crate::config::BUILT_IN.to_string(),
        };
        match (&self.packs_from, &self.config) {
            (Some(from), _) => s.push_str(&format!(" (from {})", code(from))),
            (None, Some(config)) => s.push_str(&format!(" ({} names no packs)", code(config))),
            (None, None) => {}
        }
        s
    }
}

/// What is known once every profile has been judged.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Footer {
    /// YAML files skipped as not profiles, sorted.
    pub skipped: Vec<String>,
    /// Entries under directories and globs that were not read, and why, sorted by path: a walk
    /// reads no hidden entry and follows no directory symlink (see [`crate::walk`]).
    pub not_read: Vec<NotRead>,
    /// Every rule a shown finding cites, by id.
    pub rules: BTreeMap<String, RuleDoc>,
    pub summary: Summary,
    /// The exit code of this run: 0 nothing failing, 1 a failing profile, 2 an invalid one.
    pub exit_code: u8,
    /// What a person should know that is not a result: no profile found, a pattern that
    /// matched nothing (written to stderr, so that every format's stdout stays its own).
    #[serde(skip)]
    pub notes: Vec<String>,
}

/// An entry a directory walk or glob passed over.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NotRead {
    pub path: String,
    pub reason: crate::walk::Skip,
}

impl NotRead {
    /// "path (reason)" for people: the path escaped, since a file name may hold a newline.
    pub fn shown(&self) -> String {
        format!(
            "{} ({})",
            crate::untrusted::Shown(&self.path),
            self.reason.as_str()
        )
    }
}

/// One check format. [`run`] hands it the header, then each profile shown (sorted by path) as it
/// is judged, then the footer, so that a format that can write as it goes keeps nothing; one
/// that needs the totals first keeps its own rendered text until [`Render::end`].
pub trait Render {
    fn begin(&mut self, out: &mut dyn Write, header: &Header) -> std::io::Result<()>;
    fn profile(&mut self, out: &mut dyn Write, p: &ProfileCheck) -> std::io::Result<()>;
    fn end(&mut self, out: &mut dyn Write, footer: &Footer) -> std::io::Result<()>;
}

/// How many inputs are judged at a time: enough to keep every core busy, few enough that the
/// results waiting to be rendered stay small whatever the number of profiles.
const CHUNK: usize = 256;

/// Checks every profile under `paths` against `rules`, rendering each with `render` into `out`
/// as it is judged.
///
/// Errors only when there is nothing to check at all (before anything is written), or when
/// writing fails; every problem with one path or profile is part of the output.
pub fn run(
    paths: &[String],
    rules: &RuleSet,
    opts: &Options,
    header: &Header,
    render: &mut dyn Render,
    out: &mut dyn Write,
) -> anyhow::Result<Footer> {
    let found = discover::discover(paths);
    let mut missing = found.missing;
    missing.sort_by(|a, b| a.file.cmp(&b.file));
    let mut missing = missing.into_iter().peekable();
    let mut run = Stream {
        rules,
        opts,
        header,
        render,
        out,
        begun: false,
        summary: Summary::default(),
        docs: BTreeMap::new(),
    };
    let mut skipped = Vec::new();
    // Inputs are sorted by path, and so are the results of each chunk; a path that names nothing
    // goes where its name sorts (after a found file of the same name).
    for chunk in found.inputs.chunks(CHUNK) {
        for o in judge::judge_all(chunk, rules, opts) {
            match o {
                judge::Outcome::Checked(p) => {
                    while let Some(m) = missing.next_if(|m| m.file < p.file) {
                        run.emit(m).map_err(crate::output::write_failed)?;
                    }
                    run.emit(*p).map_err(crate::output::write_failed)?;
                }
                judge::Outcome::NotAProfile(file) => skipped.push(file),
            }
        }
    }
    for m in missing {
        run.emit(m).map_err(crate::output::write_failed)?;
    }
    skipped.sort();
    skipped.dedup();
    let not_read: Vec<NotRead> = found
        .not_read
        .into_iter()
        .map(|(path, reason)| NotRead { path, reason })
        .collect();
    let mut notes: Vec<String> = found
        .empty_patterns
        .iter()
        .map(|p| format!("the pattern `{p}` matches no YAML file"))
        .collect();
    if run.summary.profiles == 0 {
        let none = format!(
            "no profiles found in {}{}; a profile is a YAML file with `version: 1`, `name` and `throughput`",
            paths.join(" "),
            passed_over(&skipped, &not_read)
        );
        if opts.require_profiles {
            anyhow::bail!("{none} (--require-profiles)");
        }
        notes.push(format!(
            "{none}; nothing to check passes (use --require-profiles to fail instead)"
        ));
    }
    if !run.begun {
        run.begun = true;
        run.render
            .begin(run.out, run.header)
            .map_err(crate::output::write_failed)?;
    }
    let mut summary = run.summary;
    summary.skipped = skipped.len();
    summary.not_read = not_read.len();
    let exit_code = if summary.invalid > 0 {
        crate::EXIT_INPUT
    } else if summary.failed > 0 || (opts.fail_on <= Status::Warn && summary.warnings > 0) {
        crate::EXIT_FAIL
    } else {
        crate::EXIT_OK
    };
    let footer = Footer {
        skipped,
        not_read,
        rules: run.docs,
        summary,
        exit_code,
        notes,
    };
    run.render
        .end(run.out, &footer)
        .map_err(crate::output::write_failed)?;
    Ok(footer)
}

/// The state of a run between profiles: the counts, the rules cited, whether the format has
/// begun.
struct Stream<'a> {
    rules: &'a RuleSet,
    opts: &'a Options,
    header: &'a Header,
    render: &'a mut dyn Render,
    out: &'a mut dyn Write,
    begun: bool,
    summary: Summary,
    docs: BTreeMap<String, RuleDoc>,
}

impl Stream<'_> {
    /// Counts one profile and renders it when shown. The format begins at the first profile, so
    /// that a run with none writes nothing before its error.
    fn emit(&mut self, p: ProfileCheck) -> std::io::Result<()> {
        let s = &mut self.summary;
        s.profiles += 1;
        match p.status {
            Status::Pass => s.passed += 1,
            Status::Warn => s.warnings += 1,
            Status::Fail => s.failed += 1,
            Status::Invalid => s.invalid += 1,
        }
        s.waived += p.waived().count();
        if !self.begun {
            self.begun = true;
            self.render.begin(self.out, self.header)?;
        }
        if p.status < self.opts.show {
            return Ok(());
        }
        for f in &p.findings {
            if self.docs.contains_key(&f.rule) {
                continue;
            }
            let doc = match self.rules.rule(&f.rule) {
                Some(r) => RuleDoc {
                    id: r.id.clone(),
                    title: r.title.clone(),
                    why: r.why.clone(),
                    source: Some(r.source.clone()),
                },
                None => check_rule_doc(&f.rule),
            };
            self.docs.insert(f.rule.clone(), doc);
        }
        self.render.profile(self.out, &p)
    }
}

/// ` (1 YAML file skipped: not a profile; 2 entries not read: …)`, or nothing: what a run that
/// found no profile did find.
fn passed_over(skipped: &[String], not_read: &[NotRead]) -> String {
    let mut parts = Vec::new();
    if !skipped.is_empty() {
        parts.push(format!(
            "{} skipped: not a profile",
            count(skipped.len(), "YAML file", "YAML files")
        ));
    }
    if !not_read.is_empty() {
        let names: Vec<String> = not_read.iter().map(NotRead::shown).collect();
        parts.push(format!("not read: {}", names.join(", ")));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join("; "))
    }
}

/// The description of one of the check's own finding ids.
pub fn check_rule_doc(id: &str) -> RuleDoc {
    let (title, why) = match id {
        ids::DECISION_MARGIN => (
            "The decision scores too far below the recommended candidate",
            "No single rule rules the decision out, but the rules that fired leave it more points \
             below the recommended candidate than the viable margin allows. The findings beside it \
             name the rules that lowered it; `msgadvisor explain` shows every rule.",
        ),
        ids::DECISION_MISSING => (
            "The profile declares no decision",
            "With --require-decision every profile must say which candidate the team chose \
             (`decision: <candidate id>`), so the check can test it against the rules.",
        ),
        ids::WAIVER_EXPIRED => (
            "A waiver has expired",
            "A waiver holds through its `expires` date. After that it no longer applies and the \
             check fails until the waiver is renewed with a new date and reason, or the decision \
             is changed.",
        ),
        ids::NEEDS_ATTENTION => (
            "Nothing meets every requirement, or nothing that does fits the budget",
            "The recommended candidate is the best of what is left: a rule discourages it, or it \
             is over `budget.monthly_usd` because every candidate that meets the requirements is. \
             `recommend` says so first; the check warns whatever the decision, so that the pull \
             request shows it. Relax a requirement or raise the budget.",
        ),
        ids::WAIVER_NO_EXPIRY => (
            "A waiver that applies has no expiry date",
            "A waiver without `expires` waives its rule for good: nothing brings the exception \
             back for review, and the pull request that added it may be long forgotten. The check \
             warns (it does not fail: `expires` is optional in the profile) so that the warning \
             stays in front of the team; `--fail-on warn` makes it fail. Add `expires: YYYY-MM-DD`.",
        ),
        ids::WAIVER_STALE => (
            "A waiver's rule did not fire",
            "The waived rule does not fire for this profile any more, so the waiver accepts \
             nothing. Remove it, so that it cannot hide the rule if the profile changes back.",
        ),
        _ => (
            "The profile could not be read",
            "The file is not a valid profile: invalid YAML, an unknown key, a value out of range, \
             a decision that is not a candidate or a waiver of an unknown rule. The message says \
             where and what would be right.",
        ),
    };
    RuleDoc {
        id: id.to_string(),
        title: title.to_string(),
        why: why.to_string(),
        source: None,
    }
}
