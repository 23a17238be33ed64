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
/// The number formatters live at the bottom (`crate::units`): the assessment, the rules and the
/// wording use them too.
pub use crate::units::{bytes, num, thousands};

/// `words` (separated by single spaces) filled into lines of at most `width` columns, the first
/// after `first`, the rest after `rest`, each line ending in a newline; a word longer than a line
/// stands alone on one, unbroken, and so does a hyphenated word (rule ids must stay whole).
/// textwrap's first-fit filling, counting columns as a terminal shows them.
pub(crate) fn fill(words: &str, width: usize, first: &str, rest: &str) -> String {
    let options = textwrap::Options::new(width)
        .initial_indent(first)
        .subsequent_indent(rest)
        .break_words(false)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit);
    let mut out = String::new();
    for line in textwrap::wrap(words, options) {
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// A bordered table `width` columns wide under `header`, the columns at `right` aligned right,
/// never coloured: the full view's guidance and cost tables and `prices`.
pub(crate) fn boxed_table(header: Vec<&str>, right: &[usize], width: u16) -> comfy_table::Table {
    let mut t = comfy_table::Table::new();
    t.load_style(comfy_table::presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(comfy_table::ContentArrangement::Dynamic)
        .set_width(width)
        .force_no_tty()
        .set_header(header);
    for i in right {
        if let Some(col) = t.column_mut(*i) {
            col.set_cell_alignment(comfy_table::CellAlignment::Right);
        }
    }
    t
}

/// Formats of `recommend`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A readable table (the default on a terminal).
    Table,
    /// The JSON of docs/SPEC.md (stable keys), for scripts.
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

/// Formats of `check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// Grouped by file, with a closing summary.
    Text,
    /// Every profile's outcome, for scripts.
    Json,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// JUnit XML, for CI test reports.
    Junit,
    /// GitHub Actions annotations, most severe first; a Markdown summary is appended to
    /// $GITHUB_STEP_SUMMARY when it is set.
    Github,
    /// Markdown, for a pull-request comment.
    Markdown,
}

/// Formats of `diff`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    /// Plain text for a terminal, one block per profile.
    Text,
    /// Every comparison, for scripts.
    Json,
    /// A pull-request comment: a summary table, then the details collapsed; fits GitHub's
    /// 65,536-character limit.
    Markdown,
    /// GitHub Actions annotations on the changed lines; the Markdown comment is appended to
    /// $GITHUB_STEP_SUMMARY when it is set.
    Github,
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
pub fn check_renderer(format: CheckFormat) -> Box<dyn crate::check::Render> {
    use CheckFormat as F;
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
