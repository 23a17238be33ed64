//! `msgadvisor recommend`: one profile in, one report out.

use crate::Outcome;
use crate::cli::RecommendArgs;

pub fn run(args: &RecommendArgs, color: bool) -> anyhow::Result<Outcome> {
    let a = super::analyse(
        &args.input,
        // Only the machine formats carry the cost curve; the table and Markdown do not show it.
        matches!(
            args.format,
            crate::render::Format::Json | crate::render::Format::Yaml
        ),
    )?;
    let view = crate::render::View {
        width: args.width.unwrap_or(crate::render::View::default().width),
        detail: args.detail,
    };
    let text = crate::render::render_view(&a.report, args.format, color, view);
    Ok(Outcome {
        stderr: super::warning_lines(&a.loaded),
        ..Outcome::success(text)
    })
}
