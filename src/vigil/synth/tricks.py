"""Impersonation tricks: turn a protected name into the look-alike an impostor would register.

Each trick returns the observed display name; `handle_for` derives a pinyin/ASCII handle the way real
impostors do (renminribao_official, rmrb2023, xinhua_news).
"""

from __future__ import annotations

import random
import re
from functools import cache

import opencc
from pypinyin import Style, lazy_pinyin

from vigil.synth.vocab import DECOR_EN, DECOR_ZH

_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")

CYRILLIC = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у", "i": "і", "A": "А", "B": "В",
            "C": "С", "E": "Е", "H": "Н", "K": "К", "M": "М", "O": "О", "P": "Р", "T": "Т", "X": "Х", "s": "ѕ"}
GREEK = {"o": "ο", "A": "Α", "B": "Β", "E": "Ε", "H": "Η", "I": "Ι", "K": "Κ", "M": "Μ", "N": "Ν", "O": "Ο",
         "P": "Ρ", "T": "Τ", "X": "Χ", "Z": "Ζ", "v": "ν"}
CJK_LOOKALIKE = {"日": "曰", "人": "入", "土": "士", "己": "已", "天": "夭", "王": "壬", "国": "囯", "未": "末",
                 "报": "扱", "新": "噺", "央": "泱", "部": "郶", "中": "申", "华": "骅", "心": "芯"}
LEET = {"o": "0", "O": "0", "l": "1", "i": "1", "I": "1", "e": "3", "E": "3", "a": "@", "A": "4", "s": "$", "S": "5",
        "t": "7", "T": "7"}
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]
EMOJI = ["🔥", "⭐", "❤", "✨", "🇨🇳", "📢", "✅", "·", "★", "♥"]
SEPARATORS = [" ", "  ", "·", ".", "-", "_", "｜", " . "]
COMBINING = ["\u0301", "\u0308", "\u0323", "\u0307"]

_s2t = opencc.OpenCC("s2t")

LATIN_TRICKS = ("homoglyph", "fullwidth", "leet", "case", "reorder", "combining")
HAN_TRICKS = ("traditional", "cjk_lookalike", "pinyin")
ANY_TRICKS = ("exact", "decoration", "zero_width", "spacing", "emoji")


def has_han(s: str) -> bool:
    return bool(_HAN.search(s))


def to_traditional(s: str) -> str:
    return str(_s2t.convert(s))


@cache
def pinyin_full(name: str) -> str:
    return "".join(p for p in lazy_pinyin(name) if p.isascii() and p.isalnum()).lower()


@cache
def pinyin_initials(name: str) -> str:
    return "".join(p for p in lazy_pinyin(name, style=Style.FIRST_LETTER) if p.isascii() and p.isalnum()).lower()


def ascii_slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", name.lower())


def _sprinkle(s: str, pieces: list[str], r: random.Random, *, every: bool = False, consistent: bool = False,
             at_most: int = 0) -> str:
    """Insert pieces between characters: everywhere, at random gaps, or at `at_most` random gaps."""
    gaps = [i for i in range(1, len(s)) if s[i - 1] != " " and s[i] != " "]
    if not gaps:
        return s + r.choice(pieces)
    if every:
        chosen = gaps
    elif at_most:
        chosen = sorted(r.sample(gaps, min(len(gaps), r.randint(1, at_most))))
    else:
        chosen = [g for g in gaps if r.random() < 0.5] or [r.choice(gaps)]
    one = r.choice(pieces)
    out, prev = [], 0
    for g in chosen:
        out += [s[prev:g], one if consistent else r.choice(pieces)]
        prev = g
    out.append(s[prev:])
    return "".join(out)


def _swap_chars(s: str, table: dict[str, str], r: random.Random, rate: float) -> str:
    idx = [i for i, c in enumerate(s) if c in table]
    if not idx:
        return s
    chars = list(s)
    chosen = [i for i in idx if r.random() < rate] or [r.choice(idx)]
    for i in chosen:
        chars[i] = table[chars[i]]
    return "".join(chars)


def decorate(name: str, r: random.Random) -> str:
    zh = has_han(name)
    deco = r.choice(DECOR_ZH if zh else DECOR_EN)
    if zh:
        return name + deco if r.random() < 0.75 else deco + name
    return f"{name} {deco}" if r.random() < 0.75 else f"{deco} {name}"


def apply_trick(name: str, trick: str, r: random.Random) -> str:
    """The observed name for `trick`; the caller picks a trick that suits the script of `name`."""
    if trick == "exact":
        return name
    if trick == "decoration":
        return decorate(name, r)
    if trick == "zero_width":
        return _sprinkle(name, ZERO_WIDTH, r)
    if trick == "spacing":
        if has_han(name):
            return _sprinkle(name, SEPARATORS, r, every=r.random() < 0.5, consistent=True)
        return re.sub(r"[ ']", lambda _m: r.choice(["  ", "", "-", "_", ".", " . "]), name) if " " in name else \
            _sprinkle(name, SEPARATORS, r, at_most=2, consistent=True)
    if trick == "emoji":
        if has_han(name):
            return _sprinkle(name, EMOJI, r, every=r.random() < 0.5, consistent=r.random() < 0.7)
        return _sprinkle(name, EMOJI, r, at_most=2)
    if trick == "homoglyph":
        return _swap_chars(name, CYRILLIC if r.random() < 0.7 else GREEK, r, 0.5)
    if trick == "fullwidth":
        return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else ("\u3000" if c == " " else c) for c in name)
    if trick == "leet":
        return _swap_chars(name, LEET, r, 0.6)
    if trick == "case":
        return "".join(c.upper() if r.random() < 0.5 else c.lower() for c in name)
    if trick == "reorder":
        words = name.split()
        if len(words) < 2:
            return decorate(name, r)
        k = 1 + r.randrange(len(words) - 1)
        return " ".join(words[k:] + words[:k])
    if trick == "combining":
        return _sprinkle(name, COMBINING, r, at_most=3)
    if trick == "traditional":
        t = to_traditional(name)
        return t if t != name else decorate(t, r)
    if trick == "cjk_lookalike":
        return _swap_chars(name, CJK_LOOKALIKE, r, 0.5)
    if trick == "pinyin":
        full, ini = pinyin_full(name), pinyin_initials(name)
        base = ini.upper() if len(full) > 14 or r.random() < 0.5 else full.capitalize()
        return base + r.choice(["", " ", "_"]) + r.choice(DECOR_ZH + DECOR_EN)
    raise ValueError(trick)


def tricks_for(name: str) -> tuple[str, ...]:
    if has_han(name):
        return ANY_TRICKS + HAN_TRICKS
    if _LATIN.search(name):
        return ANY_TRICKS + LATIN_TRICKS
    return ANY_TRICKS


def handle_for(name: str, r: random.Random, pinyin_trick: bool = False) -> str:
    """A handle like impostors register: pinyin or initials or ASCII slug, plus decoration/digits."""
    if has_han(name):
        base = pinyin_initials(name) if (pinyin_trick and r.random() < 0.5) or r.random() < 0.3 else pinyin_full(name)
    else:
        base = ascii_slug(name)
    base = (base or "user")[:20]
    suffix = r.choice(["", "_official", "news", "_news", "_hq", "2023", "_cn", "official", "_tv", str(r.randrange(10, 9999))])
    return base + suffix
