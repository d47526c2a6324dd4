"""Gaps found by the second round of independent probes (2026-12-07, Chinese, Latin and invented-authority
testers who had not read the detector): claims standing in for an anchor's outlet, British acronyms, Chinese
short forms by rule and by knowledge, one-component look-alike characters, 〇 and digits for numerals, a
misspelt short word, a word cut out of a longer name, digit-only registry names, and the invented-authority
grammar's new cases and negatives."""

from __future__ import annotations

import pytest

from impersonation_support import detector as _detector
from impersonation_support import ent as _ent
from impersonation_support import finding
from vigil.detectors.base import Batch
from vigil.detectors.impersonation import ImpersonationDetector
from vigil.model import Account, Entity
from vigil.text.abbrev import abbreviations


def _registry() -> list[Entity]:
    return [
        _ent("anc-kanghui", "news_anchor", "康辉"),
        _ent("anc-shuijunyi", "news_anchor", "水均益"),
        _ent("anc-cooper", "news_anchor", "Anderson Cooper"),
        _ent("uk-mod", "military", "Ministry of Defence"),
        _ent("uk-dfe", "government", "Department for Education"),
        _ent("au-bom", "public_institution", "Bureau of Meteorology"),
        _ent("uk-hsa", "public_institution", "UK Health Security Agency"),
        _ent("uk-mhra", "government", "Medicines and Healthcare products Regulatory Agency"),
        _ent("nz-nzdf", "military", "New Zealand Defence Force"),
        _ent("us-pierre", "government", "City of Pierre", "pierresd"),
        _ent("us-911", "government", "911 Program Office", "911"),
        _ent("cn-csrc", "government", "中国证券监督管理委员会"),
        _ent("cn-ccdi", "government", "中国共产党中央纪律检查委员会"),
        _ent("cn-sasac", "government", "国务院国有资产监督管理委员会"),
        _ent("bj-cdc", "public_institution", "北京市疾病预防控制中心"),
        _ent("js-tv", "news_media", "江苏省广播电视总台"),
        _ent("cn-pboc", "government", "中国人民银行"),
        _ent("hk-gov", "government", "香港特别行政区政府"),
        _ent("cn-huanqiu", "news_media", "环球时报"),
        _ent("cn-gmrb", "news_media", "光明日报"),
        _ent("sh-psb", "government", "上海市公安局"),
        _ent("hb-daily", "news_media", "湖北日报"),
        _ent("cn-yicai", "news_media", "第一财经"),
    ]


@pytest.fixture(scope="module")
def det() -> ImpersonationDetector:
    return _detector(_registry())


def _flag(det: ImpersonationDetector, display: str, handle: str | None = None,
          bio: str | None = None) -> tuple[str | None, str | None, list[str]]:
    """(entity id, subcategory, transforms) of the account's finding, or Nones."""
    f = finding(det, display, handle, bio)
    return (f.evidence["entity_id"], f.subcategory, f.evidence["transforms"]) if f else (None, None, [])


@pytest.mark.parametrize(("display", "bio", "entity"), [
    ("【康辉】官方", None, "anc-kanghui"),
    ("水均益发布", None, "anc-shuijunyi"),
    ("Official Anderson Cooper", None, "anc-cooper"),
    ("The Real Anderson Cooper", None, "anc-cooper"),
    ("Anderson Cooper", "Official account.", "anc-cooper"),
])
def test_a_claim_to_be_the_persons_own_channel_stands_in_for_the_outlet(
        det: ImpersonationDetector, display: str, bio: str | None, entity: str) -> None:
    assert _flag(det, display, bio=bio)[0] == entity


@pytest.mark.parametrize(("display", "bio"), [
    ("康辉", None),  # a namesake: no outlet, no role, no claim
    ("Anderson Cooper", "Journalist. Views my own."),
    ("康辉后援会", "官方认证后援会"),  # a fan club, whatever it claims
    ("康辉", "非官方粉丝号"),  # a denial
])
def test_an_anchor_name_without_context_or_claim_is_left_alone(det: ImpersonationDetector, display: str,
                                                              bio: str | None) -> None:
    assert _flag(det, display, bio=bio)[0] is None


