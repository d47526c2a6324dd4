"""Appeals: one per decision, by a party to it, filed within the policy's window, decided by a different reviewer.

Standing (who may appeal): the account holder (a token bound to the account, or anyone quoting the appeal
code printed on the decision's notice), the platform on the holder's behalf (an `intake` token), a notifier
whose report led to the decision (DSA Art. 20 gives notifiers a complaint route too) and admins. Anyone else
gets 403 `not_a_party`: a stranger must not be able to use up the holder's one appeal.

Reversal lifts every standing penalty of the decision through `LedgerSink.reverse` (followers and
monetisation are restored from what each penalty event recorded), marks the decision `reversed`, tells
the appellant, the account holder and the reporters, and audits each step in the same transaction.
"""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import datetime, timedelta
from typing import Any

import orjson

from vigil import audit
from vigil.api.errors import ApiError, not_found
from vigil.api.tokens import Principal
from vigil.enforcement import LedgerSink
from vigil.enforcement.appeal_codes import code_matches
from vigil.intake.service import notify, reverse_reports
from vigil.policy import Policy
from vigil.timeutil import iso_seconds

APPEAL_COLS = ("appeal_id", "decision_id", "appellant", "reason", "filed_at", "deadline", "status", "decided_by",
               "decided_at", "outcome_reason", "standing")


def _parse(ts: str) -> datetime:
    return datetime.fromisoformat(ts.replace("Z", "+00:00"))


def appeal_deadline(decided_at: str, policy: Policy) -> str:
    return iso_seconds(_parse(decided_at) + timedelta(days=policy.appeal_window_days))


def _decision(conn: sqlite3.Connection, decision_id: str) -> dict[str, Any]:
    row = conn.execute("SELECT decision_id, platform, account_id, post_id, category, penalties, decided_by, "
                       "automated, decided_at, status, shadow, reason FROM decisions WHERE decision_id=?",
                       (decision_id,)).fetchone()
    if row is None:
        raise not_found("decision")
    out = dict(row)
    out["penalties"] = orjson.loads(out["penalties"])
    return out


def get_appeal(conn: sqlite3.Connection, appeal_id: str) -> dict[str, Any]:
    row = conn.execute(f"SELECT {', '.join(APPEAL_COLS)} FROM appeals WHERE appeal_id=?", (appeal_id,)).fetchone()
    if row is None:
        raise not_found("appeal")
    out = dict(zip(APPEAL_COLS, tuple(row), strict=True))
    out["decision"] = _decision(conn, out["decision_id"])
    return out


def list_appeals(conn: sqlite3.Connection, status: str | None = "pending", limit: int = 100) -> list[dict[str, Any]]:
    sql = f"SELECT appeal_id FROM appeals{' WHERE status=?' if status else ''} ORDER BY filed_at, appeal_id LIMIT ?"
    args: tuple[Any, ...] = (status, limit) if status else (limit,)
    return [get_appeal(conn, r[0]) for r in conn.execute(sql, args).fetchall()]


def standing(conn: sqlite3.Connection, who: Principal, d: dict[str, Any], code: str | None) -> str:
    """On what footing `who` appeals decision `d`; 403 `not_a_party` when on none."""
    if who.role == "admin":
        return "admin"
    if who.role == "intake":
        return "platform"
    if who.account == f"{d['platform']}/{d['account_id']}" or code_matches(conn, d["decision_id"], code):
        return "holder"
    if who.role == "reporter" and conn.execute(
            "SELECT 1 FROM report_outcomes WHERE decision_id=? AND reporter_id=? LIMIT 1",
            (d["decision_id"], who.name)).fetchone():
        return "notifier"
    if code:
        raise ApiError(403, "not_a_party", "that appeal code does not belong to this decision (see the notice)")
    raise ApiError(403, "not_a_party", "only the account holder (their own token or the appeal_code from the notice), "
                   "the platform on their behalf, a notifier of this decision or an admin may appeal it")


