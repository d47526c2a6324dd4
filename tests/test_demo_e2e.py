"""The demo campaign end to end, as `make demo` runs it; the report's numbers are checked against the store."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from vigil.model import PENALTIES


@pytest.mark.slow
def test_demo_campaign_report_reconciles(tmp_path: Path) -> None:
    db, out = tmp_path / "demo.db", tmp_path / "report"
    res = subprocess.run([sys.executable, "-m", "vigil.cli.main", "demo", "--db", str(db), "--out", str(out),
                          "--size", "1500"], capture_output=True, text=True, timeout=900, cwd=tmp_path)
    assert res.returncode == 0, res.stderr[-2000:]
    last = res.stdout.strip().splitlines()[-1]
    assert Path(last).is_absolute() and last == str((out / "report.html").resolve()) and Path(last).exists()
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    conn = sqlite3.connect(db)

    # totals = penalties applied and not reversed, straight from the events
    applied = dict.fromkeys(PENALTIES, 0)
    for penalty, n in conn.execute("SELECT penalty, count(*) FROM penalty_events WHERE kind='apply' GROUP BY 1"):
        applied[penalty] = n
    assert report["totals"] == applied and sum(applied.values()) > 0
    # every category and every platform sums back to the totals; every category of the campaign appears
    for section in ("by_category", "by_platform"):
        col = {p: sum(c[p] for c in report[section].values()) for p in PENALTIES}
        assert col == applied, section
    assert {c for c, v in report["by_category"].items() if sum(v.values())} == {
        "impersonation", "debunked_claim", "unqualified_services", "engagement_farming"}
    # decisions carry the penalties the events applied, and cite findings that exist
    from_decisions = dict.fromkeys(PENALTIES, 0)
    for (penalties,) in conn.execute("SELECT penalties FROM decisions WHERE shadow=0"):
        for a in json.loads(penalties):
            from_decisions[a["penalty"]] += 1
    assert from_decisions == applied
    finding_ids = {r[0] for r in conn.execute("SELECT finding_id FROM findings")}
    for (ids,) in conn.execute("SELECT finding_ids FROM decisions"):
        assert set(json.loads(ids)) <= finding_ids
    closed = conn.execute("SELECT count(*) FROM ledger WHERE status='closed'").fetchone()[0]
    assert report["summary"]["accounts_closed"] == closed > 0
    assert report["summary"]["posts_removed"] == conn.execute("SELECT count(*) FROM removed_posts").fetchone()[0]
    # every applied penalty has a notice; the audit chain verifies
    assert conn.execute("SELECT count(*) FROM notices").fetchone()[0] == sum(applied.values())
    verify = subprocess.run([sys.executable, "-m", "vigil.cli.main", "audit", "verify", "--db", str(db)],
                            capture_output=True, text=True, timeout=120)
    assert verify.returncode == 0, verify.stderr
    html = (out / "report.html").read_text(encoding="utf-8")
    assert html.count("<svg") >= 3 and "accounts closed" in html
    csv_lines = (out / "report.csv").read_text(encoding="utf-8").splitlines()
    assert csv_lines[0] == "section,key,penalty,count" and len(csv_lines) > len(PENALTIES)
