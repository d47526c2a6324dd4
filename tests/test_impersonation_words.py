"""Real other names one character away (a blind audit, 2026-12-08): a swap that makes another word where the
name has its own is another body (体育局/教育局, 延安/西安, 华北/华东, 中国/中央), a same-sound swap is another
place only when the name's word is a place (陕西/山西), and a handle spelling the account's own Chinese name
(赣州 gz...) claims nothing. Counterfeit spellings stay caught, also when they happen to be words (男方周末)."""

from __future__ import annotations

import pytest

from impersonation_support import detector, ent, entity_and_transforms, finding
from vigil.detectors.impersonation import ImpersonationDetector
from vigil.model import Entity


def _registry() -> list[Entity]:
    return [
        ent("xa-edu", "government", "西安市教育局"),
        ent("xa-psb", "government", "西安市公安局"),
        ent("gz-psb", "government", "广州市公安局"),
        ent("sx-gov", "government", "陕西省人民政府"),
        ent("ecust", "public_institution", "华东理工大学"),
        ent("cafa", "public_institution", "中央美术学院"),
        ent("infzm", "news_media", "南方周末"),
        ent("pap-sc", "military", "中国人民武装警察部队四川省总队", "武警四川省总队"),
        ent("gz-hrss", "government", "广州市人力资源和社会保障局", "广州人社"),
    ]


@pytest.fixture(scope="module")
def det() -> ImpersonationDetector:
    return detector(_registry())


def _flag(det: ImpersonationDetector, display: str, handle: str | None = None) -> str | None:
    f = finding(det, display, handle)
    return f.evidence["entity_id"] if f else None


@pytest.mark.parametrize("display", [
    "西安市体育局",  # 体育 where the name has 教育
    "延安市公安局",  # another city
    "华北理工大学",  # another university
    "中国美术学院",  # 中国 for 中央
    "山西省人民政府",  # same sound, but 陕西 is a place: 山西 is the other province
])
def test_another_word_in_the_names_place_is_another_body(det: ImpersonationDetector, display: str) -> None:
    assert _flag(det, display) is None


@pytest.mark.parametrize(("display", "entity"), [
    ("男方周末", "infzm"),  # same sound; 男方 is a word, but 南方 is no place
    ("武井四川省总队", "pap-sc"),
    ("广舟人社", "gz-hrss"),  # 舟人 is an ICU word across the name's 广州|人: not a word in the name's place
    ("西按市公安局", "xa-psb"),  # a swap that makes no word
])
def test_counterfeit_spellings_stay_caught(det: ImpersonationDetector, display: str, entity: str) -> None:
    assert _flag(det, display) == entity


def test_a_handle_spelling_the_accounts_own_name_claims_nothing(det: ImpersonationDetector) -> None:
    # 赣州市公安局 has the initials of 广州市公安局 (gzsgaj): its handle spells its own name
    assert _flag(det, "赣州市公安局", handle="gzsgaj") is None
    assert _flag(det, "赣州公安", handle="gzga110") is None
    # a display name that does not spell the handle leaves the handle's claim standing
    assert _flag(det, "新闻速递", handle="gzsgaj") == "gz-psb"


def test_a_chinese_body_written_with_its_place_last_is_a_word_reorder() -> None:
    det2 = detector([ent("wh-gov", "government", "武汉市人民政府"), ent("hb-hc", "government", "湖北省卫生健康委员会"),
                     ent("fbi", "government", "Federal Bureau of Investigation", "FBI")])
    assert entity_and_transforms(det2, "人民政府武汉市") == ("wh-gov", ["word_reorder"])
    assert entity_and_transforms(det2, "卫生健康委员会湖北省")[0] == "hb-hc"
    assert entity_and_transforms(det2, "人民政府黄石市")[0] is None  # another city's government: no registry name
    assert entity_and_transforms(det2, "我爱武汉")[0] is None
    assert entity_and_transforms(det2, "FBI Press Office")[0] == "fbi"  # a press office is decoration


