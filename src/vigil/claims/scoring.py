"""Calibrated probability that a post repeats its best-ranked claim (logistic model on ranking signals).

Coefficients are fitted by benchmarks/claims_stream_eval.py on its tuning stream only: CLEF 2020 *train*
tweets (English) and the even half of CHECKED dev (Chinese) against one combined bank, with edited copies of
those posts as further positives; negatives are the same posts once their gold claims are removed from the
bank (same-topic posts whose claim is not in the bank, the hard case) and ordinary posts. Two models:
lexical only, and lexical + the dense embedder's cosine (used when an embedder is installed).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# Fitted by benchmarks/claims_stream_eval.py (logistic, balanced classes; run of 2026-11-23 ~17:35 UTC, see
# benchmarks/results/claims_stream_eval.md), the bias shifted by -logit(t) where t is the threshold chosen on
# the tune stream (lexical 0.725, semantic 0.85: most recall with same-topic ≤ 15% and ordinary ≤ 0.75%
# flagged), so both models operate at DEFAULT_THRESHOLD. The score is a match score, not a prevalence-
# calibrated probability.
LEXICAL_FEATURES = ("bias", "coverage", "qcoverage", "margin", "cjk", "matched")
LEXICAL_WEIGHTS: tuple[float, ...] = (-6.488, 6.975, 2.722, 2.718, -1.577, 0.872)
SEMANTIC_FEATURES = (*LEXICAL_FEATURES, "cosine", "cosine_gap", "cjk_cosine")
SEMANTIC_WEIGHTS: tuple[float, ...] = (-6.79, 7.525, 3.27, 0.84, 0.41, 0.642, 0.615, 6.739, -2.153)
DEFAULT_THRESHOLD = 0.5


@dataclass(frozen=True)
class Signals:
    """What the ranking knows about a post's best claim."""

    coverage: float
    """IDF-weighted share of the claim's tokens found in the post."""
    qcoverage: float
    """IDF-weighted share of the post's tokens found in the claim."""
    margin: float
    """Relative BM25 lead of the best claim over the runner-up, in [0, 1]."""
    cjk: bool
    matched: float = 0.0
    """log(1 + IDF mass of the tokens post and claim share): how much evidence, not just which share (a
    short post sharing one place name with a short claim covers much of it with little in common)."""
    cosine: float | None = None
    """Dense cosine of post and claim (None without an embedder)."""
    cosine_gap: float = 0.0
    """Cosine of the best claim minus the best cosine of any other claim (negative: the dense stage
    prefers another claim)."""


def features(s: Signals, *, semantic: bool) -> list[float]:
    cjk = 1.0 if s.cjk else 0.0
    feats = [1.0, s.coverage, s.qcoverage, s.margin, cjk, s.matched]
    if semantic:
        cos = s.cosine if s.cosine is not None else 0.0
        feats += [cos, s.cosine_gap, cjk * cos]
    return feats


def probability(s: Signals, *, weights: tuple[float, ...] | None = None) -> float:
    semantic = s.cosine is not None
    w = weights if weights is not None else (SEMANTIC_WEIGHTS if semantic else LEXICAL_WEIGHTS)
    x = features(s, semantic=len(w) == len(SEMANTIC_FEATURES))
    z = sum(a * b for a, b in zip(w, x, strict=True))
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))
