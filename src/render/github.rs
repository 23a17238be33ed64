//! `check --format github`: GitHub Actions workflow commands. One annotation per error, warning
//! and waived finding, most severe first (GitHub shows only the first 10 errors and 10 warnings of a step), then the
//! summary line, after a notice naming the rules in force. The full list goes to the job summary
//! ([`Github::step_summary`]).
//!
//! Escaping follows actions/toolkit: in messages `%` `\r` `\n`; in properties also `:` and `,`.

use super::check_markdown::Markdown;
use crate::check::{Finding, Footer, Header, Level, ProfileCheck, Render};
use std::io;

/// GitHub's limit for one step's summary.
const STEP_SUMMARY_LIMIT: usize = 1024 * 1024;

/// Errors are written as they come; warnings and notices wait, as rendered lines, behind them.
/// With a job summary wanted, a [`Markdown`] renderer (bounded by GitHub's limit) rides along.
#[derive(Default)]
pub struct Github {
    waivers_honoured: bool,
    /// Rendered annotations of rank 1 (warnings) and 2 (notices), in order.
    later: [String; 2],
    summary: Option<Markdown>,
    /// The job summary, once [`Render::end`] has run (when one was wanted).
    pub step_summary: Option<String>,
}

impl Github {
    /// `with_summary`: also build the Markdown for `$GITHUB_STEP_SUMMARY`.
    pub fn new(with_summary: bool) -> Github {
        Github {
            summary: with_summary.then(|| Markdown::with_limit(STEP_SUMMARY_LIMIT)),
            ..Github::default()
        }
    }
}

impl Render for Github {
    fn begin(&mut self, out: &mut dyn io::Write, h: &Header) -> io::Result<()> {
        self.waivers_honoured = h.waivers_honoured;
        if let Some(md) = &mut self.summary {
            md.begin(&mut io::sink(), h)?;
        }
        // The rules that judge the run, on the run's page: a pull request that changes them shows.
        writeln!(
            out,
            "::notice title={}::{}",
            property("msgadvisor rules"),
            message(&format!("Rules: {}", h.rules_in_force(str::to_string)))
        )?;
        // A pack that turns rules off or changes them narrows the gate: a warning, so that the
        // run's page shows it next to the findings.
        match crate::engine::PackOverride::line(&h.pack_overrides) {
            Some(line) => writeln!(
                out,
                "::warning title={}::{}",
                property("msgadvisor rules narrowed"),
                message(&line)
            ),
            None => Ok(()),
        }
    }

    fn profile(&mut self, out: &mut dyn io::Write, p: &ProfileCheck) -> io::Result<()> {
        if let Some(md) = &mut self.summary {
            md.profile(&mut io::sink(), p)?;
        }
        let mut notes: Vec<(u8, &Finding)> = p
            .findings
            .iter()
            .map(|f| (rank(f), f))
            // Unwaived notes (rules that only lowered the score) ride along in their profile's
            // annotations rather than spending GitHub's per-step annotation budget.
            .filter(|(_, f)| f.level > Level::Note || f.waived.is_some())
            .collect();
        // Profiles come in path order, so ordering each profile's own annotations is enough.
        notes.sort_by_key(|(rank, f)| (*rank, f.line, f.column));
        for (rank, f) in notes {
            let mut line = annotation(p, f);
            line.push('\n');
            match rank {
                0 => out.write_all(line.as_bytes())?,
                r => self.later[usize::from(r) - 1].push_str(&line),
            }
        }
        Ok(())
    }

    fn end(&mut self, out: &mut dyn io::Write, f: &Footer) -> io::Result<()> {
        for part in &self.later {
            out.write_all(part.as_bytes())?;
        }
        if !self.waivers_honoured {
            out.write_all(b"Waivers were ignored (--no-waivers).\n")?;
        }
        writeln!(out, "{}", f.summary.line())?;
        if let Some(md) = &mut self.summary {
            let mut text = Vec::new();
            md.end(&mut text, f)?;
            self.step_summary = Some(cut_to_limit(String::from_utf8_lossy(&text).into_owned()));
        }
        Ok(())
    }
}

/// 0 for errors, 1 for warnings, 2 for notices (notes and waived findings).
fn rank(f: &Finding) -> u8 {
    match (f.waived.is_some(), f.level) {
        (false, Level::Error) => 0,
        (false, Level::Warning) => 1,
        _ => 2,
    }
}

