#!/usr/bin/env bash
# Copies a training run's history (config, logs, CSVs, TensorBoard events,
# plots) into the repository, e.g. beside the shipped model, so the curve is
# visible while the run goes on and continuous across resumes. The replay is
# never copied (7 GB). With --with-checkpoint the run's newest checkpoint
# replaces the one in DEST/../resume: the way back if the run folder is lost
# (it was once, between sessions 13 and 14; see models/space_invaders/README.md).
#   tools/snapshot-training.sh [--with-checkpoint] RUN_DIR [DEST=models/space_invaders/training]
set -euo pipefail
with_ckpt=0
if [ "${1:-}" = "--with-checkpoint" ]; then with_ckpt=1; shift; fi
run=${1:?usage: tools/snapshot-training.sh [--with-checkpoint] RUN_DIR [DEST]}
dest=${2:-"$(dirname "$0")/../models/space_invaders/training"}
[ -f "$run/config.json" ] || { echo "snapshot-training: $run is not a run folder" >&2; exit 1; }
mkdir -p "$dest/plots" "$dest/tb"
cp "$run/config.json" "$run/log.txt" "$run/episodes.csv" "$run/evals.csv" "$dest/"
cp "$run"/plots/*.png "$dest/plots/" 2>/dev/null || true
cp "$run"/tb/events.out.tfevents.* "$dest/tb/" 2>/dev/null || true
echo "snapshot-training: $(tail -n +2 "$run/episodes.csv" | wc -l) episodes, last step $(tail -1 "$run/episodes.csv" | cut -d, -f2) -> $dest"
if [ "$with_ckpt" = 1 ]; then
  ckpt=$(ls "$run"/checkpoints/step_*.ckpt 2>/dev/null | sort | tail -1)
  [ -n "$ckpt" ] || { echo "snapshot-training: no checkpoint in $run/checkpoints" >&2; exit 1; }
  name=$(basename "$ckpt") resume="$dest/../resume"
  mkdir -p "$resume"
  # Copy first, then drop the older ones: a failed copy keeps the last good one.
  cp "$ckpt" "$resume/.tmp-$name" && mv "$resume/.tmp-$name" "$resume/$name"
  find "$resume" -name 'step_*.ckpt' ! -name "$name" -delete
  echo "snapshot-training: resume checkpoint $name ($(du -h "$ckpt" | cut -f1)) -> $resume"
fi
