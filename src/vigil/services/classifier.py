"""Char n-gram text classifier: which professional domain (if any) an account offers services in.

TF-IDF over character n-grams inside word boundaries (`char_wb`, 1–3) works for Chinese without a word
segmenter and for English alike; a multinomial logistic regression on top gives calibrated-enough
probabilities to combine with the lexicons. Trained on first use from the seeded generator
(`trainingdata.generate_mixed(TRAIN_SEED)`: templates + a compositional grammar), which takes well under two seconds; same seed → same model.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from vigil.services.lexicon import normalize, words
from vigil.services.trainingdata import LABELS, generate_mixed, generate_rich

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


def _cache_path() -> Path:
    """Cached model file, keyed by the training code and data generator (any change retrains)."""
    import sklearn

    import vigil.services.lexicon as lexicon
    import vigil.services.trainingdata as trainingdata

    h = hashlib.sha256(f"{TRAIN_SEED}|{sklearn.__version__}".encode())
    for mod in (trainingdata, lexicon):
        h.update(Path(str(mod.__file__)).read_bytes())
    h.update(Path(__file__).read_bytes())
    root = Path(os.environ.get("VIGIL_CACHE") or Path.home() / ".cache" / "vigil")
    return root / "services" / f"classifier-{h.hexdigest()[:16]}.pkl"


@lru_cache(maxsize=1)
def default_classifier() -> ServiceClassifier:
    """The shared model: loaded from the cache, else trained (deterministic: fixed seed and solver)."""
    path = _cache_path()
    try:
        clf = pickle.loads(path.read_bytes())  # our own file under the user's cache, written below
        if isinstance(clf, ServiceClassifier) and set(clf.labels) == set(LABELS):
            return clf
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    clf = train()
    assert set(clf.labels) == set(LABELS)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(clf))
        tmp.replace(path)
    except OSError:
        pass  # a read-only cache only costs the training time
    return clf
