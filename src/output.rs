//! Writing files the user will own: whole or not at all, and never over an existing file
//! without `--force`.

use std::io::Write;
use std::path::Path;

/// Writes `content` to `path` through a temporary file in the same directory and a rename, so a
/// reader (or a crash) never sees half a file. Refuses an existing `path` unless `force`.
/// Errors are one sentence naming the path.
pub fn write_whole(path: &Path, content: &str, force: bool) -> Result<(), String> {
    let shown = path.display();
    if path.is_dir() {
        return Err(format!("{shown} is a directory; give a file name"));
    }
    if path.exists() && !force {
        return Err(format!(
            "{shown} already exists; pass --force to overwrite it, or choose another name"
        ));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let name = path
        .file_name()
        .map_or("output".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = std::fs::File::create(&tmp)
        .and_then(|mut f| {
            f.write_all(content.as_bytes())?;
            f.sync_all()
        })
        .and_then(|()| std::fs::rename(&tmp, path));
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        format!("cannot write {shown}: {e}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_to_overwrite_without_force_and_leaves_the_file_untouched() {
        let dir = std::env::temp_dir().join(format!("msgadvisor-out-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("a.md");
        std::fs::write(&p, "mine").unwrap();
        let err = write_whole(&p, "new", false).unwrap_err();
        assert!(err.contains("already exists; pass --force"), "{err}");
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "mine");
        write_whole(&p, "new", true).unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new");
        let leftovers: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .ends_with(".tmp")
            })
            .collect();
        assert!(leftovers.is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
