//! The command line: clap definitions only. Doc comments here are the `--help` text.

/// The formats are the renderers' (every format enum lives beside the others in `render`).
pub use crate::render::{CheckFormat, DiffFormat};
use crate::render::{DocFormat, Format, ResultFormat};
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "msgadvisor",
    version,
    about = "Which messaging system does this workload need, and how do we run it?",
    long_about = "msgadvisor reads a workload profile (YAML) and recommends Kafka, Redis Streams, BullMQ, \
Redis Pub/Sub, RabbitMQ or a transactional outbox, with the reasons and sources for every verdict.",
    after_help = "Examples:\n  msgadvisor ask\n  msgadvisor recommend examples/order-events.yaml\n  msgadvisor recommend profile.yaml --format json\n  cat profile.yaml | msgadvisor recommend -\n  msgadvisor recommend profile.yaml --rules ./our-rules\n  msgadvisor recommend profile.yaml --set throughput.peak_per_sec=5000\n  msgadvisor explain profile.yaml\n  msgadvisor rules lint --rules ./our-rules && msgadvisor rules test --rules ./our-rules\n\nRule packs: --rules DIR, else MSGADVISOR_RULES (dirs separated by `:`), else `rules:` in ./.msgadvisor.yaml (ignored with --no-config or MSGADVISOR_NO_CONFIG=1).\n\nExit codes: 0 success, 1 a failing check (or a failing rule example in `rules test`), 2 invalid input or usage (or a problem `rules lint` found), 130 `ask` cancelled.\n\nThe contract (profile schema, commands, JSON keys, exit codes): docs/SPEC.md in msgadvisor's repository; the guide: its README.md."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Rank the candidates for a profile, with reasons and sources.
    #[command(
        after_help = "Examples:\n  msgadvisor recommend examples/email-jobs.yaml\n  msgadvisor recommend examples/order-events.yaml --format markdown > decision.md\n  msgadvisor recommend - --format json < profile.yaml\n  msgadvisor recommend profile.yaml --prices our-prices.yaml"
    )]
    Recommend(RecommendArgs),
    /// Write an architecture decision record (MADR 4 Markdown) for a profile.
    #[command(
        after_help = "Examples:\n  msgadvisor report examples/order-events.yaml > decision.md\n  msgadvisor report examples/order-events.yaml --adr-dir            # next number in docs/decisions (or .adr-dir)\n  msgadvisor report examples/order-events.yaml --output docs/adr/0007-messaging.md --date 2026-11-29"
    )]
    Report(ReportArgs),
    /// Gate CI on the profiles' decisions: files, directories and globs.
    #[command(
        long_about = "Checks each profile's `decision` against the rules: pass when the decision is recommended \
or viable, warn when it is behind (too far below the pick) or discouraged (by a rule), fail when it is excluded. A waiver in a profile accepts a rule's \
finding with a reason and an optional expiry date: the waived rules' effects are removed and the \
decision is judged again. An expired waiver fails; a waiver whose rule did not fire warns (stale).",
        after_help = "Examples:\n  msgadvisor check profiles/\n  msgadvisor check profiles/ --prices our-prices.yaml   # budget rules on your own prices\n  msgadvisor check 'services/*/messaging.yaml' --format github\n  msgadvisor check profiles/ --format sarif > msgadvisor.sarif\n  msgadvisor check profiles/ --fail-on warn --show warn\n  msgadvisor check profiles/ --no-waivers    # audit: what fails without the waivers\n\nExit codes: 0 nothing failing, 1 a failing decision (or a warning with --fail-on warn), 2 an invalid profile or bad usage."
    )]
    Check(CheckArgs),
    /// What a change to profiles does: decision, sizing, cost, and what cannot be undone.
    #[command(
        long_about = "Compares two versions of workload profiles: two files, two directories (profiles matched by \
path; added and removed ones listed), or one path against the same path at a git ref (--base-ref). For each \
profile it reports the recommendation and every candidate's verdict before and after, the declared decision's \
standing, Kafka partitions per topic, topics, replication factor, retention and storage, the other systems' \
sizing (Redis memory, …), the suggested option's monthly cost and its change, and the rules that started or \
stopped firing; changes that cannot be undone (more partitions, a renamed topic) come first.",
        after_help = "Examples:\n  msgadvisor diff old.yaml new.yaml\n  msgadvisor diff profiles/orders.yaml --base-ref origin/main\n  msgadvisor diff profiles/ --base-ref origin/main --format markdown > comment.md\n  msgadvisor diff profiles/ --base-ref HEAD~1 --fail-on irreversible,cost-increase-pct=20\n\nExit codes: 0 compared (whatever changed), 1 a --fail-on gate fired, 2 invalid input or usage (a profile that does not load, a ref that does not exist, not a git repository)."
    )]
    Diff(DiffArgs),
    /// Print the JSON Schema (draft-07) of the profile, for editors and CI.
    #[command(
        after_help = "Examples:\n  msgadvisor schema > schema/profile.schema.json\n\nWith the first line of a profile\n  # yaml-language-server: $schema=../schema/profile.schema.json\neditors using the YAML language server complete and validate it."
    )]
    Schema,
    /// Answer questions in plain words; get the recommendation and a commented profile.
    #[command(
        long_about = "Asks about the workload in plain words (Enter accepts each default; `?` explains a question, \
`back` or `<` returns to the previous one; numbers take units such as 2KB, 1.5 MiB, 20/s or 3000/min), shows the \
recommendation (the same table as `recommend`) and the answers to confirm, change or quit, and writes them as a \
commented profile to commit and check in CI. Needs a terminal; with --defaults it asks nothing and writes every \
default (or the --from profile) instead.",
        after_help = "Examples:\n  msgadvisor ask\n  msgadvisor ask --output services/orders.msgadvisor.yaml\n  msgadvisor ask --from orders.msgadvisor.yaml --output orders.msgadvisor.yaml --force\n  msgadvisor ask --defaults --output starter.msgadvisor.yaml\n\nExit codes: 0 written, 2 invalid input or usage (no terminal, file exists without --force), 130 cancelled with Ctrl-C or quit at the summary."
    )]
    Ask(AskArgs),
    /// Print shell completions (bash, zsh, fish, elvish, powershell) to standard output.
    #[command(
        after_help = "Examples:\n  msgadvisor completions bash > ~/.local/share/bash-completion/completions/msgadvisor\n  msgadvisor completions zsh > \"${fpath[1]}/_msgadvisor\"\n  msgadvisor completions fish > ~/.config/fish/completions/msgadvisor.fish"
    )]
    Completions {
        /// The shell to write completions for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Every rule considered, fired or not, with the values it saw, and the score arithmetic.
    #[command(
        after_help = "Examples:\n  msgadvisor explain examples/order-events.yaml\n  msgadvisor explain examples/order-events.yaml --set consumers.groups=1\n  msgadvisor explain profile.yaml --format markdown > why.md"
    )]
    Explain(ExplainArgs),
    /// The rule packs: list, document, validate, and run each rule's own examples.
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Lint Kafka topic names, one per line: Kafka's own rules (errors) and naming conventions
    /// (warnings).
    #[command(
        long_about = "Lint Kafka topic names, one per line (blank lines and lines starting with # are skipped).\n\n\
Errors (exit 1): characters other than a-z, A-Z, 0-9, '.', '_' and '-'; longer than 249; '.' or '..'.\n\
Warnings (exit 0): a '__' prefix (Kafka's own internal topics, such as __consumer_offsets, __transaction_state, __cluster_metadata, __share_group_state and __remote_log_metadata, pass: '__' is a convention Kafka does not enforce), '.' and '_' mixed, upper case, a name that doesn't read <domain>.<event>, an event not in the past tense (a heuristic), a duplicate.",
        after_help = "Examples:\n  msgadvisor names topics.txt\n  kafka-topics.sh --bootstrap-server localhost:9092 --list | msgadvisor names\n  msgadvisor names topics.txt --format json\n\nExit codes: 0 no errors (warnings allowed), 1 an invalid name, 2 unreadable input."
    )]
    Names(NamesArgs),
    /// The price table: every built-in price (and a pack's or price file's) with its source,
    /// as-of date and confidence.
    #[command(
        long_about = "Lists every price the cost estimate can use, by id: the amount and unit, the confidence tag \
(V vendor source, S secondary, U uncertain, D derived), the as-of date and the source. With --rules and \
--prices it shows the table those runs would use, and where each entry was read.",
        after_help = "Examples:\n  msgadvisor prices\n  msgadvisor prices --format json\n  msgadvisor prices --prices our-prices.yaml"
    )]
    Prices(PricesListArgs),
}

