#!/usr/bin/env python3
"""The Python peer of `msgadvisor check`: what a platform team might write instead.

Walks the given files and folders, parses each profile with PyYAML's C loader, builds the context
msgadvisor's rules see (the profile with its defaults, `derived`, `limits`, a constant `cost`),
evaluates every rule condition (each compiled once) with the `common-expression-language`
package (Python bindings over the Rust `cel` crate), applies the rules' score / exclude /
discourage / budget effects and the profile's waivers, ranks the candidates as msgadvisor does
(excluded last, then discouraged by a requirement, then over budget with the cheapest first, then
score, then simplicity, then id), judges the declared `decision`,
and prints a JSON summary. The same logic as node/peer.mjs.

Deliberately less than msgadvisor: no validation of the profile, no line/column locations, no
findings text, no flip points or guidance, no pricing (the cost figures are constants, below).

    python peer.py DIR_OR_FILE... [--no-waivers] [--phases]
    python peer.py --self-test      every rule's own examples, merged onto rules/example-base.yaml

The rules are read at every start from $MSGADVISOR_RULES_DIR (default: `rules` in the current
folder): rules/*.yaml, limits.yaml, candidates.yaml and example-base.yaml.
Exit status: 0 when every profile passes or warns, 1 when one fails (as `check`), 3 when the rule
files are not in the format this peer knows (a message on stderr says what).
"""
import time

_START = time.perf_counter()

import datetime  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402

import cel  # noqa: E402  (the package's __init__ also imports its CLI: about 150 ms of start-up)
import yaml  # noqa: E402

LOADER = yaml.CLoader  # fails loudly if PyYAML was built without libyaml

argv = sys.argv[1:]
NO_WAIVERS = "--no-waivers" in argv
SELF_TEST = "--self-test" in argv
# --phases: milliseconds spent per phase, to stderr
PHASES = {"read": 0.0, "parse": 0.0, "context": 0.0, "cel": 0.0, "rank": 0.0} if "--phases" in argv else None
INPUTS = [a for a in argv if not a.startswith("--")]
RULES_DIR = os.environ.get("MSGADVISOR_RULES_DIR", "rules")

# Constant cost figures (USD a month, the cheapest way that fits, and the cheapest without a
# durability doubt; how many ways fit): msgadvisor's
# own figures for examples/order-events.yaml, the only example with a budget; they do not depend
# on the peak rate, the one field the workload generator varies. msgadvisor prices every profile
# instead. `ways_that_fit` is read only by the budget rules and, after `replay.needed &&
# team.managed_only`, by no-way-fits-rabbitmq: of the examples only order-events and clickstream
# get that far, and RabbitMQ has no way that fits in either (Amazon MQ runs no streams).
COST = {
    "kafka": {"cheapest_infrastructure_usd": 492.85, "ways_that_fit": 5.0},
    "rabbitmq": {"cheapest_infrastructure_usd": 620.11, "ways_that_fit": 0.0},
    "outbox": {"cheapest_infrastructure_usd": 70.08, "ways_that_fit": 1.0},
    "redis-streams": {"cheapest_infrastructure_usd": 1931.37, "ways_that_fit": 4.0,
                      "cheapest_durable_infrastructure_usd": 0.0, "durable_ways_that_fit": 0.0},
    "bullmq": {"cheapest_infrastructure_usd": 0.0, "ways_that_fit": 3.0,
               "cheapest_durable_infrastructure_usd": 0.0, "durable_ways_that_fit": 2.0},
    "redis-pubsub": {"cheapest_infrastructure_usd": 0.0, "ways_that_fit": 5.0},
}


def budget_basis(c):
    """What the budget rules compare, and what over-budget candidates are ordered by: the cheapest
    way without a durability doubt when one fits (src/cost/mod.rs, `budget_basis_usd`)."""
    if not c:
        return 0.0
    if c.get("durable_ways_that_fit", 0.0) > 0:
        return c["cheapest_durable_infrastructure_usd"]
    return c["cheapest_infrastructure_usd"]


