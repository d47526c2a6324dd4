"""Seeded generators for impersonation evaluation and benchmarks.

- `dotgov_entities(dir)`: real US government bodies from ../shared/data/dotgov (CISA .gov registry).
- `eval_registry(dotgov_dir)`: those plus the hand-written Chinese / international entities and anchors.
- `eval_cases(entities, seed)`: impersonation attempts (one trick each, labelled), hard negatives, official
  accounts and ordinary accounts, as `Case` records.
- `bench_registry(n, dotgov_dir, seed)` / `bench_accounts(n, entities, seed)`: large synthetic inputs.
"""

from __future__ import annotations

import csv
import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from vigil.evaldata.known_entities import KNOWN
from vigil.model import Account, AccountRef, Entity


@dataclass(frozen=True)
class Case:
    account: Account
    group: str  # positive | invented | hard_negative | ordinary | official | verified
    trick: str
    entity_id: str | None  # truth for positives


# ------------------------------------------------------------------ registries

_MIL = re.compile(r"\b(army|navy|air force|marine|military|defense|national guard|coast guard)\b", re.I)
_INST = re.compile(r"\b(university|college|library|hospital|museum|institute|laborator|school|academy)\b", re.I)


def _kind_for(name: str) -> str:
    if _MIL.search(name):
        return "military"
    if _INST.search(name):
        return "public_institution"
    return "government"


def known_entities() -> list[Entity]:
    out = []
    for row in KNOWN:
        eid, kind, *names = row
        out.append(Entity(entity_id=eid, kind=kind, names=names,  # type: ignore[arg-type]
                          official_accounts=[AccountRef(platform="weibo", account_id=f"{eid}-official")]))
    return out


def dotgov_entities(dotgov_dir: Path) -> list[Entity]:
    """One entity per distinct organisation name; its .gov domains become official web accounts."""
    by_name: dict[str, dict[str, object]] = {}
    path = dotgov_dir / "current-full.csv"
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            org = (row.get("Organization name") or "").strip()
            if len(org) < 4:
                continue
            key = org.casefold()
            rec = by_name.setdefault(key, {"name": org, "domains": set(), "subs": set()})
            rec["domains"].add(row["Domain name"].strip().lower())  # type: ignore[attr-defined]
            sub = (row.get("Suborganization name") or "").strip()
            if len(sub) >= 6:
                rec["subs"].add(sub)  # type: ignore[attr-defined]
    ents: list[Entity] = []
    taken: set[str] = set(by_name)
    for i, (_key, rec) in enumerate(sorted(by_name.items())):
        name = str(rec["name"])
        domains = sorted(rec["domains"])  # type: ignore[call-overload]
        ents.append(Entity(
            entity_id=f"gov-{i:05d}", kind=_kind_for(name), names=[name],  # type: ignore[arg-type]
            official_accounts=[AccountRef(platform="web", account_id=d) for d in domains[:5]],
        ))
    # federal sub-organisations (bureaus) become entities of their own when not already present
    j = 0
    for _key, rec in sorted(by_name.items()):
        for sub in sorted(rec["subs"]):  # type: ignore[call-overload]
            if sub.casefold() in taken:
                continue
            taken.add(sub.casefold())
            ents.append(Entity(entity_id=f"govsub-{j:05d}", kind=_kind_for(sub), names=[sub]))  # type: ignore[arg-type]
            j += 1
    return ents


def eval_registry(dotgov_dir: Path | None) -> list[Entity]:
    known = known_entities()
    if dotgov_dir is None or not (dotgov_dir / "current-full.csv").is_file():
        return known
    known_names = {n.casefold() for e in known for n in e.names}
    gov = [e for e in dotgov_entities(dotgov_dir) if e.names[0].casefold() not in known_names]
    return known + gov


# ------------------------------------------------------------------ tricks

_CYR = {"a": "а", "c": "с", "e": "е", "o": "о", "p": "р", "x": "х", "y": "у", "i": "і", "s": "ѕ", "j": "ј",
        "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "K": "К", "M": "М", "O": "О", "P": "Р", "T": "Т",
        "X": "Х"}
_GRK = {"A": "Α", "B": "Β", "E": "Ε", "H": "Η", "I": "Ι", "K": "Κ", "M": "Μ", "N": "Ν", "O": "Ο", "P": "Ρ",
        "T": "Τ", "X": "Χ", "Y": "Υ", "Z": "Ζ", "o": "ο", "v": "ν"}
_LEET = {"a": "4", "e": "3", "o": "0", "i": "1", "s": "5", "t": "7", "l": "1"}
_LEET_SYM = {"a": "@", "s": "$"}
_ZW = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]
_MARKS = ["\u0301", "\u0308", "\u0336", "\u0335", "\u0303", "\u0323", "\u0489"]
_EMOJI = ["🇨🇳", "✅", "🔥", "⭐", "📢", "🎯", "💯", "❤", "★", "☆", "♥", "✨", "📰", "🚨", "·", "•", "|"]
_DECOR_PRE = ["官方", "Official ", "【官方】", "真·", "Real ", "The Official ", "中国", "China ", "🇨🇳"]
_DECOR_SUF = [" Official", "官方", "新闻", "频道", " News", " HQ", "中心", " Channel", "官方账号", "_official",
              " 24/7", "发布", " Updates", "资讯", " TV", "官方微博", " Live", "-News", "总部"]
