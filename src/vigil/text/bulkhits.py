"""Registry hits and fuzzy candidates for a whole chunk of folded keys at once.

Per key, matching needs (1) every whole registry key occurring in it (exact after folding, pinyin) and
(2) the few names worth a full fuzzy check: names sharing a segment (a half or a third of their loose
key) with it, no much longer than it, ranked by similarity. Done one key at a time, most of the cost is
Python glue around small C calls (an automaton walk, a candidate list, two rapidfuzz extracts of ~8
names). Here the chunk's keys are joined with a separator no key contains and walked once; segment
owners are expanded, length-filtered and de-duplicated with numpy; every (key, candidate) pair is scored
in one rapidfuzz call per scorer; the best few per key are chosen with one sort. Only the rare keys with
whole-key hits or surviving candidates come back to Python.

Before scoring, pairs that cannot reach a cut-off are dropped by a bound, never by a guess: both scores are
200 x LCS / (sum of the two lengths) for some pair of strings, and the LCS cannot exceed the characters the
two have in common, counted per bucket of a 64-bucket character histogram (merging characters into buckets
only raises the count). On the 200k bench this drops ~85% of the ratio pairs and ~45% of the partial ones.

The result equals per-key matching: the same hits in the same order, and the same candidates (ties at
the cut-off resolved by name order).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING, Any

import numpy as np
from rapidfuzz import fuzz, process

from vigil.arrays import sorted_unique

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from vigil.text.nameindex import NameIndex

Hit = tuple[int, int, int, int]  # (name index, key kind, start, end) inside the key

RATIO_CUTOFF = 70.0  # whole key vs name (fuzz.ratio)
CJK_RATIO_CUTOFF = 60.0  # a Chinese key: two look-alike characters in five are read as the name's (impersonation)
RATIO_LIMIT = 3
PARTIAL_CUTOFF = 80.0  # a shorter name nearly contained in the key (fuzz.partial_ratio)
PARTIAL_LIMIT = 2
LENGTH_SLACK = 1.2  # a name longer than 1.2 x the key + 1 cannot be a near copy of it
_SEP = "\x00"  # never in a folded key (keys are letters and digits only)
BUCKETS = 64


def _bucket_table() -> NDArray[np.uint8]:
    table = (36 + np.arange(0x10000, dtype=np.int64) % 28).astype(np.uint8)
    table[97:123] = np.arange(26, dtype=np.uint8)  # a-z
    table[48:58] = np.arange(26, 36, dtype=np.uint8)  # 0-9
    return table


_BUCKET = _bucket_table()


def char_histograms(joined: str, lens: NDArray[np.int64]) -> NDArray[np.uint16]:
    """Per string of `joined` (strings of lengths `lens` joined by one _SEP each): its character counts in
    BUCKETS buckets (a-z and 0-9 one bucket each, every other character by code point modulo 28)."""
    cp = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    cp = cp[cp != 0]  # the separators
    bucket = np.where(cp < 0x10000, _BUCKET[np.minimum(cp, 0xFFFF)], 36 + cp % 28).astype(np.int64)
    bucket += np.repeat(np.arange(0, len(lens) * BUCKETS, BUCKETS, dtype=np.int64), lens)
    counts = np.bincount(bucket, minlength=len(lens) * BUCKETS)
    # more than 65,535 characters of one bucket in one string would wrap: such strings are not names
    return np.minimum(counts, 65535).astype(np.uint16).reshape(len(lens), BUCKETS)


def common_bound(hist_a: NDArray[np.uint16], hist_b: NDArray[np.uint16]) -> NDArray[np.int64]:
    """Row by row, an upper bound on the characters two strings share (and so on their LCS)."""
    common: NDArray[np.int64] = np.minimum(hist_a, hist_b).sum(axis=1, dtype=np.int64)
    return common


@dataclass(eq=False)
class BulkArrays:
    """The index's tables as flat arrays (segment owners, which keys are whole names, name lengths and
    character histograms). Built with the index and cached with it, so a cached run does not rebuild them."""

    seg_cnt: NDArray[np.int64]
    seg_ptr: NDArray[np.int64]
    seg_own: NDArray[np.int64]
    has_full: NDArray[np.bool_]
    lens: NDArray[np.int64]
    name_hist: NDArray[np.uint16]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, BulkArrays) and all(
            np.array_equal(getattr(self, f), getattr(other, f))
            for f in ("seg_cnt", "seg_ptr", "seg_own", "has_full", "lens", "name_hist"))

    __hash__ = None  # type: ignore[assignment]

    @classmethod
    def of(cls, index: NameIndex) -> BulkArrays:
        sv = index.seg_values
        seg_cnt = np.fromiter(map(len, sv), dtype=np.int64, count=len(sv))
        seg_ptr = np.zeros(len(sv) + 1, dtype=np.int64)
        np.cumsum(seg_cnt, out=seg_ptr[1:])
        seg_own = np.fromiter(chain.from_iterable(sv), dtype=np.int64, count=int(seg_ptr[-1]))
        has_full = np.fromiter((bool(x) for x in index.full_values), dtype=np.bool_, count=len(index.full_values))
        lens = np.fromiter(map(len, index.loose_keys), dtype=np.int64, count=len(index.loose_keys))
        return cls(seg_cnt, seg_ptr, seg_own, has_full, lens, char_histograms(_SEP.join(index.loose_keys), lens))


class BulkHits:
    """Chunk-at-a-time `NameIndex.split_hits` + fuzzy-candidate ranking; plain arrays, fork-shared."""

    def __init__(self, index: NameIndex) -> None:
        self.index = index
        arrays = index.bulk if index.bulk is not None else BulkArrays.of(index)
        self.seg_cnt = arrays.seg_cnt
        self.seg_ptr = arrays.seg_ptr
        self.seg_own = arrays.seg_own
        self.has_full = arrays.has_full
        self.lens = arrays.lens
        self.name_hist = arrays.name_hist
        self.n_names = max(1, len(index.loose_keys))

    def run(self, keys: list[str]) -> tuple[dict[int, list[Hit]], dict[int, set[int]]]:
        """For the keys of a chunk: key position -> whole-key hits (automaton order), and key position ->
        fuzzy candidates (names). Keys with neither are absent."""
        auto = self.index.automaton
        if not keys or auto is None or auto.kind != 2:  # 2 == ahocorasick.AHOCORASICK
            return {}, {}
        # a name repeated across accounts (common personal names, templates) is looked up once
        slot: dict[str, int] = {}  # key -> its position among the distinct keys
        for k in keys:
            slot.setdefault(k, len(slot))
        if len(slot) < len(keys):
            full, cands = self._run(list(slot))
            where = [slot[k] for k in keys]
            return ({i: full[j] for i, j in enumerate(where) if j in full},
                    {i: cands[j] for i, j in enumerate(where) if j in cands})
        return self._run(keys)

    def _run(self, keys: list[str]) -> tuple[dict[int, list[Hit]], dict[int, set[int]]]:
        auto = self.index.automaton
        n = len(keys)
        klens = np.fromiter(map(len, keys), dtype=np.int64, count=n)
        starts = np.zeros(n, dtype=np.int64)
        np.cumsum(klens[:-1] + 1, out=starts[1:])
        joined = _SEP.join(keys)
        flat = np.fromiter(chain.from_iterable(auto.iter(joined)), dtype=np.int64)
        ends, vals = flat[0::2], flat[1::2]
        owner = np.searchsorted(starts, ends, side="right") - 1  # which key each hit is in
        return self._full(ends - starts[owner], vals, owner), self._candidates(keys, joined, klens, vals, owner)

    def _full(self, ends: NDArray[np.int64], vals: NDArray[np.int64], owner: NDArray[np.int64]) -> dict[int, list[Hit]]:
        full: dict[int, list[Hit]] = {}
        values = self.index.full_values
        sel = np.flatnonzero(self.has_full[vals])
        for k, end, v in zip(owner[sel].tolist(), ends[sel].tolist(), vals[sel].tolist(), strict=True):
            full.setdefault(k, []).extend((name_i, kind, end - klen + 1, end + 1) for name_i, kind, klen in values[v])
        return full

    def _candidates(self, keys: list[str], joined: str, klens: NDArray[np.int64], vals: NDArray[np.int64],
                    owner: NDArray[np.int64]) -> dict[int, set[int]]:
        cnt = self.seg_cnt[vals]
        s = cnt > 0
        if not s.any():
            return {}
        # one (key, segment) pair per occurrence is enough: a segment seen twice adds no owner
        kv = sorted_unique(owner[s] * len(self.seg_cnt) + vals[s])
        k1, v1 = kv // len(self.seg_cnt), kv % len(self.seg_cnt)
        c1 = self.seg_cnt[v1]
        first = np.cumsum(c1) - c1
        pos = np.repeat(self.seg_ptr[v1] - first, c1) + np.arange(int(c1.sum()), dtype=np.int64)
        names = self.seg_own[pos]
        ks = np.repeat(k1, c1)
        near = self.lens[names] <= klens[ks] * LENGTH_SLACK + 1
        pair = sorted_unique(ks[near] * self.n_names + names[near])  # sorted by key, then name
        pk, pn = pair // self.n_names, pair % self.n_names
        if not len(pair):
            return {}
        loose = self.index.loose_keys
        out: dict[int, set[int]] = {}
        nl, kl = self.lens[pn], klens[pk]
        common = common_bound(char_histograms(joined, klens)[pk], self.name_hist[pn])
        # fuzz.ratio = 200 * LCS / (sum of lens) <= 200 * common / (sum of lens): pairs that cannot reach the
        # cut-off are not scored (a little slack against rounding)
        cjk = np.fromiter((not k.isascii() for k in keys), dtype=np.bool_, count=len(keys))
        cut = np.where(cjk[pk], CJK_RATIO_CUTOFF, RATIO_CUTOFF)
        feasible = np.flatnonzero(200 * common >= (cut - 0.1) * (nl + kl))
        _score_best(keys, loose, feasible, pk, pn, fuzz.ratio, cut, RATIO_LIMIT, out)
        # fuzz.partial_ratio of a shorter name: fuzz.ratio of the name and some stretch w of the key, at most
        # 200 * min(common, |w|) / (len(name) + |w|) <= 200 * common / (len(name) + common)
        partial = np.flatnonzero((nl < kl) & (200 * common >= (PARTIAL_CUTOFF - 0.1) * (nl + common)))
        _score_best(keys, loose, partial, pk, pn, fuzz.partial_ratio, PARTIAL_CUTOFF, PARTIAL_LIMIT, out)
        return out


def _score_best(queries: list[str], choices: list[str], sel: NDArray[np.intp], keys: NDArray[np.int64],
                names: NDArray[np.int64], scorer: Any, cutoff: float | NDArray[np.float64], limit: int,
                out: dict[int, set[int]]) -> None:
    """Score the selected (key, name) pairs in one rapidfuzz call and keep the best few per key; `cutoff` is one
    for all pairs or one per pair."""
    if not len(sel):
        return
    k, nm = keys[sel], names[sel]
    per_pair = np.asarray(cutoff)[sel] if np.ndim(cutoff) else cutoff
    scores = process.cpdist([queries[i] for i in k.tolist()], [choices[i] for i in nm.tolist()], scorer=scorer,
                            dtype=np.float64, workers=1, score_cutoff=float(np.min(per_pair)))
    _best_per_key(k, nm, scores, per_pair, limit, out)


def _best_per_key(keys: NDArray[np.int64], names: NDArray[np.int64], scores: NDArray[np.float64],
                  cutoff: float | NDArray[np.float64], limit: int, out: dict[int, set[int]]) -> None:
    """Add to `out` the `limit` best names per key scoring at least `cutoff` (ties: lower name first)."""
    sel = np.flatnonzero(scores >= cutoff)
    if not len(sel):
        return
    k, nm, sc = keys[sel], names[sel], scores[sel]
    order = np.lexsort((nm, -sc, k))
    k, nm = k[order], nm[order]
    group_start = np.flatnonzero(np.r_[True, k[1:] != k[:-1]])
    rank = np.arange(len(k)) - np.repeat(group_start, np.diff(np.r_[group_start, len(k)]))
    keep = rank < limit
    for key, name in zip(k[keep].tolist(), nm[keep].tolist(), strict=True):
        out.setdefault(key, set()).add(name)
