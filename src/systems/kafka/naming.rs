//! Names: Kafka topics (with their retry topic and DLQ) and consumer groups derived from the
//! profile, and the linter behind `msgadvisor names` that checks any topic name against Kafka's
//! own rules (errors) and the naming conventions (warnings).
//!
//! The scheme: `<domain>.<action-in-kebab-case>`, `.` between parts and `-` inside a part, never
//! `_`, so `.` and `_` are never mixed (Kafka's metric names treat them alike).

use super::sizing::topic_names;
use crate::profile::{Ordering, Profile};
use crate::systems::guidance::Advice;
use serde::Serialize;

/// Kafka's longest legal topic name.
pub const MAX_TOPIC_LEN: usize = 249;

const SRC_TOPIC_JAVA: &str = "apache/kafka clients/…/common/internals/Topic.java [V]: legal characters [a-zA-Z0-9._-], at most 249, not `.` or `..`; internal topics start with `__`";
const SRC_COLLISION: &str = "apache/kafka TopicCommand (hasCollisionChars) [V]: `.` and `_` collide in metric names; use one or the other";
/// Topic names are fixed once created (also cited by `diff` for a renamed topic).
pub const SRC_KARAFKA_NAMES: &str = "karafka.io/docs/Kafka-Best-Practices [V]: `<env>.<domain>.<entity>[.<action>]`, past tense for events, one separator; names cannot be changed later";
const SRC_CONFLUENT_NAMES: &str = "confluent.io/learn/kafka-topic-naming-convention [V]: parts such as domain and event type; consistency, discoverability";

/// A topic the profile's events go to, with where failures go.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Topic {
    pub name: String,
    /// The partition key (`events[].key`), when one is named.
    pub key: Option<String>,
    /// Dead-letter topic: `<topic>.dlq`.
    pub dlq: String,
    /// Retry topic: `<topic>.retry`.
    pub retry: String,
    pub partitions: u64,
}

/// The topics for `profile` (see [`super::sizing::topic_names`]), each with its retry
/// topic and DLQ.
pub fn topics(profile: &Profile, partitions: u64) -> Vec<Topic> {
    topic_names(profile)
        .into_iter()
        .map(|(name, key)| Topic {
            dlq: format!("{name}.dlq"),
            retry: format!("{name}.retry"),
            name,
            key,
            partitions,
        })
        .collect()
}

/// Warnings about the topics the profile implies: keyless sends when order matters, names that
/// break the conventions, order across topics.
pub fn topic_warnings(profile: &Profile, topics: &[Topic]) -> Vec<Advice> {
    let mut out = Vec::new();
    if profile.delivery.ordering == Ordering::PerKey {
        let keyless: Vec<&str> = topics
            .iter()
            .filter(|t| t.key.is_none())
            .map(|t| t.name.as_str())
            .collect();
        if !keyless.is_empty() {
            out.push(Advice::new(
                format!(
                    "ordering is per-key, but no key is named for {}: records sent without a key are spread over the partitions (round-robin or sticky batches), so they have no order at all. Name the key in `events[].key` and send every record with it.",
                    code_list(&keyless)
                ),
                "karafka.io/docs/Kafka-Best-Practices [V]: keyed records go to partition hash(key) % N; order holds only within a partition",
            ));
        }
    }
    // One warning per kind of finding, said for the first topic that has it and naming a few
    // of the others: a profile with 300 events must not give 300 warnings.
    let mut kinds: Vec<(Finding, &str, Vec<&str>)> = Vec::new();
    for t in topics {
        for f in lint(&t.name) {
            match kinds.iter_mut().find(|(first, _, _)| first.rule == f.rule) {
                Some((_, _, others)) => others.push(&t.name),
                None => kinds.push((f, &t.name, Vec::new())),
            }
        }
    }
    for (f, name, others) in kinds {
        let also = if others.is_empty() {
            String::new()
        } else {
            format!(
                " The same goes for {} more topic {}: {}.",
                crate::units::thousands(others.len() as f64),
                if others.len() == 1 { "name" } else { "names" },
                code_list(&others)
            )
        };
        out.push(Advice::new(
            format!(
                "The topic name `{name}` derived from the profile {}.{also} Topic names come from `events` (domain and action), or from `name` when there are none.",
                f.message
            ),
            f.source,
        ));
    }
    out
}

/// `a`, `a` and `b`, `a`, `b` and `c`, each in backticks; a [`few`](crate::diag::few) of a
/// long list.
pub(crate) fn code_list(items: &[&str]) -> String {
    let quoted: Vec<String> = items
        .iter()
        .take(crate::diag::NAMED_ENTRIES + 1)
        .map(|s| format!("`{s}`"))
        .collect();
    crate::diag::few(&quoted, items.len())
}

