//! The command line: clap definitions only. Doc comments here are the `--help` text.

use crate::render::Format;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "msgadvisor",
    version,
    about = "Which messaging system does this workload need, and how do we run it?",
    long_about = "msgadvisor reads a workload profile (YAML) and recommends Kafka, Redis Streams, BullMQ, \
Redis Pub/Sub, RabbitMQ or a transactional outbox, with the reasons and sources for every verdict.",
    after_help = "Examples:\n  msgadvisor recommend examples/order-events.yaml\n  msgadvisor recommend profile.yaml --format json\n  cat profile.yaml | msgadvisor recommend -\n  msgadvisor recommend profile.yaml --rules ./our-rules\n\nExit codes: 0 success, 1 a failing check, 2 invalid input or usage."
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
    /// Lint Kafka topic names, one per line: Kafka's own rules (errors) and naming conventions
    /// (warnings).
    #[command(
        long_about = "Lint Kafka topic names, one per line (blank lines and lines starting with # are skipped).\n\n\
Errors (exit 1): characters other than a-z, A-Z, 0-9, '.', '_' and '-'; longer than 249; '.' or '..'; the reserved '__' prefix (Kafka's own __consumer_offsets, __transaction_state and __cluster_metadata pass).\n\
Warnings (exit 0): '.' and '_' mixed, upper case, a name that doesn't read <domain>.<event>, an event not in the past tense (a heuristic), a duplicate.",
        after_help = "Examples:\n  msgadvisor names topics.txt\n  kafka-topics.sh --bootstrap-server localhost:9092 --list | msgadvisor names\n  msgadvisor names topics.txt --format json\n\nExit codes: 0 no errors (warnings allowed), 1 an invalid name, 2 unreadable input."
    )]
    Names(NamesArgs),
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
    #[arg(value_name = "FILE", default_value = "-")]
    pub file: String,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = NamesFormat::Text)]
    pub format: NamesFormat,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// A rule pack directory layered over the built-in rules by rule id (repeatable; later wins).
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct RecommendArgs {
    /// The profile to read, or `-` for standard input.
    #[arg(value_name = "PROFILE")]
    pub profile: String,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    #[command(flatten)]
    pub rules: RulesArgs,
    /// A price file layered over the built-in prices and the rule packs (repeatable; later wins):
    /// its `prices:` entries replace prices by id (same unit), `operations:` the operating hours
    /// and hourly rate, `instances:` machine sizes. For negotiated prices or another region.
    #[arg(long = "prices", value_name = "FILE")]
    pub prices: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The profile to read, or `-` for standard input.
    #[arg(value_name = "PROFILE")]
    pub profile: String,
    /// Write the record to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
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
    /// A price file layered over the built-in prices and the rule packs (repeatable; later
    /// wins), as for `recommend`.
    #[arg(long = "prices", value_name = "FILE")]
    pub prices: Vec<PathBuf>,
    #[command(flatten)]
    pub rules: RulesArgs,
}
