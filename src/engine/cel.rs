//! CEL for rule conditions: compiling once, checking every name a condition reads against what a
//! profile provides, and building the values a condition sees.
//!
//! Every number a rule sees is a double. CEL compares ints and doubles freely but refuses to add
//! or multiply them, so one numeric type keeps `consumers.groups * 2.0` and
//! `throughput.peak_per_sec < 100` both working; conditions write double literals in arithmetic.

use crate::diag::did_you_mean;
use crate::engine::model::Limit;
use crate::profile::{Derived, Profile, StreamMemoryModel};
use ::cel::common::ast::{EntryExpr, Expr, IdedExpr};
use ::cel::{Context, Env};
use serde_json::{Map, Value as Json, json};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// The shared CEL environment: the standard library (no I/O, no clock, no randomness; CEL has
/// no loops beyond comprehensions over finite values, so a condition always terminates) and the
/// two functions [`compile`] routes comprehensions and `+` through, which keep a condition
/// within its budget and iterate maps in a fixed order.
pub fn environment() -> Arc<Env> {
    use ::cel::common::types::DYN_TYPE;
    let mut env = Env::stdlib();
    env.add_overload(ORDERED, "msgadvisor_ordered", vec![DYN_TYPE], ordered)
        .expect("a name CEL source cannot write is free");
    env.add_overload(ADD, "msgadvisor_add", vec![DYN_TYPE, DYN_TYPE], add)
        .expect("a name CEL source cannot write is free");
    Arc::new(env)
}

/// What one evaluation of a condition may spend. The cel crate has no step limit of its own, so
/// every comprehension's range goes through [`ordered`] and every `+` through [`add`] (CEL source
/// cannot name either: `@` starts no identifier), and they count here. The other operations are
/// bounded by the condition's size: [`MAX_NODES`] nodes, comprehensions at most
/// [`MAX_COMPREHENSION_DEPTH`] deep.
pub mod budget {
    /// Comprehension steps (elements iterated, over every comprehension, nested ones once per
    /// step of the one around them): the built-in rules take a few dozen; a million is about
    /// 0.2 s, and the flip-point search runs a condition hundreds of times.
    pub const MAX_STEPS: u64 = 100_000;
    /// Characters or list elements that `+` may build in one evaluation, all together: a rule
    /// joins a few names at most.
    pub const MAX_GROWN: u64 = 1_000_000;
}

/// The internal functions [`compile`] inserts (see [`budget`]).
const ORDERED: &str = "@ordered";
const ADD: &str = "@add";

/// The name a budget error carries, so that messages can say it plainly (see [`describe`]).
const BUDGET: &str = "@budget";

thread_local! {
    /// What the evaluation running on this thread has spent: (steps, grown). A condition is
    /// evaluated on one thread from start to end ([`Condition::execute`] resets it).
    static SPENT: std::cell::Cell<(u64, u64)> = const { std::cell::Cell::new((0, 0)) };
}

fn over_budget(message: String) -> ::cel::ExecutionError {
    ::cel::ExecutionError::FunctionError {
        function: BUDGET.into(),
        message,
    }
}

/// A comprehension's range: counts its elements against [`budget::MAX_STEPS`], and gives a
/// map's keys sorted (the cel crate's maps are hash maps with a random seed per process, so
/// `m.map(k, k)` came out in a different order from run to run). Anything else is passed on as
/// it is, for the comprehension to accept or refuse.
fn ordered<'b, 'v>(
    mut args: Vec<::cel::common::value::CowVal<'b, 'v>>,
) -> Result<::cel::common::value::CowVal<'b, 'v>, ::cel::ExecutionError> {
    use ::cel::common::types::{CelBool, CelInt, CelList, CelMap, CelString, CelUInt};
    use ::cel::common::value::{CowVal, Val};
    let range = args
        .pop()
        .ok_or(::cel::ExecutionError::MissingArgumentOrTarget)?;
    let n = size(&range);
    let (steps, grown) = SPENT.get();
    if steps + n > budget::MAX_STEPS {
        return Err(over_budget(format!(
            "the condition would iterate more than {} elements in all (comprehensions over {n} more)",
            budget::MAX_STEPS
        )));
    }
    SPENT.set((steps + n, grown));
    let Some(map) = range.downcast_ref::<CelMap>() else {
        return Ok(range);
    };
    // Bools, then numbers, then strings: any fixed order will do, this one reads naturally.
    let rank = |k: &dyn Val| -> (u8, i128, String) {
        if let Some(b) = k.downcast_ref::<CelBool>() {
            (0, i128::from(*b.inner()), String::new())
        } else if let Some(i) = k.downcast_ref::<CelInt>() {
            (1, i128::from(*i.inner()), String::new())
        } else if let Some(u) = k.downcast_ref::<CelUInt>() {
            (1, i128::from(*u.inner()), String::new())
        } else if let Some(s) = k.downcast_ref::<CelString>() {
            (2, 0, s.inner().to_string())
        } else {
            (3, 0, String::new())
        }
    };
    let mut keys: Vec<_> = map.keys().map(|k| (rank(k.inner()), k.inner())).collect();
    keys.sort_by(|a, b| a.0.cmp(&b.0));
    let keys: Vec<Box<dyn Val + 'v>> = keys.into_iter().map(|(_, k)| k.clone_as_boxed()).collect();
    Ok(CowVal::owned(CelList::from(keys)))
}

