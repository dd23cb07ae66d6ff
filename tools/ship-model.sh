#!/usr/bin/env bash
# Ships a trained Space Invaders agent: copies its model.pt and config.json
# into models/space_invaders (what `atari-gym` with no arguments evaluates),
# scores it on 30 full games (seeds 0-29, none of them the in-run evals'
# 1,001,000+), snapshots the run's history, sums its training hours, and
# makes the README's clip and curve. Run it on a quiet machine (the eval is
# timed only for its log).
#   tools/ship-model.sh RUN_DIR [MODEL=RUN_DIR/model.pt] [BIN=build/atari-gym]
# MODEL may be RUN_DIR/best_model.pt (the best in-run eval's weights): the
# 30-game report is then on other seeds than the ones it was picked on.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
run=${1:?usage: tools/ship-model.sh RUN_DIR [MODEL] [BIN]}
model=${2:-$run/model.pt}
bin=${3:-$root/build/atari-gym}
dest=$root/models/space_invaders
[ -f "$run/config.json" ] || { echo "ship-model: $run is not a run folder" >&2; exit 1; }
[ -f "$model" ] || { echo "ship-model: no model at $model" >&2; exit 1; }
[ -x "$bin" ] || { echo "ship-model: no atari-gym binary at $bin" >&2; exit 1; }

# Temp + rename: a stopped copy never leaves a half model where eval looks.
cp "$model" "$dest/model.pt.tmp" && mv "$dest/model.pt.tmp" "$dest/model.pt"
cp "$run/config.json" "$dest/config.json.tmp" && mv "$dest/config.json.tmp" "$dest/config.json"

{
  echo "# atari-gym eval --episodes 30 --seed 0 of models/space_invaders/model.pt"
  echo "# ($(basename "$model") of $(basename "$run"), $(date -u +%F), $(lscpu | sed -n 's/^Model name: *//p'))"
  "$bin" eval --checkpoint "$dest/model.pt" --episodes 30 --seed 0 --threads 2
} > "$dest/eval-30-games.txt.tmp"
mv "$dest/eval-30-games.txt.tmp" "$dest/eval-30-games.txt"
grep '^eval:' "$dest/eval-30-games.txt"
# The same weights in PyTorch (atari_gym.agent, beside the binary's build)
# must play game 0 as the C++ eval did, step for step.
pypath=$(dirname "$bin")/python
if PYTHONPATH=$pypath /usr/bin/python3 -c "import atari_gym, torch" 2>/dev/null; then
  cpp=$(grep '^game 0:' "$dest/eval-30-games.txt")
  py=$(PYTHONPATH=$pypath /usr/bin/python3 -m atari_gym.agent "$dest/model.pt" --episodes 1 |
       grep '^game 0:')
  [ "$py" = "$cpp" ] || { echo "ship-model: PyTorch's game 0 differs: '$py' vs '$cpp'" >&2; exit 1; }
  echo "ship-model: PyTorch plays game 0 as atari-gym eval does: $py"
else
  echo "ship-model: no atari_gym module or torch beside $bin: PyTorch cross-check skipped"
fi

"$root/tools/snapshot-training.sh" "$run"
# The README's wall-clock hours: the run's stretches between stops and pauses.
"$root/tools/training-time.py" "$run" > "$dest/training-time.txt.tmp"
mv "$dest/training-time.txt.tmp" "$dest/training-time.txt"
tail -1 "$dest/training-time.txt"
"$bin" record --checkpoint "$dest/model.pt" --out "$root/docs/images/space-invaders.gif" --max-frames 600
"$bin" plot "$run" --label "Space Invaders (shipped agent)" --smooth 100 --width 900 --height 450 \
  --out "$dest/training-curve.png"
echo "ship-model: $dest/model.pt, eval-30-games.txt, training-time.txt, training/, training-curve.png; docs/images/space-invaders.gif"
