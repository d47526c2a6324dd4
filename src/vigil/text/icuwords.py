"""ICU word-boundary segmentation with boundaries in Python string positions.

ICU reports boundaries in UTF-16 code units, Python indexes strings by code point: every character
outside the Basic Multilingual Plane (emoji, CJK extension B) counts twice for ICU, so slicing a
Python string with ICU's offsets drifts one position per such character ("good 🙌 Today" would yield
"T", "oday "). `segments` converts the offsets before slicing.
"""

from __future__ import annotations

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