@pytest.mark.parametrize(("display", "entity"), [
    ("MoD", "uk-mod"), ("MOD Official", "uk-mod"), ("DfE", "uk-dfe"), ("BoM", "au-bom"), ("UKHSA", "uk-hsa"),
    ("MHRA", "uk-mhra"),
])
def test_british_acronyms(det: ImpersonationDetector, display: str, entity: str) -> None:
    eid, _, transforms = _flag(det, display)
    assert eid == entity and "abbreviation" in transforms


def test_acronyms_follow_how_the_name_is_written() -> None:
    forms = {n: {a for a, _ in abbreviations(n)} for n in (
        "Ministry of Defence", "UK Health Security Agency", "Medicines and Healthcare products Regulatory Agency",
        "Federal Bureau of Investigation", "City of Pierre")}
    assert "MOD" in forms["Ministry of Defence"]
    assert "UKHSA" in forms["UK Health Security Agency"]
    assert "MHRA" in forms["Medicines and Healthcare products Regulatory Agency"]
    assert "FBI" in forms["Federal Bureau of Investigation"]
    assert forms["City of Pierre"] == set()  # local bodies get no acronym


@pytest.mark.parametrize("display", ["Mod", "mod", "Bom"])
def test_acronym_forms_need_capitals(det: ImpersonationDetector, display: str) -> None:
    assert _flag(det, display)[0] is None


@pytest.mark.parametrize(("display", "entity"), [
    ("证监会发布", "cn-csrc"), ("【中纪委】", "cn-ccdi"), ("【国资委】", "cn-sasac"), ("北京疾控", "bj-cdc"),
    ("北京市疾控中心", "bj-cdc"), ("江苏卫视", "js-tv"), ("央行", "cn-pboc"), ("港府", "hk-gov"),
])
def test_chinese_short_forms(det: ImpersonationDetector, display: str, entity: str) -> None:
    eid, _, transforms = _flag(det, display)
    assert eid == entity and "abbreviation" in transforms


@pytest.mark.parametrize(("display", "entity"), [
    ("坏球时报", "cn-huanqiu"), ("环求吋报", "cn-huanqiu"), ("光朋日报", "cn-gmrb"), ("上诲市公案局", "sh-psb"),
])
def test_one_component_look_alikes(det: ImpersonationDetector, display: str, entity: str) -> None:
    eid, _, transforms = _flag(det, display)
    assert eid == entity and "cjk_lookalike" in transforms


@pytest.mark.parametrize(("display", "entity"), [
    ("湖〇北〇日〇报", "hb-daily"), ("第1财经", "cn-yicai"), ("第１财经官方", "cn-yicai"), ("湖北日报", "hb-daily"),
])
def test_ideographic_zero_and_digits_for_numerals(det: ImpersonationDetector, display: str, entity: str) -> None:
    assert _flag(det, display)[0] == entity


@pytest.mark.parametrize("display", ["二〇二四年度总结", "第1名", "3号楼"])
def test_numbers_are_still_numbers(det: ImpersonationDetector, display: str) -> None:
    assert _flag(det, display)[0] is None


def test_a_misspelt_short_word_is_still_a_word_of_the_name(det: ImpersonationDetector) -> None:
    assert _flag(det, "Nww Zealand Defence Force")[0] == "nz-nzdf"
    assert _flag(det, "New Zealand Defence Fan Page")[0] is None


@pytest.mark.parametrize("display", ["Pierre", "Pierre Official"])
def test_a_word_cut_out_of_a_longer_name_is_not_a_misspelling_of_it(det: ImpersonationDetector,
                                                                     display: str) -> None:
    assert _flag(det, display)[0] is None


def test_digits_alone_are_not_a_registry_name(det: ImpersonationDetector) -> None:
    assert _flag(det, "Daily news", handle="news911")[0] is None
    assert _flag(det, "911 Program Office")[0] == "us-911"


