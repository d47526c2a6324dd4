"""Engagement farming: hype, illicit monetisation and coordinated posting."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from vigil.detectors.base import Batch, Resources
from vigil.detectors.engagement import AccountEngagementDetector, CoordinatedPostingDetector
from vigil.model import Account, AccountRef, Entity, Finding, Post
from vigil.services.farming import clickbait, max_burst, money_signals


def _ts(minute: int, day: int = 1) -> str:
    t = datetime(2025, 3, day, 8, tzinfo=UTC) + timedelta(minutes=minute)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def _account_findings(acc: Account, posts: Sequence[Post], resources: Resources | None = None) -> dict[str, Finding]:
    out = AccountEngagementDetector(resources or Resources()).detect(Batch(accounts=[acc], posts=list(posts)))
    return {f.subcategory: f for f in out.findings}


def _posts(acc: str, texts: Sequence[str], minutes: Sequence[int], platform: str = "weibo") -> list[Post]:
    return [Post(platform=platform, post_id=f"{acc}-{i}", account_id=acc, text=t, created_at=_ts(m))
            for i, (t, m) in enumerate(zip(texts, minutes, strict=True))]


def test_clickbait_burst_on_a_foreign_topic_is_hype() -> None:
    acc = Account(platform="weibo", account_id="food", display_name="小厨娘日记", bio="每天分享家常菜做法")
    usual = [Post(platform="weibo", post_id=f"u{d}", account_id="food", text="今天做了番茄炒蛋和红烧排骨，家常味道",
                  created_at=_ts(0, day=d)) for d in range(1, 6)]
    burst = _posts("food", [f"震惊！#某明星离婚# 内幕曝光，速看！！第{i}弹" for i in range(6)],
                   [600 + i * 5 for i in range(6)])
    f = _account_findings(acc, usual + burst)["hype"]
    assert {"clickbait", "repeated_clickbait", "burst", "topic_drift", "new_hashtags"} <= set(f.evidence["signals"])
    assert f.evidence["max_posts_per_hour"] == 6
    assert set(f.evidence["burst_post_ids"]) == {p.post_id for p in burst}
    assert "震惊" in f.evidence["clickbait_phrases"]
    assert f.score >= 0.8


def test_english_clickbait_is_hype_and_plain_posting_is_not() -> None:
    acc = Account(platform="x", account_id="bait", display_name="Daily Buzz")
    posts = [Post(platform="x", post_id=f"b{i}", account_id="bait", created_at=_ts(i * 90),
                  text=f"You won't believe what this celebrity did next!!! Part {i}") for i in range(3)]
    assert "hype" in _account_findings(acc, posts)
    calm = Account(platform="x", account_id="calm", display_name="Jane")
    calm_posts = [Post(platform="x", post_id=f"c{i}", account_id="calm", created_at=_ts(i),
                       text=f"Baked bread again today, loaf number {i}") for i in range(8)]
    assert _account_findings(calm, calm_posts) == {}


def test_official_outlet_breaking_news_is_not_hype() -> None:
    ent = Entity(entity_id="rmrb", kind="news_media", names=["人民日报"],
                 official_accounts=[AccountRef(platform="weibo", account_id="rmrb")])
    acc = Account(platform="weibo", account_id="rmrb", display_name="人民日报", verified=True)
    posts = _posts("rmrb", [f"【突发】重磅！某地发生地震，震惊全网 {i}" for i in range(6)], [i * 3 for i in range(6)])
    assert "hype" not in _account_findings(acc, posts, Resources(entities=[ent]))
    assert "hype" in _account_findings(acc.model_copy(update={"account_id": "copycat"}),
                                       [p.model_copy(update={"account_id": "copycat"}) for p in posts])


def test_monetised_gambling_links_are_illicit_monetization() -> None:
    acc = Account(platform="douyin", account_id="bet", display_name="体育老司机", monetized=True)
    posts = _posts("bet", ["今晚英超稳赢，娱乐城下注送彩金", "扫码加V进群跟单"], [0, 30], platform="douyin")
    posts[0] = posts[0].model_copy(update={"links": ["https://www.xx-casino.example/reg?code=9"]})
    f = _account_findings(acc, posts)["illicit_monetization"]
    assert {"gambling", "payment", "contact_diversion", "monetized"} <= set(f.evidence["signals"])
    assert f.evidence["post_ids"] == ["bet-0", "bet-1"]
    assert f.score >= 0.9


def test_contact_diversion_alone_on_unmonetised_account_is_not_enough() -> None:
    acc = Account(platform="weibo", account_id="w", display_name="阿明", monetized=False)
    posts = _posts("w", ["有事加微信聊", "今天天气不错", "周末去爬山", "晚饭吃面"], [0, 60, 120, 180])
    assert "illicit_monetization" not in _account_findings(acc, posts)


def test_ordinary_shopping_talk_is_not_flagged() -> None:
    acc = Account(platform="x", account_id="n", display_name="Nora", monetized=True)
    posts = _posts("n", ["Loved the new cafe downtown", "My garden tomatoes are finally red"], [0, 400], platform="x")
    assert _account_findings(acc, posts) == {}


def _coord_batch(minutes: Sequence[int], text: str = "速转！某市明天全面停水停电，请大家做好准备，消息可靠") -> Batch:
    posts = [Post(platform="weibo", post_id=f"c{i}", account_id=f"bot{i}", created_at=_ts(m),
                  text=text + ("！" * (i % 3))) for i, m in enumerate(minutes)]
    return Batch(posts=posts)


def test_near_identical_posts_by_many_accounts_within_minutes_are_coordinated() -> None:
    out = CoordinatedPostingDetector(Resources()).detect(_coord_batch([0, 1, 2, 3, 4]))
    assert sorted(f.subject.account_id for f in out.findings) == [f"bot{i}" for i in range(5)]
    f = out.findings[0]
    assert f.subcategory == "coordinated" and f.evidence["group_size"] == 5
    assert f.evidence["window_seconds"] == 240.0
    assert len({g.evidence["group_id"] for g in out.findings}) == 1


def test_same_text_spread_over_days_or_by_two_accounts_is_not_coordinated() -> None:
    spread = CoordinatedPostingDetector(Resources()).detect(_coord_batch([0, 600, 1200, 1800]))
    assert spread.findings == []
    two = CoordinatedPostingDetector(Resources()).detect(_coord_batch([0, 1]))
    assert two.findings == []
    short = CoordinatedPostingDetector(Resources()).detect(_coord_batch([0, 1, 2, 3], text="生日快乐"))
    assert short.findings == []


def test_different_texts_at_the_same_time_are_not_coordinated() -> None:
    texts = ["今天的晚霞特别好看，拍了好多照片", "新买的咖啡机终于到了，明天试试", "孩子今天第一次学会骑自行车",
             "加班到十点，地铁上人还很多"]
    posts = [Post(platform="weibo", post_id=f"d{i}", account_id=f"u{i}", created_at=_ts(0), text=t)
             for i, t in enumerate(texts)]
    assert CoordinatedPostingDetector(Resources()).detect(Batch(posts=posts)).findings == []


def test_signal_helpers() -> None:
    assert clickbait("震惊！速看")[0] >= 0.9 and clickbait("今天天气不错")[0] == 0.0
    assert money_signals("", ["https://item.taobao.com/x"]) == {"off_platform_sales": ["item.taobao.com"]}
    assert max_burst([0, 10, 20, 5000], 3600) == 3


def test_appended_tags_still_match_and_separate_bursts_are_each_found() -> None:
    base = "速转！某市明天全面停水停电，请大家做好准备，消息可靠"
    texts = [base, base + " pls share", base + " #紧急扩散#", base, base + "！！", base + " 🙏"]
    minutes = [0, 2, 4, 600, 603, 606]  # two bursts of three accounts, ten hours apart
    posts = [Post(platform="weibo", post_id=f"s{i}", account_id=f"acct{i}", created_at=_ts(m), text=t)
             for i, (t, m) in enumerate(zip(texts, minutes, strict=True))]
    out = CoordinatedPostingDetector(Resources()).detect(Batch(posts=posts)).findings
    assert sorted(f.subject.account_id for f in out) == [f"acct{i}" for i in range(6)]
    assert len({f.evidence["group_id"] for f in out}) == 2
