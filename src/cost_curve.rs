//! What each candidate would cost as the peak rate moves: the monthly cost of its cheapest way to
//! run it that fits (infrastructure + people, `cost_summary.systems[].cheapest_total_usd`) at
//! rates from 0.1× to 100× the profile's peak, the span the flip-point search covers.
//!
//! Each point is the profile with `--set throughput.peak_per_sec=RATE` and nothing else changed,
//! priced by the same estimate as the report's cost section (so the point at 1× is that section's
//! figure), and moved the way the flip-point search moves it, so the flip points of the peak rate
//! can be marked on the same axis. Rates are log-spaced (1, 3, 10 per decade), plus the profile's
//! own peak and every flip threshold of the peak rate; rates below the profile's average (which a
//! peak may not be) are left out, and the lowest valid peak is priced instead. The profile is
//! evaluated again at each point (the evaluation of `recommend`, with the profile's applied
//! waivers), to say the pick there and which candidates a rule rules out.

use crate::cost::{self, Capacity};
use crate::engine::RuleSet;
use crate::engine::evaluate::{EvalOptions, evaluate_moved, evaluate_with};
use crate::profile::{Profile, range};
use serde::Serialize;
use std::collections::BTreeSet;

/// The profile field the curve moves.
pub const PATH: &str = "throughput.peak_per_sec";

/// Factors of the profile's peak: about three points a decade from 0.1× to 100×.
const FACTORS: [f64; 7] = [0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0];

/// One rate priced.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CurvePoint {
    /// Messages a second at peak.
    #[serde(serialize_with = "crate::flip::number")]
    pub peak_per_sec: f64,
    /// True for the profile's own peak.
    pub current: bool,
    /// The recommendation at this rate (a candidate id), by the same rules as the report.
    pub pick: String,
    /// The candidate that becomes the pick at this rate, when it is a flip threshold of the peak
    /// rate (see `flip_points`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flips_to: Option<String>,
}

/// One candidate's cost at every point.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct CurveSeries {
    /// The candidate id.
    pub system: String,
    /// USD a month at each point, in the order of `points`.
    pub monthly_usd: Vec<f64>,
    /// The way to run it behind each figure (an option id).
    pub options: Vec<String>,
    /// The capacity check of the way behind each figure: `exceeded` where every way to run it
    /// exceeds a published limit (the figure is then the cheapest of those), `unchecked` where no
    /// published figure says whether it carries the rate (its capacity is unchecked; whether the
    /// figure is a floor is `complete`).
    pub capacity: Vec<Capacity>,
    /// False where the way behind the figure leaves out a cost with no sourced price (its
    /// `unpriced`): the figure is then a floor, as the cost table's "≥" says.
    pub complete: Vec<bool>,
    /// True where a rule rules the candidate out at that rate (a knock-out): the cost is what it
    /// would be, not a way the rules allow.
    pub excluded: Vec<bool>,
}

/// The cost of each candidate across the peak-rate range.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CostCurve {
    /// The profile field moved, as `--set` takes it.
    pub path: String,
    /// Lowest rate first.
    pub points: Vec<CurvePoint>,
    /// The candidates of the cost section, in its order.
    pub series: Vec<CurveSeries>,
}

