//! What it costs: every way to run each candidate, priced per month from sourced, dated data
//! (`rules/cost/`), people included.
//!
//! - [`people`]: operating hours per way of running a system × the cost of an engineer-hour
//!   (the tables themselves are read in [`crate::tables`]);
//! - each system's ways of running it and their arithmetic are in its module
//!   (`crate::systems::<system>::cost`, written with `crate::systems::cost`);
//! - here: the loop over every system, people and totals, the order, the budget basis;
//! - `words`: the wording step.
//!
//! Usage (transfer, storage, memory) is priced at today's average rate; capacity (machine size,
//! broker count, partitions) is sized for the peak after growth. Every line is quantity × unit
//! price, with the price's id, source and as-of date, so a reader can redo the sum.
//!
//! Two steps, one way: [`estimate`] prices every way of every system with figures only, once
//! per evaluation, for the rule conditions (which read `cost.<system>.cheapest_*` and
//! `ways_that_fit`) and the ranking; after the ranking, [`word`] says what was priced for the
//! profile shown, from those figures, computing nothing. Each system's words are written beside
//! its pricing (`SystemModule::word`, `notes`); why a way is suggested is kept as facts
//! ([`Why`]) until it is said. The flip-point search prices hundreds of variations of a profile
//! and words none of them.

pub mod people;
mod words;

pub use words::word;

use crate::profile::{Derived, Profile};
pub use crate::systems::cost::{Capacity, CostLine, GIB, Hosting, cents};
use crate::systems::cost::{Ctx, Draft, Workload};
use crate::systems::{REGISTRY, SystemModule};
pub use crate::tables::CostData;
use crate::tables::Price;
pub use people::People;
use serde::Serialize;
use serde_json::{Value as Json, json};

/// Every way of running a system (option id), for the operations table: each system's, in
/// [`REGISTRY`] order, each once.
pub fn options() -> Vec<&'static str> {
    once(REGISTRY.iter().flat_map(|m| m.options.iter().copied()))
}

/// Price ids the options use directly (machine sizes name theirs in `instances:`).
pub fn option_prices() -> Vec<&'static str> {
    once(
        REGISTRY
            .iter()
            .flat_map(|m| m.prices.iter().copied())
            .chain(crate::systems::cost::SHARED_PRICES.iter().copied()),
    )
}

/// Each id once, in first-seen order (the Redis-based systems share their ways and prices).
fn once(ids: impl Iterator<Item = &'static str>) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for id in ids {
        if !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

/// One way of running one candidate, priced per month.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CostOption {
    /// The candidate id.
    pub system: String,
    /// The way of running it (`confluent-basic`, `msk-provisioned`, ...).
    pub option: String,
    pub name: String,
    pub hosting: Hosting,
    /// Infrastructure plus people, USD a month.
    pub monthly_usd: f64,
    pub infrastructure_usd: f64,
    pub people_usd: f64,
    pub capacity: Capacity,
    pub capacity_note: String,
    /// Infrastructure, line by line.
    pub lines: Vec<CostLine>,
    pub people: People,
    /// Every assumed number behind the lines, in words.
    pub assumptions: Vec<String>,
    /// What this way costs that its total leaves out, for want of a sourced price (a line
    /// without a unit price, or a cost no line counts). Empty when the total is complete;
    /// otherwise the total is a floor, and the option is never the cheapest or suggested ahead
    /// of a complete one.
    pub unpriced: Vec<String>,
    /// How many costs the total leaves out (`unpriced`, counted when priced, worded after).
    #[serde(skip)]
    pub left_out: usize,
    /// The vendor's words when it calls this way fit for development only (Confluent Cloud
    /// Basic), or the system's own docs when they advise against it (BullMQ on ElastiCache
    /// Serverless, whose eviction policy can drop jobs): never the cheapest or suggested for a
    /// workload that cannot lose messages (`delivery.loss_ok: false`); still listed, as the
    /// cheapest way for a prototype.
    pub development_only: Option<&'static str>,
    /// The vendor's own advice against this way for this system, whatever the workload (Upstash
    /// recommends a Fixed plan, not pay as you go, for BullMQ): the way still fits, but it is
    /// ranked after every way as complete as it that no such advice names, so a choice between
    /// two floors rests on a source, not on which floor is lower.
    pub advised_against: Option<&'static str>,
    /// Set only where messages must not be lost (`delivery.loss_ok: false`): why msgadvisor's
    /// sources do not say this way keeps an acknowledged write through a failure, or say it
    /// does not (ElastiCache Serverless has no Durability; Upstash's docs do not say a write is
    /// on disk before it is acknowledged), while they say so of another way of the same system
    /// (ElastiCache nodes with Durability's synchronous writes). The way still fits, but is
    /// suggested only when no way of its capacity tier without a doubt fits, even one whose
    /// total is a floor: a requirement comes before a price, as a checked capacity does.
    pub durability_doubt: Option<&'static str>,
}

