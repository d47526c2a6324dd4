"""Ingest: every format, every kind of bad line quarantined with a reason, counts reconcile."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vigil.errors import UsageError
from vigil.ingest import IngestCounts, QuarantineEntry, read_records

GOOD = {"platform": "weibo", "account_id": "a1", "display_name": "小王", "followers": 10, "verified": False}


def _read(path: Path, kind: str = "accounts") -> tuple[list, list[QuarantineEntry], IngestCounts]:
    counts, quarantine = IngestCounts(), []
    recs = list(read_records(path, kind, counts, quarantine.append))
    return recs, quarantine, counts


def test_jsonl_bad_lines_are_quarantined_with_reasons(tmp_path: Path) -> None:
    lines = [
        json.dumps(GOOD, ensure_ascii=False).encode(),
        b"",  # blank: skipped, not counted
        b'{"platform": "weibo", "account_id": "a2"',  # broken JSON
        b"[1, 2]",  # not an object
        json.dumps({"platform": "weibo", "account_id": "a3"}).encode(),  # missing display_name
        json.dumps({**GOOD, "account_id": "a4", "followers": "many"}).encode(),  # wrong type
        json.dumps({**GOOD, "account_id": "a5", "display_name": 5}).encode(),  # wrong type
        b'{"platform": "weibo", "account_id": "a6", "display_name": "\xff\xfe bad"}',  # invalid UTF-8
        json.dumps(GOOD, ensure_ascii=False).encode(),  # duplicate key, identical line
        json.dumps({"platform": "douyin", "account_id": "a1", "display_name": "x", "extra": 1}).encode(),
    ]
    path = tmp_path / "accounts.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    recs, q, counts = _read(path)
    assert [(r.platform, r.account_id) for r in recs] == [("weibo", "a1"), ("douyin", "a1")]
    reasons = {e.line: e.reason for e in q}
    assert reasons[3].startswith("broken JSON")
    assert reasons[4].startswith("not a JSON object")
    assert reasons[5] == "missing field display_name"
    assert reasons[6].startswith("wrong type for field followers")
    assert reasons[7].startswith("wrong type for field display_name")
    assert reasons[8].startswith("invalid UTF-8")
    assert "\\xff" in next(e.raw for e in q if e.line == 8)
    assert reasons[9] == "duplicate key weibo/a1"
    assert all(e.source == "accounts.jsonl" for e in q)
    assert counts.read == 9 and counts.accepted == 2 and counts.quarantined == 7 and counts.reconciles()


def test_gzip_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "accounts.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps(GOOD) + "\n" + json.dumps({**GOOD, "account_id": "a2"}) + "\n")
    recs, q, _ = _read(path)
    assert len(recs) == 2 and not q


def test_csv_with_nested_json_columns_and_coercion(tmp_path: Path) -> None:
    path = tmp_path / "entities.csv"
    path.write_text(
        "entity_id,kind,names,official_accounts\n"
        'cn-mnd,military,"[""国防部"", ""Ministry of National Defense""]","[{""platform"": ""weibo"", ""account_id"": ""a1""}]"\n'
        "bad,military,not json,\n"
        "x1,spaceship,\"[\"\"X\"\"]\",\n",
        encoding="utf-8",
    )
    recs, q, counts = _read(path, "entities")
    assert recs[0].names == ["国防部", "Ministry of National Defense"]
    assert recs[0].official_accounts[0].account_id == "a1"
    assert {e.line for e in q} == {3, 4}
    assert counts.reconciles()
    acc = tmp_path / "accounts.csv"
    acc.write_text("platform,account_id,display_name,followers,verified,monetized\nweibo,a1,n,12,true,false\n"
                   "weibo,a2,n,lots,true,false\n", encoding="utf-8")
    recs, q, _ = _read(acc)
    assert recs[0].followers == 12 and recs[0].verified is True
    assert q[0].line == 3 and "followers" in q[0].reason


def test_parquet_structs_lists_and_timestamps(tmp_path: Path) -> None:
    from datetime import datetime

    table = pa.table({
        "report_id": ["r1", "r2"],
        "reporter_id": ["u1", "u2"],
        "platform": ["weibo", "weibo"],
        "subject": [{"account_id": "a1", "post_id": None}, {"account_id": None, "post_id": "p1"}],
        "reason": ["impersonation", "other"],
        "created_at": [datetime(2023, 4, 3, 9, 0), datetime(2023, 4, 4, 9, 0)],
    })
    path = tmp_path / "reports.parquet"
    pq.write_table(table, path)
    recs, q, counts = _read(path, "reports")
    assert len(recs) == 1 and recs[0].subject.account_id == "a1" and recs[0].created_at.startswith("2023-04-03")
    assert q[0].line == 2 and q[0].reason == "missing field subject.account_id"
    assert counts.reconciles()


def test_unreadable_file_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        _read(tmp_path / "nope.jsonl")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.binary(max_size=40), max_size=15))
def test_arbitrary_bytes_never_crash_and_always_reconcile(tmp_path_factory: pytest.TempPathFactory,
                                                          blobs: list[bytes]) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "posts.jsonl"
    path.write_bytes(b"\n".join(b.replace(b"\n", b" ").replace(b"\r", b" ") for b in blobs))
    recs, q, counts = _read(path, "posts")
    assert counts.read == counts.accepted + counts.quarantined == len(recs) + len(q)
    assert all(e.reason for e in q)
