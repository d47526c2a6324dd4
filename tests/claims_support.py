"""A stand-in embedder for claim-matching tests: one-hot topic vectors, so a retelling that shares few
words with its claim can still land next to it."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


class Topic:
    """Dimension i is 1 when any word of `topics[i]` occurs in the text; the last one is a constant 0.2 (no
    zero vectors); rows are L2-normalised. `dim` (default: one per topic + 1) pads with zeros."""

    def __init__(self, name: str, topics: Sequence[Sequence[str]], dim: int | None = None) -> None:
        self.name, self.topics = name, topics
        self.dim = len(topics) + 1 if dim is None else dim

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for r, t in enumerate(texts):
            for i, words in enumerate(self.topics):
                out[r, i] = float(any(w in t.lower() for w in words))
            out[r, -1] = 0.2
        return np.asarray(out / np.linalg.norm(out, axis=1, keepdims=True), dtype=np.float32)

    def queries(self, texts: Sequence[str]) -> np.ndarray:
        return self.passages(texts)
