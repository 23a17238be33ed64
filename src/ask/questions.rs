//! The questions of `msgadvisor ask`, as data: what each asks in plain words, the help line shown
//! under it, what the answer is used for (shown by `?`), the profile field it fills, the kind of
//! answer (a number's unit decides which units an answer may carry), the default, and when it
//! is asked.
//!
//! Nothing here prompts or validates: the flow (`flow.rs`) runs these through a `Prompter` and
//! checks every answer with the profile loader, so an answer is held to the same rules as a file.

/// One question.
#[derive(Debug)]
pub struct Question {
    /// Stable id; conditions refer to questions by it.
    pub id: &'static str,
    /// The profile field it fills (dotted path), or `None` for a question that only steers the
    /// flow (whether to name events).
    pub path: Option<&'static str>,
    /// The heading of the group it belongs to, shown when the group starts.
    pub section: &'static str,
    /// The question, in plain words.
    pub prompt: &'static str,
    /// One line under the question: what it means and what to answer.
    pub help: &'static str,
    /// What the answer is used for (rules, sizing, cost), shown by `?` with the help line.
    pub used_for: &'static str,
    pub kind: Kind,
    /// The answer Enter accepts, unless `--from` gives one.
    pub default: DefaultAnswer,
    /// When the question is asked; otherwise the field keeps its value from `--from` (or the
    /// profile default).
    pub when: When,
}

/// The kind of answer a question takes.
#[derive(Debug)]
pub enum Kind {
    /// A number. `min`/`max` (infinite: no upper bound) are shown to the user; the profile loader is the one that enforces
    /// them (a test keeps the two in step). `optional`: Enter with no default, or `none`, leaves
    /// the field unset.
    Number {
        min: f64,
        /// True when `min` itself is not allowed (`> 0` rather than `>= 0`).
        min_exclusive: bool,
        max: f64,
        integer: bool,
        optional: bool,
        unit: &'static str,
    },
    /// Free text on one line. `optional`: empty leaves the field unset.
    Text { optional: bool },
    /// Yes or no.
    YesNo,
    /// One of a few values. `optional`: adds a last option that leaves the field unset.
    Choice {
        options: &'static [Opt],
        optional: bool,
    },
    /// Any number of yes/no features, each a boolean key under the question's path.
    Flags(&'static [Opt]),
    /// Any number of names from a known list, written as a list at the question's path. Names
    /// from `--from` that are not in the list are offered too, so revising never drops them.
    Names(&'static [&'static str]),
    /// Events as `domain.action[:key]`, comma-separated: a text list.
    Events,
    /// The team's chosen candidate: one of the rule set's candidates, or none yet.
    Decision,
}

/// An option of a choice: the value written to the profile and the words shown.
#[derive(Debug)]
pub struct Opt {
    pub value: &'static str,
    pub label: &'static str,
}

/// The answer Enter accepts when `--from` gives none.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DefaultAnswer {
    Number(f64),
    Bool(bool),
    Text(&'static str),
    /// Unset (optional fields), empty (lists, flags), or none yet (decision).
    Nothing,
}

