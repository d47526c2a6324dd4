"""Claim bank: read JSONL claims and ClaimReview JSON (schema.org or Fact Check Tools API), upsert with change
records (before/after) that the caller writes to the audit log.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
from pydantic import ValidationError

from vigil.model import Claim


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dict):
        value = value.get("name") or value.get("text") or value.get("@value")
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    return value.strip() if isinstance(value, str) and value.strip() else None


def _make_id(*parts: str | None) -> str:
    raw = "\x1f".join(p or "" for p in parts)
    return "cr-" + hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]


def claim_from_claimreview(obj: dict[str, Any]) -> Claim | None:
    """One schema.org ClaimReview object -> Claim (None when it has no claim text)."""
    text = _text(obj.get("claimReviewed"))
    if not text:
        return None
    rating = obj.get("reviewRating") or {}
    if isinstance(rating, list):
        rating = rating[0] if rating else {}
    verdict = _text(rating.get("alternateName")) or _text(rating.get("name")) if isinstance(rating, dict) else None
    item = obj.get("itemReviewed") or {}
    lang = _text(obj.get("inLanguage")) or (_text(item.get("inLanguage")) if isinstance(item, dict) else None)
    url = _text(obj.get("url"))
    claim_id = _text(obj.get("identifier")) or _text(obj.get("@id")) or _make_id(url, text)
    return Claim(
        claim_id=claim_id,
        text=text,
        verdict=verdict,
        language=lang,
        title=_text(obj.get("headline")) or _text(obj.get("name")),
        source_url=url,
        published_at=_text(obj.get("datePublished")),
    )


def _claims_from_factcheck_api(obj: dict[str, Any]) -> Iterator[Claim]:
    """Google Fact Check Tools `claims:search` shape: {"claims": [{"text", "claimReview": [...]}]}."""
    for c in obj.get("claims") or []:
        text = _text(c.get("text"))
        for rev in c.get("claimReview") or []:
            if not text:
                continue
            url = _text(rev.get("url"))
            yield Claim(
                claim_id=_make_id(url, text),
                text=text,
                verdict=_text(rev.get("textualRating")),
                language=_text(rev.get("languageCode")),
                title=_text(rev.get("title")),
                source_url=url,
                published_at=_text(rev.get("reviewDate")) or _text(c.get("claimDate")),
            )


def claims_from_json(data: Any) -> Iterator[Claim]:
    """ClaimReview JSON: an object, a list, a JSON-LD {"@graph": [...]} or a Fact Check Tools response.
    Plain vigil claim objects (with `claim_id` and `text`) are accepted too."""
    if isinstance(data, list):
        for item in data:
            yield from claims_from_json(item)
        return
    if not isinstance(data, dict):
        return
    if "@graph" in data:
        yield from claims_from_json(data["@graph"])
    elif "claims" in data and isinstance(data["claims"], list):
        yield from _claims_from_factcheck_api(data)
    elif "claimReviewed" in data:
        claim = claim_from_claimreview(data)
        if claim is not None:
            yield claim
    elif "claim_id" in data and "text" in data:
        try:
            yield Claim.model_validate(data)
        except ValidationError:
            return


def read_claims(path: str | Path) -> list[Claim]:
    """Claims from JSONL (one claim or ClaimReview object a line) or a ClaimReview JSON document.
    Lines that are not valid claims are skipped (the project's ingest quarantines them)."""
    raw = Path(path).read_bytes()
    found: list[Claim] = []
    try:
        found = list(claims_from_json(orjson.loads(raw)))
    except orjson.JSONDecodeError:
        for line in raw.splitlines():
            if not line.strip():
                continue
            try:
                found.extend(claims_from_json(orjson.loads(line)))
            except orjson.JSONDecodeError:
                continue
    seen: set[str] = set()
    out = []
    for c in found:  # first occurrence of an id wins, as in the project's ingest
        if c.claim_id not in seen:
            seen.add(c.claim_id)
            out.append(c)
    return out


@dataclass(frozen=True)
class ClaimChange:
    """One audited change: action is "claim.add" or "claim.update" (before is None for an add)."""

    claim_id: str
    action: str
    before: dict[str, Any] | None
    after: dict[str, Any]
    verdict_changed: bool


@dataclass
class ClaimBank:
    claims: dict[str, Claim] = field(default_factory=dict)

    def upsert(self, claim: Claim) -> ClaimChange | None:
        """Add or replace a claim; returns the change to audit, or None when nothing changed."""
        prev = self.claims.get(claim.claim_id)
        if prev == claim:
            return None
        self.claims[claim.claim_id] = claim
        after = claim.model_dump()
        if prev is None:
            return ClaimChange(claim.claim_id, "claim.add", None, after, verdict_changed=False)
        return ClaimChange(claim.claim_id, "claim.update", prev.model_dump(), after,
                           verdict_changed=prev.verdict != claim.verdict)

    def upsert_many(self, claims: Iterable[Claim]) -> list[ClaimChange]:
        return [c for c in (self.upsert(x) for x in claims) if c is not None]

    def values(self) -> list[Claim]:
        return [self.claims[k] for k in sorted(self.claims)]
