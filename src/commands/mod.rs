//! One file per subcommand, each thin: load, call the library, render, pick the exit code.

pub mod check;
pub mod recommend;
pub mod report;
pub mod schema;

use crate::diag::InputError;
use crate::diag::Problem;
use crate::engine::RuleSet;
use crate::profile::{Locations, Profile};
use crate::yaml::Loc;

/// A profile read from a path or `-`, with where its fields were and any warnings.
pub struct Loaded {
    pub file: String,
    pub profile: Profile,
    pub locations: Locations,
    pub warnings: Vec<Problem>,
}

/// Reads and validates a profile from a path or `-` (standard input).
pub fn load_profile(arg: &str) -> Result<Loaded, InputError> {
    let (file, text) = if arg == "-" {
        ("<stdin>".to_string(), crate::input::read_stdin())
    } else {
        (
            arg.to_string(),
            crate::input::read_text(std::path::Path::new(arg)),
        )
    };
    let text = text.map_err(|e| InputError::one(&file, Problem::new("", Loc::default(), e)))?;
    let (profile, locations, warnings) = crate::profile::load(&text, &file)?;
    Ok(Loaded {
        file,
        profile,
        locations,
        warnings,
    })
}

/// Checks the parts of a profile that depend on the rules: the decision and waived rule ids.
pub fn check_against_rules(l: &Loaded, rules: &RuleSet) -> Result<(), InputError> {
    let mut problems = Vec::new();
    if let Some(d) = &l.profile.decision
        && rules.candidate(d).is_none()
    {
        let ids: Vec<&str> = rules.candidates.iter().map(|c| c.id.as_str()).collect();
        let hint = crate::diag::did_you_mean(d, ids.iter().copied())
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_default();
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
            let hint = crate::diag::did_you_mean(&w.rule, ids)
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_else(|| "; `msgadvisor rules list` shows them".to_string());
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