/// Naming advice for the topics and consumer groups.
pub fn advice(profile: &Profile, topics: &[Topic]) -> Vec<Advice> {
    let mut out = Vec::new();
    for t in topics {
        let key = match &t.key {
            Some(k) => format!("key `{k}`"),
            None => "no key named".to_string(),
        };
        out.push(Advice::plain(format!(
            "`{}` ({key}, {} partitions); retries go to `{}`, failures that retries cannot fix to `{}`",
            t.name, t.partitions, t.retry, t.dlq
        )));
    }
    out.push(Advice::cited(
        "The scheme is `<domain>.<event-in-past-tense>`: `.` between parts, `-` inside a part, lower case, never `_`. Add an environment prefix (`prod.`) only if clusters are shared between environments. Names cannot be changed later, so settle them before the first deploy.",
        [SRC_KARAFKA_NAMES, SRC_COLLISION],
    ));
    out.push(Advice::new(
        "Leave out of names whatever changes (team, service) or can be looked up (schema version in a registry); don't name topics after their producers or consumers.",
        "Chris Riccomini, \"How to paint a bike shed: Kafka topic naming conventions\" (2017) [V]",
    ));
    let groups = profile.consumers.groups;
    out.push(Advice::new(
        format!(
            "Consumer groups: {}, one per consuming service, named after the service and environment (`<service>-<env>`, e.g. `billing-prod`). Never share a group id between services: a group splits the messages among its members, so two services on one id each see only part of them.",
            crate::systems::guidance::plural(groups as f64, "group", "groups")
        ),
        "karafka.io/docs/Kafka-Best-Practices [V]: consumer groups `<app>-<env>`; within a group each partition goes to one consumer (Jun Rao, confluent.io/blog/how-choose-number-topics-partitions-kafka-cluster)",
    ));
    out
}

// --- the linter ---------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One problem with one topic name.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    pub severity: Severity,
    /// Stable kebab-case id of the naming rule.
    pub rule: &'static str,
    pub message: String,
    pub source: &'static str,
}

/// Kafka's own internal topics: legal as they are (a cluster's topic list includes them), and
/// the reason `__` is a convention to keep clear of.
pub const INTERNAL_TOPICS: &[&str] = &[
    "__consumer_offsets",
    "__transaction_state",
    "__cluster_metadata",
    "__share_group_state",
    "__remote_log_metadata",
];

const SRC_INTERNAL: &str = "apache/kafka clients/…/common/internals/Topic.java [V]: __consumer_offsets, __transaction_state, __share_group_state (share groups, KIP-932), __cluster_metadata; storage TopicBasedRLMMConfig [V]: __remote_log_metadata (tiered storage, KIP-405). Kafka does not refuse other `__` names";

