#!/usr/bin/env bash
# Trains the released policy from scratch: splits SHARED_DATA into training and held-out images,
# trains configs/release.yaml on the training half, measured by the validation ruler on the held-out
# half, and copies the best checkpoint to models/pixelpolish-release.ckpt. As the release was: first
# 150 updates (the sweep's v6, its learning rate annealed over them), then resumed to the recipe's
# total. Re-running continues an interrupted run from its last checkpoint.
# usage: tools/release/train.sh SHARED_DATA [WORK_DIR]   (WORK_DIR default: work/release)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
shared="$1"
work="${2:-$repo/work/release}"
[[ -d "$work/train" ]] || "$repo/tools/release/make_split.sh" "$shared" "$work"
train=("$repo/bin/pixelpolish" train --config base --overrides release --data-root "$work/train"
  --validation-root "$work/heldout" --output-dir "$work/runs" --run-name release --resume)
"${train[@]}" --set train.total_updates=150
"${train[@]}"
cp "$work/runs/release/checkpoints/best.ckpt" "$repo/models/pixelpolish-release.ckpt"
echo "models/pixelpolish-release.ckpt updated; rebuild the trainer (./mvnw -pl trainer -am package -DskipTests) to ship it"