/// When a question is asked, from earlier answers (or their defaults, when they were skipped).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum When {
    Always,
    /// The yes/no question with this id was answered yes.
    Yes(&'static str),
    /// The number question with this id was answered with exactly this value.
    Equals(&'static str, f64),
}

const fn number(min: f64, min_exclusive: bool, max: f64, unit: &'static str) -> Kind {
    Kind::Number {
        min,
        min_exclusive,
        max,
        integer: false,
        optional: false,
        unit,
    }
}

const fn integer(min: f64, max: f64, unit: &'static str) -> Kind {
    Kind::Number {
        min,
        min_exclusive: false,
        max,
        integer: true,
        optional: false,
        unit,
    }
}

const fn optional_number(min: f64, min_exclusive: bool, max: f64, unit: &'static str) -> Kind {
    Kind::Number {
        min,
        min_exclusive,
        max,
        integer: false,
        optional: true,
        unit,
    }
}

/// Every question, in the order asked. Follow-ups come right after the answer they depend on.
pub const QUESTIONS: &[Question] = &[
    // ---- The workload
    Question {
        id: "name",
        path: Some("name"),
        section: "The workload",
        prompt: "What is the workload called?",
        help: "A service or stream name, e.g. order-events. It titles the report, names the default topic and the profile file.",
        used_for: "The report's title, the default topic name when no events are given, and the file name (`<name>.msgadvisor.yaml`).",
        kind: Kind::Text { optional: false },
        default: DefaultAnswer::Text("my-workload"),
        when: When::Always,
    },
    Question {
        id: "description",
        path: Some("description"),
        section: "The workload",
        prompt: "In one sentence, what flows?",
        help: "Optional, for readers of the profile and the decision record. Enter to skip; `none` clears it.",
        used_for: "Only people read it: the profile and the decision record. No built-in rule reads it.",
        kind: Kind::Text { optional: true },
        default: DefaultAnswer::Nothing,
        when: When::Always,
    },
    // ---- Traffic
    Question {
        id: "peak",
        path: Some("throughput.peak_per_sec"),
        section: "Traffic",
        prompt: "How many messages per second at the busiest minute?",
        help: "The peak, not the average. Fractions are fine: 0.02 is about one a minute.",
        used_for: "Sizing at the peak: how many consumers must run in parallel (peak × processing time), Kafka's partition count and throughput floor, broker and node sizes; rules compare it with thresholds (e.g. low-traffic-kafka below about 100 msg/s).",
        kind: number(
            crate::profile::range::PEAK_PER_SEC.0,
            false,
            crate::profile::range::PEAK_PER_SEC.1,
            "messages/s",
        ),
        default: DefaultAnswer::Number(10.0),
        when: When::Always,
    },
    Question {
        id: "avg",
        path: Some("throughput.avg_per_sec"),
        section: "Traffic",
        prompt: "And on average, how many messages per second?",
        help: "Enter if you don't know: the peak is used. It cannot be above the peak.",
        used_for: "The steady load: messages per day, the bytes kept for the replay window (disk, or a Redis stream's RAM) and the transfer and storage in the cost estimate.",
        kind: optional_number(
            crate::profile::range::AVG_PER_SEC.0,
            false,
            crate::profile::range::AVG_PER_SEC.1,
            "messages/s",
        ),
        default: DefaultAnswer::Nothing,
        when: When::Always,
    },
    Question {
        id: "message_bytes",
        path: Some("throughput.message_bytes"),
        section: "Traffic",
        prompt: "How big is one message, in bytes?",
        help: "As sent on the wire, headers included; a rough figure is fine.",
        used_for: "Bytes per second and bytes retained (peak or average × size), Redis memory per entry, and every price charged per GiB.",
        kind: integer(1.0, 104_857_600.0, "bytes"),
        default: DefaultAnswer::Number(1024.0),
        when: When::Always,
    },
    Question {
        id: "growth",
        path: Some("throughput.growth_factor"),
        section: "Traffic",
        prompt: "By what factor will the traffic grow over your planning horizon?",
        help: "1 means no growth, 2 means it doubles. Sizing uses the grown figures.",
        used_for: "Sizing uses the figures after growth: Kafka's partition count is multiplied by it (adding partitions later moves keys), and machines are sized for the grown peak.",
        kind: number(1.0, false, 1000.0, "×"),
        default: DefaultAnswer::Number(2.0),
        when: When::Always,
    },
    // ---- Consumers
    Question {
        id: "groups",
        path: Some("consumers.groups"),
        section: "Consumers",
        prompt: "How many different services need every message?",
        help: "Independent consumers that each read all messages (billing, analytics, …). 1 means a work queue: each message is handled once.",
        used_for: "Fan-out: 2 or more groups that each need every message favour a log (Kafka, Redis Streams); 1 is a work queue and brings the job-queue questions. Kafka gets one consumer group each.",
        kind: integer(1.0, 10_000.0, "services"),
        default: DefaultAnswer::Number(1.0),
        when: When::Always,
    },
    Question {
        id: "processing_ms",
        path: Some("consumers.processing_ms"),
        section: "Consumers",
        prompt: "How many milliseconds does a consumer spend on one message?",
        help: "This sets how many consumers must work in parallel to keep up at the peak.",
        used_for: "Consumers needed per group = peak × milliseconds ÷ 1000, rounded up: Kafka's partition count, BullMQ's concurrency, and whether one worker or one ordered consumer can keep up.",
        kind: number(0.0, false, 86_400_000.0, "ms"),
        default: DefaultAnswer::Number(10.0),
        when: When::Always,
    },
    Question {
        id: "max_stall_minutes",
        path: Some("consumers.max_stall_minutes"),
        section: "Consumers",
        prompt: "If the consumers stop or slow down (a slow database, an outage), how many minutes must the system hold the messages that pile up?",
        help: "Producers keep sending while consumers are stalled; this is how long the backlog must be kept. Press Enter to skip: rules about the backlog then don't run.",
        used_for: "Backlog = peak rate × message size × these minutes: a rule compares it with the largest Redis node's memory (BullMQ and Redis Streams hold it in RAM; Kafka, RabbitMQ and the database hold it on disk).",
        kind: optional_number(0.0, false, 43_200.0, "minutes"),
        default: DefaultAnswer::Nothing,
        when: When::Always,
    },
    // ---- Guarantees
    Question {
        id: "loss_ok",
        path: Some("delivery.loss_ok"),
        section: "Guarantees",
        prompt: "Can a message be lost without harm?",
        help: "Yes for short-lived signals (cache invalidation, presence, live dashboards); no when a lost message is a lost order or a lost email.",
        used_for: "Redis Pub/Sub delivers at most once: a rule excludes it when loss is not acceptable. Acceptable loss also makes an ephemeral broadcast a fit.",
        kind: Kind::YesNo,
        default: DefaultAnswer::Bool(false),
        when: When::Always,
    },
    Question {
        id: "ordering",
        path: Some("delivery.ordering"),
        section: "Guarantees",
        prompt: "Must messages be handled in the order they were sent?",
        help: "Per key is the usual need: the events of one order in order, different orders in parallel.",
        used_for: "Per-key ordering means partition keys (Kafka) or one ordered stream per key; global ordering means one partition and one consumer, with a warning when one consumer cannot keep up.",
        kind: Kind::Choice {
            options: &[
                Opt {
                    value: "none",
                    label: "No, any order is fine",
                },
                Opt {
                    value: "per-key",
                    label: "Per key: the messages of one entity (one order, one user) in order",
                },
                Opt {
                    value: "global",
                    label: "Globally: every message in the order it was sent",
                },
            ],
            optional: false,
        },
        default: DefaultAnswer::Text("none"),
        when: When::Always,
    },
    Question {
        id: "max_latency_ms",
        path: Some("delivery.max_latency_ms"),
        section: "Guarantees",
        prompt: "Is there an end-to-end latency target, in milliseconds?",
        help: "From publish to handled. Enter if there is none; `none` clears it.",
        used_for: "Kept in the profile for readers; no built-in rule reads it, but a rule pack can (`delivery.max_latency_ms`).",
        kind: optional_number(
            crate::profile::range::MAX_LATENCY_MS.0,
            false,
            crate::profile::range::MAX_LATENCY_MS.1,
            "ms",
        ),
        default: DefaultAnswer::Nothing,
        when: When::Always,
    },
    Question {
        id: "replay",
        path: Some("replay.needed"),
        section: "Guarantees",
        prompt: "Must a new consumer be able to read history?",
        help: "Yes when a new service backfills, or when a fix must re-process old messages; no when only new messages matter.",
        used_for: "Replay needs a durable log (Kafka, Redis Streams) and rules out job queues and Pub/Sub.",
        kind: Kind::YesNo,
        default: DefaultAnswer::Bool(false),
        when: When::Always,
    },
    Question {
        id: "retention_days",
        path: Some("replay.retention_days"),
        section: "Guarantees",
        prompt: "How far back, in days?",
        help: "How long messages are kept for replay. It sizes the disk (or the RAM of a Redis stream).",
        used_for: "The bytes kept for the window: Kafka disk per broker, and whether a Redis stream's RAM fits one node; rules weigh short windows against long ones.",
        kind: number(
            crate::profile::range::RETENTION_DAYS.0,
            false,
            crate::profile::range::RETENTION_DAYS.1,
            "days",
        ),
        default: DefaultAnswer::Number(7.0),
        when: When::Yes("replay"),
    },
    // ---- Work queue (one consumer group)
    Question {
        id: "jobs",
        path: Some("jobs"),
        section: "Work queue",
        prompt: "Which job-queue features does the work need?",
        help: "Asked because one service handles each message, as in a work queue. Space toggles, Enter accepts.",
        used_for: "Job-queue features (retries, delays, priorities, rate limits, schedules) favour BullMQ or RabbitMQ over a log, which has none of them built in.",
        kind: Kind::Flags(&[
            Opt {
                value: "retries",
                label: "Retry failed jobs",
            },
            Opt {
                value: "delays",
                label: "Run a job later (delayed jobs)",
            },
            Opt {
                value: "priorities",
                label: "Let urgent jobs jump the queue (priorities)",
            },
            Opt {
                value: "rate_limit",
                label: "Rate-limit jobs (e.g. a third-party API quota)",
            },
            Opt {
                value: "scheduled",
                label: "Repeat jobs on a schedule (cron)",
            },
        ]),
        default: DefaultAnswer::Nothing,
        when: When::Equals("groups", 1.0),
    },
    // ---- Source
    Question {
        id: "db_transaction",
        path: Some("source.db_transaction"),
        section: "Where messages come from",
        prompt: "Is each message written in the same database transaction as your data?",
        help: "Yes when the row and the message must never disagree: an order saved but its event lost, or the reverse.",
        used_for: "Messages born in a database transaction point to the outbox: the table itself as the queue, or publishing to a broker through it (the `outbox` pattern).",
        kind: Kind::YesNo,
        default: DefaultAnswer::Bool(false),
        when: When::Always,
    },
    Question {
        id: "database",
        path: Some("source.database"),
        section: "Where messages come from",
        prompt: "Which database?",
        help: "The database the transaction runs in.",
        used_for: "The outbox rules and the outbox guidance read it.",
        kind: Kind::Choice {
            options: &[
                Opt {
                    value: "postgres",
                    label: "PostgreSQL",
                },
                Opt {
                    value: "mysql",
                    label: "MySQL",
                },
                Opt {
                    value: "other",
                    label: "Another database",
                },
            ],
            optional: true,
        },
        default: DefaultAnswer::Nothing,
        when: When::Yes("db_transaction"),
    },
    // ---- Team
    Question {
        id: "team_size",
        path: Some("team.size"),
        section: "Team",
        prompt: "How many engineers would operate it?",
        help: "The people who would be on call for it, not the whole company.",
        used_for: "Small teams are steered away from running Kafka themselves and towards the cheapest way they do not operate.",
        kind: integer(1.0, 100_000.0, "engineers"),
        default: DefaultAnswer::Number(5.0),
        when: When::Always,
    },
    Question {
        id: "kafka_experience",
        path: Some("team.kafka_experience"),
        section: "Team",
        prompt: "How well does the team know Kafka?",
        help: "Running Kafka well takes knowledge of partitions, consumer groups and rebalances.",
        used_for: "Rules for teams new to Kafka or expert in it, and the operating hours in the people part of Kafka's cost.",
        kind: Kind::Choice {
            options: &[
                Opt {
                    value: "none",
                    label: "Not at all",
                },
                Opt {
                    value: "some",
                    label: "Some: has used it, or run it with help",
                },
                Opt {
                    value: "expert",
                    label: "Expert: runs it in production today",
                },
            ],
            optional: false,
        },
        default: DefaultAnswer::Text("none"),
        when: When::Always,
    },
    Question {
        id: "managed_only",
        path: Some("team.managed_only"),
        section: "Team",
        prompt: "Does the team run managed services only (no self-hosted brokers)?",
        help: "Yes when anything new must be a cloud service someone else operates.",
        used_for: "Self-hosted ways to run each system are left out of the cost; on-prem with managed-only is flagged.",
        kind: Kind::YesNo,
        default: DefaultAnswer::Bool(false),
        when: When::Always,
    },
    Question {
        id: "hourly_usd",
        path: Some("team.hourly_usd"),
        section: "Team",
        prompt: "What does one engineer-hour cost, in USD?",
        help: "Salary and overhead, for the people part of cost estimates. Enter to skip; `none` clears it.",
        used_for: "The people part of each cost estimate: operating hours a month × this rate ($100 when unset).",
        kind: optional_number(
            crate::profile::range::HOURLY_USD.0,
            false,
            crate::profile::range::HOURLY_USD.1,
            "USD/hour",
        ),
        default: DefaultAnswer::Nothing,
        when: When::Always,
    },
    // ---- Platform
    Question {
        id: "cloud",
        path: Some("platform.cloud"),
        section: "Platform",
        prompt: "Where does it run?",
        help: "Managed offers and prices differ by cloud.",
        used_for: "Which managed offers are priced (MSK and ElastiCache on AWS), and rules such as managed-only-on-prem.",
        kind: Kind::Choice {
            options: &[
                Opt {
                    value: "aws",
                    label: "AWS",
                },
                Opt {
                    value: "gcp",
                    label: "Google Cloud",
                },
                Opt {
                    value: "azure",
                    label: "Azure",
                },
                Opt {
                    value: "on-prem",
                    label: "Our own data centre (on-prem)",
                },
                Opt {
                    value: "other",
                    label: "Elsewhere, or not decided",
                },
            ],
            optional: false,
        },
        default: DefaultAnswer::Text("other"),
        when: When::Always,
    },
    Question {
        id: "languages",
        path: Some("platform.languages"),
        section: "Platform",
        prompt: "Which languages are the producers and consumers written in?",
        help: "Space toggles, Enter accepts. Another runtime? Add it to platform.languages in the file; any lowercase name works.",
        used_for: "Client libraries: BullMQ needs Node.js (or its Python port, with fewer features); rules read the runtimes.",
        kind: Kind::Names(crate::profile::KNOWN_LANGUAGES),
        default: DefaultAnswer::Nothing,
        when: When::Always,
    },
    Question {
        id: "existing",
        path: Some("platform.existing"),
        section: "Platform",
        prompt: "Which of these does the team already run in production?",
        help: "Space toggles, Enter accepts. A system you already operate costs less to adopt.",
        used_for: "A system already run in production costs less to adopt: rules favour it, and the cost prices \"the one you already run\".",
        kind: Kind::Names(crate::profile::KNOWN_SYSTEMS),
        default: DefaultAnswer::Nothing,
        when: When::Always,
    },
    // ---- Budget
    Question {
        id: "budget",
        path: Some("budget.monthly_usd"),
        section: "Budget",
        prompt: "What is the monthly infrastructure budget, in USD?",
        help: "Enter if there is none; `none` clears it.",
        used_for: "A candidate whose cheapest way to run costs more infrastructure a month than this is discouraged (the over-budget rules).",
        kind: optional_number(
            crate::profile::range::MONTHLY_USD.0,
            false,
            crate::profile::range::MONTHLY_USD.1,
            "USD/month",
        ),
        default: DefaultAnswer::Nothing,
        when: When::Always,
    },
    // ---- Topic names
    Question {
        id: "topic_names",
        path: None,
        section: "Topic names",
        prompt: "Do you want topic names suggested for your events?",
        help: "Then you name the events that flow, and the report names their topics and dead-letter topics.",
        used_for: "Whether to name the events; without them the report suggests one topic named after the workload.",
        kind: Kind::YesNo,
        default: DefaultAnswer::Bool(false),
        when: When::Always,
    },
    Question {
        id: "events",
        path: Some("events"),
        section: "Topic names",
        prompt: "Which events flow? (domain.action or domain.action:key, comma-separated)",
        help: "Past tense for events, e.g. order.placed:order_id, order.paid:order_id. The key is what must stay in order.",
        used_for: "Kafka topic names (`<domain>.<action>` with `.retry` and `.dlq`), their partition keys, and the partition count across topics.",
        kind: Kind::Events,
        default: DefaultAnswer::Nothing,
        when: When::Yes("topic_names"),
    },
    // ---- Decision
    Question {
        id: "decision",
        path: Some("decision"),
        section: "Decision",
        prompt: "Has the team already chosen a system?",
        help: "Recorded as `decision`; `msgadvisor check` tests it against the rules in CI.",
        used_for: "`msgadvisor check` compares it with the rules in CI: pass when recommended or viable, warn when discouraged, fail when excluded.",
        kind: Kind::Decision,
        default: DefaultAnswer::Nothing,
        when: When::Always,
    },
];

/// The question with this id.
pub fn question(id: &str) -> Option<&'static Question> {
    QUESTIONS.iter().find(|q| q.id == id)
}

