//! `msgadvisor ask`: the questionnaire on a terminal (or every default with `--defaults`), then
//! the recommendation, then the profile written as commented YAML.

use super::load_profile;
use crate::Outcome;
use crate::ask::write;
use crate::ask::{AskError, Prompter, Scripted, flow, terminal};
use crate::cli::AskArgs;
use crate::engine::{RuleSet, evaluate};
use crate::output::{WriteError, write_file};
use crate::profile::Profile;
use crate::report::Report;
use std::path::{Path, PathBuf};

const NO_TERMINAL: &str = "`msgadvisor ask` asks its questions on a terminal, and standard input (or standard error) is not one; nothing was asked.
To write a profile without questions:
  msgadvisor ask --defaults --output my.msgadvisor.yaml    a commented starter profile with every default, to edit
  copy a profile from examples/ in the msgadvisor repository, and change it
  msgadvisor schema > profile.schema.json                  the JSON Schema, for completion and checks in editors";

pub fn run(args: &AskArgs, color: bool) -> anyhow::Result<Outcome> {
    // Before anything else, so that without a terminal nothing waits for input.
    if !args.defaults && !terminal::available() {
        anyhow::bail!(NO_TERMINAL);
    }
    if !args.defaults && args.from.as_deref() == Some("-") {
        anyhow::bail!(
            "--from - would read the profile from standard input, which answers the questions; give a file, or add --defaults"
        );
    }
    if let Some(out) = &args.output {
        if let Some(why) = write::unwritable(out) {
            anyhow::bail!("--output {}: {why}", out.display());
        }
        // Nobody can pick another name later, so refuse now rather than after the work.
        if args.defaults && !args.force && out.exists() {
            anyhow::bail!(WriteError::Exists(out.clone()));
        }
    }
    let (_, rules) = super::load_rules(&args.rules, &[])?;
    let from = args.from.as_deref().map(|arg| load_profile(arg, &rules));
    let from = from.transpose()?.map(|loaded| loaded.profile);
    if args.defaults {
        let mut p = Scripted::accept_defaults();
        let mut outcome = with_prompter(&mut p, args, from.as_ref(), &rules, color)?;
        outcome.stdout = p.shown;
        Ok(outcome)
    } else {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let mut p = terminal::Terminal::new(!no_color);
        with_prompter(&mut p, args, from.as_ref(), &rules, color)
    }
}

/// The command through any prompter: the questions, the recommendation (shown through the
/// prompter), the answers to confirm (or change, or quit), then the write. Tests drive this
/// with scripted answers.
pub fn with_prompter(
    p: &mut dyn Prompter,
    args: &AskArgs,
    from: Option<&Profile>,
    rules: &RuleSet,
    color: bool,
) -> anyhow::Result<Outcome> {
    let candidates: Vec<(String, String)> = rules
        .candidates
        .iter()
        .map(|c| (c.id.clone(), c.name.clone()))
        .collect();
    let mut session = flow::Session::new(from, &candidates)?;
    // The questions, the recommendation, then the answers to confirm: write, change one (and
    // see the recommendation again), or quit.
    let answers = loop {
        let answers = match session.ask(p) {
            Ok(a) => a,
            Err(AskError::Cancelled) => return Ok(not_written("cancelled")),
            Err(e) => return Err(e.into()),
        };
        let eval = evaluate(rules, &answers.profile)?;
        let report = Report::new(&answers.profile, &answers.warnings, eval, rules);
        p.show(&crate::render::render(
            &report,
            crate::render::Format::Table,
            color,
        ));
        match session.confirm(p) {
            Ok(flow::Next::Write) => break answers,
            Ok(flow::Next::Edit) => continue,
            Ok(flow::Next::Quit) => return Ok(not_written("quit")),
            Err(AskError::Cancelled) => return Ok(not_written("cancelled")),
            Err(e) => return Err(e.into()),
        }
    };

    let mut path = args
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from(write::default_file_name(&answers.profile.name)));
    loop {
        let file = path.file_name().map_or_else(
            || path.display().to_string(),
            |f| f.to_string_lossy().into_owned(),
        );
        let text = write::render(&answers.profile, &file, args.schema.as_deref())?;
        let failed = match write_file(&path, &text, args.force) {
            Ok(()) => break,
            // Nobody to ask: refuse (exit 2) rather than pick a name.
            Err(e) if !p.is_interactive() => return Err(e.into()),
            Err(WriteError::Exists(taken)) => format!("{} already exists", taken.display()),
            Err(WriteError::Other(why)) => why,
        };
        // After all those answers, a file that cannot be written gets another name, not an exit.
        path = match flow::ask_file_name(p, &path, &failed) {
            Ok(path) => path,
            Err(AskError::Cancelled) => return Ok(not_written("cancelled")),
            Err(e) => return Err(e.into()),
        };
    }

    let shown = path.display();
    let mut stderr = format!(
        "Wrote {shown}. Next:\n  msgadvisor recommend {shown}    the advice, in any --format\n  commit it, and gate pull requests with `msgadvisor check {shown}`\n"
    );
    if let Some(note) = args.schema.as_deref().and_then(|s| schema_note(s, &path)) {
        stderr.push_str(&note);
    }
    Ok(Outcome {
        stderr,
        ..Default::default()
    })
}

/// Quit at the summary or cancelled: nothing written, exit as for Ctrl-C.
fn not_written(how: &str) -> Outcome {
    Outcome {
        stderr: format!("{how}; no profile was written\n"),
        code: crate::EXIT_CANCELLED,
        ..Default::default()
    }
}

/// A note when `--schema` names a local file that is not there (yet), relative to the profile.
fn schema_note(schema: &str, profile: &Path) -> Option<String> {
    if schema.contains("://") {
        return None;
    }
    let dir = profile.parent().filter(|p| !p.as_os_str().is_empty());
    let resolved = dir.map_or_else(|| PathBuf::from(schema), |d| d.join(schema));
    (!resolved.exists()).then(|| {
        format!(
            "note: the schema {schema} is read relative to the profile, and {} does not exist yet; create it with `msgadvisor schema > {}`\n",
            resolved.display(),
            resolved.display()
        )
    })
}
