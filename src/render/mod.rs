//! Output formats. Each renders the one [`Report`](crate::report::Report) it is given and decides
//! nothing: what to say was settled when the report was built.

pub mod adr;
pub mod check_json;
pub mod check_markdown;
pub mod check_text;
pub mod cost;
pub mod diff_github;
pub mod diff_markdown;
pub mod diff_text;
pub mod explain;
pub mod github;
pub mod guidance;
pub mod junit;
pub mod markdown;
pub mod rules;
pub mod sarif;
pub mod screen;
pub mod table;

use crate::report::Report;

/// Formats of `recommend`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A readable table (the default on a terminal).
    Table,
    /// The SPEC's JSON, for scripts.
    Json,
    /// The same data as YAML.
    Yaml,
    /// Markdown, for pull requests and documents.
    Markdown,
}

/// Formats of documents other than the report: `explain`, `rules list`, `rules show`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DocFormat {
    /// Plain text for a terminal.
    #[value(alias = "table")]
    Text,
    /// JSON, for scripts.
    Json,
    /// The same data as YAML.
    Yaml,
    /// Markdown, for pull requests and documents.
    Markdown,
}

/// Formats of findings: `rules lint`, `rules test`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ResultFormat {
    /// One line per finding and a closing count.
    Text,
    /// JSON, for scripts.
    Json,
}

/// How the table format is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct View {
    /// Columns to fit in.
    pub width: u16,
    /// Everything (`--detail`) rather than one screen.
    pub detail: bool,
}

impl Default for View {
    /// One screen, 80 columns: what a pipe, a test or an unknown terminal gets.
    fn default() -> View {
        View {
            width: 80,
            detail: false,
        }
    }
}

/// Renders `report` in `format`, the table as one screen of 80 columns. `color` applies to the
/// table only.
pub fn render(report: &Report, format: Format, color: bool) -> String {
    render_view(report, format, color, View::default())
}

/// Renders `report` in `format`; `view` lays out the table (one screen or `--detail`, and its
/// width). JSON and YAML hold everything; Markdown is always in full (a document for a pull
/// request or a wiki, read by scrolling, not a screen).
pub fn render_view(report: &Report, format: Format, color: bool, view: View) -> String {
    let table = |r: &Report| {
        if view.detail {
            table::render(r, color, view.width)
        } else {
            screen::render(r, color, view.width)
        }
    };
    match format {
        // The table's own colours are escape sequences: with colour, its parts are escaped
        // where they come in, and the whole is not.
        Format::Table if color => table(report),
        Format::Table => guarded(table(report)),
        Format::Json => json(report),
        Format::Yaml => yaml(report),
        Format::Markdown => guarded(markdown::render(report)),
    }
}

/// A text output with every line through [`crate::untrusted::lines`]: whatever input text a
/// renderer did not escape cannot start a workflow command or carry a control character.
pub fn guarded(text: String) -> String {
    match crate::untrusted::lines(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(escaped) => escaped,
    }
}

/// The renderer of a `check` format (GitHub's without a job summary: see [`github::Github::new`]).
pub fn check_renderer(format: crate::cli::CheckFormat) -> Box<dyn crate::check::Render> {
    use crate::cli::CheckFormat as F;
    match format {
        F::Text => Box::<check_text::Text>::default(),
        F::Json => Box::<check_json::Json>::default(),
        F::Sarif => Box::<sarif::Sarif>::default(),
        F::Junit => Box::<junit::Junit>::default(),
        F::Github => Box::new(github::Github::new(false)),
        F::Markdown => Box::<check_markdown::Markdown>::default(),
    }
}

pub fn json<T: serde::Serialize>(value: &T) -> String {
    let mut s = serde_json::to_string_pretty(value).expect("reports serialise to JSON");
    s.push('\n');
    s
}

pub fn yaml<T: serde::Serialize>(value: &T) -> String {
    serde_saphyr::to_string(value).expect("reports serialise to YAML")
}

/// A whole number with thousands separators: 2400 → "2,400".
pub fn thousands(v: f64) -> String {
    let neg = v < 0.0;
    let a = v.abs();
    // Below 2^53 every whole number is exact, and rounding half to even is what `{:.0}` does:
    // the integer path gives the same digits without the exact-decimal formatter (a hot spot
    // when the cost estimate runs for every probe of the flip search).
    let digits = if a < 9_007_199_254_740_992.0 {
        (a.round_ties_even() as u64).to_string()
    } else {
        format!("{a:.0}")
    };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if neg { format!("-{out}") } else { out }
}

/// A number for prose: whole numbers with separators, others with up to two decimals.
pub fn num(v: f64) -> String {
    if v.fract() == 0.0 || v.abs() >= 100.0 {
        thousands(v)
    } else {
        let s = format!("{v:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// Bytes in binary units: 1536 → "1.5 KiB".
pub fn bytes(v: f64) -> String {
    const UNITS: [&str; 6] = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
    let mut x = v;
    let mut u = 0;
    while x >= 1024.0 && u < UNITS.len() - 1 {
        x /= 1024.0;
        u += 1;
    }
    if u == 0 {
        format!("{} B", thousands(x))
    } else {
        format!("{x:.1} {}", UNITS[u])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_numbers_for_people() {
        assert_eq!(thousands(2400.0), "2,400");
        assert_eq!(thousands(999.0), "999");
        assert_eq!(thousands(1_234_567.0), "1,234,567");
        // The fast path agrees with the formatter, ties to even included.
        for v in [
            0.5,
            1.5,
            2.5,
            1e15 + 0.5,
            123.4999,
            8.9e15,
            9.1e15,
            1e300,
            -0.4,
            -2.5,
        ] {
            let s = format!("{:.0}", f64::abs(v));
            let plain: String = thousands(v).chars().filter(|c| *c != ',').collect();
            let expected = if v < 0.0 { format!("-{s}") } else { s };
            assert_eq!(plain, expected, "{v}");
        }
        assert_eq!(num(0.25), "0.25");
        assert_eq!(num(7.0), "7");
        assert_eq!(bytes(1536.0), "1.5 KiB");
        assert_eq!(bytes(512.0), "512 B");
    }
}
