"""Rumour detection: claim matching (bm25s + optional semantic rerank), stance, near-duplicates, spread.

Names are imported on first use (PEP 562): `vigil.claims.scoring` or `.stance` alone must not pull in
bm25s, scipy and datasketch, which cost ~0.4 s of every `vigil` start that never matches a claim.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vigil.claims.bank import ClaimBank, ClaimChange, claims_from_json, read_claims
    from vigil.claims.matcher import ClaimMatcher, Match
    from vigil.claims.neardup import NearDup, NearDupIndex
    from vigil.claims.semantic import load_embedder
    from vigil.claims.spread import spread_clusters
    from vigil.claims.stance import Stance, is_refutation, stance
    from vigil.claims.verdicts import Verdict, normalize_verdict

_HOME = {
    "ClaimBank": "bank", "ClaimChange": "bank", "claims_from_json": "bank", "read_claims": "bank",
    "ClaimMatcher": "matcher", "Match": "matcher", "NearDup": "neardup", "NearDupIndex": "neardup",
    "load_embedder": "semantic", "spread_clusters": "spread", "Stance": "stance", "is_refutation": "stance",
    "stance": "stance", "Verdict": "verdicts", "normalize_verdict": "verdicts",
}

__all__ = [
    "ClaimBank", "ClaimChange", "ClaimMatcher", "Match", "NearDup", "NearDupIndex", "Stance", "Verdict",
    "claims_from_json", "is_refutation", "load_embedder", "normalize_verdict", "read_claims",
    "spread_clusters", "stance",
]


def __getattr__(name: str) -> Any:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module 'vigil.claims' has no attribute {name!r}")
    return getattr(import_module(f"vigil.claims.{module}"), name)