def test_a_swap_in_a_place_is_another_place_only_when_the_place_is_real() -> None:
    det2 = detector([ent("wz-gov", "government", "温州市人民政府"), ent("sz-gov", "government", "苏州市人民政府"),
                     ent("nx-gov", "government", "宁夏回族自治区人民政府")])
    assert _flag(det2, "温洲市人民政府") == "wz-gov"  # same sound, but 温洲 is no place
    assert _flag(det2, "温洲市人氏政府") == "wz-gov"  # ... with a curated look-alike beside it (氏 for 民)
    assert _flag(det2, "宿州市人民政府") is None  # same sound, and 宿州 is a real city
    assert _flag(det2, "人民政府宁夏回族自治区") == "nx-gov"  # the place last


def test_a_programme_named_after_an_anchor_is_anchor_context() -> None:
    det2 = detector([ent("ac", "news_anchor", "Anderson Cooper"), ent("rm", "news_anchor", "Rachel Maddow")])
    assert entity_and_transforms(det2, "Anderson Cooper | Anderson Cooper 360") == ("ac", ["anchor_context"])
    assert entity_and_transforms(det2, "The Rachel Maddow Show")[0] == "rm"
    for display in ("Anderson Cooper", "Anderson Cooper Anderson Cooper", "Rachel Maddow Show Fans",
                    "Rachel Maddow Showcase Bakery"):  # a namesake, a name twice, a fan page, a shop
        assert entity_and_transforms(det2, display)[0] is None, display


@pytest.mark.parametrize("display", [
    "浙江省公安厅",  # 浙 added and 苏 dropped: 浙江 is another province, not a slip in 江苏
    "青海省军区",  # 青海 for 海南
    "华北理工大学",  # 华北 for 北京
])
def test_a_character_dropped_and_another_added_that_make_another_word_are_another_body(display: str) -> None:
    det2 = detector([ent("js-psb", "government", "江苏省公安厅"), ent("hn-md", "military", "海南省军区"),
                     ent("bit", "public_institution", "北京理工大学")])
    assert _flag(det2, display) is None


def test_impostor_bodies_that_promise_money_are_invented_authorities() -> None:
    from vigil.detectors.impersonation import invented_authority
    from vigil.text.normalize import fold

    for name in ("US Stimulus Payment Enforcement Bureau", "Federal Crypto Asset Recovery Office", "国家扶贫资金指导中心"):
        assert invented_authority(fold(name)), name
    for name in ("Crypto Asset Recovery Services", "Benefits Office", "Pension Recovery Office LLC"):
        assert not invented_authority(fold(name)), name  # no jurisdiction, or a business


def test_a_public_broadcaster_beside_an_anchor_is_context() -> None:
    det2 = detector([ent("jw", "news_anchor", "Judy Woodruff")])
    assert _flag(det2, "Judy Woodruff | PBS") == "jw"
    assert _flag(det2, "Judy Woodruff") is None


def test_an_acronym_beside_a_word_of_the_bodys_own_name_picks_that_body() -> None:
    det2 = detector([ent("abc-au", "news_media", "Australian Broadcasting Corporation"),
                     ent("abc-us", "news_media", "American Broadcasting Company")])
    assert entity_and_transforms(det2, "ABC Australia") == ("abc-au", ["abbreviation"])
    assert _flag(det2, "ABC America") == "abc-us"
    for display in ("ABC Austin", "ABC Store", "Abc Australia"):  # a word of neither name; not in capitals
        assert _flag(det2, display) is None, display


def _placed_registry() -> list[Entity]:
    return [ent("jp-mofa", "government", "Ministry of Foreign Affairs of Japan"),
            ent("cn-mofa", "government", "Ministry of Foreign Affairs of the People's Republic of China"),
            ent("sg-moh", "government", "Ministry of Health Singapore"),
            ent("nz-moh", "government", "New Zealand Ministry of Health"),
            ent("ln-cdc", "public_institution", "辽宁省疾病预防控制中心",
                "Liaoning Provincial Center for Disease Control and Prevention"),
            ent("us-cdc", "government", "Centers for Disease Control and Prevention")]


@pytest.mark.parametrize(("display", "want"), [
    ("MOFA Japan", "jp-mofa"), ("Japan MOFA", "jp-mofa"), ("MOFA Japan Official", "jp-mofa"),
    ("MOFA China", "cn-mofa"), ("MFA China", "cn-mofa"), ("MOH Singapore", "sg-moh"), ("MOH New Zealand", "nz-moh"),
    ("Liaoning CDC", "ln-cdc"), ("CDC Liaoning", "ln-cdc"), ("CDC", "us-cdc"),
])
def test_an_acronym_of_a_body_named_with_its_place_is_caught_beside_that_place(display: str, want: str) -> None:
    """Names that hold their country or province ("... of Japan", "Liaoning Provincial ...") generate acronyms
    with the place inside (MFAJ); people write the acronym without it, beside the place (a blind audit)."""
    assert _flag(detector(_placed_registry()), display) == want


