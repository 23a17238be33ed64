//! Which rule packs a run uses when `--rules` is not given: the `MSGADVISOR_RULES` environment
//! variable, then a `.msgadvisor.yaml` file in the working directory. The precedence is the one
//! conftest users know: flag > environment > config file, and the first that names any pack wins
//! whole (they are not merged, so a run never layers packs nobody asked for).
//!
//! The config file sits in the repository a CI gate checks, so a pull request can change it:
//! `--no-config` (or `MSGADVISOR_NO_CONFIG`) ignores it, and the packs it names must stay inside
//! its directory tree, so that it can only point at packs the same review shows.

use crate::diag::{InputError, Problem};
use crate::fields::Reader;
use crate::yaml::Loc;
use serde::Serialize;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The environment variable with default rule packs, separated like `PATH` (`:` on Unix).
pub const ENV_RULES: &str = "MSGADVISOR_RULES";

/// The config file read from the working directory.
pub const CONFIG_FILE: &str = ".msgadvisor.yaml";

/// Where the rule packs of a run came from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PacksFrom {
    /// No packs: the built-in rules alone.
    #[default]
    None,
    /// `--rules DIR` on the command line.
    Flag,
    /// The `MSGADVISOR_RULES` environment variable.
    Env,
    /// The `rules:` list of `.msgadvisor.yaml`.
    Config,
}

/// The environment variable that, set to anything but empty, `0`, `false`, `no` or `off`, has
/// every command ignore the config file (as `--no-config` does).
pub const ENV_NO_CONFIG: &str = "MSGADVISOR_NO_CONFIG";

/// The name built-in rules go by where packs are listed (`check`'s `rule_packs`).
pub const BUILT_IN: &str = "built-in";

/// The rule packs of a run, in layering order, and where that list came from (by default none:
/// the built-in rules alone).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Packs {
    pub dirs: Vec<PathBuf>,
    pub from: PacksFrom,
    /// The config file read for this run, if one was (whether or not it named packs).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub config: Option<PathBuf>,
}

impl Packs {
    /// One line for people: "built-in rules + ./ours (from MSGADVISOR_RULES)".
    pub fn describe(&self) -> String {
        if self.dirs.is_empty() {
            return "built-in rules only".to_string();
        }
        let dirs: Vec<String> = self.dirs.iter().map(|d| d.display().to_string()).collect();
        let from = match self.from {
            PacksFrom::None | PacksFrom::Flag => "--rules",
            PacksFrom::Env => ENV_RULES,
            PacksFrom::Config => CONFIG_FILE,
        };
        format!("built-in rules + {} (from {from})", dirs.join(", "))
    }
}

/// The packs of a run: `flag` (`--rules`) if it names any pack, else `env` (`MSGADVISOR_RULES`,
/// both as clap read them; split like `PATH`, empty entries ignored), else the `rules:` list of
/// the config file in the working directory (paths relative to it and inside its tree) unless
/// `no_config`, else none.
pub fn packs(
    flag: &[PathBuf],
    env: Option<OsString>,
    no_config: bool,
) -> Result<Packs, InputError> {
    if !flag.is_empty() {
        return Ok(Packs {
            dirs: flag.to_vec(),
            from: PacksFrom::Flag,
            config: None,
        });
    }
    if let Some(value) = env {
        let dirs: Vec<PathBuf> = std::env::split_paths(&value)
            .filter(|p| !p.as_os_str().is_empty())
            .collect();
        if !dirs.is_empty() {
            return Ok(Packs {
                dirs,
                from: PacksFrom::Env,
                config: None,
            });
        }
    }
    let dir = Path::new("");
    let path = dir.join(CONFIG_FILE);
    if no_config || !path.is_file() {
        return Ok(Packs::default());
    }
    let shown = path.display().to_string();
    let text = crate::input::read_text(&path).map_err(|e| InputError::whole(&shown, e))?;
    let listed = read_config(&text, &shown)?;
    let problems: Vec<Problem> = listed
        .iter()
        .filter_map(|(p, loc, ypath)| {
            outside(dir, Path::new(p)).map(|why| Problem::new(ypath.as_str(), *loc, why))
        })
        .collect();
    if !problems.is_empty() {
        return Err(InputError {
            file: shown,
            problems,
        });
    }
    let dirs: Vec<PathBuf> = listed.into_iter().map(|(p, _, _)| dir.join(p)).collect();
    Ok(Packs {
        from: if dirs.is_empty() {
            PacksFrom::None
        } else {
            PacksFrom::Config
        },
        dirs,
        config: Some(path),
    })
}

/// Why pack path `p` of the config file in `dir` is not inside `dir`'s tree, if it is not: it
/// is absolute, its `..` climb above `dir`, or (when it exists) it resolves through a symlink
/// to somewhere else. A path that does not exist is left for the pack loader to report.
fn outside(dir: &Path, p: &Path) -> Option<String> {
    use std::path::Component;
    let fix = "name a pack directory inside the repository, relative to the config file, \
               or pass an outside pack with --rules";
    if p.has_root() || p.is_absolute() {
        return Some(format!("`{}` is absolute; {fix}", p.display()));
    }
    let mut depth = 0usize;
    for c in p.components() {
        match c {
            Component::ParentDir if depth == 0 => {
                return Some(format!(
                    "`{}` leaves the directory of the config file through `..`; {fix}",
                    p.display()
                ));
            }
            Component::ParentDir => depth -= 1,
            Component::Normal(_) => depth += 1,
            _ => {}
        }
    }
    let base = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let (Ok(root), Ok(real)) = (
        std::fs::canonicalize(base),
        std::fs::canonicalize(base.join(p)),
    ) else {
        return None;
    };
    (!real.starts_with(&root)).then(|| {
        format!(
            "`{}` resolves through a symlink to {}, outside the directory of the config file; {fix}",
            p.display(),
            real.display()
        )
    })
}

/// Reads the config file: `rules:` (a list of directories, each with its position and YAML
/// path). Unknown keys are errors with a did-you-mean, as everywhere else.
fn read_config(text: &str, file: &str) -> Result<Vec<(String, Loc, String)>, InputError> {
    let root = InputError::parse_yaml(text, file)?;
    let mut r = Reader::default();
    let mut dirs = Vec::new();
    if let Some(mut m) = r.map(&root, "") {
        dirs = r.string_list(&mut m, "rules");
        r.finish(m);
    }
    if r.problems.is_empty() {
        Ok(dirs)
    } else {
        Err(InputError {
            file: file.to_string(),
            problems: r.problems,
        })
    }
}
