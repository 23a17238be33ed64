#!/usr/bin/env node
// The Node.js peer of `msgadvisor check`: what a platform team might write instead.
// Walks the given files and folders, parses each profile with js-yaml, builds the context
// msgadvisor's rules see (the profile with its defaults, `derived`, `limits`, a constant `cost`),
// evaluates every rule condition (each compiled once) with @marcbachmann/cel-js, applies the
// rules' score / exclude / discourage / budget effects and the profile's waivers, ranks the
// candidates as msgadvisor does (excluded last, then discouraged by a requirement, then over
// budget with the cheapest first, then score, then simplicity, then id), judges
// the declared `decision`, and prints a JSON summary.
//
// Deliberately less than msgadvisor: no validation of the profile, no line/column locations, no
// findings text, no flip points or guidance, no pricing (the cost figures are constants, below).
//
//   node peer.mjs DIR_OR_FILE... [--no-waivers] [--phases]
//   node peer.mjs --self-test      every rule's own examples, merged onto rules/example-base.yaml
//
// The rules are read at every start from $MSGADVISOR_RULES_DIR (default: `rules` in the current
// folder): rules/*.yaml, limits.yaml, candidates.yaml and example-base.yaml.
// Exit status: 0 when every profile passes or warns, 1 when one fails (as `check`), 3 when the
// rule files are not in the format this peer knows (a message on stderr says what).
import fs from 'node:fs'
import path from 'node:path'
// js-yaml 4.x on purpose (package.json pins 4.3.2): it parses these profiles about 3x faster
// than 5.x, and the peer should be as fast as a team's script would plausibly be.
import {load as parseYaml} from 'js-yaml'
import {parse as compileCel} from '@marcbachmann/cel-js'

const argv = process.argv.slice(2)
const noWaivers = argv.includes('--no-waivers')
const selfTest = argv.includes('--self-test')
// --phases: milliseconds spent per phase, to stderr
const phases = argv.includes('--phases') ? {read: 0, parse: 0, context: 0, cel: 0, rank: 0} : null
const now = phases ? () => performance.now() : () => 0
const inputs = argv.filter((a) => !a.startsWith('--'))
const RULES_DIR = process.env.MSGADVISOR_RULES_DIR || 'rules'

// Constant cost figures (USD a month, the cheapest way that fits, and the cheapest without a
// durability doubt; how many ways fit): msgadvisor's
// own figures for examples/order-events.yaml, the only example with a budget; they do not depend
// on the peak rate, the one field the workload generator varies. msgadvisor prices every profile
// instead. `ways_that_fit` is read only by the budget rules and, after `replay.needed &&
// team.managed_only`, by no-way-fits-rabbitmq: of the examples only order-events and clickstream
// get that far, and RabbitMQ has no way that fits in either (Amazon MQ runs no streams).
const COST = {
  kafka: {cheapest_infrastructure_usd: 492.85, ways_that_fit: 5},
  rabbitmq: {cheapest_infrastructure_usd: 620.11, ways_that_fit: 0},
  outbox: {cheapest_infrastructure_usd: 70.08, ways_that_fit: 1},
  'redis-streams': {cheapest_infrastructure_usd: 1931.37, ways_that_fit: 4, cheapest_durable_infrastructure_usd: 0, durable_ways_that_fit: 0},
  bullmq: {cheapest_infrastructure_usd: 0, ways_that_fit: 3, cheapest_durable_infrastructure_usd: 0, durable_ways_that_fit: 2},
  'redis-pubsub': {cheapest_infrastructure_usd: 0, ways_that_fit: 5},
}
// What the budget rules compare, and what over-budget candidates are ordered by: the cheapest
// way without a durability doubt when one fits (src/cost/mod.rs, `budget_basis_usd`).
const budgetBasis = (c) =>
  c?.durable_ways_that_fit > 0 ? c.cheapest_durable_infrastructure_usd : (c?.cheapest_infrastructure_usd ?? 0)

