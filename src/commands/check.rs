//! `msgadvisor check`: the CI gate. Loads the rules once, checks every profile under the paths
//! given, renders the report, and appends a Markdown summary to `$GITHUB_STEP_SUMMARY` for the
//! GitHub format.

use crate::Outcome;
use crate::check::{self, Date, Header, Options, Render, Status};
use crate::cli::{CheckArgs, CheckFormat, FailOn, Severity};
use crate::render::github::Github;
use std::io::Write;

/// Runs the check, writing the report to `out` as profiles are judged; the outcome carries the
/// exit code and what goes to stderr.
pub fn run(args: &CheckArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let (packs, rules) = super::load_rules(&args.rules, &args.prices.prices)?;
    let opts = Options {
        today: args.today.unwrap_or_else(Date::today),
        no_waivers: args.no_waivers,
        require_decision: args.require_decision,
        require_profiles: args.require_profiles,
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
    let header = Header::new(&opts, &packs, &rules);
    let summary_path = std::env::var_os("GITHUB_STEP_SUMMARY")
        .filter(|p| args.format == CheckFormat::Github && !p.is_empty());
    let mut github = Github::new(summary_path.is_some());
    let mut other = crate::render::check_renderer(args.format);
    let render: &mut dyn Render = if args.format == CheckFormat::Github {
        &mut github
    } else {
        other.as_mut()
    };
    // Written as it goes, with the guarantees of output written at the end: a closed pipe ends
    // it quietly and the run keeps its exit code, any other failed write is exit 2; and the
    // formats people read are guarded line by line, as `render::guarded` guards a whole text.
    let mut stream = crate::output::Streamed::new(out);
    let mut out = std::io::BufWriter::new(&mut stream);
    let footer = if matches!(args.format, CheckFormat::Text | CheckFormat::Markdown) {
        let mut lines = crate::untrusted::Lines::new(&mut out);
        let footer = check::run(&args.paths, &rules, &opts, &header, render, &mut lines)?;
        lines.finish().map_err(crate::output::write_failed)?;
        footer
    } else {
        check::run(&args.paths, &rules, &opts, &header, render, &mut out)?
    };
    out.flush().map_err(crate::output::write_failed)?;
    let mut stderr = String::new();
    for note in &footer.notes {
        stderr.push_str(&format!("note: {note}\n"));
    }
    let mut code = footer.exit_code;
    if !matches!(args.format, CheckFormat::Text | CheckFormat::Github) {
        // Machine formats own stdout; the one-line summary still reaches the CI log.
        stderr.push_str(&footer.summary.line());
        stderr.push('\n');
    }
    if let (Some(path), Some(summary)) = (summary_path, &github.step_summary)
        && let Err(line) = crate::output::append_step_summary(&path, summary)
    {
        stderr.push_str(&line);
        code = crate::EXIT_INPUT;
    }
    Ok(Outcome {
        stderr,
        code,
        ..Default::default()
    })
}
