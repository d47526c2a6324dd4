"""Authorization matrix: every role (and no / a wrong token) against every API endpoint."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dueprocess_support import auth, client, counts, native, seed, tokens

ROLE_OF = {"rep1": "reporter", "platform1": "intake", "alice": "reviewer", "root": "admin"}
ALL = {"reporter", "intake", "reviewer", "admin"}
SUBMIT = {"reporter", "intake", "admin"}
REVIEW = {"reviewer", "admin"}

# (method, path, json body, roles allowed); {case}, {decision}, {appeal} are filled per test
ENDPOINTS: list[tuple[str, str, Any, set[str]]] = [
    ("POST", "/api/v1/reports", "report", SUBMIT),
    ("GET", "/api/v1/reports", None, ALL),
    ("GET", "/api/v1/reports/{report}", None, ALL),
    ("GET", "/api/v1/notifications", None, ALL),
    ("GET", "/api/v1/reporters", None, REVIEW),
    ("GET", "/api/v1/queues", None, REVIEW),
    ("GET", "/api/v1/cases", None, REVIEW),
    ("GET", "/api/v1/cases/{case}", None, REVIEW),
    ("POST", "/api/v1/cases/{case}/claim", None, REVIEW),
    ("POST", "/api/v1/cases/{case}/release", None, REVIEW),
    ("POST", "/api/v1/cases/{case}/decision", {"action": "dismiss", "reason": "matrix"}, REVIEW),
    ("GET", "/api/v1/decisions/{decision}", None, REVIEW),
    ("POST", "/api/v1/decisions/{decision}/appeal", {"reason": "matrix"}, SUBMIT),
    ("GET", "/api/v1/appeals", None, REVIEW),
    ("GET", "/api/v1/appeals/{appeal}", None, ALL),
    ("POST", "/api/v1/appeals/{appeal}/decision", {"outcome": "upheld", "reason": "matrix"}, REVIEW),
    ("GET", "/api/v1/stats", None, ALL),
    ("POST", "/api/v1/tokens", {"role": "reporter", "name": "new"}, {"admin"}),
]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    db: Path = tmp_path_factory.mktemp("authz") / "v.db"
    seed(db)
    tok = tokens(db)
    c = client(db, rate_limit=10_000)
    c.post("/api/v1/reports", json=native("r-auth"), headers=auth(tok["rep1"]))
    cases = c.get("/api/v1/cases", headers=auth(tok["alice"])).json()
    # a decided case and its appeal, so decision/appeal endpoints have something to act on; the decided case is
    # the one rep1 reported, so every submitting role has standing to appeal it (notifier, platform, admin)
    cid = next(x for x in cases if x["account_id"] == "a9")["case_id"]
    c.post(f"/api/v1/cases/{cid}/claim", headers=auth(tok["bob"]))
    did = c.post(f"/api/v1/cases/{cid}/decision", json={"action": "penalize", "reason": "seed"},
                 headers=auth(tok["bob"])).json()["decision_id"]
    aid = c.post(f"/api/v1/decisions/{did}/appeal", json={"reason": "seed"}, headers=auth(tok["rep1"])).json()["appeal_id"]
    ids = {"case": next(x for x in cases if x["case_id"] != cid)["case_id"], "decision": did, "appeal": aid, "report": "r-auth"}
    return db, tok, c, ids


def _call(c: Any, method: str, path: str, body: Any, headers: dict[str, str], n: int) -> Any:
    if body == "report":
        body = native(f"m-{n}", reporter_id="u-matrix")
    return c.request(method, path, json=body, headers=headers)


@pytest.mark.parametrize(("method", "path", "body", "allowed"), ENDPOINTS, ids=[f"{m} {p}" for m, p, _, _ in ENDPOINTS])
def test_unauthenticated_is_401(world, method: str, path: str, body: Any, allowed: set[str]) -> None:  # type: ignore[no-untyped-def]
    db, tok, c, ids = world
    before = counts(db)
    for headers in ({}, auth("vgl_wrong"), {"Authorization": "Basic abc"}, {"Authorization": "Bearer "}):
        r = _call(c, method, path.format(**ids), body, headers, 0)
        assert r.status_code == 401, (headers, r.text)
        assert r.json()["error"]["code"] == "unauthorized"
    assert counts(db) == before


@pytest.mark.parametrize(("method", "path", "body", "allowed"), ENDPOINTS, ids=[f"{m} {p}" for m, p, _, _ in ENDPOINTS])
def test_role_matrix(world, method: str, path: str, body: Any, allowed: set[str]) -> None:  # type: ignore[no-untyped-def]
    db, tok, c, ids = world
    for n, (name, role) in enumerate(ROLE_OF.items()):
        before = counts(db)
        r = _call(c, method, path.format(**ids), body, auth(tok[name]), n)
        assert r.status_code < 500, r.text
        if role in allowed:
            assert r.status_code not in (401, 403) or r.json()["error"]["code"] == "same_reviewer", (role, r.text)
        else:
            assert r.status_code == 403, (role, r.status_code, r.text)
            assert r.json()["error"]["code"] == "forbidden"
            assert counts(db) == before  # a refused write stores nothing


def test_matrix_covers_every_api_route(world) -> None:  # type: ignore[no-untyped-def]
    db, tok, c, ids = world
    spec = c.get("/openapi.json").json()
    documented = {(m.upper(), p) for p, ops in spec["paths"].items() for m in ops if p.startswith("/api/v1/")}
    documented.discard(("GET", "/api/v1/health"))
    covered = {(m, p.replace("{case}", "{case_id}").replace("{decision}", "{decision_id}")
                .replace("{appeal}", "{appeal_id}").replace("{report}", "{report_id}")) for m, p, _, _ in ENDPOINTS}
    assert documented == covered
