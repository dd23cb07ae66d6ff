#!/usr/bin/env bash
# Usage: scripts/fuzz.sh [SECONDS_PER_FUZZER] [FUZZER...]
#   Builds the libFuzzer targets (clang, ASan+UBSan) in build-fuzz/ and runs each
#   for SECONDS_PER_FUZZER (default 600), one after another, niced.
#   FUZZER: rom_loader trace_reader cartridge env_state (default: all of fuzz/*_fuzzer.cpp).
#   Work files go to $AG_FUZZ_DIR (default /tmp/ag-fuzz): corpus-<name>/ (kept
#   between runs), seed-*/ (built from ../shared, never committed: real ROMs are
#   copyrighted), crashes/<name>-crash-* and <name>.log. Exits 1 if any crash.
#   Turn a crash into a test: reproduce with build-fuzz/fuzz_<name> FILE, fix,
#   embed the (reduced, non-ROM) bytes in tests/<layer>/..._test.cpp.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-600}"
shift || true
shared="${ATARI_SHARED_DIR:-$root/../shared}"
work="${AG_FUZZ_DIR:-/tmp/ag-fuzz}"
build="$root/build-fuzz"

if [[ $# -gt 0 ]]; then
  fuzzers=("$@")
else
  fuzzers=()
  for f in "$root"/fuzz/*_fuzzer.cpp; do
    n="$(basename "$f" _fuzzer.cpp)"
    fuzzers+=("$n")
  done
fi

CC="${CC:-clang}" CXX="${CXX:-clang++}" cmake -S "$root" -B "$build" \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAG_BUILD_FUZZERS=ON -DAG_SANITIZE=ON \
  -DAG_BUILD_TESTS=OFF >/dev/null
targets=()
for n in "${fuzzers[@]}"; do targets+=("fuzz_$n"); done
nice -n 10 cmake --build "$build" -j2 --target "${targets[@]}"

# Seed corpora, from the shared data (outside the repository).
mkdir -p "$work/crashes" "$work/seed-trace" "$work/seed-rom"
if [[ -d "$shared/conformance/traces" ]]; then
  for t in pong.main space_invaders.main pitfall2.main freeway.trunc boxing.sticky; do
    src="$shared/conformance/traces/$t.trace.gz"
    [[ -f "$src" ]] || continue
    zcat "$src" | head -20 >"$work/seed-trace/$t.txt" || true
    gzip -c "$work/seed-trace/$t.txt" >"$work/seed-trace/$t.gz"
  done
fi
if [[ -d "$shared/roms" ]]; then
  for r in pong space_invaders breakout robotank montezuma_revenge pitfall2 elevator_action \
    darkchambers road_runner ms_pacman; do
    [[ -f "$shared/roms/$r.bin" ]] && cp "$shared/roms/$r.bin" "$work/seed-rom/"
  done
fi

status=0
for n in "${fuzzers[@]}"; do
  corpus="$work/corpus-$n"
  mkdir -p "$corpus"
  args=(-max_total_time="$seconds" -artifact_prefix="$work/crashes/$n-" -print_final_stats=1)
  seeds=()
  case "$n" in
    rom_loader) args+=(-max_len=70000 -len_control=0 -timeout=60 -rss_limit_mb=4096)
                seeds=("$work/seed-rom") ;;
    trace_reader) args+=(-max_len=16384) seeds=("$work/seed-trace") ;;
    cartridge) args+=(-max_len=4096) ;;
    env_state) args+=(-max_len=512 -timeout=60) ;;
  esac
  echo "== fuzz_$n for ${seconds}s (log: $work/$n.log)"
  if ! (cd "$work" && nice -n 10 "$build/fuzz_$n" "${args[@]}" "$corpus" "${seeds[@]}" \
        >"$work/$n.log" 2>&1); then
    echo "   CRASH: see $work/$n.log and $work/crashes/"
    status=1
  fi
  grep -E "^stat::number_of_executed_units|^#[0-9]+.*DONE" "$work/$n.log" | tail -2 || true
done
exit $status
