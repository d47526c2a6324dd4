"""Per-record generation of every account that is not plain ordinary, with its posts and ground truth.

Officials, impostors, invented authorities, rumour spreaders and their repost chains, unqualified and
licensed professionals, hard negatives, hype/illicit/coordinated accounts, refutations and true-claim
posts. Lines are serialised with orjson as soon as they are made (compact in memory).
"""

from __future__ import annotations

import hashlib
import time
from typing import Any

import numpy as np
import orjson

from vigil.synth import vocab as V
from vigil.synth.claims import (
    REFUTE_EN,
    REFUTE_ZH,
    REPOST_COMMENT_EN,
    REPOST_COMMENT_ZH,
    SPREAD_PREFIX_EN,
    SPREAD_PREFIX_ZH,
    SPREAD_SUFFIX_EN,
    SPREAD_SUFFIX_ZH,
    ClaimInstance,
)
from vigil.synth.entities import ALL_ENTITIES, ANCHOR_OUTLET, EntitySpec
from vigil.synth.fast import ACCOUNTS_FROM, WINDOW_END, WINDOW_START, Pools
from vigil.synth.plan import OFFICIAL, ORD, ROLE_NAMES, Plan
from vigil.synth.rand import FastRandom
from vigil.synth.tricks import (
    apply_trick,
    ascii_slug,
    handle_for,
    has_han,
    pinyin_full,
    to_traditional,
    tricks_for,
)

POST_BASE = 1_000_000_000_000
NEWS_ZH = ["【快讯】{city}今日新开通两条地铁线路", "【关注】{city}发布高温提醒，请注意防暑", "【提醒】假期出行高峰，请合理安排行程",
           "【通报】{city}一餐馆发生火灾，无人员伤亡", "【权威发布】{city}新增多个便民服务点", "【新闻】今年一季度经济运行总体平稳"]
NEWS_EN = ["BREAKING: {city} opens two new metro lines today", "Heat advisory issued for {city}, stay hydrated",
           "Holiday travel peak expected this week, plan ahead", "Fire at a {city} restaurant, no injuries reported"]
ANCHOR_ZH = ["大家好，我是{a}，欢迎收看今天的新闻。{n}", "{a}为您播报：{n}", "【{a}播新闻】{n}"]
ANCHOR_EN = ["Hello, I'm {a} and this is today's news. {n}", "{a} reporting: {n}"]
INVENTED_POST_ZH = ["【军情通报】我部已进入一级战备状态，请广大网友转发支持", "【紧急通知】近期将开展专项行动，请市民配合",
                    "【内部消息】某地发生重大事件，详情关注本号"]
INVENTED_POST_EN = ["OFFICIAL: our command has raised readiness to level one. Share to support.",
                    "Urgent notice from the command: special operation starting soon."]
HYPE_NAMES_ZH = ["热点速递", "吃瓜前线", "今日头条君", "爆料哥", "全网热搜榜", "震惊部落"]
HYPE_NAMES_EN = ["Trending Now", "Viral Daily", "Hot Takes HQ", "Buzz Feed Live", "Breaking Gossip"]
TITLE_ZH = {"medical": ["{s}医生", "名医{s}{g}", "中医{s}大夫", "{s}主任"], "legal": ["{s}律师", "法律顾问{s}{g}"],
            "financial": ["{s}老师带你理财", "股神{s}{g}", "财富导师{s}"], "education": ["{s}老师", "考研{s}学长", "名师{s}{g}"],
            "psychology": ["心理咨询师{s}{g}", "情感导师{s}", "{s}老师心理"]}
TITLE_EN = {"medical": ["Dr. {l}", "Dr {f} {l}"], "legal": ["{f} {l}, Attorney", "Lawyer {f}"],
            "financial": ["{f} {l} Wealth", "{f} the Investor"], "education": ["Tutor {f}", "{f} {l} Exam Prep"],
            "psychology": ["{f} {l} Therapy", "Coach {f}"]}
FAKE_MEDIA = [hashlib.sha256(f"fabricated-clip-{i}".encode()).hexdigest() for i in range(24)]


