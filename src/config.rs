//! Which rule packs a run uses when `--rules` is not given: the `MSGADVISOR_RULES` environment
//! variable, then a `.msgadvisor.yaml` file in the working directory. The precedence is the one
//! conftest users know: flag > environment > config file, and the first that names any pack wins
//! whole (they are not merged, so a run never layers packs nobody asked for).

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
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PacksFrom {
    /// No packs: the built-in rules alone.
    None,
    /// `--rules DIR` on the command line.
    Flag,
    /// The `MSGADVISOR_RULES` environment variable.
    Env,
    /// The `rules:` list of `.msgadvisor.yaml`.
    Config,
}

/// The rule packs of a run, in layering order, and where that list came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Packs {
    pub dirs: Vec<PathBuf>,
    pub from: PacksFrom,
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

/// Resolves the packs of a run from the process's own environment and working directory.
pub fn packs(flag: &[PathBuf]) -> Result<Packs, InputError> {
    resolve(flag, std::env::var_os(ENV_RULES), Path::new(""))
}

/// `flag` if it names any pack, else `env` (split like `PATH`; empty entries ignored), else the
/// `rules:` list of the config file in `dir` (paths relative to that file), else none.
pub fn resolve(flag: &[PathBuf], env: Option<OsString>, dir: &Path) -> Result<Packs, InputError> {
    if !flag.is_empty() {
        return Ok(Packs {
            dirs: flag.to_vec(),
            from: PacksFrom::Flag,
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
            });
        }
    }
    let path = dir.join(CONFIG_FILE);
    if !path.is_file() {
        return Ok(Packs {
            dirs: Vec::new(),
            from: PacksFrom::None,
        });
    }
    let shown = path.display().to_string();
    let text = crate::input::read_text(&path)
        .map_err(|e| InputError::one(&shown, Problem::new("", Loc::default(), e)))?;
    let dirs = read_config(&text, &shown)?
        .into_iter()
        .map(|p| dir.join(p))
        .collect::<Vec<_>>();
    Ok(Packs {
        from: if dirs.is_empty() {
            PacksFrom::None
        } else {
            PacksFrom::Config
        },
        dirs,
    })
}

/// Reads the config file: `rules:` (a list of directories). Unknown keys are errors with a
/// did-you-mean, as everywhere else.
fn read_config(text: &str, file: &str) -> Result<Vec<PathBuf>, InputError> {
    let root = crate::yaml::parse(text).map_err(|e| {
        InputError::one(
            file,
            Problem::new("", e.loc, format!("invalid YAML: {}", e.message)),
        )
    })?;
    let mut r = Reader::default();
    let mut dirs = Vec::new();
    if let Some(mut m) = r.map(&root, "") {
        dirs = r
            .string_list(&mut m, "rules")
            .into_iter()
            .map(|(s, _, _)| PathBuf::from(s))
            .collect();
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

#[cfg(test)]
mod tests {
    use super::*;

    fn dir_with_config(text: Option<&str>) -> PathBuf {
        use std::sync::atomic::{AtomicU64, Ordering};
        static N: AtomicU64 = AtomicU64::new(0);
        let dir = std::env::temp_dir().join(format!(
            "msgadvisor-config-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).unwrap();
        if let Some(t) = text {
            std::fs::write(dir.join(CONFIG_FILE), t).unwrap();
        }
        dir
    }

    #[test]
    fn flag_beats_environment_beats_config() {
        let dir = dir_with_config(Some("rules: [from-config]\n"));
        let flag = vec![PathBuf::from("from-flag")];
        let env = Some(OsString::from("a:b"));
        let p = resolve(&flag, env.clone(), &dir).unwrap();
        assert_eq!((p.dirs, p.from), (flag.clone(), PacksFrom::Flag));
        let p = resolve(&[], env, &dir).unwrap();
        assert_eq!(
            (p.dirs, p.from),
            (vec![PathBuf::from("a"), PathBuf::from("b")], PacksFrom::Env)
        );
        let p = resolve(&[], Some(OsString::new()), &dir).unwrap();
        assert_eq!(
            (p.dirs, p.from),
            (vec![dir.join("from-config")], PacksFrom::Config)
        );
        let p = resolve(&[], None, &dir_with_config(None)).unwrap();
        assert_eq!((p.dirs.len(), p.from), (0, PacksFrom::None));
    }

    #[test]
    fn config_problems_are_located_with_a_suggestion() {
        let dir = dir_with_config(Some("rule: [x]\n"));
        let err = resolve(&[], None, &dir).unwrap_err();
        assert!(
            err.to_string()
                .ends_with(".msgadvisor.yaml:1:1: rule: unknown key `rule`; did you mean `rules`?"),
            "{err}"
        );
    }
}
