//! One file per subcommand, each thin: load, call the library, render, pick the exit code.

pub mod ask;
pub mod check;
pub mod diff;
pub mod explain;
pub mod names;
pub mod prices;
pub mod recommend;
pub mod report;
pub mod rules;
pub mod schema;

use crate::diag::InputError;
use crate::engine::RuleSet;

pub use crate::profile::Loaded;

/// Reads and validates a profile from a path or `-` (standard input), its decision and waivers
/// against `rules`.
pub fn load_profile(arg: &str, rules: &RuleSet) -> Result<Loaded, InputError> {
    load_profile_with(arg, &[], rules)
}

/// The rule packs of this run: `--rules`, else `MSGADVISOR_RULES`, else `.msgadvisor.yaml`
/// (unless `--no-config`).
pub fn rule_packs(args: &crate::cli::RulesArgs) -> Result<crate::config::Packs, InputError> {
    let (flag, env) = match (args.from_env, args.rules.first()) {
        (true, Some(value)) => (&[][..], Some(value.clone().into_os_string())),
        _ => (&args.rules[..], None),
    };
    crate::config::packs(flag, env, args.no_config)
}

/// The built-in rules with this run's packs (see [`rule_packs`]) and then its price files
/// layered on top. Every command that reads rules loads them through here, so the environment
/// and config defaults hold for all.
pub fn load_rules(
    args: &crate::cli::RulesArgs,
    prices: &[std::path::PathBuf],
) -> anyhow::Result<(crate::config::Packs, RuleSet)> {
    let packs = rule_packs(args)?;
    let rules = RuleSet::load_with_prices(&packs.dirs, prices)?;
    Ok((packs, rules))
}

/// A profile evaluated under this run's rules, with `--set` applied: what `recommend`, `report`
/// and `explain` start from.
pub struct Evaluated {
    pub packs: crate::config::Packs,
    pub rules: RuleSet,
    pub loaded: Loaded,
    pub settings: Vec<crate::whatif::Setting>,
    /// The evaluation with the waivers applied, what became of each and the rules waived.
    pub evaluated: crate::waiver::Evaluated,
}

/// Loads the rules (packs, then price files), reads the profile with `--set` applied and
/// evaluates it with its waivers applied as `check` applies them (none with `--no-waivers`).
pub fn evaluate_profile(args: &crate::cli::ProfileArgs) -> anyhow::Result<Evaluated> {
    let settings = crate::whatif::parse(&args.set)?;
    let (packs, rules) = load_rules(&args.rules, &args.prices.prices)?;
    let loaded = load_profile_with(&args.profile, &settings, &rules)?;
    let evaluated = crate::waiver::evaluate(
        &rules,
        &loaded.profile,
        crate::date::Date::today(),
        args.no_waivers,
    )?;
    Ok(Evaluated {
        packs,
        rules,
        loaded,
        settings,
        evaluated,
    })
}

/// A profile analysed end to end: the rules used, the profile as loaded, and the full report
/// (ranking, cost, flip points, packs and what-if noted). `recommend` and `report` render it.
pub struct Analysis {
    pub rules: RuleSet,
    pub loaded: Loaded,
    pub report: crate::report::Report,
}

/// [`evaluate_profile`], then the report with its guidance, cost and flip points, and the cost
/// curve when `curve` (the outputs that show it: `report`'s chart, and the JSON and YAML of
/// `recommend`, which carry every field of the report).
pub fn analyse(args: &crate::cli::ProfileArgs, curve: bool) -> anyhow::Result<Analysis> {
    let e = evaluate_profile(args)?;
    let waived = &e.evaluated.waived;
    let mut report = report_of(&e.loaded, e.evaluated.eval, &e.packs, &e.rules);
    report.what_if = e.settings;
    report.waivers = e.evaluated.notes;
    // Flip points are most of a report's work; `diff` (the other caller of `report_of`) shows
    // none, so only here.
    report.flip_points =
        crate::flip::find_waived(&e.rules, &e.loaded.profile, &report.recommended, waived);
    if curve {
        let systems: Vec<&str> = report
            .cost_summary
            .systems
            .iter()
            .map(|s| s.system.as_str())
            .collect();
        report.cost_curve = crate::cost_curve::compute(
            &e.rules,
            waived,
            &e.loaded.profile,
            &systems,
            &report.flip_points,
        );
    }
    Ok(Analysis {
        rules: e.rules,
        loaded: e.loaded,
        report,
    })
}

/// The report of a profile already loaded and evaluated under `rules`, without flip points
/// (which `analyse` adds): for callers (`diff`) that read the profile text themselves, load the
/// rules once and show no flip points.
pub fn report_of(
    loaded: &Loaded,
    eval: crate::engine::Evaluation,
    packs: &crate::config::Packs,
    rules: &RuleSet,
) -> crate::report::Report {
    let mut report = crate::report::Report::new(&loaded.profile, &loaded.warnings, eval, rules);
    report.rule_packs = packs.dirs.iter().map(|d| d.display().to_string()).collect();
    report.pack_overrides = rules.pack_overrides();
    report
}

/// Reads a profile like [`load_profile`], with what-if `settings` (`--set`) merged into its YAML
/// tree before validation.
pub fn load_profile_with(
    arg: &str,
    settings: &[crate::whatif::Setting],
    rules: &RuleSet,
) -> Result<Loaded, InputError> {
    let (file, text) = crate::input::read_arg(arg);
    let text = text.map_err(|e| InputError::whole(&file, e))?;
    let known = rules.known();
    let (profile, locations, warnings) = if settings.is_empty() {
        crate::profile::load_with(&text, &file, Some(&known))?
    } else {
        let mut root = InputError::parse_yaml(&text, &file)?;
        crate::whatif::apply(&mut root, settings);
        crate::profile::load_node_with(&root, &file, Some(&known))
            .map_err(|e| crate::whatif::attribute(e, settings))?
    };
    Ok(Loaded {
        file,
        profile,
        locations,
        warnings,
    })
}

/// The profile's warnings (an unknown runtime, …) as stderr lines, located like errors:
/// `warning: file:line:col: path: message`. They are also in the report, but a person running a
/// command reads stderr for what is wrong with the input, and a machine format keeps stdout.
pub fn warning_lines(loaded: &Loaded) -> String {
    if loaded.warnings.is_empty() {
        return String::new();
    }
    let located = InputError {
        file: loaded.file.clone(),
        problems: loaded.warnings.clone(),
    };
    located
        .to_string()
        .lines()
        .map(|l| format!("warning: {l}\n"))
        .collect()
}
