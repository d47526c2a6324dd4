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
    before = _state(db)
    second = run_campaign(data_dir, store, orders_dir=tmp_path / "orders", workers=1)
    assert second.resumed and second.decisions == 0 and _state(db) == before
    assert store.count("penalty_events") == events
    assert audit.verify(store.conn)[0]
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
