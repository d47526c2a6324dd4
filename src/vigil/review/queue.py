"""Open review cases for what automation may not decide: low-confidence findings and reported subjects."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

import orjson

from vigil import audit
from vigil.model import Finding, Report
from vigil.policy import Policy
from vigil.policy.model import SEVERITIES
from vigil.timeutil import iso


def case_id_for(platform: str, account_id: str, post_id: str | None, queue: str) -> str:
    raw = f"{platform}\x1f{account_id}\x1f{post_id or ''}\x1f{queue}"
    return "case-" + hashlib.sha256(raw.encode()).hexdigest()[:20]


def open_cases(store: Any, findings: Sequence[Finding], reports: Sequence[Report], policy: Policy,
               as_of: datetime) -> int:
    """Create (idempotently) one case per subject x queue; returns how many were new."""
    below = [f for f in findings if f.score < policy.auto_decide_min_score]
    auto_subjects = {(f.subject.platform, f.subject.account_id) for f in findings
                     if f.score >= policy.auto_decide_min_score}
    groups: dict[tuple[str, str, str | None, str], dict[str, list[Any]]] = defaultdict(
        lambda: {"findings": [], "reports": []})
    for f in below:
        groups[(f.subject.platform, f.subject.account_id, f.subject.post_id, f.category)]["findings"].append(f)
    for r in reports:
        if (r.platform, r.subject.account_id) in auto_subjects:
            continue  # decided automatically; the report is cited as the decision's source
        queue = r.reason if r.reason in policy.rules else "reports"
        groups[(r.platform, r.subject.account_id, r.subject.post_id, queue)]["reports"].append(r)
    new = 0
    with store.transaction() as conn:
        for (platform, account_id, post_id, queue), parts in sorted(groups.items(), key=lambda kv: str(kv[0])):
            fs, rs = parts["findings"], parts["reports"]
            sev = "medium"
            if fs:
                sev = SEVERITIES[max(SEVERITIES.index(policy.severity_of(f.category, f.subcategory, f.evidence))
                                     for f in fs)]
            reporters = len({r.reporter_id for r in rs})
            priority = round(max((f.score for f in fs), default=0.0) + 0.1 * reporters, 4)
            due = as_of + timedelta(hours=policy.review_sla_hours[sev])
            cid = case_id_for(platform, account_id, post_id, queue)
            cur = conn.execute(
                "INSERT OR IGNORE INTO cases (case_id, platform, account_id, post_id, queue, status, severity, priority, "
                "due_at, created_at, finding_ids, report_ids) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (cid, platform, account_id, post_id, queue, "open", sev, priority, iso(due), iso(as_of),
                 orjson.dumps(sorted(f.finding_id for f in fs)).decode(),
                 orjson.dumps(sorted(r.report_id for r in rs)).decode()),
            )
            if cur.rowcount:
                new += 1
                audit.append(conn, actor="system:campaign", action="case.open",
                             subject={"case_id": cid, "platform": platform, "account_id": account_id,
                                      "post_id": post_id},
                             before=None, after={"queue": queue, "severity": sev, "priority": priority},
                             reason=f"{len(fs)} low-confidence finding(s), {len(rs)} report(s)", at=iso(as_of))
    return new