/// The curve for `profile` over the `systems` its report prices, with its flip points `flips`
/// marked and the rules in `waived` (its applied waivers) having no effect; None when nothing
/// is priced.
pub fn compute(
    rules: &RuleSet,
    waived: &BTreeSet<String>,
    profile: &Profile,
    systems: &[&str],
    flips: &[crate::flip::FlipPoint],
) -> Option<CostCurve> {
    if systems.is_empty() {
        return None;
    }
    let peak = profile.throughput.peak_per_sec;
    // The reader's range, and the flip search's: a peak may not fall below the file's average.
    let lo = profile
        .throughput
        .avg_per_sec
        .unwrap_or(0.0)
        .max(range::PEAK_PER_SEC.0);
    let hi = range::PEAK_PER_SEC.1;
    let mut points: Vec<CurvePoint> = Vec::new();
    let mut add = |rate: f64, current: bool, flips_to: Option<String>| {
        if !(lo..=hi).contains(&rate) {
            return;
        }
        match points.iter_mut().find(|p| p.peak_per_sec == rate) {
            Some(p) => {
                p.current |= current;
                if flips_to.is_some() {
                    p.flips_to = flips_to;
                }
            }
            None => points.push(CurvePoint {
                peak_per_sec: rate,
                current,
                pick: String::new(),
                flips_to,
            }),
        }
    };
    add(peak, true, None);
    // 1× is the profile's own peak, as written (rounding it could add a second point beside it).
    for f in FACTORS.into_iter().filter(|f| *f != 1.0) {
        add(two_digits(peak * f), false, None);
    }
    if two_digits(peak * FACTORS[0]) < lo {
        add(lo, false, None);
    }
    for f in flips.iter().filter(|f| f.path == PATH) {
        add(f.threshold, false, Some(f.to.clone()));
    }
    points.sort_by(|a, b| a.peak_per_sec.total_cmp(&b.peak_per_sec));

    let mut series: Vec<CurveSeries> = systems
        .iter()
        .map(|s| CurveSeries {
            system: s.to_string(),
            ..CurveSeries::default()
        })
        .collect();
    // The rules at each rate, for the pick and the knock-outs there: the profile evaluated as it
    // is, then moved (only the rules that read the throughput run again).
    let base = evaluate_with(rules, profile, waived, EvalOptions::FAST);
    let mut moved = profile.clone();
    for point in &mut points {
        moved.throughput.peak_per_sec = point.peak_per_sec;
        let eval = match &base {
            Ok(base) => evaluate_moved(rules, &moved, waived, base, Some(PATH)),
            Err(_) => evaluate_with(rules, &moved, waived, EvalOptions::FAST),
        };
        let (pick, excluded): (String, BTreeSet<&str>) = match &eval {
            // Knocked out by a rule that applies (fired, not waived).
            Ok(eval) => (
                eval.recommended().id.clone(),
                rules
                    .rules
                    .iter()
                    .zip(&eval.trace)
                    .filter(|(r, t)| t.fired && !waived.contains(&r.id))
                    .flat_map(|(r, _)| r.effect.exclude.iter().map(String::as_str))
                    .collect(),
            ),
            // Every candidate excluded (no pick; the evaluation says so without a rule), or a
            // condition that cannot be decided here (nothing known).
            Err(e) if e.origin.is_none() => (String::new(), systems.iter().copied().collect()),
            Err(_) => (String::new(), BTreeSet::new()),
        };
        point.pick = pick;
        // The evaluation's own estimate when a condition read it; else priced here, figures
        // only (the same numbers as the full estimate, without its text).
        let fresh;
        let costing = match eval.as_ref().ok().and_then(|e| e.cost.as_ref()) {
            Some(c) => c,
            None => {
                let derived = rules.derived(&moved);
                fresh = cost::estimate(&rules.cost, &moved, &derived);
                &fresh
            }
        };
        for s in &mut series {
            let summary = costing.system(&s.system);
            let total = summary.map_or(0.0, |x| x.cheapest_total_usd);
            // The way behind the cheapest total: the first of the best capacity tier.
            let fits = costing
                .options_of(&s.system)
                .any(|o| o.capacity != Capacity::Exceeded);
            let behind = costing
                .options_of(&s.system)
                .find(|o| o.monthly_usd == total && (o.capacity != Capacity::Exceeded || !fits));
            s.monthly_usd.push(total);
            s.options
                .push(behind.map_or_else(String::new, |o| o.option.clone()));
            s.capacity
                .push(behind.map_or(Capacity::Unchecked, |o| o.capacity));
            s.complete.push(behind.is_none_or(|o| o.complete()));
            s.excluded.push(excluded.contains(s.system.as_str()));
        }
    }
    Some(CostCurve {
        path: PATH.to_string(),
        points,
        series,
    })
}

/// `v` to two significant digits, the way a person writes a rate (0.1 × 400 = 40, 0.3 × 150 =
/// 45, 3 × 0.5 = 1.5), exact as `--set` would read it.
fn two_digits(v: f64) -> f64 {
    if v <= 0.0 || !v.is_finite() {
        return v;
    }
    let k = v.log10().floor() as i32 - 1;
    if k >= 0 {
        let p = 10f64.powi(k);
        (v / p).round() * p
    } else {
        let p = 10f64.powi(-k);
        (v * p).round() / p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_rates_read_as_typed() {
        assert_eq!(two_digits(400.0 * 0.3), 120.0);
        assert_eq!(two_digits(150.0 * 0.3), 45.0);
        assert_eq!(two_digits(0.5 * 3.0), 1.5);
        assert_eq!(two_digits(5.0 * 0.3), 1.5);
        assert_eq!(two_digits(0.02 * 0.3), 0.006);
        assert_eq!(two_digits(50_000.0 * 100.0), 5_000_000.0);
    }
}
