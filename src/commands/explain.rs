//! `msgadvisor explain`: one profile in, everything behind its recommendation out.

use super::{Evaluated, evaluate_profile};
use crate::Outcome;
use crate::cli::ExplainArgs;
use crate::explain::{Explanation, Inputs};
use crate::render::DocFormat;

pub fn run(args: &ExplainArgs) -> anyhow::Result<Outcome> {
    let Evaluated {
        packs,
        rules,
        loaded,
        settings,
        eval,
    } = evaluate_profile(&args.profile, &args.rules, &args.prices, &args.what_if)?;
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
    Ok(Outcome::success(text).keeping((explanation, rules, loaded, eval)))
}
