#!/usr/bin/env python3
"""Converts the public NIQE and BRISQUE model files into the JSON resources the trainer ships.

Usage (numpy only; run from the repository root, with the research data checkout beside it):

    python3 tools/iqa/convert_nss_models.py ../shared/iqa trainer/src/main/resources/io/pixelpolish/reward/iqa

Inputs (see ../shared/iqa/README.md and the NOTICE.md written beside the outputs):
  niqe/niqe_pris_params.npz        LIVE's NIQE pristine model (mu_pris_param [1,36], cov_pris_param [36,36])
  brisque/live_allmodel.libsvm     LIVE's BRISQUE release SVR (libsvm epsilon-SVR, RBF kernel)
  brisque/live_allrange.txt        its svm-scale ranges: target range, then "min max" per feature
Outputs:
  niqe_pristine.json               {"mean": [36], "covariance": [36][36]}
  brisque_live.json                {"gamma", "rho", "feature_min", "feature_max", "coefficients", "support_vectors"}
"""
import json
import sys
from pathlib import Path

import numpy as np

FEATURES = 36


def niqe(source: Path) -> dict:
    params = np.load(source / "niqe" / "niqe_pris_params.npz")
    mean = params["mu_pris_param"].reshape(FEATURES)
    covariance = params["cov_pris_param"].reshape(FEATURES, FEATURES)
    return {"mean": mean.tolist(), "covariance": covariance.tolist()}


def brisque(source: Path) -> dict:
    header, coefficients, vectors = {}, [], []
    lines = (source / "brisque" / "live_allmodel.libsvm").read_text().splitlines()
    start = lines.index("SV") + 1
    for line in lines[:start - 1]:
        key, *values = line.split()
        header[key] = values
    if header["svm_type"] != ["epsilon_svr"] or header["kernel_type"] != ["rbf"]:
        raise SystemExit(f"expected an epsilon_svr model with an rbf kernel, got {header}")
    for line in lines[start:]:
        coefficient, *pairs = line.split()
        vector = [0.0] * FEATURES  # libsvm's sparse format leaves zero features out
        for pair in pairs:
            index, value = pair.split(":")
            vector[int(index) - 1] = float(value)
        coefficients.append(float(coefficient))
        vectors.append(vector)
    if len(vectors) != int(header["total_sv"][0]):
        raise SystemExit(f"expected {header['total_sv'][0]} support vectors, read {len(vectors)}")

    rows = [line.split() for line in (source / "brisque" / "live_allrange.txt").read_text().splitlines()
            if line.strip() and not line.startswith("#")]
    if rows[0] != ["-1", "1"] or len(rows) != FEATURES + 1:
        raise SystemExit(f"expected the target range -1 1 and {FEATURES} feature ranges, got {rows[:2]}...")
    return {
        "gamma": float(header["gamma"][0]),
        "rho": float(header["rho"][0]),
        "feature_min": [float(r[0]) for r in rows[1:]],
        "feature_max": [float(r[1]) for r in rows[1:]],
        "coefficients": coefficients,
        "support_vectors": vectors,
    }


def main() -> None:
    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    target.mkdir(parents=True, exist_ok=True)
    for name, model in (("niqe_pristine.json", niqe(source)), ("brisque_live.json", brisque(source))):
        (target / name).write_text(json.dumps(model, separators=(",", ":")) + "\n")
        print(f"wrote {target / name}")


if __name__ == "__main__":
    main()