impl CostOption {
    /// True when the total counts every cost the option is known to have.
    pub fn complete(&self) -> bool {
        self.left_out == 0
    }
}

/// The cost view of one candidate: what the budget compares and what to pick.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SystemCost {
    pub system: String,
    /// The option with the lowest infrastructure cost among those that fit (what the budget
    /// compares with `budget.monthly_usd`, an infrastructure budget). When no way fits
    /// (`ways_that_fit` is 0), the cheapest of those over a limit: a price for a way that cannot
    /// carry the workload, which the budget rules therefore leave alone.
    pub cheapest_option: String,
    pub cheapest_infrastructure_usd: f64,
    /// The lowest total (infrastructure + people) among those that fit.
    pub cheapest_total_usd: f64,
    /// How many ways of running it can carry this workload: not over a published limit, and
    /// not for development only when messages cannot be lost. 0 means no way msgadvisor prices
    /// meets the requirements, whatever it costs (`no-way-fits-<system>` discourages it).
    pub ways_that_fit: u32,
    /// The same figures over the ways the suggestion is chosen from whose sources say they keep
    /// every acknowledged write: where messages must not be lost, a way with a
    /// `durability_doubt` is not the evidence that the system fits the budget, and is suggested
    /// only when none of these fits (where messages may be lost, no way has a doubt, and these
    /// are `cheapest_*`). Ways of the capacity tier the suggestion is chosen from (checked before
    /// unchecked), complete totals before floors, as for `cheapest_*`; a growing workload never
    /// lowers the figure while `durable_ways_that_fit` stays above 0 (tests/cost_props.rs).
    pub cheapest_durable_option: String,
    pub cheapest_durable_infrastructure_usd: f64,
    /// How many of those ways there are; 0 when every way the suggestion is chosen from has a
    /// doubt (the suggestion is then one of them, and `cheapest_*` is the budget's basis).
    pub durable_ways_that_fit: u32,
    /// The way of running it msgadvisor suggests, and why.
    pub suggested_option: String,
    pub suggested_why: String,
    /// True when the suggested way's infrastructure is over `budget.monthly_usd`: then so is
    /// every way that fits, since a way within the budget is suggested ahead of a lower total
    /// over it.
    pub suggested_over_budget: bool,
    /// Ways left out and other notes.
    pub notes: Vec<String>,
    /// Assumptions every way of running it shares (also in each option's `assumptions`).
    pub assumptions: Vec<String>,
    /// Why the suggested way is suggested, as facts (`suggested_why` says them).
    #[serde(skip)]
    pub why: Why,
}

/// How the estimate was reached, beside the options themselves.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CostSummary {
    pub hours_per_month: f64,
    pub hours_source: String,
    /// USD per engineer-hour for the people lines.
    pub hourly_usd: f64,
    pub hourly_source: String,
    /// How volumes are counted.
    pub basis: Vec<String>,
    /// Per candidate: the budget basis, the suggested way, what was left out.
    pub systems: Vec<SystemCost>,
    /// Every price an option used, by id, with its source and as-of date.
    pub prices: Vec<Price>,
}

