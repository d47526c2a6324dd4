"""Report intake: store a report, merge it into its subject's open case, re-weight the case's priority.

Idempotent on `report_id`. Everything a report changes (the record, its outcome row, the case, the
reporter's counters, the audit rows) commits in the caller's one transaction.
"""

from __future__ import annotations

import hashlib
import sqlite3
import uuid
from datetime import datetime, timedelta
from typing import Any

import orjson

from vigil import audit
from vigil.api.errors import ApiError
from vigil.api.tokens import Principal
from vigil.intake.parse import ParsedReport, SubjectRef
from vigil.intake.reputation import bump, case_priority
from vigil.model import Report, ReportSubject
from vigil.policy import Policy
from vigil.review.queue import case_id_for
from vigil.timeutil import iso_seconds

OPEN = ("open", "claimed")


def reporter_for(parsed: ParsedReport, who: Principal) -> str:
    """A reporter token reports as itself; intake and admin tokens name the reporter in the body."""
    if who.role == "reporter":
        return who.name
    if not parsed.reporter_id or not parsed.reporter_id.strip():
        raise ApiError(422, "invalid_report", "reporter_id is required when forwarding reports (intake token)")
    return parsed.reporter_id


def existing(conn: sqlite3.Connection, report_id: str, who: Principal, reporter_id: str) -> dict[str, Any] | None:
    """The ids of an already-stored report (a replay), or None; 409 when the id belongs to someone else."""
    row = conn.execute("SELECT submitted_by, reporter_id, subjects FROM report_meta WHERE report_id=?",
                       (report_id,)).fetchone()
    if row is None:
        if conn.execute("SELECT 1 FROM reports WHERE report_id=?", (report_id,)).fetchone():
            raise ApiError(409, "conflict", "report_id is already used by another report")
        return None
    if row[0] != who.token_id and row[1] != reporter_id and who.role != "admin":
        raise ApiError(409, "conflict", "report_id is already used by another report")
    subjects = orjson.loads(row[2])
    return {"report_id": report_id, "case_id": subjects[0]["case_id"], "case_ids": [s["case_id"] for s in subjects]}


def submit(conn: sqlite3.Connection, parsed: ParsedReport, who: Principal, reporter_id: str, policy: Policy,
           now: datetime) -> tuple[bool, dict[str, Any]]:
    """(created, {report_id, case_id, case_ids}). Call inside a transaction."""
    report_id = parsed.report_id or f"r-{uuid.uuid4().hex}"
    seen = existing(conn, report_id, who, reporter_id)
    if seen is not None:
        return False, seen
    at = iso_seconds(now)
    subjects: list[dict[str, Any]] = []
    new_cases: list[str] = []
    for i, ref in enumerate(parsed.subjects):
        row_id = report_id if i == 0 else f"{report_id}#{i + 1}"
        rec = Report(report_id=row_id, reporter_id=reporter_id, platform=ref.platform,
                     subject=ReportSubject(account_id=ref.account_id, post_id=ref.post_id), reason=parsed.reason,
                     text=parsed.text, created_at=parsed.created_at or at)
        conn.execute(
            "INSERT INTO reports (report_id, reporter_id, platform, account_id, post_id, reason, created_at, data) "
            "VALUES (?,?,?,?,?,?,?,?)",
            (row_id, reporter_id, ref.platform, ref.account_id, ref.post_id, parsed.reason, rec.created_at,
             rec.model_dump_json()))
        case_id, status, created = _case_for(conn, ref, parsed.reason, row_id, policy, now)
        if created:
            new_cases.append(case_id)
        conn.execute("INSERT INTO report_outcomes (row_id, report_id, reporter_id, case_id, status) VALUES (?,?,?,?,?)",
                     (row_id, report_id, reporter_id, case_id, "in_review" if status == "claimed" else "pending"))
        subjects.append({"row_id": row_id, "platform": ref.platform, "account_id": ref.account_id,
                         "post_id": ref.post_id, "case_id": case_id})
    bump(conn, reporter_id, submitted=1)
    for s in {s["case_id"] for s in subjects}:
        conn.execute("UPDATE cases SET priority=? WHERE case_id=?", (case_priority(conn, s), s))
    conn.execute("INSERT INTO report_meta (report_id, reporter_id, submitted_by, source, received_at, subjects) "
                 "VALUES (?,?,?,?,?,?)",
                 (report_id, reporter_id, who.token_id, parsed.source, at, orjson.dumps(subjects).decode()))
    audit.append(conn, actor=who.actor, action="report.receive", subject={"report_id": report_id},
                 before=None, after={"reporter_id": reporter_id, "source": parsed.source, "reason": parsed.reason,
                                     "case_ids": [s["case_id"] for s in subjects], "new_cases": new_cases},
                 reason=f"public report ({parsed.source})", at=at)
    return True, {"report_id": report_id, "case_id": subjects[0]["case_id"],
                  "case_ids": [s["case_id"] for s in subjects]}


