"""Console pages over the test client: sign-in by token, every page has an h1 and answers < 400."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dueprocess_support import auth, client, native, seed, tokens


@pytest.fixture
def env(tmp_path: Path):  # type: ignore[no-untyped-def]
    db = tmp_path / "v.db"
    seed(db)
    tok = tokens(db)
    return db, tok, client(db)


def _h1(html: str) -> str:
    m = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert m, html[:300]
    return m.group(1)


def test_sign_in_form_and_pages(env) -> None:  # type: ignore[no-untyped-def]
    db, tok, c = env
    page = c.get("/console/")
    assert page.status_code == 200 and 'name="token"' in page.text and "Sign in" in _h1(page.text)
    assert c.get("/console/queues", follow_redirects=False).status_code == 303  # not signed in
    bad = c.post("/console/login", data={"token": "nope"})
    assert "not valid" in bad.text and c.cookies.get("vigil_session") is None
    c.post("/api/v1/reports", json=native("rc", account_id="a2"), headers=auth(tok["rep1"]))
    r = c.post("/console/login", data={"token": tok["alice"]})
    assert r.status_code == 200 and _h1(r.text) == "vigil console"
    for link in ("/console/queues", "/console/appeals", "/console/dashboard"):
        assert f'href="{link}"' in r.text
    cookie = r.history[0].headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    for path in ("/console/", "/console/queues", "/console/queues?queue=impersonation", "/console/appeals",
                 "/console/dashboard", "/console/reporters"):
        resp = c.get(path)
        assert resp.status_code == 200 and _h1(resp.text), path
    for case in c.get("/api/v1/cases", params={"status": "all"}, headers=auth(tok["alice"])).json():
        resp = c.get(f"/console/cases/{case['case_id']}")
        assert resp.status_code == 200 and case["case_id"] in _h1(resp.text)
    assert c.get("/console/cases/none").status_code == 404


def test_console_decide_flow_and_roles(env) -> None:  # type: ignore[no-untyped-def]
    db, tok, c = env
    c.post("/console/login", data={"token": tok["alice"]})
    r = c.post("/console/queues/claim", data={"queue": "debunked_claim"})
    assert "Case claimed" in r.text
    case_id = re.search(r"Case (case-[0-9a-f]+)", r.text).group(1)  # type: ignore[union-attr]
    r = c.post(f"/console/cases/{case_id}/decision", data={"choice": "remove_post", "reason": "repeats c1"})
    assert "Decided: remove_post" in r.text
    decision_id = re.search(r'id="decision-id">(d-[0-9a-f]+)<', r.text).group(1)  # type: ignore[union-attr]
    c.post("/console/logout")
    c.post("/console/login", data={"token": tok["rep2"]})
    assert "cannot see this page" in c.get("/console/queues").text
    r = c.post("/console/queues/claim", data={"queue": ""}, follow_redirects=False)
    assert r.status_code == 303 and "cannot" in r.headers["location"]  # refused, told why, nothing claimed
    r = c.post("/console/appeals/file", data={"decision_id": decision_id, "reason": "it was a refutation"})
    assert "only the account holder" in r.text  # rep2 is no party to it without the notice's appeal code
    from vigil.enforcement.appeal_codes import appeal_code
    from vigil.store import SQLiteStore

    store = SQLiteStore(db)
    code = appeal_code(store.conn, decision_id)
    store.close()
    r = c.post("/console/appeals/file", data={"decision_id": decision_id, "reason": "it was a refutation",
                                              "appeal_code": code})
    assert "filed" in r.text
    c.post("/console/logout")
    c.post("/console/login", data={"token": tok["bob"]})
    aid = c.get("/api/v1/appeals", headers=auth(tok["bob"])).json()[0]["appeal_id"]
    r = c.post(f"/console/appeals/{aid}/decision", data={"outcome": "upheld"})
    assert "decision upheld" in r.text
    # cross-site form posts are refused
    r = c.post("/console/queues/claim", data={"queue": ""}, headers={"Origin": "https://evil.example"})
    assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"


def test_account_holder_sees_notices_and_appeals_from_the_console(env) -> None:  # type: ignore[no-untyped-def]
    """A holder's token (bound to the account) lists the notices about the account and appeals without a code."""
    from vigil.api.tokens import create_token
    from vigil.store import SQLiteStore

    db, tok, c = env
    c.post("/console/login", data={"token": tok["alice"]})
    r = c.post("/console/queues/claim", data={"queue": "debunked_claim"})
    case_id = re.search(r"Case (case-[0-9a-f]+)", r.text).group(1)  # type: ignore[union-attr]
    r = c.post(f"/console/cases/{case_id}/decision", data={"choice": "remove_post", "reason": "repeats c1"})
    decision_id = re.search(r'id="decision-id">(d-[0-9a-f]+)<', r.text).group(1)  # type: ignore[union-attr]
    c.post("/console/logout")
    store = SQLiteStore(db)
    platform, account_id = store.conn.execute("SELECT platform, account_id FROM decisions WHERE decision_id=?",
                                              (decision_id,)).fetchone()
    with store.transaction() as conn:
        holder = create_token(conn, "reporter", "holder", account=f"{platform}/{account_id}")
    store.close()
    c.post("/console/login", data={"token": holder})
    page = c.get("/console/appeals")
    assert page.status_code == 200 and "Notices about your account" in page.text
    assert decision_id in page.text and "Appeal this decision" in page.text
    r = c.post("/console/appeals/file", data={"decision_id": decision_id, "reason": "I was quoting it to refute it"})
    assert "filed" in r.text
    store = SQLiteStore(db)
    assert store.conn.execute("SELECT standing FROM appeals WHERE decision_id=?", (decision_id,)).fetchone()[0] == "holder"
    store.close()
