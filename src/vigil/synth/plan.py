"""Who is who: roles, languages, platforms and account ids for every account slot, decided up front.

Counts per role are fractions of `size` (shaped like the campaign: unqualified advice largest, media
impersonation next) with a floor of one account per subcategory, so even `--size 50` covers everything.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from vigil.synth import vocab as V
from vigil.synth.entities import ALL_ENTITIES, ANCHORS_PER_KIND, CORE, KINDS, EntitySpec

# (role, fraction of size, minimum count)
ROLES: list[tuple[str, float, int]] = [
    ("pro", 0.020, 2),
    ("hardneg", 0.015, 2),
    ("imp:government", 0.006, 1),
    ("imp:military", 0.005, 1),
    ("imp:public_institution", 0.008, 1),
    ("imp:news_media", 0.035, 1),
    ("imp:news_anchor", 0.020, 1),
    ("imp:invented_authority", 0.006, 1),
    ("rumour", 0.012, 2),
    ("unq:medical", 0.030, 1),
    ("unq:legal", 0.015, 1),
    ("unq:financial", 0.025, 1),
    ("unq:education", 0.015, 1),
    ("unq:psychology", 0.010, 1),
    ("eng:hype", 0.008, 1),
    ("eng:illicit_monetization", 0.006, 1),
    ("eng:coordinated", 0.006, 3),
]
ROLE_NAMES = ["ordinary", "official"] + [r for r, _, _ in ROLES]
ORD, OFFICIAL = 0, 1
ROLE_CODE = {name: i for i, name in enumerate(ROLE_NAMES)}


@dataclass
class Plan:
    size: int
    role: np.ndarray  # int8 per slot
    en: np.ndarray  # bool per slot
    platform_code: np.ndarray  # int8 per slot into V.PLATFORMS
    platform: list[str]
    account_id: list[str]
    entities: list[EntitySpec]
    official_slots: dict[str, list[int]]  # entity_id -> slots
    coord_groups: list[list[int]]  # coordinated accounts: same platform and language within a group


def foreign(entity_id: str) -> bool:
    return entity_id.split("-", 1)[0] in {"us", "uk", "int"}


def choose_entities(size: int, rng: np.random.Generator) -> list[EntitySpec]:
    n = min(len(ALL_ENTITIES), max(min(5, size), size // 50))
    by_id = {e[0]: e for e in ALL_ENTITIES}
    first = [by_id[ANCHORS_PER_KIND[k]] for k in KINDS]
    core_rest = [e for e in CORE if e[0] not in ANCHORS_PER_KIND.values()]
    regional = ALL_ENTITIES[len(CORE):]
    order = first + [core_rest[i] for i in rng.permutation(len(core_rest))] + \
        [regional[i] for i in rng.permutation(len(regional))]
    return order[:n]


def role_counts(size: int, n_official: int) -> dict[str, int]:
    want = {r: max(m, round(f * size)) for r, f, m in ROLES}
    budget = max(0, size - n_official)
    while sum(want.values()) > budget:  # tiny sizes: trim the largest groups first
        big = max(want, key=lambda r: (want[r], r))
        want[big] -= 1
        if want[big] == 0:
            del want[big]
    return want


def account_ids(platform_code: np.ndarray) -> list[str]:
    """Sequential ids per platform, so the same id appears on several platforms (platform is in the key)."""
    ids = np.zeros(len(platform_code), dtype=np.int64)
    for p in range(len(V.PLATFORMS)):
        idx = np.flatnonzero(platform_code == p)
        ids[idx] = np.arange(len(idx)) * 7 + 3
    out = np.char.mod("%d", ids + 1_000_000_000).astype(object)
    wechat = np.flatnonzero(platform_code == V.PLATFORMS.index("wechat"))
    out[wechat] = np.char.add("gh_", np.char.mod("%012x", ids[wechat] * 2654435761 % (1 << 48)))
    result: list[str] = out.tolist()
    return result


def make_plan(size: int, rng: np.random.Generator) -> Plan:
    entities = choose_entities(size, rng)
    n_acc = [1 if size < 500 or rng.random() < 0.6 else 2 for _ in entities]
    n_official = min(size, sum(n_acc))
    counts = role_counts(size, n_official)
    codes = np.concatenate([np.full(n_official, OFFICIAL, dtype=np.int8)]
                           + [np.full(c, ROLE_CODE[r], dtype=np.int8) for r, c in counts.items()])
    role = np.zeros(size, dtype=np.int8)
    perm = rng.permutation(size)
    role[perm[: len(codes)]] = codes
    en = rng.random(size) < 0.25
    zh_p = rng.choice([V.PLATFORMS.index(p) for p in V.PLATFORMS_ZH], size=size, p=V.PLATFORM_WEIGHTS_ZH)
    en_p = rng.choice([V.PLATFORMS.index(p) for p in V.PLATFORMS_EN], size=size, p=V.PLATFORM_WEIGHTS_EN)
    platform_code = np.where(en, en_p, zh_p).astype(np.int8)
    # official accounts: entity by entity, on platforms that fit the entity
    official_slots: dict[str, list[int]] = {}
    slots = np.flatnonzero(role == OFFICIAL).tolist()
    k = 0
    for (eid, _kind, _names), n in zip(entities, n_acc, strict=True):
        plats = ["x", "youtube"] if foreign(eid) else ["weibo", "douyin", "wechat"]
        first = int(rng.integers(len(plats)))
        for j in range(n):
            if k >= len(slots):
                break
            s = slots[k]
            k += 1
            en[s] = foreign(eid)
            platform_code[s] = V.PLATFORMS.index(plats[(first + j) % len(plats)])
            official_slots.setdefault(eid, []).append(s)
    entities = [e for e in entities if e[0] in official_slots]
    coord = np.flatnonzero(role == ROLE_CODE["eng:coordinated"]).tolist()
    groups: list[list[int]] = []
    i = 0
    while i < len(coord):
        n = min(len(coord) - i, int(rng.integers(3, 9)))
        if len(coord) - i - n < 3:
            n = len(coord) - i
        groups.append(coord[i: i + n])
        en[coord[i: i + n]] = en[coord[i]]
        platform_code[coord[i: i + n]] = platform_code[coord[i]]
        i += n
    return Plan(size=size, role=role, en=en, platform_code=platform_code,
                platform=[V.PLATFORMS[c] for c in platform_code.tolist()],
                account_id=account_ids(platform_code), entities=entities, official_slots=official_slots,
                coord_groups=groups)
