"""A BERT sentence encoder in numpy: WordPiece tokens, the transformer forward pass, mean pooling.

For sentence-transformers checkpoints shipped as files (config.json, vocab.txt, model.safetensors), such
as all-MiniLM-L6-v2: no torch, no tokenizers package. The safetensors file is read with numpy (an 8-byte
header length, a JSON header, raw little-endian tensors). The tokenizer is BERT's uncased one: clean,
lowercase, strip accents, split on whitespace, punctuation and CJK characters, then greedy longest-match
WordPiece; it reproduces the reference tokenizer on ordinary text.
"""

from __future__ import annotations

import json
import math
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float32]

_DTYPES = {"F32": np.float32, "F16": np.float16, "BF16": np.uint16, "I64": np.int64}


def read_safetensors(path: Path) -> dict[str, npt.NDArray[np.generic]]:
    raw = path.read_bytes()
    n = int.from_bytes(raw[:8], "little")
    header = json.loads(raw[8 : 8 + n])
    base = 8 + n
    out: dict[str, npt.NDArray[np.generic]] = {}
    for name, meta in header.items():
        if name == "__metadata__":
            continue
        lo, hi = meta["data_offsets"]
        arr = np.frombuffer(raw[base + lo : base + hi], dtype=_DTYPES[meta["dtype"]]).reshape(meta["shape"])
        if meta["dtype"] == "BF16":
            arr = (arr.astype(np.uint32) << 16).view(np.float32)
        out[name] = arr
    return out


def _is_punct(ch: str) -> bool:
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _is_cjk(cp: int) -> bool:
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF or 0x2A700 <= cp <= 0x2B73F
            or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF or 0xF900 <= cp <= 0xFAFF
            or 0x2F800 <= cp <= 0x2FA1F)


