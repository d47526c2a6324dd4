"""Text clean-up and language-aware tokens for claim matching and near-duplicate detection.

English: lower-cased words, bm25s' English stopwords removed, Snowball-stemmed when PyStemmer is installed
(bm25s uses the same stemmer). Chinese: traditional -> simplified (OpenCC t2s), then character bigrams of
every CJK run (plus unigrams, which help on very short posts). Mixed text gets both, run by run.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Callable
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from vigil.arrays import sorted_unique

_URL = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)\S*", re.I)
# a tweet's trailing signature: "— Name (@handle) January 14, 2020"
_TWEET_SIG = re.compile(r"\s[—–-]\s([^—–\n]{0,80})\(@\w+\)\s+\w+\s+\d{1,2},\s+\d{4}\s*$")
# Weibo repost chains: "//@someone: their comment" (the copied text follows the last one)
_REPOST = re.compile(r"//\s*@[^:：\s]{1,30}\s*[:：]")
# Weibo page furniture in crawled posts: video cards, link cards, bracketed emoticons, "show all" toggles
_WEIBO_NOISE = re.compile(r"L[^\s]{1,30}?的微博视频|O?网页链接|\[[\u4e00-\u9fff]{1,8}\]|展开全文c?|收起全文d?")
_MENTION = re.compile(r"@([\w\u4e00-\u9fff\-]{1,30})")
_HASHTAG_ZH = re.compile(r"#([^#\n]{1,40})#")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|_")
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUNS = re.compile(rf"[{_CJK}]+|[a-z0-9]+(?:'[a-z]+)?")
_CJK_RUN = re.compile(rf"[{_CJK}]")


@lru_cache(maxsize=1)
def _stop_en() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_EN  # importing bm25s costs ~0.1 s: only when English is tokenised

    return frozenset(STOPWORDS_EN) | {"s", "t", "rt", "amp", "via", "pic", "twitter", "com", "http", "https"}


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


def normalize(text: str, *, mentions: bool = False) -> str:
    """Width/compatibility folding (NFKC), simplified script, no URLs or repost markers.

    Hashtags keep their words ("#StayHome" -> "Stay Home", "#新冠#" -> "新冠"); emoji and punctuation are
    left to the tokenizer, which ignores them. A tweet's trailing signature keeps the author's name, not
    the date. mentions=True keeps @handles as words ("@realDonaldTrump" -> "real Donald Trump"; who a post
    talks to or quotes often names the claim's subject); near-duplicate shingles drop them.
    """
    t = unicodedata.normalize("NFKC", text)
    t = _TWEET_SIG.sub(lambda m: " " + m.group(1) + " ", t)
    t = _URL.sub(" ", t)
    t = _WEIBO_NOISE.sub(" ", t)
    t = _REPOST.sub(" ", t)
    t = _HASHTAG_ZH.sub(r" \1 ", t)
    t = re.sub(r"#(\w+)", _split_hashtag, t)
    t = _MENTION.sub((lambda m: " " + _CAMEL.sub(" ", m.group(1)) + " ") if mentions else " ", t)
    return to_simplified(t).lower()


def clean(text: str, *, handles: bool = True) -> str:
    """Light clean-up for embedding models: NFKC, simplified script, no URLs or repost markers.

    handles=True (posts): @handles as words and a tweet's signature reduced to the author's name, as for the
    lexical tokens. handles=False (claim passages): handles kept verbatim and a signature dropped, the form
    the bank embeddings were cached with.
    """
    t = unicodedata.normalize("NFKC", text)
    t = _TWEET_SIG.sub((lambda m: " " + m.group(1) + " ") if handles else (lambda m: " "), t)
    t = _URL.sub(" ", t)
    t = _WEIBO_NOISE.sub(" ", t)
    t = _REPOST.sub(" ", t)
    if handles:
        t = _MENTION.sub(lambda m: " " + _CAMEL.sub(" ", m.group(1)) + " ", t)
    return " ".join(to_simplified(t).split())


def _stem_words(words: list[str]) -> list[str]:
    stem = _stemmer()
    stop = _stop_en()
    out = []
    for w in words:
        w = w.replace("'", "")
        if w in stop or len(w) < 2 and not w.isdigit():
            continue
        out.append(stem(w) if stem is not None else w)
    return out


def tokens(text: str, *, unigrams: bool = True, mentions: bool = True) -> list[str]:
    """Search tokens: English stems + CJK character bigrams (and unigrams) in text order."""
    t = normalize(text, mentions=mentions)
    out: list[str] = []
    for run in _RUNS.findall(t):
        if "a" <= run[0] <= "z" or run[0].isdigit():
            out.extend(_stem_words([run]))
            continue
        if unigrams or len(run) == 1:
            out.extend(run)
        out.extend(run[i : i + 2] for i in range(len(run) - 1))
    return out


_CJK_LO = (0x3400, 0x4E00, 0xF900)
_CJK_HI = (0x4DBF, 0x9FFF, 0xFAFF)
_LATIN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def shingle_hashes(text: str) -> npt.NDArray[np.uint32]:
    """The shingles() set as sorted unique uint32 ids, computed with numpy for speed.

    A CJK bigram is hashed exactly from its two code points; English stems go through CRC-32. Deterministic
    across processes (no Python hash randomisation).
    """
    t = normalize(text)
    cp = np.frombuffer(t.encode("utf-32-le"), dtype=np.uint32)
    parts = []
    if len(cp) > 1:
        cjk = np.zeros(len(cp), dtype=bool)
        for lo, hi in zip(_CJK_LO, _CJK_HI, strict=True):
            cjk |= (cp >= lo) & (cp <= hi)
        both = cjk[:-1] & cjk[1:]
        if both.any():
            a, b = cp[:-1][both], cp[1:][both]
            parts.append((a << np.uint32(16)) | b)  # exact: these CJK blocks are below U+10000
    words = _LATIN.findall(t)
    if words:
        ids = [zlib.crc32(w.encode()) for w in _stem_words(words)]
        parts.append(np.asarray(ids, dtype=np.uint32))
    if not parts:
        return np.zeros(0, dtype=np.uint32)
    return sorted_unique(np.concatenate(parts))


def shingles(text: str) -> set[str]:
    """Near-duplicate shingles: CJK character bigrams and English word stems, after normalize().

    Sets ignore word order locally (a few swapped words keep most shingles), and normalize() removes
    repost chains, emoji, hashtag marks, URLs and traditional characters.
    """
    return set(tokens(text, unigrams=False, mentions=False))
