#!/usr/bin/env bash
# Times `msgadvisor check` against the scripts a team would write instead: a Node.js peer
# (cel-js, js-yaml) and a Python peer (common-expression-language, PyYAML) with the same logic,
# and a PyYAML parse-only baseline, over 5,000 generated profiles and on one profile. It first
# checks that the peers agree with msgadvisor. README.md beside this script says more.
#
# From the msgadvisor repository root, after `cargo build --release --locked`:
#   bash scripts/peers/run.sh
#   ROUNDS=5 bash scripts/peers/run.sh              # fewer timing rounds (default 10)
#   MSGADVISOR=path/to/msgadvisor bash scripts/peers/run.sh
#
# It installs what it needs (the pinned npm packages, a Python venv) and writes the workload and
# the results under ${TMPDIR:-/tmp}/msgadvisor-peers. It changes nothing in the repository, and
# nothing beside this script.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BIN=${MSGADVISOR:-target/release/msgadvisor}
ROUNDS=${ROUNDS:-10}
N=${N:-5000}
ONE=${ONE:-examples/order-events.yaml}
TMP=${TMPDIR:-/tmp}
S=${TMP%/}/msgadvisor-peers # scratch: packages, workload, results
RES=$S/results

die() {
  printf 'run.sh: %s\n' "$*" >&2
  exit 2
}
q() { printf '%q' "$1"; } # a path, quoted for bench.py's and agree.py's word splitting
abs() { (cd "$(dirname "$1")" && printf '%s/%s' "$PWD" "$(basename "$1")"); }

