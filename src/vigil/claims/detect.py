"""Per-post decision inputs: the best claim of each post and the calibrated probability that the post
repeats it. Shared by the `claims.debunked` detector and the evaluations (which also pass `exclude`, to
score a post as if its own claim were missing from the bank)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from vigil.claims import pairmodel
from vigil.claims.matcher import ClaimMatcher, Match, QueryScores
from vigil.claims.scoring import BLEND_MODEL, SEMANTIC_WEIGHTS, Signals, probability


@dataclass(frozen=True)
class Assessment:
    best: Match | None
    signals: Signals | None
    probability: float

    @property
    def semantic(self) -> bool:
        return self.signals is not None and self.signals.cosine is not None


def signals(matcher: ClaimMatcher, q: QueryScores, ranked: Sequence[Match], exclude: Sequence[int] = ()) -> Signals:
    best = ranked[0]
    second = ranked[1] if len(ranked) > 1 else None
    if best.bm25 <= 0:
        margin = 0.0
    elif second is None:
        margin = 1.0
    else:
        margin = max(0.0, (best.bm25 - second.bm25) / best.bm25)
    gap = 0.0
    if q.cosine is not None and best.cosine is not None:
        cos = q.cosine.copy()
        cos[matcher.index_of(best.claim_id)] = -np.inf
        if len(exclude):
            cos[list(exclude)] = -np.inf
        other = float(cos.max()) if len(cos) else -np.inf
        gap = best.cosine - other if np.isfinite(other) else best.cosine
    bi = matcher.index_of(best.claim_id)
    matched = float(np.log1p(best.coverage * matcher.doc_mass(bi)))
    cos2: float | None = None
    gap2 = 0.0
    if q.cosine2 is not None:  # the second embedder's view of the same best claim
        c2 = q.cosine2.copy()
        cos2 = float(c2[bi])
        c2[bi] = -np.inf
        if len(exclude):
            c2[list(exclude)] = -np.inf
        other2 = float(c2.max()) if len(c2) else -np.inf
        gap2 = cos2 - other2 if np.isfinite(other2) else cos2
    return Signals(best.coverage, best.qcoverage, margin, q.cjk, matched, best.cosine, gap, cos2, gap2)


def pair_probability(matcher: ClaimMatcher, q: QueryScores, best: Match, s: Signals,
                     model: pairmodel.PairModel | None) -> float | None:
    """The pair classifier's score (claims.pairmodel) when the query carries both embedders' vectors and the
    model was fitted for these embedders; else None (the scalar models decide)."""
    if model is None or q.qvec is None or q.qvec2 is None or s.cosine2 is None or not model.applies(s):
        return None
    primary = getattr(getattr(matcher.embedder, "primary", None), "name", None)
    if not model.fits(primary, matcher.second_name):
        return None
    c1, c2 = matcher.claim_vectors(matcher.index_of(best.claim_id))
    if c1 is None or c2 is None or (len(q.qvec), len(q.qvec2)) != model.dims:
        return None
    return model.probability(s, q.qvec, c1, q.qvec2, c2)


def assess(matcher: ClaimMatcher, scores: Sequence[QueryScores],
           excludes: Sequence[Sequence[int]] | None = None,
           weights: tuple[float, ...] | None = None, pair: bool = True) -> list[Assessment]:
    """Best claim + calibrated probability per query (semantic when its QueryScores carry cosines; the pair
    classifier when both embedders' vectors are there, unless `weights` are given or `pair` is False)."""
    model = pairmodel.shipped() if pair and weights is None else None
    out = []
    for qi, q in enumerate(scores):
        ex = excludes[qi] if excludes is not None else ()
        # the fused order, not the learned rerank (claims.rerank): the decision models were fitted on the
        # fused best claim, and with the rerank's best claim more same-topic posts passed (0.171 -> 0.186 on the
        # report stream of benchmarks/claims_stream_eval.py) for no gain in recall or right claims
        ranked = matcher.fuse(q, 2, exclude=ex, rerank=False)
        if not ranked:
            out.append(Assessment(None, None, 0.0))
            continue
        s = signals(matcher, q, ranked, ex)
        pp = pair_probability(matcher, q, ranked[0], s, model)
        if pp is not None:
            out.append(Assessment(ranked[0], s, pp))
            continue
        w = weights
        if w is None and s.cosine2 is not None and matcher.second_name != BLEND_MODEL:
            w = SEMANTIC_WEIGHTS  # shipped blend weights are for USE's cosines only
        out.append(Assessment(ranked[0], s, probability(s, weights=w)))
    return out
