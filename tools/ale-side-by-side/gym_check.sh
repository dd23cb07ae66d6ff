#!/usr/bin/env bash
# The gym layer beside ale-py's semantics over real ALE + OpenCV: for each game
# and each setting below, `atari-gym rollout --verbose` and gym_rollout (real
# ALE, cv::resize) play the same random actions from the same seed, and their
# lines (reset observations, then per step: action, reward, terminated,
# truncated, lives, observation crc32) must be identical.
#   rgb     ALE/<Game>-v5 (frameskip 4, sticky actions 0.25, rgb observations)
#   gray    the same with obs_type=grayscale
#   ram     the same with obs_type=ram
#   pre     frameskip=1, no sticky actions, AtariPreprocessing(noop_max=0)
#           (84x84 grayscale, frame_skip 4, max-pool) + FrameStackObservation(4)
#   prergb  frameskip=1, sticky 0.25, AtariPreprocessing(noop_max=0, grayscale_obs=False)
# usage: ALE_SRC=.../Arcade-Learning-Environment ALE_BUILD=.../build \
#        gym_check.sh ATARI_GYM_BINARY [OUT_DIR] [STEPS] [SEED]
#   env GAMES="air_raid pooyan" limits the games (default: all in md5.json);
#   CONFIGS="rgb pre" limits the settings; ROMS=DIR (default ../shared/roms);
#   SKIP_BUILD=1 reuses OUT_DIR/gym_rollout. Needs OpenCV's imgproc
#   (Debian: libopencv-imgproc-dev) and python3 with NumPy (the seeds).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
bin=${1:?give the atari-gym binary}
out=${2:-$repo/build/ale-gym-check}
steps=${3:-400}
seed=${4:-7}
roms=${ROMS:-$repo/../shared/roms}
py=${PYTHON:-/usr/bin/python3}
mkdir -p "$out"
if [[ -z "${SKIP_BUILD:-}" ]]; then
  : "${ALE_SRC:?set ALE_SRC to an ALE source checkout}"
  : "${ALE_BUILD:?set ALE_BUILD to its build directory}"
  ale_lib=$(find "$ALE_BUILD" -name 'libale.a' | head -1)
  [[ -n "$ale_lib" ]] || { echo "gym_check.sh: no libale.a under $ALE_BUILD" >&2; exit 1; }
  g++ -O2 -std=c++20 -I"$ALE_SRC/src" -I"$ALE_SRC/src/ale" -I"$(dirname "$ale_lib")" \
    -I/usr/include/opencv4 "$here/gym_rollout.cpp" "$ale_lib" -lopencv_imgproc -lopencv_core -lz \
    -o "$out/gym_rollout"
fi
# ale-py: reset(seed) -> ALE random_seed = np.int32(SeedSequence(seed).generate_state(2)[1])
ale_seed=$("$py" -c "import numpy as np; print(int(np.int32(np.random.SeedSequence($seed).generate_state(2)[1])))")

games=${GAMES:-$("$py" -c "import json;print(' '.join(sorted(json.load(open('$roms/md5.json')).keys())))")}
configs=${CONFIGS:-rgb gray ram pre prergb}
: > "$out/summary.txt"
for g in $games; do
  g=${g%.bin}
  id=ALE/$("$py" -c "print('$g'.title().replace('_',''))")-v5
  n=$("$out/gym_rollout" "$roms/$g.bin" --num-actions)
  acts="$out/$g.actions"
  "$py" -c "
import random
r = random.Random('$g')
a, t = [], 0
while len(a) < $steps:  # random actions held 1-8 steps
    x = r.randrange($n); a += [x] * r.randint(1, 8)
print('\n'.join(map(str, a[:$steps])))" > "$acts"
  line="$g"
  for c in $configs; do
    case $c in
      rgb) ours=(); theirs=(obs=rgb) ;;
      gray) ours=(--opt obs_type=grayscale); theirs=(obs=grayscale) ;;
      ram) ours=(--opt obs_type=ram); theirs=(obs=ram) ;;
      pre) ours=(--opt frameskip=1 --opt repeat_action_probability=0
                 --wrap atari-preprocessing:noop_max=0 --wrap frame-stack:stack_size=4)
           theirs=(frameskip=1 sticky=0 pre=gray stack=4) ;;
      prergb) ours=(--opt frameskip=1 --wrap atari-preprocessing:noop_max=0,grayscale_obs=false)
              theirs=(frameskip=1 pre=rgb) ;;
      *) echo "unknown config $c" >&2; exit 2 ;;
    esac
    "$bin" rollout --env "$id" --seed "$seed" --actions "$acts" --rom-dir "$roms" --verbose \
      "${ours[@]}" | grep -v -E '^# (env|action_space|screen) ' > "$out/$g.$c.ours" || true
    "$out/gym_rollout" "$roms/$g.bin" "$ale_seed" "$seed" "$acts" "${theirs[@]}" > "$out/$g.$c.ale"
    if cmp -s "$out/$g.$c.ours" "$out/$g.$c.ale" && [[ -s "$out/$g.$c.ale" ]]; then
      line+=" $c=same"
    else
      first=$(diff "$out/$g.$c.ale" "$out/$g.$c.ours" | grep -m1 '^[<>]' || true)
      line+=" $c=DIFF($first)"
    fi
  done
  screen=$("$bin" rollout --env "$id" --seed 0 --actions /dev/null --rom-dir "$roms" --verbose |
           sed -n 's/^# screen //p')
  echo "$line [$screen]" | tee -a "$out/summary.txt"
done
total=$(wc -l < "$out/summary.txt")
same=$(grep -vc 'DIFF' "$out/summary.txt" || true)
echo "games identical in every setting: $same / $total" | tee -a "$out/summary.txt"
