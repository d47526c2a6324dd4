"""Near-duplicate detection of copies of a flagged post (MinHash LSH + exact overlap)."""

from __future__ import annotations

import pytest

from vigil.claims.neardup import NearDupIndex

SEED = "网传喝板蓝根可以预防新冠病毒感染，专家说每天喝三次效果最好，大家赶紧转发给家人"
EN_SEED = "Drinking hot water every fifteen minutes kills the coronavirus in your throat, doctors say"


@pytest.fixture
def index() -> NearDupIndex:
    ix = NearDupIndex()
    ix.add_many([("zh", SEED), ("en", EN_SEED)])
    return ix


@pytest.mark.parametrize(
    "variant",
    [
        "转发//@小王: 真的吗 //@老李：" + SEED,
        "喝板藍根可以預防新冠病毒感染，專家說每天喝三次效果最好，大家趕緊轉發給家人",  # traditional
        "网传喝板蓝根可以预防新冠病毒感染😷😷，专家说每天喝三次效果最好 #抗疫# 大家赶紧转发给家人",
        "专家说每天喝三次效果最好，网传喝板蓝根可以预防新冠病毒感染，大家赶紧转发给家人",  # swapped
        "网传喝板蓝根可以预防新冠病毒感染，专家说每天喝三次效果",  # truncated
        "我的天！刚看到：" + SEED + "。我妈已经买了十盒了",  # added commentary
    ],
)
def test_chinese_variants_are_found(index: NearDupIndex, variant: str) -> None:
    hits = index.query_many([("v", variant)])
    assert [h.of_key for h in hits] == ["zh"]
    assert 0.7 <= hits[0].similarity <= 1.0


def test_english_variants_are_found(index: NearDupIndex) -> None:
    hits = index.query_many([
        ("a", "RT @bob: " + EN_SEED + " 🙏🙏 #covid"),
        ("b", "Doctors say drinking hot water every fifteen minutes kills the coronavirus in your throat"),
    ])
    assert sorted((h.key, h.of_key) for h in hits) == [("a", "en"), ("b", "en")]


@pytest.mark.parametrize(
    "other",
    [
        "今天天气真好，去公园散步，看到很多人在跳广场舞",
        "板蓝根是一种常见的中药",
        "新冠病毒感染后要多喝水多休息，按时吃药，不要惊慌",
        "Drinking water is good for your health",
    ],
)
def test_unrelated_and_same_topic_posts_are_not_copies(index: NearDupIndex, other: str) -> None:
    assert index.query_many([("o", other)]) == []


def test_a_seed_is_not_its_own_copy_and_empty_index_is_fine(index: NearDupIndex) -> None:
    assert index.query_many([("zh", SEED)]) == []
    assert NearDupIndex().query_many([("x", SEED)]) == []
