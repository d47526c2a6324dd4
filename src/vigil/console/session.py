"""Console sign-in: an API token exchanged for a random session id in an HttpOnly cookie.

Only SHA-256 hashes of the session id and of the token are stored; SameSite=Strict keeps other
sites from posting forms with the cookie.
"""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
from datetime import datetime, timedelta

from vigil.api.tokens import Principal, hash_token
from vigil.timeutil import iso_seconds

COOKIE = "vigil_session"
SESSION_HOURS = 12


def _h(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()


def start(conn: sqlite3.Connection, token: str, now: datetime) -> str | None:
    """A new session id for a valid token (call inside a transaction), else None."""
    digest = hash_token(token.strip())
    if not conn.execute("SELECT 1 FROM api_tokens WHERE token_hash=? AND revoked=0", (digest,)).fetchone():
        return None
    sid = secrets.token_urlsafe(32)
    conn.execute("DELETE FROM console_sessions WHERE expires_at <= ?", (iso_seconds(now),))
    conn.execute("INSERT INTO console_sessions VALUES (?,?,?)",
                 (_h(sid), digest, iso_seconds(now + timedelta(hours=SESSION_HOURS))))
    return sid


def principal(conn: sqlite3.Connection, sid: str | None, now: datetime) -> Principal | None:
    if not sid or len(sid) > 200:
        return None
    row = conn.execute(
        "SELECT t.token_id, t.role, t.name, t.account FROM console_sessions s "
        "JOIN api_tokens t ON t.token_hash = s.token_hash "
        "WHERE s.session_hash=? AND s.expires_at > ? AND t.revoked=0", (_h(sid), iso_seconds(now))).fetchone()
    return Principal(str(row[0]), str(row[1]), str(row[2]), row[3]) if row else None


def end(conn: sqlite3.Connection, sid: str | None) -> None:
    if sid:
        conn.execute("DELETE FROM console_sessions WHERE session_hash=?", (_h(sid),))