def _case_for(conn: sqlite3.Connection, ref: SubjectRef, reason: str, row_id: str, policy: Policy,
              now: datetime) -> tuple[str, str, bool]:
    """Merge into the subject's open case, or open one: (case_id, status, created)."""
    row = conn.execute(
        "SELECT case_id, status, report_ids FROM cases WHERE platform=? AND account_id=? AND post_id IS ? "
        "AND status IN ('open','claimed') ORDER BY created_at, case_id LIMIT 1",
        (ref.platform, ref.account_id, ref.post_id)).fetchone()
    if row is not None:
        ids = orjson.loads(row[2])
        ids.append(row_id)
        conn.execute("UPDATE cases SET report_ids=? WHERE case_id=?", (orjson.dumps(ids).decode(), row[0]))
        return str(row[0]), str(row[1]), False
    queue = reason if reason in policy.rules else "reports"
    case_id = case_id_for(ref.platform, ref.account_id, ref.post_id, queue)
    if conn.execute("SELECT 1 FROM cases WHERE case_id=?", (case_id,)).fetchone():  # an earlier, closed case
        case_id = case_id_for(ref.platform, ref.account_id, ref.post_id, f"{queue}#{row_id}")
    severity = policy.rules[queue].severity["default"] if queue in policy.rules else "medium"
    due = now + timedelta(hours=policy.review_sla_hours[severity])
    conn.execute(
        "INSERT INTO cases (case_id, platform, account_id, post_id, queue, status, severity, priority, due_at, "
        "created_at, finding_ids, report_ids) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        (case_id, ref.platform, ref.account_id, ref.post_id, queue, "open", severity, 0.0, iso_seconds(due), iso_seconds(now),
         "[]", orjson.dumps([row_id]).decode()))
    audit.append(conn, actor="system:intake", action="case.open",
                 subject={"case_id": case_id, "platform": ref.platform, "account_id": ref.account_id,
                          "post_id": ref.post_id},
                 before=None, after={"queue": queue, "severity": severity}, reason="public report", at=iso_seconds(now))
    return case_id, "open", True


# -- outcomes, told to reporters ----------------------------------------------------------------

def notify(conn: sqlite3.Connection, recipient: str, kind: str, subject: dict[str, Any], body: str,
           at: str) -> None:
    key = f"{recipient}\x1f{kind}\x1f{orjson.dumps(subject, option=orjson.OPT_SORT_KEYS).decode()}"
    nid = "ntf-" + hashlib.sha256(key.encode()).hexdigest()[:24]
    conn.execute("INSERT OR IGNORE INTO notifications VALUES (?,?,?,?,?,?)",
                 (nid, recipient, kind, orjson.dumps(subject).decode(), body, at))


def mark_in_review(conn: sqlite3.Connection, case_id: str) -> None:
    conn.execute("UPDATE report_outcomes SET status='in_review' WHERE case_id=? AND status='pending'", (case_id,))


