//! Lists the built-in rule files (`rules/**/*.yaml`) for the binary to embed: writes
//! `$OUT_DIR/builtin_rules.rs`, an array of (name, `include_str!`) pairs in path order, so that
//! adding a rule is adding its file, with no list to keep by hand. The files are read as YAML at
//! start-up by the same reader as a rule pack.

use std::path::{Path, PathBuf};

fn main() {
    println!("cargo:rerun-if-changed=rules");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let mut paths = Vec::new();
    walk(&root, &root, &mut paths);
    // The order the loader has always used: by path inside rules/, component by component.
    paths.sort();
    let mut out = String::from("&[\n");
    for rel in paths {
        let name = format!("rules/{}", rel.display());
        let abs = root.join(&rel);
        out.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            abs.display().to_string()
        ));
    }
    out.push_str("]\n");
    let dest =
        PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR")).join("builtin_rules.rs");
    std::fs::write(&dest, out).expect("write builtin_rules.rs");
}

/// Every `.yaml`/`.yml` file under `dir`, as a path relative to `root`.
fn walk(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("read rules/").path();
        if path.is_dir() {
            walk(root, &path, out);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        ) {
            out.push(path.strip_prefix(root).expect("under rules/").to_path_buf());
        }
    }
}
