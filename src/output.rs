//! Writing files the user will own: whole or not at all, and never over an existing file
//! without `--force`.

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Why a file was not written.
#[derive(Debug)]
pub enum WriteError {
    /// The file exists and `force` was not given; callers that can ask for another name do.
    Exists(PathBuf),
    /// Anything else, as one sentence naming the path.
    Other(String),
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::Exists(p) => write!(
                f,
                "{} already exists; pass --force to overwrite it, or choose another name",
                p.display()
            ),
            WriteError::Other(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for WriteError {}

/// Writes `content` to `path` through a temporary file in the same directory and a rename, so a
/// reader (or a crash) never sees half a file. Refuses an existing `path` unless `force`.
/// Errors are one sentence naming the path.
pub fn write_whole(path: &Path, content: &str, force: bool) -> Result<(), String> {
    write_file(path, content, force).map_err(|e| e.to_string())
}

/// [`write_whole`] with the "already exists" case apart. Without `force`, the final rename
/// refuses to replace a file, so one created while we were writing survives too. The directory
/// must exist: a missing one is more often a typo than a wish, so it is refused, not created.
pub fn write_file(path: &Path, content: &str, force: bool) -> Result<(), WriteError> {
    let shown = path.display();
    if path.is_dir() {
        return Err(WriteError::Other(format!(
            "{shown} is a directory; give a file name"
        )));
    }
    if path.exists() && !force {
        return Err(WriteError::Exists(path.to_path_buf()));
    }
    let dir = parent(path);
    let name = path
        .file_name()
        .map_or("output".into(), |n| n.to_string_lossy().into_owned());
    let tmp = staged(dir, &name, content, std::fs::metadata(path).ok())
        .map_err(|e| WriteError::Other(format!("cannot write {shown}: {e}")))?;
    let persisted = if force {
        tmp.persist(path)
    } else {
        tmp.persist_noclobber(path)
    };
    persisted.map(|_| ()).map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            WriteError::Exists(path.to_path_buf())
        } else {
            WriteError::Other(format!("cannot write {shown}: {}", e.error))
        }
    })
}

/// How many taken numbers [`write_numbered`] steps over before it gives up: far more than runs
/// that could race for one directory, few enough to end.
const NUMBER_TRIES: u64 = 1000;

/// Writes `content` as a new file in `dir` named `name(n)`, for the first `n` from `first` whose
/// name is not taken, and returns its path. The number is claimed by a rename that refuses to
/// replace a file, so runs at the same time each get their own number and none is overwritten;
/// the file appears whole or not at all.
pub fn write_numbered(
    dir: &Path,
    content: &str,
    first: u64,
    name: impl Fn(u64) -> String,
) -> Result<PathBuf, String> {
    let mut tmp = staged(dir, &name(first), content, None)
        .map_err(|e| format!("cannot write in {}: {e}", dir.display()))?;
    for n in first..first.saturating_add(NUMBER_TRIES) {
        let path = dir.join(name(n));
        match tmp.persist_noclobber(&path) {
            Ok(_) => return Ok(path),
            Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => tmp = e.file,
            Err(e) => return Err(format!("cannot write {}: {}", path.display(), e.error)),
        }
    }
    Err(format!(
        "cannot write in {}: numbers {first} to {} were all taken while this run tried them \
         (other runs writing there?); nothing was written",
        dir.display(),
        first.saturating_add(NUMBER_TRIES - 1)
    ))
}

/// The directory a file is written into (`.` for a bare name).
fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// `content` in a new temporary file in `dir`, synced and with the mode the final file should
/// have (that of `replaced`, or 0644). Removed on drop, so an error on the way leaves nothing;
/// a crash (SIGKILL) cannot clean up, and leaves `.NAME.msgadvisor-tmp-XXXXXX`, named so a
/// person can tell what it is and delete it.
fn staged(
    dir: &Path,
    name: &str,
    content: &str,
    replaced: Option<std::fs::Metadata>,
) -> Result<tempfile::NamedTempFile, String> {
    match std::fs::metadata(dir) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => return Err(format!("{} is not a directory", dir.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(format!(
                "the directory {} does not exist; create it first",
                dir.display()
            ));
        }
        Err(e) => return Err(format!("cannot use the directory {}: {e}", dir.display())),
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}.msgadvisor-tmp-"))
        .tempfile_in(dir)
        .map_err(|e| e.to_string())?;
    tmp.write_all(content.as_bytes())
        .map_err(|e| e.to_string())?;
    tmp.as_file().sync_all().map_err(|e| e.to_string())?;
    #[cfg(unix)]
    {
        // The temporary file is private (0600); what we write is meant to be shared and
        // committed, so give it the mode of the file it replaces, or 0644.
        use std::os::unix::fs::PermissionsExt;
        let mode = replaced.map_or(0o644, |m| m.permissions().mode() & 0o777);
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))
            .map_err(|e| e.to_string())?;
    }
    #[cfg(not(unix))]
    let _ = replaced;
    Ok(tmp)
}

/// How writing a command's output to a stream went.
#[derive(Debug)]
pub enum Written {
    All,
    /// The reader closed the pipe (`| head`): it has what it wanted, so this is no failure.
    ReaderGone,
    /// A failed or short write (a full disk, an I/O error): the output is incomplete.
    Failed(std::io::Error),
}

/// Writes `bytes` to `out` and flushes, so that an error the buffer would hide (a full disk) is
/// seen rather than lost at exit.
pub fn write_out(out: &mut impl Write, bytes: &[u8]) -> Written {
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Written::All,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Written::ReaderGone,
        Err(e) => Written::Failed(e),
    }
}

