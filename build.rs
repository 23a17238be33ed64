//! Parses the built-in rules (`rules/**/*.yaml`) once, at build time, with the same reader the
//! binary uses (`src/yaml.rs`), and writes the located trees in the compact encoding of
//! `src/engine/packed.rs` to `$OUT_DIR/rules.bin`, which the library embeds and decodes:
//! starting the binary then costs no YAML parsing for the built-in rules (about three quarters
//! of the start-up work before). Rule packs given with `--rules` are still read as YAML.

#[allow(dead_code)]
#[path = "src/yaml.rs"]
mod yaml;

#[path = "src/engine/packed.rs"]
mod packed;

use std::path::{Path, PathBuf};

fn main() {
    println!("cargo:rerun-if-changed=rules");
    println!("cargo:rerun-if-changed=src/yaml.rs");
    println!("cargo:rerun-if-changed=src/engine/packed.rs");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let mut paths = Vec::new();
    walk(&root, &root, &mut paths);
    // The order the loader has always used: by path inside rules/, component by component.
    paths.sort();
    let mut files = Vec::new();
    for rel in paths {
        let name = format!("rules/{}", rel.display());
        let bytes = std::fs::read(root.join(&rel)).unwrap_or_else(|e| panic!("{name}: {e}"));
        let text = String::from_utf8_lossy(&bytes);
        match yaml::parse(&text) {
            Ok(node) => files.push((name, node)),
            Err(e) => panic!("{name}:{}: invalid YAML: {}", e.loc, e.message),
        }
    }
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR")).join("rules.bin");
    std::fs::write(&out, packed::encode(&files)).expect("write rules.bin");
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
