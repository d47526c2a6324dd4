"""Name normalisation for matching: fold away the tricks impersonators use, and say which ones were used.

`fold(s)` produces the *loose key* of a string: invisible characters removed, NFKC (full-width forms),
combining marks dropped, case folded, traditional Chinese converted to simplified (OpenCC t2s), curated
CJK look-alikes merged, leetspeak folded, the ICU UTS #39 confusable skeleton applied ("fancy text" letters
such as small capitals first read as Latin), abbreviated institution words expanded (Dept. -> department),
and everything that is not a letter or a digit (spaces, punctuation, emoji, symbols) removed. `name_keys(s)` adds the pinyin
keys (full and initials) and a decoration-stripped key. Every function is deterministic, and the fold is
idempotent: fold(fold(s)) == fold(s).

Heavy libraries (ICU, OpenCC, pypinyin) are imported on first use so importing this module is cheap.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Generic, NamedTuple, TypeVar

from vigil.text.cjk_lookalikes import LOOKALIKE_MAP
from vigil.text.cjk_variants import variant_map
from vigil.text.lexicon import DECORATIONS

# Transform names reported in evidence (observed side).
INVISIBLE = "invisible_chars"
WIDTH = "fullwidth"
COMBINING = "combining_marks"
TRADITIONAL = "traditional_chinese"
CJK_LOOKALIKE = "cjk_lookalike"
VARIANT = "variant_character"
LEET = "leetspeak"
HOMOGLYPH = "homoglyph"
SYMBOLS = "emoji_symbols"
SPACING = "spacing_punctuation"
CASE = "case"

# Characters that render as nothing (or as blank) but are letters or symbols by category.
_BLANK_LETTERS = {0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800, 0x180E, 0x034F, 0x17B4, 0x17B5}

# Letters used as separating bars, which no punctuation step removes: 丨 (a CJK radical, as in 人民日报丨评论),
# 〡 (Hangzhou numeral one), ㅣ (Hangul vowel i). They become spaces.
_BARS: dict[int, str] = {0x4E28: " ", 0x3021: " ", 0x3163: " "}

# Letter-like characters that "fancy text" generators use and neither NFKC nor the UTS #39 skeleton reads as
# Latin letters: small capitals (ᴄɴɴ) and the negative circled / negative squared letters (🅲🅽🅽, which are
# symbols and would otherwise be deleted with the emoji). ǫ (o with ogonek, the generators' small-cap q) stays.
_LETTERLIKE: dict[int, str] = {
    **{ord(ch): lat for ch, lat in zip("ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘʀꜱᴛᴜᴠᴡʏᴢ", "abcdefghijklmnoprstuvwyz", strict=True)},
    **{0x1F150 + i: chr(0x41 + i) for i in range(26)},  # 🅐 negative circled
    **{0x1F170 + i: chr(0x41 + i) for i in range(26)},  # 🅰 negative squared
    **_BARS,
    # Greek and Cyrillic letters impersonators put in Latin names whose UTS #39 prototype is not the Latin
    # letter they pass for: ε -> ꞓ (c with bar), κ/к -> ĸ (kra), ϲ (lunate sigma), μ, ω, м -> ʍ
    **{ord(ch): lat for ch, lat in zip("εϵκкϲμωм", "eekkcuwm", strict=True)},
}
_LEET_DIGITS = str.maketrans({"0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b"})
_LEET_INNER = str.maketrans({"@": "a", "$": "s", "!": "l", "|": "l"})
_ASCII_TOKEN = re.compile(r"[0-9A-Za-z@$!|]+")
_TRAILING_DIGITS = re.compile(r"[0-9]+$")


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3134F


def has_cjk(s: str) -> bool:
    return _CJK_RE.search(s) is not None


@lru_cache(maxsize=1)
def _spoof() -> Any:
    import icu

    return icu.SpoofChecker()


@lru_cache(maxsize=1)
def _t2s() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


# ASCII skeleton entries (UTS #39 maps I, l, 1, | together and m to "rn"); digits are left to the
# leetspeak fold, which knows a year from a letter; i joins l because 1 stands for both.
_ASCII_UPPER = str.maketrans({"I": "l"})
_ASCII_SKELETON = str.maketrans({"i": "l", "m": "rn"})  # "|" is a letter only inside a word (leet fold)


@lru_cache(maxsize=65536)
def _skel_char(ch: str) -> str:
    """Skeleton of one (non-ASCII) character, NFKC-folded and iterated to a fixed point."""
    if ch.isascii():
        return ch.translate(_ASCII_UPPER).lower().translate(_ASCII_SKELETON)
    cur = ch
    for _ in range(4):
        nxt = str(_spoof().getSkeleton(0, cur))
        nxt = unicodedata.normalize("NFKC", nxt).casefold()
        nxt = "".join(c.translate(_ASCII_SKELETON) if c.isascii() and not c.isdigit() else c for c in nxt)
        if nxt == cur:
            break
        cur = nxt
    return cur


def strip_invisible(s: str) -> str:
    """Remove format/control characters (zero-width, bidi, tags, BOM) and blank look-alike letters."""
    if s.isascii():
        return s if s.isprintable() else "".join(ch for ch in s if ch.isprintable() or ch == " ")
    out = []
    for ch in s:
        cat = unicodedata.category(ch)
        if cat in ("Cf", "Cc", "Co", "Cs", "Cn") or ord(ch) in _BLANK_LETTERS:
            if ch in "\t\n\r":
                out.append(" ")
            continue
        if 0xFE00 <= ord(ch) <= 0xFE0F or 0xE0100 <= ord(ch) <= 0xE01EF:  # variation selectors
            continue
        out.append(ch)
    return "".join(out)


def strip_marks(s: str) -> str:
    """Drop combining marks (é -> e, a̶ -> a, Zalgo text) and recompose."""
    d = unicodedata.normalize("NFD", s)
    kept = "".join(ch for ch in d if unicodedata.category(ch) not in ("Mn", "Me"))
    return unicodedata.normalize("NFC", kept)


def fold_leet(s: str) -> str:
    """Fold leetspeak inside ASCII tokens that hold letters: 0ff1c1al -> offlclal, p30ple -> people.

    Trailing digit runs stay digits (cdc2024 keeps its year); tokens without letters are untouched;
    symbols (@ $ ! |) fold only between alphanumerics so "@cdc" and "$5" keep their meaning.
    """

    def repl(m: re.Match[str]) -> str:
        tok = m.group(0)
        core = tok.strip("@$!|")
        if not any(c.isalpha() for c in core):
            return tok
        lead = tok[: len(tok) - len(tok.lstrip("@$!|"))]
        tail_sym = tok[len(tok.rstrip("@$!|")) :]
        trail = _TRAILING_DIGITS.search(core)
        body, digits = (core[: trail.start()], trail.group(0)) if trail else (core, "")
        if not any(c.isalpha() for c in body):
            return tok
        if len(digits) == 1 and any(c.isdigit() for c in body):  # "p3opl3": a leet word, not a year
            body, digits = body + digits, ""
        body = body.translate(_LEET_DIGITS).translate(_LEET_INNER)
        return lead + body + digits + tail_sym

    return _ASCII_TOKEN.sub(repl, s)


def _alnum_tokens(s: str) -> list[str]:
    """Split into runs of letters/digits; everything else separates, and so does a change between ASCII
    and other scripts ("CCTV新闻" -> cctv, 新闻)."""
    toks: list[str] = []
    cur: list[str] = []
    prev_ascii = True
    for ch in s:
        if ch.isalnum():
            a = ch.isascii()
            if cur and a != prev_ascii:
                toks.append("".join(cur))
                cur = []
            cur.append(ch)
            prev_ascii = a
        elif cur:
            toks.append("".join(cur))
            cur = []
    if cur:
        toks.append("".join(cur))
    return toks


_ASCII_SYMBOLS = str.maketrans({c: None for c in "+<=>^`~"})


def _drop_symbols(s: str) -> str:
    """Delete symbols and emoji without splitting words ("For🎯ce" -> "Force"); punctuation still splits."""
    if s.isascii():
        return s.translate(_ASCII_SYMBOLS)
    return "".join([ch for ch in s if ch in "$|" or unicodedata.category(ch)[0] != "S"])


class Folded(NamedTuple):
    """The loose form of one string: its key, its tokens, the tricks folding undid, `plain` (the text
    after width/case/traditional folding only, letters and digits kept: the source for pinyin), and
    `as_written`: the first pass's key with abbreviated words and "&" left as written ("...countygovt")."""

    key: str
    tokens: tuple[str, ...]
    transforms: tuple[str, ...] = ()
    plain: str = ""
    as_written: str = ""


