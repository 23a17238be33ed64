//! `check --format junit`: JUnit XML, one test case per profile shown. A profile fails the test
//! when it fails the run (`fail`, or `warn` with `--fail-on warn`); an invalid profile is an
//! error; findings that fail nothing (warnings, notes, waived) go to `<system-out>`. The suite's
//! `<properties>` name the rule packs (`rule-pack`, built-in first), the config file in force, and
//! the findings `waived` and YAML files `skipped` that the text summary counts.
//!
//! Written by hand, not with `quick-junit`: that crate (0.8) writes a line break inside an
//! attribute as it is, so a profile name with one is lost to XML's attribute normalisation and
//! starts a line of its own in a CI log (where `::error …` is a workflow command). Here attributes
//! carry `&#10;`.

use crate::check::{Finding, Footer, Header, ProfileCheck, Render, Status};
use std::fmt::Write as _;
use std::io;

/// JUnit's counts come first, so the test cases are kept, as rendered text, until the end.
#[derive(Default)]
pub struct Junit {
    header: Option<Header>,
    cases: String,
    tests: usize,
    failures: usize,
    errors: usize,
}

impl Junit {
    fn fails(&self, p: &ProfileCheck) -> bool {
        let fail_on = self.header.as_ref().map_or(Status::Fail, |h| h.fail_on);
        p.status != Status::Invalid && p.status >= fail_on
    }
}

impl Render for Junit {
    fn begin(&mut self, _: &mut dyn io::Write, h: &Header) -> io::Result<()> {
        self.header = Some(h.clone());
        Ok(())
    }

    fn profile(&mut self, _: &mut dyn io::Write, p: &ProfileCheck) -> io::Result<()> {
        let fails = self.fails(p);
        self.tests += 1;
        self.failures += usize::from(fails);
        self.errors += usize::from(p.status == Status::Invalid);
        let out = &mut self.cases;
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
        } else if fails {
            let _ = writeln!(
                out,
                r#"      <failure message="{}" type="{}">{}</failure>"#,
                esc(&p.message),
                p.status.as_str(),
                text(&details)
            );
        }
        let mut said = format!("{}: {}\n", p.status.as_str(), p.message);
        if !fails && p.status != Status::Invalid {
            said.push_str(&details);
        }
        for w in &p.warnings {
            said.push_str(&format!("note: {w}\n"));
        }
        let _ = writeln!(out, "      <system-out>{}</system-out>", text(&said));
        out.push_str("    </testcase>\n");
        Ok(())
    }

    fn end(&mut self, out: &mut dyn io::Write, footer: &Footer) -> io::Result<()> {
        let (tests, failures, errors) = (self.tests, self.failures, self.errors);
        let counts =
            format!(r#"tests="{tests}" failures="{failures}" errors="{errors}" skipped="0""#);
        let mut head = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        let _ = writeln!(head, r#"<testsuites name="msgadvisor check" {counts}>"#);
        let _ = writeln!(head, r#"  <testsuite name="msgadvisor check" {counts}>"#);
        // The rule packs and config file in force (a pull request that changes the rules shows),
        // the rules those packs turn off or change (the gate they narrow), then the counts the
        // text summary gives that the cases cannot show.
        let mut properties: Vec<(String, String)> = Vec::new();
        if let Some(h) = &self.header {
            let packs = h.rule_packs.iter().map(|p| ("rule-pack".into(), p.clone()));
            let config = h.config.iter().map(|c| ("config".into(), c.clone()));
            let overrides = h.pack_overrides.iter();
            let overrides = overrides.map(|o| (format!("rule-{}", o.action), o.describe()));
            properties.extend(packs.chain(config).chain(overrides));
        }
        let s = &footer.summary;
        properties.push(("waived".into(), s.waived.to_string()));
        properties.push(("skipped".into(), s.skipped.to_string()));
        head.push_str("    <properties>\n");
        for (name, value) in properties {
            let _ = writeln!(
                head,
                r#"      <property name="{name}" value="{}"/>"#,
                esc(&value)
            );
        }
        head.push_str("    </properties>\n");
        out.write_all(head.as_bytes())?;
        out.write_all(self.cases.as_bytes())?;
        out.write_all(b"  </testsuite>\n</testsuites>\n")
    }
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
