//! Where the two sides of a `diff` come from: two files, two directories (every profile under
//! each, matched by relative path), or one path in the working tree against the same path at a
//! git ref (`git show REF:PATH`, `git ls-tree` for a directory).
//!
//! A directory is read by the walk `check` uses, keeping what looks like a profile.

use crate::check::discover::{looks_like_profile, shown};
use anyhow::{Context, bail};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// One side's text of one profile, with the name to show for it in messages.
#[derive(Clone, Debug)]
pub struct Text {
    pub label: String,
    pub text: String,
}

/// The two sides of one profile, matched by `path`; either may be absent (added, removed).
#[derive(Clone, Debug)]
pub struct Pair {
    pub path: String,
    pub base: Option<Text>,
    pub head: Option<Text>,
}

/// Both sides read, with what each was read from.
#[derive(Debug)]
pub struct Sides {
    pub base: String,
    pub head: String,
    pub pairs: Vec<Pair>,
}

fn read(path: &Path) -> anyhow::Result<Text> {
    let label = shown(path);
    let text = crate::input::read_text(path).map_err(|e| anyhow::anyhow!("{label}: {e}"))?;
    Ok(Text { label, text })
}

/// Whether `text` belongs in a directory diff, by `check`'s rule: a profile, or YAML that does not
/// parse but says it is one (so its error is reported); other YAML (a Helm template, a
/// multi-document manifest) is not a profile here either.
fn is_profile(text: &str) -> bool {
    crate::yaml::parse(text).map_or_else(
        |_| crate::check::discover::says_profile(text),
        |root| looks_like_profile(&root),
    )
}

/// `BASE HEAD`: two files, or two directories.
pub fn local(base: &Path, head: &Path) -> anyhow::Result<Sides> {
    let (b, h) = (shown(base), shown(head));
    let pairs = match (base.is_dir(), head.is_dir()) {
        (false, false) => vec![Pair {
            path: h.clone(),
            base: Some(read(base)?),
            head: Some(read(head)?),
        }],
        (true, true) => {
            let (bs, hs) = (walk(base)?, walk(head)?);
            matched(head, bs, hs)
        }
        (true, false) | (false, true) => bail!(
            "`{b}` and `{h}` must both be files or both be directories; one is a directory and the other is not"
        ),
    };
    Ok(Sides {
        base: b,
        head: h,
        pairs,
    })
}

/// Every profile under `dir`, by its path relative to `dir`, read by the walk `check` uses
/// (no symlinked directories, nothing hidden, only regular files); an entry that cannot be read
/// is an error, as in `check`.
fn walk(dir: &Path) -> anyhow::Result<BTreeMap<String, Text>> {
    let found = crate::walk::walk(dir, None, &mut crate::walk::All)
        .map_err(|e| anyhow::anyhow!("{}: {e}", dir.display()))?;
    if let Some(u) = found.unreadable.first() {
        bail!("{}: {}", u.path.display(), u.message);
    }
    let mut out = BTreeMap::new();
    for f in found.files {
        let t = read(&f)?;
        if is_profile(&t.text) {
            let rel = f.strip_prefix(dir).unwrap_or(&f);
            out.insert(shown(rel), t);
        }
    }
    Ok(out)
}

/// Pairs the profiles of two directories by their path under each; a pair is named by its path
/// under `root` (the head directory), where a reviewer finds it.
fn matched(
    root: &Path,
    mut base: BTreeMap<String, Text>,
    head: BTreeMap<String, Text>,
) -> Vec<Pair> {
    let mut pairs: Vec<Pair> = head
        .into_iter()
        .map(|(rel, h)| Pair {
            base: base.remove(&rel),
            path: shown(&root.join(&rel)),
            head: Some(h),
        })
        .collect();
    pairs.extend(base.into_iter().map(|(rel, b)| Pair {
        path: shown(&root.join(&rel)),
        base: Some(b),
        head: None,
    }));
    pairs.sort_by(|a, b| a.path.cmp(&b.path));
    pairs
}

/// Runs git with `args` in `dir`; its standard output, or the error git gave.
fn git(dir: &Path, args: &[&str]) -> anyhow::Result<Result<Vec<u8>, String>> {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .context("could not run `git` (is it installed and on PATH?); `--base-ref` reads the base side with it")?;
    Ok(if out.status.success() {
        Ok(out.stdout)
    } else {
        Err(String::from_utf8_lossy(&out.stderr).trim().to_string())
    })
}

