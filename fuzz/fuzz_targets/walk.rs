//! Any bytes as a directory tree (directories, YAML files, symlinks to `.`, `..`, out of the
//! tree, to nothing and to themselves), then walked as `check` and rule-pack loading walk it:
//! the walk, the bounded pack walk and `check`'s discovery over the directory and two globs.
//! Never panics, always ends (a loop is a `-timeout`), and never returns a path outside the root,
//! a path through a directory symlink, or one path twice.
#![no_main]

use libfuzzer_sys::fuzz_target;
use msgadvisor::walk::{walk, All, Bounds};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Entry names: plain, hidden, YAML in both cases, a backup, git's store.
const NAMES: &[&str] = &["a", "b", ".h", "x.yaml", "y.YML", "z.yaml.bak", ".git", "p.yml"];
/// A tree is at most this many operations (3 bytes each).
const MAX_OPS: usize = 64;

/// This process's scratch directory: `outside/o.yaml` (a target out of the tree) and `root/`.
fn base() -> &'static Path {
    static B: OnceLock<PathBuf> = OnceLock::new();
    B.get_or_init(|| {
        let b = std::env::temp_dir().join(format!("msgadvisor-fuzz-walk-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&b);
        std::fs::create_dir_all(b.join("outside")).unwrap();
        std::fs::write(b.join("outside/o.yaml"), "version: 1\n").unwrap();
        b
    })
}

/// Builds the tree the bytes describe under `root`: each op is (kind, parent directory, name).
fn build(root: &Path, data: &[u8]) {
    let mut dirs = vec![root.to_path_buf()];
    for op in data.chunks_exact(3).take(MAX_OPS) {
        let parent = dirs[op[1] as usize % dirs.len()].clone();
        let path = parent.join(NAMES[op[2] as usize % NAMES.len()]);
        let made = match op[0] % 8 {
            0 => std::fs::create_dir(&path).map(|()| dirs.push(path.clone())),
            1 => std::fs::write(&path, "version: 1\nname: f\nthroughput: {peak_per_sec: 1}\n"),
            2 => std::os::unix::fs::symlink(".", &path),
            3 => std::os::unix::fs::symlink("..", &path),
            4 => std::os::unix::fs::symlink(base().join("outside"), &path),
            5 => std::os::unix::fs::symlink("gone", &path),
            6 => std::os::unix::fs::symlink(NAMES[op[1] as usize % NAMES.len()], &path),
            _ => std::os::unix::fs::symlink(path.file_name().unwrap(), &path),
        };
        // A name already taken is simply not made again.
        let _ = made;
    }
}

/// Whether `path` lies under `root` through real directories only.
fn inside(root: &Path, path: &Path) -> bool {
    path.starts_with(root)
        && path
            .parent()
            .unwrap()
            .ancestors()
            .take_while(|a| a.starts_with(root) && *a != root)
            .all(|a| std::fs::symlink_metadata(a).is_ok_and(|m| m.is_dir()))
}

fuzz_target!(|data: &[u8]| {
    let root = base().join("root");
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir(&root).unwrap();
    build(&root, data);

    let w = walk(&root, None, &mut All).expect("an unbounded walk always ends in a result");
    let mut seen = HashSet::new();
    for p in w.files.iter().chain(w.skipped.iter().map(|(p, _)| p)) {
        assert!(inside(&root, p), "{} is outside {}", p.display(), root.display());
        assert!(seen.insert(p.clone()), "{} twice", p.display());
    }
    let bounds = Bounds { depth: 8, entries: 2_000 };
    let _ = walk(&root, Some(bounds), &mut All);

    let r = root.display().to_string();
    let args = [r.clone(), format!("{r}/**/*.yaml"), format!("{r}/*/*.yml")];
    let found = msgadvisor::check::discover::discover(&args);
    let mut names = HashSet::new();
    for i in &found.inputs {
        let p = i.path.as_deref().unwrap();
        assert!(inside(&root, p), "{} is outside {}", p.display(), root.display());
        assert!(names.insert(i.file.clone()), "{} twice", i.file);
    }
});
