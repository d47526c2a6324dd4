"""Unqualified professional services: behaviour of `unqualified_services.advice`."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vigil.detectors.base import Batch, Resources
from vigil.detectors.unqualified import UnqualifiedServicesDetector
from vigil.model import Account, Credential, CredentialDomain, Finding, Post
from vigil.services.classifier import default_classifier
from vigil.services.credentials import CredentialIndex, parse_day
from vigil.services.lexicon import scan
from vigil.services.trainingdata import generate

TS = "2025-06-01T10:00:00Z"


def _run_all(
    name: str, bio: str, posts: Sequence[str], creds: Sequence[Credential] = (), now: str | None = None
) -> list[Finding]:
    acc = Account(platform="weibo", account_id="a1", display_name=name, bio=bio, created_at=TS)
    ps = [Post(platform="weibo", post_id=f"p{i}", account_id="a1", text=t, created_at=TS)
          for i, t in enumerate(posts)]
    det = UnqualifiedServicesDetector(Resources(credentials=list(creds)), now=now)
    return det.detect(Batch(accounts=[acc], posts=ps)).findings


def _run(
    name: str, bio: str, posts: Sequence[str], creds: Sequence[Credential] = (), now: str | None = None
) -> Finding | None:
    found = _run_all(name, bio, posts, creds, now)
    assert len(found) <= 1
    return found[0] if found else None


def _cred(domain: CredentialDomain, until: str) -> Credential:
    return Credential(platform="weibo", account_id="a1", domain=domain, license_id="L", valid_until=until)


FAKE_DOCTOR = ("王主任医师", "主任医师 在线问诊", ["糖尿病不用打胰岛素，私信我开药，一个疗程399元"])


def test_unlicensed_doctor_is_flagged_with_claimed_title() -> None:
    f = _run(*FAKE_DOCTOR)
    assert f is not None
    assert f.category == "unqualified_services" and f.subcategory == "medical"
    assert f.evidence["claimed_title"] == "主任医师"
    assert f.evidence["credential_status"] == "none"
    assert f.evidence["severity"] == "high"
    assert "claimed_title" in f.evidence["signals"] and "price" in f.evidence["signals"]
    assert f.evidence["post_ids"] == ["p0"]
    assert 0.0 < f.evidence["classifier_probability"] <= 1.0


def test_licensed_doctor_is_not_flagged() -> None:
    assert _run(*FAKE_DOCTOR, creds=[_cred("medical", "2030-01-01")]) is None


def test_expired_credential_is_flagged() -> None:
    f = _run(*FAKE_DOCTOR, creds=[_cred("medical", "2024-12-31")])
    assert f is not None and f.evidence["credential_status"] == "expired"
    assert f.evidence["credential_expired_on"] == "2024-12-31"
    assert f.evidence["reference_date"] == "2025-06-01"  # latest timestamp in the batch, not today


def test_reference_date_can_be_set() -> None:
    assert _run(*FAKE_DOCTOR, creds=[_cred("medical", "2024-12-31")], now="2024-01-01") is None


def test_wrong_domain_credential_is_flagged() -> None:
    f = _run(*FAKE_DOCTOR, creds=[_cred("legal", "2030-01-01")])
    assert f is not None and f.subcategory == "medical"
    assert f.evidence["credential_status"] == "wrong_domain"
    assert f.evidence["credential_domains"] == ["legal"]


def test_claiming_a_title_scores_higher_than_offering_without_one() -> None:
    titled = _run("Dr. Sam Lee, MD", "Physician", ["I cure eczema in 7 days, online consultation $99, DM me"])
    plain = _run("Sam Lee", "", ["I cure eczema in 7 days, online consultation $99, DM me"])
    assert titled is not None and plain is not None
    assert titled.evidence["claimed_title"] and plain.evidence["claimed_title"] is None
    assert titled.score > plain.score
    assert titled.evidence["severity"] == "high" and plain.evidence["severity"] == "medium"


@pytest.mark.parametrize(
    ("name", "bio", "posts", "domain"),
    [
        ("王律师在线", "执业律师 婚姻家事", ["离婚怎么多分财产？私信我，一次咨询200元"], "legal"),
        ("Immigration Help Tony", "visa expert", ["Denied visa? I win your case, 100% success. $800 flat, DM me"],
         "legal"),
        ("老K看盘", "实战二十年", ["明天必涨停的牛股，进群领代码，会员费888，稳赚不赔"], "financial"),
        ("Crypto Alex", "", ["Guaranteed returns of 30% a month, join my signals group, link in bio"], "financial"),
        ("考研押题王", "前命题组老师", ["考研政治押题卷，命中率85%，199元，不过退费"], "education"),
        ("Essay Pro", "", ["I'll write your dissertation, pass guaranteed. DM for price."], "education"),
        ("心灵疗愈师", "国家二级心理咨询师", ["抑郁症不用吃药，心理咨询八次就好，每次500元"], "psychology"),
        ("Healing with Maya", "trauma therapist", ["Heal your trauma in 3 sessions, book now $200"], "psychology"),
    ],
)
def test_each_domain_in_both_languages(name: str, bio: str, posts: list[str], domain: str) -> None:
    f = _run(name, bio, posts)
    assert f is not None and f.subcategory == domain


@pytest.mark.parametrize(
    ("name", "bio", "posts"),
    [
        ("小鱼的日常", "", ["感冒三天了，医生开了点药，吃完好多了", "今天带我妈去医院量血压"]),
        ("Tom", "", ["My therapist taught me breathing exercises for my anxiety."]),
        ("打工人阿强", "", ["公司拖欠工资，准备去劳动仲裁，有经验的朋友说说流程吗？"]),
        ("基民老王", "", ["今天基金又绿了，亏了两千"]),
        ("健身教练阿杰", "国家职业健身教练 减脂增肌", ["私教课300元/节，21天减脂营报名中，私信预约"]),
        ("Coach Mia Fitness", "Certified personal trainer", ["Online coaching $99/month. Custom workout. DM me!"]),
        ("健康中国", "国家卫生健康委员会官方账号", ["【健康提示】秋冬季流感高发，建议老人儿童及时接种疫苗"]),
        ("中国证券报", "", ["证监会：严厉打击非法荐股，提醒投资者警惕骗局"]),
        ("Chef Marco", "", ["Cooking classes every Saturday, $45 per person, link in bio."]),
    ],
)
def test_ordinary_talk_news_and_lookalikes_are_not_flagged(name: str, bio: str, posts: list[str]) -> None:
    assert _run(name, bio, posts) is None


def test_licensed_in_one_domain_but_selling_in_another_is_flagged() -> None:
    f = _run("Dr. Paul Grant", "Dentist and investor",
             ["Buy this penny stock now, it will 10x by Friday. My paid picks newsletter is $49."],
             creds=[_cred("medical", "2030-01-01")])
    assert f is not None and f.subcategory == "financial"
    assert f.evidence["credential_status"] == "wrong_domain"
    assert f.evidence["credential_domains"] == ["medical"]


def test_traditional_chinese_is_handled() -> None:
    f = _run("陳醫師線上問診", "皮膚科醫師", ["痘痘、濕疹私訊我開藥，看診費300元"])
    assert f is not None and f.subcategory == "medical"


def test_lexicon_word_boundaries() -> None:
    assert "financial" not in scan("join the mycfaclub meetup").titles
    assert "medical" not in scan("the mdx file format").titles
    assert scan("CFA charterholder").titles["financial"] == ["cfa"]
    assert scan("Licensed attorney").titles["legal"]


def test_credential_index_statuses() -> None:
    idx = CredentialIndex([_cred("medical", "2025-01-01"), _cred("legal", "2030-01-01")])
    day = parse_day("2025-06-01T00:00:00Z")
    assert idx.check("weibo", "a1", "medical", day).status == "expired"
    assert idx.check("weibo", "a1", "legal", day).status == "valid"
    assert idx.check("weibo", "a1", "financial", day).status == "wrong_domain"
    assert idx.check("weibo", "zz", "financial", day).status == "none"


def test_classifier_is_deterministic_and_generalises_to_another_seed() -> None:
    clf = default_classifier()
    held_out = generate(seed=4242, per_domain=20, negatives=100)
    pred = clf.predict([a.text() for a in held_out])
    acc = sum(p == a.label for p, a in zip(pred, held_out, strict=True)) / len(held_out)
    assert acc >= 0.9
    assert pred == clf.predict([a.text() for a in held_out])


def test_an_account_selling_in_two_domains_gets_a_finding_for_each() -> None:
    found = _run_all("Leo Walker", "", ["今天推荐的股票明天必涨停，想上车的私信，会员费888",
                                        "高血压不用吃药，按我的方子调理三个月停药，私信咨询，一个疗程399元"])
    assert sorted(f.subcategory for f in found) == ["financial", "medical"]


def test_licensed_doctor_mentioning_stress_is_not_flagged_as_therapist() -> None:
    posts = ["线上问诊请走医院互联网门诊，挂号费按医院标准", "最近门诊病人多，大家都压力大、有点焦虑，注意休息"]
    assert _run_all("协和刘医生", "心内科主任医师", posts, creds=[_cred("medical", "2030-01-01")]) == []


def test_reference_date_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    acc = Account(platform="weibo", account_id="a1", display_name=FAKE_DOCTOR[0], bio=FAKE_DOCTOR[1])
    posts = [Post(platform="weibo", post_id="p0", account_id="a1", text=FAKE_DOCTOR[2][0])]  # no timestamps
    res = Resources(credentials=[_cred("medical", "2024-12-31")])
    monkeypatch.delenv("VIGIL_NOW", raising=False)
    assert UnqualifiedServicesDetector(res).detect(Batch(accounts=[acc], posts=posts)).findings == []
    monkeypatch.setenv("VIGIL_NOW", "2025-06-01")
    (f,) = UnqualifiedServicesDetector(res).detect(Batch(accounts=[acc], posts=posts)).findings
    assert f.evidence["credential_status"] == "expired" and f.evidence["reference_date"] == "2025-06-01"


def test_an_offer_among_everyday_posts_is_found_and_its_post_named() -> None:
    daily = ["今天天气不错，出去走走", "晚上吃了火锅", "周末带娃去公园", "追剧追到两点", "新买的鞋子很舒服", "家里的猫又胖了"]
    offer = "痛风别吃西药了，我这个泡脚方子一周消肿，永不复发，需要的加V，一副98"
    f = _run("小周的生活", "", [*daily[:3], offer, *daily[3:]])
    assert f is not None and f.subcategory == "medical"
    assert f.evidence["classifier_post_id"] == "p3"


@pytest.mark.parametrize(
    ("name", "bio", "posts"),
    [
        ("晚间新闻", "", ["男子轻信“三天根治糖尿病”的广告，花了8000元买药，警方提醒不要相信网络偏方"]),
        ("Channel 9 News", "", ["Retiree loses $60,000 to 'guaranteed returns' trading group, police say"]),
        ("Sam", "", ["My lawyer says the custody hearing is next month, fingers crossed"]),
        ("Fix-It Felix", "", ["Laptop screen repair $89, no fix no fee, DM me to book"]),
    ],
)
def test_news_victims_clients_and_repairs_are_not_flagged(name: str, bio: str, posts: list[str]) -> None:
    assert _run(name, bio, posts) is None


def test_exam_cheating_offer_gets_education_even_with_service_phrasing() -> None:
    f = _run("Grade Saver", "", ["I'll handle your online midterm and all the quizzes, A guaranteed, pay after grades post"])
    assert f is not None and f.subcategory == "education"


def test_warning_words_are_evidence() -> None:
    assert "scam" in scan("this is a scam, police say").warnings
    assert "newsletter" not in scan("join my newsletter").warnings


def test_word_tokens_segment_chinese_and_keep_english_words() -> None:
    from vigil.services.lexicon import normalize, words

    toks = words(normalize("孩子发烧不用吃退烧药, DM me for $99!"))
    assert "发烧" in toks and "dm" in toks and "99" in toks
    assert "," not in toks and "!" not in toks


def test_rich_generator_is_seeded_and_classifier_generalises_to_its_held_out_seed() -> None:
    from vigil.services.trainingdata import generate_rich

    a, b = generate_rich(99, per_domain=4, negatives=20), generate_rich(99, per_domain=4, negatives=20)
    assert a == b and {g.label for g in a} == {"none", "medical", "legal", "financial", "education", "psychology"}
    held = generate_rich(4243, per_domain=20, negatives=100)
    pred = default_classifier().predict([g.text() for g in held])
    assert sum(p == g.label for p, g in zip(pred, held, strict=True)) / len(held) >= 0.85


def test_the_package_ships_the_model_of_its_current_training_code() -> None:
    """No run trains at start-up: the shipped model's key matches the training code (else: `make model`)."""
    from vigil.services.classifier import PACKAGED, _load, packaged_path

    path = packaged_path()
    assert path.is_file(), f"{path.name} missing: the training code changed; run `make model` and commit it"
    assert [p.name for p in PACKAGED.glob("classifier-*.pkl.gz")] == [path.name]  # no stale models shipped
    assert _load(path) is not None


