"""What every request handler shares: the store (one connection behind a lock), policy, limiter, clock."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

from fastapi import Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from vigil.api.errors import ApiError
from vigil.api.tokens import Principal, lookup
from vigil.intake.ratelimit import RateLimiter
from vigil.policy import Policy
from vigil.store import SQLiteStore


def utcnow() -> datetime:
    return datetime.now(UTC)


class Db:
    """One SQLite connection shared by the server's threads, one statement sequence at a time."""

    def __init__(self, path: Path | str, *, background_checkpoints: bool = False) -> None:
        self.store = SQLiteStore(path)
        self.lock = threading.RLock()
        if background_checkpoints:
            # WAL checkpoints (with their fsyncs) move off the request path to a thread of their own
            self.store.conn.execute("PRAGMA wal_autocheckpoint=0")
            threading.Thread(target=self._checkpoint, args=(Path(path),), daemon=True,
                             name="vigil-checkpoint").start()

    @staticmethod
    def _checkpoint(path: Path, every: float = 1.0) -> None:
        conn = sqlite3.connect(str(path), timeout=30.0, check_same_thread=False)
        while True:
            time.sleep(every)
            try:
                conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
            except sqlite3.Error:  # busy or closed: try again later
                continue

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        with self.lock:
            yield self.store.conn

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        with self.lock, self.store.transaction() as conn:
            yield conn


@dataclass
class Ctx:
    db: Db
    policy: Policy
    limiter: RateLimiter
    lock_minutes: int = 15
    clock: Callable[[], datetime] = field(default=utcnow)


def ctx_of(request: Request) -> Ctx:
    ctx: Ctx = request.app.state.ctx
    return ctx


bearer = HTTPBearer(auto_error=False, description="An API token from `vigil token create`.")


class Require:
    """Dependency: the request's token must exist and carry one of `roles`."""

    def __init__(self, *roles: str) -> None:
        self.roles = roles

    async def __call__(self, request: Request,
                       creds: Annotated[HTTPAuthorizationCredentials | None, Security(bearer)]) -> Principal:
        if creds is None or not creds.credentials.strip():
            raise ApiError(401, "unauthorized", "send Authorization: Bearer <token>", {"WWW-Authenticate": "Bearer"})
        ctx = ctx_of(request)
        with ctx.db.read() as conn:
            who = lookup(conn, creds.credentials.strip())
        if who is None:
            raise ApiError(401, "unauthorized", "unknown or revoked token", {"WWW-Authenticate": "Bearer"})
        if who.role not in self.roles:
            raise ApiError(403, "forbidden", f"role {who.role!r} may not do this (needs {' or '.join(self.roles)})")
        return who


ANY_ROLE = Require("reporter", "intake", "reviewer", "admin")
SUBMITTERS = Require("reporter", "intake", "admin")
REVIEWERS = Require("reviewer", "admin")
ADMIN = Require("admin")