MEDIA_SHARE = 0.2
"""Share of rumour posts followed by a post of the claim's fabricated picture (known to the media bank)."""
MEDIA_TEXT = (["现场图片曝光", "有图有真相", "大家看看这张照片", "刚收到的图"],
              ["Picture from the scene", "See for yourself", "Photo just came in", "Look at this"])


def fabricated_media(claim_id: str) -> str:
    """SHA-256 standing in for the file of the fabricated picture that goes with a false claim."""
    return hashlib.sha256(f"vigil-synth fabricated picture for {claim_id}".encode()).hexdigest()


def iso(t: int) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


def dumps(d: dict[str, Any]) -> str:
    return orjson.dumps(d).decode() + "\n"


class Special:
    def __init__(self, plan: Plan, claims: list[ClaimInstance], pools: Pools, seed: int) -> None:
        self.plan, self.claims, self.pools = plan, claims, pools
        self.r = FastRandom(seed * 1_000_003 + 17)
        self.rng = np.random.default_rng([seed, 99])
        self.acc_lines: dict[int, str] = {}
        self.posts: list[tuple[int, str]] = []
        self.truth: list[str] = []
        self.detail: list[str] = []
        self.creds: list[str] = []
        self.subjects: list[tuple[int, str | None, str, int]] = []  # slot, post_id, category, time
        self.next_j: dict[int, int] = {}
        self.handles: dict[int, str] = {}
        self.originals: list[tuple[int, str, str, int, ClaimInstance, int]] = []  # slot, pid, text, t, claim, depth
        self.registry_names = {n for e in ALL_ENTITIES for n in e[2]}
        self.false_claims = [[c for c in claims if c.false and c.lang == lg] for lg in ("zh", "en")]
        self.true_claims = [[c for c in claims if not c.false and c.lang == lg] for lg in ("zh", "en")]
        self.ord_slots = np.flatnonzero(plan.role == ORD)
        self.en_l: list[int] = plan.en.astype(np.int64).tolist()
        self.role_l: list[int] = plan.role.astype(np.int64).tolist()

    # ---- record helpers ----
    def lang(self, s: int) -> int:
        return self.en_l[s]

    def ptime(self) -> int:
        return self.r.randrange(WINDOW_START, WINDOW_END)

    def created(self, recent: bool) -> str:
        lo = WINDOW_START - 200 * 86400 if recent else ACCOUNTS_FROM
        return iso(self.r.randrange(lo, WINDOW_START - 86400))

    def account(self, s: int, handle: str, name: str, bio: str | None, *, verified: bool = False,
                recent: bool = False, followers: int | None = None, monetized: bool = False) -> None:
        self.handles[s] = handle
        if followers is None:
            followers = int(self.r.lognormvariate(4.0, 1.8))
        self.acc_lines[s] = dumps({
            "platform": self.plan.platform[s], "account_id": self.plan.account_id[s], "handle": handle,
            "display_name": name, "bio": bio, "verified": verified, "created_at": self.created(recent),
            "followers": followers, "monetized": monetized})

    def post(self, s: int, text: str, t: int, *, lang: int | None = None, media: str | None = None,
             links: list[str] | None = None, boost: float = 0.0) -> str:
        j = self.next_j.get(s, 50 if self.role_l[s] == ORD else 0)
        if j > 99:
            raise OverflowError("too many posts for one account")
        self.next_j[s] = j + 1
        key = s * 100 + j
        pid = str(POST_BASE + key)
        lg = self.en_l[s] if lang is None else lang
        logn = self.r.lognormvariate
        # hand-formatted like fast.py (same key order); only free text needs JSON escaping
        self.posts.append((key, (
            f'{{"platform":"{self.plan.platform[s]}","post_id":"{pid}","account_id":"{self.plan.account_id[s]}",'
            f'"text":{orjson.dumps(text).decode()},"created_at":"{iso(t)}","lang":"{"en" if lg else "zh"}",'
            f'"reposts":{int(logn(boost, 1.5))},"likes":{int(logn(1.0 + boost, 1.8))},'
            f'"comments":{int(logn(boost / 2, 1.3))},"media_sha256":{"null" if media is None else chr(34) + media + chr(34)},'
            f'"links":{orjson.dumps(links).decode() if links else "[]"}}}\n')))
        return pid

    def bad(self, s: int, pid: str | None, cat: str, sub: str, entity: str | None = None,
            claim: str | None = None, t: int | None = None, **detail: Any) -> None:
        row = {"platform": self.plan.platform[s], "account_id": self.plan.account_id[s], "post_id": pid,
               "category": cat, "subcategory": sub, "entity_id": entity, "claim_id": claim}
        self.truth.append(dumps(row))
        self.detail.append(dumps({**row, **detail}))
        self.subjects.append((s, pid, cat, t if t is not None else self.ptime()))

    def fill(self, tpl: str, lg: int) -> str:
        return tpl.format(city=self.r.choice(V.CITIES_EN if lg else V.CITIES_ZH),
                          topic=self.r.choice(V.TOPICS_EN if lg else V.TOPICS_ZH))

    def person(self, s: int) -> tuple[str, str]:
        lg = self.lang(s)
        i = self.r.randrange(len(self.pools.raw_names[lg]))
        return self.pools.raw_names[lg][i], self.pools.handles[lg][i] + str(self.r.randrange(10, 9999))

    def ordinary_posts(self, s: int, n: int) -> None:
        for _ in range(n):
            self.post(s, self.pools.plain_text(self.r, self.lang(s)), self.ptime())

    # ---- roles ----
    def official(self, entity: EntitySpec, s: int) -> None:
        eid, kind, names = entity
        lg = self.lang(s)
        script = [n for n in names if has_han(n) != bool(lg)] or names
        name = script[1] if len(script) > 1 and self.r.random() < 0.5 else script[0]
        handle = (pinyin_full(name) if has_han(name) else ascii_slug(name))[:24] or eid.replace("-", "")
        if kind == "news_anchor":
            out_zh, out_en = ANCHOR_OUTLET.get(eid, ("央视新闻", "CCTV"))
            bio = f"{out_en} anchor" if lg else f"{out_zh}主播"
        else:
            bio = f"Official account of {names[0]}" if lg else f"{names[0]}官方账号"
        self.account(s, handle, name, bio, verified=True, followers=self.r.randrange(100_000, 50_000_000),
                     monetized=False)
        for _ in range(self.r.randint(1, 3)):
            self.post(s, self.fill(self.r.choice(NEWS_EN if lg else NEWS_ZH), lg), self.ptime(), boost=3.0)

    def impersonator(self, s: int, kind: str, targets: dict[str, list[EntitySpec]]) -> None:
        lg = self.lang(s)
        pool = targets.get(kind) or [e for ents in targets.values() for e in ents]
        eid, ekind, names = pool[self.r.randrange(len(pool))]
        script = [n for n in names if has_han(n) != bool(lg)] or names
        base = self.r.choice(script)
        trick = self.r.choice(tricks_for(base))
        observed = apply_trick(base, trick, self.r)
        if ekind == "news_anchor":
            out_zh, out_en = ANCHOR_OUTLET.get(eid, ("央视新闻", "CCTV"))
            if has_han(base):
                observed = self.r.choice([f"{observed} {out_zh}", f"{out_zh}主播{observed}", f"{observed}新闻播报",
                                          f"央视主播{observed}"])
            else:
                observed = self.r.choice([f"{observed} {out_en} Anchor", f"{out_en} News Anchor {observed}",
                                          f"{observed} | {out_en}"])
        handle = handle_for(base, self.r, pinyin_trick=trick == "pinyin")
        bio: str | None
        if ekind == "news_anchor":
            bio = "Daily news with your favourite anchor" if lg else "每日新闻播报｜主播"
        elif lg:
            bio = self.r.choice([f"Official account of {names[0]}", "Authoritative news and updates", None])
        else:
            bio = self.r.choice([f"{names[0]}官方账号", "权威发布", "第一时间发布权威信息", None])
        self.account(s, handle, observed, bio, recent=self.r.random() < 0.8, monetized=self.r.random() < 0.3,
                     followers=int(self.r.lognormvariate(6.0, 2.0)))
        for _ in range(self.r.randint(1, 3)):
            news = self.fill(self.r.choice(NEWS_EN if lg else NEWS_ZH), lg)
            media = None
            if ekind == "news_anchor":  # AI-made anchor clips: reused fabricated media
                news = self.r.choice(ANCHOR_EN if lg else ANCHOR_ZH).format(a=base, n=news)
                media = self.r.choice(FAKE_MEDIA)
            self.post(s, news, self.ptime(), media=media)
        self.bad(s, None, "impersonation", ekind, entity=eid, trick=trick, observed=observed, matched_name=base)

    def invented(self, s: int) -> None:
        lg = self.lang(s)
        r = self.r
        for _ in range(20):
            if r.random() < 0.4:
                fixed = [n for n in V.INVENTED_FIXED if has_han(n) != bool(lg)]
                name = r.choice(fixed)
            elif lg:
                name = f"{r.choice(V.INVENTED_EN_A)} {r.choice(V.INVENTED_EN_B)} {r.choice(V.INVENTED_EN_C)}"
            else:
                name = r.choice(V.INVENTED_ZH_A) + r.choice(V.INVENTED_ZH_B) + r.choice(V.INVENTED_ZH_C)
            if name not in self.registry_names:
                break
        observed = apply_trick(name, "decoration", r) if r.random() < 0.3 else name
        bio = r.choice(V.INVENTED_BIO_EN if lg else V.INVENTED_BIO_ZH)
        self.account(s, handle_for(name, r), observed, bio, recent=True, followers=int(r.lognormvariate(5.5, 2.0)))
        for _ in range(r.randint(1, 2)):
            self.post(s, r.choice(INVENTED_POST_EN if lg else INVENTED_POST_ZH), self.ptime())
        self.bad(s, None, "impersonation", "invented_authority", observed=observed, matched_name=name)

    def spread_text(self, claim: ClaimInstance, lg: int) -> tuple[str, str]:
        r = self.r
        u = r.random()
        if u < 0.3:
            return claim.texts[0], "exact"
        if u < 0.6 or len(claim.texts) == 1:
            text = claim.texts[0]
            v = r.random()
            if v < 0.15 and not lg:
                text = to_traditional(text)
            elif v < 0.3:
                text = text[: max(8, int(len(text) * 0.8))]
            elif v < 0.45:
                text = text.replace("，", " ").replace(",", "")
            pre = r.choice(SPREAD_PREFIX_EN if lg else SPREAD_PREFIX_ZH)
            suf = r.choice(SPREAD_SUFFIX_EN if lg else SPREAD_SUFFIX_ZH) or r.choice(["🙏", "😱", "#扩散#" if not lg else "#share"])
            return pre + text + suf, "edited"
        text = r.choice(claim.texts[1:])
        return r.choice(SPREAD_PREFIX_EN if lg else SPREAD_PREFIX_ZH) + text, "paraphrase"

    def rumour(self, s: int) -> None:
        name, handle = self.person(s)
        lg = self.lang(s)
        self.account(s, handle, name, None, monetized=self.r.random() < 0.2)
        bank = self.false_claims[lg] or self.false_claims[1 - lg]
        for _ in range(self.r.randint(1, 3)):
            claim = bank[self.r.randrange(len(bank))]
            text, variant = self.spread_text(claim, lg)
            t = self.ptime()
            pid = self.post(s, text, t, lang=0 if claim.lang == "zh" else 1, boost=1.5)
            self.bad(s, pid, "debunked_claim", "match", claim=claim.claim_id, t=t, variant=variant)
            self.originals.append((s, pid, text, t, claim, 0))
            if self.r.random() < MEDIA_SHARE:  # the fabricated picture that goes with it, with neutral text
                t2 = t + self.r.randint(60, 7200)
                pid2 = self.post(s, self.r.choice(MEDIA_TEXT[lg]), t2, lang=lg, boost=1.0,
                                 media=fabricated_media(claim.claim_id))
                self.bad(s, pid2, "debunked_claim", "match", claim=claim.claim_id, t=t2, variant="media")
        self.ordinary_posts(s, self.r.randint(0, 2))

    def media_bank(self) -> list[str]:
        """The fact-checkers' hash bank: the fabricated picture of every false claim (mediabank.jsonl)."""
        return [dumps({"hash_type": "sha256", "hash": fabricated_media(c.claim_id),
                       "label": f"fabricated image spread with claim {c.claim_id}", "source": "synthetic fact-check",
                       "claim_id": c.claim_id})
                for c in self.claims if c.false]

    def service_name(self, s: int, domain: str) -> tuple[str, str]:
        """A professional-sounding name and a handle built from cached per-syllable pinyin."""
        r = self.r
        if self.lang(s):
            f, la = r.choice(V.FIRST_EN), r.choice(V.LAST_EN)
            name = r.choice(TITLE_EN[domain]).format(f=f, l=la)
            return name, ascii_slug(name)[:20] + str(r.randrange(100))
        sur, giv = r.choice(V.SURNAMES), r.choice(V.GIVEN)
        name = r.choice(TITLE_ZH[domain]).format(s=sur, g=giv)
        tag = {"medical": "doctor", "legal": "lawyer", "financial": "licai", "education": "laoshi", "psychology": "xinli"}
        return name, pinyin_full(sur) + r.choice([pinyin_full(giv), "_" + tag[domain], tag[domain]]) + str(r.randrange(1000))

    def credential(self, s: int, domain: str, valid_until: str) -> None:
        r = self.r
        self.creds.append(dumps({
            "platform": self.plan.platform[s], "account_id": self.plan.account_id[s], "domain": domain,
            "license_id": V.LICENSE_PREFIX[domain] + "".join(r.choice("0123456789") for _ in range(12)),
            "issuer": r.choice(V.ISSUERS[domain]), "valid_until": valid_until}))

    def unqualified(self, s: int, domain: str, variant: str) -> None:
        r, lg = self.r, self.lang(s)
        name, handle = self.service_name(s, domain)
        bio = r.choice(V.SERVICE_BIO_EN[domain] if lg else V.SERVICE_BIO_ZH[domain])
        self.account(s, handle, name, bio,
                     monetized=r.random() < 0.6, recent=r.random() < 0.5)
        for _ in range(r.randint(1, 3)):
            self.post(s, r.choice(V.SERVICE_POST_EN[domain] if lg else V.SERVICE_POST_ZH[domain]), self.ptime())
        if variant == "expired":
            self.credential(s, domain, f"{r.randrange(2019, 2023)}-{r.randrange(1, 13):02d}-{r.randrange(1, 29):02d}")
        elif variant == "other_domain":
            other = r.choice([d for d in V.DOMAINS if d != domain])
            self.credential(s, other, f"{r.randrange(2025, 2030)}-06-30")
        self.bad(s, None, "unqualified_services", domain, variant=variant)

    def professional(self, s: int, domain: str) -> None:
        r, lg = self.r, self.lang(s)
        name, handle = self.service_name(s, domain)
        city = r.choice(V.CITIES_EN if lg else V.CITIES_ZH)
        bio = (V.PRO_BIO_EN if lg else V.PRO_BIO_ZH)[domain].format(city=city, hosp=f"{city}市第一人民医院")
        self.account(s, handle, name, bio, verified=r.random() < 0.5, monetized=r.random() < 0.4)
        self.post(s, (V.PRO_POST_EN if lg else V.PRO_POST_ZH)[domain], self.ptime())
        self.ordinary_posts(s, r.randint(0, 2))
        self.credential(s, domain, f"{r.randrange(2024, 2031)}-{r.randrange(1, 13):02d}-{r.randrange(1, 29):02d}")

    def hard_negative(self, s: int, k: int) -> None:
        name, handle, bio = V.HARD_NEGATIVES[k % len(V.HARD_NEGATIVES)]
        self.account(s, handle + (str(k // len(V.HARD_NEGATIVES)) if k >= len(V.HARD_NEGATIVES) else ""), name, bio,
                     monetized=self.r.random() < 0.3)
        self.ordinary_posts(s, self.r.randint(1, 2))

    def hype(self, s: int) -> None:
        r, lg = self.r, self.lang(s)
        base = r.choice(HYPE_NAMES_EN if lg else HYPE_NAMES_ZH)
        name = base + r.choice(["", str(r.randrange(100)), "_"])
        topic_pool = V.TOPICS_EN if lg else V.TOPICS_ZH
        self.account(s, (ascii_slug(base) if lg else pinyin_full(base)) + str(r.randrange(10000)), name,
                     "Hot news every hour" if lg else "热点资讯 每日更新 求关注", monetized=r.random() < 0.7,
                     followers=int(r.lognormvariate(8.0, 1.5)), recent=True)
        t0 = self.ptime() - 4 * 3600
        for _ in range(r.randint(4, 8)):
            topic = r.choice(topic_pool)
            text = r.choice(V.HYPE_EN if lg else V.HYPE_ZH).format(topic=topic)
            text += f" #{topic}" if lg else f" #{topic}#"
            self.post(s, text, t0 + r.randrange(0, 2 * 3600), boost=3.0)
        self.bad(s, None, "engagement_farming", "hype", t=t0)

    def illicit(self, s: int) -> None:
        r, lg = self.r, self.lang(s)
        name, handle = self.person(s)
        name = name + r.choice(["福利社", "好物", "", "的小店"] if not lg else [" Deals", " VIP", ""])
        bio = f"商务合作V：{handle}{r.randrange(100, 999)}" if not lg else f"DM for VIP group, WhatsApp +1{r.randrange(10**9, 10**10)}"
        self.account(s, handle, name, bio, monetized=True, followers=int(r.lognormvariate(6.0, 1.5)))
        for _ in range(r.randint(2, 4)):
            link = r.choice(V.ILLICIT_LINKS).format(n=r.randrange(1000, 99999))
            self.post(s, r.choice(V.ILLICIT_EN if lg else V.ILLICIT_ZH), self.ptime(), links=[link])
        self.ordinary_posts(s, r.randint(0, 1))
        self.bad(s, None, "engagement_farming", "illicit_monetization")

    def coordinated(self, group: list[int]) -> None:
        r = self.r
        lg = self.lang(group[0])
        topic = r.choice(V.TOPICS_EN if lg else V.TOPICS_ZH)
        template = r.choice(V.COORD_EN if lg else V.COORD_ZH).format(topic=topic)
        t0 = self.ptime()
        created_day = r.randrange(WINDOW_START - 60 * 86400, WINDOW_START - 86400)
        for s in group:
            name, handle = self.person(s)
            self.handles[s] = handle
            self.acc_lines[s] = dumps({
                "platform": self.plan.platform[s], "account_id": self.plan.account_id[s], "handle": handle,
                "display_name": name, "bio": None, "verified": False,
                "created_at": iso(created_day + r.randrange(0, 3600)), "followers": r.randrange(0, 60),
                "monetized": False})
            for wave in range(r.randint(1, 2)):
                self.post(s, template + r.choice(V.COORD_NOISE), t0 + wave * 86400 + r.randrange(0, 600), lang=lg)
            self.bad(s, None, "engagement_farming", "coordinated", t=t0, group=group[0])

    # ---- cross-account content ----
    def repost_chains(self) -> None:
        """Copies of rumour posts ("comment//@author:original"), some copied again (depth ≤ 2)."""
        r = self.r
        rumour_slots = [s for s, *_ in self.originals]
        pool = self.ord_slots if len(self.ord_slots) else np.array(sorted(set(rumour_slots)))
        queue = list(self.originals)
        for src, pid, text, t, claim, depth in queue:
            if depth >= 2 or r.random() > (0.45 if depth == 0 else 0.2):
                continue
            for _ in range(r.randint(1, 2)):
                s = int(pool[r.randrange(len(pool))]) if r.random() < 0.75 else r.choice(rumour_slots)
                if s == src or self.next_j.get(s, 0) > 95:
                    continue
                if s not in self.handles:  # an ordinary copier: give it an account line we know the handle of
                    name, handle = self.person(s)
                    self.account(s, handle, name, None)
                lg = 0 if claim.lang == "zh" else 1
                comment = r.choice(REPOST_COMMENT_EN if lg else REPOST_COMMENT_ZH)
                copy = f"{comment}//@{self.handles[src]}:{text}" if r.random() < 0.8 else f"{comment} {text}"
                t2 = t + r.randrange(300, 48 * 3600)
                new = self.post(s, copy, t2, lang=lg, boost=0.5)
                self.bad(s, new, "debunked_claim", "near_duplicate", claim=claim.claim_id, t=t2,
                         of_post_id=pid, variant="repost")
                queue.append((s, new, copy, t2, claim, depth + 1))

    def refutations_and_truths(self, n_refute: int, n_true: int) -> None:
        r = self.r
        officials = [s for slots in self.plan.official_slots.values() for s in slots]
        pool = self.ord_slots.tolist() or officials
        if not pool:
            return
        all_false = self.false_claims[0] + self.false_claims[1]
        for _ in range(n_refute if all_false else 0):
            s = r.choice(officials) if officials and r.random() < 0.5 else r.choice(pool)
            c = r.choice(all_false)
            lg = 0 if c.lang == "zh" else 1
            text = r.choice(REFUTE_EN if lg else REFUTE_ZH).format(c=c.texts[0].rstrip("。.!！"))
            self.post(s, text, self.ptime(), lang=lg)
        all_true = self.true_claims[0] + self.true_claims[1]
        for _ in range(n_true if all_true else 0):
            s = r.choice(officials) if officials and r.random() < 0.3 else r.choice(pool)
            c = r.choice(all_true)
            self.post(s, r.choice(c.texts), self.ptime(), lang=0 if c.lang == "zh" else 1)

    def run(self) -> None:
        plan, r = self.plan, self.r
        ents = {e[0]: e for e in plan.entities}
        targets: dict[str, list[EntitySpec]] = {}
        for e in plan.entities:
            targets.setdefault(e[1], []).append(e)
        for eid, slots in plan.official_slots.items():
            for s in slots:
                self.official(ents[eid], s)
        by_role: dict[str, list[int]] = {}
        for s, code in enumerate(plan.role.tolist()):
            if code not in (ORD, OFFICIAL):
                by_role.setdefault(ROLE_NAMES[code], []).append(s)
        unq_seen = 0
        for role in ROLE_NAMES[2:]:
            slots = by_role.get(role, [])
            if role == "eng:coordinated":
                for group in plan.coord_groups:
                    self.coordinated(group)
                continue
            for k, s in enumerate(slots):
                kind, _, sub = role.partition(":")
                if role == "pro":
                    self.professional(s, V.DOMAINS[k % len(V.DOMAINS)])
                elif role == "hardneg":
                    self.hard_negative(s, k)
                elif kind == "imp":
                    if sub == "invented_authority":
                        self.invented(s)
                    else:
                        self.impersonator(s, sub, targets)
                elif role == "rumour":
                    self.rumour(s)
                elif kind == "unq":
                    variant = ("expired", "other_domain")[unq_seen] if unq_seen < 2 else \
                        r.choices(["none", "expired", "other_domain"], weights=[0.75, 0.15, 0.10])[0]
                    unq_seen += 1
                    self.unqualified(s, sub, variant)
                elif role == "eng:hype":
                    self.hype(s)
                elif role == "eng:illicit_monetization":
                    self.illicit(s)
        self.repost_chains()
        n_rumour = len(by_role.get("rumour", []))
        self.refutations_and_truths(max(1, n_rumour // 2), max(1, n_rumour // 2))
