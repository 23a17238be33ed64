//! Flip points: how far each numeric dimension of a profile can move, one at a time, before the
//! recommendation changes, said plainly ("Above about 2,400 msg/s at peak, Apache Kafka becomes
//! the pick instead of Redis Streams").
//!
//! For each dimension the search walks outwards from the current value over 0.1× to 100× of it
//! (within the profile's valid range), on a coarse log-spaced grid, and bisects the first step
//! where the pick changes. Whole-number fields are bisected to the exact number; the others to two
//! significant digits, so the threshold is a number a person would type. Each dimension costs
//! about 50 evaluations, not thousands; each is the same evaluation as `recommend`'s
//! ([`crate::engine::evaluate`]), so a threshold cannot disagree with the report at that value.
//!
//! Contract, tested by property: with only that field changed, `recommend` picks `to` at
//! `threshold` and `from` (the current pick) at `before`, the neighbouring value on the current
//! side of the threshold.

use crate::engine::Evaluation;
use crate::engine::RuleSet;
use crate::engine::evaluate::{EvalOptions, Standing, evaluate_moved, evaluate_with};
use crate::profile::{Profile, range};
use serde::{Serialize, Serializer};
use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

/// Which way the value moves from the current one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Up,
    Down,
}

/// Where the recommendation changes along one dimension.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FlipPoint {
    /// What the dimension is, in words ("peak rate").
    pub dimension: String,
    /// The profile field, as `--set` takes it.
    pub path: String,
    /// The unit, in words ("msg/s at peak").
    pub unit: String,
    #[serde(serialize_with = "number")]
    pub current: f64,
    pub direction: Direction,
    /// The first value, moving away from `current`, at which `to` is the pick.
    #[serde(serialize_with = "number")]
    pub threshold: f64,
    /// The neighbouring value on the current side of `threshold` (one step of the precision
    /// searched), at which `from` is still the pick.
    #[serde(serialize_with = "number")]
    pub before: f64,
    /// The current pick (candidate id).
    pub from: String,
    /// The pick past the threshold (candidate id).
    pub to: String,
    /// The rules that start firing between `before` and `threshold` (the reason for the change).
    pub rules_fire: Vec<String>,
    /// The rules that stop firing between `before` and `threshold`.
    pub rules_stop: Vec<String>,
    pub sentence: String,
}

/// Whole numbers as JSON integers (`2400`, not `2400.0`), so they read as they are typed.
pub(crate) fn number<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    if v.fract() == 0.0 && v.abs() < 9e15 {
        s.serialize_i64(*v as i64)
    } else {
        s.serialize_f64(*v)
    }
}

/// A numeric field of the profile the search can move.
struct Dimension {
    path: &'static str,
    name: &'static str,
    /// Singular and plural unit.
    unit: (&'static str, &'static str),
    /// The values the search stops at: every whole number for a count, else two digits.
    scale: Scale,
    get: fn(&Profile) -> f64,
    set: fn(&mut Profile, f64),
    /// The valid range for this profile, or None when the dimension does not apply.
    range: fn(&Profile) -> Option<(f64, f64)>,
}

/// The dimensions searched, in the order they are reported. Ranges are the profile reader's.
const DIMENSIONS: &[Dimension] = &[
    Dimension {
        path: "throughput.peak_per_sec",
        name: "peak rate",
        unit: ("msg/s at peak", "msg/s at peak"),
        scale: Scale::TwoDigits,
        get: |p| p.throughput.peak_per_sec,
        set: |p, v| p.throughput.peak_per_sec = v,
        // The peak may not fall below an average the file sets.
        range: |p| {
            let (lo, hi) = range::PEAK_PER_SEC;
            Some((p.throughput.avg_per_sec.unwrap_or(0.0).max(lo), hi))
        },
    },
    Dimension {
        path: "throughput.message_bytes",
        name: "message size",
        unit: ("byte per message", "bytes per message"),
        scale: Scale::Integer,
        get: |p| p.throughput.message_bytes as f64,
        set: |p, v| p.throughput.message_bytes = v as u64,
        range: |_| Some((range::MESSAGE_BYTES.0 as f64, range::MESSAGE_BYTES.1 as f64)),
    },
    Dimension {
        path: "consumers.groups",
        name: "consumer groups",
        unit: ("consumer group", "consumer groups"),
        scale: Scale::Integer,
        get: |p| p.consumers.groups as f64,
        set: |p, v| p.consumers.groups = v as u32,
        range: |_| Some((range::GROUPS.0 as f64, range::GROUPS.1 as f64)),
    },
    Dimension {
        path: "replay.retention_days",
        name: "replay window",
        unit: ("day of replay", "days of replay"),
        scale: Scale::TwoDigits,
        get: |p| p.replay.retention_days,
        set: |p, v| p.replay.retention_days = v,
        range: |p| p.replay.needed.then_some(range::RETENTION_DAYS),
    },
    Dimension {
        path: "team.size",
        name: "team size",
        unit: ("engineer on the team", "engineers on the team"),
        scale: Scale::Integer,
        get: |p| p.team.size as f64,
        set: |p, v| p.team.size = v as u32,
        range: |_| Some((range::TEAM_SIZE.0 as f64, range::TEAM_SIZE.1 as f64)),
    },
];

