//! Which of a profile's waivers apply, decided in one place for `check`, `diff`, `recommend`,
//! `explain` and `report`: a waiver applies when it has not expired (it holds through its
//! `expires` day) and its rule fired; `--no-waivers` ignores them all. The candidates are then
//! ranked again as if the waived rules had not fired ([`evaluate`]).

use crate::date::Date;
use crate::engine::Evaluation;
use crate::engine::evaluate::{self as engine, EvalError, EvalOptions, evaluate_moved};
use crate::profile::Waiver;
use serde::Serialize;
use std::collections::BTreeSet;

/// What became of one waiver.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum WaiverState {
    /// Its rule fired and its effects were removed.
    Applied,
    /// Its rule did not fire: the waiver can go.
    Stale,
    /// Past its `expires` date: it no longer applies, and the profile fails.
    Expired,
    /// `--no-waivers` was given.
    Ignored,
}

/// What became of one of the profile's waivers in this run.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WaiverNote {
    pub rule: String,
    pub reason: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires: Option<String>,
    pub state: WaiverState,
}

/// The state of waiver `w`, given whether its rule fired, today's date and `--no-waivers`.
fn state(w: &Waiver, rule_fired: bool, today: Date, ignore: bool) -> WaiverState {
    let expired = w
        .expires
        .as_deref()
        .and_then(Date::parse)
        .is_some_and(|d| d < today);
    if ignore {
        WaiverState::Ignored
    } else if expired {
        WaiverState::Expired
    } else if !rule_fired {
        WaiverState::Stale
    } else {
        WaiverState::Applied
    }
}

/// Every waiver of a profile with its state, in the profile's order; `fired` holds the ids of the
/// rules that fired without waivers.
pub fn assess(
    waivers: &[Waiver],
    fired: &BTreeSet<&str>,
    today: Date,
    ignore: bool,
) -> Vec<WaiverNote> {
    waivers
        .iter()
        .map(|w| WaiverNote {
            rule: w.rule.clone(),
            reason: w.reason.clone(),
            expires: w.expires.clone(),
            state: state(w, fired.contains(w.rule.as_str()), today, ignore),
        })
        .collect()
}

/// The ids of the rules that fired in `eval` (evaluated without waivers): a waiver applies only
/// to one of them.
pub fn fired(eval: &Evaluation) -> BTreeSet<&str> {
    eval.trace
        .iter()
        .filter(|t| t.fired)
        .map(|t| t.rule.as_str())
        .collect()
}

/// The ids of the rules whose waivers apply.
pub fn applied(notes: &[WaiverNote]) -> BTreeSet<String> {
    notes
        .iter()
        .filter(|n| n.state == WaiverState::Applied)
        .map(|n| n.rule.clone())
        .collect()
}

/// A profile evaluated with its waivers applied as `check` applies them: what every command
/// that reads a profile shows and `check` judges.
pub struct Evaluated {
    /// The evaluation with the effects of the waived rules left out.
    pub eval: Evaluation,
    /// The same without waivers, when some apply (else it is `eval`): what a decision would be
    /// without them. See [`Evaluated::unwaived`].
    pub without_waivers: Option<Evaluation>,
    /// What became of each of the profile's waivers.
    pub notes: Vec<WaiverNote>,
    /// The rules whose waivers apply.
    pub waived: BTreeSet<String>,
}

impl Evaluated {
    /// The evaluation without waivers.
    pub fn unwaived(&self) -> &Evaluation {
        self.without_waivers.as_ref().unwrap_or(&self.eval)
    }
}

/// Evaluates `profile` with its waivers applied as `check` applies them (as of `today`; none
/// when `ignore`, for `--no-waivers`), recording what `options` asks for.
pub fn evaluate_with(
    rules: &crate::engine::RuleSet,
    profile: &crate::profile::Profile,
    today: Date,
    ignore: bool,
    options: EvalOptions,
) -> Result<Evaluated, EvalError> {
    // Which rules fire without waivers decides which waivers apply.
    let unwaived = engine::evaluate_with(rules, profile, &BTreeSet::new(), options)?;
    let notes = assess(&profile.waivers, &fired(&unwaived), today, ignore);
    let waived = applied(&notes);
    let (eval, without_waivers) = if waived.is_empty() {
        (unwaived, None)
    } else {
        // A waiver changes what its rule does, never whether it fires: the same rules fire, and
        // only the ranking is done again. A condition read the same values either way.
        let mut eval = evaluate_moved(rules, profile, &waived, &unwaived, None)?;
        for (t, u) in eval.trace.iter_mut().zip(&unwaived.trace) {
            t.saw.clone_from(&u.saw);
        }
        (eval, Some(unwaived))
    };
    Ok(Evaluated {
        eval,
        without_waivers,
        notes,
        waived,
    })
}

