//! `check --format junit`: JUnit XML (written by `quick-junit`), one test case per profile shown.
//! A profile fails the test when it fails the run (`fail`, or `warn` with `--fail-on warn`); an
//! invalid profile is an error; findings that fail nothing (warnings, notes, waived) go to
//! `<system-out>`. The suite's `<properties>` name the rule packs (`rule-pack`, built-in first),
//! the config file in force and the counts a CI dashboard cannot derive from the cases: findings
//! `waived` (the summary's count) and YAML files `skipped` as not profiles.

use crate::check::{Finding, Footer, Header, ProfileCheck, Render, Status};
use quick_junit::{NonSuccessKind, Property, Report, TestCase, TestCaseStatus, TestSuite};
use std::io;

const NAME: &str = "msgadvisor check";

/// JUnit's counts come first, so the cases are kept until the end.
#[derive(Default)]
pub struct Junit {
    header: Option<Header>,
    cases: Vec<TestCase>,
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
        let details: String = p.findings.iter().map(finding).collect();
        let status = if p.status == Status::Invalid || fails {
            let (kind, ty) = if p.status == Status::Invalid {
                (NonSuccessKind::Error, "invalid")
            } else {
                (NonSuccessKind::Failure, p.status.as_str())
            };
            let mut s = TestCaseStatus::non_success(kind);
            s.set_message(p.message.as_str())
                .set_type(ty)
                .set_description(details.as_str());
            s
        } else {
            TestCaseStatus::success()
        };
        let mut case = TestCase::new(p.name.as_deref().unwrap_or(&p.file), status);
        case.set_classname(p.file.as_str());
        case.extra.insert("file".into(), p.file.as_str().into());
        if p.line > 0 {
            case.extra.insert("line".into(), p.line.to_string().into());
        }
        let mut said = format!("{}: {}\n", p.status.as_str(), p.message);
        if !fails && p.status != Status::Invalid {
            said.push_str(&details);
        }
        for w in &p.warnings {
            said.push_str(&format!("note: {w}\n"));
        }
        case.set_system_out(said);
        self.cases.push(case);
        Ok(())
    }

    fn end(&mut self, out: &mut dyn io::Write, footer: &Footer) -> io::Result<()> {
        let mut suite = TestSuite::new(NAME);
        // The rule packs and config file in force: a pull request that changes the rules shows.
        if let Some(h) = &self.header {
            for pack in &h.rule_packs {
                suite.add_property(Property::new("rule-pack", pack.as_str()));
            }
            if let Some(c) = &h.config {
                suite.add_property(Property::new("config", c.as_str()));
            }
        }
        let s = &footer.summary;
        suite.add_property(Property::new("waived", s.waived.to_string()));
        suite.add_property(Property::new("skipped", s.skipped.to_string()));
        suite.add_test_cases(std::mem::take(&mut self.cases));
        let mut report = Report::new(NAME);
        report.add_test_suite(suite);
        report.serialize(out).map_err(io::Error::other)
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
