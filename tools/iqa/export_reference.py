"""The fixed image whose score the export scripts record in their reference.json, for the trainer's
export tests (ExportReference.java builds the same image)."""
import torch

DESCRIPTION = "(sin(0.01 i) + 1) / 2, 1x3x96x160"


def reference_image() -> torch.Tensor:
    """(sin(0.01 i) + 1) / 2 over the planar indices i of a 1x3x96x160 image: values in [0, 1]."""
    i = torch.arange(3 * 96 * 160, dtype=torch.float32)
    return ((torch.sin(i * 0.01) + 1) / 2).reshape(1, 3, 96, 160)
