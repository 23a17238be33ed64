//! Text that came from input (profile values, file names, rule pack messages, waiver reasons),
//! made safe to print in a terminal or a CI log, where a newline could forge a line (a line
//! starting `::error` is a GitHub Actions workflow command) and an escape sequence could rewrite
//! the screen. The text renderers and error messages show input through [`escape`]; the machine
//! formats (JSON, SARIF, JUnit, GitHub) escape by their own syntax and keep the value as it is.

use std::borrow::Cow;
use std::fmt;
use std::io::{self, Write};

/// `text` on one line with every control character visible: `\n`, `\r` and `\t` as those two
/// characters, other C0 and C1 controls, line and paragraph separators and bidirectional
/// overrides as `\u{…}`, and a leading `::` (a workflow command where it starts a line, even
/// after spaces) as `\u{3a}:`. Text with none of these is returned as it is, without a copy.
pub fn escape(text: &str) -> Cow<'_, str> {
    let command = text.trim_start().starts_with("::");
    if !command && !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut leading = command;
    for c in text.chars() {
        match c {
            ':' if leading => {
                out.push_str("\\u{3a}");
                leading = false;
            }
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) => out.push_str(&c.escape_unicode().to_string()),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Every line of `text` through [`escape`], the line breaks kept: the last guard of a whole text
/// output (or error message) whose parts were escaped where they came in. Whatever one of them
/// missed, no line can start a workflow command or hold a control character.
pub fn lines(text: &str) -> Cow<'_, str> {
    let clean = !text.chars().any(|c| c != '\n' && needs_escape(c))
        && !text.split('\n').any(|l| l.trim_start().starts_with("::"));
    if clean {
        return Cow::Borrowed(text);
    }
    let escaped: Vec<Cow<'_, str>> = text.split('\n').map(escape).collect();
    Cow::Owned(escaped.join("\n"))
}

/// [`lines`] over output written as it goes: each complete line reaches `inner` guarded, and a
/// line is held until its `\n` (or [`Lines::finish`]), since a workflow command is one only at
/// the start of a line. Line breaks are never inside a UTF-8 character, so a line's bytes are
/// whole text when each write is.
pub struct Lines<W: Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: Write> Lines<W> {
    pub fn new(inner: W) -> Lines<W> {
        Lines {
            inner,
            pending: Vec::new(),
        }
    }

    /// Writes the last line, if it had no `\n`, and flushes.
    pub fn finish(mut self) -> io::Result<()> {
        if !self.pending.is_empty() {
            let tail = std::mem::take(&mut self.pending);
            self.guarded(&tail)?;
        }
        self.inner.flush()
    }

    fn guarded(&mut self, bytes: &[u8]) -> io::Result<()> {
        let text = String::from_utf8_lossy(bytes);
        self.inner.write_all(lines(&text).as_bytes())
    }
}

impl<W: Write> Write for Lines<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let Some(end) = buf.iter().rposition(|&b| b == b'\n') else {
            self.pending.extend_from_slice(buf);
            return Ok(buf.len());
        };
        let (whole, rest) = buf.split_at(end + 1);
        if self.pending.is_empty() {
            self.guarded(whole)?;
        } else {
            let mut first = std::mem::take(&mut self.pending);
            first.extend_from_slice(whole);
            self.guarded(&first)?;
        }
        self.pending.extend_from_slice(rest);
        Ok(buf.len())
    }

    /// Flushes what is written so far; a line not yet ended stays held.
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// [`escape`] as a `Display` value, for format arguments: `format!("{}", Shown(&name))`. Width
/// and alignment (`{:<7}`) apply to the escaped text.
pub struct Shown<'a>(pub &'a str);

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&escape(self.0))
    }
}

fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newlines_and_escapes_become_visible_and_plain_text_is_not_copied() {
        assert_eq!(
            escape("n\n::error file=evil::injected"),
            "n\\n::error file=evil::injected"
        );
        assert_eq!(escape("a\r\tb\u{1b}[31m"), "a\\r\\tb\\u{1b}[31m");
        assert_eq!(
            escape("x\u{85}y\u{2028}z\u{202e}"),
            "x\\u{85}y\\u{2028}z\\u{202e}"
        );
        assert!(matches!(escape("order-events: ok"), Cow::Borrowed(_)));
        assert_eq!(escape("zamówienie"), "zamówienie");
    }

    #[test]
    fn a_leading_workflow_command_is_broken() {
        assert_eq!(escape("::error::x"), "\\u{3a}:error::x");
        assert_eq!(escape("  ::warning::x"), "  \\u{3a}:warning::x");
        assert_eq!(escape("a ::b"), "a ::b");
    }

    #[test]
    fn lines_keeps_the_line_breaks_and_guards_each_line() {
        assert_eq!(lines("a\n::error::x\n"), "a\n\\u{3a}:error::x\n");
        assert_eq!(lines("a\r\nb"), "a\\r\nb");
        assert!(matches!(lines("a\n  b\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn lines_written_in_pieces_are_guarded_as_whole_lines() {
        let mut out = Vec::new();
        let mut w = Lines::new(&mut out);
        for piece in ["a\n  ", ":", ":error::x\nb\u{1b}", "[2J\n::", "tail"] {
            w.write_all(piece.as_bytes()).unwrap();
        }
        w.finish().unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a\n  \\u{3a}:error::x\nb\\u{1b}[2J\n\\u{3a}:tail"
        );
    }

    #[test]
    fn shown_pads_the_escaped_text() {
        assert_eq!(format!("[{:<6}]", Shown("a\nb")), "[a\\nb  ]");
    }
}