_SEPS = [" ", "_", ".", "-", "·", "  ", "|"]

# A handful of visually close CJK pairs the curated table lists (tests the table, not unseen pairs).
_CJK_SWAPS = {"日": "曰", "民": "氏", "人": "入", "国": "囯", "已": "己", "未": "末", "土": "士", "天": "夭",
              "大": "太", "王": "玉", "午": "牛", "力": "刀", "干": "千", "甲": "申", "戊": "戌", "侯": "候",
              "央": "夬", "军": "車", "报": "抱", "部": "郜", "防": "仿", "华": "哗", "新": "亲", "闻": "间",
              "视": "祝", "卫": "衞", "政": "玫", "府": "俯", "院": "阮", "局": "届", "署": "暑", "员": "贠",
              "警": "擎", "察": "蔡", "检": "捡", "台": "合", "社": "杜", "心": "必", "中": "申"}

_HOMOPHONE_POOL = (
    "人仁任忍认民敏名明鸣日入报宝保抱豹新心欣辛信央秧扬阳视是市事室式试国果过郭部步布不防房放仿芳卫为位未"
    "味谓军君均钧华化话画花中忠钟终众种重心新星兴行形型社设射舍摄台抬太泰态局据具剧举委维伟尾纬员元原园圆"
    "院愿远政正证争整府付富复夫务物五武午公工功共宫攻安按岸暗案警景境静井检减简剑件察查茶差插法发乏伐罚"
    "总宗综纵统同通桶痛战站占展斩区曲取去趣东冬董懂动南难男楠西希息喜系北被备贝倍空孔控恐科可课克客学雪"
    "血穴寻大打达答搭疾及即急集记技济计家加佳嘉甲电店点典殿气器汽起期京经精晶惊海还害含寒环欢还换缓报广"
    "光逛关官管观冠馆管网往望王忘微为维围危时实识石食十方芳放访仿"
)


def _apply_some(s: str, rng: random.Random, table: dict[str, str], k: int) -> str | None:
    pos = [i for i, ch in enumerate(s) if ch in table]
    if not pos:
        return None
    chosen = set(rng.sample(pos, min(k, len(pos))))
    return "".join(table[ch] if i in chosen else ch for i, ch in enumerate(s))


def _is_cjk(s: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in s)


def _insert(s: str, rng: random.Random, pool: Sequence[str], k: int) -> str:
    chars = list(s)
    for _ in range(k):
        i = rng.randint(1, max(1, len(chars) - 1))
        chars.insert(i, rng.choice(pool))
    return "".join(chars)


@lru_cache(maxsize=4)
def _converter(config: str) -> Any:
    import opencc

    return opencc.OpenCC(config)


def _s2t(s: str) -> str:
    return str(_converter("s2t").convert(s))


_PINYIN_TO_CHARS: dict[str, list[str]] = {}


def _homophone_map() -> dict[str, list[str]]:
    if not _PINYIN_TO_CHARS:
        from pypinyin import lazy_pinyin

        for ch in dict.fromkeys(_HOMOPHONE_POOL):
            _PINYIN_TO_CHARS.setdefault(lazy_pinyin(ch)[0], []).append(ch)
    return _PINYIN_TO_CHARS


