//! The pull-request comment script of the `msgadvisor diff` workflow, run against a fake `gh`
//! that records its calls: it updates the comment carrying the marker, or posts one.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

const SCRIPT: &str = ".github/scripts/msgadvisor-diff-comment.sh";

/// A directory with a fake `gh` that appends its arguments to `calls.log` and, for the comment
/// listing, prints `$FAKE_GH_ID` (what `--jq` would select).
fn fake_gh() -> PathBuf {
    let dir = common::tempdir("fake-gh");
    let gh = dir.join("gh");
    std::fs::write(
        &gh,
        "#!/usr/bin/env bash\necho \"$*\" >> \"$(dirname \"$0\")/calls.log\"\ncase \"$*\" in *--jq*) [ -n \"${FAKE_GH_ID:-}\" ] && echo \"$FAKE_GH_ID\";; esac\nexit 0\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&gh, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    dir
}

/// Runs the script on `body` with a fake `gh`; (exit code, stdout, the calls gh received).
fn post(body: &str, existing: Option<&str>) -> (i32, String, String) {
    let gh = fake_gh();
    let file = gh.join("comment.md");
    std::fs::write(&file, body).unwrap();
    let path = format!(
        "{}:{}",
        gh.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut c = Command::new("bash");
    c.arg(SCRIPT)
        .arg(&file)
        .env("PATH", path)
        .env("GITHUB_REPOSITORY", "acme/shop")
        .env("PR_NUMBER", "7")
        .env_remove("FAKE_GH_ID");
    if let Some(id) = existing {
        c.env("FAKE_GH_ID", id);
    }
    let out = c.output().unwrap();
    let calls = std::fs::read_to_string(gh.join("calls.log")).unwrap_or_default();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        calls,
    )
}

fn comment(dir: &Path) -> String {
    let (code, md, err) = common::run(
        &["diff", "a.yaml", "b.yaml", "--format", "markdown"],
        Some(dir),
    );
    assert_eq!(code, 0, "{err}");
    md
}

fn changed_comment() -> String {
    let dir = common::tempdir("comment");
    let base = std::fs::read_to_string("examples/order-events.yaml").unwrap();
    std::fs::write(dir.join("a.yaml"), &base).unwrap();
    std::fs::write(
        dir.join("b.yaml"),
        base.replacen("retention_days: 7", "retention_days: 30", 1),
    )
    .unwrap();
    comment(&dir)
}

#[test]
fn the_script_is_valid_bash() {
    let out = Command::new("bash").args(["-n", SCRIPT]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn updates_the_comment_that_carries_the_marker() {
    let (code, out, calls) = post(&changed_comment(), Some("4242"));
    assert_eq!(code, 0, "{out}");
    let calls: Vec<&str> = calls.lines().collect();
    assert_eq!(calls.len(), 2, "{calls:?}");
    assert!(calls[0].starts_with("api --paginate repos/acme/shop/issues/7/comments --jq"));
    assert!(
        calls[0].contains("startswith(\"<!-- msgadvisor-diff -->\")"),
        "{}",
        calls[0]
    );
    assert!(
        calls[1].starts_with("api --method PATCH repos/acme/shop/issues/comments/4242 -F body=@"),
        "{}",
        calls[1]
    );
}

#[test]
fn posts_a_comment_when_there_is_none() {
    let (code, _, calls) = post(&changed_comment(), None);
    assert_eq!(code, 0);
    let last = calls.lines().last().unwrap();
    assert!(
        last.starts_with("api --method POST repos/acme/shop/issues/7/comments -F body=@"),
        "{last}"
    );
}

#[test]
fn says_nothing_when_nothing_changed_and_nothing_was_said() {
    let dir = common::tempdir("comment-same");
    let base = std::fs::read_to_string("examples/email-jobs.yaml").unwrap();
    std::fs::write(dir.join("a.yaml"), &base).unwrap();
    std::fs::write(dir.join("b.yaml"), &base).unwrap();
    let md = comment(&dir);
    let (code, out, calls) = post(&md, None);
    assert_eq!(code, 0);
    assert!(out.contains("no comment"), "{out}");
    assert_eq!(calls.lines().count(), 1, "only the lookup: {calls}");
    // A comment posted before is brought up to date, so it does not go stale.
    let (_, _, calls) = post(&md, Some("9"));
    assert!(
        calls.contains("PATCH repos/acme/shop/issues/comments/9"),
        "{calls}"
    );
}

#[test]
fn refuses_a_file_that_is_not_the_comment() {
    let (code, _, calls) = post("# some other markdown\n", None);
    assert_eq!(code, 2);
    assert!(calls.is_empty(), "{calls}");
}

#[test]
fn the_workflow_runs_the_action_in_diff_mode_which_posts_with_the_script() {
    let wf = std::fs::read_to_string(".github/workflows/msgadvisor-diff.yml").unwrap();
    assert!(wf.contains("uses: ./\n"), "{wf}");
    assert!(wf.contains("mode: diff"), "{wf}");
    assert!(wf.contains("fetch-depth: 0"));
    // No steps of its own that run msgadvisor: the action runs `diff` once (tests/action.rs).
    assert!(!wf.contains("msgadvisor diff "), "{wf}");
    let action = std::fs::read_to_string("action.yml").unwrap();
    assert!(action.contains(SCRIPT), "{action}");
    let script = std::fs::read_to_string(SCRIPT).unwrap();
    assert!(script.contains(&format!(
        "marker='{}'",
        msgadvisor::render::diff_markdown::MARKER
    )));
}
