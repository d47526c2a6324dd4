"""Impersonation of protected entities (state bodies, military, institutions, media, news anchors) and
invented authorities, on display name, handle and bio.

Pipeline per account: fold each field into loose keys (vigil.text.normalize), find registry keys inside
them with the Aho-Corasick index (exact after folding, pinyin, initials), fall back to rare-n-gram
candidates for near misses, verify every candidate with rapidfuzz, and decide on the *whole* name: the
text around a matched name may only be decoration ("official", "官方", "News", ...), anchor context or
digits, so a bookstore or fan club that shares one word with an entity is not that entity. A display name
that is, around decoration, a generated abbreviation of a registry name (vigil.text.abbrev: "CDC",
"疾控中心", "卫健委") matches that entity with transform `abbreviation`. Accounts matching no entity are
checked for invented authorities by a small grammar: jurisdiction / function qualifiers + an institutional
or unit head closing the name (a sub-unit tail such as 应急中心 allowed), a one-character head only right
after a specific qualifier, Latin names explained as a whole by authority vocabulary, and civilian /
commercial / fan / entertainment words as negative cues.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, ClassVar

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA, Levenshtein

from vigil.detectors.base import Batch, Detector, Resources, register
from vigil.model import Account, Finding, make_finding
from vigil.text import lexicon
from vigil.text.abbrev import COUNTRY_ALIASES, abbreviations, country_codes, country_name, country_names
from vigil.text.bulkhits import BulkHits, Hit
from vigil.text.nameindex import (
    CJK_ONLY,
    K_LOOKALIKE,
    K_LOOSE,
    K_PINYIN,
    K_PINYIN_CHARS,
    K_SHORT_PINYIN,
    MIN_INITIALS,
    NameEntry,
    NameIndex,
    folded_lookalikes,
    load_or_build,
    looks_alike,
    same_sound,
    spelling_alternatives,
    swap_makes_other_word,
    word_span,
)
from vigil.text.normalize import (
    CJK_LOOKALIKE,
    LEET,
    Folded,
    decoration_cores,
    decoration_keys,
    fold,
    has_cjk,
    has_decoration_edge,
    is_decoration,
    pinyin_chars,
    pinyin_chars_offsets,
    strip_decorations,
    taiwan_reading,
)
from vigil.text.places import is_real_place

VERIFIED_FACTOR = 0.8  # a platform-verified account is more likely the real body (or a real branch)
VERIFIED_FUZZY_FACTOR = 0.7  # ... and a verified account that only resembles a name is left alone
_FUZZY_TRANSFORMS = frozenset({"near_match", "word_reorder", "pinyin", "pinyin_initials"})
# Characters no body writes its own name with: on a verified account they are a takeover or a bought badge, not a
# real branch, and the account's verification earns it no benefit of the doubt
_COUNTERFEIT_TRANSFORMS = frozenset({"homoglyph", "leetspeak", "invisible_chars", "combining_marks", "cjk_lookalike",
                                     "variant_character", "homophone"})
PINYIN_FACTOR = 0.93  # a homophone / romanisation is slightly weaker evidence than the characters
LOOKALIKE_FACTOR = 0.95  # a look-alike spelling from the glyph table: below the name itself, above a homophone
INITIALS_SCORE = 0.78
SHORT_FORM_FACTOR = 0.95  # initials of a name's short form: a little weaker than the name's own
BIO_FACTOR = 0.82
ABBREV_SCORE = 0.86  # a generated abbreviation (acronym, Chinese short form) as the whole observed name
ABBREV_AMBIGUOUS_FACTOR = 0.93  # ... that several entities share
ABBREV_SHORT_FACTOR = 0.9  # ... of two characters only (北大, 央视): many words are two characters
ABBREV_MAX_KEY = 24
ABBREV_MAX_CJK_KEY = 14
_CAPITAL = re.compile("[A-Z\uff21-\uff3a]")  # initials in a display name are written in capitals (RMRB官方)
_CAPS_RUN = re.compile("[A-Z\u0391-\u03a9\u0410-\u042f\uff21-\uff3a][of]?[A-Z\u0391-\u03a9\u0410-\u042f\uff21-\uff3a]")
"""Two capitals (Latin/Greek/Cyrillic/full-width), or two around the "o" / "f" of British acronyms (MoD, DfE)."""
_BRITISH_ACRONYM = re.compile("[A-Z]+(?:[of][A-Z]+)+")
POOL_MIN_ACCOUNTS = 4000
MAX_FUZZY_CANDIDATES = 3
FIELDS = ("display_name", "handle")
_STOPWORDS = ("of", "the", "and", "for")
_GENERIC_QUALS = frozenset({"中国", "中华", "国家", "全国", "总"})
_GENERIC_HEADS = frozenset({"中心", "研究院", "研究所", "总院"})  # as common in business names as one-character heads
HANDLE_DIGITS_FACTOR = 0.7  # "caixin6588": a short name + digits in a handle is often a person's pinyin
_TRAILING_LEET = re.compile(r"(?<=[A-Za-z])[013457]{1,3}(?![0-9A-Za-z])")
_AMBIGUOUS = re.compile(r"[|!@$｜！＠＄]|(?<=[A-Za-z])[013457]{1,3}(?![0-9A-Za-z])|[A-Za-z]\w*9|9\w*[A-Za-z]")
_LEET_LETTERS = str.maketrans("013457", "oleast")
_WORD_AT = re.compile(r"(?<=[A-Za-z0-9])[@$]+|[@$]+(?=[A-Za-z0-9])")  # @ and $ inside a word are letters (@$14)
_AT_LETTERS = str.maketrans("@$", "as")
_WORD_BANG = re.compile(r"(?<=[A-Za-z0-9@$])!")  # "!" closing or inside a word is an "i" (Mun!cipal, 5hangh@!)
_WORD_NINE = re.compile(r"\b(?=[\w!@$]*[A-Za-z])[\w!@$]*9[\w!@$]*")  # a 9 in a word with letters is a "g" (Gu4n9zhou)
# two or more pinyin syllables each closed by a tone number 1-5 (ren2min2ri4bao4, xin1hua2)
_TONE_NUMBERS = re.compile(r"(?:[a-zA-Z]{1,6}[1-5]){2,}")
_TONE_DIGIT = re.compile(r"(?<=[a-zA-Z])[1-5]")
_CJK_DIGIT = re.compile("〇|(?<=[\u4e00-\u9fff])[0-9０-９]|[0-9０-９](?=[\u4e00-\u9fff])")
_NUMERALS = dict(zip("0123456789", "零一二三四五六七八九", strict=True))
_DECLARED_RE = re.compile(r"fan|parod|satir|unofficial|official|affiliat|粉丝|后援|官方|恶搞|公式|공식", re.IGNORECASE)
_CAMEL_RUN = re.compile(r"(?:[A-Z][a-z]+){3}")
_CAMEL_CUT = re.compile(r"(?<=[a-z])(?=[A-Z])")
_CLAIM_RE = re.compile(r"\b(?:offici|oficial|offiziell|ufficial|resmi|ch[íi]nh th[ứu]c|официальн|operated by)|公式|공식|官方|官博|官微|唯一|这里是|本号由",
                       re.IGNORECASE)  # a cheap pre-check of the bio for _CLAIMS (not inside "inoffiziell")


@dataclass(frozen=True)
class Match:
    score: float
    name_i: int
    field: str
    observed: str
    transforms: tuple[str, ...]


_CLAIMS = ("official", "officially", "official account", "官方", "官博", "官微", "官方账号", "唯一",
           # the claim in other languages ("Cuenta oficial de ...", "Offizieller Kanal", "【公式】", "공식 채널")
           "oficial", "officiel", "officielle", "offiziell", "offizieller", "offizielle", "offizielles", "ufficiale",
           "officieel", "officiele", "resmi", "chinh thuc", "официальный", "официальная", "официальная страница",
           "公式", "공식",
           # a self-introduction: "这里是国家药监局", "本号由山东省人民政府运营"
           "这里是", "本号由", "operated by")
_RAW_TERM: dict[str, str] = {}  # folded authority term -> the word as listed (for evidence)


@lru_cache(maxsize=1)
def _term_sets() -> dict[str, tuple[str, ...]]:
    def keys(words: Iterable[str]) -> tuple[str, ...]:
        out = set()
        for w in words:
            f = fold(w)
            if f.key:
                k = " ".join(f.tokens) if not has_cjk(f.key) else f.key
                out.add(k)
                _RAW_TERM.setdefault(k, w)
        return tuple(sorted(out, key=lambda k: (-len(k), k)))

    return {
        "heads_en": keys(lexicon.AUTHORITY_HEADS_EN),
        "quals_en": keys(lexicon.AUTHORITY_QUALIFIERS_EN),
        "heads_zh": keys(lexicon.AUTHORITY_HEADS_ZH),
        "quals_zh": keys(lexicon.AUTHORITY_QUALIFIERS_ZH),
        "words_en": keys(lexicon.AUTHORITY_WORDS_EN),
        "civil_en": keys(w for w in lexicon.CIVILIAN_MARKERS if not has_cjk(w)),
        "weak_quals_en": keys(lexicon.AUTHORITY_WEAK_QUALIFIERS_EN),
        "self_heads_en": keys(lexicon.AUTHORITY_SELF_HEADS_EN),
        "portfolios_en": keys(lexicon.STANDARD_PORTFOLIOS_EN),
        "us_states_en": keys(lexicon.US_STATES),
        "civil_heads_en": keys(("ministry", "department", "agency", "office", "administration", "commission",
                                "bureau", "service", "authority", "board", "council", "directorate", "police")),
        "civil_zh": keys(w for w in lexicon.CIVILIAN_MARKERS if has_cjk(w)),
        # what a city or province's own body never has: national or military terms, and the heads of national
        # or ad-hoc bodies (浙江省网络安全总局, 北京市特别行动调查组 are invented; 东莞市公安局 is not)
        "national_zh": keys(("中国", "中华", "国家", "中央", "全国", "军委", "战区", "反恐", "特战", "特种", "战略", "导弹",
                             "火箭", "核", "红军", "联合国", "北约", "国务院", "解放军", "司令部", "指挥部", "总局", "总署",
                             "调查组", "专案组", "督察组", "行动组", "行动队", "特勤队", "研究院", "特别")),
        "claims": keys(_CLAIMS),
        # a person's name presented as their own channel: the claim stands in for the outlet or role an
        # anchor's name otherwise needs beside it ("【康辉】官方", "The Real Clive Myrie", "水均益发布")
        "person_claims": keys((*_CLAIMS, "the real", "发布", "本人", "verified account",
                               # a lure to the person's fans speaks as the person (粉丝福利私信领取), declares no fan
                               "粉丝福利", "粉丝专属", "粉丝群", "宠粉", "回馈粉丝")),
        # no single characters: 仿 folds onto its look-alike 防 (国防部, 预防, 消防 would all read as negated)
        # and 非 opens everyday words (非常, 非洲)
        "declared": keys(("fans", "fan page", "fanpage", "fan club", "fanclub", "fan account", "parody", "satire",
                          "inoffiziell", "inoffizielle", "fanseite", "no oficial", "non officiel", "non ufficiale",
                          "unofficial", "non official", "not official", "not affiliated", "not the official",
                          "粉丝", "粉丝团", "后援会", "非官方", "恶搞", "非公式", "비공식")),
        "declared_strong": keys(("parody", "satire", "unofficial", "inoffiziell", "inoffizielle", "non official",
                                 "not affiliated",
                                 "not the official", "非官方", "恶搞", "非公式", "비공식")),
        "negations": keys(("not", "non", "unofficial", "parody", "fan", "fans", "satire", "非官方", "不是",
                           "并非", "粉丝", "恶搞", "模仿", "高仿", "山寨")),
    }


@lru_cache(maxsize=1)
def _head_automaton() -> Any:
    import ahocorasick

    auto = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    ts = _term_sets()
    for h in (*ts["heads_en"], *ts["heads_zh"]):
        auto.add_word(h.replace(" ", ""), 1)
    auto.make_automaton()
    return auto


@lru_cache(maxsize=8)
def _en_split(group: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """One English term group as (one-word terms, multi-word phrases)."""
    terms = _term_sets()[group]
    return frozenset(t for t in terms if " " not in t), tuple(t for t in terms if " " in t)


def _en_terms(group: str, tokens: tuple[str, ...], toks: str) -> list[str]:
    """Terms of a group in a Latin name: set lookups for words, substring checks for the few phrases."""
    single, multi = _en_split(group)
    found = sorted(single.intersection(tokens))
    found += [m for m in multi if _phrase_in(toks, m)]
    return found


@lru_cache(maxsize=8)
def _zh_automaton(group: str) -> Any:
    """Aho-Corasick automaton of one Chinese term group (value = the term)."""
    import ahocorasick

    auto = ahocorasick.Automaton()
    for t in _term_sets()[group]:
        auto.add_word(t, t)
    auto.make_automaton()
    return auto


def _head_automaton_hit(key: str) -> bool:
    """Cheap pre-check: does any authority head noun occur in the key at all?"""
    for _ in _head_automaton().iter(key):
        return True
    return False


def _phrase_in(tokens_str: str, term: str) -> bool:
    return f" {term} " in tokens_str


def invented_authority(f: Folded) -> list[str]:
    """Authority terms of a name that sounds like a state or military body (empty when it does not)."""
    key = f.key
    if not key or not _head_automaton_hit(key):
        return []
    ts = _term_sets()
    toks = " " + " ".join(f.tokens) + " "
    # Latin: qualifier and head tokens anywhere in a short name.
    latin_tokens = [t for t in f.tokens if t.isascii()]
    terms: list[str] = []
    if latin_tokens and len(latin_tokens) <= 8:
        if _en_terms("civil_en", f.tokens, toks):
            return []
        heads = _en_terms("heads_en", f.tokens, toks)
        quals = _en_terms("quals_en", f.tokens, toks)
        # words the terms cover, counted once ("Security Service" is two words, not three terms)
        covered = {w for t in (*heads, *quals) for w in t.split()}
        # a ministry is a state body by its name alone: "Ministry of Information Integrity" needs no "National"
        qualified = bool(quals) or (bool(heads) and not _en_split("self_heads_en")[0].isdisjoint(heads)
                                    and any(t in _domain_en_words() for t in latin_tokens))
        # two words, the qualifier only a grand one, nothing about a function: "Imperial Command" is a game guild
        # as often ("Joint Anti-Terror Headquarters" names its function)
        weak = (len(covered) <= 2 and bool(quals) and _en_split("weak_quals_en")[0].issuperset(quals)
                and not any(t in _domain_en_words() for t in latin_tokens))
        if heads and qualified and not weak and _explained_en(latin_tokens, len(covered)) and not _real_portfolio(
                latin_tokens, heads, quals):
            terms = quals + heads
    if not terms and has_cjk(key) and len(strip_decorations(key)) <= 24:
        if next(iter(_zh_automaton("civil_zh").iter(key)), None) is not None:
            return []
        if _foreign_ministry(strip_decorations(key)):
            return []  # 荷兰国防部: another country's real ministry, unlisted, not an invented body
        national = next(iter(_zh_automaton("national_zh").iter(key)), None) is not None
        if not national and _SELF_MEDIA_BUREAU.search(strip_decorations(key)):
            return []  # 数码情报局, 深圳租房情报局: the "information bureau" self-media name themselves
        # a city or province's own body (东莞市公安局, 武警天津市总队, 杭州市萧山区人民政府) follows the real
        # template; a registry may not list every one, and none of them is invented. A local name is an
        # invented authority only with national or military terms (天津市反恐特战队)
        if _LOCAL_PLACE.search(key) and next(iter(_zh_automaton("national_zh").iter(key)), None) is None:
            return []
        present = {h for _, h in _zh_automaton("heads_zh").iter(key)}
        heads = sorted(present, key=lambda h: (-len(h), h))  # longest first
        qual_hits = [(end + 1, q) for end, q in _zh_automaton("quals_zh").iter(key)] if heads else []
        for form in (key, strip_decorations(key)):
            for h in heads:  # the head must close the name (only decoration after it, or a function word
                pos = form.rfind(h)  # naming a sub-unit: 国家数据监察总局应急中心)
                if pos < 0 or not _tail_ok(form[pos + len(h) :], ts["quals_zh"]):
                    continue
                if len(h) == 1 and pos + 1 != len(form):
                    continue
                full_pos = key.rfind(h)
                before = [(end, q) for end, q in qual_hits if end <= full_pos and q != h]
                quals = sorted({q for _, q in before}, key=lambda q: (-len(q), q))
                # a one-character head (军, 部, 局, 营 ...) also ends many personal names (王建军) and
                # other words (训练营): it needs a qualifier more specific than the generic state words,
                # close before it (an authority name is compact: jurisdiction + function + unit)
                if len(h) == 1 or h in _GENERIC_HEADS:
                    specific = [end for end, q in before if q not in _GENERIC_QUALS]
                    if not specific or full_pos - max(specific) > 3:
                        continue
                if quals:
                    terms = quals + [h]
                    break
            if terms:
                break
    return sorted({_RAW_TERM.get(t, t) for t in terms})


_BODY_END = frozenset("府局厅院委部学报署")  # heads ordinary names rarely end in (not 会, 社, 站, 心)


@lru_cache(maxsize=1)
def _body_ends() -> frozenset[str]:
    """The heads in _BODY_END (folded keys already read 扃 as 局) and the table's look-alikes of the heads of short
    names, 学 and 报 (字 for 学); not those of every head (屋, 香, 秀 end many shops' names)."""
    strict = folded_lookalikes()
    return _BODY_END | strict.get("学", frozenset()) | strict.get("报", frozenset())


_SELF_MEDIA_BUREAU = re.compile("情报(?:局|站|处|所)$")
_MINISTRIES_ZH = frozenset({"国防部", "外交部", "卫生部", "财政部", "内政部", "司法部", "教育部", "交通部", "农业部", "商务部",
                            "国家安全部", "安全部", "警察总署", "警察厅", "国防军", "外交与国际合作部", "外交和联邦事务部"})


@lru_cache(maxsize=1)
def _country_names_zh() -> tuple[str, ...]:
    """Chinese names of the countries other than China (ICU), longest first."""
    names = {country_name(c, "zh") for c in country_codes()}
    return tuple(sorted((n for n in names if n and has_cjk(n) and n != "中国"), key=len, reverse=True))


def _foreign_ministry(key: str) -> bool:
    """Another country's ministry by its usual Chinese name: the country (ICU's name) and a standard ministry."""
    for country in _country_names_zh():
        if key.startswith(country):
            return key[len(country) :].removeprefix("的") in _MINISTRIES_ZH
    return False


def _tail_ok(tail: str, quals: tuple[str, ...]) -> bool:
    """Text after an authority head may be decoration, or function words plus decoration (应急中心)."""
    if is_decoration(tail):
        return True
    if len(tail) > 8:
        return False
    for q in quals:
        if len(q) >= 2:
            tail = tail.replace(q, "")
    return len(tail) < 8 and is_decoration(tail)


_EN_FILLER = frozenset({"of", "the", "and", "for", "s", "de"})


def _real_portfolio(tokens: list[str], heads: list[str], quals: list[str]) -> bool:
    """A civil body named by a standard portfolio and its place or level only ("Ministry of Foreign Affairs of
    Thailand", "Hawaii State Department of Health", "Federal Housing Finance Agency"): a real body the registry
    does not list, which follows the real template, not an invented one. Military heads never are."""
    ts = _term_sets()
    if not set(heads) <= set(ts["civil_heads_en"]):
        return False
    state_words, portfolio_quals, regions = _folded_sets()
    covered = {w for t in (*heads, *quals) for w in t.split()}
    places = _places_in(tokens)
    domain = _domain_en_words()
    portfolio = set(ts["portfolios_en"])
    # the country written before the body as an adjective or short form the gazetteer lacks (Norwegian, South
    # African, UAE): at most two leading words that are neither terms nor a portfolio
    lead = 0
    while lead < min(2, len(tokens) - 1) and tokens[lead] not in covered and tokens[lead] not in portfolio \
            and tokens[lead] not in _EN_FILLER and tokens[lead] not in domain:
        lead += 1
    if lead:
        places = places | set(tokens[:lead])
    if places:  # South African Police Service: a regional adjective after the place is part of it
        quals = [q for q in quals if q not in regions]
    rest = [t for t in tokens if t not in covered and t not in _EN_FILLER and t not in places and not t.isdigit()
            and (t in domain or t not in decoration_keys())]  # "online" is decoration, and what a body polices
    if not rest:  # Philippine Department of National Defense: the portfolio is among the qualifiers
        return bool(places) and set(quals) <= state_words | portfolio_quals and (
            not quals or bool(set(quals) & portfolio_quals))  # South African Police Service: a head alone
    return all(t in portfolio for t in rest) and (
        bool(places) or not set(quals) - state_words) and not (set(quals) - state_words - portfolio_quals - regions)


@lru_cache(maxsize=1)
def _folded_sets() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Folded forms (tokens are folded: "natlonal") of the state words, the portfolio qualifiers and the regional
    adjectives a real body's name may carry."""
    def keys(words: Iterable[str]) -> frozenset[str]:
        return frozenset(" ".join(fold(w).tokens) for w in words)

    return (keys(("federal", "state", "national")), keys(_PORTFOLIO_QUALS),
            keys(("african", "asian", "european", "american", "eurasian")))


_PORTFOLIO_QUALS = frozenset({"defense", "defence", "security", "public security", "internal", "border", "homeland"})


@lru_cache(maxsize=1)
def _place_names_en() -> frozenset[str]:
    """Countries' and US states' names as space-joined folded tokens."""
    return frozenset(_term_sets()["us_states_en"]) | {" ".join(fold(c).tokens) for c in country_names()}


def _places_in(tokens: list[str]) -> set[str]:
    """Tokens that are (part of) a country's or a US state's name."""
    names = _place_names_en()
    out: set[str] = set()
    for n in (1, 2, 3):
        for i in range(len(tokens) - n + 1):
            if " ".join(tokens[i : i + n]) in names:
                out.update(tokens[i : i + n])
    return out


def _explained_en(tokens: list[str], n_terms: int) -> bool:
    """Decide on the whole Latin name: words that are neither authority terms nor decoration nor filler may
    be at most n_terms - 2 ("Red Dragon Special Forces Brigade" yes, "Imperial Army Miniatures" no)."""
    known = _known_en_words()
    domain = _domain_en_words()
    unexplained = sum(1 for t in tokens if t not in known and not t.isdigit() and t not in _EN_FILLER)
    n_domain = sum(1 for t in set(tokens) if t in domain)
    return unexplained <= max(0, n_terms + n_domain - 2)


@lru_cache(maxsize=1)
def _domain_en_words() -> frozenset[str]:
    ts = _term_sets()
    taken = {w for g in ("heads_en", "quals_en") for term in ts[g] for w in term.split()}
    return frozenset(w for term in ts["words_en"] for w in term.split() if w not in taken)


@lru_cache(maxsize=1)
def _known_en_words() -> frozenset[str]:
    ts = _term_sets()
    out: set[str] = set()
    for group in ("heads_en", "quals_en", "words_en"):
        for term in ts[group]:
            out.update(term.split())
    out.update(k for k in decoration_keys() if k.isascii())
    return frozenset(out)


def _residual_ok(index: NameIndex, left: str, right: str, person: bool, media: bool = False,
                 role_elsewhere: bool = False) -> bool:
    if is_decoration(left) and is_decoration(right):
        return True
    if not person and not media:
        return False
    rest = left + " " + right
    level = index.context_strength(rest)
    for term in index.context_terms(rest):  # longest first: "主持人" before "主持"
        rest = rest.replace(term, "")
    rest = strip_decorations(rest.replace(" ", ""))
    if media:
        # an outlet's name with an anchor role and a nickname beside it: the AI-made anchors of the campaign
        # ("AI主播小星·福建日报", "新疆日报数字主播小星")
        return level >= 2 and len(rest) <= 4
    # anchors: "央视主播康辉", "Lester Holt NBC News Anchor" - context words may surround the person's name;
    # with a role word (beside the name or in the bio) the rest may name an outlet the registry does not hold,
    # and a news word beside a short unknown name is an outlet too ("Anne-Claire Coudray TF1 News")
    if is_decoration(rest) or (level >= 2 and len(rest) <= 12):
        return True
    # the unknown outlet as a short Latin name (La7, JTBC, TF1), with a role stated in the bio or a news word
    return ((role_elsewhere and len(rest) <= 6) or (level >= 0 and len(rest) <= 8)) and rest.isascii() and rest.isalnum()


class _Matcher:
    """Matching logic over one index; a plain object so forked workers can share it."""

    def __init__(self, index: NameIndex) -> None:
        self.index = index
        self.decos = frozenset(decoration_keys())
        self.bulk = BulkHits(index) if index.size else None
        self._bare_memo: dict[int, bool] = {}
        self._cjk_names: dict[str, list[int]] | None = None  # Chinese names by key (built on first need)
        # the initials keys of names and of short forms together, for the one cheap pass most fields stop at
        self._all_initials: dict[str, Any] = {**dict.fromkeys(index.short_initials), **dict.fromkeys(index.initials)}

    # -------------------------------------------------------------- per field

    def exact(
        self, f: Folded, field: str, observed: str, has_ctx: Callable[[str], bool], full_hits: Sequence[Hit],
        bio_role: Callable[[], bool] = lambda: False,
        own_spelling: Callable[[str, bool, int], bool] = lambda _s, _i, _n: False,
    ) -> list[Match]:
        """Matches of registry keys inside the field (`full_hits`: the index's whole-key hits in its key).
        `own_spelling(part, initials)`: the handle's part spells the account's own Chinese display name."""
        idx = self.index
        names = idx.names
        out: list[Match] = []
        key = f.key
        for name_i, kind, start, end in full_hits:
            if kind == K_PINYIN_CHARS and field != "display_name":
                continue
            if kind in (K_PINYIN, K_SHORT_PINYIN) and field == "handle" and own_spelling(key[start:end], False, name_i):
                continue  # the handle is the pinyin of the account's own name (抚州 fuzhou, not 福州)
            # context outside the name itself: "ARD" inside "Richard Quest" is no outlet beside him
            if names[name_i].person and not has_ctx(names[name_i].loose) and _context_level(
                    idx, f, names[name_i].loose) < 0:
                continue
            m = self._contained(f, field, observed, name_i, kind, key[:start], key[end:], end - start, bio_role)
            if m:
                out.append(m)
        plain = f.plain
        pin_hits = idx.pinyin_hits(pinyin_chars(plain)) if plain else ()
        if not pin_hits and plain and f.key != plain and CJK_ONLY.match(f.key):
            # curated look-alikes read as what they stand for, then homophones: 温洲市人氏政府 (氏 for 民, 洲 for 州)
            plain = f.key
            pin_hits = idx.pinyin_hits(pinyin_chars(plain))
        if pin_hits:  # CJK text: homophones and romanisations through per-character pinyin
            pk, offsets = pinyin_chars_offsets(plain)
            for name_i, _kind, start, end in pin_hits:
                # a two-character name sounds like too many personal names (蔡欣 ~ 财新)
                if len(names[name_i].loose) < 3:
                    continue
                if names[name_i].person and not has_ctx(names[name_i].loose) and _context_level(
                        idx, f, names[name_i].loose) < 0:
                    continue
                s0, s1 = offsets[start], offsets[end - 1] + 1
                # the pinyin span must start and end on whole characters
                if (start > 0 and offsets[start - 1] == s0) or (end < len(pk) and offsets[end] == s1 - 1):
                    continue
                left, right = fold(plain[:s0]).key, fold(plain[s1:]).key
                said = fold(plain[s0:s1]).key
                name = names[name_i].loose
                if len(said) == len(name) and any(a != b and swap_makes_other_word(name, said, k, k)
                                                  for k, (a, b) in enumerate(zip(name, said, strict=True))):
                    continue  # same sound, another word: 抚州/福州, 宿州/苏州 are other places
                m = self._contained(f, field, observed, name_i, K_PINYIN_CHARS, left, right, len(said), bio_role)
                if m:
                    out.append(m)
        if idx.token_bags and len(f.tokens) >= 2:
            words = sorted(t for t in f.tokens if t not in self.decos)
            bagged = idx.token_bags.get(" ".join(words), ())  # a name's own numbers count (District #1) ...
            if not bagged and any(t.isdigit() for t in words):  # ... others are decoration ("24/7")
                bagged = idx.token_bags.get(" ".join(t for t in words if not t.isdigit()), ())
            for name_i in bagged:
                entry = names[name_i]
                if entry.person and not has_ctx(entry.loose):
                    continue
                # the shorter of the two over the longer: a name longer than the observed key (its extra words
                # are decoration, "Central Lake Township" for "Lake Township") must not outscore the exact name
                cov = min(len(entry.loose), len(key)) / max(1, len(entry.loose), len(key))
                out.append(Match(0.95 * (0.9 + 0.1 * cov), name_i, field, observed, (*f.transforms, "word_reorder")))
        # pinyin initials (rmrb): in a handle, or a display name writing them in capitals (RMRB官方)
        if idx.initials and (field == "handle" or (field == "display_name" and _CAPITAL.search(observed))) and \
                _initials_candidates(f.tokens, self._all_initials):  # one pass over both tables: most have none
            # a name's own initials first; a short form's (jsga: 江苏公安) only when no name has them (zyjw is 中央军委)
            for table, score, extra in ((idx.initials, INITIALS_SCORE, ()),
                                        (idx.short_initials, INITIALS_SCORE * SHORT_FORM_FACTOR, ("abbreviation",))):
                candidates = _initials_candidates(f.tokens, table)
                if candidates and field == "display_name" and not _written_as_acronym(observed, self.decos):
                    candidates = []
                for core, rest in candidates:
                    if field == "handle" and own_spelling(core, True, -1):
                        continue  # the initials of the account's own name (赣州公安 gzga), not of 广州
                    for name_i in table[core]:
                        entry = names[name_i]
                        if entry.person and not has_ctx(entry.loose):
                            continue
                        if all(t in self.decos or t.isdigit() for t in rest) and (
                                len(core) >= MIN_INITIALS or any(t in self.decos and not t.isdigit() for t in rest)):
                            # three letters (jyb: 教育部) only beside a decoration word (slb_fabu): alone or with
                            # digits they are as often a person's initials
                            out.append(Match(score, name_i, field, observed, (*f.transforms, *extra, "pinyin_initials")))
                if candidates:
                    break
        return out

    def _contained(
        self, f: Folded, field: str, observed: str, name_i: int, kind: int, left: str, right: str,
        matched_len: int, bio_role: Callable[[], bool] = lambda: False,
    ) -> Match | None:
        entry = self.index.names[name_i]
        if _glued_letter(left.replace("rn", "m")[::-1]) or _glued_letter(right) or self._bare_place(name_i):
            return None
        if (not entry.cjk and left + entry.loose + right == f.key and _only_small_words(left + " " + right)
                and not _on_token_bounds(f, len(left), len(f.key) - len(right))):
            return None  # small words glued to a name make another word or phrase: "itsana", "themorgan"
        own_names = False
        media = self.index.entities[entry.entity].kind == "news_media"
        show = entry.person and _eponymous_show(f.key, entry.loose)
        if show:  # the programme named after the person is the rest: "Anderson Cooper | Anderson Cooper 360"
            left, right = (_SHOW_WORDS.sub("", x.replace(entry.loose, "")) for x in (left, right))
        if not _residual_ok(self.index, left, right, entry.person, media, entry.person and bio_role()):
            # the rest is the body's other name (CDC - Centers for Disease Control and Prevention; People's
            # Daily 人民日报; Internal Revenue Service (IRS)): one body named twice, not a name plus other words
            if entry.person or not (self._own_name(entry.entity, left) and self._own_name(entry.entity, right)):
                return None
            own_names = True
        coverage = matched_len / max(1, matched_len + len(left) + len(right))
        score = 0.9 + 0.1 * coverage
        if field == "handle" and matched_len <= 6 and (left + right).isdigit():
            score *= HANDLE_DIGITS_FACTOR
        tr = list(f.transforms)
        if kind in (K_PINYIN, K_PINYIN_CHARS):
            score *= PINYIN_FACTOR
            tr.append("pinyin" if kind == K_PINYIN or not has_cjk(f.key) else "homophone")
        elif kind == K_SHORT_PINYIN:  # a short form is weaker evidence than the name (ABBREV_SCORE), spelled more so
            score = ABBREV_SCORE * PINYIN_FACTOR * (0.9 + 0.1 * coverage)
            tr += ["abbreviation", "pinyin"]
        elif kind == K_LOOKALIKE:
            score *= LOOKALIKE_FACTOR
            if CJK_LOOKALIKE not in tr:
                tr.append(CJK_LOOKALIKE)
        if own_names:
            tr.append("names_combined")
        elif media and not (is_decoration(left) and is_decoration(right)):
            tr.append("outlet_anchor")  # the outlet's name beside an anchor role and a nickname (AI主播小星·福建日报)
        elif left or right or show:
            tr.append("anchor_context" if entry.person else "decoration")
        return Match(score, name_i, field, observed, tuple(tr))

    def _bare_place(self, name_i: int) -> bool:
        """An alias that is the entity's name without its local-government words ("madison" of "City of Madison",
        "virginia" of "Commonwealth of Virginia"): a place, and a first name, before it is the body."""
        known = self._bare_memo.get(name_i)
        if known is None:
            entry = self.index.names[name_i]
            primary = self.index.entities[entry.entity].primary_name
            known = False
            if not entry.primary and not entry.cjk and " " not in entry.all_tokens:
                toks = fold(primary).tokens
                rest = [t for t in toks if t != entry.loose]
                known = len(rest) < len(toks) and bool(rest) and all(t in _LOCAL_GOV for t in rest)
            self._bare_memo[name_i] = known
        return known

    def _own_name(self, entity: int, residual: str) -> bool:
        """`residual` is decoration, or one more name of entity `entity` (a registry key of it, loose or pinyin,
        or one of its generated abbreviations) with only decoration around it."""
        if is_decoration(residual):
            return True
        idx = self.index
        names = idx.names
        for name_i, _kind, start, end in idx.hits(residual):
            if (names[name_i].entity == entity and is_decoration(residual[:start])
                    and is_decoration(residual[end:])):
                return True
        for core in decoration_cores(residual):
            if any(names[n].entity == entity for n, _rank in idx.abbrev.get(core, ())):
                return True
        return False

    def fuzzy(self, f: Folded, field: str, observed: str, name_i: int, has_ctx: Callable[[str], bool]) -> Match | None:
        entry: NameEntry = self.index.names[name_i]
        if entry.person and not has_ctx(entry.loose):
            return None
        name = entry.loose
        key = f.key
        min_len = 4 if entry.cjk else 6
        if len(name) < min_len:
            return None
        at = key.find(name)
        if at >= 0 and _more_than_a_slip(key[:at] + key[at + len(name):]):
            return None  # the whole name inside other words ("Not Bundeswehr", 今晚报价): containment decided it
        if not entry.primary and entry.name.islower() and " " not in entry.name.strip():
            return None  # an alias written like a handle or a domain label ("madisonal"): exact matches only
        if entry.cjk:
            mended = _mend_lookalikes(name, key)
            if mended is not None:  # two look-alike characters or more, read as the name's own
                key = mended
                f = f._replace(key=mended, transforms=tuple(dict.fromkeys((*f.transforms, CJK_LOOKALIKE))))
        best: tuple[float, tuple[str, ...]] | None = None
        need = 0.8 if entry.cjk else 0.85
        # 1. the whole observed key is a near-copy of the name, not one word cut out of it: "Pierre" and
        # "Jackson" are people's names before they are the start of "pierresd" or "jacksonla"
        whole = fuzz.ratio(name, key) / 100.0
        if (whole >= need and not _word_of(key, name, f, self.decos) and _local_words_kept(entry, f)
                and (not entry.cjk or _cjk_edits_ok(name, key)) and self._explained(f, entry)):
            best = (whole, ("near_match",))
        # 2. one contiguous near-copy of the name, the rest decoration
        if len(key) > len(name) and best is None:
            # Chinese swaps are character for character: stretches of the name's length first (the best partial
            # alignment may leave a swapped end character out, 中国人民银|衍官方, or shift onto a decoration)
            spans = _same_length_spans(name, key, need) if entry.cjk else []
            al = fuzz.partial_ratio_alignment(name, key, score_cutoff=need * 100)
            if al is not None:
                spans.append((al.dest_start, al.dest_end, al.score / 100.0))
            for d0, d1, sim in spans:
                # written as words, every word must belong to the name ("New Zealand Defence Fan Page": the
                # alignment takes "fa" of "fan" for "force"); a run-together handle has no words to check
                if _residual_ok(self.index, key[:d0], key[d1:], entry.person) and not _word_of(
                        key[d0:d1], name, f, self.decos) and self._words_belong(f, entry) and (
                        not entry.cjk or _cjk_edits_ok(name, key[d0:d1])):
                    coverage = (d1 - d0) / max(1, len(key))
                    best = (sim * (0.9 + 0.1 * coverage), ("near_match", "decoration"))
                    break
        # 2. the same words in another order (decorations dropped on both sides)
        if not entry.cjk and entry.sorted_tokens.count(" ") >= 1:
            obs_tokens = sorted(t for t in f.tokens if t not in self.decos and not t.isdigit())
            if len(obs_tokens) == entry.sorted_tokens.count(" ") + 1:
                r = fuzz.ratio(" ".join(obs_tokens), entry.sorted_tokens) / 100.0
                # reordered, the local word must be there as written ("Tom Taylor" is no "Town of Taylor")
                if r >= 0.9 and _local_words_kept(entry, f, slip=False) and self._explained(f, entry, both_ways=True):
                    sc = r * 0.97
                    if best is None or sc > best[0]:
                        best = (sc, ("word_reorder",))
        if best is None:
            return None
        return Match(best[0], name_i, field, observed, (*f.transforms, *best[1]))

    def warm(self) -> None:
        """Build the lazily made tables now (before forking workers that would each build them)."""
        self._cjk_index()
        spelling_alternatives()
        _body_ends()
        _country_keys()

    def _cjk_index(self) -> dict[str, list[int]]:
        if self._cjk_names is None:
            self._cjk_names = {}
            for n, entry in enumerate(self.index.names):
                if entry.cjk and not entry.person:
                    self._cjk_names.setdefault(entry.loose, []).append(n)
        return self._cjk_names

    def _lookalike_candidates(self, key: str) -> list[int]:
        """Chinese names `key` spells with one look-alike swapped in (two for names up to six characters; the
        glyph table and its near pairs): only for keys that end like a body's name (政府, 局, 大学 ...)."""
        if not (3 <= len(key) <= 10 and key[-1] in _body_ends() and CJK_ONLY.match(key)):
            return []
        strict = folded_lookalikes()
        alts = spelling_alternatives()
        names = self._cjk_index()
        found: set[int] = set()
        for i, ch in enumerate(key):
            for a in alts.get(ch, ()):
                one = key[:i] + a + key[i + 1 :]
                found.update(names.get(one, ()))
                if len(key) <= 6:  # a second swap from the table only: the near pairs make this too wide
                    for j in range(i + 1, len(key)):
                        for b in strict.get(key[j], ()):
                            found.update(names.get(one[:j] + b + one[j + 1 :], ()))
        return sorted(found)

    def _words_belong(self, f: Folded, entry: NameEntry) -> bool:
        """Written as words, each word of three or more letters is decoration or (a near copy of) a word of
        the name; a run-together handle (one word) has nothing to check."""
        words = [t for t in f.tokens if t not in self.decos and not t.isdigit()]
        if entry.cjk or len(words) < 2:
            return True
        name_toks = entry.all_tokens.split()
        return all(len(t) < 3 or any(_near_word(t, nt) for nt in name_toks) for t in words)

    def _explained(self, f: Folded, entry: NameEntry, both_ways: bool = False) -> bool:
        """Decide on the whole name: every non-decoration word of the observed text must be (a near copy
        of) a word of the name - "Tax Collector Fan Club" is not the Tax Collector. With `both_ways`,
        every word of the name must also appear (near copy) in the observed text."""
        if entry.cjk:
            return abs(len(f.key) - len(entry.loose)) <= 1
        name_toks = entry.all_tokens.split()
        words = [t for t in f.tokens if t not in self.decos and not t.isdigit()]
        if not both_ways and len(words) == 1 and len(name_toks) > 1 and fuzz.ratio(words[0], entry.loose) >= 90:
            return True  # the name's words run together (a handle), a slip or a cut end apart
        # decoration goes around a name: a decoration word between words of the name is a word of another name
        # ("Ministry of Online Affairs" is not the Ministry of Civil Affairs)
        inner = _inner_positions(f.tokens, self.decos)
        for k, t in enumerate(f.tokens):
            if (t in self.decos and (k not in inner or t in _STOPWORDS)) or t.isdigit() or len(t) == 1:
                continue
            near_name = bool(name_toks) and any(_near_word(t, nt) for nt in name_toks)
            if not near_name and max(fuzz.ratio(t, sw) for sw in _STOPWORDS) < 75:
                return False
        if not both_ways:
            return True
        obs = [t for t in f.tokens if t not in self.decos]
        return all(obs and max(fuzz.ratio(nt, t) for t in obs) >= 75 for nt in entry.sorted_tokens.split())

    # -------------------------------------------------------------- per batch

    def match_rows(self, rows: Sequence[tuple[str | None, ...]]) -> list[tuple[Any, ...]]:
        """rows: (display_name, handle, bio, verified_flag). Returns one result tuple per row:
        ("entity", name_i, score, field, observed, transforms) | ("invented", terms, score, observed, transforms)
        | ("none",). Registry hits and fuzzy candidates of all fields are found for the whole chunk at once
        (vigil.text.bulkhits); each account is still decided on its own."""
        prepared = [self._fields(row[0], row[1]) for row in rows]
        if self.bulk is not None:
            full, cands = self.bulk.run([fo.key for fields in prepared for _, fo, _ in fields])
        else:
            full, cands = {}, {}
        out: list[tuple[Any, ...]] = []
        pos = 0
        for row, fields in zip(rows, prepared, strict=True):
            out.append(self._decide(fields, row[0], row[2], [(full.get(i, ()), cands.get(i)) for i in
                                                             range(pos, pos + len(fields))]))
            pos += len(fields)
        return out

    def match_one(self, display: str | None, handle: str | None, bio: str | None) -> tuple[Any, ...]:
        return self.match_rows([(display, handle, bio)])[0]

    @staticmethod
    def _fields(display: str | None, handle: str | None) -> list[tuple[str, Folded, str]]:
        fields: list[tuple[str, Folded, str]] = []
        if display:
            fields.append(("display_name", fold(display), display))
            # ambiguous characters get a second reading: "|" and "!" as separators, "@" as a leet
            # "a", a digit closing a word as a letter ("lak3" -> "lake"; fold keeps "cdc2024" a year)
            if _AMBIGUOUS.search(display):
                alt_raw = _TRAILING_LEET.sub(lambda m: m.group(0).translate(_LEET_LETTERS),
                                             _WORD_AT.sub(lambda m: m.group(0).translate(_AT_LETTERS), display))
                alt_raw = _WORD_BANG.sub("i", _WORD_NINE.sub(lambda m: m.group(0).replace("9", "g"),
                                                             unicodedata.normalize("NFKC", alt_raw)))
                alt = fold(alt_raw.replace("|", " ").replace("!", " ").replace("@", "a").replace("$", "s"))
                if LEET not in alt.transforms and alt_raw != unicodedata.normalize("NFKC", display):
                    alt = alt._replace(transforms=(*alt.transforms, LEET))  # the letters it read were leetspeak
                if alt.key != fields[0][1].key:
                    fields.append(("display_name", alt, display))
            cjk_text = not display.isascii()
            if cjk_text and _CJK_DIGIT.search(display):
                # 〇 strewn between characters as a separator (湖〇北〇日〇报), and a digit written for a Chinese
                # numeral (第1财经, 北京大学第３医院): the second reading takes the characters they stand for
                alt = fold(_CJK_DIGIT.sub(lambda m: _NUMERALS.get(m.group(0), ""), unicodedata.normalize("NFKC", display)))
                if all(alt.key != fo.key for _, fo, _ in fields):
                    fields.append(("display_name", alt, display))
            swapped = (_swapped_segments(display) or _place_last(display) or _part_moved(display)) if cjk_text else None
            if swapped:  # the parts of a Chinese name in the other order (人民政府·济南市)
                alt = fold(swapped)
                alt = alt._replace(transforms=(*alt.transforms, "word_reorder"))
                if all(alt.key != fo.key for _, fo, _ in fields):
                    fields.append(("display_name", alt, display))
            tw = taiwan_reading(display, fields[0][1])  # Taiwan phrasing: 上海釋出 for 上海发布
            if tw is not None and all(tw.key != fo.key for _, fo, _ in fields):
                fields.append(("display_name", tw, display))
        if handle:
            fields.append(("handle", fold(handle.lstrip("@")), handle))
            # pinyin written with tone numbers (ren2min2ri4bao4): the digits are tones, not leetspeak
            if _TONE_NUMBERS.search(handle):
                toneless = fold(_TONE_DIGIT.sub("", handle.lstrip("@")))
                if toneless.key != fields[-1][1].key:
                    fields.append(("handle", toneless, handle))
        return fields

    def _decide(
        self, fields: list[tuple[str, Folded, str]], display: str | None, bio: str | None,
        hits: list[tuple[Sequence[Hit], set[int] | None]],
    ) -> tuple[Any, ...]:
        idx = self.index
        if _declares_unofficial(fields, bio):
            return ("none",)  # a declared fan, parody or unofficial account claims to be nobody
        if idx.size:
            ctx_memo: dict[str, bool] = {}

            def has_ctx(person: str) -> bool:
                # anchor context: an outlet or role beside the name (not inside it), a role stated in the bio,
                # or a claim to be the person's own channel
                v = ctx_memo.get(person)
                if v is None:
                    v = any(_context_level(idx, fo, person) >= 1 or _eponymous_show(fo.key, person)
                            for _, fo, _ in fields)
                    if not v and bio:
                        level = _context_level(idx, fold(bio), person)
                        # a role, or "host" beside an outlet ("Host of NBC News"; not "Host of a cooking podcast")
                        v = level >= 2 or (level == 1 and _HOST.search(bio) is not None)
                    if not v:
                        v = any(_claims_own_channel(fo) for fname, fo, _ in fields if fname == "display_name") or (
                            bool(bio) and _claims_own_channel(fold(bio)))
                    ctx_memo[person] = v
                return v

            role_memo: list[bool] = []

            def bio_role() -> bool:  # the bio says its owner reads the news ("Chefsprecher der Tagesschau")
                if not role_memo:
                    role_memo.append(bool(bio) and _context_level(idx, fold(bio or ""), "") >= 2)
                return role_memo[0]

            own_memo: list[tuple[str, str]] = []

            def own_spelling(part: str, initials: bool, name_i: int = -1) -> bool:
                # a handle spelling the account's own Chinese display name says no more than that name does, unless
                # that name is a same-sound counterfeit of the matched name or its short form (北京公庵 beijinggongan)
                if not own_memo:
                    own_memo.append(_own_pinyin(fields[0][1]) if fields[0][0] == "display_name" else ("", ""))
                full, inits = own_memo[0]
                if not (full and (_subsequence(part, inits) if initials else part in full)):
                    return False
                return name_i < 0 or not _sounds_like(fields[0][1].plain, idx.names[name_i])

            matches: list[Match] = []
            cands: list[tuple[str, Folded, str, set[int]]] = []
            for (fname, fo, raw), (full_hits, segs) in zip(fields, hits, strict=True):
                matches.extend(self.exact(fo, fname, raw, has_ctx, full_hits, bio_role, own_spelling))
                if segs:
                    cands.append((fname, fo, raw, segs))
            if bio and _CLAIM_RE.search(bio):
                matches.extend(self._bio(fold(bio), bio, has_ctx))
            if not matches and display and idx.abbrev:
                for fname, fo, raw in fields:
                    if fname == "display_name":
                        am = self._abbrev(fo, raw, bio)
                        if am:
                            matches.append(am)
                            break
            if not matches:
                for fname, fo, raw, segs in cands:
                    for name_i in sorted(segs):
                        m = self.fuzzy(fo, fname, raw, name_i, has_ctx)
                        if m:
                            matches.append(m)
            if not matches and display and fields[0][0] == "display_name":
                # a Chinese body's name with look-alikes where its distinctive pieces are (上悔市人民政府, 山车大字):
                # the segments found nothing, the name read back through the look-alikes does
                fo = fields[0][1]
                for name_i in self._lookalike_candidates(fo.key):
                    m = self.fuzzy(fo, "display_name", display, name_i, has_ctx)
                    if m:
                        matches.append(m)
            if matches:
                return self._entity_result(matches)
        if display:
            fo = fields[0][1]
            terms = invented_authority(fo)
            if not terms and _CAMEL_RUN.search(display) and " " not in display.strip():
                # words run together in CamelCase ("ChineseRedArmyCommand"): the grammar reads words
                fo = fold(_CAMEL_CUT.sub(" ", display))
                terms = invented_authority(fo)
            if terms:
                score = min(0.9, 0.74 + 0.04 * (len(terms) - 2))
                return ("invented", tuple(terms), score, display, fo.transforms)
        if bio and _CLAIM_RE.search(bio):
            return self._claimed_in_bio(bio, display)
        return ("none",)

    def _claimed_in_bio(self, bio: str, display: str | None) -> tuple[Any, ...]:
        """The name a bio claims to be the official account of ("Official account of FBI.", "CCTV official
        page", "这里是国家市场监督管理总扃官方账号"), judged as a display name would be: an acronym, a near copy,
        look-alike characters, an invented authority. The bio path above finds only exact names."""
        phrase = _claimed_name(bio)
        if not phrase or phrase == display:
            return ("none",)
        if _has_term(fold(bio), "negations"):
            return ("none",)  # "not the official account of ...", "fan account of ..."
        fields = self._fields(phrase, None)
        if self.bulk is not None:
            full, cands = self.bulk.run([fo.key for _, fo, _ in fields])
        else:
            full, cands = {}, {}
        res = self._decide(fields, phrase, None, [(full.get(i, ()), cands.get(i)) for i in range(len(fields))])
        if res[0] == "entity":
            _, name_i, score, _field, _observed, transforms = res
            return ("entity", name_i, BIO_FACTOR * (0.9 + 0.1 * score), "bio", bio, (*transforms, "bio_claim"))
        if res[0] == "invented":
            _, terms, score, observed, transforms = res
            return ("invented", terms, score, bio, (*transforms, "bio_claim"), "bio")
        return ("none",)

    def _abbrev(self, f: Folded, observed: str, bio: str | None = None) -> Match | None:
        """The whole display name (around decoration) is a generated abbreviation of a registry name.
        A Latin acronym must be written in capitals ("CDC", not "Cdc": that is a word or a name). A country the
        bio names picks among the bodies sharing an acronym (MOD with 🇯🇵 Japan is Japan's)."""
        key = f.key
        if not key or len(key) > ABBREV_MAX_KEY:
            return None
        abbrev = self.index.abbrev
        cjk_key = has_cjk(key)
        # cheap exits (the common case): a Latin acronym is written in capitals, a Chinese short name is short
        if cjk_key and len(key) > ABBREV_MAX_CJK_KEY:
            return None
        if not cjk_key and not _CAPS_RUN.search(observed):
            observed = _acronym_surface(observed)  # C@F, R★B★A, nTsB: capitals under the tricks
            if not _CAPS_RUN.search(observed):
                return None
        if not cjk_key and 2 <= len(f.tokens) <= 5 and key not in abbrev:
            found = self._acronym_and_country(f, observed)
            if found is not None:
                return found
        if key not in abbrev and (len(key) <= self.index.abbrev_min or not has_decoration_edge(key)):
            return None
        placed = set() if cjk_key else _countries_in(f.tokens)  # a country written beside the acronym
        if not cjk_key and bio and not placed:
            placed = _bio_countries(bio)
            if placed:
                found = self._acronym_in_country(key, placed, f, observed)
                if found is not None:
                    return found
        for core in decoration_cores(key):
            hits = abbrev.get(core)
            if not hits:
                continue
            cjk = has_cjk(core)
            if not cjk and not _written_as_acronym(observed, self.decos):
                return None
            if not cjk:
                # the fold merges I and l ("CIA" ~ "CLA"): keep the names whose acronym has the letters written
                letters = _acronym_written(observed, self.decos)
                exact = [(n, r) for n, r in hits
                         if letters.upper() in {a for a, _ in abbreviations(self.index.names[n].name)}]
                hits = tuple(exact) or hits
            best_rank = min(r for _, r in hits)
            best = [n for n, r in hits if r == best_rank]
            ents = {self.index.names[n].entity for n in best}
            if not cjk and len(core) <= 3 and core == key and len({self.index.names[n].entity for n, _ in hits}) > 1:
                return None  # three bare capitals that several bodies share say too little on their own
            name_i = min(best, key=lambda n: (len(self.index.names[n].loose), n))
            name_countries = set() if cjk else _countries_in(_demonyms_as_countries(
                self.index.names[name_i].all_tokens.split()))
            if placed and name_countries and not placed <= name_countries:
                return None  # "MFA China" is not Japan's Ministry of Foreign Affairs with a decoration
            if cjk and core != key and _other_state_prefix(key[: key.index(core)], self.index.names[name_i].loose):
                return None  # 中国美术学院 is not 中央美术学院 (美术学院) with a decoration: another body's name
            score = ABBREV_SCORE * (0.98 ** best_rank) * (0.9 + 0.1 * len(core) / len(key))
            if len(ents) > 1:
                score *= ABBREV_AMBIGUOUS_FACTOR
            if cjk and len(core) <= 2:
                score *= ABBREV_SHORT_FACTOR
            tr = [*f.transforms, "abbreviation"]
            if core != key:
                tr.append("decoration")
            return Match(score, name_i, "display_name", observed, tuple(tr))
        return None

    def _acronym_in_country(self, key: str, countries: set[str], f: Folded, observed: str) -> Match | None:
        """The one body among those the acronym `key` (no decoration) names whose name holds one of `countries`."""
        if not _written_as_acronym(observed, self.decos):
            return None
        names = self.index.names
        owners = {n for n, p in self.index.place_acronyms.get(key, ()) if _countries_in([p]) & countries}
        owners |= {n for n, _ in self.index.abbrev.get(key, ())
                   if _countries_in(_demonyms_as_countries(names[n].all_tokens.split())) & countries}
        if len({names[n].entity for n in owners}) != 1:
            return None
        name_i = min(owners, key=lambda n: (len(names[n].loose), n))
        return Match(ABBREV_SCORE, name_i, "display_name", observed, (*f.transforms, "abbreviation", "bio_country"))

    def _acronym_and_country(self, f: Folded, observed: str) -> Match | None:
        """An acronym in capitals (one the index generated) beside a word of the body's own name, its country or
        city: "ABC Australia" for the Australian Broadcasting Corporation, not the American Broadcasting Company;
        "MOFA Japan" and "Liaoning CDC" for bodies whose names hold the place (the index keeps their acronyms
        without it). The place picks the one body among those sharing the acronym."""
        all_words = _WORD_RE.findall(unicodedata.normalize("NFKC", observed))
        words = [w for w in all_words if fold(w).key not in self.decos]
        for acronym, place in _acronym_beside_place(all_words) + _acronym_beside_place(words):
            key = fold(acronym).key
            word = fold(" ".join(place)).key
            owners = {n for n, p in self.index.place_acronyms.get(key, ()) if p == word}
            if len(place) == 1:
                owners |= {n for n, _ in self.index.abbrev.get(key, ())
                           if any(t == word or (t.startswith(word) and len(t) - len(word) <= 2)
                                  for t in self.index.names[n].all_tokens.split())}
            if len({self.index.names[n].entity for n in owners}) == 1:
                name_i = min(owners, key=lambda n: (len(self.index.names[n].loose), n))
                return Match(ABBREV_SCORE, name_i, "display_name", observed, (*f.transforms, "abbreviation"))
        return None

    def _bio(self, f: Folded, bio: str, has_ctx: Callable[[str], bool]) -> list[Match]:
        """A bio naming an entity counts only with an explicit claim to be it, and no negation."""
        if not _has_term(f, "claims") or _has_term(f, "negations"):
            return []
        claimed: list[Folded | None] = []  # the claimed name, folded once for the evidence of every match
        out = []
        seen: set[int] = set()
        for name_i, kind, start, end in self.index.hits(f.key):
            entry = self.index.names[name_i]
            if kind != K_LOOSE or name_i in seen or (entry.person and not has_ctx(entry.loose)):
                continue
            if len(entry.loose) < (3 if entry.cjk else 6):
                continue
            # whole words only: Latin names on token bounds, Chinese names not ending inside a word
            # (人民网 in "人民网络特警")
            if not entry.cjk and not _on_token_bounds(f, start, end):
                continue
            if entry.cjk and end < len(f.key) and end not in _cjk_word_ends(f.key):
                continue
            seen.add(name_i)
            if not claimed:
                phrase = _claimed_name(bio)
                claimed.append(fold(phrase) if phrase else None)
            # the tricks folding undid in the claimed name, not in the whole bio: a look-alike elsewhere in it
            # (本号由: 由 folds with 甲) says nothing about the name
            fp = claimed[0]
            transforms = fp.transforms if fp is not None and entry.loose in fp.key else f.transforms
            out.append(Match(BIO_FACTOR, name_i, "bio", bio, (*transforms, "bio_claim")))
        return out

    def _entity_result(self, matches: list[Match]) -> tuple[Any, ...]:
        names = self.index.names
        if any(names[m.name_i].person for m in matches):
            # a registered anchor beside the outlet's name and a role (东方卫视主播骆新) is that anchor
            matches = [m for m in matches if "outlet_anchor" not in m.transforms] or matches
        best = max(
            matches,
            key=lambda m: (round(m.score, 6), len(names[m.name_i].loose), names[m.name_i].primary,
                           -names[m.name_i].entity, m.field == "display_name", -m.name_i),
        )
        return ("entity", best.name_i, best.score, best.field, best.observed, best.transforms)


_WORD_RE = re.compile(r"[^\W_]+")


def _acronym_beside_place(words: list[str]) -> list[tuple[str, list[str]]]:
    """(acronym, place words) readings of 2-4 words: an acronym first or last, the rest capitalised words."""
    if not 2 <= len(words) <= 4:
        return []
    return [(acronym, place) for acronym, place in ((words[0], words[1:]), (words[-1], words[:-1]))
            if acronym.isupper() and 3 <= len(acronym) <= 7
            and all(w[:1].isupper() and w[1:].islower() for w in place) and len("".join(place)) >= 4]


@lru_cache(maxsize=1)
def _country_keys() -> dict[str, str]:
    """Folded country name -> the folded name it stands for (Republic of Korea -> South Korea)."""
    return {fold(c).key: fold(COUNTRY_ALIASES.get(c, c)).key for c in country_names()}


def _countries_in(tokens: Sequence[str]) -> set[str]:
    """The countries (folded keys, usual names) that runs of one to four tokens spell (republic of korea)."""
    keys = _country_keys()
    return {keys[k] for n in (1, 2, 3, 4) for i in range(len(tokens) - n + 1)
            if (k := "".join(tokens[i : i + n])) in keys}


def _demonyms_as_countries(tokens: list[str]) -> list[str]:
    """Tokens with a demonym ending read as its country where that is one (israeli -> israel, philippine(s));
    the tokens themselves otherwise."""
    keys = _country_keys()
    out = []
    for t in tokens:
        out.append(next((t[:-k] for k in (1, 2) if len(t) > k + 3 and t[:-k] in keys), t))
    return out


_FLAG = re.compile("[\U0001F1E6-\U0001F1FF]{2}")


def _bio_countries(bio: str) -> set[str]:
    """The countries a bio names, in words or as a flag (🇯🇵): folded keys of their usual English names."""
    out = _countries_in(fold(bio).tokens)
    for flag in _FLAG.findall(bio):
        code = "".join(chr(ord(c) - 0x1F1E6 + 65) for c in flag)
        name = country_name(code)
        if name and name != code:
            out.add(fold(COUNTRY_ALIASES.get(name.lower(), name)).key)
    return out


_LOCAL_GOV = frozenset(fold(w).key for w in (
    "city", "town", "village", "county", "borough", "township", "parish", "municipality", "commonwealth", "state",
    "of", "the"))


_LOCAL_PLACE = re.compile("[\u4e00-\u9fff]{2,4}?(?:自治区|自治州|省|市(?!场)|县|区)")
_PLACE_WORD = re.compile("^[\u4e00-\u9fff]{1,6}?[省市县区州]")
_CJK_NUMERALS = frozenset("一二三四五六七八九十零〇百千0123456789")


def _cjk_edits_ok(name: str, observed: str) -> bool:
    """A Chinese near copy differs from the name by single-character swaps outside its place and its
    numbers. Sibling bodies share a template and differ exactly there (佛山市/北京市疾病预防控制中心,
    福州市/杭州市人民政府, 第六/第三医院): those are other bodies, not misspellings."""
    place = _PLACE_WORD.match(name)
    place_end = place.end() if place else 0
    ops = Levenshtein.opcodes(name, observed)
    if _substitution_by_other_word(name, observed, ops):
        return False  # 浙江 for 江苏, 华北 for 北京: a character dropped and another added make another word
    for op in ops:
        if op.tag == "equal":
            continue
        if op.src_end - op.src_start > 1 or op.dest_end - op.dest_start > 1:
            return False  # a whole word differs, not one character
        if op.tag == "replace" and op.src_start < place_end and not _sounds_or_looks_alike(name, observed, op):
            return False  # another place (a dropped, doubled or moved character is a slip)
        if op.tag == "replace" and swap_makes_other_word(name, observed, op.src_start, op.dest_start):
            # another word in the name's place (体育局/教育局, 华北/华东理工大学); for a same-sound or look-alike
            # swap, another real place (苏州 -> 宿州; 北京 -> 北凉 spells none: a counterfeit)
            return False
        changed = name[op.src_start : op.src_end] + observed[op.dest_start : op.dest_end]
        if any(ch in _CJK_NUMERALS for ch in changed):
            return False
    return True


def _substitution_by_other_word(name: str, observed: str, ops: Any) -> bool:
    """One character dropped and another added elsewhere (not a moved character) where the added one makes a
    word the name does not hold: 浙江省公安厅 for 江苏省公安厅 (江 kept, 浙 added, 苏 dropped), 华北理工大学 for
    北京理工大学. Written as a swap, those would be another place or another word."""
    added = [op for op in ops if op.tag == "insert"]
    dropped = "".join(name[op.src_start : op.src_end] for op in ops if op.tag == "delete")
    if not added or not dropped:
        return False
    if sorted("".join(observed[op.dest_start : op.dest_end] for op in added)) == sorted(dropped):
        return False  # a moved character is a slip
    for op in added:
        ws, we = word_span(observed, op.dest_start)
        if we - ws >= 2 and observed[ws:we] not in name:
            return True
    return False


def _same_length_spans(name: str, key: str, need: float) -> list[tuple[int, int, float]]:
    """Stretches of `key` as long as `name` with at least `need` of their characters the name's, in place:
    (start, end, share), the best first (the earliest of equals)."""
    n = len(name)
    found = []
    for s in range(len(key) - n + 1):
        same = sum(a == b for a, b in zip(name, key[s : s + n], strict=True))
        if same >= need * n:
            found.append((s, s + n, same / n))
    found.sort(key=lambda t: -t[2])
    return found[:2]


def _mend_lookalikes(name: str, key: str) -> str | None:
    """`key` with a stretch the length of `name` read as the name when every character there is the name's own or
    a look-alike of it (vigil.text.glyph_lookalikes, its near pairs too), up to half the name; None when there is no
    such stretch. One swap is the fuzzy path's business, except in a short name (see below). A look-alike that makes
    a known place in the name's place word (swap_makes_other_word) is no misspelling, and numerals are never read as
    others."""
    n = len(name)
    if n < 3 or len(key) < n:
        return None
    near = spelling_alternatives()
    for s in range(len(key) - n + 1):
        window = key[s : s + n]
        swaps = [i for i in range(n) if name[i] != window[i]]
        if not 1 <= len(swaps) <= max(2, n // 2):
            continue
        if len(swaps) == 1:
            # one swap is the fuzzy path's business, but for a short name's head (中山大字: 大字 is a word too) or
            # a swap that makes no word (湘南日报 makes 湘南, another name's)
            i = swaps[0]
            ws, we = word_span(window, i)
            if not (n <= 4 and looks_alike(name[i], window[i]) and (i == n - 1 or we - ws == 1)):
                continue
        if all((looks_alike(name[i], window[i]) or window[i] in near.get(name[i], ())) and name[i] not in _CJK_NUMERALS
               and window[i] not in _CJK_NUMERALS and not swap_makes_other_word(name, window, i, i) for i in swaps):
            return key[:s] + name + key[s + n :]
    return None


def _sounds_or_looks_alike(name: str, observed: str, op: Any) -> bool:
    """The swapped characters sound the same or look alike: in the name's place, only such a swap can be a
    counterfeit spelling (swap_makes_other_word then tells whether it spells another real place)."""
    a, b = name[op.src_start], observed[op.dest_start]
    return looks_alike(a, b) or same_sound(a, b)


_CLAUSE = re.compile(r"[.。!！?？|｜;；\n·•,，:：()（）\[\]【】「」…]+")
_CLAIM_WORDS = re.compile(
    r"(?i)\b(?:official(?:ly)?|verified|account|page|channel|profile|handle|this is|welcome to|oficial|cuenta|conta|"
    r"compte|officiel(?:le)?|offiziell\w*|kanal|konto|ufficiale|resmi|hesab\w*|akun|milik|официальн\w*|страниц\w*|"
    r"аккаунт\w*|operated by)\b|公式|공식|채널|계정|这里是|本号由|运营|官方|账号|帐号|微博|认证|唯一|官微|官博|抖音号|公众号|发布平台")
_EDGE_WORDS = re.compile(r"(?i)^(?:(?:of|for|the|by|from|de|del|du|des|la|le|el|von|der|die|das|di|della|a|an)\s+|的)+|"
                         r"(?:\s+(?:of|for|the|by|from|de|du|von)|的)+$")


_CJK_SEGMENTS = re.compile("^([\u4e00-\u9fff]{2,12})[\\s·•・|｜/\\-]+([\u4e00-\u9fff]{2,12})$")


def _place_last(display: str) -> str | None:
    """A Chinese body name written with its place last, no separator: "人民政府武汉市" -> "武汉市人民政府", "人民政府
    宁夏回族自治区" -> "宁夏回族自治区人民政府" (the place a real one, vigil.text.places)."""
    text = display.strip()
    if not CJK_ONLY.match(text):
        return None
    for size in range(2, 9):  # the shortest place first: 湖北省 of 卫生健康委员会湖北省
        body, place = text[:-size], text[-size:]
        if len(body) < 2 or body[-1] in "省市县区":
            break
        if is_real_place(place) and (size > 2 or place[-1] not in "省市县区"):
            return place + body
    return None


_STATE_PREFIXES_LAST = ("中国人民解放军", "中国人民武装警察部队", "中华人民共和国", "中国共产党", "中共中央", "国务院",
                        "中国科学院", "中国社会科学院")
_NEWSPAPER_HEADS = ("日报", "晚报", "时报", "早报", "商报", "都市报")


def _part_moved(display: str) -> str | None:
    """A Chinese name with its state prefix written last (中部战区中国人民解放军 -> 中国人民解放军中部战区, 港澳事务办公室
    国务院) or a newspaper's head written first (日报南方 -> 南方日报), put back in order."""
    text = display.strip()
    if not (text.endswith(_STATE_PREFIXES_LAST) or text.startswith(_NEWSPAPER_HEADS)) or not CJK_ONLY.match(text):
        return None
    for prefix in _STATE_PREFIXES_LAST:
        if text.endswith(prefix) and len(text) - len(prefix) >= 2:
            return prefix + text[: -len(prefix)]
    for head in _NEWSPAPER_HEADS:
        if text.startswith(head) and 2 <= len(text) - len(head) <= 4:
            return text[len(head) :] + head
    return None


def _swapped_segments(display: str) -> str | None:
    """Two Chinese parts around a separator, in the other order: "人民政府·济南市" -> "济南市人民政府"."""
    m = _CJK_SEGMENTS.match(display.strip())
    return m.group(2) + m.group(1) if m else None


def _cjk_word_ends(key: str) -> set[int]:
    """Offsets in `key` where an ICU word ends."""
    from itertools import accumulate

    from vigil.text.icuwords import segments

    return set(accumulate(len(w) for w in segments(key)))


def _claimed_name(bio: str) -> str | None:
    """The name in the bio clause that claims an official account, without the claim's own words."""
    for clause in _CLAUSE.split(bio):
        if not _CLAIM_RE.search(clause):
            continue
        name = _CLAIM_WORDS.sub(" ", clause)
        name = re.sub(r"\s+", " ", name).strip(" -—–")
        name = _EDGE_WORDS.sub("", name).strip(" -—–")
        if 2 <= len(name) <= 60:
            return name
    return None


@lru_cache(maxsize=16)
def _term_split(group: str) -> tuple[frozenset[str], re.Pattern[str] | None]:
    """One term group as (its one-word terms, one pattern for the rest: phrases as whole words in the tokens
    joined by spaces, Chinese terms anywhere in the key)."""
    terms = _term_sets()[group]
    words = [t for t in terms if not has_cjk(t)]
    phrases = [f" {re.escape(t)} " for t in words if " " in t]
    cjk = [re.escape(t) for t in terms if has_cjk(t)]
    alts = phrases + cjk
    return frozenset(t for t in words if " " not in t), (re.compile("|".join(alts)) if alts else None)


def _has_term(fo: Folded, group: str) -> bool:
    """Does the folded text hold a term of the group (Chinese terms anywhere, the others as whole words)?"""
    words, pattern = _term_split(group)
    if not words.isdisjoint(fo.tokens):
        return True
    # tokens joined by spaces, then the key: phrases match as words, other terms anywhere
    return pattern is not None and pattern.search(" " + " ".join(fo.tokens) + " \x00" + fo.key) is not None


def _declares_unofficial(fields: list[tuple[str, Folded, str]], bio: str | None) -> bool:
    """The display name or the bio says the account is a fan, parody or unofficial account."""
    if any(_has_term(fo, "declared") for fname, fo, _ in fields if fname == "display_name"):
        return True
    if not bio or not _DECLARED_RE.search(bio):
        return False
    # a bio that also claims the real thing ("Fan account? No, the real one.") declares nothing, unless it
    # says so outright (parody, not affiliated, unofficial)
    fb = fold(bio)
    return _has_term(fb, "declared_strong") or (_has_term(fb, "declared") and not _has_term(fb, "person_claims"))


def _local_words_kept(entry: NameEntry, f: Folded, slip: bool = True) -> bool:
    """A local body's own word (town, city, county ...) is in the observed name, at most one typing slip away
    (Twon, Citty, Couny): "Owen Burlington" is a person, not a misspelt "Town of Burlington"."""
    if entry.cjk:
        return True
    return all((t in f.tokens if not slip else t in f.key)
               or (slip and any(OSA.distance(t, tok, score_cutoff=1) <= 1 for tok in f.tokens))
               for t in entry.all_tokens.split() if t in _LOCAL_GOV and len(t) > 3)


def _more_than_a_slip(rest: str) -> bool:
    """Text beside a whole name that a typing slip does not explain: a Chinese character, or two or more
    characters (one Latin letter is a doubled key: "City of Red Blufff")."""
    return len(rest.replace("rn", "m")) >= 2 or has_cjk(rest)  # the fold writes m as rn (its skeleton)


_SMALL_WORDS = re.compile(r"(?:a|an|the|of|and|for|by|in|on|at|to|its|my|me|us|[0-9])+")


def _only_small_words(residual: str) -> bool:
    """The text beside a name is only articles, small words and digits (a glued "the", "an"+"a")."""
    parts = [p for p in residual.split(" ") if p]
    return bool(parts) and all(_SMALL_WORDS.fullmatch(p) for p in parts) and not residual.replace(" ", "").isdigit()


def _glued_letter(residual: str) -> bool:
    """The text after a name (or, reversed, before it) opens with one Latin letter and no more letters
    ("Huda" = HUD + a, "neha1992" = NEH + a1992): the name is part of another word."""
    residual = residual.replace("rn", "m")  # the fold writes m as rn (its skeleton)
    return (bool(residual) and residual[0].isascii() and residual[0].isalpha()
            and (len(residual) == 1 or not residual[1].isalpha()))


def _context_level(idx: NameIndex, f: Folded, person: str) -> int:
    """The strongest anchor context in a folded field, outside the person's own name: -1 none, 0 weak, 1 an
    outlet, 2 a role. A short Latin term (ARD, NBC, TV) counts only standing alone: a whole word, at an end of
    the key, or right beside the name ("lesterholtnbc"); inside another word ("Richard") it is no outlet."""
    key = f.key
    auto = idx.context_automaton
    if not key or auto is None or auto.kind != 2:  # 2 == ahocorasick.AHOCORASICK
        return -1
    spans = []
    if person:
        at = key.find(person)
        while at >= 0:
            spans.append((at, at + len(person)))
            at = key.find(person, at + 1)
    bounds: set[int] | None = None
    best = -1
    for end, (term, level) in auto.iter(key):
        if level <= best:
            continue
        start, stop = end - len(term) + 1, end + 1
        if any(start < b and a < stop for a, b in spans):
            continue  # inside the name itself
        if len(term) <= 4 and term.isascii():
            if bounds is None:
                bounds = {0, len(key)} | {p for span in spans for p in span}
                pos = 0
                for t in f.tokens:
                    pos += len(t)
                    bounds.add(pos)
            if start not in bounds or stop not in bounds:
                continue
        best = level
    return best


def _inner_positions(tokens: Sequence[str], decos: frozenset[str]) -> set[int]:
    """Positions of tokens between the first and the last non-decoration token."""
    content = [k for k, t in enumerate(tokens) if t not in decos and not t.isdigit()]
    return set(range(content[0] + 1, content[-1])) if len(content) >= 2 else set()


def _near_word(observed: str, word: str) -> bool:
    """A word of the name, possibly misspelt: fuzz.ratio >= 75, or one edit in a word of three or more letters
    ("Nww Zealand": one edit in three letters is a ratio of only 67)."""
    return fuzz.ratio(observed, word) >= 75 or (len(word) >= 3 and Levenshtein.distance(observed, word, score_cutoff=1) <= 1)


_SHOW_WORDS = re.compile("show|tonight|360")
_HOST = re.compile(r"(?i)\b(?:co-?)?host(?:s|ed|ing)?\b|主持")


def _eponymous_show(key: str, person: str) -> bool:
    """A programme named after the person: the (last) name followed by a show's word ("The Rachel Maddow Show",
    "Tucker Carlson Tonight", "Anderson Cooper | Anderson Cooper 360")."""
    at = key.rfind(person)
    return at >= 0 and person.isascii() and _SHOW_WORDS.match(key[at + len(person) :]) is not None


def _claims_own_channel(f: Folded) -> bool:
    """The text claims to be someone's own official channel and does not deny it."""
    return _has_term(f, "person_claims") and not _has_term(f, "negations")


def _word_of(key: str, name: str, f: Folded, decos: frozenset[str]) -> bool:
    """The observed key is a single word (decoration aside) found whole inside a name at least two
    characters longer: a part of the name, not a misspelling of it."""
    # a long run of the name is a handle cut at the platform's length limit ("northatlantictreatyorganizatio"),
    # not a word of it
    return (len(name) - len(key) >= 2 and len(key) < 12 and key in name
            and sum(1 for t in f.tokens if t not in decos and not t.isdigit()) <= 1)


def _acronym_written(raw: str, decos: frozenset[str]) -> str:
    """The capitals of a display name outside decoration words, as written (NFKC): "FBI Official" -> FBI."""
    import unicodedata

    words = _WORD_RE.findall(unicodedata.normalize("NFKC", raw))
    return "".join(w for w in words if not w.isdigit() and fold(w).key not in decos)


_STATE_PREFIXES = {"中华人民共和国": "nation", "中国": "nation", "中华": "nation", "中央": "中央", "国家": "国家",
                   "全国": "全国"}
"""State prefixes of Chinese names and what they say: 中国 is how 中华人民共和国 is written; 中央 is not."""


def _other_state_prefix(before: str, name: str) -> bool:
    """The text before a Chinese short form is a state prefix, and the registry name starts with one that says
    another thing: the short form dropped 中央 and the account wrote 中国 (中国美术学院 / 中央美术学院)."""
    said = _STATE_PREFIXES.get(before)
    own = next((v for k, v in _STATE_PREFIXES.items() if name.startswith(k)), None)
    # a prefix the name holds elsewhere is its own word: 全国政协 (…全国委员会)
    return said is not None and own is not None and said != own and before not in name


def _sounds_like(display_key: str, entry: NameEntry) -> bool:
    """The display name (`plain`: before look-alike folding, which may change its sound), or its core without
    decoration, is the name or one of its Chinese short forms with
    characters of the same sound swapped in, none of which makes a word or place of its own (北京公庵 for 北京公安,
    应急步 for 应急部; not 抚州公安 for 福州公安)."""
    if not entry.cjk:
        return False
    cores = [c for c in decoration_cores(display_key) if len(c) >= 4 and CJK_ONLY.match(c)]  # not personal names
    for form in (entry.loose, *_cjk_short_forms(entry.name)):
        for core in cores:
            if len(core) != len(form) or core == form:
                continue
            swaps = [k for k in range(len(form)) if form[k] != core[k]]
            if all(same_sound(form[k], core[k]) and not swap_makes_other_word(form, core, k, k) for k in swaps):
                return True
    return False


@lru_cache(maxsize=4096)
def _cjk_short_forms(name: str) -> tuple[str, ...]:
    """The usual (rank 0-1) Chinese short forms of a registry name, folded as the index keeps them."""
    return tuple(fold(form).key for form, rank in abbreviations(name) if rank <= 1 and has_cjk(form))


def _own_pinyin(f: Folded) -> tuple[str, str]:
    """Per-character pinyin of a display name's Chinese characters, and their initials ("", "" without any)."""
    cjk = "".join(ch for ch in f.plain if has_cjk(ch))
    if not cjk:
        return "", ""
    full, offsets = pinyin_chars_offsets(cjk)
    return full, "".join(full[k] for k in range(len(full)) if k == 0 or offsets[k] != offsets[k - 1])


def _subsequence(part: str, text: str) -> bool:
    """`part`'s characters appear in `text` in order (initials a handle shortens: gzgaj of gzsgaj)."""
    it = iter(text)
    return all(ch in it for ch in part)


def _initials_candidates(tokens: tuple[str, ...], initials: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """(initials key in `initials`, the other tokens): each token without trailing digits, and the letters of
    a spelled-out run ("r.m.r.b", "r m r b") joined. Most fields have none: only dict lookups are paid then."""
    out = [(core, [t for t in tokens if t != tok]) for tok in tokens
           if (core := tok.rstrip("0123456789")) in initials]
    if not out:  # a decoration glued on ("gmrbguanfang", "cxcmofficial", "hnwsnews"): a few dict lookups
        for tok in tokens:
            for cut in range(MIN_INITIALS, min(len(tok), _MAX_INITIALS + 1)):
                if tok[:cut] in initials and is_decoration(tok[cut:]):
                    out.append((tok[:cut], [t for t in tokens if t != tok]))
                    break
    if len(tokens) >= MIN_INITIALS:
        singles = [t for t in tokens if _spelled_letter(t)]
        if len(singles) >= MIN_INITIALS and (joined := "".join(singles)) in initials:
            out.append((joined, [t for t in tokens if not _spelled_letter(t)]))
    return out


_MAX_INITIALS = 16  # initials of a name this long or longer are not looked for with a decoration glued on


def _spelled_letter(tok: str) -> bool:
    """One letter as folded ("m" folds to "rn", its UTS #39 skeleton)."""
    return (len(tok) == 1 and tok.isalpha()) or tok == "rn"


# what can make capitals of a name without a capitals run: a capital beside a symbol, digit or invisible, a small
# letter before a capital, spaced capitals, a leet sign before a capital (Lisa Campbell🌻 has none)
_SURFACE_TRICK = re.compile(r"[A-Z\u0391-\u03a9\u0410-\u042f][^\w\s]|[^\w\s][A-Z]|[a-z][A-Z]|[A-Z][0-9]|[0-9][A-Z]|"
                            r"\b[A-Z] [A-Z]\b|[\u200b-\u200f\u2060-\u2064\ufeff\u00ad]")
_SPACED_CAPITALS = re.compile(r"\b[A-Z](?: [A-Z]){2,6}\b")
_INSIDE_SYMBOLS = re.compile(r"(?<=[^\W_])[^\w\s'-]+(?=[^\W_])|[\u200b-\u200f\u2060-\u2064\ufeff\u00ad]")
_LEET_CAPITALS = str.maketrans("@$0134578", "ASOIEASTB")
_LONE_LEET = re.compile(r"[@$]|(?<![0-9])[0134578](?![0-9])")


def _acronym_surface(raw: str) -> str:
    """A display name as an acronym would read under the tricks: invisible characters and symbols between letters
    gone (G⁤A⁤O, R★B★A), leetspeak in a word of capitals read as capitals (C@F, @T0), and a word with a capital
    after a small letter (nTsB, cTv) taken as written in capitals. An ordinary name comes back unchanged."""
    if not _SURFACE_TRICK.search(raw):
        return raw
    words = []
    raw = _SPACED_CAPITALS.sub(lambda m: m.group(0).replace(" ", ""), raw)  # N Z D F
    for w in unicodedata.normalize("NFKC", raw).split(" "):
        letters = [c for c in w if c.isalpha()]
        if letters and not any(c.islower() for c in letters) and any(c in "@$0134578" for c in w):
            w = _LONE_LEET.sub(lambda m: m.group(0).translate(_LEET_CAPITALS), w)  # not a year's digits (GAO2024)
        w = _INSIDE_SYMBOLS.sub("", w)
        if re.search("[a-z][A-Z]", w):
            w = w.upper()
        words.append(w)
    return " ".join(words)


def _written_as_acronym(raw: str, decos: frozenset[str]) -> bool:
    """Every word of the raw name that is not decoration is written in capitals (or is a number)."""
    import unicodedata

    words = _WORD_RE.findall(unicodedata.normalize("NFKC", raw))
    core = [w for w in words if not w.isdigit() and fold(w).key not in decos]
    return bool(core) and all(w.isupper() or _BRITISH_ACRONYM.fullmatch(w) for w in core)


def _on_token_bounds(f: Folded, start: int, end: int) -> bool:
    bounds = {0}
    pos = 0
    for t in f.tokens:
        pos += len(t)
        bounds.add(pos)
    return start in bounds and end in bounds


# Forked workers inherit the matcher through this global (set just before the pool is created).
_WORKER_MATCHER: _Matcher | None = None


def _worker_match(rows: Sequence[tuple[str | None, ...]]) -> list[tuple[Any, ...]]:
    assert _WORKER_MATCHER is not None
    return _WORKER_MATCHER.match_rows(rows)


def _default_workers() -> int:
    """VIGIL_IMP_WORKERS when set, else 1. A process pool inside detect() measured *slower* than one process
    (rows and results are pickled per chunk while the caller parses the next chunk serially; see
    benchmarks/results/impersonation_bench.md), so both cores are better used by the pipeline running
    several detector processes. With VIGIL_IMP_WORKERS=2 the pool serves chunks >= POOL_MIN_ACCOUNTS,
    never inside a pipeline worker; results are identical either way."""
    env = os.environ.get("VIGIL_IMP_WORKERS")
    if env is not None:
        try:
            return max(1, int(env))
        except ValueError:
            return 1
    return 1


def _cores_idle(workers: int) -> bool:
    try:
        return os.getloadavg()[0] < (os.cpu_count() or 1) - workers / 2
    except OSError:  # pragma: no cover - no load average on this platform
        return True


@register
class ImpersonationDetector(Detector):
    """Accounts posing as a registered entity (subcategory = its kind) or as an invented authority."""

    name: ClassVar[str] = "impersonation.name"
    categories: ClassVar[tuple[str, ...]] = ("impersonation",)
    needs: ClassVar[frozenset[str]] = frozenset({"accounts"})
    chunkable: ClassVar[bool] = True
    default_threshold: ClassVar[float] = 0.7

    def __init__(
        self,
        resources: Resources,
        threshold: float | None = None,
        *,
        use_cache: bool = True,
        workers: int | None = None,
    ) -> None:
        super().__init__(resources, threshold)
        if resources.entities:
            self.index, self.index_source = load_or_build(resources.entities, resources.fingerprint, use_cache)
        else:
            self.index, self.index_source = NameIndex(), "empty"
        self.matcher = _Matcher(self.index)
        self.workers = _default_workers() if workers is None else max(1, workers)
        self._force_pool = workers is not None or "VIGIL_IMP_WORKERS" in os.environ
        self._pool: Any = None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None

    def __del__(self) -> None:
        try:
            if self._pool is not None:
                self._pool.terminate()
        except Exception:  # noqa: BLE001 - interpreter shutdown
            pass

    def warm(self) -> None:
        self.matcher.warm()

    def _match(self, rows: list[tuple[str | None, ...]]) -> list[tuple[Any, ...]]:
        import multiprocessing as mp

        # Inside a pipeline worker (a daemon process) the pipeline already uses both cores.
        if self.workers < 2 or len(rows) < POOL_MIN_ACCOUNTS or mp.current_process().daemon:
            return self.matcher.match_rows(rows)
        # results are identical either way (each account is matched on its own); only speed differs
        if self._pool is None and not self._force_pool and not _cores_idle(self.workers):
            return self.matcher.match_rows(rows)

        global _WORKER_MATCHER
        if self._pool is None:
            try:
                ctx = mp.get_context("fork")
            except ValueError:
                return self.matcher.match_rows(rows)
            _WORKER_MATCHER = self.matcher
            self.matcher.warm()  # tables built once here, not once per forked worker
            self._pool = ctx.Pool(self.workers)
        n = self.workers * 2
        step = (len(rows) + n - 1) // n
        shards = [rows[i : i + step] for i in range(0, len(rows), step)]
        out: list[tuple[Any, ...]] = []
        for part in self._pool.map(_worker_match, shards):
            out.extend(part)
        return out

    def _shows_own_name(self, acc: Account, own: frozenset[str]) -> bool:
        keys = [fold(t).key for t in (acc.display_name, acc.handle) if t]
        for eid in own:
            for name_i in self.index.entity_names.get(eid, ()):
                loose = self.index.names[name_i].loose
                if any(loose and loose in k for k in keys):
                    return True
        return False

    def _detect(self, batch: Batch) -> Iterable[Finding]:
        accounts: list[Account] = list(batch.accounts)
        if not accounts:
            return
        rows: list[tuple[str | None, ...]] = [(a.display_name, a.handle, a.bio, "1" if a.verified else "") for a in accounts]
        results = self._match(rows)
        names = self.index.names
        ents = self.index.entities
        official = self.resources.official_accounts
        for acc, res in zip(accounts, results, strict=True):
            own = official.get((acc.platform, acc.account_id))
            if own and self._shows_own_name(acc, own):
                continue  # an official account showing its own entity's name impersonates nobody
            if res[0] == "entity":
                _, name_i, score, field, observed, transforms = res
                entry = names[name_i]
                ent = ents[entry.entity]
                tr = list(transforms)
                if not entry.primary:
                    tr.insert(0, "alias")
                if acc.verified and not _COUNTERFEIT_TRANSFORMS & set(tr):
                    score *= VERIFIED_FUZZY_FACTOR if _FUZZY_TRANSFORMS & set(tr) else VERIFIED_FACTOR
                evidence: dict[str, Any] = {
                    "entity_id": ent.entity_id,
                    "matched_name": ent.primary_name,
                    "matched_alias": entry.name,
                    "observed": observed,
                    "field": field,
                    "transforms": sorted(set(tr), key=tr.index),
                    "verified": acc.verified,
                }
                yield make_finding(platform=acc.platform, account_id=acc.account_id, post_id=None,
                                   category="impersonation", subcategory=ent.kind, detector=self.name,
                                   score=score, evidence=evidence)
            elif res[0] == "invented":
                _, terms, score, observed, transforms = res[:5]
                field = res[5] if len(res) > 5 else "display_name"
                if acc.verified:
                    score *= VERIFIED_FACTOR
                yield make_finding(platform=acc.platform, account_id=acc.account_id, post_id=None,
                                   category="impersonation", subcategory="invented_authority",
                                   detector=self.name, score=score,
                                   evidence={"entity_id": None, "matched_terms": list(terms),
                                             "observed": observed, "field": field,
                                             "transforms": list(transforms), "verified": acc.verified})