@pytest.mark.parametrize("display", [
    "ChineseRedArmyCommand", "Allied Arctic Command", "Ministry of Information Integrity",
    "Federal Scam Prevention Task Force", "US Institute of Viral Research", "Chinese Academy of Virology",
    "Global Pandemic Task Force", "中国航天军", "北约亚太司令部", "国家舆情研究中心", "国家疾病溯源中心",
    "联合国儿童基金会中国特派办",
])
def test_invented_authorities_of_the_probe(det: ImpersonationDetector, display: str) -> None:
    eid, sub, _ = _flag(det, display)
    assert eid is None and sub == "invented_authority"


@pytest.mark.parametrize("display", [
    "Imperial Command", "Royal Guard", "Security Service Locksmiths", "Security Guard Training Institute",
    "Ministry of Sound", "Ministry of Magic", "Royal Academy of Arts", "Police Academy", "National Beauty Institute",
    "Naval Academy Bookstore", "国际美容协会中国办事处", "北京协和医院总院", "ImperialCommandGuild",
])
def test_civilian_look_alikes_of_the_probe(det: ImpersonationDetector, display: str) -> None:
    assert _flag(det, display)[1] is None


# ----------------------------------------------------------------------------- third round (2026-12-07 late):
# false positives at scale, world languages, a fresh Chinese set


def _registry3() -> list[Entity]:
    return [
        _ent("us-madison", "government", "City of Madison", "madison", "madisonal"),
        _ent("us-virginia", "government", "Commonwealth of Virginia", "virginia"),
        _ent("us-williams", "government", "City of Williams", "williamsaz"),
        _ent("us-burlington", "government", "Town of Burlington"),
        _ent("us-redbluff", "government", "City of Red Bluff"),
        _ent("us-hud", "government", "Department of Housing and Urban Development", "HUD"),
        _ent("de-bw", "military", "Bundeswehr"),
        _ent("an-quest", "news_anchor", "Richard Quest"),
        _ent("de-ard", "news_media", "ARD"),
        _ent("us-cnn", "news_media", "CNN"),
        _ent("an-riewa", "news_anchor", "Jens Riewa"),
        _ent("es-policia", "government", "Policía Nacional"),
        _ent("es-defensa", "military", "Ministerio de Defensa"),
        _ent("kr-kma", "public_institution", "기상청"),
        _ent("jp-nhk", "news_media", "日本放送協会"),
        _ent("cn-jwb", "news_media", "今晚报"),
        _ent("bj-cdc", "public_institution", "北京市疾病预防控制中心"),
        _ent("hz-gov", "government", "杭州市人民政府"),
        _ent("pku3", "public_institution", "北京大学第三医院"),
        _ent("hb-gov", "government", "湖北省人民政府"),
        _ent("xj-daily", "news_media", "新疆日报"),
        _ent("an-wuxiaoli", "news_anchor", "吴小莉"),
        _ent("cas-im", "public_institution", "中国科学院微生物研究所"),
        _ent("cn-jiemian", "news_media", "界面新闻"),
        _ent("vn-ttxvn", "news_media", "Thông tấn xã Việt Nam"),
        _ent("an-gruber", "news_anchor", "Lilli Gruber"),
        _ent("an-coudray", "news_anchor", "Anne-Claire Coudray"),
        _ent("an-vasconcellos", "news_anchor", "Renata Vasconcellos"),
        _ent("nl-nos", "news_media", "NOS"),
        _ent("fj-daily", "news_media", "福建日报"),
        _ent("sh-smg", "news_media", "东方卫视"),
        _ent("an-luoxin", "news_anchor", "骆新"),
    ]


@pytest.fixture(scope="module")
def det3() -> ImpersonationDetector:
    return _detector(_registry3())


