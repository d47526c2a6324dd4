"""Impersonation tricks found by an independent probe (2026-12-07): Taiwan phrasing, the spellings of ü in
pinyin, decorations written in pinyin or as 站, pinyin initials spelled out or in capitals, and an exact name
winning over a longer name whose extra words are decoration."""

from __future__ import annotations

import itertools

import pytest

from impersonation_support import detector, ent, entity_and_transforms
from vigil.detectors.base import Batch, Resources
from vigil.detectors.impersonation import ImpersonationDetector
from vigil.model import Account, Entity
from vigil.text.normalize import fold, taiwan_reading, u_umlaut_spellings

_ids = itertools.count()


def _registry() -> list[Entity]:
    return [
        ent("cn-shanghai", "government", "上海发布"),
        ent("cn-miit", "government", "中华人民共和国工业和信息化部", "工业和信息化部", "工信部"),
        ent("cn-cac", "government", "国家互联网信息办公室", "国家网信办"),
        ent("cn-mct", "government", "中华人民共和国文化和旅游部", "文化和旅游部", "文旅部"),
        ent("cn-women", "public_institution", "中华全国妇女联合会", "全国妇联"),
        ent("cn-mfa", "government", "中华人民共和国外交部", "外交部"),
        ent("cn-rmrb", "news_media", "人民日报", "People's Daily"),
        ent("cn-xinhua", "news_media", "新华通讯社", "新华社"),
        ent("us-lake", "government", "Lake Township"),
        ent("us-central-lake", "government", "Central Lake Township"),
    ]


@pytest.fixture(scope="module")
def det() -> ImpersonationDetector:
    return detector(_registry())


_flag = entity_and_transforms


@pytest.mark.parametrize(("display", "entity"), [
    ("上海釋出", "cn-shanghai"),  # s2twp: 发布 -> 釋出 (t2s alone gives 释出)
    ("工業和資訊化部", "cn-miit"),  # 信息 -> 資訊
    ("國家網際網路資訊辦公室", "cn-cac"),  # 互联网 -> 網際網路
    ("新華通訊社", "cn-xinhua"),  # plain traditional still reads through t2s
])
def test_taiwan_phrasing_is_read_back(det: ImpersonationDetector, display: str, entity: str) -> None:
    got, transforms = _flag(det, display)
    assert got == entity
    assert "traditional_chinese" in transforms


def test_taiwan_reading_is_only_a_second_reading_of_traditional_text() -> None:
    assert taiwan_reading("新华通讯社", fold("新华通讯社")) is None  # simplified text: no second reading
    # the main fold keeps mainland words tw2sp would rewrite (通讯 -> 通信), so registry pinyin stays right
    assert fold("新华通讯社").key == "新华通讯社"
    alt = taiwan_reading("上海釋出", fold("上海釋出"))
    assert alt is not None and alt.key == "上海发布" and alt.transforms[0] == "traditional_chinese"


def test_u_umlaut_spellings() -> None:
    assert u_umlaut_spellings("wenlvbu") == ("wenlvbu", "wenlubu", "wenlyubu")
    assert u_umlaut_spellings("quanguofunvlianhehui")[1] == "quanguofunulianhehui"
    assert u_umlaut_spellings("cctvxinwen") == ("cctvxinwen",)  # a Latin "tv" is no ü


@pytest.mark.parametrize(("display", "handle", "entity"), [
    ("每日资讯", "wenlvbu_official", "cn-mct"),
    ("每日资讯", "wenlubu_official", "cn-mct"),
    ("每日资讯", "wenlyubu", "cn-mct"),
    ("wén lǚ bù", None, "cn-mct"),  # tone marks fold to "lu"
    ("每日资讯", "zhonghuaquanguofunulianhehui", "cn-women"),
])
def test_every_spelling_of_u_umlaut_matches(det: ImpersonationDetector, display: str, handle: str | None,
                                            entity: str) -> None:
    assert _flag(det, display, handle)[0] == entity


