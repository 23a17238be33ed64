//! The one directory walk: `check` over directories and globs and rule-pack loading read trees
//! through it, so every tree is read by the same rule.
//!
//! The rule:
//!
//! - A file is read when its name ends in `.yaml` or `.yml`, in any case (`x.YAML` is read,
//!   `x.yaml.bak` is not a YAML file).
//! - Directory symlinks are never followed: a link to `.` or `..` cannot loop the walk, and a
//!   link out of the tree cannot pull other files in. They are listed as not read. A symlink to
//!   a regular YAML file is read when the file is inside the tree, and listed as not read when
//!   it is outside (a link to a runner's secrets would otherwise be quoted in error messages).
//!   The directory the walk starts from is read even if it is a link: it was named.
//! - Hidden entries (a name starting with `.`) are not read and are listed as not read: a hidden
//!   directory, or a hidden file with a YAML name. `.git` is passed over without mention; it is
//!   git's own store.
//! - Only regular files are ever opened: a FIFO, socket or device with a YAML name, a dangling
//!   symlink with one, a directory that cannot be listed and an entry that cannot be inspected
//!   are problems, never skipped in silence and never blocking.
//! - A directory met twice (a bind mount of an ancestor) is a problem rather than a loop.

use serde::Serialize;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Why an entry was not read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Skip {
    /// Its name starts with a dot.
    Hidden,
    /// A symlink to a directory: not followed.
    DirectorySymlink,
    /// A symlink to a file outside the tree walked: not followed.
    OutsideSymlink,
}

impl Skip {
    /// How the reason reads in a sentence.
    pub fn as_str(self) -> &'static str {
        match self {
            Skip::Hidden => "hidden",
            Skip::DirectorySymlink => "directory symlink, not followed",
            Skip::OutsideSymlink => "symlink out of the tree, not followed",
        }
    }
}

/// An entry that could not be read, and why (one sentence).
#[derive(Clone, Debug, PartialEq)]
pub struct Unreadable {
    pub path: PathBuf,
    pub message: String,
}

/// What a walk found. Every list is in walk order: sorted by name within each directory.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Walk {
    /// Regular files (or symlinks to them) with a YAML name, that the selection took.
    pub files: Vec<PathBuf>,
    /// Entries not read, by the rule above.
    pub skipped: Vec<(PathBuf, Skip)>,
    /// Entries that could not be read: problems for the caller to report.
    pub unreadable: Vec<Unreadable>,
}

/// Limits on a walk, for trees that should be small (a rule pack): past either, the walk stops
/// with an error instead of reading on.
#[derive(Clone, Copy, Debug)]
pub struct Bounds {
    /// Directory levels below the start.
    pub depth: usize,
    /// Directory entries looked at, of any kind.
    pub entries: usize,
}

/// What a walk reads: which directories to go into and which YAML files to take. The whole
/// tree and every YAML file unless a glob narrows it.
pub trait Select {
    /// Whether to go into the directory `path` (`depth` levels below the start).
    fn enter(&mut self, _path: &Path, _depth: usize) -> bool {
        true
    }
    /// Whether to take the YAML-named file `path` (also asked before reporting a file that
    /// cannot be read or is hidden, so that a glob reports only what it selects).
    fn take(&mut self, _path: &Path) -> bool {
        true
    }
}

/// Every directory and YAML file under the start.
pub struct All;
impl Select for All {}

/// Walks the tree at `root`. Errs only when `bounds` are exceeded (the message says which).
pub fn walk(root: &Path, bounds: Option<Bounds>, select: &mut dyn Select) -> Result<Walk, String> {
    let mut out = Walk::default();
    let mut visited = HashSet::new();
    let mut entries_seen = 0usize;
    // Where file symlinks must point to be read.
    let inside = std::fs::canonicalize(root).ok();
    // Depth first, in name order: a stack of directories still to read.
    let mut stack = vec![(root.to_path_buf(), 0usize)];
    while let Some((dir, depth)) = stack.pop() {
        if let Some(b) = bounds
            && depth > b.depth
        {
            return Err(format!(
                "has directories more than {} levels deep ({}); is this the right directory?",
                b.depth,
                dir.display()
            ));
        }
        match std::fs::metadata(&dir) {
            Ok(m) => {
                if let Some(id) = identity(&m)
                    && !visited.insert(id)
                {
                    out.unreadable.push(Unreadable {
                        path: dir,
                        message: "is a directory already read in this walk (a bind mount of \
                                  a directory above it?); not read again"
                            .into(),
                    });
                    continue;
                }
            }
            Err(e) => {
                out.unreadable.push(Unreadable {
                    path: dir,
                    message: format!("cannot read the directory: {}", reason(&e)),
                });
                continue;
            }
        }
        let mut listed =
            match std::fs::read_dir(&dir).and_then(|it| it.collect::<Result<Vec<_>, _>>()) {
                Ok(l) => l,
                Err(e) => {
                    out.unreadable.push(Unreadable {
                        path: dir,
                        message: format!("cannot list the directory: {}", reason(&e)),
                    });
                    continue;
                }
            };
        entries_seen += listed.len();
        if let Some(b) = bounds
            && entries_seen > b.entries
        {
            return Err(format!(
                "holds more than {} files and directories; is this the right directory?",
                b.entries
            ));
        }
        listed.sort_by_key(|e| e.file_name());
        let mut subdirs = Vec::new();
        for e in listed {
            let path = e.path();
            let name = e.file_name();
            let name = name.to_string_lossy();
            let yaml = is_yaml(&path);
            let kind = match e.file_type() {
                Ok(t) => t,
                Err(err) => {
                    if yaml && select.take(&path) {
                        out.unreadable.push(Unreadable {
                            path,
                            message: format!("cannot read: {}", reason(&err)),
                        });
                    }
                    continue;
                }
            };
            // What a symlink points at decides what it is; a dangling one is nothing.
            let target = if kind.is_symlink() {
                std::fs::metadata(&path).map(|m| m.file_type())
            } else {
                Ok(kind)
            };
            let is_dir = target.as_ref().is_ok_and(|t| t.is_dir());
            if name.starts_with('.') {
                if name != ".git" {
                    let wanted = if is_dir {
                        select.enter(&path, depth + 1)
                    } else {
                        yaml && select.take(&path)
                    };
                    if wanted {
                        out.skipped.push((path, Skip::Hidden));
                    }
                }
                continue;
            }
            if is_dir {
                if select.enter(&path, depth + 1) {
                    if kind.is_symlink() {
                        out.skipped.push((path, Skip::DirectorySymlink));
                    } else {
                        subdirs.push(path);
                    }
                }
                continue;
            }
            if !yaml || !select.take(&path) {
                continue;
            }
            match target {
                Ok(t) if t.is_file() => {
                    let within = !kind.is_symlink()
                        || std::fs::canonicalize(&path)
                            .is_ok_and(|real| inside.as_ref().is_some_and(|i| real.starts_with(i)));
                    if within {
                        out.files.push(path);
                    } else {
                        out.skipped.push((path, Skip::OutsideSymlink));
                    }
                }
                Ok(t) => out.unreadable.push(Unreadable {
                    path,
                    message: not_regular(&t),
                }),
                Err(err) => out.unreadable.push(Unreadable {
                    path,
                    message: if err.kind() == std::io::ErrorKind::NotFound {
                        "is a symlink to nothing (its target does not exist)".into()
                    } else {
                        format!("cannot follow the symlink: {}", reason(&err))
                    },
                }),
            }
        }
        // Reversed onto the stack, so that the first name is read first.
        stack.extend(subdirs.into_iter().rev().map(|d| (d, depth + 1)));
    }
    Ok(out)
}

