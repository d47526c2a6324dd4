"""Chinese characters that look alike, measured on the glyphs and on the way they are written.

The curated groups in `cjk_lookalikes` hold the swaps counterfeiters were seen to use; they cannot list every
pair an impersonator may pick from a 形近字 list (往/住, 裁/栽, 京/凉, 日/白 ...). This table is measured, in two
views of every character of GB 2312 (the 6,763 characters Chinese input methods offer first):

- the drawn glyph: Noto Sans CJK SC (SIL Open Font License; Debian's fonts-noto-cjk), blurred (Gaussian,
  sigma 1 px, so a stroke a pixel away still overlaps), compared by the cosine of the centred images;
- the writing: the stroke-order sequence (横竖撇点折 as 1-5), compared by normalised Levenshtein similarity,
  and the two components a character is built of. It sees what pixels miss: one stroke more (日/白, 之/乏)
  and a component changed or added (住/往, 京/凉, 每/海), which move many pixels but few strokes.

Stroke orders, components, layouts and radicals come from the char-similar package's char_order, char_stroke,
char_struct and char_component tables
(Apache-2.0, https://github.com/yongzhuo/char-similar), kept for GB 2312 in `cjk_char_shapes.txt.gz`.

Two characters are look-alikes when (a) each is among the other's three nearest glyphs and their cosine is at
least 0.82, (b) each is among the other's five nearest by the mean of both similarities and that mean is at
least 0.65 (both of four strokes or more), (c) one is the other with a radical added: it is built of a radical and
the other (凉 = 冫+京, 掠 = 扌+京, 海 = 氵+每) or of the other and one stroke (玉 = 王+丶), with one to three strokes
more, or (d) both are one right-hand part with a different small radical on the left (抱/饱/泡, 住/注/柱, 晴/请).
(a) and (b) are mutual near neighbours, so a character with many similar shapes around it (an enclosure such as
国/图/围) is not paired with all of them.

Near pairs, a looser relation kept apart (`cjk_glyph_near.txt.gz`): either character is among the other's twenty
nearest by the mean of both similarities, at least 0.6 (报/抿, 宁/宇). Too many to read every swap with (each
character has ~24), they only spell registry names of three or four characters with one character swapped
(`nameindex.lookalike_spellings`), where a blind audit found them exact: the rest of the name must match as written
and the swap must make no word of its own.

The table is shipped (`cjk_glyph_pairs.txt.gz`, one pair per line) and written by `make model`
(`python -m vigil.text.glyph_lookalikes`), so a scan needs neither the font nor Pillow. The index uses it to
spell short registry names with one look-alike character (`nameindex`), not to fold text: unlike the
curated groups, look-alikeness here is not transitive.
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

PATH = Path(__file__).with_name("cjk_glyph_pairs.txt.gz")
SHAPES = Path(__file__).with_name("cjk_char_shapes.txt.gz")
FONT_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
)
CELL = 40  # pixels per glyph image
MIN_COSINE = 0.82
MUTUAL_TOP = 3
MIN_BLEND = 0.65  # mean of glyph cosine and stroke-order similarity
BLEND_TOP = 5
MIN_STROKES = 4  # for the blended and the radical-added pairs
NEAR_PATH = Path(__file__).with_name("cjk_glyph_near.txt.gz")
NEAR_TOP = 20
MIN_NEAR = 0.6


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


class Shape(NamedTuple):
    order: str  # stroke-order sequence, digits 1-5 (横竖撇点折)
    parts: tuple[str, ...]  # the components the character is built of (radicals in full form: 水 for 氵)
    layout: str  # "0" one piece, "1" left-right, "2" top-bottom, ...
    radical: str  # as written in the character (氵 of 海)


def char_shapes() -> dict[str, Shape]:
    """char -> its Shape, for GB 2312."""
    out: dict[str, Shape] = {}
    for line in gzip.decompress(SHAPES.read_bytes()).decode("utf-8").splitlines():
        ch, order, parts, layout, radical = line.split("\t")
        out[ch] = Shape(order, tuple(parts.split()), layout, radical)
    return out


_ONE_STROKE = frozenset("丶丿一乙丨亅乚")
# a radical's full form (how the components table writes it) -> how it is written inside a character
_REDUCED = {"邑": "阝", "阜": "阝", "刀": "刂", "手": "扌", "水": "氵", "心": "忄", "言": "讠", "金": "钅", "食": "饣",
            "糸": "纟", "衣": "衤", "示": "礻", "犬": "犭", "玉": "王", "草": "艹", "竹": "⺮", "网": "罒", "人": "亻",
            "冰": "冫", "火": "灬", "攴": "攵", "肉": "月"}


def radical_added(shapes: dict[str, Shape]) -> set[tuple[str, str]]:
    """(base, char) where `char` is `base` with a radical or a stroke added (京/凉, 每/海, 王/玉): built of two
    components, `base` the second one (the first is the radical) or the first beside a single stroke, with one
    to three strokes more; a base of four strokes or more (口 or 土 inside a character is no look-alike of it)."""
    out = set()
    for ch, shape in shapes.items():
        if len(shape.parts) != 2:
            continue
        for k, base in enumerate(shape.parts):
            if k == 0 and shape.parts[1] not in _ONE_STROKE:
                continue  # the first part is the radical (水 of 海), not what the character looks like
            base_order = shapes[base].order if base in shapes else ""
            if base != ch and len(base_order) >= MIN_STROKES and 1 <= len(shape.order) - len(base_order) <= 3:
                out.add((base, ch))
    return out


def radical_swapped(shapes: dict[str, Shape]) -> set[tuple[str, str]]:
    """(a, b), a < b: two left-right characters with the same right-hand part and a different small radical on
    the left (抱/饱/泡/炮, 住/注/柱, 晴/请): the shared part has four strokes or more and is not itself the
    characters' radical (部/郊 share only 阝), and the radicals have one to four strokes."""
    family: dict[str, list[str]] = {}
    for ch, shape in shapes.items():
        if len(shape.parts) != 2 or shape.layout != "1":
            continue
        right = shape.parts[1]
        if right == ch or right not in shapes or shape.radical in (right, _REDUCED.get(right)):
            continue
        rest = len(shape.order) - len(shapes[right].order)
        if len(shapes[right].order) >= MIN_STROKES and 1 <= rest <= 4:
            family.setdefault(right, []).append(ch)
    return {(min(a, b), max(a, b)) for chars in family.values() for i, a in enumerate(chars) for b in chars[i + 1 :]}


