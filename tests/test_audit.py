"""The audit chain: verifiable without vigil; any edit, deletion, reordering or truncation is named."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

from vigil import audit
from vigil.store import open_store


def _store_with_rows(tmp_path: Path, n: int = 5) -> sqlite3.Connection:
    store = open_store(tmp_path / "a.db")
    for i in range(n):
        with store.transaction() as conn:
            audit.append(conn, actor="tester", action="thing.change", subject={"id": i, "名": "中文"},
                         before=None if i == 0 else {"v": i - 1}, after={"v": i}, reason=f"step {i}")
    return store.conn


def _untrigger(conn: sqlite3.Connection) -> None:
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("DROP TRIGGER audit_log_no_delete")


def test_intact_chain_verifies_and_matches_the_published_recipe(tmp_path: Path) -> None:
    conn = _store_with_rows(tmp_path)
    assert audit.verify(conn)[0]
    out = tmp_path / "audit.jsonl"
    assert audit.export(conn, out) == 5
    prev = "0" * 64
    for line in out.read_text(encoding="utf-8").splitlines():  # verify as an outsider would, by hand
        row = json.loads(line)
        body = {k: row[k] for k in ("seq", "at", "actor", "action", "subject", "before", "after", "reason")}
        canon = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        assert row["prev_hash"] == prev
        assert hashlib.sha256((prev + "\n" + canon).encode("utf-8")).hexdigest() == row["hash"]
        prev = row["hash"]


def test_sql_edits_are_refused_by_triggers(tmp_path: Path) -> None:
    conn = _store_with_rows(tmp_path)
    for sql in ("UPDATE audit_log SET reason='x' WHERE seq=2", "DELETE FROM audit_log WHERE seq=2"):
        try:
            conn.execute(sql)
        except sqlite3.IntegrityError as exc:
            assert "append-only" in str(exc)
        else:
            raise AssertionError("tampering was allowed")


def test_edit_is_detected_at_the_edited_row(tmp_path: Path) -> None:
    conn = _store_with_rows(tmp_path)
    _untrigger(conn)
    conn.execute("UPDATE audit_log SET reason='nothing to see' WHERE seq=3")
    assert audit.verify(conn)[:2] == (False, 3)


def test_deletion_is_detected(tmp_path: Path) -> None:
    conn = _store_with_rows(tmp_path)
    _untrigger(conn)
    conn.execute("DELETE FROM audit_log WHERE seq=2")
    assert audit.verify(conn)[:2] == (False, 2)


def test_reordering_is_detected(tmp_path: Path) -> None:
    conn = _store_with_rows(tmp_path)
    _untrigger(conn)
    rows = {r[0]: r[1:] for r in conn.execute("SELECT seq, at, actor, action, subject, before, after, reason, "
                                               "prev_hash, hash FROM audit_log")}
    cols = "at=?, actor=?, action=?, subject=?, before=?, after=?, reason=?, prev_hash=?, hash=?"
    conn.execute(f"UPDATE audit_log SET {cols} WHERE seq=2", rows[4])
    conn.execute(f"UPDATE audit_log SET {cols} WHERE seq=4", rows[2])
    assert audit.verify(conn)[:2] == (False, 2)


def test_truncated_tail_is_detected(tmp_path: Path) -> None:
    conn = _store_with_rows(tmp_path)
    _untrigger(conn)
    conn.execute("DELETE FROM audit_log WHERE seq=5")
    ok, seq, msg = audit.verify(conn)
    assert not ok and seq == 5 and "missing" in msg
