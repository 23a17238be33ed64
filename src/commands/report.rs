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
    } = super::analyse(&args.profile, &args.rules, &args.prices, &args.what_if)?;
    let summaries: Vec<(String, String)> = rules
        .candidates
        .iter()
        .map(|c| (c.id.clone(), c.summary.clone()))
        .collect();
    let text = adr::render(&AdrInput {
        report: &report,
        profile: &loaded.profile,
        summaries: &summaries,
        date: date.to_string(),
        profile_path: loaded.file.clone(),
    });

    // The argument parser refuses --output with --adr-dir.
    let target = match (&args.output, &args.adr_dir) {
        (Some(path), _) => Some(path.clone()),
        (None, Some(dir)) => {
            let dir = match dir {
                Some(d) => d.clone(),
                None => configured_adr_dir()?,
            };
            Some(dir.join(next_adr_name(&dir, &adr::title(&report))?))
        }
        (None, None) => None,
    };
    let outcome = match target {
        None => Outcome::success(text),
        Some(path) => {
            crate::output::write_whole(&path, &text, args.force).map_err(anyhow::Error::msg)?;
            Outcome {
                stderr: format!("wrote {}\n", path.display()),
                ..Default::default()
            }
        }
    };
    Ok(outcome.keeping((rules, loaded, report)))
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

/// `NNNN-title-with-dashes.md`, one past the highest number already in `dir` (as `adr new`).
pub fn next_adr_name(dir: &Path, title: &str) -> anyhow::Result<String> {
    let mut highest = 0u32;
    if dir.exists() {
        let entries =
            std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let digits: String = name.chars().take_while(char::is_ascii_digit).collect();
            if digits.len() == 4 && name[4..].starts_with('-') && name.ends_with(".md") {
                highest = highest.max(digits.parse().unwrap_or(0));
            }
        }
    }
    Ok(format!("{:04}-{}.md", highest + 1, slug(title)))
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
