"""Char n-gram text classifier: which professional domain (if any) an account offers services in.

TF-IDF over character n-grams inside word boundaries (`char_wb`, 1–3) works for Chinese without a word
segmenter and for English alike; a multinomial logistic regression on top gives calibrated-enough
probabilities to combine with the lexicons. Trained on first use from the seeded generator
(`trainingdata.generate_mixed(TRAIN_SEED)`: templates + a compositional grammar), which takes well under two seconds; same seed → same model.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from vigil.services.lexicon import normalize
from vigil.services.trainingdata import LABELS, generate_mixed

TRAIN_SEED = 20240601
"""Seed of the classifier's training data; evaluations must use other seeds."""


class ServiceClassifier:
    """Account text → probability per label (LABELS: "none" and the five domains)."""

    def __init__(self, texts: Sequence[str], labels: Sequence[str]) -> None:
        self.pipeline: Pipeline = Pipeline(
            [
                ("tfidf", TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), min_df=2, sublinear_tf=True)),
                ("lr", LogisticRegression(C=8.0, solver="newton-cg", max_iter=500)),
            ]
        )
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
    return ServiceClassifier([a.text() for a in data], [a.label for a in data])


@lru_cache(maxsize=1)
def default_classifier() -> ServiceClassifier:
    """The shared, lazily trained model (deterministic: fixed seed, deterministic newton-cg solver, ~0.5 s)."""
    clf = train()
    assert set(clf.labels) == set(LABELS)
    return clf
