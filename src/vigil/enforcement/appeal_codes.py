"""The appeal code printed on every notice: proof that an appellant is the account holder who received it.

An HMAC of the decision id under a random per-store secret (created by migration 0006), so anyone holding
the notice can appeal without an account-bound token, and nobody else can guess the code.
"""

from __future__ import annotations

import hashlib
import hmac
import sqlite3


def _secret(conn: sqlite3.Connection) -> bytes:
    row = conn.execute("SELECT value FROM store_secrets WHERE name='appeal_code'").fetchone()
    if row is None:  # pragma: no cover - the migration always inserts it
        raise RuntimeError("store has no appeal-code secret; run migrations")
    return bytes.fromhex(str(row[0]))


def appeal_code(conn: sqlite3.Connection, decision_id: str) -> str:
    """16 hex characters, grouped for reading aloud over a hotline: 'xxxx-xxxx-xxxx-xxxx'."""
    digest = hmac.new(_secret(conn), decision_id.encode("utf-8"), hashlib.sha256).hexdigest()[:16]
    return "-".join(digest[i : i + 4] for i in range(0, 16, 4))


def code_matches(conn: sqlite3.Connection, decision_id: str, code: str | None) -> bool:
    if not code:
        return False
    given = "".join(ch for ch in code.lower() if ch in "0123456789abcdef")
    want = appeal_code(conn, decision_id).replace("-", "")
    return hmac.compare_digest(given, want)
