//! msgadvisor: which messaging system a workload needs, and how to run it.
//!
//! Data flows one way: YAML → [`profile::Profile`] → the assessment ([`systems`]: every system's
//! numbers and the ways to run it, priced by [`cost`], from the rule set's [`tables`]) →
//! [`engine`] (the ranking) → [`guidance`] and [`report::Report`] → a renderer. The library never
//! prints; [`run`] returns what to print and the exit code. `tests/layering.rs` holds it.

pub mod ask;
pub mod check;
pub mod cli;
pub mod commands;
pub mod config;
pub mod cost;
pub mod cost_curve;
pub mod date;
pub mod diag;
pub mod diff;
pub mod engine;
pub mod explain;
pub(crate) mod fields;
pub mod flip;
pub mod guidance;
pub mod input;
pub mod output;
pub mod profile;
pub mod quantity;
pub mod references;
pub mod render;
pub mod report;
pub mod systems;
pub mod tables;
pub mod tradeoffs;
pub mod units;
pub mod untrusted;
pub mod waiver;
pub mod walk;
pub mod whatif;
pub mod yaml;

/// What a command produced: text for stdout, text for stderr, and the exit code.
#[derive(Debug, Default)]
pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    pub code: u8,
}

impl Outcome {
    pub fn success(stdout: String) -> Self {
        Outcome {
            stdout,
            ..Default::default()
        }
    }
}

/// Exit code for success.
pub const EXIT_OK: u8 = 0;
/// Exit code for a failing check.
pub const EXIT_FAIL: u8 = 1;
/// Exit code for invalid input or usage.
pub const EXIT_INPUT: u8 = 2;
/// Exit code when the user cancelled with Ctrl-C (128 + SIGINT, as shells report it).
pub const EXIT_CANCELLED: u8 = 130;

/// Runs a parsed command line. `color` is whether the table may use colour. What a command
/// writes as it goes (`check`) is in the outcome's `stdout`, ahead of the rest.
pub fn run(cli: cli::Cli, color: bool) -> anyhow::Result<Outcome> {
    let mut written = Vec::new();
    let mut out = run_to(cli, color, &mut written)?;
    if !written.is_empty() {
        let rest = std::mem::take(&mut out.stdout);
        out.stdout = String::from_utf8_lossy(&written).into_owned() + &rest;
    }
    Ok(out)
}

/// [`run`], with `stdout` for what a command writes as it goes (`check` streams its report, so
/// that its memory does not grow with the number of profiles); the rest is in the outcome.
pub fn run_to(
    cli: cli::Cli,
    color: bool,
    stdout: &mut dyn std::io::Write,
) -> anyhow::Result<Outcome> {
    match &cli.command {
        cli::Command::Recommend(args) => commands::recommend::run(args, color),
        cli::Command::Report(args) => commands::report::run(args),
        cli::Command::Explain(args) => commands::explain::run(args),
        cli::Command::Rules(cmd) => commands::rules::run(cmd),
        cli::Command::Ask(args) => commands::ask::run(args, color),
        cli::Command::Check(args) => commands::check::run(args, stdout),
        cli::Command::Diff(args) => commands::diff::run(args),
        cli::Command::Schema => commands::schema::run(),
        cli::Command::Completions { shell } => {
            use clap::CommandFactory;
            let mut out = Vec::new();
            clap_complete::generate(*shell, &mut cli::Cli::command(), "msgadvisor", &mut out);
            Ok(Outcome::success(String::from_utf8_lossy(&out).into_owned()))
        }
        cli::Command::Names(args) => commands::names::run(args),
        cli::Command::Prices(args) => commands::prices::run(args),
    }
}
