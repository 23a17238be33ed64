//! Evaluating one profile over and over with a single field changed, as the flip-point search
//! does: only the conditions that read a value the change touched run again, and only the pick
//! is worked out (no reasons, verdicts or trace values).
//!
//! A condition is a pure function of the values at the paths it reads (CEL has no I/O, clock or
//! randomness, and `cel::compile` lists every path, keeping a top-level name even where a
//! comprehension also binds it). So a rule whose paths all hold the same values as in the base
//! profile has the same outcome, and need not run. The cost estimate depends on most of the
//! profile, so a rule that read `cost` for the base profile always runs again; one that did not
//! (a budget rule when there is no budget) takes the same path while its other values hold.
//!
//! The contract, tested by property against [`evaluate_with`]: for any profile and any change
//! under one top-level key, [`Probe::fired`] and [`Probe::pick`] agree with a full evaluation.
//!
//! [`evaluate_with`]: super::evaluate::evaluate_with

use super::cel as celx;
use super::evaluate::{Applied, LazyCost, Standing, applied, fires};
use super::load::RuleSet;
use super::model::Rule;
use crate::profile::{Derived, Profile, StreamMemoryModel};
use serde_json::Value as Json;
use std::borrow::Cow;

/// The top-level variables conditions see, each the base profile's or a fresh one.
type Vars<'a> = Vec<(&'a str, Cow<'a, Json>)>;

/// A base profile's rule outcomes and the values its conditions read.
pub struct Probe<'r> {
    rules: &'r RuleSet,
    stream: StreamMemoryModel,
    /// What conditions see for the base profile.
    view: Json,
    /// Every path some condition reads (other than `cost`).
    paths: Vec<String>,
    /// Per rule, in rule order: the indices into `paths` it reads.
    deps: Vec<Vec<usize>>,
    /// Per rule, in rule order, per candidate: what the rule does to it when it fires.
    effects: Vec<Vec<Vec<Applied>>>,
    /// Per rule, in rule order: whether a waiver takes its effects away.
    waived: Vec<bool>,
    /// The base profile's derived values.
    derived: Derived,
    /// Per rule, in rule order: whether it fires for the base profile.
    base: Vec<bool>,
    /// Per rule, in rule order: whether its condition read `cost` for the base profile. One that
    /// did not, and whose other values are unchanged, takes the same path again and never gets
    /// to `cost` (a budget rule, when the profile has no budget).
    base_read_cost: Vec<bool>,
}

impl<'r> Probe<'r> {
    /// Evaluates every rule for `profile`, the base the changes are measured from. None when a
    /// condition fails for it (a full evaluation fails then too).
    pub fn new(rules: &'r RuleSet, profile: &Profile) -> Option<Probe<'r>> {
        Probe::waived(rules, profile, &std::collections::BTreeSet::new())
    }

    /// [`Probe::new`] with the rules in `waived` (a profile's applied waivers) having no effect,
    /// as [`evaluate_with`] leaves them: their conditions still run, but they move no candidate
    /// and are never named as a reason for a change.
    pub fn waived(
        rules: &'r RuleSet,
        profile: &Profile,
        waived: &std::collections::BTreeSet<String>,
    ) -> Option<Probe<'r>> {
        let stream = rules.stream_model();
        let derived = Derived::of(profile, stream);
        let view = celx::view(profile, &derived, &rules.limits);
        // Shorter paths first, so that copying them in index order copies a whole value before
        // the values inside it (see `run`).
        let mut paths: Vec<String> = rules
            .rules
            .iter()
            .flat_map(|r| r.reads.iter().filter(|p| root(p) != "cost").cloned())
            .collect();
        paths.sort_by_cached_key(|p| (p.matches('.').count(), p.clone()));
        paths.dedup();
        let deps = rules
            .rules
            .iter()
            .map(|rule| {
                rule.reads
                    .iter()
                    .filter_map(|p| paths.iter().position(|q| q == p))
                    .collect()
            })
            .collect();
        // What each rule does to each candidate, worked out once (the search asks for the pick
        // at every probe).
        let effects = rules
            .rules
            .iter()
            .map(|rule| {
                rules
                    .candidates
                    .iter()
                    .map(|c| {
                        if waived.contains(&rule.id) {
                            Vec::new()
                        } else {
                            applied(&[rule], &c.id).map(|(_, a)| a).collect()
                        }
                    })
                    .collect()
            })
            .collect();
        let waived = rules.rules.iter().map(|r| waived.contains(&r.id)).collect();
        let mut probe = Probe {
            rules,
            stream,
            effects,
            waived,
            derived: derived.clone(),
            view: Json::Null,
            paths,
            deps,
            base: Vec::new(),
            base_read_cost: Vec::new(),
        };
        let vars = borrowed(&view);
        let all = vec![true; rules.rules.len()];
        let lazy = LazyCost::new(rules, profile, &derived);
        let mut base = vec![false; rules.rules.len()];
        probe.base_read_cost = probe.run(&lazy, &vars, &all, &mut base)?;
        probe.base = base;
        drop(vars);
        probe.view = view;
        Some(probe)
    }

