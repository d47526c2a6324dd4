"""Record types shared by every stage (the contract of ../FORMATS.md).

Models are validated at ingest; detectors, policy and sinks only see valid records.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

EntityKind = Literal["government", "military", "public_institution", "news_media", "news_anchor"]
CredentialDomain = Literal["medical", "legal", "financial", "education", "psychology"]

CATEGORIES: dict[str, tuple[str, ...]] = {
    "impersonation": (
        "government",
        "military",
        "public_institution",
        "news_media",
        "news_anchor",
        "invented_authority",
    ),
    "debunked_claim": ("match", "near_duplicate"),
    "unqualified_services": ("medical", "legal", "financial", "education", "psychology"),
    "engagement_farming": ("hype", "illicit_monetization", "coordinated"),
}
REPORT_REASONS = (*CATEGORIES, "other")

PENALTIES = (
    "warning",
    "remove_post",
    "remove_followers",
    "suspend_monetization",
    "cancel_monetization",
    "suspend_account",
    "close_account",
)
Penalty = Literal[
    "warning",
    "remove_post",
    "remove_followers",
    "suspend_monetization",
    "cancel_monetization",
    "suspend_account",
    "close_account",
]


def _check_iso_datetime(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        datetime.fromisoformat(value)  # Python >= 3.11 reads a trailing "Z" itself
    except ValueError as exc:
        raise ValueError(f"not an ISO 8601 date-time: {value!r}") from exc
    return value


def _check_iso_date(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        date.fromisoformat(value[:10])
    except ValueError as exc:
        raise ValueError(f"not an ISO 8601 date: {value!r}") from exc
    return value


class Record(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True, str_strip_whitespace=False)


class AccountRef(Record):
    platform: str = Field(min_length=1)
    account_id: str = Field(min_length=1)


class Entity(Record):
    entity_id: str = Field(min_length=1)
    kind: EntityKind
    names: list[str] = Field(min_length=1)
    official_accounts: list[AccountRef] = Field(default_factory=list)

    def key(self) -> tuple[str]:
        return (self.entity_id,)


class Account(Record):
    platform: str = Field(min_length=1)
    account_id: str = Field(min_length=1)
    display_name: str
    handle: str | None = None
    bio: str | None = None
    verified: bool = False
    created_at: str | None = None
    followers: int | None = Field(default=None, ge=0)
    monetized: bool = False

    _dt = field_validator("created_at")(_check_iso_datetime)

    def key(self) -> tuple[str, str]:
        return (self.platform, self.account_id)


class Post(Record):
    platform: str = Field(min_length=1)
    post_id: str = Field(min_length=1)
    account_id: str = Field(min_length=1)
    text: str
    created_at: str | None = None
    lang: str | None = None
    reposts: int | None = Field(default=None, ge=0)
    likes: int | None = Field(default=None, ge=0)
    comments: int | None = Field(default=None, ge=0)
    media_sha256: str | None = None
    media_pdq: str | None = None
    links: list[str] = Field(default_factory=list)

    _dt = field_validator("created_at")(_check_iso_datetime)

    def key(self) -> tuple[str, str]:
        return (self.platform, self.post_id)


class Claim(Record):
    claim_id: str = Field(min_length=1)
    text: str = Field(min_length=1)
    verdict: str | None = None
    language: str | None = None
    title: str | None = None
    source_url: str | None = None
    published_at: str | None = None

    def key(self) -> tuple[str]:
        return (self.claim_id,)


class Credential(Record):
    platform: str = Field(min_length=1)
    account_id: str = Field(min_length=1)
    domain: CredentialDomain
    license_id: str | None = None
    issuer: str | None = None
    valid_until: str | None = None

    _d = field_validator("valid_until")(_check_iso_date)

    def key(self) -> tuple[str, str, str, str]:
        return (self.platform, self.account_id, self.domain, self.license_id or "")


class ReportSubject(Record):
    account_id: str = Field(min_length=1)
    post_id: str | None = None


class Report(Record):
    report_id: str = Field(min_length=1)
    reporter_id: str = Field(min_length=1)
    platform: str = Field(min_length=1)
    subject: ReportSubject
    reason: str = "other"
    text: str | None = None
    created_at: str | None = None

    _dt = field_validator("created_at")(_check_iso_datetime)

    def key(self) -> tuple[str]:
        return (self.report_id,)


class Subject(Record):
    platform: str
    account_id: str
    post_id: str | None = None


class Finding(Record):
    finding_id: str
    subject: Subject
    category: str
    subcategory: str
    detector: str
    score: float = Field(ge=0.0, le=1.0)
    evidence: dict[str, Any]

    def target_id(self) -> str | None:
        """The entity or claim (or copied post) the finding is about: part of its identity."""
        ev = self.evidence
        for key in ("entity_id", "claim_id", "of_post_id"):
            if ev.get(key):
                return str(ev[key])
        return None

    def dedup_key(self) -> tuple[str, str, str, str, str, str]:
        s = self.subject
        return (s.platform, s.account_id, s.post_id or "", self.category, self.subcategory, self.target_id() or "")


def finding_id_for(subject: Subject, category: str, subcategory: str, target: str | None) -> str:
    raw = "\x1f".join(
        [subject.platform, subject.account_id, subject.post_id or "", category, subcategory, target or ""]
    )
    return "f-" + hashlib.sha256(raw.encode("utf-8")).hexdigest()[:24]


def make_finding(
    *,
    platform: str,
    account_id: str,
    post_id: str | None,
    category: str,
    subcategory: str,
    detector: str,
    score: float,
    evidence: dict[str, Any],
) -> Finding:
    """Build a finding whose id is stable for (subject, category, subcategory, target)."""
    subject = Subject(platform=platform, account_id=account_id, post_id=post_id)
    target = None
    for key in ("entity_id", "claim_id", "of_post_id"):
        if evidence.get(key):
            target = str(evidence[key])
            break
    return Finding(
        finding_id=finding_id_for(subject, category, subcategory, target),
        subject=subject,
        category=category,
        subcategory=subcategory,
        detector=detector,
        score=round(min(1.0, max(0.0, float(score))), 4),
        evidence=evidence,
    )
