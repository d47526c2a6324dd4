"""Reporter track records and how much their reports raise a case's priority.

A reporter's weight is the share of their resolved reports that reviewers upheld, smoothed towards a
low prior so that a new account starts with little weight: (upheld + 0.5) / (resolved + 2.5) gives 0.2
to a newcomer, ~0.85 after 10 of 10 upheld and ~0.04 after 0 of 10. Reporters with fewer than
`SEASONED` resolved reports count together for at most `NEWCOMER_CAP`, so a brigade of fresh
accounts cannot push a case above what one reliable reporter does. Reports never take anything down
by themselves: they only order the human review queue.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

PRIOR_UPHELD = 0.5
PRIOR_TOTAL = 2.5
SEASONED = 3
NEWCOMER_CAP = 0.3
REPORTS_CAP = 1.0


@dataclass(frozen=True)
class TrackRecord:
    reporter_id: str
    submitted: int = 0
    upheld: int = 0
    dismissed: int = 0
    reversed: int = 0

    @property
    def resolved(self) -> int:
        return self.upheld + self.dismissed + self.reversed

    @property
    def weight(self) -> float:
        return (self.upheld + PRIOR_UPHELD) / (self.resolved + PRIOR_TOTAL)

    @property
    def upheld_share(self) -> float | None:
        return self.upheld / self.resolved if self.resolved else None


def track_record(conn: sqlite3.Connection, reporter_id: str) -> TrackRecord:
    row = conn.execute("SELECT submitted, upheld, dismissed, reversed FROM reporter_stats WHERE reporter_id=?",
                       (reporter_id,)).fetchone()
    return TrackRecord(reporter_id, *(int(v) for v in row)) if row else TrackRecord(reporter_id)


def reports_score(records: Iterable[TrackRecord]) -> float:
    """Priority contributed by the independent reporters of one case (each counted once)."""
    seasoned = newcomers = 0.0
    for rec in records:
        if rec.resolved >= SEASONED:
            seasoned += rec.weight
        else:
            newcomers += rec.weight
    return round(min(REPORTS_CAP, seasoned + min(NEWCOMER_CAP, newcomers)), 4)


def case_priority(conn: sqlite3.Connection, case_id: str) -> float:
    """Highest finding score of the case plus the weighted score of its distinct reporters."""
    row = conn.execute("SELECT finding_ids, report_ids FROM cases WHERE case_id=?", (case_id,)).fetchone()
    if row is None:
        return 0.0
    best = conn.execute(
        "SELECT max(score) FROM findings WHERE finding_id IN (SELECT value FROM json_each(?))", (row[0],)
    ).fetchone()[0]
    reporters = [r[0] for r in conn.execute(
        "SELECT DISTINCT reporter_id FROM reports WHERE report_id IN (SELECT value FROM json_each(?)) "
        "ORDER BY reporter_id", (row[1],))]
    return round(float(best or 0.0) + reports_score(track_record(conn, r) for r in reporters), 4)


def bump(conn: sqlite3.Connection, reporter_id: str, **deltas: int) -> None:
    """Add to a reporter's counters (submitted / upheld / dismissed / reversed)."""
    conn.execute("INSERT OR IGNORE INTO reporter_stats (reporter_id) VALUES (?)", (reporter_id,))
    for key, delta in deltas.items():
        if key not in ("submitted", "upheld", "dismissed", "reversed"):
            raise ValueError(key)
        conn.execute(f"UPDATE reporter_stats SET {key} = max(0, {key} + ?) WHERE reporter_id=?", (delta, reporter_id))
