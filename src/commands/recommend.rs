//! `msgadvisor recommend`: one profile in, one report out.

use super::{check_against_rules, load_profile_with, rule_packs};
use crate::Outcome;
use crate::cli::RecommendArgs;
use crate::engine::evaluate;
use crate::report::Report;

pub fn run(args: &RecommendArgs, color: bool) -> anyhow::Result<Outcome> {
    let settings = crate::whatif::parse(&args.what_if.set)?;
    let packs = rule_packs(&args.rules)?;
    let rules = crate::engine::RuleSet::load(&packs.dirs)?;
    let loaded = load_profile_with(&args.profile, &settings)?;
    check_against_rules(&loaded, &rules)?;
    let eval = evaluate(&rules, &loaded.profile)?;
    let mut report = Report::new(&loaded.profile, &loaded.warnings, eval, &rules);
    report.rule_packs = packs.dirs.iter().map(|d| d.display().to_string()).collect();
    report.what_if = settings;
    report.flip_points = crate::flip::find(&rules, &loaded.profile, &report.recommended);
    Ok(Outcome::success(crate::render::render(
        &report,
        args.format,
        color,
    )))
}
