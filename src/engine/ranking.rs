//! The ranking's words: each candidate's verdict and standing, the reasons behind them, and the
//! warnings the rules raise. The evaluation builds them; the report (`crate::report`) holds
//! them and re-exports them under its own path, where the JSON contract names them.

use serde::{Deserialize, Serialize};

/// Best first: the derived order is the ranking's (`Recommended < Excluded`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Recommended,
    Viable,
    Discouraged,
    Excluded,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Recommended => "recommended",
            Verdict::Viable => "viable",
            Verdict::Discouraged => "discouraged",
            Verdict::Excluded => "excluded",
        }
    }
}

/// The word every view shows for a candidate, one word to one meaning. The SPEC's `verdict`
/// has four values and `discouraged` there covers two cases, a rule arguing against the
/// candidate and a score too far behind; `standing` tells them apart (`behind` for the score,
/// `discouraged` only from a rule), so `verdict` keeps its values for scripts that read them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Standing {
    Recommended,
    /// Within the viable margin of the pick, and no rule discourages it.
    Viable,
    /// More than the viable margin below the pick, and no rule discourages it.
    Behind,
    /// A rule discourages it.
    Discouraged,
    /// A rule knocks it out.
    Excluded,
}

impl Standing {
    pub fn as_str(self) -> &'static str {
        match self {
            Standing::Recommended => "recommended",
            Standing::Viable => "viable",
            Standing::Behind => "behind",
            Standing::Discouraged => "discouraged",
            Standing::Excluded => "excluded",
        }
    }

    /// What the word means, for the legend under a ranking.
    pub fn meaning(self, margin: i64) -> String {
        match self {
            Standing::Recommended => "the pick".to_string(),
            Standing::Viable => format!("within {margin} points of the pick"),
            Standing::Behind => format!("more than {margin} points below the pick"),
            Standing::Discouraged => {
                "a rule argues against it; ranked below every candidate none does".to_string()
            }
            Standing::Excluded => {
                "a rule rules it out; ranked last, its points (in brackets) do not count"
                    .to_string()
            }
        }
    }
}

/// One rule's effect on one candidate.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reason {
    pub rule: String,
    /// `+30`, `-20`, `exclude` or `discourage`.
    pub effect: String,
    pub message: String,
    pub source: String,
}

impl Reason {
    /// True for a reason that counts in the candidate's favour.
    pub fn is_for(&self) -> bool {
        self.effect.starts_with('+')
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CandidateReport {
    pub id: String,
    pub name: String,
    /// Its name as a pattern beside the pick, when that differs (the outbox feeding Kafka is a
    /// "transactional outbox").
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub pattern_name: Option<String>,
    pub score: i64,
    pub verdict: Verdict,
    /// The verdict in the word every view shows (see [`Standing`]).
    pub standing: Standing,
    /// Why this verdict, in one sentence (the knock-out rule, the margin, …).
    pub verdict_reason: String,
    pub reasons: Vec<Reason>,
}

impl CandidateReport {
    /// Its name as a pattern beside the pick.
    pub fn pattern_name(&self) -> &str {
        self.pattern_name.as_deref().unwrap_or(&self.name)
    }

    /// Whether its score is compared with the others' (an excluded candidate's is not).
    pub fn score_counts(&self) -> bool {
        self.standing != Standing::Excluded
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Warning {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The candidates a rule's warning is about (its `warning_for`); empty when it is about the
    /// profile. The report reads it to decide whether the warning needs attention.
    #[serde(skip)]
    pub about: Vec<String>,
}
