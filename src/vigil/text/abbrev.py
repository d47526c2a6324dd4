"""Abbreviations of registry names, generated (not listed): English acronyms and Chinese short forms.

Impersonators use the short form people know ("CDC", "疾控中心", "卫健委", "央视") and a registry often lists
only the official name. `abbreviations(name)` returns (short form, rank) pairs, rank 0 the most standard:

- English: initials of the significant words ("Federal Bureau of Investigation" -> FBI), with "of" kept for
  "Department of X" (DOJ), without a leading "United States"/"Department of" (CBP, HHS), without a trailing
  "and X" or "of <place>" (Centers for Disease Control and Prevention -> CDC). Hyphenated words count as
  words (Agence France-Presse -> AFP). Only 3-7 letters.
- Chinese, by the usual rules of 简称: the name is split into a state prefix (中华人民共和国, 中国, 国家, ...),
  content words (ICU word break) and an institutional head (委员会, 办公室, 总局, 大学, ...); the prefix is
  dropped, kept or cut to one character, 人民 and conjunctions (和/与) may go, each content word keeps its
  first character (the first may stay whole), the head keeps its short form (委员会 -> 委, 大学 -> 大), and a
  small table of fixed contractions covers the irregular ones (中央 -> 央, 电视台 -> 视, 人民代表大会 -> 人大,
  政治协商会议 -> 政协, 监督管理 -> 监管/监, 互联网 -> 网). Rank 1 adds three usual omissions: a contraction
  that is the whole name (中国人民政治协商会议全国委员会 -> 政协), a unit's contraction without 部队
  (中国人民武装警察部队 -> 武警), and a provincial or city bureau by place and field (北京市公安局 -> 北京公安).

Callers fold the forms like any name; the detector accepts one only as the whole observed name (plus
decoration), never inside other words.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from functools import lru_cache
from typing import Any

from vigil.text.icuwords import segments
from vigil.text.places import is_real_place, short_form

MAX_CJK_FORMS = 16
_EN_STOP = frozenset({
    "of", "the", "and", "for", "&", "on", "in", "at", "to", "a", "an",
    # the function words of other Latin-script names ("Ministère de l'Europe et des Affaires étrangères" -> MEAE,
    # "Bundesamt für Verfassungsschutz" -> BfV); not los/las/el, which US place names keep (LAPD)
    "de", "du", "la", "le", "des", "d", "l", "et", "y", "e", "da", "das", "do", "dos", "di", "della", "delle", "dei",
    "degli", "del", "der", "die", "den", "dem", "und", "für", "fur", "von", "van", "het", "voor", "en"})
_LETTER = "A-Za-z\u00C0-\u024F\u1E00-\u1EFF\u0370-\u03FF\u0400-\u04FF"  # Latin (accents, Vietnamese), Greek, Cyrillic
_EN_SPLIT = re.compile(f"[{_LETTER}][{_LETTER}']*")
_ELISION = re.compile(r"\b([ldLD])['’]")  # l'Europe, d'allocations: the article is a word of its own


def _words(name: str) -> list[str]:
    return _EN_SPLIT.findall(_ELISION.sub(r"\1 ", name).replace("-", " "))


def _bare(letter: str) -> str:
    """A letter without its accents (É -> E, Ố -> O): acronyms are written without them."""
    return "".join(c for c in unicodedata.normalize("NFD", letter) if not unicodedata.combining(c))


def _initials(text: str) -> str:
    return "".join(w[0].lower() for w in _words(text) if w.lower() not in _EN_STOP)


_LOCAL_WORDS = frozenset({"city", "town", "village", "borough", "county", "township", "parish", "municipality",
                          "school", "district"})


def english_acronyms(name: str) -> list[tuple[str, int]]:
    """Acronyms of a Latin-, Greek- or Cyrillic-script name (upper case), rank 0 first."""
    words = _words(name)
    low = [w.lower() for w in words]
    sig = [w for w in low if w not in _EN_STOP]
    if _LOCAL_WORDS.intersection(low):
        return []  # local bodies ("City of Del City") are rarely known by their initials, and collide often
    written = _written_variants(words)
    if len(sig) < 3 and "department" not in low:
        # fewer than three initials and no "Department of X" (DOJ): only the British forms that keep "of"/"for"
        # (MoD, DfE, BoM) reach three letters
        return sorted(written.items(), key=lambda kv: (kv[1], kv[0]))
    # word-slice variants: the whole name; without a leading United States / U.S. / Department of (the);
    # without a trailing "and X" or "of <Capitalised place>"
    starts = [(0, 0)]
    i = 1 if low and low[0] == "the" else 0
    if low[i : i + 2] == ["united", "states"] or low[i : i + 2] == ["u", "s"]:
        i += 2
    elif low[i : i + 1] == ["us"]:
        i += 1
    if i:
        starts.append((i, 1))
    dept = -1
    if low[i : i + 2] == ["department", "of"]:
        dept = i + 2 + (1 if low[i + 2 : i + 3] == ["the"] else 0)
        if len(low) - dept >= 2:
            starts.append((dept, 1))
    ends = [(len(low), 0)]
    if len(low) >= 3 and low[-2] in ("and", "&"):
        ends.append((len(low) - 2, 1))
    if len(low) >= 4 and low[-2:] == ["российской", "федерации"]:
        ends.append((len(low) - 2, 1))  # Министерство внутренних дел Российской Федерации -> МВД
    for j in range(len(low) - 2, max(1, len(low) - 8), -1):
        if low[j] == "of" and all(w[:1].isupper() or w.lower() in _EN_STOP for w in words[j + 1 :]):
            ends.append((j, 1))
    out: dict[str, int] = {}
    for a, ra in starts:
        for b, rb in ends:
            ac = _bare("".join(w[0] for w in low[a:b] if w not in _EN_STOP)).upper()
            rank = ra + rb
            if 3 <= len(ac) <= 7 and rank < out.get(ac, 99):
                out[ac] = rank
    if dept >= 0 and dept == i + 2:  # DOJ, DOE, DOD (not "Department of the Treasury")
        ac = ("DO" + "".join(w[0] for w in low[dept:] if w not in _EN_STOP)).upper()
        if 3 <= len(ac) <= 7:
            out[ac] = 0
    for ac, rank in written.items():
        out.setdefault(ac, rank)
    plain = " ".join(w for w in low if w != "the")
    for prefix in ("u s ", "united states ", "us "):  # U.S. Special Operations Command -> SOCOM
        plain = plain.removeprefix(prefix)
    for ac in _KNOWN_ACRONYMS.get(plain, ()):
        out[ac] = 0
    return sorted(out.items(), key=lambda kv: (kv[1], kv[0]))


_KNOWN_ACRONYMS: dict[str, tuple[str, ...]] = {  # irregular acronyms of well-known bodies, by their name's words
    "joint united nations programme on hiv aids": ("UNAIDS",),
    "united nations children's fund": ("UNICEF",),
    "international federation of red cross and red crescent societies": ("IFRC",),
    "international criminal police organization": ("INTERPOL",),
    "european union agency for law enforcement cooperation": ("EUROPOL",),
    "organisation for economic co operation and development": ("OECD",),
    "organization for economic co operation and development": ("OECD",),
    "european centre for disease prevention and control": ("ECDC",),
    "bureau of alcohol tobacco firearms and explosives": ("ATF",),
    "japan broadcasting corporation": ("NHK",),
    "secret intelligence service": ("MI6",),
    "government communications headquarters": ("GCHQ",),
    "chinese people's liberation army": ("PLA",),
    "china central television": ("CCTV",),
    "chinese center for disease control and prevention": ("CHINACDC",),
    # the US unified combatant commands, named by a clipped word and COM
    "transportation command": ("TRANSCOM", "USTRANSCOM"), "special operations command": ("SOCOM", "USSOCOM"),
    "central command": ("CENTCOM", "USCENTCOM"), "strategic command": ("STRATCOM", "USSTRATCOM"),
    "cyber command": ("CYBERCOM", "USCYBERCOM"), "space command": ("SPACECOM", "USSPACECOM"),
    "european command": ("EUCOM", "USEUCOM"), "africa command": ("AFRICOM", "USAFRICOM"),
    "northern command": ("NORTHCOM", "USNORTHCOM"), "southern command": ("SOUTHCOM", "USSOUTHCOM"),
    "indo pacific command": ("INDOPACOM", "USINDOPACOM"),
}


@lru_cache(maxsize=1)
def country_codes() -> tuple[str, ...]:
    """The ISO 3166 codes of the countries and territories ICU knows."""
    import icu

    return tuple(icu.Locale.getISOCountries())


@lru_cache(maxsize=2048)
def country_name(code: str, lang: str = "en") -> str:
    """The name ICU (CLDR) gives the country `code` in language `lang`: JP -> "Japan", ("NL", "zh") -> "荷兰"."""
    import icu

    return str(icu.Locale("", code).getDisplayCountry(icu.Locale(lang)))


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """English names of the countries and territories ICU knows (CLDR), lower case: "japan", "new zealand"."""
    out = set(COUNTRY_ALIASES)
    for code in country_codes():
        out.add(" ".join(w.lower() for w in _words(country_name(code).replace("&", "and"))))
    return frozenset(out)


COUNTRY_ALIASES = {  # official or usual names ICU does not give -> ICU's name
    "korea": "south korea", "republic of korea": "south korea", "great britain": "united kingdom",
    "britain": "united kingdom", "russian federation": "russia", "people's republic of china": "china",
    "the netherlands": "netherlands", "czech republic": "czechia", "viet nam": "vietnam", "turkey": "türkiye",
}


_PLACE_LEVELS = frozenset({"provincial", "municipal", "prefectural", "autonomous"})
"""Level words after a place in the English names of Chinese bodies (Liaoning Provincial, Beijing Municipal)."""


@lru_cache(maxsize=1)
def _country_first() -> frozenset[str]:
    return frozenset(c.split()[0] for c in country_names())


@lru_cache(maxsize=1)
def _country_last() -> frozenset[str]:
    return frozenset(c.split()[-1] for c in country_names())


_COUNTRY_LINKS = (("of",), ("of", "the"), ("of", "the", "people's", "republic", "of"), ("of", "the", "republic", "of"),
                  ("of", "republic", "of"))


def place_bound_acronyms(name: str) -> list[tuple[str, str]]:
    """Acronyms of a Latin-script name without the place it starts or ends with, each with that place (lower
    case): ("MOFA", "japan") of Ministry of Foreign Affairs of Japan, ("MOH", "singapore") of Ministry of Health
    Singapore, ("CDC", "liaoning") of Liaoning Provincial Center for Disease Control and Prevention. The place
    is a country (ICU's names) or a word before a level word (Provincial, Municipal, ...). Such a form names the
    body only with its place beside it ("MOFA Japan"): alone it is every country's ministry."""
    words = _words(name)
    low = [w.lower() for w in words]
    if low[:1] == ["the"]:
        words, low = words[1:], low[1:]
    if len(low) < 3 or not (low[0] in _country_first() or low[-1] in _country_last() or
                            not _PLACE_LEVELS.isdisjoint(low[1:4])):
        return []  # the common case: no country at either end, no level word after a place
    countries = country_names()
    cuts: list[tuple[list[str], str]] = []
    for k in (3, 2, 1):  # a leading place: a country, or capitalised words before a level word
        if len(low) <= k + 1:
            continue
        head = " ".join(low[:k])
        if head in countries:
            cuts.append((words[k:], head))
        elif low[k] in _PLACE_LEVELS and all(w[:1].isupper() for w in words[: k + 1]) and len(low) > k + 2:
            cuts.append((words[k + 1 :], head))
    for k in (3, 2, 1):  # a trailing country, with or without "of (the)"
        tail = " ".join(low[-k:])
        if len(low) <= k + 1 or tail not in countries:
            continue
        cut = len(low) - k  # the longest connecting phrase goes too: "... of the People's Republic of" China
        cut -= max((len(c) for c in _COUNTRY_LINKS if low[max(0, cut - len(c)) : cut] == list(c)), default=0)
        cuts.append((words[:cut], tail))
    out: dict[tuple[str, str], None] = {}
    for rest_words, place in cuts:
        if len(rest_words) < 2 or rest_words[0].lower() in _EN_STOP:
            continue
        for ac, _rank in english_acronyms(" ".join(rest_words)):
            out[(ac, place)] = None
    return list(out)


_KEPT_SMALL_WORDS = frozenset({"of", "for", "für", "fur"})  # MoD, DfE, BfV


def _written_variants(words: list[str]) -> dict[str, int]:
    """Acronyms that follow how the name is written (rank 1): "of"/"for" kept as a letter (Ministry of Defence
    -> MOD, Department for Education -> DFE), a word in capitals kept whole (UK Health Security Agency ->
    UKHSA), and lower-case words of a capitalised name left out (Medicines and Healthcare products Regulatory
    Agency -> MHRA)."""
    def letters(w: str, keep_small: bool, whole_caps: bool, skip_lower: bool) -> str:
        lw = w.lower()
        if lw in _KEPT_SMALL_WORDS and keep_small:
            return lw[0]
        if lw in _EN_STOP:
            return ""
        if whole_caps and w.isupper() and 2 <= len(w) <= 4:
            return lw
        if skip_lower and w.islower():
            return ""
        return lw[0]

    out: dict[str, int] = {}
    capitalised = sum(1 for w in words if w[:1].isupper())
    for keep_small, whole_caps, skip_lower in ((True, False, False), (False, True, False), (False, False, True)):
        if skip_lower and capitalised < 3:
            continue
        ac = _bare("".join(letters(w, keep_small, whole_caps, skip_lower) for w in words)).upper()
        if 3 <= len(ac) <= 7:
            out.setdefault(ac, 1)
    return out


# ----------------------------------------------------------------------------- Chinese

_PREFIXES: dict[str, tuple[str, ...]] = {  # a state prefix and its forms in a short name ("" = dropped)
    "中国共产党": ("", "中共"),
    "中国科学院": ("中科院", "", "中国科学院"),  # 中国科学院微生物研究所 -> 中科院微生物所
    "中国社会科学院": ("社科院", "", "中国社会科学院"),
    "中华人民共和国": ("",),
    "中国人民解放军": ("", "解放军"),
    "中国人民武装警察部队": ("武警",),  # 中国人民武装警察部队山东省总队 -> 武警山东省总队
    "中国": ("", "中", "中国"),
    "国家": ("国家", "国", ""),
    "中央": ("中央", "央", "中", ""),
    "全国": ("全国", ""),
    "国务院": ("国务院", "", "国"),
}
_HEADS: dict[str, tuple[str, ...]] = {  # institutional head noun -> its forms, the usual short one first
    "委员会": ("委", "委员会"), "办公室": ("办", "办公室"), "办公厅": ("办", "办公厅"), "科学院": ("科院", "院", "科学院"),
    "研究院": ("院", "研究院"), "研究所": ("所", "研究所"), "管理局": ("局", "管理局"), "管理总局": ("总局", "管理总局"),
    "总局": ("总局",), "大学": ("大", "大学"), "博物馆": ("博", "博物馆"), "图书馆": ("图", "图书馆"),
    "通讯社": ("社", "通讯社"), "人民政府": ("政府", "人民政府"), "人民法院": ("法", "法院", "人民法院"),
    "人民检察院": ("检", "检察院", "人民检察院"), "法院": ("法", "法院"), "检察院": ("检", "检察院"),
    "银行": ("行", "银行"), "广播电视总台": ("台", "总台"), "广播电视台": ("台",), "电视台": ("视", "电视台"), "中心": ("中心",), "部队": ("部队",), "战区": ("战区",),
    "总署": ("总署",), "日报": ("日", "报", "日报"), "时报": ("时", "时报"), "部": ("部",), "局": ("局",),
    "署": ("署",), "院": ("院",), "厅": ("厅",), "委": ("委",), "办": ("办",), "社": ("社",), "报": ("报",),
    "军": ("军",), "馆": ("馆",), "台": ("台",),
}
_CONTRACT: dict[str, tuple[str, ...]] = {  # irregular contractions of a word inside a name
    "人民代表大会": ("人大",), "政治协商会议": ("政协",), "监督管理": ("监管", "监"), "互联网": ("网",),
    "国家安全": ("国安",), "人力资源": ("人",), "社会保障": ("社",), "卫生健康": ("卫健",), "人民解放军": ("解放军",),
    "疾病预防控制": ("疾控",), "纪律检查": ("纪",), "国有资产监督管理": ("国资",), "证券监督管理": ("证监",),
    "银行保险监督管理": ("银保监",), "发展和改革": ("发改",), "发展改革": ("发改",),
}
_KNOWN_SHORT: dict[str, tuple[str, ...]] = {  # irregular short forms of well-known bodies, by their full name
    "中国人民银行": ("央行", "人行"), "中国共产主义青年团中央委员会": ("共青团中央", "团中央"),
    "国家民族事务委员会": ("国家民委", "民委"), "香港特别行政区政府": ("港府", "特区政府"), "澳门特别行政区政府": ("澳府",),
    "中国人民解放军驻香港部队": ("驻港部队",), "中国人民解放军驻澳门部队": ("驻澳部队",),
    "故宫博物院": ("故宫",), "国家图书馆": ("国图",), "中央人民广播电台": ("央广", "中央台"),
    "中央广播电视总台": ("总台", "央视"), "解放军报": ("军报",), "中国共产党中央委员会": ("中共中央", "党中央"),
    "全国人民代表大会常务委员会": ("全国人大常委会", "人大常委会"), "北京大学第三医院": ("北医三院",),
    "香港电视广播有限公司": ("无线电视", "无线", "tvb"), "湖南广播电视台": ("芒果台", "湖南卫视"),
}
_COURT_LEVELS = {"中级": "中院", "高级": "高院"}
_SATELLITE_HEADS = frozenset({"广播电视台", "广播电视总台", "电视台"})
"""A provincial broadcaster is known by its satellite channel: 江苏省广播电视总台 -> 江苏卫视."""
_CUTS = frozenset(x for v in _CONTRACT.values() for x in v)
_CONTRACT_KEYS = tuple(_CONTRACT)
_CONTENT_WORDS = (*_CONTRACT, "人民")
_HEADS_LONGEST = tuple(sorted(_HEADS, key=len, reverse=True))
_DROP = frozenset({"和", "与", "及", "的", "暨"})
_SCOPE_WORDS = frozenset({"人民", "全国"})
"""Content words a short form may leave out entirely around a contraction (人民政协 -> 政协)."""
_DROPPABLE_HEADS = frozenset({"部队"})
"""Heads a unit's short form drops (武装警察部队 -> 武警)."""
_LOCAL_HEADS = frozenset({"局", "厅"})
"""Heads of provincial and city bureaus, named by place and field (广东省公安厅 -> 广东公安)."""
_GENERIC_FORMS = frozenset({"中国", "国家", "中央", "全国", "人民", "政府", "中心", "总局", "总署", "部队", "战区",
                            "中国银行", "人民政府"})


def _icu_words(s: str) -> list[str]:
    """ICU word break; a lone character joins the word before it (信息/化 -> 信息化, 新/华 -> 新华). A leading
    place the dictionary lacks stays one word (内|蒙古 -> 内蒙古, 锡|林|郭|勒 -> 锡林郭勒)."""
    words = segments(s)
    place = next((s[:k] for k in range(min(6, len(s) - 1), 1, -1) if is_real_place(s[:k])), "")
    if words and len(place) > len(words[0]):
        words = [place, *segments(s[len(place) :])]
    merged: list[str] = []
    for w in words:
        if w in _DROP:
            continue
        if len(w) == 1 and merged and (len(merged[-1]) == 1 or merged[-1] not in _CONTRACT):
            merged[-1] += w
        else:
            merged.append(w)
    return merged


def _split(name: str) -> tuple[list[str], list[str], str]:
    """(prefix words, content words, head) of a Chinese name."""
    rest = name
    prefix: list[str] = []
    while True:
        p = next((p for p in _PREFIXES if rest.startswith(p) and len(rest) > len(p)), None)
        if p is None or rest.startswith(_CONTRACT_KEYS):
            break
        prefix.append(p)
        rest = rest[len(p) :]
    head = "" if rest.endswith(_CONTRACT_KEYS) else next((h for h in _HEADS_LONGEST if rest.endswith(h)), "")
    if head in ("管理局", "管理总局") and rest[: len(rest) - len(head)].endswith("监督"):
        head = head[2:]  # 市场监督管理局: the field is 监督管理 (监管), the head only 局
    rest = rest[: len(rest) - len(head)]
    content: list[str] = []
    while rest:  # fixed contractions and 人民 first, ICU word break for the rest
        hits = [(rest.index(c), c) for c in _CONTENT_WORDS if c in rest]
        if not hits:
            content.extend(_icu_words(rest))
            break
        i, c = min(hits, key=lambda x: (x[0], -len(x[1])))
        if i:
            content.extend(_icu_words(rest[:i]))
        content.append(c)
        rest = rest[i + len(c) :]
    return prefix, [w for w in content if w not in _DROP], head


def _firsts(words: list[str]) -> list[str]:
    """Each word cut to its first character (or its fixed contraction); 人民 may also go."""
    parts: list[tuple[str, ...]] = []
    for w in words:
        if w in _CONTRACT:
            parts.append(_CONTRACT[w])
        elif w == "人民":
            parts.append(("人", "") if len(words) > 1 else ("人",))
        else:
            parts.append((w[0],))
    return ["".join(c) for c in itertools.product(*parts)]


PLACES = tuple(sorted((
    "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西",
    "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海", "台湾", "内蒙古",
    "广西", "西藏", "宁夏", "新疆", "香港", "澳门", "广州", "深圳", "南京", "杭州", "武汉", "成都", "西安", "苏州",
    "长沙", "郑州", "济南", "青岛", "沈阳", "大连", "哈尔滨", "长春", "福州", "厦门", "昆明", "贵阳", "南宁", "合肥",
    "南昌", "太原", "石家庄", "兰州", "乌鲁木齐", "呼和浩特", "银川", "西宁", "拉萨", "海口", "宁波", "无锡",
    "中山", "佛山", "东莞", "珠海", "汕头", "温州", "常州", "徐州", "扬州", "烟台", "潍坊", "洛阳", "桂林", "三亚",
    "绍兴", "嘉兴", "台州", "泉州", "漳州", "南通", "镇江", "湛江", "江门", "惠州", "唐山", "保定", "邯郸", "大同"),
    key=len, reverse=True))
"""Provinces and big cities: a name made of one of them is a place, and hospitals drop them (北京协和医院 -> 协和医院)."""


_UNIVERSITY_HOSPITAL = re.compile("^[\u4e00-\u9fff]{2,6}?(?:医科)?大学(?:医学院)?(?:附属)?([\u4e00-\u9fff]{2,}医院)$")
_NUMBERED_HOSPITAL = re.compile(
    "^([\u4e00-\u9fff]{2,4}?)(医科)?大学(?:医学院)?(?:附属)?第([一二三四五六七八九十]{1,2})(?:人民|临床)?医院$")
_AFFILIATION = re.compile("^(?:大学|医科大学)?(?:医学院)?(?:附属)?")
_GENERIC_HOSPITAL = re.compile("^第|人民|中医|中西医|妇幼|儿童|肿瘤|传染|精神|口腔|眼科|骨科|妇产|中心|区|县")
"""A hospital whose name without its city is generic (第一人民医院, 儿童医院): every city has one."""


def _place_forms(name: str, add: Any) -> None:
    """Short forms that drop or are a place: a hospital without its city (北京协和医院 -> 协和医院), a university
    by its name without 大学 unless that name is a place (复旦大学 -> 复旦, 清华大学 -> 清华; not 浙江), a
    university's numbered hospital by the university and its number (浙江大学医学院附属第一医院 -> 浙大一院,
    中山大学附属第一医院 -> 中山一院: with the number the place is no longer ambiguous)."""
    numbered = _NUMBERED_HOSPITAL.match(name)
    if numbered:
        uni, medical, n = numbered.group(1), numbered.group(2), numbered.group(3)
        if medical:
            shorts = [uni[0] + "医大", uni + "医大"]  # 中国医科大学 -> 中医大, 中国医大
        elif len(uni) == 2:
            shorts = [uni[0] + "大", uni]  # 浙江大学 -> 浙大, 浙江
        else:
            shorts = [uni]
        for short in shorts:
            add(short + n + "院", 1)
            add(short + "附" + n + "院", 1)
        return
    if name.endswith("医院"):
        m = _UNIVERSITY_HOSPITAL.match(name)
        if m and len(m.group(1)) >= 4 and not _GENERIC_HOSPITAL.search(m.group(1)):
            add(m.group(1), 1)  # 中南大学湘雅医院 -> 湘雅医院
        for place in PLACES:
            for p in (place + "市", place + "省", place):
                if name.startswith(p):
                    rest = _AFFILIATION.sub("", name[len(p):])  # 四川大学华西医院 -> 华西医院
                    if len(rest) >= 4 and not _GENERIC_HOSPITAL.search(rest):
                        add(rest, 1)
                    return
    if name.endswith("大学") and len(name) == 4 and name[:2] not in PLACES:
        add(name[:2], 1)


def chinese_short_forms(name: str) -> list[tuple[str, int]]:
    """Short forms of a Chinese name (simplified, no spaces), with a rank (0 = the usual rules)."""
    if len(name) < 4:
        return []
    prefix, content, head = _split(name)
    if not content and not head:
        return []
    hforms = _HEADS.get(head, ("",))
    h_short = hforms[0]
    pre_opts = list(itertools.product(*(_PREFIXES[p] for p in prefix)))
    forms: dict[str, int] = {}

    # without an institutional head ("广东发布", "南方周末") two characters say too little (广发 is a bank)
    min_len = 2 if head else 3

    def add(form: str, rank: int) -> None:
        if "市市" in form:  # a city's 市 and a field starting with 市 are written once: 北京市市监局 -> 北京市监局
            add(form.replace("市市", "市"), rank)
        ok = (len(form) >= min_len or (len(form) == 2 and form in _CUTS)) and form != name and form not in _GENERIC_FORMS and form not in _HEADS
        if ok and rank < forms.get(form, 99):
            forms[form] = rank

    whole = "".join(content)
    if prefix and whole + head != name and (head or len(whole) >= 3):
        add(whole + head, 0)  # 中华人民共和国国务院 -> 国务院, 中国人民解放军火箭军 -> 火箭军
        for short in (x for p in prefix for x in _PREFIXES[p] if len(x) >= 2 and x != p):
            add(short + whole + head, 1)  # the prefix's own short form: 武警山东省总队, 解放军火箭军
    head_cut = len(h_short) < len(head) and (len(h_short) == 1 or not head.endswith(h_short))
    for h in hforms:
        if content and h != head and len(h) >= 2 and head.endswith(h):  # 北京市人民政府 -> 北京市政府, 最高人民法院 -> 最高法院
            add(whole + h, 1)
    if len(content) == 1 and len(whole) == 2 and head_cut:
        add(whole + h_short, 1)  # 最高人民法院 -> 最高法, 新华通讯社 -> 新华社
    cut_content: list[tuple[str, int]] = []
    single_ok = head_cut or content[:1] == [w for w in content if w in _CONTRACT][:1] or (len(head) == 1 and prefix)
    if content and (len(content) >= 2 or single_ok):
        cut_content += [(c, 0) for c in _firsts(content)]  # 科学技术 -> 科技, 北京+大学 -> 北大
    if len(content) >= 3:
        cut_content += [(c, 0) for c in _firsts([content[0], content[-1]])]  # 疾病预防控制 -> 疾控
    if len(content) >= 2:
        cut_content += [(content[0] + c, 1) for c in _firsts(content[1:])]  # 市场监督管理 -> 市场监管
    if not content and len(h_short) < len(head):
        cut_content.append(("", 0))  # 中央电视台 -> 央视, 中国国家博物馆 -> 国博
    core = [w for w in content if w not in _SCOPE_WORDS]
    if len(core) == 1 and core[0] in _CONTRACT and len(content) > 1:  # 国家安全部 stays 国安部 (国安: a club)
        for c in _CONTRACT[core[0]]:  # the contraction is the name: 中国人民政治协商会议全国委员会 -> 政协
            if len(c) >= 2:
                add(c, 1)
    if head in _DROPPABLE_HEADS and len(core) >= 2:
        for c in _firsts(core):  # a unit is known by its contraction alone: 中国人民武装警察部队 -> 武警
            add(c, 1)
    if (head in _LOCAL_HEADS and len(content) == 2 and len(content[0]) >= 3 and content[0][-1] in "省市"
            and content[1] not in _CONTRACT):
        place = content[0][:-1]  # a provincial or city bureau by place and field: 北京市公安局 -> 北京公安(局)
        add(place + content[1], 1)
        add(place + content[1] + head, 1)
    if (head in _LOCAL_HEADS or head in ("中心", "委员会", "总局")) and len(content) >= 2 and (
            len(content[0]) >= 3 and content[0][-1] in "省市") and any(w in _CONTRACT for w in content[1:]):
        # a provincial or city body by place and its field's contraction: 北京市疾病预防控制中心 -> 北京疾控,
        # 广东省卫生健康委员会 -> 广东卫健委, 江苏省市场监督管理局 -> 江苏市场监管
        place = content[0][:-1]
        field = "".join(_CONTRACT[w][0] if w in _CONTRACT else w for w in content[1:])
        h = h_short if head == "委员会" else head
        add(place + field, 1)
        add(place + field + h, 1)
        add(content[0] + field + h, 1)
    if head in _LOCAL_HEADS and len(content) == 3 and content[2] == "管理" and (
            len(content[0]) >= 3 and content[0][-1] in "省市"):
        add(content[0][:-1] + content[1], 1)  # 四川省应急管理厅 -> 四川应急
    if head in _SATELLITE_HEADS and len(content) == 1 and len(whole) >= 2:
        place = whole[:-1] if len(whole) >= 3 and whole[-1] in "省市" else whole
        add(place + "卫视", 1)  # 江苏省广播电视总台 -> 江苏卫视
        add(place + "台", 1)
        if head != "电视台":
            add(place + "广电", 1)  # a broadcasting station by its field's contraction: 湖南广播电视台 -> 湖南广电
    if head == "委员会":  # a supervision commission (监督管理委员会) is a 监会: 证监会, 银保监会
        for pre in pre_opts:
            for c, rank in cut_content:
                if len(c) >= 2 and c.endswith("监"):
                    add("".join(pre) + c + "会", rank)
    if head in ("人民检察院", "检察院") and content and len(content[0]) >= 3 and content[0][-1] in "省市":
        add(content[0][:-1] + "检察", 1)  # a procuratorate by place and field: 浙江省人民检察院 -> 浙江检察
    if len(content) >= 2 and content[0][-1:] == "市" and content[1][-1:] in ("区", "县") and len(content[1]) >= 2:
        # a district's body without its city: 北京市朝阳区人民政府 -> 朝阳区政府
        for form, rank in chinese_short_forms(name[len(content[0]) :]):
            add(form, rank + 1)
        add(name[len(content[0]) :], 1)
    if head in ("人民法院", "法院") and content and content[-1] in _COURT_LEVELS:
        # a court by its level: 武汉市中级人民法院 -> 武汉市中院, 北京市第一中级人民法院 -> 北京市一中院
        add("".join(content[:-1]).replace("第", "") + _COURT_LEVELS[content[-1]], 1)
    _place_forms(name, add)
    for full, shorts in _KNOWN_SHORT.items():
        if name == full or (name.endswith(full) and prefix and "".join(prefix) + full == name):
            for short in shorts:  # known forms need no length rule (港府, 央行)
                forms[short] = 0
    if content and len(whole) >= 2 and head in ("研究所", "研究院") and (len(content) == 1 or len(whole) >= 4):
        # an institute keeps its field whole: 中国科学院微生物研究所 -> 中科院微生物所, 上海药物研究所 -> 上海药物所
        for pre in pre_opts:
            add("".join(pre) + whole + h_short, 1)
    for pre in pre_opts:
        pre_s = "".join(pre)
        pre_rank = sum(_PREFIXES[p].index(x) for p, x in zip(prefix, pre, strict=True))
        for c, rank in cut_content:
            if (not c and not pre_s) or (len(content) == 1 and not head_cut and not pre_s and c not in _CUTS):
                continue
            add(pre_s + c + h_short, rank + pre_rank)
    if content and len(content[0]) >= 3 and content[0][-1] in "省市":
        # a place-led body's short form is also written without the place's 省/市: 北京市教委 -> 北京教委,
        # 武汉市中院 -> 武汉中院 (forms ending in the body's own head, not 武汉中法: 中法 is Sino-French)
        for form, rank in list(forms.items()):
            if form.startswith(content[0]) and len(form) > len(content[0]) + 1 and form[-1] in "委院局厅办":
                add(content[0][:-1] + form[len(content[0]) :], rank)
    brand = next((name[: -len(w)] for w in _MEDIA_WORDS if name.endswith(w)), "")
    if 2 <= len(brand) <= 4 and len(segments(brand)) > 1 and not is_real_place(brand) and brand not in forms:
        # an outlet by its brand, when the brand is no word of its own (财新传媒 -> 财新; not 澎湃新闻 -> 澎湃)
        forms[brand] = 1
    return sorted(forms.items(), key=lambda kv: (kv[1], len(kv[0]), kv[0]))[:MAX_CJK_FORMS]


_MEDIA_WORDS = ("传媒集团", "报业集团", "新闻网", "传媒", "新闻", "媒体")


_CJK_CHAR = re.compile("[\u3400-\u9fff]")


def abbreviations(name: str) -> list[tuple[str, int]]:
    """(short form, rank) pairs of a registry name (see the module docstring)."""
    if _CJK_CHAR.search(name):
        from vigil.text.normalize import _t2s

        simp = re.sub(r"[\W_]+", "", str(_t2s().convert(name)))
        if not simp or not all("\u3400" <= c <= "\u9fff" for c in simp):
            return []
        return _region_short_forms(simp) or chinese_short_forms(simp)
    return english_acronyms(name)


def _region_short_forms(name: str) -> list[tuple[str, int]]:
    """Short forms of a body of an autonomous region, read as a province's: 宁夏回族自治区卫生健康委员会 -> 宁夏卫健委,
    新疆维吾尔自治区疾病预防控制中心 -> 新疆疾控, 新疆自治区疾控中心 (the region by its short name, and as 自治区)."""
    at = name.find("自治区") + 3
    if at < 5 or not is_real_place(name[:at]) or len(name) - at < 2:
        return []
    region, short = name[:at], short_form(name[:at])
    forms: dict[str, int] = {}
    for form, rank in chinese_short_forms(short + "省" + name[at:]):
        for written in ((short + "自治区", region) if form.startswith(short + "省") else ("",)):
            f = written + form[len(short) + 1 :] if written else form
            if f != name and rank < forms.get(f, 99):
                forms[f] = rank
    return sorted(forms.items(), key=lambda kv: (kv[1], len(kv[0]), kv[0]))[:MAX_CJK_FORMS]