/// How far the search goes from the current value, as factors.
const SPAN: (f64, f64) = (0.1, 100.0);

/// Values the search can stop at, addressed by an index that grows with the value.
#[derive(Clone, Copy)]
enum Scale {
    /// Every whole number.
    Integer,
    /// Two significant digits: …, 0.99, 1.0, 1.1, …, 9.9, 10, 11, …, 99, 100, 110, …
    TwoDigits,
}

/// Ladder entries per decade for two significant digits (10..=99).
const PER_DECADE: i64 = 90;

/// The values the two-digit ladder is exact for: every power of ten it divides or multiplies by
/// is a finite, normal double. The profile's ranges are well inside it; a search outside it is
/// not made.
const LADDER: (f64, f64) = (1e-290, 1e290);

/// How many single steps `Scale::floor` may correct its first estimate by.
const FLOOR_CORRECTIONS: usize = 4;

/// The most grid points the walk of one search visits. Ten per decade over the five decades of
/// `SPAN` is 50 for two digits; whole numbers go one at a time below 5, then by a quarter.
const MAX_WALK: usize = 200;

impl Scale {
    fn value(self, i: i64) -> f64 {
        match self {
            Scale::Integer => i as f64,
            Scale::TwoDigits => {
                let e = i.div_euclid(PER_DECADE) as i32;
                let m = (10 + i.rem_euclid(PER_DECADE)) as f64;
                // Dividing by an exact power of ten gives the double nearest to e.g. 0.15, the
                // same one `--set x=0.15` reads.
                if e >= 0 {
                    m * 10f64.powi(e)
                } else {
                    m / 10f64.powi(-e)
                }
            }
        }
    }

    /// The largest index whose value is <= v.
    fn floor(self, v: f64) -> i64 {
        match self {
            Scale::Integer => v.floor() as i64,
            Scale::TwoDigits => {
                // Clamped: for a value outside the ladder's range (see `LADDER`) the exponent
                // may be infinite and the division by zero or infinity, and the index must
                // still be a number.
                let e = (v.log10().floor() as i64).clamp(-400, 400) - 1;
                let m = (v / 10f64.powi(e as i32)).floor().clamp(10.0, 99.0) as i64;
                let mut i = e * PER_DECADE + (m - 10);
                // `log10` and the division are off by at most one step near a power of ten or a
                // ladder value. Bounded, so that no value can make this count for long (1e-307
                // once made it count down from 9.2e18).
                for _ in 0..FLOOR_CORRECTIONS {
                    if self.value(i + 1) > v {
                        break;
                    }
                    i += 1;
                }
                for _ in 0..FLOOR_CORRECTIONS {
                    if self.value(i) <= v {
                        break;
                    }
                    i -= 1;
                }
                i
            }
        }
    }

    /// The smallest index whose value is >= v.
    fn ceil(self, v: f64) -> i64 {
        let i = self.floor(v);
        if self.value(i) < v { i + 1 } else { i }
    }

    /// The next grid index from `i` going `dir`: about ten grid points per decade.
    fn step(self, i: i64, dir: Direction) -> i64 {
        match (self, dir) {
            (Scale::TwoDigits, Direction::Up) => i + PER_DECADE / 10,
            (Scale::TwoDigits, Direction::Down) => i - PER_DECADE / 10,
            (Scale::Integer, Direction::Up) => (i + 1).max((i as f64 * 1.26).round() as i64),
            (Scale::Integer, Direction::Down) => (i - 1).min((i as f64 / 1.26).round() as i64),
        }
    }
}

/// Every flip point of `profile`, whose evaluation picked `current`.
pub fn find(rules: &RuleSet, profile: &Profile, current: &str) -> Vec<FlipPoint> {
    find_waived(rules, profile, current, &BTreeSet::new())
}

