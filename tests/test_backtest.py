"""Backtest: a policy replayed over past findings, scored against reviewers' outcomes, nothing applied."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from typer.testing import CliRunner

from vigil.backtest import latest, run_backtest
from vigil.cli.main import app
from vigil.enforcement.record import record_decision
from vigil.model import make_finding
from vigil.policy import Decision, PenaltyAction
from vigil.store import open_store

T0 = datetime(2025, 8, 1, tzinfo=UTC)


def _store(tmp_path: Path) -> Path:
    db = tmp_path / "b.db"
    store = open_store(db)
    scores = {"a1": 0.95, "a2": 0.95, "a3": 0.5, "a4": 0.95, "a5": 0.95}
    store.save_findings([make_finding(platform="weibo", account_id=a, post_id=None, category="impersonation",
                                      subcategory="government", detector="impersonation.name", score=s,
                                      evidence={"entity_id": "cn-mnd", "observed": "国防部"})
                         for a, s in scores.items()])
    with store.transaction() as conn:
        for i, (acct, status) in enumerate((("a1", "decided"), ("a2", "dismissed"), ("a3", "decided"))):
            conn.execute("INSERT INTO cases (case_id, platform, account_id, post_id, queue, status, severity, priority, "
                         "due_at, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                         (f"c{i}", "weibo", acct, None, "impersonation", status, "high", 1.0, "2025-08-02", "2025-08-01"))
        d = Decision(decision_id="d-a4", platform="weibo", account_id="a4", post_id=None, category="impersonation",
                     subcategory="government", severity="high", strikes_before=0,
                     penalties=(PenaltyAction("close_account"),), rule_id="VIG-IMP", reason="r", evidence={},
                     finding_ids=("f",), score=0.95)
        record_decision(conn, d, run_id="r", shadow=False, at=T0, actor="t")
        conn.execute("UPDATE decisions SET status='reversed' WHERE decision_id='d-a4'")
    store.close()
    return db


def test_precision_and_recall_against_reviewers(tmp_path: Path) -> None:
    store = open_store(_store(tmp_path))
    before = {t: store.count(t) for t in ("decisions", "penalty_events", "notices", "audit_log")}
    s = run_backtest(store.conn, None, as_of=T0)
    assert s["would_decide"] == 4  # a3 is below the automatic threshold
    assert (s["true_positive"], s["false_positive"], s["false_negative"]) == (1, 2, 1)
    assert s["precision"] == round(1 / 3, 4) and s["recall"] == 0.5
    assert s["unlabelled_acted"] == 1
    assert s["past_decisions"] == 1 and s["agreement"]["both"] == 1
    assert sum(s["would_apply"].values()) >= 4
    assert {t: store.count(t) for t in before} == before  # nothing applied, nothing audited
    assert latest(store.conn) == s


def test_cli_writes_summary(tmp_path: Path) -> None:
    db = _store(tmp_path)
    res = CliRunner().invoke(app, ["backtest", "--db", str(db), "--out", str(tmp_path / "bt.json")])
    assert res.exit_code == 0, res.output
    assert "precision 0.333" in " ".join(res.output.split())
    assert (tmp_path / "bt.json").exists()
