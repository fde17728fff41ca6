#!/usr/bin/env python3
"""Exports CLIP-IQA's model folder (see docs/iqa.md) from OpenAI's CLIP ResNet-50.

    pip install torch openai-clip tokenizers
    python3 tools/iqa/export_clipiqa.py --out models/clipiqa        # downloads RN50 once (MIT)
    python3 tools/iqa/export_clipiqa.py --out /tmp/clip-random --random-weights   # offline check

Writes image_encoder.pt and text_encoder.pt (TorchScript), tokenizer.json (CLIP's BPE, converted from
the vocabulary inside the CLIP package with the tokenizers library) and reference.json: the CLIP-IQA
score of a fixed synthetic image computed here in PyTorch, which the trainer's test
ClipIqaExportTest compares with its own (set PIXELPOLISH_CLIPIQA_MODEL to the folder).

As in CLIP-IQA, the image encoder is CLIP's visual tower without the attention pool's positional
embedding, so it takes images of any size. --random-weights builds the same architecture untrained,
to check the export and the trainer's loading without network access.
"""
import argparse
import gzip
import html
import json
from pathlib import Path

import torch
import torch.nn.functional as F
from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

import clip
from clip.model import CLIP
from clip.simple_tokenizer import bytes_to_unicode, default_bpe
from export_reference import DESCRIPTION, reference_image

PROMPTS = ["Good photo.", "Bad photo."]
MEAN = (0.48145466, 0.4578275, 0.40821073)
STD = (0.26862954, 0.26130258, 0.27577711)


class ImageEncoder(torch.nn.Module):
    """CLIP's ModifiedResNet forward with the attention pool's positional embedding left out."""

    def __init__(self, visual):
        super().__init__()
        # The parts, not the ModifiedResNet itself: TorchScript would compile its original forward.
        self.stem = torch.nn.Sequential(visual.conv1, visual.bn1, visual.relu1, visual.conv2, visual.bn2, visual.relu2,
                                        visual.conv3, visual.bn3, visual.relu3, visual.avgpool)
        self.layers = torch.nn.Sequential(visual.layer1, visual.layer2, visual.layer3, visual.layer4)
        pool = visual.attnpool
        self.q_proj, self.k_proj, self.v_proj, self.c_proj = pool.q_proj, pool.k_proj, pool.v_proj, pool.c_proj
        self.num_heads: int = pool.num_heads

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.layers(self.stem(x))
        x = x.flatten(start_dim=2).permute(2, 0, 1)  # NCHW -> (HW)NC
        x = torch.cat([x.mean(dim=0, keepdim=True), x], dim=0)
        x, _ = F.multi_head_attention_forward(
            query=x, key=x, value=x, embed_dim_to_check=x.shape[-1], num_heads=self.num_heads,
            q_proj_weight=self.q_proj.weight, k_proj_weight=self.k_proj.weight, v_proj_weight=self.v_proj.weight,
            in_proj_weight=None, in_proj_bias=torch.cat([self.q_proj.bias, self.k_proj.bias, self.v_proj.bias]),
            bias_k=None, bias_v=None, add_zero_attn=False, dropout_p=0.0,
            out_proj_weight=self.c_proj.weight, out_proj_bias=self.c_proj.bias,
            use_separate_proj_weight=True, training=False, need_weights=False)
        return x[0]


class TextEncoder(torch.nn.Module):
    """CLIP's encode_text, holding only the text tower's weights."""

    def __init__(self, model):
        super().__init__()
        self.token_embedding = model.token_embedding
        self.positional_embedding = model.positional_embedding
        self.transformer = model.transformer
        self.ln_final = model.ln_final
        self.text_projection = model.text_projection

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        x = self.token_embedding(ids) + self.positional_embedding
        x = self.transformer(x.permute(1, 0, 2)).permute(1, 0, 2)
        x = self.ln_final(x)
        # the features at the end token, which has the highest id
        return x[torch.arange(x.shape[0]), ids.argmax(dim=-1)] @ self.text_projection


def clip_model(random_weights: bool) -> torch.nn.Module:
    if random_weights:
        torch.manual_seed(0)
        return CLIP(embed_dim=1024, image_resolution=224, vision_layers=(3, 4, 6, 3), vision_width=64,
                    vision_patch_size=None, context_length=77, vocab_size=49408, transformer_width=512,
                    transformer_heads=8, transformer_layers=12).float().eval()
    model, _ = clip.load("RN50", device="cpu", jit=False)
    return model.float().eval()


def clip_tokenizer() -> Tokenizer:
    """CLIP's SimpleTokenizer as a tokenizers pipeline (lower case, CLIP's split, byte-level BPE)."""
    merges = gzip.open(default_bpe()).read().decode("utf-8").split("\n")[1:49152 - 256 - 2 + 1]
    merges = [tuple(m.split()) for m in merges]
    vocab = list(bytes_to_unicode().values())
    vocab = vocab + [v + "</w>" for v in vocab] + ["".join(m) for m in merges] + ["<|startoftext|>", "<|endoftext|>"]
    ids = {token: i for i, token in enumerate(vocab)}
    tokenizer = Tokenizer(models.BPE(vocab=ids, merges=merges, end_of_word_suffix="</w>", unk_token=None))
    tokenizer.normalizer = normalizers.Sequence([normalizers.NFC(), normalizers.Replace(Regex(r"\s+"), " "),
                                                 normalizers.Lowercase()])
    tokenizer.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Split(Regex(r"""<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+"""),
                             behavior="removed", invert=True),
        pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False)])
    tokenizer.decoder = decoders.ByteLevel()
    tokenizer.post_processor = processors.TemplateProcessing(
        single="<|startoftext|> $A <|endoftext|>",
        special_tokens=[("<|startoftext|>", ids["<|startoftext|>"]), ("<|endoftext|>", ids["<|endoftext|>"])])
    return tokenizer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--random-weights", action="store_true")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    tokenizer = clip_tokenizer()
    expected = clip.tokenize(PROMPTS + ["A photo of a cat, isn't it?"])
    for text, row in zip(PROMPTS + ["A photo of a cat, isn't it?"], expected):
        ids = tokenizer.encode(text).ids
        if ids != row[:len(ids)].tolist() or row[len(ids):].any():
            raise SystemExit(f"tokenizer.json disagrees with CLIP's tokenizer on {text!r}: {ids} vs {row.tolist()}")
    tokenizer.save(str(args.out / "tokenizer.json"))

    model = clip_model(args.random_weights)
    image_encoder = torch.jit.script(ImageEncoder(model.visual))
    text_encoder = torch.jit.trace(TextEncoder(model), clip.tokenize(PROMPTS))
    image_encoder.save(str(args.out / "image_encoder.pt"))
    text_encoder.save(str(args.out / "text_encoder.pt"))

    with torch.no_grad():
        x = (reference_image() - torch.tensor(MEAN).view(1, 3, 1, 1)) / torch.tensor(STD).view(1, 3, 1, 1)
        image = F.normalize(image_encoder(x), dim=1)
        text = F.normalize(text_encoder(clip.tokenize(PROMPTS)), dim=1)
        score = (100 * image @ text.t()).softmax(dim=1)[0, 0].item()
    (args.out / "reference.json").write_text(json.dumps({"image": DESCRIPTION, "clipiqa": score}) + "\n")
    print(f"wrote {args.out}: CLIP-IQA of the reference image {score:.6f}")


if __name__ == "__main__":
    main()