/// How many elements (or characters) a list, map or string holds; 0 for any other value.
fn size(v: &::cel::common::value::CowVal) -> u64 {
    v.as_sizer()
        .map_or(0, |s| u64::try_from(*s.size().inner()).unwrap_or(0))
}

/// `a + b`, as the interpreter does it, with what it builds (a string's characters, a list's
/// elements) counted against [`budget::MAX_GROWN`] before it is built: nested comprehensions
/// could double a string thirty times.
fn add<'b, 'v>(
    args: Vec<::cel::common::value::CowVal<'b, 'v>>,
) -> Result<::cel::common::value::CowVal<'b, 'v>, ::cel::ExecutionError> {
    use ::cel::common::value::CowVal;
    let [lhs, rhs]: [CowVal<'b, 'v>; 2] = args
        .try_into()
        .map_err(|_| ::cel::ExecutionError::MissingArgumentOrTarget)?;
    let n = size(&lhs) + size(&rhs);
    let (steps, grown) = SPENT.get();
    if grown + n > budget::MAX_GROWN {
        return Err(over_budget(format!(
            "the condition would build strings or lists of more than {} characters or elements in all (`+`)",
            budget::MAX_GROWN
        )));
    }
    SPENT.set((steps, grown + n));
    let sum = lhs
        .as_adder()
        .ok_or_else(|| {
            ::cel::ExecutionError::UnsupportedBinaryOperator(
                "add",
                lhs.as_ref().try_into().unwrap_or(::cel::Value::Null),
                rhs.as_ref().try_into().unwrap_or(::cel::Value::Null),
            )
        })?
        .add(rhs.as_ref())?
        .into_owned();
    Ok(CowVal::Owned(sum))
}

/// A condition's run-time error in words, with the hint about doubles only where it applies:
/// an operator met an int and a double (`consumers.groups * 2`).
pub fn describe(e: &::cel::ExecutionError) -> String {
    use ::cel::ExecutionError as E;
    let text = match e {
        E::FunctionError { function, message } if function == BUDGET => {
            return format!(
                "{message}; conditions run within a budget, so that no rule can make a run slow"
            );
        }
        other => other.to_string(),
    };
    // The interpreter names the types (`int`, `double`) or shows the values (`Int(2)`,
    // `Float(1.0)`).
    let words: BTreeSet<&str> = text.split(|c: char| !c.is_ascii_alphanumeric()).collect();
    let int = ["int", "Int", "int64"].iter().any(|w| words.contains(w));
    let double = ["double", "Float"].iter().any(|w| words.contains(w));
    if int && double {
        format!("{text} (numbers are doubles: write 2.0, not 2, in arithmetic)")
    } else {
        text
    }
}

/// The values a condition sees for one profile, as JSON (also shown by `explain`).
pub fn view(profile: &Profile, derived: &Derived, limits: &BTreeMap<String, Limit>) -> Json {
    let mut v = view_without_limits(profile, derived);
    v["limits"] = view_part(profile, derived, limits, "limits");
    v
}

/// [`view`] without `limits`, which an evaluation lends its conditions from the rule set
/// ([`limits_value`]).
pub(crate) fn view_without_limits(profile: &Profile, derived: &Derived) -> Json {
    let mut v = serde_json::to_value(profile).expect("a profile serialises");
    // Defaults that depend on other fields are applied here so rules never see them missing.
    v["throughput"]["avg_per_sec"] = json!(profile.throughput.avg());
    v["derived"] = serde_json::to_value(derived).expect("derived values serialise");
    v
}

