"""JSONL sink: enforcement orders per platform, the feed a platform adapter consumes.

Orders are regenerated from the penalty events, so writing them again gives the same files.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import orjson


def write_orders(conn: sqlite3.Connection, out_dir: Path) -> dict[str, int]:
    out_dir.mkdir(parents=True, exist_ok=True)
    rows = conn.execute(
        "SELECT e.seq, e.event_key, e.decision_id, e.kind, e.penalty, e.platform, e.account_id, e.post_id, e.at, "
        "e.ends_at, e.reason, n.notice_id FROM penalty_events e LEFT JOIN notices n ON n.decision_id = e.decision_id "
        "AND n.penalty = e.penalty AND COALESCE(n.body ->> '$.post_id', '') = COALESCE(e.post_id, '') ORDER BY e.seq"
    ).fetchall()
    handles: dict[str, list[bytes]] = {}
    for seq, key, decision_id, kind, penalty, platform, account_id, post_id, at, ends_at, reason, notice_id in rows:
        order = {
            "order_id": key, "seq": seq, "action": "apply" if kind == "apply" else "lift",
            "penalty": penalty, "platform": platform, "account_id": account_id, "post_id": post_id,
            "ends_at": ends_at, "at": at, "decision_id": decision_id, "notice_id": notice_id, "reason": reason,
        }
        handles.setdefault(platform, []).append(orjson.dumps(order) + b"\n")
    counts = {}
    for platform, lines in sorted(handles.items()):
        safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in platform)
        (out_dir / f"{safe}.jsonl").write_bytes(b"".join(lines))
        counts[platform] = len(lines)
    return counts
