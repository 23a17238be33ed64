//! Reading what the user hands us: a file or standard input, bounded in size, UTF-8 only, with
//! messages that say what is wrong and what would be right.

use crate::yaml::MAX_INPUT_BYTES;
use std::io::Read;
use std::path::Path;

/// Reads a text file whole. Errors are one sentence, without the path (the caller prefixes it).
pub fn read_text(path: &Path) -> Result<String, String> {
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound | std::io::ErrorKind::PermissionDenied => {
            crate::walk::reason(&e)
        }
        _ => format!("cannot read: {}", crate::walk::reason(&e)),
    })?;
    if meta.is_dir() {
        return Err("is a directory; expected a YAML file".into());
    }
    // Opening a FIFO blocks until something writes to it, and a device may never end: only
    // regular files are opened. Standard input is read with `-`.
    if !meta.is_file() {
        return Err(format!(
            "{}; to read standard input, pass `-`",
            crate::walk::not_regular(&meta.file_type())
        ));
    }
    if meta.len() > MAX_INPUT_BYTES as u64 {
        return Err(too_big(meta.len() as usize));
    }
    let file = std::fs::File::open(path)
        .map_err(|e| format!("cannot read: {}", crate::walk::reason(&e)))?;
    // The size is known: one allocation and one read instead of growing a buffer from nothing.
    read_bounded(file, meta.len() as usize + 1)
}

/// Reads standard input whole, with the same bounds.
pub fn read_stdin() -> Result<String, String> {
    read_bounded(std::io::stdin().lock(), 0)
}

fn read_bounded(r: impl Read, size_hint: usize) -> Result<String, String> {
    let mut buf = Vec::with_capacity(size_hint.min(MAX_INPUT_BYTES + 1));
    r.take(MAX_INPUT_BYTES as u64 + 1)
        .read_to_end(&mut buf)
        .map_err(|e| format!("cannot read: {e}"))?;
    if buf.len() > MAX_INPUT_BYTES {
        return Err(too_big(buf.len()));
    }
    if buf.contains(&0) {
        return Err("is a binary file (it contains NUL bytes); expected a YAML text file".into());
    }
    String::from_utf8(buf).map_err(|e| {
        format!(
            "is not UTF-8 text (invalid byte at offset {}); save it as UTF-8",
            e.utf8_error().valid_up_to()
        )
    })
}

fn too_big(len: usize) -> String {
    format!("is too large ({len} bytes or more); the limit is {MAX_INPUT_BYTES} bytes (1 MiB)")
}

/// A command-line input: the file `arg` names, or standard input for `-`. Returns the name to
/// show for it (the path, or `<stdin>`) and its text or a one-sentence error.
pub fn read_arg(arg: &str) -> (String, Result<String, String>) {
    if arg == "-" {
        ("<stdin>".to_string(), read_stdin())
    } else {
        (arg.to_string(), read_text(Path::new(arg)))
    }
}

/// The root of the repository `dir` is in: the nearest folder at or above it holding `.git`.
pub fn repo_root(dir: &Path) -> Option<std::path::PathBuf> {
    let dir = std::fs::canonicalize(dir).ok()?;
    dir.ancestors()
        .find(|d| d.join(".git").exists())
        .map(Path::to_path_buf)
}

/// `file` relative to `root`, `/`-separated, when it is inside it (what CI tools and code
/// scanning call a repository-relative path).
pub fn relative_to(file: &str, root: &Path) -> Option<String> {
    let abs = std::fs::canonicalize(file).ok()?;
    let rel = abs.strip_prefix(root).ok()?;
    Some(rel.to_string_lossy().replace('\\', "/"))
}
