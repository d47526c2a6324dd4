"""Near-duplicate copies of flagged posts: datasketch MinHash LSH for candidates, exact overlap to verify.

Tuned for short Chinese posts: shingles are CJK character bigrams (English: word stems) taken after
textnorm.normalize() (repost chains "//@x:", URLs, mentions, hashtag marks, emoji and traditional characters
are folded away). A shingle *set* tolerates a few swapped words. Truncated copies and copies with added
commentary have a low Jaccard similarity but a high overlap coefficient |A∩B| / min(|A|, |B|), so the LSH
threshold is low (candidates are cheap) and verification uses the overlap coefficient, guarded by a minimum
Jaccard so a short post inside a long one is not a "copy".
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from datasketch import MinHash, MinHashLSH

from vigil.claims.textnorm import shingles


def _crc32(value: str) -> int:
    return zlib.crc32(value.encode("utf-8"))


@dataclass(frozen=True)
class NearDup:
    key: str
    of_key: str
    similarity: float
    """Overlap coefficient of the shingle sets, in [0, 1]."""
    jaccard: float


class NearDupIndex:
    """An LSH index over seed texts (e.g. flagged posts); query other texts for verified near-copies."""

    def __init__(
        self,
        *,
        num_perm: int = 64,
        lsh_threshold: float = 0.3,
        min_overlap: float = 0.7,
        min_jaccard: float = 0.25,
        min_shingles: int = 6,
    ) -> None:
        self.num_perm = num_perm
        self.min_overlap = min_overlap
        self.min_jaccard = min_jaccard
        self.min_shingles = min_shingles
        # weights favour recall: false candidates are removed by the exact check anyway
        self._lsh = MinHashLSH(threshold=lsh_threshold, num_perm=num_perm, weights=(0.2, 0.8))
        self._sets: dict[str, frozenset[str]] = {}

    def __len__(self) -> int:
        return len(self._sets)

    def minhashes(self, sets: Sequence[Iterable[str]]) -> list[MinHash]:
        out: list[MinHash] = MinHash.bulk([sorted(s) for s in sets], num_perm=self.num_perm, hashfunc=_crc32)
        return out

    def add_many(self, items: Iterable[tuple[str, str]]) -> None:
        """Add (key, text) seeds; texts with too few shingles to compare reliably are skipped."""
        keys, sets = [], []
        for key, text in items:
            s = frozenset(shingles(text))
            if len(s) < self.min_shingles or key in self._sets:
                continue
            keys.append(key)
            sets.append(s)
        with self._lsh.insertion_session() as session:
            for key, s, mh in zip(keys, sets, self.minhashes(sets), strict=True):
                self._sets[key] = s
                session.insert(key, mh)

    def verify(self, a: frozenset[str], b: frozenset[str]) -> tuple[float, float] | None:
        inter = len(a & b)
        if inter == 0:
            return None
        overlap = inter / min(len(a), len(b))
        jaccard = inter / (len(a) + len(b) - inter)
        if overlap >= self.min_overlap and jaccard >= self.min_jaccard:
            return overlap, jaccard
        return None

    def query_many(self, items: Iterable[tuple[str, str]]) -> list[NearDup]:
        """Best verified seed for each (key, text), when there is one (never the key itself)."""
        keys, sets = [], []
        for key, text in items:
            s = frozenset(shingles(text))
            if len(s) >= self.min_shingles:
                keys.append(key)
                sets.append(s)
        if not self._sets:
            return []
        out = []
        for key, s, mh in zip(keys, sets, self.minhashes(sets), strict=True):
            best: NearDup | None = None
            for cand in sorted(self._lsh.query(mh)):
                if cand == key:
                    continue
                sim = self.verify(s, self._sets[cand])
                if sim is not None and (best is None or (sim[0], sim[1]) > (best.similarity, best.jaccard)):
                    best = NearDup(key, cand, round(sim[0], 4), round(sim[1], 4))
            if best is not None:
                out.append(best)
        return out