/// One top-level variable of [`view`], for an evaluation that needs only some of them (see
/// [`super::evaluate::evaluate_moved`]): the same value, without serialising the rest of the
/// profile (a long `platform.languages` list, say) again.
pub(crate) fn view_part(
    profile: &Profile,
    derived: &Derived,
    limits: &BTreeMap<String, Limit>,
    name: &str,
) -> Json {
    let to = |v: Result<Json, serde_json::Error>| v.expect("a profile serialises");
    match name {
        "throughput" => {
            let mut t = to(serde_json::to_value(&profile.throughput));
            t["avg_per_sec"] = json!(profile.throughput.avg());
            t
        }
        "derived" => to(serde_json::to_value(derived)),
        "limits" => Json::Object(
            limits
                .iter()
                .map(|(k, l)| (k.clone(), json!(l.value)))
                .collect(),
        ),
        "consumers" => to(serde_json::to_value(&profile.consumers)),
        "delivery" => to(serde_json::to_value(&profile.delivery)),
        "replay" => to(serde_json::to_value(&profile.replay)),
        "jobs" => to(serde_json::to_value(&profile.jobs)),
        "source" => to(serde_json::to_value(&profile.source)),
        "team" => to(serde_json::to_value(&profile.team)),
        "platform" => to(serde_json::to_value(&profile.platform)),
        "budget" => to(serde_json::to_value(&profile.budget)),
        other => to(serde_json::to_value(profile))
            .get(other)
            .cloned()
            .unwrap_or(Json::Null),
    }
}

/// What [`to_val`] makes of the `cost` variable (`Costing::cel_view`: per system, its figures),
/// owning its keys, so that an evaluation builds it once and lends it to every condition that
/// reads `cost` (a resolver answers every reference to the variable).
pub(crate) fn cost_value(cost: &Json) -> Box<dyn ::cel::common::value::Val> {
    use ::cel::common::types::{CelMap, CelMapKey};
    use ::cel::common::value::Val;
    use std::collections::HashMap;
    let of = |m: &Json| -> Vec<(String, Json)> {
        m.as_object()
            .into_iter()
            .flatten()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    };
    let systems: HashMap<CelMapKey, Box<dyn Val>> = of(cost)
        .into_iter()
        .map(|(system, figures)| {
            let figures: HashMap<CelMapKey, Box<dyn Val>> = of(&figures)
                .into_iter()
                .map(|(name, v)| (CelMapKey::from(name), number(&v)))
                .collect();
            let figures: Box<dyn Val> = Box::new(CelMap::from(figures));
            (CelMapKey::from(system), figures)
        })
        .collect();
    Box::new(CelMap::from(systems))
}

/// What [`to_val`] makes of the `limits` variable ([`view`]'s `limits`), owning its keys: built
/// once per rule set and lent to every evaluation, since no profile changes it. Measured
/// (session 6, instruction counts): rebuilding it, as JSON and then a hash map, with each
/// evaluation's context was 11–15 % of `recommend`'s work on the examples (most of it in the
/// flip-point search, which evaluates about 140 variations of a profile) and 9 % of `check`'s.
pub(crate) fn limits_value(limits: &BTreeMap<String, Limit>) -> Box<dyn ::cel::common::value::Val> {
    use ::cel::common::types::{CelMap, CelMapKey};
    let map: std::collections::HashMap<CelMapKey, Box<dyn ::cel::common::value::Val>> = limits
        .iter()
        .map(|(k, l)| (CelMapKey::from(k.clone()), number(&json!(l.value))))
        .collect();
    Box::new(CelMap::from(map))
}

/// As [`to_val`] has it: a number is a double, anything else (null) null.
fn number(v: &Json) -> Box<dyn ::cel::common::value::Val> {
    use ::cel::common::types::{CelDouble, CelNull};
    match v.as_f64() {
        Some(x) => Box::new(CelDouble::from(x)),
        None => Box::new(CelNull),
    }
}

/// Builds an evaluation context from a view. The values borrow the view's strings and are built
/// as the interpreter's own types in one pass (going through `cel::Value` builds every map twice:
/// a sixth of `check`'s work was spent there).
pub fn context<'p, 'v>(env: &Arc<Env>, view: &'v Json) -> Context<'p, 'v> {
    let mut ctx = Context::with_env(env.clone());
    for (name, value) in view.as_object().into_iter().flatten() {
        ctx.add_variable_as_val(name, to_val(value));
    }
    ctx
}

/// JSON to the interpreter's values, every number a double (CEL compares ints and doubles but
/// does not mix them in arithmetic), borrowing the strings.
fn to_val(v: &Json) -> Box<dyn ::cel::common::value::Val + '_> {
    use ::cel::common::types::{
        CelBool, CelDouble, CelList, CelMap, CelMapKey, CelNull, CelString,
    };
    match v {
        Json::Null => Box::new(CelNull),
        Json::Bool(b) => Box::new(CelBool::from(*b)),
        Json::Number(n) => Box::new(CelDouble::from(n.as_f64().unwrap_or(f64::NAN))),
        Json::String(s) => Box::new(CelString::from(s.as_str())),
        Json::Array(items) => Box::new(CelList::from(items.iter().map(to_val).collect::<Vec<_>>())),
        Json::Object(map) => Box::new(CelMap::from(
            map.iter()
                .map(|(k, v)| (CelMapKey::from(k.as_str()), to_val(v)))
                .collect::<std::collections::HashMap<_, _>>(),
        )),
    }
}

