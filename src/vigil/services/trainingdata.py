"""Seeded bilingual generator of labelled accounts for the professional-services classifier.

Each generated account has a display name, handle, bio and a few posts, and a label: one of the five
credential domains (the account offers advice or paid services there) or "none". The negatives are the
hard ones a keyword filter gets wrong: ordinary people talking about health, law, money, exams or
stress; official news about those subjects; and look-alike services (fitness coaching, beauty, cooking,
photography) that use the same "DM me, 99 元" offer language. Same seed → same data.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from vigil.services import phrasebank as pb

LABELS: tuple[str, ...] = ("none", "medical", "legal", "financial", "education", "psychology")


@dataclass(frozen=True)
class GenAccount:
    display_name: str
    handle: str
    bio: str
    posts: tuple[str, ...]
    label: str  # a domain or "none"
    kind: str  # offer | ordinary | news | lookalike
    lang: str
    title: str | None = None  # professional title claimed in name/bio, if any
    extra: dict[str, str] = field(default_factory=dict)

    def text(self) -> str:
        return " ".join([self.display_name, self.handle, self.bio, *self.posts])


_SURNAMES_ZH = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
_NAMES_EN = ("Smith", "Chen", "Garcia", "Johnson", "Lee", "Brown", "Patel", "Wong", "Miller", "Davis", "Kim")
_FIRST_EN = ("Anna", "Mike", "Linda", "David", "Grace", "Tom", "Emily", "Jason", "Sara", "Kevin", "Lucy")

_PRICES_ZH = ("99元", "199元/次", "￥299", "388元", "50元一次", "1999元", "600元/小时", "9.9元")
_PRICES_EN = ("$49", "$99/session", "$150 per hour", "$299", "$25", "€80/session", "$500")
_CONTACT_ZH = ("私信咨询", "加微信详聊", "加V了解", "评论区扣1", "主页联系", "私信预约", "进群免费领取")
_CONTACT_EN = ("DM me", "link in bio", "book a call", "message me on WhatsApp", "DM for details",
               "contact me today", "join my Telegram")

# domain → (titles, services/posts templates, bios) for zh and en. {p} price, {c} contact, {x} topic.
_OFFER: dict[str, dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]]] = {
    "medical": {
        "zh": (
            ("主任医师", "副主任医师", "老中医", "中医师", "皮肤科专家", "儿科专家", "执业医师", "名中医"),
            ("专治{x}，三天见效，{c}", "在线问诊，{p}，{c}开药", "祖传秘方根治{x}，无效退款", "{x}患者看过来，"
             "我开的方子吃一个疗程就好，{c}", "看舌苔就能诊断，{c}，问诊费{p}", "不用去医院，{c}我给你开处方",
             "{x}不用吃西药，我的调理方案{p}，{c}", "吃了三十年药的{x}，跟着我的食疗方子一个月停药",
             "医院治不好的{x}来找我，{c}，当天出方", "把化验单发我，我帮你看病开药，{p}",
             "孩子咳嗽发烧不用去医院，{c}，我告诉你吃什么药"),
            ("从医三十年 在线问诊", "专治疑难杂症 {c}", "中医调理 {x} 包治", "三甲医院退休 坐诊咨询"),
        ),
        "en": (
            ("Dr.", "MD", "Board-certified physician", "Naturopath doctor", "Dermatologist", "Family doctor"),
            ("I cure {x} naturally in 7 days, {c}", "Online consultation {p}, {c} and I'll prescribe",
             "Send me your symptoms and I will diagnose you, {c}", "My herbal remedy cures {x}, {p}, {c}",
             "No need to see a doctor, I can write your prescription. {c}",
             "Struggling with {x}? My protocol heals it for good. {p}",
             "Doctors can't fix your {x}, my program can. Sign up, {p}",
             "Stop your meds, try my natural protocol instead. {c}",
             "I reversed my {x} and I can do it for you, {p}",
             "Send me your lab results and I'll tell you what to take, {p}"),
            ("Online consultations | prescriptions by DM", "Healing {x} since 2005 {c}",
             "Telehealth diagnosis in 24h", "Natural cures, {c}"),
        ),
    },
    "legal": {
        "zh": (
            ("执业律师", "律师", "资深律师", "法律顾问", "大律师", "律所主任"),
            ("离婚财产分割找我，{c}，胜诉率100%", "劳动仲裁讨薪，{p}代写诉状，{c}", "欠钱不还怎么起诉？{c}",
             "免费法律咨询，{c}，包赢", "合同纠纷、债务纠纷，一对一咨询{p}", "交通事故赔偿打官司，{c}",
             "老板拖欠工资？我帮你追讨，不成功不收费，{c}", "被骗了钱能追回来，{c}，{p}帮你起诉",
             "离婚抚养权怎么争取？{c}，包赢"),
            ("专业打官司 {c}", "十年诉讼经验 法律咨询", "婚姻家事 债务纠纷 {c}", "免费法律咨询 {c}"),
        ),
        "en": (
            ("Licensed attorney", "Lawyer", "Attorney at law", "Legal counsel", "Immigration lawyer"),
            ("Facing a lawsuit? I win your case, {c}", "Free legal consultation, {c}",
             "Divorce and custody, flat fee {p}, {c}", "I'll sue your landlord for you, {p}",
             "Visa denied? My immigration case success rate is 100%. {c}",
             "Legal advice for any court case, {p} per hour",
             "Hurt at work? I'll get you the biggest settlement, no win, no fee. {c}",
             "Landlord won't return your deposit? I draft the claim for {p}",
             "Got a DUI? I'll get it dismissed, {c}"),
            ("Legal help for everyone {c}", "Win your court case | {c}", "Divorce, custody, visas",
             "Legal advice by DM"),
        ),
    },
    "financial": {
        "zh": (
            ("理财师", "投资顾问", "证券分析师", "股神", "私募经理", "金牌分析师", "操盘手"),
            ("明天涨停牛股，{c}", "跟我操作月收益30%，稳赚不赔，{c}", "内幕消息，进群领牛股，{p}",
             "保本高收益理财，{c}", "币圈带单，一个月翻倍，{c}", "亏损的朋友{c}，帮你回本", "荐股会员{p}，稳赚",
             "下周必涨的三只票，想要代码{c}", "跟着我的仓位走，一周赚20%", "年化30%的理财产品，额度有限{c}",
             "把钱交给我打理，三个月翻倍"),
            ("十年操盘 带你炒股", "每日荐股 {c}", "稳健理财 保本高收益", "价值投资 {c} 进群"),
        ),
        "en": (
            ("Financial advisor", "Investment adviser", "CFA", "Wealth manager", "Trading mentor", "Crypto expert"),
            ("Guaranteed returns of 20% a month, {c}", "Join my VIP signals group {p}, 10x guaranteed",
             "I manage your portfolio risk-free, {c}", "Stock picks that never lose, {c}",
             "Turn $500 into $5000 in a week, {c}", "Passive income with my trading signals, {p}",
             "Send me $1,000 and I'll double it in 30 days", "This coin will 50x by next month, {c}",
             "My paid stock newsletter never loses, {p}", "Buy this stock before Monday, insider tip, {c}"),
            ("Guaranteed profit | {c}", "Forex and crypto signals {c}", "Investment advice, 10x returns",
             "Wealth coaching {c}"),
        ),
    },
    "education": {
        "zh": (
            ("名师", "考研名师", "特级教师", "金牌讲师", "高考状元", "阅卷老师", "留学顾问"),
            ("考前押题，命中率90%，{c}", "保过班{p}，不过退费", "雅思7分包过，{c}", "代写论文，{p}，保证过",
             "内部真题资料，{c}", "留学申请保录名校，{c}", "一对一辅导提分50分，{p}",
             "期末考试答案提前拿，{c}", "教师资格证包过，{p}", "中考冲刺押题卷，不过退费，{c}",
             "论文代写代发，{p}，保证通过"),
            ("十年押题 命中率高", "考研考公 保过 {c}", "名校保录 {c}", "提分专家 一对一辅导"),
        ),
        "en": (
            ("Certified tutor", "Exam coach", "Admissions consultant", "Former examiner", "IELTS examiner"),
            ("IELTS 7.5 guaranteed or your money back, {c}", "Exam leaks for this year's finals, {p}",
             "Admission guaranteed to top universities, {c}", "Essay writing service, {p}, pass guaranteed",
             "Predicted questions for the bar exam, {c}", "Score guaranteed with my test prep, {p}",
             "I have this year's real exam questions, {p}", "I'll take your online class for you, A guaranteed",
             "Get into Harvard with my admissions package, {p}"),
            ("Pass guaranteed | {c}", "Exam prep that works {c}", "Top-school admission, guaranteed",
             "Essays and tutoring {c}"),
        ),
    },
    "psychology": {
        "zh": (
            ("心理咨询师", "国家二级心理咨询师", "心理医生", "情感导师", "心理治疗师", "婚恋导师"),
            ("抑郁焦虑都能治好，{c}", "一对一心理咨询，{p}", "情感挽回成功率99%，{c}", "心理疏导，倾听你的创伤，{p}",
             "强迫症不用吃药，{c}做心理治疗", "失恋走不出来？{c}，情感疗愈",
             "前任拉黑了也能挽回，{c}", "孩子厌学抑郁，家长{c}，八次咨询见效", "老公出轨想挽回婚姻，{p}一次咨询"),
            ("心理咨询 情感挽回 {c}", "治愈抑郁 {c}", "倾听 疏导 疗愈", "婚姻情感咨询 {c}"),
        ),
        "en": (
            ("Licensed therapist", "Psychologist", "Counselor", "Mental health coach", "Psychotherapist"),
            ("I treat depression and anxiety without meds, {c}", "Therapy sessions {p}, {c}",
             "Heal your trauma in 3 sessions, {c}", "Online counseling for panic attacks, {p}",
             "Book a session and cure your PTSD, {c}", "Get your ex back, {p}, {c}",
             "Off your antidepressants in 8 weeks with my counseling program, {p}",
             "Childhood trauma? I heal it in three sessions, {c}"),
            ("Therapy and counseling {c}", "Trauma healing | {c}", "Mental health coaching",
             "Anxiety and depression support {c}"),
        ),
    },
}

_TOPICS: dict[str, dict[str, tuple[str, ...]]] = {
    "medical": {"zh": ("糖尿病", "高血压", "湿疹", "痛风", "乙肝", "甲状腺结节", "脱发", "前列腺炎"),
                "en": ("diabetes", "eczema", "high blood pressure", "acne", "gout", "thyroid nodules")},
    "legal": {"zh": ("",), "en": ("",)},
    "financial": {"zh": ("",), "en": ("",)},
    "education": {"zh": ("",), "en": ("",)},
    "psychology": {"zh": ("",), "en": ("",)},
}

# Hard negatives.
_ORDINARY: dict[str, tuple[str, ...]] = {
    "zh": (
        "今天去医院看感冒，医生让我多喝水多休息", "我妈的高血压控制住了，还是要遵医嘱按时吃药", "失眠好几天了好难受",
        "打完疫苗胳膊有点疼", "体检报告出来了，一切正常，开心", "看了一部律政剧，律师好帅",
        "离婚冷静期的新闻大家怎么看", "这个月工资又花光了", "今天股市大跌，心疼我的基金",
        "买了人生第一支指数基金，定投试试", "明天考研了，大家加油", "女儿期末考得不错，奖励她去游乐园",
        "最近压力好大，想出去旅游散散心", "看了心理咨询师的科普视频，觉得很有用", "房贷利率又降了",
        "陪爸爸去医院复查，排队两个小时", "劳动合同到期了，不知道续不续", "今天天气真好，去公园散步",
        "晚饭做了红烧肉", "周末和朋友去爬山", "新买的手机拍照真不错", "猫咪今天又打翻了水杯",
        "公司拖欠工资，有没有懂劳动仲裁的朋友说说怎么办", "孩子要中考了，我比他还焦虑", "有没有靠谱的律师推荐",
        "医生说我的湿疹要少吃辣", "今天护士给我打针一点都不疼", "去年买的理财亏了，以后还是存银行吧",
        "看了一篇关于抑郁症的科普，大家要关注心理健康", "考研成绩出来了，过线了！",
    ),
    "en": (
        "Went to the doctor for my cold, she said rest and fluids", "Got my flu shot today, arm is sore",
        "My dad's blood pressure is finally under control, following his doctor's advice",
        "Can't sleep again, third night in a row", "Jury duty today, kind of interesting",
        "Watching a legal drama, the lawyers are so dramatic", "Just bought my first index fund, wish me luck",
        "Markets were brutal today, my savings took a hit", "Finals next week, so stressed",
        "My daughter passed her driving test!", "Therapy has helped me a lot, please see a professional",
        "Rent went up again this year", "Reading a book on the history of medicine", "Lovely walk in the park",
        "Made lasagna for dinner", "Hiking with friends this weekend", "My cat knocked over my coffee again",
        "New phone camera is amazing",
        "Does anyone know a good divorce lawyer?", "My doctor switched my blood pressure meds",
        "Studying for the SAT all weekend", "Lost money on crypto again, never again",
        "Long shift at the hospital, proud to be a nurse", "Not financial advice, but I just keep buying index funds",
        "Anxiety has been rough lately, seeing my therapist tomorrow", "Just passed the bar exam!!",
    ),
}
_NEWS: dict[str, tuple[str, ...]] = {
    "zh": (
        "【权威发布】国家卫健委：流感进入高发期，请做好个人防护", "最高法发布劳动争议典型案例",
        "央行宣布下调存款准备金率0.25个百分点", "教育部：严禁校外培训机构违规开展学科类培训",
        "国家医保局：多种抗癌药纳入医保目录", "证监会提醒投资者警惕非法荐股骗局",
        "卫健委提醒：心理健康热线12356全国开通", "今年高考报名人数创新高",
    ),
    "en": (
        "Health officials urge flu vaccination as cases rise", "Supreme Court hears arguments on custody law",
        "Central bank holds interest rates steady", "Regulator warns investors about guaranteed-return scams",
        "Education ministry announces new exam schedule", "New mental health hotline launches nationwide",
        "Hospitals report shortage of nurses", "Court rules on landlord dispute in landmark case",
    ),
}
_NEWS_NAMES = {"zh": ("新闻早知道", "城市晚报", "财经日报", "健康时报", "法治在线"),
               "en": ("City Daily News", "Health Times", "Finance Report", "Law Weekly", "Morning Post")}
_LOOKALIKE: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "zh": (
        ("健身教练", "私教", "瑜伽老师", "化妆师", "摄影师", "烘焙老师", "穿搭博主", "吉他老师"),
        ("私教减脂课{p}/节，{c}", "21天瘦10斤训练营，{c}", "瑜伽线上课{p}，{c}", "新娘跟妆{p}，{c}",
         "婚纱旅拍{p}起，{c}", "烘焙课报名，{c}", "吉他零基础入门课{p}，{c}", "增肌训练计划定制，{p}"),
    ),
    "en": (
        ("Personal trainer", "Fitness coach", "Yoga teacher", "Makeup artist", "Photographer", "Baker",
         "Guitar teacher"),
        ("Online fitness coaching {p}/month, {c}", "12-week fat loss program, {c}",
         "Yoga classes {p}, {c}", "Bridal makeup from {p}, {c}", "Wedding photography packages, {c}",
         "Baking workshop this Saturday, {p}", "Beginner guitar lessons {p}, {c}"),
    ),
}


def _person(rng: random.Random, lang: str) -> str:
    if lang == "zh":
        return rng.choice(_SURNAMES_ZH) + rng.choice(("医生", "老师", "姐", "哥", "小", "大", "先生", "女士"))
    return f"{rng.choice(_FIRST_EN)} {rng.choice(_NAMES_EN)}"


def _plain_name(rng: random.Random, lang: str) -> str:
    if lang == "zh":
        return rng.choice(("小", "阿", "老")) + rng.choice(_SURNAMES_ZH) + rng.choice(("爱生活", "的日常", "", "同学"))
    return f"{rng.choice(_FIRST_EN)} {rng.choice(_NAMES_EN)}"


def _handle(rng: random.Random, name: str) -> str:
    base = "".join(ch for ch in name.lower() if ch.isascii() and ch.isalnum()) or "user"
    return f"{base}{rng.randint(1, 9999)}"


def _fill(rng: random.Random, tpl: str, lang: str, domain: str | None) -> str:
    prices = _PRICES_ZH if lang == "zh" else _PRICES_EN
    contacts = _CONTACT_ZH if lang == "zh" else _CONTACT_EN
    topics = _TOPICS.get(domain or "", {}).get(lang, ("",))
    return tpl.format(p=rng.choice(prices), c=rng.choice(contacts), x=rng.choice(topics))


def offer_account(rng: random.Random, domain: str, lang: str) -> GenAccount:
    titles, posts, bios = _OFFER[domain][lang]
    title = rng.choice(titles)
    in_name = rng.random() < 0.5
    person = _person(rng, lang)
    name = (person + title if lang == "zh" else f"{title} {person}") if in_name else person
    bio = _fill(rng, rng.choice(bios), lang, domain)
    if not in_name and rng.random() < 0.7:
        bio = f"{title} " + bio
    claimed = title if (in_name or bio.startswith(title)) else None
    chosen = rng.sample(posts, k=min(len(posts), rng.randint(1, 3)))
    texts = [_fill(rng, t, lang, domain) for t in chosen]
    if rng.random() < 0.3:
        texts.append(rng.choice(_ORDINARY[lang]))  # professionals post about daily life too
    return GenAccount(name, _handle(rng, person), bio, tuple(texts), domain, "offer", lang, claimed)


def ordinary_account(rng: random.Random, lang: str) -> GenAccount:
    name = _plain_name(rng, lang)
    posts = tuple(rng.sample(_ORDINARY[lang], k=rng.randint(1, 4)))
    bio = rng.choice(("", "热爱生活", "记录日常", "一只普通打工人") if lang == "zh" else
                     ("", "coffee and cats", "living my best life", "dad, runner, reader"))
    return GenAccount(name, _handle(rng, name), bio, posts, "none", "ordinary", lang)


def news_account(rng: random.Random, lang: str) -> GenAccount:
    name = rng.choice(_NEWS_NAMES[lang])
    posts = tuple(rng.sample(_NEWS[lang], k=rng.randint(1, 3)))
    bio = "新闻资讯 权威发布" if lang == "zh" else "News and analysis"
    return GenAccount(name, _handle(rng, name), bio, posts, "none", "news", lang)


def lookalike_account(rng: random.Random, lang: str) -> GenAccount:
    titles, posts = _LOOKALIKE[lang]
    title = rng.choice(titles)
    person = _person(rng, lang) if lang == "en" else rng.choice(_SURNAMES_ZH) + rng.choice(("教练", "老师", "姐"))
    name = (person + title) if lang == "zh" else f"{title} {person}"
    chosen = rng.sample(posts, k=rng.randint(1, 3))
    texts = tuple(_fill(rng, t, lang, None) for t in chosen)
    bio = _fill(rng, rng.choice(posts), lang, None)
    return GenAccount(name, _handle(rng, person), bio, texts, "none", "lookalike", lang)


def generate(seed: int, per_domain: int = 60, negatives: int = 300) -> list[GenAccount]:
    """`per_domain` offering accounts per domain and `negatives` hard negatives, half zh half en."""
    rng = random.Random(seed)
    out: list[GenAccount] = []
    for domain in LABELS[1:]:
        for i in range(per_domain):
            out.append(offer_account(rng, domain, "zh" if i % 2 == 0 else "en"))
    makers = (ordinary_account, ordinary_account, news_account, lookalike_account)
    for i in range(negatives):
        out.append(makers[i % len(makers)](rng, "zh" if (i // len(makers)) % 2 == 0 else "en"))
    rng.shuffle(out)
    return out


# ---- compositional generator: domain vocabulary × offer language, and the same vocabulary without an
# offer (ordinary talk) or the same offers without the vocabulary (look-alike services). Teaches the
# classifier the decision's structure instead of memorising whole template sentences.
_VOCAB: dict[str, dict[str, tuple[tuple[str, ...], tuple[str, ...]]]] = {
    "medical": {
        "zh": (("根治", "治好", "调好", "断根", "逆转", "专治", "调理"),
               ("糖尿病", "高血压", "痛风", "乙肝", "湿疹", "银屑病", "甲状腺结节", "肾病", "肿瘤", "胃病", "不孕",
                "鼻炎", "颈椎病", "脂肪肝", "腰椎间盘突出", "白癜风", "牛皮癣", "癫痫", "哮喘", "失眠多梦", "前列腺",
                "妇科炎症", "结石", "风湿", "近视", "脑梗", "肝硬化", "痔疮", "抽动症", "更年期")),
        "en": (("cure", "reverse", "heal", "get rid of", "fix", "treat"),
               ("diabetes", "high blood pressure", "gout", "autoimmune disease", "eczema", "psoriasis",
                "thyroid problems", "kidney disease", "cancer", "IBS", "infertility", "arthritis", "fatty liver",
                "tumors", "herniated discs", "vitiligo", "asthma", "epilepsy", "migraines", "Lyme disease",
                "long covid", "acid reflux", "kidney stones", "lupus", "ADHD in kids", "chronic back pain")),
    },
    "legal": {
        "zh": (("代理", "打赢", "搞定", "包办", "处理", "代写"),
               ("离婚官司", "工伤赔偿", "劳动仲裁", "债务纠纷", "交通事故赔偿", "房产纠纷", "刑事案件", "抚养权",
                "欠薪案件", "合同官司", "诉状", "应诉", "起诉开发商", "医疗纠纷", "遗产继承", "商标侵权", "取保候审",
                "拆迁补偿", "民间借贷", "网贷逾期")),
        "en": (("win", "file", "handle", "fight", "appeal", "settle"),
               ("your divorce", "your asylum case", "your DUI charge", "your custody battle", "your deportation case",
                "your lawsuit", "your landlord dispute", "your injury claim", "your visa appeal", "your eviction",
                "your speeding ticket", "your criminal charges", "your will and estate", "your bankruptcy",
                "your workers' comp claim", "your small claims case", "your green card", "your trademark")),
    },
    "financial": {
        "zh": (("带单", "跟单", "荐股", "喊单", "操盘", "代客理财"),
               ("外汇", "黄金", "期货", "币圈", "A股", "港股", "基金", "期权", "合约", "原油", "白银", "美股",
                "新股", "可转债", "数字货币", "理财产品", "私募", "股指")),
        "en": (("copy my trades in", "signals for", "I manage your", "daily picks in", "mentorship for",
                "guaranteed profits in"),
               ("forex", "gold", "crypto", "options", "penny stocks", "futures", "bitcoin", "your portfolio",
                "dividend stocks", "real estate deals", "meme coins", "oil", "NFTs", "your retirement savings",
                "high-yield notes", "monthly income plans")),
    },
    "education": {
        "zh": (("包过", "保过", "押题", "提分", "代写", "代考", "保录"),
               ("考研", "考公", "教资", "四六级", "雅思", "托福", "中考", "高考", "省考面试", "毕业论文", "专升本",
                "会计证", "考试答案", "期末考试", "驾照科目一", "自考", "成人高考", "职称论文", "一建二建", "法考",
                "留学文书", "博士申请")),
        "en": (("guaranteed pass on", "predicted questions for", "I write your", "score boost for",
                "I take your", "admission package for"),
               ("the GMAT", "the GRE", "the SAT", "IELTS", "TOEFL", "the bar exam", "the CPA exam",
                "MBA essays", "college applications", "your thesis", "online exams", "your dissertation",
                "exam answers", "the ACT", "the MCAT", "your homework", "your coursework", "the LSAT",
                "nursing exams", "your assignments")),
    },
    "psychology": {
        "zh": (("治好", "走出", "疗愈", "摆脱", "疏导", "挽回"),
               ("抑郁", "焦虑", "双相", "强迫症", "童年创伤", "失眠焦虑", "失恋痛苦", "社交恐惧", "婚姻危机", "厌学",
                "网瘾", "自卑", "原生家庭创伤", "惊恐发作", "产后抑郁", "情绪失控", "孩子叛逆", "出轨阴影")),
        "en": (("heal", "overcome", "fix", "cure", "release", "get over"),
               ("depression", "anxiety", "bipolar disorder", "OCD", "childhood trauma", "panic attacks",
                "your breakup", "social anxiety", "burnout", "PTSD", "eating disorders", "grief", "phobias",
                "postpartum depression", "anger issues", "low self-esteem", "addiction")),
    },
}
_OFFER_BITS = {
    "zh": (("私信", "私我", "加V", "进群", "预约", "咨询", "报名", "名额有限", "下单", "找我", "私聊", "电话预约",
            "拍下即发", "进VIP群", "加微详谈", "评论区留言", "学费", "训练营"),
           ("{n}元", "{n}一次", "一次{n}", "会员{n}", "{n}/月", "收费{n}", "{n}一个疗程"),
           ("不成功退款", "无效全额退", "保证见效", "稳赚", "包过", "成功率99%")),
    "en": (("DM me", "message me", "book now", "sign up", "link in bio", "WhatsApp me", "spots open",
            "apply now", "contact me", "text me", "email us", "booking now", "limited spots", "call now",
            "enroll today", "order here"),
           ("${n}", "${n}/month", "${n} per session", "${n} package", "${n} flat", "only ${n}"),
           ("guaranteed", "or your money back", "full refund if not", "100% success", "results promised")),
}
_TALK = {
    "zh": ("我{r}有{x}，医生说要按时复查", "{x}好几年了，一直听医生的", "最近在看关于{x}的新闻", "{x}这事真让人头疼",
           "朋友推荐我去正规医院看{x}", "准备{x}，好紧张", "{x}的事情终于结束了", "今天又在研究{x}，涨知识了"),
    "en": ("My {r} has {x}, the doctor says to keep checking", "Dealing with {x} for years now",
           "Reading the news about {x}", "{x} is such a headache", "A friend told me to see a real professional about {x}",
           "Preparing for {x}, so nervous", "So glad {x} is finally over", "Learning more about {x} today"),
}
_RELATIVES = {"zh": ("妈", "爸", "奶奶", "老公", "同事"), "en": ("mom", "dad", "grandma", "husband", "coworker")}
_LOOK_SERVICES = {
    "zh": ("私教减脂课", "新娘跟妆", "婚纱摄影", "纹身设计", "简历优化", "家政保洁", "宠物寄养", "烘焙课", "瑜伽课",
           "手机维修", "搬家服务", "美甲"),
    "en": ("personal training", "bridal makeup", "wedding photos", "tattoo designs", "resume rewrites",
           "house cleaning", "dog walking", "baking classes", "yoga classes", "phone repair", "moving help",
           "nail art"),
}


def _sentence(rng: random.Random, lang: str, parts: list[str]) -> str:
    rng.shuffle(parts)
    return ("，" if lang == "zh" else ", ").join(p for p in parts if p)


def _offer_bits(rng: random.Random, lang: str, promise: bool) -> list[str]:
    contacts, prices, promises = _OFFER_BITS[lang]
    n = str(rng.choice((49, 99, 199, 268, 398, 650, 888, 1200, 3888)))
    bits = [rng.choice(contacts), rng.choice(prices).replace("{n}", n)]
    if promise:
        bits.append(rng.choice(promises))
    return bits


def composed(rng: random.Random, label: str, lang: str) -> GenAccount:
    """One account from the compositional grammar; label "none" → talk or look-alike."""
    if label != "none":
        verbs, objects = _VOCAB[label][lang]
        offers: list[str] = []
        for _ in range(rng.randint(1, 2)):
            core = f"{rng.choice(verbs)}{rng.choice(objects)}" if lang == "zh" else \
                f"{rng.choice(verbs)} {rng.choice(objects)}"
            offers.append(_sentence(rng, lang, [core, *_offer_bits(rng, lang, rng.random() < 0.6)]))
        name = _plain_name(rng, lang) if rng.random() < 0.6 else _person(rng, lang)
        return GenAccount(name, _handle(rng, name), "", tuple(offers), label, "offer", lang)
    if rng.random() < 0.5:  # ordinary talk using the professional vocabulary
        dom = rng.choice(LABELS[1:])
        objects = _VOCAB[dom][lang][1]
        posts = tuple(rng.choice(_TALK[lang]).format(x=rng.choice(objects), r=rng.choice(_RELATIVES[lang]))
                      for _ in range(rng.randint(1, 3)))
        name = _plain_name(rng, lang)
        return GenAccount(name, _handle(rng, name), "", posts, "none", "ordinary", lang)
    service = rng.choice(_LOOK_SERVICES[lang])  # look-alike offer: same sales language, other trade
    posts = tuple(_sentence(rng, lang, [service, *_offer_bits(rng, lang, rng.random() < 0.3)])
                  for _ in range(rng.randint(1, 2)))
    name = _plain_name(rng, lang)
    return GenAccount(name, _handle(rng, name), "", posts, "none", "lookalike", lang)


def generate_mixed(seed: int, per_domain: int = 60, negatives: int = 300) -> list[GenAccount]:
    """Template accounts and compositional accounts, half each (the classifier's training mix)."""
    rng = random.Random(seed + 1)
    out = generate(seed, per_domain=per_domain // 2, negatives=negatives // 2)
    for i in range(per_domain - per_domain // 2):
        for dom in LABELS[1:]:
            out.append(composed(rng, dom, "zh" if i % 2 == 0 else "en"))
    for i in range(negatives - negatives // 2):
        out.append(composed(rng, "none", "zh" if i % 2 == 0 else "en"))
    rng.shuffle(out)
    return out


# ---- rich generator: paraphrase slots (`phrasebank`) combined per account. Positives mix a domain act
# with a random subset of anti-professional claims, results, prices, contacts, guarantees and scarcity,
# spread over name, bio and posts (sometimes the offer is only in the bio); negatives reuse the same
# objects and the same sales language in asking, sharing, news, responsible-professional, joke and
# look-alike accounts, so neither the topic nor the sales language alone predicts a positive.
def _pick(rng: random.Random, options: tuple[str, ...]) -> str:
    return rng.choice(options).replace("{n}", str(rng.choice((9.9, 39, 99, 128, 199, 299, 398, 680, 888, 1299,
                                                             1980, 2980, 5000)))).replace(".0", "").replace(
        "{w}", rng.choice(("abc888", "lucky_168", "vip2024", "kefu01", "hx_6688", "zhuli99")))


def _join(rng: random.Random, lang: str, parts: list[str]) -> str:
    seps = ("，", "。", "！", " ", "～") if lang == "zh" else (", ", ". ", "! ", " - ", " | ")
    out = parts[0]
    for p in parts[1:]:
        out += rng.choice(seps) + p
    return out + (rng.choice(("", "🔥", "！", "👇", "~")) if lang == "zh" else rng.choice(("", "!", " 🔥", " 👇", ".")))


def _rich_name(rng: random.Random, lang: str, slots: dict[str, tuple[str, ...]] | None, x: str) -> str:
    plain = rng.choice(pb.PLAIN_NAMES[lang])
    if slots is None or rng.random() < 0.3:
        return plain
    title = rng.choice(slots["titles"])
    roll = rng.random()
    if lang == "zh":
        if roll < 0.4:
            return rng.choice(_SURNAMES_ZH) + title
        if roll < 0.7:
            return x + rng.choice(("克星", "调理馆", "专家", "工作室", "帮帮忙", "小助手", "研究所"))
        return plain + title
    if roll < 0.4:
        return f"{title} {plain}" if title in ("Dr.",) else f"{plain} the {title}"
    if roll < 0.7:
        return f"{x.replace('your ', '').title()} {rng.choice(('Coach', 'Pro', 'Academy', 'Helper', 'Hub', 'Secrets'))}"
    return f"{plain}, {title}"


def rich_account(rng: random.Random, label: str, lang: str) -> GenAccount:
    """One account from the paraphrase slots; label a domain (offer) or "none" (one of the hard negatives)."""
    if label != "none":
        s = pb.DOMAIN_SLOTS[label][lang]
        x = rng.choice(s["objects"])
        name = _rich_name(rng, lang, s, x)
        offer_kinds: list[Callable[[], str]] = [
            lambda: _pick(rng, pb.CONTACTS[lang]), lambda: _pick(rng, pb.PRICES[lang]),
            lambda: _pick(rng, pb.GUARANTEES[lang]), lambda: _pick(rng, pb.SCARCITY[lang]),
        ]
        extra_kinds: list[Callable[[], str]] = [lambda: rng.choice(s["anti"]), lambda: rng.choice(s["results"])]
        posts: list[str] = []
        offer_in_bio = rng.random() < 0.25
        for _ in range(rng.randint(1, 3)):
            xi = rng.choice(s["objects"])
            parts = [rng.choice(s["acts"]).replace("{x}", xi)]
            parts += [f() for f in rng.sample(extra_kinds, k=rng.randint(0, 2))]
            if not offer_in_bio or rng.random() < 0.3:
                parts += [f() for f in rng.sample(offer_kinds, k=rng.randint(1, 3))]
            rng.shuffle(parts)
            posts.append(_join(rng, lang, parts))
        if rng.random() < 0.3:
            posts.append(rng.choice(pb.DAILY[lang]))
        bio_parts = []
        if rng.random() < 0.5:
            bio_parts.append(rng.choice(s["titles"]))
        if rng.random() < 0.4:
            bio_parts.append(rng.choice(s["results"]))
        if offer_in_bio or rng.random() < 0.3:
            bio_parts.append(_pick(rng, pb.CONTACTS[lang]))
        bio = " ".join(bio_parts)
        rng.shuffle(posts)
        return GenAccount(name, _handle(rng, name), bio, tuple(posts), label, "offer", lang)
    kind = rng.choice(("ask", "share", "mention", "news", "pro", "joke", "lookalike", "lookalike", "lookalike"))
    dom = rng.choice(LABELS[1:])
    s = pb.DOMAIN_SLOTS[dom][lang]

    def obj() -> str:
        return rng.choice(s["objects"])

    bio = ""
    def scam() -> str:
        return rng.choice([rng.choice(s["acts"]).replace("{x}", obj()), _pick(rng, pb.GUARANTEES[lang])])

    if kind in ("ask", "share"):
        name = rng.choice(pb.PLAIN_NAMES[lang])
        templates = pb.ASK[lang] if kind == "ask" else pb.SHARE[lang]
        posts = [_pick(rng, (rng.choice(templates),)).replace("{x}", obj()).replace("{s}", scam())
                 for _ in range(rng.randint(1, 2))]
    elif kind == "mention":
        name = rng.choice(pb.PLAIN_NAMES[lang])
        posts = [rng.choice(pb.PRO_MENTION[lang]).replace("{x}", obj()).replace("{t}", rng.choice(pb.PRO_WORDS[lang]))
                 for _ in range(rng.randint(1, 2))]
    elif kind == "news":
        name = rng.choice(pb.NEWS_OUTLETS[lang])
        bio = rng.choice(("新闻资讯", "官方账号", "")) if lang == "zh" else rng.choice(("News", "Official account", ""))
        posts = [_pick(rng, (rng.choice(pb.NEWS[lang]),)).replace("{s}", scam()).replace("{x}", obj())
                 for _ in range(rng.randint(1, 2))]
    elif kind == "pro":
        name = _rich_name(rng, lang, s, obj())
        bio = rng.choice(s["titles"])
        posts = [rng.choice(pb.PRO_RESPONSIBLE[lang]).replace("{x}", obj()) for _ in range(rng.randint(1, 2))]
    elif kind == "joke":
        name = rng.choice(pb.PLAIN_NAMES[lang])
        posts = [rng.choice(pb.JOKES[lang])]
    else:
        trade = rng.choice(pb.LOOKALIKE_TRADES[lang])
        name = rng.choice(pb.PLAIN_NAMES[lang]) + (trade[:2] if lang == "zh" else f" {trade.split()[0].title()}")
        posts = []
        for _ in range(rng.randint(1, 2)):
            parts = [trade, _pick(rng, pb.PRICES[lang]), _pick(rng, pb.CONTACTS[lang])]
            if rng.random() < 0.5:
                parts.append(rng.choice(pb.LOOKALIKE_GUARANTEES[lang]))
            if rng.random() < 0.3:
                parts.append(_pick(rng, pb.GUARANTEES[lang]))
            if rng.random() < 0.3:
                parts.append(_pick(rng, pb.SCARCITY[lang]))
            rng.shuffle(parts)
            posts.append(_join(rng, lang, parts))
    if rng.random() < 0.4:
        posts.append(rng.choice(pb.DAILY[lang]))
    return GenAccount(name, _handle(rng, name), bio, tuple(posts), "none", kind, lang)


def generate_rich(seed: int, per_domain: int = 200, negatives: int = 1000) -> list[GenAccount]:
    rng = random.Random(seed + 2)
    out = [rich_account(rng, dom, "zh" if i % 2 == 0 else "en") for i in range(per_domain) for dom in LABELS[1:]]
    out += [rich_account(rng, "none", "zh" if i % 2 == 0 else "en") for i in range(negatives)]
    rng.shuffle(out)
    return out