# --- the rule files, checked for the shape this peer knows, conditions compiled once ----------
class FormatError(Exception):
    pass


def need(ok, path, what):
    if not ok:
        raise FormatError(f"{path}: {what}")


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def is_string_list(v):
    return isinstance(v, list) and all(isinstance(x, str) for x in v)


# msgadvisor's effect keys (src/engine/model.rs); `patterns`, `warning`, `warning_for`, `says` and
# `finding` do not change a ranking; `budget: true` makes a discouragement one for price (ranked
# above a requirement's).
EFFECT_KEYS = ("score", "exclude", "discourage", "patterns", "warning", "warning_for", "says", "finding", "budget")
# The limits `derived` needs.
DERIVED_LIMITS = (
    "redis_stream_entry_overhead_bytes",
    "redis_stream_node_max_bytes",
    "redis_stream_node_max_entries",
    "redis_stream_allocator_rounding",
    "redis_stream_node_overhead_bytes",
)
# A condition that reads the top-level `cost` variable: the peers' constant figures decide it.
READS_COST = re.compile(r"(^|[^\w.])cost\s*[.\[]")


def read_yaml(path):
    try:
        with open(path, "rb") as fh:
            text = fh.read()
    except OSError as err:
        raise FormatError(f"cannot read {path}: {err.strerror}") from None
    try:
        return yaml.load(text, Loader=LOADER)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        what = f"{err.problem} (line {mark.line + 1}, column {mark.column + 1})" if mark else str(err).splitlines()[0]
        raise FormatError(f"{path}: not YAML that PyYAML reads: {what}") from None


def load_rules():
    rules_path = os.path.join(RULES_DIR, "rules")
    try:
        names = sorted(f for f in os.listdir(rules_path) if f.endswith((".yaml", ".yml")))
    except OSError as err:
        raise FormatError(f"cannot list {rules_path}: {err.strerror}") from None
    need(names, rules_path, "no rule files (*.yaml)")
    rules, compile_errors = [], []
    for name in names:
        path = os.path.join(rules_path, name)
        r = read_yaml(path)
        need(isinstance(r, dict), path, "a rule file is not a map")
        need(isinstance(r.get("id"), str) and r["id"], path, "`id` is missing or not a string")
        need(isinstance(r.get("when"), str), path, "`when` (the CEL condition) is missing or not a string")
        e = r.get("effect") or {}
        need(isinstance(e, dict), path, "`effect` is not a map")
        for k in e:
            need(k in EFFECT_KEYS, path, f"effect `{k}` is not one the peers know ({', '.join(EFFECT_KEYS)})")
        score = e.get("score") or {}
        need(isinstance(score, dict) and all(map(is_number, score.values())), path, "`effect.score` is not a map of numbers")
        need(is_string_list(e.get("exclude") or []), path, "`effect.exclude` is not a list of ids")
        need(is_string_list(e.get("discourage") or []), path, "`effect.discourage` is not a list of ids")
        examples = r.get("examples") or []
        need(
            isinstance(examples, list)
            and all(isinstance(x, dict) and isinstance(x.get("fires"), bool) and isinstance(x.get("profile") or {}, dict) for x in examples),
            path,
            "`examples` is not a list of {profile, fires}",
        )
        try:
            program = cel.compile(r["when"])
        except Exception as err:  # noqa: BLE001 - report whatever the library raises
            compile_errors.append({"rule": r["id"], "error": str(err)})
            continue
        rules.append(
            {
                "id": r["id"],
                "program": program,
                "reads_cost": bool(READS_COST.search(r["when"])),
                "score": score,
                "exclude": e.get("exclude") or [],
                "discourage": e.get("discourage") or [],
                "budget": e.get("budget") is True,
                "finding": e.get("finding") is True,
                "examples": examples,
            }
        )

    limits_path = os.path.join(RULES_DIR, "limits.yaml")
    doc = read_yaml(limits_path)
    need(isinstance(doc, dict) and isinstance(doc.get("limits"), dict), limits_path, "no `limits` map")
    limits = {}
    for k, v in doc["limits"].items():
        need(isinstance(v, dict) and is_number(v.get("value")), limits_path, f"limit `{k}` has no numeric `value`")
        limits[k] = float(v["value"])
    for k in DERIVED_LIMITS:
        need(k in limits, limits_path, f"limit `{k}` (used for derived.redis_stream_*) is missing")

    candidates_path = os.path.join(RULES_DIR, "candidates.yaml")
    doc = read_yaml(candidates_path)
    need(isinstance(doc, dict) and isinstance(doc.get("candidates"), list) and doc["candidates"], candidates_path, "no `candidates` list")
    for c in doc["candidates"]:
        need(
            isinstance(c, dict) and isinstance(c.get("id"), str) and is_number(c.get("base_score")) and is_number(c.get("simplicity")),
            candidates_path,
            "a candidate lacks a string `id` or a numeric `base_score` or `simplicity`",
        )

    example_base = None
    if SELF_TEST:
        base_path = os.path.join(RULES_DIR, "example-base.yaml")
        example_base = read_yaml(base_path)
        need(isinstance(example_base, dict), base_path, "is not a map")
    return rules, compile_errors, limits, doc["candidates"], example_base