/// A condition that does not compile or reads something a profile does not have.
#[derive(Debug, Clone, PartialEq)]
pub struct CompileError {
    /// 1-based column within the condition text, when known.
    pub column: Option<u32>,
    pub message: String,
}

/// A compiled rule condition.
///
/// Conditions are parsed with the cel crate's Pratt parser rather than its default ANTLR one:
/// the same grammar and standard macros, bounded recursion and node count, and a fourteenth of
/// the start-up work (the ANTLR parser's first use builds its state machines, about 5 ms per
/// process, which every `msgadvisor` run would pay).
#[derive(Debug)]
pub struct Condition(::cel::IdedExpr);

impl Condition {
    /// Runs the condition against a context built by [`context`], within its [`budget`].
    pub fn execute(&self, ctx: &Context) -> ::cel::ResolveResult {
        SPENT.set((0, 0));
        ::cel::Value::resolve(&self.0, ctx)
    }

    pub fn expression(&self) -> &::cel::IdedExpr {
        &self.0
    }
}

/// How deep a condition may nest, and how many nodes it may have: far beyond any real rule,
/// small enough that a hostile pack cannot make parsing or evaluation slow. The parser checks
/// the node count only when it expands a macro, so [`compile`] counts them again.
const MAX_DEPTH: u16 = 100;
const MAX_NODES: usize = 10_000;

/// How deep comprehensions (`exists`, `all`, `exists_one`, `map`, `filter`) may nest: the work
/// multiplies with each level (four nested `exists` over 100 items are 10^8 steps), and a rule
/// that compares two lists needs two.
const MAX_COMPREHENSION_DEPTH: usize = 2;

/// The most elements a list or map written in a condition may have: rules name a few dozen.
const MAX_LITERAL_ITEMS: usize = 1_000;

/// Compiles a condition and checks every path it reads against `shape` (a view of a profile with
/// every optional field present). Returns the condition and the paths it reads.
pub fn compile(
    _env: &Env,
    source: &str,
    shape: &Json,
) -> Result<(Condition, Vec<String>), CompileError> {
    let parsed = ::cel::parser::PrattParser::new()
        .max_recursion_depth(MAX_DEPTH)
        .max_expression_node_count(MAX_NODES)
        .parse(source);
    let program = parsed.map(Condition).map_err(|e| {
        let text = e.to_string();
        // "ERROR: <input>:1:9: Syntax error: …" — keep the column and the words.
        let first = text.lines().next().unwrap_or("").trim();
        let rest = first.strip_prefix("ERROR: <input>:").unwrap_or(first);
        let mut parts = rest.splitn(3, ':');
        let (_line, col, msg) = (parts.next(), parts.next(), parts.next());
        match (col.and_then(|c| c.trim().parse::<u32>().ok()), msg) {
            (Some(c), Some(m)) => CompileError {
                // cel reports 1-based columns; 0 means "no column" (e.g. too deeply nested).
                column: (c > 0).then_some(c),
                message: format!("the condition does not parse: {}", m.trim()),
            },
            _ => CompileError {
                column: None,
                message: format!("the condition does not parse: {first}"),
            },
        }
    })?;
    cost(program.expression())?;
    let mut reads = BTreeSet::new();
    let mut bound = BTreeSet::new();
    collect(program.expression(), &mut reads, &mut bound);
    for path in &reads {
        check_path(path, shape, &bound)?;
    }
    // A name a comprehension binds is not a read of the profile, unless the condition also uses a
    // variable of that name: then the path stays, so `reads` never misses a value the condition
    // depends on (the flip-point search relies on that).
    let reads = reads
        .into_iter()
        .filter(|p| {
            let root = p.split('.').next().unwrap_or("");
            !bound.contains(root) || shape.get(root).is_some()
        })
        .collect();
    let mut expr = program.0;
    let mut next_id = max_id(&expr) + 1;
    index_fields(&mut expr, &mut next_id);
    guard(&mut expr, &mut next_id);
    Ok((Condition(expr), reads))
}

