//! The documents a user reads in the repository link only to files that are there: every
//! relative link in README.md and docs/*.md resolves (the contract lives in docs/SPEC.md, not
//! outside the repository).

use std::path::{Path, PathBuf};

/// The relative link targets of a Markdown text, outside fenced code blocks, without anchors.
fn relative_links(text: &str) -> Vec<String> {
    let link = regex::Regex::new(r"\]\(([^)\s]+)\)").unwrap();
    let mut fenced = false;
    let mut found = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("````") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            continue;
        }
        for c in link.captures_iter(line) {
            let target = &c[1];
            if target.contains("://") || target.starts_with('#') || target.starts_with("mailto:") {
                continue;
            }
            let path = target.split('#').next().unwrap();
            found.push(path.to_string());
        }
    }
    found
}

fn documents() -> Vec<PathBuf> {
    let mut docs = vec![PathBuf::from("README.md")];
    let mut more: Vec<PathBuf> = std::fs::read_dir("docs")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    more.sort();
    docs.extend(more);
    docs
}

#[test]
fn every_relative_link_in_the_readme_and_docs_resolves() {
    let mut broken = Vec::new();
    let mut checked = 0;
    for doc in documents() {
        let text = std::fs::read_to_string(&doc).unwrap();
        let base = doc.parent().unwrap_or(Path::new(""));
        for target in relative_links(&text) {
            checked += 1;
            if !base.join(&target).exists() {
                broken.push(format!("{}: {target}", doc.display()));
            }
        }
    }
    assert!(broken.is_empty(), "broken links: {broken:#?}");
    assert!(
        checked > 10,
        "only {checked} links found: is the pattern right?"
    );
}

#[test]
fn the_readme_and_help_point_at_the_contract_in_the_repository() {
    assert!(Path::new("docs/SPEC.md").is_file());
    let readme = std::fs::read_to_string("README.md").unwrap();
    assert!(relative_links(&readme).contains(&"docs/SPEC.md".to_string()));
    assert!(!readme.contains("shared design notes"), "the old pointer");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_msgadvisor"))
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(help.contains("docs/SPEC.md"), "{help}");
}

#[test]
fn the_link_finder_finds_links_and_skips_code() {
    let text = "See [a](docs/A.md#x) and [b](https://e.org) and [c](#here).\n```\n[d](nope.md)\n```\n[e](../f)\n";
    assert_eq!(relative_links(text), vec!["docs/A.md", "../f"]);
}

#[test]
fn the_readmes_flip_point_example_is_what_recommend_prints() {
    // The README quotes `recommend examples/activity-feed.yaml`'s flip point; a rule change that
    // moves it must move the README too, or a reader trying it sees something else.
    let readme = std::fs::read_to_string("README.md").unwrap();
    let start = readme
        .find("    What would change the pick:\n")
        .expect("the README's flip-point example");
    let quoted: String = readme[start..]
        .lines()
        .take_while(|l| l.starts_with("    "))
        .map(|l| format!("{}\n", &l[4..]))
        .collect();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_msgadvisor"))
        .args(["recommend", "examples/activity-feed.yaml"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(&quoted),
        "README quotes:\n{quoted}\nrecommend prints:\n{text}"
    );
}
