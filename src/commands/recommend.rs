//! `msgadvisor recommend`: one profile in, one report out.

use crate::Outcome;
use crate::cli::RecommendArgs;

pub fn run(args: &RecommendArgs, color: bool) -> anyhow::Result<Outcome> {
    let a = super::analyse(&args.profile, &args.rules, &args.prices, &args.what_if)?;
    let text = crate::render::render(&a.report, args.format, color);
    Ok(Outcome {
        stderr: super::warning_lines(&a.loaded),
        ..Outcome::success(text)
    })
}