/// Refuses a condition whose size or nesting could make it slow, before it ever runs: the
/// compile-time half of the budget (the run-time half is [`budget`]).
fn cost(e: &IdedExpr) -> Result<(), CompileError> {
    let refuse = |message: String| CompileError {
        column: None,
        message,
    };
    let mut nodes = 0;
    let mut stack = vec![(e, 0)];
    while let Some((e, depth)) = stack.pop() {
        nodes += 1;
        if nodes > MAX_NODES {
            return Err(refuse(format!(
                "the condition is too large: more than {MAX_NODES} expressions"
            )));
        }
        let items = match &e.expr {
            Expr::List(l) => l.elements.len(),
            Expr::Map(m) => m.entries.len(),
            _ => 0,
        };
        if items > MAX_LITERAL_ITEMS {
            return Err(refuse(format!(
                "the condition writes a list or map of {items} elements; at most {MAX_LITERAL_ITEMS} (a rule names a few values, not a table)"
            )));
        }
        if let Expr::Comprehension(c) = &e.expr {
            // The range and the start value run once; the rest once per element.
            let inner = depth + 1;
            if inner > MAX_COMPREHENSION_DEPTH {
                return Err(refuse(format!(
                    "comprehensions (`exists`, `all`, `exists_one`, `map`, `filter`) nest {inner} deep; at most {MAX_COMPREHENSION_DEPTH}, as the work multiplies with each level"
                )));
            }
            stack.extend([(&c.iter_range, depth), (&c.accu_init, depth)]);
            stack.extend([
                (&c.loop_cond, inner),
                (&c.loop_step, inner),
                (&c.result, inner),
            ]);
        } else {
            stack.extend(children(e).into_iter().map(|c| (c, depth)));
        }
    }
    Ok(())
}

/// Routes every comprehension's range through [`ordered`] and every `+` through [`add`], the
/// run-time half of the budget. The `+` a `map` or `filter` appends with is left alone: the
/// interpreter recognises that step and appends in place, one element per step counted.
fn guard(e: &mut IdedExpr, next_id: &mut u64) {
    use ::cel::common::ast::CallExpr;
    let call = |func: &str, args: Vec<IdedExpr>, next_id: &mut u64| {
        *next_id += 1;
        IdedExpr {
            id: *next_id,
            expr: Expr::Call(CallExpr {
                func_name: func.to_string(),
                target: None,
                args,
            }),
        }
    };
    let accumulates = |e: &IdedExpr, accu: &str| {
        matches!(&e.expr, Expr::Call(c) if c.func_name == "_+_"
            && matches!(c.args.first().map(|a| &a.expr), Some(Expr::Ident(n)) if n == accu))
    };
    match &mut e.expr {
        Expr::Comprehension(c) => {
            guard(&mut c.iter_range, next_id);
            let range = std::mem::take(&mut c.iter_range);
            c.iter_range = call(ORDERED, vec![range], next_id);
            for part in [&mut c.accu_init, &mut c.loop_cond, &mut c.result] {
                guard(part, next_id);
            }
            // `@result + [x]`, or `cond ? @result + [x] : @result`: guard inside, keep the `+`.
            let accu = c.accu_var.clone();
            let step = &mut c.loop_step;
            if accumulates(step, &accu) {
                children_mut(step)
                    .into_iter()
                    .for_each(|c| guard(c, next_id));
            } else if let Expr::Call(t) = &mut step.expr
                && t.func_name == "_?_:_"
                && t.args.len() == 3
            {
                for (i, arg) in t.args.iter_mut().enumerate() {
                    if i == 1 && accumulates(arg, &accu) {
                        children_mut(arg)
                            .into_iter()
                            .for_each(|c| guard(c, next_id));
                    } else {
                        guard(arg, next_id);
                    }
                }
            } else {
                guard(step, next_id);
            }
        }
        Expr::Call(c) if c.func_name == "_+_" && c.target.is_none() && c.args.len() == 2 => {
            c.args.iter_mut().for_each(|a| guard(a, next_id));
            let args = std::mem::take(&mut c.args);
            *e = call(ADD, args, next_id);
        }
        _ => children_mut(e).into_iter().for_each(|c| guard(c, next_id)),
    }
}

fn check_path(path: &str, shape: &Json, bound: &BTreeSet<String>) -> Result<(), CompileError> {
    let mut parts = path.split('.');
    let root = parts.next().unwrap_or_default();
    if bound.contains(root) {
        return Ok(());
    }
    let Some(mut node) = shape.get(root) else {
        // The shape has every variable a condition may use, so it names them.
        let variables: Vec<&str> = shape
            .as_object()
            .map_or(Vec::new(), |m| m.keys().map(String::as_str).collect());
        let readable = format!("; conditions can read: {}", variables.join(", "));
        let hint = crate::diag::suggest(root, variables.iter().copied(), &readable);
        return Err(CompileError {
            column: None,
            message: format!("unknown variable `{root}`{hint}"),
        });
    };
    let mut walked = root.to_string();
    for field in parts {
        let Json::Object(map) = node else { break };
        match map.get(field) {
            Some(next) => node = next,
            None => {
                let hint = did_you_mean(field, map.keys().map(String::as_str))
                    .map(|s| format!("; did you mean `{walked}.{s}`?"))
                    .unwrap_or_else(|| {
                        let keys: Vec<&str> = map.keys().map(String::as_str).collect();
                        format!("; `{walked}` has: {}", keys.join(", "))
                    });
                return Err(CompileError {
                    column: None,
                    message: format!("`{walked}` has no field `{field}`{hint}"),
                });
            }
        }
        walked = format!("{walked}.{field}");
    }
    Ok(())
}