/// What the rules say with a dimension at one value, from a full evaluation: the pick, and the
/// rules that apply there (fired and not waived).
struct At {
    pick: String,
    applied: BTreeSet<String>,
}

impl At {
    /// `profile` is `base`'s profile with the field `moved` moved. None when the evaluation fails: every
    /// candidate excluded, or a condition that cannot be decided.
    fn of(
        rules: &RuleSet,
        profile: &Profile,
        waived: &BTreeSet<String>,
        base: &Evaluation,
        moved: &str,
    ) -> Option<At> {
        let eval = evaluate_moved(rules, profile, waived, base, Some(moved)).ok()?;
        Some(At {
            pick: eval.recommended().id.clone(),
            applied: eval
                .trace
                .into_iter()
                .filter(|t| t.fired && !waived.contains(&t.rule))
                .map(|t| t.rule)
                .collect(),
        })
    }

    /// Whether candidate `id` meets every requirement here: no rule that applies excludes it or
    /// discourages it for anything but price.
    fn meets_requirements(&self, rules: &RuleSet, id: &str) -> bool {
        let Some(c) = rules.candidate(id) else {
            return false;
        };
        let fired: Vec<&crate::engine::Rule> = rules
            .rules
            .iter()
            .filter(|r| self.applied.contains(&r.id))
            .collect();
        let s = Standing::of(c, &fired);
        !s.excluded && !s.discouraged
    }
}

/// [`find`] with the rules in `waived` (the profile's applied waivers) having no effect, as in
/// the evaluation whose pick is `current`.
pub fn find_waived(
    rules: &RuleSet,
    profile: &Profile,
    current: &str,
    waived: &BTreeSet<String>,
) -> Vec<FlipPoint> {
    // The profile as it is, which each search moves one field of.
    let Ok(base) = evaluate_with(rules, profile, waived, EvalOptions::FAST) else {
        return Vec::new();
    };
    let base = &base;
    // Each dimension and direction is an independent search: run them on the machine's cores
    // (a profile's recommendation is one process, and the searches are most of its work), each
    // thread taking the next search left, then put the results back in order (dimensions in
    // order, up before down) so the output does not depend on scheduling.
    let searches: Vec<(&Dimension, Direction)> = DIMENSIONS
        .iter()
        .flat_map(|d| [(d, Direction::Up), (d, Direction::Down)])
        .collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(searches.len());
    let mut found: Vec<(usize, FlipPoint)> = Vec::new();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(&(dim, dir)) = searches.get(i) else {
                            break mine;
                        };
                        if let Some(point) =
                            find_one(rules, profile, current, waived, base, dim, dir)
                        {
                            mine.push((i, point));
                        }
                    }
                })
            })
            .collect();
        for w in workers {
            found.extend(w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
        }
    });
    found.sort_by_key(|(i, _)| *i);
    found.into_iter().map(|(_, p)| p).collect()
}

/// The flip point of one dimension in one direction, when there is one.
fn find_one(
    rules: &RuleSet,
    profile: &Profile,
    current: &str,
    waived: &BTreeSet<String>,
    base: &Evaluation,
    dim: &Dimension,
    dir: Direction,
) -> Option<FlipPoint> {
    let (valid_lo, valid_hi) = (dim.range)(profile)?;
    let value = (dim.get)(profile);
    let lo = valid_lo.max(value * SPAN.0);
    let hi = valid_hi.min(value * SPAN.1);
    // The reader keeps every value well inside the ladder; should a range ever let one out,
    // there is no flip point to report rather than a search that cannot be made.
    let on_ladder = |v: f64| (LADDER.0..=LADDER.1).contains(&v);
    if ![value, lo, hi].into_iter().all(on_ladder) {
        return None;
    }
    // The profile evaluated with this dimension at `v` (one copy of the profile, the dimension
    // set anew for each value). Remembered by value: the search asks again for the threshold,
    // and for the reason on both sides of it.
    let moved = std::cell::RefCell::new(profile.clone());
    let seen = std::cell::RefCell::new(HashMap::<u64, Option<Rc<At>>>::new());
    let at = |v: f64| -> Option<Rc<At>> {
        if let Some(known) = seen.borrow().get(&v.to_bits()) {
            return known.clone();
        }
        let mut p = moved.borrow_mut();
        (dim.set)(&mut p, v);
        let found = At::of(rules, &p, waived, base, dim.path).map(Rc::new);
        seen.borrow_mut().insert(v.to_bits(), found.clone());
        found
    };
    let pick = |v: f64| at(v).map(|a| a.pick.clone());
    let (before, threshold, to) = search(dim.scale, value, lo, hi, dir, current, &pick)?;
    // A change that makes the pick a system failing a requirement (ranked first only because
    // every other one fails more) is no way to a better answer: not offered.
    if !at(threshold).is_some_and(|a| a.meets_requirements(rules, &to)) {
        return None;
    }
    let at_bottom = threshold <= valid_lo;
    let mut point = flip_point(
        rules, dim, value, dir, before, threshold, at_bottom, current, to,
    );
    // Say why: the rules whose outcome differs on the two sides of the threshold.
    let ids = |v: f64| at(v).map_or_else(BTreeSet::new, |a| a.applied.clone());
    let (a, b) = (ids(before), ids(threshold));
    point.rules_fire = b.difference(&a).cloned().collect();
    point.rules_stop = a.difference(&b).cloned().collect();
    let mut why = Vec::new();
    // "a starts to apply", "a, b start to apply", "c stops applying".
    for (ids, one, many, what) in [
        (&point.rules_fire, "starts", "start", "to apply"),
        (&point.rules_stop, "stops", "stop", "applying"),
    ] {
        if !ids.is_empty() {
            let verb = if ids.len() == 1 { one } else { many };
            why.push(format!("{} {verb} {what}", ids.join(", ")));
        }
    }
    if !why.is_empty() {
        point.sentence = format!("{} Why: {}.", point.sentence, why.join("; "));
    }
    Some(point)
}

