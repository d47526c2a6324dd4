"""Signals of engagement farming: clickbait/outrage phrasing, illicit monetisation, bursts, drift.

Pure functions over text, links and timestamps so the detectors stay thin and each signal can be
named in a finding's evidence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from urllib.parse import urlsplit

from vigil.services.lexicon import normalize

# Strong clickbait / outrage phrasing: rarely used by sober accounts.
CLICKBAIT_STRONG: tuple[str, ...] = (
    "震惊", "速看", "转疯了", "惊呆", "不看后悔", "删前速看", "紧急扩散", "太可怕了", "炸锅", "必看", "吓人",
    "细思极恐", "看哭了", "全网疯传", "马上删", "赶紧看", "气炸", "愤怒", "丧心病狂", "曝光", "真相来了",
    "99%的人", "看完沉默", "吵翻", "独家爆料", "全网都在转", "看到最后", "你站哪边", "内幕", "重大消息", "速转",
    "泪目", "破防", "惊天", "竟然是", "背后竟然",
    "you won't believe", "you will not believe", "shocking", "must watch", "must see", "gone viral",
    "before it's deleted", "before they delete", "what happens next", "jaw-dropping", "outrageous",
    "they don't want you to know", "share before", "mind-blowing", "insane", "disgusting", "the truth about",
    "exposed", "nobody is talking about", "wait till you see", "will shock you", "99% of people",
)
# Weak ones: also written by real newsrooms; count half.
CLICKBAIT_WEAK: tuple[str, ...] = ("突发", "刚刚", "重磅", "热搜", "炸了", "breaking", "urgent", "omg", "viral")
_EXCLAIM = re.compile(r"[!！]{2,}|[?？]{2,}|[😱🔥💥‼❗]")
_HASHTAG = re.compile(r"#([^#\s]{1,40})#|#(\w{2,40})")

# Illicit monetisation: money leaves the platform (payment, gambling, lottery, off-platform sales).
MONEY_TERMS: dict[str, tuple[str, ...]] = {
    "gambling": ("博彩", "赌场", "下注", "娱乐城", "百家乐", "赌球", "彩金", "casino", "betting", "sportsbook",
                 "slots", "poker", "bet now", "sure win", "odds boost"),
    "lottery": ("彩票", "中奖", "包中", "稳中", "开奖", "抽奖", "lottery", "jackpot", "raffle", "lucky draw"),
    "payment": ("扫码", "二维码", "转账", "付款码", "收款码", "红包", "打款", "cash app", "venmo", "paypal",
                "zelle", "send payment", "gift card", "usdt"),
    "off_platform_sales": ("代购", "私聊下单", "下单", "拍下", "淘宝", "拼多多", "微店", "货到付款", "批发",
                           "shop link", "order now", "buy now", "dm to buy", "dm to order", "limited stock"),
    "contact_diversion": ("加v", "加微", "加薇", "vx", "v信", "威信", "私聊", "telegram", "whatsapp", "wa.me",
                          "t.me", "kik", "signal me"),
}
MONEY_DOMAINS: dict[str, tuple[str, ...]] = {
    "gambling": ("bet", "casino", "poker", "slot", "1xbet", "stake.com", "bc.game"),
    "lottery": ("lottery", "lotto", "caipiao", "jackpot"),
    "payment": ("paypal.me", "cash.app", "venmo.com", "qr.alipay", "pay.", "wechatpay", "buymeacoffee"),
    "off_platform_sales": ("taobao", "tb.cn", "tmall", "pinduoduo", "yangkeduo", "weidian", "shopify",
                           "aliexpress", "jd.com"),
    "contact_diversion": ("t.me", "wa.me", "whatsapp", "telegram", "line.me"),
}


def clickbait(text: str) -> tuple[float, list[str]]:
    """Clickbait strength of one post (0..1) and the phrases that fired."""
    norm = normalize(text)
    strong = [w for w in CLICKBAIT_STRONG if w in norm]
    weak = [w for w in CLICKBAIT_WEAK if w in norm]
    marks = _EXCLAIM.findall(text)
    hits = strong + weak + (["!!!/emoji"] if marks else [])
    return min(1.0, 0.6 * len(strong) + 0.3 * len(weak) + (0.2 if marks else 0.0)), hits


def hashtags(text: str) -> list[str]:
    return sorted({(a or b).lower() for a, b in _HASHTAG.findall(text)})


def money_signals(text: str, links: Sequence[str]) -> dict[str, list[str]]:
    """Kinds of illicit-monetisation signal in a post → the terms or link hosts that fired."""
    norm = normalize(text)
    out: dict[str, list[str]] = {}
    for kind, words in MONEY_TERMS.items():
        found = [w for w in words if w in norm]
        if found:
            out.setdefault(kind, []).extend(found)
    for link in links:
        try:
            parts = urlsplit(link if "//" in link else f"//{link}")
            host = (parts.hostname or "").lower()
            target = host + parts.path.lower()
        except ValueError:
            continue
        for kind, needles in MONEY_DOMAINS.items():
            if any(n in target for n in needles):
                out.setdefault(kind, []).append(host or link)
    return {k: sorted(set(v)) for k, v in sorted(out.items())}


def parse_ts(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return None


def max_burst(times: Sequence[float], window_s: float) -> int:
    """Largest number of posts inside any sliding window of `window_s` seconds."""
    ts = sorted(times)
    best, lo = 0, 0
    for hi, t in enumerate(ts):
        while t - ts[lo] > window_s:
            lo += 1
        best = max(best, hi - lo + 1)
    return best
