"""Persist a decision and its notices, each with its audit row (call inside one transaction).

Used by automated campaign runs and by reviewers deciding cases, so both leave the same trail.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

import orjson

from vigil import audit
from vigil.enforcement.appeal_codes import appeal_code
from vigil.enforcement.notices import render_notice
from vigil.policy import Decision, PenaltyAction, Policy
from vigil.timeutil import iso


def record_decision(conn: sqlite3.Connection, d: Decision, *, run_id: str | None, shadow: bool, at: datetime,
                    actor: str, automated: bool = True, source: str | None = None) -> bool:
    """Insert the decision; False when it is already recorded (a resumed run or a replay)."""
    if conn.execute("SELECT 1 FROM decisions WHERE decision_id=?", (d.decision_id,)).fetchone():
        return False
    source = source or ("notice" if d.reported else "automated_detection")
    conn.execute(
        "INSERT INTO decisions (decision_id, run_id, platform, account_id, post_id, category, subcategory, severity, "
        "strikes_before, penalties, reason, evidence, finding_ids, decided_by, automated, source, shadow, decided_at, "
        "status) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (d.decision_id, run_id, d.platform, d.account_id, d.post_id, d.category, d.subcategory, d.severity,
         d.strikes_before, orjson.dumps([a.as_dict() for a in d.penalties]).decode(), d.reason,
         orjson.dumps(d.evidence).decode(), orjson.dumps(list(d.finding_ids)).decode(), actor, int(automated),
         source, int(shadow), iso(at), "shadow" if shadow else "applied"),
    )
    audit.append(conn, actor=actor, action="decision.shadow" if shadow else "decision.create",
                 subject={"platform": d.platform, "account_id": d.account_id, "post_id": d.post_id,
                          "decision_id": d.decision_id},
                 before=None, after={"category": d.category, "subcategory": d.subcategory, "severity": d.severity,
                                     "penalties": [a.as_dict() for a in d.penalties], "run_id": run_id,
                                     "source": source, "automated": automated},
                 reason=d.reason, at=iso(at))
    return True


def record_notice(conn: sqlite3.Connection, d: Decision, action: PenaltyAction, policy: Policy, at: datetime,
                  *, actor: str, automated: bool = True) -> dict[str, object]:
    """Store the notice for one applied penalty (idempotent) and return it."""
    body = render_notice(d, action, policy, at)
    body["automated"] = automated
    appeal = body["appeal"]
    assert isinstance(appeal, dict)
    appeal["code"] = appeal_code(conn, d.decision_id)
    appeal["how"] = (f"{appeal['how']} Quote appeal code {appeal['code']} (it shows the appeal comes from the "
                     "account holder).")
    cur = conn.execute("INSERT OR IGNORE INTO notices VALUES (?,?,?,?,?,?,?)",
                       (body["notice_id"], d.decision_id, d.platform, d.account_id, action.penalty, iso(at),
                        orjson.dumps(body).decode()))
    if cur.rowcount:
        audit.append(conn, actor=actor, action="notice.send",
                     subject={"platform": d.platform, "account_id": d.account_id, "notice_id": body["notice_id"]},
                     before=None, after={"penalty": action.penalty, "ends_at": action.ends_at},
                     reason=str(body["rule"]), at=iso(at))
    return body