/// Walks from `value` towards `hi` (up) or `lo` (down) and returns (before, threshold, new pick)
/// for the first change of pick, when there is one and the new pick is a candidate.
fn search(
    scale: Scale,
    value: f64,
    lo: f64,
    hi: f64,
    dir: Direction,
    current: &str,
    pick: &dyn Fn(f64) -> Option<String>,
) -> Option<(f64, f64, String)> {
    let is_current = |i: i64| pick(scale.value(i)).as_deref() == Some(current);
    // Indices strictly beyond `value`, up to the bound; `toward(a, b)` orders them by the walk.
    let (first, last) = match dir {
        Direction::Up => (scale.floor(value) + 1, scale.floor(hi)),
        Direction::Down => (scale.ceil(value) - 1, scale.ceil(lo)),
    };
    let within = |i: i64| match dir {
        Direction::Up => i <= last,
        Direction::Down => i >= last && scale.value(i) > 0.0,
    };
    if !within(first) {
        return None;
    }
    // `same` is the last index known to keep the current pick (None: only `value` itself).
    let mut same: Option<i64> = None;
    let mut i = first;
    let mut walked = 0;
    loop {
        if !is_current(i) {
            break;
        }
        same = Some(i);
        walked += 1;
        // The walk ends at `last` well before this; the bound is for a range the steps do not
        // reach in time, where "no flip point" is the honest answer.
        if i == last || walked >= MAX_WALK {
            return None;
        }
        let next = scale.step(i, dir);
        i = if within(next) { next } else { last };
    }
    // Bisect between the last index with the current pick and the first without it.
    let back = match dir {
        Direction::Up => -1,
        Direction::Down => 1,
    };
    let mut keep = same.unwrap_or(first + back);
    let mut change = i;
    // Halves the gap each time: at most 64 rounds for any two indices.
    while (change - keep).abs() > 1 {
        let mid = keep + (change - keep) / 2;
        if is_current(mid) {
            keep = mid;
        } else {
            change = mid;
        }
    }
    let before = if same.is_none() && keep == first + back {
        value
    } else {
        scale.value(keep)
    };
    let threshold = scale.value(change);
    let to = pick(threshold)?;
    Some((before, threshold, to))
}

