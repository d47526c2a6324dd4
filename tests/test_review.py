"""Review queues: exclusive expiring claims, SLA status, evidence, decisions through the ledger."""

from __future__ import annotations

import threading
from pathlib import Path

import orjson
import pytest

from dueprocess_support import Clock, auth, client, seed, tokens
from vigil import audit
from vigil.api.context import Db
from vigil.api.errors import ApiError
from vigil.api.tokens import Principal
from vigil.review import work
from vigil.store import SQLiteStore


@pytest.fixture
def env(tmp_path: Path):  # type: ignore[no-untyped-def]
    db = tmp_path / "v.db"
    seed(db)
    tok = tokens(db)
    clock = Clock()
    return db, tok, client(db, clock), clock


def test_queues_and_cases_with_sla(env) -> None:  # type: ignore[no-untyped-def]
    db, tok, c, clock = env
    qs = {q["queue"]: q for q in c.get("/api/v1/queues", headers=auth(tok["alice"])).json()}
    assert qs["impersonation"]["open"] == 2 and qs["debunked_claim"]["open"] == 1
    cases = c.get("/api/v1/cases", params={"queue": "impersonation"}, headers=auth(tok["alice"])).json()
    assert [x["account_id"] for x in cases] == ["a3", "a1"]  # higher priority first
    # military impersonation is critical (4 h SLA: due soon at once); public institution is high (24 h)
    assert {x["account_id"]: x["sla"] for x in cases} == {"a3": "due_soon", "a1": "ok"}
    clock.advance(hours=23)
    cases = c.get("/api/v1/cases", params={"queue": "impersonation"}, headers=auth(tok["alice"])).json()
    assert {x["account_id"]: x["sla"] for x in cases} == {"a3": "overdue", "a1": "due_soon"}


def test_claim_next_is_exclusive_and_lock_expires(env) -> None:  # type: ignore[no-untyped-def]
    db, tok, c, clock = env
    a = c.post("/api/v1/cases/next/claim", params={"queue": "impersonation"}, headers=auth(tok["alice"])).json()
    b = c.post("/api/v1/cases/next/claim", params={"queue": "impersonation"}, headers=auth(tok["bob"])).json()
    assert a["case_id"] != b["case_id"] and a["locked_by"] == "reviewer:alice"
    r = c.post(f"/api/v1/cases/{a['case_id']}/claim", headers=auth(tok["bob"]))
    assert r.status_code == 409 and r.json()["error"]["code"] == "case_locked"
    r = c.post("/api/v1/cases/next/claim", params={"queue": "impersonation"}, headers=auth(tok["root"]))
    assert r.status_code == 404 and r.json()["error"]["code"] == "queue_empty"
    clock.advance(minutes=16)  # alice abandoned it: the lock expired
    r = c.post(f"/api/v1/cases/{a['case_id']}/claim", headers=auth(tok["bob"]))
    assert r.status_code == 200 and r.json()["locked_by"] == "reviewer:bob"
    r = c.post(f"/api/v1/cases/{a['case_id']}/decision", json={"action": "dismiss", "reason": "x"},
               headers=auth(tok["alice"]))
    assert r.status_code == 409 and r.json()["error"]["code"] == "not_claimed"


