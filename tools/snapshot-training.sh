#!/usr/bin/env bash
# Copies a training run's history (config, logs, CSVs, TensorBoard events,
# plots) into the repository, e.g. beside the shipped model, so the curve is
# visible while the run goes on and continuous across resumes. Checkpoints
# and the replay are not copied (see models/space_invaders/README.md).
#   tools/snapshot-training.sh RUN_DIR [DEST=models/space_invaders/training]
set -euo pipefail
run=${1:?usage: tools/snapshot-training.sh RUN_DIR [DEST]}
dest=${2:-"$(dirname "$0")/../models/space_invaders/training"}
[ -f "$run/config.json" ] || { echo "snapshot-training: $run is not a run folder" >&2; exit 1; }
mkdir -p "$dest/plots" "$dest/tb"
cp "$run/config.json" "$run/log.txt" "$run/episodes.csv" "$run/evals.csv" "$dest/"
cp "$run"/plots/*.png "$dest/plots/" 2>/dev/null || true
cp "$run"/tb/events.out.tfevents.* "$dest/tb/" 2>/dev/null || true
echo "snapshot-training: $(tail -n +2 "$run/episodes.csv" | wc -l) episodes, last step $(tail -1 "$run/episodes.csv" | cut -d, -f2) -> $dest"