/// Output written as it goes (`check`'s report), with [`write_out`]'s rules: a reader that closed
/// the pipe (`| head`) is no failure, so from then on every write is dropped and the run goes on
/// to its own exit code; any other failed or short write is returned, for the caller to report.
pub struct Streamed<W: Write> {
    inner: W,
    gone: bool,
}

impl<W: Write> Streamed<W> {
    pub fn new(inner: W) -> Streamed<W> {
        Streamed { inner, gone: false }
    }

    fn gone_if_broken<T>(&mut self, r: std::io::Result<T>, dropped: T) -> std::io::Result<T> {
        match r {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.gone = true;
                Ok(dropped)
            }
            r => r,
        }
    }
}

impl<W: Write> Write for Streamed<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.gone {
            return Ok(buf.len());
        }
        let r = self.inner.write(buf);
        self.gone_if_broken(r, buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.gone {
            return Ok(());
        }
        let r = self.inner.flush();
        self.gone_if_broken(r, ())
    }
}

/// Appends `text` to the GitHub job summary file `path` (`$GITHUB_STEP_SUMMARY`); the error is
/// the line to print. Output the run was asked for and did not give fails it like a failed
/// stdout (exit 2), in every command that writes one.
pub fn append_step_summary(path: &std::ffi::OsStr, text: &str) -> Result<(), String> {
    std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(path)
        .and_then(|mut f| f.write_all(text.as_bytes()))
        .map_err(|e| {
            format!(
                "error: could not append the summary to $GITHUB_STEP_SUMMARY ({}): {e}\n",
                Path::new(path).display()
            )
        })
}

/// A failed write, said as every command says it (`error: could not write output: …`, exit 2):
/// the output is incomplete, so the run must not pass.
pub fn write_failed(e: std::io::Error) -> anyhow::Error {
    anyhow::anyhow!("could not write output: {e}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::ErrorKind;

    #[test]
    fn refuses_to_overwrite_without_force_and_leaves_the_file_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        std::fs::write(&p, "mine").unwrap();
        let err = write_whole(&p, "new", false).unwrap_err();
        assert!(err.contains("already exists; pass --force"), "{err}");
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "mine");
        write_whole(&p, "new", true).unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .contains("msgadvisor-tmp")
            })
            .collect();
        assert!(leftovers.is_empty());
    }

    /// Takes `room` bytes, then fails as a full disk or a closed pipe does.
    struct Limited {
        room: usize,
        then: ErrorKind,
    }

    impl Write for Limited {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.room == 0 {
                return Err(self.then.into());
            }
            let n = buf.len().min(self.room);
            self.room -= n;
            Ok(n)
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_short_write_is_a_failure_and_a_closed_pipe_is_not() {
        let (full, pipe) = (ErrorKind::StorageFull, ErrorKind::BrokenPipe);
        let ten = |then| Limited { room: 10, then };
        assert!(matches!(write_out(&mut ten(full), &[0; 10]), Written::All));
        assert!(
            matches!(write_out(&mut ten(full), &[0; 11]), Written::Failed(e) if e.kind() == full)
        );
        assert!(matches!(
            write_out(&mut ten(pipe), &[0; 11]),
            Written::ReaderGone
        ));
    }

    #[test]
    fn a_stream_drops_what_follows_a_closed_pipe_and_returns_any_other_failure() {
        let pipe = ErrorKind::BrokenPipe;
        let mut s = Streamed::new(Limited {
            room: 1,
            then: pipe,
        });
        s.write_all(b"a").unwrap();
        // The pipe fails every write after the first: these are dropped, not errors.
        s.write_all(b"b").unwrap();
        s.write_all(b"c").unwrap();
        s.flush().unwrap();
        let full = ErrorKind::StorageFull;
        let mut s = Streamed::new(Limited {
            room: 0,
            then: full,
        });
        assert_eq!(s.write_all(b"a").unwrap_err().kind(), full);
    }

    #[test]
    fn the_temporary_file_is_named_for_what_it_becomes_and_who_made_it() {
        // What a SIGKILL mid-write leaves behind must say what it is.
        let dir = tempfile::tempdir().unwrap();
        let tmp = staged(dir.path(), "0007-use-kafka.md", "x", None).unwrap();
        let name = tmp
            .path()
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert!(
            name.starts_with(".0007-use-kafka.md.msgadvisor-tmp-"),
            "{name}"
        );
        drop(tmp);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn numbered_files_skip_taken_numbers_and_never_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("3.md"), "mine").unwrap();
        let name = |n: u64| format!("{n}.md");
        let p = write_numbered(dir.path(), "new", 3, name).unwrap();
        assert_eq!(p, dir.path().join("4.md"));
        assert_eq!(
            std::fs::read_to_string(dir.path().join("3.md")).unwrap(),
            "mine"
        );
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[test]
    fn an_existing_file_is_told_apart_so_callers_can_offer_another_name() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.yaml");
        write_file(&p, "one\n", false).unwrap();
        let err = write_file(&p, "two\n", false).unwrap_err();
        assert!(matches!(&err, WriteError::Exists(x) if x == &p), "{err}");
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "one\n");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn written_files_are_readable_by_others_and_keep_the_mode_they_replace() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.yaml");
        write_file(&p, "x", false).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&p), 0o644);
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_file(&p, "y", true).unwrap();
        assert_eq!(mode(&p), 0o640);
    }
}
