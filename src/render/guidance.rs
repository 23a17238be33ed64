//! The guidance part of the report (how to run each system), for the table and Markdown views:
//! warnings, a figures table, advice by section, and numbered sources per system.

use super::markdown::cell;
use super::{bytes, num, thousands};
use crate::guidance::{Advice, Figure, Section, SystemGuidance};
use crate::report::Report;
use std::fmt::Write;

/// A figure's value with its unit, for people.
pub fn value(f: &Figure) -> String {
    match f.unit.as_str() {
        "bytes" => bytes(f.value),
        "bytes/s" => format!("{}/s", bytes(f.value)),
        "seconds" => format!("{} s", num((f.value * 10.0).round() / 10.0)),
        // "1 consumer", not "1 consumers".
        unit if f.value == 1.0
            && unit.ends_with('s')
            && unit.chars().all(|c| c.is_ascii_lowercase()) =>
        {
            format!("1 {}", &unit[..unit.len() - 1])
        }
        "msg/s" | "days" => format!("{} {}", num(f.value), f.unit),
        unit if f.value.fract() == 0.0 => format!("{} {unit}", thousands(f.value)),
        unit => format!("{} {unit}", num(f.value)),
    }
}

/// Markdown text: `<` and `>` outside code spans escaped, so `outbox.event.<aggregatetype>`
/// is not taken for an HTML tag.
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut code = false;
    for c in s.chars() {
        match c {
            '`' => {
                code = !code;
                out.push(c);
            }
            '<' if !code => out.push_str("&lt;"),
            '>' if !code => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
    out
}

/// Sources in order of first use, each once however many pieces of advice cite it (alone or
/// beside others), so advice can cite them by number.
struct Sources(Vec<String>);

impl Sources {
    fn of(g: &SystemGuidance, warnings: &[Advice]) -> Sources {
        let mut v: Vec<String> = Vec::new();
        let all = warnings
            .iter()
            .chain(g.sections.iter().flat_map(|s| advice(g, s)));
        for s in all.flat_map(Advice::sources) {
            if !v.contains(s) {
                v.push(s.clone());
            }
        }
        Sources(v)
    }

    /// The numbers (from 1) of the sources `a` cites, in increasing order.
    fn numbers(&self, a: &Advice) -> Vec<usize> {
        let mut n: Vec<usize> = a
            .sources()
            .iter()
            .filter_map(|s| self.0.iter().position(|x| x == s))
            .map(|i| i + 1)
            .collect();
        n.sort_unstable();
        n
    }
}

fn title(g: &SystemGuidance) -> String {
    format!("How to run {} ({})", g.name, g.shown_for.join(", "))
}

/// Word-wraps `text` to `width` columns: the first line after `first`, the rest after `rest`.
/// Input in `text` is shown escaped: a newline in it reads `\n`, it does not break the line.
pub(crate) fn wrap(out: &mut String, text: &str, width: usize, first: &str, rest: &str) {
    let text = crate::untrusted::escape(text);
    // Any word may start a line: one from input must not start a workflow command there.
    let words: Vec<_> = text
        .split_whitespace()
        .map(crate::untrusted::escape)
        .collect();
    if words.is_empty() {
        out.push_str(first.trim_end());
        out.push('\n');
    } else {
        out.push_str(&super::fill(&words.join(" "), width, first, rest));
    }
}

/// A section's advice without the system's warnings: a warning is said once, at the head of the
/// system's guidance or under "Needs attention", not again in the section it concerns.
fn advice<'a>(g: &'a SystemGuidance, s: &'a Section) -> impl Iterator<Item = &'a Advice> {
    s.advice
        .iter()
        .filter(|a| !g.warnings.iter().any(|w| w.text == a.text))
}

/// The warnings a system's section shows: none for `said`, the system whose warnings the view
/// already gave under "Needs attention" ([`Report::warned_in_attention`]).
fn warnings<'a>(g: &'a SystemGuidance, said: Option<&str>) -> &'a [Advice] {
    if said == Some(g.system.as_str()) {
        &[]
    } else {
        &g.warnings
    }
}

/// The terminal view of every system's guidance; empty when there is none. `said`: see
/// [`warnings`].
pub fn text(r: &Report, width: u16, said: Option<&str>) -> String {
    let mut out = String::new();
    let w = width as usize;
    for g in &r.guidance {
        let warnings = warnings(g, said);
        let sources = Sources::of(g, warnings);
        let cite = |a: &Advice| {
            let n: Vec<String> = sources.numbers(a).iter().map(usize::to_string).collect();
            if n.is_empty() {
                String::new()
            } else {
                format!(" [{}]", n.join(", "))
            }
        };
        let _ = writeln!(out, "\n{}:", title(g));
        if let Some(n) = &g.note {
            wrap(&mut out, n, w, "  ", "  ");
        }
        for a in warnings {
            wrap(
                &mut out,
                &format!("{}{}", a.text, cite(a)),
                w,
                "  ! ",
                "    ",
            );
        }
        if !g.figures.is_empty() {
            let mut t = super::boxed_table(vec!["figure", "value", "how"], &[], width);
            for f in &g.figures {
                t.add_row(vec![f.label.clone(), value(f), f.how.clone()]);
            }
            let _ = writeln!(out, "{t}");
        }
        for s in &g.sections {
            if advice(g, s).next().is_none() {
                continue;
            }
            let _ = writeln!(out, "  {}:", s.title);
            for a in advice(g, s) {
                wrap(
                    &mut out,
                    &format!("{}{}", a.text, cite(a)),
                    w,
                    "    - ",
                    "      ",
                );
            }
        }
        if !sources.0.is_empty() {
            out.push_str("  Sources:\n");
            for (i, s) in sources.0.iter().enumerate() {
                let tag = format!("    [{}] ", i + 1);
                let pad = " ".repeat(tag.chars().count());
                wrap(&mut out, s, w, &tag, &pad);
            }
        }
    }
    out
}