/// Collects the `a.b.c` paths an expression reads and the names comprehensions bind.
fn collect(e: &IdedExpr, reads: &mut BTreeSet<String>, bound: &mut BTreeSet<String>) {
    if let Some(path) = dotted(&e.expr) {
        reads.insert(path);
        return;
    }
    if let Expr::Comprehension(c) = &e.expr {
        bound.insert(c.iter_var.clone());
        if let Some(v2) = &c.iter_var2 {
            bound.insert(v2.clone());
        }
        bound.insert(c.accu_var.clone());
    }
    for child in children(e) {
        collect(child, reads, bound);
    }
}

/// The direct subexpressions of `e`, in order: the one walk of the expression tree that
/// [`collect`], [`max_id`] and [`index_fields`] share.
fn children(e: &IdedExpr) -> Vec<&IdedExpr> {
    match &e.expr {
        Expr::Call(call) => call.target.iter().map(|t| &**t).chain(&call.args).collect(),
        Expr::Select(s) => vec![&*s.operand],
        Expr::List(l) => l.elements.iter().collect(),
        Expr::Map(m) => m
            .entries
            .iter()
            .flat_map(|entry| match &entry.expr {
                EntryExpr::MapEntry(me) => vec![&me.key, &me.value],
                EntryExpr::StructField(f) => vec![&f.value],
            })
            .collect(),
        Expr::Struct(st) => st
            .entries
            .iter()
            .filter_map(|entry| match &entry.expr {
                EntryExpr::StructField(f) => Some(&f.value),
                EntryExpr::MapEntry(_) => None,
            })
            .collect(),
        Expr::Comprehension(c) => vec![
            &c.iter_range,
            &c.accu_init,
            &c.loop_cond,
            &c.loop_step,
            &c.result,
        ],
        Expr::Ident(_) | Expr::Literal(_) | Expr::Unspecified => Vec::new(),
    }
}

/// [`children`], to change them.
fn children_mut(e: &mut IdedExpr) -> Vec<&mut IdedExpr> {
    match &mut e.expr {
        Expr::Call(call) => call
            .target
            .iter_mut()
            .map(|t| &mut **t)
            .chain(&mut call.args)
            .collect(),
        Expr::Select(s) => vec![&mut *s.operand],
        Expr::List(l) => l.elements.iter_mut().collect(),
        Expr::Map(m) => m
            .entries
            .iter_mut()
            .flat_map(|entry| match &mut entry.expr {
                EntryExpr::MapEntry(me) => vec![&mut me.key, &mut me.value],
                EntryExpr::StructField(f) => vec![&mut f.value],
            })
            .collect(),
        Expr::Struct(st) => st
            .entries
            .iter_mut()
            .filter_map(|entry| match &mut entry.expr {
                EntryExpr::StructField(f) => Some(&mut f.value),
                EntryExpr::MapEntry(_) => None,
            })
            .collect(),
        Expr::Comprehension(c) => vec![
            &mut c.iter_range,
            &mut c.accu_init,
            &mut c.loop_cond,
            &mut c.loop_step,
            &mut c.result,
        ],
        Expr::Ident(_) | Expr::Literal(_) | Expr::Unspecified => Vec::new(),
    }
}

/// Turns field selections `a.b` into indexing `a["b"]`, which means the same on the maps a
/// condition sees. The interpreter resolves a selection chain as a qualified name, trying
/// `a.b.c`, then `a.b`, then `a` as variables and types; indexing looks `a` up once. `has()`
/// tests keep their selection.
fn index_fields(e: &mut IdedExpr, next_id: &mut u64) {
    use ::cel::common::ast::{CallExpr, LiteralValue};
    let Expr::Select(s) = &mut e.expr else {
        children_mut(e)
            .into_iter()
            .for_each(|c| index_fields(c, next_id));
        return;
    };
    if s.test {
        index_fields(&mut s.operand, next_id);
        return;
    }
    let mut operand = std::mem::take(&mut *s.operand);
    index_fields(&mut operand, next_id);
    let field = IdedExpr {
        id: *next_id,
        expr: Expr::Literal(LiteralValue::String(std::mem::take(&mut s.field).into())),
    };
    *next_id += 1;
    e.expr = Expr::Call(CallExpr {
        func_name: "_[_]".to_string(),
        target: None,
        args: vec![operand, field],
    });
}

/// The largest node id in an expression (new nodes get ids above it).
fn max_id(e: &IdedExpr) -> u64 {
    children(e).into_iter().map(max_id).fold(e.id, u64::max)
}

