//! `msgadvisor diff`: reads both sides, builds each profile's full report the way `recommend`
//! does (waivers applied) and judges its decision the way `check` does, compares them, renders, and appends the Markdown comment to `$GITHUB_STEP_SUMMARY` for
//! the GitHub format. Exit 0 unless a `--fail-on` gate fires (1).

use super::{Loaded, report_of};
use crate::Outcome;
use crate::cli::{DiffArgs, DiffFormat};
use crate::diff::source::{self, Text};
use crate::diff::{self, Side, Sources};
use crate::engine::RuleSet;
use crate::report::Report;

/// One side of one profile, loaded and assessed.
struct Assessed {
    loaded: Loaded,
    report: Report,
    /// `check`'s judgement of this side: the decision's standing, with its waivers.
    check: crate::check::ProfileCheck,
}

impl Assessed {
    fn side(&self) -> Side<'_> {
        Side {
            file: &self.loaded.file,
            profile: &self.loaded.profile,
            locations: &self.loaded.locations,
            report: &self.report,
            check: &self.check,
        }
    }
}

fn assess(
    t: &Text,
    packs: &crate::config::Packs,
    rules: &RuleSet,
    opts: &crate::check::Options,
) -> anyhow::Result<Assessed> {
    let known = rules.known();
    let (profile, locations, warnings) =
        crate::profile::load_with(&t.text, &t.label, Some(&known))?;
    let loaded = Loaded {
        file: t.label.clone(),
        profile,
        locations,
        warnings,
    };
    // The report as `recommend` builds it and the decision as `check` judges it: both apply the
    // waivers through `crate::waiver`, so the two sides of one gate agree.
    let (eval, notes, _) = crate::waiver::evaluate(rules, &loaded.profile, opts.today, false)?;
    let mut report = report_of(&loaded, eval, packs, rules);
    report.waivers = notes;
    let check = crate::check::judge::judge_profile(&loaded, rules, opts);
    Ok(Assessed {
        loaded,
        report,
        check,
    })
}

pub fn run(args: &DiffArgs) -> anyhow::Result<Outcome> {
    let (packs, rules) = super::load_rules(&args.rules, &args.prices.prices)?;
    let sides = match (&args.base_ref, &args.head) {
        (Some(r), _) => source::at_ref(r, &args.base)?,
        (None, Some(head)) => source::local(&args.base, head)?,
        // clap requires HEAD without --base-ref.
        (None, None) => anyhow::bail!("give two paths (BASE HEAD) or one path with --base-ref REF"),
    };
    let sources = Sources::of(&rules);
    // The options `check` runs with by default: only the date and the waivers matter to one
    // profile's judgement.
    let opts = crate::check::Options {
        today: args.today.unwrap_or_else(crate::check::Date::today),
        no_waivers: false,
        require_decision: false,
        require_profiles: false,
        fail_on: crate::check::Status::Fail,
        show: crate::check::Status::Pass,
    };
    let mut profiles = Vec::with_capacity(sides.pairs.len());
    let mut warnings = String::new();
    for pair in &sides.pairs {
        let (b, h) = match (&pair.base, &pair.head) {
            // Most profiles in a pull request are untouched: the same text is assessed once, and
            // its input warnings said once.
            (Some(bt), Some(ht)) if bt.text == ht.text => {
                let h = assess(ht, &packs, &rules, &opts)?;
                warnings.push_str(&super::warning_lines(&h.loaded));
                let mut b = Assessed {
                    loaded: h.loaded.clone(),
                    report: h.report.clone(),
                    check: h.check.clone(),
                };
                b.loaded.file = bt.label.clone();
                (Some(b), Some(h))
            }
            (bt, ht) => {
                let b = (bt.as_ref())
                    .map(|t| assess(t, &packs, &rules, &opts))
                    .transpose()?;
                let h = (ht.as_ref())
                    .map(|t| assess(t, &packs, &rules, &opts))
                    .transpose()?;
                // Input warnings reach stderr, located, as in `recommend`.
                for side in b.iter().chain(h.iter()) {
                    warnings.push_str(&super::warning_lines(&side.loaded));
                }
                (b, h)
            }
        };
        let (bs, hs) = (
            b.as_ref().map(Assessed::side),
            h.as_ref().map(Assessed::side),
        );
        profiles.push(diff::compare(
            &pair.path,
            bs.as_ref(),
            hs.as_ref(),
            &sources,
        ));
    }
    let report = diff::report(sides.base, sides.head, profiles, &args.fail_on);
    let stdout = match args.format {
        DiffFormat::Text => crate::render::diff_text::render(&report),
        DiffFormat::Json => crate::render::json(&report),
        DiffFormat::Markdown => crate::render::diff_markdown::render(&report),
        DiffFormat::Github => crate::render::diff_github::render(&report),
    };
    let mut stderr = warnings;
    let mut code = report.exit_code();
    if args.format == DiffFormat::Github
        && let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty())
    {
        let summary = crate::render::diff_markdown::render(&report);
        if let Err(line) = crate::output::append_step_summary(&path, &summary) {
            stderr.push_str(&line);
            code = crate::EXIT_INPUT;
        }
    }
    Ok(Outcome {
        stdout,
        stderr,
        code,
    })
}