@pytest.mark.parametrize("display", ["MOFA", "MOH Japan", "CDC Hunan", "MOFA Japanese", "Japan Fan MOFA"])
def test_an_acronym_without_its_place_or_beside_another_names_no_placed_body(display: str) -> None:
    assert _flag(detector(_placed_registry()), display) is None


def test_a_country_beside_an_acronym_is_not_decoration_for_another_countrys_body() -> None:
    det2 = detector([ent("jp-mofa", "government", "Ministry of Foreign Affairs of Japan")])
    assert _flag(det2, "MFA Official") == "jp-mofa"
    assert _flag(det2, "MFA China") is None  # China's ministry, which this registry does not hold


def _known_registry() -> list[Entity]:
    return [ent("who", "public_institution", "World Health Organization"),
            ent("ice", "government", "U.S. Immigration and Customs Enforcement"),
            ent("unaids", "public_institution", "Joint United Nations Programme on HIV/AIDS"),
            ent("ifrc", "public_institution", "International Federation of Red Cross and Red Crescent Societies"),
            ent("mi6", "government", "Secret Intelligence Service"),
            ent("china-cdc", "public_institution", "中国疾病预防控制中心", "Chinese Center for Disease Control and Prevention"),
            ent("us-cdc", "government", "Centers for Disease Control and Prevention"),
            ent("cctv", "news_media", "China Central Television")]


@pytest.mark.parametrize(("display", "want"), [
    ("WHO", "who"), ("WHO Official", "who"), ("ICE Official", "ice"),  # everyday words, in capitals a body's
    ("UNAIDS", "unaids"), ("IFRC", "ifrc"), ("MI6 Official", "mi6"), ("CCTV", "cctv"),  # not from the initials
    ("China CDC", "china-cdc"), ("CDC", "us-cdc"),
])
def test_acronyms_everyone_knows_a_body_by_are_caught(display: str, want: str) -> None:
    assert _flag(detector(_known_registry()), display) == want


@pytest.mark.parametrize("display", ["Who", "WHO CARES", "Ice", "ICE Cream Shop", "who official", "John DOE"])
def test_those_acronyms_as_words_stay_unflagged(display: str) -> None:
    assert _flag(detector(_known_registry()), display) is None


def test_an_outlet_is_caught_by_its_brand_when_the_brand_is_no_word() -> None:
    det2 = detector([ent("cx", "news_media", "财新传媒", "Caixin Media"), ent("pp", "news_media", "澎湃新闻", "The Paper")])
    assert _flag(det2, "财新") == "cx"
    assert _flag(det2, "财新官方") == "cx"
    for display in ("澎湃", "财新网友"):  # 澎湃 (surging) is a word of its own; a user of the outlet is no outlet
        assert _flag(det2, display) is None, display


@pytest.mark.parametrize(("display", "want"), [
    ("Gu4n9zh0u Mun!cipal 4dm1ni57ra7i0n f0r Mark37 Regu1a7!0n", "gz"),  # "!" inside a word, 9 for g, 37 for "et"
    ("5hangh@! 1n7ern@7ion41 5tudi35 Un!ver$i7y", "sisu"),  # "!" closing a word
    ("Gu4n9zhou Municipal Administration for Market Regulation", "gz"),
    ("5an D!390 As50c1a7ion 0f Gov3rnmen7$", "sd"),  # 9 beside digits in a word with letters
    ("Class of 1999", None), ("San Diego 1999 Fans", None),  # a year is no leetspeak
    ("R@dio Fr33 @$14", "rfa"),  # @ and $ inside a word before its closing digits
])
def test_heavy_leetspeak_with_word_final_digits_and_bangs(display: str, want: str | None) -> None:
    det2 = detector([ent("gz", "government", "广州市市场监督管理局", "Guangzhou Municipal Administration for Market Regulation"),
                     ent("sisu", "public_institution", "上海外国语大学", "Shanghai International Studies University"),
                     ent("sd", "government", "San Diego Association of Governments"),
                     ent("rfa", "news_media", "Radio Free Asia")])
    assert _flag(det2, display) == want
    if want:
        assert "leetspeak" in entity_and_transforms(det2, display)[1]


