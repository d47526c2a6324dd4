"""Reviewer console: server-rendered pages (Jinja2, htmx-boosted links and forms, no polling)."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote, urlsplit

import jinja2
from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from vigil.api.context import Ctx, ctx_of
from vigil.api.errors import ApiError
from vigil.api.tokens import Principal
from vigil.appeals import decide_appeal, file_appeal, list_appeals
from vigil.console import session
from vigil.intake.reputation import track_record
from vigil.intake.service import list_reports, notices_for
from vigil.model import PENALTIES
from vigil.review import work
from vigil.transparency import build_report

router = APIRouter(prefix="/console", include_in_schema=False)
_env = jinja2.Environment(loader=jinja2.PackageLoader("vigil.console", "templates"), autoescape=True)
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
       "frame-ancestors 'none'; form-action 'self'")
REVIEW_ROLES = ("reviewer", "admin")
FILER_ROLES = ("reporter", "intake", "admin")


def _page(name: str, who: Principal | None, request: Request, **kw: Any) -> HTMLResponse:
    html = _env.get_template(name).render(who=who, msg=request.query_params.get("msg", "")[:300],
                                          path=request.url.path, **kw)
    return HTMLResponse(html, headers={"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
                                       "Referrer-Policy": "same-origin", "Cache-Control": "no-store"})


def _go(url: str, msg: str = "") -> RedirectResponse:
    if msg:
        url += ("&" if "?" in url else "?") + "msg=" + quote(msg[:300])
    return RedirectResponse(url, status_code=303)


def _who(request: Request) -> Principal | None:
    ctx = ctx_of(request)
    with ctx.db.read() as conn:
        return session.principal(conn, request.cookies.get(session.COOKIE), ctx.clock())


def _same_origin(request: Request) -> None:
    origin = request.headers.get("origin")
    if origin and origin != "null" and urlsplit(origin).netloc != request.headers.get("host", ""):
        raise ApiError(403, "forbidden", "cross-site form post refused")


def _poster(request: Request, roles: tuple[str, ...]) -> Principal | Response:
    """The signed-in user allowed to post this form, else a redirect that says why (a page, not an error,
    so a boosted form never lands on a JSON error)."""
    _same_origin(request)
    who = _who(request)
    if who is None:
        return _go("/console/", "Please sign in (your session has ended).")
    if who.role not in roles:
        return _go("/console/", f"Your role ({who.role}) cannot do that.")
    return who


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> Response:
    who = _who(request)
    if who is None:
        return _page("login.html", None, request)
    ctx = ctx_of(request)
    with ctx.db.read() as conn:
        queues = work.queue_overview(conn, ctx.clock()) if who.role in REVIEW_ROLES else []
        pending = len(list_appeals(conn, "pending", 1000)) if who.role in REVIEW_ROLES else 0
    return _page("home.html", who, request, queues=queues, pending_appeals=pending)


@router.post("/login")
def login(request: Request, token: Annotated[str, Form(max_length=500)] = "") -> Response:
    _same_origin(request)
    ctx = ctx_of(request)
    with ctx.db.write() as conn:
        sid = session.start(conn, token, ctx.clock()) if token.strip() else None
    if sid is None:
        return _go("/console/", "That token is not valid.")
    resp = _go("/console/")
    resp.set_cookie(session.COOKIE, sid, max_age=session.SESSION_HOURS * 3600, httponly=True, samesite="strict",
                    path="/")
    return resp


@router.post("/logout")
def logout(request: Request) -> Response:
    _same_origin(request)
    with ctx_of(request).db.write() as conn:
        session.end(conn, request.cookies.get(session.COOKIE))
    resp = _go("/console/", "Signed out.")
    resp.delete_cookie(session.COOKIE, path="/")
    return resp


def _viewer(request: Request) -> tuple[Principal | None, Ctx]:
    return _who(request), ctx_of(request)


@router.get("/queues", response_class=HTMLResponse)
def queues(request: Request, queue: str | None = None) -> Response:
    who, ctx = _viewer(request)
    if who is None:
        return _go("/console/")
    if who.role not in REVIEW_ROLES:
        return _page("denied.html", who, request, title="Review queues")
    now = ctx.clock()
    with ctx.db.read() as conn:
        overview = work.queue_overview(conn, now)
        cases = work.list_cases(conn, now, queue[:100] if queue else None, "open", 200)
    return _page("queues.html", who, request, overview=overview, cases=cases, queue=queue)


@router.post("/queues/claim")
def claim_next(request: Request, queue: Annotated[str, Form(max_length=100)] = "") -> Response:
    who = _poster(request, REVIEW_ROLES)
    if isinstance(who, Response):
        return who
    ctx = ctx_of(request)
    try:
        with ctx.db.write() as conn:
            case = work.claim(conn, who, ctx.clock(), None, queue or None, ctx.lock_minutes)
    except ApiError as exc:
        return _go("/console/queues", exc.message)
    return _go(f"/console/cases/{quote(case['case_id'])}", "Case claimed: it is yours until "
               f"{case['lock_expires_at']}.")


@router.get("/cases/{case_id}", response_class=HTMLResponse)
def case_page(case_id: str, request: Request) -> Response:
    who, ctx = _viewer(request)
    if who is None:
        return _go("/console/")
    if who.role not in REVIEW_ROLES:
        return _page("denied.html", who, request, title="Case")
    now = ctx.clock()
    with ctx.db.read() as conn:
        case = work.get_case(conn, case_id, now)
        evidence = work.case_evidence(conn, case, now)
        policy = ctx.policy
        category = case["queue"] if case["queue"] in policy.rules else None
        severity = case["severity"]
        strikes = work.strikes_of(conn, case["platform"], case["account_id"])
        step = work.ladder_step(policy, severity, strikes)
        ladder = sorted({p for s in policy.ladders[severity] for p in s}, key=PENALTIES.index)
    return _page("case.html", who, request, case=case, ev=evidence, category=category, categories=list(policy.rules),
                 step=step, ladder=ladder, strikes=strikes, mine=case["locked_by"] == who.actor)


@router.post("/cases/{case_id}/claim")
def claim_case(case_id: str, request: Request) -> Response:
    who = _poster(request, REVIEW_ROLES)
    if isinstance(who, Response):
        return who
    ctx = ctx_of(request)
    try:
        with ctx.db.write() as conn:
            work.claim(conn, who, ctx.clock(), case_id, None, ctx.lock_minutes)
    except ApiError as exc:
        if exc.status == 404:
            raise
        return _go(f"/console/cases/{quote(case_id)}", exc.message)
    return _go(f"/console/cases/{quote(case_id)}", "Case claimed.")


@router.post("/cases/{case_id}/decision")
def decide_case(case_id: str, request: Request, choice: Annotated[str, Form(max_length=40)],
                reason: Annotated[str, Form(max_length=5000)] = "",
                category: Annotated[str, Form(max_length=64)] = "") -> Response:
    """choice: 'dismiss', 'ladder' (the policy's step for the account's strikes) or one penalty name."""
    who = _poster(request, REVIEW_ROLES)
    if isinstance(who, Response):
        return who
    ctx = ctx_of(request)
    if choice not in ("dismiss", "ladder", *PENALTIES):
        return _go(f"/console/cases/{quote(case_id)}", "Unknown choice.")
    action = "dismiss" if choice == "dismiss" else "penalize"
    reason = reason.strip() or ("no violation found" if action == "dismiss" else "violation confirmed by review")
    try:
        with ctx.db.write() as conn:
            out = work.decide_case(conn, who, case_id, action=action, reason=reason, policy=ctx.policy,
                                   now=ctx.clock(), penalties=[choice] if choice in PENALTIES else None,
                                   category=category or None)
    except ApiError as exc:
        if exc.status == 404:
            raise
        return _go(f"/console/cases/{quote(case_id)}", exc.message)
    if out["decision_id"]:
        msg = f"Decided: {', '.join(p['penalty'] for p in out['penalties'])} (decision {out['decision_id']})."
    else:
        msg = "Case dismissed."
    return _go(f"/console/cases/{quote(case_id)}", msg)


@router.get("/appeals", response_class=HTMLResponse)
def appeals(request: Request, decision_id: str = "") -> Response:
    who, ctx = _viewer(request)
    if who is None:
        return _go("/console/")
    with ctx.db.read() as conn:
        pending = list_appeals(conn, "pending", 200) if who.role in REVIEW_ROLES else []
        done = list_appeals(conn, None, 200) if who.role in REVIEW_ROLES else [
            a for a in list_appeals(conn, None, 1000) if a["appellant"] == who.actor]
        # an account holder's token: the notices about their account, each with its appeal link
        notices = notices_for(conn, who.account, 50) if who.account else []
    done = [a for a in done if a["status"] != "pending" or who.role not in REVIEW_ROLES]
    return _page("appeals.html", who, request, pending=pending, done=done, can_file=who.role in FILER_ROLES,
                 can_decide=who.role in REVIEW_ROLES, decision_id=decision_id[:100], notices=notices)


@router.post("/appeals/file")
def appeal_file(request: Request, decision_id: Annotated[str, Form(max_length=100)],
                reason: Annotated[str, Form(max_length=5000)] = "",
                appeal_code: Annotated[str, Form(max_length=64)] = "") -> Response:
    who = _poster(request, FILER_ROLES)
    if isinstance(who, Response):
        return who
    ctx = ctx_of(request)
    if not reason.strip():
        return _go("/console/appeals", "Say why the decision is wrong.")
    try:
        with ctx.db.write() as conn:
            a = file_appeal(conn, who, decision_id.strip(), reason.strip(), ctx.policy, ctx.clock(),
                            appeal_code.strip() or None)
    except ApiError as exc:
        return _go("/console/appeals", exc.message)
    return _go("/console/appeals", f"Appeal {a['appeal_id']} filed; a different reviewer will decide it.")


@router.post("/appeals/{appeal_id}/decision")
def appeal_decide(appeal_id: str, request: Request, outcome: Annotated[str, Form(max_length=20)],
                  reason: Annotated[str, Form(max_length=5000)] = "") -> Response:
    who = _poster(request, REVIEW_ROLES)
    if isinstance(who, Response):
        return who
    ctx = ctx_of(request)
    reason = reason.strip() or ("decision reversed on appeal" if outcome == "reversed" else "decision upheld on appeal")
    try:
        with ctx.db.write() as conn:
            a = decide_appeal(conn, who, appeal_id, outcome, reason, ctx.clock())
    except ApiError as exc:
        if exc.status == 404:
            raise
        return _go("/console/appeals", exc.message)
    return _go("/console/appeals", f"Appeal {appeal_id}: decision {a['status']}.")


@router.get("/dashboard", response_class=HTMLResponse)
def dashboard(request: Request) -> Response:
    who, ctx = _viewer(request)
    if who is None:
        return _go("/console/")
    from vigil.transparency.html import report_charts

    with ctx.db.read() as conn:
        rep = build_report(conn)
    charts = list(report_charts(rep).values())
    return _page("dashboard.html", who, request, rep=rep, charts=charts, penalties=PENALTIES)


@router.get("/reporters", response_class=HTMLResponse)
def reporters(request: Request) -> Response:
    who, ctx = _viewer(request)
    if who is None:
        return _go("/console/")
    with ctx.db.read() as conn:
        reports = list_reports(conn, who, 200)
        records = []
        if who.role in REVIEW_ROLES:
            ids = [r[0] for r in conn.execute("SELECT reporter_id FROM reporter_stats ORDER BY submitted DESC, "
                                              "reporter_id LIMIT 200")]
            records = [track_record(conn, r) for r in ids]
    return _page("reporters.html", who, request, reports=reports, records=records)