@pytest.mark.parametrize(("display", "handle", "bio"), [
    ("Madison", "madison1995", None),  # a first name that is also a registry alias of a city
    ("Virginia 🌻", None, None),
    ("Madison W.", None, None),  # near a handle-style alias (madisonal)
    (None, "cwilliams78", None),
    ("Huda", "huda1994", None),  # HUD + a glued letter
    ("Owen Burlington", None, None),  # a person, not a misspelt Town of Burlington
    ("Not Bundeswehr", "notbundeswehr", None),
    ("Richard Quest", "richard2005", "Retired. Watching the news."),  # ARD inside "Richard" is no outlet
    ("Savannah Fans", "richardquest", "Fan page, not affiliated."),
    ("今晚报价", None, "建材报价"),  # a name inside other words
    ("佛山市疾病预防控制中心", None, None),  # a sibling body (another city), not a misspelling
    ("福州市人民政府", None, None),
    ("北京大学第六医院", None, None),  # another number
    ("Renata Vasconcellos Ramos", None, "Torcedor do Flamengo."),  # NOS inside "Ramos" is no outlet
    ("Lilli Gruber", None, "Insegnante di cucina a Bolzano"),  # a namesake without role
    ("福建日报美食店", None, None),
])
def test_false_positives_of_the_scale_probe(det3: ImpersonationDetector, display: str | None, handle: str | None,
                                            bio: str | None) -> None:
    assert finding(det3, display or "🙂", handle, bio, platform="x") is None


@pytest.mark.parametrize(("display", "handle", "bio", "entity"), [
    ("City of Madison Official", None, None, "us-madison"),
    ("City of Red Blufff", None, None, "us-redbluff"),  # one doubled letter is a slip
    ("Twon of Burlington", None, None, "us-burlington"),  # the local word misspelt, still there
    ("HUD Official", None, None, "us-hud"),
    ("Richard Quest CNN", None, None, "an-quest"),
    ("Richard Quest", None, "CNN anchor", "an-quest"),
    ("Rіchard Quest", "info_12963", "Anchor, CNN. Fan account? No, the real one.", "an-quest"),  # Cyrillic і
    ("Oficial Policía Nacional", None, None, "es-policia"),
    ("Oficina de prensa", None, "Cuenta oficial de Ministerio de Defensa.", "es-defensa"),
    ("기상청(공식)", None, None, "kr-kma"),
    ("【公式】日本放送協会", None, None, "jp-nhk"),
    ("Jens Riewa", None, "Chefsprecher der Tagesschau", "an-riewa"),
    ("新疆日报AI主播", None, None, "xj-daily"),
    ("吴小莉本人", None, None, "an-wuxiaoli"),
    ("湖北人省民政府", None, None, "hb-gov"),  # a moved character in the place is a slip
    ("界面新闽", None, None, "cn-jiemian"),
    ("中科院微生物所", None, None, "cas-im"),
    ("Thông tấn xã Việt Namm", None, None, "vn-ttxvn"),  # a doubled m (folded to rn) is a slip
    ("Lilli Gruber (La7)", None, "Conduttrice di Otto e mezzo su La7", "an-gruber"),  # unknown outlet, role in bio
    ("Anne-Claire Coudray TF1 News", None, None, "an-coudray"),  # unknown outlet beside a news word
    ("AI主播小星·福建日报", None, None, "fj-daily"),  # an AI-made anchor naming the outlet it imitates
    ("东方卫视主播骆新", None, None, "an-luoxin"),  # a registered anchor beside outlet and role is the anchor
])
def test_recall_of_the_world_and_chinese_probes(det3: ImpersonationDetector, display: str, handle: str | None,
                                                bio: str | None, entity: str) -> None:
    f = finding(det3, display, handle, bio, platform="x")
    assert f is not None and f.evidence["entity_id"] == entity


@pytest.mark.parametrize(("display", "invented"), [
    ("东莞市公安局", False), ("武警天津市总队", False), ("杭州市萧山区人民政府", False),  # real local templates
    ("天津市反恐特战队", True), ("浙江省网络安全总局", True), ("北京市特别行动调查组", True),
])
def test_local_bodies_are_not_invented_unless_they_borrow_national_terms(display: str, invented: bool) -> None:
    from vigil.detectors.impersonation import invented_authority
    from vigil.text.normalize import fold

    assert bool(invented_authority(fold(display))) is invented