def file_appeal(conn: sqlite3.Connection, who: Principal, decision_id: str, reason: str, policy: Policy,
                now: datetime, code: str | None = None) -> dict[str, Any]:
    """Record the appeal (call inside a transaction); 403 for non-parties, 409 when late, repeated or not appealable."""
    d = _decision(conn, decision_id)
    on = standing(conn, who, d, code)
    if d["shadow"] or d["status"] not in ("applied", "decided"):
        raise ApiError(409, "not_appealable", f"decision is {d['status']}; only applied decisions can be appealed")
    deadline = appeal_deadline(d["decided_at"], policy)
    if iso_seconds(now) > deadline:
        raise ApiError(409, "appeal_window_closed", f"the appeal window closed at {deadline}")
    if conn.execute("SELECT 1 FROM appeals WHERE decision_id=?", (decision_id,)).fetchone():
        raise ApiError(409, "appeal_exists", "this decision has already been appealed (one appeal per decision)")
    appeal_id = "ap-" + hashlib.sha256(decision_id.encode()).hexdigest()[:20]
    stamp = iso_seconds(now)
    conn.execute("INSERT INTO appeals (appeal_id, decision_id, appellant, reason, filed_at, deadline, status, standing) "
                 "VALUES (?,?,?,?,?,?,?,?)", (appeal_id, decision_id, who.actor, reason, stamp, deadline, "pending", on))
    audit.append(conn, actor=who.actor, action="appeal.file", subject={"appeal_id": appeal_id, "decision_id": decision_id},
                 before=None, after={"status": "pending", "standing": on}, reason=reason, at=stamp)
    return get_appeal(conn, appeal_id)


def decide_appeal(conn: sqlite3.Connection, who: Principal, appeal_id: str, outcome: str, reason: str,
                  now: datetime) -> dict[str, Any]:
    """Uphold or reverse; the original decider and the appellant may not decide it."""
    appeal = get_appeal(conn, appeal_id)
    d = appeal["decision"]
    if appeal["status"] != "pending":
        raise ApiError(409, "appeal_decided", f"appeal is already {appeal['status']}")
    if who.actor == d["decided_by"]:
        raise ApiError(403, "same_reviewer", "a different reviewer must decide the appeal of your own decision")
    if who.actor == appeal["appellant"]:
        raise ApiError(403, "same_reviewer", "the appellant cannot decide their own appeal")
    if outcome not in ("upheld", "reversed"):
        raise ApiError(422, "invalid_appeal_decision", "outcome must be 'upheld' or 'reversed'")
    stamp = iso_seconds(now)
    lifted = 0
    if outcome == "reversed":
        lifted = LedgerSink(conn).reverse(d["decision_id"], actor=who.actor, at=now, reason=f"appeal {appeal_id}: {reason}")
        reverse_reports(conn, d["decision_id"], f"Reversed on appeal: {reason}", stamp)
    conn.execute("UPDATE decisions SET status=? WHERE decision_id=?", (outcome, d["decision_id"]))
    audit.append(conn, actor=who.actor, action=f"decision.{'reverse' if outcome == 'reversed' else 'uphold'}",
                 subject={"decision_id": d["decision_id"], "platform": d["platform"], "account_id": d["account_id"]},
                 before={"status": d["status"]}, after={"status": outcome, "penalties_lifted": lifted},
                 reason=reason, at=stamp)
    conn.execute("UPDATE appeals SET status=?, decided_by=?, decided_at=?, outcome_reason=? WHERE appeal_id=?",
                 (outcome, who.actor, stamp, reason, appeal_id))
    audit.append(conn, actor=who.actor, action="appeal.decide", subject={"appeal_id": appeal_id},
                 before={"status": "pending"}, after={"status": outcome}, reason=reason, at=stamp)
    text = (f"Your appeal {appeal_id} was {'granted: the decision was reversed' if outcome == 'reversed' else 'rejected: the decision stands'}. "
            f"{reason}")
    notify(conn, appeal["appellant"], "appeal.outcome", {"appeal_id": appeal_id}, text, stamp)
    notify(conn, f"account:{d['platform']}/{d['account_id']}", "appeal.outcome", {"appeal_id": appeal_id}, text, stamp)
    out = get_appeal(conn, appeal_id)
    out["penalties_lifted"] = lifted
    return out