/// Checks one topic name. Errors: what Kafka refuses (illegal characters, over 249 characters,
/// `.` or `..`). Warnings: the `__` prefix of internal topics, mixed `.` and `_`, upper case, a
/// name that doesn't read `<domain>.<event>`, an event not in the past tense (a heuristic).
/// Kafka's own internal topics pass.
pub fn lint(name: &str) -> Vec<Finding> {
    use Severity::*;
    let mut out = Vec::new();
    if INTERNAL_TOPICS.contains(&name) {
        return out;
    }
    let mut illegal: Vec<char> = name
        .chars()
        .filter(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')))
        .collect();
    illegal.sort_unstable();
    illegal.dedup();
    if !illegal.is_empty() {
        let shown: Vec<String> = illegal.iter().map(|c| format!("{c:?}")).collect();
        out.push(Finding {
            severity: Error,
            rule: "illegal-character",
            message: format!(
                "contains {}; only a-z, A-Z, 0-9, `.`, `_` and `-` are legal",
                shown.join(", ")
            ),
            source: SRC_TOPIC_JAVA,
        });
    }
    let len = name.chars().count();
    if len > MAX_TOPIC_LEN {
        out.push(Finding {
            severity: Error,
            rule: "too-long",
            message: format!("is {len} characters long; the limit is {MAX_TOPIC_LEN}"),
            source: SRC_TOPIC_JAVA,
        });
    }
    if name == "." || name == ".." {
        out.push(Finding {
            severity: Error,
            rule: "dot-name",
            message: "`.` and `..` are not legal topic names".into(),
            source: SRC_TOPIC_JAVA,
        });
        return out;
    }
    if name.starts_with("__") {
        // A convention, not a rule: Kafka creates such a topic, but a reader (and a future Kafka
        // release) will take it for one of Kafka's own.
        out.push(Finding {
            severity: Warning,
            rule: "reserved-prefix",
            message: "starts with `__`, the prefix Kafka's own internal topics use (`__consumer_offsets`, `__share_group_state`, …): Kafka accepts it, but it reads as internal and may clash with a future internal topic".into(),
            source: SRC_INTERNAL,
        });
    }
    if name.contains('.') && name.contains('_') {
        out.push(Finding {
            severity: Warning,
            rule: "mixed-separators",
            message: "mixes `.` and `_`, which collide in Kafka's metric names; use one separator"
                .into(),
            source: SRC_COLLISION,
        });
    }
    if name.chars().any(|c| c.is_ascii_uppercase()) {
        out.push(Finding {
            severity: Warning,
            rule: "upper-case",
            message: format!(
                "has upper case; the convention is lower case (`{}`)",
                name.to_ascii_lowercase()
            ),
            source: SRC_KARAFKA_NAMES,
        });
    }
    let parts: Vec<&str> = name.split('.').collect();
    if parts.iter().any(|p| p.is_empty()) {
        out.push(Finding {
            severity: Warning,
            rule: "empty-part",
            message: "has an empty part (a leading, trailing or doubled `.`)".into(),
            source: SRC_CONFLUENT_NAMES,
        });
        return out;
    }
    let core = strip_suffixes(&parts);
    if core.len() < 2 {
        out.push(Finding {
            severity: Warning,
            rule: "not-domain-event",
            message: "doesn't read `<domain>.<event>` (e.g. `order.placed`): name the domain, then what happened".into(),
            source: SRC_CONFLUENT_NAMES,
        });
    } else if let Some(event) = core.last()
        && !reads_past_tense(event)
    {
        out.push(Finding {
            severity: Warning,
            rule: "not-past-tense",
            message: format!(
                "ends in the event `{event}`, which doesn't read as past tense (a heuristic): events say what happened (`placed`, `signed-up`); commands are imperative and belong on a queue"
            ),
            source: SRC_KARAFKA_NAMES,
        });
    }
    out
}

/// The parts without trailing retry/DLQ/version suffixes (`order.placed.dlq` → `order`, `placed`;
/// `order.placed-retry-2` → `order`, `placed`).
fn strip_suffixes<'a>(parts: &[&'a str]) -> Vec<&'a str> {
    let mut v: Vec<&str> = parts.to_vec();
    while let Some(last) = v.last() {
        let l = last.to_ascii_lowercase();
        let is_suffix = matches!(
            l.as_str(),
            "dlq" | "dlt" | "retry" | "deadletter" | "dead-letter" | "error" | "errors"
        ) || is_version(&l)
            || (l.starts_with("retry-") && l[6..].chars().all(|c| c.is_ascii_digit()));
        if is_suffix && v.len() > 1 {
            v.pop();
        } else {
            break;
        }
    }
    if let Some(last) = v.last_mut() {
        *last = strip_inline_suffix(last);
    }
    v
}

fn is_version(s: &str) -> bool {
    s.len() > 1 && s.starts_with('v') && s[1..].chars().all(|c| c.is_ascii_digit())
}

/// `placed-retry-0`, `placed-dlt`, `placed_dlq` → `placed` (Spring and Karafka suffixes).
fn strip_inline_suffix(s: &str) -> &str {
    let mut s = s;
    loop {
        let lower = s.to_ascii_lowercase();
        let cut = ["-dlt", "-dlq", "_dlt", "_dlq", "-retry", "_retry"]
            .iter()
            .find(|suf| lower.ends_with(*suf))
            .map(|suf| s.len() - suf.len())
            .or_else(|| {
                // -retry-<n> / _retry_<n>
                let trimmed = lower.trim_end_matches(|c: char| c.is_ascii_digit());
                (trimmed.len() < lower.len()
                    && (trimmed.ends_with("-retry-") || trimmed.ends_with("_retry_")))
                .then(|| trimmed.len() - 7)
            });
        match cut {
            Some(n) if n > 0 => s = &s[..n],
            _ => return s,
        }
    }
}