#[allow(clippy::too_many_arguments)]
fn flip_point(
    rules: &RuleSet,
    dim: &Dimension,
    current: f64,
    dir: Direction,
    before: f64,
    threshold: f64,
    at_bottom: bool,
    from: &str,
    to: String,
) -> FlipPoint {
    let name = |id: &str| {
        rules
            .candidate(id)
            .map_or(id.to_string(), |c| c.name.clone())
    };
    let t = crate::units::num(threshold);
    let unit = if threshold == 1.0 {
        dim.unit.0
    } else {
        dim.unit.1
    };
    let at = match (dim.scale, dir) {
        (Scale::TwoDigits, Direction::Up) => format!("Above about {t} {unit}"),
        (Scale::TwoDigits, Direction::Down) => format!("Below about {t} {unit}"),
        (Scale::Integer, Direction::Up) => format!("At {t} {unit} or more"),
        // At the bottom of the valid range there is nothing fewer.
        (Scale::Integer, Direction::Down) if at_bottom => format!("At {t} {unit}"),
        (Scale::Integer, Direction::Down) => format!("At {t} {unit} or fewer"),
    };
    let sentence = format!(
        "{at}, {} becomes the pick instead of {} (now {}).",
        name(&to),
        name(from),
        crate::units::num(current)
    );
    FlipPoint {
        dimension: dim.name.to_string(),
        path: dim.path.to_string(),
        unit: dim.unit.1.to_string(),
        current,
        direction: dir,
        threshold,
        before,
        from: from.to_string(),
        to,
        rules_fire: Vec::new(),
        rules_stop: Vec::new(),
        sentence,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[test]
    fn the_two_digit_ladder_reads_like_people_write() {
        let s = Scale::TwoDigits;
        assert_eq!(s.value(0), 10.0);
        assert_eq!(s.value(89), 99.0);
        assert_eq!(s.value(90), 100.0);
        assert_eq!(s.value(91), 110.0);
        assert_eq!(s.value(-85), 1.5);
        assert_eq!(s.value(-175), 0.15);
        for v in [0.02, 0.15, 1.0, 6.3, 99.0, 100.0, 2400.0, 1e9] {
            let i = s.floor(v);
            assert_eq!(s.value(i), v, "{v} is on the ladder");
            assert_eq!(s.ceil(v), i);
        }
        for v in [0.0234, 2437.0, 123_456.0] {
            let (f, c) = (s.floor(v), s.ceil(v));
            assert!(s.value(f) < v && v < s.value(c) && c == f + 1, "{v}");
        }
    }

    /// Values outside the ladder's range (the reader refuses them) give some index at once:
    /// 1e-307 made `floor` count down from 9.2e18.
    #[test]
    fn the_ladder_answers_at_once_for_any_double() {
        let s = Scale::TwoDigits;
        for v in [
            1e-307,
            5e-324,
            0.0,
            -1.0,
            f64::INFINITY,
            f64::NAN,
            1e308,
            f64::MAX,
        ] {
            let _ = (s.floor(v), s.ceil(v));
        }
    }

    /// A pick that changes at `at` (up from there), counting evaluations.
    fn run(
        scale: Scale,
        value: f64,
        lo: f64,
        hi: f64,
        dir: Direction,
        at: f64,
    ) -> (Option<(f64, f64, String)>, u32) {
        let calls = Cell::new(0);
        let pick = |v: f64| {
            calls.set(calls.get() + 1);
            Some(if v >= at { "new" } else { "old" }.to_string())
        };
        let found = search(scale, value, lo, hi, dir, "old", &pick);
        (found, calls.get())
    }

    #[test]
    fn finds_the_first_readable_value_past_the_change_in_few_evaluations() {
        let (found, calls) = run(
            Scale::TwoDigits,
            400.0,
            40.0,
            40_000.0,
            Direction::Up,
            2437.0,
        );
        assert_eq!(found, Some((2400.0, 2500.0, "new".into())));
        assert!(calls <= 40, "{calls} evaluations");
        let (found, calls) = run(
            Scale::Integer,
            1024.0,
            102.0,
            102_400.0,
            Direction::Up,
            65_537.0,
        );
        assert_eq!(found, Some((65_536.0, 65_537.0, "new".into())));
        assert!(calls <= 60, "{calls} evaluations");
    }

    #[test]
    fn a_change_right_next_to_the_current_value_keeps_it_as_before() {
        let (found, _) = run(Scale::TwoDigits, 99.5, 9.95, 9950.0, Direction::Up, 99.7);
        assert_eq!(found, Some((99.5, 100.0, "new".into())));
        let (found, _) = run(Scale::Integer, 1.0, 1.0, 100.0, Direction::Up, 2.0);
        assert_eq!(found, Some((1.0, 2.0, "new".into())));
    }

    #[test]
    fn nothing_is_reported_outside_the_range_or_without_a_change() {
        for dir in [Direction::Up, Direction::Down] {
            assert_eq!(
                run(Scale::TwoDigits, 400.0, 40.0, 40_000.0, dir, 50_000.0).0,
                None
            );
        }
        assert_eq!(
            run(Scale::Integer, 1.0, 1.0, 100.0, Direction::Down, 0.5).0,
            None
        );
    }
}