def test_concurrent_claims_never_share_a_case(tmp_path: Path) -> None:
    db = tmp_path / "v.db"
    seed(db)
    store = SQLiteStore(db)  # 30 more open cases
    with store.transaction() as conn:
        for i in range(30):
            conn.execute("INSERT INTO cases (case_id, platform, account_id, queue, status, severity, priority, due_at, "
                         "created_at) VALUES (?,?,?,?,?,?,?,?,?)",
                         (f"c{i:02d}", "weibo", f"x{i}", "reports", "open", "medium", 0.5, "2030-01-01T00:00:00Z",
                          "2026-01-01T00:00:00Z"))
    store.close()
    got: dict[str, list[str]] = {}
    errors: list[Exception] = []

    def worker(name: str) -> None:
        from datetime import UTC, datetime

        dbh = Db(db)  # its own connection: SQLite arbitrates between them
        who = Principal(f"t-{name}", "reviewer", name)
        mine = got.setdefault(name, [])
        while True:
            try:
                with dbh.write() as conn:
                    mine.append(work.claim(conn, who, datetime.now(UTC), None, "reports")["case_id"])
            except ApiError as exc:
                if exc.code == "queue_empty":
                    return
                errors.append(exc)
                return
            except Exception as exc:  # pragma: no cover - would be a failure
                errors.append(exc)
                return

    threads = [threading.Thread(target=worker, args=(f"r{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    claimed = [cid for ids in got.values() for cid in ids]
    assert sorted(claimed) == [f"c{i:02d}" for i in range(30)]  # each exactly once


def test_decide_requires_claim_and_applies_ladder(env) -> None:  # type: ignore[no-untyped-def]
    db, tok, c, clock = env
    case = c.get("/api/v1/cases", params={"queue": "impersonation"}, headers=auth(tok["alice"])).json()[1]
    assert case["account_id"] == "a1"
    r = c.post(f"/api/v1/cases/{case['case_id']}/decision", json={"action": "penalize", "reason": "fake CDC"},
               headers=auth(tok["alice"]))
    assert r.status_code == 409
    c.post(f"/api/v1/cases/{case['case_id']}/claim", headers=auth(tok["alice"]))
    detail = c.get(f"/api/v1/cases/{case['case_id']}", headers=auth(tok["alice"])).json()
    assert detail["evidence"]["findings"][0]["evidence"]["entity_id"] == "cn-cdc"
    assert detail["evidence"]["account"]["display_name"] == "中国疾控中心"
    r = c.post(f"/api/v1/cases/{case['case_id']}/decision", json={"action": "penalize", "reason": "fake CDC"},
               headers=auth(tok["alice"]))
    assert r.status_code == 200, r.text
    out = r.json()
    # high severity, no strikes: [remove_post, remove_followers, suspend_monetization]; no post -> no remove_post
    assert [p["penalty"] for p in out["penalties"]] == ["remove_followers", "suspend_monetization"]
    store = SQLiteStore(db)
    d = store.conn.execute("SELECT decided_by, automated, source, status FROM decisions WHERE decision_id=?",
                           (out["decision_id"],)).fetchone()
    assert tuple(d) == ("reviewer:alice", 0, "reviewer", "applied")
    led = store.conn.execute("SELECT followers, monetization FROM ledger WHERE account_id='a1'").fetchone()
    assert tuple(led) == (0, "suspended")
    notices = [orjson.loads(r[0]) for r in store.conn.execute("SELECT body FROM notices WHERE decision_id=?",
                                                               (out["decision_id"],))]
    assert len(notices) == 2 and all(n["automated"] is False for n in notices)
    actions = [r[0] for r in store.conn.execute("SELECT action FROM audit_log ORDER BY seq")]
    assert "case.claim" in actions and "case.decide" in actions and "decision.create" in actions
    assert audit.verify(store.conn)[0]
    store.close()
    r = c.post(f"/api/v1/cases/{case['case_id']}/decision", json={"action": "dismiss", "reason": "again"},
               headers=auth(tok["alice"]))
    assert r.status_code == 409 and r.json()["error"]["code"] == "case_closed"


def test_explicit_penalties_must_be_on_the_ladder(env) -> None:  # type: ignore[no-untyped-def]
    db, tok, c, clock = env
    case = c.get("/api/v1/cases", params={"queue": "debunked_claim"}, headers=auth(tok["bob"])).json()[0]
    c.post(f"/api/v1/cases/{case['case_id']}/claim", headers=auth(tok["bob"]))
    r = c.post(f"/api/v1/cases/{case['case_id']}/decision",
               json={"action": "penalize", "reason": "x", "penalties": ["teleport"]}, headers=auth(tok["bob"]))
    assert r.status_code == 422
    r = c.post(f"/api/v1/cases/{case['case_id']}/decision",
               json={"action": "penalize", "reason": "rumour", "penalties": ["remove_post"]}, headers=auth(tok["bob"]))
    assert r.status_code == 200 and r.json()["penalties"] == [{"penalty": "remove_post", "post_id": "p2", "ends_at": None}]
    stats = c.get("/api/v1/stats", headers=auth(tok["rep1"])).json()
    assert stats["by_category"]["debunked_claim"]["remove_post"] == 1 and stats["totals"]["remove_post"] == 1


def test_release_returns_case_to_queue(env) -> None:  # type: ignore[no-untyped-def]
    db, tok, c, clock = env
    a = c.post("/api/v1/cases/next/claim", headers=auth(tok["alice"])).json()
    assert c.post(f"/api/v1/cases/{a['case_id']}/release", headers=auth(tok["bob"])).status_code == 409
    assert c.post(f"/api/v1/cases/{a['case_id']}/release", headers=auth(tok["alice"])).json()["status"] == "open"
