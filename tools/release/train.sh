#!/usr/bin/env bash
# Trains the released policy from scratch: splits SHARED_DATA into training and held-out images,
# trains configs/release.yaml on the training half, and copies the final checkpoint to
# models/pixelpolish-release.ckpt. Re-running continues an interrupted run from its last checkpoint.
# usage: tools/release/train.sh SHARED_DATA [WORK_DIR]   (WORK_DIR default: work/release)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
shared="$1"
work="${2:-$repo/work/release}"
[[ -d "$work/train" ]] || "$repo/tools/release/make_split.sh" "$shared" "$work"
"$repo/bin/pixelpolish" train --config base --overrides release --data-root "$work/train" --output-dir "$work/runs" --run-name release --resume
cp "$work/runs/release/checkpoints/final.ckpt" "$repo/models/pixelpolish-release.ckpt"
echo "models/pixelpolish-release.ckpt updated; rebuild the trainer (./mvnw -pl trainer -am package -DskipTests) to ship it"
