//! `msgadvisor explain`: one profile in, everything behind its recommendation out.

use super::evaluate_profile;
use crate::Outcome;
use crate::cli::ExplainArgs;
use crate::explain::{Explanation, Inputs};
use crate::render::DocFormat;

pub fn run(args: &ExplainArgs) -> anyhow::Result<Outcome> {
    let e = evaluate_profile(&args.input)?;
    let (eval, waived) = (&e.evaluated.eval, &e.evaluated.waived);
    let winner = eval.recommended().id.clone();
    let explanation = Explanation::new(Inputs {
        rules: &e.rules,
        profile: &e.loaded.profile,
        file: &e.loaded.file,
        eval,
        packs: e.packs,
        what_if: e.settings,
        flip_points: crate::flip::find_waived(&e.rules, &e.loaded.profile, &winner, waived),
        waivers: e.evaluated.notes.clone(),
        waived,
    });
    let text = match args.format {
        DocFormat::Text => crate::render::guarded(crate::render::explain::text(&explanation)),
        DocFormat::Markdown => {
            crate::render::guarded(crate::render::explain::markdown(&explanation))
        }
        DocFormat::Json => crate::render::json(&explanation),
        DocFormat::Yaml => crate::render::yaml(&explanation),
    };
    Ok(Outcome {
        stderr: super::warning_lines(&e.loaded),
        ..Outcome::success(text)
    })
}
