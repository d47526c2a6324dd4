"""Per-character pinyin from a table shipped with the package, so that a scan need not import pypinyin.

Matching accounts needs only the toneless reading of single characters (`normalize.pinyin_chars`), but
importing pypinyin loads its whole phrase dictionary: ~0.25 s of every scan's start-up. The table holds
`lazy_pinyin(ch)[0]` for every CJK character that has a reading, written by `make model`
(`python -m vigil.text.pinyin_table`) from the pinned pypinyin. It is used only when its header names the
installed pypinyin version; otherwise readings come from pypinyin itself. Phrase readings (registry names
with a heteronym, read at index build) always come from pypinyin.
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path

PATH = Path(__file__).with_name("char_pinyin.txt.gz")
RANGES = ((0x3400, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3134F))
"""The code points `normalize._is_cjk` accepts: the table covers exactly these."""


def _installed_version() -> str:
    from importlib.metadata import version

    return version("pypinyin")


def _from_pypinyin(ch: str) -> str:
    from pypinyin import lazy_pinyin

    return str(lazy_pinyin(ch)[0])


def build() -> str:
    """The table's text: a header with the pypinyin version, then `char<TAB>reading` per character whose
    reading is not the character itself."""
    lines = [f"pypinyin {_installed_version()}"]
    for lo, hi in RANGES:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            reading = _from_pypinyin(ch)
            if reading != ch:
                lines.append(f"{ch}\t{reading}")
    return "\n".join(lines) + "\n"


def write(path: Path = PATH) -> Path:
    # mtime=0: the same table gives the same bytes
    path.write_bytes(gzip.compress(build().encode("utf-8"), mtime=0))
    return path


@lru_cache(maxsize=1)
def table() -> dict[str, str] | None:
    """char -> reading, or None when the shipped table is missing or was made by another pypinyin."""
    try:
        text = gzip.decompress(PATH.read_bytes()).decode("utf-8")
    except OSError:
        return None
    head, _, body = text.partition("\n")
    if head != f"pypinyin {_installed_version()}":
        return None
    return dict(line.split("\t", 1) for line in body.splitlines())


def char_pinyin(ch: str) -> str:
    """`pypinyin.lazy_pinyin(ch)[0]` for one character."""
    t = table()
    if t is None:
        return _from_pypinyin(ch)
    o = ord(ch)
    if any(lo <= o <= hi for lo, hi in RANGES):
        return t.get(ch, ch)
    return _from_pypinyin(ch)


if __name__ == "__main__":
    print(write())
