#!/usr/bin/env python3
"""Writes the tiny TorchScript models and files the learned-IQA tests load (checked in beside this
script; regenerate with any PyTorch >= 2.0: `python3 make_tiny_models.py`).

They honour the input/output contracts of the real models (docs/iqa.md) but compute simple closed-form
functions of their inputs, so the Java tests can recompute every expected score and see that each
preprocessing step (normalisation, tokens, patches) reached the model as the contract says.

  clipiqa/image_encoder.pt  [B,3,H,W] float32 -> [B,4]: per-channel means of the input, then 0.5
  clipiqa/text_encoder.pt   [N,77] int64 -> [N,4]: e_k = sum_t [id_t != 0] cos(0.3 (k+1) id_t),
                            plus the position of the end token (argmax id) / 10 in e_3
  clipiqa/tokenizer.json    an 8-word CLIP-like tokenizer (lower-cased, punctuation split,
                            <|startoftext|> ... <|endoftext|>, end token with the highest id)
  musiq.pt                  [B,N,3075] float32 -> [B,1]: 50 + 25 * masked mean pixel
                            + 0.001 * sum(mask * position) + 0.1 * sum(mask * scale)
  musiq_patches.json        reference patch rows for a 1x3x40x56 test image, from torch's own
                            interpolate (bicubic) / pad / unfold, to check the Java
                            preprocessing
"""
import json
import math
from pathlib import Path

import torch
import torch.nn.functional as F

HERE = Path(__file__).resolve().parent


class ImageEncoder(torch.nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        means = x.mean(dim=(2, 3))
        return torch.cat([means, torch.full_like(means[:, :1], 0.5)], dim=1)


class TextEncoder(torch.nn.Module):
    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        present = (ids != 0).float()
        k = torch.arange(1, 5, dtype=torch.float32).view(1, 1, 4)
        e = (present.unsqueeze(2) * torch.cos(0.3 * k * ids.float().unsqueeze(2))).sum(dim=1)
        end = ids.argmax(dim=1).float() / 10
        return torch.cat([e[:, :3], (e[:, 3] + end).unsqueeze(1)], dim=1)


class TinyMusiq(torch.nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        mask = x[:, :, -1]
        pixels = x[:, :, :-3].mean(dim=2)
        mean_pixel = (mask * pixels).sum(dim=1) / mask.sum(dim=1)
        score = 50 + 25 * mean_pixel + 0.001 * (mask * x[:, :, -3]).sum(dim=1) + 0.1 * (mask * x[:, :, -2]).sum(dim=1)
        return score.unsqueeze(1)


TOKENIZER = {
    "version": "1.0",
    "truncation": None,
    "padding": None,
    "added_tokens": [
        {"id": 6, "content": "<|startoftext|>", "single_word": False, "lstrip": False, "rstrip": False,
         "normalized": False, "special": True},
        {"id": 7, "content": "<|endoftext|>", "single_word": False, "lstrip": False, "rstrip": False,
         "normalized": False, "special": True},
    ],
    "normalizer": {"type": "Lowercase"},
    "pre_tokenizer": {"type": "Whitespace"},
    "post_processor": {
        "type": "TemplateProcessing",
        "single": [{"SpecialToken": {"id": "<|startoftext|>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                   {"SpecialToken": {"id": "<|endoftext|>", "type_id": 0}}],
        "pair": [{"Sequence": {"id": "A", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}}],
        "special_tokens": {
            "<|startoftext|>": {"id": "<|startoftext|>", "ids": [6], "tokens": ["<|startoftext|>"]},
            "<|endoftext|>": {"id": "<|endoftext|>", "ids": [7], "tokens": ["<|endoftext|>"]},
        },
    },
    "decoder": None,
    "model": {"type": "WordLevel", "unk_token": "[UNK]",
              "vocab": {"!": 0, "good": 1, "bad": 2, "photo": 3, ".": 4, "[UNK]": 5,
                        "<|startoftext|>": 6, "<|endoftext|>": 7}},
}


def musiq_reference() -> dict:
    """Patch rows of MUSIQ's published preprocessing, built from torch's own primitives."""
    h, w, patch, grid = 40, 56, 32, 10
    image = torch.arange(3 * h * w, dtype=torch.float32).reshape(1, 3, h, w)
    image = (torch.sin(image * 0.37) + 1) / 2  # deterministic values in [0, 1]
    x = image * 2 - 1
    rows = []
    for scale, side in enumerate([224, 384]):
        ratio = side / max(h, w)
        size = (round(h * ratio), round(w * ratio))
        resized = F.interpolate(x, size, mode="bicubic", align_corners=False)
        seq = math.ceil(side / patch) ** 2
        rows.append(pad_or_cut(patch_rows(resized, scale, patch, grid), seq))
    rows.append(patch_rows(x, 2, patch, grid))
    table = torch.cat(rows, dim=1)[0]
    return {"height": h, "width": w, "rows": table.shape[0],
            "pixel_sums": table[:, :-3].sum(dim=1).tolist(), "extras": table[:, -3:].tolist(),
            "first_pixels_of_row": {str(r): table[r, :8].tolist() for r in (0, 60, 193, 196)}}


def patch_rows(x: torch.Tensor, scale: int, patch: int, grid: int) -> torch.Tensor:
    _, _, h, w = x.shape
    count_h, count_w = math.ceil(h / patch), math.ceil(w / patch)
    pad_h, pad_w = count_h * patch - h, count_w * patch - w
    x = F.pad(x, (pad_w // 2, pad_w - pad_w // 2, pad_h // 2, pad_h - pad_h // 2))
    patches = F.unfold(x, patch, stride=patch).transpose(1, 2)  # [1, n, 3*patch*patch]
    hash_h = torch.floor(torch.arange(count_h) * grid / count_h)
    hash_w = torch.floor(torch.arange(count_w) * grid / count_w)
    position = (hash_h.view(-1, 1) * grid + hash_w.view(1, -1)).reshape(1, -1, 1)
    extras = torch.cat([position, torch.full_like(position, scale), torch.ones_like(position)], dim=2)
    return torch.cat([patches, extras], dim=2)


def pad_or_cut(rows: torch.Tensor, length: int) -> torch.Tensor:
    padded = torch.cat([rows, torch.zeros(1, length, rows.shape[2])], dim=1)
    return padded[:, :length]


def main() -> None:
    (HERE / "clipiqa").mkdir(exist_ok=True)
    torch.jit.script(ImageEncoder()).save(str(HERE / "clipiqa" / "image_encoder.pt"))
    torch.jit.script(TextEncoder()).save(str(HERE / "clipiqa" / "text_encoder.pt"))
    (HERE / "clipiqa" / "tokenizer.json").write_text(json.dumps(TOKENIZER, indent=1) + "\n")
    torch.jit.script(TinyMusiq()).save(str(HERE / "musiq.pt"))
    (HERE / "musiq_patches.json").write_text(json.dumps(musiq_reference()) + "\n")


if __name__ == "__main__":
    main()