/// Formats of `prices`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum PricesFormat {
    /// A table, one price a row, then each source.
    Table,
    /// Every price as JSON, for scripts.
    Json,
}

#[derive(Debug, Args)]
pub struct PricesListArgs {
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = PricesFormat::Table)]
    pub format: PricesFormat,
    #[command(flatten)]
    pub rules: RulesArgs,
    #[command(flatten)]
    pub prices: PricesArgs,
}

/// Formats of `names`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum NamesFormat {
    /// One line per finding, then a summary.
    Text,
    /// Findings as JSON, for scripts.
    Json,
}

#[derive(Debug, Args)]
pub struct NamesArgs {
    /// A file of topic names, one per line, or `-` for standard input (the default).
    #[arg(value_name = "FILE", default_value = "-", value_parser = clap::builder::NonEmptyStringValueParser::new())]
    pub file: String,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = NamesFormat::Text)]
    pub format: NamesFormat,
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Every rule in evaluation order: id, effect, title, source, and which pack changed it.
    #[command(
        after_help = "Examples:\n  msgadvisor rules list\n  msgadvisor rules list --rules ./our-rules --format json"
    )]
    List(RulesListArgs),
    /// One rule in full: what it does, why, when not, its source, condition and examples.
    #[command(
        after_help = "Examples:\n  msgadvisor rules show low-traffic-kafka\n  msgadvisor rules show low-traffic-kafka --format yaml > our-rules/low-traffic-kafka.yaml"
    )]
    Show(RulesShowArgs),
    /// Check the built-in rules and every pack; report every problem with file:line (exit 2).
    #[command(
        after_help = "Examples:\n  msgadvisor rules lint --rules ./our-rules\n  msgadvisor rules lint --rules ./our-rules --format json"
    )]
    Lint(RulesCheckArgs),
    /// Run every rule's own examples, built-in and pack; exit 1 if any fails.
    #[command(
        after_help = "Examples:\n  msgadvisor rules test\n  msgadvisor rules test --rules ./our-rules"
    )]
    Test(RulesCheckArgs),
}

