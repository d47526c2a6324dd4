"""One JSON error envelope for every error; OpenAPI and docs served locally; security headers."""

from __future__ import annotations

import re

import pytest

from dueprocess_support import auth, client, native, seed, tokens


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    db = tmp_path_factory.mktemp("err") / "v.db"
    seed(db)
    tok = tokens(db)
    return db, tok, client(db)


def _envelope(r) -> dict[str, str]:  # type: ignore[no-untyped-def]
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}, body
    assert isinstance(body["error"]["code"], str) and isinstance(body["error"]["message"], str)
    return body["error"]  # type: ignore[no-any-return]


def test_404_405_422_401_envelopes(env) -> None:  # type: ignore[no-untyped-def]
    db, tok, c = env
    assert _envelope(c.get("/nope"))["code"] == "not_found"
    assert c.get("/api/v1/nope", headers=auth(tok["root"])).status_code == 404
    r = c.delete("/api/v1/reports", headers=auth(tok["root"]))
    assert r.status_code == 405 and _envelope(r)["code"] == "method_not_allowed"
    r = c.post("/api/v1/cases/x/decision", content=b"{", headers={**auth(tok["alice"]), "Content-Type": "application/json"})
    assert r.status_code == 422 and _envelope(r)["code"] == "invalid_request"
    r = c.post("/api/v1/cases/x/decision", json={"action": "explode", "reason": "x"}, headers=auth(tok["alice"]))
    assert r.status_code == 422 and "action" in _envelope(r)["message"]
    r = c.get("/api/v1/cases", params={"limit": "many"}, headers=auth(tok["alice"]))
    assert r.status_code == 422 and _envelope(r)["code"] == "invalid_request"
    r = c.get("/api/v1/cases/none-such", headers=auth(tok["alice"]))
    assert r.status_code == 404 and _envelope(r)["code"] == "not_found"
    r = c.get("/api/v1/stats")
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    r = c.post("/api/v1/reports", content=b"x" * 70_000, headers=auth(tok["rep1"]))
    assert r.status_code == 413 and _envelope(r)["code"] == "too_large"


def test_openapi_names_every_contract_endpoint(env) -> None:  # type: ignore[no-untyped-def]
    db, tok, c = env
    spec = c.get("/openapi.json").json()
    paths = spec["paths"]
    for path, method in (("/api/v1/reports", "post"), ("/api/v1/reports/{report_id}", "get"),
                         ("/api/v1/cases", "get"), ("/api/v1/cases/{case_id}/claim", "post"),
                         ("/api/v1/cases/{case_id}/decision", "post"), ("/api/v1/decisions/{decision_id}/appeal", "post"),
                         ("/api/v1/stats", "get")):
        assert method in paths[path], path
    assert "application/activity+json" in paths["/api/v1/reports"]["post"]["requestBody"]["content"]
    assert spec["components"]["securitySchemes"]


def test_docs_and_console_use_only_local_assets(env) -> None:  # type: ignore[no-untyped-def]
    db, tok, c = env
    for page in ("/docs", "/console/"):
        html = c.get(page).text
        refs = re.findall(r'(?:src|href)="([^"]+)"', html)
        assert refs and all(not re.match(r"(https?:)?//", u) for u in refs), refs
        for u in refs:
            if u.startswith("/static/"):
                assert c.get(u).status_code == 200, u
    assert "swagger-ui-bundle.js" in c.get("/docs").text
    init = c.get("/static/swagger-init.js").text
    assert "/openapi.json" in init and "http" not in init


def test_console_pages_escape_html_and_set_csp(env) -> None:  # type: ignore[no-untyped-def]
    db, tok, c = env
    evil = "<script>alert(1)</script>"
    r = c.post("/api/v1/reports", json=native("x-html", reporter_id=evil, text=evil, account_id=evil),
               headers=auth(tok["platform1"]))
    assert r.status_code == 201
    c.post("/console/login", data={"token": tok["alice"]})
    for page in ("/console/queues", "/console/reporters", f"/console/cases/{r.json()['case_id']}"):
        resp = c.get(page)
        assert resp.status_code == 200 and evil not in resp.text and "&lt;script&gt;" in resp.text
        assert "script-src 'self'" in resp.headers["content-security-policy"]


def test_sql_injection_is_data(env) -> None:  # type: ignore[no-untyped-def]
    db, tok, c = env
    sqli = "x'); DROP TABLE reports; --"
    r = c.post("/api/v1/reports", json=native(sqli, account_id=sqli), headers=auth(tok["rep1"]))
    assert r.status_code == 201
    assert c.get(f"/api/v1/reports/{sqli}", headers=auth(tok["rep1"])).json()["subjects"][0]["account_id"] == sqli
    assert c.get("/api/v1/cases", params={"queue": sqli}, headers=auth(tok["alice"])).json() == []
    assert c.get("/api/v1/stats", headers=auth(tok["alice"])).status_code == 200


def test_oversized_bodies_are_refused_before_reading(env) -> None:  # type: ignore[no-untyped-def]
    db, tok, c = env
    r = c.post("/api/v1/cases/x/decision", content=b"{" + b" " * (2 << 20) + b"}",
               headers={**auth(tok["alice"]), "Content-Type": "application/json"})
    assert r.status_code == 413 and _envelope(r)["code"] == "too_large"