@pytest.mark.parametrize(("display", "handle", "entity"), [
    ("外交部资讯站", None, "cn-mfa"),
    ("人民日报新闻站", None, "cn-rmrb"),
    ("每日资讯", "rmrb_gf", "cn-rmrb"),
    ("每日资讯", "renminribao_guanfang", "cn-rmrb"),
    ("每日资讯", "waijiaobu_xinwen", "cn-mfa"),
])
def test_decorations_in_pinyin_and_station(det: ImpersonationDetector, display: str, handle: str | None,
                                           entity: str) -> None:
    assert _flag(det, display, handle)[0] == entity


@pytest.mark.parametrize(("display", "handle", "entity"), [
    ("每日资讯", "r.m.r.b", "cn-rmrb"),
    ("每日资讯", "z.h.r.m.g.h.g.w.j.b", "cn-mfa"),  # "m" folds to "rn": still one spelled letter
    ("RMRB官方", None, "cn-rmrb"),
    ("R.M.R.B.", None, "cn-rmrb"),
])
def test_pinyin_initials_spelled_out_or_in_capitals(det: ImpersonationDetector, display: str,
                                                    handle: str | None, entity: str) -> None:
    got, transforms = _flag(det, display, handle)
    assert got == entity and "pinyin_initials" in transforms


@pytest.mark.parametrize("display", ["Rmrb fans", "RMRB Fan Club", "rmrb", "北京南站", "人民日报社区服务站"])
def test_initials_and_station_negatives(det: ImpersonationDetector, display: str) -> None:
    assert _flag(det, display)[0] is None


@pytest.mark.parametrize("display", ["Lake.Township", "Ｌａｋｅ　Ｔｏｗｎｓｈｉｐ", "Township Lake"])
def test_the_exact_name_beats_a_longer_name_with_decoration_words(det: ImpersonationDetector, display: str) -> None:
    # "Central" is a decoration word, so "Central Lake Township" also holds the observed words
    assert _flag(det, display)[0] == "us-lake"


def test_abbreviated_words_fold_to_the_word() -> None:
    assert fold("Knox Borough Police Dept.").key == fold("Knox Borough Police Department").key
    assert fold("Nat'l Park Svc").key == fold("National Park Service").key
    assert fold("Soil & Water").key == fold("Soil and Water").key
    assert fold("Town of Lloyd PD").key == fold("Town of Lloyd Police Department").key
    assert fold("Cty of Henryetta").key != fold("County of Henryetta").key  # city or county: left alone
    # a word cut by an inserted symbol is not an abbreviation, and folding the tokens again changes nothing
    cut = fold("Port Dist•r📢ict")
    assert cut.key == fold("Port District").key
    assert fold(" ".join(cut.tokens)).key == cut.key


@pytest.fixture(scope="module")
def gov_det() -> ImpersonationDetector:
    ents = [Entity(entity_id="us-cabarrus", kind="government", names=["Cabarrus County Govt."]),
            Entity(entity_id="us-knox-pd", kind="government", names=["Knox Borough Police Department"])]
    return ImpersonationDetector(Resources(entities=ents), use_cache=False, workers=1)


@pytest.mark.parametrize(("display", "handle", "entity"), [
    ("Knox Borough Police Dept.", None, "us-knox-pd"),
    ("Knox Borough PD", None, "us-knox-pd"),
    ("Cabarrus County Government", None, "us-cabarrus"),
    ("Daily updates", "@CabarrusCountyGovt", "us-cabarrus"),  # glued handle: matched as the registry writes it
])
def test_abbreviated_words_match_both_ways(gov_det: ImpersonationDetector, display: str, handle: str | None,
                                           entity: str) -> None:
    assert _flag(gov_det, display, handle)[0] == entity


def test_a_band_is_not_the_bureau_that_shares_its_letters() -> None:
    ents = [Entity(entity_id="us-bts", kind="government", names=["Bureau of Transportation Statistics"])]
    d = ImpersonationDetector(Resources(entities=ents), use_cache=False, workers=1)
    assert _flag(d, "BTS")[0] is None and _flag(d, "BTS Official")[0] is None  # the band's fan pages
    assert _flag(d, "Bureau of Transportation Statistics Official")[0] == "us-bts"