/// The rule packs of a run, for every command that reads rules: `--rules`, else
/// `MSGADVISOR_RULES` (both read by clap), else the config file (read in `config`).
#[derive(Debug, Default)]
pub struct RulesArgs {
    /// `--rules` as given; or, when `from_env`, the one value of `MSGADVISOR_RULES`, directories
    /// separated like `PATH` (split in `config`).
    pub rules: Vec<PathBuf>,
    /// `rules` came from the environment, not the command line: reports name the variable.
    pub from_env: bool,
    pub no_config: bool,
}

/// What clap derives for [`RulesArgs`], which adds where `--rules` came from.
#[derive(Debug, Args)]
struct RulesFlags {
    /// A rule pack directory layered over the built-in rules by rule id (repeatable; later wins).
    /// Without it: MSGADVISOR_RULES (dirs separated by `:`), else `rules:` in ./.msgadvisor.yaml.
    #[arg(long = "rules", value_name = "DIR", env = crate::config::ENV_RULES, value_parser = AnyPath)]
    rules: Vec<PathBuf>,
    /// Ignore ./.msgadvisor.yaml, e.g. in CI, where a pull request could change it.
    /// --rules and MSGADVISOR_RULES still apply.
    #[arg(
        long,
        env = crate::config::ENV_NO_CONFIG,
        value_parser = clap::builder::FalseyValueParser::new()
    )]
    no_config: bool,
}

