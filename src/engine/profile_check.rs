//! The parts of a profile that only the rules can check: its `decision` names a candidate and
//! its waivers name rules.

use super::RuleSet;
use crate::diag::{InputError, Problem};
use crate::profile::Loaded;

/// Checks the parts of a profile that depend on the rules: the decision and waived rule ids.
pub fn check_against_rules(l: &Loaded, rules: &RuleSet) -> Result<(), InputError> {
    let mut problems = Vec::new();
    if let Some(d) = &l.profile.decision
        && rules.candidate(d).is_none()
    {
        let ids: Vec<&str> = rules.candidates.iter().map(|c| c.id.as_str()).collect();
        let hint = crate::diag::suggest(d, ids.iter().copied(), "");
        problems.push(Problem::new(
            "decision",
            l.locations.of("decision"),
            format!(
                "`{d}` is not a candidate; expected one of: {}{hint}",
                ids.join(", ")
            ),
        ));
    }
    for (i, w) in l.profile.waivers.iter().enumerate() {
        // A rule a pack disabled is known: its waiver is merely stale.
        if rules.rule(&w.rule).is_none() && !rules.overridden.contains_key(&w.rule) {
            let ids = rules.rules.iter().map(|r| r.id.as_str());
            let hint = crate::diag::suggest(&w.rule, ids, "; `msgadvisor rules list` shows them");
            let path = format!("waivers[{i}].rule");
            problems.push(Problem::new(
                &path,
                l.locations.of(&path),
                format!("`{}` is not a rule id{hint}", w.rule),
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(InputError {
            file: l.file.clone(),
            problems,
        })
    }
}