/// The whole estimate for one profile.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Costing {
    /// By system (in [`REGISTRY`] order), cheapest first within each system.
    pub options: Vec<CostOption>,
    pub summary: CostSummary,
    /// The workload and the sizing the options were priced on (what the guidance says), kept
    /// for the wording.
    #[serde(skip)]
    pub workload: Workload,
}

impl SystemCost {
    /// The infrastructure the budget compares: the cheapest of the ways the suggestion is chosen
    /// from, which are those that keep every acknowledged write when any of them does. The
    /// built-in budget rules fire exactly when this is over `budget.monthly_usd`, and so is the
    /// suggestion (`suggested_over_budget`), but for a small team steered to a managed way whose
    /// total is a floor within the budget (tests/cost_props.rs).
    pub fn budget_basis_usd(&self) -> f64 {
        if self.durable_ways_that_fit > 0 {
            self.cheapest_durable_infrastructure_usd
        } else {
            self.cheapest_infrastructure_usd
        }
    }
}

impl Costing {
    /// What rule conditions see as `cost`: per candidate, the cheapest monthly infrastructure and
    /// total among the ways that fit, e.g. `cost.kafka.cheapest_infrastructure_usd`, and how many
    /// ways fit (`cost.kafka.ways_that_fit`).
    pub fn cel_view(&self) -> Json {
        Json::Object(
            self.summary
                .systems
                .iter()
                .map(|s| {
                    let figures = CEL_FIGURES
                        .iter()
                        .map(|(name, of)| (name.to_string(), json!(of(s))));
                    (s.system.clone(), Json::Object(figures.collect()))
                })
                .collect(),
        )
    }

    pub fn system(&self, id: &str) -> Option<&SystemCost> {
        self.summary.systems.iter().find(|s| s.system == id)
    }

    /// The options of one system, in order.
    pub fn options_of<'a>(&'a self, system: &'a str) -> impl Iterator<Item = &'a CostOption> {
        self.options.iter().filter(move |o| o.system == system)
    }

    /// The options and summary of `systems` only, in that order (the report shows the candidates
    /// that are not excluded, in ranking order), with the prices they use.
    pub fn select(&self, systems: &[&str]) -> (Vec<CostOption>, CostSummary) {
        let options: Vec<CostOption> = systems
            .iter()
            .flat_map(|s| self.options_of(s).cloned())
            .collect();
        let used: std::collections::BTreeSet<&str> = options
            .iter()
            .flat_map(|o| o.lines.iter().map(|l| l.price.as_str()))
            .collect();
        let summary = CostSummary {
            systems: systems
                .iter()
                .filter_map(|s| self.system(s).cloned())
                .collect(),
            prices: self
                .summary
                .prices
                .iter()
                .filter(|p| used.contains(p.id.as_str()))
                .cloned()
                .collect(),
            ..self.summary.clone()
        };
        (options, summary)
    }
}