# ---------------------------------------------------------------- character classes (built on first use)


def _ranges(cps: list[int]) -> str:
    out: list[str] = []
    start = prev = -2
    for cp in cps + [-5]:
        if cp == prev + 1:
            prev = cp
            continue
        if start >= 0:
            out.append(re.escape(chr(start)) if start == prev else f"{re.escape(chr(start))}-{re.escape(chr(prev))}")
        start = prev = cp
    return "".join(out)


@lru_cache(maxsize=1)
def _deletions() -> tuple[dict[int, None], dict[int, None], dict[int, None]]:
    """str.translate tables deleting the invisible, combining-mark and symbol characters (one C pass each),
    from the Unicode database (planes 0-1 and 14)."""
    invis: list[int] = [cp for cp in range(0x20) if chr(cp) not in "\t\n\r"] + [0x7F]
    marks: list[int] = []
    syms: list[int] = [ord(c) for c in "+<=>^`~"]
    for cp in itertools.chain(range(0x80, 0x20000), range(0xE0000, 0xE0200)):
        cat = unicodedata.category(chr(cp))
        if cat in ("Cf", "Cc") or cp in _BLANK_LETTERS:
            invis.append(cp)
        elif cat in ("Mn", "Me"):
            marks.append(cp)
        elif cat[0] == "S" and chr(cp) not in "$|":
            syms.append(cp)
    return dict.fromkeys(invis), dict.fromkeys(marks), dict.fromkeys(syms)