try:
    RULES, COMPILE_ERRORS, LIMITS, CANDIDATES, EXAMPLE_BASE = load_rules()
except Exception as err:  # noqa: BLE001 - a clear message instead of a stack trace
    what = str(err) if isinstance(err, FormatError) else f"{type(err).__name__}: {err}"
    sys.stderr.write(
        f"python peer: cannot use the rules in {RULES_DIR}: {what}\n"
        "  The rule files are not in the format this peer knows. If msgadvisor's rule format changed, update\n"
        "  scripts/peers/node/peer.mjs and scripts/peers/python/peer.py to match it.\n"
    )
    sys.exit(3)
MARGIN = round(LIMITS.get("viable_margin", 15.0))
TODAY = datetime.date.today().isoformat()
# `limits` and `cost` are the same for every profile: converted to CEL values once, in one shared
# context whose profile variables are replaced (Context.update) for each profile. Converting
# them again for every profile doubled the cost of building the context.
SHARED = cel.Context({"limits": LIMITS, "cost": COST})
RULES_LOADED_AT = time.perf_counter()


def or_default(v, d):
    return d if v is None else v


# --- the context a condition sees (defaults as in src/profile/mod.rs) --------------------------
# Every number is a double, as msgadvisor gives them: the Rust `cel` crate does not mix int
# and double in arithmetic, and PyYAML returns ints for whole numbers.
def context(p):
    t = p.get("throughput") or {}
    peak = float(t["peak_per_sec"])
    throughput = {
        "peak_per_sec": peak,
        "avg_per_sec": float(or_default(t.get("avg_per_sec"), peak)),
        "message_bytes": float(or_default(t.get("message_bytes"), 1024)),
        "growth_factor": float(or_default(t.get("growth_factor"), 2)),
    }
    c = p.get("consumers") or {}
    consumers = {"groups": float(or_default(c.get("groups"), 1)), "processing_ms": float(or_default(c.get("processing_ms"), 10))}
    # optional, no default: absent for `has()`
    if c.get("max_stall_minutes") is not None:
        consumers["max_stall_minutes"] = float(c["max_stall_minutes"])
    d = p.get("delivery") or {}
    delivery = {"loss_ok": bool(d.get("loss_ok", False)), "ordering": or_default(d.get("ordering"), "none")}
    if d.get("max_latency_ms") is not None:
        delivery["max_latency_ms"] = float(d["max_latency_ms"])
    r = p.get("replay") or {}
    replay = {"needed": bool(r.get("needed", False)), "retention_days": float(or_default(r.get("retention_days"), 7))}
    j = p.get("jobs") or {}
    jobs = {k: bool(j.get(k, False)) for k in ("retries", "delays", "priorities", "rate_limit", "scheduled")}
    s = p.get("source") or {}
    source = {"db_transaction": bool(s.get("db_transaction", False))}
    if s.get("database") is not None:
        source["database"] = s["database"]
    tm = p.get("team") or {}
    team = {
        "size": float(or_default(tm.get("size"), 5)),
        "kafka_experience": or_default(tm.get("kafka_experience"), "none"),
        "managed_only": bool(tm.get("managed_only", False)),
    }
    if tm.get("hourly_usd") is not None:
        team["hourly_usd"] = float(tm["hourly_usd"])
    pl = p.get("platform") or {}
    platform = {
        "cloud": or_default(pl.get("cloud"), "other"),
        "languages": list(pl.get("languages") or []),
        "existing": list(pl.get("existing") or []),
    }
    budget = {}
    if (p.get("budget") or {}).get("monthly_usd") is not None:
        budget["monthly_usd"] = float(p["budget"]["monthly_usd"])
    return {
        "throughput": throughput,
        "consumers": consumers,
        "delivery": delivery,
        "replay": replay,
        "jobs": jobs,
        "source": source,
        "team": team,
        "platform": platform,
        "budget": budget,
        "derived": derived(throughput, consumers, replay, jobs),
    }


