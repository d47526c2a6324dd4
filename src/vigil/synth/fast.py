"""Vectorised generation of ordinary accounts and posts (the bulk of every dataset).

Pools are JSON-escaped once; a record is a numpy index draw per field plus one f-string, so a million
accounts cost seconds, not minutes. Ordinary text still mixes health/law/money talk and mentions of
official media, so it doubles as hard negatives for every detector.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from itertools import product

import numpy as np
import orjson

from vigil.synth import vocab as V
from vigil.synth.tricks import pinyin_full

WINDOW_START = int(np.datetime64("2023-03-10T00:00:00", "s").astype(np.int64))
WINDOW_END = int(np.datetime64("2023-05-22T23:59:59", "s").astype(np.int64))
ACCOUNTS_FROM = int(np.datetime64("2012-01-01T00:00:00", "s").astype(np.int64))
MAX_ORDINARY_POSTS = 8


def esc(s: str) -> str:
    """JSON string body (without quotes); escaping is concatenative, so pieces can be joined."""
    return orjson.dumps(s).decode()[1:-1]


def expand(templates: list[str], lang: str) -> list[str]:
    fills = {
        "city": V.CITIES_ZH if lang == "zh" else V.CITIES_EN,
        "team": V.TEAMS_ZH if lang == "zh" else V.TEAMS_EN,
        "food": V.FOODS_ZH if lang == "zh" else V.FOODS_EN,
        "topic": V.TOPICS_ZH if lang == "zh" else V.TOPICS_EN,
    }
    out: list[str] = []
    for t in templates:
        names = [n for n in fills if "{" + n + "}" in t]
        if not names:
            out.append(t)
            continue
        for vals in product(*(fills[n] for n in names)):
            out.append(t.format(**dict(zip(names, vals, strict=True))))
    return out


EXTRA_ZH = ["", "", "", "，心情不错", "，明天继续", "，大家晚安", "，有人一起吗", "，绝了", "，好开心", "，太难了"]
EXTRA_EN = ["", "", "", ", good times", ", what a day", ", anyone else?", ", loving it", ", so tired"]


@dataclass
class TextPool:
    openers: list[str]
    bodies: list[str]
    extras: list[str]
    tails: list[str]

    def draw(self, rng: np.random.Generator, n: int) -> list[str]:
        a = rng.integers(0, len(self.openers), n).tolist()
        b = rng.integers(0, len(self.bodies), n).tolist()
        c = rng.integers(0, len(self.extras), n).tolist()
        d = rng.integers(0, len(self.tails), n).tolist()
        o, bo, e, t = self.openers, self.bodies, self.extras, self.tails
        return [o[i] + bo[j] + e[k] + t[m] for i, j, k, m in zip(a, b, c, d, strict=True)]


class Pools:
    """Escaped pools for both languages (index 0 = zh, 1 = en)."""

    def __init__(self) -> None:
        zh_names: list[tuple[str, str]] = [(s + g, pinyin_full(s) + pinyin_full(g)) for s in V.SURNAMES for g in V.GIVEN]
        zh_names += [(a + b + c, pinyin_full(b) + ("_" + pinyin_full(c) if c and pinyin_full(c) else ""))
                     for a in V.NICK_A for b in V.NICK_B for c in V.NICK_C]
        en_names = [(f"{f} {la}", f"{f}{la}".lower()) for f in V.FIRST_EN for la in V.LAST_EN]
        en_names += [(f"{w1.capitalize()} {w2.capitalize()}", f"{w1}_{w2}") for w1 in V.HANDLE_EN_WORDS
                     for w2 in V.HANDLE_EN_WORDS if w1 != w2]
        self.raw_names = [[d for d, _ in zh_names], [d for d, _ in en_names]]
        self.names = [[esc(d) for d, _ in zh_names], [esc(d) for d, _ in en_names]]
        self.handles = [[h for _, h in zh_names], [h for _, h in en_names]]
        self.bios = [["null" if not b else '"' + esc(b) + '"' for b in V.BIOS_ZH],
                     ["null" if not b else '"' + esc(b) + '"' for b in V.BIOS_EN]]
        self.text = [
            TextPool([esc(x) for x in V.OPENERS_ZH], [esc(x) for x in expand(V.BODIES_ZH, "zh")],
                     [esc(x) for x in EXTRA_ZH], [esc(x) for x in expand(V.TAILS_ZH, "zh")]),
            TextPool([esc(x) for x in V.OPENERS_EN], [esc(x) for x in expand(V.BODIES_EN, "en")],
                     [esc(x) for x in EXTRA_EN], [esc(x) for x in expand(V.TAILS_EN, "en")]),
        ]
        self.raw_text = [
            (V.OPENERS_ZH, expand(V.BODIES_ZH, "zh"), EXTRA_ZH, expand(V.TAILS_ZH, "zh")),
            (V.OPENERS_EN, expand(V.BODIES_EN, "en"), EXTRA_EN, expand(V.TAILS_EN, "en")),
        ]
        self.links = [esc(x.format(n=n)) for x in V.BENIGN_LINKS for n in (101, 2024, 88321)]

    def plain_text(self, r: random.Random, lang: int) -> str:
        """One ordinary post text, unescaped (for the per-record generators)."""
        o, b, e, t = self.raw_text[lang]
        return r.choice(o) + r.choice(b) + r.choice(e) + r.choice(t)


def iso(ts: np.ndarray) -> list[str]:
    return [s + "Z" for s in np.datetime_as_string(ts.astype("datetime64[s]"), unit="s").tolist()]


def counts(rng: np.random.Generator, n: int, mean: float, sigma: float, cap: int) -> list[int]:
    out: list[int] = np.minimum(np.floor(rng.lognormal(mean, sigma, n)), cap).astype(np.int64).tolist()
    return out


def ordinary_accounts(pools: Pools, rng: np.random.Generator, platform: list[str], aid: list[str],
                      en: np.ndarray) -> list[str]:
    """Account lines for slots whose platform/account_id/language are given (same order)."""
    n = len(aid)
    if n == 0:
        return []
    lang = en.astype(np.int64)
    sizes = np.array([len(pools.names[0]), len(pools.names[1])])
    name_i = (rng.random(n) * sizes[lang]).astype(np.int64).tolist()
    bio_sizes = np.array([len(pools.bios[0]), len(pools.bios[1])])
    bio_i = (rng.random(n) * bio_sizes[lang]).astype(np.int64).tolist()
    num = rng.integers(0, 100000, n)
    suffix = np.where(rng.random(n) < 0.15, "", np.char.mod("%d", num % np.where(rng.random(n) < 0.5, 100, 100000)))
    suffix_l = suffix.tolist()
    created = iso(rng.integers(ACCOUNTS_FROM, WINDOW_START - 86400, n))
    followers = counts(rng, n, 4.0, 1.8, 5_000_000)
    verified = np.where(rng.random(n) < 0.02, "true", "false").tolist()
    monetized = np.where(rng.random(n) < 0.08, "true", "false").tolist()
    names, handles, bios = pools.names, pools.handles, pools.bios
    lang_l = lang.tolist()
    return [
        f'{{"platform":"{p}","account_id":"{a}","handle":"{handles[lg][ni]}{sx}","display_name":"{names[lg][ni]}",'
        f'"bio":{bios[lg][bi]},"verified":{v},"created_at":"{c}","followers":{f},"monetized":{m}}}\n'
        for p, a, lg, ni, sx, bi, v, c, f, m in zip(platform, aid, lang_l, name_i, suffix_l, bio_i, verified, created,
                                                   followers, monetized, strict=True)
    ]


def ordinary_posts(pools: Pools, rng: np.random.Generator, slots: np.ndarray, platform: list[str], aid: list[str],
                   en: np.ndarray, post_base: int) -> tuple[np.ndarray, list[str]]:
    """Posts of ordinary accounts: returns (sort keys, lines). Keys are slot*100 + j (also the post id)."""
    per = np.minimum(rng.poisson(1.4, len(slots)), MAX_ORDINARY_POSTS)
    total = int(per.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64), []
    owner = np.repeat(np.arange(len(slots)), per)
    first = np.repeat(np.cumsum(per) - per, per)
    j = np.arange(total) - first
    keys = slots[owner].astype(np.int64) * 100 + j
    lang = en[owner].astype(np.int64)
    # 5% of posts are in the other language
    lang = np.where(rng.random(total) < 0.05, 1 - lang, lang)
    texts = [""] * total
    for lg in (0, 1):
        idx = np.flatnonzero(lang == lg)
        drawn = pools.text[lg].draw(rng, len(idx))
        for i, t in zip(idx.tolist(), drawn, strict=True):
            texts[i] = t
    created = iso(rng.integers(WINDOW_START, WINDOW_END, total))
    reposts = counts(rng, total, 0.0, 1.5, 100_000)
    likes = counts(rng, total, 1.0, 1.8, 1_000_000)
    comments = counts(rng, total, 0.0, 1.3, 50_000)
    media_on = rng.random(total) < 0.03
    media = ["null"] * total
    raw = rng.bytes(32 * int(media_on.sum()))
    for k, i in enumerate(np.flatnonzero(media_on).tolist()):
        media[i] = '"' + raw[32 * k: 32 * k + 32].hex() + '"'
    link_on = rng.random(total) < 0.03
    link_i = rng.integers(0, len(pools.links), total)
    links = ["[]"] * total
    for i in np.flatnonzero(link_on).tolist():
        links[i] = '["' + pools.links[int(link_i[i])] + '"]'
    owner_l = owner.tolist()
    lang_s = np.where(lang == 1, "en", "zh").tolist()
    pid = (keys + post_base).tolist()
    lines = [
        f'{{"platform":"{platform[o]}","post_id":"{p}","account_id":"{aid[o]}","text":"{t}","created_at":"{c}",'
        f'"lang":"{lg}","reposts":{r},"likes":{lk},"comments":{cm},"media_sha256":{md},"links":{ln}}}\n'
        for o, p, t, c, lg, r, lk, cm, md, ln in zip(owner_l, pid, texts, created, lang_s, reposts, likes, comments,
                                                      media, links, strict=True)
    ]
    return keys, lines