def trick(name: str, t: str, rng: random.Random) -> str | None:  # noqa: C901 - one branch per trick
    """Apply trick `t` to `name`; None when the trick does not apply to this name."""
    cjk = _is_cjk(name)
    if t == "exact":
        return name
    if t == "word_reorder":
        words = name.split()
        if cjk or len(words) < 2:
            return None
        for _ in range(10):
            w = words[:]
            rng.shuffle(w)
            if w != words:
                return " ".join(w)
        return None
    if t == "spacing_punct":
        if cjk:
            sep = rng.choice([" ", "·", ".", "-", "_"])
            return sep.join(name)
        if " " in name and rng.random() < 0.5:
            return name.replace(" ", rng.choice(["", "_", ".", "-", "  "]))
        return " ".join(name) if len(name) <= 12 else name.replace(" ", "")
    if t == "homoglyph":
        if cjk:
            return None
        return _apply_some(name, rng, _CYR if rng.random() < 0.6 else {**_CYR, **_GRK}, rng.randint(1, 3))
    if t == "fullwidth":
        if not any(ch.isascii() and ch.isalnum() for ch in name):
            return None
        return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ("\u3000" if ch == " " else ch) for ch in name)
    if t == "zero_width":
        return _insert(name, rng, _ZW, rng.randint(1, 3))
    if t == "combining_marks":
        chars = list(name)
        idx = [i for i, ch in enumerate(chars) if ch.strip()]
        for i in rng.sample(idx, min(len(idx), rng.randint(1, 3))):
            chars[i] = chars[i] + rng.choice(_MARKS)
        return "".join(chars)
    if t == "leetspeak":
        if cjk:
            return None
        out = _apply_some(name.lower() if rng.random() < 0.5 else name, rng,
                          {**_LEET, **(_LEET_SYM if rng.random() < 0.3 else {})}, rng.randint(1, 3))
        return out
    if t == "mixed_case":
        if cjk or not any(ch.isalpha() for ch in name):
            return None
        return "".join(ch.upper() if rng.random() < 0.5 else ch.lower() for ch in name)
    if t == "traditional":
        if not cjk:
            return None
        tr = _s2t(name)
        return tr if tr != name else None
    if t == "cjk_lookalike":
        return _apply_some(name, rng, _CJK_SWAPS, 1) if cjk else None
    if t == "homophone":
        if not cjk:
            return None
        from pypinyin import lazy_pinyin

        hm = _homophone_map()
        opts = []
        for i, ch in enumerate(name):
            alts = [c for c in hm.get(lazy_pinyin(ch)[0], []) if c != ch]
            if alts:
                opts.append((i, alts))
        if not opts or len(name) < 3:
            return None
        i, alts = rng.choice(opts)
        return name[:i] + rng.choice(alts) + name[i + 1 :]
    if t == "emoji_inserted":
        return _insert(name, rng, _EMOJI, rng.randint(1, 3))
    if t == "decoration":
        pre = rng.choice(_DECOR_PRE) if rng.random() < 0.4 else ""
        suf = rng.choice(_DECOR_SUF) if (not pre or rng.random() < 0.5) else ""
        return f"{pre}{name}{suf}"
    if t == "typo":
        n = len(name)
        if (cjk and n < 5) or (not cjk and n < 10):
            return None
        i = rng.randrange(1, n - 1)
        op = rng.choice(["del", "dup", "swap"])
        if op == "del":
            return name[:i] + name[i + 1 :]
        if op == "dup":
            return name[:i] + name[i] + name[i:]
        return name[:i] + name[i + 1] + name[i] + name[i + 2 :]
    if t == "combined":
        s: str | None = name
        for sub in rng.sample(["zero_width", "emoji_inserted", "combining_marks", "fullwidth",
                               "homoglyph", "leetspeak", "traditional", "mixed_case"], 2):
            s2 = trick(s or name, sub, rng)
            s = s2 if s2 is not None else s
        return trick(s or name, "decoration", rng)
    raise ValueError(t)


ENTITY_TRICKS = ("exact", "alias", "word_reorder", "spacing_punct", "homoglyph", "fullwidth", "zero_width",
                 "combining_marks", "leetspeak", "mixed_case", "traditional", "cjk_lookalike", "homophone",
                 "emoji_inserted", "decoration", "typo", "combined", "pinyin_handle", "initials_handle",
                 "bio_claim")

INVENTED = (
    "Chinese Red Army Command", "Strategic Missile Force", "中国反恐特战队", "中国人民特种作战司令部",
    "国家网络安全指挥部", "中央特勤局", "中华人民共和国国家反诈总局", "中国战略导弹部队", "中国红军总司令部",
    "中国人民解放军网络战部队", "国家应急救援指挥中心", "中央军委特别行动局", "中国海警特战支队",
    "国家反恐怖主义行动委员会", "全国打黑除恶指挥部", "中华人民共和国国家安全委员会特别行动处",
    "中国人民武装警察特战大队", "国家信息安全总局", "中国空天军司令部", "中央网络监察总局",
    "中国人民解放军第九战区", "国家数字货币监管总局", "中国国防动员特种部队", "中华人民共和国战略情报局",
    "中国核武器指挥部", "国家生物安全防御司令部", "中国星际防卫军", "中国人民解放军特种兵大队",
    "中国维和部队总部", "中央反腐特别调查局", "国家粮食安全战略委员会", "中国蓝军司令部",
    "People's Liberation Army Special Operations Command", "Chinese Cyber Defense Force",
    "Federal Cyber Defense Command", "National Counter-Terrorism Task Force", "US Space Defense Command",
    "Strategic Rocket Force HQ", "National Security Intelligence Directorate", "Chinese National Guard",
    "United States Cyber Army", "Federal Bureau of Cyber Investigation", "National Emergency Response Command",
    "Chinese Military Intelligence Bureau", "Red Army Special Forces", "Joint Special Operations Directorate",
    "State Security Special Police", "National Homeland Defense Agency", "Supreme Military Council of China",
    "Chinese Strategic Support Force Command", "US Federal Disinformation Bureau",
    "Ministry of State Internet Security", "National Defense Mobilization Bureau", "Chinese Navy Fleet Command",
    "American Strategic Defense Agency", "Federal Anti-Fraud Commission", "Central Military Intelligence Agency",
    "Chinese Armed Police Special Unit", "National Cyber Police Bureau", "Imperial Guard of China",
)

