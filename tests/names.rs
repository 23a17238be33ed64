//! `msgadvisor names`: topic names one per line; exit 1 on an invalid name, 0 on warnings only
//! or none, 2 when the input cannot be read.

mod common;

use serde_json::Value;

fn names(args: &[&str], stdin: &str) -> (i32, String, String) {
    let out = common::msgadvisor()
        .arg("names")
        .args(args)
        .write_stdin(stdin)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn file(text: &str) -> std::path::PathBuf {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    let dir = std::env::temp_dir().join(format!(
        "msgadvisor-names-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("topics.txt");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn legal_conventional_names_pass_with_exit_0() {
    // Kafka's own internal topics pass too, the newer ones included (share groups, tiered storage).
    let path = file(
        "# our topics\norder.placed\norder.placed.retry\norder.placed.dlq\nuser.signed-up\n\nprod.payments.payment.processed\n__consumer_offsets\n__share_group_state\n__remote_log_metadata\n",
    );
    let (code, out, err) = names(&[path.to_str().unwrap()], "");
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(out, "8 names: 0 errors, 0 warnings\n");
}

#[test]
fn each_illegal_name_is_an_error_with_exit_1() {
    let long = format!("order.{}", "x".repeat(250));
    for (name, rule) in [
        ("order placed", "illegal-character"),
        ("orders/placed", "illegal-character"),
        ("zamówienie.złożone", "illegal-character"),
        (long.as_str(), "too-long"),
        (".", "dot-name"),
        ("..", "dot-name"),
    ] {
        let (code, out, _) = names(&[], &format!("order.placed\n{name}\n"));
        assert_eq!(code, 1, "{name}: {out}");
        let expected = format!("<stdin>:2: error[{rule}] `{name}`: ");
        assert!(out.contains(&expected), "{name}: {out}");
        assert!(
            !out.contains("<stdin>:1:"),
            "the legal name has no finding: {out}"
        );
    }
}

#[test]
fn off_convention_names_warn_but_exit_0() {
    for (name, rule) in [
        ("order.placed_v2", "mixed-separators"),
        ("Order.Placed", "upper-case"),
        ("orders", "not-domain-event"),
        ("order.place", "not-past-tense"),
        ("order..placed", "empty-part"),
    ] {
        let (code, out, _) = names(&[], &format!("{name}\n"));
        assert_eq!(code, 0, "{name}: {out}");
        assert!(
            out.starts_with(&format!("<stdin>:1: warning[{rule}] `{name}`: ")),
            "{name}: {out}"
        );
        assert!(
            out.ends_with("1 name: 0 errors, 1 warning\n"),
            "{name}: {out}"
        );
    }
}

#[test]
fn a_double_underscore_prefix_is_a_warning_not_an_error() {
    // `__` is a convention, not a Kafka rule: Kafka creates `__audit.recorded`.
    let (code, out, _) = names(&[], "__audit.recorded\n");
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("<stdin>:1: warning[reserved-prefix] `__audit.recorded`: "),
        "{out}"
    );
    assert!(out.ends_with("1 name: 0 errors, 2 warnings\n"), "{out}");
}

#[test]
fn a_repeated_name_is_a_warning_naming_the_first_line() {
    let (code, out, _) = names(&[], "order.placed\norder.paid\norder.placed\n");
    assert_eq!(code, 0);
    assert!(
        out.contains("<stdin>:3: warning[duplicate] `order.placed`: repeats line 1"),
        "{out}"
    );
}

#[test]
fn json_lists_every_finding_with_its_rule_and_source() {
    let path = file("order.placed\norder placed\nOrders\n");
    let (code, out, _) = names(&[path.to_str().unwrap(), "--format", "json"], "");
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["names"], 3);
    assert_eq!(v["errors"], 1);
    assert_eq!(v["warnings"], 3);
    let f = &v["findings"][0];
    assert_eq!(f["line"], 2);
    assert_eq!(f["topic"], "order placed");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["rule"], "illegal-character");
    assert!(f["source"].as_str().unwrap().contains("Topic.java"));
    let rules: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(
        rules,
        [
            "illegal-character",
            "not-domain-event",
            "upper-case",
            "not-domain-event"
        ]
    );
}

#[test]
fn unreadable_input_exits_2_and_says_why() {
    let (code, out, err) = names(&["/nonexistent/topics.txt"], "");
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert_eq!(
        err,
        "error: /nonexistent/topics.txt: no such file or directory\n"
    );

    let dir = file("x").parent().unwrap().to_path_buf();
    let (code, _, err) = names(&[dir.to_str().unwrap()], "");
    assert_eq!(code, 2);
    assert!(err.contains("is a directory"), "{err}");

    let bin = common::msgadvisor()
        .arg("names")
        .write_stdin(vec![b'a', 0, b'b'])
        .output()
        .unwrap();
    assert_eq!(bin.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bin.stderr).contains("binary"));
}

#[test]
fn empty_input_has_nothing_to_fail() {
    let (code, out, _) = names(&["-"], "\n# nothing yet\n");
    assert_eq!(code, 0);
    assert_eq!(out, "0 names: 0 errors, 0 warnings\n");
}

/// Issue 19, item 10: repeated names were found with a linear search per line (quadratic); a
/// 1 MiB file of 140,000 names with repeats took minutes. The timeout only says the run ends.
#[test]
fn a_megabyte_of_names_with_repeats_is_checked_in_linear_time() {
    let text: String = (0..140_000).map(|i| format!("t{}\n", i % 70_000)).collect();
    let path = file(&text);
    let out = common::msgadvisor()
        .args(["names", "--format", "json"])
        .arg(&path)
        .timeout(common::HANG)
        .output()
        .unwrap();
    assert!(
        out.status.code().is_some(),
        "did not finish in {:?}",
        common::HANG
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["names"], 140_000);
    let repeats = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "duplicate")
        .count();
    assert_eq!(repeats, 70_000);
}

#[test]
fn the_help_says_a_double_underscore_is_a_warning_as_the_linter_does() {
    let (code, help, _) = common::run(&["names", "--help"], None);
    assert_eq!(code, 0);
    let errors = help.lines().find(|l| l.starts_with("Errors")).unwrap();
    assert!(!errors.contains("__"), "{help}");
    let warnings = &help[help.find("Warnings (exit 0)").unwrap()..];
    assert!(warnings.contains("a '__' prefix"), "{help}");
    assert!(warnings.contains("__share_group_state"), "{help}");
}
