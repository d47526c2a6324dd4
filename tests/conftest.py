"""Shared fixtures: a small multi-platform, bilingual dataset every detector can run on."""

from __future__ import annotations

import pytest

from vigil.detectors.base import Batch, Resources
from vigil.model import Account, Claim, Credential, Entity, Post, Report


def sample_entities() -> list[Entity]:
    return [
        Entity(
            entity_id="cn-cdc",
            kind="public_institution",
            names=["中国疾病预防控制中心", "中国疾控中心", "Chinese Center for Disease Control and Prevention", "China CDC"],
            official_accounts=[{"platform": "weibo", "account_id": "cdc-official"}],  # type: ignore[list-item]
        ),
        Entity(
            entity_id="cn-mnd",
            kind="military",
            names=["中华人民共和国国防部", "国防部", "Ministry of National Defense of China"],
            official_accounts=[{"platform": "weibo", "account_id": "mnd-official"}],  # type: ignore[list-item]
        ),
        Entity(
            entity_id="cn-rmrb",
            kind="news_media",
            names=["人民日报", "People's Daily"],
            official_accounts=[{"platform": "douyin", "account_id": "rmrb-official"}],  # type: ignore[list-item]
        ),
        Entity(entity_id="us-cdc", kind="public_institution",
               names=["Centers for Disease Control and Prevention", "CDC"]),
    ]


def sample_claims() -> list[Claim]:
    return [
        Claim(claim_id="c1", text="Drinking hot water kills the coronavirus.", verdict="False", language="en"),
        Claim(claim_id="c2", text="喝板蓝根可以预防新冠病毒感染", verdict="谣言", language="zh"),
        Claim(claim_id="c3", text="The city will be locked down from Monday.", verdict="True", language="en"),
    ]


def sample_credentials() -> list[Credential]:
    return [
        Credential(platform="weibo", account_id="doc-real", domain="medical", license_id="L1",
                   issuer="NHC", valid_until="2099-01-01"),
    ]


def sample_accounts() -> list[Account]:
    return [
        Account(platform="weibo", account_id="cdc-official", display_name="中国疾控中心", verified=True),
        Account(platform="weibo", account_id="mnd-official", display_name="国防部", verified=True),
        Account(platform="douyin", account_id="rmrb-official", display_name="人民日报", verified=True),
        Account(platform="weibo", account_id="fake-cdc", display_name="中國疾控中心官方", handle="cdc_official"),
        Account(platform="douyin", account_id="fake-rmrb", display_name="人民日報新闻", handle="renminribao_news"),
        Account(platform="x", account_id="fake-uscdc", display_name="C D C Official", handle="cdc_0fficial"),
        Account(platform="weibo", account_id="invented", display_name="中国红军司令部"),
        Account(platform="x", account_id="invented-en", display_name="Strategic Missile Force Command"),
        Account(platform="weibo", account_id="ordinary1", display_name="小王爱吃面"),
        Account(platform="x", account_id="ordinary2", display_name="Jane Smith", bio="cat person"),
        Account(platform="weibo", account_id="doc-fake", display_name="王主任医师", bio="主任医师 在线问诊 私信开药 咨询费99元"),
        Account(platform="weibo", account_id="doc-real", display_name="李医生", bio="主任医师 在线问诊", monetized=True),
    ]


def sample_posts() -> list[Post]:
    return [
        Post(platform="x", post_id="p1", account_id="ordinary2", text="Drinking hot water kills the coronavirus! Share!"),
        Post(platform="weibo", post_id="p2", account_id="ordinary1", text="喝板蓝根可以预防新冠病毒感染，大家快囤"),
        Post(platform="weibo", post_id="p3", account_id="cdc-official",
             text="网传喝板蓝根可以预防新冠病毒感染，经核实系谣言。"),
        Post(platform="weibo", post_id="p4", account_id="ordinary1", text="今天天气真好，去公园散步"),
        Post(platform="weibo", post_id="p5", account_id="doc-fake", text="私信我开药，包治百病，咨询费99元"),
        # an AI newsroom posing as People's Daily: wire formatting at a machine cadence
        *[Post(platform="douyin", post_id=f"n{i}", account_id="fake-rmrb", created_at=f"2024-05-01T0{i}:00:00Z",
               text=f"【快讯】据报道，某地第{i}号台风即将登陆，关注我们获取更多资讯") for i in range(1, 6)],
        # three accounts posting the same text within minutes (accounts without records of their own)
        *[Post(platform="weibo", post_id=f"b{i}", account_id=f"bot-{i}", created_at=f"2024-05-02T10:0{i}:00Z",
               text="速转！明天全市停水停电，请大家提前做好准备，消息绝对可靠") for i in range(1, 4)],
    ]


def sample_reports() -> list[Report]:
    return [
        Report(report_id="r1", reporter_id="u1", platform="weibo",
               subject={"account_id": "fake-cdc"}, reason="impersonation", text="假冒疾控中心"),  # type: ignore[arg-type]
    ]


@pytest.fixture
def resources() -> Resources:
    return Resources(entities=sample_entities(), claims=sample_claims(), credentials=sample_credentials())


@pytest.fixture
def batch() -> Batch:
    return Batch(accounts=sample_accounts(), posts=sample_posts(), reports=sample_reports())
