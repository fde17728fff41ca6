#!/usr/bin/env bash
# The short ablation behind configs/release.yaml (models/README.md, "How the recipe was chosen"):
# each variant trains on the training half of the split for 150 updates (r12-r15: 100) on 2 CPU
# threads, then all are scored on the first two held-out images of every set and on the 8 LOL pairs.
# usage: tools/release/ablation.sh SHARED_DATA [WORK_DIR]   (WORK_DIR default: work/release)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
shared="$1"
work="${2:-$repo/work/release}"
[[ -d "$work/train" ]] || "$repo/tools/release/make_split.sh" "$shared" "$work"
common=(--config base --overrides local_dev --data-root "$work/train" --output-dir "$work/ablation" --threads 2 --resume
  --set train.total_updates=150 --set train.eval_interval=10 --set checkpoint.interval=50
  --set data.degrade.probability=0.8 --set data.degrade.min_brightness=0.3
  --set "data.modality_mix={rgb: 0.5, gray: 0.2, ir: 0.3}" --set reward.weights.clipiqa=0)
at384=(--set data.max_side=384)
at128=(--set data.max_side=128 --set action.curve_on=luma --set action.mean_smoothing=15 --set reward.mode=pixel
  --set reward.weights.gradient=0 --set reward.weights.eme=0 --set reward.weights.exposure=1 --set reward.exposure_patch=16)
exposure=(--set reward.weights.exposure=1 --set reward.exposure_patch=32)
short=(--set train.total_updates=100 --set reward.exposure_patch=64)
declare -A variants=(
  [r0-seed-physics]="${at384[*]}"
  [r1-exposure-pixel]="${at384[*]} ${exposure[*]} --set reward.mode=pixel --set reward.weights.gradient=0.2 --set reward.weights.eme=0.2"
  [r3-luma-smooth-pixel]="${at384[*]} ${exposure[*]} --set reward.mode=pixel --set reward.weights.gradient=0.2 --set reward.weights.eme=0.2 --set action.curve_on=luma --set action.mean_smoothing=15"
  [r4-luma-smooth-exposure-entropy]="${at384[*]} ${exposure[*]} --set reward.mode=pixel --set reward.weights.gradient=0 --set reward.weights.eme=0 --set action.curve_on=luma --set action.mean_smoothing=15"
  [r6-side128-exposure-entropy]="${at128[*]}"
  [r7-side128-exposure-entropy-brisque]="${at128[*]} --set reward.weights.brisque=0.5"
  [r8-side128-lift-entropy]="${at128[*]} --set reward.exposure_darkens=false"
  [r9-side128-lift-entropy-ycbcr]="${at128[*]} --set reward.exposure_darkens=false --set action.curve_on=ycbcr"
  [r10-side128-patch64]="${at128[*]} --set reward.exposure_patch=64"
  [r11-side128-patch64-ycbcr]="${at128[*]} --set reward.exposure_patch=64 --set action.curve_on=ycbcr"
  [r12-side128-scalar-smooth31]="${at128[*]} ${short[*]} --set reward.mode=scalar --set action.mean_smoothing=31"
  [r13-side128-pixel-smooth63]="${at128[*]} ${short[*]} --set action.mean_smoothing=63"
  [r14-side128-pixel-smooth127]="${at128[*]} ${short[*]} --set action.mean_smoothing=127"
  [r15-side128-pixel-smooth127-ycbcr]="${at128[*]} ${short[*]} --set action.mean_smoothing=127 --set action.curve_on=ycbcr"
)
checkpoints=()
for name in $(printf '%s\n' "${!variants[@]}" | sort -V); do
  # shellcheck disable=SC2086 # the variant's flags are meant to split into words
  "$repo/bin/pixelpolish" train "${common[@]}" ${variants[$name]} --run-name "$name"
  checkpoints+=(--ckpt "${name%%-*}=$work/ablation/$name/checkpoints/final.ckpt")
done
"$repo/bin/pixelpolish" benchmark --data-root "$work/heldout" --suite "$repo/tools/release/ablation-suite.yaml" --limit 2 \
  --sheet-images 2 "${checkpoints[@]}" --zerodcepp-weights "$shared/../baselines/zerodcepp/Epoch99_state_dict.npz" \
  --out "$work/ablation-report"