# Written after the detector was tuned and run once, never tuned against: a blind check of generalisation.
INVENTED_BLIND = (
    "中国人民解放军第十一集团军特战旅", "国家反间谍总局", "中央网信特别执法队", "中国海军陆战队司令部",
    "国家金融稳定特别委员会", "中华人民共和国国家太空军", "中国网络部队第七支队", "国家数据安全督察组",
    "中国特种警察总队", "国务院特别调查组", "National Cyber Command Center", "Chinese Ministry of Information Warfare",
    "PLA Strategic Cyber Brigade", "National Anti-Terror Police Unit", "Federal Internet Police",
    "Chinese Space Force Headquarters", "Red Guard Command Center", "State Bureau of Online Order",
    "Central Commission for Digital Security", "中国人民武装警察反恐突击队",
)
HARD_NEGATIVES_BLIND = (
    "人民日报社区团购", "新华字典学习群", "央视名嘴语录", "国防部长同款墨镜", "解放军报刊亭", "中国日报英语学习",
    "BBC Good Food Recipes", "CNN Money Tips Fan", "Reuters Photo Fans", "The New York Times Crossword Club",
    "NASA Space Camp Alumni", "FBI Files Podcast", "Navy Seal Fitness Training", "Army Green Paint Co",
    "Pentagon Fitness Center Gym", "White House Sub Shop", "National Guard Shoes", "Special Forces Airsoft Team",
    "Strategic Command Board Game Fans", "Federal Credit Union of Texas",
)

HARD_NEGATIVES = (
    "新华书店", "新华书店旗舰店", "人民公园", "人民大药房", "中央公园咖啡", "央视频道迷", "国防部长粉丝后援会",
    "人民日报读者俱乐部", "新华路小吃店", "光明乳业", "光明日报大酒店", "经济日报广告部", "北大青鸟培训学校",
    "清华同方电脑", "海关总署路烧烤", "中国日报网友俱乐部", "南方周末读书会", "湖南卫视节目爱好者",
    "凤凰卫视粉丝团", "解放军报收藏爱好者", "火箭军迷", "海军蓝服饰", "空军一号球鞋店", "武警部队退伍老兵",
    "中国科学院附属幼儿园", "中国红十字会志愿者小张", "康辉同款美食", "撒贝宁粉丝团", "白岩松语录摘抄",
    "Ministry of Sound", "Navy Blue Clothing Co", "Army & Navy Store", "Daily Grind Coffee", "People's Pizza",
    "Central Perk Cafe", "Pentagon Pizza", "White House Black Market", "NASA Space Fans", "CNN Fan Club",
    "BBC Sherlock Fans", "Army Wives Club", "The Economist Reading Group", "Reuters Cafe", "Red Army Choir Fans",
    "Air Force 1 Sneakers", "Marine Corps Marathon Runners", "Guardian Angels Pet Rescue", "Al Jazeera Kebab House",
    "Bloomberg Terminal Tips", "Fox News Parody", "The Onion", "Navy Pier Chicago Tours", "State Farm Insurance",
    "National Geographic Kids Fan", "Federal Hill Pizza", "Secret Service Escape Room", "Salvation Army Thrift Store",
    "Department of Fun", "Ministry of Magic Cosplay", "Space Force Memes", "Police Academy Movie Fans",
    "Supreme Court of Comedy", "CDC Sportswear", "NIH Cafe", "FBI Wine Bar", "NOAA Weather Nerds Club",
    "Washington Post Office Cafe", "Times Square Hotel", "Wall Street Journal Club", "The Guardian Bookshop",
    "David Muir Smith", "Lester Holtz", "Anderson Cooper Fan Page", "Rachel Maddow Memes",
)

_SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段钱汤尹黎易常武乔贺赖龚文"
_GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华玉萍红玲芬燕彩春菊凤洁梅琳云莲雪荣爱香月媛瑞凡佳嘉琼珍莉叶璐琦晶妍茜秋珊锦青倩婷婉颖露瑶怡丹蓉君琴蕊薇梦岚馨韵悦冰爽宁欣晓欢枫菲伊亚宜可舒思浩宇轩然子豪博文俊鹏辉飞鑫"
_ZH_NOUNS = ["美食", "旅行", "摄影", "日记", "小屋", "生活", "读书", "跑步", "吃货", "萌宠", "穿搭", "手工", "钓鱼",
             "音乐", "电影", "健身", "烘焙", "花园", "咖啡", "宝妈", "数码", "汽车", "房产", "育儿", "厨房", "天气",
             "新闻摘要", "资讯分享", "热点评论", "财经观察", "历史故事", "科普", "法律咨询", "教育", "考研", "英语"]
_ZH_PLACES = ["北京", "上海", "广州", "深圳", "成都", "杭州", "武汉", "西安", "南京", "重庆", "天津", "苏州", "长沙",
              "郑州", "青岛", "厦门", "大连", "昆明", "中国", "东北", "江南", "西北"]
_ZH_ADJ = ["快乐的", "爱笑的", "努力的", "安静的", "会飞的", "不吃香菜的", "晚睡的", "可爱的", "孤独的", "勇敢的"]
_EN_FIRST = ["James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "William", "Elizabeth",
             "David", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Chris", "Karen",
             "Daniel", "Nancy", "Matthew", "Lisa", "Anthony", "Betty", "Mark", "Sandra", "Steven", "Ashley",
             "Kevin", "Emily", "Brian", "Michelle", "Jason", "Amanda", "Wei", "Li", "Ming", "Hui", "Priya", "Omar",
             "Carlos", "Sofia", "Yuki", "Aisha", "Liam", "Noah", "Olivia", "Emma"]
_EN_LAST = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
            "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Taylor", "Moore", "Jackson", "Martin", "Lee",
            "Perez", "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen",
            "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson", "Hill", "Campbell", "Chen", "Wang",
            "Zhang", "Liu", "Patel", "Kim", "Nguyen", "Silva", "Müller", "Rossi", "Dubois"]
