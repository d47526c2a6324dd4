"""Reviewers at work: claim a case under an exclusive expiring lock, see its evidence, decide it.

Claims are one `UPDATE ... WHERE <claimable> RETURNING` inside a `BEGIN IMMEDIATE` transaction, so
two reviewers can never hold the same case. A decision is applied through the same recorder and sink
as automated ones (decision, penalty events, ledger, notices, audit), marked `automated=False` with
the reviewer as actor, and the reporters behind the case are told the outcome.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from typing import Any

import orjson

from vigil import audit
from vigil.api.errors import ApiError, not_found
from vigil.api.tokens import Principal
from vigil.enforcement import LedgerSink, effective_state
from vigil.enforcement.record import record_decision, record_notice
from vigil.intake.service import mark_in_review, resolve_case
from vigil.model import PENALTIES
from vigil.policy import Decision, PenaltyAction, Policy
from vigil.policy.decide import decision_id_for
from vigil.timeutil import iso_seconds

LOCK_MINUTES = 15
DUE_SOON_HOURS = 4
CASE_COLS = ("case_id", "platform", "account_id", "post_id", "queue", "status", "severity", "priority", "due_at",
             "created_at", "locked_by", "lock_expires_at", "decision_id", "finding_ids", "report_ids")


def sla_status(due_at: str, now: datetime) -> str:
    stamp = iso_seconds(now)
    if due_at <= stamp:
        return "overdue"
    if due_at <= iso_seconds(now + timedelta(hours=DUE_SOON_HOURS)):
        return "due_soon"
    return "ok"


def _case_dict(row: sqlite3.Row | tuple[Any, ...], now: datetime) -> dict[str, Any]:
    case = dict(zip(CASE_COLS, tuple(row), strict=True))
    case["finding_ids"] = orjson.loads(case["finding_ids"])
    case["report_ids"] = orjson.loads(case["report_ids"])
    if case["status"] == "claimed" and (case["lock_expires_at"] or "") <= iso_seconds(now):
        case["status"] = "open"  # an abandoned lock no longer holds
        case["locked_by"] = case["lock_expires_at"] = None
    case["sla"] = sla_status(case["due_at"], now) if case["status"] in ("open", "claimed") else "closed"
    return case


def get_case(conn: sqlite3.Connection, case_id: str, now: datetime) -> dict[str, Any]:
    row = conn.execute(f"SELECT {', '.join(CASE_COLS)} FROM cases WHERE case_id=?", (case_id,)).fetchone()
    if row is None:
        raise not_found("case")
    return _case_dict(row, now)


def list_cases(conn: sqlite3.Connection, now: datetime, queue: str | None = None, status: str = "open",
               limit: int = 100) -> list[dict[str, Any]]:
    """Cases of a queue (all queues when None), most urgent first. status: open | closed | all."""
    where, args = [], []
    if queue:
        where.append("queue=?")
        args.append(queue)
    if status == "open":
        where.append("status IN ('open','claimed')")
    elif status == "closed":
        where.append("status IN ('decided','dismissed')")
    sql = f"SELECT {', '.join(CASE_COLS)} FROM cases"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY priority DESC, due_at, case_id LIMIT ?"
    return [_case_dict(r, now) for r in conn.execute(sql, (*args, limit))]


def queue_overview(conn: sqlite3.Connection, now: datetime) -> list[dict[str, Any]]:
    stamp, soon = iso_seconds(now), iso_seconds(now + timedelta(hours=DUE_SOON_HOURS))
    rows = conn.execute(
        "SELECT queue, sum(status IN ('open','claimed')), sum(status='claimed' AND lock_expires_at > ?), "
        "sum(status IN ('open','claimed') AND due_at <= ?), "
        "sum(status IN ('open','claimed') AND due_at > ? AND due_at <= ?), sum(status IN ('decided','dismissed')), "
        "min(CASE WHEN status IN ('open','claimed') THEN due_at END) FROM cases GROUP BY queue ORDER BY queue",
        (stamp, stamp, stamp, soon)).fetchall()
    return [{"queue": r[0], "open": r[1] or 0, "claimed": r[2] or 0, "overdue": r[3] or 0, "due_soon": r[4] or 0,
             "closed": r[5] or 0, "next_due": r[6]} for r in rows]


def claim(conn: sqlite3.Connection, who: Principal, now: datetime, case_id: str | None = None,
          queue: str | None = None, lock_minutes: int = LOCK_MINUTES) -> dict[str, Any]:
    """Claim one case (the most urgent claimable one when `case_id` is None). Call inside a transaction."""
    stamp, until = iso_seconds(now), iso_seconds(now + timedelta(minutes=lock_minutes))
    claimable = "(status='open' OR (status='claimed' AND (lock_expires_at <= ? OR locked_by = ?)))"
    if case_id is None:
        # next: an open case or one whose lock was abandoned (never one the caller already holds)
        pick = "SELECT case_id FROM cases WHERE (status='open' OR (status='claimed' AND lock_expires_at <= ?))"
        args: list[Any] = [stamp]
        if queue:
            pick += " AND queue=?"
            args.append(queue)
        pick += " ORDER BY priority DESC, due_at, case_id LIMIT 1"
        target = conn.execute(pick, args).fetchone()
        if target is None:
            raise ApiError(404, "queue_empty", "no case is waiting in this queue" if queue else "no case is waiting")
        case_id = str(target[0])
    before = conn.execute("SELECT status, locked_by, lock_expires_at FROM cases WHERE case_id=?", (case_id,)).fetchone()
    if before is None:
        raise not_found("case")
    row = conn.execute(
        f"UPDATE cases SET status='claimed', locked_by=?, lock_expires_at=? WHERE case_id=? AND {claimable} "
        "RETURNING case_id", (who.actor, until, case_id, stamp, who.actor)).fetchone()
    if row is None:
        if before[0] in ("decided", "dismissed"):
            raise ApiError(409, "case_closed", f"case is already {before[0]}")
        raise ApiError(409, "case_locked", f"case is claimed by {before[1]} until {before[2]}")
    mark_in_review(conn, case_id)
    audit.append(conn, actor=who.actor, action="case.claim", subject={"case_id": case_id},
                 before={"status": before[0], "locked_by": before[1], "lock_expires_at": before[2]},
                 after={"status": "claimed", "locked_by": who.actor, "lock_expires_at": until},
                 reason="reviewer claimed the case", at=stamp)
    return get_case(conn, case_id, now)


def release(conn: sqlite3.Connection, who: Principal, case_id: str, now: datetime) -> dict[str, Any]:
    row = conn.execute("UPDATE cases SET status='open', locked_by=NULL, lock_expires_at=NULL WHERE case_id=? "
                       "AND status='claimed' AND locked_by=? RETURNING case_id", (case_id, who.actor)).fetchone()
    if row is None:
        get_case(conn, case_id, now)
        raise ApiError(409, "not_claimed", "you do not hold this case")
    audit.append(conn, actor=who.actor, action="case.release", subject={"case_id": case_id},
                 before={"status": "claimed", "locked_by": who.actor}, after={"status": "open"},
                 reason="reviewer released the case", at=iso_seconds(now))
    return get_case(conn, case_id, now)


def strikes_of(conn: sqlite3.Connection, platform: str, account_id: str) -> int:
    return int(conn.execute("SELECT count(*) FROM decisions WHERE platform=? AND account_id=? AND shadow=0 "
                            "AND status NOT IN ('reversed')", (platform, account_id)).fetchone()[0])


def ladder_step(policy: Policy, severity: str, strikes: int) -> list[str]:
    ladder = policy.ladders[severity]
    return list(ladder[min(strikes, len(ladder) - 1)])


def _actions(names: list[str], post_id: str | None, policy: Policy, now: datetime) -> list[PenaltyAction]:
    out: list[PenaltyAction] = []
    for p in dict.fromkeys(names):
        if p == "remove_post":
            if post_id:
                out.append(PenaltyAction("remove_post", post_id=post_id))
        elif p in ("suspend_monetization", "suspend_account"):
            days = policy.durations_days.get(p, 30)
            out.append(PenaltyAction(p, ends_at=iso_seconds(now + timedelta(days=days))))
        else:
            out.append(PenaltyAction(p))
    return out


def decide_case(conn: sqlite3.Connection, who: Principal, case_id: str, *, action: str, reason: str,
                policy: Policy, now: datetime, penalties: list[str] | None = None,
                category: str | None = None) -> dict[str, Any]:
    """Dismiss the case or apply penalties from the ladder. The reviewer must hold the case's lock."""
    case = get_case(conn, case_id, now)
    raw = conn.execute("SELECT status, locked_by FROM cases WHERE case_id=?", (case_id,)).fetchone()
    if raw[0] in ("decided", "dismissed"):
        raise ApiError(409, "case_closed", f"case is already {raw[0]}")
    if raw[0] != "claimed" or raw[1] != who.actor:
        raise ApiError(409, "not_claimed", "claim the case before deciding it (POST /api/v1/cases/{id}/claim)")
    stamp = iso_seconds(now)
    if action == "dismiss":
        conn.execute("UPDATE cases SET status='dismissed', lock_expires_at=NULL WHERE case_id=?", (case_id,))
        conn.execute("INSERT INTO case_reviews VALUES (?,?,?,?,?,?)", (case_id, who.actor, "dismissed", reason, None, stamp))
        audit.append(conn, actor=who.actor, action="case.dismiss", subject={"case_id": case_id},
                     before={"status": "claimed"}, after={"status": "dismissed"}, reason=reason, at=stamp)
        told = resolve_case(conn, case_id, "dismissed", None, reason, stamp)
        return {"case_id": case_id, "status": "dismissed", "decision_id": None, "reporters_told": told}
    if action != "penalize":
        raise ApiError(422, "invalid_decision", "action must be 'dismiss' or 'penalize'")
    category = category or (case["queue"] if case["queue"] in policy.rules else None)
    if category not in policy.rules:
        raise ApiError(422, "invalid_decision", f"category must be one of {', '.join(policy.rules)}")
    severity = case["severity"] if case["queue"] == category else policy.rules[category].severity["default"]
    strikes = strikes_of(conn, case["platform"], case["account_id"])
    allowed = {p for step in policy.ladders[severity] for p in step}
    if penalties:
        bad = [p for p in penalties if p not in PENALTIES or p not in allowed]
        if bad:
            raise ApiError(422, "invalid_decision",
                           f"penalties {bad} are not on the {severity} ladder ({', '.join(sorted(allowed))})")
        if "remove_post" in penalties and not case["post_id"]:
            raise ApiError(422, "invalid_decision", "remove_post needs a case about a post")
        actions = _actions(penalties, case["post_id"], policy, now)
    else:
        actions = _actions(ladder_step(policy, severity, strikes), case["post_id"], policy, now) or \
            [PenaltyAction("warning")]
    findings = [dict(r) for r in conn.execute(
        "SELECT finding_id, detector, subcategory, score, evidence FROM findings WHERE finding_id IN "
        "(SELECT value FROM json_each(?)) ORDER BY finding_id", (orjson.dumps(case["finding_ids"]).decode(),))]
    for f in findings:
        f.update(orjson.loads(f.pop("evidence")))
    subcategory = next((f["subcategory"] for f in findings), None) or "reported"
    rule = policy.rules[category]
    d = Decision(
        decision_id=decision_id_for(case["platform"], case["account_id"], case["post_id"], category,
                                    [*case["finding_ids"], f"case:{case_id}"]),
        platform=case["platform"], account_id=case["account_id"], post_id=case["post_id"], category=category,
        subcategory=subcategory, severity=severity, strikes_before=strikes, penalties=tuple(actions),
        rule_id=rule.rule_id, reason=f"{rule.rule_id} {rule.title}: reviewed by {who.actor}: {reason}",
        evidence={"case_id": case_id, "findings": findings, "report_ids": case["report_ids"]},
        finding_ids=tuple(case["finding_ids"]), score=max((float(f["score"]) for f in findings), default=1.0),
        reported=bool(case["report_ids"]))
    record_decision(conn, d, run_id=None, shadow=False, at=now, actor=who.actor, automated=False, source="reviewer")
    sink = LedgerSink(conn)
    for a in actions:
        if sink.apply(d, a, actor=who.actor, at=now):
            record_notice(conn, d, a, policy, now, actor=who.actor, automated=False)
    conn.execute("UPDATE cases SET status='decided', decision_id=?, lock_expires_at=NULL WHERE case_id=?",
                 (d.decision_id, case_id))
    conn.execute("INSERT INTO case_reviews VALUES (?,?,?,?,?,?)",
                 (case_id, who.actor, "decided", reason, d.decision_id, stamp))
    audit.append(conn, actor=who.actor, action="case.decide", subject={"case_id": case_id},
                 before={"status": "claimed"}, after={"status": "decided", "decision_id": d.decision_id,
                                                      "penalties": [a.as_dict() for a in actions]},
                 reason=reason, at=stamp)
    told = resolve_case(conn, case_id, "upheld", d.decision_id, reason, stamp)
    return {"case_id": case_id, "status": "decided", "decision_id": d.decision_id,
            "penalties": [a.as_dict() for a in actions], "reporters_told": told}


