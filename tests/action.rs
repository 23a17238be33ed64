//! The GitHub Action (`action.yml`, its logic in `.github/scripts/action.sh`) and the pre-commit
//! hook (`.pre-commit-hooks.yaml`) as far as this machine can run them: the script with the
//! environment a runner gives, and the hook's `entry` + `args` as pre-commit runs them, both on a
//! fixture repository holding what real repositories hold besides profiles (a multi-document
//! Kubernetes manifest, a Helm template, a Compose file).
#![cfg(unix)]

mod common;

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

const SCRIPT: &str = ".github/scripts/action.sh";
const BIN: &str = env!("CARGO_BIN_EXE_msgadvisor");

/// A profile whose decision the built-in rules exclude (Pub/Sub loses messages and keeps none).
const NOTIFIER: &str = "version: 1\nname: notifier\nthroughput: {peak_per_sec: 50}\ndelivery: {loss_ok: false}\nreplay: {needed: true}\nplatform: {languages: [typescript], existing: [redis]}\ndecision: redis-pubsub\n";

/// A git repository with two profiles (one passing, one failing) and three YAML files that are
/// not profiles.
fn fixture() -> PathBuf {
    let repo = common::tempdir("action-repo");
    let files = [
        (
            "k8s/orders.yaml",
            "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: orders\n  namespace: shop\nspec:\n  replicas: 2\n",
        ),
        (
            "charts/shop/templates/deployment.yaml",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}-orders\n  labels:\n    {{- include \"shop.labels\" . | nindent 4 }}\nspec:\n  replicas: {{ .Values.replicas }}\n",
        ),
        (
            "compose.yaml",
            "version: \"3.8\"\nname: shop\nservices:\n  redis:\n    image: redis:7\n",
        ),
        (
            "profiles/email-jobs.yaml",
            &std::fs::read_to_string("examples/email-jobs.yaml").unwrap(),
        ),
        ("profiles/notifier.yaml", NOTIFIER),
    ];
    for (path, text) in files {
        let path = repo.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    git(&repo, &["init", "-q", "."]);
    commit_all(&repo, "fixture");
    repo
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {out:?}");
}

/// Commits everything in `repo` as a test author.
fn commit_all(repo: &Path, message: &str) {
    git(repo, &["add", "-A"]);
    let who = ["-c", "user.name=t", "-c", "user.email=t@example.com"];
    git(repo, &[&who[..], &["commit", "-qm", message]].concat());
}

/// What one run of the action's script left behind.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    /// `$GITHUB_OUTPUT` as key → value.
    outputs: Vec<(String, String)>,
    summary: String,
}

impl Run {
    fn output(&self, key: &str) -> Option<&str> {
        self.outputs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// Runs the script in `repo` as the action's run step does (without deferring the exit), with
/// the runner's files in a directory of their own and the built binary instead of an install.
fn action(repo: &Path, env: &[(&str, &str)]) -> Run {
    let runner = common::tempdir("action-runner");
    let summary = runner.join("step_summary.md");
    let output = runner.join("output");
    std::fs::write(&summary, "").unwrap();
    std::fs::write(&output, "").unwrap();
    let script = std::fs::canonicalize(SCRIPT).unwrap();
    let mut c = Command::new("bash");
    c.arg(script)
        .current_dir(repo)
        .env("MSGADVISOR_BIN", BIN)
        .env("GITHUB_STEP_SUMMARY", &summary)
        .env("GITHUB_OUTPUT", &output)
        .env("RUNNER_TEMP", runner.join("tmp"))
        .env("GITHUB_WORKSPACE", repo)
        .env("GITHUB_ACTIONS", "true")
        .env_remove("MSGADVISOR_RULES")
        .env_remove("MSGADVISOR_NO_CONFIG")
        .env_remove("GITHUB_BASE_REF");
    std::fs::create_dir_all(runner.join("tmp")).unwrap();
    for (k, v) in env {
        c.env(k, v);
    }
    let out = c.output().unwrap();
    let outputs = std::fs::read_to_string(&output)
        .unwrap()
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    Run {
        code: out.status.code().expect("exited"),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
        outputs,
        summary: std::fs::read_to_string(&summary).unwrap(),
    }
}

#[test]
fn the_script_is_valid_bash() {
    let out = Command::new("bash").args(["-n", SCRIPT]).output().unwrap();
    assert!(out.status.success(), "{out:?}");
}

#[test]
fn check_mode_annotates_summarises_and_writes_sarif_in_a_real_repository() {
    let repo = fixture();
    let run = action(&repo, &[]);
    let all = format!("{}{}", run.stdout, run.stderr);
    // The failing decision fails the run; the Kubernetes, Helm and Compose files are not errors.
    assert_eq!(run.code, 1, "{all}");
    assert_eq!(run.output("exit-code"), Some("1"), "{:?}", run.outputs);
    assert!(!all.contains("invalid"), "{all}");
    // Annotations on stdout, at the decision's line, relative to the repository root.
    assert!(
        run.stdout
            .starts_with("::notice title=msgadvisor rules::Rules: built-in\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(
            "::error file=profiles/notifier.yaml,line=7,col=1,title=msgadvisor%3A pubsub-at-most-once::"
        ),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("email-jobs"), "{}", run.stdout);
    // The job summary: the counts, with the skipped files counted and listed.
    assert!(
        run.summary.contains(
            "**2 profiles, 1 passed, 0 warnings, 1 failed, 0 waived; 3 YAML files skipped (not a profile)**"
        ),
        "{}",
        run.summary
    );
    for skipped in [
        "`charts/shop/templates/deployment.yaml`",
        "`compose.yaml`",
        "`k8s/orders.yaml`",
    ] {
        assert!(run.summary.contains(skipped), "{}", run.summary);
    }
    // SARIF, written where the upload step reads it, with repository-relative URIs.
    let sarif = run.output("sarif-file").expect("a SARIF file");
    assert!(sarif.ends_with("/msgadvisor/msgadvisor.sarif"), "{sarif}");
    let log: Value = serde_json::from_str(&std::fs::read_to_string(sarif).unwrap()).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 2, "{log}");
    let uris: BTreeSet<&str> = results
        .iter()
        .map(|r| {
            let loc = &r["locations"][0]["physicalLocation"]["artifactLocation"];
            assert_eq!(loc["uriBaseId"], "%SRCROOT%");
            loc["uri"].as_str().unwrap()
        })
        .collect();
    assert_eq!(uris, BTreeSet::from(["profiles/notifier.yaml"]));
}

#[test]
fn check_mode_passes_without_a_failing_profile_and_takes_paths_and_args() {
    let repo = fixture();
    std::fs::remove_file(repo.join("profiles/notifier.yaml")).unwrap();
    let run = action(&repo, &[("MSGADVISOR_SARIF", "false")]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.output("sarif-file"), None);
    assert!(
        run.summary.contains("**1 profile, 1 passed"),
        "{}",
        run.summary
    );

    // A glob reaches msgadvisor unexpanded, and extra arguments are passed on.
    let run = action(
        &repo,
        &[
            ("MSGADVISOR_PATHS", "'profiles/*.yaml'\nk8s/"),
            ("MSGADVISOR_ARGS", "--require-decision --show fail"),
        ],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.summary.contains("1 YAML file skipped"),
        "{}",
        run.summary
    );

    // Nothing to check passes with a note; --require-profiles makes it an error (exit 2).
    let run = action(&repo, &[("MSGADVISOR_PATHS", "k8s/ charts/")]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let run = action(
        &repo,
        &[
            ("MSGADVISOR_PATHS", "k8s/"),
            ("MSGADVISOR_ARGS", "--require-profiles"),
        ],
    );
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert_eq!(
        run.output("sarif-file"),
        None,
        "nothing to upload from exit 2"
    );
}

#[test]
fn check_mode_ignores_the_repository_config_unless_told() {
    let repo = fixture();
    // A pull request that disables the rules failing it through .msgadvisor.yaml.
    std::fs::create_dir_all(repo.join("ci/pack")).unwrap();
    for id in ["pubsub-at-most-once", "pubsub-no-replay"] {
        std::fs::write(
            repo.join(format!("ci/pack/{id}.yaml")),
            format!("id: {id}\ndisabled: true\n"),
        )
        .unwrap();
    }
    std::fs::write(repo.join(".msgadvisor.yaml"), "rules: [ci/pack]\n").unwrap();
    let run = action(&repo, &[("MSGADVISOR_PATHS", "profiles/")]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let run = action(
        &repo,
        &[
            ("MSGADVISOR_PATHS", "profiles/"),
            ("MSGADVISOR_NO_CONFIG", "false"),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stdout);
}

#[test]
fn deferred_exit_leaves_the_verdict_for_the_last_step() {
    let repo = fixture();
    let run = action(&repo, &[("MSGADVISOR_DEFER_EXIT", "true")]);
    assert_eq!(run.code, 0);
    assert_eq!(run.output("exit-code"), Some("1"));
}

#[test]
fn bad_inputs_are_exit_2_with_a_reason() {
    let repo = fixture();
    for (env, says) in [
        (("MSGADVISOR_MODE", "lint"), "mode must be check or diff"),
        (("MSGADVISOR_SARIF", "yes"), "sarif must be true or false"),
        (
            ("MSGADVISOR_BIN", "/nonexistent/msgadvisor"),
            "msgadvisor not found",
        ),
    ] {
        let run = action(&repo, &[env]);
        assert_eq!(run.code, 2, "{env:?}");
        assert!(run.stderr.contains(says), "{env:?}: {}", run.stderr);
        assert_eq!(run.output("exit-code"), Some("2"));
    }
    let run = action(&repo, &[("MSGADVISOR_MODE", "diff")]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("needs a base ref"), "{}", run.stderr);
}

#[test]
fn diff_mode_runs_once_for_annotations_summary_and_comment() {
    let repo = fixture();
    let path = repo.join("profiles/notifier.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("peak_per_sec: 50}", "peak_per_sec: 5000}"),
    )
    .unwrap();
    let run = action(
        &repo,
        &[
            ("MSGADVISOR_MODE", "diff"),
            ("MSGADVISOR_PATHS", "profiles/"),
            ("GITHUB_BASE_REF", "main"),
            ("MSGADVISOR_BASE_REF", "HEAD"),
            ("MSGADVISOR_FAIL_ON", "irreversible,cost-increase-pct=20"),
        ],
    );
    // A hundredfold rate raises the bill by more than 20%: the gate fires.
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains(" file=profiles/notifier.yaml,line=3,"),
        "{}",
        run.stdout
    );
    let comment = run.output("comment-file").expect("a comment file");
    let comment = std::fs::read_to_string(comment).unwrap();
    assert!(
        comment.starts_with(&format!("{}\n", msgadvisor::render::diff_markdown::MARKER)),
        "{comment}"
    );
    assert!(comment.contains("cost-increase-pct=20"), "{comment}");
    // The job summary is the comment, once.
    assert_eq!(run.summary, comment);

    // Without gates the same change passes.
    let run = action(
        &repo,
        &[
            ("MSGADVISOR_MODE", "diff"),
            ("MSGADVISOR_PATHS", "profiles/"),
            ("MSGADVISOR_BASE_REF", "HEAD"),
            ("MSGADVISOR_FAIL_ON", ""),
        ],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let run = action(
        &repo,
        &[
            ("MSGADVISOR_MODE", "diff"),
            ("MSGADVISOR_PATHS", "profiles/ k8s/"),
            ("MSGADVISOR_BASE_REF", "HEAD"),
        ],
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("one path"), "{}", run.stderr);
}

/// The shipped diff workflow fails a pull request that weakens the `check` gate as well as one
/// that cannot be undone: its `fail-on`, as the action hands it to the script, run on each kind
/// of change. The action's default and the script's are the same gates, so a repository that
/// leaves `fail-on` out is gated the same way.
#[test]
fn the_shipped_diff_workflow_fails_what_cannot_be_undone_and_what_weakens_the_check() {
    let wf = yaml(".github/workflows/msgadvisor-diff.yml");
    let steps = wf["jobs"]["diff"]["steps"].as_array().unwrap();
    let step = steps.iter().find(|s| s["uses"] == "./").expect("uses: ./");
    assert_eq!(step["with"]["mode"], "diff");
    let gates = step["with"]["fail-on"]
        .as_str()
        .expect("the workflow sets fail-on");
    assert_eq!(yaml("action.yml")["inputs"]["fail-on"]["default"], gates);
    let script = std::fs::read_to_string(SCRIPT).unwrap();
    assert!(
        script.contains(&format!("${{MSGADVISOR_FAIL_ON-{gates}}}")),
        "the script's default is the action's: {gates}"
    );

    let repo = fixture();
    let orders = std::fs::read_to_string("examples/order-events.yaml").unwrap();
    std::fs::write(repo.join("profiles/orders.yaml"), &orders).unwrap();
    commit_all(&repo, "orders");
    let diff = |gates: &str| {
        action(
            &repo,
            &[
                ("MSGADVISOR_MODE", "diff"),
                ("MSGADVISOR_PATHS", "profiles/"),
                ("MSGADVISOR_BASE_REF", "HEAD"),
                ("MSGADVISOR_FAIL_ON", gates),
            ],
        )
    };
    let fired = |run: &Run| {
        let comment = std::fs::read_to_string(run.output("comment-file").unwrap()).unwrap();
        ["irreversible", "weakens-check"]
            .into_iter()
            .filter(|g| comment.contains(&format!("`--fail-on` {g} fired")))
            .collect::<Vec<_>>()
    };
    let run = diff(gates);
    assert_eq!(run.code, 0, "nothing changed: {}{}", run.stdout, run.stderr);

    // More partitions for Kafka: keys move, and they can never be removed.
    let tripled = orders.replacen("peak_per_sec: 400 ", "peak_per_sec: 1200", 1);
    assert_ne!(tripled, orders);
    std::fs::write(repo.join("profiles/orders.yaml"), &tripled).unwrap();
    let run = diff(gates);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert_eq!(fired(&run), ["irreversible"]);
    std::fs::write(repo.join("profiles/orders.yaml"), &orders).unwrap();

    // The notifier's decision, which the rules exclude, dropped: `check` would pass it.
    let undecided = NOTIFIER.replace("decision: redis-pubsub\n", "");
    assert_ne!(undecided, NOTIFIER);
    std::fs::write(repo.join("profiles/notifier.yaml"), &undecided).unwrap();
    let run = diff(gates);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert_eq!(fired(&run), ["weakens-check"]);
}

/// A YAML file of the repository as JSON.
fn yaml(path: &str) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    msgadvisor::yaml::parse(&text)
        .unwrap_or_else(|e| panic!("{path}: {e:?}"))
        .to_json()
}

/// Every `inputs.NAME`, `steps.ID` and step output referenced in action.yml exists, each input is
/// described, and each input reaches the script.
#[test]
fn action_yml_references_only_what_it_defines() {
    let action = yaml("action.yml");
    let text = std::fs::read_to_string("action.yml").unwrap();
    assert_eq!(action["runs"]["using"], "composite");
    let inputs = action["inputs"].as_object().unwrap();
    for (name, input) in inputs {
        assert!(
            input["description"].as_str().is_some_and(|d| !d.is_empty()),
            "input {name}"
        );
    }
    assert_eq!(inputs["version"]["default"], "v0.2.0");
    assert_eq!(
        inputs["version"]["default"],
        format!("v{}", env!("CARGO_PKG_VERSION")),
        "the action installs the version this is"
    );
    let steps = action["runs"]["steps"].as_array().unwrap();
    let ids: BTreeSet<&str> = steps.iter().filter_map(|s| s["id"].as_str()).collect();
    let re = regex::Regex::new(r"\b(inputs|steps)\.([A-Za-z0-9_-]+)").unwrap();
    let mut used_inputs = BTreeSet::new();
    // Expressions: inside `${{ }}`, and whole `if:` values (GitHub evaluates those bare).
    let mut exprs: Vec<&str> = text
        .split("${{")
        .skip(1)
        .map(|e| e.split("}}").next().unwrap())
        .collect();
    exprs.extend(
        text.lines()
            .filter_map(|l| l.trim_start().trim_start_matches("- ").strip_prefix("if:")),
    );
    for expr in exprs {
        for c in re.captures_iter(expr) {
            let name = c.get(2).unwrap().as_str();
            if &c[1] == "inputs" {
                assert!(inputs.contains_key(name), "unknown input `{name}`");
                used_inputs.insert(name.to_string());
            } else {
                assert!(ids.contains(name), "unknown step id `{name}`");
            }
        }
    }
    for name in inputs.keys() {
        assert!(used_inputs.contains(name), "input `{name}` is never used");
    }
    // The outputs a step reads from `run` are ones the script writes.
    let script = std::fs::read_to_string(SCRIPT).unwrap();
    let outs = regex::Regex::new(r"steps\.run\.outputs\.([a-z-]+)").unwrap();
    for c in outs.captures_iter(&text) {
        assert!(
            script.contains(&format!("output \"{}=", &c[1])),
            "the script never writes `{}`",
            &c[1]
        );
    }
    // Every MSGADVISOR_* the run step sets is one the script reads, and the reverse.
    let run = steps.iter().find(|s| s["id"] == "run").unwrap();
    let set: BTreeSet<&str> = run["env"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let read: BTreeSet<&str> = regex::Regex::new(r"\$\{(MSGADVISOR_[A-Z_]+)")
        .unwrap()
        .captures_iter(&script)
        .map(|c| c.get(1).unwrap().as_str())
        .collect();
    assert_eq!(set, read);
    // The scripts it runs exist.
    for script in [SCRIPT, ".github/scripts/msgadvisor-diff-comment.sh"] {
        assert!(
            text.contains(&format!("$GITHUB_ACTION_PATH/{script}")),
            "{script}"
        );
        assert!(Path::new(script).is_file(), "{script}");
    }
}

#[test]
fn the_workflows_use_the_action() {
    let wf = yaml(".github/workflows/msgadvisor.yml");
    let steps = wf["jobs"]["check"]["steps"].as_array().unwrap();
    let step = steps.iter().find(|s| s["uses"] == "./").expect("uses: ./");
    assert_eq!(step["with"]["paths"], "examples/");
    let text = std::fs::read_to_string(".github/workflows/msgadvisor.yml").unwrap();
    assert!(!text.contains("target/release/msgadvisor"), "{text}");
    assert!(text.contains("security-events: write"));
}

/// The hook as pre-commit runs it: `entry` split into words, then `args` (no file names, as
/// `pass_filenames: false`), in the repository root.
#[test]
fn the_pre_commit_hook_checks_the_fixture_repository() {
    let hooks = yaml(".pre-commit-hooks.yaml");
    let hook = &hooks[0];
    assert_eq!(hook["id"], "msgadvisor-check");
    assert_eq!(hook["language"], "rust");
    assert_eq!(hook["pass_filenames"], false);
    let entry: Vec<&str> = hook["entry"].as_str().unwrap().split_whitespace().collect();
    assert_eq!(entry[0], "msgadvisor");
    let args: Vec<&str> = hook["args"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    let files = regex::Regex::new(hook["files"].as_str().unwrap()).unwrap();
    assert!(files.is_match("compose.yaml") && files.is_match("a/b.yml"));

    let repo = fixture();
    let hook_run = |repo: &Path| {
        let out = Command::new(BIN)
            .args(&entry[1..])
            .args(&args)
            .current_dir(repo)
            .env_remove("GITHUB_STEP_SUMMARY")
            .env_remove("MSGADVISOR_RULES")
            .output()
            .unwrap();
        (
            out.status.code().unwrap(),
            String::from_utf8(out.stdout).unwrap(),
        )
    };
    let (code, out) = hook_run(&repo);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("profiles/notifier.yaml"), "{out}");
    assert!(
        out.contains("2 profiles, 1 passed, 0 warnings, 1 failed, 0 waived; 3 YAML files skipped"),
        "{out}"
    );
    std::fs::remove_file(repo.join("profiles/notifier.yaml")).unwrap();
    let (code, out) = hook_run(&repo);
    assert_eq!(code, 0, "{out}");

    // The documented `rev` is the release this is.
    let text = std::fs::read_to_string(".pre-commit-hooks.yaml").unwrap();
    let rev = format!("rev: v{}", env!("CARGO_PKG_VERSION"));
    assert!(text.contains(&rev), "{text}");
    let readme = std::fs::read_to_string("README.md").unwrap();
    assert!(readme.contains(&rev), "README");
}

/// Runs the `run:` script of the action's step whose `id` or `name` is `step`, with `env`, in
/// `dir`; returns ($GITHUB_OUTPUT as pairs, stdout).
fn action_step(step: &str, dir: &Path, env: &[(&str, &str)]) -> (Vec<(String, String)>, String) {
    let action = yaml("action.yml");
    let steps = action["runs"]["steps"].as_array().unwrap();
    let s = steps
        .iter()
        .find(|s| s["id"] == step || s["name"] == step)
        .unwrap_or_else(|| panic!("no step {step}"));
    assert_eq!(s["shell"], "bash");
    let output = dir.join("step-output");
    std::fs::write(&output, "").unwrap();
    let mut c = Command::new("bash");
    c.args(["-e", "-c", s["run"].as_str().unwrap()])
        .current_dir(dir)
        .env("GITHUB_OUTPUT", &output);
    for (k, v) in env {
        c.env(k, v);
    }
    let out = c.output().unwrap();
    assert!(out.status.success(), "{step}: {out:?}");
    let pairs = std::fs::read_to_string(&output)
        .unwrap()
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    (pairs, String::from_utf8(out.stdout).unwrap())
}

fn get<'a>(pairs: &'a [(String, String)], key: &str) -> &'a str {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map_or("", |(_, v)| v.as_str())
}

/// The install decision: a checkout (`uses: ./`) builds itself, keyed on its sources; a
/// published action installs the pinned tag from its repository, keyed on the version; a given
/// binary installs nothing. Then the install step's cargo command, with a fake cargo.
#[test]
fn the_action_installs_the_pinned_version_or_the_checkout_and_caches_by_key() {
    let dir = common::tempdir("action-install");
    let workspace = dir.join("work/shop");
    let remote = dir.join("work/_actions/acme/msgadvisor/v0.2.0");
    std::fs::create_dir_all(&workspace).unwrap();
    std::fs::create_dir_all(&remote).unwrap();
    let tools = dir.join("toolcache");
    let (ws, rm, tc) = (
        workspace.to_str().unwrap(),
        remote.to_str().unwrap(),
        tools.to_str().unwrap(),
    );
    let base = [
        ("VERSION", "v0.2.0"),
        ("SERVER_URL", "https://github.com"),
        ("SOURCES", "abc123"),
        ("BINARY", ""),
        ("GITHUB_WORKSPACE", ws),
        ("RUNNER_TOOL_CACHE", tc),
        ("RUNNER_OS", "Linux"),
        ("RUNNER_ARCH", "X64"),
    ];
    let with = |more: &[(&'static str, &'static str)]| -> Vec<(&str, &str)> {
        base.iter().chain(more).copied().collect()
    };

    // Published: `uses: acme/msgadvisor@v0.2.0`.
    let mut env = with(&[("ACTION_REPOSITORY", "acme/msgadvisor")]);
    env.push(("GITHUB_ACTION_PATH", rm));
    let (out, _) = action_step("where", &dir, &env);
    assert_eq!(get(&out, "install"), "git");
    assert_eq!(get(&out, "url"), "https://github.com/acme/msgadvisor");
    assert_eq!(get(&out, "key"), "msgadvisor-Linux-X64-v0.2.0");
    let root = format!("{tc}/msgadvisor/v0.2.0");
    assert_eq!(get(&out, "root"), root);
    assert_eq!(get(&out, "bin"), format!("{root}/bin/msgadvisor"));

    // The install step with a fake cargo that records its arguments.
    let fake = dir.join("bin");
    std::fs::create_dir_all(&fake).unwrap();
    std::fs::write(
        fake.join("cargo"),
        "#!/usr/bin/env bash\necho \"$*\" >> \"$(dirname \"$0\")/calls\"\n",
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(fake.join("cargo"), std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        fake.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let install = |install: &str, action_path: &str| {
        let _ = std::fs::remove_file(fake.join("calls"));
        action_step(
            "Install msgadvisor",
            &dir,
            &[
                ("PATH", path.as_str()),
                ("INSTALL", install),
                ("ROOT", root.as_str()),
                ("URL", "https://github.com/acme/msgadvisor"),
                ("VERSION", "v0.2.0"),
                ("GITHUB_ACTION_PATH", action_path),
            ],
        );
        std::fs::read_to_string(fake.join("calls")).unwrap()
    };
    assert_eq!(
        install("git", rm),
        format!(
            "install --locked --root {root} --git https://github.com/acme/msgadvisor --tag v0.2.0 msgadvisor\n"
        )
    );

    // `uses: ./` in this repository's own workflows: the checkout is built.
    let mut env = with(&[("ACTION_REPOSITORY", "")]);
    env.push(("GITHUB_ACTION_PATH", ws));
    let (out, _) = action_step("where", &dir, &env);
    assert_eq!(get(&out, "install"), "path");
    assert_eq!(get(&out, "key"), "msgadvisor-Linux-X64-local-abc123");
    // (ROOT is what `where` said; the install step takes it as given.)
    assert_eq!(
        install("path", ws),
        format!("install --locked --root {root} --path {ws}\n")
    );

    // A binary given: nothing to install or cache.
    let mut env = with(&[
        ("ACTION_REPOSITORY", "acme/msgadvisor"),
        ("BINARY", "/opt/msgadvisor"),
    ]);
    env.push(("GITHUB_ACTION_PATH", rm));
    let (out, _) = action_step("where", &dir, &env);
    assert_eq!(get(&out, "install"), "none");
    assert_eq!(get(&out, "bin"), "/opt/msgadvisor");
}