@pytest.mark.parametrize(("name", "acronym"), [
    ("Ministère de l'Europe et des Affaires étrangères", "MEAE"),  # sentence case, elided article, accents
    ("Caisse d'allocations familiales", "CAF"),
    ("Bộ Quốc Phòng", "BQP"),  # Vietnamese letters are letters
    ("Министерство внутренних дел Российской Федерации", "МВД"),  # Cyrillic, without the country
    ("Bundesamt für Verfassungsschutz", "BFV"),  # für kept as a letter, as of/for are (BfV)
    ("Algemene Inlichtingen- en Veiligheidsdienst", "AIV"),
    ("Los Angeles Police Department", "LAPD"),  # US place names keep their Spanish article
])
def test_acronyms_of_names_in_other_languages(name: str, acronym: str) -> None:
    assert acronym in {a for a, _ in abbreviations(name)}


def _registry4() -> list[Entity]:
    return [
        _ent("us-fbi", "government", "Federal Bureau of Investigation"),
        _ent("int-opcw", "public_institution", "Organisation for the Prohibition of Chemical Weapons"),
        _ent("cn-samr", "government", "国家市场监督管理总局"),
        _ent("us-its", "government", "ITS"),
        _ent("us-morgan", "government", "Morgan"),
        _ent("us-cdc", "public_institution", "Centers for Disease Control and Prevention", "CDC"),
    ]


@pytest.fixture(scope="module")
def det4() -> ImpersonationDetector:
    return _detector(_registry4())


@pytest.mark.parametrize(("bio", "entity", "sub"), [
    ("Official account of FBI.", "us-fbi", "government"),  # an acronym named in a bio claim
    ("The official account of the OPCW", "int-opcw", "public_institution"),
    ("这里是国家市场监督管理总扃官方账号", "cn-samr", "government"),  # a look-alike character in the bio
    ("Official account of Centers for Disease Contrl and Prevention", "us-cdc", "public_institution"),  # a typo
    ("Official account of Federal Disease Surveillance Directorate.", None, "invented_authority"),
    ("中华反恐特战队官方账号", None, "invented_authority"),
])
def test_the_name_a_bio_claims_is_judged_as_a_display_name(det4: ImpersonationDetector, bio: str,
                                                           entity: str | None, sub: str) -> None:
    f = finding(det4, "Latest Updates", "upd_7650", bio, platform="x")
    assert f is not None and (f.evidence["entity_id"], f.subcategory, f.evidence["field"]) == (entity, sub, "bio")


@pytest.mark.parametrize(("display", "handle", "bio"), [
    ("Latest Updates", "upd", "Not the official account of the FBI"),
    ("Dog mum", None, "Official account of my bakery"),
    ("Bundeswehr Fans", None, "Inoffizielle Fanseite."),  # "offiziell" inside "inoffiziell" is no claim
    ("Ana Souza", "itsana", None),  # small words glued to a one-word registry name make another word
    ("Michael Morgan", "themorgan", None),
])
def test_bio_claims_and_glued_small_words_negatives(det4: ImpersonationDetector, display: str, handle: str | None,
                                                    bio: str | None) -> None:
    assert finding(det4, display, handle, bio, platform="x") is None


@pytest.mark.parametrize(("text", "key"), [
    ("Sky Nεws", "skynews"),  # Greek epsilon's UTS #39 prototype is ꞓ, not e
    ("redϲross", "redcross"),  # lunate sigma
    ("Кremlin", "krernlln"),  # Cyrillic ka (prototype ĸ); m folds to rn, i to l
])
def test_greek_and_cyrillic_letters_read_as_the_latin_letters_they_pass_for(text: str, key: str) -> None:
    from vigil.text.normalize import fold

    assert fold(text).key == key and "homoglyph" in fold(text).transforms