# --- derived.* as src/profile/derived.rs computes them -----------------------------------------
def consumers_for(rate, ms):
    return float(max(1, math.ceil(rate * ms / 1000.0)))


def derived(t, c, r, j):
    g = t["growth_factor"]
    nbytes = t["message_bytes"]
    avg = t["avg_per_sec"]
    peak = t["peak_per_sec"]
    retention = r["retention_days"] * 86400.0 if r["needed"] else 0.0
    avg_bytes = avg * nbytes
    # Redis stream RAM per entry: (bytes + overhead) x rounding + node overhead / entries per node.
    entry = nbytes + LIMITS["redis_stream_entry_overhead_bytes"]
    per_node = min(max(math.floor(LIMITS["redis_stream_node_max_bytes"] / entry), 1.0), LIMITS["redis_stream_node_max_entries"])
    entry_bytes = entry * LIMITS["redis_stream_allocator_rounding"] + LIMITS["redis_stream_node_overhead_bytes"] / per_node
    stream_bytes = avg * retention * entry_bytes
    stall = c.get("max_stall_minutes", 0.0) * 60.0
    return {
        "peak_bytes_per_sec": peak * nbytes,
        "avg_bytes_per_sec": avg_bytes,
        "consumers_needed": consumers_for(peak, c["processing_ms"]),
        "retention_seconds": retention,
        "retained_bytes": avg_bytes * retention,
        "messages_per_day": avg * 86400.0,
        "redis_stream_bytes": stream_bytes,
        "redis_stream_entry_bytes": entry_bytes,
        "job_features": j["delays"] or j["priorities"] or j["rate_limit"] or j["scheduled"],
        "peak_per_sec_grown": peak * g,
        "peak_bytes_per_sec_grown": peak * nbytes * g,
        "consumers_needed_grown": consumers_for(peak * g, c["processing_ms"]),
        "retained_bytes_grown": avg_bytes * retention * g,
        "messages_per_day_grown": avg * 86400.0 * g,
        "redis_stream_bytes_grown": stream_bytes * g,
        # A stall's backlog (consumers.max_stall_minutes; none when it is not given).
        "backlog_bytes": peak * nbytes * stall,
        "backlog_bytes_grown": peak * nbytes * stall * g,
    }


