"""Rumour detection: posts repeating a claim rated false/misleading, and near-copies of such posts.

`debunked_claim/match`: the post's best-ranked claim (ClaimMatcher) is rated false or misleading, the
calibrated probability (claims.scoring) reaches the threshold, and the post does not refute the claim
(claims.stance). `debunked_claim/near_duplicate`: a post that copies a flagged post (MinHash LSH, exact
overlap check) and does not refute it. Near-duplicates need every post at once, hence not chunkable.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from functools import cached_property
from typing import TYPE_CHECKING

from vigil.claims.scoring import DEFAULT_THRESHOLD
from vigil.claims.semantic import load_embedder
from vigil.claims.stance import stance
from vigil.claims.textnorm import to_simplified
from vigil.detectors.base import Batch, Detector, Resources, register
from vigil.model import Finding, Post, make_finding

if TYPE_CHECKING:
    from vigil.claims.detect import Assessment
    from vigil.claims.matcher import ClaimMatcher

# Extra cues that, from an entity's official account, mark a post as a notice about a rumour.
_OFFICIAL_NOTICE = re.compile(
    r"网传|情况说明|通报|声明|提醒|回应|核查|核实|注意|关于.{0,30}的说明|"
    r"\b(notice|statement|clarif\w*|reminder|rumou?rs?|claims?|reports?)\b", re.I)


def _snippet(text: str, limit: int = 160) -> str:
    t = " ".join(text.split())
    return t if len(t) <= limit else t[: limit - 1] + "…"


@register
class DebunkedClaimDetector(Detector):
    name = "claims.debunked"
    categories = ("debunked_claim",)
    needs = frozenset({"posts"})
    chunkable = False
    default_threshold = DEFAULT_THRESHOLD

    #: Posts reach the dense stage when their best claim covers at least this share of its (IDF-weighted)
    #: tokens: a cheap pre-gate. On the tune stream of benchmarks/claims_stream_eval.py, gates from 0 to 0.25
    #: flag exactly the same posts with the shipped model (below ~0.25 coverage the cosine signals do not
    #: lift a post over the threshold), while 0.15 embeds ~25% fewer posts than no gate; ordinary posts with
    #: nothing in common with any claim never reach the embedder.
    semantic_gate = 0.15
    #: At most this many posts per run are embedded, those with a lexical score nearest the threshold first
    #: (deterministic), so the cost stays bounded: measured 5-10 real posts/s on the shared 2-core box
    #: (posts cut to ~128 tokens), i.e. a few minutes a run at most. $VIGIL_SEMANTIC_BUDGET overrides.
    semantic_budget = 1500
    _chunk = 256

    def __init__(self, resources: Resources, threshold: float | None = None) -> None:
        super().__init__(resources, threshold)
        self.claims = {c.claim_id: c for c in resources.claims}

    @cached_property
    def matcher(self) -> ClaimMatcher:
        """Built on first use: a scan without claims or posts never loads bm25s, scipy or an embedder."""
        from vigil.claims.matcher import ClaimMatcher

        embedder = load_embedder(self.resources.semantic_kind) if self.resources.claims else None
        return ClaimMatcher(self.resources.claims, embedder=embedder)

    def _assess(self, texts: list[str], *, dense: bool) -> list[Assessment]:
        from vigil.claims.detect import assess

        out: list[Assessment] = []
        for i in range(0, len(texts), self._chunk):  # chunks: each query holds a score per claim
            part = texts[i : i + self._chunk]
            sc = self.matcher.score_queries(part, semantic=False)
            if dense:
                sc = self.matcher.with_dense(sc, part)
            out.extend(assess(self.matcher, sc))
        return out

    def _best(self, posts: list[Post], notice: list[bool]) -> list[Assessment]:
        texts = [p.text for p in posts]
        out = self._assess(texts, dense=False)
        if not self.matcher.has_semantic:
            return out
        gated = [i for i, a in enumerate(out)
                 if not notice[i] and a.signals is not None and a.signals.coverage >= self.semantic_gate]
        budget = int(os.environ.get("VIGIL_SEMANTIC_BUDGET") or self.semantic_budget)
        if len(gated) > budget:
            # the undecided first: posts whose lexical score is nearest the threshold gain most from the rerank
            gated = sorted(sorted(gated, key=lambda i: (abs(out[i].probability - self.threshold), i))[:budget])
        for i, a in zip(gated, self._assess([texts[i] for i in gated], dense=True), strict=True):
            out[i] = a
        return out

    def _is_notice(self, post: Post) -> bool:
        if stance(post.text).refutes:
            return True
        official = (post.platform, post.account_id) in self.resources.official_accounts
        return official and _OFFICIAL_NOTICE.search(to_simplified(post.text)) is not None

    def _detect(self, batch: Batch) -> Iterable[Finding]:
        if not self.claims or not batch.posts:
            return []
        posts = sorted(batch.posts, key=lambda p: (p.platform, p.post_id, p.account_id))
        findings: list[Finding] = []
        notice = {p.key(): self._is_notice(p) for p in posts}
        seeds: dict[str, tuple[Post, str, float]] = {}
        for post, a in zip(posts, self._best(posts, [notice[p.key()] for p in posts]), strict=True):
            best = a.best
            if best is None or notice[post.key()]:
                continue
            verdict = self.matcher.verdicts[self.matcher.index_of(best.claim_id)]
            if not verdict.flaggable:
                continue
            score = a.probability
            if score < self.threshold:
                continue
            claim = self.claims[best.claim_id]
            findings.append(make_finding(
                platform=post.platform, account_id=post.account_id, post_id=post.post_id,
                category="debunked_claim", subcategory="match", detector=self.name, score=score,
                evidence={
                    "claim_id": best.claim_id,
                    "verdict": verdict.normalized,
                    "verdict_original": verdict.original,
                    "score": round(score, 4),
                    "matched": _snippet(claim.text),
                    "observed": _snippet(post.text),
                    "coverage": round(best.coverage, 4),
                    "cosine": None if best.cosine is None else round(best.cosine, 4),
                    "semantic": a.semantic,
                },
            ))
            seeds[f"{post.platform}\x1f{post.post_id}"] = (post, best.claim_id, score)
        findings.extend(self._near_duplicates(posts, seeds, notice))
        return findings

    def _near_duplicates(
        self, posts: list[Post], seeds: dict[str, tuple[Post, str, float]], notice: dict[tuple[str, str], bool]
    ) -> list[Finding]:
        if not seeds:
            return []
        from vigil.claims.neardup import NearDupIndex

        index = NearDupIndex()
        index.add_many((k, seeds[k][0].text) for k in sorted(seeds))
        candidates = [p for p in posts if not notice[p.key()]]
        by_key = {f"{p.platform}\x1f{p.post_id}": p for p in candidates}
        out = []
        for dup in index.query_many((k, p.text) for k, p in by_key.items()):
            post = by_key[dup.key]
            seed_post, claim_id, _ = seeds[dup.of_key]
            verdict = self.matcher.verdicts[self.matcher.index_of(claim_id)]
            out.append(make_finding(
                platform=post.platform, account_id=post.account_id, post_id=post.post_id,
                category="debunked_claim", subcategory="near_duplicate", detector=self.name,
                score=dup.similarity,
                evidence={
                    "claim_id": claim_id,
                    "of_post_id": seed_post.post_id,
                    "of_platform": seed_post.platform,
                    "of_account_id": seed_post.account_id,
                    "similarity": dup.similarity,
                    "jaccard": dup.jaccard,
                    "verdict": verdict.normalized,
                    "observed": _snippet(post.text),
                },
            ))
        return out
