"""Charts for the report, drawn with matplotlib and embedded as inline SVG (no CDN, no files)."""

from __future__ import annotations

import io
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from vigil.model import PENALTIES  # noqa: E402

COLORS = ["#9ecae1", "#6baed6", "#fdae6b", "#fd8d3c", "#e6550d", "#a63603", "#54278f"]
plt.rcParams.update({"font.size": 9, "svg.fonttype": "none", "axes.spines.top": False,
                     "axes.spines.right": False})


def _svg(fig: Any) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight")
    plt.close(fig)
    text = buf.getvalue()
    return text[text.find("<svg"):]


def stacked_bars(table: dict[str, dict[str, int]], title: str, horizontal: bool = True) -> str:
    """One bar per row of `table` (row -> penalty -> count), stacked by penalty."""
    rows = [k for k, v in table.items() if sum(v.values())] or list(table)[:1]
    fig, ax = plt.subplots(figsize=(8, 0.45 * max(3, len(rows)) + 1.2) if horizontal else (8, 3.6))
    left = [0] * len(rows)
    for penalty, color in zip(PENALTIES, COLORS, strict=True):
        vals = [table.get(r, {}).get(penalty, 0) for r in rows]
        if not any(vals):
            continue
        if horizontal:
            ax.barh(rows, vals, left=left, color=color, label=penalty)
        else:
            ax.bar(rows, vals, bottom=left, color=color, label=penalty)
        left = [a + b for a, b in zip(left, vals, strict=True)]
    ax.set_title(title, loc="left", fontweight="bold")
    if horizontal:
        ax.invert_yaxis()
        ax.set_xlabel("penalties applied (not reversed)")
    else:
        ax.set_ylabel("penalties applied (not reversed)")
        ax.tick_params(axis="x", rotation=45)
    if ax.get_legend_handles_labels()[0]:
        ax.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    else:  # nothing applied yet (an empty store, a shadow-only run): say so instead of an empty legend
        ax.text(0.5, 0.5, "no penalties applied", transform=ax.transAxes, ha="center", va="center",
                color="#666")
    return _svg(fig)
