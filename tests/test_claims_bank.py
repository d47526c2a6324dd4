"""Claim bank import (JSONL, schema.org ClaimReview, Fact Check Tools) and audited upserts."""

from __future__ import annotations

import json
from pathlib import Path

from vigil.claims.bank import ClaimBank, read_claims
from vigil.model import Claim

CLAIM_REVIEW = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "url": "https://factcheck.example/hot-water",
    "datePublished": "2020-03-01",
    "claimReviewed": "Drinking hot water kills the coronavirus.",
    "headline": "Does hot water kill the coronavirus?",
    "inLanguage": "en",
    "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "someone"}},
    "reviewRating": {"@type": "Rating", "ratingValue": 1, "alternateName": "False"},
}


def test_claimreview_json_document(tmp_path: Path) -> None:
    zh = dict(CLAIM_REVIEW, claimReviewed="喝板蓝根可以预防新冠", url="https://piyao.example/1",
              reviewRating={"alternateName": "谣言"}, inLanguage="zh", identifier="zh-1")
    p = tmp_path / "reviews.json"
    p.write_text(json.dumps({"@graph": [CLAIM_REVIEW, zh, {"@type": "ClaimReview"}]}), encoding="utf-8")
    claims = read_claims(p)
    assert [c.text for c in claims] == ["Drinking hot water kills the coronavirus.", "喝板蓝根可以预防新冠"]
    en = claims[0]
    assert en.verdict == "False" and en.source_url == CLAIM_REVIEW["url"] and en.published_at == "2020-03-01"
    assert en.title == "Does hot water kill the coronavirus?" and en.language == "en"
    assert en.claim_id.startswith("cr-") and claims[1].claim_id == "zh-1"
    assert read_claims(p)[0].claim_id == en.claim_id  # stable ids


def test_fact_check_tools_shape_and_jsonl_mix(tmp_path: Path) -> None:
    api = {"claims": [{"text": "5G spreads covid", "claimDate": "2020-04-01T00:00:00Z",
                       "claimReview": [{"url": "https://fc.example/5g", "title": "5G?", "textualRating": "Pants on Fire",
                                        "languageCode": "en"}]}]}
    p = tmp_path / "api.json"
    p.write_text(json.dumps(api), encoding="utf-8")
    (c,) = read_claims(p)
    assert c.verdict == "Pants on Fire" and c.title == "5G?"
    jl = tmp_path / "claims.jsonl"
    jl.write_text(
        '{"claim_id": "c1", "text": "a claim", "verdict": "False"}\n'
        + json.dumps(CLAIM_REVIEW) + "\n"
        + '{"claim_id": "c1", "text": "duplicate id"}\n{broken\n\n{"claim_id": "c2"}\n',
        encoding="utf-8",
    )
    got = read_claims(jl)
    assert [c.text for c in got] == ["a claim", "Drinking hot water kills the coronavirus."]


def test_upserts_report_audited_changes() -> None:
    bank = ClaimBank()
    add = bank.upsert(Claim(claim_id="c1", text="x", verdict="Unproven"))
    assert add is not None and add.action == "claim.add" and add.before is None
    assert bank.upsert(Claim(claim_id="c1", text="x", verdict="Unproven")) is None
    upd = bank.upsert(Claim(claim_id="c1", text="x", verdict="False"))
    assert upd is not None and upd.action == "claim.update" and upd.verdict_changed
    assert upd.before is not None and upd.before["verdict"] == "Unproven" and upd.after["verdict"] == "False"
    assert [c.verdict for c in bank.values()] == ["False"]
