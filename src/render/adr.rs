//! The architecture decision record: MADR 4 sections rendered from the report (and the profile's
//! own numbers for the context), with Mermaid diagrams a review tool draws.

use super::markdown::cell;
use super::{bytes, num, thousands};
use crate::profile::{Ordering, Profile};
use crate::report::{CandidateReport, Report, Verdict};
use crate::untrusted::Shown;
use std::fmt::Write;

/// What the record needs besides the report.
pub struct AdrInput<'a> {
    pub report: &'a Report,
    pub profile: &'a Profile,
    /// One-line summaries of the candidates, by id.
    pub summaries: &'a [(String, String)],
    /// `YYYY-MM-DD`.
    pub date: String,
    /// The path to show in the Confirmation's `check` command.
    pub profile_path: String,
}

/// The record's title, e.g. "Use Apache Kafka for order-events": the team's declared decision
/// when the profile has one, since that is what the record records.
pub fn title(r: &Report) -> String {
    format!("Use {} for {}", Shown(&chosen(r).name), Shown(&r.profile))
}

/// The option the record records: the profile's `decision` when it names a ranked candidate,
/// else the recommendation.
fn chosen(r: &Report) -> &CandidateReport {
    r.decision
        .as_deref()
        .and_then(|d| r.candidate(d))
        .unwrap_or_else(|| recommended(r))
}

/// The first three reasons for `c`, as clauses of a "because" sentence.
fn pros(c: &CandidateReport) -> Vec<String> {
    c.reasons
        .iter()
        .filter(|x| x.is_for())
        .take(3)
        .map(|x| lower_first(&x.message))
        .collect()
}

fn recommended(r: &Report) -> &CandidateReport {
    r.candidate(&r.recommended)
        .expect("the recommended candidate is ranked")
}