def _glyph_cosines(chars: list[str]) -> Any:
    """Cosine similarity of every pair of blurred, centred glyph images (n x n float32)."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFont
    from scipy.ndimage import gaussian_filter

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
    return x @ x.T


def _mutual_pairs(sim: Any, top_n: int, floor: float) -> set[tuple[int, int]]:
    """(i, j), i < j, where each is among the other's `top_n` most similar and the similarity is >= `floor`."""
    import numpy as np

    sim = sim.copy()
    np.fill_diagonal(sim, -1.0)
    top = np.argsort(-sim, axis=1, kind="stable")[:, :top_n]
    tops = [set(row.tolist()) for row in top]
    return {(min(i, j), max(i, j)) for i, row in enumerate(top) for j in row.tolist()
            if sim[i, j] >= floor and i in tops[j]}


def build() -> list[tuple[str, str]]:
    """The look-alike pairs (a, b), a before b in code order."""
    return build_both()[0]


def _near_pairs(sim: Any, top_n: int, floor: float) -> set[tuple[int, int]]:
    """(i, j), i < j, where either is among the other's `top_n` most similar and the similarity is >= `floor`."""
    import numpy as np

    sim = sim.copy()
    np.fill_diagonal(sim, -1.0)
    top = np.argsort(-sim, axis=1, kind="stable")[:, :top_n]
    return {(min(i, j), max(i, j)) for i, row in enumerate(top) for j in row.tolist() if sim[i, j] >= floor}


def build_both() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The look-alike pairs and the near pairs (NEAR_PATH), each (a, b) with a before b in code order."""
    import numpy as np
    from rapidfuzz.distance import Levenshtein
    from rapidfuzz.process import cdist

    chars = gb2312_chars()
    cos = _glyph_cosines(chars)
    shapes = char_shapes()
    seqs = [shapes[ch].order if ch in shapes else "" for ch in chars]
    strokes = cdist(seqs, seqs, scorer=Levenshtein.normalized_similarity, workers=-1, dtype=np.float32)
    # a stroke more or less is a different character when there are only a few (人/大, 八/入): blended
    # similarity pairs characters of four strokes or more
    simple = np.array([len(seq) < MIN_STROKES for seq in seqs])
    strokes[simple, :] = 0.0
    strokes[:, simple] = 0.0
    blend = (cos + strokes) / 2
    pairs = _mutual_pairs(cos, MUTUAL_TOP, MIN_COSINE) | _mutual_pairs(blend, BLEND_TOP, MIN_BLEND)
    at = {ch: i for i, ch in enumerate(chars)}
    related = radical_added(shapes) | radical_swapped(shapes)
    pairs |= {(min(at[a], at[b]), max(at[a], at[b])) for a, b in related if a in at and b in at}
    near = _near_pairs(blend, NEAR_TOP, MIN_NEAR) - pairs
    return [(chars[i], chars[j]) for i, j in sorted(pairs)], [(chars[i], chars[j]) for i, j in sorted(near)]


def write(path: Path = PATH, near_path: Path | None = None) -> Path:
    pairs, near = build_both()
    for p, rows in ((path, pairs), (near_path or path.with_name(NEAR_PATH.name), near)):
        text = "".join(f"{a}{b}\n" for a, b in rows)
        p.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))  # mtime=0: same table, same bytes
    return path


@lru_cache(maxsize=1)
def neighbours() -> dict[str, str]:
    """char -> the characters that look like it (both directions of every pair); empty without the table."""
    return _read_pairs(PATH)


@lru_cache(maxsize=1)
def near_neighbours() -> dict[str, str]:
    """char -> the characters near it but not in `neighbours` (NEAR_PATH); empty without the file."""
    return _read_pairs(NEAR_PATH)


def _read_pairs(path: Path) -> dict[str, str]:
    try:
        text = gzip.decompress(path.read_bytes()).decode("utf-8")
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
