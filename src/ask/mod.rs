//! `msgadvisor ask`: the questionnaire. The questions are data (`questions`), run through a
//! prompting seam that tests script (`flow`), asked on a terminal with dialoguer (`terminal`),
//! answers read with their units (`crate::quantity`), and the resulting profile is written as commented
//! YAML, whole or not at all (`write`).

pub mod flow;
pub mod questions;
pub mod terminal;
pub mod write;

pub use flow::{Answers, AskError, Prompter, Reply, Scripted};

use crate::profile::Profile;
use crate::yaml::Node;

/// A profile as a YAML tree, its fields in schema order with defaults filled in: the starting
/// point for `--from` and what the writer walks. Fails only when that YAML is over the size
/// limit every input has (a profile near 1 MiB in flow style grows in block style): a file
/// msgadvisor could not read back is not worth writing.
///
/// The error names `file`, says what could not be done (`doing`: "revised" for `--from`,
/// "written" for the output) and what to do, in the same words for both.
pub fn profile_tree(
    profile: &Profile,
    file: &str,
    doing: &str,
) -> Result<Node, crate::diag::InputError> {
    let text = serde_saphyr::to_string(profile).expect("profiles serialise to YAML");
    crate::yaml::parse(&text).map_err(|e| {
        crate::diag::InputError::one(
            file,
            crate::diag::Problem::new(
                "",
                crate::yaml::Loc::default(),
                format!(
                    "this profile cannot be {doing}: as commented YAML with its defaults it {}; shorten it or edit the file by hand",
                    e.message.trim_start_matches("the input ")
                ),
            ),
        )
    })
}
