"""Unqualified professional services: advice or paid services without a valid credential for the domain.

Per account (name, handle, bio and its posts in the batch) a char + word n-gram classifier gives the
probability that the account offers services in each domain, read over the whole account and over the
profile with each post (the strongest post counts, so one offer among many everyday posts is not
diluted). Lexicons add explainable anchors (a claimed title in the profile, domain service language,
offer/price/guarantee language), damp look-alike services (fitness, beauty, repairs) and warnings
(news about scams, victims, people asking for help). The top domain is checked against the
credentials registry on a reference date: a valid credential for that domain clears the account; an
expired one, one for another domain, or none is flagged, and claiming a professional title one does
not hold scores higher (severity "high"). The operating threshold (0.48) was calibrated on the
hand-written development sets (see benchmarks/services_eval.py).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import date
from typing import Any, ClassVar

import numpy as np

from vigil.detectors.base import Batch, Detector, Resources, register
from vigil.model import Account, Finding, Post, make_finding
from vigil.services.classifier import default_scorer
from vigil.services.credentials import CredentialCheck, CredentialIndex, latest_day, parse_day
from vigil.services.lexicon import (
    DOMAINS,
    Hits,
    guarantees,
    has_lexical_evidence,
    normalize_many,
    scan,
    scan_normalized,
)

MAX_POSTS = 30
"""Posts per account fed to the classifier (oldest first); enough to see a pattern, bounded cost."""


def _account_posts(posts: Iterable[Post]) -> dict[tuple[str, str], list[Post]]:
    by: dict[tuple[str, str], list[Post]] = {}
    for p in posts:
        by.setdefault((p.platform, p.account_id), []).append(p)
    for lst in by.values():
        lst.sort(key=lambda p: (p.created_at or "", p.post_id))
    return by


@register
class UnqualifiedServicesDetector(Detector):
    name = "unqualified_services.advice"
    categories = ("unqualified_services",)
    needs = frozenset({"accounts", "posts"})
    chunkable = True
    default_threshold = 0.48

    now: ClassVar[str | None] = None
    """Reference date for credential expiry. None → $VIGIL_NOW if set, else the latest timestamp in the
    batch; with neither (no timestamps at all) an expiry date cannot be judged and counts as valid."""

    def __init__(self, resources: Resources, threshold: float | None = None, now: str | None = None) -> None:
        super().__init__(resources, threshold)
        self._now = now
        self.rebase(resources.as_of)
        self.credentials = CredentialIndex(resources.credentials)
        self.scorer = default_scorer()

    def rebase(self, as_of: str | None) -> None:
        self.reference: date | None = parse_day(self._now or self.now or os.environ.get("VIGIL_NOW") or as_of)

    def _reference_day(self, batch: Batch) -> date | None:
        if self.reference is not None:
            return self.reference
        return latest_day([a.created_at for a in batch.accounts] + [p.created_at for p in batch.posts])

    def _detect(self, batch: Batch) -> Iterable[Finding]:
        if not batch.accounts:
            return
        day = self._reference_day(batch)
        posts_by = _account_posts(batch.posts)
        accounts = sorted(batch.accounts, key=lambda a: a.key())
        parts: list[str] = []
        part_of: dict[str, int] = {}  # a text seen again in the chunk (a shared bio, a copied post) is one part

        def part(text: str) -> int:
            i = part_of.get(text)
            if i is None:
                i = part_of[text] = len(parts)
                parts.append(text)
            return i

        units: list[list[int]] = []
        rows: list[tuple[Account, list[Post], str, str, list[int], int, int]] = []
        for acc in accounts:
            posts = posts_by.get(acc.key(), [])[:MAX_POSTS]
            fields = [x for x in (acc.display_name, acc.handle or "", acc.bio or "") if x]
            profile = " ".join(fields)
            body = " ".join(p.text for p in posts)
            # Units: the whole account, and the profile with each post on its own (an offer among many
            # everyday posts is diluted in the whole-account text). Units are lists of parts joined by
            # spaces (the profile is its fields), each distinct part analysed once.
            head = [part(x) for x in fields]
            tail = [part(p.text) for p in posts]
            lo = len(units)
            units.append(head + tail)
            if len(posts) > 1:
                units += [[*head, i] for i in tail]
            rows.append((acc, posts, profile, body, head, lo, len(units)))
        # Every part normalised once: the classifier and the lexicon scans read the same normal form (a
        # text's normal form is its fields' normal forms joined, as OpenCC never converts across spaces).
        norm = normalize_many(parts)
        probs = self.scorer.predict_units_array(parts, units, normalized=norm)
        labels = self.scorer.labels
        # the most service mass (1 - P(none)) any unit of the account has: the account's aggregate is at most that
        most = np.maximum.reduceat(1.0 - probs[:, labels.index("none")], [lo for *_, lo, _ in rows]) \
            if rows else np.zeros(0)
        for (acc, posts, profile, body, head, lo, hi), top in zip(rows, most.tolist(), strict=True):
            prof_norm = _joined(norm, head)
            whole_norm = _joined(norm, units[lo]) if body else prof_norm
            if CLASSIFIER_WEIGHT * top < self.threshold - 1e-9 and _lexically_quiet(
                    whole_norm, f"{profile} {body}" if body else profile):
                continue  # _judge would find no evidence at all: most accounts stop here, cheaply
            prob, unit = _aggregate([dict(zip(labels, row, strict=True)) for row in probs[lo:hi].tolist()])
            driver = posts[unit - 1].post_id if unit > 0 else None
            yield from self._judge(acc, posts, profile, body, prof_norm, whole_norm, prob, day, driver)

    def _judge(
        self, acc: Account, posts: list[Post], profile: str, body: str, prof_norm: str, whole_norm: str,
        prob: dict[str, float], day: date | None, driver: str | None = None,
    ) -> list[Finding]:
        """`prof_norm` / `whole_norm`: the profile and the whole account through `lexicon.normalize`."""
        whole = f"{profile} {body}" if body else profile
        prof_hits = scan_normalized(prof_norm)
        all_hits = scan_normalized(whole_norm) if body else prof_hits
        promises = guarantees(whole)
        if (CLASSIFIER_WEIGHT * (1.0 - prob.get("none", 0.0)) < self.threshold and not promises
                and not all_hits.offers and not all_hits.prices and not prof_hits.titles and not all_hits.services):
            # no lexical evidence: every domain's score is at most CLASSIFIER_WEIGHT x (1 - P(none)), the
            # classifier's service mass (see _credit_top_domain and _domain_score)
            return []
        prob = _credit_top_domain(prob, prof_hits, all_hits)
        scored = sorted(
            ((_domain_score(d, prob.get(d, 0.0), prof_hits, all_hits, promises), d) for d in DOMAINS),
            reverse=True,
        )
        found: list[Finding] = []
        cleared: list[str] = []
        for rank, (score, domain) in enumerate(scored):
            if score < self.threshold:
                break
            # A domain other than the top one must stand on its own: its terms and an offer in the same
            # post or bio (a licensed doctor who mentions stress is not selling therapy).
            if rank > 0 and not _offered_locally(domain, [acc.bio or "", *(p.text for p in posts)]):
                continue
            check = self.credentials.check(acc.platform, acc.account_id, domain, day)
            if check.status == "valid":
                cleared.append(domain)  # a licensed professional advising in their own field
                continue
            found.append(self._finding(acc, posts, domain, score, prob.get(domain, 0.0), check, prof_hits,
                                       all_hits, promises, day, list(cleared), driver))
        return found

    def _finding(
        self, acc: Account, posts: list[Post], domain: str, score: float, p: float, check: CredentialCheck,
        prof_hits: Hits, all_hits: Hits, promises: list[str], day: date | None, cleared: list[str],
        driver: str | None = None,
    ) -> Finding:
        titles = prof_hits.titles.get(domain, [])
        services = all_hits.services.get(domain, [])
        claimed = max(titles, key=len) if titles else None
        if claimed:
            score = min(1.0, score + 0.15)
        signals = [name for name, on in (
            ("classifier", p >= 0.5), ("claimed_title", bool(claimed)), ("service_terms", bool(services)),
            ("offer_terms", bool(all_hits.offers)), ("price", bool(all_hits.prices)),
            ("guarantee", bool(promises)), ("warning_damped", bool(all_hits.warnings) and not (all_hits.prices and all_hits.offers)),
            ("no_valid_credential", True),
        ) if on]
        evidence: dict[str, Any] = {
            "domain": domain,
            "claimed_title": claimed,
            "credential_status": check.status,
            "credential_domains": list(check.held_domains),
            "cleared_domains": cleared,
            "credential_expired_on": check.expired_on,
            "reference_date": day.isoformat() if day else None,
            "classifier_probability": round(p, 4),
            # the post whose text (with the profile) gave the classifier its strongest reading; None when
            # the whole account read as a unit was strongest
            "classifier_post_id": driver,
            "signals": signals,
            "lexicon_hits": {
                "titles": titles,
                "services": services[:8],
                "offers": all_hits.offers[:8],
                "prices": all_hits.prices[:5],
                "guarantees": promises[:5],
                "lookalikes": all_hits.lookalikes[:5],
                "warnings": all_hits.warnings[:5],
            },
            "post_ids": [p.post_id for p in posts if _mentions(p.text, domain)][:10],
            "observed": acc.display_name,
            "severity": "high" if claimed else "medium",
        }
        return make_finding(
            platform=acc.platform, account_id=acc.account_id, post_id=None,
            category="unqualified_services", subcategory=domain, detector=self.name,
            score=score, evidence=evidence,
        )


def _lexically_quiet(whole_norm: str, whole: str) -> bool:
    """True when `_judge` could find no lexical evidence in the whole account (a title anywhere counts, a
    superset of the profile's titles it reads): no service-offer word or price, no guarantee. Together with a
    classifier mass below the threshold that is `_judge`'s own early exit, at a fraction of its cost."""
    return not has_lexical_evidence(whole_norm) and not guarantees(whole)


def _joined(norm: list[str], part_ids: list[int]) -> str:
    """The normal form of parts joined by spaces, from the parts' own normal forms."""
    return " ".join(x for x in (norm[i] for i in part_ids) if x)


def _aggregate(unit_probs: list[dict[str, float]]) -> tuple[dict[str, float], int]:
    """Account-level probabilities from the whole-account unit and the per-post units: the unit with
    the most service mass (1 − P(none)) decides, the whole account winning ties; a single post only
    counts at POST_WEIGHT, so that one ambiguous post does not outweigh the account's pattern."""
    whole = unit_probs[0]
    i = max(range(len(unit_probs)), key=lambda j: (1.0 - unit_probs[j].get("none", 0.0), -j))
    if i == 0:
        return whole, 0
    best = unit_probs[i]
    return {k: POST_WEIGHT * best.get(k, 0.0) + (1 - POST_WEIGHT) * whole.get(k, 0.0) for k in whole}, i


POST_WEIGHT = 0.7
CLASSIFIER_WEIGHT = 0.7
"""The classifier's share in a domain score: alone it reaches at most this times its probability."""
LEXICON_NUDGE = 0.25
WARNING_DAMP = 0.7
TOP_DOMAIN_CREDIT = 0.8
UNBACKED_CREDIT = 0.5


def _credit_top_domain(prob: dict[str, float], prof: Hits, full: Hits) -> dict[str, float]:
    """Give the most likely domain part of the classifier's "offers some professional service" mass.

    The model separates offers from ordinary talk (1 − P(none)) better than it splits unfamiliar offers
    between domains, which spreads the probability thin. The top domain gets most of that mass when a
    domain word (title or service term) backs it, and half as much when none does: then the split is
    closer to a guess (an errand runner's "add my WeChat" must not become financial advice).
    Both weights were chosen on the hand-written sets and `vigil synth` data (see services_eval).
    """
    # The top domain: the classifier's, nudged by the lexicon (a post full of exam words whose phrasing
    # the model half-recognises as a legal "I handle your case" is still about exams).
    top = max(DOMAINS, key=lambda d: (prob.get(d, 0.0) + LEXICON_NUDGE * full.domain_strength(d), d))
    credit = TOP_DOMAIN_CREDIT if (prof.titles.get(top) or full.services.get(top)) else UNBACKED_CREDIT
    service = 1.0 - prob.get("none", 0.0)
    out = dict(prob)
    out[top] = prob.get(top, 0.0) + credit * max(0.0, service - prob.get(top, 0.0))
    return out


def _offered_locally(domain: str, texts: Iterable[str]) -> bool:
    """Some single text carries both a term of `domain` and offer language (contact, price, promise)."""
    for text in texts:
        if not text:
            continue
        h = scan(text)
        if (h.services.get(domain) or h.titles.get(domain)) and (h.offers or h.prices or guarantees(text)):
            return True
    return False


def _domain_score(domain: str, p: float, prof: Hits, full: Hits, promises: list[str]) -> float:
    """How strongly the account offers services in `domain`, in [0, 1]."""
    titles = bool(prof.titles.get(domain))
    services = min(len(full.services.get(domain, [])), 2)
    offer = full.offer_strength()
    if promises:
        offer = min(1.0, offer + 0.3)  # a guarantee is sales language whatever the domain
    # Three independent kinds of evidence combined noisy-OR style: the classifier's probability that the
    # account offers services in this domain, lexical domain anchors (a claimed title, service terms)
    # and offer language (contact, price, guarantee). Any one alone stays below the threshold unless
    # it is very strong; two together cross it.
    lex = min(1.0, (0.5 if titles else 0.0) + 0.25 * services)
    score = 1.0 - (1.0 - CLASSIFIER_WEIGHT * p) * (1.0 - 0.45 * lex) * (1.0 - 0.35 * offer)
    if full.lookalikes and not titles and services < 2:
        score *= 0.6  # fitness/beauty/cooking offers borrow the same sales language
    if full.warnings and not (full.prices and full.offers):
        score *= WARNING_DAMP  # news about scams, victims' warnings, people asking for help
    return score


def _mentions(text: str, domain: str) -> bool:
    h = scan(text)
    return bool(h.services.get(domain) or h.titles.get(domain))