/// `a.b.c` for an identifier followed by field selections (including inside `has()`) and
/// indexes by a string written out (`cost['redis-pubsub']` is `cost.redis-pubsub`), so that a
/// key a condition names is checked like a field, and the systems a budget rule prices are known
/// before it runs. A key with a dot in it is not a path step: the path stops before it.
fn dotted(e: &Expr) -> Option<String> {
    use ::cel::common::ast::LiteralValue;
    match e {
        Expr::Ident(name) => Some(name.clone()),
        Expr::Select(s) => dotted(&s.operand.expr).map(|p| format!("{p}.{}", s.field)),
        Expr::Call(c) if c.func_name == "_[_]" && c.target.is_none() && c.args.len() == 2 => {
            match &c.args[1].expr {
                Expr::Literal(LiteralValue::String(key))
                    if !key.inner().is_empty() && !key.inner().contains('.') =>
                {
                    dotted(&c.args[0].expr).map(|p| format!("{p}.{}", key.inner()))
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// The value at `a.b.c` in a view, for the trace.
pub fn lookup<'a>(view: &'a Json, path: &str) -> Option<&'a Json> {
    path.split('.')
        .try_fold(view, |node, field| node.get(field))
}

/// A view of a profile with every optional field present, to check the paths conditions read.
pub fn shape(limits: &BTreeMap<String, Limit>) -> Json {
    let mut full = Map::new();
    let p = shape_profile();
    let d = Derived::of(&p, StreamMemoryModel::default());
    if let Json::Object(m) = view(&p, &d, limits) {
        full = m;
    }
    full.insert("cost".into(), crate::cost::cel_shape());
    Json::Object(full)
}

/// A profile with every optional field set, built in code: every `msgadvisor` run builds the
/// shape, and reading it from YAML was a twentieth of start-up. A test holds it equal to
/// [`SHAPE_YAML`] read by the profile reader.
fn shape_profile() -> Profile {
    use crate::profile::*;
    Profile {
        version: 1,
        name: "shape".into(),
        description: Some("d".into()),
        throughput: Throughput {
            peak_per_sec: 1.0,
            avg_per_sec: None,
            message_bytes: 1024,
            growth_factor: 2.0,
        },
        consumers: Consumers {
            max_stall_minutes: Some(1.0),
            ..Default::default()
        },
        delivery: Delivery {
            max_latency_ms: Some(1.0),
            ..Default::default()
        },
        replay: Replay::default(),
        jobs: Jobs::default(),
        source: Source {
            database: Some(Database::Postgres),
            ..Default::default()
        },
        team: Team {
            hourly_usd: Some(1.0),
            ..Default::default()
        },
        platform: Platform::default(),
        budget: Budget {
            monthly_usd: Some(1.0),
        },
        events: vec![Event {
            domain: "a".into(),
            action: "b".into(),
            key: Some("c".into()),
        }],
        decision: Some("kafka".into()),
        waivers: vec![Waiver {
            rule: "r".into(),
            reason: "r".into(),
            expires: Some("2030-01-01".into()),
        }],
    }
}

/// [`shape_profile`] as a user would write it.
#[cfg(test)]
const SHAPE_YAML: &str = "version: 1\nname: shape\ndescription: d\nthroughput: {peak_per_sec: 1}\nconsumers: {max_stall_minutes: 1}\ndelivery: {max_latency_ms: 1}\nsource: {database: postgres}\nteam: {hourly_usd: 1}\nbudget: {monthly_usd: 1}\nevents: [{domain: a, action: b, key: c}]\ndecision: kafka\nwaivers: [{rule: r, reason: r, expires: 2030-01-01}]\n";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shape_profile_is_the_yaml_one_with_every_optional_field() {
        let (read, _, _) = crate::profile::load(SHAPE_YAML, "shape").unwrap();
        assert_eq!(shape_profile(), read);
    }

    fn shape0() -> Json {
        shape(&BTreeMap::new())
    }

    #[test]
    fn a_name_a_comprehension_binds_is_still_a_read_where_the_profile_has_it() {
        // `throughput` is bound inside the comprehension and read from the profile outside it:
        // the flip-point search relies on `reads` listing every value a condition depends on.
        let (_, reads) = compile(
            &environment(),
            "[1.0].exists(throughput, throughput > 0.0) && throughput.peak_per_sec > 1.0",
            &shape0(),
        )
        .unwrap();
        assert!(
            reads.contains(&"throughput.peak_per_sec".to_string()),
            "{reads:?}"
        );
        // A bound name that is no variable of the profile is not a read.
        let (_, reads) = compile(
            &environment(),
            "platform.languages.exists(l, l == 'go')",
            &shape0(),
        )
        .unwrap();
        assert_eq!(reads, vec!["platform.languages"]);
    }

    #[test]
    fn indexing_instead_of_selecting_gives_the_same_answers_and_the_same_failures() {
        let env = environment();
        let view = json!({
            "throughput": {"peak_per_sec": 100.0, "nested": {"x": 2.0}},
            "budget": {},
            "platform": {"existing": ["redis", "kafka"]},
            "events": [{"domain": "orders"}],
            "n": 5.0,
        });
        let shape = json!({
            "throughput": {"peak_per_sec": 0.0, "nested": {"x": 0.0}, "missing": 0.0},
            "budget": {"monthly_usd": 0.0},
            "platform": {"existing": []},
            "events": [],
            "n": 0.0,
        });
        for source in [
            "throughput.peak_per_sec > 50.0",
            "throughput.nested.x * 2.0 == 4.0",
            "has(budget.monthly_usd) && budget.monthly_usd > 1.0",
            "!has(budget.monthly_usd)",
            "has(throughput.nested.x)",
            "platform.existing.exists(e, e == 'kafka')",
            "events.exists(e, e.domain == 'orders')",
            "{'a': throughput}.a.peak_per_sec == 100.0",
            // Failures stay failures: a missing key, and a selection on a number.
            "throughput.missing > 1.0",
            "n.x > 1.0",
        ] {
            let (rewritten, _) = compile(&env, source, &shape).unwrap();
            let plain = Condition(::cel::parser::PrattParser::new().parse(source).unwrap());
            let ctx = context(&env, &view);
            match (rewritten.execute(&ctx), plain.execute(&ctx)) {
                (Ok(a), Ok(b)) => assert_eq!(a, b, "{source}"),
                (Err(_), Err(_)) => {}
                (a, b) => panic!("{source}: {a:?} vs {b:?}"),
            }
        }
    }

    #[test]
    fn reads_are_collected_and_checked() {
        let env = environment();
        let (_, reads) = compile(
            &env,
            "throughput.peak_per_sec < 100 && platform.languages.exists(l, l in ['go']) && has(budget.monthly_usd)",
            &shape0(),
        )
        .unwrap();
        assert_eq!(
            reads,
            vec![
                "budget.monthly_usd",
                "platform.languages",
                "throughput.peak_per_sec"
            ]
        );
    }

    #[test]
    fn misspelt_fields_are_errors_with_a_suggestion() {
        let env = environment();
        let err = compile(&env, "throughput.peak_per_sek > 1.0", &shape0()).unwrap_err();
        assert_eq!(
            err.message,
            "`throughput` has no field `peak_per_sek`; did you mean `throughput.peak_per_sec`?"
        );
        let err = compile(&env, "thruput.peak_per_sec > 1.0", &shape0()).unwrap_err();
        assert!(
            err.message
                .starts_with("unknown variable `thruput`; did you mean `throughput`?"),
            "{}",
            err.message
        );
    }

    /// A condition nested past the parser's bound is an error, not a stack overflow or a panic.
    #[test]
    fn deep_nesting_is_refused() {
        for src in [
            format!("{}1{}", "[".repeat(5000), "]".repeat(5000)),
            format!("{}1{}", "f(".repeat(5000), ")".repeat(5000)),
        ] {
            let err = compile(&environment(), &src, &shape0()).unwrap_err();
            assert!(
                err.message.starts_with("the condition does not parse"),
                "{}",
                err.message
            );
        }
        // Redundant parentheses and negations fold away: parsed, and harmless.
        for src in [
            format!("{}true{}", "(".repeat(5000), ")".repeat(5000)),
            format!("{}true", "!".repeat(5000)),
        ] {
            assert!(compile(&environment(), &src, &shape0()).is_ok());
        }
    }

    #[test]
    fn syntax_errors_give_a_column() {
        let err = compile(&environment(), "team.size <", &shape0()).unwrap_err();
        assert_eq!(err.column, Some(12));
        assert!(
            err.message.starts_with("the condition does not parse"),
            "{}",
            err.message
        );
    }

    #[test]
    fn numbers_are_doubles_in_conditions() {
        let env = environment();
        let (p, _, _) = crate::profile::load(
            "version: 1\nname: x\nthroughput: {peak_per_sec: 50}\nconsumers: {groups: 2}\n",
            "p",
        )
        .unwrap();
        let d = Derived::of(&p, StreamMemoryModel::default());
        let v = view(&p, &d, &BTreeMap::new());
        let ctx = context(&env, &v);
        for (src, want) in [
            ("throughput.peak_per_sec < 100", true),
            ("consumers.groups == 2", true),
            ("consumers.groups * 2.0 == 4.0", true),
            ("throughput.avg_per_sec == throughput.peak_per_sec", true),
            ("!has(budget.monthly_usd)", true),
        ] {
            let (prog, _) = compile(&env, src, &shape0()).unwrap();
            assert_eq!(prog.execute(&ctx), Ok(::cel::Value::Bool(want)), "{src}");
        }
    }
}
