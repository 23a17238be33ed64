//! `check --format json`: the header's keys, then `profiles` written one by one as they are
//! judged, then the keys known only at the end (`skipped`, `rules`, `summary`, `exit_code`). The
//! bytes are those of `serde_json`'s pretty printer over the whole object, so nothing but the
//! current profile is held.

use crate::check::{Footer, Header, ProfileCheck, Render};
use std::io;

#[derive(Default)]
pub struct Json {
    shown: usize,
}

impl Render for Json {
    fn begin(&mut self, out: &mut dyn io::Write, h: &Header) -> io::Result<()> {
        // The header object without its closing brace, then the opening of `profiles`.
        let head = serde_json::to_string_pretty(h).map_err(io::Error::other)?;
        let head = head.strip_suffix("\n}").unwrap_or(&head);
        write!(out, "{head},\n  \"profiles\": [")
    }

    fn profile(&mut self, out: &mut dyn io::Write, p: &ProfileCheck) -> io::Result<()> {
        out.write_all(if self.shown == 0 { b"\n" } else { b",\n" })?;
        self.shown += 1;
        let text = serde_json::to_string_pretty(p).map_err(io::Error::other)?;
        indented(out, &text, "    ")
    }

    fn end(&mut self, out: &mut dyn io::Write, f: &Footer) -> io::Result<()> {
        out.write_all(if self.shown == 0 { b"]" } else { b"\n  ]" })?;
        // The footer object's members follow `profiles` in the same object.
        let tail = serde_json::to_string_pretty(f).map_err(io::Error::other)?;
        let tail = tail.strip_prefix("{\n").unwrap_or(&tail);
        writeln!(out, ",\n{tail}")
    }
}

/// Writes pretty-printed JSON `text` with every line indented by `indent`, the first included.
/// JSON strings escape line breaks, so every `\n` in `text` is between tokens.
pub fn indented(out: &mut dyn io::Write, text: &str, indent: &str) -> io::Result<()> {
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
        }
        out.write_all(indent.as_bytes())?;
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}
