"""Helpers for the due-process tests: an app over a temp store, tokens per role, seeded cases."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from vigil.api.tokens import create_token
from vigil.model import Account, Claim, Entity, Post, make_finding
from vigil.policy import load_policy
from vigil.review.queue import open_cases
from vigil.store import SQLiteStore

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

T0 = datetime(2026, 1, 10, 12, 0, tzinfo=UTC)


class Clock:
    """A settable clock for lock expiry and appeal windows."""

    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kw: float) -> None:
        self.now += timedelta(**kw)


def seed(db: Path) -> dict[str, Any]:
    """Two accounts with low-confidence findings (review cases) and a monetised account with followers."""
    store = SQLiteStore(db)
    store.upsert_records("entities", [
        Entity(entity_id="cn-cdc", kind="public_institution", names=["中国疾病预防控制中心", "中国疾控中心", "China CDC"]),
        Entity(entity_id="cn-mnd", kind="military", names=["中华人民共和国国防部", "国防部"]),
    ])
    store.upsert_records("claims", [Claim(claim_id="c1", text="Drinking hot water kills the coronavirus.",
                                          verdict="False")])
    store.upsert_records("accounts", [
        Account(platform="weibo", account_id="a1", display_name="中国疾控中心", followers=1200, monetized=True),
        Account(platform="weibo", account_id="a2", display_name="Health tips", followers=50),
        Account(platform="douyin", account_id="a3", display_name="国防部发布", followers=900, monetized=True),
    ])
    store.upsert_records("posts", [Post(platform="weibo", post_id="p2", account_id="a2",
                                        text="Drinking hot water kills the coronavirus.")])
    findings = [
        make_finding(platform="weibo", account_id="a1", post_id=None, category="impersonation",
                     subcategory="public_institution", detector="impersonation.name", score=0.7,
                     evidence={"entity_id": "cn-cdc", "matched_name": "中国疾病预防控制中心", "observed": "中国疾控中心"}),
        make_finding(platform="weibo", account_id="a2", post_id="p2", category="debunked_claim",
                     subcategory="match", detector="claims.match", score=0.6,
                     evidence={"claim_id": "c1", "verdict": "False"}),
        make_finding(platform="douyin", account_id="a3", post_id=None, category="impersonation",
                     subcategory="military", detector="impersonation.name", score=0.8,
                     evidence={"entity_id": "cn-mnd", "matched_name": "国防部", "observed": "国防部发布"}),
    ]
    store.save_findings(findings)
    open_cases(store, findings, [], load_policy(), T0)
    store.close()
    return {"findings": findings}


def tokens(db: Path) -> dict[str, str]:
    store = SQLiteStore(db)
    out = {}
    with store.transaction() as conn:
        for name, role in (("rep1", "reporter"), ("rep2", "reporter"), ("platform1", "intake"),
                           ("alice", "reviewer"), ("bob", "reviewer"), ("root", "admin")):
            out[name] = create_token(conn, role, name)
    store.close()
    return out


def client(db: Path, clock: Callable[[], datetime] | None = None, **kw: Any) -> TestClient:
    from vigil.api import create_app

    return TestClient(create_app(db, clock=clock or Clock(), **kw), raise_server_exceptions=False)


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def native(report_id: str | None = "r1", account_id: str = "a9", **kw: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"platform": "weibo", "subject": {"account_id": account_id, "post_id": None},
                            "reason": "impersonation", "text": "pretends to be the CDC",
                            "created_at": "2023-04-03T09:00:00Z", **kw}
    if report_id is not None:
        body["report_id"] = report_id
    return body


def counts(db: Path) -> dict[str, int]:
    store = SQLiteStore(db)
    out = {t: store.count(t) for t in ("reports", "report_meta", "report_outcomes", "cases", "decisions", "appeals",
                                       "audit_log", "penalty_events", "notifications", "api_tokens")}
    store.close()
    return out
