"""Bilingual lexicons for professional-service offers (medical, legal, financial, education, psychology).

Lexicons give the classifier explainable, high-precision anchors: a professional *title* the account
claims, domain *service* phrases (diagnosis, prescription, lawsuits, stock tips, exam leaks, therapy),
generic *offer* phrases (consult me, DM, prices) and *look-alike* services that must not count
(fitness coaching, beauty, cooking classes). Matching is on lower-cased Simplified Chinese text
(Traditional is converted first) with one Aho-Corasick automaton.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import ahocorasick
import opencc

from vigil.text.icuwords import words as icu_words

DOMAINS: tuple[str, ...] = ("medical", "legal", "financial", "education", "psychology")

# Titles an account can claim in its name or bio. Claiming one without a valid credential for the
# domain is the aggravated case ("claimed_title" in evidence).
TITLES: dict[str, tuple[str, ...]] = {
    "medical": (
        "主任医师", "副主任医师", "主治医师", "执业医师", "医生", "大夫", "中医师", "老中医", "名中医",
        "专家门诊", "皮肤科专家", "儿科专家", "妇科专家", "男科专家", "神医", "药师",
        "physician", "doctor", "dr.", " md", "m.d.", "dermatologist", "pediatrician", "surgeon",
        "naturopath", "gynecologist", "cardiologist", "pharmacist",
    ),
    "legal": (
        "执业律师", "律师", "大律师", "法律顾问", "法务专家", "律所主任",
        "licensed attorney", "attorney", "lawyer", "legal counsel", "solicitor", "barrister",
        "attorney at law", "esq.",
    ),
    "financial": (
        "理财师", "金融理财师", "投资顾问", "证券分析师", "分析师", "股神", "私募经理", "基金经理",
        "财富顾问", "操盘手", "交易导师",
        "financial advisor", "financial adviser", "investment advisor", "investment adviser",
        "wealth manager", "cfa", "cfp", "fund manager", "trading mentor", "stock analyst",
    ),
    "education": (
        "名师", "特级教师", "金牌讲师", "考研名师", "教育专家", "留学顾问", "资深讲师", "高考状元",
        "阅卷老师", "命题组",
        "certified tutor", "exam coach", "admissions consultant", "former examiner", "ielts examiner",
        "test prep expert",
    ),
    "psychology": (
        "心理咨询师", "二级心理咨询师", "心理医生", "心理治疗师", "情感导师", "心理专家", "婚恋导师",
        "licensed therapist", "therapist", "psychologist", "psychotherapist", "counselor", "counsellor",
        "mental health coach",
    ),
}

# Domain service language: what the account does or promises.
SERVICES: dict[str, tuple[str, ...]] = {
    "medical": (
        "问诊", "开药", "开方", "处方", "诊断", "看诊", "包治", "根治", "秘方", "偏方", "祖传", "药到病除",
        "治愈", "专治", "调理", "把脉", "代开", "特效药", "疗程", "停药", "抗生素", "食疗", "方子", "症状",
        "看病", "开单", "药方", "偏方", "降压药", "降糖",
        "prescribe", "prescription", "diagnose", "diagnosis", "cure your", "cures ", "treat your",
        "online consultation", "your symptoms", "herbal remedy", "miracle cure", "medical advice",
        "your meds", "stop taking", "antibiotics", "protocol", "cured", "reverse your", "reversed my",
        "telehealth", "consults",
        "药膏", "喷剂", "退烧", "肺炎", "鼻炎", "胰岛素", "化疗", "停药", "西药", "中药", "激素", "血糖", "血压", "痛风",
        "湿疹", "结节", "肿瘤", "癌症", "疗效", "见效", "康复", "病友", "患者", "用药", "配药", "剂量", "输液", "偏头痛",
        "阳痿", "早泄", "前列腺", "妇科", "不孕", "失眠", "脱发", "痘痘", "尿酸", "降压", "排毒", "泡脚", "艾灸", "推拿",
        "meds", "medication", "metformin", "insulin", "chemo", "tumor", "cancer", "diabetes", "blood pressure",
        "symptoms", "dose", "dosing", "cleanse", "remedy", "remedies", "heal", "healed", "cure", "cures", "reverse",
        "reverses", "reversed", "supplement", "tincture", "detox", "asthma", "eczema", "thyroid", "insomnia",
        "infection", "inflammation", "clinic", "patients", "surgery", "pills", "semaglutide", "ozempic", "ivermectin",
        "adjustments", "kidney", "arthritis",
    ),
    "legal": (
        "法律咨询", "打官司", "诉讼", "胜诉", "代写诉状", "起诉", "仲裁", "离婚财产", "讨薪", "债务纠纷",
        "法律援助", "合同纠纷", "包赢", "律师函", "刑事辩护", "索赔", "赔偿", "追讨", "离婚", "官司",
        "legal advice", "legal consultation", "win your case", "lawsuit", "sue ", "custody",
        "visa case", "immigration case", "court case", "represent you", "legal help", "settlement",
        "no win, no fee", "personal injury", "green card", "small claims", "your case", "hearing", "judge",
        "court", "法官", "法庭", "开庭",
        "起诉状", "答辩状", "立案", "应诉", "律师函", "工伤", "伤残鉴定", "取保候审", "合同审查", "审合同", "维权",
        "判决", "执行", "老赖", "欠款", "抚养权", "继承", "遗产", "拆迁", "理赔", "追回", "追款", "劳动合同", "净身出户",
        "evict", "eviction", "evicted", "probate", "bankruptcy", "chapter 7", "asylum", "deportation", "dui", "ticket",
        "tickets", "will and", "wills", "living trust", "divorce", "child support", "file your", "sue", "suing",
        "attorney", "dismissed", "charges", "visa", "immigration",
    ),
    "financial": (
        "荐股", "牛股", "带你炒股", "稳赚", "保本", "高收益", "收益率", "月收益", "内幕消息", "跟单",
        "翻倍", "涨停", "理财", "币圈", "带单", "回本", "仓位", "年化", "股票", "炒股", "会员费", "收益",
        "guaranteed return", "guaranteed profit", "risk-free", "trading signals", "signals group",
        "10x", "manage your portfolio", "passive income", "stock picks", "investment advice", "roi",
        "returns", "penny stock", "never loses", "signals", "grow it to", "double your money", "forex",
        "代码", "连板", "复牌", "月息", "年化", "分成", "起投", "币", "比特币", "合约", "期货", "期权", "外汇", "黄金",
        "喊单", "操盘", "实盘", "股", "炒币", "基金", "私募", "利息", "收益", "赚", "本金", "盈利", "亏损",
        "stock", "stocks", "options", "calls", "crypto", "bitcoin", "btc", "eth", "altcoin", "trading", "trade",
        "trades", "day-trading", "day trading", "investors", "invest", "investment", "401k", "ira", "portfolio",
        "profit", "profits", "dividend", "yield", "principal", "wire", "win rate", "nft", "nfts", "alerts", "fund",
        "loan", "credit score", "debt", "标的", "盘前", "胜率", "个股", "选股", "行情", "大盘", "抄底", "建仓", "上车",
        "entry", "entries", "premium members", "the open", "win rate", "tickers", "ticker",
    ),
    "education": (
        "押题", "包过", "保过", "不过退费", "提分", "代写论文", "保录", "真题", "考前", "一对一辅导",
        "内部资料", "命中率", "考研", "考公", "雅思", "录取", "名校", "留学申请", "论文", "高考", "中考",
        "guaranteed pass", "exam leak", "predicted questions", "admission guaranteed", "essay writing",
        "score guaranteed", "pass guaranteed", "tutoring", "exam prep", "sat prep", "dissertation",
        "real questions", "band 7", "admission", "grades",
        "代考", "代刷", "网课", "保送", "押题", "答案", "降重", "查重", "上岸", "考试", "真题", "通过率", "命中", "密卷",
        "期末", "四六级", "教资", "专升本", "会计证", "雅思", "托福", "小升初", "择校", "文书", "申请",
        "thesis", "exam", "exams", "homework", "assignment", "assignments", "essay", "essays", "gre", "gmat", "sat",
        "act", "ielts", "toefl", "mcat", "lsat", "nclex", "cpa exam", "bar exam", "proctored", "coursework",
        "acceptance", "admissions", "turnitin", "final", "quiz", "quizzes", "canvas", "blackboard", "grade", "grades",
        "midterm", "midterms", "gpa", "刷课", "刷题", "学分", "绩点", "挂科",
    ),
    "psychology": (
        "心理咨询", "心理疏导", "抑郁", "焦虑", "强迫症", "情感挽回", "心理治疗", "倾听", "疗愈", "创伤",
        "挽回", "前任", "分手", "失恋", "心理问题",
        "therapy session", "counseling", "counselling", "depression", "anxiety", "trauma", "ptsd",
        "mental health", "heal your", "panic attack", "online therapy", "therapy program", "get your ex back",
        "抑郁症", "焦虑症", "双相", "惊恐", "社恐", "强迫", "复合", "冷暴力", "出轨", "婚姻", "厌学", "网瘾", "自残",
        "情绪", "疗愈营", "催眠", "原生家庭", "情感", "恋爱",
        "ocd", "bipolar", "grief", "marriage", "divorce", "breakup", "your ex", "therapy",
        "antidepressants", "self-harm", "eating disorder", "anorexia", "bulimia", "hypnotherapy", "rewire",
    ),
}

# Generic offer / solicitation language (domain-free).
OFFERS: tuple[str, ...] = (
    "私信", "咨询", "加微信", "加v", "加薇", "vx", "预约", "联系我", "扣1", "进群", "付费", "收费",
    "一对一", "主页联系", "挂号", "名额有限", "报名", "课程", "私讯", "不成功不收费", "退款", "全额退",
    "会员", "报名费", "费用", "入群", "vip群", "群里", "私聊", "电话预约", "拍下", "学费", "训练营", "特训营", "拿货", "付款", "vip",
    "dm me", "dm for", "consult me", "book a", "book now", "link in bio", "contact me", "per session",
    "per hour", "/hour", "/session", "sign up", "message me", "whatsapp", "telegram", "paid", "fee",
    "consultation", "book via", "join via", "send me", "newsletter", "flat fee", "money back", "text me",
    "email us", "booking", "spots", "call now", "enroll", "order here",
    "私我", "私聊", "加薇", "v信", "微信", "电话联系", "电话同微信", "扣1", "评论区", "留言", "后台", "二维码", "拉群",
    "定金", "面议", "面谈", "咨询费", "入圈", "名额", "先付", "上门", "包邮", "发货", "下单", "扫码", "星球",
    "dm", "dms", "venmo", "cashapp", "paypal", "discord", "apply", "discovery call", "retainer", "upfront",
    "pay after", "spots left", "trial", "/week", "per week", "a session", "package", "membership", "subscribe",
    "join my", "comment", "wire", "置顶", "看置顶", "主页", "入群须知", "members", "trial",
)

# Look-alike services: offers that are not professional advice in the five domains.
LOOKALIKES: tuple[str, ...] = (
    "健身", "私教", "减脂", "增肌", "瑜伽", "普拉提", "化妆", "美甲", "摄影", "烘焙", "烹饪", "吉他",
    "钢琴", "舞蹈", "穿搭", "美妆", "宠物美容", "旅拍", "纹身", "简历", "保洁", "家政", "保姆", "二手", "旧书",
    "理发", "美发", "搬家", "维修", "租房",
    "fitness", "personal trainer", "workout", "yoga", "pilates", "makeup", "photography", "baking",
    "cooking class", "guitar", "piano", "dance class", "styling", "nail", "gym", "tattoo", "resume", "cleaning",
    "barber", "haircut", "fades", "used books", "moving", "repair", "headshots", "babysitting",
    "马拉松", "跑步", "拉花", "咖啡", "日语", "英语口语", "编程", "书法", "空调", "家电", "清洗", "婚礼", "主持", "团购",
    "营业执照", "陪诊", "面膜", "护肤", "装修", "写真", "宠物", "训犬", "美睫", "剪发", "彩票", "中彩", "博彩", "跑腿",
    "boxing", "esthetician", "facial", "facials", "meal prep", "meal delivery", "wifi", "network", "interior",
    "dog trainer", "puppy", "grooming", "candles", "kombucha", "weighted blanket", "photos", "wedding",
    "bootcamp for", "lessons", "tax returns", "tax prep", "lash", "skincare", "lottery", "casino", "errands",
    "cycling", "training plan", "training plans", "triathlon", "swim", "running coach", "marathon", "repotting",
    "houseplants", "driving lessons", "骑行", "游泳", "驾校", "科目二", "配送", "中介", "看房",
)

# Warnings, questions and reporting: the domain and sales words appear, but nobody is selling.
WARNINGS: tuple[str, ...] = (
    "警惕", "骗局", "诈骗", "别上当", "上当", "被骗", "提醒", "曝光", "查处", "通报", "谣言", "虚假宣传", "千万别信",
    "有没有", "求推荐", "怎么办", "在线等", "请问", "大家别",
    "scam", "scams", "scammer", "scammers", "warn", "warns", "warning", "beware", "fraud", "charges operators",
    "sanctions", "fined", "anyone know", "any advice", "any tips", "is that legal", "should i", "recommend a",
    "police say", "police", "victim", "victims", "loses", "arrested", "charged with", "anyone have experience",
    "警方", "民警", "受害人", "被抓", "落网", "反诈", "96110",
    # outlets reporting on it
    "scamming", "scammed", "report them", "官方账号", "司法局", "公安局", "卫健委", "official account",
    "news", "daily news", "reuters", "记者", "新闻", "日报", "晚报", "时报", "电视台", "报道", "快讯", "通讯社",
)

_PRICE = re.compile(
    r"(?:[¥￥$€£]\s?\d[\d,.]*k?|\d[\d,.]*\s?(?:元|块|rmb|usd|dollars?|美元)|\d+\s?/\s?(?:次|小时|节|月|年|h|hr|hour|"
    r"session|month)|(?:会员|收费|费用|会费|一次|每次|仅需|只要|报名费|月费|年费|入群费|课程费|学费)\s?\d+|"
    r"[一每](?:瓶|盒|副|套|份|期|节|次|个疗程)\s?\d+|\d+\s?[一每]?(?:副|瓶|盒|套|份|期|节|次|个疗程))",
    re.IGNORECASE,
)

_DIGIT = re.compile(r"\d")

_GUARANTEE = re.compile(
    r"(保证|包过|包治|包赢|包好|包录|包退|保过|保录|保本|保底|保息|稳赚|稳赢|必涨|必过|100%|百分百|无效退款|不成功不收费|成功率|"
    r"[亏赔]了退|退一半|全额退|不过退|退款|退钱|不好不要钱|不要钱|见效|断根|不复发|命中率|通过率|胜诉率|"
    r"guarantee[ds]?|risk[- ]free|never los(?:e|es)|money back|no win, no fee|refund|or you don't pay|can't lose|"
    r"zero risk|\d+% (?:success|win rate|hit rate)|works every time|pass or)",
    re.IGNORECASE,
)


@dataclass
class Hits:
    """Lexicon hits for one text, per kind."""

    titles: dict[str, list[str]] = field(default_factory=dict)
    services: dict[str, list[str]] = field(default_factory=dict)
    offers: list[str] = field(default_factory=list)
    lookalikes: list[str] = field(default_factory=list)
    prices: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def domain_strength(self, domain: str) -> float:
        """0..1 lexical evidence that the text is about `domain` services."""
        t = len(self.titles.get(domain, ()))
        s = len(self.services.get(domain, ()))
        return min(1.0, 0.5 * min(t, 1) + 0.25 * min(s, 2))

    def offer_strength(self) -> float:
        return min(1.0, 0.4 * min(len(self.offers), 2) + (0.3 if self.prices else 0.0))


_T2S = opencc.OpenCC("t2s")


def normalize(text: str) -> str:
    """Lower-case Simplified Chinese with single spaces (matching and classifier input)."""
    return " ".join(_T2S.convert(text).lower().split())


def normalize_many(texts: Sequence[str]) -> list[str]:
    """`[normalize(t) for t in texts]` with one OpenCC call: its per-call cost is most of the work on short
    texts. Exact because OpenCC's dictionary phrases hold no whitespace, so no conversion spans the line
    breaks that separate the texts (tests compare the two)."""
    if not texts:
        return []
    converted: str = _T2S.convert("\n".join(" ".join(t.split()) for t in texts))
    return converted.lower().split("\n")


def words(text: str) -> list[str]:
    """Word tokens of normalised text by ICU word boundaries (dictionary segmentation for Chinese);
    punctuation and spaces dropped."""
    return icu_words(text)




@lru_cache(maxsize=1)
def _automaton() -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    entries: list[tuple[str, str, str]] = []
    for domain, words in TITLES.items():
        entries += [(w, "title", domain) for w in words]
    for domain, words in SERVICES.items():
        entries += [(w, "service", domain) for w in words]
    entries += [(w, "offer", "") for w in OFFERS]
    entries += [(w, "lookalike", "") for w in LOOKALIKES]
    entries += [(w, "warning", "") for w in WARNINGS]
    grouped: dict[str, list[tuple[str, str]]] = {}
    for word, kind, domain in entries:
        grouped.setdefault(word, []).append((kind, domain))
    for word, kinds in grouped.items():
        auto.add_word(word, (word, tuple(kinds)))
    auto.make_automaton()
    return auto


def _glued(text: str, i: int, edge: str) -> bool:
    """True when the character at `i` continues an alphanumeric word edge (no word boundary).

    A plural "s" after the word is allowed ("green cards", "lawyers")."""
    if not edge.isalnum() or i < 0 or i >= len(text):
        return False
    ch = text[i]
    if ch == "s" and i > 0 and text[i - 1].isalpha() and (i + 1 >= len(text) or not text[i + 1].isalnum()):
        return False
    return ch.isascii() and ch.isalnum()


def scan(text: str) -> Hits:
    """All lexicon hits in `text` (already normalised or not), de-duplicated, in text order."""
    return scan_normalized(normalize(text))


def _word_hits(norm: str) -> Iterator[tuple[str, tuple[tuple[str, str], ...]]]:
    """(word, its (kind, domain) pairs) for every lexicon word in a normalised text, in text order. English
    words must stand alone ("cfa" must not fire inside another word)."""
    for end, (word, kinds) in _automaton().iter(norm):
        start = end - len(word) + 1
        if word.isascii() and (_glued(norm, start - 1, word[0]) or _glued(norm, end + 1, word[-1])):
            continue
        yield word, kinds


_NOT_EVIDENCE = frozenset({"warning", "lookalike"})


def has_lexical_evidence(norm: str) -> bool:
    """True when `scan_normalized(norm)` would hold a title, service or offer word or a price: the lexical
    evidence of a service offer (warnings and look-alike services only damp a score), without building it."""
    for _word, kinds in _word_hits(norm):
        if any(kind not in _NOT_EVIDENCE for kind, _ in kinds):
            return True
    return _DIGIT.search(norm) is not None and _PRICE.search(norm) is not None


def scan_normalized(norm: str) -> Hits:
    """`scan` of a text already passed through `normalize`."""
    hits = Hits()
    seen: set[tuple[str, str, str]] = set()
    for word, kinds in _word_hits(norm):
        for kind, domain in kinds:
            key = (word, kind, domain)
            if key in seen:
                continue
            seen.add(key)
            if kind == "title":
                hits.titles.setdefault(domain, []).append(word.strip())
            elif kind == "service":
                hits.services.setdefault(domain, []).append(word.strip())
            elif kind == "offer":
                hits.offers.append(word.strip())
            elif kind == "warning":
                hits.warnings.append(word.strip())
            else:
                hits.lookalikes.append(word.strip())
    # every price pattern holds a digit: most texts have none and skip the long alternation
    hits.prices = sorted(set(m.group(0) for m in _PRICE.finditer(norm))) if _DIGIT.search(norm) else []
    return hits


# Every alternative of _GUARANTEE starts with one of these characters (and, for the English ones, the same
# next letters): where this finds nothing the full alternation cannot match either, and it is ~3x cheaper.
_GUARANTEE_HINT = re.compile(
    r"[保包稳必百无不成亏赔退全见断命通胜%]|g(?=uarantee)|r(?=isk|efund)|n(?=ever|o win)|m(?=oney)|"
    r"o(?=r you)|c(?=an't)|z(?=ero)|w(?=orks)|p(?=ass)",
    re.IGNORECASE,
)


def guarantees(text: str) -> list[str]:
    if not _GUARANTEE_HINT.search(text):
        return []
    return sorted(set(m.group(0).lower() for m in _GUARANTEE.finditer(text)))


def first_title(texts: Iterable[str], domain: str) -> str | None:
    """The first title of `domain` claimed in `texts` (name/handle/bio), as written in the lexicon."""
    for text in texts:
        found = scan(text).titles.get(domain)
        if found:
            # prefer the longest (most specific) title: 主任医师 over 医生
            return max(found, key=len)
    return None