_K = TypeVar("_K")
_V = TypeVar("_V")


class _OnDemand(dict[_K, _V], Generic[_K, _V]):
    """A lookup table filled on first use of each key by `compute` (as a str.translate table, hits stay in C)."""

    def __init__(self, compute: Callable[[_K], _V]) -> None:
        super().__init__()
        self.compute = compute

    def __missing__(self, key: _K) -> _V:
        v = self[key] = self.compute(key)
        return v


def _is_homoglyph(ch: str) -> bool:
    """A non-ASCII, non-CJK letter or digit whose skeleton is not just its case fold (a Cyrillic "а" for a
    Latin "a")."""
    return (not ch.isascii() and not _CJK_RE.match(ch) and ch.isalnum()
            and _SKEL_TABLE[ord(ch)] != ch.casefold())


_SKEL_TABLE: _OnDemand[int, str] = _OnDemand(lambda o: _skel_char(chr(o)))
_VARIANTS: dict[int, str] = variant_map()
_HOMOGLYPH_CHAR: _OnDemand[str, bool] = _OnDemand(_is_homoglyph)
_ASCII_SYM_RE = re.compile(r"[+<=>^`~]")
_ASCII_CTRL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CJK_RE = re.compile("[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_LEET_CHECK = re.compile(r"[0-9@$!|][A-Za-z]")
_TOKEN_RE = re.compile(r"[0-9a-z]+|[^\W0-9a-z_]+")
_NON_ALNUM = re.compile(r"[\W_]+")


# Abbreviated institution words, read as the word itself on both sides ("Knox Borough Police Dept." is the
# Knox Borough Police Department). Only unambiguous ones: not "co" (county / company), "cty" (city / county),
# "st", "ft", "fed". Forms with an apostrophe ("nat'l") arrive as two tokens.
WORD_ABBREVIATIONS: dict[str, str] = {
    "dept": "department", "dpt": "department", "dep't": "department", "govt": "government",
    "gov't": "government", "natl": "national", "nat'l": "national", "intl": "international",
    "int'l": "international", "admin": "administration", "assn": "association",
    "assoc": "association", "univ": "university", "hosp": "hospital", "ctr": "center", "cntr": "center",
    "twp": "township", "dist": "district", "div": "division", "svc": "service", "svcs": "services",
    "mgmt": "management", "auth": "authority", "inst": "institute", "cnty": "county",
    "hwy": "highway", "pd": "police department", "fd": "fire department",
}


def _ascii_skeleton(s: str) -> str:
    return s.translate(_ASCII_UPPER).lower().translate(_ASCII_SKELETON)


@lru_cache(maxsize=1)
def _abbreviation_table() -> dict[tuple[str, ...], tuple[str, ...]]:
    """Token sequence (as the skeleton spells it: i -> l, m -> rn) -> the words' tokens."""
    return {tuple(_TOKEN_RE.findall(_ascii_skeleton(k))): tuple(_ascii_skeleton(v).split())
            for k, v in WORD_ABBREVIATIONS.items()}


@lru_cache(maxsize=1)
def _abbreviation_heads() -> frozenset[str]:
    """First tokens of the abbreviations: a cheap test before `expand_word_abbreviations`."""
    return frozenset(k[0] for k in _abbreviation_table())


def expand_word_abbreviations(tokens: list[str]) -> list[str]:
    """Tokens with abbreviated institution words replaced by the words."""
    table = _abbreviation_table()
    out: list[str] = []
    i = 0
    while i < len(tokens):
        words, size = _abbreviation_at(tokens, i, table)
        if words is None:
            out.append(tokens[i])
            i += 1
        else:
            out.extend(words)
            i += size
    return out


def _abbreviation_at(tokens: list[str], i: int, table: dict[tuple[str, ...], tuple[str, ...]],
                     ) -> tuple[tuple[str, ...] | None, int]:
    """(the words, tokens used) of an abbreviation starting at token i, or (None, 0). Not when the next token
    completes the word the abbreviation begins ("Dist•rict", "Admin istration": a word cut by an inserted
    symbol or space), so that folding the result again changes nothing."""
    for size in (2, 1):
        end = i + size
        words = table.get(tuple(tokens[i:end])) if end <= len(tokens) else None
        if words is None:
            continue
        if end < len(tokens) and "".join(words).startswith("".join(tokens[i:end]) + tokens[end]):
            return None, 0
        return words, size
    return None, 0


def _fold_full(s: str) -> Folded:
    transforms: list[str] = []
    ascii_in = s.isascii()
    if ascii_in:
        t = s if s.isprintable() else _ASCII_CTRL_RE.sub("", s)
        c = _ASCII_SYM_RE.sub("", t) if _ASCII_SYM_RE.search(t) else t
        cjk = False
    else:
        drop_inv, drop_marks, drop_sym = _deletions()
        lettered = s.translate(_LETTERLIKE)
        if lettered != s:
            if lettered.replace(" ", "") != s.translate(_BARS).replace(" ", ""):
                transforms.append(HOMOGLYPH)  # a letter read as Latin; a bar alone is only spacing
            s = lettered
        t = s.translate(drop_inv)
        if len(t) != len(s) and t.split() != s.split():
            transforms.append(INVISIBLE)
        n = unicodedata.normalize("NFKC", t)
        if n != t:
            transforms.append(WIDTH)
        d = unicodedata.normalize("NFD", n)
        m = d.translate(drop_marks)
        if len(m) != len(d):
            transforms.append(COMBINING)
        t = unicodedata.normalize("NFC", m) if len(m) != len(d) or d != n else n
        c = t.translate(drop_sym)
        if len(c) != len(t) and any(ord(ch) in drop_sym and ch not in "+<=>^`~" for ch in t):
            transforms.append(SYMBOLS)
        cjk = _CJK_RE.search(c) is not None
    plain = ""
    if cjk:
        variants = c.translate(_VARIANTS)
        if variants != c:
            transforms.append(VARIANT)  # 斈 for 学 (vigil.text.cjk_variants)
            c = variants
        simp = str(_t2s().convert(c))
        if simp != c:
            transforms.append(TRADITIONAL)
        plain = _NON_ALNUM.sub("", simp.casefold())
        look = simp.translate(LOOKALIKE_MAP)
        if look != simp:
            transforms.append(CJK_LOOKALIKE)
        c = look
    lt = c
    if _LEET_CHECK.search(c):  # a digit or @$!| right before a letter: the only place leet lives
        lt = fold_leet(c)
        if lt != c:
            transforms.append(LEET)
    if lt.isascii():
        sk = lt.replace("I", "l").lower().replace("i", "l").replace("m", "rn")
    else:
        sk = lt.translate(_SKEL_TABLE)
        if HOMOGLYPH not in transforms and any(map(_HOMOGLYPH_CHAR.__getitem__, lt)):
            transforms.append(HOMOGLYPH)
    written = ""
    if "&" in sk:
        written = "".join(_TOKEN_RE.findall(sk))
        sk = sk.replace("&", " and ")
    toks = _TOKEN_RE.findall(sk)
    if not _abbreviation_heads().isdisjoint(toks):
        written = written or "".join(toks)
        toks = expand_word_abbreviations(toks)
    key = "".join(toks)
    return Folded(key=key, tokens=tuple(toks), transforms=tuple(transforms), plain=plain,
                  as_written=written or key)


def _stable(f: Folded) -> bool:
    """True when folding the key again cannot change it: only CJK characters the look-alike, t2s and
    skeleton steps leave alone, plus ASCII letters and digits."""
    return all(map(_STABLE_KEY_CHAR.__getitem__, f.key))


def _stable_key_char(ch: str) -> bool:
    """ASCII, or a CJK character no folding step changes."""
    return ch.isascii() or (_CJK_RE.match(ch) is not None and ord(ch) not in LOOKALIKE_MAP and ord(ch) not in _VARIANTS
                            and str(_t2s().convert(ch)) == ch and _skel_char(ch) == ch)


_STABLE_KEY_CHAR: _OnDemand[str, bool] = _OnDemand(_stable_key_char)


@lru_cache(maxsize=131072)
def fold(s: str) -> Folded:
    """Loose key + tokens + transforms of `s` (see module docstring). Cached: names and bios repeat."""
    f = _fold_full(s)
    if s.isascii() or ((f.key.isascii() or _stable(f)) and not _LEET_CHECK.search(f.key)):
        return f  # the ASCII path is a fixed point already; so is a key no step would change again
    # ICU may map a confusable onto a prototype another step folds further; iterate to a fixed point
    # so the fold is idempotent, keeping the transforms seen on the original.
    cur = f
    for _ in range(4):
        nxt = _fold_full(" ".join(cur.tokens))
        if nxt.tokens == cur.tokens:
            break
        cur = nxt
    return Folded(key=cur.key, tokens=cur.tokens, transforms=f.transforms, plain=f.plain, as_written=f.as_written)


def loose_key(s: str) -> str:
    return fold(s).key


@lru_cache(maxsize=1)
def _tw2sp() -> Any:
    import opencc

    return opencc.OpenCC("tw2sp")


def taiwan_reading(s: str, folded: Folded) -> Folded | None:
    """A second reading of text written in traditional characters (`folded` = `fold(s)` carries the
    TRADITIONAL transform) through Taiwan usage: OpenCC's tw2sp converts Taiwan phrases as well as characters
    (資訊 -> 信息, 釋出 -> 发布, 網際網路 -> 互联网), which character-level t2s leaves as 资讯, 释出, 网际网路.
    Not the main fold: tw2sp also rewrites some mainland words (通讯 -> 通信, 子音 -> 辅音), which would break the
    pinyin of registry names. None when it reads the same."""
    if TRADITIONAL not in folded.transforms:
        return None
    alt = fold(str(_tw2sp().convert(s)))
    if alt.key == folded.key:
        return None
    return alt._replace(transforms=(TRADITIONAL, *(t for t in alt.transforms if t != TRADITIONAL)))


# ---------------------------------------------------------------- pinyin


@lru_cache(maxsize=65536)
def _char_pinyin(ch: str) -> str:
    from vigil.text.pinyin_table import char_pinyin

    return char_pinyin(ch)  # the shipped table: a scan does not import pypinyin


@lru_cache(maxsize=65536)
def _word_pinyin(word: str) -> tuple[str, ...]:
    """pypinyin's readings of one word of its own segmentation (phrase dictionary included)."""
    from pypinyin import lazy_pinyin

    return tuple(str(x) for x in lazy_pinyin(word, errors="default"))


@lru_cache(maxsize=65536)
def _char_pinyin_folded(ch: str) -> str:
    return _fold_full(_char_pinyin(ch) if _is_cjk(ch) else ch).key


_PINYIN_TABLE: _OnDemand[int, str] = _OnDemand(lambda o: _char_pinyin_folded(chr(o)))


def pinyin_chars(key: str) -> str:
    """Per-character pinyin (toneless, folded) of a loose key's CJK characters; others kept. Cached per char."""
    if not has_cjk(key):
        return key
    return key.translate(_PINYIN_TABLE)


def pinyin_chars_offsets(key: str) -> tuple[str, list[int]]:
    """`pinyin_chars(key)` and, for each of its characters, the index of the source character in `key`."""
    parts: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(key):
        p = _char_pinyin_folded(ch)
        parts.append(p)
        offsets.extend([i] * len(p))
    return "".join(parts), offsets


@lru_cache(maxsize=65536)
def _heteronym(ch: str) -> bool:
    """True when a CJK character has more than one toneless reading (其 qi/ji, 行 xing/hang ...)."""
    from pypinyin import Style, pinyin

    return len({str(x) for x in pinyin(ch, style=Style.NORMAL, heteronym=True)[0]}) > 1


@lru_cache(maxsize=65536)
def pinyin_phrase(key: str) -> tuple[str, str]:
    """Phrase-aware pinyin (as people type handles) and its initials: 人民日报 -> (renminribao, rmrb).

    Per-character readings (cached) when no character is a heteronym; pypinyin's phrase dictionary only
    when one is (most registry names need no phrase lookup, which is the slow part of an index build)."""
    cjk_chars = [ch for ch in key if _is_cjk(ch)]
    if any(_heteronym(ch) for ch in cjk_chars):
        from pypinyin.seg.simpleseg import seg

        # lazy_pinyin(key) word by word as pypinyin segments it (the words recur across registry names)
        items = [(x, x not in key) for word in seg(key) for x in _word_pinyin(word)]
    else:
        items = [(_char_pinyin(ch), True) if _is_cjk(ch) else (ch, False) for ch in key]
    full = "".join(x for x, _ in items)
    inits = "".join(x[:1] if syllable else x for x, syllable in items)
    return full, inits


_U_UMLAUT = re.compile(r"(?<=[ln])v")


def u_umlaut_spellings(pinyin_key: str) -> tuple[str, ...]:
    """A pinyin key and its other spellings of ü: pypinyin (and most handles) write 旅 "lv", tone-marked
    or umlauted text folds to "lu" (lǚ, lü), passports write "lyu". Only after l and n: no other pinyin
    syllable holds a "v", and "cctv" stays as it is."""
    if "v" not in pinyin_key or not _U_UMLAUT.search(pinyin_key):
        return (pinyin_key,)
    return (pinyin_key, _U_UMLAUT.sub("u", pinyin_key), _U_UMLAUT.sub("yu", pinyin_key))


# ---------------------------------------------------------------- decorations


@lru_cache(maxsize=1)
def decoration_keys() -> tuple[str, ...]:
    keys = {fold(d).key for d in DECORATIONS}
    keys.discard("")
    return tuple(sorted(keys, key=lambda k: (-len(k), k)))


@lru_cache(maxsize=1)
def _decoration_re() -> re.Pattern[str]:
    alts = "|".join(re.escape(k) for k in decoration_keys())
    return re.compile(rf"(?:{alts}|[0-9])*")


def is_decoration(residual: str) -> bool:
    """True when `residual` (a loose key fragment) is only decoration words and digits."""
    return not residual or _decoration_re().fullmatch(residual) is not None


@lru_cache(maxsize=1)
def _deco_edges() -> tuple[re.Pattern[str], re.Pattern[str]]:
    keys = decoration_keys()
    fwd = "|".join(re.escape(k) for k in keys)
    rev = "|".join(re.escape(k[::-1]) for k in keys)
    return re.compile(rf"(?:{fwd}|[0-9])+"), re.compile(rf"(?:{rev}|[0-9])+")


@lru_cache(maxsize=1)
def _deco_automaton() -> Any:
    """Decoration words of two or more characters ("a", "的", "网" would cut every other name)."""
    import ahocorasick

    auto = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    for k in decoration_keys():
        if len(k) >= 2:
            auto.add_word(k, len(k))
    auto.make_automaton()
    return auto


@lru_cache(maxsize=1)
def _deco_edge_sets() -> tuple[frozenset[str], frozenset[str]]:
    keys = [k for k in decoration_keys() if len(k) >= 2]
    return frozenset(k[:2] for k in keys), frozenset(k[-2:] for k in keys)


def has_decoration_edge(key: str) -> bool:
    """Cheap necessary test for `decoration_cores` to find more than the key: a decoration word of two or
    more characters (or a digit) may open or close it."""
    if not key:
        return False
    pre, suf = _deco_edge_sets()
    return key[:2] in pre or key[-2:] in suf or key[0].isdigit() or key[-1].isdigit()


def decoration_cores(key: str, min_len: int = 2) -> list[str]:
    """Every part of a loose key left when decoration words (two or more characters) and digits are cut off
    either end, longest first: "疾控中心官方" -> [疾控中心官方, 疾控中心, 疾控]; "fblofflclal" -> [fblofflclal, fbl]."""
    n = len(key)
    spans: dict[int, list[int]] = {}
    for end, klen in _deco_automaton().iter(key):
        spans.setdefault(end - klen + 1, []).append(end + 1)
    for i, ch in enumerate(key):
        if ch.isdigit():
            spans.setdefault(i, []).append(i + 1)
    if not spans:
        return [key] if n >= min_len else []
    starts = {0}
    for i in range(n):
        if i in starts:
            starts.update(spans.get(i, ()))
    rev: dict[int, list[int]] = {}
    for s0, ends in spans.items():
        for e in ends:
            rev.setdefault(e, []).append(s0)
    ends_ok = {n}
    for j in range(n, 0, -1):
        if j in ends_ok:
            ends_ok.update(rev.get(j, ()))
    cores = {key[i:j] for i in starts for j in ends_ok if j - i >= min_len}
    return sorted(cores, key=lambda c: (-len(c), c))


def strip_trailing_decorations(key: str) -> str:
    """Remove decoration words and digits from the end of a loose key only ("bbcnews" -> "bbc"; never the
    whole key; "globaltlrnes" keeps its leading "global")."""
    _, suf = _deco_edges()
    r = key[::-1]
    m = suf.match(r)
    return r[m.end() :][::-1] if m and m.end() < len(r) else key


def strip_decorations(key: str) -> str:
    """Remove decoration words (and digits) from both ends of a loose key (never the whole key)."""
    pre, _ = _deco_edges()
    m = pre.match(key)
    if m and m.end() < len(key):
        key = key[m.end() :]
    return strip_trailing_decorations(key)


@dataclass(frozen=True)
class NameKeys:
    """Every key of one name: loose, decoration-stripped, pinyin (full, per char) and initials."""

    original: str
    loose: str
    tokens: tuple[str, ...]
    stripped: str
    pinyin: str
    pinyin_chars: str
    initials: str
    transforms: tuple[str, ...]
    abbrevs: tuple[tuple[str, int], ...] = ()  # generated abbreviations: (loose key, rank), vigil.text.abbrev
    as_written: str = ""  # the loose key with abbreviated words left as written ("...countygovt"), when it differs
    # acronyms of the name without its place, with that place's key ("rnofa", "japan"): vigil.text.abbrev
    place_acronyms: tuple[tuple[str, str], ...] = ()
    abbrev_forms: tuple[tuple[str, int], ...] = ()  # the generated abbreviations as written (not folded), with rank


def _fold_form(form: str) -> str:
    """Loose key of a generated abbreviation: an ASCII acronym, or simplified Chinese characters of a name
    (only the per-character steps of `fold` can still change it)."""
    if form.isascii():  # capitals only: the ASCII fold is lower case with i -> l, m -> rn
        return form.lower().replace("i", "l").replace("m", "rn")
    return form.translate(LOOKALIKE_MAP).translate(_SKEL_TABLE)


def name_keys(s: str) -> NameKeys:
    f = fold(s)
    stripped = strip_decorations(f.key)
    if has_cjk(f.key):
        full, inits = pinyin_phrase(f.plain)
        per_char = pinyin_chars(f.plain)
        full = fold(full).key
        inits = fold(inits).key
    else:
        full = per_char = inits = ""
    from vigil.text.abbrev import abbreviations, place_bound_acronyms

    forms = tuple(abbreviations(s))
    abbrevs = tuple((k, r) for k, r in ((_fold_form(a), r) for a, r in forms) if k and k != f.key)
    place_acronyms = () if has_cjk(s) else tuple((_fold_form(a), fold(place).key) for a, place in
                                                 place_bound_acronyms(s))
    # a registry name that abbreviates a word ("Cabarrus County Govt.") is also matched as written, for
    # handles that glue the words together ("CabarrusCountyGovt": one token, nothing to expand)
    as_written = f.as_written
    return NameKeys(
        original=s,
        loose=f.key,
        tokens=f.tokens,
        stripped=stripped,
        pinyin=full,
        pinyin_chars=per_char,
        initials=inits,
        transforms=f.transforms,
        abbrevs=abbrevs,
        as_written=as_written if as_written != f.key else "",
        place_acronyms=place_acronyms,
        abbrev_forms=forms,
    )