def resolve_case(conn: sqlite3.Connection, case_id: str, outcome: str, decision_id: str | None, reason: str,
                 at: str) -> int:
    """Close the reports of a case as upheld or dismissed; count it in each reporter's record and tell them."""
    report_ids = conn.execute("SELECT report_ids FROM cases WHERE case_id=?", (case_id,)).fetchone()
    if report_ids:  # reports that came from files (campaign runs) get an outcome row too
        conn.execute(
            "INSERT OR IGNORE INTO report_outcomes (row_id, report_id, reporter_id, case_id, status) "
            "SELECT report_id, report_id, reporter_id, ?, 'pending' FROM reports "
            "WHERE report_id IN (SELECT value FROM json_each(?))", (case_id, report_ids[0]))
    rows = conn.execute("SELECT row_id, report_id, reporter_id FROM report_outcomes WHERE case_id=? "
                        "AND status IN ('pending','in_review')", (case_id,)).fetchall()
    for row_id, report_id, reporter_id in rows:
        conn.execute("UPDATE report_outcomes SET status=?, decision_id=?, outcome_reason=?, resolved_at=? "
                     "WHERE row_id=?", (outcome, decision_id, reason, at, row_id))
        bump(conn, reporter_id, **{outcome: 1})
        verb = "upheld: action was taken" if outcome == "upheld" else "reviewed: no action was taken"
        notify(conn, f"reporter:{reporter_id}", "report.outcome", {"report_id": report_id, "row_id": row_id},
               f"Your report {report_id} was {verb}. {reason}", at)
    rerank(conn, {r[2] for r in rows})
    return len(rows)


def rerank(conn: sqlite3.Connection, reporters: set[str]) -> None:
    """Track records changed: re-weight the open cases these reporters still have reports in."""
    if not reporters:
        return
    marks = ",".join("?" * len(reporters))
    cases = [r[0] for r in conn.execute(
        f"SELECT DISTINCT o.case_id FROM report_outcomes o JOIN cases c ON c.case_id = o.case_id "
        f"WHERE o.reporter_id IN ({marks}) AND c.status IN ('open','claimed') ORDER BY o.case_id",
        sorted(reporters))]
    for case_id in cases:
        conn.execute("UPDATE cases SET priority=? WHERE case_id=?", (case_priority(conn, case_id), case_id))


def reverse_reports(conn: sqlite3.Connection, decision_id: str, reason: str, at: str) -> int:
    """A decision reversed on appeal: the reports behind it no longer count as upheld."""
    rows = conn.execute("SELECT row_id, report_id, reporter_id FROM report_outcomes WHERE decision_id=? "
                        "AND status='upheld'", (decision_id,)).fetchall()
    for row_id, report_id, reporter_id in rows:
        conn.execute("UPDATE report_outcomes SET status='reversed', outcome_reason=?, resolved_at=? WHERE row_id=?",
                     (reason, at, row_id))
        bump(conn, reporter_id, upheld=-1, reversed=1)
        notify(conn, f"reporter:{reporter_id}", "report.outcome.reversed", {"report_id": report_id, "row_id": row_id},
               f"The action taken on your report {report_id} was reversed on appeal. {reason}", at)
    rerank(conn, {r[2] for r in rows})
    return len(rows)


def overall_status(statuses: list[str]) -> str:
    if "upheld" in statuses:
        return "upheld"
    if "in_review" in statuses:
        return "in_review"
    if "pending" in statuses:
        return "pending"
    if "reversed" in statuses:
        return "reversed"
    return "dismissed" if statuses else "pending"


