"""API tokens: random secrets shown once; the store keeps only their SHA-256 (no FastAPI here)."""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime

from vigil import audit

ROLES = ("reporter", "intake", "reviewer", "admin")


@dataclass(frozen=True)
class Principal:
    token_id: str
    role: str
    name: str

    @property
    def actor(self) -> str:
        """How this principal appears in decisions and the audit log."""
        return f"{self.role}:{self.name}"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def create_token(conn: sqlite3.Connection, role: str, name: str | None = None, *, actor: str = "cli") -> str:
    """Store a new token (call inside a transaction) and return its secret."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}; use one of {', '.join(ROLES)}")
    secret = "vgl_" + secrets.token_urlsafe(32)
    digest = hash_token(secret)
    token_id = "tok-" + digest[:16]
    name = (name or "").strip() or token_id
    at = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    conn.execute("INSERT INTO api_tokens (token_hash, token_id, role, name, created_at) VALUES (?,?,?,?,?)",
                 (digest, token_id, role, name, at))
    audit.append(conn, actor=actor, action="token.create", subject={"token_id": token_id}, before=None,
                 after={"role": role, "name": name}, reason=f"API token for role {role}", at=at)
    return secret


def lookup(conn: sqlite3.Connection, token: str) -> Principal | None:
    row = conn.execute("SELECT token_id, role, name FROM api_tokens WHERE token_hash=? AND revoked=0",
                       (hash_token(token),)).fetchone()
    return Principal(str(row[0]), str(row[1]), str(row[2])) if row else None
