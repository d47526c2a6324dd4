"""Seeded evaluation scenarios with ground truth for engagement farming and AI fake newsrooms.

Positives: hype bursts riding a trending hashtag away from the account's subject, monetised accounts
sending money off-platform, coordinated groups posting near-identical text within minutes, accounts
styled as a registered outlet/anchor that post generated news, posts carrying banked fabricated media
(exact copies and re-encoded ones). Negatives are the confusable ones: live-posting bursts on the
account's own subject, news outlets' breaking news, shops selling on-platform, one viral text copied
over days, "happy new year" at midnight, fans named after an outlet posting their daily life.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import numpy as np
import numpy.typing as npt

from vigil.mediabank import BankEntry
from vigil.model import Account, Entity, Post

T0 = datetime(2025, 4, 1, tzinfo=UTC)


def _ts(t: datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Scenario:
    accounts: list[Account] = field(default_factory=list)
    posts: list[Post] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    bank: list[BankEntry] = field(default_factory=list)
    truth: dict[str, set[tuple[str, str]]] = field(default_factory=dict)
    """subcategory → {(account_id, post_id or "")} expected."""

    def expect(self, sub: str, account_id: str, post_id: str = "") -> None:
        self.truth.setdefault(sub, set()).add((account_id, post_id))


_USUAL = {
    "zh": ("今天做了{x}，味道不错", "分享一下{x}的做法", "周末去{x}玩了一天", "{x}的照片，大家看看"),
    "en": ("Made {x} today, turned out great", "Here's how I make {x}", "Spent the weekend at {x}",
           "Some photos of {x}"),
}
_DETAILS = {"zh": ("，花了{n}分钟", "，第{n}次尝试", "，{n}度的天气刚好", "，和{n}个朋友一起", "，拍了{n}张照片"),
            "en": (", took {n} minutes", ", attempt number {n}", ", {n} degrees out", ", with {n} friends",
                   ", {n} photos"), }
_USUAL_X = {"zh": ("红烧肉", "番茄炒蛋", "西湖", "公园", "小猫", "油画", "饺子", "火锅", "植物园", "图书馆", "阳台的花",
                   "自行车", "海边", "老街", "咖啡", "毛衣"),
            "en": ("lasagna", "sourdough", "the lake", "the museum", "my garden", "my cat", "dumplings", "chili",
                   "the botanic garden", "the library", "my balcony", "my bike", "the beach", "old town", "coffee",
                   "a sweater")}
_TRENDS = {"zh": ("某明星离婚", "高铁事故", "某地地震", "天价彩礼", "考研泄题"),
           "en": ("celebrity divorce", "train crash", "earthquake", "election scandal", "stock crash")}
_BAIT = {"zh": ("震惊！#{t}# 内幕曝光，速看！！", "删前速看！#{t}# 真相太可怕了", "#{t}# 转疯了！不看后悔",
                "全网疯传 #{t}# 细思极恐"),
         "en": ("You won't believe what happened in the #{t}!!!", "SHOCKING: the truth about #{t} they don't want you to know",
                "#{t} gone viral, watch before it's deleted", "Jaw-dropping #{t} footage 😱")}
_MONEY = {"zh": ("今晚稳赢，娱乐城下注送彩金，扫码进群", "彩票内部计划，包中，加V领取", "正品代购，私聊下单，淘宝链接见评论",
                 "红包返利群，扫码转账即可参与"),
          "en": ("Sure win tonight, bet now at my casino link", "Lottery jackpot tips, DM to buy the plan",
                 "Order now via my shop link, limited stock, pay with Cash App", "Send payment via Venmo for VIP picks")}
_MONEY_LINKS = ("https://best-casino.example/r/7", "https://item.taobao.com/item.htm?id=1", "https://t.me/vipgroup",
                "https://paypal.me/quickcash", "https://lotto-plan.example/x")
_RUMOURS = {"zh": ("速转！{c}明天全面停水停电，请大家提前做好准备", "紧急通知：{c}发现新型病毒，千万别出门",
                   "{c}地铁明天停运，消息绝对可靠，赶紧转发"),
            "en": ("URGENT: {c} water supply will be cut tomorrow, stock up now", "{c} schools closing next week due "
                   "to outbreak, share with parents", "Police confirm {c} curfew from tonight, spread the word")}
_HEADLINES = {"zh": ("{c}今日召开新闻发布会 官方通报", "{c}地铁新线路开通运营", "{c}发布暴雨橙色预警",
                     "{c}高速发生多车追尾，暂无人员死亡"),
              "en": ("{c} council approves new budget", "{c} storm warning issued for tonight",
                     "Officials confirm {c} bridge reopening", "{c} hospital opens new wing")}
_CITIES = {"zh": ("北京", "上海", "广州", "成都", "武汉"), "en": ("Springfield", "Riverton", "Lakeside", "Oakdale")}
_OUTLETS = (("中国新闻社", ("中国新闻社", "中新社", "China News Service"), "news_media"),
            ("环球时报", ("环球时报", "Global Times"), "news_media"),
            ("Daily Herald", ("Daily Herald",), "news_media"),
            ("Channel 9 News", ("Channel 9 News", "Channel Nine News"), "news_media"),
            ("王冰冰", ("王冰冰",), "news_anchor"),
            ("Maria Lopez", ("Maria Lopez",), "news_anchor"))
_GEN_NEWS = {"zh": ("【突发】据报道，{c}发生重大事故，已造成多人伤亡，关注我们获取更多资讯",
                    "【快讯】据知情人士透露，{c}将全面调整政策，关注我们获取更多资讯",
                    "【最新消息】记者获悉，{c}出现罕见天象，关注我们获取更多资讯"),
             "en": ("BREAKING: Reporting from {c}, officials said a major incident has occurred. Follow for updates",
                    "BREAKING: According to sources, {c} will announce new measures. Follow for updates",
                    "BREAKING: {c} residents report strange lights, officials said. Follow for updates")}


def _news_detail(r: random.Random, lang: str) -> str:
    """Generated news differs post to post (numbers, places): it is templated, not copy-pasted."""
    n = r.randint(2, 500)
    return r.choice((f"（{n}人受影响）", f"（第{n}号通报）", f"（{n}处）")) if lang == "zh" else \
        r.choice((f" ({n} affected)", f" (report #{n})", f" ({n} sites)"))


def _image(rng: np.random.Generator, size: int = 128) -> npt.NDArray[np.uint8]:
    y, x = np.mgrid[0:size, 0:size].astype(float)
    img = np.zeros((size, size, 3))
    for _ in range(10):
        cx, cy, r = rng.uniform(0, size), rng.uniform(0, size), rng.uniform(size / 20, size / 6)
        img += rng.uniform(0, 1, 3) * np.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * r * r))[..., None]
    for _ in range(3):
        fx, fy = rng.uniform(0.04, 0.15, 2)
        img += 0.3 * rng.uniform(0, 1, 3) * (np.sin(fx * x + fy * y + rng.uniform(0, 6))[..., None] + 1)
    out: npt.NDArray[np.uint8] = (255 * img / img.max()).astype(np.uint8)
    return out


class _Gen:
    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)
        self.np = np.random.default_rng(seed)
        self.s = Scenario()
        self.n = 0

    def acc(self, name: str, platform: str = "weibo", **kw: object) -> str:
        self.n += 1
        aid = f"a{self.n}"
        self.s.accounts.append(Account(platform=platform, account_id=aid, display_name=name, **kw))  # type: ignore[arg-type]
        return aid

    def post(self, aid: str, text: str, t: datetime, platform: str = "weibo", **kw: object) -> str:
        self.n += 1
        pid = f"p{self.n}"
        self.s.posts.append(Post.model_validate({"platform": platform, "post_id": pid, "account_id": aid,
                                                 "text": text, "created_at": _ts(t), **kw}))
        return pid

    def usual(self, aid: str, lang: str, k: int, platform: str = "weibo") -> None:
        """Everyday posts: shared templates, but each with its own detail and minute, like real people."""
        for d in range(k):
            x = self.r.choice(_USUAL_X[lang])
            detail = self.r.choice(_DETAILS[lang]).format(n=self.r.randint(2, 300))
            t = T0 + timedelta(days=d, hours=self.r.randint(0, 12), minutes=self.r.randint(0, 59))
            self.post(aid, self.r.choice(_USUAL[lang]).format(x=x) + detail, t, platform)


def generate(seed: int, scale: int = 20) -> Scenario:
    """`scale` accounts of each positive and negative kind (zh and en alternating)."""
    g = _Gen(seed)
    r, s = g.r, g.s
    for i in range(scale):
        lang = "zh" if i % 2 == 0 else "en"
        # hype: usual life for days, then a clickbait burst on a trending topic
        a = g.acc(f"hype{i}", monetized=r.random() < 0.5, followers=r.randint(50, 5000))
        g.usual(a, lang, r.randint(3, 8))
        topic = r.choice(_TRENDS[lang])
        start = T0 + timedelta(days=10, hours=r.randint(0, 10))
        for j in range(r.randint(5, 9)):
            g.post(a, r.choice(_BAIT[lang]).format(t=topic) + f" {j + 1}", start + timedelta(minutes=5 * j))
        s.expect("hype", a)
        # illicit monetisation
        a = g.acc(f"money{i}", monetized=True)
        g.usual(a, lang, r.randint(2, 5))
        for _j in range(r.randint(1, 3)):
            links = [r.choice(_MONEY_LINKS)] if r.random() < 0.5 else []
            g.post(a, r.choice(_MONEY[lang]), T0 + timedelta(days=12, hours=r.randint(0, 20), minutes=r.randint(0, 59)),
                   links=links)
        s.expect("illicit_monetization", a)
        # coordinated group: 3–7 accounts, same text with small edits, within minutes
        text = r.choice(_RUMOURS[lang]).format(c=r.choice(_CITIES[lang]))
        start = T0 + timedelta(days=15, hours=r.randint(0, 20))
        for j in range(r.randint(3, 7)):
            a = g.acc(f"coord{i}-{j}")
            g.usual(a, lang, 2)
            edit = text + r.choice(("", "！", "!!", " 🙏", "，转发", " pls share"))
            g.post(a, edit, start + timedelta(seconds=r.randint(0, 480)))
            s.expect("coordinated", a)
        # --- negatives ---
        # a burst on the account's own subject without clickbait (live-posting a match / cooking day)
        a = g.acc(f"live{i}", followers=r.randint(100, 10000))
        g.usual(a, lang, 4)
        live_start = T0 + timedelta(days=9, hours=r.randint(0, 12), minutes=r.randint(0, 59))
        for j in range(6):
            x = r.choice(_USUAL_X[lang])
            g.post(a, r.choice(_USUAL[lang]).format(x=x) + f" ({j + 1})", live_start + timedelta(minutes=7 * j))
        # a news outlet posting occasional breaking news
        a = g.acc(f"outlet{i}", verified=True)
        for j in range(5):
            g.post(a, ("突发：" if lang == "zh" else "Breaking: ") + r.choice(_HEADLINES[lang]).format(c=r.choice(_CITIES[lang])),
                   T0 + timedelta(days=j, hours=r.randint(0, 20), minutes=r.randint(0, 59)))
        # a shop selling on-platform, monetised, no off-platform payment
        a = g.acc(f"shop{i}", monetized=True)
        for j in range(3):
            g.post(a, "新款连衣裙上架，店铺橱窗可直接购买" if lang == "zh" else "New dresses in our store tab today",
                   T0 + timedelta(days=j, hours=r.randint(0, 20), minutes=r.randint(0, 59)))
        # one viral text copied by many people over days (not coordinated)
        viral = r.choice(_RUMOURS[lang]).format(c=r.choice(_CITIES[lang])) + " #meme"
        for j in range(4):
            a = g.acc(f"viral{i}-{j}")
            g.post(a, viral, T0 + timedelta(days=3 * j, hours=r.randint(0, 20)))
        # new year greetings at the same minute (short text: identical by chance, not by coordination)
        for j in range(3):
            a = g.acc(f"greet{i}-{j}")
            g.post(a, "新年快乐！" if lang == "zh" else "Happy new year!", T0 + timedelta(days=20, seconds=j * 20))
    _newsrooms(g, scale)
    return s


def _newsrooms(g: _Gen, scale: int) -> None:
    r, s = g.r, g.s
    for k, (primary, names, kind) in enumerate(_OUTLETS):
        s.entities.append(Entity(entity_id=f"ent{k}", kind=kind, names=list(names),  # type: ignore[arg-type]
                                 official_accounts=[{"platform": "weibo", "account_id": f"official{k}"}]))  # type: ignore[list-item]
        g.s.accounts.append(Account(platform="weibo", account_id=f"official{k}", display_name=primary, verified=True))
    images = [_image(g.np) for _ in range(scale)]
    from vigil.mediabank import pdq_hex

    for idx, img in enumerate(images):
        sha = hashlib.sha256(img.tobytes()).hexdigest()
        s.bank.append(BankEntry("sha256", sha, f"fabricated image {idx}", "eval"))
        s.bank.append(BankEntry("pdq", pdq_hex(img)[0], f"fabricated image {idx}", "eval"))
    for i in range(scale):
        k = r.randrange(len(_OUTLETS))
        primary, names, kind = _OUTLETS[k]
        lang = "zh" if any("\u4e00" <= ch <= "\u9fff" for ch in primary) else "en"
        styled = r.choice((f"{primary}快讯", f"{primary}24小时", f"{primary}官方资讯")) if lang == "zh" else \
            r.choice((f"{primary} Updates", f"{primary} Live", f"{primary} 24/7"))
        a = g.acc(styled)
        start = T0 + timedelta(days=r.randint(0, 20), hours=r.randint(0, 23), minutes=r.randint(0, 59))
        for j in range(r.randint(5, 8)):
            c = r.choice(_CITIES[lang])
            g.post(a, r.choice(_GEN_NEWS[lang]).format(c=c) + _news_detail(r, lang), start + timedelta(minutes=30 * j))
        s.expect(kind, a)
        # banked media: an exact copy and a re-encoded (downscaled, brightened) copy, by other accounts
        img = images[i]
        b = g.acc(f"sharer{i}")
        pid = g.post(b, "看看这张图" if lang == "zh" else "look at this", start, media_sha256=hashlib.sha256(img.tobytes()).hexdigest())
        s.expect("match", b, pid)
        from vigil.mediabank import pdq_hex

        h, w, c = img.shape
        small = img.reshape(h // 2, 2, w // 2, 2, c).mean(axis=(1, 3))
        edited = np.ascontiguousarray((small * 0.9 + 15).astype(np.uint8))
        pid = g.post(b, "转发", start + timedelta(hours=1), media_sha256=hashlib.sha256(edited.tobytes()).hexdigest(),
                     media_pdq=pdq_hex(edited)[0])
        s.expect("match", b, pid)
        # negatives: a fan named after the outlet posting daily life; unrelated media
        fan = g.acc(f"{primary}粉丝" if lang == "zh" else f"{primary} fan")
        g.usual(fan, lang, 4)
        other = _image(g.np)
        g.post(fan, "my photo" if lang == "en" else "我拍的照片", start, media_pdq=pdq_hex(other)[0],
               media_sha256=hashlib.sha256(other.tobytes()).hexdigest())
        # a local news page (no registered name) posting wire-style news
        local = g.acc(r.choice(("小城新闻", "Town Crier News", "社区快报", "Valley Gazette")))
        for j in range(5):
            g.post(local, r.choice(_GEN_NEWS[lang]).format(c=r.choice(_CITIES[lang])) + _news_detail(r, lang),
                   start + timedelta(hours=j))
