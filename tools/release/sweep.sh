#!/usr/bin/env bash
# The validation-ranked sweep behind release v2 (models/README.md, "How the recipe was chosen"):
# each variant of configs/release.yaml trains on the training half of the split and is measured by
# the validation ruler on the held-out half (never trained on) every 50 updates; the table ranks
# the variants by val/quality at their last update and shows the main fixed measures beside it.
# usage: tools/release/sweep.sh SHARED_DATA [WORK_DIR] [UPDATES]   (defaults: work/release, 150)
# PIXELPOLISH=launcher runs an installed copy instead of bin/pixelpolish, so rebuilding the checkout
# during the sweep cannot pull the jar from under a running variant.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
shared="$1"
work="${2:-$repo/work/release}"
updates="${3:-150}"
[[ -d "$work/train" ]] || "$repo/tools/release/make_split.sh" "$shared" "$work"
common=(--config base --overrides release --data-root "$work/train" --validation-root "$work/heldout"
  --output-dir "$work/sweep" --threads 2 --resume --set train.total_updates="$updates"
  --set validation.every=50 --set validation.max_images=4 --set checkpoint.interval=50
  # Each variant changes release v1's recipe, which configs/release.yaml no longer is: pin it back.
  --set action.chroma_exponent=0 --set reward.weights.clipping=0)
declare -A variants=(
  [v0-release]=""
  [v1-chroma0.5]="--set action.chroma_exponent=0.5"
  [v2-chroma0.5-toe0.02]="--set action.chroma_exponent=0.5 --set action.toe=0.02"
  [v3-chroma1]="--set action.chroma_exponent=1"
  [v4-chroma0.5-toe0.02-entropy1]="--set action.chroma_exponent=0.5 --set action.toe=0.02 --set reward.weights.entropy=1"
  [v5-chroma0.5-exposure-only]="--set action.chroma_exponent=0.5 --set reward.weights.entropy=0"
  [v6-chroma0.5-clipping1]="--set action.chroma_exponent=0.5 --set reward.weights.clipping=1"
  [v8-chroma0.5-clipping1-beta0.03]="--set action.chroma_exponent=0.5 --set reward.weights.clipping=1 --set action.beta_range=[-0.2,0.03]"
)
set -f # the variants' flags are split into words below, never globbed (brackets in YAML lists)
for name in $(printf '%s\n' "${!variants[@]}" | sort -V); do
  # shellcheck disable=SC2086 # the variant's flags are meant to split into words
  "${PIXELPOLISH:-$repo/bin/pixelpolish}" train "${common[@]}" ${variants[$name]} --run-name "$name"
done
python3 - "$work/sweep" <<'PY'
import json, pathlib, sys
columns = ["val/quality", "val/niqe", "val/brisque", "val/colorfulness_delta", "val/entropy", "val/clipped",
           "val/lol_eval15/psnr", "val/lol_eval15/ssim", "val/tno/quality", "val/roadscene/quality", "rewards/mean"]
rows = []
for run in sorted(pathlib.Path(sys.argv[1]).iterdir()):
    lines = [json.loads(l) for l in (run / "metrics.jsonl").read_text().splitlines()]
    validated = [l for l in lines if "val/quality" in l]
    if validated:
        rows.append((run.name, validated[-1]["update"], validated[-1], lines[-1]))
rows.sort(key=lambda r: -r[2]["val/quality"])
print("| variant | update | " + " | ".join(columns) + " |")
print("|---" * (len(columns) + 2) + "|")
for name, update, val, last in rows:
    cells = [val.get(c, last.get(c)) for c in columns]
    print(f"| {name} | {update} | " + " | ".join("" if v is None else f"{v:.4g}" for v in cells) + " |")
PY
