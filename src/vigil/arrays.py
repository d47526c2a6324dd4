"""Small numpy helpers shared by hot paths."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from numpy.typing import NDArray


def sorted_unique(a: NDArray[Any]) -> NDArray[Any]:
    """`np.unique(a)` for a 1-D array, by sorting: numpy 2.4's hash-based unique measured ~14x slower on
    800k int64 values (0.85 s against 0.06 s) and ~1.6x slower on 40 values."""
    s = np.sort(a)
    if len(s) < 2:
        return s
    keep = np.empty(len(s), dtype=np.bool_)
    keep[0] = True
    np.not_equal(s[1:], s[:-1], out=keep[1:])
    return s[keep]
