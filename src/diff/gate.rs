//! `diff --fail-on`: the gates that turn a diff into a failing CI step (exit 1).

use super::{ProfileDiff, Status};
use serde::Serialize;

/// One `--fail-on` value.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Gate {
    /// Any change that cannot be undone (see [`super::IrreversibleKind`]).
    Irreversible,
    /// The recommendation changed, or the declared decision's verdict got worse.
    DecisionFlip,
    /// The suggested monthly cost rose by more than this many percent.
    CostIncreasePct(f64),
    /// A change loosens the `check` gate (see [`super::WeakeningKind`]).
    WeakensCheck,
}

impl std::str::FromStr for Gate {
    type Err = String;

    fn from_str(s: &str) -> Result<Gate, String> {
        const EXPECTED: &str = "expected `irreversible`, `decision-flip`, `weakens-check` or `cost-increase-pct=N` (N a percentage, e.g. 20)";
        match s.trim() {
            "irreversible" => Ok(Gate::Irreversible),
            "decision-flip" => Ok(Gate::DecisionFlip),
            "weakens-check" => Ok(Gate::WeakensCheck),
            other => match other.split_once('=') {
                Some(("cost-increase-pct", n)) => match n.trim().parse::<f64>() {
                    Ok(v) if v.is_finite() && v >= 0.0 => Ok(Gate::CostIncreasePct(v)),
                    _ => Err(format!(
                        "`{n}` is not a percentage; write a number of 0 or more, e.g. cost-increase-pct=20"
                    )),
                },
                _ => Err(format!("`{other}` is not a gate; {EXPECTED}")),
            },
        }
    }
}

impl std::fmt::Display for Gate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Gate::Irreversible => f.write_str("irreversible"),
            Gate::DecisionFlip => f.write_str("decision-flip"),
            Gate::CostIncreasePct(n) => write!(f, "cost-increase-pct={n}"),
            Gate::WeakensCheck => f.write_str("weakens-check"),
        }
    }
}

/// A gate and the profiles that set it off.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GateResult {
    /// As given: `irreversible`, `decision-flip`, `cost-increase-pct=20`.
    pub gate: String,
    pub fired: bool,
    /// The paths of the profiles that fired it.
    pub profiles: Vec<String>,
}

/// Judges every gate over every profile. Added and removed profiles have nothing to compare, so
/// only changed ones can fire a gate, except `weakens-check`, which a removed profile fires: the
/// gate no longer judges it.
pub fn judge(gates: &[Gate], profiles: &[ProfileDiff]) -> Vec<GateResult> {
    gates
        .iter()
        .map(|g| {
            let hits: Vec<String> = profiles
                .iter()
                .filter(|p| {
                    (p.status == Status::Changed
                        || (*g == Gate::WeakensCheck && p.status == Status::Removed))
                        && fires(g, p)
                })
                .map(|p| p.path.clone())
                .collect();
            GateResult {
                gate: g.to_string(),
                fired: !hits.is_empty(),
                profiles: hits,
            }
        })
        .collect()
}

fn fires(g: &Gate, p: &ProfileDiff) -> bool {
    match g {
        Gate::Irreversible => !p.irreversible.is_empty(),
        Gate::DecisionFlip => p.decision_flip,
        Gate::CostIncreasePct(n) => p.cost.change_pct.is_some_and(|pct| pct > *n),
        Gate::WeakensCheck => !p.weakens_check.is_empty(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_gate_and_refuses_the_rest() {
        assert_eq!("irreversible".parse::<Gate>(), Ok(Gate::Irreversible));
        assert_eq!("decision-flip".parse::<Gate>(), Ok(Gate::DecisionFlip));
        assert_eq!("weakens-check".parse::<Gate>(), Ok(Gate::WeakensCheck));
        assert_eq!(
            "cost-increase-pct=12.5".parse::<Gate>(),
            Ok(Gate::CostIncreasePct(12.5))
        );
        assert!(
            "cost-increase-pct=lots"
                .parse::<Gate>()
                .unwrap_err()
                .contains("percentage")
        );
        assert!("cost-increase-pct=-3".parse::<Gate>().is_err());
        assert_eq!(
            Gate::CostIncreasePct(20.0).to_string(),
            "cost-increase-pct=20"
        );
        assert!(
            "flip"
                .parse::<Gate>()
                .unwrap_err()
                .contains("decision-flip")
        );
    }
}
