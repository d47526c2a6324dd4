"""Name folding: every trick folds to the same key as the clean name, and the fold is well behaved."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vigil.text.normalize import (
    _heteronym,
    _is_cjk,
    decoration_keys,
    fold,
    fold_leet,
    is_decoration,
    name_keys,
    pinyin_chars,
    pinyin_chars_offsets,
    pinyin_phrase,
    strip_decorations,
    strip_invisible,
)

INVISIBLES = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u202e", "\u2066", "\u3164"]


@pytest.mark.parametrize(
    ("observed", "clean", "transform"),
    [
        ("Ｃｈｉｎａ　ＣＤＣ", "China CDC", "fullwidth"),
        ("C\u200bD\u200dC", "CDC", "invisible_chars"),
        ("Сеnters fоr Disease Control", "Centers for Disease Control", "homoglyph"),  # Cyrillic С е о
        ("ΡΕΟΡLΕ'S DAILY", "People's Daily", "homoglyph"),  # Greek capitals
        ("Pëóplé's Dáily", "People's Daily", "combining_marks"),
        ("P3opl3's D4ily", "People's Daily", "leetspeak"),
        ("0ff1c1al", "official", "leetspeak"),
        ("人民日報", "人民日报", "traditional_chinese"),
        ("中國疾控中心", "中国疾控中心", "traditional_chinese"),
        ("人民曰报", "人民日报", "cjk_lookalike"),
        ("人氏日报", "人民日报", "cjk_lookalike"),
        ("人🇨🇳民😀日报", "人民日报", "emoji_symbols"),
        ("For🎯ce", "Force", "emoji_symbols"),
        ("pEoPlE's DaIlY", "People's Daily", None),
        ("People's-Daily", "Peoples Daily", None),
    ],
)
def test_tricks_fold_to_the_clean_key(observed: str, clean: str, transform: str | None) -> None:
    f = fold(observed)
    assert f.key == fold(clean).key
    if transform:
        assert transform in f.transforms


def test_ascii_confusables_share_a_key() -> None:
    assert fold("I").key == fold("l").key == fold("i").key
    assert fold("Offic1al").key == fold("Offic|al").key == fold("OffIcial").key == fold("official").key
    assert fold("rn").key == fold("m").key


def test_years_stay_digits_but_inner_digits_are_leet() -> None:
    assert fold_leet("cdc2024") == "cdc2024"
    assert fold_leet("p30ple") == "people"
    assert fold_leet("@cdc") == "@cdc"  # a mention, not a leet "a"
    assert fold_leet("2024") == "2024"


def test_tokens_split_on_script_change() -> None:
    assert fold("CCTV新闻").tokens == ("cctv", "新闻")


def test_strip_invisible_keeps_visible_text() -> None:
    assert strip_invisible("a\u200bb\u2060c") == "abc"
    assert strip_invisible("plain text") == "plain text"


def test_decorations() -> None:
    assert is_decoration(fold("Official News 2024").key)
    assert is_decoration(fold("官方新闻频道").key)
    assert not is_decoration(fold("书店").key)
    assert not is_decoration(fold("Bookstore").key)
    assert strip_decorations(fold("CDC Official").key) == fold("CDC").key
    assert strip_decorations(fold("官方人民日报新闻").key) == fold("人民日报").key
    assert all(k for k in decoration_keys())


def test_pinyin_keys() -> None:
    nk = name_keys("人民日报")
    assert nk.pinyin == fold("renminribao").key
    assert nk.initials == fold("rmrb").key
    # pinyin is taken before the look-alike fold: 南方周末 is "zhoumo", not the folded 未 "wei"
    assert name_keys("南方周末").pinyin == fold("nanfangzhoumo").key
    assert pinyin_chars(fold("人民日抱").key) == pinyin_chars(fold("人民日报").key)
    s, offsets = pinyin_chars_offsets("人民")
    assert len(s) == len(offsets) and offsets[0] == 0 and offsets[-1] == 1


def test_empty_and_symbol_only() -> None:
    assert fold("").key == ""
    assert fold("🔥🔥 ✨").key == ""
    assert fold("   ").tokens == ()


# ---------------------------------------------------------------- properties


@lru_cache(maxsize=1)
def _s2t() -> Any:
    import opencc

    return opencc.OpenCC("s2t")


text = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
        st.sampled_from(list("人民日报國防部中心官方CDCcdc0134@$|!")),
    ),
    max_size=30,
)


@settings(max_examples=300, deadline=None)
@given(text)
def test_fold_is_idempotent(s: str) -> None:
    f = fold(s)
    again = fold(" ".join(f.tokens))
    assert again.key == f.key
    assert again.tokens == f.tokens


@settings(max_examples=300, deadline=None)
@given(text, st.lists(st.tuples(st.integers(0, 30), st.sampled_from(INVISIBLES)), max_size=5))
def test_invisible_characters_never_change_the_key(s: str, inserts: list[tuple[int, str]]) -> None:
    chars = list(s)
    for pos, ch in inserts:
        chars.insert(min(pos, len(chars)), ch)
    # an invisible char inserted between two letters must not split or change them
    assert fold("".join(chars)).key == fold(s).key


@settings(max_examples=200, deadline=None)
@given(text)
def test_key_is_tokens_joined_and_alphanumeric(s: str) -> None:
    f = fold(s)
    assert f.key == "".join(f.tokens)
    assert all(ch.isalnum() for ch in f.key)
    assert f.key == f.key.casefold() or not f.key.isascii()


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E), max_size=20))
def test_fullwidth_is_the_same_as_ascii(s: str) -> None:
    wide = "".join(chr(ord(c) + 0xFEE0) for c in s)
    assert fold(wide).key == fold(s).key


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="人民日报新华社中国疾控中心国防部官方", min_size=1, max_size=12))
def test_traditional_folds_to_simplified(s: str) -> None:
    trad = _s2t().convert(s)
    assert fold(trad).key == fold(s).key


def test_decoration_cores() -> None:
    from vigil.text.normalize import decoration_cores

    assert decoration_cores(fold("疾控中心官方").key) == ["疾控中心官方", "疾控中心", "疾控"]
    assert fold("FBI").key in decoration_cores(fold("FBI Official 2024").key)
    assert decoration_cores("cdc") == ["cdc"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("重庆长安银行行长乐队音乐单于中国人民大会堂 aZ1😀·")), min_size=1, max_size=14))
def test_pinyin_phrase_word_cache_equals_lazy_pinyin_on_the_whole_text(key: str) -> None:
    # the phrase path converts pypinyin's own words one by one (cached); it must read the text as a whole
    from pypinyin import lazy_pinyin

    items = [(str(x), str(x) not in key) for x in lazy_pinyin(key, errors="default")]
    whole = ("".join(x for x, _ in items), "".join(x[:1] if syl else x for x, syl in items))
    if any(_heteronym(ch) for ch in key if _is_cjk(ch)):
        assert pinyin_phrase(key) == whole


def test_shipped_pinyin_table_is_pypinyin_for_every_cjk_character() -> None:
    from pypinyin import lazy_pinyin

    from vigil.text import pinyin_table

    assert pinyin_table.table() is not None, "run `make model`: the table was made by another pypinyin"
    for lo, hi in pinyin_table.RANGES:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            assert pinyin_table.char_pinyin(ch) == lazy_pinyin(ch)[0], ch
    assert pinyin_table.char_pinyin("a") == "a" and pinyin_table.char_pinyin("重") == "zhong"
    # the ranges are the ones the folding treats as CJK
    for lo, hi in pinyin_table.RANGES:
        assert _is_cjk(chr(lo)) and _is_cjk(chr(hi)) and not _is_cjk(chr(lo - 1)) and not _is_cjk(chr(hi + 1))


def test_matching_accounts_does_not_import_pypinyin() -> None:
    import subprocess
    import sys

    code = ("import sys\n"
            "from vigil.detectors.base import Batch, Resources\n"
            "from vigil.detectors.impersonation import ImpersonationDetector\n"
            "from vigil.model import Account, Entity\n"
            "ent = Entity(entity_id='rmrb', kind='news_media', names=['人民日报'])\n"
            "det = ImpersonationDetector(Resources(entities=[ent]), use_cache=False)\n"
            "import vigil.text.normalize as n\n"
            "del sys.modules['pypinyin']\n"  # the index build read phrases with it; matching must not
            "acc = Account(platform='x', account_id='a', display_name='人民曰报', handle='renminribao')\n"
            "out = det.detect(Batch(accounts=[acc]))\n"
            "print(len(out.findings), 'pypinyin' in sys.modules)\n")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert res.stdout.split() == ["1", "False"]
