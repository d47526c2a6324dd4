"""Calibrated probability that a post repeats its best-ranked claim (logistic model on ranking features).

Coefficients are fitted by benchmarks/claims_eval.py on CLEF 2020 *train* (English) and the tuning half of
CHECKED dev (Chinese): positives are (post, gold claim) pairs ranked first; negatives are the best claim
ranked for the same post once its gold claims are removed from the bank (a same-topic post whose claim is
not in the bank, the hard case). Two models: lexical only, and lexical + semantic cosine (when an embedder
is installed).
"""

from __future__ import annotations

import math

from vigil.claims.matcher import Match

# feature order: bias, coverage, qcoverage, margin, [cosine]
# fitted by benchmarks/claims_eval.py (run of 2026-11-23 ~16:00 UTC; see benchmarks/results/claims_eval.md)
LEXICAL_WEIGHTS: tuple[float, ...] = (-2.586, 3.469, 4.252, 0.381)
SEMANTIC_WEIGHTS: tuple[float, ...] = (-8.54, 3.333, 3.216, 0.09, 7.49)
DEFAULT_THRESHOLD = 0.5


def features(best: Match, second: Match | None, *, semantic: bool) -> list[float]:
    margin = 0.0 if second is None or best.bm25 <= 0 else max(0.0, (best.bm25 - second.bm25) / best.bm25)
    if best.bm25 > 0 and second is None:
        margin = 1.0
    feats = [1.0, best.coverage, best.qcoverage, margin]
    if semantic:
        feats.append(best.cosine if best.cosine is not None else 0.0)
    return feats


def match_probability(best: Match, second: Match | None, *, semantic: bool) -> float:
    w = SEMANTIC_WEIGHTS if semantic and best.cosine is not None else LEXICAL_WEIGHTS
    x = features(best, second, semantic=len(w) == 5)
    z = sum(a * b for a, b in zip(w, x, strict=True))
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))
