"""Every state change is one audit row; each row's hash covers the previous row's hash.

hash = sha256(prev_hash + "\\n" + canonical JSON of {seq, at, actor, action, subject, before, after, reason})
so anyone can re-verify the chain with a few lines of code and no vigil.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

GENESIS = "0" * 64


def canonical(obj: Any) -> str:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def row_hash(prev_hash: str, row: dict[str, Any]) -> str:
    body = {k: row[k] for k in ("seq", "at", "actor", "action", "subject", "before", "after", "reason")}
    return hashlib.sha256((prev_hash + "\n" + canonical(body)).encode("utf-8")).hexdigest()


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def append(
    conn: sqlite3.Connection,
    *,
    actor: str,
    action: str,
    subject: Any,
    before: Any,
    after: Any,
    reason: str,
    at: str | None = None,
) -> dict[str, Any]:
    """Append one row. Call inside the transaction that makes the change it records."""
    last = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = (1, GENESIS) if last is None else (int(last[0]) + 1, str(last[1]))
    row = {
        "seq": seq, "at": at or now_iso(), "actor": actor, "action": action, "subject": subject,
        "before": before, "after": after, "reason": reason or "-",
    }
    row["prev_hash"] = prev
    row["hash"] = row_hash(prev, row)
    conn.execute(
        "INSERT INTO audit_log (seq, at, actor, action, subject, before, after, reason, prev_hash, hash) "
        "VALUES (?,?,?,?,?,?,?,?,?,?)",
        (seq, row["at"], actor, action, canonical(subject),
         None if before is None else canonical(before), None if after is None else canonical(after),
         row["reason"], prev, row["hash"]),
    )
    conn.execute(
        "INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET seq=excluded.seq, "
        "hash=excluded.hash",
        (seq, row["hash"]),
    )
    return row


def rows(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    cur = conn.execute(
        "SELECT seq, at, actor, action, subject, before, after, reason, prev_hash, hash FROM audit_log ORDER BY rowid"
    )
    for r in cur:
        yield {
            "seq": r[0], "at": r[1], "actor": r[2], "action": r[3], "subject": json.loads(r[4]),
            "before": None if r[5] is None else json.loads(r[5]),
            "after": None if r[6] is None else json.loads(r[6]),
            "reason": r[7], "prev_hash": r[8], "hash": r[9],
        }


def verify(conn: sqlite3.Connection) -> tuple[bool, int | None, str]:
    """(intact, first bad seq, message). Detects edited, deleted, inserted and reordered rows."""
    prev, expected, n = GENESIS, 1, 0
    for row in rows(conn):
        n += 1
        seq = row["seq"]
        if seq != expected:
            what = "deleted" if isinstance(seq, int) and seq > expected else "reordered or duplicated"
            return False, expected, f"row seq {expected} is missing or out of order (found seq {seq}): {what}"
        if row["prev_hash"] != prev:
            return False, seq, f"row seq {seq}: prev_hash does not match the hash of row {seq - 1}"
        if row_hash(prev, row) != row["hash"]:
            return False, seq, f"row seq {seq}: content does not match its hash (edited)"
        prev, expected = row["hash"], expected + 1
    head = conn.execute("SELECT seq, hash FROM audit_head WHERE id = 1").fetchone()
    if head is not None and (int(head[0]) != n or head[1] != prev):
        return False, n + 1, f"rows after seq {n} are missing: the chain head says seq {head[0]}"
    return True, None, f"audit log intact: {n} rows"


def export(conn: sqlite3.Connection, out: Path) -> int:
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for row in rows(conn):
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    return n