def test_a_handle_cut_at_the_length_limit_is_still_the_name() -> None:
    ents = [_ent("int-nato", "military", "North Atlantic Treaty Organization", "NATO"),
            _ent("uk-no10", "government", "10 Downing Street")]
    det = _detector(ents)
    cut = Account(platform="x", account_id="h1", display_name="资讯速递", handle="norTHATlaNTIcTREATyorgAnIZatIO")
    dental = Account(platform="x", account_id="h2", display_name="Downing Street Dental", handle="downingstreetde")
    found = {f.subject.account_id: f.evidence["entity_id"] for f in det.detect(Batch(accounts=[cut, dental])).findings}
    assert found == {"h1": "int-nato"}


def test_fourth_round_cases() -> None:
    ents = [_ent("cn-caixin", "news_media", "财新传媒"),
            _ent("cn-gmrb", "news_media", "光明日报"),
            _ent("jn-gov", "government", "济南市人民政府"),
            _ent("nj-psb", "government", "南京市公安局"),
            _ent("us-taylor", "government", "Town of Taylor"),
            _ent("us-cookeville", "government", "City of Cookeville"),
            _ent("an-goswami", "news_anchor", "Arnab Goswami")]
    det = _detector(ents)

    assert _flag(det, "资讯速递", "cxcmofficial")[0] == "cn-caixin"  # initials with a decoration glued on
    assert _flag(det, "Official News", "gmrbguanfang")[0] == "cn-gmrb"
    assert _flag(det, "人民政府·济南市")[0] == "jn-gov"  # the parts in the other order
    assert _flag(det, "苘京市公安局")[0] == "nj-psb"
    assert _flag(det, "City of Cookevi113")[0] == "us-cookeville"  # three leet digits closing a word
    assert _flag(det, "Arnab Goswami Republic TV")[0] == "an-goswami"  # an unknown outlet beside a news word
    assert _flag(det, "Tom Taylor", "thetaylor")[:2] == (None, None)  # a first name, not a reordered "Town of Taylor"
    assert _flag(det, "Notices", bio="Official account of the Continental Rapid Reaction Directorate")[1] == \
        "invented_authority"
    assert _flag(det, "华夏信息战办公室")[1] == "invented_authority"


def test_fifth_round_cases() -> None:
    ents = [_ent("cn-nmpa", "government", "国家药品监督管理局"),
            _ent("sd-gov", "government", "山东省人民政府"),
            _ent("gd-hc", "government", "广东省卫生健康委员会"),
            _ent("sc-em", "government", "四川省应急管理厅"),
            _ent("js-samr", "government", "江苏省市场监督管理局"),
            _ent("cn-samr", "government", "国家市场监督管理总局"),
            _ent("cn-customs", "government", "海关总署"),
            _ent("cn-people", "news_media", "人民网"),
            _ent("bbc", "news_media", "BBC News"),
            _ent("an-wbb", "news_anchor", "王冰冰")]
    det = _detector(ents)

    assert _flag(det, "小李", bio="这里是国家药监局")[0] == "cn-nmpa"  # a self-introduction is a claim
    assert _flag(det, "新闻", bio="本号由山东省人民政府运营")[0] == "sd-gov"
    acc = Account(platform="weibo", account_id="t-transforms", display_name="新闻", bio="本号由山东省人民政府运营")
    # the evidence names the tricks in the claimed name only (由 elsewhere in the bio folds with 甲)
    assert det.detect(Batch(accounts=[acc])).findings[0].evidence["transforms"] == ["bio_claim"]
    assert _flag(det, "小李", bio="这里是小李的生活分享")[:2] == (None, None)
    assert _flag(det, "小王", bio="人民网新媒体运营")[:2] == (None, None)  # a job, not a claim
    for short, eid in (("广东卫健委", "gd-hc"), ("四川应急", "sc-em"), ("江苏市场监管", "js-samr"),
                       ("市场监管总局", "cn-samr")):
        assert _flag(det, short)[0] == eid, short
    assert _flag(det, "晦关总署")[0] == "cn-customs"
    assert _flag(det, "BBC News Virtual Presenter")[0] == "bbc"  # an AI-made presenter of the outlet
    assert _flag(det, "王冰冰-总台")[0] == "an-wbb"
    # 人民网 inside the word 人民网络 is not the outlet: the invented unit is what the bio claims
    assert _flag(det, "x", bio="中国人民网络特警特战队官方账号")[:2] == (None, "invented_authority")


