"""The service classifier's predictions for many overlapping texts, computed part by part and vectorised.

The detector reads every account as several units: the whole account (profile + all posts) and the
profile with each post. Handing those units to scikit-learn's `TfidfVectorizer` analyses the profile
once per unit and builds character n-grams one Python call at a time — 75% of the detector's time.
Both feature sets are additive over parts joined by spaces, so each part (profile, post) is analysed
once and the units' count rows are sums of part rows:

- `char_wb` n-grams live inside space-padded words, so the counts of "a b" are the counts of "a" plus
  those of "b". They are counted for all parts at once with numpy: code points of every n ≤ 3 packed
  into one integer key (21 bits each), looked up in the sorted vocabulary keys.
- word uni/bigrams come from ICU word tokens, which never span a space; a unit's tokens are its parts'
  tokens in order (bigrams across the junction of two parts included).

The count matrices are then weighted as the fitted TF-IDF transformers do and fed to the fitted logistic
regression's weights, so the probabilities are exactly those of `ServiceClassifier.predict_proba` on the
joined texts (tests compare them bit for bit). The weights come as plain arrays (`Weights`, shipped next
to the pickled model), so scoring needs neither scikit-learn nor its import time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain, repeat
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse

from vigil.services.lexicon import normalize_many, words

_BITS = 21  # every code point (+1) fits in 21 bits, so three of them fit one uint64 exactly
_SEP = "\x00"  # between parts: no vocabulary n-gram contains it, so no n-gram spans two parts


@dataclass(frozen=True)
class Weights:
    """Everything the fitted pipeline computes with, as plain arrays: vocabularies (term -> column), IDF
    vectors, and the multinomial logistic regression. Saved next to the pickled model (`make model`), so a
    scan scores without importing scikit-learn (~1 s of start-up)."""

    char_terms: np.ndarray
    char_cols: np.ndarray
    char_idf: np.ndarray
    word_terms: np.ndarray
    word_cols: np.ndarray
    word_idf: np.ndarray
    coef: np.ndarray
    intercept: np.ndarray
    labels: tuple[str, ...]

    @classmethod
    def from_classifier(cls, clf: Any) -> Weights:
        """Read a fitted `ServiceClassifier`; refuses settings this module does not reproduce."""
        steps = dict(clf.pipeline.named_steps["features"].transformer_list)
        char_vec, word_vec, lr = steps["char"], steps["word"], clf.pipeline.named_steps["lr"]
        for vec in (char_vec, word_vec):
            tf = vec._tfidf
            if not (tf.sublinear_tf and tf.use_idf and tf.norm == "l2"):
                raise ValueError("FastScorer expects sublinear TF, IDF and l2 rows")
        if (char_vec.analyzer != "char_wb" or char_vec.ngram_range != (1, 3) or not char_vec.lowercase
                or char_vec.strip_accents is not None or char_vec.preprocessor is not None
                or word_vec.ngram_range != (1, 2) or len(lr.classes_) <= 2):
            raise ValueError("FastScorer expects lower-cased char_wb 1-3, word 1-2 n-grams and >2 classes")
        ct, cc = zip(*char_vec.vocabulary_.items(), strict=True)
        wt, wc = zip(*word_vec.vocabulary_.items(), strict=True)
        return cls(np.array(ct), np.array(cc, dtype=np.int64), np.asarray(char_vec.idf_, dtype=np.float64),
                   np.array(wt), np.array(wc, dtype=np.int64), np.asarray(word_vec.idf_, dtype=np.float64),
                   np.asarray(lr.coef_, dtype=np.float64), np.asarray(lr.intercept_, dtype=np.float64),
                   tuple(str(c) for c in clf.labels))

    def save(self, path: Path) -> None:
        with path.open("wb") as fh:
            np.savez_compressed(fh, char_terms=self.char_terms, char_cols=self.char_cols, char_idf=self.char_idf,
                                word_terms=self.word_terms, word_cols=self.word_cols, word_idf=self.word_idf,
                                coef=self.coef, intercept=self.intercept, labels=np.array(self.labels))

    @classmethod
    def load(cls, path: Path) -> Weights:
        with np.load(path, allow_pickle=False) as z:
            return cls(z["char_terms"], z["char_cols"], z["char_idf"], z["word_terms"], z["word_cols"],
                       z["word_idf"], z["coef"], z["intercept"], tuple(str(x) for x in z["labels"]))


class FastScorer:
    """`ServiceClassifier` probabilities for units made of shared parts."""

    def __init__(self, weights: Weights) -> None:
        self.weights = weights
        self.labels = weights.labels
        self.n_char = len(weights.char_idf)
        self.n_word = len(weights.word_idf)
        self.word_vocab: dict[str, int] = dict(zip(weights.word_terms.tolist(), weights.word_cols.tolist(),
                                                   strict=True))
        # sorted packed keys per n-gram length, with their column
        self._keys: list[tuple[np.ndarray, np.ndarray]] = []
        char_terms = weights.char_terms.tolist()
        for n in (1, 2, 3):
            terms = [(t, c) for t, c in zip(char_terms, weights.char_cols.tolist(), strict=True) if len(t) == n]
            if any(_SEP in t or "  " in t for t, _ in terms):
                raise ValueError("vocabulary holds a separator n-gram")
            keys = np.array([_pack(t) for t, _ in terms], dtype=np.uint64)
            cols = np.array([c for _, c in terms], dtype=np.int64)
            order = np.argsort(keys)
            self._keys.append((keys[order], cols[order]))

    @classmethod
    def from_classifier(cls, clf: Any) -> FastScorer:
        return cls(Weights.from_classifier(clf))

    def predict_units(self, parts: Sequence[str], units: Sequence[Sequence[int]], *,
                      normalized: Sequence[str] | None = None) -> list[dict[str, float]]:
        """Probabilities per unit; unit u is the texts `parts[i] for i in units[u]` joined by spaces.
        `normalized`: the parts already through `lexicon.normalize` (the caller needs them too)."""
        if not units:
            return []
        probs = self.predict_units_array(parts, units, normalized=normalized)
        return [{lab: float(p) for lab, p in zip(self.labels, row, strict=True)} for row in probs]

    def predict_units_array(self, parts: Sequence[str], units: Sequence[Sequence[int]], *,
                            normalized: Sequence[str] | None = None) -> np.ndarray:
        """`predict_units` as a units x labels array (columns in `self.labels` order)."""
        if not units:
            return np.zeros((0, len(self.labels)), dtype=np.float64)
        norm = list(normalized) if normalized is not None else normalize_many(parts)
        char_parts = self._char_counts([p.lower() for p in norm])  # the vectoriser's only preprocessing
        indicator = _indicator(units, len(parts))
        char_units = (indicator @ char_parts).tocsr()
        char_units.sum_duplicates()
        char_units.sort_indices()
        word_units = self._word_counts([words(p) for p in norm], units, indicator)
        w = self.weights
        x = sparse.hstack([_tfidf(char_units, w.char_idf), _tfidf(word_units, w.word_idf)]).tocsr()
        return _softmax(x @ w.coef.T + w.intercept)

    def _char_counts(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """Rows of char_wb 1–3-gram counts: each text becomes ' w1  w2 ' (words padded, as sklearn does)."""
        padded = [f" {t.replace(' ', '  ')} " if t else "" for t in texts]
        starts = np.cumsum([0, *(len(p) + 1 for p in padded)], dtype=np.int64)[:-1]
        code = np.frombuffer(_SEP.join(padded).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64) + 1
        code[code == ord(_SEP) + 1] = 0  # the separator packs to 0 so no key containing it is in the vocabulary
        rows_out: list[np.ndarray] = []
        cols_out: list[np.ndarray] = []
        total = len(code)
        for n, (keys, cols) in zip((1, 2, 3), self._keys, strict=True):
            if total < n or not len(keys):
                continue
            packed = code[: total - n + 1].copy()
            for k in range(1, n):
                packed = (packed << np.uint64(_BITS)) | code[k: total - n + 1 + k]
            valid = np.ones(len(packed), dtype=bool)
            for k in range(n):
                valid &= code[k: total - n + 1 + k] != 0
            pos = np.nonzero(valid)[0]
            idx = np.searchsorted(keys, packed[pos])
            idx[idx == len(keys)] = 0
            hit = keys[idx] == packed[pos]
            pos, idx = pos[hit], idx[hit]
            rows_out.append(np.searchsorted(starts, pos, side="right") - 1)
            cols_out.append(cols[idx])
        rows = np.concatenate(rows_out) if rows_out else np.zeros(0, dtype=np.int64)
        cols_all = np.concatenate(cols_out) if cols_out else np.zeros(0, dtype=np.int64)
        m = sparse.csr_matrix((np.ones(len(rows), dtype=np.int64), (rows, cols_all)),
                              shape=(len(texts), self.n_char))
        m.sum_duplicates()
        return m

    def _word_counts(self, tokens: Sequence[list[str]], units: Sequence[Sequence[int]],
                     indicator: sparse.csr_matrix) -> sparse.csr_matrix:
        """Rows of word uni/bigram counts: every part's n-grams looked up in one pass over all tokens (C-level
        maps), summed into units by the unit x part `indicator`; bigrams across the junction of two parts of a
        unit are added per unit."""
        vocab = self.word_vocab
        n_parts = len(tokens)
        lens = np.fromiter(map(len, tokens), dtype=np.int64, count=n_parts)
        flat = list(chain.from_iterable(tokens))
        part_of = np.repeat(np.arange(n_parts, dtype=np.int64), lens)
        uni = np.fromiter(map(vocab.get, flat, repeat(-1)), dtype=np.int64, count=len(flat))
        rows, cols = [part_of[uni >= 0]], [uni[uni >= 0]]
        if len(flat) > 1:  # bigrams of neighbouring tokens; those spanning two parts are dropped
            pairs = map(" ".join, zip(flat, flat[1:], strict=False))
            big = np.fromiter(map(vocab.get, pairs, repeat(-1)), dtype=np.int64, count=len(flat) - 1)
            keep = (big >= 0) & (part_of[:-1] == part_of[1:])
            rows.append(part_of[:-1][keep])
            cols.append(big[keep])
        r, c = np.concatenate(rows), np.concatenate(cols)
        per_part = sparse.csr_matrix((np.ones(len(r), dtype=np.int64), (r, c)), shape=(n_parts, self.n_word))
        jr: list[int] = []
        jc: list[int] = []
        get = vocab.get
        for u, unit in enumerate(units):
            if len(unit) < 2:
                continue
            last: str | None = None
            for i in unit:
                seq = tokens[i]
                if not seq:
                    continue
                if last is not None:
                    col = get(f"{last} {seq[0]}")
                    if col is not None:
                        jr.append(u)
                        jc.append(col)
                last = seq[-1]
        m = (indicator @ per_part).tocsr()
        if jr:
            m = m + sparse.csr_matrix((np.ones(len(jr), dtype=np.int64), (jr, jc)), shape=m.shape)
        m.sum_duplicates()
        m.sort_indices()
        return m


def _indicator(units: Sequence[Sequence[int]], n_parts: int) -> sparse.csr_matrix:
    """units x parts: entry (u, i) counts how often part i is in unit u."""
    return sparse.csr_matrix(
        (np.ones(sum(len(u) for u in units), dtype=np.int64),
         np.fromiter((i for u in units for i in u), dtype=np.int64),
         np.cumsum([0, *(len(u) for u in units)], dtype=np.int64)),
        shape=(len(units), n_parts))


def _tfidf(counts: sparse.csr_matrix, idf: np.ndarray) -> sparse.csr_matrix:
    """scikit-learn's TfidfTransformer (sublinear TF, IDF, l2 rows) step for step, so the floats are the
    same: log(tf) + 1, times the IDF, each row divided by the square root of its squares summed in index
    order (scipy's CSR product with a ones vector sums a row in that order, as sklearn's Cython loop does)."""
    x = sparse.csr_matrix((counts.data.astype(np.float64), counts.indices, counts.indptr), shape=counts.shape)
    np.log(x.data, x.data)
    x.data += 1.0
    x.data *= idf[x.indices]
    squares = sparse.csr_matrix((x.data * x.data, x.indices, x.indptr), shape=x.shape)
    sums = squares @ np.ones(x.shape[1], dtype=np.float64)
    norms = np.sqrt(sums)
    norms[sums == 0.0] = 1.0  # an empty row stays empty
    x.data /= np.repeat(norms, np.diff(x.indptr))
    return x


def _softmax(z: np.ndarray) -> np.ndarray:
    """scikit-learn's multinomial predict_proba: shift by the row maximum, exponentiate, normalise."""
    z = np.asarray(z, dtype=np.float64)
    z -= np.max(z, axis=1).reshape((-1, 1))
    np.exp(z, out=z)
    z /= np.sum(z, axis=1).reshape((-1, 1))
    return z


def _pack(term: str) -> int:
    key = 0
    for ch in term:
        key = (key << _BITS) | (ord(ch) + 1)
    return key