    /// Which rules fire for `profile`: the base profile with fields under the top-level key
    /// `changed` (such as `throughput`) changed, and no others. None when a condition fails.
    pub fn fired(&self, profile: &Profile, changed: &str) -> Option<Vec<bool>> {
        let (derived, vars, again) = self.changes(profile, changed);
        let lazy = LazyCost::new(self.rules, profile, &derived);
        let mut fired = self.base.clone();
        self.run(&lazy, &vars, &again, &mut fired)?;
        Some(fired)
    }

    /// The pick for `profile` (changed as for [`Probe::fired`]): the same as
    /// `pick(&fired(profile, changed)?)`, with less work. The rules that read `cost` run last,
    /// one at a time, and only while their outcome could still change the pick; each prices only
    /// the systems it reads. A budget rule can only move its own candidate, so once the leader
    /// stays ahead whether or not the rest fire, they need not run and their systems need not be
    /// priced. None when a condition fails; Some(None) when every candidate is excluded.
    pub fn pick_at(&self, profile: &Profile, changed: &str) -> Option<Option<&'r str>> {
        let (derived, vars, again) = self.changes(profile, changed);
        let lazy = LazyCost::new(self.rules, profile, &derived);
        let mut fired = self.base.clone();
        // Which rules still have to run: those that read `cost` wait (`changes` marks every one
        // of them to run again).
        let mut pending = self.base_read_cost.clone();
        let now: Vec<bool> = again.iter().zip(&pending).map(|(&a, &p)| a && !p).collect();
        self.run(&lazy, &vars, &now, &mut fired)?;
        loop {
            let standings = self.bounds(&fired, &pending);
            // A lead over budget is settled only by price, which the bounds do not know: run
            // the rest and rank with the prices.
            if let Some(pick) = settled(&standings).filter(|p| {
                !standings
                    .iter()
                    .any(|(_, worst)| Some(worst.id()) == *p && worst.over_budget)
            }) {
                return Some(pick);
            }
            // Run next a waiting rule that moves the candidate with the best best case. There is
            // one: were that candidate's case fixed, it would be ahead in every case, and settled.
            let Some(next) = self.next_to_run(&standings, &pending) else {
                return Some(self.pick_priced(&fired, |id| lazy.infrastructure_usd(id)));
            };
            let mut only = vec![false; pending.len()];
            only[next] = true;
            pending[next] = false;
            self.run(&lazy, &vars, &only, &mut fired)?;
        }
    }

    /// What changes for `profile` against the base: its derived values, the variables conditions
    /// see (the base's, with `changed` and `derived` anew where they moved) and which rules must
    /// run again.
    fn changes<'s>(&'s self, profile: &Profile, changed: &str) -> (Derived, Vars<'s>, Vec<bool>) {
        let derived = Derived::of(profile, self.stream);
        // Only `changed` and `derived` can differ from the base (see `cel::view_part`), and
        // `derived` only when its values do.
        let derived_moved = derived != self.derived;
        let mut vars = borrowed(&self.view);
        for (name, value) in vars.iter_mut() {
            if *name == changed || (*name == "derived" && derived_moved) {
                *value = Cow::Owned(celx::view_part(profile, &derived, name));
            }
        }
        let moved: Vec<bool> = self
            .paths
            .iter()
            .map(|p| {
                let (r, below) = p.split_once('.').unwrap_or((p, ""));
                match vars.iter().find(|(n, _)| *n == r) {
                    Some((_, Cow::Owned(fresh))) => {
                        let now = if below.is_empty() {
                            Some(fresh)
                        } else {
                            celx::lookup(fresh, below)
                        };
                        now != celx::lookup(&self.view, p)
                    }
                    _ => false,
                }
            })
            .collect();
        let again: Vec<bool> = self
            .deps
            .iter()
            .zip(&self.base_read_cost)
            .map(|(idx, &read_cost)| read_cost || idx.iter().any(|&i| moved[i]))
            .collect();
        (derived, vars, again)
    }

    /// Per candidate, the best and the worst it can stand: the rules that `fired` applied, and
    /// the `pending` ones' effects that help it (best) or hurt it (worst).
    fn bounds(&self, fired: &[bool], pending: &[bool]) -> Vec<(Standing<'r>, Standing<'r>)> {
        self.rules
            .candidates
            .iter()
            .enumerate()
            .map(|(c, candidate)| {
                let (mut best, mut worst) = (Standing::base(candidate), Standing::base(candidate));
                for (r, effects) in self.effects.iter().enumerate() {
                    for a in &effects[c] {
                        if pending[r] {
                            if matches!(a, Applied::Score(d) if *d > 0) {
                                best.apply(a);
                            } else {
                                worst.apply(a);
                            }
                        } else if fired[r] {
                            best.apply(a);
                            worst.apply(a);
                        }
                    }
                }
                (best, worst)
            })
            .collect()
    }

    /// The pending rule to run next: one with an effect on the candidate with the best best
    /// case (None only when the bounds have settled the pick already).
    fn next_to_run(
        &self,
        standings: &[(Standing<'r>, Standing<'r>)],
        pending: &[bool],
    ) -> Option<usize> {
        let leader = (0..standings.len()).min_by_key(|&c| standings[c].0)?;
        (0..pending.len()).find(|&r| pending[r] && !self.effects[r][leader].is_empty())
    }

    /// The pick when the rules `fired` says fire, or None when every candidate is excluded.
    /// `profile` is the one `fired` is for: it prices the candidates over budget, which rank by
    /// their price.
    pub fn pick(&self, profile: &Profile, fired: &[bool]) -> Option<&'r str> {
        let derived = Derived::of(profile, self.stream);
        let lazy = LazyCost::new(self.rules, profile, &derived);
        self.pick_priced(fired, |id| lazy.infrastructure_usd(id))
    }

    /// The pick, with `price` giving the cheapest infrastructure a month of a candidate over
    /// budget (the candidates over budget rank by it).
    fn pick_priced(&self, fired: &[bool], price: impl Fn(&str) -> Option<f64>) -> Option<&'r str> {
        let rules: &'r RuleSet = self.rules;
        rules
            .candidates
            .iter()
            .enumerate()
            .map(|(c, candidate)| {
                let mut s = Standing::base(candidate);
                for (effects, _) in self.effects.iter().zip(fired).filter(|(_, f)| **f) {
                    effects[c].iter().for_each(|a| s.apply(a));
                }
                if s.over_budget {
                    s.priced(price(&candidate.id))
                } else {
                    s
                }
            })
            .min()
            .filter(|s| !s.excluded)
            .map(|s| s.id())
    }

    /// Whether candidate `id` meets every requirement when the rules `fired` says fire: no rule
    /// excludes it or discourages it for anything but price.
    pub fn meets_requirements(&self, fired: &[bool], id: &str) -> bool {
        let Some(c) = self.rules.candidates.iter().position(|c| c.id == id) else {
            return false;
        };
        let mut s = Standing::base(&self.rules.candidates[c]);
        for (effects, _) in self.effects.iter().zip(fired).filter(|(_, f)| **f) {
            effects[c].iter().for_each(|a| s.apply(a));
        }
        !s.excluded && !s.discouraged
    }

    /// The ids of the rules `fired` says fire.
    pub fn ids(&self, fired: &[bool]) -> Vec<&'r str> {
        self.fired_rules(fired)
            .into_iter()
            .map(|r| r.id.as_str())
            .collect()
    }

    fn fired_rules(&self, fired: &[bool]) -> Vec<&'r Rule> {
        self.rules
            .rules
            .iter()
            .zip(fired)
            .zip(&self.waived)
            .filter_map(|((r, &f), &w)| (f && !w).then_some(r))
            .collect()
    }

    /// Runs the rules `again` marks, writing their outcomes into `fired` (the others keep what
    /// it holds), and says which of them read `cost`. None when a condition fails.
    fn run<'l>(
        &self,
        lazy: &LazyCost<'l>,
        vars: &Vars,
        again: &[bool],
        fired: &mut [bool],
    ) -> Option<Vec<bool>>
    where
        'r: 'l,
    {
        let mut read_cost = vec![false; again.len()];
        if !again.contains(&true) {
            return Some(read_cost);
        }
        // Only the values the rules that run read: the paths they read, copied into objects of
        // their own. A condition cannot tell the difference (a path that exists has the same
        // value; one that does not is absent from both), and it spares building the rest.
        let mut wanted: Vec<usize> = Vec::new();
        for (deps, _) in self.deps.iter().zip(again).filter(|(_, a)| **a) {
            wanted.extend(deps);
        }
        // Shorter paths first (the order of `paths`): a whole value copied, then the (same)
        // values inside it.
        wanted.sort_unstable();
        wanted.dedup();
        let mut pruned = serde_json::Map::new();
        for path in wanted.into_iter().map(|i| self.paths[i].as_str()) {
            let (r, below) = path.split_once('.').unwrap_or((path, ""));
            if let Some((name, value)) = vars.iter().find(|(n, _)| *n == r) {
                copy(&mut pruned, name, value, below);
            }
        }
        let mut ctx = celx::context_of(
            &self.rules.env,
            pruned.iter().map(|(name, value)| (name.as_str(), value)),
        );
        ctx.set_variable_resolver(lazy);
        for (i, rule) in self.rules.rules.iter().enumerate() {
            if !again[i] {
                continue;
            }
            let before = lazy.reads();
            lazy.prepare(rule);
            fired[i] = fires(rule, &ctx).ok()?;
            read_cost[i] = lazy.reads() > before;
        }
        Some(read_cost)
    }
}