# --- evaluate, score, rank, judge --------------------------------------------------------------
eval_errors = {}  # rule id -> the last error it gave


def fire(ctx):
    fired = set()
    for r in RULES:
        try:
            v = r["program"].execute(ctx)
            if v is True:
                fired.add(r["id"])
            elif v is not False:
                raise TypeError(f"gave {v!r}, not a bool")
        except Exception as err:  # noqa: BLE001
            eval_errors[r["id"]] = str(err)
    return fired


def rank(fired, waived):
    st = [
        {"id": c["id"], "score": c["base_score"], "simplicity": c["simplicity"], "excluded": False, "discouraged": False, "over_budget": False}
        for c in CANDIDATES
    ]
    by = {s["id"]: s for s in st}
    for r in RULES:
        if r["id"] not in fired or r["id"] in waived:
            continue
        for cid, delta in r["score"].items():
            if cid in by:
                by[cid]["score"] += delta
        for cid in r["exclude"]:
            if cid in by:
                by[cid]["excluded"] = True
        for cid in r["discourage"]:
            if cid in by:
                by[cid]["over_budget" if r["budget"] else "discouraged"] = True

    # Requirements before price: excluded last, then discouraged by a requirement, then over budget
    # (the cheapest first), then score; among the excluded, score alone.
    def key(s):
        out = s["excluded"]
        over = s["over_budget"] and not out
        price = math.floor(budget_basis(COST.get(s["id"])) * 100 + 0.5) if over else 0  # Rust rounds half away from 0
        return (out, s["discouraged"] and not out, over, price, -s["score"], s["simplicity"], s["id"])

    st.sort(key=key)
    for s in st:
        s["discouraged"] = s["discouraged"] or s["over_budget"]
    return st


def verdict(ranking, cid):
    for i, c in enumerate(ranking):
        if c["id"] == cid:
            break
    else:
        return "unknown"
    if i == 0:
        return "recommended"
    if c["excluded"]:
        return "excluded"
    if c["discouraged"] or ranking[0]["score"] - c["score"] > MARGIN:
        return "discouraged"
    return "viable"


SEVERITY = {"pass": 0, "warn": 1, "fail": 2}
STATUS_OF = {"recommended": "pass", "viable": "pass", "discouraged": "warn", "excluded": "fail", "unknown": "fail"}


def worse(a, b):
    return b if SEVERITY[b] > SEVERITY[a] else a


def judge(path, p, fired):
    waived = set()
    status = "pass"
    if not NO_WAIVERS:
        for w in p.get("waivers") or []:
            exp = w.get("expires")
            exp = exp.isoformat() if isinstance(exp, (datetime.date, datetime.datetime)) else exp
            if exp and str(exp) < TODAY:
                status = "fail"
            elif w.get("rule") not in fired:
                status = worse(status, "warn")
            else:
                waived.add(w["rule"])
                # A waiver that applies for good warns (check/waiver-no-expiry), as check does.
                if not exp:
                    status = worse(status, "warn")
    ranking = rank(fired, waived)
    top = ranking[0]
    out = {"file": path, "name": p.get("name"), "recommended": None if top["excluded"] else top["id"], "status": status}
    if top["excluded"]:
        out["status"] = "invalid"
    elif p.get("decision") is not None:
        out["decision"] = p["decision"]
        out["verdict"] = verdict(ranking, p["decision"])
        out["status"] = worse(status, STATUS_OF[out["verdict"]])
    # What recommend puts first (the top candidate discouraged or over budget, or a rule's
    # `finding`) warns whatever the decision, as check does.
    finding = any(r["finding"] and r["id"] in fired and r["id"] not in waived for r in RULES)
    if not top["excluded"] and (top["discouraged"] or finding):
        out["status"] = worse(out["status"], "warn")
    return out