/// The Markdown view of every system's guidance; empty when there is none. Sources are
/// footnotes, labelled by system so they are unique in the document, and each text is one
/// footnote: a source an earlier system already gave is cited by that system's label. `said`:
/// see [`warnings`].
pub fn markdown(r: &Report, said: Option<&str>) -> String {
    let mut out = String::new();
    // Every footnote so far: its text and its label.
    let mut notes: Vec<(String, String)> = Vec::new();
    for g in &r.guidance {
        let warnings = warnings(g, said);
        let sources = Sources::of(g, warnings);
        // This system's new footnotes, numbered from 1, and the label of each of its sources.
        let mut own: Vec<(String, String)> = Vec::new();
        let labels: Vec<String> = sources
            .0
            .iter()
            .map(|s| match notes.iter().find(|(text, _)| text == s) {
                Some((_, label)) => label.clone(),
                None => {
                    let label = format!("{}-{}", g.system, own.len() + 1);
                    own.push((s.clone(), label.clone()));
                    label
                }
            })
            .collect();
        let cite = |a: &Advice| -> String {
            sources
                .numbers(a)
                .iter()
                .map(|n| format!("[^{}]", labels[n - 1]))
                .collect()
        };
        let _ = writeln!(out, "\n## {}\n", title(g));
        if let Some(n) = &g.note {
            let _ = writeln!(out, "*{}*\n", md(n));
        }
        if !warnings.is_empty() {
            for a in warnings {
                let _ = writeln!(out, "> **Warning:** {}{}", md(&a.text), cite(a));
                out.push_str(">\n");
            }
            out.truncate(out.len() - 2);
            out.push('\n');
        }
        if !g.figures.is_empty() {
            out.push_str("| Figure | Value | How |\n|---|---:|---|\n");
            for f in &g.figures {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} |",
                    cell(&md(&f.label)),
                    cell(&value(f)),
                    cell(&md(&f.how))
                );
            }
        }
        for s in &g.sections {
            if advice(g, s).next().is_none() {
                continue;
            }
            let _ = writeln!(out, "\n### {}\n", s.title);
            for a in advice(g, s) {
                let _ = writeln!(out, "- {}{}", md(&a.text), cite(a));
            }
        }
        if !own.is_empty() {
            out.push('\n');
            for (s, label) in &own {
                let _ = writeln!(out, "[^{label}]: {}", md(s));
            }
        }
        notes.extend(own);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_the_width_with_a_hanging_indent() {
        let mut out = String::new();
        wrap(&mut out, "aaa bbb ccc ddd", 9, "- ", "  ");
        assert_eq!(out, "- aaa bbb\n  ccc ddd\n");
    }

    #[test]
    fn rule_ids_and_long_words_stay_whole_and_wide_characters_count_twice() {
        let mut out = String::new();
        wrap(&mut out, "x [over-budget-kafka] y", 12, "", "  ");
        assert_eq!(out, "x\n  [over-budget-kafka]\n  y\n");
        // A CJK name takes two columns a character on a terminal.
        let mut out = String::new();
        wrap(&mut out, "注文イベント ab", 14, "", "");
        assert_eq!(out, "注文イベント\nab\n");
        let mut out = String::new();
        wrap(&mut out, "", 10, "Why: ", "  ");
        assert_eq!(out, "Why:\n");
    }

    #[test]
    fn markdown_escapes_angle_brackets_outside_code() {
        assert_eq!(
            md("routes to outbox.event.<type>, named `<service>-<env>`"),
            "routes to outbox.event.&lt;type&gt;, named `<service>-<env>`"
        );
    }

    #[test]
    fn values_read_with_their_units() {
        let f = |value, unit: &str| Figure::new("k", "l", value, unit, "");
        assert_eq!(value(&f(108_864_000_000.0, "bytes")), "101.4 GiB");
        assert_eq!(value(&f(699.05, "seconds")), "699 s");
        assert_eq!(value(&f(12.5, "msg/s")), "12.5 msg/s");
        assert_eq!(value(&f(24.0, "partitions")), "24 partitions");
        assert_eq!(value(&f(1.0, "days")), "1 day");
        assert_eq!(value(&f(1.0, "consumers")), "1 consumer");
        assert_eq!(value(&f(1.0, "msg/s")), "1 msg/s");
    }
}