/// The message for a YAML-named entry that is not a regular file.
pub fn not_regular(t: &std::fs::FileType) -> String {
    format!(
        "is not a regular file ({}); only regular files are read",
        kind_name(t)
    )
}

#[cfg(unix)]
fn kind_name(t: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if t.is_fifo() {
        "a FIFO"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_block_device() || t.is_char_device() {
        "a device"
    } else if t.is_dir() {
        "a directory"
    } else {
        "not a file"
    }
}

#[cfg(not(unix))]
fn kind_name(t: &std::fs::FileType) -> &'static str {
    if t.is_dir() {
        "a directory"
    } else {
        "not a file"
    }
}

/// A directory's identity, to notice meeting it twice.
#[cfg(unix)]
fn identity(m: &std::fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn identity(_: &std::fs::Metadata) -> Option<(u64, u64)> {
    None
}

/// An I/O error as the end of a sentence: `permission denied`, not `Permission denied (os error
/// 13)`.
/// Why a file or directory could not be read, in the words every command uses.
pub fn reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Whether the file name ends in `.yaml` or `.yml`, in any case.
pub fn is_yaml(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree() -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        for f in [
            "a.yaml",
            "b.YML",
            "c.yaml.bak",
            "sub/d.yml",
            ".e.yaml",
            ".hid/f.yaml",
        ] {
            let p = d.path().join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "x: 1\n").unwrap();
        }
        d
    }

    fn names(root: &Path, ps: impl IntoIterator<Item = PathBuf>) -> Vec<String> {
        ps.into_iter()
            .map(|p| p.strip_prefix(root).unwrap().display().to_string())
            .collect()
    }

    #[test]
    fn reads_yaml_names_in_any_case_and_lists_hidden() {
        let d = tree();
        let w = walk(d.path(), None, &mut All).unwrap();
        assert_eq!(names(d.path(), w.files), ["a.yaml", "b.YML", "sub/d.yml"]);
        assert_eq!(
            names(d.path(), w.skipped.into_iter().map(|s| s.0)),
            [".e.yaml", ".hid"]
        );
        assert!(w.unreadable.is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn does_not_follow_directory_symlinks() {
        let d = tree();
        std::os::unix::fs::symlink(".", d.path().join("loop1")).unwrap();
        std::os::unix::fs::symlink("..", d.path().join("sub/loop2")).unwrap();
        std::os::unix::fs::symlink("a.yaml", d.path().join("link.yaml")).unwrap();
        std::os::unix::fs::symlink("gone", d.path().join("dangling.yaml")).unwrap();
        let w = walk(d.path(), None, &mut All).unwrap();
        assert_eq!(
            names(d.path(), w.files),
            ["a.yaml", "b.YML", "link.yaml", "sub/d.yml"]
        );
        assert!(
            w.skipped
                .contains(&(d.path().join("loop1"), Skip::DirectorySymlink))
        );
        assert!(
            w.skipped
                .contains(&(d.path().join("sub/loop2"), Skip::DirectorySymlink))
        );
        assert_eq!(w.unreadable.len(), 1);
        assert!(w.unreadable[0].message.contains("symlink to nothing"));
    }

    #[test]
    fn stops_at_the_bounds() {
        let d = tree();
        let deep = walk(
            d.path(),
            Some(Bounds {
                depth: 0,
                entries: 100,
            }),
            &mut All,
        );
        assert!(deep.unwrap_err().contains("more than 0 levels deep"));
        let wide = walk(
            d.path(),
            Some(Bounds {
                depth: 9,
                entries: 3,
            }),
            &mut All,
        );
        assert!(
            wide.unwrap_err()
                .contains("more than 3 files and directories")
        );
    }
}