// --- the rule files, checked for the shape this peer knows, conditions compiled once ----------
class FormatError extends Error {}
const need = (ok, file, what) => {
  if (!ok) throw new FormatError(`${file}: ${what}`)
}
const isMap = (v) => v !== null && typeof v === 'object' && !Array.isArray(v)
const isNumber = (v) => typeof v === 'number' && Number.isFinite(v)
const isStringList = (v) => Array.isArray(v) && v.every((x) => typeof x === 'string')
// msgadvisor's effect keys (src/engine/model.rs). `patterns`, `warning`, `warning_for`, `says`
// and `finding` do not change a ranking; `budget: true` makes a discouragement one for price
// (ranked above a requirement's).
const EFFECT_KEYS = ['score', 'exclude', 'discourage', 'patterns', 'warning', 'warning_for', 'says', 'finding', 'budget']
// The limits `derived` needs.
const DERIVED_LIMITS = ['redis_stream_entry_overhead_bytes', 'redis_stream_node_max_bytes', 'redis_stream_node_max_entries', 'redis_stream_allocator_rounding', 'redis_stream_node_overhead_bytes']
// A condition that reads the top-level `cost` variable: the peers' constant figures decide it.
const READS_COST = /(^|[^\w.])cost\s*[.[]/

function readYaml(file) {
  let text
  try {
    text = fs.readFileSync(file, 'utf8')
  } catch (err) {
    throw new FormatError(`cannot read ${file}: ${err.code || err.message}`)
  }
  try {
    return parseYaml(text)
  } catch (err) {
    throw new FormatError(`${file}: not YAML that js-yaml reads: ${err.message.split('\n')[0]}`)
  }
}

function loadRules() {
  const dir = path.join(RULES_DIR, 'rules')
  let names
  try {
    names = fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort()
  } catch (err) {
    throw new FormatError(`cannot list ${dir}: ${err.code || err.message}`)
  }
  need(names.length > 0, dir, 'no rule files (*.yaml)')
  const rules = []
  const compileErrors = []
  for (const name of names) {
    const file = path.join(dir, name)
    const r = readYaml(file)
    need(isMap(r), file, 'a rule file is not a map')
    need(typeof r.id === 'string' && r.id !== '', file, '`id` is missing or not a string')
    need(typeof r.when === 'string', file, '`when` (the CEL condition) is missing or not a string')
    const e = r.effect ?? {}
    need(isMap(e), file, '`effect` is not a map')
    for (const k of Object.keys(e)) need(EFFECT_KEYS.includes(k), file, `effect \`${k}\` is not one the peers know (${EFFECT_KEYS.join(', ')})`)
    need(e.score == null || (isMap(e.score) && Object.values(e.score).every(isNumber)), file, '`effect.score` is not a map of numbers')
    need(e.exclude == null || isStringList(e.exclude), file, '`effect.exclude` is not a list of ids')
    need(e.discourage == null || isStringList(e.discourage), file, '`effect.discourage` is not a list of ids')
    const examples = r.examples ?? []
    need(Array.isArray(examples) && examples.every((x) => isMap(x) && typeof x.fires === 'boolean' && (x.profile == null || isMap(x.profile))), file, '`examples` is not a list of {profile, fires}')
    let cond
    try {
      cond = compileCel(r.when)
    } catch (err) {
      compileErrors.push({rule: r.id, error: String(err.message || err)})
      continue
    }
    rules.push({id: r.id, cond, readsCost: READS_COST.test(r.when), score: e.score || {}, exclude: e.exclude || [], discourage: e.discourage || [], budget: e.budget === true, finding: e.finding === true, examples})
  }

  const limitsFile = path.join(RULES_DIR, 'limits.yaml')
  const limitsDoc = readYaml(limitsFile)
  need(isMap(limitsDoc) && isMap(limitsDoc.limits), limitsFile, 'no `limits` map')
  const limits = {}
  for (const [k, v] of Object.entries(limitsDoc.limits)) {
    need(isMap(v) && isNumber(v.value), limitsFile, `limit \`${k}\` has no numeric \`value\``)
    limits[k] = v.value
  }
  for (const k of DERIVED_LIMITS) need(k in limits, limitsFile, `limit \`${k}\` (used for derived.redis_stream_*) is missing`)

  const candidatesFile = path.join(RULES_DIR, 'candidates.yaml')
  const candidatesDoc = readYaml(candidatesFile)
  need(isMap(candidatesDoc) && Array.isArray(candidatesDoc.candidates) && candidatesDoc.candidates.length > 0, candidatesFile, 'no `candidates` list')
  for (const c of candidatesDoc.candidates) {
    need(isMap(c) && typeof c.id === 'string' && isNumber(c.base_score) && isNumber(c.simplicity), candidatesFile, 'a candidate lacks a string `id` or a numeric `base_score` or `simplicity`')
  }

  let exampleBase = null
  if (selfTest) {
    const baseFile = path.join(RULES_DIR, 'example-base.yaml')
    exampleBase = readYaml(baseFile)
    need(isMap(exampleBase), baseFile, 'is not a map')
  }
  return {rules, compileErrors, limits, candidates: candidatesDoc.candidates, exampleBase}
}

let loaded
try {
  loaded = loadRules()
} catch (err) {
  const what = err instanceof FormatError ? err.message : `${err.name}: ${err.message}`
  process.stderr.write(
    `node peer: cannot use the rules in ${RULES_DIR}: ${what}\n` +
      `  The rule files are not in the format this peer knows. If msgadvisor's rule format changed, update\n` +
      `  scripts/peers/node/peer.mjs and scripts/peers/python/peer.py to match it.\n`,
  )
  process.exit(3)
}
const {rules, compileErrors, limits, candidates, exampleBase} = loaded
const MARGIN = Math.round(limits.viable_margin ?? 15)
const today = new Date().toISOString().slice(0, 10)
const rulesLoadedAt = now()

// --- the context a condition sees (defaults as in src/profile/mod.rs) --------------------------
const orDefault = (v, d) => (v === undefined || v === null ? d : v)
function context(p) {
  const t = p.throughput || {}
  const peak = Number(t.peak_per_sec)
  const throughput = {
    peak_per_sec: peak,
    avg_per_sec: Number(orDefault(t.avg_per_sec, peak)),
    message_bytes: Number(orDefault(t.message_bytes, 1024)),
    growth_factor: Number(orDefault(t.growth_factor, 2)),
  }
  const c = p.consumers || {}
  const consumers = {groups: Number(orDefault(c.groups, 1)), processing_ms: Number(orDefault(c.processing_ms, 10))}
  // optional, no default: absent for `has()`
  if (c.max_stall_minutes != null) consumers.max_stall_minutes = Number(c.max_stall_minutes)
  const d = p.delivery || {}
  const delivery = {loss_ok: orDefault(d.loss_ok, false), ordering: orDefault(d.ordering, 'none')}
  if (d.max_latency_ms != null) delivery.max_latency_ms = Number(d.max_latency_ms)
  const r = p.replay || {}
  const replay = {needed: orDefault(r.needed, false), retention_days: Number(orDefault(r.retention_days, 7))}
  const j = p.jobs || {}
  const jobs = {retries: !!j.retries, delays: !!j.delays, priorities: !!j.priorities, rate_limit: !!j.rate_limit, scheduled: !!j.scheduled}
  const s = p.source || {}
  const source = {db_transaction: orDefault(s.db_transaction, false)}
  if (s.database != null) source.database = s.database
  const tm = p.team || {}
  const team = {size: Number(orDefault(tm.size, 5)), kafka_experience: orDefault(tm.kafka_experience, 'none'), managed_only: orDefault(tm.managed_only, false)}
  if (tm.hourly_usd != null) team.hourly_usd = Number(tm.hourly_usd)
  const pl = p.platform || {}
  const platform = {cloud: orDefault(pl.cloud, 'other'), languages: pl.languages || [], existing: pl.existing || []}
  const budget = {}
  if (p.budget && p.budget.monthly_usd != null) budget.monthly_usd = Number(p.budget.monthly_usd)
  return {throughput, consumers, delivery, replay, jobs, source, team, platform, budget, derived: derived(throughput, consumers, replay, jobs), limits, cost: COST}
}

// --- derived.* as src/profile/derived.rs computes them -----------------------------------------
const consumersFor = (rate, ms) => Math.max(1, Math.ceil((rate * ms) / 1000))
function derived(t, c, r, j) {
  const g = t.growth_factor
  const bytes = t.message_bytes
  const retention = r.needed ? r.retention_days * 86400 : 0
  const avgBytes = t.avg_per_sec * bytes
  // Redis stream RAM per entry: (bytes + overhead) x rounding + node overhead / entries per node.
  const entry = bytes + limits.redis_stream_entry_overhead_bytes
  const perNode = Math.min(Math.max(Math.floor(limits.redis_stream_node_max_bytes / entry), 1), limits.redis_stream_node_max_entries)
  const entryBytes = entry * limits.redis_stream_allocator_rounding + limits.redis_stream_node_overhead_bytes / perNode
  const streamBytes = t.avg_per_sec * retention * entryBytes
  const stall = (c.max_stall_minutes ?? 0) * 60
  return {
    peak_bytes_per_sec: t.peak_per_sec * bytes,
    avg_bytes_per_sec: avgBytes,
    consumers_needed: consumersFor(t.peak_per_sec, c.processing_ms),
    retention_seconds: retention,
    retained_bytes: avgBytes * retention,
    messages_per_day: t.avg_per_sec * 86400,
    redis_stream_bytes: streamBytes,
    redis_stream_entry_bytes: entryBytes,
    job_features: j.delays || j.priorities || j.rate_limit || j.scheduled,
    peak_per_sec_grown: t.peak_per_sec * g,
    peak_bytes_per_sec_grown: t.peak_per_sec * bytes * g,
    consumers_needed_grown: consumersFor(t.peak_per_sec * g, c.processing_ms),
    retained_bytes_grown: avgBytes * retention * g,
    messages_per_day_grown: t.avg_per_sec * 86400 * g,
    redis_stream_bytes_grown: streamBytes * g,
    // A stall's backlog (consumers.max_stall_minutes; none when it is not given).
    backlog_bytes: t.peak_per_sec * bytes * stall,
    backlog_bytes_grown: t.peak_per_sec * bytes * stall * g,
  }
}

// --- evaluate, score, rank, judge --------------------------------------------------------------
const evalErrors = {} // rule id -> the last error it gave
function fire(ctx) {
  const fired = new Set()
  for (const r of rules) {
    try {
      const v = r.cond(ctx)
      if (v === true) fired.add(r.id)
      else if (v !== false) throw new Error(`gave ${typeof v} ${v}, not a bool`)
    } catch (err) {
      evalErrors[r.id] = String(err.message || err)
    }
  }
  return fired
}

function rank(fired, waived) {
  const st = candidates.map((c) => ({id: c.id, score: c.base_score, simplicity: c.simplicity, excluded: false, discouraged: false, overBudget: false}))
  const by = Object.fromEntries(st.map((s) => [s.id, s]))
  for (const r of rules) {
    if (!fired.has(r.id) || waived.has(r.id)) continue
    for (const [id, delta] of Object.entries(r.score)) if (by[id]) by[id].score += delta
    for (const id of r.exclude) if (by[id]) by[id].excluded = true
    for (const id of r.discourage) if (by[id]) by[id][r.budget ? 'overBudget' : 'discouraged'] = true
  }
  // Requirements before price: excluded last, then discouraged by a requirement, then over budget
  // (the cheapest first), then score; among the excluded, score alone.
  const key = (s) => {
    const over = s.overBudget && !s.excluded
    const price = over ? Math.round(budgetBasis(COST[s.id]) * 100) : 0
    return [s.excluded, s.discouraged && !s.excluded, over, price]
  }
  st.sort((a, b) => {
    const ka = key(a), kb = key(b)
    for (let i = 0; i < 4; i++) if (ka[i] !== kb[i]) return ka[i] - kb[i]
    return b.score - a.score || a.simplicity - b.simplicity || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  })
  for (const s of st) s.discouraged = s.discouraged || s.overBudget
  return st
}

function verdict(ranking, id) {
  const i = ranking.findIndex((c) => c.id === id)
  if (i < 0) return 'unknown'
  const c = ranking[i]
  if (i === 0) return 'recommended'
  if (c.excluded) return 'excluded'
  if (c.discouraged || ranking[0].score - c.score > MARGIN) return 'discouraged'
  return 'viable'
}

const asDate = (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v == null ? null : String(v))
const SEVERITY = {pass: 0, warn: 1, fail: 2}
const worse = (a, b) => (SEVERITY[b] > SEVERITY[a] ? b : a)

function judge(file, p, fired) {
  const waived = new Set()
  let status = 'pass'
  if (!noWaivers) {
    for (const w of p.waivers || []) {
      const exp = asDate(w.expires)
      if (exp && exp < today) status = 'fail'
      else if (!fired.has(w.rule)) status = worse(status, 'warn')
      else {
        waived.add(w.rule)
        // A waiver that applies for good warns (check/waiver-no-expiry), as check does.
        if (!exp) status = worse(status, 'warn')
      }
    }
  }
  const ranking = rank(fired, waived)
  const top = ranking[0]
  const out = {file, name: p.name, recommended: top.excluded ? null : top.id, status}
  if (top.excluded) out.status = 'invalid'
  else if (p.decision != null) {
    out.decision = p.decision
    out.verdict = verdict(ranking, p.decision)
    out.status = worse(status, {recommended: 'pass', viable: 'pass', discouraged: 'warn', excluded: 'fail', unknown: 'fail'}[out.verdict])
  }
  // What recommend puts first (the top candidate discouraged or over budget, or a rule's
  // `finding`) warns whatever the decision, as check does.
  const finding = rules.some((r) => r.finding && fired.has(r.id) && !waived.has(r.id))
  if (!top.excluded && (top.discouraged || finding)) out.status = worse(out.status, 'warn')
  return out
}

// --- the rules' own examples ---------------------------------------------------------------------
function runSelfTest() {
  // Each example's profile is merged onto rules/example-base.yaml (maps merge, lists replace).
  const merge = (a, b) => {
    if (isMap(a) && isMap(b)) {
      const o = {...a}
      for (const [k, v] of Object.entries(b)) o[k] = merge(a[k], v)
      return o
    }
    return b
  }
  let passed = 0
  const failed = []
  for (const r of rules) {
    for (const ex of r.examples) {
      let got
      try {
        got = r.cond(context(merge(exampleBase, ex.profile || {})))
      } catch (err) {
        got = 'error: ' + err.message
      }
      if (got === ex.fires) passed++
      else failed.push({rule: r.id, reads_cost: r.readsCost, profile: ex.profile, expected: ex.fires, got})
    }
  }
  console.log(JSON.stringify({peer: 'node', rules: rules.length, compile_errors: compileErrors, examples_passed: passed, examples_failed: failed}, null, 2))
  return failed.length || compileErrors.length ? 1 : 0
}

// --- walk, evaluate every profile, summarise ------------------------------------------------------
function walk(p, acc, named = true) {
  if (fs.statSync(p).isDirectory()) for (const e of fs.readdirSync(p).sort()) walk(path.join(p, e), acc, false)
  else if (named || /\.ya?ml$/.test(p)) acc.push(p)
  return acc
}

function runProfiles() {
  if (inputs.length === 0) {
    process.stderr.write('usage: node peer.mjs DIR_OR_FILE... [--no-waivers] [--phases] | --self-test\n')
    return 2
  }
  const files = []
  for (const i of inputs) {
    try {
      walk(i, files)
    } catch (err) {
      process.stderr.write(`node peer: cannot read ${i}: ${err.code || err.message}\n`)
      return 2
    }
  }
  const results = []
  const profileErrors = [] // files this peer could not evaluate: a profile format it does not know
  let skipped = 0
  for (const f of files) {
    try {
      const t0 = now()
      const text = fs.readFileSync(f, 'utf8')
      const t1 = now()
      const p = parseYaml(text)
      const t2 = now()
      if (!isMap(p) || !p.throughput) {
        skipped++
        continue
      }
      const ctx = context(p)
      const t3 = now()
      const fired = fire(ctx)
      const t4 = now()
      results.push(judge(f, p, fired))
      if (phases) {
        phases.read += t1 - t0
        phases.parse += t2 - t1
        phases.context += t3 - t2
        phases.cel += t4 - t3
        phases.rank += now() - t4
      }
    } catch (err) {
      profileErrors.push({file: f, error: String(err.message || err).split('\n')[0]})
    }
  }
  const count = (key) => results.reduce((m, r) => ((m[r[key]] = (m[r[key]] || 0) + 1), m), {})
  const summary = {
    peer: 'node',
    rules: rules.length,
    profiles: results.length,
    skipped,
    compile_errors: compileErrors,
    eval_errors: evalErrors,
    profile_errors: profileErrors,
    status: count('status'),
    recommended: count('recommended'),
    results,
  }
  const t6 = now()
  process.stdout.write(JSON.stringify(summary, null, 2) + '\n')
  if (phases) {
    phases.output = now() - t6
    phases.rules_loaded_at = rulesLoadedAt // ms since the process started: imports + rule loading
    phases.done_at = now()
    process.stderr.write('phases (ms): ' + JSON.stringify(Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, Math.round(v)]))) + '\n')
  }
  return results.some((r) => r.status === 'fail' || r.status === 'invalid') || profileErrors.length ? 1 : 0
}

process.exitCode = selfTest ? runSelfTest() : runProfiles()
