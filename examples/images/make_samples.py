#!/usr/bin/env python3
"""Regenerates examples/images/ from its sources; README.md beside this script lists them.

Sources:
  * the scikit-image 0.26.0 wheel from PyPI (its skimage/data holds permissively licensed photos);
    downloaded with `pip download` unless --skimage-wheel names a copy;
  * the shared test data (TNO and FLIR frames): --shared-data, else $PIXELPOLISH_SHARED_DATA,
    else <repo>/../shared/data.

Needs python3 with pillow and numpy (pip install pillow numpy). Output is deterministic.
"""

import argparse
import io
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np
from PIL import Image

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
SKIMAGE = "scikit-image==0.26.0"
MAX_SIDE = 256

# Synthetic darkening x -> SCALE * x**GAMMA on [0, 1] 8-bit values.
DARKEN_SCALE = 0.35
DARKEN_GAMMA = 2.2

# (name inside the wheel's skimage/data, output file under rgb/)
RGB_PHOTOS = [
    ("astronaut.png", "astronaut.jpg"),
    ("chelsea.png", "chelsea.jpg"),
    ("coffee.png", "coffee.jpg"),
    ("rocket.jpg", "rocket.jpg"),
]
LOWLIGHT_FROM = ["astronaut.png", "chelsea.png", "coffee.png"]
TNO_VISIBLE = ["01.png", "11.png"]
TNO_IR = ["01.png", "25.png"]
FLIR_TIFF = ("IR_moving_mercedes_RAW.tif", "flir_moving_mercedes_RAW.tif")
FLIR_SWAPPED_PNG = ("20120726211114_Thermal_image_of_four_ducks_swimming_RAW.png", "flir_four_ducks_RAW.png")
JPEG_QUALITY = 92


def fit(image):
    """Area-averaged (box filter) reduction so the longer side is at most MAX_SIDE."""
    scale = MAX_SIDE / max(image.size)
    if scale >= 1:
        return image
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return image.resize(size, Image.Resampling.BOX)


def fit16(samples):
    """fit() for a 16-bit frame: box-filtered in float, rounded back to uint16."""
    reduced = fit(Image.fromarray(samples.astype(np.float32), mode="F"))
    return np.clip(np.rint(np.asarray(reduced)), 0, 65535).astype(np.uint16)


def darken(image):
    x = np.asarray(image, dtype=np.float64) / 255.0
    y = DARKEN_SCALE * np.power(x, DARKEN_GAMMA)
    return Image.fromarray(np.clip(np.rint(y * 255.0), 0, 255).astype(np.uint8), mode="RGB")


def skimage_wheel(given):
    if given:
        return Path(given), None
    scratch = Path(tempfile.mkdtemp(prefix="pixelpolish-samples-"))
    subprocess.run([sys.executable, "-m", "pip", "download", SKIMAGE, "--no-deps", "--only-binary=:all:",
                    "-d", str(scratch), "-q"], check=True)
    return next(scratch.glob("scikit_image-*.whl")), scratch


def shared_data(given):
    if given:
        return Path(given)
    if os.environ.get("PIXELPOLISH_SHARED_DATA"):
        return Path(os.environ["PIXELPOLISH_SHARED_DATA"])
    return (REPO / ".." / "shared" / "data").resolve()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--skimage-wheel", help="a downloaded scikit-image 0.26.0 wheel (default: pip download it)")
    parser.add_argument("--shared-data", help="the shared data folder (default: $PIXELPOLISH_SHARED_DATA or ../shared/data)")
    args = parser.parse_args()

    data = shared_data(args.shared_data)
    if not (data / "ir" / "FLIR_raw16").is_dir():
        sys.exit(f"shared data not found at {data}; pass --shared-data")
    wheel, scratch = skimage_wheel(args.skimage_wheel)

    for folder in ("rgb", "lowlight", "gray", "ir"):
        shutil.rmtree(HERE / folder, ignore_errors=True)
        (HERE / folder).mkdir()

    with zipfile.ZipFile(wheel) as archive:
        photos = {name: Image.open(io.BytesIO(archive.read("skimage/data/" + name))).convert("RGB")
                  for name, _ in RGB_PHOTOS}
    for name, output in RGB_PHOTOS:
        fit(photos[name]).save(HERE / "rgb" / output, quality=JPEG_QUALITY)
    for name in LOWLIGHT_FROM:
        darken(fit(photos[name])).save(HERE / "lowlight" / (Path(name).stem + "_dark.png"), optimize=True)

    for name in TNO_VISIBLE:
        # Stored as gray replicated into RGB; kept as a true 1-channel PNG.
        gray = Image.open(data / "wellexposed" / "TNO_visible" / name).convert("L")
        fit(gray).save(HERE / "gray" / f"tno_visible_{name}", optimize=True)
    for name in TNO_IR:
        # Kept as the source stores it (identical RGB channels), so the loader's collapse to 1 channel is exercised.
        ir = Image.open(data / "ir" / "TNO" / name).convert("RGB")
        fit(ir).save(HERE / "ir" / f"tno_ir_{name}", optimize=True)

    source, output = FLIR_TIFF
    frame = np.asarray(Image.open(data / "ir" / "FLIR_raw16" / source), dtype=np.uint16)
    Image.fromarray(fit16(frame)).save(HERE / "ir" / output, compression="tiff_adobe_deflate")
    # Copied byte for byte: the little-endian samples inside a big-endian PNG are the point of this sample.
    source, output = FLIR_SWAPPED_PNG
    shutil.copyfile(data / "ir" / "FLIR_raw16" / source, HERE / "ir" / output)

    if scratch:
        shutil.rmtree(scratch)
    total = sum(f.stat().st_size for f in HERE.rglob("*") if f.is_file() and f.parent != HERE)
    print(f"wrote {sum(1 for f in HERE.rglob('*') if f.is_file() and f.parent != HERE)} images, {total / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
