// Rebuild when the embedded rule data changes (include_dir does not tell cargo on stable).
fn main() {
    println!("cargo:rerun-if-changed=rules");
}