/// A path as given, empty included: an empty `MSGADVISOR_RULES` means unset (clap would refuse
/// it), while an empty `--rules ""` stays an error ([`RulesArgs::from_arg_matches`] knows which).
#[derive(Clone)]
struct AnyPath;

impl clap::builder::TypedValueParser for AnyPath {
    type Value = PathBuf;

    fn parse_ref(
        &self,
        _: &clap::Command,
        _: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<PathBuf, clap::Error> {
        Ok(PathBuf::from(value))
    }
}

impl clap::FromArgMatches for RulesArgs {
    fn from_arg_matches(m: &clap::ArgMatches) -> Result<Self, clap::Error> {
        let f = RulesFlags::from_arg_matches(m)?;
        let from_env = m.value_source("rules") == Some(clap::parser::ValueSource::EnvVariable);
        if !from_env && f.rules.iter().any(|p| p.as_os_str().is_empty()) {
            // clap's own words for an empty value (clap adds the usage and the pointer to --help).
            return Err(clap::Error::raw(
                clap::error::ErrorKind::InvalidValue,
                "a value is required for '--rules <DIR>' but none was supplied",
            ));
        }
        Ok(RulesArgs {
            from_env,
            rules: f.rules,
            no_config: f.no_config,
        })
    }

    fn update_from_arg_matches(&mut self, m: &clap::ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_arg_matches(m)?;
        Ok(())
    }
}

impl Args for RulesArgs {
    fn augment_args(cmd: clap::Command) -> clap::Command {
        RulesFlags::augment_args(cmd)
    }

    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        RulesFlags::augment_args_for_update(cmd)
    }
}

/// The profile and what its judgement depends on: what `recommend`, `explain` and `report` all
/// take (flattened last into each, so their own options lead `--help`).
#[derive(Debug, Args)]
pub struct ProfileArgs {
    /// The profile to read, or `-` for standard input.
    #[arg(value_name = "PROFILE", value_parser = clap::builder::NonEmptyStringValueParser::new())]
    pub profile: String,
    /// Ignore the profile's waivers: what the rules say without the accepted exceptions. By
    /// default waivers apply as `check` applies them (unexpired, for a rule that fires).
    #[arg(long)]
    pub no_waivers: bool,
    #[command(flatten)]
    pub rules: RulesArgs,
    #[command(flatten)]
    pub prices: PricesArgs,
    /// What-if: change a profile field without editing the file, e.g.
    /// `--set throughput.peak_per_sec=5000` (repeatable; the value is read as YAML).
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub set: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = DocFormat::Text)]
    pub format: DocFormat,
    #[command(flatten)]
    pub input: ProfileArgs,
}

#[derive(Debug, Args)]
pub struct RulesListArgs {
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = DocFormat::Text)]
    pub format: DocFormat,
    #[command(flatten)]
    pub rules: RulesArgs,
}

#[derive(Debug, Args)]
pub struct RulesShowArgs {
    /// The rule id, e.g. `low-traffic-kafka`.
    #[arg(value_name = "ID")]
    pub id: String,
    /// Output format; `yaml` and `json` print the rule as data, ready to copy into a pack.
    #[arg(long, short, value_enum, default_value_t = DocFormat::Text)]
    pub format: DocFormat,
    #[command(flatten)]
    pub rules: RulesArgs,
}

#[derive(Debug, Args)]
pub struct RulesCheckArgs {
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = ResultFormat::Text)]
    pub format: ResultFormat,
    #[command(flatten)]
    pub rules: RulesArgs,
}