@pytest.mark.parametrize(("name", "short", "present"), [
    ("北京协和医院", "协和医院", True),  # a hospital without its city
    ("中南大学湘雅医院", "湘雅医院", True),  # a university hospital by its own name
    ("四川大学华西医院", "华西医院", True),
    ("上海交通大学医学院附属瑞金医院", "瑞金医院", True),
    ("上海市第一人民医院", "第一人民医院", False),  # every city has one
    ("北京儿童医院", "儿童医院", False),
    ("复旦大学", "复旦", True),  # a university by its name
    ("中山大学", "中山", False),  # ... unless that name is a place
    ("浙江大学", "浙江", False),
    # a university's numbered hospital by the university and its number (the number makes a place name specific)
    ("浙江大学医学院附属第一医院", "浙大一院", True),
    ("中山大学附属第一医院", "中山一院", True),
    ("中国医科大学附属第一医院", "中国医大一院", True),
    ("广州市第一人民医院", "广州一院", False),  # a city's numbered hospital is not a university's
    # an institute keeps its field whole, also without its academy; a doubled 市 is written once; a broadcaster
    # by its field's contraction
    ("中国科学院上海药物研究所", "上海药物所", True),
    ("北京市市场监督管理局", "北京市监局", True),
    ("湖南广播电视台", "湖南广电", True),
    # a court by its level, and a place-led body's short form without the place's 省/市
    ("武汉市中级人民法院", "武汉中院", True),
    ("四川省高级人民法院", "四川高院", True),
    ("北京市第一中级人民法院", "北京一中院", True),
    ("北京市教育委员会", "北京教委", True),
    ("上海市经济和信息化委员会", "上海经信委", True),
    ("武汉市中级人民法院", "武汉中法", False),  # 中法 is Sino-French: only forms ending in the body's head lose 市
    # a body of an autonomous region as a province's, the region by its short name or as 自治区
    ("宁夏回族自治区卫生健康委员会", "宁夏卫健委", True),
    ("新疆维吾尔自治区疾病预防控制中心", "新疆疾控", True),
    ("新疆维吾尔自治区疾病预防控制中心", "新疆自治区疾控中心", True),
    ("新疆维吾尔自治区疾病预防控制中心", "新疆省疾控中心", False),  # no such province
    # a sub-unit by its parent's short form; a district's body without its city; a procuratorate by place
    ("中国人民武装警察部队山东省总队", "武警山东省总队", True),
    ("北京市朝阳区人民政府", "朝阳区政府", True),
    ("浙江省人民检察院", "浙江检察", True),
    # a leading place ICU's dictionary cuts (内|蒙古, 鄂|尔|多|斯) is one word of the name
    ("内蒙古自治区卫生健康委员会", "内蒙古卫健委", True),
    ("内蒙古自治区公安厅", "内蒙古公安厅", True),
    ("内蒙古自治区疾病预防控制中心", "内蒙古疾控", True),
    ("鄂尔多斯市公安局", "鄂尔多斯公安", True),
    ("中山大学", "中大", True),
])
def test_hospital_and_university_short_forms(name: str, short: str, present: bool) -> None:
    assert (short in {f for f, _ in abbreviations(name)}) is present


@pytest.mark.parametrize(("text", "group", "held"), [
    ("비공식 팬 계정", "declared", True),  # hangul and Cyrillic terms fold into several tokens: matched as words
    ("기상청 공식 채널", "claims", True),
    ("Официальный аккаунт МВД", "claims", True),
    ("неофициальный аккаунт", "claims", False),  # ... and never inside another word
    ("人民日报官方", "claims", True),  # Chinese terms anywhere
    ("Fan page", "declared", True),
    ("fanatic runner", "declared", False),
])
def test_term_groups_match_whole_words_and_chinese_anywhere(text: str, group: str, held: bool) -> None:
    from vigil.detectors.impersonation import _has_term
    from vigil.text.normalize import fold

    assert _has_term(fold(text), group) is held