def report_view(conn: sqlite3.Connection, report_id: str, who: Principal) -> dict[str, Any] | None:
    """Status and outcome of a report, or None when it does not exist or `who` may not see it."""
    meta = conn.execute("SELECT reporter_id, submitted_by, source, received_at FROM report_meta WHERE report_id=?",
                        (report_id,)).fetchone()
    if meta is None:
        row = conn.execute("SELECT reporter_id, created_at FROM reports WHERE report_id=?", (report_id,)).fetchone()
        if row is None or who.role not in ("reviewer", "admin"):
            return None
        meta = (row[0], None, "file", row[1])
    elif who.role not in ("reviewer", "admin") and meta[1] != who.token_id:
        return None
    rows = conn.execute(
        "SELECT o.row_id, r.platform, r.account_id, r.post_id, o.case_id, o.status, o.decision_id, o.outcome_reason, "
        "o.resolved_at FROM report_outcomes o JOIN reports r ON r.report_id = o.row_id WHERE o.report_id=? "
        "ORDER BY o.row_id", (report_id,)).fetchall()
    if not rows:  # a file report no reviewer has closed yet
        rows = conn.execute(
            "SELECT r.report_id, r.platform, r.account_id, r.post_id, c.case_id, 'pending', NULL, NULL, NULL "
            "FROM reports r LEFT JOIN cases c ON EXISTS (SELECT 1 FROM json_each(c.report_ids) j WHERE "
            "j.value = r.report_id) WHERE r.report_id=?", (report_id,)).fetchall()
    subjects = [{"row_id": r[0], "platform": r[1], "account_id": r[2], "post_id": r[3], "case_id": r[4],
                 "status": r[5], "decision_id": r[6], "outcome": r[7], "resolved_at": r[8]} for r in rows]
    status = overall_status([s["status"] for s in subjects])
    return {"report_id": report_id, "reporter_id": meta[0], "source": meta[2], "received_at": meta[3],
            "status": status, "case_id": subjects[0]["case_id"] if subjects else None, "subjects": subjects,
            "outcome": next((s["outcome"] for s in subjects if s["outcome"]), None)}


def list_reports(conn: sqlite3.Connection, who: Principal, limit: int = 100) -> list[dict[str, Any]]:
    if who.role in ("reviewer", "admin"):
        ids = conn.execute("SELECT report_id FROM report_meta ORDER BY received_at DESC, report_id LIMIT ?",
                           (limit,)).fetchall()
    else:
        ids = conn.execute("SELECT report_id FROM report_meta WHERE submitted_by=? ORDER BY received_at DESC, "
                           "report_id LIMIT ?", (who.token_id, limit)).fetchall()
    return [v for (rid,) in ids if (v := report_view(conn, rid, who)) is not None]


def notifications_for(conn: sqlite3.Connection, recipients: list[str], limit: int = 100) -> list[dict[str, Any]]:
    marks = ",".join("?" * len(recipients))
    rows = conn.execute(f"SELECT notification_id, recipient, kind, subject, body, created_at FROM notifications "
                        f"WHERE recipient IN ({marks}) ORDER BY created_at DESC, notification_id LIMIT ?",
                        (*recipients, limit)).fetchall()
    return [{"notification_id": r[0], "recipient": r[1], "kind": r[2], "subject": orjson.loads(r[3]),
             "body": r[4], "created_at": r[5]} for r in rows]


def notices_for(conn: sqlite3.Connection, account: str, limit: int = 100) -> list[dict[str, Any]]:
    """The penalty notices of one account ("platform/account_id"), shaped like notifications."""
    from vigil.api.tokens import parse_account
    from vigil.enforcement.appeal_codes import appeal_code

    platform, account_id = parse_account(account)
    rows = conn.execute("SELECT notice_id, decision_id, created_at, body FROM notices WHERE platform=? AND account_id=? "
                        "ORDER BY created_at DESC, notice_id LIMIT ?", (platform, account_id, limit)).fetchall()
    out = []
    for notice_id, decision_id, created_at, body in rows:
        notice = orjson.loads(body)
        code = (notice.get("appeal") or {}).get("code") or appeal_code(conn, decision_id)
        out.append({"notification_id": notice_id, "recipient": f"account:{account}", "kind": "notice",
                    "subject": {"notice_id": notice_id, "decision_id": decision_id, "appeal_code": code},
                    "body": f"{notice.get('message', '')} Appeal code: {code}.", "created_at": created_at})
    return out
