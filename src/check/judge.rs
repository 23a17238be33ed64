//! Judging profiles: read, validate and evaluate each one (in parallel, the rule set shared),
//! apply its waivers, and turn the decision's verdict into a status with located findings.

use super::discover::{Input, looks_like_profile};
use super::{Finding, Level, Options, ProfileCheck, Status, Waived, WaiverCheck, WaiverState, ids};
use crate::diag::Problem;
use crate::engine::evaluate::EvalOptions;
use crate::engine::{Evaluation, RuleSet};
use crate::profile::Loaded;
use crate::report::{CandidateReport, Verdict};
use crate::yaml::Loc;
use std::collections::BTreeSet;

/// What reading one input gave.
pub enum Outcome {
    Checked(Box<ProfileCheck>),
    /// Found by a directory walk or a glob, and not a profile: skipped and counted.
    NotAProfile(String),
}

/// Judges every input, spreading them over the machine's cores; results in input order.
pub fn judge_all(inputs: &[Input], rules: &RuleSet, opts: &Options) -> Vec<Outcome> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(inputs.len());
    if threads <= 1 {
        return inputs.iter().map(|i| judge_input(i, rules, opts)).collect();
    }
    // The rule set is read-only here: compiled CEL programs are shared by every thread.
    let chunk = inputs.len().div_ceil(threads);
    std::thread::scope(|s| {
        let workers: Vec<_> = inputs
            .chunks(chunk)
            .map(|part| {
                s.spawn(move || {
                    part.iter()
                        .map(|i| judge_input(i, rules, opts))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// Reads, validates and judges one input.
pub fn judge_input(input: &Input, rules: &RuleSet, opts: &Options) -> Outcome {
    let file = &input.file;
    let text = match &input.path {
        Some(p) => crate::input::read_text(p),
        None => crate::input::read_stdin(),
    };
    let text = match text {
        Ok(t) => t,
        Err(e) => return checked(invalid(file, "", Loc::default(), &e)),
    };
    let root = match crate::yaml::parse(&text) {
        Ok(root) => root,
        Err(_) if !input.explicit && !super::discover::says_profile(&text) => {
            return Outcome::NotAProfile(file.clone());
        }
        Err(e) => {
            let msg = format!("invalid YAML: {}", e.message);
            return checked(invalid(file, "", e.loc, &msg));
        }
    };
    if !input.explicit && !looks_like_profile(&root) {
        return Outcome::NotAProfile(file.clone());
    }
    let loaded = crate::profile::load_node_with(&root, file, Some(&rules.known())).map(
        |(profile, locations, warnings)| Loaded {
            file: file.clone(),
            profile,
            locations,
            warnings,
        },
    );
    match loaded {
        Ok(l) => checked(judge_profile(&l, rules, opts)),
        Err(e) => checked(ProfileCheck::invalid(&e.file, &e.problems)),
    }
}

fn checked(p: ProfileCheck) -> Outcome {
    Outcome::Checked(Box::new(p))
}

/// Judges one valid profile: its decision, with its waivers applied.
pub fn judge_profile(l: &Loaded, rules: &RuleSet, opts: &Options) -> ProfileCheck {
    // The ranking and which rules fired are all a check needs: no prices unless a rule reads them.
    let options = EvalOptions::FAST;
    match crate::waiver::evaluate_with(rules, &l.profile, opts.today, opts.no_waivers, options) {
        Ok(e) => judge_evaluation(l, &e, opts),
        Err(e) => {
            let message = format!("the rules could not be evaluated: {e}");
            ProfileCheck {
                name: Some(l.profile.name.clone()),
                decision: l.profile.decision.clone(),
                ..invalid(&l.file, "", Loc::default(), &message)
            }
        }
    }
}

/// Judges one valid profile from its evaluation `e`, which applied its waivers as of
/// `opts.today` (none with `opts.no_waivers`): `diff` judges the evaluation its report shows,
/// so no profile is evaluated twice and the two commands of one gate never disagree.
pub fn judge_evaluation(l: &Loaded, e: &crate::waiver::Evaluated, opts: &Options) -> ProfileCheck {
    let p = &l.profile;
    let mut out = ProfileCheck::invalid(&l.file, &[]);
    out.name = Some(p.name.clone());
    out.decision = p.decision.clone();
    out.warnings = l
        .warnings
        .iter()
        .map(|w| format!("{}: {}: {}", w.loc, w.path, w.message))
        .collect();
    // Waivers: which apply, which are stale or expired (decided as every command decides them).
    let (unwaived, judged, notes, applied) = (e.unwaived(), &e.eval, &e.notes, &e.waived);
    let mut status = Status::Pass;
    for (i, (w, note)) in p.waivers.iter().zip(notes).enumerate() {
        let rule_at = at(l, &format!("waivers[{i}].rule"));
        let state = note.state;
        match state {
            WaiverState::Expired => {
                status = status.max(Status::Fail);
                out.findings.push(Finding::own(
                    ids::WAIVER_EXPIRED,
                    Level::Error,
                    format!(
                        "the waiver of `{}` expired on {} (today is {}), so it no longer applies; renew it with a new date and reason, or change the decision",
                        w.rule,
                        w.expires.as_deref().unwrap_or_default(),
                        opts.today
                    ),
                    at(l, &format!("waivers[{i}].expires")),
                ));
            }
            // A waiver that applies for good is a gate narrowed for good: say so every run.
            WaiverState::Applied if w.expires.is_none() => {
                status = status.max(Status::Warn);
                out.findings.push(Finding::own(
                    ids::WAIVER_NO_EXPIRY,
                    Level::Warning,
                    format!(
                        "the waiver of `{}` has no expiry date, so it waives the rule for good; add `expires: YYYY-MM-DD` so that it comes back for review",
                        w.rule
                    ),
                    rule_at,
                ));
            }
            WaiverState::Stale => {
                status = status.max(Status::Warn);
                out.findings.push(Finding::own(
                    ids::WAIVER_STALE,
                    Level::Warning,
                    format!(
                        "the waiver of `{}` is stale: the rule does not fire for this profile; remove the waiver",
                        w.rule
                    ),
                    rule_at,
                ));
            }
            _ => {}
        }
        out.waivers.push(WaiverCheck {
            rule: w.rule.clone(),
            reason: w.reason.clone(),
            expires: w.expires.clone(),
            state,
            line: rule_at.line,
            column: rule_at.col,
        });
    }
    let top = judged.recommended();
    out.recommended = Some(top.id.clone());
    out.recommended_name = Some(top.name.clone());
    let recommendation = format!("recommended: {} (`{}`)", top.name, top.id);
    let decision_at = at(l, "decision");
    (out.line, out.column) = (decision_at.line, decision_at.col);
    // What `recommend` puts first ("Needs attention": a requirement no candidate can meet, a
    // budget nothing that meets the requirements fits) concerns the profile whatever its
    // decision; a gate that passed it silently would hide it from the pull request.
    for f in &judged.findings {
        status = status.max(Status::Warn);
        let id = f.rule.as_deref().unwrap_or(ids::NEEDS_ATTENTION);
        let mut finding = Finding::own(id, Level::Warning, f.message.clone(), decision_at);
        finding.source = f.source.clone();
        out.findings.push(finding);
    }

    let Some(decision) = &p.decision else {
        if opts.require_decision {
            status = status.max(Status::Fail);
            out.message = format!(
                "no decision declared (--require-decision); {recommendation}: add `decision: {}`",
                top.id
            );
            let message = out.message.clone();
            let missing = Finding::own(ids::DECISION_MISSING, Level::Error, message, decision_at);
            out.findings.push(missing);
        } else {
            out.message = format!("no decision to check; {recommendation}");
        }
        out.status = status;
        sort_findings(&mut out.findings);
        return out;
    };

    let before = candidate(unwaived, decision);
    let after = candidate(judged, decision);
    let (before_status, after_status) = (
        Status::of_verdict(before.verdict),
        Status::of_verdict(after.verdict),
    );
    out.verdict = Some(after.verdict);
    out.standing = Some(after.standing);
    if before.verdict != after.verdict {
        out.verdict_without_waivers = Some(before.verdict);
    }
    if before.standing != after.standing {
        out.standing_without_waivers = Some(before.standing);
    }
    status = status.max(after_status);

    if before_status > Status::Pass {
        for (rule, effects) in findings_against(unwaived, decision, applied) {
            let reason = before
                .reasons
                .iter()
                .chain(unwaived.ranking.iter().flat_map(|c| &c.reasons))
                .find(|r| r.rule == rule)
                .expect("a finding comes from a reason");
            // The rule that decides the verdict weighs as the verdict does; rules that only
            // lower the score explain a verdict and are notes (the margin finding carries it).
            let weight = if effects.iter().any(|e| e == "exclude") {
                Level::Error
            } else if effects.iter().any(|e| e == "discourage") {
                Level::Warning
            } else {
                Level::Note
            };
            let waiver = applied
                .contains(&rule)
                .then(|| p.waivers.iter().find(|w| w.rule == rule))
                .flatten();
            let level = weight.min(Level::cap(if waiver.is_some() {
                before_status
            } else {
                after_status
            }));
            out.findings.push(Finding {
                rule: rule.clone(),
                level,
                effect: Some(effects.join(", ")),
                message: reason.message.clone(),
                source: Some(reason.source.clone()),
                line: decision_at.line,
                column: decision_at.col,
                waived: waiver.map(|w| Waived {
                    reason: w.reason.clone(),
                    expires: w.expires.clone(),
                }),
            });
        }
    }
    let by_margin = after.verdict == Verdict::Discouraged
        && !after.reasons.iter().any(|r| r.effect == "discourage");
    if by_margin {
        let message = format!(
            "`{decision}` scores {}, {} {}: {} points apart, more than the {}-point margin of a viable choice",
            after.score,
            top.name,
            top.score,
            top.score - after.score,
            judged.margin
        );
        let margin = Finding::own(ids::DECISION_MARGIN, Level::Warning, message, decision_at);
        out.findings.push(margin);
    }

    out.message = match after.verdict {
        Verdict::Recommended => format!("decision `{decision}` is recommended"),
        Verdict::Viable => format!(
            "decision `{decision}` is viable ({}); {recommendation}",
            after.verdict_reason
        ),
        // The word, not the SPEC's verdict: `behind` for a score, `discouraged` for a rule. Not
        // the reason: the findings say it (the rule that excludes or discourages the decision,
        // or the margin it is behind by), and a reason said twice reads as two.
        _ => format!(
            "decision `{decision}` is {}; {recommendation}",
            after.standing.as_str()
        ),
    };
    if before.standing != after.standing {
        out.message.push_str(&format!(
            " (with waivers; without them it is {})",
            before.standing.as_str()
        ));
    }
    out.status = status;
    sort_findings(&mut out.findings);
    out
}

/// Rules that fired against the decision (exclude, discourage, lower its score), in the order the
/// engine lists them, each with what it did; plus applied waivers' rules that acted only on other
/// candidates (what they did to those). Grouped by rule.
fn findings_against(
    eval: &Evaluation,
    decision: &str,
    applied: &BTreeSet<String>,
) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    let mut add = |rule: &str, effect: String| match out.iter_mut().find(|(r, _)| r == rule) {
        Some((_, effects)) => effects.push(effect),
        None => out.push((rule.to_string(), vec![effect])),
    };
    let on_decision = &candidate(eval, decision).reasons;
    for r in on_decision.iter().filter(|r| !r.is_for()) {
        add(&r.rule, r.effect.clone());
    }
    for rule in applied {
        if on_decision.iter().any(|r| &r.rule == rule && !r.is_for()) {
            continue;
        }
        for c in &eval.ranking {
            for r in c.reasons.iter().filter(|r| &r.rule == rule) {
                add(rule, format!("{} {}", c.id, r.effect));
            }
        }
    }
    out
}

fn candidate<'a>(eval: &'a Evaluation, id: &str) -> &'a CandidateReport {
    eval.ranking
        .iter()
        .find(|c| c.id == id)
        .expect("the decision was checked against the candidates")
}

/// Most severe first, waived after unwaived, then by position; the engine's order otherwise.
fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by_key(|f| {
        (
            std::cmp::Reverse(f.level),
            f.waived.is_some(),
            f.line,
            f.column,
        )
    });
}

/// Where a field's key is written, or the field, or its nearest written parent.
fn at(l: &Loaded, path: &str) -> Loc {
    l.locations
        .key_of(path)
        .unwrap_or_else(|| l.locations.of(path))
}

fn invalid(file: &str, path: &str, loc: Loc, message: &str) -> ProfileCheck {
    ProfileCheck::invalid(file, &[Problem::new(path, loc, message)])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> Options {
        Options {
            today: super::super::Date::parse("2027-01-01").unwrap(),
            no_waivers: false,
            require_decision: false,
            require_profiles: false,
            fail_on: Status::Fail,
            show: Status::Pass,
        }
    }

    fn loaded(text: &str) -> Loaded {
        let (profile, locations, warnings) = crate::profile::load(text, "p.yaml").unwrap();
        Loaded {
            file: "p.yaml".into(),
            profile,
            locations,
            warnings,
        }
    }

    /// Self-hosting allowed: with managed services only, RabbitMQ's one way (Amazon MQ) runs no
    /// streams and no boost could make it the pick.
    const ORDERS: &str = "version: 1\nname: orders\nthroughput: {peak_per_sec: 400}\nconsumers: {groups: 3}\nreplay: {needed: true}\ndelivery: {ordering: per-key}\nteam: {kafka_experience: some}\nplatform: {cloud: aws, languages: [kotlin], existing: [postgres, redis]}\ndecision: kafka\n";

    /// The built-in rules plus a pack rule that gives RabbitMQ 200 points whatever the profile.
    fn rules_with_a_rabbitmq_boost() -> (tempfile::TempDir, RuleSet) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("boost-rabbitmq.yaml"),
            "id: boost-rabbitmq\ntitle: The platform team prefers RabbitMQ\nwhy: House policy.\nsource: internal\nwhen: 'true'\neffect:\n  score: {rabbitmq: 200}\n",
        )
        .unwrap();
        let rules = RuleSet::load(&[dir.path().to_path_buf()]).unwrap();
        (dir, rules)
    }

    #[test]
    fn waiving_a_rule_that_only_favoured_the_winner_lifts_the_decision() {
        let (_dir, rules) = rules_with_a_rabbitmq_boost();
        let unwaived = judge_profile(&loaded(ORDERS), &rules, &options());
        assert_eq!(unwaived.status, Status::Warn);
        assert_eq!(unwaived.verdict, Some(Verdict::Discouraged));
        assert_eq!(unwaived.recommended.as_deref(), Some("rabbitmq"));
        assert_eq!(unwaived.findings[0].rule, ids::DECISION_MARGIN);

        let waived = judge_profile(
            &loaded(&format!(
                "{ORDERS}waivers:\n  - rule: boost-rabbitmq\n    reason: we run Kafka already\n    expires: 2027-06-30\n"
            )),
            &rules,
            &options(),
        );
        assert_eq!(waived.status, Status::Pass);
        assert_eq!(waived.verdict, Some(Verdict::Recommended));
        assert_eq!(waived.verdict_without_waivers, Some(Verdict::Discouraged));
        assert_eq!(waived.recommended.as_deref(), Some("kafka"));
        let f = waived
            .findings
            .iter()
            .find(|f| f.rule == "boost-rabbitmq")
            .expect("the waived rule is a finding");
        assert_eq!(f.effect.as_deref(), Some("rabbitmq +200"));
        assert_eq!(f.waived.as_ref().unwrap().reason, "we run Kafka already");
        assert!(
            !waived
                .findings
                .iter()
                .any(|f| f.rule == ids::DECISION_MARGIN)
        );
    }

    #[test]
    fn a_waiver_of_a_rule_a_pack_disabled_is_stale_not_invalid() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("low-traffic-kafka.yaml"),
            "id: low-traffic-kafka\ndisabled: true\n",
        )
        .unwrap();
        let rules = RuleSet::load(&[dir.path().to_path_buf()]).unwrap();
        let text = "version: 1\nname: x\nthroughput: {peak_per_sec: 5}\nwaivers:\n  - rule: low-traffic-kafka\n    reason: r\n";
        // Read with the rules' names: a disabled rule is known, so its waiver reads.
        crate::profile::load_with(text, "p.yaml", Some(&rules.known())).unwrap();
        let l = loaded(text);
        let p = judge_profile(&l, &rules, &options());
        assert_eq!(p.status, Status::Warn);
        assert_eq!(p.waivers[0].state, WaiverState::Stale);
    }
}
