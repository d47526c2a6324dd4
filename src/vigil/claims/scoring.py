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

# Fitted by benchmarks/claims_stream_eval.py (logistic, balanced classes; run of 2026-11-23 ~17:55 UTC, see
# benchmarks/results/claims_stream_eval.md; the semantic model on the dense signals of every tune post), the
# bias shifted by -logit(t) where t is the threshold chosen on the tune stream (lexical 0.725, semantic 0.8:
# most recall with same-topic ≤ 15% and ordinary ≤ 0.75% flagged), so both operate at DEFAULT_THRESHOLD. The score is a match score, not a prevalence-
# calibrated probability.
LEXICAL_FEATURES = ("bias", "coverage", "qcoverage", "margin", "cjk", "matched")
LEXICAL_WEIGHTS: tuple[float, ...] = (-6.488, 6.975, 2.722, 2.718, -1.577, 0.872)
SEMANTIC_FEATURES = (*LEXICAL_FEATURES, "cosine", "cosine_gap")
SEMANTIC_WEIGHTS: tuple[float, ...] = (-5.695, 7.558, 3.371, 0.831, -1.401, 0.641, -0.306, 6.738)
# Retellings: below this claim coverage a post shares few words with the claim, and only the dense signals
# can tell a retelling from a same-topic post; a separate model decides there (None: the main model).
LOW_COVERAGE = 0.25
RETELLING_FEATURES = ("bias", "coverage", "cjk", "cosine", "cosine_gap", "cjk_cosine")
RETELLING_WEIGHTS: tuple[float, ...] | None = None
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
        feats += [cos, s.cosine_gap]
    return feats


def retelling_features(s: Signals) -> list[float]:
    cjk = 1.0 if s.cjk else 0.0
    cos = s.cosine if s.cosine is not None else 0.0
    return [1.0, s.coverage, cjk, cos, s.cosine_gap, cjk * cos]


def is_retelling(s: Signals) -> bool:
    return s.cosine is not None and s.coverage < LOW_COVERAGE


def probability(s: Signals, *, weights: tuple[float, ...] | None = None,
                retelling: tuple[float, ...] | None = None, use_default_retelling: bool = True) -> float:
    """Match score in [0, 1]; `weights` / `retelling` override the shipped models (evaluations)."""
    semantic = s.cosine is not None
    r = retelling if retelling is not None else (RETELLING_WEIGHTS if use_default_retelling else None)
    if r is not None and is_retelling(s):
        w, x = r, retelling_features(s)
    else:
        w = weights if weights is not None else (SEMANTIC_WEIGHTS if semantic else LEXICAL_WEIGHTS)
        x = features(s, semantic=len(w) == len(SEMANTIC_FEATURES))
    z = sum(a * b for a, b in zip(w, x, strict=True))
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))
