#!/usr/bin/env bash
# `bench train` of several builds or settings side by side, alternated round
# by round so that the machine's drift (neighbours on the VM, turbo) hits
# them alike; prints each run, then the median steps/s and ms per update of
# each, and their ratio to the first. Run it on an otherwise quiet machine.
#   tools/bench-train-ab.sh ROUNDS 'LABEL=COMMAND' ['LABEL=COMMAND' ...]
# e.g.
#   tools/bench-train-ab.sh 3 'old=/tmp/old/atari-gym bench train' \
#       'new=build/atari-gym bench train' 'fc1=env AG_ONEDNN_LAYOUT=fc1-own-weights build/atari-gym bench train'
set -euo pipefail
rounds=${1:?usage: tools/bench-train-ab.sh ROUNDS 'LABEL=COMMAND' ...}
shift
[ $# -ge 1 ] || { echo "bench-train-ab: give at least one LABEL=COMMAND" >&2; exit 2; }
echo "bench-train-ab: $(lscpu | sed -n 's/^Model name: *//p'), load $(cut -d' ' -f1-3 /proc/loadavg)"
results=$(mktemp)
trap 'rm -f "$results"' EXIT
for ((r = 1; r <= rounds; r++)); do
  for spec in "$@"; do
    label=${spec%%=*} cmd=${spec#*=}
    line=$(bash -c "$cmd" | grep '^sps=' | tail -1)
    echo "round $r $label: $line"
    echo "$label $line" >> "$results"
  done
done
python3 - "$results" "$@" <<'PY'
import re, statistics, sys
rows = [l.split(None, 1) for l in open(sys.argv[1]) if l.strip()]
labels = [s.split("=", 1)[0] for s in sys.argv[2:]]
med = {}
for lab in labels:
    vals = [re.findall(r"(\w+)=([\d.]+)", rest) for l, rest in rows if l == lab]
    sps = statistics.median(float(dict(v)["sps"]) for v in vals)
    ms = statistics.median(float(dict(v)["ms_per_update"]) for v in vals)
    med[lab] = (sps, ms)
base = med[labels[0]][0]
for lab in labels:
    sps, ms = med[lab]
    print(f"median {lab}: sps={sps:.1f} ms_per_update={ms:.2f} ({sps / base:.3f}x {labels[0]})")
PY
