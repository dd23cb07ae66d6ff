#!/usr/bin/env bash
# atari-gym's `bench emu` against ALE's C++ library, the way the README's
# speed table is measured: for each game, ROUNDS rounds of ALE then each
# atari-gym binary back to back (a VM's speed drifts between minutes, so the
# programs are interleaved), best and median frames/s of each, and the ratio
# of the bests.
# usage: ALE_SRC=.../Arcade-Learning-Environment ALE_BUILD=.../build \
#        compare.sh ROUNDS FRAMES BIN...
#   env GAMES="pong seaquest" (default: the five benchmark games);
#   ROMS=DIR (default ../shared/roms beside the checkout).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
rounds=${1:?rounds}; frames=${2:?frames}; shift 2
(( $# > 0 )) || { echo "compare.sh: give at least one atari-gym binary" >&2; exit 2; }
roms=${ROMS:-$repo/../shared/roms}
ale_lib=$(find "${ALE_BUILD:?set ALE_BUILD}" -name 'libale.a' | head -1)
[[ -n "$ale_lib" ]] || { echo "compare.sh: no libale.a under $ALE_BUILD" >&2; exit 1; }
ale_bin=$(mktemp -d /tmp/ale_bench.XXXXXX)/ale_bench
g++ -O2 -std=c++17 -I"${ALE_SRC:?set ALE_SRC}/src" -I"$ALE_SRC/src/ale" -I"$(dirname "$ale_lib")" \
  "$here/ale_bench.cpp" "$ale_lib" -lz -o "$ale_bin"

fps() { sed -n 's/.*fps=\([0-9]*\).*/\1/p'; }
stats() { sort -n | awk '{v[NR]=$1} END{printf "best=%d median=%d", v[NR], v[int((NR+1)/2)]}'; }
for g in ${GAMES:-space_invaders pong breakout ms_pacman seaquest}; do
  declare -A runs=()
  for ((r = 0; r < rounds; r++)); do
    runs[ale]+="$("$ale_bin" "$roms/$g.bin" "$frames" 2>/dev/null | fps) "
    for b in "$@"; do runs[$b]+="$("$b" bench emu --rom "$roms/$g.bin" --frames "$frames" | fps) "; done
  done
  ale_best=$(printf '%s\n' ${runs[ale]} | sort -n | tail -1)
  echo "$g ale $(printf '%s\n' ${runs[ale]} | stats)"
  for b in "$@"; do
    best=$(printf '%s\n' ${runs[$b]} | sort -n | tail -1)
    echo "$g $b $(printf '%s\n' ${runs[$b]} | stats) ratio=$(awk -v a="$best" -v b="$ale_best" 'BEGIN{printf "%.2f", a/b}')"
  done
  unset runs
done
