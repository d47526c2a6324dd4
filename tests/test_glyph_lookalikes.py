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
    # glyphs alike; one stroke more (the writing sees it); a radical added to the whole other character
    for a, b in ("社杜", "技枝", "江汪", "科料", "往住", "人入", "未末", "己已", "日白", "京凉", "每海", "京掠", "抱饱",
                 "住注", "晴请"):  # and the same right-hand part beside another small radical
        assert b in nb.get(a, ""), (a, b)
        assert a in nb.get(b, ""), (b, a)  # both directions
    # same radical or frame, different shape; a stroke more among characters of few strokes; a radical beside a
    # part of another character (口 in 叫) or the radical itself (水 of 海); sharing only the radical (阝 of 部/郊)
    for a, b in ("江河", "湖海", "日月", "北南", "人大", "八入", "口叫", "水海", "南北", "部郊"):
        assert b not in nb.get(a, ""), (a, b)
    # mutual near neighbours: apart from the characters built on it or beside it, none has more than 3 + 5
    shapes = glyph_lookalikes.char_shapes()
    added = glyph_lookalikes.radical_added(shapes)
    built_on = {frozenset(p) for p in added | glyph_lookalikes.radical_swapped(shapes)}
    near = {a: [b for b in v if frozenset((a, b)) not in built_on] for a, v in nb.items()}
    assert max(len(v) for v in near.values()) <= glyph_lookalikes.MUTUAL_TOP + glyph_lookalikes.BLEND_TOP
    # and each character is built on at most its two parts
    assert max(sum(1 for base, ch in added if ch == c) for c in {ch for _, ch in added}) <= 2
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


def _bodies() -> list[Entity]:
    return [
        ent("cn-bj-psb", "government", "北京市公安局"),
        ent("cn-nj-psb", "government", "南京市公安局"),
        ent("cn-pumch", "public_institution", "北京协和医院"),
        ent("cn-nmpa", "government", "国家药品监督管理局", "国家药监局"),
        ent("cn-nmpa-other", "government", "国家统计局"),
        ent("cn-cass", "public_institution", "中国社会科学院", "中国社科院"),
        ent("cn-pboc", "government", "中国人民银行"),
    ]


@pytest.fixture(scope="module")
def bodies() -> ImpersonationDetector:
    return detector(_bodies())


@pytest.mark.parametrize(("display", "entity"), [
    ("北凉市公安局", "cn-bj-psb"),  # 京 with 冫 added in the place: 北凉 is no place
    ("北掠市公安局", "cn-bj-psb"),  # 京 with 扌 added
    ("北凉协和医院", "cn-pumch"),  # 北凉 is a word (a dynasty), but no place: a look-alike spelling of 北京
    ("国家药滥局", "cn-nmpa"),  # both halves of the name (国家 | 药监局) broken or a decoration: two-character
    ("中国社抖院", "cn-cass"),  # pieces still find it
])
def test_a_look_alike_in_a_place_or_a_five_character_name_is_caught(bodies: ImpersonationDetector, display: str,
                                                                   entity: str) -> None:
    assert _flag(bodies, display)[0] == entity


@pytest.mark.parametrize("display", [
    "南京市公安局",  # the real other body: exact, never 北京's
    "东京市公安局",  # another place (东京 is a place word, not a look-alike of 北京)
    "天津市公安局",  # a place not in the registry: another city's body, not a misspelling
])
def test_another_place_is_not_a_look_alike_spelling(bodies: ImpersonationDetector, display: str) -> None:
    got = _flag(bodies, display)[0]
    assert got != "cn-bj-psb"
    if display == "南京市公安局":
        assert got == "cn-nj-psb"


def test_two_look_alike_characters_are_read_as_the_names_own(bodies: ImpersonationDetector) -> None:
    from vigil.detectors.impersonation import _mend_lookalikes

    # keys as folding leaves them (a curated pair such as 局/届 is folded already); 家/嫁 and 监/滥 are table pairs
    assert _mend_lookalikes("国家药监局", "国嫁药滥局") == "国家药监局"
    assert _mend_lookalikes("国家药监局", "官方国嫁药滥局") == "官方国家药监局"
    assert _mend_lookalikes("国家药监局", "国家药滥局") is None  # one swap: the plain fuzzy path reads it
    assert _mend_lookalikes("国家药监局", "国家统计局") is None  # not look-alikes
    assert _mend_lookalikes("国家药监局", "围嫁约滥局") is None  # more than half the name
    assert _flag(bodies, "国家药滥居")[0] == "cn-nmpa"  # 监/滥, 局/居; 家药 is left whole to find it by
    assert _flag(bodies, "北凉市公按局")[0] == "cn-bj-psb"  # 京/凉 and 安/按 (a radical added to each)


@pytest.mark.parametrize(("display", "entity"), [
    ("中国人民银衍官方", "cn-pboc"),  # the swap at the name's end, beside the decoration
    ("频道国家统计周", "cn-nmpa-other"),  # a decoration before: the stretch is the name's length, not shifted
    ("官方中国社抖院频道", "cn-cass"),
])
def test_one_swap_beside_a_decoration_is_read_in_a_stretch_the_names_length(
        bodies: ImpersonationDetector, display: str, entity: str) -> None:
    assert _flag(bodies, display)[0] == entity


def test_a_sibling_body_beside_a_decoration_is_still_another_body(bodies: ImpersonationDetector) -> None:
    assert _flag(bodies, "南京市公安局官方")[0] == "cn-nj-psb"
    assert _flag(bodies, "官方天津市公安局")[0] is None  # another city's body (a place swapped), not 北京's


def test_variant_characters_outside_gb2312_read_as_the_standard_one() -> None:
    """Unihan's semantic / Z / spoofing variants (斈 for 学, 徤 for 健), shipped as cjk_variants.txt.gz."""
    from vigil.text.cjk_variants import variant_map
    from vigil.text.glyph_lookalikes import gb2312_chars
    from vigil.text.normalize import fold

    table = variant_map()
    assert table[ord("斈")] == "学" and table[ord("徤")] == "健"
    assert not any(ord(c) in table for c in gb2312_chars())  # everyday text never changes
    f = fold("上海外国语大斈")
    assert f.key == fold("上海外国语大学").key and "variant_character" in f.transforms
    det = detector([ent("sisu", "public_institution", "上海外国语大学"),
                    ent("xz", "government", "西藏自治区卫生健康委员会")])
    assert entity_and_transforms(det, "上侮外国语大斈")[0] == "sisu"  # a variant and a look-alike
    assert entity_and_transforms(det, "西藏自治区卫生徤康委员会") == ("xz", ["variant_character"])


def test_near_pairs_spell_short_names_only() -> None:
    """The near pairs (each character's twenty nearest by glyph and stroke order, >= 0.6) spell names of three or
    four characters with one swapped (环球时抿, 南宇日报); they are not look-alikes for longer names' fuzzy reading."""
    from vigil.text.glyph_lookalikes import near_neighbours, neighbours
    from vigil.text.nameindex import looks_alike

    assert "抿" in near_neighbours()["报"] and "抿" not in neighbours().get("报", "")
    assert not looks_alike("报", "抿")
    assert any(s == "环球时抿" for s in lookalike_spellings("环球时报"))
    det = detector([ent("gt", "news_media", "环球时报"), ent("nn", "news_media", "南宁日报")])
    assert entity_and_transforms(det, "环球时抿")[0] == "gt"
    assert entity_and_transforms(det, "南宇日报")[0] == "nn"
