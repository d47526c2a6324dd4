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

The count matrices are then weighted by the fitted TF-IDF transformers and fed to the fitted logistic
regression, so the probabilities are exactly those of `ServiceClassifier.predict_proba` on the joined
texts (tests compare them). The trained model is untouched: this module only reads it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from scipy import sparse

from vigil.services.classifier import ServiceClassifier
from vigil.services.lexicon import normalize, words

_BITS = 21  # every code point (+1) fits in 21 bits, so three of them fit one uint64 exactly
_SEP = "\x00"  # between parts: no vocabulary n-gram contains it, so no n-gram spans two parts


class FastScorer:
    """`ServiceClassifier` probabilities for units made of shared parts."""

    def __init__(self, clf: ServiceClassifier) -> None:
        features = clf.pipeline.named_steps["features"]
        steps = dict(features.transformer_list)
        self.char_vec: Any = steps["char"]
        self.word_vec: Any = steps["word"]
        self.lr: Any = clf.pipeline.named_steps["lr"]
        self.labels = clf.labels
        lo, hi = self.char_vec.ngram_range
        if (lo, hi) != (1, 3) or self.char_vec.analyzer != "char_wb" or self.word_vec.ngram_range != (1, 2):
            raise ValueError("FastScorer expects char_wb 1-3 and word 1-2 n-grams")
        self._char_pre = self.char_vec.build_preprocessor()
        self.n_char = len(self.char_vec.vocabulary_)
        self.n_word = len(self.word_vec.vocabulary_)
        self.word_vocab: dict[str, int] = self.word_vec.vocabulary_
        # sorted packed keys per n-gram length, with their column
        self._keys: list[tuple[np.ndarray, np.ndarray]] = []
        for n in (1, 2, 3):
            terms = [(t, c) for t, c in self.char_vec.vocabulary_.items() if len(t) == n]
            if any(_SEP in t or "  " in t for t, _ in terms):
                raise ValueError("vocabulary holds a separator n-gram")
            keys = np.array([_pack(t) for t, _ in terms], dtype=np.uint64)
            cols = np.array([c for _, c in terms], dtype=np.int64)
            order = np.argsort(keys)
            self._keys.append((keys[order], cols[order]))

    def predict_units(self, parts: Sequence[str], units: Sequence[Sequence[int]]) -> list[dict[str, float]]:
        """Probabilities per unit; unit u is the texts `parts[i] for i in units[u]` joined by spaces."""
        if not units:
            return []
        norm = [normalize(p) for p in parts]
        char_parts = self._char_counts([self._char_pre(p) for p in norm])
        indicator = sparse.csr_matrix(
            (np.ones(sum(len(u) for u in units), dtype=np.int64),
             np.fromiter((i for u in units for i in u), dtype=np.int64),
             np.cumsum([0, *(len(u) for u in units)], dtype=np.int64)),
            shape=(len(units), len(parts)))
        char_units = (indicator @ char_parts).tocsr()
        char_units.sum_duplicates()
        char_units.sort_indices()
        word_units = self._word_counts([words(p) for p in norm], units)
        x = sparse.hstack([self.char_vec._tfidf.transform(char_units, copy=False),
                           self.word_vec._tfidf.transform(word_units, copy=False)]).tocsr()
        probs = self.lr.predict_proba(x)
        return [{lab: float(p) for lab, p in zip(self.labels, row, strict=True)} for row in probs]

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

    def _word_counts(self, tokens: Sequence[list[str]], units: Sequence[Sequence[int]]) -> sparse.csr_matrix:
        """Rows of word uni/bigram counts: each part's n-grams looked up once, junction bigrams per unit."""
        vocab = self.word_vocab
        own: list[list[int]] = []
        for seq in tokens:
            grams = (*seq, *(f"{a} {b}" for a, b in zip(seq, seq[1:], strict=False)))
            own.append([c for c in map(vocab.get, grams) if c is not None])
        rows: list[int] = []
        cols: list[int] = []
        for u, unit in enumerate(units):
            before = len(cols)
            last: str | None = None
            for i in unit:
                seq = tokens[i]
                if not seq:
                    continue
                cols.extend(own[i])
                if last is not None:
                    col = vocab.get(f"{last} {seq[0]}")
                    if col is not None:
                        cols.append(col)
                last = seq[-1]
            rows.extend([u] * (len(cols) - before))
        m = sparse.csr_matrix((np.ones(len(cols), dtype=np.int64), (rows, cols)), shape=(len(units), self.n_word))
        m.sum_duplicates()
        return m


def _pack(term: str) -> int:
    key = 0
    for ch in term:
        key = (key << _BITS) | (ord(ch) + 1)
    return key