_EN_HOBBY = ["Photography", "Cooking", "Travels", "Fitness", "Gaming", "Music", "Art", "Books", "Crafts",
             "Garden", "Cats", "Dogs", "Running", "Coffee", "Vlogs", "Designs", "Baking", "Hiking", "Tech",
             "Fishing", "Yoga", "Makeup", "Cars", "Woodwork", "Comics", "Podcast", "Weather", "News Digest",
             "Daily", "Central", "National Parks Trips", "State Fair Fun", "Army Brat", "Navy Mom"]
_BIOS = ["热爱生活", "分享日常", "喜欢旅行和美食", "一个普通人", "工作使我快乐", "每天看新闻", "cat person",
         "dad, runner, coffee addict", "Views my own", "Love to travel", "Student", "Engineer by day",
         "Reads the news every morning", "Former intern at a newspaper", "Watching BBC News and CCTV daily",
         "", "", ""]


def _ordinary(rng: random.Random, i: int) -> Account:
    r = rng.random()
    if r < 0.45:
        name = rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.randint(1, 2)))
        style = rng.random()
        if style < 0.3:
            disp = name
        elif style < 0.55:
            disp = f"{rng.choice(_ZH_PLACES)}{rng.choice(_ZH_NOUNS)}{name}"
        elif style < 0.8:
            disp = f"{rng.choice(_ZH_ADJ)}{rng.choice(_ZH_NOUNS)}"
        else:
            disp = f"小{rng.choice(_GIVEN)}{rng.choice(_ZH_NOUNS)}"
        from pypinyin import lazy_pinyin

        handle = "".join(lazy_pinyin(name)) + (str(rng.randint(1, 9999)) if rng.random() < 0.6 else "")
    else:
        first, last = rng.choice(_EN_FIRST), rng.choice(_EN_LAST)
        style = rng.random()
        if style < 0.4:
            disp = f"{first} {last}"
        elif style < 0.7:
            disp = f"{first} {last} {rng.choice(_EN_HOBBY)}"
        elif style < 0.85:
            disp = f"{first}'s {rng.choice(_EN_HOBBY)}"
        else:
            disp = f"{rng.choice(_EN_HOBBY)} with {first}"
        handle = f"{first.lower()}{rng.choice(['', '_', '.'])}{last.lower()}{rng.randint(1, 999) if rng.random() < 0.5 else ''}"
    if rng.random() < 0.1:
        disp = disp + rng.choice(_EMOJI)
    return Account(platform=rng.choice(["weibo", "douyin", "x", "bilibili"]), account_id=f"ord-{i}",
                   display_name=disp, handle=handle, bio=rng.choice(_BIOS))


_ANCHOR_CTX_ZH = ["央视主播", "新闻联播主播", "CCTV主播", "央视新闻主持人", "主持人", "央视"]
_ANCHOR_CTX_EN = ["Anchor", "News Anchor", "CNN", "NBC News", "BBC News Presenter", "ABC News Anchor", "Host"]


def _pinyin_key(name: str) -> tuple[str, str]:
    from pypinyin import Style, lazy_pinyin

    return "".join(lazy_pinyin(name)), "".join(x[:1] for x in lazy_pinyin(name, style=Style.FIRST_LETTER))


