"""Char n-gram text classifier: which professional domain (if any) an account offers services in.

TF-IDF over character n-grams inside word boundaries (`char_wb`, 1–3) works for Chinese without a word
segmenter and for English alike; a multinomial logistic regression on top gives calibrated-enough
probabilities to combine with the lexicons. Trained from the seeded generators (`trainingdata`,
`phrasebank`; same seed → same model) and shipped in the package (`model/`, written by `make model`), so
neither `vigil scan` nor `vigil stream` trains at start-up; a model whose key (seed, scikit-learn version,
training code) does not match the package is trained on first use (seconds) and cached under $VIGIL_CACHE.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import pickle
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vigil.services.lexicon import normalize, words
from vigil.services.trainingdata import LABELS, generate_mixed, generate_rich

if TYPE_CHECKING:
    from vigil.services.fastscore import FastScorer

TRAIN_SEED = 20240601
"""Seed of the classifier's training data; evaluations must use other seeds."""


class ServiceClassifier:
    """Account text → probability per label (LABELS: "none" and the five domains)."""

    def __init__(self, texts: Sequence[str], labels: Sequence[str], C: float = 4.0) -> None:
        # scikit-learn is imported here, not at module import, to keep `vigil` start-up small.
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import FeatureUnion, Pipeline

        # Char n-grams carry Chinese (no segmenter needed) and misspellings; word uni/bigrams (ICU word
        # boundaries, so Chinese words too) carry English phrasing and word order ("cure your").
        features = FeatureUnion([
            ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), min_df=2, sublinear_tf=True)),
            ("word", TfidfVectorizer(analyzer="word", tokenizer=words, token_pattern=None, lowercase=False,
                                     ngram_range=(1, 2), min_df=2, sublinear_tf=True)),
        ])
        self.pipeline: Any = Pipeline([("features", features), ("lr", LogisticRegression(C=C, solver="newton-cg", max_iter=500))])
        self.pipeline.fit([normalize(t) for t in texts], list(labels))
        self.labels: tuple[str, ...] = tuple(str(c) for c in self.pipeline.classes_)

    def predict_proba(self, texts: Sequence[str]) -> list[dict[str, float]]:
        if not texts:
            return []
        probs = self.pipeline.predict_proba([normalize(t) for t in texts])
        return [{lab: float(p) for lab, p in zip(self.labels, row, strict=True)} for row in probs]

    def predict(self, texts: Sequence[str]) -> list[str]:
        return [max(p.items(), key=lambda kv: (kv[1], kv[0]))[0] for p in self.predict_proba(texts)]


def train(seed: int = TRAIN_SEED, per_domain: int = 160, negatives: int = 800) -> ServiceClassifier:
    data = generate_mixed(seed, per_domain=per_domain, negatives=negatives)
    data += generate_rich(seed, per_domain=2 * per_domain, negatives=2 * negatives)
    return ServiceClassifier([a.text() for a in data], [a.label for a in data])


PACKAGED = Path(__file__).with_name("model")
"""Where the package ships the trained model (`make model` writes it), so no run has to train it."""


def model_key() -> str:
    """Content key of the model: training seed, scikit-learn version and the code that makes the data."""
    from importlib.metadata import version  # the installed version without importing scikit-learn (~1 s)

    import vigil.services.lexicon as lexicon
    import vigil.services.phrasebank as phrasebank
    import vigil.services.trainingdata as trainingdata

    h = hashlib.sha256(f"{TRAIN_SEED}|{version('scikit-learn')}".encode())
    for mod in (trainingdata, lexicon, phrasebank):
        h.update(Path(str(mod.__file__)).read_bytes())
    h.update(Path(__file__).read_bytes())
    return h.hexdigest()[:16]


def packaged_path(key: str | None = None) -> Path:
    return PACKAGED / f"classifier-{key or model_key()}.pkl.gz"


def weights_path(key: str | None = None) -> Path:
    """The shipped model's weights as plain arrays (fastscore.Weights), written with the pickle."""
    return PACKAGED / f"classifier-{key or model_key()}.npz"


def _cache_path(key: str | None = None) -> Path:
    """Cached model file, keyed by the training code and data generator (any change retrains)."""
    root = Path(os.environ.get("VIGIL_CACHE") or Path.home() / ".cache" / "vigil")
    return root / "services" / f"classifier-{key or model_key()}.pkl"


def _load(path: Path) -> ServiceClassifier | None:
    try:
        raw = path.read_bytes()
        # our own files: the one shipped in the package, or the one written below under the user's cache
        clf = pickle.loads(gzip.decompress(raw) if path.suffix == ".gz" else raw)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, gzip.BadGzipFile):
        return None
    return clf if isinstance(clf, ServiceClassifier) and set(clf.labels) == set(LABELS) else None


@lru_cache(maxsize=1)
def default_classifier() -> ServiceClassifier:
    """The shared model: shipped in the package, else cached, else trained (deterministic: fixed seed, solver)."""
    key = model_key()
    for path in (packaged_path(key), _cache_path(key)):
        clf = _load(path)
        if clf is not None:
            return clf
    clf = train()
    assert set(clf.labels) == set(LABELS)
    path = _cache_path(key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(clf))
        tmp.replace(path)
    except OSError:
        pass  # a read-only cache only costs the training time
    return clf


@lru_cache(maxsize=1)
def default_scorer() -> FastScorer:
    """The shared model as a FastScorer: from the shipped weights when they match the training code (no
    scikit-learn import at all), else from `default_classifier()`."""
    from vigil.services.fastscore import FastScorer, Weights

    path = weights_path()
    if path.is_file():
        try:
            weights = Weights.load(path)
            if set(weights.labels) == set(LABELS):
                return FastScorer(weights)
        except (OSError, ValueError, KeyError):
            pass  # unreadable: fall back to the pickled model
    return FastScorer.from_classifier(default_classifier())


def write_packaged() -> Path:
    """Train and store the model in the package (run by `make model` after changing the training code):
    the pickled pipeline and its weights as arrays (what `vigil scan` loads)."""
    from vigil.services.fastscore import Weights

    key = model_key()
    PACKAGED.mkdir(exist_ok=True)
    for old in [*PACKAGED.glob("classifier-*.pkl.gz"), *PACKAGED.glob("classifier-*.npz")]:
        old.unlink()
    path = packaged_path(key)
    clf = train()
    path.write_bytes(gzip.compress(pickle.dumps(clf), compresslevel=9, mtime=0))
    Weights.from_classifier(clf).save(weights_path(key))
    return path


if __name__ == "__main__":
    # through the importable module, so the pickle names vigil.services.classifier, not __main__
    from vigil.services import classifier as _self

    print(_self.write_packaged())