# --- the project, the binary, the tools -----------------------------------------------------------
{ [ -d rules/rules ] && [ -d examples ]; } || die "run this from the msgadvisor repository root: $PWD has no rules/rules/ or examples/"
if [[ $BIN != */* ]]; then # a bare name: look it up on the PATH
  BIN=$(command -v "$BIN") || die "no $MSGADVISOR on the PATH"
fi
[ -x "$BIN" ] || die "no msgadvisor binary at $BIN: run \`cargo build --release --locked\` first (or set MSGADVISOR=path)"
BIN=$(abs "$BIN")
[ -f "$ONE" ] || die "no $ONE for the one-profile timing (set ONE=profile.yaml)"
ONE_NAME=$ONE
ONE=$(abs "$ONE")
export MSGADVISOR_RULES_DIR=$PWD/rules # the peers read the rule files from here at every start
if [ -n "$(find rules src -newer "$BIN" -print -quit 2>/dev/null)" ]; then
  echo "note: rules/ or src/ changed after $BIN was built; for a current binary run cargo build --release --locked"
fi
{ command -v node >/dev/null && command -v npm >/dev/null; } || die "Node.js 20.19 or later and npm are needed"
node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)' ||
  die "Node.js 20.19 or later is needed (@marcbachmann/cel-js 8); this is $(node --version)"
command -v python3 >/dev/null || die "python3 (3.9 or later, with venv) is needed"

# --- packages, installed once into the scratch folder (again when a pin changes) ------------------
mkdir -p "$S/node" "$RES"
if ! cmp -s "$HERE/node/package-lock.json" "$S/node/.installed-lock.json" || [ ! -d "$S/node/node_modules" ]; then
  echo "installing the Node peer's packages (npm ci) into $S/node"
  cp "$HERE/node/package.json" "$HERE/node/package-lock.json" "$S/node/"
  (cd "$S/node" && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci failed (it needs the npm registry the first time)"
  cp "$HERE/node/package-lock.json" "$S/node/.installed-lock.json"
fi
# The peer runs beside its node_modules: Node resolves `import 'js-yaml'` from the script's folder.
cp "$HERE/node/peer.mjs" "$S/node/peer.mjs"
PY=$S/venv/bin/python
if ! cmp -s "$HERE/python/requirements.txt" "$S/venv/.installed-requirements.txt"; then
  echo "installing the Python peer's packages into a venv, $S/venv"
  rm -rf "$S/venv"
  python3 -m venv "$S/venv" || die "python3 -m venv failed (on Debian: apt-get install python3-venv)"
  "$PY" -m pip install --quiet --disable-pip-version-check -r "$HERE/python/requirements.txt" ||
    die "pip install failed (it needs PyPI the first time)"
  cp "$HERE/python/requirements.txt" "$S/venv/.installed-requirements.txt"
fi
"$PY" -c 'import cel, yaml; yaml.CLoader' || die "the venv in $S/venv is broken: remove it and run again"

NODE_PEER="node $(q "$S/node/peer.mjs")"
PY_PEER="$(q "$PY") $(q "$HERE/python/peer.py")"
version() { "$PY" -c 'import json, sys; print(json.load(open(sys.argv[1]))["version"])' "$S/node/node_modules/$1/package.json"; }
{
  echo "date: $(date -u +%FT%TZ)"
  echo "machine: $(nproc) cores, $(uname -srm), load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
  echo "msgadvisor: $("$BIN" --version) at $BIN"
  echo "node peer: node $(node --version), @marcbachmann/cel-js $(version @marcbachmann/cel-js), js-yaml $(version js-yaml)"
  echo "python peer: $("$PY" -c 'import platform, importlib.metadata as m; print("python", platform.python_version() + ",", "common-expression-language", m.version("common-expression-language") + ",", "PyYAML", m.version("PyYAML"))')"
} >"$RES/versions.txt"
cat "$RES/versions.txt"

# --- the workload (generated again when examples/ or the generator change) ------------------------
P=$S/profiles
stamp=$({ echo "N=$N"; cat "$HERE/gen-profiles.sh" examples/*.yaml; } | cksum)
if [ "$(cat "$S/profiles.stamp" 2>/dev/null)" != "$stamp" ]; then
  rm -rf "$P" "$S/profiles.stamp"
  bash "$HERE/gen-profiles.sh" "$P" "$N"
  echo "$stamp" >"$S/profiles.stamp"
else
  echo "workload: $N profiles in $P (examples/ unchanged since they were generated)"
fi

# --- do the peers compute what msgadvisor computes? -------------------------------------------------
echo
echo "== agreement with msgadvisor"
status=0
"$PY" "$HERE/agree.py" --msgadvisor "$BIN" --profiles "$P" --json "$RES/agree.json" -- \
  "node=$NODE_PEER" "python=$PY_PEER" || status=$?
case $status in
0) agreement="agreement: both peers give msgadvisor's pick, verdict and status on every profile" ;;
1) agreement="WARNING: the peers disagree with msgadvisor on some profiles (see above, and $RES/agree.json): the timings compare scripts that no longer compute the same results" ;;
3)
  echo "run.sh: stopped before timing: the peers cannot evaluate the project's rules (above), so their times would" >&2
  echo "  not be of the same work. Update node/peer.mjs and python/peer.py in $HERE to match the rules." >&2
  exit 3
  ;;
*) exit "$status" ;;
esac

# --- timings -----------------------------------------------------------------------------------------
echo
echo "== timing (about $((ROUNDS * 5 + 5)) seconds on a 2-core machine)"
bulk=("msgadvisor check=$(q "$BIN") check $(q "$P") --format json")
# The peers are single-threaded scripts and `check` uses a thread per core: this row is `check`
# held to one core, the like-for-like figure.
cpu=$("$PY" -c 'import os; c = sorted(getattr(os, "sched_getaffinity", lambda _: [])(0)); print(c[0] if len(c) > 1 else "")')
if [ -n "$cpu" ] && command -v taskset >/dev/null; then
  bulk+=("msgadvisor check, 1 core=taskset -c $cpu $(q "$BIN") check $(q "$P") --format json")
fi
bulk+=(
  "node peer=$NODE_PEER $(q "$P")"
  "python peer=$PY_PEER $(q "$P")"
  "PyYAML parse only=$(q "$PY") $(q "$HERE/python/parse_only.py") $(q "$P")"
)
"$PY" "$HERE/bench.py" --rounds "$ROUNDS" --warmup 1 --title "$("$PY" -c 'import sys; print(f"{int(sys.argv[1]):,}")' "$N") profiles" --json "$RES/bulk.json" -- "${bulk[@]}" >"$RES/bulk.md"
"$PY" "$HERE/bench.py" --rounds $((ROUNDS * 3)) --warmup 3 --floor true --title "one profile, one process ($ONE_NAME)" --json "$RES/one.json" -- \
  "msgadvisor check=$(q "$BIN") check $(q "$ONE") --format json" \
  "node peer=$NODE_PEER $(q "$ONE")" \
  "python peer=$PY_PEER $(q "$ONE")" \
  "node -e 0 (bare start)=node -e 0" \
  "python -c pass (bare start)=$(q "$PY") -c pass" \
  "true=true" >"$RES/one.md"

# --- summary -------------------------------------------------------------------------------------------
echo
echo "== summary"
grep -E '^(msgadvisor|node peer|python peer):' "$RES/versions.txt"
echo "$agreement"
echo
"$PY" "$HERE/bench.py" --show "$RES/bulk.json" "$RES/one.json"
echo
echo "raw results (every sample, the agreement details): $RES"
