#!/usr/bin/env bash
# Side-by-side check of every supported ROM: real ALE 0.12.1 vs atari-gym's AleEnv.
# Rebuilds cmp against a build dir's libag_env.a/libag_emu.a, then runs it per game.
# usage: ALE_SRC=.../Arcade-Learning-Environment ALE_BUILD=.../build \
#        run_all.sh [BUILD_DIR] [OUT_DIR] [JOBS] [FRAMES] [SEEDS] [MODE_FRAMES] [MAX_EP] [POKE_FRAMES]
#   ALE_SRC: an ALE source checkout; ALE_BUILD: where it was built (holds libale.a).
#   env GAMES="pong breakout" limits the games; SKIP_BUILD=1 reuses OUT_DIR/cmp;
#   ROMS=DIR (default ../shared/roms beside the checkout);
#   EMU_REV=HEAD builds the emulator from that git revision (see below).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
: "${ALE_SRC:?set ALE_SRC to an ALE source checkout}"
: "${ALE_BUILD:?set ALE_BUILD to its build directory}"
build=${1:-$repo/build}
out=${2:-$repo/build/ale-side-by-side}
jobs=${3:-2}
frames=${4:-20000}
seeds=${5:-0,1}
mode_frames=${6:-2000}
max_ep=${7:-0}
poke_frames=${8:-5000}
mkdir -p "$out"
roms=${ROMS:-$repo/../shared/roms}
ale_src=$ALE_SRC/src
ale_lib=$(find "$ALE_BUILD" -name 'libale.a' | head -1)
[[ -n "$ale_lib" ]] || { echo "run_all.sh: no libale.a under $ALE_BUILD" >&2; exit 1; }

# EMU_REV=<git rev>: build cmp from that revision's src/emu and the working tree's
# src/env (isolates env work from emulator edits in progress); otherwise link the
# build dir's libraries (rebuilt first).
if [[ -z "${SKIP_BUILD:-}" ]]; then
  if [[ -n "${EMU_REV:-}" ]]; then
    snap=$(mktemp -d /tmp/agsnap.XXXXXX)
    git -C $repo archive "$EMU_REV" src/emu | tar -x -C "$snap"
    cp -r $repo/src/env "$snap/src/"
    mkdir -p "$snap/obj"
    ls "$snap"/src/emu/*.cpp "$snap"/src/env/*.cpp |
      xargs -P 2 -I{} sh -c 'g++ -O2 -std=c++20 -I'"$snap"'/src -c {} -o '"$snap"'/obj/$(basename $(dirname {}))_$(basename {} .cpp).o'
    g++ -O2 -std=c++20 -I"$ale_src" -I"$ale_src/ale" -I"$(dirname "$ale_lib")" -I"$snap/src" \
      "$here/cmp.cpp" "$snap"/obj/*.o "$ale_lib" -lz -no-pie -o "$out/cmp"
    rm -rf "$snap"
  else
    cmake --build "$build" -j2 --target ag_env >/dev/null
    g++ -O2 -std=c++20 -I"$ale_src" -I"$ale_src/ale" -I"$(dirname "$ale_lib")" -I"$repo/src" \
      "$here/cmp.cpp" "$build/libag_env.a" "$build/libag_emu.a" "$ale_lib" -lz -no-pie -o "$out/cmp"
  fi
fi


games=${GAMES:-$(python3 -c "import json;print(' '.join(sorted(json.load(open('$roms/md5.json')).keys())))" 2>/dev/null \
  || ls "$roms"/*.bin | xargs -n1 basename | sed 's/\.bin$//')}
printf '%s\n' $games | sed 's/\.bin$//' |
  xargs -P "$jobs" -I{} sh -c "'$out/cmp' '$roms/{}.bin' $frames $seeds $mode_frames $max_ep $poke_frames > '$out/{}.txt' 2> '$out/{}.err'; true"

# Summary: one line per game (frames compared, first mismatch if any).
for g in $(printf '%s\n' $games | sed 's/\.bin$//'); do
  f="$out/$g.txt"
  n=$(awk '/^(RUN|MODE|TRUNC|LIFE|POKE|ALL18)/{for(i=1;i<=NF;i++) if($i ~ /^frames=/){sub("frames=","",$i); s+=$i}} END{print s+0}' "$f")
  if grep -q '^DONE EXACT' "$f"; then
    note=$(grep -o 'screen_only_diffs=[0-9]* (first [^)]*)' "$f" | head -1 || true)
    echo "$g EXACT frames=$n${note:+ [poke run: $note]}"
  else
    echo "$g MISMATCH frames=$n: $(grep -m1 -E 'MISMATCH|DIFF|FAIL' "$f" || tail -1 "$f")"
  fi
done | tee "$out/summary.txt"
echo "exact games: $(grep -c ' EXACT ' "$out/summary.txt") / $(wc -l < "$out/summary.txt")" | tee -a "$out/summary.txt"
