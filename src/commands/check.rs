//! `msgadvisor check`: the CI gate. Loads the rules once, checks every profile under the paths
//! given, renders the report, and appends a Markdown summary to `$GITHUB_STEP_SUMMARY` for the
//! GitHub format.

use crate::Outcome;
use crate::check::{self, Date, Options, Status};
use crate::cli::{CheckArgs, CheckFormat, FailOn, Severity};
use std::io::Write;

pub fn run(args: &CheckArgs) -> anyhow::Result<Outcome> {
    let (_, rules) = super::load_rules(&args.rules, &[])?;
    let opts = Options {
        today: args.today.unwrap_or_else(Date::today),
        no_waivers: args.no_waivers,
        require_decision: args.require_decision,
        fail_on: match args.fail_on {
            FailOn::Warn => Status::Warn,
            FailOn::Fail => Status::Fail,
        },
        show: match args.show {
            Severity::Pass => Status::Pass,
            Severity::Warn => Status::Warn,
            Severity::Fail => Status::Fail,
        },
    };
    let report = check::run(&args.paths, &rules, &opts)?;
    let stdout = crate::render::render_check(&report, args.format);
    let mut stderr = String::new();
    let mut summary_lost = false;
    if !matches!(args.format, CheckFormat::Text | CheckFormat::Github) {
        // Machine formats own stdout; the one-line summary still reaches the CI log.
        stderr.push_str(&report.summary.line());
        stderr.push('\n');
    }
    if args.format == CheckFormat::Github
        && let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty())
    {
        let summary = crate::render::github::step_summary(&report);
        let written = std::fs::OpenOptions::new()
            .append(true)
            .create(true)
            .open(&path)
            .and_then(|mut f| f.write_all(summary.as_bytes()));
        if let Err(e) = written {
            // Output the run was asked for and did not give: the same as a failed stdout.
            stderr.push_str(&format!(
                "error: could not append the summary to $GITHUB_STEP_SUMMARY ({}): {e}\n",
                std::path::Path::new(&path).display()
            ));
            summary_lost = true;
        }
    }
    let code = if summary_lost {
        crate::EXIT_INPUT
    } else {
        report.exit_code
    };
    Ok(Outcome {
        stdout,
        stderr,
        code,
        ..Default::default()
    }
    .keeping((rules, report)))
}
