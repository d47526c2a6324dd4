"""Report bodies in the shapes users already send, mapped to one internal form.

- native: the `reports.jsonl` record (FORMATS.md, "Public reports"), `report_id` optional;
- ActivityPub `Flag` (Mastodon and others federate reports this way);
- atproto `com.atproto.moderation.createReport` input (Bluesky).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from pydantic import ValidationError

from vigil.api.errors import ApiError
from vigil.model import CATEGORIES, REPORT_REASONS, Report

MAX_ID = 512
MAX_TEXT = 10_000
MAX_SUBJECTS = 20
AP_TYPES = ("application/activity+json", "application/ld+json")
ATPROTO_PLATFORM = "bluesky"

# atproto / Ozone reason types -> vigil categories (anything else is `other`)
ATPROTO_REASONS = {
    "reasonspam": "engagement_farming",
    "reasonmisleading": "debunked_claim",
    "reasonmisleadingimpersonation": "impersonation",
    "reasonmisleadingspam": "engagement_farming",
    "reasonmisleadingscam": "engagement_farming",
}
# stems by which free text names a category (FORMATS: `other` unless the content names one)
_CATEGORY_WORDS = {
    "impersonat": "impersonation", "debunked claim": "debunked_claim", "unqualified service": "unqualified_services",
    "engagement farm": "engagement_farming",
}
_STATUS_PARTS = ("statuses", "status", "posts", "post", "notes", "notice", "objects", "p")


@dataclass(frozen=True)
class SubjectRef:
    platform: str
    account_id: str
    post_id: str | None


@dataclass(frozen=True)
class ParsedReport:
    report_id: str | None
    reporter_id: str | None
    source: str
    subjects: tuple[SubjectRef, ...]
    reason: str
    text: str | None
    created_at: str | None


def _bad(message: str) -> ApiError:
    return ApiError(422, "invalid_report", message)


def _opt_str(body: dict[str, Any], key: str, limit: int = MAX_ID) -> str | None:
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _bad(f"{key} must be a string")
    if len(value) > limit:
        raise _bad(f"{key} is longer than {limit} characters")
    if "\x00" in value:
        raise _bad(f"{key} contains a NUL character")
    return value


def reason_from_text(text: str | None) -> str:
    """`other` unless the text names a category."""
    low = (text or "").lower()
    for cat in CATEGORIES:
        if cat in low or cat.replace("_", " ") in low:
            return cat
    for word, cat in _CATEGORY_WORDS.items():
        if word in low:
            return cat
    return "other"


def parse_report(body: Any, content_type: str) -> ParsedReport:
    if not isinstance(body, dict):
        raise _bad("the body must be a JSON object")
    ctype = content_type.split(";")[0].strip().lower()
    if ctype in AP_TYPES or body.get("type") == "Flag":
        return _parse_flag(body)
    if "reasonType" in body and isinstance(body.get("subject"), dict) and "account_id" not in body["subject"]:
        return _parse_atproto(body)
    return _parse_native(body)


def _parse_native(body: dict[str, Any]) -> ParsedReport:
    report_id = _opt_str(body, "report_id")
    reporter_id = _opt_str(body, "reporter_id")
    text = _opt_str(body, "text", MAX_TEXT)
    for key in ("platform",):
        _opt_str(body, key)
    subject = body.get("subject")
    if isinstance(subject, dict):
        _opt_str(subject, "account_id")
        _opt_str(subject, "post_id")
    data = {**body, "report_id": report_id or "pending", "reporter_id": reporter_id or "pending"}
    try:
        rec = Report.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "body"
        raise _bad(f"{where}: {first['msg']}") from None
    if rec.reason not in REPORT_REASONS:
        raise _bad(f"reason must be one of {', '.join(REPORT_REASONS)}")
    if not rec.platform.strip() or not rec.subject.account_id.strip():
        raise _bad("platform and subject.account_id must not be blank")
    return ParsedReport(report_id=report_id, reporter_id=reporter_id, source="native",
                        subjects=(SubjectRef(rec.platform, rec.subject.account_id, rec.subject.post_id),),
                        reason=rec.reason, text=text, created_at=rec.created_at)


def subject_from_url(url: str) -> SubjectRef:
    """An account URL -> (host, last path segment); a status URL -> a post subject of its account."""
    try:
        parts = urlsplit(url)
    except ValueError:
        raise _bad(f"object: not a URL: {url[:80]!r}") from None
    host = (parts.hostname or "").lower()
    segs = [unquote(s) for s in parts.path.split("/") if s]
    if parts.scheme not in ("http", "https") or not host or not segs:
        raise _bad(f"object: not an account or status URL: {url[:80]!r}")
    for i, seg in enumerate(segs):
        if seg.lower() in _STATUS_PARTS and 0 < i < len(segs) - 1:
            return SubjectRef(host, segs[i - 1].lstrip("@"), segs[-1])
    # Mastodon web form: /@user/123456 (numeric status id after the account)
    if len(segs) >= 2 and segs[-2].startswith("@") and re.fullmatch(r"[0-9A-Za-z]+", segs[-1]) and \
            any(c.isdigit() for c in segs[-1]):
        return SubjectRef(host, segs[-2].lstrip("@"), segs[-1])
    return SubjectRef(host, segs[-1].lstrip("@"), None)


def _parse_flag(body: dict[str, Any]) -> ParsedReport:
    if body.get("type") != "Flag":
        raise _bad("an ActivityPub report must be a Flag activity")
    report_id = _opt_str(body, "id")
    actor = body.get("actor")
    if isinstance(actor, dict):
        actor = actor.get("id")
    if actor is not None and not isinstance(actor, str):
        raise _bad("actor must be a string or an object with an id")
    if actor is not None and len(actor) > MAX_ID:
        raise _bad("actor is too long")
    text = _opt_str(body, "content", MAX_TEXT)
    objects = body.get("object")
    if isinstance(objects, (str, dict)):
        objects = [objects]
    if not isinstance(objects, list) or not objects:
        raise _bad("object must name at least one account or status URL")
    if len(objects) > MAX_SUBJECTS:
        raise _bad(f"object names more than {MAX_SUBJECTS} subjects")
    subjects: list[SubjectRef] = []
    for obj in objects:
        url = obj.get("id") if isinstance(obj, dict) else obj
        if not isinstance(url, str) or len(url) > MAX_ID:
            raise _bad("each object must be a URL string (or an object with an id)")
        ref = subject_from_url(url)
        if ref not in subjects:
            subjects.append(ref)
    return ParsedReport(report_id=report_id, reporter_id=actor, source="activitypub", subjects=tuple(subjects),
                        reason=reason_from_text(text), text=text, created_at=_opt_str(body, "published"))


def _parse_atproto(body: dict[str, Any]) -> ParsedReport:
    reason_type = body.get("reasonType")
    if not isinstance(reason_type, str) or len(reason_type) > MAX_ID:
        raise _bad("reasonType must be a string")
    text = _opt_str(body, "reason", MAX_TEXT)
    subject = body["subject"]
    did, uri = subject.get("did"), subject.get("uri")
    if isinstance(uri, str) and uri.startswith("at://") and len(uri) <= MAX_ID:
        segs = [s for s in uri[len("at://"):].split("/") if s]
        if len(segs) < 3:
            raise _bad("subject.uri must be at://<did>/<collection>/<rkey>")
        ref = SubjectRef(ATPROTO_PLATFORM, segs[0], segs[-1])
    elif isinstance(did, str) and did.startswith("did:") and len(did) <= MAX_ID:
        ref = SubjectRef(ATPROTO_PLATFORM, did, None)
    else:
        raise _bad("subject must be a repoRef {did} or a strongRef {uri, cid}")
    short = reason_type.rsplit("#", 1)[-1].lower()
    reason = ATPROTO_REASONS.get(short) or reason_from_text(text)
    return ParsedReport(report_id=_opt_str(body, "report_id") or _opt_str(body, "id"),
                        reporter_id=_opt_str(body, "reporter_id"), source="atproto", subjects=(ref,),
                        reason=reason, text=text, created_at=_opt_str(body, "createdAt"))