def eval_cases(entities: Sequence[Entity], seed: int = 7, per_trick: int = 400,
               n_ordinary: int = 20000) -> list[Case]:
    """Labelled accounts: every trick on sampled entities, invented authorities, hard negatives, officials,
    verified exact-name accounts, and ordinary accounts."""
    rng = random.Random(seed)
    cases: list[Case] = []
    non_anchor = [e for e in entities if e.kind != "news_anchor"]
    anchors = [e for e in entities if e.kind == "news_anchor"]
    cjk_ents = [e for e in non_anchor if _is_cjk(e.names[0])]
    n = 0

    def acct(disp: str, handle: str | None = None, bio: str | None = None, verified: bool = False) -> Account:
        nonlocal n
        n += 1
        return Account(platform=rng.choice(["weibo", "douyin", "x", "bilibili"]), account_id=f"ev-{n}",
                       display_name=disp, handle=handle, bio=bio, verified=verified)

    neutral_handles = ["news_daily", "info2024", "hot_update", "kuaixun", "user"]
    for t in ENTITY_TRICKS:
        made = 0
        tries = 0
        pool = cjk_ents if t in ("traditional", "cjk_lookalike", "homophone", "pinyin_handle",
                                 "initials_handle") else non_anchor
        while made < per_trick and tries < per_trick * 30:
            tries += 1
            e = rng.choice(pool)
            if t == "alias":
                if len(e.names) < 2:
                    continue
                name = rng.choice(e.names[1:])
                obs: str | None = name
            elif t in ("pinyin_handle", "initials_handle"):
                name = rng.choice([x for x in e.names if _is_cjk(x)])
                full, inits = _pinyin_key(name)
                if t == "initials_handle" and len(inits) < 4:
                    continue
                core = full if t == "pinyin_handle" else inits
                handle = core + rng.choice(["", "_official", "_news", "2024", "_cn", "_gov", "-hq"])
                cases.append(Case(acct(rng.choice(["每日资讯", "热点快讯", "News Daily", "官方发布"]), handle=handle),
                                  "positive", t, e.entity_id))
                made += 1
                continue
            elif t == "bio_claim":
                name = rng.choice(e.names)
                bio = rng.choice([f"{name}官方账号", f"Official account of {name}", f"{name} 官方微博，权威发布",
                                  f"The official page of {name}."])
                cases.append(Case(acct(rng.choice(["资讯速递", "Update Desk", "权威发布"]), handle="u" + str(n),
                                       bio=bio), "positive", t, e.entity_id))
                made += 1
                continue
            else:
                name = e.names[0] if rng.random() < 0.6 else rng.choice(e.names)
                obs = trick(name, t, rng)
            if obs is None or obs == "" or (t != "exact" and t != "alias" and obs == name):
                continue
            cases.append(Case(acct(obs, handle=rng.choice(neutral_handles) + str(n)), "positive", t, e.entity_id))
            made += 1
    # news anchors: person name with context
    for _ in range(per_trick):
        e = rng.choice(anchors)
        zh = [x for x in e.names if _is_cjk(x)]
        en = [x for x in e.names if not _is_cjk(x)]
        style = rng.random()
        if zh and style < 0.35:
            nm = zh[0]
            disp = rng.choice([f"{rng.choice(_ANCHOR_CTX_ZH)}{nm}", f"{nm}｜{rng.choice(_ANCHOR_CTX_ZH)}",
                               f"{nm} {rng.choice(_ANCHOR_CTX_ZH)}"])
            a = acct(disp, handle="x" + str(n))
        elif style < 0.6:
            nm = (en or zh)[0]
            a = acct(f"{nm} {rng.choice(_ANCHOR_CTX_EN)}", handle="x" + str(n))
        elif style < 0.8:
            nm = (zh or en)[0]
            a = acct(nm, handle="x" + str(n), bio=rng.choice(["央视新闻主播", "CCTV news anchor", "新闻联播主持人",
                                                              "Anchor at NBC News", "CNN anchor and host"]))
        else:
            nm = (zh or en)[0]
            py = _pinyin_key(nm)[0] if _is_cjk(nm) else nm.replace(" ", "").lower()
            a = acct(trick(nm, rng.choice(["zero_width", "emoji_inserted", "exact"]), rng) or nm,
                     handle=f"{py}_{rng.choice(['cctv', 'anchor', 'news', 'zhubo'])}")
        cases.append(Case(a, "positive", "news_anchor", e.entity_id))
    for name in INVENTED_BLIND:
        cases.append(Case(acct(name, handle="i" + str(n)), "invented", "invented_blind", None))
    for name in HARD_NEGATIVES_BLIND:
        cases.append(Case(acct(name, handle="h" + str(n)), "hard_negative", "blind", None))
    for name in INVENTED:
        cases.append(Case(acct(name, handle="i" + str(n)), "invented", "invented_authority", None))
        alt = trick(name, rng.choice(["decoration", "emoji_inserted", "zero_width"]), rng)
        if alt:
            cases.append(Case(acct(alt, handle="i" + str(n)), "invented", "invented_authority", None))
    # hard negatives: hand-written, plus registry names inside longer non-decorative names
    for name in HARD_NEGATIVES:
        cases.append(Case(acct(name, handle="h" + str(n), bio="欢迎光临" if _is_cjk(name) else "Welcome!"),
                          "hard_negative", "handwritten", None))
    suffix_zh = ["书店", "粉丝后援会", "奶茶店", "主题餐厅", "考研资料", "同款周边", "读者俱乐部", "路小吃", "模型收藏"]
    suffix_en = ["Bookstore", "Fan Club", "Coffee House", "Pizza", "Memes", "Cosplay", "Trivia Team", "Thrift Store"]
    for _ in range(per_trick):
        e = rng.choice(non_anchor)
        name = rng.choice(e.names)
        if _is_cjk(name):
            disp = name + rng.choice(suffix_zh)
        else:
            disp = f"{name} {rng.choice(suffix_en)}" if rng.random() < 0.7 else f"{rng.choice(suffix_en)} of {name}"
        cases.append(Case(acct(disp, handle="h" + str(n)), "hard_negative", "name_plus_word", None))
    for e in anchors:  # same personal name, no outlet or anchor context
        nm = e.names[0]
        cases.append(Case(acct(nm, handle="p" + str(n), bio=rng.choice(["喜欢旅行", "Student", "Photographer", ""])),
                          "hard_negative", "namesake_person", None))
    # official accounts with their own exact name; verified exact-name accounts
    for e in rng.sample(list(entities), min(len(entities), per_trick)):
        if e.official_accounts:
            ref = e.official_accounts[0]
            cases.append(Case(Account(platform=ref.platform, account_id=ref.account_id, display_name=e.names[0],
                                      verified=True), "official", "own_account", e.entity_id))
    for e in rng.sample(non_anchor, min(len(non_anchor), per_trick // 2)):
        cases.append(Case(acct(e.names[0], verified=True), "verified", "verified_exact", e.entity_id))
    for i in range(n_ordinary):
        cases.append(Case(_ordinary(rng, i), "ordinary", "ordinary", None))
    return cases + variant_cases(entities, seed=seed, per_trick=per_trick)


# Tricks of a second, independent probe (written 2026-12-07 after the first set was met; the detector was then
# fixed against them, so they are development data): regional and romanised spellings, spelled-out initials,
# decorations in pinyin, and the abbreviated words of real registries. Their own random stream, so the cases
# above stay the same.
VARIANT_TRICKS = ("taiwan_phrasing", "pinyin_tones", "pinyin_spelling", "initials_spelled", "abbreviated_word",
                  "ampersand", "fancy_letters", "anchor_programme", "names_combined")
_SMALL_CAPS = dict(zip("abcdefghijklmnoprstuvwyz", "ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘʀꜱᴛᴜᴠᴡʏᴢ", strict=True))


def _fancy(name: str, style: str) -> str:
    """Unicode "fancy text" as generators write it: mathematical bold or script, circled, small capitals,
    negative squared capitals."""
    out = []
    for ch in name:
        up, low = "A" <= ch <= "Z", "a" <= ch <= "z"
        if style == "bold" and (up or low):
            ch = chr((0x1D400 if up else 0x1D41A) + ord(ch) - (65 if up else 97))
        elif style == "script" and (up or low):
            ch = chr((0x1D4D0 if up else 0x1D4EA) + ord(ch) - (65 if up else 97))
        elif style == "circled" and (up or low):
            ch = chr((0x24B6 if up else 0x24D0) + ord(ch) - (65 if up else 97))
        elif style == "small_caps":
            ch = _SMALL_CAPS.get(ch.lower(), ch)
        elif style == "negative_squared" and (up or low):
            ch = chr(0x1F170 + ord(ch.upper()) - 65)
        out.append(ch)
    return "".join(out)
_WORD_ABBR = {"Department": ["Dept.", "Dept", "Dpt."], "Government": ["Govt", "Gov't", "Govt."],
              "National": ["Nat'l", "Natl"], "International": ["Int'l", "Intl"], "Administration": ["Admin."],
              "Association": ["Assn.", "Assoc."], "University": ["Univ."], "Township": ["Twp", "Twp."],
              "District": ["Dist."], "Management": ["Mgmt"], "Authority": ["Auth."], "Institute": ["Inst."],
              "Police Department": ["PD"], "Fire Department": ["FD"], "Hospital": ["Hosp."], "Center": ["Ctr"]}
_WORD_ABBR_RE = re.compile(r"\b(" + "|".join(sorted(_WORD_ABBR, key=len, reverse=True)) + r")\b")


def _variant(name: str, t: str, rng: random.Random) -> tuple[str, str | None] | None:
    """(display name, handle) of trick `t` on `name`, None when it does not apply."""
    cjk = _is_cjk(name)
    if t == "taiwan_phrasing":  # Taiwan usage converts words, not only characters (信息 -> 資訊)
        tw = str(_converter("s2twp").convert(name)) if cjk else ""
        return (tw, None) if tw and tw != _s2t(name) else None
    if t in ("pinyin_tones", "pinyin_spelling", "initials_spelled"):
        if not cjk:
            return None
        from pypinyin import Style, lazy_pinyin

        syl = lazy_pinyin(name)
        if t == "pinyin_tones":
            return " ".join(lazy_pinyin(name, style=Style.TONE)), None
        if t == "pinyin_spelling":
            u = rng.choice(["v", "u", "yu"])
            syl = [x.replace("v", u) for x in syl]
            core = rng.choice(["".join(syl), "_".join(syl), "".join(x.capitalize() for x in syl)])
            return rng.choice(["每日资讯", "热点快讯"]), core + rng.choice(["", "_guanfang", "_gf", "_xinwen", "_fabu"])
        inits = [x[0] for x in syl if x]
        if len(inits) < 4:
            return None
        if rng.random() < 0.5:
            return rng.choice(["每日资讯", "热点快讯"]), rng.choice([".", "_", "-"]).join(inits)
        return "".join(inits).upper() + rng.choice(["官方", "", " Official", "新闻"]), None
    if t == "anchor_programme":  # an anchor with the outlet and programme as viewers know them
        if cjk:
            prog = rng.choice(["朝闻天下", "新闻30分", "焦点访谈", "东方时空", "新闻直播间", "晚间新闻"])
            return rng.choice([f"{prog}{name}", f"{name}｜{prog}", f"{name} {prog}主播"]), None
        outlet = rng.choice(["NBC", "ABC", "CBS", "BBC", "CNN"])
        prog = rng.choice(["Nightly News", "World News Tonight", "Evening News", "Newsnight"])
        return rng.choice([f"{name} {outlet} {prog}", f"{name} | {outlet} {prog}", f"{outlet} {prog} {name}"]), None
    if cjk:
        return None
    if t == "abbreviated_word":
        if not _WORD_ABBR_RE.search(name):
            return None
        return _WORD_ABBR_RE.sub(lambda m: rng.choice(_WORD_ABBR[m.group(1)]), name), None
    if t == "ampersand":
        return (name.replace(" and ", " & "), None) if " and " in name else None
    if t == "fancy_letters":
        if not any("A" <= ch <= "Z" or "a" <= ch <= "z" for ch in name):
            return None
        styles = ["bold", "script", "circled", "small_caps"] + (["negative_squared"] if len(name) <= 12 else [])
        return _fancy(name, rng.choice(styles)), None
    raise ValueError(t)


def variant_cases(entities: Sequence[Entity], seed: int = 7, per_trick: int = 400) -> list[Case]:
    rng = random.Random(seed * 7919 + 1)
    cases: list[Case] = []
    names = [(e, x) for e in entities if e.kind != "news_anchor" for x in e.names]
    anchors = [(e, x) for e in entities if e.kind == "news_anchor" for x in e.names]
    for t in VARIANT_TRICKS:
        if t == "names_combined":  # one body named twice: "CDC - Centers for ...", "People's Daily 人民日报"
            multi = [e for e in entities if e.kind != "news_anchor" and len(e.names) >= 2]
            for i, e in enumerate(rng.sample(multi, min(per_trick, len(multi)))):
                a, b = rng.sample(list(e.names), 2)
                disp = rng.choice([f"{a} - {b}", f"{a} ({b})", f"{a} {b}", f"{a}｜{b}", f"{a}: {b}"])
                cases.append(Case(Account(platform="weibo", account_id=f"var-{t}-{i}", display_name=disp,
                                          handle=f"user{i}"), "positive", t, e.entity_id))
            continue
        pool = [(e, x) for e, x in (anchors if t == "anchor_programme" else names)
                if _variant(x, t, random.Random(0)) is not None]
        for i, (e, x) in enumerate(rng.sample(pool, min(per_trick, len(pool)))):
            made = _variant(x, t, rng)
            if made is None:
                continue
            disp, handle = made
            cases.append(Case(Account(platform="weibo", account_id=f"var-{t}-{i}", display_name=disp,
                                      handle=handle or f"user{i}"), "positive", t, e.entity_id))
    return cases


# ------------------------------------------------------------------ benchmark inputs


def bench_registry(n_names: int, dotgov_dir: Path | None, seed: int = 1) -> list[Entity]:
    """About `n_names` names: the evaluation registry, then synthetic local bodies built from real
    dotgov place names (City of X / X County Sheriff's Office / X 市公安局 ...)."""
    rng = random.Random(seed)
    ents = eval_registry(dotgov_dir)
    count = sum(len(e.names) for e in ents)
    places = sorted({re.sub(r"^(City|Town|Village|County|Township) of ", "", e.names[0]).split(" County")[0]
                     for e in ents if e.entity_id.startswith("gov-")}) or ["Springfield", "Riverside", "Fairview"]
    zh_places = _ZH_PLACES + ["石家庄", "太原", "沈阳", "长春", "哈尔滨", "济南", "合肥", "福州", "南昌", "南宁",
                              "海口", "贵阳", "兰州", "西宁", "银川", "乌鲁木齐", "拉萨", "呼和浩特", "无锡", "宁波"]
    en_bodies = ["Police Department", "Sheriff's Office", "Fire Department", "Public Library", "School District",
                 "Water Authority", "Health Department", "Municipal Court", "Election Office", "Parks and Recreation",
                 "Housing Authority", "Transit Authority", "Department of Public Works", "Emergency Management"]
    zh_bodies = ["市公安局", "市人民政府", "市卫生健康委员会", "市教育局", "市市场监督管理局", "市应急管理局", "市气象局",
                 "市中级人民法院", "市人民检察院", "日报", "广播电视台", "市疾病预防控制中心", "市交通运输局", "晚报"]
    i = 0
    seen: set[str] = {n.casefold() for e in ents for n in e.names}
    while count < n_names:
        if rng.random() < 0.7:
            name = f"{rng.choice(places)} {rng.choice(en_bodies)}"
            kind = "government"
        else:
            zp = rng.choice(zh_places) + (rng.choice(zh_places) if rng.random() < 0.8 else "")
            b = rng.choice(zh_bodies)
            name = zp + b
            kind = "news_media" if b in ("日报", "晚报", "广播电视台") else "government"
        if name.casefold() in seen:
            i += 1
            if i > n_names * 5:
                break
            continue
        seen.add(name.casefold())
        ents.append(Entity(entity_id=f"syn-{len(ents):06d}", kind=kind, names=[name]))  # type: ignore[arg-type]
        count += 1
    return ents


def bench_accounts(n: int, entities: Sequence[Entity], seed: int = 3,
                   impostor_rate: float = 0.02) -> Iterator[tuple[Account, str | None]]:
    """`n` accounts: mostly ordinary, `impostor_rate` impersonating a random entity with a random trick.
    Yields (account, true entity_id or None)."""
    rng = random.Random(seed)
    tricks = [t for t in ENTITY_TRICKS if t not in ("alias", "pinyin_handle", "initials_handle", "bio_claim")]
    ents = [e for e in entities if e.kind != "news_anchor"]
    for i in range(n):
        if rng.random() < impostor_rate:
            e = rng.choice(ents)
            name = rng.choice(e.names)
            obs = trick(name, rng.choice(tricks), rng) or name
            yield Account(platform="weibo", account_id=f"b-{i}", display_name=obs, handle=f"h{i}"), e.entity_id
        else:
            a = _ordinary(rng, i)
            yield Account(platform=a.platform, account_id=f"b-{i}", display_name=a.display_name,
                          handle=a.handle, bio=a.bio), None