#[derive(Debug, Args)]
pub struct RecommendArgs {
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// The table format in full: every candidate's reasons, every warning, the derived values,
    /// all guidance and the cost of every way to run each candidate, line by line (the default is
    /// one screen). JSON and YAML always hold everything; Markdown is always in full.
    #[arg(long)]
    pub detail: bool,
    /// Columns the table format fits in [default: $COLUMNS, else the terminal's width; 80 when
    /// the output is not a terminal].
    #[arg(long, value_name = "N", value_parser = parse_width)]
    pub width: Option<u16>,
    #[command(flatten)]
    pub input: ProfileArgs,
}

/// The narrowest and widest layouts of the table format: narrower, a table cannot hold its
/// columns; wider, lines are too long to read.
pub const WIDTH_RANGE: (u16, u16) = (40, 400);

/// A width from `--width`, kept within [`WIDTH_RANGE`].
fn parse_width(s: &str) -> Result<u16, String> {
    let n: u64 = s
        .trim()
        .parse()
        .map_err(|_| format!("`{s}` is not a number of columns; write a whole number, e.g. 100"))?;
    Ok(n.clamp(u64::from(WIDTH_RANGE.0), u64::from(WIDTH_RANGE.1)) as u16)
}

/// The width `COLUMNS` gives, when it is a number of columns. Not clap's `env`: shells and CI
/// runners set it empty or to other things, and a variable the user never typed must not stop a
/// run (`--width` with a bad value is an error).
pub fn env_columns(value: Option<std::ffi::OsString>) -> Option<u16> {
    value?
        .to_str()?
        .trim()
        .parse::<u16>()
        .ok()
        .filter(|n| *n > 0)
}

impl Cli {
    /// Gives the commands that lay out a table a width (from `COLUMNS` or the terminal), when the
    /// run has none from `--width`. The binary calls it; tests in the process and pipes get 80.
    pub fn terminal_width(&mut self, columns: u16) {
        if let Command::Recommend(a) = &mut self.command
            && a.width.is_none()
        {
            a.width = Some(columns.clamp(WIDTH_RANGE.0, WIDTH_RANGE.1));
        }
    }
}

/// Price files, for the commands that evaluate a profile.
#[derive(Debug, Args)]
pub struct PricesArgs {
    /// A price file layered over the built-in prices and the rule packs (repeatable; later wins):
    /// its `prices:` entries replace prices by id (same unit), `operations:` the operating hours
    /// and hourly rate, `instances:` machine sizes. For negotiated prices or another region.
    #[arg(long = "prices", value_name = "FILE")]
    pub prices: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Write the record to this file instead of standard output.
    #[arg(long, short, value_name = "FILE", conflicts_with = "adr_dir")]
    pub output: Option<PathBuf>,
    /// Write the record into an ADR folder as the next `NNNN-title.md`
    /// (default: the folder named in `.adr-dir`, else docs/decisions).
    #[arg(long, value_name = "DIR", num_args = 0..=1)]
    pub adr_dir: Option<Option<PathBuf>>,
    /// Overwrite an existing file.
    #[arg(long)]
    pub force: bool,
    /// The record's date, YYYY-MM-DD (default: today, UTC).
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    #[command(flatten)]
    pub input: ProfileArgs,
}