@pytest.mark.parametrize(("display", "want"), [
    ("C@F", "caf"), ("@T0", "ato"), ("R★B★A", "rba"), ("G\u2064A\u2064O", "gao"), ("nTsB", "ntsb"),
    ("NTSB", "ntsb"), ("Ntsb", None), ("GAO2024", "gao"),
])
def test_an_acronym_is_read_under_leetspeak_symbols_invisibles_and_mixed_case(display: str, want: str | None) -> None:
    det2 = detector([ent("caf", "military", "Canadian Armed Forces"), ent("ato", "government", "Australian Taxation Office"),
                     ent("rba", "government", "Reserve Bank of Australia"),
                     ent("gao", "government", "U.S. Government Accountability Office"),
                     ent("ntsb", "government", "National Transportation Safety Board")])
    assert _flag(det2, display) == want


@pytest.mark.parametrize(("display", "bio", "want"), [
    ("MOD", "Recruiting now. 🇯🇵 Japan", "jp-mod"), ("MOD", None, "uk-mod"),
    ("AFP", "🇵🇭 Philippines", "afp-ph"), ("AFP", "🇫🇷 Paris-based global news agency", "afp"),
    ("IAF", "🇮🇱 Israel", "iaf"), ("MOFA", "🇰🇷 Republic of Korea", "kr-mofa"),
])
def test_a_country_the_bio_names_picks_the_body_among_those_sharing_an_acronym(display: str, bio: str | None,
                                                                                 want: str) -> None:
    det2 = detector([ent("jp-mod", "government", "Ministry of Defense Japan"), ent("uk-mod", "military", "Ministry of Defence"),
                     ent("afp", "news_media", "Agence France-Presse"), ent("afp-ph", "military", "Armed Forces of the Philippines"),
                     ent("iaf", "military", "Israeli Air Force"), ent("in-iaf", "military", "Indian Air Force"),
                     ent("kr-mofa", "government", "Ministry of Foreign Affairs, Republic of Korea"),
                     ent("jp-mofa", "government", "Ministry of Foreign Affairs of Japan")])
    f = finding(det2, display, None, bio)
    assert f is not None and f.evidence["entity_id"] == want


@pytest.mark.parametrize(("display", "want"), [
    ("中部战区中国人民解放军", "ctc"), ("港澳事务办公室国务院", "hkmao"), ("日报南方", "nfrb"),
    ("南方日报", "nfrb"), ("日报读者", None),  # 读者日报 is no registry name
])
def test_a_state_prefix_written_last_or_a_newspaper_head_first_is_put_back(display: str, want: str | None) -> None:
    det2 = detector([ent("ctc", "military", "中国人民解放军中部战区"), ent("hkmao", "government", "国务院港澳事务办公室"),
                     ent("nfrb", "news_media", "南方日报")])
    f = finding(det2, display)
    assert (f.evidence["entity_id"] if f else None) == want
    if f and display != "南方日报":
        assert "word_reorder" in f.evidence["transforms"]


def test_reordered_words_beside_a_number_are_still_the_name() -> None:
    det2 = detector([ent("lat", "news_media", "Los Angeles Times")])
    assert entity_and_transforms(det2, "Times Los Angeles: 24/7") == ("lat", ["word_reorder"])


@pytest.mark.parametrize("name", [
    "Federal Bureau of Content Review", "National Bureau of Account Verification", "Ministry of Digital Truth",
    "Interstate Online Crimes Bureau", "National Grant Distribution Office", "Ministry of Online Affairs", "国家信息真实性审查署",
    "中华人民共和国数字治理部", "中国军队网络纪律检查部",
])
def test_impostor_bodies_that_police_the_internet_are_invented_authorities(name: str) -> None:
    from vigil.detectors.impersonation import invented_authority
    from vigil.text.normalize import fold

    assert invented_authority(fold(name)), name