# --- the rules' own examples ---------------------------------------------------------------------
def merge(a, b):
    # Maps merge, lists replace.
    if isinstance(a, dict) and isinstance(b, dict):
        o = dict(a)
        for k, v in b.items():
            o[k] = merge(a.get(k), v)
        return o
    return b


def self_test():
    passed, failed = 0, []
    for r in RULES:
        for ex in r["examples"]:
            try:
                SHARED.update(context(merge(EXAMPLE_BASE, ex.get("profile") or {})))
                got = r["program"].execute(SHARED)
            except Exception as err:  # noqa: BLE001
                got = f"error: {err}"
            if got is ex["fires"]:
                passed += 1
            else:
                failed.append({"rule": r["id"], "reads_cost": r["reads_cost"], "profile": ex.get("profile"), "expected": ex["fires"], "got": got})
    out = {"peer": "python", "rules": len(RULES), "compile_errors": COMPILE_ERRORS, "examples_passed": passed, "examples_failed": failed}
    print(json.dumps(out, indent=2, default=str))
    return 1 if failed or COMPILE_ERRORS else 0


# --- walk, evaluate every profile, summarise ------------------------------------------------------
def walk(path, acc, named=True):
    if os.path.isdir(path):
        for e in sorted(os.listdir(path)):
            walk(os.path.join(path, e), acc, False)
    elif named or path.endswith((".yaml", ".yml")):
        acc.append(path)
    return acc


def run_profiles():
    if not INPUTS:
        sys.stderr.write("usage: python peer.py DIR_OR_FILE... [--no-waivers] [--phases] | --self-test\n")
        return 2
    files = []
    for i in INPUTS:
        try:
            walk(i, files)
        except OSError as err:
            sys.stderr.write(f"python peer: cannot read {i}: {err.strerror}\n")
            return 2
    results, profile_errors, skipped = [], [], 0
    now = time.perf_counter if PHASES is not None else (lambda: 0.0)
    for f in files:
        try:
            t0 = now()
            with open(f, "rb") as fh:
                text = fh.read()
            t1 = now()
            p = yaml.load(text, Loader=LOADER)
            t2 = now()
            if not isinstance(p, dict) or not p.get("throughput"):
                skipped += 1
                continue
            SHARED.update(context(p))  # every profile variable is replaced, so nothing carries over
            t3 = now()
            fired = fire(SHARED)
            t4 = now()
            results.append(judge(f, p, fired))
            if PHASES is not None:
                PHASES["read"] += t1 - t0
                PHASES["parse"] += t2 - t1
                PHASES["context"] += t3 - t2
                PHASES["cel"] += t4 - t3
                PHASES["rank"] += now() - t4
        except Exception as err:  # noqa: BLE001 - a profile format this peer does not know
            profile_errors.append({"file": f, "error": f"{type(err).__name__}: {err}".splitlines()[0]})

    def count(key):
        m = {}
        for r in results:
            m[r[key]] = m.get(r[key], 0) + 1
        return m

    summary = {
        "peer": "python",
        "rules": len(RULES),
        "profiles": len(results),
        "skipped": skipped,
        "compile_errors": COMPILE_ERRORS,
        "eval_errors": eval_errors,
        "profile_errors": profile_errors,
        "status": count("status"),
        "recommended": count("recommended"),
        "results": results,
    }
    t6 = time.perf_counter()
    sys.stdout.write(json.dumps(summary, indent=2) + "\n")
    if PHASES is not None:
        PHASES["output"] = time.perf_counter() - t6
        PHASES["rules_loaded_at"] = RULES_LOADED_AT - _START  # after imports + rule loading
        PHASES["done_at"] = time.perf_counter() - _START
        sys.stderr.write("phases (ms): " + json.dumps({k: round(v * 1000) for k, v in PHASES.items()}) + "\n")
    return 1 if profile_errors or any(r["status"] in ("fail", "invalid") for r in results) else 0


if __name__ == "__main__":
    sys.exit(self_test() if SELF_TEST else run_profiles())