/// A figure conditions see per system: its name, and how to read it.
type Figure = (&'static str, fn(&SystemCost) -> f64);

/// The figures conditions see per system as `cost.<system>.<name>`.
const CEL_FIGURES: [Figure; 5] = [
    ("cheapest_infrastructure_usd", |s| {
        s.cheapest_infrastructure_usd
    }),
    ("cheapest_total_usd", |s| s.cheapest_total_usd),
    ("ways_that_fit", |s| f64::from(s.ways_that_fit)),
    ("cheapest_durable_infrastructure_usd", |s| {
        s.cheapest_durable_infrastructure_usd
    }),
    ("durable_ways_that_fit", |s| {
        f64::from(s.durable_ways_that_fit)
    }),
];

/// Profile fields no figure of [`CEL_FIGURES`] depends on: the size of the team steers only which
/// way is suggested, and its words. An evaluation that moved only one of them uses the estimate
/// it had ([`crate::engine::evaluate::evaluate_moved`]): the flip-point search moves `team.size`
/// about 25 times for a profile, and pricing was a fifth of `recommend`'s work on a profile with a
/// budget. `tests/cost_props.rs` moves each and compares the figures.
pub const UNPRICED: &[&str] = &["team.size"];

/// The shape of the `cost` variable for checking rule conditions at load.
pub fn cel_shape() -> Json {
    Json::Object(
        crate::systems::ids()
            .map(|s| {
                let figures = CEL_FIGURES
                    .iter()
                    .map(|(name, _)| (name.to_string(), json!(0.0)));
                (s.to_string(), Json::Object(figures.collect()))
            })
            .collect(),
    )
}

/// Prices every way of running every system in [`REGISTRY`] for `profile`: figures only, what
/// rule conditions read; [`word`] says them, after the ranking, for the one profile shown.
pub fn estimate(data: &CostData, profile: &Profile, derived: &Derived) -> Costing {
    let workload = Workload::of(data, profile, derived);
    let ctx = Ctx {
        data,
        profile,
        derived,
        w: &workload,
    };
    let mut options = Vec::new();
    let mut systems = Vec::new();
    for &module in REGISTRY {
        let (priced, summary) = price_system(module, &ctx);
        systems.push(summary);
        options.extend(priced);
    }
    let summary = CostSummary {
        hours_per_month: ctx.w.hours,
        hours_source: String::new(),
        hourly_usd: data.operations.hourly(profile),
        hourly_source: String::new(),
        basis: Vec::new(),
        systems,
        prices: Vec::new(),
    };
    Costing {
        options,
        summary,
        workload,
    }
}

/// Prices every way of running one system: its options (those that can carry the workload
/// first, cheapest first; those over a published limit last) and its summary.
fn price_system(module: &SystemModule, ctx: &Ctx) -> (Vec<CostOption>, SystemCost) {
    let system = module.id;
    let drafts = (module.price)(ctx);
    let mut priced: Vec<CostOption> = drafts.into_iter().map(|d| finish(d, system, ctx)).collect();
    // An incomplete total is a floor: it is listed after every complete one, so a partial sum
    // never reads as the cheapest way; a doubt about keeping acknowledged writes comes before
    // that, as in the suggestion.
    priced.sort_by(|a, b| {
        (a.capacity == Capacity::Exceeded)
            .cmp(&(b.capacity == Capacity::Exceeded))
            .then(
                a.durability_doubt
                    .is_some()
                    .cmp(&b.durability_doubt.is_some()),
            )
            .then((!a.complete()).cmp(&!b.complete()))
            .then(
                a.advised_against
                    .is_some()
                    .cmp(&b.advised_against.is_some()),
            )
            .then(a.monthly_usd.total_cmp(&b.monthly_usd))
            .then(a.infrastructure_usd.total_cmp(&b.infrastructure_usd))
            .then_with(|| a.option.cmp(&b.option))
    });
    let summary = summarise(system, &priced, ctx);
    (priced, summary)
}

fn finish(d: Draft, system: &str, ctx: &Ctx) -> CostOption {
    let people = ctx.data.operations.people_figures(d.option, ctx.profile);
    let infrastructure_usd = cents(d.lines.iter().map(|l| l.monthly_usd).sum());
    let unpriced_lines = d.lines.iter().filter(|l| l.unpriced()).count();
    CostOption {
        // Ids, not text: the order and the summary go by them.
        system: system.to_string(),
        option: d.option.to_string(),
        name: String::new(),
        hosting: d.hosting,
        monthly_usd: cents(infrastructure_usd + people.monthly_usd),
        infrastructure_usd,
        people_usd: people.monthly_usd,
        capacity: d.capacity,
        capacity_note: String::new(),
        lines: d.lines,
        people,
        assumptions: Vec::new(),
        left_out: unpriced_lines + d.left_out,
        unpriced: Vec::new(),
        development_only: d.development_only,
        advised_against: d.advised_against,
        durability_doubt: d.durability_doubt,
    }
}

/// Why a way is suggested, as facts: the wording step ([`word`]) says them in
/// `suggested_why`. Ways are named by their place among the system's options.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Why {
    pub(crate) basis: Basis,
    /// No way's capacity could be checked against a published figure.
    pub(crate) unchecked: bool,
    /// Complete ways with a lower total, passed over because their capacity is unchecked.
    pub(crate) cheaper_unchecked: Vec<usize>,
    /// Ways that a doubt about keeping acknowledged writes ranked after the suggestion, that
    /// would otherwise have come first (a complete total over a floor, or a lower total).
    pub(crate) doubted_ahead: Vec<usize>,
    /// Ways with a lower total that are over the budget.
    pub(crate) dearer: Vec<usize>,
    /// The budget the suggestion is over, when no way ahead of it is within it, and the ways
    /// ranked after it for durability that are.
    pub(crate) over: Option<(f64, Vec<usize>)>,
    /// The suggestion's total is a floor; the other ways that fit, which it was chosen over.
    pub(crate) floors: Option<Vec<usize>>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) enum Basis {
    /// No way of running it is priced.
    #[default]
    NotPriced,
    /// Every way exceeds a published limit.
    NoneFits,
    /// The cheapest way a small team does not run itself.
    SmallTeam,
    /// The lowest total of the ways that fit, and what the claim covers.
    Lowest {
        /// Only the production-ready ways (a cheaper one is for development only).
        ready: bool,
        /// Only ways whose sources say they keep every acknowledged write.
        kept: bool,
        /// Only ways whose capacity is checked.
        checked: bool,
        /// Only ways no vendor advises against for this system.
        advised: bool,
        /// Only ways within this budget.
        within: Option<f64>,
    },
}

