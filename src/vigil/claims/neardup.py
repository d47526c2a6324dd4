"""Near-duplicate copies of flagged posts: datasketch MinHash LSH for candidates, exact overlap to verify.

Tuned for short Chinese posts: shingles are CJK character bigrams (English: word stems) taken after
textnorm.normalize() (repost chains "//@x:", URLs, mentions, hashtag marks, emoji and traditional characters
are folded away). A shingle *set* tolerates a few swapped words. Truncated copies and copies with added
commentary have a low Jaccard similarity but a high overlap coefficient |A∩B| / min(|A|, |B|), so the LSH
threshold is low (candidates are cheap) and verification uses the overlap coefficient, guarded by a minimum
Jaccard so a short post inside a long one is not a "copy".

MinHash signatures use datasketch's own permutations and formula (affine32 scheme), computed for a whole
batch of posts in one numpy pass instead of one `MinHash.update_batch` per post; the LSH is datasketch's.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from datasketch import LeanMinHash, MinHash, MinHashLSH
from datasketch.minhash import _fmix

from vigil.claims.textnorm import shingle_hashes

U32 = npt.NDArray[np.uint32]


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
        min_shared: int = 5,
        seed: int = 1,
    ) -> None:
        self.num_perm = num_perm
        self.min_overlap = min_overlap
        self.min_jaccard = min_jaccard
        self.min_shingles = min_shingles
        self.min_shared = min_shared
        self.seed = seed
        proto = MinHash(num_perm=num_perm, seed=seed, scheme="affine32")
        self._a = proto.permutations[0].astype(np.uint32)
        self._b = proto.permutations[1].astype(np.uint32)
        # weights favour recall: false candidates are removed by the exact check anyway
        self._lsh = MinHashLSH(threshold=lsh_threshold, num_perm=num_perm, weights=(0.2, 0.8))
        self._sets: dict[str, U32] = {}

    def __len__(self) -> int:
        return len(self._sets)

    def signatures(self, sets: Sequence[U32], chunk: int = 2048) -> npt.NDArray[np.uint32]:
        """MinHash hash values (len(sets) x num_perm), as datasketch's update_batch computes them."""
        out = np.empty((len(sets), self.num_perm), dtype=np.uint32)
        for start in range(0, len(sets), chunk):
            part = sets[start : start + chunk]
            sizes = np.fromiter((len(s) for s in part), dtype=np.int64, count=len(part))
            if not sizes.all():
                raise ValueError("empty shingle set")
            hv = _fmix(np.concatenate(part).astype(np.uint32), 32).reshape(-1, 1)
            phv = hv * self._a + self._b  # uint32 arithmetic wraps: modulo 2^32, as in datasketch
            offsets = np.concatenate(([0], np.cumsum(sizes)[:-1]))
            out[start : start + len(part)] = np.minimum.reduceat(phv, offsets, axis=0)
        return out

    def _lean(self, hashvalues: npt.NDArray[np.uint32]) -> LeanMinHash:
        return LeanMinHash(seed=self.seed, hashvalues=hashvalues, scheme="affine32")

    def _prepare(self, items: Iterable[tuple[str, str]]) -> tuple[list[str], list[U32]]:
        keys, sets = [], []
        for key, text in items:
            s = shingle_hashes(text)
            if len(s) >= self.min_shingles:
                keys.append(key)
                sets.append(s)
        return keys, sets

    def add_many(self, items: Iterable[tuple[str, str]]) -> None:
        """Add (key, text) seeds; texts with too few shingles to compare reliably are skipped."""
        keys, sets = self._prepare(items)
        sigs = self.signatures(sets) if sets else np.zeros((0, self.num_perm), np.uint32)
        with self._lsh.insertion_session() as session:
            for key, s, sig in zip(keys, sets, sigs, strict=True):
                if key in self._sets:
                    continue
                self._sets[key] = s
                session.insert(key, self._lean(sig))

    def verify(self, a: U32, b: U32) -> tuple[float, float] | None:
        inter = len(np.intersect1d(a, b, assume_unique=True))
        if inter < self.min_shared:  # a few common words are not a copy (English shingles are words)
            return None
        overlap = inter / min(len(a), len(b))
        jaccard = inter / (len(a) + len(b) - inter)
        if overlap >= self.min_overlap and jaccard >= self.min_jaccard:
            return overlap, jaccard
        return None

    def query_many(self, items: Iterable[tuple[str, str]]) -> list[NearDup]:
        """Best verified seed for each (key, text), when there is one (never the key itself)."""
        if not self._sets:
            return []
        keys, sets = self._prepare(items)
        if not sets:
            return []
        out = []
        for key, s, sig in zip(keys, sets, self.signatures(sets), strict=True):
            best: NearDup | None = None
            for cand in sorted(self._lsh.query(self._lean(sig))):
                if cand == key:
                    continue
                sim = self.verify(s, self._sets[cand])
                if sim is not None and (best is None or (sim[0], sim[1]) > (best.similarity, best.jaccard)):
                    best = NearDup(key, cand, round(sim[0], 4), round(sim[1], 4))
            if best is not None:
                out.append(best)
        return out
