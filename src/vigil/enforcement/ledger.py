"""The default sink: applies penalties to the store's platform ledger as events.

Every change is a row in `penalty_events` (idempotent on `event_key`), an update of the derived
`ledger` row and an audit record, all in the caller's transaction. Reversal and expiry restore what
the event's `before` recorded (followers, monetisation, account status).
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any

import orjson

from vigil import audit
from vigil.policy import Decision, PenaltyAction
from vigil.timeutil import iso

LEDGER_FIELDS = ("status", "suspended_until", "followers", "followers_removed", "monetization",
                 "monetization_until", "removed_posts")


def _ledger_row(conn: sqlite3.Connection, platform: str, account_id: str) -> dict[str, Any]:
    row = conn.execute(
        f"SELECT {', '.join(LEDGER_FIELDS)} FROM ledger WHERE platform=? AND account_id=?", (platform, account_id)
    ).fetchone()
    if row is not None:
        return dict(zip(LEDGER_FIELDS, row, strict=True))
    acct = conn.execute(
        "SELECT followers, monetized FROM accounts WHERE platform=? AND account_id=?", (platform, account_id)
    ).fetchone()
    followers, monetized = (acct[0], bool(acct[1])) if acct else (None, False)
    state = {"status": "active", "suspended_until": None, "followers": followers, "followers_removed": 0,
             "monetization": "active" if monetized else "none", "monetization_until": None, "removed_posts": 0}
    conn.execute(
        "INSERT INTO ledger (platform, account_id, status, followers, monetization) VALUES (?,?,?,?,?)",
        (platform, account_id, "active", followers, state["monetization"]),
    )
    return state


def _save(conn: sqlite3.Connection, platform: str, account_id: str, state: dict[str, Any]) -> None:
    sets = ", ".join(f"{k}=?" for k in LEDGER_FIELDS)
    conn.execute(f"UPDATE ledger SET {sets} WHERE platform=? AND account_id=?",
                 (*[state[k] for k in LEDGER_FIELDS], platform, account_id))


def _apply_to(state: dict[str, Any], action: PenaltyAction) -> dict[str, Any]:
    new = dict(state)
    p = action.penalty
    if p == "remove_post":
        new["removed_posts"] = state["removed_posts"] + 1
    elif p == "remove_followers":
        new["followers_removed"] = (state["followers_removed"] or 0) + (state["followers"] or 0)
        new["followers"] = 0
    elif p == "suspend_monetization":
        if state["monetization"] != "cancelled":
            new["monetization"], new["monetization_until"] = "suspended", action.ends_at
    elif p == "cancel_monetization":
        new["monetization"], new["monetization_until"] = "cancelled", None
    elif p == "suspend_account":
        if state["status"] != "closed":
            new["status"], new["suspended_until"] = "suspended", action.ends_at
    elif p == "close_account":
        new["status"], new["suspended_until"] = "closed", None
    return new


def _restore(state: dict[str, Any], penalty: str, before: dict[str, Any]) -> dict[str, Any]:
    """Undo one penalty using the state recorded before it, leaving later unrelated changes alone."""
    new = dict(state)
    if penalty == "remove_post":
        new["removed_posts"] = max(0, state["removed_posts"] - 1)
    elif penalty == "remove_followers":
        restored = before.get("followers") or 0
        new["followers"] = (state["followers"] or 0) + restored
        new["followers_removed"] = max(0, (state["followers_removed"] or 0) - restored)
    elif penalty in ("suspend_monetization", "cancel_monetization"):
        new["monetization"], new["monetization_until"] = before["monetization"], before["monetization_until"]
    elif penalty in ("suspend_account", "close_account"):
        new["status"], new["suspended_until"] = before["status"], before["suspended_until"]
    return new


def effective_state(state: dict[str, Any], now: datetime) -> dict[str, Any]:
    """State as of `now`: timed penalties whose end has passed no longer hold (checked on read)."""
    out = dict(state)
    stamp = iso(now)
    if out.get("status") == "suspended" and out.get("suspended_until") and out["suspended_until"] <= stamp:
        out["status"], out["suspended_until"] = "active", None
    if out.get("monetization") == "suspended" and out.get("monetization_until") and out["monetization_until"] <= stamp:
        out["monetization"], out["monetization_until"] = "active", None
    return out


class LedgerSink:
    """Applies, reverses and expires penalties in the SQLite ledger."""

    name = "ledger"

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def apply(self, decision: Decision, action: PenaltyAction, *, actor: str, at: datetime) -> bool:
        """Apply one penalty of a decision; False when it was applied before (replay)."""
        key = f"{decision.decision_id}:{action.penalty}:{action.post_id or ''}:apply"
        if self.conn.execute("SELECT 1 FROM penalty_events WHERE event_key=?", (key,)).fetchone():
            return False
        before = _ledger_row(self.conn, decision.platform, decision.account_id)
        after = _apply_to(before, action)
        _save(self.conn, decision.platform, decision.account_id, after)
        if action.penalty == "remove_post" and action.post_id:
            self.conn.execute("INSERT OR IGNORE INTO removed_posts VALUES (?,?,?)",
                              (decision.platform, action.post_id, decision.decision_id))
        self._event(key, decision.decision_id, "apply", action.penalty, decision.platform, decision.account_id,
                    action.post_id, at, action.ends_at, actor, decision.reason, before)
        audit.append(self.conn, actor=actor, action=f"penalty.apply.{action.penalty}",
                     subject={"platform": decision.platform, "account_id": decision.account_id,
                              "post_id": action.post_id, "decision_id": decision.decision_id},
                     before=before, after=after, reason=decision.reason, at=iso(at))
        return True

    def reverse(self, decision_id: str, *, actor: str, at: datetime, reason: str) -> int:
        """Undo every still-active penalty of a decision (appeal upheld). Returns how many."""
        return self._undo(decision_id, "reverse", actor=actor, at=at, reason=reason)

    def expire_due(self, now: datetime, *, actor: str = "system:expiry") -> int:
        """End every timed penalty whose end date has passed; idempotent."""
        stamp = iso(now)
        rows = self.conn.execute(
            "SELECT decision_id FROM penalty_events e WHERE kind='apply' AND ends_at IS NOT NULL AND ends_at <= ? "
            "AND NOT EXISTS (SELECT 1 FROM penalty_events x WHERE x.kind IN ('reverse','expire') "
            "AND x.event_key = e.decision_id || ':' || e.penalty || ':' || COALESCE(e.post_id,'') || ':' || x.kind) "
            "ORDER BY seq", (stamp,)).fetchall()
        n = 0
        for (decision_id,) in dict.fromkeys(rows):
            n += self._undo(decision_id, "expire", actor=actor, at=now, reason="timed penalty ended",
                            only_timed_before=stamp)
        return n

    def _undo(self, decision_id: str, kind: str, *, actor: str, at: datetime, reason: str,
              only_timed_before: str | None = None) -> int:
        applied = self.conn.execute(
            "SELECT penalty, platform, account_id, post_id, ends_at, before FROM penalty_events "
            "WHERE decision_id=? AND kind='apply' ORDER BY seq DESC", (decision_id,)).fetchall()
        n = 0
        for penalty, platform, account_id, post_id, ends_at, before_json in applied:
            if only_timed_before is not None and not (ends_at and ends_at <= only_timed_before):
                continue
            base = f"{decision_id}:{penalty}:{post_id or ''}"
            done = self.conn.execute("SELECT 1 FROM penalty_events WHERE event_key IN (?, ?)",
                                     (base + ":reverse", base + ":expire")).fetchone()
            if done:
                continue
            state = _ledger_row(self.conn, platform, account_id)
            after = _restore(state, penalty, orjson.loads(before_json) if before_json else {})
            _save(self.conn, platform, account_id, after)
            if penalty == "remove_post" and post_id:
                self.conn.execute("DELETE FROM removed_posts WHERE platform=? AND post_id=?", (platform, post_id))
            self._event(f"{base}:{kind}", decision_id, kind, penalty, platform, account_id, post_id, at, None,
                        actor, reason, state)
            audit.append(self.conn, actor=actor, action=f"penalty.{kind}.{penalty}",
                         subject={"platform": platform, "account_id": account_id, "post_id": post_id,
                                  "decision_id": decision_id},
                         before=state, after=after, reason=reason, at=iso(at))
            n += 1
        return n

    def _event(self, key: str, decision_id: str, kind: str, penalty: str, platform: str, account_id: str,
               post_id: str | None, at: datetime, ends_at: str | None, actor: str, reason: str,
               before: dict[str, Any]) -> None:
        self.conn.execute(
            "INSERT INTO penalty_events (event_key, decision_id, kind, penalty, platform, account_id, post_id, at, "
            "ends_at, actor, reason, before) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (key, decision_id, kind, penalty, platform, account_id, post_id, iso(at), ends_at, actor, reason,
             orjson.dumps(before).decode()),
        )


def replay_ledger(conn: sqlite3.Connection) -> dict[tuple[str, str], dict[str, Any]]:
    """Derive every account's ledger state from the penalty events alone, in order.

    The `ledger` table is a cache of this; `tests/test_ledger.py` checks the two agree.
    """
    states: dict[tuple[str, str], dict[str, Any]] = {}
    applied_before: dict[str, dict[str, Any]] = {}
    rows = conn.execute("SELECT event_key, kind, penalty, platform, account_id, post_id, ends_at, before "
                        "FROM penalty_events ORDER BY seq")
    for key, kind, penalty, platform, account_id, post_id, ends_at, before_json in rows:
        acct = (platform, account_id)
        if acct not in states:
            first = orjson.loads(before_json) if before_json else {}
            states[acct] = {k: first.get(k) for k in LEDGER_FIELDS}
        base = key.rsplit(":", 1)[0]
        if kind == "apply":
            applied_before[base] = orjson.loads(before_json) if before_json else {}
            states[acct] = _apply_to(states[acct], PenaltyAction(penalty, post_id=post_id, ends_at=ends_at))
        else:
            states[acct] = _restore(states[acct], penalty, applied_before.get(base, {}))
    return states