@pytest.mark.parametrize("fancy", ["ᴘᴇᴏᴘʟᴇ'ꜱ ᴅᴀɪʟʏ", "🅿🅴🅾🅿🅻🅴'🆂 🅳🅰🅸🅻🆈", "🅟🅔🅞🅟🅛🅔'🅢 🅓🅐🅘🅛🅨", "𝐏𝐞𝐨𝐩𝐥𝐞'𝐬 𝐃𝐚𝐢𝐥𝐲",
                                   "Ⓟⓔⓞⓟⓛⓔ'ⓢ Ⓓⓐⓘⓛⓨ"])
def test_fancy_text_letters_read_as_latin(det: ImpersonationDetector, fancy: str) -> None:
    got, transforms = _flag(det, fancy)
    assert got == "cn-rmrb"
    assert fold(fancy).key == fold("People's Daily").key


def test_flags_stay_symbols() -> None:
    # regional indicators spell a flag, not letters: one inserted into a name must not add "cn" to its key
    assert fold("人民🇨🇳日报").key == fold("人民日报").key


@pytest.fixture(scope="module")
def anchor_det() -> ImpersonationDetector:
    ents = [Entity(entity_id="anc-holt", kind="news_anchor", names=["Lester Holt"]),
            Entity(entity_id="anc-kanghui", kind="news_anchor", names=["康辉", "Kang Hui"]),
            Entity(entity_id="int-nbc", kind="news_media", names=["NBC News"])]
    return ImpersonationDetector(Resources(entities=ents), use_cache=False, workers=1)


@pytest.mark.parametrize(("display", "entity"), [
    ("Lester Holt NBC Nightly News", "anc-holt"),  # the outlet as "NBC" (of "NBC News") and a programme
    ("Lester Holt | NBC", "anc-holt"),
    ("朝闻天下康辉", "anc-kanghui"),
    ("Lester Holt NBC Fan Club", None),  # an outlet beside the name does not excuse other words
    ("Lester Holt", None),  # a namesake without any news context
    ("康辉焦点访谈同款", None),
])
def test_anchor_with_outlet_or_programme(anchor_det: ImpersonationDetector, display: str, entity: str | None) -> None:
    assert _flag(anchor_det, display)[0] == entity


@pytest.mark.parametrize("display", ["PLA Deep Sea Fleet Command", "Ministry of Public Opinion Security",
                                     "Chinese Ministry of Social Stability"])
def test_invented_authorities_with_state_function_words(display: str) -> None:
    from vigil.detectors.impersonation import invented_authority

    assert invented_authority(fold(display))


@pytest.mark.parametrize("display", ["Deep Sea Fishing Club", "Social Stability Yoga Retreat", "Ocean Command Surf Shop"])
def test_function_words_alone_are_not_an_authority(display: str) -> None:
    from vigil.detectors.impersonation import invented_authority

    assert not invented_authority(fold(display))


@pytest.fixture(scope="module")
def bio_det() -> ImpersonationDetector:
    ents = [Entity(entity_id="cn-cdc", kind="public_institution", names=["中国疾病预防控制中心", "中国疾控中心"]),
            Entity(entity_id="cn-mnd", kind="military", names=["中华人民共和国国防部", "国防部"]),
            Entity(entity_id="cn-rmrb", kind="news_media", names=["人民日报"])]
    return ImpersonationDetector(Resources(entities=ents), use_cache=False, workers=1)


@pytest.mark.parametrize(("bio", "entity"), [
    ("中国疾病预防控制中心官方账号", "cn-cdc"),  # 预防 holds 防, the look-alike of the negation 仿
    ("中华人民共和国国防部唯一官方认证账号", "cn-mnd"),
    ("人民日报官方账号，非常权威", "cn-rmrb"),  # 非常 ("very") is no negation
    ("高仿人民日报官方账号", None),
    ("非官方：人民日报读者", None),
    ("并非人民日报官方账号", None),
])
def test_bio_claims_and_their_negations(bio_det: ImpersonationDetector, bio: str, entity: str | None) -> None:
    acc = Account(platform="weibo", account_id=f"b{next(_ids)}", display_name="资讯速递", bio=bio)
    fs = bio_det.detect(Batch(accounts=[acc])).findings
    assert [f.evidence["entity_id"] for f in fs] == ([entity] if entity else [])


