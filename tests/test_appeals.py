"""Appeals: one per decision, within the window, a different reviewer, reversal restores and is audited."""

from __future__ import annotations

from pathlib import Path

import pytest

from dueprocess_support import Clock, auth, client, native, seed, tokens
from vigil import audit
from vigil.store import SQLiteStore


@pytest.fixture
def decided(tmp_path: Path):  # type: ignore[no-untyped-def]
    """alice penalised a1 (fake CDC account, 1200 followers, monetised); rep1 had reported it."""
    db = tmp_path / "v.db"
    seed(db)
    tok = tokens(db)
    clock = Clock()
    c = client(db, clock)
    c.post("/api/v1/reports", json=native("r-a1", account_id="a1"), headers=auth(tok["rep1"]))
    case = next(x for x in c.get("/api/v1/cases", headers=auth(tok["alice"])).json() if x["account_id"] == "a1")
    c.post(f"/api/v1/cases/{case['case_id']}/claim", headers=auth(tok["alice"]))
    out = c.post(f"/api/v1/cases/{case['case_id']}/decision", json={"action": "penalize", "reason": "fake CDC"},
                 headers=auth(tok["alice"])).json()
    return db, tok, c, clock, out["decision_id"]


def _ledger(db: Path) -> tuple[object, ...]:
    store = SQLiteStore(db)
    row = store.conn.execute("SELECT followers, followers_removed, monetization, status FROM ledger "
                             "WHERE platform='weibo' AND account_id='a1'").fetchone()
    store.close()
    return tuple(row)


def test_reversal_restores_and_is_audited(decided) -> None:  # type: ignore[no-untyped-def]
    db, tok, c, clock, did = decided
    assert _ledger(db) == (0, 1200, "suspended", "active")
    assert c.get("/api/v1/reports/r-a1", headers=auth(tok["rep1"])).json()["status"] == "upheld"
    r = c.post(f"/api/v1/decisions/{did}/appeal", json={"reason": "I am the real CDC"}, headers=auth(tok["platform1"]))
    assert r.status_code == 201, r.text
    appeal = r.json()
    assert appeal["status"] == "pending"
    # the reviewer who decided may not decide the appeal
    r = c.post(f"/api/v1/appeals/{appeal['appeal_id']}/decision", json={"outcome": "reversed", "reason": "x"},
               headers=auth(tok["alice"]))
    assert r.status_code == 403 and r.json()["error"]["code"] == "same_reviewer"
    r = c.post(f"/api/v1/appeals/{appeal['appeal_id']}/decision",
               json={"outcome": "reversed", "reason": "official account confirmed"}, headers=auth(tok["bob"]))
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "reversed" and r.json()["penalties_lifted"] == 2
    assert _ledger(db) == (1200, 0, "active", "active")
    store = SQLiteStore(db)
    assert store.conn.execute("SELECT status FROM decisions WHERE decision_id=?", (did,)).fetchone()[0] == "reversed"
    actions = [r[0] for r in store.conn.execute("SELECT action FROM audit_log ORDER BY seq")]
    assert {"appeal.file", "appeal.decide", "decision.reverse", "penalty.reverse.remove_followers",
            "penalty.reverse.suspend_monetization"} <= set(actions)
    assert audit.verify(store.conn)[0]
    store.close()
    stats = c.get("/api/v1/stats", headers=auth(tok["root"])).json()
    assert stats["reversed"]["remove_followers"] == 1 and stats["totals"]["remove_followers"] == 0
    # the reporter hears it and their record no longer counts it as upheld
    assert c.get("/api/v1/reports/r-a1", headers=auth(tok["rep1"])).json()["status"] == "reversed"
    rec = next(x for x in c.get("/api/v1/reporters", headers=auth(tok["bob"])).json() if x["reporter_id"] == "rep1")
    assert rec["upheld"] == 0 and rec["reversed"] == 1
    # the appellant is told
    notes = c.get("/api/v1/notifications", headers=auth(tok["platform1"])).json()
    assert any(n["kind"] == "appeal.outcome" for n in notes)
    r = c.post(f"/api/v1/appeals/{appeal['appeal_id']}/decision", json={"outcome": "upheld", "reason": "x"},
               headers=auth(tok["root"]))
    assert r.status_code == 409


def test_one_appeal_per_decision_and_upheld(decided) -> None:  # type: ignore[no-untyped-def]
    db, tok, c, clock, did = decided
    assert c.post(f"/api/v1/decisions/{did}/appeal", json={"reason": "no"}, headers=auth(tok["rep1"])).status_code == 201
    r = c.post(f"/api/v1/decisions/{did}/appeal", json={"reason": "again"}, headers=auth(tok["platform1"]))
    assert r.status_code == 409 and r.json()["error"]["code"] == "appeal_exists"
    aid = c.get("/api/v1/appeals", headers=auth(tok["bob"])).json()[0]["appeal_id"]
    r = c.post(f"/api/v1/appeals/{aid}/decision", json={"outcome": "upheld", "reason": "evidence is clear"},
               headers=auth(tok["bob"]))
    assert r.status_code == 200 and r.json()["status"] == "upheld"
    assert _ledger(db) == (0, 1200, "suspended", "active")


