"""Chinese characters that look alike when rendered, measured on the glyphs themselves.

The curated groups in `cjk_lookalikes` hold the swaps counterfeiters were seen to use; they cannot list every
pair an impersonator may pick from a 形近字 list (往/住, 裁/栽, 瑾/璋, 钓/钧 ...). This table is made from the
glyphs: every character of GB 2312 (the 6,763 characters Chinese input methods offer first) is drawn with
Noto Sans CJK SC (SIL Open Font License; Debian's fonts-noto-cjk), blurred (Gaussian, sigma 1 px, so a stroke
a pixel away still overlaps) and compared with every other by the cosine of the centred images. Two characters
are look-alikes when each is among the other's three nearest and their cosine is at least 0.82: mutual near
neighbours, so a character with many similar shapes around it (an enclosure such as 国/图/围) is not paired
with all of them.

The table is shipped (`cjk_glyph_pairs.txt.gz`, one pair per line) and written by `make model`
(`python -m vigil.text.glyph_lookalikes`), so a scan needs neither the font nor Pillow. The index uses it to
spell short registry names with one look-alike character (`nameindex`), not to fold text: unlike the
curated groups, look-alikeness here is not transitive.
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path

PATH = Path(__file__).with_name("cjk_glyph_pairs.txt.gz")
FONT_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
)
CELL = 40  # pixels per glyph image
MIN_COSINE = 0.82
MUTUAL_TOP = 3


def gb2312_chars() -> list[str]:
    """The 6,763 Hanzi of GB 2312 (rows 16-87), in code order."""
    out = []
    for hi in range(0xB0, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                out.append(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return out


def _font_path() -> str:
    for p in FONT_CANDIDATES:
        if Path(p).exists():
            return p
    raise FileNotFoundError("Noto Sans CJK not found (Debian: apt-get install fonts-noto-cjk; `make browser`)")


def build() -> list[tuple[str, str]]:
    """The look-alike pairs (a, b), a before b in code order."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFont
    from scipy.ndimage import gaussian_filter

    chars = gb2312_chars()
    ttc = _font_path()
    font = next(f for f in (ImageFont.truetype(ttc, CELL - 4, index=i) for i in range(10))
                if f.getname()[0] == "Noto Sans CJK SC")
    images = []
    for ch in chars:
        im = Image.new("L", (CELL, CELL), 0)
        ImageDraw.Draw(im).text((2, -3), ch, fill=255, font=font)
        images.append(gaussian_filter((np.asarray(im) > 96).astype(np.float32), 1.0).ravel())
    x = np.stack(images)
    x -= x.mean(axis=1, keepdims=True)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    sim = x @ x.T
    np.fill_diagonal(sim, -1.0)
    top = np.argsort(-sim, axis=1, kind="stable")[:, :MUTUAL_TOP]
    tops = [set(row.tolist()) for row in top]
    pairs = set()
    for i, row in enumerate(top):
        for j in row.tolist():
            if sim[i, j] >= MIN_COSINE and i in tops[j]:
                pairs.add((min(i, j), max(i, j)))
    return [(chars[i], chars[j]) for i, j in sorted(pairs)]


def write(path: Path = PATH) -> Path:
    text = "".join(f"{a}{b}\n" for a, b in build())
    path.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))  # mtime=0: same table, same bytes
    return path


@lru_cache(maxsize=1)
def neighbours() -> dict[str, str]:
    """char -> the characters that look like it (both directions of every pair); empty without the table."""
    try:
        text = gzip.decompress(PATH.read_bytes()).decode("utf-8")
    except OSError:
        return {}
    out: dict[str, str] = {}
    for line in text.splitlines():
        if len(line) == 2:
            a, b = line[0], line[1]
            out[a] = out.get(a, "") + b
            out[b] = out.get(b, "") + a
    return out


if __name__ == "__main__":
    print(write())
