"""Look-alike Chinese characters measured on rendered glyphs (vigil.text.glyph_lookalikes), and the look-alike
spellings of short registry names the index derives from them (vigil.text.nameindex.lookalike_spellings)."""

from __future__ import annotations

from pathlib import Path

import pytest

from impersonation_support import detector, ent, entity_and_transforms
from vigil.detectors.impersonation import ImpersonationDetector
from vigil.model import Entity
from vigil.text import glyph_lookalikes
from vigil.text.nameindex import lookalike_spellings


def test_shipped_table_pairs_glyphs_that_look_alike() -> None:
    nb = glyph_lookalikes.neighbours()
    assert nb, "the shipped table is missing: run `make model`"
    for a, b in ("社杜", "技枝", "江汪", "科料", "往住", "人入", "未末", "己已"):
        assert b in nb.get(a, ""), (a, b)
        assert a in nb.get(b, ""), (b, a)  # both directions
    for a, b in ("江河", "湖海", "日月", "北南", "人大"):  # same radical or frame, different shape
        assert b not in nb.get(a, ""), (a, b)
    # mutual near neighbours only: no character is paired with more than three others
    assert max(len(v) for v in nb.values()) <= glyph_lookalikes.MUTUAL_TOP
    assert set(nb) <= set(glyph_lookalikes.gb2312_chars())


@pytest.mark.skipif(not any(Path(p).exists() for p in glyph_lookalikes.FONT_CANDIDATES),
                    reason="Noto Sans CJK is installed by `make browser` (fonts-noto-cjk)")
def test_shipped_table_is_what_the_font_gives() -> None:
    built = {frozenset(p) for p in glyph_lookalikes.build()}
    shipped = {frozenset((a, b)) for a, bs in glyph_lookalikes.neighbours().items() for b in bs}
    # BLAS rounding may move a pair sitting exactly on the cut; the table must otherwise be the font's
    assert len(built ^ shipped) <= 0.01 * len(shipped)


def test_short_names_get_one_swap_spellings_that_make_no_other_word() -> None:
    spelled = lookalike_spellings("新华社")
    assert "新华牡" in spelled  # (社/杜 is a curated pair: folding already reads 新华杜 as 新华社)
    assert all(len(s) == 3 and sum(x != y for x, y in zip(s, "新华社", strict=True)) == 1 for s in spelled)
    assert lookalike_spellings("湖南日报") and all(not s.startswith("湘南") for s in lookalike_spellings("湖南日报"))
    assert "公案部" not in lookalike_spellings("公安部")  # 公案 is a word: another name, not a misspelling
    assert lookalike_spellings("央视") == ()  # two characters: one swap makes too many other names
    assert lookalike_spellings("中华人民共和国外交部") == ()  # long names: the fuzzy path reads one swap
    assert lookalike_spellings("第六医院") == lookalike_spellings("第六医院")
    assert all("六" in s for s in lookalike_spellings("第六医院"))  # numerals never swapped


def _registry() -> list[Entity]:
    return [
        ent("cn-xinhua", "news_media", "新华通讯社", "新华社"),
        ent("cn-mps", "government", "中华人民共和国公安部", "公安部"),
        ent("cn-hunan-daily", "news_media", "湖南日报"),
        ent("cn-thu", "public_institution", "清华大学"),
        ent("anc-kanghui", "news_anchor", "康辉"),
        ent("anc-lizimeng", "news_anchor", "李梓萌"),
    ]


@pytest.fixture(scope="module")
def det() -> ImpersonationDetector:
    return detector(_registry())


_flag = entity_and_transforms


@pytest.mark.parametrize(("display", "entity"), [
    ("新华牡", "cn-xinhua"),
    ("新华钍官方", "cn-xinhua"),
    ("公安邹", "cn-mps"),
    ("清华大孛", "cn-thu"),  # a curated pair (学/孛) still reads through the fold
    ("渭华大学", "cn-thu"),
    ("湖南日拘", "cn-hunan-daily"),
])
def test_one_look_alike_character_in_a_short_name_is_caught(det: ImpersonationDetector, display: str,
                                                            entity: str) -> None:
    got, transforms = _flag(det, display)
    assert got == entity
    assert "cjk_lookalike" in transforms


@pytest.mark.parametrize("display", [
    "湘南日报",  # another region's paper: the swap makes a word (湘南)
    "新华书店",  # shares a word, not a look-alike spelling
    "李梓明",  # a person's name: no look-alike spellings (namesakes)
    "精华大学",  # 精华 is a word
])
def test_swaps_that_make_other_words_or_names_are_not_flagged(det: ImpersonationDetector, display: str) -> None:
    assert _flag(det, display)[0] is None