/// The pick, when the bounds decide it: a candidate whose worst case beats every other's best
/// case, and is excluded in both or in neither of its own cases (Some(None): all excluded).
fn settled<'r>(standings: &[(Standing<'r>, Standing<'r>)]) -> Option<Option<&'r str>> {
    let (lead, (best, worst)) = standings
        .iter()
        .enumerate()
        .min_by_key(|(_, (_, worst))| *worst)?;
    let ahead = standings
        .iter()
        .enumerate()
        .all(|(c, (other_best, _))| c == lead || worst < other_best);
    (ahead && best.excluded == worst.excluded).then(|| (!worst.excluded).then(|| worst.id()))
}

/// Copies the value at `name.below` (a dotted path; empty for the whole variable) of the
/// variable `from` into `vars`, with the objects on the way. Where the path stops existing, it
/// copies as far as it exists: an object without the missing field, or the value that is not an
/// object, so that `has()` and selections behave as on the whole view.
fn copy(vars: &mut serde_json::Map<String, Json>, name: &str, from: &Json, below: &str) {
    let mut fields = below.split('.').filter(|f| !f.is_empty());
    let (mut map, mut key, mut src) = (vars, name, from);
    loop {
        let (field, next_src) = match (src, fields.next()) {
            (Json::Object(m), Some(f)) => match m.get(f) {
                Some(v) => (f, v),
                None => {
                    map.entry(key.to_string())
                        .or_insert_with(|| Json::Object(serde_json::Map::new()));
                    return;
                }
            },
            _ => {
                map.insert(key.to_string(), src.clone());
                return;
            }
        };
        let slot = map
            .entry(key.to_string())
            .or_insert_with(|| Json::Object(serde_json::Map::new()));
        let Json::Object(next) = slot else { return };
        (map, key, src) = (next, field, next_src);
    }
}

