"""Review, appeal, statistics and token endpoints."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import orjson
from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, ConfigDict, Field, model_validator

from vigil.api.context import ADMIN, ANY_ROLE, REVIEWERS, SUBMITTERS, ctx_of
from vigil.api.errors import ApiError, not_found
from vigil.api.tokens import ROLES, Principal, create_token
from vigil.appeals import decide_appeal, file_appeal, get_appeal, list_appeals
from vigil.review import work
from vigil.transparency import build_report

router = APIRouter(prefix="/api/v1")
PenaltyName = Literal["warning", "remove_post", "remove_followers", "suspend_monetization", "cancel_monetization",
                      "suspend_account", "close_account"]
Text = Annotated[str, Field(min_length=1, max_length=5000)]


class DecisionIn(BaseModel):
    model_config = ConfigDict(extra="ignore")
    action: Literal["dismiss", "penalize"]
    reason: Text
    penalties: list[PenaltyName] | None = Field(default=None, max_length=7,
                                                description="Default: the ladder step for the account's strikes.")
    category: str | None = Field(default=None, max_length=64, description="Default: the case's queue.")


class AppealIn(BaseModel):
    reason: Text | None = Field(default=None, description="Why the decision is wrong.")
    text: Text | None = Field(default=None, description="Accepted instead of `reason`.")
    appeal_code: str | None = Field(default=None, max_length=64,
                                    description="The code printed on the decision's notice: proves the appellant is "
                                                "the account holder (not needed with the holder's own token).")

    @model_validator(mode="after")
    def _one_reason(self) -> AppealIn:
        if not (self.reason or self.text):
            raise ValueError("reason is required")
        return self

    @property
    def why(self) -> str:
        return str(self.reason or self.text)


class AppealDecisionIn(BaseModel):
    outcome: Literal["upheld", "reversed"]
    reason: Text


class TokenIn(BaseModel):
    role: Literal["reporter", "intake", "reviewer", "admin"]
    name: str | None = Field(default=None, max_length=200)


@router.get("/queues", tags=["review"], summary="Queues with open, claimed, overdue and due-soon counts")
def queues(request: Request, who: Annotated[Principal, Depends(REVIEWERS)]) -> list[dict[str, Any]]:
    ctx = ctx_of(request)
    with ctx.db.read() as conn:
        return work.queue_overview(conn, ctx.clock())


@router.get("/cases", tags=["review"], summary="Cases of a queue, most urgent first, with SLA status")
def cases(request: Request, who: Annotated[Principal, Depends(REVIEWERS)],
          queue: Annotated[str | None, Query(max_length=100)] = None,
          status: Annotated[Literal["open", "closed", "all"], Query()] = "open",
          limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> list[dict[str, Any]]:
    ctx = ctx_of(request)
    with ctx.db.read() as conn:
        return work.list_cases(conn, ctx.clock(), queue, status, limit)


@router.get("/cases/{case_id}", tags=["review"], summary="One case with its evidence")
def case(case_id: str, request: Request, who: Annotated[Principal, Depends(REVIEWERS)]) -> dict[str, Any]:
    ctx = ctx_of(request)
    with ctx.db.read() as conn:
        c = work.get_case(conn, case_id, ctx.clock())
        c["evidence"] = work.case_evidence(conn, c, ctx.clock())
        return c


@router.post("/cases/{case_id}/claim", tags=["review"],
             summary="Claim a case under an exclusive expiring lock (case_id 'next': the most urgent one)")
def claim(case_id: str, request: Request, who: Annotated[Principal, Depends(REVIEWERS)],
          queue: Annotated[str | None, Query(max_length=100)] = None) -> dict[str, Any]:
    ctx = ctx_of(request)
    with ctx.db.write() as conn:
        return work.claim(conn, who, ctx.clock(), None if case_id == "next" else case_id, queue, ctx.lock_minutes)


@router.post("/cases/{case_id}/release", tags=["review"], summary="Give a claimed case back to its queue")
def release(case_id: str, request: Request, who: Annotated[Principal, Depends(REVIEWERS)]) -> dict[str, Any]:
    ctx = ctx_of(request)
    with ctx.db.write() as conn:
        return work.release(conn, who, case_id, ctx.clock())


@router.post("/cases/{case_id}/decision", tags=["review"], summary="Dismiss, or apply penalties from the ladder")
def decide(case_id: str, body: DecisionIn, request: Request,
           who: Annotated[Principal, Depends(REVIEWERS)]) -> dict[str, Any]:
    ctx = ctx_of(request)
    with ctx.db.write() as conn:
        return work.decide_case(conn, who, case_id, action=body.action, reason=body.reason, policy=ctx.policy,
                                now=ctx.clock(), penalties=list(body.penalties or []) or None, category=body.category)


@router.get("/decisions/{decision_id}", tags=["appeals"], summary="One decision with its penalties and appeal")
def decision(decision_id: str, request: Request, who: Annotated[Principal, Depends(REVIEWERS)]) -> dict[str, Any]:
    with ctx_of(request).db.read() as conn:
        row = conn.execute("SELECT decision_id, platform, account_id, post_id, category, subcategory, severity, "
                           "penalties, reason, decided_by, automated, source, decided_at, status FROM decisions "
                           "WHERE decision_id=?", (decision_id,)).fetchone()
        if row is None:
            raise not_found("decision")
        out = dict(row)
        out["penalties"] = orjson.loads(out["penalties"])
        appeal = conn.execute("SELECT appeal_id FROM appeals WHERE decision_id=?", (decision_id,)).fetchone()
        out["appeal"] = get_appeal(conn, appeal[0]) if appeal else None
        if out["appeal"]:
            out["appeal"].pop("decision", None)
        return out


@router.post("/decisions/{decision_id}/appeal", tags=["appeals"], status_code=201,
             summary="Appeal a decision (once, within the policy's appeal window, by a party to it)",
             description="Parties: the account holder (a token made with `vigil token create --role reporter "
                         "--account PLATFORM/ID`, or any token with the notice's `appeal_code`), the platform on the "
                         "holder's behalf (intake token), a notifier whose report led to the decision, an admin. "
                         "Others get 403 `not_a_party`.")
def appeal(decision_id: str, body: AppealIn, request: Request,
           who: Annotated[Principal, Depends(SUBMITTERS)]) -> dict[str, Any]:
    ctx = ctx_of(request)
    with ctx.db.write() as conn:
        return file_appeal(conn, who, decision_id, body.why, ctx.policy, ctx.clock(), body.appeal_code)


@router.get("/appeals", tags=["appeals"], summary="Appeals (pending by default)")
def appeals(request: Request, who: Annotated[Principal, Depends(REVIEWERS)],
            status: Annotated[Literal["pending", "upheld", "reversed", "all"], Query()] = "pending",
            limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> list[dict[str, Any]]:
    with ctx_of(request).db.read() as conn:
        return list_appeals(conn, None if status == "all" else status, limit)


@router.get("/appeals/{appeal_id}", tags=["appeals"], summary="One appeal (reviewers, admins and the appellant)")
def appeal_get(appeal_id: str, request: Request, who: Annotated[Principal, Depends(ANY_ROLE)]) -> dict[str, Any]:
    with ctx_of(request).db.read() as conn:
        a = get_appeal(conn, appeal_id)
    if who.role not in ("reviewer", "admin") and a["appellant"] != who.actor:
        raise not_found("appeal")
    return a


@router.post("/appeals/{appeal_id}/decision", tags=["appeals"],
             summary="Uphold or reverse (a reviewer other than the one who decided)")
def appeal_decide(appeal_id: str, body: AppealDecisionIn, request: Request,
                  who: Annotated[Principal, Depends(REVIEWERS)]) -> dict[str, Any]:
    ctx = ctx_of(request)
    with ctx.db.write() as conn:
        return decide_appeal(conn, who, appeal_id, body.outcome, body.reason, ctx.clock())


@router.get("/stats", tags=["transparency"], summary="Penalties applied per category x penalty (and more)")
def stats(request: Request, who: Annotated[Principal, Depends(ANY_ROLE)]) -> dict[str, Any]:
    with ctx_of(request).db.read() as conn:
        rep = build_report(conn)
        rep.pop("runs", None)
        rep["cases"] = {s: n for s, n in conn.execute("SELECT status, count(*) FROM cases GROUP BY status")}
        rep["reports"] = {s: n for s, n in conn.execute(
            "SELECT status, count(*) FROM report_outcomes GROUP BY status")}
        rep["reports_received"] = conn.execute("SELECT count(*) FROM report_meta").fetchone()[0]
        return rep


@router.post("/tokens", tags=["admin"], status_code=201, summary="Create an API token (shown once)")
def token(body: TokenIn, request: Request, who: Annotated[Principal, Depends(ADMIN)]) -> dict[str, Any]:
    if body.role not in ROLES:
        raise ApiError(422, "invalid_request", "unknown role")
    with ctx_of(request).db.write() as conn:
        secret = create_token(conn, body.role, body.name, actor=who.actor)
    return {"token": secret, "role": body.role, "name": body.name}