/// The budget basis and the suggestion for one system: among the ways that fit (checked or on
/// existing infrastructure; else unchecked ones; else all), the lowest infrastructure cost and
/// the lowest total; the suggestion is the lowest total within `budget.monthly_usd` when a way
/// that fits is within it; a small team is steered to a way it does not run itself. Figures
/// and facts only: [`word_system`] says them.
fn summarise(system: &str, options: &[CostOption], ctx: &Ctx) -> SystemCost {
    let (profile, data) = (ctx.profile, ctx.data);
    let at = |o: &CostOption| options.iter().position(|x| std::ptr::eq(x, o)).unwrap_or(0);
    let best_tier = options.iter().map(|o| o.capacity.tier()).min().unwrap_or(0);
    // A development-only tier is for a workload that may lose messages (or a prototype).
    let production = !profile.delivery.loss_ok;
    let usable = |o: &&CostOption| !(production && o.development_only.is_some());
    let best_tier = options
        .iter()
        .filter(usable)
        .map(|o| o.capacity.tier())
        .min()
        .unwrap_or(best_tier);
    let tier: Vec<&CostOption> = options
        .iter()
        .filter(usable)
        .filter(|o| o.capacity.tier() == best_tier)
        .collect();
    // The ways that can carry the workload at all: what a requirement rule asks before any price.
    let ways_that_fit = options
        .iter()
        .filter(usable)
        .filter(|o| o.capacity != Capacity::Exceeded)
        .count() as u32;
    // The figures the budget rules compare, over every way of the tier: a growing workload never
    // lowers them (tests/cost_props.rs), which they would if a way that can no longer carry it
    // handed over to one ranked after it below.
    let (cheapest_infra, cheapest_total) = cheapest(&tier);
    // Where messages must not be lost, a way whose sources say it keeps an acknowledged write
    // is suggested before one whose sources do not, even as a floor: a requirement before a
    // price, as a checked capacity comes before an unchecked one (`durability_doubt` says why).
    // The same ways are the budget's evidence (`cheapest_durable_*`): a doubted way's price says
    // nothing about what the way the team is told to run costs. Kept apart from `cheapest_*`
    // rather than replacing it: when the last such way stops fitting, the suggestion hands over
    // to a doubted one, which may cost less, and `cheapest_*` must not go down as load grows.
    let (durable, doubted): (Vec<&CostOption>, Vec<&CostOption>) = tier
        .iter()
        .copied()
        .partition(|o| o.durability_doubt.is_none());
    let (cheapest_durable, _) = cheapest(&durable);
    let durable_ways_that_fit = durable
        .iter()
        .filter(|o| o.capacity != Capacity::Exceeded)
        .count() as u32;
    let (tier, doubted) = if durable.is_empty() {
        (doubted, Vec::new())
    } else {
        (durable, doubted)
    };
    // The ways a doubt ranked after `than` that would otherwise have come first: a complete
    // total over a floor, or a lower total.
    let doubted_ahead = |than: &CostOption| -> Vec<usize> {
        doubted
            .iter()
            .filter(|o| (o.complete() && !than.complete()) || o.monthly_usd < than.monthly_usd)
            .map(|o| at(o))
            .collect()
    };
    // A total that leaves a cost out is never suggested while a complete one fits.
    let complete: Vec<&CostOption> = tier.iter().copied().filter(|o| o.complete()).collect();
    let partial = complete.is_empty();
    let fit = if partial { tier.clone() } else { complete };
    // The budget is a limit the team set on infrastructure (SPEC: `budget.monthly_usd`); the
    // people lines are msgadvisor's estimate. So a way that fits within the budget is suggested
    // ahead of a lower total over it, and the budget rules, which compare the cheapest of these
    // same ways (`SystemCost::budget_basis_usd`), pass exactly when the suggested way is within
    // it; a way ranked after it for durability that is within it is named in its reason. The
    // figures above do not move.
    let budget = profile.budget.monthly_usd;
    let within = |o: &&CostOption| budget.is_none_or(|b| o.infrastructure_usd <= b);
    let any_within = fit.iter().any(within);
    let binds = any_within && !fit.iter().all(within);
    let over_budget: Vec<&CostOption> = if binds {
        fit.iter().copied().filter(|o| !within(o)).collect()
    } else {
        Vec::new()
    };
    // Filtered whenever a way of `fit` is within it, even all of them: a small team's way may be
    // a floor `fit` leaves out, and it too must be within the budget the rules found met.
    let (tier, fit): (Vec<&CostOption>, Vec<&CostOption>) = if any_within {
        (
            tier.into_iter().filter(within).collect(),
            fit.into_iter().filter(within).collect(),
        )
    } else {
        (tier, fit)
    };
    // A small team is steered off running servers itself even when the way it can hand off
    // leaves a cost out (it then says so); the tier is in order, complete ways first.
    let not_self_run = tier.iter().find(|o| o.hosting != Hosting::SelfHosted);
    // Complete ways that fit and cost less than `than`, but sit in a tier below the suggestion's
    // (capacity unchecked while a checked way fits): passed over because nothing published says
    // they carry the load. The reason says so, rather than claim the lowest total of all.
    let passed_over = |than: &CostOption| -> Vec<usize> {
        options
            .iter()
            .filter(usable)
            .filter(|o| o.capacity.tier() > best_tier && o.capacity != Capacity::Exceeded)
            .filter(|o| o.complete() && o.monthly_usd < than.monthly_usd)
            .map(at)
            .collect()
    };
    let small = f64::from(profile.team.size) <= data.fact("small_team_max_size");
    let mut why = Why::default();
    let suggested = match (fit.first(), not_self_run) {
        (Some(c), Some(m)) if small && c.hosting == Hosting::SelfHosted => {
            why.basis = Basis::SmallTeam;
            Some(*m)
        }
        (Some(c), _) => {
            why.basis = Basis::Lowest {
                // Which ways the claim covers, when a cheaper one is left out of it.
                ready: production
                    && options.iter().any(|o| {
                        o.development_only.is_some()
                            && o.capacity != Capacity::Exceeded
                            && o.monthly_usd < c.monthly_usd
                    }),
                kept: !doubted_ahead(c).is_empty(),
                checked: !passed_over(c).is_empty(),
                // Ranked behind a way as complete as it only by a vendor's advice.
                advised: fit.iter().any(|o| o.monthly_usd < c.monthly_usd),
                within: budget.filter(|_| binds),
            };
            Some(*c)
        }
        // No way to choose from: the basis stays `NotPriced` and every figure below is empty.
        (None, _) => None,
    };
    // A way over a published limit cannot carry the workload: it is never suggested. The
    // figures still name the cheapest of them, but with `ways_that_fit` at 0 the budget rules
    // do not read them, and `no-way-fits-<system>` discourages the system for a requirement.
    let fits = suggested.filter(|s| s.capacity != Capacity::Exceeded);
    if suggested.is_some() && fits.is_none() {
        why.basis = Basis::NoneFits;
    }
    if let Some(suggested) = fits {
        why.unchecked = best_tier > 0;
        why.cheaper_unchecked = passed_over(suggested);
        if suggested.durability_doubt.is_none() {
            why.doubted_ahead = doubted_ahead(suggested);
        }
        why.dearer = over_budget
            .iter()
            .filter(|o| o.monthly_usd < suggested.monthly_usd)
            .map(|o| at(o))
            .collect();
        why.over = budget
            .filter(|b| why.dearer.is_empty() && suggested.infrastructure_usd > *b)
            .map(|b| {
                let fits = doubted.iter().filter(|o| o.infrastructure_usd <= b);
                (b, fits.map(|o| at(o)).collect())
            });
        // Every other way it was chosen over leaves a cost out too: the choice compares floors.
        why.floors = (!suggested.complete()).then(|| {
            fit.iter()
                .filter(|o| o.option != suggested.option)
                .map(|o| at(o))
                .collect()
        });
    }
    SystemCost {
        system: system.to_string(),
        cheapest_option: cheapest_infra.map_or_else(String::new, |o| o.option.clone()),
        cheapest_infrastructure_usd: cheapest_infra.map_or(0.0, |o| o.infrastructure_usd),
        cheapest_total_usd: cheapest_total.map_or(0.0, |o| o.monthly_usd),
        ways_that_fit,
        cheapest_durable_option: cheapest_durable.map_or_else(String::new, |o| o.option.clone()),
        cheapest_durable_infrastructure_usd: cheapest_durable.map_or(0.0, |o| o.infrastructure_usd),
        durable_ways_that_fit,
        suggested_over_budget: fits
            .is_some_and(|s| budget.is_some_and(|b| s.infrastructure_usd > b)),
        suggested_option: fits.map_or_else(String::new, |s| s.option.clone()),
        suggested_why: String::new(),
        notes: Vec::new(),
        assumptions: Vec::new(),
        why,
    }
}

/// Among `ways` (of one capacity tier), complete totals before floors: the one with the lowest
/// infrastructure, and the one with the lowest total (in the order of the list, but for a doubt
/// about keeping acknowledged writes, which ranks only the suggestion).
fn cheapest<'a>(ways: &[&'a CostOption]) -> (Option<&'a CostOption>, Option<&'a CostOption>) {
    let complete: Vec<&CostOption> = ways.iter().copied().filter(|o| o.complete()).collect();
    let basis = if complete.is_empty() {
        ways
    } else {
        &complete[..]
    };
    let infra = basis
        .iter()
        .min_by(|a, b| {
            a.infrastructure_usd
                .total_cmp(&b.infrastructure_usd)
                .then(a.monthly_usd.total_cmp(&b.monthly_usd))
        })
        .copied();
    let total = basis
        .iter()
        .min_by(|a, b| {
            a.advised_against
                .is_some()
                .cmp(&b.advised_against.is_some())
                .then(a.monthly_usd.total_cmp(&b.monthly_usd))
                .then(a.infrastructure_usd.total_cmp(&b.infrastructure_usd))
                .then_with(|| a.option.cmp(&b.option))
        })
        .copied();
    (infra, total)
}