fn annotation(p: &ProfileCheck, f: &Finding) -> String {
    let command = match rank(f) {
        0 => "error",
        1 => "warning",
        _ => "notice",
    };
    let mut props = vec![format!("file={}", property(&p.file))];
    if f.line > 0 {
        props.push(format!("line={}", f.line));
        props.push(format!("col={}", f.column));
    }
    let title = match &f.waived {
        Some(_) => format!("msgadvisor: waived {}", f.rule),
        None => format!("msgadvisor: {}", f.rule),
    };
    props.push(format!("title={}", property(&title)));

    let mut lines = Vec::new();
    if let Some(name) = &p.name {
        lines.push(format!("{name}: {}", p.message));
    }
    let effect = f.effect_suffix();
    lines.push(format!("{}{effect}: {}", f.rule, f.message));
    if let Some(w) = &f.waived {
        lines.push(format!("Waived: {}", w.justification()));
    }
    if let Some(s) = &f.source {
        lines.push(format!("Source: {s}"));
    }
    if f.waived.is_none() {
        let notes: Vec<String> = p
            .findings
            .iter()
            .filter(|n| n.level == Level::Note && n.waived.is_none())
            .map(|n| match &n.effect {
                Some(e) => format!("{} ({e})", n.rule),
                None => n.rule.clone(),
            })
            .collect();
        if !notes.is_empty() {
            lines.push(format!("Also counting against it: {}", notes.join(", ")));
        }
    }
    format!(
        "::{command} {}::{}",
        props.join(","),
        message(&lines.join("\n"))
    )
}

/// Escapes workflow-command message data.
pub fn message(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow-command property value.
pub fn property(s: &str) -> String {
    message(s).replace(':', "%3A").replace(',', "%2C")
}

/// The Markdown for `$GITHUB_STEP_SUMMARY`, cut at a line boundary to stay under GitHub's 1 MiB
/// per step.
fn cut_to_limit(mut md: String) -> String {
    let note = "\n_… cut to fit GitHub's 1 MiB job summary; run `msgadvisor check --format markdown` for the full list._\n";
    super::markdown::cut_at_line(&mut md, STEP_SUMMARY_LIMIT, note);
    md
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The job summary keeps only about GitHub's limit of the Markdown, and is cut exactly where
    /// the full Markdown would have been.
    #[test]
    fn the_job_summary_is_the_full_markdown_cut_at_the_limit() {
        use crate::check::{Footer, Header, ProfileCheck, Status, Summary};
        let header = Header {
            schema_version: 1,
            today: "2027-01-01".into(),
            waivers_honoured: true,
            fail_on: Status::Fail,
            rule_packs: vec!["built-in".into()],
            config: None,
            pack_overrides: Vec::new(),
            packs_from: None,
        };
        let problem = crate::diag::Problem::new("name", Default::default(), "x".repeat(300));
        let profiles: Vec<ProfileCheck> = (0..3000)
            .map(|i| {
                ProfileCheck::invalid(&format!("p{i:05}.yaml"), std::slice::from_ref(&problem))
            })
            .collect();
        let footer = Footer {
            skipped: Vec::new(),
            not_read: Vec::new(),
            rules: Default::default(),
            summary: Summary::default(),
            exit_code: 2,
            notes: Vec::new(),
        };
        let render = |md: &mut Markdown| {
            let mut out = Vec::new();
            md.begin(&mut out, &header).unwrap();
            for p in &profiles {
                md.profile(&mut out, p).unwrap();
            }
            md.end(&mut out, &footer).unwrap();
            String::from_utf8(out).unwrap()
        };
        let full = render(&mut Markdown::default());
        let kept = render(&mut Markdown::with_limit(STEP_SUMMARY_LIMIT));
        assert!(full.len() > 2 * STEP_SUMMARY_LIMIT, "{}", full.len());
        assert!(kept.len() < full.len());
        let summary = cut_to_limit(kept);
        assert!(summary.len() <= STEP_SUMMARY_LIMIT);
        assert!(summary.ends_with("for the full list._\n"));
        assert_eq!(summary, cut_to_limit(full));
    }

    #[test]
    fn escapes_as_the_actions_toolkit_does() {
        assert_eq!(message("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
