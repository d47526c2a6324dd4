"""Report intake endpoints: submit (three shapes), status and outcome, the caller's notifications."""

from __future__ import annotations

from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse

from vigil.api.context import ANY_ROLE, REVIEWERS, SUBMITTERS, ctx_of
from vigil.api.errors import ApiError, not_found
from vigil.api.tokens import Principal
from vigil.intake import parse_report
from vigil.intake.batch import IntakeWriter
from vigil.intake.reputation import track_record
from vigil.intake.service import (
    existing,
    list_reports,
    notices_for,
    notifications_for,
    report_view,
    reporter_for,
)

router = APIRouter(prefix="/api/v1", tags=["reports"])
MAX_BODY = 64 * 1024

_NATIVE = {
    "type": "object", "required": ["platform", "subject"],
    "properties": {
        "report_id": {"type": "string", "description": "Optional; the server assigns one."},
        "reporter_id": {"type": "string", "description": "Required for intake tokens; ignored for reporter tokens."},
        "platform": {"type": "string"},
        "subject": {"type": "object", "required": ["account_id"],
                    "properties": {"account_id": {"type": "string"}, "post_id": {"type": ["string", "null"]}}},
        "reason": {"type": "string", "enum": ["impersonation", "debunked_claim", "unqualified_services",
                                              "engagement_farming", "other"]},
        "text": {"type": ["string", "null"]},
        "created_at": {"type": ["string", "null"], "format": "date-time"},
    },
}
_FLAG = {
    "type": "object", "required": ["type", "object"], "description": "ActivityPub Flag activity",
    "properties": {"type": {"const": "Flag"}, "id": {"type": "string"}, "actor": {"type": "string"},
                   "content": {"type": "string"},
                   "object": {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}},
}
_ATPROTO = {
    "type": "object", "required": ["reasonType", "subject"],
    "description": "com.atproto.moderation.createReport input (intake tokens add reporter_id)",
    "properties": {"reasonType": {"type": "string"}, "reason": {"type": "string"},
                   "subject": {"type": "object", "properties": {"did": {"type": "string"}, "uri": {"type": "string"},
                                                                "cid": {"type": "string"}}},
                   "reporter_id": {"type": "string"}},
}
_REPORT_BODY: dict[str, Any] = {"requestBody": {"required": True, "content": {
    "application/json": {"schema": {"oneOf": [_NATIVE, _ATPROTO]}},
    "application/activity+json": {"schema": _FLAG},
}}}
_ACK = {"description": "Report stored", "content": {"application/json": {"schema": {
    "type": "object", "properties": {"report_id": {"type": "string"}, "case_id": {"type": "string"},
                                     "case_ids": {"type": "array", "items": {"type": "string"}}}}}}}


@router.post("/reports", status_code=201, openapi_extra=_REPORT_BODY, summary="Submit a public report",
             responses={201: _ACK, 200: {"description": "Repeated report_id: the same ids, nothing stored"},
                        429: {"description": "Rate limit for this reporter"}})
async def post_report(request: Request, who: Annotated[Principal, Depends(SUBMITTERS)]) -> JSONResponse:
    ctx = ctx_of(request)
    raw = await request.body()
    if len(raw) > MAX_BODY:
        raise ApiError(413, "too_large", f"a report body may be at most {MAX_BODY} bytes")
    try:
        body = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise ApiError(422, "invalid_json", "the body is not valid JSON") from None
    parsed = parse_report(body, request.headers.get("content-type", ""))
    reporter_id = reporter_for(parsed, who)
    if parsed.report_id:  # a replay is answered before any rate limit applies
        with ctx.db.read() as conn:
            seen = existing(conn, parsed.report_id, who, reporter_id)
        if seen is not None:
            return JSONResponse(seen, status_code=200)
    wait = ctx.limiter.retry_after(reporter_id)
    if wait:
        raise ApiError(429, "rate_limited", f"at most {ctx.limiter.per_minute} reports a minute per reporter",
                       {"Retry-After": str(wait)})
    writer: IntakeWriter = request.app.state.intake_writer
    try:
        created, out = await writer.submit(parsed, who, reporter_id)  # group commit with concurrent reports
    except ApiError:
        ctx.limiter.refund(reporter_id)
        raise
    return JSONResponse(out, status_code=201 if created else 200)


@router.get("/reports", summary="Your reports with their status and outcome (reviewers: recent reports)")
def get_reports(request: Request, who: Annotated[Principal, Depends(ANY_ROLE)],
                limit: Annotated[int, Query(ge=1, le=500)] = 100) -> list[dict[str, Any]]:
    with ctx_of(request).db.read() as conn:
        return list_reports(conn, who, limit)


@router.get("/reports/{report_id:path}", summary="Status and outcome of one report")
def get_report(report_id: str, request: Request, who: Annotated[Principal, Depends(ANY_ROLE)]) -> dict[str, Any]:
    with ctx_of(request).db.read() as conn:
        view = report_view(conn, report_id, who)
    if view is None:
        raise not_found("report")
    return view


@router.get("/notifications", summary="Messages for you: report outcomes, appeal outcomes")
def get_notifications(request: Request, who: Annotated[Principal, Depends(ANY_ROLE)],
                      limit: Annotated[int, Query(ge=1, le=500)] = 100) -> list[dict[str, Any]]:
    with ctx_of(request).db.read() as conn:
        recipients = [who.actor]
        if who.role == "reporter":
            recipients.append(f"reporter:{who.name}")
        elif who.role == "intake":
            recipients += [f"reporter:{r[0]}" for r in conn.execute(
                "SELECT DISTINCT reporter_id FROM report_meta WHERE submitted_by=? LIMIT 500", (who.token_id,))]
        if who.account:  # the account holder also sees the notices of penalties on their account
            recipients.append(f"account:{who.account}")
            out = notifications_for(conn, recipients, limit) + notices_for(conn, who.account, limit)
            return sorted(out, key=lambda n: (n["created_at"], n["notification_id"]), reverse=True)[:limit]
        return notifications_for(conn, recipients, limit)


@router.get("/reporters", summary="Reporters' track records (share of reports upheld)")
def get_reporters(request: Request, who: Annotated[Principal, Depends(REVIEWERS)],
                  limit: Annotated[int, Query(ge=1, le=1000)] = 200) -> list[dict[str, Any]]:
    with ctx_of(request).db.read() as conn:
        ids = [r[0] for r in conn.execute("SELECT reporter_id FROM reporter_stats ORDER BY submitted DESC, reporter_id "
                                          "LIMIT ?", (limit,))]
        return [_record(track_record(conn, r)) for r in ids]


def _record(rec: Any) -> dict[str, Any]:
    return {"reporter_id": rec.reporter_id, "submitted": rec.submitted, "upheld": rec.upheld,
            "dismissed": rec.dismissed, "reversed": rec.reversed, "upheld_share": rec.upheld_share,
            "weight": round(rec.weight, 4)}
