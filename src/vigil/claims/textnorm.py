"""Text clean-up and language-aware tokens for claim matching and near-duplicate detection.

English: lower-cased words, bm25s' English stopwords removed, Snowball-stemmed when PyStemmer is installed
(bm25s uses the same stemmer). Chinese: traditional -> simplified (OpenCC t2s), then character bigrams of
every CJK run (plus unigrams, which help on very short posts). Mixed text gets both, run by run.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from bm25s.stopwords import STOPWORDS_EN

_URL = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)\S*", re.I)
# a tweet's trailing signature: "— Name (@handle) January 14, 2020"
_TWEET_SIG = re.compile(r"\s[—–-]\s[^—–\n]{0,80}\(@\w+\)\s+\w+\s+\d{1,2},\s+\d{4}\s*$")
# Weibo repost chains: "//@someone: their comment" (the copied text follows the last one)
_REPOST = re.compile(r"//\s*@[^:：\s]{1,30}\s*[:：]")
_MENTION = re.compile(r"@[\w\u4e00-\u9fff\-]{1,30}")
_HASHTAG_ZH = re.compile(r"#([^#\n]{1,40})#")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUNS = re.compile(rf"[{_CJK}]+|[a-z0-9]+(?:'[a-z]+)?")
_CJK_RUN = re.compile(rf"[{_CJK}]")
_STOP_EN = frozenset(STOPWORDS_EN) | {"s", "t", "rt", "amp", "via", "pic", "twitter", "com", "http", "https"}


@lru_cache(maxsize=1)
def _t2s() -> Callable[[str], str]:
    import opencc

    conv = opencc.OpenCC("t2s")
    convert: Callable[[str], str] = conv.convert
    return convert


@lru_cache(maxsize=1)
def _stemmer() -> Callable[[str], str] | None:
    try:
        import Stemmer  # PyStemmer, optional: bm25s' recommended stemmer
    except ImportError:  # pragma: no cover - depends on the environment
        return None
    return Stemmer.Stemmer("english").stemWord  # type: ignore[no-any-return]


def has_cjk(text: str) -> bool:
    return _CJK_RUN.search(text) is not None


def to_simplified(text: str) -> str:
    return _t2s()(text) if has_cjk(text) else text


def _split_hashtag(m: re.Match[str]) -> str:
    return " " + _CAMEL.sub(" ", m.group(1)) + " "


def normalize(text: str, *, keep_mentions: bool = False) -> str:
    """Width/compatibility folding (NFKC), simplified script, no URLs, repost markers or tweet signature.

    Hashtags keep their words ("#StayHome" -> "Stay Home", "#新冠#" -> "新冠"); emoji and punctuation are
    left to the tokenizer, which ignores them.
    """
    t = unicodedata.normalize("NFKC", text)
    t = _TWEET_SIG.sub(" ", t)
    t = _URL.sub(" ", t)
    t = _REPOST.sub(" ", t)
    t = _HASHTAG_ZH.sub(r" \1 ", t)
    t = re.sub(r"#(\w+)", _split_hashtag, t)
    if not keep_mentions:
        t = _MENTION.sub(" ", t)
    return to_simplified(t).lower()


def clean(text: str) -> str:
    """Light clean-up for embedding models: NFKC, simplified script, no URLs, repost markers or signature."""
    t = unicodedata.normalize("NFKC", text)
    t = _TWEET_SIG.sub(" ", t)
    t = _URL.sub(" ", t)
    t = _REPOST.sub(" ", t)
    return " ".join(to_simplified(t).split())


def _stem_words(words: list[str]) -> list[str]:
    stem = _stemmer()
    out = []
    for w in words:
        w = w.replace("'", "")
        if w in _STOP_EN or len(w) < 2 and not w.isdigit():
            continue
        out.append(stem(w) if stem is not None else w)
    return out


def tokens(text: str, *, unigrams: bool = True, normalized: bool = False) -> list[str]:
    """Search tokens: English stems + CJK character bigrams (and unigrams) in text order."""
    t = text if normalized else normalize(text)
    out: list[str] = []
    for run in _RUNS.findall(t):
        if "a" <= run[0] <= "z" or run[0].isdigit():
            out.extend(_stem_words([run]))
            continue
        if unigrams or len(run) == 1:
            out.extend(run)
        out.extend(run[i : i + 2] for i in range(len(run) - 1))
    return out


def shingles(text: str) -> set[str]:
    """Near-duplicate shingles: CJK character bigrams and English word stems, after normalize().

    Sets ignore word order locally (a few swapped words keep most shingles), and normalize() removes
    repost chains, emoji, hashtag marks, URLs and traditional characters.
    """
    return set(tokens(text, unigrams=False))