/// `PATH --base-ref REF`: the working tree's `path` against the same path at `git_ref`.
pub fn at_ref(git_ref: &str, path: &Path) -> anyhow::Result<Sides> {
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    let top = match git(&cwd, &["rev-parse", "--show-toplevel"])? {
        Ok(o) => PathBuf::from(String::from_utf8_lossy(&o).trim()),
        Err(e) => bail!(
            "`--base-ref` reads the base side from git, but {} is not inside a git repository ({e}); run it in a clone, or give two paths: `msgadvisor diff BASE HEAD`",
            cwd.display()
        ),
    };
    let commit = format!("{git_ref}^{{commit}}");
    if let Err(e) = git(&top, &["rev-parse", "--verify", "--quiet", &commit])? {
        let why = if e.is_empty() {
            String::new()
        } else {
            format!(" ({e})")
        };
        bail!(
            "`{git_ref}` is not a commit in this repository{why}; fetch it first (e.g. `git fetch origin main`) or name a branch, tag or commit that exists"
        );
    }
    let rel = repo_path(&cwd, &top, path)?;
    let listed = match git(
        &top,
        &[
            "ls-tree",
            "-r",
            "--name-only",
            "--full-name",
            git_ref,
            "--",
            if rel.is_empty() { "." } else { &rel },
        ],
    )? {
        Ok(o) => String::from_utf8_lossy(&o).into_owned(),
        Err(e) => bail!("git could not list `{rel}` at `{git_ref}`: {e}"),
    };
    let listed: Vec<&str> = listed.lines().collect();
    let shown_path = shown(path);
    let base_label = format!("{git_ref}:{shown_path}");
    let is_file_at_ref = listed.len() == 1 && listed[0] == rel;
    let show = |file: &str, label: String| -> anyhow::Result<Text> {
        let spec = format!("{git_ref}:{file}");
        match git(&top, &["show", &spec])? {
            Ok(bytes) => Ok(Text {
                label: label.clone(),
                text: String::from_utf8(bytes).map_err(|_| {
                    anyhow::anyhow!("{label}: is not UTF-8 text at `{git_ref}`; save it as UTF-8")
                })?,
            }),
            Err(e) => bail!("git could not read `{spec}`: {e}"),
        }
    };
    if path.is_dir() || (!path.exists() && !listed.is_empty() && !is_file_at_ref) {
        // At the repository's root (`rel` empty) no listed path starts with `/`: none is cut.
        let prefix = format!("{rel}/");
        let mut base = BTreeMap::new();
        for f in &listed {
            let key = f.strip_prefix(&prefix).unwrap_or(f).to_string();
            // The walk's rule, for a tree read from git: hidden entries below the directory
            // asked for are not read (the directory itself may be hidden: `.github/profiles`).
            let p = Path::new(&key);
            let hidden = p
                .components()
                .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
            if hidden || !crate::walk::is_yaml(p) {
                continue;
            }
            let t = show(f, format!("{git_ref}:{}", shown(&path.join(&key))))?;
            if is_profile(&t.text) {
                base.insert(key, t);
            }
        }
        let head = if path.is_dir() {
            walk(path)?
        } else {
            BTreeMap::new()
        };
        return Ok(Sides {
            base: base_label,
            head: shown_path,
            pairs: matched(path, base, head),
        });
    }
    if !is_file_at_ref {
        bail!(
            "`{shown_path}` does not exist at `{git_ref}` (repository path `{rel}`); a new profile has no base to compare with: diff its directory to see it as added"
        );
    }
    let head = path.exists().then(|| read(path)).transpose()?;
    Ok(Sides {
        base: base_label.clone(),
        head: shown_path.clone(),
        pairs: vec![Pair {
            path: shown_path,
            base: Some(show(&rel, base_label)?),
            head,
        }],
    })
}

/// `path` relative to the repository root `top`, with `/` separators and no `.` or `..`.
fn repo_path(cwd: &Path, top: &Path, path: &Path) -> anyhow::Result<String> {
    let top = top.canonicalize().unwrap_or_else(|_| top.to_path_buf());
    let cwd = cwd.canonicalize().unwrap_or_else(|_| cwd.to_path_buf());
    let mut parts: Vec<String> = Vec::new();
    for c in cwd.join(path).components() {
        match c {
            std::path::Component::ParentDir => {
                parts.pop();
            }
            std::path::Component::CurDir => {}
            std::path::Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            std::path::Component::RootDir | std::path::Component::Prefix(_) => parts.clear(),
        }
    }
    let top_parts: Vec<String> = top
        .components()
        .filter_map(|c| match c {
            std::path::Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    if parts.len() < top_parts.len() || parts[..top_parts.len()] != top_parts[..] {
        bail!(
            "`{}` is outside the git repository at {}; `--base-ref` compares a path inside it",
            path.display(),
            top.display()
        );
    }
    Ok(parts[top_parts.len()..].join("/"))
}
