#!/usr/bin/env bash
# Benchmark (not a test): `msgadvisor check` over a generated directory of 1,000 profiles with
# the release binary. Prints the wall time of each run and the best and median of them.
#
#   scripts/bench-check.sh            # 1,000 profiles, 5 runs
#   N=5000 RUNS=3 scripts/bench-check.sh
#
# The profiles are the examples, renamed and with their peak rate scaled by 1 to 5, spread over
# 40 team folders, so the run walks directories, evaluates every rule and judges every decision.
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
done

times=()
for ((r = 1; r <= RUNS; r++)); do
  start=$(date +%s%N)
  set +e
  "$bin" check "$dir" --format json >/dev/null 2>"$dir.err"
  code=$?
  set -e
  end=$(date +%s%N)
  if [ "$code" -eq 2 ]; then
    echo "check reported invalid input:" >&2
    cat "$dir.err" >&2
    exit 1
  fi
  ms=$(((end - start) / 1000000))
  times+=("$ms")
  echo "run $r: ${ms} ms ($(cat "$dir.err"))"
done
rm -f "$dir.err"
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
echo "msgadvisor check, $N profiles, $(nproc) cores: best ${sorted[0]} ms, median ${sorted[$((RUNS / 2))]} ms"