#[derive(Debug, Args)]
pub struct AskArgs {
    /// Where to write the profile [default: <name>.msgadvisor.yaml in the current directory].
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Pre-fill every answer from an existing profile, to revise it.
    #[arg(long, value_name = "PROFILE")]
    pub from: Option<String>,
    /// Overwrite the output file if it exists.
    #[arg(long)]
    pub force: bool,
    /// Write `# yaml-language-server: $schema=<REF>` as the first line, for completion in editors:
    /// a URL, or a path relative to the written profile (e.g. the output of `msgadvisor schema`).
    #[arg(long, value_name = "URL_OR_PATH")]
    pub schema: Option<String>,
    /// Ask nothing: accept every default (those of --from, if given). Needs no terminal.
    #[arg(long)]
    pub defaults: bool,
    #[command(flatten)]
    pub rules: RulesArgs,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Profiles, directories (walked recursively without following directory symlinks; YAML
    /// that is not a profile is skipped and counted, hidden entries are listed as not read) or
    /// glob patterns; `-` reads one profile from standard input.
    #[arg(value_name = "PATH", required = true, value_parser = clap::builder::NonEmptyStringValueParser::new())]
    pub paths: Vec<String>,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
    /// The least severe outcome that fails the run (exit 1).
    #[arg(long, value_enum, default_value_t = FailOn::Fail, value_name = "OUTCOME")]
    pub fail_on: FailOn,
    /// The least severe outcome shown (`warn` hides passing profiles); the summary and the exit
    /// code count every profile.
    #[arg(long, value_enum, default_value_t = Severity::Pass, value_name = "OUTCOME")]
    pub show: Severity,
    /// A profile without `decision` fails instead of passing with its recommendation.
    #[arg(long)]
    pub require_decision: bool,
    /// Finding no profile at all is an error (exit 2); by default nothing to check passes, with
    /// a note on stderr.
    #[arg(long)]
    pub require_profiles: bool,
    /// Ignore every waiver (audit mode): what the rules say without the accepted exceptions.
    #[arg(long)]
    pub no_waivers: bool,
    /// Judge waiver expiry as of this date instead of today (UTC).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub today: Option<crate::check::Date>,
    #[command(flatten)]
    pub rules: RulesArgs,
    #[command(flatten)]
    pub prices: PricesArgs,
}

/// The least severe outcome of `check` that fails the run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    /// Behind or discouraged decisions, stale waivers and waivers with no expiry date fail too.
    Warn,
    /// Excluded decisions, expired waivers and missing required decisions fail.
    Fail,
}

/// An outcome of `check`, for `--show`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Severity {
    /// Every profile.
    Pass,
    /// Behind or discouraged decisions and stale waivers, and worse.
    Warn,
    /// Excluded decisions, expired waivers, missing required decisions; and invalid profiles.
    Fail,
}

fn parse_date(s: &str) -> Result<crate::check::Date, String> {
    crate::check::Date::parse(s)
        .ok_or_else(|| format!("`{s}` is not a date; write YYYY-MM-DD, e.g. 2027-06-30"))
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The base profile or directory; with --base-ref, the one path compared (the base is read
    /// from git at REF, the head from the working tree).
    #[arg(value_name = "BASE")]
    pub base: PathBuf,
    /// The head profile or directory (not with --base-ref).
    #[arg(
        value_name = "HEAD",
        required_unless_present = "base_ref",
        conflicts_with = "base_ref"
    )]
    pub head: Option<PathBuf>,
    /// Read the base side from this git ref (`git show REF:PATH`): a branch, tag or commit, e.g.
    /// `origin/main` or `HEAD~1`.
    #[arg(long, value_name = "REF")]
    pub base_ref: Option<String>,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
    /// Exit 1 when this happens: `irreversible` (a change that cannot be undone),
    /// `decision-flip` (the recommendation changed, or the declared decision's verdict got worse),
    /// `cost-increase-pct=N` (the suggested monthly cost rose by more than N%), `weakens-check`
    /// (a waiver added or extended, `decision` or the budget removed, the budget raised, a profile
    /// removed: `check` would pass more easily). Repeatable or comma-separated.
    #[arg(long, value_name = "GATE", value_delimiter = ',')]
    pub fail_on: Vec<crate::diff::Gate>,
    /// Judge waiver expiry as of this date instead of today (UTC), as `check --today` does.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub today: Option<crate::check::Date>,
    #[command(flatten)]
    pub rules: RulesArgs,
    #[command(flatten)]
    pub prices: PricesArgs,
}
