"""AI fake newsrooms and known fabricated media.

`impersonation.newsroom`: an account styled as a registered outlet or anchor (entity matching reused
from `impersonation.name` when importable, plus a folded-substring check of registered names for what
it leaves, e.g. an anchor's name + "24小时") *and* posting like a news
generator: news-wire formatting, machine cadence, one template for every post, AI-writing artefacts,
banked fabricated media. Emitted as `impersonation/<news_media|news_anchor>` tied to the entity, so it
merges with a name-only impersonation finding for the same account and entity (same finding_id) and
adds the generated-news evidence. A look-alike name alone is left to `impersonation.name`.

`mediabank.match`: a post whose media matches the bank of known fabricated media (exact SHA-256 or
PDQ within 31 bits) repeats a debunked visual claim → `debunked_claim/match`, with `claim_id` the
bank entry's fact-check id when it has one, else `mediabank:<hash_type>:<hash prefix>`.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cached_property
from typing import Any, ClassVar

import ahocorasick

from vigil.detectors.base import Batch, Detector, Resources, register
from vigil.mediabank import BankMatch, MediaBank
from vigil.model import Account, Entity, Finding, Post, make_finding
from vigil.services.farming import clickbait, parse_ts
from vigil.services.lexicon import normalize

NEWS_KINDS = ("news_media", "news_anchor")
_NEWS_MARKERS = re.compile(
    r"【[^】]{2,30}】|据.{0,8}报道|记者.{0,10}(获悉|报道|了解到)|消息称|快讯|突发|通报|最新消息|"
    r"\bbreaking\b|\breporting from\b|according to (?:sources|officials|reports)|\((?:ap|reuters|afp)\)|"
    r"sources say|officials said|\bjust in\b|developing story",
    re.IGNORECASE,
)
_AI_ARTEFACTS = (
    "as an ai", "language model", "i cannot fulfill", "i can't fulfill", "here is a news article",
    "certainly! here", "[insert", "lorem ipsum", "作为一个ai", "作为人工智能", "作为ai语言模型", "以下是一篇",
    "【插入", "请插入", "(此处插入",
)


def _fold(text: str) -> str:
    return re.sub(r"[\W_]+", "", normalize(text))


class _EntityMatcher:
    """Account → (entity, matched name, observed, score, transforms) for news outlets and anchors."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        self.entities = [e for e in entities if e.kind in NEWS_KINDS]
        self.by_id = {e.entity_id: e for e in self.entities}
        self._automaton: Any = None

    @cached_property
    def impersonation(self) -> Detector | None:
        """The impersonation detector over the news entities, built on first use: most scans (accounts
        without posts) never match here, and building it loads an index."""
        if not self.entities:
            return None
        try:  # reuse the impersonation detector's matching (folding, pinyin, look-alikes)
            from vigil.detectors.impersonation import ImpersonationDetector

            return ImpersonationDetector(Resources(entities=self.entities), 0.6, workers=1)
        except Exception:  # noqa: BLE001 - any failure there falls back to the simple check below
            return None

    def _substring_index(self) -> Any:
        """Aho-Corasick over the folded registered names (built on first use): one pass per field finds
        every registered name inside it, instead of a scan of the whole registry per account."""
        if self._automaton is None:
            auto = ahocorasick.Automaton()
            best: dict[str, tuple[int, str, str, str]] = {}
            for e in self.entities:
                for n in e.names:
                    f = _fold(n)
                    if len(f) >= 2 and (len(f) >= 4 or not f.isascii()):
                        cand = (-len(f), f, e.entity_id, n)
                        if f not in best or cand < best[f]:
                            best[f] = cand
            for f, cand in best.items():
                auto.add_word(f, cand)
            if best:
                auto.make_automaton()
            self._automaton = auto
        return self._automaton

    def _substring_hit(self, folded: str) -> tuple[int, str, str, str] | None:
        auto = self._substring_index()
        if not folded or auto.kind != ahocorasick.AHOCORASICK:  # an empty registry has no automaton
            return None
        hits = [cand for _end, cand in auto.iter(folded)]
        return min(hits) if hits else None  # longest name first, then name, then entity id: deterministic

    def match(self, accounts: Sequence[Account]) -> dict[tuple[str, str], dict[str, Any]]:
        out: dict[tuple[str, str], dict[str, Any]] = {}
        if not self.entities or not accounts:  # nothing to match: do not load the news entities' index
            return out
        if self.impersonation is not None:
            for f in self.impersonation.detect(Batch(accounts=accounts)).findings:
                ent = self.by_id.get(str(f.evidence.get("entity_id")))
                key = (f.subject.platform, f.subject.account_id)
                if ent is None or (key in out and out[key]["score"] >= f.score):
                    continue
                out[key] = {"entity": ent, "matched_name": f.evidence.get("matched_name") or ent.names[0],
                            "observed": f.evidence.get("observed"), "score": f.score,
                            "transforms": list(f.evidence.get("transforms") or []), "matcher": "impersonation.name"}
        for acc in accounts:  # also a registered name inside the folded display name or handle
            if acc.key() in out:
                continue
            for field in (acc.display_name, acc.handle or ""):
                folded = _fold(field)
                hit = self._substring_hit(folded)
                if hit is not None:
                    ent = self.by_id[hit[2]]
                    out[acc.key()] = {"entity": ent, "matched_name": hit[3], "observed": field,
                                      "score": 0.95 if hit[1] == folded else 0.85, "transforms": ["fold"],
                                      "matcher": "substring"}
                    break
        return out