pub fn render(a: &AdrInput) -> String {
    let (r, p) = (a.report, a.profile);
    let w = chosen(r);
    let rec = recommended(r);
    let mut out = String::new();
    let _ = writeln!(out, "---\nstatus: proposed\ndate: {}\n---\n", a.date);
    let _ = writeln!(out, "# {}\n", title(r));
    // Findings come first: they say what no pick can give.
    for f in &r.findings {
        let _ = writeln!(out, "> **Finding:** {}\n", Shown(&f.message));
    }

    out.push_str("## Context and Problem Statement\n\n");
    let _ = writeln!(out, "{}\n", context(p));
    let _ = writeln!(
        out,
        "Which messaging system should `{}` use, and how should it be run?\n",
        Shown(&p.name)
    );
    if !r.what_if.is_empty() {
        // A what-if is not in the profile file: the record must not pass for the file's.
        let set: Vec<String> = r
            .what_if
            .iter()
            .map(|w| format!("`--set {}={}`", Shown(&w.path), Shown(&w.value.to_string())))
            .collect();
        let _ = writeln!(
            out,
            "> **A what-if, not the profile as written:** this record was made with {}, which the profile file does not say.\n",
            set.join(", ")
        );
    }

    out.push_str("## Decision Drivers\n\n");
    let mut drivers: Vec<String> = Vec::new();
    for c in &r.candidates {
        for reason in &c.reasons {
            let decisive = ((c.id == w.id || c.id == rec.id) && reason.is_for())
                || reason.effect == "exclude"
                || reason.effect == "discourage";
            if decisive
                && !drivers
                    .iter()
                    .any(|d| d.contains(&format!("`{}`", reason.rule)))
            {
                drivers.push(format!("{} (`{}`)", reason.message, reason.rule));
            }
        }
    }
    for d in &drivers {
        let _ = writeln!(out, "* {d}");
    }
    out.push('\n');

    out.push_str("## Considered Options\n\n");
    for c in &r.candidates {
        let _ = writeln!(out, "* {}", c.name);
    }
    out.push('\n');

    out.push_str("## Decision Outcome\n\n");
    if w.id != rec.id {
        // The team decided against the rules: the record says so before anything else.
        let why = pros(rec);
        let against: Vec<String> = w
            .reasons
            .iter()
            .filter(|x| !x.is_for())
            .take(3)
            .map(|x| format!("{} (`{}`, {})", lower_first(&x.message), x.rule, x.effect))
            .collect();
        let _ = writeln!(
            out,
            "> **The rules recommend {}, not the team's decision.** {} is **{}** here (score {} against {}'s {}): {}.{}{}\n",
            rec.name,
            w.name,
            w.verdict.as_str(),
            w.score,
            rec.name,
            rec.score,
            lower_first(&w.verdict_reason),
            if against.is_empty() {
                String::new()
            } else {
                format!(" Against it: {}.", against.join("; "))
            },
            if why.is_empty() {
                String::new()
            } else {
                format!(" For {}: {}.", rec.name, why.join("; "))
            }
        );
    }
    let because = pros(w);
    let _ = writeln!(
        out,
        "Chosen option: \"{}\", because {}.\n",
        w.name,
        if because.is_empty() && w.id != rec.id {
            "the team chose it (the profile's `decision`), against the rules' recommendation above"
                .to_string()
        } else if because.is_empty() {
            "it is the best of the options left after the knock-out criteria".to_string()
        } else {
            because.join("; ")
        }
    );
    if w.id != rec.id {
        // Said in the note above.
    } else if let Some(second) = r
        .candidates
        .iter()
        .find(|c| c.id != w.id && c.verdict != Verdict::Excluded)
    {
        let _ = writeln!(
            out,
            "It scored {} against {} for the runner-up, {} ({}); candidates within {} points are viable.\n",
            w.score,
            second.score,
            second.name,
            second.verdict.as_str(),
            r.viable_margin
        );
    }
    if !r.patterns.is_empty() {
        let _ = writeln!(
            out,
            "Together with the pattern{}: {}.\n",
            if r.patterns.len() > 1 { "s" } else { "" },
            r.patterns
                .iter()
                .map(|p| format!("`{p}`"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    out.push_str("### Consequences\n\n");
    for x in w.reasons.iter().filter(|x| x.is_for()) {
        let _ = writeln!(out, "* Good, because {}", lower_first(&x.message));
    }
    for x in w.reasons.iter().filter(|x| !x.is_for()) {
        let _ = writeln!(out, "* Bad, because {}", lower_first(&x.message));
    }
    for warning in &r.warnings {
        let _ = writeln!(out, "* Bad, because {}", lower_first(&warning.message));
    }
    out.push_str("\n### Confirmation\n\n");
    let when = if w.verdict == Verdict::Excluded {
        // Recorded against a knock-out rule: the gate this record proposes fails today.
        let rules: Vec<String> = w
            .reasons
            .iter()
            .filter(|x| x.effect == "exclude")
            .map(|x| format!("`{}`", x.rule))
            .collect();
        format!(
            "The check fails now: `{}` is excluded here ({}). Keeping the decision takes a waiver in the profile (`waivers:` with the rule, a reason and an expiry date) that a reviewer accepts.",
            w.id,
            rules.join(", ")
        )
    } else {
        format!(
            "The check fails when a change to the profile makes `{}` an excluded option.",
            w.id
        )
    };
    let _ = writeln!(
        out,
        "The profile records `decision: {}`, and CI keeps the decision true as the workload changes:\n\n```sh\nmsgadvisor check {}\n```\n\n{when}\n",
        w.id,
        Shown(&a.profile_path),
    );

    out.push_str("## Pros and Cons of the Options\n");
    for c in &r.candidates {
        let _ = writeln!(out, "\n### {}\n", c.name);
        if let Some((_, s)) = a.summaries.iter().find(|(id, _)| *id == c.id) {
            let _ = writeln!(out, "{s}\n");
        }
        let _ = writeln!(
            out,
            "Verdict: **{}** (score {}): {}.\n",
            c.verdict.as_str(),
            c.score,
            lower_first(&c.verdict_reason)
        );
        if c.reasons.is_empty() {
            out.push_str("* Neutral, because no rule changed its score\n");
        }
        for x in &c.reasons {
            let kind = match x.effect.as_str() {
                "exclude" => "Bad (knock-out)",
                e if e.starts_with('+') => "Good",
                _ => "Bad",
            };
            let _ = writeln!(
                out,
                "* {kind}, because {} (`{}`, {})",
                lower_first(&x.message),
                x.rule,
                x.effect
            );
        }
    }

    out.push_str("\n## More Information\n\n");
    out.push_str("### How it flows\n\n");
    let _ = writeln!(out, "```mermaid\n{}```\n", flow(r, p));

    out.push_str("### The workload in numbers\n\n");
    out.push_str(&super::markdown::derived_table(
        &r.derived,
        Some(p.throughput.peak_per_sec),
    ));
    out.push('\n');
    // How to run it: the same guidance as `recommend`, one heading level down so it sits under
    // More Information.
    let guidance = super::guidance::markdown(r);
    if !guidance.is_empty() {
        out.push_str(&demote_headings(guidance.trim_start()));
        out.push('\n');
    }
    out.push_str(&super::cost::decision_record(r));

    out.push_str("### Sources\n\n| Rule | Source |\n|---|---|\n");
    let mut seen: Vec<&str> = Vec::new();
    for c in &r.candidates {
        for x in &c.reasons {
            if !seen.contains(&x.rule.as_str()) {
                seen.push(&x.rule);
                let _ = writeln!(out, "| `{}` | {} |", x.rule, cell(&x.source));
            }
        }
    }
    out.push_str("\n### Assumptions and when to revisit\n\n");
    let _ = writeln!(
        out,
        "* The figures above are the profile's: peak {} msg/s, {} bytes per message, growth ×{}, {} consumer group(s), {} ms per message. Revisit when any of them changes materially, and re-run `msgadvisor report` on the updated profile.",
        num(p.throughput.peak_per_sec),
        thousands(p.throughput.message_bytes as f64),
        num(p.throughput.growth_factor),
        p.consumers.groups,
        num(p.consumers.processing_ms)
    );
    out.push_str("* Rule weights and thresholds marked as msgadvisor policy are assumptions, not measurements; a team can override them in a rule pack (`--rules DIR`).\n");
    for f in &r.flip_points {
        let _ = writeln!(out, "* Revisit if this moves: {}", f.sentence);
    }
    out
}

/// The workload in prose, with its numbers.
fn context(p: &Profile) -> String {
    let t = &p.throughput;
    let mut s = String::new();
    if let Some(d) = &p.description {
        let _ = write!(s, "{}. ", d.trim_end_matches('.'));
    }
    let _ = write!(
        s,
        "`{}` carries up to {} messages per second at peak ({} on average) of about {} each, expected to grow ×{}. ",
        Shown(&p.name),
        num(t.peak_per_sec),
        num(t.avg()),
        bytes(t.message_bytes as f64),
        num(t.growth_factor)
    );
    let _ = write!(
        s,
        "{} that need{} every message, spending about {} ms on each. ",
        if p.consumers.groups == 1 {
            "One consumer group".to_string()
        } else {
            format!("{} independent consumer groups", p.consumers.groups)
        },
        if p.consumers.groups == 1 { "s" } else { "" },
        num(p.consumers.processing_ms)
    );
    let _ = write!(
        s,
        "{}; ordering: {}; {}. ",
        if p.delivery.loss_ok {
            "Losing a message does no harm"
        } else {
            "Messages must not be lost"
        },
        match p.delivery.ordering {
            Ordering::None => "none required",
            Ordering::PerKey => "per key",
            Ordering::Global => "global",
        },
        if p.replay.needed {
            format!(
                "consumers must be able to replay {} days of history",
                num(p.replay.retention_days)
            )
        } else {
            "no replay is needed".to_string()
        }
    );
    if p.source.db_transaction {
        s.push_str("Messages are born inside a database transaction. ");
    }
    let _ = write!(
        s,
        "The team has {} engineer{} ({} Kafka experience){}.",
        p.team.size,
        if p.team.size == 1 { "" } else { "s" },
        p.team.kafka_experience.as_str(),
        if p.platform.existing.is_empty() {
            String::new()
        } else {
            format!(" and already runs {}", p.platform.existing.join(", "))
        }
    );
    s
}

/// A Mermaid flowchart of the chosen system (only plain identifiers and quoted labels, so any
/// Mermaid version draws it).
fn flow(r: &Report, p: &Profile) -> String {
    let groups = p.consumers.groups.clamp(1, 6);
    let more = p.consumers.groups > 6;
    let workers = r.derived.consumers_needed_grown;
    let mut f = String::from("flowchart LR\n");
    let producers = "    producers[\"Producers\"]\n";
    let outbox_front = r.patterns.iter().any(|x| x == "outbox");
    let src = if outbox_front {
        f.push_str("    service[\"Service\"] -->|\"one transaction\"| db[(\"Database: business tables + outbox\")]\n    db --> relay[\"Outbox relay\"]\n");
        "relay"
    } else {
        f.push_str(producers);
        "producers"
    };
    match r.recommended.as_str() {
        "kafka" => {
            // The topic and partition count come from the guidance, so the diagram and the
            // partition table agree.
            let (topic, parts, more) = match &r.kafka {
                Some(k) => (
                    k.topics.first().map_or(p.name.clone(), |t| t.name.clone()),
                    format!(", {} partitions", k.partitions.count),
                    k.topics.len().saturating_sub(1),
                ),
                None => (p.name.clone(), String::new(), 0),
            };
            let more = if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            };
            let _ = writeln!(
                f,
                "    {src} -->|\"keyed sends\"| topic[(\"Kafka topic {topic}{more}{parts}\")]"
            );
            for g in 1..=groups {
                let _ = writeln!(f, "    topic --> group{g}[\"Consumer group {g}\"]");
            }
        }
        "redis-streams" => {
            let _ = writeln!(f, "    {src} -->|\"XADD\"| stream[(\"Redis stream\")]");
            for g in 1..=groups {
                let _ = writeln!(
                    f,
                    "    stream -->|\"XREADGROUP\"| group{g}[\"Consumer group {g}\"]"
                );
            }
        }
        "redis-pubsub" => {
            let _ = writeln!(f, "    {src} -->|\"PUBLISH\"| channel((\"Redis channel\"))");
            for g in 1..=groups {
                let _ = writeln!(
                    f,
                    "    channel -.->|\"at most once\"| sub{g}[\"Subscriber {g}\"]"
                );
            }
        }
        "outbox" => {
            f = String::from(
                "flowchart LR\n    service[\"Service\"] -->|\"one transaction\"| db[(\"Database: business tables + outbox\")]\n    db -->|\"poll in order\"| worker[\"Single outbox worker\"]\n    worker --> handler[\"Side effect: API call or message\"]\n",
            );
        }
        id => {
            let name = r.candidate(id).map_or(id, |c| c.name.as_str());
            let _ = writeln!(
                f,
                "    {src} --> queue[(\"{} queue\")]",
                name.replace('"', "'")
            );
            let _ = writeln!(
                f,
                "    queue --> workers[\"Workers: {} at peak after growth\"]",
                num(workers)
            );
        }
    }
    if more {
        let _ = writeln!(f, "    note[\"… {} groups in all\"]", p.consumers.groups);
    }
    f
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        // Keep proper names and acronyms (Kafka, BullMQ, RAM) as written.
        Some(first)
            if first.is_uppercase()
                && !c.clone().next().is_some_and(char::is_uppercase)
                && !starts_with_name(s) =>
        {
            first.to_lowercase().collect::<String>() + c.as_str()
        }
        _ => s.to_string(),
    }
}

fn starts_with_name(s: &str) -> bool {
    [
        "Kafka",
        "Redis",
        "BullMQ",
        "RabbitMQ",
        "Node",
        "Python",
        "Confluent",
        "AWS",
        "MSK",
    ]
    .iter()
    .any(|n| s.starts_with(n))
}

/// `## x` becomes `### x` (and so on), leaving code blocks alone.
fn demote_headings(md: &str) -> String {
    let mut out = String::with_capacity(md.len() + 64);
    let mut in_code = false;
    for line in md.lines() {
        if line.starts_with("```") {
            in_code = !in_code;
        }
        if !in_code && line.starts_with('#') {
            out.push('#');
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}
