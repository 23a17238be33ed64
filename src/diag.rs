//! Problems with what the user wrote: each with the file, the YAML path, the line and column,
//! and what would be right. Loading collects every problem before failing, so one run shows all;
//! a problem many entries of one list share is said once for the list ([`Repeated`]).

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

/// How many entries a message names when a list has many ([`few`]); the rest it counts.
pub const NAMED_ENTRIES: usize = 5;

/// How a message names entries of a list: `a`, `a and b`, `a, b and c`, … and, for more than
/// [`NAMED_ENTRIES`] + 1, the first [`NAMED_ENTRIES`] and "and N more" (never "and 1 more").
/// `named` holds the first `NAMED_ENTRIES + 1` of the `total` entries, or all when fewer.
pub fn few(named: &[String], total: usize) -> String {
    if total > NAMED_ENTRIES + 1 {
        return format!(
            "{} and {} more",
            named[..NAMED_ENTRIES].join(", "),
            crate::units::thousands((total - NAMED_ENTRIES) as f64)
        );
    }
    match named.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, before)) => format!("{} and {last}", before.join(", ")),
    }
}

/// One kind of problem in the entries of one list (an unknown name in `platform.languages`, an
/// entry that is not a name, …), said once for the list: a person reads one line whether one
/// entry or 99,000 have it. One entry keeps its own sentence at its own path; several make one
/// problem at the list's path and the first entry's position, naming a [`few`] of them.
pub struct Repeated {
    field: String,
    first: Option<Problem>,
    named: Vec<String>,
    count: usize,
}

impl Repeated {
    /// For the entries of the list at `field` (`platform.languages`).
    pub fn new(field: impl Into<String>) -> Self {
        Repeated {
            field: field.into(),
            first: None,
            named: Vec::new(),
            count: 0,
        }
    }

    /// One entry's problem: `alone` is its sentence when it is the only one, `mention` how the
    /// list's problem names it (`` `cobol` ``). Each is only worded when it will be shown, so a
    /// long list costs a count.
    pub fn add(
        &mut self,
        path: &str,
        loc: Loc,
        alone: impl FnOnce() -> String,
        mention: impl FnOnce() -> String,
    ) {
        if self.first.is_none() {
            self.first = Some(Problem::new(path, loc, alone()));
        }
        if self.named.len() <= NAMED_ENTRIES {
            self.named.push(mention());
        }
        self.count += 1;
    }

    /// The one problem, if any entry had it; `lead` words the list's problem for a count of
    /// entries ("2 names are not runtimes the rules know"), before the names.
    pub fn finish(self, lead: impl FnOnce(&str) -> String) -> Option<Problem> {
        let first = self.first?;
        if self.count == 1 {
            return Some(first);
        }
        let names = few(&self.named, self.count);
        let count = crate::units::thousands(self.count as f64);
        Some(Problem::new(
            self.field,
            first.loc,
            format!("{}: {names}", lead(&count)),
        ))
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
        Self::sorted(file, vec![problem])
    }

    /// A problem with the file as a whole (unreadable, not a directory, …): no path, no place.
    pub fn whole(file: impl Into<String>, message: impl Into<String>) -> Self {
        Self::one(file, Problem::new("", Loc::default(), message))
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