def _pattern(posts: Sequence[Post], bank: MediaBank) -> tuple[float, dict[str, Any]]:
    """How much an account's posting looks like generated news, 0..1, with the numbers behind it."""
    n = len(posts)
    norms = [normalize(p.text) for p in posts]  # once per post, not once per artefact
    news = [p.post_id for p in posts if _NEWS_MARKERS.search(p.text)]
    ai = [p.post_id for p, t in zip(posts, norms, strict=True) if any(a in t for a in _AI_ARTEFACTS)]
    media = [p.post_id for p in posts if bank.match(p.media_sha256, p.media_pdq)]
    bait = [p.post_id for p in posts if clickbait(p.text)[0] >= 0.5]
    times = sorted(t for p in posts if (t := parse_ts(p.created_at)) is not None)
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    regular = len(gaps) >= 4 and statistics.mean(gaps) > 0 and statistics.pstdev(gaps) / statistics.mean(gaps) < 0.25
    heads = Counter(t[:4] for t in norms)
    tails = Counter(t[-8:] for t in norms)
    shared = max(max(heads.values()), max(tails.values())) if n else 0
    template = n >= 3 and shared / n >= 0.6
    score = min(1.0, 0.4 * len(news) / n + (0.3 if ai else 0.0) + (0.2 if regular else 0.0)
                + (0.2 if template else 0.0) + (0.3 if media else 0.0) + 0.1 * len(bait) / n)
    signals = [name for name, on in (
        ("news_format", len(news) / n >= 0.5), ("ai_artefacts", bool(ai)), ("machine_cadence", regular),
        ("templated_posts", template), ("banked_media", bool(media)), ("clickbait", bool(bait)),
    ) if on]
    detail = {"signals": signals, "news_format_post_ids": news[:10], "ai_artefact_post_ids": ai[:10],
              "banked_media_post_ids": media[:10], "posts_examined": n}
    return score, detail


