//! `check --format junit`: JUnit XML, one test case per profile shown. A profile fails the test
//! when it fails the run (`fail`, or `warn` with `--fail-on warn`); an invalid profile is an
//! error; findings that fail nothing (warnings, notes, waived) go to `<system-out>`.

use crate::check::{CheckReport, Finding, ProfileCheck, Status};
use std::fmt::Write;

pub fn render(r: &CheckReport) -> String {
    let fails = |p: &ProfileCheck| p.status != Status::Invalid && p.status >= r.fail_on;
    let tests = r.profiles.len();
    let failures = r.profiles.iter().filter(|p| fails(p)).count();
    let errors = r
        .profiles
        .iter()
        .filter(|p| p.status == Status::Invalid)
        .count();
    let counts = format!(r#"tests="{tests}" failures="{failures}" errors="{errors}" skipped="0""#);
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(out, r#"<testsuites name="msgadvisor check" {counts}>"#);
    let _ = writeln!(out, r#"  <testsuite name="msgadvisor check" {counts}>"#);
    for p in &r.profiles {
        let name = p.name.as_deref().unwrap_or(&p.file);
        let line = if p.line > 0 {
            format!(r#" line="{}""#, p.line)
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            r#"    <testcase name="{}" classname="{}" file="{}"{line}>"#,
            esc(name),
            esc(&p.file),
            esc(&p.file)
        );
        let details: String = p.findings.iter().map(finding).collect();
        if p.status == Status::Invalid {
            let _ = writeln!(
                out,
                r#"      <error message="{}" type="invalid">{}</error>"#,
                esc(&p.message),
                text(&details)
            );
        } else if fails(p) {
            let _ = writeln!(
                out,
                r#"      <failure message="{}" type="{}">{}</failure>"#,
                esc(&p.message),
                p.status.as_str(),
                text(&details)
            );
        }
        let mut said = format!("{}: {}\n", p.status.as_str(), p.message);
        if !fails(p) && p.status != Status::Invalid {
            said.push_str(&details);
        }
        for w in &p.warnings {
            said.push_str(&format!("note: {w}\n"));
        }
        let _ = writeln!(out, "      <system-out>{}</system-out>", text(&said));
        out.push_str("    </testcase>\n");
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

fn finding(f: &Finding) -> String {
    let at = if f.line > 0 {
        format!("{}:{} ", f.line, f.column)
    } else {
        String::new()
    };
    let effect = f.effect_suffix();
    let mut s = match &f.waived {
        Some(w) => format!(
            "{at}waived {}{effect}: {} [waived: {}{}]\n",
            f.rule,
            f.message,
            w.reason,
            w.expires
                .as_deref()
                .map(|d| format!(", until {d}"))
                .unwrap_or_default()
        ),
        None => format!(
            "{at}{} {}{effect}: {}\n",
            f.level.as_str(),
            f.rule,
            f.message
        ),
    };
    if let Some(src) = &f.source {
        s.push_str(&format!("  source: {src}\n"));
    }
    s
}

/// Escapes text for an XML attribute.
fn esc(s: &str) -> String {
    xml(s, true)
}

/// Escapes XML element text (line breaks kept as they are).
fn text(s: &str) -> String {
    xml(s, false)
}

/// Escapes markup characters; in attributes also line breaks and tabs; drops the characters
/// XML 1.0 cannot carry.
fn xml(s: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' | '\t' | '\r' if attribute => out.push_str(&format!("&#{};", c as u32)),
            '\n' | '\t' => out.push(c),
            '\r' => out.push_str("&#13;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}
