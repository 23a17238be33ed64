//! `msgadvisor explain`: one profile in, everything behind its recommendation out.

use super::{check_against_rules, load_profile_with, rule_packs};
use crate::Outcome;
use crate::cli::ExplainArgs;
use crate::engine::{RuleSet, evaluate};
use crate::explain::{Explanation, Inputs};
use crate::render::DocFormat;

pub fn run(args: &ExplainArgs) -> anyhow::Result<Outcome> {
    let settings = crate::whatif::parse(&args.what_if.set)?;
    let packs = rule_packs(&args.rules)?;
    let rules = RuleSet::load(&packs.dirs)?;
    let loaded = load_profile_with(&args.profile, &settings)?;
    check_against_rules(&loaded, &rules)?;
    let eval = evaluate(&rules, &loaded.profile)?;
    let winner = eval.recommended().id.clone();
    let explanation = Explanation::new(Inputs {
        rules: &rules,
        profile: &loaded.profile,
        file: &loaded.file,
        eval: &eval,
        packs,
        what_if: settings,
        flip_points: crate::flip::find(&rules, &loaded.profile, &winner),
    });
    let text = match args.format {
        DocFormat::Text => crate::render::explain::text(&explanation),
        DocFormat::Markdown => crate::render::explain::markdown(&explanation),
        DocFormat::Json => crate::render::json(&explanation),
        DocFormat::Yaml => crate::render::yaml(&explanation),
    };
    drop(explanation);
    Ok(Outcome::success(text).keeping((rules, loaded, eval)))
}
