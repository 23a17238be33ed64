//! `msgadvisor recommend`: one profile in, one report out.

use super::{check_against_rules, load_profile};
use crate::Outcome;
use crate::cli::RecommendArgs;
use crate::engine::{RuleSet, evaluate};
use crate::report::Report;

pub fn run(args: &RecommendArgs, color: bool) -> anyhow::Result<Outcome> {
    let rules = RuleSet::load_with_prices(&args.rules.rules, &args.prices)?;
    let loaded = load_profile(&args.profile)?;
    check_against_rules(&loaded, &rules)?;
    let eval = evaluate(&rules, &loaded.profile)?;
    let report = Report::new(&loaded.profile, &loaded.warnings, eval, &rules);
    Ok(Outcome::success(crate::render::render(
        &report,
        args.format,
        color,
    )))
}
