"""Verdict normalisation, tokens and stance (Chinese and English)."""

from __future__ import annotations

import pytest

from vigil.claims.stance import is_refutation
from vigil.claims.textnorm import normalize, shingles, tokens
from vigil.claims.verdicts import normalize_verdict


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("False", "false"), ("Pants on Fire!", "false"), ("Mostly False", "misleading"),
        ("MISCAPTIONED: photo of a crowd", "misleading"), ("Misleading", "misleading"),
        ("Half True", "mixed"), ("Mixture", "mixed"), ("True", "true"), ("Mostly True", "true"),
        ("Unproven", "unknown"), ("谣言", "false"), ("謠言", "false"), ("不实", "false"),
        ("纯属谣言", "false"), ("误导", "misleading"), ("部分正确", "mixed"), ("属实", "true"),
        ("FALSE: Did X say Y?", "false"), (None, "unknown"), ("", "unknown"), ("whatever", "unknown"),
        ("Four Pinocchios", "false"), ("断章取义", "misleading"), ("不正确", "false"), ("Not true", "false"),
        ("基本属实", "true"), ("不属实", "false"), ("Inaccurate", "false"),
    ],
)
def test_verdicts_normalise_and_keep_the_original(raw: str | None, expected: str) -> None:
    v = normalize_verdict(raw)
    assert v.normalized == expected
    assert v.original == raw
    assert v.flaggable == (expected in ("false", "misleading"))


def test_english_tokens_drop_stopwords_and_stem() -> None:
    toks = tokens("The viruses are killed by drinking hot water https://t.co/x")
    assert "the" not in toks and "are" not in toks
    assert "water" in toks and "hot" in toks
    assert not any(t.startswith("http") for t in toks)
    assert tokens("viruses") == tokens("virus")  # stemming (PyStemmer) or not, plurals fold


def test_chinese_tokens_are_bigrams_of_simplified_text() -> None:
    toks = tokens("喝板藍根")
    assert {"板蓝", "蓝根", "喝板"} <= set(toks)
    assert "蓝" in toks  # unigrams help very short posts
    assert "板蓝" in shingles("喝板藍根") and "蓝" not in shingles("喝板藍根")


def test_mixed_text_and_hashtags_and_repost_chains() -> None:
    t = normalize("转发//@老李：#StayHome 喝板藍根 @someone 😂")
    assert "//@" not in t and "someone" not in t and "😂" in t
    toks = tokens("#StayHome 喝板蓝根 COVID19")
    assert {"stay", "home", "板蓝", "covid19"} <= set(toks)


def test_tweet_signature_is_dropped() -> None:
    toks = tokens("Butterflies survive fires — Center for Bio Div (@CenterForBioDiv) January 14, 2020")
    assert "januari" not in toks and "2020" not in toks and "div" in toks


@pytest.mark.parametrize(
    "text",
    [
        "网传喝板蓝根可以预防新冠病毒感染，经核实系谣言。",
        "【辟谣】喝板蓝根不能预防新冠",
        "网上流传的“喝板蓝根防新冠”的说法不实，请勿轻信",
        "關於網傳板藍根防新冠的消息，經查證為謠言",
        "No, this is false: drinking hot water does not kill the coronavirus.",
        "Fact check: hot water does not kill the virus",
        "FALSE: The claim that hot water kills the coronavirus has been debunked.",
        "A viral post claims that hot water kills the virus. That is not true.",
        "不信谣，不传谣！喝热水杀不死病毒",
        "有人说喝热水能杀死病毒，官方已经澄清，没有这回事。",
        "朋友圈疯传的“自来水有毒”消息，已被证实是假的，造谣者已被行政拘留",
        "There is no evidence that hot water kills the coronavirus.",
        "Reports that the city will be locked down are inaccurate, officials clarified.",
        "This photo is doctored. The original shows an empty street.",
        # a denial still reads as one beside a question or a hope elsewhere in the post
        "网传板蓝根能防新冠，是不是真的？经核实系谣言，请勿轻信。",
        "I hope people stop sharing this: the claim that hot water kills the virus is false.",
    ],
)
def test_refutations_are_recognised(text: str) -> None:
    assert is_refutation(text)


@pytest.mark.parametrize(
    "text",
    [
        "喝板蓝根可以预防新冠病毒感染，大家快囤",
        "Drinking hot water kills the coronavirus! Share!",
        "转发：喝板蓝根可以预防新冠病毒，是真的吗？",
        "The city will be locked down from Monday, stock up now",
        "今天天气真好，去公园散步",
        "这不是谣言！喝板蓝根真的可以预防新冠，官方还没辟谣",
        "板蓝根防新冠是真的吗？有没有人求证一下",
        "This is NOT a hoax: 5G towers spread the virus, share before they delete it",
        "Why hasn't anyone debunked this? Hot water kills the virus.",
        # an alternative question and a wish about the rumour spread it, they do not deny it
        "武钢董事长不是应该在坐牢吗？怎么在香港到处传播病毒？这是谣言还是被肺炎抓住的贪官！",
        "网传视频：客机乘客全部感染，欲逃离时被警察开枪射击！希望这不是真的，太血腥了！",
        "板蓝根能防新冠，到底是不是谣言？反正我先囤了",
        "5G towers spread the virus. I hope this is not true but share it anyway",
        "Lions released on the streets of Moscow to keep people inside. Real or fake??",
    ],
)
def test_spreading_and_ordinary_posts_are_not_refutations(text: str) -> None:
    assert not is_refutation(text)
