"""Fuzzing: malformed and hostile bodies never cause a 500, and a rejected request stores nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dueprocess_support import auth, client, counts, seed, tokens

HOSTILE = ["'; DROP TABLE reports; --", "\" OR 1=1 --", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
           "../../etc/passwd", "\x00", "\ud800", "{{7*7}}", "%s%n", "\u202e", "a" * 600, "", " ", "null"]
text = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=40))
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), text)
json_values = st.recursive(scalars, lambda kids: st.one_of(st.lists(kids, max_size=4),
                                                          st.dictionaries(text, kids, max_size=4)), max_leaves=12)
REPORT_KEYS = ["report_id", "reporter_id", "platform", "subject", "reason", "text", "created_at", "type", "id",
               "actor", "object", "content", "reasonType"]
report_like = st.fixed_dictionaries({}, optional={k: json_values for k in REPORT_KEYS}).map(
    lambda d: {**d, "subject": d["subject"]} if "subject" in d else d)
subject_like = st.fixed_dictionaries({}, optional={"account_id": json_values, "post_id": json_values,
                                                   "did": json_values, "uri": json_values})
report_with_subject = st.builds(lambda d, s: {**d, "subject": s}, report_like, subject_like)
pytestmark = pytest.mark.slow
CTYPES = ["application/json", "application/activity+json", "text/plain", "application/x-www-form-urlencoded", ""]


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    db: Path = tmp_path_factory.mktemp("fuzz") / "v.db"
    seed(db)
    tok = tokens(db)
    return db, tok, client(db, rate_limit=1_000_000)


def _encode(body: Any) -> bytes:
    return json.dumps(body, ensure_ascii=False).encode("utf-8", "surrogatepass")


def _check(env: Any, method: str, path: str, data: bytes, headers: dict[str, str]) -> None:
    db, tok, c = env
    before = counts(db)
    r = c.request(method, path, content=data, headers=headers)
    assert r.status_code < 500, (path, data[:200], r.text)
    if r.status_code >= 300:
        body = r.json()
        assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
        assert counts(db) == before, (path, data[:200], r.status_code)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.one_of(json_values, report_like, report_with_subject), ctype=st.sampled_from(CTYPES),
       who=st.sampled_from(["rep1", "platform1", "root"]))
def test_report_bodies(env, body: Any, ctype: str, who: str) -> None:  # type: ignore[no-untyped-def]
    db, tok, c = env
    _check(env, "POST", "/api/v1/reports", _encode(body), {**auth(tok[who]), "Content-Type": ctype})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=300))
def test_raw_bytes(env, raw: bytes) -> None:  # type: ignore[no-untyped-def]
    db, tok, c = env
    _check(env, "POST", "/api/v1/reports", raw, {**auth(tok["rep1"]), "Content-Type": "application/json"})


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.one_of(json_values, st.fixed_dictionaries({}, optional={
    "action": st.one_of(st.sampled_from(["dismiss", "penalize"]), json_values), "reason": json_values,
    "penalties": json_values, "category": json_values, "outcome": json_values})),
       target=st.sampled_from(["/api/v1/cases/{c}/decision", "/api/v1/cases/{c}/claim", "/api/v1/decisions/{d}/appeal",
                               "/api/v1/appeals/{a}/decision", "/api/v1/tokens"]),
       ident=text)
def test_review_bodies_and_ids(env, body: Any, target: str, ident: str) -> None:  # type: ignore[no-untyped-def]
    db, tok, c = env
    path = target.format(c=quote(ident.encode("utf-8", "surrogatepass"), safe="") or "x", d="d-x", a="ap-x")
    who = "platform1" if "appeal" in target and "decisions" in target else "root"
    _check(env, "POST", path, _encode(body), {**auth(tok[who]), "Content-Type": "application/json"})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(form=st.dictionaries(st.sampled_from(["token", "queue", "choice", "reason", "category", "decision_id",
                                             "outcome"]), st.one_of(st.sampled_from(HOSTILE), st.text(max_size=30)),
                            max_size=5),
       target=st.sampled_from(["/console/login", "/console/queues/claim", "/console/cases/case-x/decision",
                               "/console/cases/case-x/claim", "/console/appeals/file", "/console/appeals/ap-x/decision"]))
def test_console_forms(env, form: dict[str, str], target: str) -> None:  # type: ignore[no-untyped-def]
    db, tok, c = env
    c.post("/console/login", data={"token": tok["root"]})
    before = counts(db)
    safe = {k: v.encode("utf-8", "surrogatepass").decode("utf-8", "replace") for k, v in form.items()}
    r = c.post(target, data=safe, follow_redirects=False)
    assert r.status_code < 500, (target, form, r.text)
    if r.status_code >= 400:
        assert set(r.json()) == {"error"}
        assert counts(db) == before
