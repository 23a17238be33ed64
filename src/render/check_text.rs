//! `check --format text`: the rules in force, then grouped by file, each profile's outcome and
//! its findings, then one summary line.

use crate::check::{Finding, Footer, Header, ProfileCheck, Render, Status, WaiverState};
use crate::untrusted::Shown;
use std::fmt::Write as _;
use std::io;

/// Writes each profile as it comes; only the count of profiles shown is kept.
#[derive(Default)]
pub struct Text {
    shown: usize,
    waivers_honoured: bool,
}

impl Render for Text {
    fn begin(&mut self, out: &mut dyn io::Write, h: &Header) -> io::Result<()> {
        self.waivers_honoured = h.waivers_honoured;
        writeln!(
            out,
            "Rules: {}",
            h.rules_in_force(|p| crate::untrusted::escape(p).into_owned())
        )?;
        match crate::engine::PackOverride::line(&h.pack_overrides) {
            Some(line) => writeln!(out, "{}", crate::untrusted::escape(&line)),
            None => Ok(()),
        }
    }

    fn profile(&mut self, out: &mut dyn io::Write, p: &ProfileCheck) -> io::Result<()> {
        self.shown += 1;
        let mut s = String::new();
        profile(&mut s, p);
        out.write_all(s.as_bytes())
    }

    fn end(&mut self, out: &mut dyn io::Write, f: &Footer) -> io::Result<()> {
        let mut s = String::new();
        if self.shown > 0 {
            s.push('\n');
        }
        if !self.waivers_honoured {
            s.push_str("Waivers were ignored (--no-waivers).\n");
        }
        let skipped = f
            .skipped
            .iter()
            .map(|s| crate::untrusted::escape(s).into_owned());
        names_line(&mut s, "Skipped as not profiles", skipped);
        names_line(
            &mut s,
            "Not read",
            f.not_read.iter().map(crate::check::NotRead::shown),
        );
        s.push_str(&f.summary.line());
        s.push('\n');
        out.write_all(s.as_bytes())
    }
}

fn label(s: Status) -> &'static str {
    match s {
        Status::Pass => "PASS",
        Status::Warn => "WARN",
        Status::Fail => "FAIL",
        Status::Invalid => "INVALID",
    }
}

/// `label: a, b and c`, one line, naming a few as every list is named ([`crate::diag::few`]);
/// nothing when there are no names. Only the names shown are escaped.
fn names_line(out: &mut String, label: &str, names: impl ExactSizeIterator<Item = String>) {
    let total = names.len();
    if total == 0 {
        return;
    }
    let named: Vec<String> = names.take(crate::diag::NAMED_ENTRIES + 1).collect();
    let _ = writeln!(out, "{label}: {}", crate::diag::few(&named, total));
}

fn profile(out: &mut String, p: &ProfileCheck) {
    let name = p
        .name
        .as_deref()
        .map(|n| format!(" ({})", Shown(n)))
        .unwrap_or_default();
    let _ = writeln!(out, "{:<7} {}{name}", label(p.status), Shown(&p.file));
    if p.status != Status::Invalid {
        let _ = writeln!(out, "        {}", Shown(&p.message));
    }
    for f in &p.findings {
        finding(out, f);
    }
    for w in &p.waivers {
        let covered = p.waived().any(|f| f.rule == w.rule);
        let what = match w.state {
            WaiverState::Applied if !covered => "applied",
            WaiverState::Ignored => "ignored (--no-waivers)",
            _ => continue,
        };
        let _ = writeln!(
            out,
            "        {}:{}  waiver of `{}` {what}: {}",
            w.line,
            w.column,
            Shown(&w.rule),
            Shown(&w.reason)
        );
    }
    for w in &p.warnings {
        let _ = writeln!(out, "        note: {}", Shown(w));
    }
}

fn finding(out: &mut String, f: &Finding) {
    let at = if f.line > 0 {
        format!("{:<7} ", format!("{}:{}", f.line, f.column))
    } else {
        String::new()
    };
    let kind = if f.waived.is_some() {
        "waived"
    } else {
        f.level.as_str()
    };
    let effect = f.effect_suffix();
    let _ = writeln!(
        out,
        "        {at}{kind:<7} {}{effect}: {}",
        Shown(&f.rule),
        Shown(&f.message)
    );
    if let Some(w) = &f.waived {
        let _ = writeln!(out, "                waived: {}", Shown(&w.justification()));
    }
}