@pytest.mark.slow
def test_the_shipped_model_is_what_training_gives() -> None:
    from vigil.services.classifier import _load, packaged_path, train

    shipped = _load(packaged_path())
    assert shipped is not None
    fresh = train()
    texts = ["主任医师在线问诊，私信开药", "Licensed? No. Guaranteed 30% monthly returns, DM me",
             "今天去医院复查，医生说恢复得不错", "代写诉状 包赢 加V", "I bake sourdough every weekend"]
    assert shipped.predict(texts) == fresh.predict(texts)
    for a, b in zip(shipped.predict_proba(texts), fresh.predict_proba(texts), strict=True):
        assert a == pytest.approx(b, abs=1e-6)  # BLAS may differ in the last bits between machines


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["保证", "包过", "稳赚", "100%", "赔了退", "全额退", "见效", "GUARANTEED", "Risk-free",
                                 "never loses", "Money Back", "no win, no fee", "REFUND", "or you don't pay",
                                 "can't lose", "zero risk", "95% success", "works every time", "pass or", "保",
                                 "guarant", "ris", "never", "an't", " ", "a", "退", "%", "ſ", "K", "İ", "7"]),
                max_size=6).map("".join))
def test_guarantee_prefilter_never_hides_a_match(text: str) -> None:
    from vigil.services.lexicon import _GUARANTEE, _GUARANTEE_HINT

    if _GUARANTEE.search(text):
        assert _GUARANTEE_HINT.search(text)