/// Irregular past tenses and participles common in event names.
const IRREGULAR_PAST: &[&str] = &[
    "begun",
    "bought",
    "broken",
    "brought",
    "built",
    "caught",
    "chosen",
    "come",
    "cut",
    "dealt",
    "done",
    "drawn",
    "driven",
    "fed",
    "felt",
    "found",
    "forgotten",
    "frozen",
    "given",
    "gone",
    "got",
    "gotten",
    "grown",
    "heard",
    "held",
    "hidden",
    "hit",
    "hung",
    "kept",
    "known",
    "laid",
    "led",
    "left",
    "lent",
    "let",
    "lit",
    "lost",
    "made",
    "meant",
    "met",
    "paid",
    "put",
    "quit",
    "read",
    "rebuilt",
    "redone",
    "repaid",
    "reset",
    "resent",
    "rerun",
    "ridden",
    "run",
    "said",
    "seen",
    "sent",
    "set",
    "shown",
    "shut",
    "sold",
    "spent",
    "split",
    "spoken",
    "spun",
    "stolen",
    "struck",
    "stuck",
    "taken",
    "taught",
    "thought",
    "thrown",
    "told",
    "torn",
    "undone",
    "understood",
    "upheld",
    "withdrawn",
    "won",
    "woken",
    "worn",
    "written",
];

/// A heuristic: some word of the event (split on `-` and `_`) ends in `ed` or is a known
/// irregular past form. `placed`, `signed-up`, `paid` pass; `place`, `signup`, `payment` don't.
pub fn reads_past_tense(event: &str) -> bool {
    event
        .split(['-', '_'])
        .map(str::to_ascii_lowercase)
        .any(|w| (w.len() > 3 && w.ends_with("ed")) || IRREGULAR_PAST.contains(&w.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::systems::kafka::sizing::topic_name;

    fn rules_of(name: &str) -> Vec<&'static str> {
        lint(name).into_iter().map(|f| f.rule).collect()
    }

    #[test]
    fn derives_names_in_one_scheme() {
        assert_eq!(topic_name("user", "signed up"), "user.signed-up");
        assert_eq!(topic_name("Order", "Placed"), "order.placed");
        assert_eq!(
            topic_name("user_profile", "e-mail changed!"),
            "user-profile.e-mail-changed"
        );
        assert_eq!(topic_name("", "  "), "events");
        assert!(lint("user.signed-up").is_empty());
    }

    #[test]
    fn kafka_refuses_these() {
        assert_eq!(
            rules_of("order placed"),
            vec!["illegal-character", "not-domain-event"]
        );
        assert_eq!(rules_of("."), vec!["dot-name"]);
        assert_eq!(rules_of(".."), vec!["dot-name"]);
        assert_eq!(
            rules_of("__consumer_offsets"),
            Vec::<&str>::new(),
            "Kafka's own"
        );
        for internal in INTERNAL_TOPICS {
            assert_eq!(rules_of(internal), Vec::<&str>::new(), "{internal}");
        }
        assert!(rules_of("__my_offsets").contains(&"reserved-prefix"));
        assert!(
            lint("__my.offsets")
                .iter()
                .all(|f| f.severity == Severity::Warning),
            "`__` is a convention: a warning, not an error"
        );
        assert!(rules_of(&"a".repeat(250)).contains(&"too-long"));
        assert!(!rules_of(&format!("order.{}ed", "a".repeat(241))).contains(&"too-long"));
        assert!(rules_of("orders/placed").contains(&"illegal-character"));
        assert!(rules_of("zamówienie.złożone").contains(&"illegal-character"));
    }

    #[test]
    fn conventions_warn() {
        assert_eq!(rules_of("order.placed_v2"), vec!["mixed-separators"]);
        assert_eq!(rules_of("Order.Placed"), vec!["upper-case"]);
        assert_eq!(rules_of("orders"), vec!["not-domain-event"]);
        assert_eq!(rules_of("order.place"), vec!["not-past-tense"]);
        assert_eq!(rules_of("order..placed"), vec!["empty-part"]);
        for ok in [
            "order.placed",
            "order.placed.dlq",
            "order.placed.retry",
            "order.placed-retry-2",
            "order.placed-dlt",
            "prod.payments.payment.processed",
            "user.signed-up.v2",
            "invoice.paid",
            "order_placed_but_one_separator.sent",
        ] {
            let r = rules_of(ok);
            assert!(
                r.is_empty() || r == vec!["mixed-separators"] && ok.contains('_'),
                "{ok}: {r:?}"
            );
        }
        for severity_error in ["a b", ".", "a/b.created"] {
            assert!(
                lint(severity_error)
                    .iter()
                    .any(|f| f.severity == Severity::Error)
            );
        }
        assert!(
            lint("Orders")
                .iter()
                .all(|f| f.severity == Severity::Warning)
        );
    }

    #[test]
    fn past_tense_heuristic() {
        for yes in [
            "placed",
            "signed-up",
            "paid",
            "sent",
            "shipped",
            "created_v2",
        ] {
            assert!(reads_past_tense(yes), "{yes}");
        }
        for no in ["place", "signup", "payment", "ship", "red"] {
            assert!(!reads_past_tense(no), "{no}");
        }
    }
}
