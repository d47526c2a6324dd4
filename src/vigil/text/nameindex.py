"""A registry index for impersonation matching: normalised keys in an Aho-Corasick automaton (exact and
containment matches after folding) plus a sparse character n-gram matrix (fuzzy candidates), built once
and cached on disk keyed by the registry's content.

Candidate generation never compares an account with every name: the automaton finds every registry key
that occurs in an observed key in one pass, and the n-gram matrix (rare grams only) proposes the names
that share most of their grams with it. Verification (rapidfuzz) happens in the detector.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from vigil.model import Entity
from vigil.text.lexicon import ANCHOR_CONTEXT, ANCHOR_OUTLETS, ANCHOR_ROLES, ANCHOR_WEAK
from vigil.text.normalize import decoration_keys, fold, has_cjk, name_keys

INDEX_VERSION = "imp-v5"

# Key kinds stored in the automaton.
K_LOOSE = 0
K_PINYIN = 1  # phrase-aware pinyin of a CJK name (as typed in handles)
K_PINYIN_CHARS = 2  # per-character pinyin (homophone substitutions in display names)

MIN_LATIN_KEY = 3
MIN_CJK_KEY = 2
MIN_PINYIN_KEY = 6
MIN_INITIALS = 4
MAX_GRAM_DF = 400  # n-grams in more names than this carry no signal and cost the most


@dataclass
class NameEntry:
    entity: int  # index into NameIndex.entities
    name: str  # the registry name as written
    loose: str
    sorted_tokens: str  # non-decoration tokens, sorted and space-joined (word-reorder check)
    all_tokens: str  # every token, space-joined
    cjk: bool
    person: bool  # a news anchor's personal name: needs anchor/outlet context
    primary: bool  # the entity's first name (otherwise an alias)


@dataclass
class EntityEntry:
    entity_id: str
    kind: str
    primary_name: str


@dataclass
class NameIndex:
    entities: list[EntityEntry] = field(default_factory=list)
    names: list[NameEntry] = field(default_factory=list)
    automaton: Any = None  # ahocorasick.Automaton: key -> tuple of (name_idx, key_kind)
    initials: dict[str, list[int]] = field(default_factory=dict)
    token_bags: dict[str, list[int]] = field(default_factory=dict)  # sorted non-decoration tokens -> names
    entity_names: dict[str, list[int]] = field(default_factory=dict)  # entity_id -> its names
    context_automaton: Any = None  # anchor context words + news-media keys -> True
    vocab: dict[str, int] = field(default_factory=dict)
    gram_matrix: Any = None  # scipy.sparse.csc_matrix (vocab x names), binary
    gram_counts: Any = None  # np.ndarray: retained grams per name
    size: int = 0

    # ------------------------------------------------------------ build

    @classmethod
    def build(cls, entities: Sequence[Entity]) -> NameIndex:
        import ahocorasick

        idx = cls()
        auto = ahocorasick.Automaton()
        pending: dict[str, list[tuple[int, int, int]]] = {}
        seen_name: set[tuple[int, str]] = set()
        media_keys: set[str] = set()
        decos = set(decoration_keys())
        for ent in sorted(entities, key=lambda e: e.entity_id):
            e_i = len(idx.entities)
            idx.entities.append(EntityEntry(ent.entity_id, ent.kind, ent.names[0]))
            for n_i, raw in enumerate(ent.names):
                nk = name_keys(raw)
                if not nk.loose or (e_i, nk.loose) in seen_name:
                    continue
                seen_name.add((e_i, nk.loose))
                cjk = has_cjk(nk.loose)
                person = ent.kind == "news_anchor" and not _has_context(nk.loose)
                toks = sorted(t for t in nk.tokens if t not in decos)
                entry = NameEntry(e_i, raw, nk.loose, " ".join(toks), " ".join(nk.tokens), cjk, person, n_i == 0)
                name_i = len(idx.names)
                idx.names.append(entry)
                idx.entity_names.setdefault(ent.entity_id, []).append(name_i)
                if not cjk and len(toks) >= 2:
                    idx.token_bags.setdefault(entry.sorted_tokens, []).append(name_i)
                min_len = MIN_CJK_KEY if cjk else MIN_LATIN_KEY
                if len(nk.loose) >= min_len:
                    pending.setdefault(nk.loose, []).append((name_i, K_LOOSE, len(nk.loose)))
                if cjk:
                    if len(nk.pinyin) >= MIN_PINYIN_KEY:
                        pending.setdefault(nk.pinyin, []).append((name_i, K_PINYIN, len(nk.pinyin)))
                    if len(nk.pinyin_chars) >= MIN_PINYIN_KEY and nk.pinyin_chars != nk.pinyin:
                        pending.setdefault(nk.pinyin_chars, []).append(
                            (name_i, K_PINYIN_CHARS, len(nk.pinyin_chars))
                        )
                    if len(nk.initials) >= MIN_INITIALS:
                        idx.initials.setdefault(nk.initials, []).append(name_i)
                if ent.kind == "news_media" and len(nk.loose) >= min_len:
                    media_keys.add(nk.loose)
                    if cjk and len(nk.pinyin) >= MIN_PINYIN_KEY:
                        media_keys.add(nk.pinyin)
        for key, vals in pending.items():
            auto.add_word(key, tuple(vals))
        if pending:
            auto.make_automaton()
        idx.automaton = auto
        ctx = ahocorasick.Automaton()
        strength: dict[str, int] = {}
        for words, level in ((ANCHOR_WEAK, 0), (media_keys, 1), (ANCHOR_OUTLETS, 1), (ANCHOR_ROLES, 2)):
            for w in words:
                k = fold(w).key
                if k:
                    strength[k] = max(strength.get(k, 0), level)
        for k, level in strength.items():
            ctx.add_word(k, (k, level))
        if len(ctx):
            ctx.make_automaton()
        idx.context_automaton = ctx
        idx._build_grams()
        idx.size = len(idx.names)
        return idx

    def _build_grams(self) -> None:
        from scipy import sparse

        rows: list[int] = []
        cols: list[int] = []
        df: dict[str, int] = {}
        per_name: list[set[str]] = []
        for entry in self.names:
            g = grams(entry.loose)
            per_name.append(g)
            for x in g:
                df[x] = df.get(x, 0) + 1
        vocab: dict[str, int] = {}
        cap = max(MAX_GRAM_DF, len(self.names) // 100)
        for x in sorted(df):
            if df[x] <= cap:
                vocab[x] = len(vocab)
        counts = np.zeros(len(self.names), dtype=np.float32)
        for n_i, g in enumerate(per_name):
            kept = [vocab[x] for x in g if x in vocab]
            counts[n_i] = len(kept)
            rows.extend(kept)
            cols.extend([n_i] * len(kept))
        data = np.ones(len(rows), dtype=np.float32)
        mat = sparse.csc_matrix((data, (rows, cols)), shape=(len(vocab), len(self.names)), dtype=np.float32)
        self.vocab = vocab
        self.gram_matrix = mat.tocsr()
        self.gram_counts = counts

    # ------------------------------------------------------------ query

    def hits(self, key: str) -> list[tuple[int, int, int, int]]:
        """(name_idx, key_kind, start, end) for every registry key occurring in `key`."""
        auto = self.automaton
        if not key or auto is None or auto.kind != 2:  # 2 == ahocorasick.AHOCORASICK
            return []
        out = []
        for end, vals in auto.iter(key):
            for name_i, kind, klen in vals:
                out.append((name_i, kind, end - klen + 1, end + 1))
        return out

    def context_terms(self, key: str) -> list[str]:
        """Anchor-context words and news-media names inside `key`, longest first."""
        auto = self.context_automaton
        if not key or auto is None or auto.kind != 2:
            return []
        return sorted({v[0] for _, v in auto.iter(key)}, key=lambda t: (-len(t), t))

    def context_strength(self, key: str) -> int:
        """-1 no context; 0 weak (news, 新闻); 1 an outlet (CCTV, a news-media name); 2 a role (anchor, 主播)."""
        auto = self.context_automaton
        if not key or auto is None or auto.kind != 2:
            return -1
        return max((v[1] for _, v in auto.iter(key)), default=-1)

    def fuzzy_candidates(
        self, keys: Sequence[str], min_containment: float = 0.34, top: int = 8
    ) -> list[list[tuple[int, float]]]:
        """For each observed key, up to `top` names sharing >= min_containment of their rare n-grams."""
        out: list[list[tuple[int, float]]] = [[] for _ in keys]
        if not self.vocab or not keys:
            return out
        from scipy import sparse

        indptr = [0]
        indices: list[int] = []
        vocab = self.vocab
        for k in keys:
            ids = {vocab[g] for g in grams(k) if g in vocab}
            indices.extend(sorted(ids))
            indptr.append(len(indices))
        if not indices:
            return out
        x = sparse.csr_matrix(
            (np.ones(len(indices), dtype=np.float32), np.array(indices, dtype=np.int32), np.array(indptr)),
            shape=(len(keys), len(vocab)),
        )
        prod = (x @ self.gram_matrix).tocsr()
        counts = self.gram_counts
        for r in range(len(keys)):
            lo, hi = prod.indptr[r], prod.indptr[r + 1]
            if lo == hi:
                continue
            cols = prod.indices[lo:hi]
            shared = prod.data[lo:hi]
            need = counts[cols]
            ratio = shared / np.maximum(need, 1.0)
            ok = (ratio >= min_containment) & ((shared >= 2) | (need <= 1))
            if not ok.any():
                continue
            sel = np.nonzero(ok)[0]
            order = sorted(sel.tolist(), key=lambda j: (-float(ratio[j]), -float(shared[j]), int(cols[j])))
            out[r] = [(int(cols[j]), float(ratio[j])) for j in order[:top]]
        return out


def _has_context(key: str) -> bool:
    return any(fold(w).key in key for w in ANCHOR_CONTEXT if len(fold(w).key) >= 2)


def grams(key: str) -> set[str]:
    """Character 3-grams of a loose key; CJK runs also give 2-grams (CJK names are short)."""
    out: set[str] = set()
    n = len(key)
    if n == 0:
        return out
    if n < 3:
        out.add(key)
    for i in range(n - 2):
        out.add(key[i : i + 3])
    if has_cjk(key):
        for i in range(n - 1):
            out.add(key[i : i + 2])
    return out


# ---------------------------------------------------------------- disk cache


def cache_dir() -> Path:
    return Path(os.environ.get("VIGIL_CACHE") or Path.home() / ".cache" / "vigil")


def cache_path(fingerprint: str) -> Path:
    return cache_dir() / f"{INDEX_VERSION}-{fingerprint[:40]}.pkl"


def load_or_build(entities: Sequence[Entity], fingerprint: str, use_cache: bool = True) -> tuple[NameIndex, str]:
    """The index for `entities`: loaded from the cache when present ("cached"), else built ("built")."""
    path = cache_path(fingerprint)
    if use_cache and path.is_file():
        try:
            with path.open("rb") as fh:
                idx = pickle.load(fh)
            if isinstance(idx, NameIndex):
                return idx, "cached"
        except Exception:  # noqa: BLE001 - a corrupt cache is rebuilt, never fatal
            pass
    idx = NameIndex.build(entities)
    if use_cache and entities:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(idx, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)  # atomic: concurrent runs never read a half-written index
        except OSError:
            pass
    return idx, "built"
