"""Campaign backtest: replay a policy over the store's past findings without applying anything.

The policy's pure `decide()` runs over every account's stored findings (fresh history: no strikes, so
the replay shows what the policy itself would do, not what earlier runs' strikes would add). Nothing is
written except one summary row in `backtests`. Its decisions are compared with what people decided:

- a reviewer's outcome labels a subject (platform, account, post, category):
  positive when a reviewer penalised it (case `decided`) or an appeal was rejected (decision `upheld`);
  negative when a reviewer dismissed the case or an appeal reversed the decision;
  automated decisions no person looked at are *unlabelled* and only count toward agreement.
- precision = acted-on positives / acted-on labelled subjects; recall = acted-on positives / positives.

`latest(conn)` returns the last summary for the transparency report (key "backtest").
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from vigil.model import Finding
from vigil.policy import AccountHistory, decide, load_policy

Key = tuple[str, str, str | None, str | None]  # platform, account_id, post_id, category (None: any)



def _findings(conn: sqlite3.Connection) -> list[Finding]:
    rows = conn.execute("SELECT finding_id, platform, account_id, post_id, category, subcategory, detector, score, "
                        "evidence FROM findings ORDER BY platform, account_id, finding_id")
    return [Finding.model_validate({"finding_id": r[0], "subject": {"platform": r[1], "account_id": r[2],
                                                                     "post_id": r[3]},
                                    "category": r[4], "subcategory": r[5], "detector": r[6], "score": r[7],
                                    "evidence": orjson.loads(r[8])}) for r in rows]


def reviewer_labels(conn: sqlite3.Connection) -> dict[Key, bool]:
    """What people concluded, per subject; a later negative (reversal) overrides an earlier positive."""
    labels: dict[Key, bool] = {}
    has_cases = conn.execute("SELECT 1 FROM sqlite_master WHERE name='cases'").fetchone()
    if has_cases:
        for platform, account_id, post_id, queue, status in conn.execute(
                "SELECT platform, account_id, post_id, queue, status FROM cases WHERE status IN ('decided','dismissed')"):
            cat = None if queue == "reports" else queue
            labels[(platform, account_id, post_id, cat)] = status == "decided"
    for platform, account_id, post_id, category, status in conn.execute(
            "SELECT platform, account_id, post_id, category, status FROM decisions "
            "WHERE shadow = 0 AND status IN ('upheld','reversed')"):
        labels[(platform, account_id, post_id, category)] = status == "upheld"
    return labels


def _label_for(labels: dict[Key, bool], key: Key) -> bool | None:
    exact = labels.get(key)
    return exact if exact is not None else labels.get((key[0], key[1], key[2], None))


def run_backtest(conn: sqlite3.Connection, policy_path: Path | None = None, *, record: bool = True,
                 as_of: datetime | None = None) -> dict[str, Any]:
    policy = load_policy(policy_path)
    as_of = as_of or datetime.now(UTC).replace(microsecond=0)
    by_account: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in _findings(conn):
        by_account[(f.subject.platform, f.subject.account_id)].append(f)
    acted: dict[Key, list[str]] = {}
    penalties: Counter[str] = Counter()
    for _key, fs in sorted(by_account.items()):
        for d in decide(fs, AccountHistory(), policy, as_of):
            names = [a.penalty for a in d.penalties]
            acted[(d.platform, d.account_id, d.post_id, d.category)] = names
            penalties.update(names)

    past: dict[Key, list[str]] = {}
    past_penalties: Counter[str] = Counter()
    for platform, account_id, post_id, category, pen, status in conn.execute(
            "SELECT platform, account_id, post_id, category, penalties, status FROM decisions WHERE shadow = 0"):
        names = [p["penalty"] for p in orjson.loads(pen)]
        past[(platform, account_id, post_id, category)] = names
        if status != "reversed":
            past_penalties.update(names)

    labels = reviewer_labels(conn)
    tp = fp = 0
    for key in acted:
        lab = _label_for(labels, key)
        if lab is True:
            tp += 1
        elif lab is False:
            fp += 1
    positives = [k for k, v in labels.items() if v]
    fn = sum(1 for k in positives if not any(_matches(a, k) for a in acted))
    same = sum(1 for k in acted if k in past)
    summary: dict[str, Any] = {
        "policy": policy.name,
        "policy_sha256": policy.sha256,
        "as_of": as_of.isoformat().replace("+00:00", "Z"),
        "findings": sum(len(v) for v in by_account.values()),
        "would_decide": len(acted),
        "would_apply": dict(sorted(penalties.items())),
        "past_decisions": len(past),
        "past_applied": dict(sorted(past_penalties.items())),
        "agreement": {"both": same, "only_policy": len(acted) - same, "only_past": len(set(past) - set(acted))},
        "reviewer_labelled": len(labels),
        "reviewer_positive": len(positives),
        "true_positive": tp,
        "false_positive": fp,
        "false_negative": fn,
        "precision": round(tp / (tp + fp), 4) if tp + fp else None,
        "recall": round((len(positives) - fn) / len(positives), 4) if positives else None,
        "unlabelled_acted": len(acted) - tp - fp,
    }
    if record:
        conn.execute("INSERT INTO backtests (at, policy_name, policy_sha256, summary) VALUES (?,?,?,?)",
                     (summary["as_of"], policy.name, policy.sha256, orjson.dumps(summary).decode()))
    return summary


def _matches(acted: Key, label: Key) -> bool:
    return acted[:3] == label[:3] and (label[3] is None or label[3] == acted[3])


def latest(conn: sqlite3.Connection) -> dict[str, Any] | None:
    """The most recent backtest summary, for the report's "backtest" key (None when none was run)."""
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name='backtests'").fetchone():
        return None
    row = conn.execute("SELECT summary FROM backtests ORDER BY backtest_id DESC LIMIT 1").fetchone()
    if row is None:
        return None
    loaded: dict[str, Any] = orjson.loads(row[0])
    return loaded


def report_section(db: Path) -> dict[str, Any] | None:
    """Convenience for the report writer: open the store read-only-ish and return `latest`."""
    conn = sqlite3.connect(str(db))
    try:
        return latest(conn)
    finally:
        conn.close()
