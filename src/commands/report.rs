//! `msgadvisor report`: an architecture decision record (MADR 4) for a profile, to stdout, a file,
//! or the next number in an ADR directory.

use crate::Outcome;
use crate::cli::ReportArgs;
use crate::date::Date;
use crate::render::adr::{self, AdrInput};
use anyhow::Context;
use std::path::{Path, PathBuf};

/// Where MADR keeps decisions when nothing says otherwise.
const DEFAULT_ADR_DIR: &str = "docs/decisions";

pub fn run(args: &ReportArgs) -> anyhow::Result<Outcome> {
    let date = match &args.date {
        Some(d) => Date::parse(d)
            .with_context(|| format!("--date {d}: expected YYYY-MM-DD, e.g. 2026-11-29"))?,
        None => Date::today(),
    };
    let super::Analysis {
        rules,
        loaded,
        report,
    } = super::analyse(&args.input, true)?;
    let summaries: Vec<(String, String)> = rules
        .candidates
        .iter()
        .map(|c| (c.id.clone(), c.summary.clone()))
        .collect();
    let text = crate::render::guarded(adr::render(&AdrInput {
        report: &report,
        profile: &loaded.profile,
        summaries: &summaries,
        date: date.to_string(),
        profile_path: confirmation_path(&loaded.file),
        tradeoffs: &rules.tradeoffs,
        references: &rules.references,
    }));

    // The argument parser refuses --output with --adr-dir.
    let mut stderr = super::warning_lines(&loaded);
    let written = match (&args.output, &args.adr_dir) {
        (Some(path), _) => {
            crate::output::write_whole(path, &text, args.force).map_err(anyhow::Error::msg)?;
            path.clone()
        }
        (None, Some(dir)) => {
            let dir = match dir {
                Some(d) => d.clone(),
                None => configured_adr_dir()?,
            };
            // The folder decisions live in, named on purpose (or MADR's default): created like
            // `adr new` does, and said, unlike a missing folder in an --output path.
            if !dir.exists() {
                std::fs::create_dir_all(&dir)
                    .with_context(|| format!("cannot create {}", dir.display()))?;
                stderr.push_str(&format!("created {}\n", dir.display()));
            }
            let slug = slug(&adr::title(&report));
            crate::output::write_numbered(&dir, &text, next_adr_number(&dir)?, |n| {
                adr_name(n, &slug)
            })
            .map_err(anyhow::Error::msg)?
        }
        (None, None) => {
            return Ok(Outcome {
                stderr,
                ..Outcome::success(text)
            });
        }
    };
    stderr.push_str(&format!("wrote {}\n", written.display()));
    Ok(Outcome {
        stderr,
        ..Default::default()
    })
}

/// adr-tools keeps the folder's name in `.adr-dir`; otherwise MADR's `docs/decisions`. A
/// `.adr-dir` that exists but cannot be read (a FIFO, which would block) is an error rather than
/// a silent fallback to another folder.
fn configured_adr_dir() -> anyhow::Result<PathBuf> {
    let path = Path::new(".adr-dir");
    if std::fs::symlink_metadata(path).is_err() {
        return Ok(PathBuf::from(DEFAULT_ADR_DIR));
    }
    let text = crate::input::read_text(path).map_err(|e| anyhow::anyhow!(".adr-dir: {e}"))?;
    let text = text.trim();
    Ok(PathBuf::from(if text.is_empty() {
        DEFAULT_ADR_DIR
    } else {
        text
    }))
}

/// One past the highest number of an `NNNN-*.md` record in `dir` (as `adr new`), compared as
/// numbers, so `10000-…` (numbers widen past 9999) follows `9999-…`.
pub fn next_adr_number(dir: &Path) -> anyhow::Result<u64> {
    let mut highest = 0u64;
    if dir.exists() {
        let entries =
            std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let digits = name.len() - name.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            if digits >= 4 && name[digits..].starts_with('-') && name.ends_with(".md") {
                // More digits than a u64 holds is nobody's numbering: skip it.
                if let Ok(n) = name[..digits].parse::<u64>() {
                    highest = highest.max(n);
                }
            }
        }
    }
    Ok(highest.saturating_add(1))
}

/// `NNNN-title-with-dashes.md`: at least four digits, more past 9999.
pub fn adr_name(number: u64, slug: &str) -> String {
    format!("{number:04}-{slug}.md")
}

/// Lower-case words joined by dashes, as adr-tools and MADR name files.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// The profile's path as the record's `check` command should name it: relative to the root of
/// the repository it is in (the nearest folder above it with a `.git`), so the command works in
/// CI and on a colleague's machine; relative to the working directory outside a repository; a
/// placeholder for standard input.
fn confirmation_path(file: &str) -> String {
    if file == "-" || file == "<stdin>" {
        return "<path to this profile>".into();
    }
    let dir = std::path::Path::new(file)
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let root = crate::input::repo_root(dir).or_else(|| {
        std::env::current_dir()
            .ok()
            .and_then(|d| d.canonicalize().ok())
    });
    root.and_then(|r| crate::input::relative_to(file, &r))
        .unwrap_or_else(|| file.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_like_adr_tools() {
        assert_eq!(
            slug("Use Apache Kafka for order-events"),
            "use-apache-kafka-for-order-events"
        );
        assert_eq!(
            slug("Use Redis Pub/Sub for cache invalidation!"),
            "use-redis-pub-sub-for-cache-invalidation"
        );
    }
}
