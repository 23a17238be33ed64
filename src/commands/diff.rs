//! `msgadvisor diff`: reads both sides, evaluates each profile once (waivers applied), builds its
//! full report the way `recommend` does and judges its decision the way `check` does from that
//! evaluation, compares them, renders, and appends the Markdown comment to
//! `$GITHUB_STEP_SUMMARY` for the GitHub format. Exit 0 unless a `--fail-on` gate fires (1).

use super::{Loaded, report_of};
use crate::Outcome;
use crate::cli::{DiffArgs, DiffFormat};
use crate::diff::source::{self, Text};
use crate::diff::{self, Side, Sources};
use crate::engine::RuleSet;
use crate::report::Report;

/// One side of one profile, loaded and assessed.
#[derive(Clone)]
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
    // One evaluation, waivers applied as `check` applies them: `check`'s judgement of the
    // decision reads it, then the report is built from it as `recommend` builds one.
    let e = crate::waiver::evaluate(rules, &loaded.profile, opts.today, opts.no_waivers)?;
    let check = crate::check::judge::judge_evaluation(&loaded, &e, opts);
    let mut report = report_of(&loaded, e.eval, packs, rules);
    report.waivers = e.notes;
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
                let mut b = h.clone();
                b.loaded.file = bt.label.clone();
                (Some(b), Some(h))
            }
            (bt, ht) => {
                let side = |t: &Option<Text>| t.as_ref().map(|t| assess(t, &packs, &rules, &opts));
                let (b, h) = (side(bt).transpose()?, side(ht).transpose()?);
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

#[cfg(test)]
mod tests {
    use crate::engine::evaluate::RUNS;
    use clap::Parser;

    /// The engine runs of `msgadvisor diff base head` on this thread, as (full, re-ranked).
    fn runs_of_diff(base: &str, head: &str) -> (usize, usize) {
        let dir = tempfile::tempdir().unwrap();
        let (b, h) = (dir.path().join("base.yaml"), dir.path().join("head.yaml"));
        std::fs::write(&b, base).unwrap();
        std::fs::write(&h, head).unwrap();
        let cli = crate::cli::Cli::try_parse_from([
            "msgadvisor".as_ref(),
            "diff".as_ref(),
            b.as_os_str(),
            h.as_os_str(),
            "--today".as_ref(),
            "2027-01-01".as_ref(),
            "--no-config".as_ref(),
        ])
        .unwrap();
        RUNS.with(|n| n.set((0, 0)));
        let out = crate::run(cli, false).unwrap();
        assert_eq!(out.code, crate::EXIT_OK, "{}", out.stderr);
        RUNS.with(|n| n.get())
    }

    /// Each side's rules run once, for its report and `check`'s judgement of its decision alike;
    /// a side whose waivers apply is ranked again without the waived rules' effects, its
    /// conditions not run again (a waiver changes what a rule does, not whether it fires).
    #[test]
    fn each_side_of_a_diff_is_evaluated_once() {
        let orders = include_str!("../../examples/order-events.yaml");
        let tripled = orders.replacen("peak_per_sec: 400 ", "peak_per_sec: 1200", 1);
        assert_ne!(orders, tripled);
        assert_eq!(runs_of_diff(orders, &tripled), (2, 0), "no waivers");

        let mailer = include_str!("../../tests/fixtures/check/repo/services/mailer.yaml");
        let doubled = mailer.replacen("peak_per_sec: 20", "peak_per_sec: 40", 1);
        assert_ne!(mailer, doubled);
        assert_eq!(
            runs_of_diff(mailer, &doubled),
            (2, 2),
            "a waiver that applies"
        );
    }
}
