//! Problems with what the user wrote: each with the file, the YAML path, the line and column,
//! and what would be right. Loading collects every problem before failing, so one run shows all.

use crate::untrusted::Shown;
use crate::yaml::Loc;
use std::fmt;

/// One thing wrong with an input file.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Problem {
    /// Dotted YAML path (`throughput.peak_per_sec`, `events[2].action`); empty for the document.
    pub path: String,
    #[serde(skip)]
    pub loc: Loc,
    pub message: String,
}

impl Problem {
    pub fn new(path: impl Into<String>, loc: Loc, message: impl Into<String>) -> Self {
        Problem {
            path: path.into(),
            loc,
            message: message.into(),
        }
    }
}

/// Every problem found in one input, with the name to show for it (a path or `<stdin>`).
#[derive(Clone, Debug, PartialEq)]
pub struct InputError {
    pub file: String,
    pub problems: Vec<Problem>,
}

impl InputError {
    pub fn one(file: impl Into<String>, problem: Problem) -> Self {
        InputError {
            file: file.into(),
            problems: vec![problem],
        }
    }

    /// `text` read as YAML, or the error "invalid YAML: …" at its place in `file`.
    pub fn parse_yaml(text: &str, file: &str) -> Result<crate::yaml::Node, Self> {
        crate::yaml::parse(text).map_err(|e| {
            Self::one(
                file,
                Problem::new("", e.loc, format!("invalid YAML: {}", e.message)),
            )
        })
    }

    /// Every problem found in `file`, in the order they stand in it.
    pub fn sorted(file: impl Into<String>, mut problems: Vec<Problem>) -> Self {
        problems.sort_by_key(|p| p.loc);
        InputError {
            file: file.into(),
            problems,
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            // One line per problem, whatever the file name or an echoed value holds.
            write!(f, "{}", Shown(&self.file))?;
            if p.loc.is_known() {
                write!(f, ":{}", p.loc)?;
            }
            if p.path.is_empty() {
                write!(f, ": {}", Shown(&p.message))?;
            } else {
                write!(f, ": {}: {}", Shown(&p.path), Shown(&p.message))?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for InputError {}

/// The closest of `candidates` to `word`, when it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// The one wording of a suggestion after a problem: "; did you mean `x`?" for the candidate
/// [`did_you_mean`] finds, else `otherwise`.
pub fn suggest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    otherwise: &str,
) -> String {
    did_you_mean(word, candidates)
        .map_or_else(|| otherwise.into(), |s| format!("; did you mean `{s}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(
            did_you_mean("peak_per_sek", ["peak_per_sec", "avg_per_sec"]),
            Some("peak_per_sec")
        );
        assert_eq!(
            did_you_mean("colour", ["peak_per_sec", "avg_per_sec"]),
            None
        );
    }

    #[test]
    fn displays_file_line_column_and_path() {
        let e = InputError {
            file: "p.yaml".into(),
            problems: vec![Problem::new(
                "throughput.peak_per_sec",
                Loc { line: 3, col: 17 },
                "must be > 0",
            )],
        };
        assert_eq!(
            e.to_string(),
            "p.yaml:3:17: throughput.peak_per_sec: must be > 0"
        );
    }
}
