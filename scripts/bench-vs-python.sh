#!/usr/bin/env bash
# Benchmark (not a test), side by side in one run on this machine:
#   1. `msgadvisor check` over N generated profiles (default 5,000) against a Python script that
#      only parses the same files with PyYAML's C loader (no validation, no rules, no output);
#   2. one `msgadvisor recommend` process against starting `true`, for a profile with a budget
#      (order-events: every probe of the flip-point search prices the options) and one without
#      (email-jobs), with `msgadvisor --version` as the floor of starting this binary at all.
# Uses hyperfine when it is installed (apt-get install hyperfine), else bash's `time` over RUNS
# runs. Installs PyYAML with pip when it is missing. Prints the figures BENCHMARKS.md records.
#
#   scripts/bench-vs-python.sh
#   N=1000 RUNS=5 scripts/bench-vs-python.sh
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-5000}
RUNS=${RUNS:-5}

python3 -c 'import yaml; yaml.CLoader' 2>/dev/null || python3 -m pip install --quiet pyyaml
python3 -c 'import yaml; yaml.CLoader' || { echo "PyYAML's C loader is not available" >&2; exit 2; }

cargo build --release --locked --quiet
bin=$PWD/target/release/msgadvisor

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/profiles"
examples=(examples/*.yaml)
for ((i = 0; i < N; i++)); do
  src=${examples[i % ${#examples[@]}]}
  team=$(printf 'team-%02d' $((i % 50)))
  mkdir -p "$dir/profiles/$team"
  awk -v name="svc-$i" -v k=$((i % 7 + 1)) '
    /^name:/ { print "name: " name; next }
    /^  peak_per_sec:/ { print "  peak_per_sec: " $2 * k; next }
    { print }
  ' "$src" >"$dir/profiles/$team/svc-$i.yaml"
done

cat >"$dir/parse.py" <<'PY'
# Parse-only baseline: read every YAML file under a directory with PyYAML's C loader.
import os, sys, yaml
n = 0
for root, dirs, files in os.walk(sys.argv[1]):
    dirs.sort()
    for f in sorted(files):
        if f.endswith((".yaml", ".yml")):
            with open(os.path.join(root, f), "rb") as fh:
                yaml.load(fh, Loader=yaml.CLoader)
            n += 1
print(n, "files parsed")
PY

check="$bin check $dir/profiles --format json --fail-on fail"
python="python3 $dir/parse.py $dir/profiles"
recommend="$bin recommend examples/order-events.yaml --format json"
recommend_nobudget="$bin recommend examples/email-jobs.yaml --format json"

echo "== $N profiles, $(nproc) cores, $(uname -m); binary $(du -k "$bin" | cut -f1) KiB"
if command -v hyperfine >/dev/null; then
  hyperfine --warmup 1 --runs "$RUNS" -i -N "$check" "$python"
  hyperfine --warmup 5 --runs 50 -N "$recommend" "$recommend_nobudget" "$bin --version" true
else
  TIMEFORMAT='%R'
  best() {
    local b=999999 t
    for ((r = 0; r < $2; r++)); do
      t=$({ time $1 >/dev/null 2>&1; } 2>&1)
      b=$(awk -v a="$b" -v c="$t" 'BEGIN { print (c < a) ? c : a }')
    done
    echo "$b"
  }
  c=$(best "$check" "$RUNS")
  p=$(best "$python" "$RUNS")
  echo "check:  best ${c} s"
  echo "python: best ${p} s   (parse only)"
  awk -v c="$c" -v p="$p" 'BEGIN { printf "check is %.1fx faster than parsing alone in Python\n", p / c }'
  r=$(best "$recommend" 20)
  n=$(best "$recommend_nobudget" 20)
  v=$(best "$bin --version" 20)
  t=$(best true 20)
  echo "recommend: best ${r} s (with a budget), ${n} s (without); --version: best ${v} s; true: best ${t} s"
fi