@register
class FakeNewsroomDetector(Detector):
    name = "impersonation.newsroom"
    categories = ("impersonation",)
    needs = frozenset({"accounts", "posts"})
    chunkable = True
    default_threshold = 0.6
    bank: ClassVar[MediaBank | None] = None
    """Media bank for the `banked_media` signal; None → $VIGIL_MEDIABANK or empty."""

    def __init__(self, resources: Resources, threshold: float | None = None, bank: MediaBank | None = None) -> None:
        super().__init__(resources, threshold)
        self.media = bank or self.bank or MediaBank.from_env(resources.mediabank)
        self.matcher = _EntityMatcher(resources.entities)

    def _detect(self, batch: Batch) -> Iterable[Finding]:
        accounts = sorted(batch.accounts, key=lambda a: a.key())
        if not accounts or not self.matcher.entities:
            return
        posts_by: dict[tuple[str, str], list[Post]] = {}
        for p in batch.posts:
            posts_by.setdefault((p.platform, p.account_id), []).append(p)
        # The posting pattern is cheap and rare; the name match is not: match only accounts whose posts
        # look generated (a look-alike name without generated-news posting is impersonation.name's call).
        patterns: dict[tuple[str, str], tuple[float, dict[str, Any]]] = {}
        for acc in accounts:
            posts = sorted(posts_by.get(acc.key(), []), key=lambda p: (p.created_at or "", p.post_id))
            if posts:
                pattern, detail = _pattern(posts, self.media)
                if pattern >= 0.4:
                    patterns[acc.key()] = (pattern, detail)
        matches = self.matcher.match([a for a in accounts if a.key() in patterns])
        for acc in accounts:
            m = matches.get(acc.key())
            if m is None or acc.key() not in patterns:
                continue
            pattern, detail = patterns[acc.key()]
            ent: Entity = m["entity"]
            # Independent evidence adds up: never below the name match alone, higher the more the posts
            # look generated (so it wins the cross-detector dedup against a name-only finding).
            match = float(m["score"])
            score = match + (1.0 - match) * 0.8 * pattern
            evidence: dict[str, Any] = {
                "entity_id": ent.entity_id,
                "matched_name": m["matched_name"],
                "observed": m["observed"] or acc.display_name,
                "transforms": m["transforms"],
                "name_match_score": round(float(m["score"]), 4),
                "name_matcher": m["matcher"],
                "generated_news_score": round(pattern, 4),
                **detail,
            }
            yield make_finding(platform=acc.platform, account_id=acc.account_id, post_id=None,
                               category="impersonation", subcategory=ent.kind, detector=self.name,
                               score=score, evidence=evidence)


@register
class MediaBankDetector(Detector):
    name = "mediabank.match"
    categories = ("debunked_claim",)
    needs = frozenset({"posts"})
    chunkable = True
    default_threshold = 0.5
    bank: ClassVar[MediaBank | None] = None

    def __init__(self, resources: Resources, threshold: float | None = None, bank: MediaBank | None = None) -> None:
        super().__init__(resources, threshold)
        self.media = bank or self.bank or MediaBank.from_env(resources.mediabank)

    def _detect(self, batch: Batch) -> Iterable[Finding]:
        if not len(self.media):
            return
        for p in batch.posts:
            hit = self.media.match(p.media_sha256, p.media_pdq)
            if hit is not None:
                yield self._finding(p, hit)

    def _finding(self, post: Post, hit: BankMatch) -> Finding:
        e = hit.entry
        exact = e.hash_type == "sha256"
        score = 0.99 if exact else 0.99 - 0.4 * hit.distance / max(1, self.media.pdq_distance)
        evidence: dict[str, Any] = {
            "claim_id": e.claim_id or f"mediabank:{e.entry_id}",
            "verdict": "fabricated media",
            "media_hash": e.hash,
            "hash_type": e.hash_type,
            "observed_hash": hit.observed,
            "distance": hit.distance,
            "bank_label": e.label,
            "bank_source": e.source,
            "signals": ["exact_media_match" if exact else "perceptual_media_match"],
        }
        return make_finding(platform=post.platform, account_id=post.account_id, post_id=post.post_id,
                            category="debunked_claim", subcategory="match", detector=self.name,
                            score=score, evidence=evidence)
