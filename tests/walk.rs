//! Reading trees an attacker or a broken checkout can shape (issue 19, items 2 and 7): symlink
//! loops, `--rules /`, unreadable directories, hidden and oddly named files, FIFOs. Every run has
//! a generous timeout: what is tested is that it ends, with the right exit code and message.

mod common;
use common::{msgadvisor, tempdir};
use std::path::{Path, PathBuf};

const PASSING: &str = "tests/fixtures/check/repo/order-events.yaml";
const FAILING: &str = "tests/fixtures/check/repo/services/notifier.yaml";
const EXAMPLE: &str = "examples/clickstream.yaml";

/// Runs the binary in the repository root; (exit code, stdout, stderr). Panics if it has not
/// finished within the hang guard.
fn run_within(args: &[&str]) -> (i32, String, String) {
    let out = msgadvisor()
        .args(args)
        .timeout(common::HANG)
        .output()
        .unwrap();
    let code = out.status.code().unwrap_or_else(|| {
        panic!(
            "`msgadvisor {}` did not finish within {:?}",
            args.join(" "),
            common::HANG
        )
    });
    (
        code,
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A directory holding a copy of `profile` as `name`.
fn with_profile(tag: &str, name: &str, profile: &str) -> PathBuf {
    let dir = tempdir(tag);
    std::fs::copy(profile, dir.join(name)).unwrap();
    dir
}

#[cfg(unix)]
fn symlink(target: &str, link: &Path) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap()
        .success();
    assert!(ok, "mkfifo {}", path.display());
}

// ---- item 2: directory symlinks ------------------------------------------------------------

#[cfg(unix)]
#[test]
fn two_symlinks_to_dot_do_not_hang_check_and_are_listed() {
    let dir = with_profile("loops", "orders.yaml", PASSING);
    symlink(".", &dir.join("a"));
    symlink(".", &dir.join("b"));
    let (code, out, err) = run_within(&["check", s(&dir), "--today", "2026-01-01"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("1 profile, 1 passed"), "{out}");
    assert!(
        out.contains("/a (directory symlink, not followed)")
            && out.contains("/b (directory symlink, not followed)"),
        "{out}"
    );
    assert!(out.contains("2 entries not read"), "{out}");

    // The same tree through `**`, which the glob crate would follow round the loop.
    let pattern = format!("{}/**/*.yaml", dir.display());
    let (code, out, err) = run_within(&["check", &pattern, "--today", "2026-01-01", "-f", "json"]);
    assert_eq!(code, 0, "{out}{err}");
    let r: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(r["summary"]["profiles"], 1, "{out}");
    assert_eq!(r["summary"]["not_read"], 2, "{out}");
    assert_eq!(r["not_read"][0]["reason"], "directory-symlink", "{out}");
}

#[cfg(unix)]
#[test]
fn a_symlink_out_of_the_tree_is_not_followed() {
    let outside = with_profile("outside", "failing.yaml", FAILING);
    let dir = with_profile("inside", "orders.yaml", PASSING);
    symlink(s(&outside), &dir.join("elsewhere"));
    // A file link out of the tree could show any file of the runner in an error message.
    symlink(s(&outside.join("failing.yaml")), &dir.join("linked.yaml"));
    let (code, out, err) = run_within(&["check", s(&dir), "--today", "2026-01-01"]);
    assert_eq!(code, 0, "the failing profile outside was read: {out}{err}");
    assert!(
        out.contains("elsewhere (directory symlink, not followed)"),
        "{out}"
    );
    assert!(
        out.contains("linked.yaml (symlink out of the tree, not followed)"),
        "{out}"
    );
    // A link to a file inside the tree is read (once).
    symlink("orders.yaml", &dir.join("again.yaml"));
    let (code, out, _) = run_within(&["check", s(&dir), "--today", "2026-01-01"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("1 profile, 1 passed"), "{out}");
}

#[cfg(unix)]
#[test]
fn a_rule_pack_file_linked_from_outside_is_an_error() {
    let outside = common::pack(&[("off.yaml", "id: pubsub-no-replay\ndisabled: true\n")]);
    let pack = common::pack(&[]);
    symlink(s(&outside.join("off.yaml")), &pack.join("off.yaml"));
    let (code, _, err) = run_within(&["recommend", EXAMPLE, "--rules", s(&pack)]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("off.yaml: is a symlink out of the pack"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn a_rule_pack_with_a_symlink_loop_is_an_error_not_a_hang() {
    let pack = common::pack(&[]);
    symlink(".", &pack.join("again"));
    symlink("..", &pack.join("up"));
    let (code, _, err) = run_within(&["recommend", EXAMPLE, "--rules", s(&pack)]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains(
            "again: is a symlink to a directory, and rule packs are read without following them"
        ),
        "{err}"
    );
}

#[test]
fn rules_slash_stops_at_the_pack_bounds() {
    let (code, _, err) = run_within(&["recommend", EXAMPLE, "--rules", "/"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("is not read as a rule pack: it holds more than 2000 files and directories")
            || err
                .contains("is not read as a rule pack: it has directories more than 8 levels deep"),
        "{err}"
    );
    let (code, out, err) = run_within(&["rules", "lint", "--rules", "/"]);
    assert_eq!(code, 2, "{out}{err}");
}

#[test]
fn a_deep_rule_pack_is_an_error() {
    let pack = common::pack(&[("a/b/c/d/e/f/g/h/i/rule.yaml", "x: 1\n")]);
    let (code, _, err) = run_within(&["recommend", EXAMPLE, "--rules", s(&pack)]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("has directories more than 8 levels deep"),
        "{err}"
    );
}

// ---- item 7: nothing unread is hidden ------------------------------------------------------

#[cfg(unix)]
#[test]
fn an_unreadable_directory_is_invalid_not_skipped() {
    use std::os::unix::fs::PermissionsExt;
    let ok = with_profile("ok", "orders.yaml", PASSING);
    let locked = with_profile("locked", "failing.yaml", FAILING);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read_dir(&locked).is_ok() {
        // Root (as in the CI container) reads any directory whatever its mode.
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
        eprintln!("skipped: running as root, chmod 000 does not stop reading");
        return;
    }
    let (code, out, err) = run_within(&["check", s(&ok), s(&locked), "--today", "2026-01-01"]);
    let pattern = format!("{}/*.yaml", locked.display());
    let (glob_code, glob_out, _) =
        run_within(&["check", s(&ok), &pattern, "--today", "2026-01-01"]);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        out.contains("cannot list the directory: permission denied"),
        "{out}"
    );
    assert_eq!(glob_code, 2, "{glob_out}");
}

#[cfg(unix)]
#[test]
fn a_dangling_symlink_named_yaml_is_invalid() {
    let dir = with_profile("dangling", "orders.yaml", PASSING);
    symlink("gone.yaml", &dir.join("failing.yaml"));
    let (code, out, err) = run_within(&["check", s(&dir), "--today", "2026-01-01"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        out.contains(
            "failing.yaml\n        error   check/invalid-profile: is a symlink to nothing"
        ),
        "{out}"
    );
}

#[test]
fn hidden_and_oddly_named_files_follow_the_documented_rule() {
    let dir = with_profile("names", "upper.YAML", PASSING);
    std::fs::copy(FAILING, dir.join(".hidden.yaml")).unwrap();
    std::fs::create_dir(dir.join(".config")).unwrap();
    std::fs::copy(FAILING, dir.join(".config/failing.yaml")).unwrap();
    std::fs::copy(FAILING, dir.join("failing.yaml.bak")).unwrap();
    std::fs::create_dir(dir.join(".git")).unwrap();
    std::fs::copy(FAILING, dir.join(".git/failing.yaml")).unwrap();
    let (code, out, err) = run_within(&["check", s(&dir), "--today", "2026-01-01", "-f", "json"]);
    assert_eq!(code, 0, "{out}{err}");
    let r: serde_json::Value = serde_json::from_str(&out).unwrap();
    // `x.YAML` is read; `.x.yaml` and `.config/` are listed as not read; `.git/` and
    // `x.yaml.bak` (not a YAML name) are passed over.
    assert_eq!(r["summary"]["profiles"], 1, "{out}");
    assert!(
        r["profiles"][0]["file"]
            .as_str()
            .unwrap()
            .ends_with("/upper.YAML"),
        "{out}"
    );
    assert_eq!(r["summary"]["not_read"], 2, "{out}");
    let not_read: Vec<String> = r["not_read"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            format!(
                "{} {}",
                n["path"].as_str().unwrap().rsplit('/').next().unwrap(),
                n["reason"]
            )
        })
        .collect();
    assert_eq!(
        not_read,
        [".config \"hidden\"", ".hidden.yaml \"hidden\""],
        "{out}"
    );
    let (_, text, _) = run_within(&["check", s(&dir), "--today", "2026-01-01"]);
    assert!(
        text.ends_with("; 2 entries not read (hidden, or a symlink not followed)\n"),
        "{text}"
    );
}

// ---- FIFOs never block ---------------------------------------------------------------------

#[cfg(unix)]
#[test]
fn a_fifo_named_yaml_never_blocks_check() {
    let dir = with_profile("fifo-check", "orders.yaml", PASSING);
    let fifo = dir.join("pipe.yaml");
    mkfifo(&fifo);
    let (code, out, err) = run_within(&["check", s(&dir), "--today", "2026-01-01"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        out.contains(
            "pipe.yaml\n        error   check/invalid-profile: is not a regular file (a FIFO)"
        ),
        "{out}"
    );
    let pattern = format!("{}/*.yaml", dir.display());
    let (code, out, _) = run_within(&["check", &pattern, "--today", "2026-01-01"]);
    assert_eq!(code, 2, "{out}");
    let (code, out, _) = run_within(&["check", s(&fifo), "--today", "2026-01-01"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("is not a regular file (a FIFO); only regular files are read; to read standard input, pass `-`"), "{out}");
}

#[cfg(unix)]
#[test]
fn a_fifo_named_on_the_command_line_is_an_error_everywhere() {
    let dir = tempdir("fifo-args");
    let fifo = dir.join("profile.yaml");
    mkfifo(&fifo);
    for cmd in ["recommend", "explain", "report"] {
        let (code, out, err) = run_within(&[cmd, s(&fifo)]);
        assert_eq!(code, 2, "{cmd}: {out}{err}");
        assert!(
            err.contains("is not a regular file (a FIFO)"),
            "{cmd}: {err}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_in_a_rule_pack_never_blocks() {
    let pack = common::pack(&[]);
    mkfifo(&pack.join("rules.yaml"));
    let (code, _, err) = run_within(&["recommend", EXAMPLE, "--rules", s(&pack)]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("rules.yaml: is not a regular file (a FIFO)"),
        "{err}"
    );
    let (code, out, err) = run_within(&["rules", "lint", "--rules", s(&pack)]);
    assert_eq!(code, 2, "{out}{err}");
}

// ---- check '' ------------------------------------------------------------------------------

#[test]
fn an_empty_path_is_a_usage_error() {
    let (code, out, err) = run_within(&["check", ""]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("a value is required for '<PATH>...'"), "{err}");
    let (code, _, err) = run_within(&["recommend", ""]);
    assert_eq!(code, 2, "{err}");
}

#[cfg(unix)]
#[test]
fn a_fifo_named_adr_dir_never_blocks_report() {
    let dir = tempdir("fifo-adr-dir");
    mkfifo(&dir.join(".adr-dir"));
    let profile = std::fs::canonicalize(EXAMPLE).unwrap();
    let out = msgadvisor()
        .args(["report", s(&profile), "--adr-dir"])
        .current_dir(&dir)
        .timeout(common::HANG)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "did not finish, or: {err}");
    assert!(
        err.contains(".adr-dir: is not a regular file (a FIFO)"),
        "{err}"
    );
    assert!(!dir.join("docs").exists(), "nothing is written");
}