impl Kind {
    /// The allowed range in words, for the help line: "more than 0, at most 1000000000".
    pub fn range_text(&self) -> Option<String> {
        let Kind::Number {
            min,
            min_exclusive,
            max,
            integer,
            ..
        } = self
        else {
            return None;
        };
        let what = if *integer {
            "a whole number"
        } else {
            "a number"
        };
        // Not rounded to two decimals: the smallest rate is 0.000001.
        let min = crate::fields::fmt_num(*min);
        let range = match (*min_exclusive, max.is_finite()) {
            (true, true) => format!("above {min} up to {}", crate::render::thousands(*max)),
            (false, true) => format!("from {min} to {}", crate::render::thousands(*max)),
            (true, false) => format!("above {min}"),
            (false, false) => format!("of {min} or more"),
        };
        Some(format!("{what} {range}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_conditions_point_at_earlier_questions_of_the_right_kind() {
        for (i, q) in QUESTIONS.iter().enumerate() {
            assert!(
                QUESTIONS[..i].iter().all(|o| o.id != q.id),
                "duplicate id {}",
                q.id
            );
            let (target, wants_yes_no) = match q.when {
                When::Always => continue,
                When::Yes(id) => (id, true),
                When::Equals(id, _) => (id, false),
            };
            let pos = QUESTIONS.iter().position(|o| o.id == target);
            let Some(pos) = pos else {
                panic!("{}: condition names unknown question {target}", q.id)
            };
            assert!(pos < i, "{}: condition on a later question {target}", q.id);
            let kind = &QUESTIONS[pos].kind;
            if wants_yes_no {
                assert!(
                    matches!(kind, Kind::YesNo),
                    "{}: {target} is not yes/no",
                    q.id
                );
            } else {
                assert!(
                    matches!(kind, Kind::Number { .. }),
                    "{}: {target} is not a number",
                    q.id
                );
            }
        }
    }

    #[test]
    fn every_question_has_words_and_a_default_of_its_kind() {
        for q in QUESTIONS {
            assert!(
                q.prompt.ends_with('?') || q.prompt.ends_with(')'),
                "{}",
                q.id
            );
            assert!(!q.help.is_empty(), "{}", q.id);
            assert!(
                !q.used_for.is_empty(),
                "{}: what is the answer used for?",
                q.id
            );
            let ok = match (&q.kind, q.default) {
                (Kind::Number { optional, .. }, DefaultAnswer::Nothing) => *optional,
                (Kind::Number { .. }, DefaultAnswer::Number(_)) => true,
                (Kind::Text { optional }, DefaultAnswer::Nothing) => *optional,
                (Kind::Text { .. }, DefaultAnswer::Text(_)) => true,
                (Kind::YesNo, DefaultAnswer::Bool(_)) => true,
                (Kind::Choice { options, .. }, DefaultAnswer::Text(v)) => {
                    options.iter().any(|o| o.value == v)
                }
                (Kind::Choice { optional, .. }, DefaultAnswer::Nothing) => *optional,
                (Kind::Flags(_) | Kind::Names(_) | Kind::Events | Kind::Decision, d) => {
                    d == DefaultAnswer::Nothing
                }
                _ => false,
            };
            assert!(
                ok,
                "{}: default {:?} does not fit {:?}",
                q.id, q.default, q.kind
            );
        }
    }

    #[test]
    fn ranges_read_as_words() {
        assert_eq!(
            question("peak").unwrap().kind.range_text().unwrap(),
            "a number from 0.000001 to 1,000,000,000"
        );
        assert_eq!(
            question("groups").unwrap().kind.range_text().unwrap(),
            "a whole number from 1 to 10,000"
        );
        assert_eq!(
            question("budget").unwrap().kind.range_text().unwrap(),
            "a number from 0 to 1,000,000,000"
        );
        assert_eq!(question("loss_ok").unwrap().kind.range_text(), None);
    }
}
