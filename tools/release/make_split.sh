#!/usr/bin/env bash
# Splits ../shared/data into the release policy's training images and held-out images, as symbolic
# links: in every benchmarked set, the 1st, 3rd, 5th ... file (sorted by name) is held out and the
# rest is for training; TNO_visible (well-exposed, not benchmarked) is all for training, and the LOL
# pairs (the paired test) are never trained on, so they sit with the held-out images.
# usage: tools/release/make_split.sh SHARED_DATA OUT   -> OUT/train/..., OUT/heldout/...
set -euo pipefail
shared="$(cd "$1" && pwd)"
out="$2"
rm -rf "$out/train" "$out/heldout"
for set in lowlight/DICM lowlight/LIME lowlight/MEF lowlight/VV ir/TNO ir/RoadScene ir/FLIR_raw16; do
  mkdir -p "$out/train/$set" "$out/heldout/$set"
  i=0
  while IFS= read -r file; do
    if (( i % 2 == 0 )); then side=heldout; else side=train; fi
    ln -s "$shared/$set/$file" "$out/$side/$set/$file"
    i=$((i + 1))
  done < <(cd "$shared/$set" && ls | grep -iE '\.(png|jpe?g|bmp|tiff?)$' | sort)
done
mkdir -p "$out/train/wellexposed"
ln -s "$shared/wellexposed/TNO_visible" "$out/train/wellexposed/TNO_visible"
ln -s "$shared/lowlight/LOL_eval15" "$out/heldout/lowlight/LOL_eval15"
echo "train: $(find -L "$out/train" -type f | wc -l) images, held out: $(find -L "$out/heldout" -type f | wc -l)"
