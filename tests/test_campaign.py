"""Campaign runs: end to end on a small dataset; idempotent; resumable after a crash; shadow mode."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import (
    sample_accounts,
    sample_claims,
    sample_credentials,
    sample_entities,
    sample_posts,
    sample_reports,
)
from vigil import audit
from vigil.campaign import Interrupted, run_campaign
from vigil.model import PENALTIES
from vigil.store import open_store
from vigil.transparency import build_report


def _write(path: Path, records: list) -> None:  # type: ignore[type-arg]
    path.write_text("".join(r.model_dump_json() + "\n" for r in records), encoding="utf-8")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    d = tmp_path / "data"
    d.mkdir()
    _write(d / "entities.jsonl", sample_entities())
    _write(d / "accounts.jsonl", sample_accounts())
    _write(d / "posts.jsonl", sample_posts())
    _write(d / "claims.jsonl", sample_claims())
    _write(d / "credentials.jsonl", sample_credentials())
    _write(d / "reports.jsonl", sample_reports())
    with (d / "accounts.jsonl").open("a", encoding="utf-8") as fh:
        fh.write('{"platform": "weibo", "account_id": "broken"\n')
    return d


def _state(db: Path) -> dict[str, list]:  # type: ignore[type-arg]
    """Everything a run decides and enforces, without timestamps (which differ between runs)."""
    conn = open_store(db).conn
    return {
        "decisions": sorted(tuple(r) for r in conn.execute(
            "SELECT decision_id, platform, account_id, post_id, category, severity, shadow, status FROM decisions")),
        "events": sorted(tuple(r) for r in conn.execute(
            "SELECT event_key, kind, penalty, platform, account_id, post_id FROM penalty_events")),
        "ledger": sorted(tuple(r) for r in conn.execute(
            "SELECT platform, account_id, status, followers, followers_removed, monetization, removed_posts "
            "FROM ledger")),
        "notices": sorted(r[0] for r in conn.execute("SELECT notice_id FROM notices")),
        "cases": sorted(r[0] for r in conn.execute("SELECT case_id FROM cases")),
    }


def test_campaign_end_to_end_and_idempotent(data_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    store = open_store(db)
    first = run_campaign(data_dir, store, orders_dir=tmp_path / "orders", workers=1)
    assert first.counts.read == first.counts.accepted + first.counts.quarantined
    assert first.counts.quarantined == 1 and first.decisions > 0
    events = store.count("penalty_events")
    assert events > 0 and store.count("notices") == store.conn.execute(
        "SELECT count(*) FROM penalty_events WHERE kind='apply'").fetchone()[0]
    # the impersonator of the CDC is penalised, the CDC's own account is not
    flagged = {r[0] for r in store.conn.execute("SELECT account_id FROM decisions WHERE category='impersonation'")}
    assert "fake-cdc" in flagged and "cdc-official" not in flagged
    assert "cdc-official" not in {r[0] for r in store.conn.execute("SELECT account_id FROM findings")}
    # every notice names the rule, the penalty and how to appeal
    body = json.loads(store.conn.execute("SELECT body FROM notices LIMIT 1").fetchone()[0])
    assert body["rule_id"] and body["penalty"] in PENALTIES and "appeal" in body["appeal"]["how"]
    assert body["message"].count(body["rule"]) == 1  # the rule is named once, then the evidence
    assert body["appeal"]["code"] in body["appeal"]["how"]
    before = _state(db)
    second = run_campaign(data_dir, store, orders_dir=tmp_path / "orders", workers=1)
    assert second.resumed and second.decisions == 0 and _state(db) == before
    assert store.count("penalty_events") == events
    assert audit.verify(store.conn)[0]
    from vigil.enforcement.ledger import LEDGER_FIELDS, replay_ledger

    stored = {(r[0], r[1]): dict(zip(LEDGER_FIELDS, r[2:], strict=True)) for r in store.conn.execute(
        f"SELECT platform, account_id, {', '.join(LEDGER_FIELDS)} FROM ledger")}
    assert replay_ledger(store.conn) == stored
    orders = list((tmp_path / "orders").glob("*.jsonl"))
    assert orders and sum(len(p.read_text().splitlines()) for p in orders) == events


def test_crash_half_way_then_resume_equals_a_clean_run(data_dir: Path, tmp_path: Path) -> None:
    clean_db, crash_db = tmp_path / "clean.db", tmp_path / "crash.db"
    run_campaign(data_dir, open_store(clean_db), orders_dir=tmp_path / "o1", workers=1)
    crashed = open_store(crash_db)
    with pytest.raises(Interrupted):
        run_campaign(data_dir, crashed, orders_dir=tmp_path / "o2", workers=1, fail_after_accounts=2)
    partial = _state(crash_db)
    assert 0 < len(partial["decisions"]) < len(_state(clean_db)["decisions"])
    resumed = run_campaign(data_dir, crashed, orders_dir=tmp_path / "o2", workers=1)
    assert resumed.resumed
    assert _state(crash_db) == _state(clean_db)
    assert audit.verify(crashed.conn)[0]


def test_shadow_run_decides_but_applies_nothing(data_dir: Path, tmp_path: Path) -> None:
    live_db, shadow_db = tmp_path / "live.db", tmp_path / "shadow.db"
    run_campaign(data_dir, open_store(live_db), orders_dir=tmp_path / "o1", workers=1)
    shadow = open_store(shadow_db)
    run_campaign(data_dir, shadow, shadow=True, orders_dir=tmp_path / "o2", workers=1)
    assert shadow.count("penalty_events") == 0 and shadow.count("ledger") == 0 and shadow.count("notices") == 0
    assert not (tmp_path / "o2").exists()
    report = build_report(shadow.conn, include_shadow=True)
    assert sum(report["totals"].values()) == 0
    live = build_report(open_store(live_db).conn)
    assert report["shadow"]["totals"] == live["totals"]


def test_report_reconciles_with_the_enforcement_events(data_dir: Path, tmp_path: Path) -> None:
    store = open_store(tmp_path / "r.db")
    run_campaign(data_dir, store, orders_dir=tmp_path / "o", workers=1)
    report = build_report(store.conn)
    direct = dict.fromkeys(PENALTIES, 0)
    for penalty, n in store.conn.execute(
            "SELECT penalty, count(*) FROM penalty_events WHERE kind='apply' GROUP BY penalty"):
        direct[penalty] = n
    assert report["totals"] == direct
    for section in ("by_category", "by_platform"):
        summed = dict.fromkeys(PENALTIES, 0)
        for counts in report[section].values():
            for p, n in counts.items():
                summed[p] += n
        assert summed == direct, section
    closed = store.conn.execute(
        "SELECT count(DISTINCT platform || '/' || account_id) FROM penalty_events WHERE penalty='close_account'"
    ).fetchone()[0]
    assert report["summary"]["accounts_closed"] == closed


@pytest.mark.slow
def test_killed_process_resumes_with_nothing_lost_or_doubled(tmp_path: Path) -> None:
    """SIGKILL a real `vigil campaign run` half-way through deciding, run it again, compare with a clean run."""
    import os
    import signal
    import sqlite3
    import subprocess
    import sys
    import time

    from vigil.synth import generate

    data = tmp_path / "synth"
    generate(size=800, seed=5, out_dir=data)
    cmd = [sys.executable, "-m", "vigil.cli.main", "campaign", "run", "--data", str(data)]
    clean_db, killed_db = tmp_path / "clean.db", tmp_path / "killed.db"
    env = {**os.environ, "VIGIL_CAMPAIGN_SLOWDOWN": "0.02"}  # widen the window to kill in
    assert subprocess.run([*cmd, "--db", str(clean_db)], capture_output=True, timeout=900).returncode == 0
    proc = subprocess.Popen([*cmd, "--db", str(killed_db)], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.time() + 600
    decided = 0
    while time.time() < deadline and proc.poll() is None:
        try:
            decided = sqlite3.connect(killed_db).execute("SELECT count(*) FROM decisions").fetchone()[0]
        except sqlite3.Error:
            decided = 0
        if decided >= 5:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the run finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    total = sqlite3.connect(clean_db).execute("SELECT count(*) FROM decisions").fetchone()[0]
    partial = sqlite3.connect(killed_db).execute("SELECT count(*) FROM decisions").fetchone()[0]
    assert 0 < partial < total
    again = subprocess.run([*cmd, "--db", str(killed_db)], capture_output=True, text=True, timeout=900)
    assert again.returncode == 0, again.stderr
    assert "resumed" in again.stdout
    assert _state(killed_db) == _state(clean_db)
    assert audit.verify(open_store(killed_db).conn)[0]


@pytest.mark.duckdb
def test_campaign_on_the_duckdb_engine_decides_the_same(data_dir: Path, tmp_path: Path) -> None:
    run_campaign(data_dir, open_store(tmp_path / "s.db"), orders_dir=tmp_path / "o1", workers=1)
    run_campaign(data_dir, open_store(tmp_path / "d.db"), orders_dir=tmp_path / "o2", workers=1, engine="duckdb")
    assert _state(tmp_path / "d.db") == _state(tmp_path / "s.db")
    with pytest.raises(Exception, match="--engine"):
        run_campaign(data_dir, open_store(tmp_path / "x.db"), engine="oracle")
