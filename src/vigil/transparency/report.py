"""The campaign's transparency report: penalties applied (and not reversed) per category, platform, time.

Every number comes from the penalty events in the store, so the report reconciles with the decisions.
"""

from __future__ import annotations

import csv
import sqlite3
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from vigil.model import CATEGORIES, PENALTIES

LIGHTER = ("remove_followers", "suspend_monetization", "cancel_monetization", "suspend_account")


def _zeros() -> dict[str, int]:
    return dict.fromkeys(PENALTIES, 0)


def _standing_events(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    """Applied penalty events with no reversal (expired timed penalties were applied: they count)."""
    return conn.execute(
        "SELECT e.penalty, e.platform, e.account_id, e.post_id, d.category, d.subcategory, e.decision_id, "
        "COALESCE(p.created_at, (SELECT max(created_at) FROM posts q WHERE q.platform=e.platform "
        "AND q.account_id=e.account_id), a.data ->> '$.created_at', e.at) AS observed_at "
        "FROM penalty_events e JOIN decisions d ON d.decision_id = e.decision_id "
        "LEFT JOIN posts p ON p.platform=e.platform AND p.post_id=e.post_id "
        "LEFT JOIN accounts a ON a.platform=e.platform AND a.account_id=e.account_id "
        "WHERE e.kind='apply' AND NOT EXISTS (SELECT 1 FROM penalty_events r WHERE r.kind='reverse' "
        "AND r.decision_id=e.decision_id AND r.penalty=e.penalty AND COALESCE(r.post_id,'')=COALESCE(e.post_id,'')) "
        "ORDER BY e.seq"
    ).fetchall()


def build_report(conn: sqlite3.Connection, *, include_shadow: bool = False) -> dict[str, Any]:
    totals = _zeros()
    by_category: dict[str, dict[str, int]] = {c: _zeros() for c in CATEGORIES}
    by_platform: dict[str, dict[str, int]] = defaultdict(_zeros)
    by_subcategory: dict[str, dict[str, int]] = defaultdict(_zeros)
    over_time: dict[str, dict[str, int]] = defaultdict(_zeros)
    closed: set[tuple[str, str]] = set()
    lighter: set[tuple[str, str]] = set()
    removed_posts: set[tuple[str, str]] = set()
    closed_by_cat: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for penalty, platform, account_id, post_id, category, subcategory, _d, observed in _standing_events(conn):
        totals[penalty] += 1
        by_category.setdefault(category, _zeros())[penalty] += 1
        by_platform[platform][penalty] += 1
        by_subcategory[f"{category}/{subcategory}"][penalty] += 1
        over_time[str(observed)[:7]][penalty] += 1
        if penalty == "close_account":
            closed.add((platform, account_id))
            closed_by_cat[category].add((platform, account_id))
        elif penalty in LIGHTER:
            lighter.add((platform, account_id))
        elif penalty == "remove_post" and post_id:
            removed_posts.add((platform, post_id))
    reversed_counts = _zeros()
    for (penalty, n) in conn.execute("SELECT penalty, count(*) FROM penalty_events WHERE kind='reverse' GROUP BY penalty"):
        reversed_counts[penalty] = n
    expired = _zeros()
    for (penalty, n) in conn.execute("SELECT penalty, count(*) FROM penalty_events WHERE kind='expire' GROUP BY penalty"):
        expired[penalty] = n
    pending = {q: n for q, n in conn.execute(
        "SELECT queue, count(*) FROM cases WHERE status IN ('open','claimed') GROUP BY queue ORDER BY queue")}
    decisions = conn.execute("SELECT count(*) FROM decisions WHERE shadow=0").fetchone()[0]
    report: dict[str, Any] = {
        "totals": totals,
        "by_category": by_category,
        "by_platform": dict(sorted(by_platform.items())),
        "reversed": reversed_counts,
        "expired": expired,
        "by_subcategory": dict(sorted(by_subcategory.items())),
        "over_time": dict(sorted(over_time.items())),
        "summary": {
            "accounts_closed": len(closed),
            "posts_removed": len(removed_posts),
            "accounts_with_lighter_penalties": len(lighter - closed),
            "accounts_closed_by_category": {c: len(closed_by_cat.get(c, ())) for c in by_category},
            "decisions": decisions,
            "pending_review": pending,
            "findings": conn.execute("SELECT count(*) FROM findings").fetchone()[0],
            "appeals": _appeal_counts(conn),
        },
        "generated_at": datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "runs": [dict(r) for r in conn.execute(
            "SELECT run_id, shadow, as_of, status, policy_sha256 FROM campaign_runs ORDER BY started_at")],
    }
    if include_shadow:
        report["shadow"] = shadow_counts(conn)
    from vigil.backtest import latest

    if backtest := latest(conn):
        report["backtest"] = backtest
    return report


def _appeal_counts(conn: sqlite3.Connection) -> dict[str, int]:
    try:
        return {s: n for s, n in conn.execute("SELECT status, count(*) FROM appeals GROUP BY status")}
    except sqlite3.OperationalError:  # no appeals table in this store yet
        return {}


def shadow_counts(conn: sqlite3.Connection) -> dict[str, Any]:
    """What a shadow run would have applied: decisions recorded but never enforced."""
    totals = _zeros()
    by_category: dict[str, dict[str, int]] = {c: _zeros() for c in CATEGORIES}
    for category, penalties in conn.execute("SELECT category, penalties FROM decisions WHERE shadow=1"):
        for action in orjson.loads(penalties):
            totals[action["penalty"]] += 1
            by_category[category][action["penalty"]] += 1
    return {"totals": totals, "by_category": by_category}


def write_csv(report: dict[str, Any], path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["section", "key", "penalty", "count"])
        for p, n in report["totals"].items():
            w.writerow(["totals", "all", p, n])
        for section in ("by_category", "by_platform", "by_subcategory", "over_time", "reversed_section"):
            if section == "reversed_section":
                for p, n in report["reversed"].items():
                    w.writerow(["reversed", "all", p, n])
                continue
            for key, counts in report[section].items():
                for p, n in counts.items():
                    w.writerow([section, key, p, n])


def write_report(conn: sqlite3.Connection, out_dir: Path, *, include_shadow: bool = False,
                 extra: dict[str, Any] | None = None) -> dict[str, Path]:
    from vigil.transparency.html import render_html

    out_dir.mkdir(parents=True, exist_ok=True)
    report = build_report(conn, include_shadow=include_shadow)
    if extra:
        report.update(extra)
    paths = {"json": out_dir / "report.json", "csv": out_dir / "report.csv", "html": out_dir / "report.html"}
    paths["json"].write_bytes(orjson.dumps(report, option=orjson.OPT_INDENT_2))
    write_csv(report, paths["csv"])
    paths["html"].write_text(render_html(report), encoding="utf-8")
    return paths
