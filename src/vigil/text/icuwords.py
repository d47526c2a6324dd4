"""ICU word-boundary segmentation with boundaries in Python string positions.

ICU reports boundaries in UTF-16 code units, Python indexes strings by code point: every character
outside the Basic Multilingual Plane (emoji, CJK extension B) counts twice for ICU, so slicing a
Python string with ICU's offsets drifts one position per such character ("good 🙌 Today" would yield
"T", "oday "). `segments` converts the offsets before slicing.
"""

from __future__ import annotations

import re
import threading
from itertools import accumulate
from typing import Any

_ASTRAL = "\U00010000"
_LOCAL = threading.local()  # a BreakIterator holds its text: one per thread


def _breaker() -> Any:
    bi = getattr(_LOCAL, "bi", None)
    if bi is None:
        import icu

        bi = _LOCAL.bi = icu.BreakIterator.createWordInstance(icu.Locale("zh"))
    return bi


def segments(text: str) -> list[str]:
    """`text` cut at every ICU word boundary (Chinese by dictionary); pieces include spaces and punctuation."""
    if not text:
        return []
    bi = _breaker()
    bi.setText(text)
    bounds = [bi.first(), *bi]
    if max(text) >= _ASTRAL:
        # code point index of every UTF-16 offset that starts a character
        units = list(accumulate((2 if ch >= _ASTRAL else 1 for ch in text), initial=0))
        at = {u: i for i, u in enumerate(units)}
        bounds = [at[b] for b in bounds]
    return [text[p:q] for p, q in zip(bounds, bounds[1:], strict=False)]


# UAX #29 word rules as they apply to ASCII (what ICU does there): letters, digits and "_" join; "." ":" "'"
# join two letters (e.g., U.S.A, don't); "." "," ";" "'" join two digits (1,000.50). Tests compare it with ICU.
_ASCII_WORD = re.compile(r"[A-Za-z0-9_]+(?:(?:(?<=[A-Za-z])[.:'](?=[A-Za-z])|(?<=[0-9])[.,;'](?=[0-9]))[A-Za-z0-9_]+)*")
_ALNUM = re.compile(r"[^\W_]")  # a character str.isalnum() accepts


def words(text: str) -> list[str]:
    """The ICU word segments of `text` that hold a letter or digit (spaces and punctuation dropped); ASCII
    text is cut by the equivalent regular expression, ~5x faster than a BreakIterator walk."""
    if text.isascii():
        return [tok for tok in _ASCII_WORD.findall(text) if _ALNUM.search(tok)]
    return [tok for tok in segments(text) if _ALNUM.search(tok)]