@pytest.mark.parametrize(("handle", "entity"), [("ren2min2ri4bao4", "cn-rmrb"), ("Ren2Min2Ri4Bao4_official", "cn-rmrb"),
                                                ("xin1hua2tong1xun4she4", "cn-xinhua")])
def test_pinyin_with_tone_numbers(det: ImpersonationDetector, handle: str, entity: str) -> None:
    assert _flag(det, "每日资讯", handle)[0] == entity


@pytest.mark.parametrize(("display", "entity"), [
    ("人民日报丨评论", "cn-rmrb"),  # 丨 is a CJK radical used as a bar: a separator, not part of the name
    ("外交部〡资讯", "cn-mfa"),
    ("人民日报 蓝V", "cn-rmrb"),  # an imitated verification badge is decoration
    ("人民日报蓝v认证", "cn-rmrb"),
])
def test_bars_written_with_letters_and_imitated_badges(det: ImpersonationDetector, display: str, entity: str) -> None:
    assert _flag(det, display)[0] == entity


def test_a_bar_letter_is_spacing_not_a_homoglyph() -> None:
    assert fold("人民日报丨评论").tokens == ("人民日报", "评论")
    assert "homoglyph" not in fold("人民日报丨评论").transforms


@pytest.fixture(scope="module")
def twice_det() -> ImpersonationDetector:
    ents = [Entity(entity_id="us-cdc", kind="public_institution", names=["Centers for Disease Control and Prevention", "CDC"]),
            Entity(entity_id="us-irs", kind="government", names=["Internal Revenue Service"]),
            Entity(entity_id="cn-rmrb", kind="news_media", names=["人民日报", "People's Daily"])]
    return ImpersonationDetector(Resources(entities=ents), use_cache=False, workers=1)


@pytest.mark.parametrize(("display", "entity"), [
    ("CDC - Centers for Disease Control and Prevention", "us-cdc"),  # a listed acronym
    ("Internal Revenue Service (IRS)", "us-irs"),  # a generated acronym
    ("People's Daily 人民日报", "cn-rmrb"),  # both languages
    ("人民日报｜People's Daily 官方", "cn-rmrb"),
    ("CDC - People's Daily", None),  # two different bodies: neither is decoration of the other
    ("Internal Revenue Service Tax Memes", None),
])
def test_a_body_named_twice(twice_det: ImpersonationDetector, display: str, entity: str | None) -> None:
    got, transforms = _flag(twice_det, display)
    assert got == entity
    if entity:
        assert "names_combined" in transforms


@pytest.mark.parametrize("display", ["空军某旅", "火箭军某基地", "海军某舰队", "南部战区政治工作部", "中国人民解放军海军陆战队"])
def test_counterfeit_military_units(display: str) -> None:
    from vigil.detectors.impersonation import invented_authority

    assert invented_authority(fold(display))


@pytest.mark.parametrize("display", ["特种兵真人CS基地", "海军蓝服饰", "空军一号球鞋店", "陆军模型收藏", "某某的小店", "张某某"])
def test_military_words_in_businesses_and_names(display: str) -> None:
    from vigil.detectors.impersonation import invented_authority

    assert not invented_authority(fold(display))


@pytest.mark.parametrize("display", ["国家疫情防控中心", "中国病毒研究院", "国家生物安全研究所", "国家健康辟谣中心",
                                     "National Vaccine Safety Bureau"])
def test_invented_public_institutions(display: str) -> None:
    from vigil.detectors.impersonation import invented_authority

    assert invented_authority(fold(display))


@pytest.mark.parametrize("display", ["北京市疾病预防控制中心", "社区卫生服务中心", "病毒营销研究所", "中国茶叶交易中心",
                                     "美食研究所", "王医生健康中心", "国家会议中心"])
def test_real_local_bodies_and_businesses_are_not_invented(display: str) -> None:
    from vigil.detectors.impersonation import invented_authority

    assert not invented_authority(fold(display))
