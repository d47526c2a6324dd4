"""Chinese place names (vigil.text.places): which swaps in a place make another real place."""

from __future__ import annotations

import pytest

from vigil.text.places import is_real_place, place_names, short_form


def test_the_shipped_gazetteer_covers_every_level() -> None:
    names = place_names()
    assert len(names) > 6000, "the shipped table is missing"
    # provinces, prefecture-level cities, counties and districts, as written and short
    for place in ("陕西省", "陕西", "宿州市", "宿州", "抚州", "沙县", "朝阳区", "延边", "宁夏", "内蒙古", "香港"):
        assert is_real_place(place), place
    # counterfeit spellings and foreign or made-up places are none
    for word in ("温洲", "北凉", "杭洲", "东京", "湘南", "市辖区", "人民政府"):
        assert not is_real_place(word), word


@pytest.mark.parametrize(("name", "short"), [
    ("宿州市", "宿州"), ("通州区", "通州"), ("沙县", "沙县"), ("北京市", "北京"), ("香港特别行政区", "香港"),
    ("宁夏回族自治区", "宁夏"), ("新疆维吾尔自治区", "新疆"), ("广西壮族自治区", "广西"), ("内蒙古自治区", "内蒙古"),
    ("西藏自治区", "西藏"), ("延边朝鲜族自治州", "延边"), ("黔东南苗族侗族自治州", "黔东南"), ("阿里地区", "阿里"),
    ("锡林郭勒盟", "锡林郭勒"),
])
def test_short_forms_drop_the_level_and_the_peoples(name: str, short: str) -> None:
    assert short_form(name) == short