class WordPiece:
    """BERT's uncased tokenizer (BasicTokenizer + WordPiece) over a vocab.txt."""

    def __init__(self, vocab_file: Path, *, max_chars: int = 100) -> None:
        words = vocab_file.read_text(encoding="utf-8").split("\n")
        self.vocab = {w: i for i, w in enumerate(words) if w}
        self.unk = self.vocab["[UNK]"]
        self.cls = self.vocab["[CLS]"]
        self.sep = self.vocab["[SEP]"]
        self.max_chars = max_chars
        self._cache: dict[str, list[int]] = {}

    def basic(self, text: str) -> list[str]:
        buf: list[str] = []
        for ch in text:
            cp = ord(ch)
            if cp == 0 or cp == 0xFFFD or (unicodedata.category(ch).startswith("C") and ch not in "\t\n\r"):
                continue
            if _is_cjk(cp):
                buf.append(f" {ch} ")
            elif ch.isspace():
                buf.append(" ")
            else:
                buf.append(ch)
        out: list[str] = []
        for word in "".join(buf).lower().split():
            word = "".join(c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn")
            cur = ""
            for ch in word:
                if _is_punct(ch):
                    if cur:
                        out.append(cur)
                        cur = ""
                    out.append(ch)
                else:
                    cur += ch
            if cur:
                out.append(cur)
        return out

    def word_ids(self, word: str) -> list[int]:
        hit = self._cache.get(word)
        if hit is not None:
            return hit
        if len(word) > self.max_chars:
            ids = [self.unk]
        else:
            ids = []
            start = 0
            while start < len(word):
                end = len(word)
                found = None
                while start < end:
                    piece = word[start:end] if start == 0 else "##" + word[start:end]
                    if piece in self.vocab:
                        found = self.vocab[piece]
                        break
                    end -= 1
                if found is None:
                    ids = [self.unk]
                    break
                ids.append(found)
                start = end
        if len(self._cache) < 200_000:
            self._cache[word] = ids
        return ids

    def encode(self, text: str, max_len: int) -> list[int]:
        ids: list[int] = [self.cls]
        for w in self.basic(text):
            ids.extend(self.word_ids(w))
            if len(ids) >= max_len - 1:
                break
        return [*ids[: max_len - 1], self.sep]


def _layernorm(x: FloatArray, g: FloatArray, b: FloatArray, eps: float) -> FloatArray:
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return np.asarray((x - mu) / np.sqrt(var + eps) * g + b, dtype=np.float32)


def _gelu(x: FloatArray) -> FloatArray:
    # BERT's exact gelu, 0.5 x (1 + erf(x / sqrt 2)); erf by Abramowitz-Stegun 7.1.26 (|error| < 1.5e-7)
    z = np.abs(x) / math.sqrt(2.0)
    t = 1.0 / (1.0 + 0.3275911 * z)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    erf = np.sign(x) * (1.0 - poly * np.exp(-z * z))
    return np.asarray(0.5 * x * (1.0 + erf), dtype=np.float32)


class BertEncoder:
    """Mean-pooled, L2-normalised sentence vectors from a BERT checkpoint directory."""

    def __init__(self, model_dir: Path, *, max_len: int = 128) -> None:
        cfg = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
        self.heads = int(cfg["num_attention_heads"])
        self.layers = int(cfg["num_hidden_layers"])
        self.eps = float(cfg.get("layer_norm_eps", 1e-12))
        self.dim = int(cfg["hidden_size"])
        self.max_len = min(max_len, int(cfg.get("max_position_embeddings", 512)))
        self.tok = WordPiece(model_dir / "vocab.txt")
        w = read_safetensors(model_dir / "model.safetensors")
        self.w = {k.removeprefix("bert."): np.asarray(v, dtype=np.float32) for k, v in w.items()
                  if v.dtype != np.int64}
        # fused QKV weight per layer, transposed once: x @ W
        for i in range(self.layers):
            p = f"encoder.layer.{i}."
            self.w[p + "qkv.w"] = np.ascontiguousarray(np.concatenate(
                [self.w[p + f"attention.self.{n}.weight"] for n in ("query", "key", "value")], axis=0).T)
            self.w[p + "qkv.b"] = np.concatenate(
                [self.w[p + f"attention.self.{n}.bias"] for n in ("query", "key", "value")])
            for n in ("attention.output.dense", "intermediate.dense", "output.dense"):
                self.w[p + n + ".wt"] = np.ascontiguousarray(self.w[p + n + ".weight"].T)

    def encode(self, texts: Sequence[str], batch: int = 32) -> FloatArray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        ids = [self.tok.encode(t, self.max_len) for t in texts]
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))  # similar lengths share a batch
        out = np.zeros((len(ids), self.dim), dtype=np.float32)
        for s in range(0, len(order), batch):
            idx = order[s : s + batch]
            out[idx] = self._forward([ids[i] for i in idx])
        return out

    def _forward(self, seqs: list[list[int]]) -> FloatArray:
        w, n, h = self.w, len(seqs), self.heads
        t = max(len(s) for s in seqs)
        tok = np.zeros((n, t), dtype=np.int64)
        mask = np.zeros((n, t), dtype=np.float32)
        for i, s in enumerate(seqs):
            tok[i, : len(s)] = s
            mask[i, : len(s)] = 1.0
        x = (w["embeddings.word_embeddings.weight"][tok] + w["embeddings.position_embeddings.weight"][:t][None]
             + w["embeddings.token_type_embeddings.weight"][0][None, None])
        x = _layernorm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], self.eps)
        d = self.dim
        hd = d // h
        neg = ((1.0 - mask) * -1e9)[:, None, None, :]
        for i in range(self.layers):
            p = f"encoder.layer.{i}."
            qkv = x @ w[p + "qkv.w"] + w[p + "qkv.b"]
            q, k, v = (qkv[..., j * d : (j + 1) * d].reshape(n, t, h, hd).transpose(0, 2, 1, 3) for j in range(3))
            att = q @ k.transpose(0, 1, 3, 2) / math.sqrt(hd) + neg
            att = np.exp(att - att.max(-1, keepdims=True))
            att /= att.sum(-1, keepdims=True)
            ctx = (att @ v).transpose(0, 2, 1, 3).reshape(n, t, d)
            a = ctx @ w[p + "attention.output.dense.wt"] + w[p + "attention.output.dense.bias"]
            x = _layernorm(a + x, w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"],
                           self.eps)
            f = _gelu(x @ w[p + "intermediate.dense.wt"] + w[p + "intermediate.dense.bias"])
            f = f @ w[p + "output.dense.wt"] + w[p + "output.dense.bias"]
            x = _layernorm(f + x, w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"], self.eps)
        pooled = (x * mask[..., None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1e-9)
        norm = np.linalg.norm(pooled, axis=1, keepdims=True)
        return np.asarray(pooled / np.maximum(norm, 1e-12), dtype=np.float32)
