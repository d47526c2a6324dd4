"""Rumour detection: claim matching (bm25s + optional semantic rerank), stance, near-duplicates, spread."""

from vigil.claims.bank import ClaimBank, ClaimChange, claims_from_json, read_claims
from vigil.claims.matcher import ClaimMatcher, Match
from vigil.claims.neardup import NearDup, NearDupIndex
from vigil.claims.semantic import load_embedder
from vigil.claims.spread import spread_clusters
from vigil.claims.stance import Stance, is_refutation, stance
from vigil.claims.verdicts import Verdict, normalize_verdict

__all__ = [
    "ClaimBank", "ClaimChange", "ClaimMatcher", "Match", "NearDup", "NearDupIndex", "Stance", "Verdict",
    "claims_from_json", "is_refutation", "load_embedder", "normalize_verdict", "read_claims",
    "spread_clusters", "stance",
]
