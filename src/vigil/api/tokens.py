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
    account: str | None = None
    """"platform/account_id" when the token belongs to an account holder (they may appeal its decisions)."""

    @property
    def actor(self) -> str:
        """How this principal appears in decisions and the audit log."""
        return f"{self.role}:{self.name}"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def parse_account(account: str) -> tuple[str, str]:
    """"weibo/a9" -> ("weibo", "a9"); the account id may itself contain slashes."""
    platform, sep, account_id = account.strip().partition("/")
    if not sep or not platform.strip() or not account_id.strip():
        raise ValueError(f"account {account!r} must look like PLATFORM/ACCOUNT_ID")
    return platform.strip(), account_id.strip()


def check_token_args(role: str, account: str | None = None) -> str | None:
    """ValueError unless `role` is known and `account` (reporter tokens only) parses; the normalised account."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}; use one of {', '.join(ROLES)}")
    if account is None:
        return None
    if role != "reporter":
        raise ValueError("only a reporter token can belong to an account holder (--account)")
    return "/".join(parse_account(account))


def create_token(conn: sqlite3.Connection, role: str, name: str | None = None, *, actor: str = "cli",
                 account: str | None = None) -> str:
    """Store a new token (call inside a transaction) and return its secret.

    `account` ("platform/account_id", reporter tokens only) makes it the account holder's token."""
    account = check_token_args(role, account)
    secret = "vgl_" + secrets.token_urlsafe(32)
    digest = hash_token(secret)
    token_id = "tok-" + digest[:16]
    name = (name or "").strip() or token_id
    at = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    conn.execute("INSERT INTO api_tokens (token_hash, token_id, role, name, created_at, account) VALUES (?,?,?,?,?,?)",
                 (digest, token_id, role, name, at, account))
    after: dict[str, str] = {"role": role, "name": name}
    if account:
        after["account"] = account
    audit.append(conn, actor=actor, action="token.create", subject={"token_id": token_id}, before=None,
                 after=after, reason=f"API token for role {role}", at=at)
    return secret


def lookup(conn: sqlite3.Connection, token: str) -> Principal | None:
    row = conn.execute("SELECT token_id, role, name, account FROM api_tokens WHERE token_hash=? AND revoked=0",
                       (hash_token(token),)).fetchone()
    return Principal(str(row[0]), str(row[1]), str(row[2]), row[3]) if row else None
