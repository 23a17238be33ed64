//! `msgadvisor rules list|show|lint|test`: the rule packs, listed, documented, validated and tested.

use super::{load_rules, rule_packs};
use crate::cli::{RulesCheckArgs, RulesCommand, RulesListArgs, RulesShowArgs};
use crate::diag::{InputError, suggest};
use crate::engine::doc::{RuleDoc, RuleList, status};
// Rule packs are input too: their text output is guarded like the report's.
use crate::render::{DocFormat, ResultFormat, guarded, rules as out};
use crate::{EXIT_FAIL, EXIT_INPUT, Outcome};

pub fn run(cmd: &RulesCommand) -> anyhow::Result<Outcome> {
    match cmd {
        RulesCommand::List(a) => list(a),
        RulesCommand::Show(a) => show(a),
        RulesCommand::Lint(a) => lint(a),
        RulesCommand::Test(a) => test(a),
    }
}

fn list(a: &RulesListArgs) -> anyhow::Result<Outcome> {
    let (packs, set) = load_rules(&a.rules, &[])?;
    let l = RuleList::new(&set, packs.describe());
    let text = match a.format {
        DocFormat::Text => guarded(out::list_text(&l)),
        DocFormat::Markdown => guarded(out::list_markdown(&l)),
        DocFormat::Json => crate::render::json(&l),
        DocFormat::Yaml => crate::render::yaml(&l),
    };
    Ok(Outcome::success(text))
}

fn show(a: &RulesShowArgs) -> anyhow::Result<Outcome> {
    let (packs, set) = load_rules(&a.rules, &[])?;
    let Some(rule) = set.rule(&a.id) else {
        let message = match set.overridden.get(&a.id) {
            Some(o @ crate::engine::Override::Disabled(_)) => {
                format!("rule `{}` is {o}", a.id)
            }
            _ => {
                let ids = set.rules.iter().map(|r| r.id.as_str());
                let hint = suggest(&a.id, ids, "; `msgadvisor rules list` lists them");
                format!("no rule has the id `{}` ({}){hint}", a.id, packs.describe())
            }
        };
        return Err(InputError::whole("rules show", message).into());
    };
    let doc = RuleDoc::new(&set, rule);
    let text = match a.format {
        DocFormat::Text => guarded(out::show_text(&doc)),
        DocFormat::Markdown => guarded(out::show_markdown(&doc)),
        DocFormat::Yaml => out::pack_yaml(rule, &status(&set, rule)),
        DocFormat::Json => crate::render::json(&rule.raw),
    };
    Ok(Outcome::success(text))
}

fn lint(a: &RulesCheckArgs) -> anyhow::Result<Outcome> {
    let packs = rule_packs(&a.rules)?;
    let report = crate::engine::lint::lint(&packs.dirs);
    let code = if report.errors > 0 { EXIT_INPUT } else { 0 };
    let stdout = match a.format {
        ResultFormat::Text => guarded(out::lint_text(&report, &packs.describe())),
        ResultFormat::Json => crate::render::json(&report),
    };
    Ok(Outcome {
        stdout,
        code,
        ..Default::default()
    })
}

fn test(a: &RulesCheckArgs) -> anyhow::Result<Outcome> {
    let (_, set) = load_rules(&a.rules, &[])?;
    let results = crate::engine::examples::run_all(&set);
    let failed = results.iter().filter(|r| !r.passed).count();
    let stdout = match a.format {
        ResultFormat::Text => guarded(out::test_text(&results)),
        ResultFormat::Json => crate::render::json(&serde_json::json!({
            "passed": results.len() - failed,
            "failed": failed,
            "results": results,
        })),
    };
    Ok(Outcome {
        stdout,
        code: if failed > 0 { EXIT_FAIL } else { 0 },
        ..Default::default()
    })
}
