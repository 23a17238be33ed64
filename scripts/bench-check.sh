#!/usr/bin/env bash
# Benchmark (not a test): `msgadvisor check` over a generated directory of 1,000 profiles with
# the release binary. Prints the wall time of each run and the best and median of them.
#
#   scripts/bench-check.sh            # 1,000 profiles, 5 runs
#   N=5000 RUNS=3 scripts/bench-check.sh
#
# The profiles are the examples, renamed and with their peak rate scaled by 1 to 5, spread over
# 40 team folders; every fourth has a waiver and every tenth a decision the rules exclude. So the
# run walks directories, evaluates every rule, applies waivers and judges every decision.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-1000}
RUNS=${RUNS:-5}

cargo build --release --locked --quiet
bin=target/release/msgadvisor

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
examples=(examples/*.yaml)
for ((i = 0; i < N; i++)); do
  src=${examples[i % ${#examples[@]}]}
  team=$(printf 'team-%02d' $((i % 40)))
  mkdir -p "$dir/$team"
  awk -v name="svc-$i" -v k=$((i % 5 + 1)) '
    /^name:/ { print "name: " name; next }
    /^  peak_per_sec:/ { print "  peak_per_sec: " $2 * k; next }
    { print }
  ' "$src" >"$dir/$team/svc-$i.yaml"
  # Every fourth profile carries a waiver, so some profiles are evaluated twice.
  if ((i % 4 == 0)); then
    printf 'waivers:\n  - rule: no-kafka-experience\n    reason: "benchmark"\n' >>"$dir/$team/svc-$i.yaml"
  fi
  # And a few decide against the rules.
  if ((i % 10 == 3)); then
    sed -i 's/^decision: .*/decision: redis-pubsub/' "$dir/$team/svc-$i.yaml"
  fi
done

# Wall time depends on what else the machine runs; CPU time (user + sys) much less so.
TIMEFORMAT='%R %U %S'
walls=()
for ((r = 1; r <= RUNS; r++)); do
  set +e
  timing=$({ time "$bin" check "$dir" --format json >/dev/null 2>"$dir.err"; } 2>&1)
  code=$?
  set -e
  # `time` reports the status of the command it timed.
  if [ "$code" -ne 1 ]; then
    echo "check exited $code, expected 1 (some decisions fail):" >&2
    cat "$dir.err" >&2
    exit 1
  fi
  read -r wall user sys <<<"$timing"
  walls+=("$wall")
  echo "run $r: wall ${wall} s, cpu $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.3f", u + s }') s ($(cat "$dir.err"))"
done
rm -f "$dir.err"
sorted=($(printf '%s\n' "${walls[@]}" | sort -n))
echo "msgadvisor check, $N profiles, $(nproc) cores: wall best ${sorted[0]} s, median ${sorted[$((RUNS / 2))]} s"