/// The variables of a whole view, borrowed.
fn borrowed(view: &Json) -> Vars<'_> {
    view.as_object()
        .into_iter()
        .flatten()
        .map(|(name, value)| (name.as_str(), Cow::Borrowed(value)))
        .collect()
}

fn root(path: &str) -> &str {
    path.split('.').next().unwrap_or(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// `copy` of each path, in order, from `view`.
    fn pruned(view: &Json, paths: &[&str]) -> Json {
        let mut out = serde_json::Map::new();
        for path in paths {
            let (r, below) = path.split_once('.').unwrap_or((path, ""));
            if let Some(value) = view.get(r) {
                copy(&mut out, r, value, below);
            }
        }
        Json::Object(out)
    }

    #[test]
    fn a_copied_path_keeps_its_value_and_the_objects_on_the_way() {
        let view = json!({"a": {"b": {"c": 1, "d": 2}, "e": [1, 2]}, "f": 3});
        assert_eq!(pruned(&view, &["a.b.c"]), json!({"a": {"b": {"c": 1}}}));
        assert_eq!(
            pruned(&view, &["a.e", "f"]),
            json!({"a": {"e": [1, 2]}, "f": 3})
        );
        // A whole value first, then a path inside it: the whole value stays.
        assert_eq!(
            pruned(&view, &["a.b", "a.b.c"]),
            json!({"a": {"b": {"c": 1, "d": 2}}})
        );
    }

    #[test]
    fn a_path_that_stops_existing_is_copied_as_far_as_it_exists() {
        let view = json!({"budget": {}, "n": {"x": 5}});
        // `has(budget.monthly_usd)` must still find `budget`, without the field.
        assert_eq!(
            pruned(&view, &["budget.monthly_usd"]),
            json!({"budget": {}})
        );
        // Selecting below a number fails in CEL on the whole view; it must fail the same way.
        assert_eq!(pruned(&view, &["n.x.y"]), json!({"n": {"x": 5}}));
        // A variable the view does not have is not made up.
        assert_eq!(pruned(&view, &["missing.field"]), json!({}));
    }

    #[test]
    fn conditions_see_the_same_on_the_pruned_values_as_on_the_whole_view() {
        let view = json!({
            "budget": {},
            "throughput": {"peak_per_sec": 100.0, "message_bytes": 512.0},
            "platform": {"existing": ["redis"], "cloud": "aws"},
        });
        let env = celx::environment();
        let shape = json!({
            "budget": {"monthly_usd": 0.0},
            "throughput": {"peak_per_sec": 0.0, "message_bytes": 0.0},
            "platform": {"existing": [], "cloud": ""},
        });
        for source in [
            "has(budget.monthly_usd)",
            "throughput.peak_per_sec > 50.0 && platform.existing.exists(e, e == 'redis')",
            "platform.cloud == 'aws' && !has(budget.monthly_usd)",
            "size(platform.existing) == 1",
        ] {
            let (condition, reads) = celx::compile(&env, source, &shape).unwrap();
            let reads: Vec<&str> = reads.iter().map(String::as_str).collect();
            let small = pruned(&view, &reads);
            let whole = condition.execute(&celx::context(&env, &view)).unwrap();
            let part = condition.execute(&celx::context(&env, &small)).unwrap();
            assert_eq!(whole, part, "{source}");
        }
    }
}