def case_evidence(conn: sqlite3.Connection, case: dict[str, Any], now: datetime) -> dict[str, Any]:
    """What a reviewer needs to decide: findings with the matched entity/claim, reports, account, history."""
    ids = orjson.dumps(case["finding_ids"]).decode()
    findings = []
    for r in conn.execute("SELECT finding_id, category, subcategory, detector, score, evidence, post_id FROM findings "
                          "WHERE finding_id IN (SELECT value FROM json_each(?)) ORDER BY score DESC", (ids,)):
        ev = orjson.loads(r[5])
        item = {"finding_id": r[0], "category": r[1], "subcategory": r[2], "detector": r[3], "score": r[4],
                "post_id": r[6], "evidence": ev}
        if ev.get("entity_id"):
            ent = conn.execute("SELECT data FROM entities WHERE entity_id=?", (ev["entity_id"],)).fetchone()
            item["entity"] = orjson.loads(ent[0]) if ent else None
        if ev.get("claim_id"):
            cl = conn.execute("SELECT data FROM claims WHERE claim_id=?", (ev["claim_id"],)).fetchone()
            item["claim"] = orjson.loads(cl[0]) if cl else None
        findings.append(item)
    reports = [orjson.loads(r[0]) for r in conn.execute(
        "SELECT data FROM reports WHERE report_id IN (SELECT value FROM json_each(?)) ORDER BY created_at, report_id",
        (orjson.dumps(case["report_ids"]).decode(),))]
    acct = conn.execute("SELECT data FROM accounts WHERE platform=? AND account_id=?",
                        (case["platform"], case["account_id"])).fetchone()
    post = conn.execute("SELECT data FROM posts WHERE platform=? AND post_id=?",
                        (case["platform"], case["post_id"])).fetchone() if case["post_id"] else None
    led = conn.execute("SELECT status, suspended_until, followers, followers_removed, monetization, monetization_until, "
                       "removed_posts FROM ledger WHERE platform=? AND account_id=?",
                       (case["platform"], case["account_id"])).fetchone()
    keys = ("status", "suspended_until", "followers", "followers_removed", "monetization", "monetization_until",
            "removed_posts")
    history = [dict(r) for r in conn.execute(
        "SELECT decision_id, category, subcategory, penalties, decided_by, automated, decided_at, status FROM decisions "
        "WHERE platform=? AND account_id=? AND shadow=0 ORDER BY decided_at, decision_id",
        (case["platform"], case["account_id"]))]
    for h in history:
        h["penalties"] = orjson.loads(h["penalties"])
    near = [dict(r) for r in conn.execute(
        "SELECT finding_id, post_id, score FROM findings WHERE subcategory='near_duplicate' AND platform=? AND "
        "evidence ->> '$.of_post_id' = ? ORDER BY score DESC LIMIT 20", (case["platform"], case["post_id"] or ""))]
    return {"findings": findings, "reports": reports, "account": orjson.loads(acct[0]) if acct else None,
            "post": orjson.loads(post[0]) if post else None,
            "ledger": effective_state(dict(zip(keys, led, strict=True)), now) if led else None,
            "history": history, "near_duplicates": near}
