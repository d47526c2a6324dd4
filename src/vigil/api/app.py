"""The FastAPI application: API routers, reviewer console, local docs, one JSON error envelope."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from vigil.api.context import Ctx, Db, utcnow
from vigil.api.errors import ApiError, envelope
from vigil.enforcement import LedgerSink
from vigil.intake.batch import IntakeWriter
from vigil.intake.ratelimit import DEFAULT_PER_MINUTE, RateLimiter
from vigil.policy import load_policy

log = logging.getLogger("vigil.api")
_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
          406: "not_acceptable", 413: "too_large", 415: "unsupported_media_type", 422: "invalid_request",
          429: "rate_limited"}
FAVICON = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" '
           'fill="#0b5cad"/><path d="M3 4l5 9 5-9" stroke="#fff" stroke-width="2" fill="none"/></svg>')
DOCS_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>vigil API docs</title>
<link rel="icon" href="/favicon.ico" type="image/svg+xml">
<link rel="stylesheet" href="/static/swagger-ui/swagger-ui.css"></head>
<body><h1 style="position:absolute;left:-9999px">vigil API</h1><div id="swagger-ui"></div>
<script src="/static/swagger-ui/swagger-ui-bundle.js"></script>
<script src="/static/swagger-init.js"></script></body></html>"""


def _error(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(envelope(code, message), status_code=status, headers=headers)


def _validation_message(exc: RequestValidationError) -> str:
    errs = exc.errors()
    if not errs:
        return "invalid request"
    first = errs[0]
    where = ".".join(str(p) for p in first.get("loc", ()) if p != "body") or "body"
    more = f" (and {len(errs) - 1} more)" if len(errs) > 1 else ""
    return f"{where}: {first.get('msg', 'invalid')}{more}"


class BodyLimit:
    """Refuse declared bodies over `limit` bytes with the JSON envelope before anything reads them."""

    def __init__(self, app: Any, limit: int = 1 << 20) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            length = dict(scope.get("headers") or []).get(b"content-length", b"0")
            if not length.isdigit() or int(length) > self.limit:
                status, code = (413, "too_large") if length.isdigit() else (400, "bad_request")
                resp = _error(status, code, f"request body must be at most {self.limit} bytes"
                              if status == 413 else "bad Content-Length header")
                await resp(scope, receive, send)
                return
        await self.app(scope, receive, send)


def create_app(db_path: Path | str, *, policy_path: Path | None = None, rate_limit: int | None = None,
               lock_minutes: int = 15, clock: Callable[[], datetime] | None = None,
               background_checkpoints: bool = False) -> FastAPI:
    """The API and console over the SQLite store at `db_path` (migrated on open)."""
    per_minute = rate_limit or int(os.environ.get("VIGIL_RATE_LIMIT") or DEFAULT_PER_MINUTE)
    ctx = Ctx(db=Db(db_path, background_checkpoints=background_checkpoints), policy=load_policy(policy_path), limiter=RateLimiter(per_minute),
              lock_minutes=lock_minutes, clock=clock or utcnow)
    with ctx.db.write() as conn:  # timed penalties that ended while the server was down
        LedgerSink(conn).expire_due(ctx.clock())
    app = FastAPI(title="vigil", version="0.1.0", docs_url=None, redoc_url=None,
                  description="Public reports, review queues, appeals and transparency statistics. "
                              "Every error is `{\"error\": {\"code\", \"message\"}}`.")
    app.state.ctx = ctx
    app.add_middleware(BodyLimit)
    app.state.intake_writer = IntakeWriter(ctx.db, ctx.policy, ctx.clock)

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return _error(exc.status, exc.code, exc.message, exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _CODES.get(exc.status_code, "http_error")
        message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such resource: {request.url.path}"
        return _error(exc.status_code, code, message, dict(exc.headers or {}))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return _error(422, "invalid_request", _validation_message(exc))

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> JSONResponse:
        log.exception("internal error on %s %s", request.method, request.url.path)
        return _error(500, "internal_error", "internal error")

    from vigil.api.reports import router as reports_router
    from vigil.api.review import router as review_router
    from vigil.console.routes import router as console_router

    app.include_router(reports_router)
    app.include_router(review_router)
    app.include_router(console_router)
    static = resources.files("vigil.console").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(DOCS_HTML, headers={"Content-Security-Policy": "default-src 'self'; img-src 'self' data:; "
                                                "style-src 'self' 'unsafe-inline'"})

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(FAVICON, media_type="image/svg+xml", headers={"Cache-Control": "max-age=86400"})

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse("/console/", status_code=303)

    @app.get("/api/v1/health", tags=["meta"], summary="Liveness (no token needed)")
    def health() -> dict[str, Any]:
        return {"status": "ok"}

    return app