/// [`evaluate_with`], recording everything (what `recommend`, `report`, `explain` and `diff`
/// show).
pub fn evaluate(
    rules: &crate::engine::RuleSet,
    profile: &crate::profile::Profile,
    today: Date,
    ignore: bool,
) -> Result<Evaluated, EvalError> {
    evaluate_with(rules, profile, today, ignore, EvalOptions::FULL)
}

/// The one line every view prints about the waivers; None when the profile has none.
pub fn line(notes: &[WaiverNote]) -> Option<String> {
    if notes.is_empty() {
        return None;
    }
    if notes.iter().all(|n| n.state == WaiverState::Ignored) {
        let ids: Vec<&str> = notes.iter().map(|n| n.rule.as_str()).collect();
        return Some(format!(
            "Waivers ignored (--no-waivers): {}.",
            ids.join(", ")
        ));
    }
    let part = |state: WaiverState| -> Vec<String> {
        notes
            .iter()
            .filter(|n| n.state == state)
            .map(|n| match (state, &n.expires) {
                (WaiverState::Applied, Some(e)) => {
                    format!("{} (\"{}\", until {e})", n.rule, n.reason)
                }
                // Said, as `check` warns it (`check/waiver-no-expiry`): it waives for good.
                (WaiverState::Applied, None) => {
                    format!("{} (\"{}\", no expiry date)", n.rule, n.reason)
                }
                (WaiverState::Expired, e) => {
                    format!("{} (expired {})", n.rule, e.as_deref().unwrap_or_default())
                }
                _ => format!("{} (stale: the rule does not fire)", n.rule),
            })
            .collect()
    };
    let mut applied = part(WaiverState::Applied).join("; ");
    if applied.is_empty() {
        applied = "none".into();
    }
    let mut not = part(WaiverState::Expired);
    not.extend(part(WaiverState::Stale));
    let mut out = format!("Waivers applied as `check` applies them: {applied}");
    if !not.is_empty() {
        out.push_str(&format!("; not applied: {}", not.join("; ")));
    }
    out.push_str(". --no-waivers ignores them.");
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(rule: &str, expires: Option<&str>) -> Waiver {
        Waiver {
            rule: rule.into(),
            reason: "r".into(),
            expires: expires.map(str::to_string),
        }
    }

    #[test]
    fn a_waiver_holds_through_its_expiry_day_and_only_for_a_rule_that_fired() {
        let today = Date::parse("2027-06-30").unwrap();
        let live = w("a", Some("2027-06-30"));
        assert_eq!(state(&live, true, today, false), WaiverState::Applied);
        assert_eq!(state(&live, false, today, false), WaiverState::Stale);
        assert_eq!(state(&live, true, today, true), WaiverState::Ignored);
        let old = w("a", Some("2027-06-29"));
        assert_eq!(state(&old, true, today, false), WaiverState::Expired);
        assert_eq!(
            state(&w("a", None), true, today, false),
            WaiverState::Applied
        );
    }

    #[test]
    fn the_line_names_what_applied_and_what_did_not() {
        let fired: BTreeSet<&str> = ["a", "b", "d"].into_iter().collect();
        let today = Date::parse("2026-01-01").unwrap();
        let notes = assess(
            &[
                w("a", Some("2027-01-01")),
                w("b", Some("2020-01-01")),
                w("c", None),
                w("d", None),
            ],
            &fired,
            today,
            false,
        );
        assert_eq!(
            applied(&notes),
            ["a".to_string(), "d".to_string()].into_iter().collect()
        );
        assert_eq!(
            line(&notes).unwrap(),
            "Waivers applied as `check` applies them: a (\"r\", until 2027-01-01); d (\"r\", no expiry date); not applied: b (expired 2020-01-01); c (stale: the rule does not fire). --no-waivers ignores them."
        );
        let ignored = assess(&[w("a", None)], &fired, today, true);
        assert_eq!(
            line(&ignored).unwrap(),
            "Waivers ignored (--no-waivers): a."
        );
        assert_eq!(line(&[]), None);
    }
}
