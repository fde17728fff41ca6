#!/usr/bin/env python3
"""Exports MUSIQ for the trainer (see docs/iqa.md) from IQA-PyTorch's port of the published checkpoints.

    pip install pyiqa
    python3 tools/iqa/export_musiq.py --out models/musiq.pt                  # KonIQ-10k, downloads once
    python3 tools/iqa/export_musiq.py --out models/musiq-spaq.pt --checkpoint spaq
    python3 tools/iqa/export_musiq.py --out /tmp/musiq.pt --random-weights   # offline check

Writes the TorchScript model, which takes the multi-scale patch rows the trainer prepares ([B, N,
3075]) and returns [B, 1], and <out>.reference.json: the score pyiqa itself gives a fixed synthetic
image (its own preprocessing included), which the trainer's test MusiqExportTest compares with its own
(set PIXELPOLISH_MUSIQ_MODEL to the model file). Mind the licence of the weights and of pyiqa
(non-commercial) for your use.
"""
import argparse
import json
from pathlib import Path

import torch
from pyiqa.archs.musiq_arch import MUSIQ
from pyiqa.data.multiscale_trans_util import get_multiscale_patches
from export_reference import DESCRIPTION, reference_image


class FromPatches(torch.nn.Module):
    """MUSIQ.forward after its preprocessing, which it runs only in eval mode."""

    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, patches: torch.Tensor) -> torch.Tensor:
        # Train mode skips the preprocessing; MUSIQ's dropout rates are all 0, so nothing else changes
        # (main() checks the export against the eval-mode model).
        self.net.training = True
        return self.net(patches)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--checkpoint", default="koniq10k", choices=["koniq10k", "spaq", "paq2piq", "ava"])
    parser.add_argument("--random-weights", action="store_true")
    args = parser.parse_args()

    if args.random_weights:
        torch.manual_seed(0)
        net = MUSIQ(pretrained=False, num_class=1)
    else:
        net = MUSIQ(pretrained=args.checkpoint)
    net.eval()
    traced = torch.jit.trace(FromPatches(net), torch.zeros(1, 49 + 144 + 48, 3075), check_trace=False)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    traced.save(str(args.out))

    image = reference_image()
    with torch.no_grad():
        expected = net.eval()(image).item()
        patches = get_multiscale_patches((image - 0.5) * 2, **net.data_preprocess_opts)
        exported = traced(patches).item()
    if abs(exported - expected) > 1e-4:
        raise SystemExit(f"the export scores {exported}, pyiqa {expected}: the wrapper no longer matches MUSIQ.forward")
    reference = Path(str(args.out) + ".reference.json")
    reference.write_text(json.dumps({"image": DESCRIPTION, "musiq": expected}) + "\n")
    print(f"wrote {args.out}: MUSIQ of the reference image {expected:.6f}")


if __name__ == "__main__":
    main()
