"""DSA statements of reasons: every exported body validates against the schema built from the official code."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jsonschema
import orjson
import pytest
from typer.testing import CliRunner

from vigil.cli.main import app
from vigil.enforcement import LedgerSink
from vigil.enforcement.record import record_decision
from vigil.model import Account, Post
from vigil.policy import Decision, PenaltyAction
from vigil.store import open_store
from vigil.transparency.dsa import rule_errors, schema

T0 = datetime(2025, 8, 1, 12, tzinfo=UTC)
VALIDATOR = jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.FormatChecker())


def _decision(did: str, account: str, actions: tuple[PenaltyAction, ...], category: str = "impersonation",
              sub: str = "government", post_id: str | None = None, reported: bool = False) -> Decision:
    return Decision(decision_id=did, platform="weibo", account_id=account, post_id=post_id, category=category,
                    subcategory=sub, severity="high", strikes_before=0, penalties=actions, rule_id="VIG-X",
                    reason="VIG-X test reason " + "x" * 6000, evidence={}, finding_ids=("f1",), score=0.9,
                    reported=reported)


def _store(tmp_path: Path, extra_posts: int = 0) -> Path:
    db = tmp_path / "v.db"
    store = open_store(db)
    store.upsert_records("accounts", [Account(platform="weibo", account_id=f"a{i}", display_name="x", followers=10,
                                              monetized=True, created_at="2019-01-01T00:00:00Z") for i in range(8)])
    posts = [Post(platform="weibo", post_id=f"p{i}", account_id="a1", text="t", lang="zh",
                  created_at="2030-01-01T00:00:00Z" if i == 0 else "2024-03-02T00:00:00Z")
             for i in range(1 + extra_posts)]
    store.upsert_records("posts", posts)
    decisions = [
        (_decision("d-1", "a1", (PenaltyAction("remove_post", post_id="p0"), PenaltyAction("remove_followers"),
                                 PenaltyAction("suspend_monetization", ends_at="2025-08-31T12:00:00Z")),
                   category="debunked_claim", sub="match", post_id="p0"), True, None),
        (_decision("d-2", "a2", (PenaltyAction("cancel_monetization"),
                                 PenaltyAction("suspend_account", ends_at="2025-07-01T00:00:00Z")),
                   category="engagement_farming", sub="hype", reported=True), True, None),
        (_decision("d-3", "a3", (PenaltyAction("close_account"),), sub="invented_authority"), False, "reviewer"),
        (_decision("d-4", "a4", (PenaltyAction("warning"),), category="unqualified_services", sub="medical"),
         True, None),
    ]
    decisions += [(_decision(f"d-p{i}", "a1", (PenaltyAction("remove_post", post_id=f"p{i}"),), category="debunked_claim",
                             sub="match", post_id=f"p{i}"), True, None) for i in range(1, 1 + extra_posts)]
    with store.transaction() as conn:
        sink = LedgerSink(conn)
        for d, automated, source in decisions:
            record_decision(conn, d, run_id="r1", shadow=False, at=T0, actor="t", automated=automated, source=source)
            for a in d.penalties:
                sink.apply(d, a, actor="t", at=T0)
    store.close()
    return db


def _export(db: Path, out: Path, *args: str) -> list[dict[str, Any]]:
    res = CliRunner().invoke(app, ["export", "dsa", "--db", str(db), "--out", str(out), *args])
    assert res.exit_code == 0, res.output
    return [orjson.loads(line) for line in out.read_bytes().splitlines()]


def test_every_body_validates_and_mapping_is_faithful(tmp_path: Path) -> None:
    bodies = _export(_store(tmp_path), tmp_path / "st.jsonl")
    assert len(bodies) == 1
    for body in bodies:
        VALIDATOR.validate(body)
        assert rule_errors(body) == []
    sts = bodies[0]["statements"]
    assert len(sts) == 6  # 7 applied penalties, the warning excluded
    by = {(s["puid"].split("-")[2], s["puid"].split("-")[3]): s for s in sts}
    assert by[("1", "remove_post")]["decision_visibility"] == ["DECISION_VISIBILITY_CONTENT_REMOVED"]
    assert by[("1", "remove_post")]["content_type"] == ["CONTENT_TYPE_TEXT"]
    assert by[("1", "remove_post")]["content_language"] == "ZH"
    assert by[("1", "remove_post")]["content_date"] == "2025-08-01"  # a future post date is clamped
    assert by[("1", "remove_followers")]["decision_visibility"] == ["DECISION_VISIBILITY_OTHER"]
    assert by[("1", "remove_followers")]["decision_visibility_other"]
    susp = by[("1", "suspend_monetization")]
    assert susp["decision_monetary"] == "DECISION_MONETARY_SUSPENSION"
    assert susp["end_date_monetary_restriction"] == "2025-08-31"
    assert by[("2", "cancel_monetization")]["decision_monetary"] == "DECISION_MONETARY_TERMINATION"
    acc = by[("2", "suspend_account")]
    assert acc["decision_account"] == "DECISION_ACCOUNT_SUSPENDED"
    assert acc["end_date_account_restriction"] == acc["application_date"] == "2025-08-01"  # never before it
    assert "end_date_monetary_restriction" not in acc
    assert acc["source_type"] == "SOURCE_ARTICLE_16"
    assert acc["category"] == "STATEMENT_CATEGORY_OTHER_VIOLATION_TC"
    assert acc["category_specification"] == ["KEYWORD_OTHER"] and acc["category_specification_other"]
    close = by[("3", "close_account")]
    assert close["decision_account"] == "DECISION_ACCOUNT_TERMINATED"
    assert "end_date_account_restriction" not in close
    assert close["source_type"] == "SOURCE_VOLUNTARY"
    assert close["automated_decision"] == "AUTOMATED_DECISION_PARTIALLY"
    assert "KEYWORD_IMPERSONATION_ACCOUNT_HIJACKING" in close["category_specification"]
    assert close["content_date"] == "2019-01-01"
    assert by[("1", "remove_post")]["automated_decision"] == "AUTOMATED_DECISION_FULLY"
    assert by[("1", "remove_post")]["category_specification"] == ["KEYWORD_MISINFORMATION_DISINFORMATION"]
    for s in sts:
        assert len(s["decision_facts"]) <= 5000
        assert s["territorial_scope"] and s["decision_ground"] == "DECISION_GROUND_INCOMPATIBLE_CONTENT"
        assert all(isinstance(s[k], str) for k in ("decision_facts", "incompatible_content_ground", "puid"))


def test_batches_hold_at_most_100_and_puids_are_unique(tmp_path: Path) -> None:
    bodies = _export(_store(tmp_path, extra_posts=150), tmp_path / "st.jsonl")
    sizes = [len(b["statements"]) for b in bodies]
    assert sizes == [100, 56]
    puids = [s["puid"] for b in bodies for s in b["statements"]]
    assert len(set(puids)) == len(puids) == 156
    for b in bodies:
        VALIDATOR.validate(b)
    again = _export(tmp_path / "v.db", tmp_path / "st2.jsonl", "--batch", "7")
    assert [s["puid"] for b in again for s in b["statements"]] == puids  # stable ids, any batch size


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"decision_account": "DECISION_ACCOUNT_BANNED"}, "unknown enum value"),
        ({"puid": "has space"}, "puid pattern"),
        ({"decision_facts": "x" * 5001}, "facts too long"),
        ({"end_date_account_restriction": "2025-09-01"}, "end date without its decision"),
        ({"unknown_field": 1}, "field the API does not know"),
        ({"territorial_scope": ["US"]}, "country outside the EEA"),
        ({"category_specification": ["KEYWORD_NOT_REAL"]}, "unknown keyword"),
        ({"decision_visibility": ["DECISION_VISIBILITY_OTHER"]}, "other without its text"),
        ({"source_identity": "someone"}, "identity beside a voluntary source"),
    ],
)
def test_schema_rejects_what_the_api_rejects(change: dict[str, Any], why: str) -> None:
    st = {"decision_monetary": "DECISION_MONETARY_TERMINATION", "decision_ground": "DECISION_GROUND_INCOMPATIBLE_CONTENT",
          "incompatible_content_ground": "rule", "incompatible_content_explanation": "why",
          "content_type": ["CONTENT_TYPE_TEXT"], "category": "STATEMENT_CATEGORY_SCAMS_AND_FRAUD",
          "territorial_scope": ["DE"], "content_date": "2025-07-01", "application_date": "2025-07-02",
          "decision_facts": "facts", "source_type": "SOURCE_VOLUNTARY", "automated_detection": "Yes",
          "automated_decision": "AUTOMATED_DECISION_FULLY", "puid": "ok-1_2"}
    VALIDATOR.validate({"statements": [st]})
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate({"statements": [{**st, **change}]})
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate({"statements": []})
    without = {k: v for k, v in st.items() if k != "territorial_scope"}
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate({"statements": [without]})


def test_rule_errors_catch_date_order_and_duplicates() -> None:
    st = {"application_date": "2025-07-02", "content_date": "2025-07-03", "puid": "a",
          "end_date_account_restriction": "2025-07-01"}
    errs = rule_errors({"statements": [st, st]})
    assert any("content_date" in e for e in errs) and any("end_date" in e for e in errs)
    assert any("duplicate puid" in e for e in errs)


def test_missing_store_is_a_usage_error(tmp_path: Path) -> None:
    res = CliRunner().invoke(app, ["export", "dsa", "--db", str(tmp_path / "none.db"), "--out", str(tmp_path / "o")])
    assert res.exit_code != 0


@pytest.mark.slow
def test_statements_from_a_real_campaign_validate(tmp_path: Path) -> None:
    from vigil.campaign import run_campaign
    from vigil.synth import generate

    generate(size=120, seed=5, out_dir=tmp_path / "data", progress=False)
    store = open_store(tmp_path / "c.db")
    run_campaign(tmp_path / "data", store, workers=1)
    applied = store.conn.execute(
        "SELECT count(*) FROM penalty_events WHERE kind='apply' AND penalty != 'warning'").fetchone()[0]
    store.close()
    bodies = _export(tmp_path / "c.db", tmp_path / "st.jsonl")
    statements = [s for b in bodies for s in b["statements"]]
    assert applied > 0 and len(statements) == applied
    assert len({s["puid"] for s in statements}) == applied
    for b in bodies:
        assert 1 <= len(b["statements"]) <= 100
        VALIDATOR.validate(b)
        assert rule_errors(b) == []