@pytest.mark.parametrize("name", ["Account Review Office", "Media Content Review Board", "Federal Credit Union",
                                  "Navy Federal Credit Union", "Hawaii State Department of Health",
                                  "Norwegian Ministry of Foreign Affairs", "UAE Ministry of Foreign Affairs",
                                  "Philippine Department of National Defense", "South African Police Service",
                                  "荷兰国防部", "土耳其国防部", "数码情报局", "深圳租房情报局",
                                  "Ministry of Foreign Affairs of Thailand", "Federal Housing Finance Agency",
                                  "信用卡中心", "杭州互联网法院", "城市治理研究院", "版权审查部"])
def test_businesses_and_real_local_bodies_with_those_words_are_not(name: str) -> None:
    from vigil.detectors.impersonation import invented_authority
    from vigil.text.normalize import fold

    assert not invented_authority(fold(name)), name


def test_an_anchor_named_as_host_or_beside_a_spanish_network_or_luring_fans_is_the_anchor() -> None:
    det2 = detector([ent("tl", "news_anchor", "Tom Llamas"), ent("jdb", "news_anchor", "José Díaz-Balart"),
                     ent("xzb", "news_anchor", "邢质斌")])
    assert finding(det2, "Tom Llamas", None, "Host of NBC News on NBC Nightly News.") is not None
    assert _flag(det2, "José Díaz-Balart (Telemundo)") == "jdb"
    # 粉丝福利 is a lure to the anchor's fans, not a fan account's declaration
    assert finding(det2, "央视主播邢质斌", None, "央视新闻主播 粉丝福利私信领取") is not None
    assert finding(det2, "邢质斌", None, "邢质斌粉丝团 非官方") is None
    assert finding(det2, "Tom Llamas", None, "Host of a cooking podcast") is None


@pytest.mark.parametrize(("display", "want"), [
    ("N Z D F", "nzdf"), ("SOCOM", "socom"), ("共青團中央", "cyl"), ("国家民委", "seac"),
    ("香港金融管埋扃", "hkma"),  # two near look-alikes in one name (埋 for 理, 扃 for 局)
])
def test_more_short_forms_spaced_acronyms_and_two_near_swaps(display: str, want: str) -> None:
    det2 = detector([ent("nzdf", "military", "New Zealand Defence Force"),
                     ent("socom", "military", "U.S. Special Operations Command"),
                     ent("cyl", "government", "中国共产主义青年团中央委员会"), ent("seac", "government", "国家民族事务委员会"),
                     ent("hkma", "government", "香港金融管理局")])
    assert _flag(det2, display) == want


@pytest.mark.parametrize(("handle", "want"), [
    ("jsga_news", "js-psb"), ("bbzq", "ntc"), ("slb_fabu", "mwr"), ("jiangsugongan_official", "js-psb"),
    ("slb", None), ("slb1990", None),  # three initials alone or with digits are a person's as often
])
def test_handles_spelling_a_chinese_short_form(handle: str, want: str | None) -> None:
    det2 = detector([ent("js-psb", "government", "江苏省公安厅"), ent("ntc", "military", "中国人民解放军北部战区"),
                     ent("mwr", "government", "中华人民共和国水利部")])
    assert _flag(det2, "便民服务", handle) == want


def test_a_decoration_word_inside_a_name_is_a_word_of_another_name() -> None:
    det2 = detector([ent("mca", "government", "中华人民共和国民政部", "Ministry of Civil Affairs")])
    assert _flag(det2, "Ministry of Online Affairs") is None
    assert _flag(det2, "Ministry of Civil Affair") == "mca"
    assert _flag(det2, "Ministry of Civil Affairs Online") == "mca"  # around the name it is decoration


@pytest.mark.parametrize(("display", "want"), [
    ("上悔市人民政府", "sh"),  # the swap breaks the only distinctive piece (海市); the rest is every city's
    ("山车大字", "sdu"), ("中山大字", "sysu"),  # 字 for 学 at the head, though 大字 is a word
    ("湘南日报", None),  # 湘南 is another name's word, not a misspelt 湖南
])
def test_a_chinese_body_read_back_through_its_look_alikes(display: str, want: str | None) -> None:
    det2 = detector([ent("sh", "government", "上海市人民政府"), ent("sdu", "public_institution", "山东大学"),
                     ent("sysu", "public_institution", "中山大学"), ent("hnrb", "news_media", "湖南日报"),
                     ent("sjz", "government", "石家庄市人民政府")])
    assert _flag(det2, display) == want