def test_appeal_window(decided) -> None:  # type: ignore[no-untyped-def]
    db, tok, c, clock, did = decided
    clock.advance(days=31)  # default policy: 30 days
    r = c.post(f"/api/v1/decisions/{did}/appeal", json={"reason": "late"}, headers=auth(tok["rep1"]))
    assert r.status_code == 409 and r.json()["error"]["code"] == "appeal_window_closed"


def test_appeal_errors(decided) -> None:  # type: ignore[no-untyped-def]
    db, tok, c, clock, did = decided
    assert c.post("/api/v1/decisions/d-nope/appeal", json={"reason": "x"}, headers=auth(tok["rep1"])).status_code == 404
    assert c.post(f"/api/v1/decisions/{did}/appeal", json={"reason": ""}, headers=auth(tok["rep1"])).status_code == 422
    assert c.post(f"/api/v1/decisions/{did}/appeal", json={"reason": "x"}, headers=auth(tok["alice"])).status_code == 403
    assert c.post("/api/v1/appeals/ap-nope/decision", json={"outcome": "upheld", "reason": "x"},
                  headers=auth(tok["bob"])).status_code == 404


def test_only_parties_may_appeal(decided) -> None:  # type: ignore[no-untyped-def]
    """A stranger cannot use up the holder's one appeal; holder token, notice code, notifier, platform can."""
    from vigil.api.tokens import create_token

    db, tok, c, clock, did = decided
    r = c.post(f"/api/v1/decisions/{did}/appeal", json={"reason": "not mine"}, headers=auth(tok["rep2"]))
    assert r.status_code == 403 and r.json()["error"]["code"] == "not_a_party"
    r = c.post(f"/api/v1/decisions/{did}/appeal", json={"reason": "guess", "appeal_code": "0000-0000-0000-0000"},
               headers=auth(tok["rep2"]))
    assert r.status_code == 403 and r.json()["error"]["code"] == "not_a_party"
    store = SQLiteStore(db)
    assert store.count("appeals") == 0
    # the notice the holder received carries the appeal code
    notices = [orjson_loads(b) for (b,) in store.conn.execute(
        "SELECT body FROM notices WHERE decision_id=?", (did,))]
    codes = {n["appeal"]["code"] for n in notices}
    assert len(notices) == 2 and len(codes) == 1
    with store.transaction() as conn:
        holder = create_token(conn, "reporter", "cdc-fan-page", account="weibo/a1")
        other_holder = create_token(conn, "reporter", "someone-else", account="weibo/a2")
    store.close()
    # the holder sees the notices (with the code) among their notifications
    notes = c.get("/api/v1/notifications", headers=auth(holder)).json()
    assert {n["subject"]["appeal_code"] for n in notes if n["kind"] == "notice"} == codes
    assert not [n for n in c.get("/api/v1/notifications", headers=auth(other_holder)).json() if n["kind"] == "notice"]
    r = c.post(f"/api/v1/decisions/{did}/appeal", json={"reason": "x"}, headers=auth(other_holder))
    assert r.status_code == 403
    # a stranger quoting the right code appeals for the holder (e.g. a lawyer with the notice in hand)
    r = c.post(f"/api/v1/decisions/{did}/appeal", json={"reason": "this is a fan page", "appeal_code": codes.pop()},
               headers=auth(tok["rep2"]))
    assert r.status_code == 201 and r.json()["standing"] == "holder"


@pytest.mark.parametrize(("who", "standing"), [("holder", "holder"), ("rep1", "notifier"),
                                               ("platform1", "platform"), ("root", "admin")])
def test_standing_is_recorded(decided, who: str, standing: str) -> None:  # type: ignore[no-untyped-def]
    from vigil.api.tokens import create_token

    db, tok, c, clock, did = decided
    if who == "holder":
        store = SQLiteStore(db)
        with store.transaction() as conn:
            tok["holder"] = create_token(conn, "reporter", "holder", account="weibo/a1")
        store.close()
    r = c.post(f"/api/v1/decisions/{did}/appeal", json={"reason": "x"}, headers=auth(tok[who]))
    assert r.status_code == 201, r.text
    assert r.json()["standing"] == standing
    store = SQLiteStore(db)
    row = store.conn.execute("SELECT after FROM audit_log WHERE action='appeal.file'").fetchone()
    assert orjson_loads(row[0])["standing"] == standing
    store.close()


def orjson_loads(raw: str) -> dict:  # type: ignore[type-arg]
    import orjson

    out: dict = orjson.loads(raw)  # type: ignore[type-arg]
    return out
