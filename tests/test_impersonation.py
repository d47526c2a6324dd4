"""Impersonation detector: every trick of issue 4, hard negatives, official accounts, anchors, invented
authorities, verified accounts, cache reuse and pool/serial equivalence."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from vigil.detectors import impersonation as imp
from vigil.detectors.base import Batch, Resources
from vigil.detectors.impersonation import ImpersonationDetector, invented_authority
from vigil.model import Account, AccountRef, Entity, Finding
from vigil.text.nameindex import cache_path, wait_for_cache_writes
from vigil.text.normalize import fold

_ids = itertools.count()


def registry() -> list[Entity]:
    def ent(eid: str, kind: str, *names: str, official: str | None = None) -> Entity:
        offs = [AccountRef(platform="weibo", account_id=official)] if official else []
        return Entity(entity_id=eid, kind=kind, names=list(names), official_accounts=offs)  # type: ignore[arg-type]

    return [
        ent("cn-cdc", "public_institution", "中国疾病预防控制中心", "中国疾控中心",
            "Chinese Center for Disease Control and Prevention", "China CDC", official="cdc-official"),
        ent("us-cdc", "public_institution", "Centers for Disease Control and Prevention", "CDC"),
        ent("cn-mnd", "military", "中华人民共和国国防部", "国防部", "Ministry of National Defense of China",
            official="mnd-official"),
        ent("cn-state-council", "government", "中华人民共和国国务院", "国务院"),
        ent("cn-rmrb", "news_media", "人民日报", "People's Daily", official="rmrb-official"),
        ent("cn-xinhua", "news_media", "新华通讯社", "新华社", "Xinhua News Agency"),
        ent("cn-cctv", "news_media", "中央电视台", "央视", "CCTV"),
        ent("cn-navy", "military", "中国人民解放军海军", "人民海军", "PLA Navy"),
        ent("us-sumner", "government", "City of Sumner", official="sumner-official"),
        ent("us-sumner-wa", "government", "City of Sumner WA"),
        ent("anc-kanghui", "news_anchor", "康辉", "Kang Hui"),
        ent("anc-holt", "news_anchor", "Lester Holt"),
    ]


@pytest.fixture(scope="module")
def det(tmp_path_factory: pytest.TempPathFactory) -> ImpersonationDetector:
    return ImpersonationDetector(Resources(entities=registry()), use_cache=False, workers=1)


def scan(det: ImpersonationDetector, display: str, handle: str | None = None, bio: str | None = None,
         verified: bool = False, account_id: str | None = None, platform: str = "weibo") -> list[Finding]:
    acc = Account(platform=platform, account_id=account_id or f"t{next(_ids)}", display_name=display,
                  handle=handle, bio=bio, verified=verified)
    return det.detect(Batch(accounts=[acc])).findings


def flagged_as(det: ImpersonationDetector, display: str, **kw: object) -> str | None:
    fs = scan(det, display, **kw)  # type: ignore[arg-type]
    assert len(fs) <= 1
    return fs[0].evidence["entity_id"] if fs else None


@pytest.mark.parametrize(
    ("display", "entity", "transform"),
    [
        ("中国疾病预防控制中心", "cn-cdc", None),
        ("中国疾控中心", "cn-cdc", "alias"),  # abbreviation listed as alias
        ("国务院", "cn-state-council", "alias"),
        ("CDC", "us-cdc", "alias"),
        ("Disease Control and Prevention Centers for", "us-cdc", "word_reorder"),
        ("C D C", "us-cdc", None),
        ("Peoples-Daily", "cn-rmrb", None),
        ("Сеnters fоr Disease Control and Prevention", "us-cdc", "homoglyph"),
        ("ＣＨＩＮＡ　ＣＤＣ", "cn-cdc", "fullwidth"),
        ("人民\u200b日\u200d报", "cn-rmrb", "invisible_chars"),
        ("Pëóplé's Daily", "cn-rmrb", "combining_marks"),
        ("P3opl3's D4ily", "cn-rmrb", "leetspeak"),
        ("pEoPlE'S dAiLy", "cn-rmrb", None),
        ("人民日報", "cn-rmrb", "traditional_chinese"),
        ("中華人民共和國國防部", "cn-mnd", "traditional_chinese"),
        ("人民曰报", "cn-rmrb", "cjk_lookalike"),
        ("人民日抱", "cn-rmrb", None),  # homophone (also a curated look-alike)
        ("人民日宝", "cn-rmrb", "homophone"),
        ("新华🔥社✨", "cn-xinhua", "emoji_symbols"),
        ("人民日报官方新闻频道", "cn-rmrb", "decoration"),
        ("Official CDC News HQ", "us-cdc", "decoration"),
        ("中国疾控中心 官方", "cn-cdc", "decoration"),
        ("Centers for Disease Contrl and Prevention", "us-cdc", "near_match"),  # typo
        ("中国疾病预防空制中心", "cn-cdc", "homophone"),  # 空 = kong = 控
        ("中国疾病预防控刹中心", "cn-cdc", "near_match"),  # 刹 for 制: a look-alike no table lists
        ("Ministry of National Defense of China Official", "cn-mnd", "decoration"),
    ],
)
def test_every_trick_is_caught_and_attributed(
    det: ImpersonationDetector, display: str, entity: str, transform: str | None
) -> None:
    fs = scan(det, display)
    assert [f.evidence["entity_id"] for f in fs] == [entity], display
    f = fs[0]
    assert f.category == "impersonation" and f.detector == "impersonation.name"
    assert f.evidence["observed"] == display and f.evidence["field"] == "display_name"
    assert f.evidence["matched_name"]
    if transform:
        assert transform in f.evidence["transforms"], f.evidence


def test_subcategory_is_the_entity_kind(det: ImpersonationDetector) -> None:
    assert scan(det, "国防部官方")[0].subcategory == "military"
    assert scan(det, "人民日报")[0].subcategory == "news_media"
    assert scan(det, "CDC Official")[0].subcategory == "public_institution"


def test_handles_pinyin_and_initials(det: ImpersonationDetector) -> None:
    f = scan(det, "热点快讯", handle="renminribao_news")
    assert f and f[0].evidence["entity_id"] == "cn-rmrb" and f[0].evidence["field"] == "handle"
    assert "pinyin" in f[0].evidence["transforms"]
    f = scan(det, "热点快讯", handle="rmrb_official")
    assert f and f[0].evidence["entity_id"] == "cn-rmrb" and "pinyin_initials" in f[0].evidence["transforms"]
    f = scan(det, "Daily", handle="@cdc_0fficial")
    assert f and f[0].evidence["entity_id"] == "us-cdc"


def test_bio_claim_needs_a_claim_and_no_negation(det: ImpersonationDetector) -> None:
    f = scan(det, "资讯速递", bio="人民日报官方账号")
    assert f and f[0].evidence["field"] == "bio"
    assert not scan(det, "小王", bio="每天读人民日报")
    assert not scan(det, "Jane", bio="Not the official account of People's Daily, just a fan")


@pytest.mark.parametrize(
    "display",
    [
        "新华书店", "人民日报读者俱乐部", "国防部长粉丝后援会", "Navy Blue Clothing Co", "Ministry of Sound",
        "CDC Sportswear", "People's Daily Bookstore", "Fan Club of People's Daily", "CCTV Fan Club",
        "China CDC Memes", "小王爱吃面", "Jane Smith", "Sumner Pizza", "新华路小吃店", "康辉", "Kang Hui",
        "Lester Holtz", "Army & Navy Store", "Red Army Choir Fans", "央视频道迷",
    ],
)
def test_hard_negatives_and_ordinary_names_are_not_flagged(det: ImpersonationDetector, display: str) -> None:
    assert scan(det, display, bio="喜欢旅行") == [], display


def test_news_anchors_need_outlet_or_anchor_context(det: ImpersonationDetector) -> None:
    for display, kw in [("央视主播康辉", {}), ("康辉｜新闻联播主播", {}), ("康辉", {"bio": "央视新闻主播"}),
                        ("Lester Holt NBC News Anchor", {}), ("康\u200b辉", {"handle": "kanghui_cctv"}),
                        ("Kang Hui CCTV", {})]:
        fs = scan(det, display, **kw)  # type: ignore[arg-type]
        assert fs and fs[0].subcategory == "news_anchor", display
        assert fs[0].evidence["entity_id"] in ("anc-kanghui", "anc-holt")
    # a namesake without any news context, or with news only in an unrelated bio line, is left alone
    assert scan(det, "康辉", bio="爱旅行的程序员") == []
    assert scan(det, "康辉的美食日记", bio="央视新闻主播") == []


@pytest.mark.parametrize(
    "display",
    ["Chinese Red Army Command", "Strategic Missile Force", "中国反恐特战队", "中国红军司令部",
     "国家网络安全指挥部", "Federal Cyber Defense Command", "中国空天军司令部 官方"],
)
def test_invented_authorities(det: ImpersonationDetector, display: str) -> None:
    fs = scan(det, display)
    assert len(fs) == 1 and fs[0].subcategory == "invented_authority", display
    ev = fs[0].evidence
    assert ev["entity_id"] is None and ev["matched_terms"] and ev["observed"] == display


@pytest.mark.parametrize("display", ["Ministry of Sound", "National Geographic", "Salvation Army Thrift Store",
                                     "Supreme Court of Comedy", "中国好声音", "火箭军迷", "国家地理杂志"])
def test_civilian_names_are_not_invented_authorities(display: str) -> None:
    assert invented_authority(fold(display)) == []


def test_official_accounts_are_never_flagged(det: ImpersonationDetector) -> None:
    assert scan(det, "中国疾控中心", account_id="cdc-official", verified=True) == []
    assert scan(det, "人民日报", account_id="rmrb-official") == []
    # its own name also matches a sibling entity ("City of Sumner" vs "City of Sumner WA"): still its own
    assert scan(det, "City of Sumner", account_id="sumner-official") == []
    # an official account of one entity posing as another is still flagged
    fs = scan(det, "国防部", account_id="rmrb-official")
    assert [f.evidence["entity_id"] for f in fs] == ["cn-mnd"]


def test_verified_accounts_are_scored_with_care(det: ImpersonationDetector) -> None:
    plain = scan(det, "人民日报官方")[0].score
    verified = scan(det, "人民日报官方", verified=True)
    assert verified and verified[0].score < plain and verified[0].evidence["verified"] is True
    # a verified account with only a fuzzy resemblance drops below the threshold
    assert scan(det, "Centers for Disease Contrl and Prevention", verified=True) == []
    # ... but counterfeit characters are no real body's way of writing its name: a renamed or bought badge
    counterfeit = scan(det, "Cеnters for Disеase Control and Prеvention", verified=True)  # Cyrillic е
    assert counterfeit and "homoglyph" in counterfeit[0].evidence["transforms"]


def test_empty_registry_still_finds_invented_authorities() -> None:
    d = ImpersonationDetector(Resources(), use_cache=False)
    fs = d.detect(Batch(accounts=[Account(platform="x", account_id="1", display_name="Chinese Red Army Command"),
                                  Account(platform="x", account_id="2", display_name="人民日报")])).findings
    assert [f.subcategory for f in fs] == ["invented_authority"]


def test_index_is_cached_on_disk_and_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VIGIL_CACHE", str(tmp_path))
    res = Resources(entities=registry())
    first = ImpersonationDetector(res)
    assert first.index_source == "built"
    wait_for_cache_writes()  # written by a background child while the build's caller goes on
    assert cache_path(res.fingerprint).is_file()
    second = ImpersonationDetector(Resources(entities=registry()))
    assert second.index_source == "cached"
    batch = Batch(accounts=[Account(platform="w", account_id=str(i), display_name=n) for i, n in
                            enumerate(["人民日報", "CDC Official", "新华书店", "rmrb", "中国反恐特战队"])])
    dump = [f.model_dump_json() for f in first.detect(batch).findings]
    assert dump == [f.model_dump_json() for f in second.detect(batch).findings]
    # a different registry gets a different cache entry
    other = ImpersonationDetector(Resources(entities=registry()[:3]))
    assert other.index_source == "built"
    # a corrupt cache file is rebuilt, not fatal
    cache_path(res.fingerprint).write_bytes(b"not a pickle")
    assert ImpersonationDetector(Resources(entities=registry())).index_source == "built"
    wait_for_cache_writes()
    assert ImpersonationDetector(Resources(entities=registry())).index_source == "cached"


def test_process_pool_gives_identical_results(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(imp, "POOL_MIN_ACCOUNTS", 10)
    res = Resources(entities=registry())
    names = ["人民日報", "CDC Official", "新华书店", "Jane Smith", "中国反恐特战队", "央视主播康辉", "國防部",
             "P3opl3's D4ily", "小王爱吃面", "Navy Blue Clothing Co"]
    accounts = [Account(platform="w", account_id=str(i), display_name=names[i % len(names)], handle=f"h{i}")
                for i in range(60)]
    serial = ImpersonationDetector(res, use_cache=False, workers=1).detect(Batch(accounts=accounts))
    pooled_det = ImpersonationDetector(res, use_cache=False, workers=2)
    pooled = pooled_det.detect(Batch(accounts=accounts))
    pooled_det.close()
    assert [f.model_dump_json() for f in serial.findings] == [f.model_dump_json() for f in pooled.findings]
    assert len(serial.findings) == 6 * 6  # 6 of the 10 names are impersonations (6 copies each)


def test_personal_names_that_collide_with_short_names_are_left_alone() -> None:
    ents = [Entity(entity_id="cn-caixin", kind="news_media", names=["财新", "Caixin"])]
    d = ImpersonationDetector(Resources(entities=ents), use_cache=False, workers=1)
    accts = [Account(platform="w", account_id="1", display_name="小蔡", handle="caixin6588"),  # 蔡欣's handle
             Account(platform="w", account_id="2", display_name="蔡欣"),  # sounds like 财新
             Account(platform="w", account_id="3", display_name="财新网官方", handle="caixin_official")]
    assert [f.subject.account_id for f in d.detect(Batch(accounts=accts)).findings] == ["3"]
    # a personal name ending in 军 is not an army
    assert invented_authority(fold("中国房产孔悦军")) == []
    assert invented_authority(fold("中国人民解放军第九战区")) != []


# ------------------------------------------------------------------ generated abbreviations


def abbrev_registry() -> list[Entity]:
    """Official names only: every short form below must come from the generated abbreviation keys."""
    def ent(eid: str, kind: str, *names: str) -> Entity:
        return Entity(entity_id=eid, kind=kind, names=list(names))  # type: ignore[arg-type]

    return [
        ent("cn-cdc", "public_institution", "中国疾病预防控制中心"),
        ent("cn-state-council", "government", "中华人民共和国国务院"),
        ent("cn-cctv", "news_media", "中央电视台"),
        ent("cn-rmrb", "news_media", "人民日报"),
        ent("cn-nhc", "government", "国家卫生健康委员会"),
        ent("us-cdc", "public_institution", "Centers for Disease Control and Prevention"),
        ent("us-fbi", "government", "Federal Bureau of Investigation"),
        ent("us-doj", "government", "Department of Justice"),
        ent("us-del-city", "government", "City of Del City"),  # also "CDC": local bodies get no acronym
    ]


@pytest.fixture(scope="module")
def adet() -> ImpersonationDetector:
    return ImpersonationDetector(Resources(entities=abbrev_registry()), use_cache=False, workers=1)


@pytest.mark.parametrize(("display", "entity"), [
    ("疾控中心", "cn-cdc"), ("中国疾控中心官方", "cn-cdc"), ("国务院", "cn-state-council"), ("央视新闻", "cn-cctv"),
    ("人日", "cn-rmrb"), ("卫健委", "cn-nhc"), ("国家卫健委发布", "cn-nhc"), ("CDC", "us-cdc"),
    ("CDC Official", "us-cdc"), ("FBI", "us-fbi"), ("DOJ News", "us-doj"),
])
def test_generated_abbreviations_are_caught(adet: ImpersonationDetector, display: str, entity: str) -> None:
    fs = scan(adet, display)
    assert [f.evidence["entity_id"] for f in fs] == [entity]
    assert "abbreviation" in fs[0].evidence["transforms"]


@pytest.mark.parametrize("display", [
    "Cdc", "fbi fan", "FBI Files Podcast", "疾控中心门口的早餐店", "国务院路小吃", "Doj", "人日快乐的小王",
])
def test_abbreviations_only_as_the_whole_name_in_capitals(adet: ImpersonationDetector, display: str) -> None:
    assert scan(adet, display) == []


def test_abbreviation_on_a_verified_account_stays_below_threshold(adet: ImpersonationDetector) -> None:
    assert scan(adet, "CDC", verified=True) == []


def test_abbreviation_keys() -> None:
    from vigil.text.abbrev import abbreviations

    def forms(name: str) -> set[str]:
        return {a for a, _ in abbreviations(name)}

    assert {"CDC", "CDCP"} <= forms("Centers for Disease Control and Prevention")
    assert "DOJ" in forms("Department of Justice")
    assert "CBP" in forms("U.S. Customs and Border Protection")
    assert "AFP" in forms("Agence France-Presse")
    assert forms("Reuters") == set()
    assert {"疾控中心", "中国疾控中心"} <= forms("中国疾病预防控制中心")
    assert "国务院" in forms("中华人民共和国国务院")
    assert "央视" in forms("中央电视台")
    assert {"卫健委", "国家卫健委"} <= forms("国家卫生健康委员会")
    assert {"科技部", "工信部", "人社部", "住建部"} <= (
        forms("中华人民共和国科学技术部") | forms("中华人民共和国工业和信息化部")
        | forms("中华人民共和国人力资源和社会保障部") | forms("中华人民共和国住房和城乡建设部"))
    assert {"全国人大", "人大"} <= forms("全国人民代表大会")
    assert "北京市政府" in forms("北京市人民政府")
    assert "中国银行" not in forms("中国人民银行")  # another (real) bank's name is never a short form
    # usual omissions: the contraction that is the name, a unit without 部队, a bureau by place and field
    assert "政协" in forms("中国人民政治协商会议全国委员会")
    assert "武警" in forms("中国人民武装警察部队")
    assert {"北京公安", "北京公安局"} <= forms("北京市公安局")
    assert "广东公安" in forms("广东省公安厅")
    assert "国安" not in forms("国家安全部")  # the contraction alone only where scope words were dropped
    assert not {"上海交通", "广东卫生健康"} & (forms("上海市交通委员会") | forms("广东省卫生健康委员会"))


# ------------------------------------------------------------------ authority grammar


@pytest.mark.parametrize("display", [
    "国家数据监察总局应急中心", "中国空天防御军", "国家税务稽查总队", "中国人民解放军第十集团军特战营",
    "PLA Cyber Warfare Division", "Red Dragon Special Forces Brigade", "National Vaccine Inspection Agency",
])
def test_authority_grammar_composes_jurisdiction_function_and_unit(display: str) -> None:
    assert invented_authority(fold(display))


@pytest.mark.parametrize("display", [
    "Imperial Army Miniatures", "特种兵主题拓展训练营", "Special Forces Fitness Gym", "Strategic Command Board Game Fans",
])
def test_authority_grammar_negative_cues(display: str) -> None:
    assert invented_authority(fold(display)) == []
