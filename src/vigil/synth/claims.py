"""Claim bank: fact-checked claims (zh and en) with paraphrases, refutation and repost phrasing.

A template's first text is the claim as the fact-checker wrote it; the others are retellings in a
poster's own words. Slots ({city}, {brand}, …) multiply templates into many distinct claims.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import product

import numpy as np

FALSE_ZH_VERDICTS = ["谣言", "不实", "虚假信息", "谣言", "误导"]
FALSE_EN_VERDICTS = ["False", "Pants on Fire", "Mostly false", "Misleading", "FALSE", "Fake"]
TRUE_ZH_VERDICTS = ["属实", "真实", "True"]
TRUE_EN_VERDICTS = ["True", "Mostly true", "Correct"]

SLOTS: dict[str, list[str]] = {
    "city": ["北京", "上海", "广州", "深圳", "成都", "武汉", "杭州", "南京", "西安", "郑州", "长沙", "重庆", "天津", "青岛"],
    "chem": ["氰化物", "重金属", "砷", "铅", "有毒细菌"],
    "brand": ["某品牌矿泉水", "某牌酸奶", "某连锁奶茶", "某品牌辣条", "某品牌方便面"],
    "herb": ["板蓝根", "大蒜", "醋", "盐水", "生姜"],
    "disease": ["新冠", "流感", "甲流", "诺如病毒"],
    "city_en": ["London", "New York", "Sydney", "Toronto", "Chicago", "Paris", "Berlin", "Seattle"],
    "food_en": ["garlic", "lemon water", "hot water", "bleach", "vinegar"],
    "brand_en": ["a popular soda", "a major cereal brand", "an energy drink", "a fast-food chain"],
}


@dataclass(frozen=True)
class ClaimTemplate:
    lang: str
    false: bool
    texts: tuple[str, ...]  # [canonical, paraphrase, …]
    title: str


T = ClaimTemplate
TEMPLATES: list[ClaimTemplate] = [
    T("zh", True, ("{city}自来水检出{chem}，近期千万不要饮用。", "听说{city}的自来水里有{chem}，这几天大家别喝了",
                   "{city}朋友注意了！水里查出{chem}，赶紧囤桶装水"), "{city}自来水检出有毒物质？"),
    T("zh", True, ("喝{herb}可以预防{disease}病毒感染。", "每天来一碗{herb}水，{disease}就不会找上你",
                   "我家老人说{herb}能防{disease}，已经全家喝上了"), "{herb}能预防{disease}？"),
    T("zh", True, ("{brand}被检出致癌物，已全面下架。", "刚知道{brand}里有致癌的东西，超市都撤了",
                   "别再给孩子买{brand}了，查出致癌物了"), "{brand}检出致癌物？"),
    T("zh", True, ("{city}明天起全城封控，所有小区只进不出。", "内部消息，{city}明天要封城了，赶紧去超市",
                   "{city}马上封控，朋友在政府上班说的"), "{city}将全城封控？"),
    T("zh", True, ("{city}发生8级地震，死亡上千人。", "{city}刚刚大地震，听说死了好多人",
                   "{city}那边地震了，八级！伤亡惨重"), "{city}发生强烈地震？"),
    T("zh", True, ("5G基站辐射会导致新冠病毒传播。", "5G信号塔会传播病毒，附近的人小心",
                   "家附近装了5G基站，难怪最近好多人发烧"), "5G传播新冠？"),
    T("zh", True, ("吃隔夜菜会致癌，一口都不能吃。", "隔夜菜致癌，剩菜赶紧倒掉", "医生都不吃隔夜菜，因为会致癌"), "隔夜菜致癌？"),
    T("zh", True, ("微波炉加热食物会产生致癌物质。", "微波炉热过的饭有辐射会致癌", "千万别用微波炉热饭，会致癌"), "微波炉致癌？"),
    T("zh", True, ("国家将于下月起取消养老金发放。", "听说下个月开始养老金不发了", "养老金要取消了，赶紧转告家里老人"), "养老金将被取消？"),
    T("zh", True, ("新版人民币即将发行，旧币下月作废。", "旧版人民币下个月就不能用了", "赶紧把旧钱存银行，下月作废"), "旧版人民币将作废？"),
    T("zh", True, ("高考将取消英语科目。", "明年高考不考英语了", "英语要退出高考了，不用学了"), "高考取消英语？"),
    T("zh", True, ("{city}地铁发生踩踏事故，多人死亡。", "{city}地铁踩踏，死了好几个人", "刚在{city}地铁，出大事了，踩踏"), "{city}地铁踩踏？"),
    T("zh", True, ("喝酒可以杀死体内的病毒。", "多喝白酒能消毒杀病毒", "高度白酒喝下去病毒就死了"), "喝酒杀病毒？"),
    T("zh", True, ("香蕉和酸奶一起吃会中毒。", "香蕉配酸奶有毒，千万别一起吃", "酸奶加香蕉等于毒药"), "香蕉酸奶同食中毒？"),
    T("en", True, ("Drinking {food_en} kills the coronavirus.", "If you drink {food_en} every morning the virus can't survive",
                   "My doctor friend says {food_en} wipes out covid in your throat"), "Does {food_en} kill the coronavirus?"),
    T("en", True, ("5G towers spread the coronavirus.", "The virus travels on 5G signals, that's why cases rose near masts",
                   "They put up 5G towers and then everyone got sick. Not a coincidence"), "Do 5G towers spread COVID-19?"),
    T("en", True, ("{city_en} will go into full lockdown starting Monday.", "Heads up: {city_en} is locking down on Monday, stock up",
                   "A friend at city hall says {city_en} closes everything Monday"), "Is {city_en} locking down?"),
    T("en", True, ("{brand_en} contains a cancer-causing chemical and was recalled nationwide.",
                   "Stop buying {brand_en}, they found carcinogens and pulled it", "{brand_en} is poison, it's being recalled everywhere"),
      "Was {brand_en} recalled for carcinogens?"),
    T("en", True, ("Vaccines contain microchips to track people.", "They're putting tracking chips in the vaccine",
                   "The shot has a microchip so the government can follow you"), "Do vaccines contain microchips?"),
    T("en", True, ("Holding your breath for 10 seconds shows you don't have the virus.",
                   "If you can hold your breath ten seconds without coughing you're virus-free",
                   "Simple self-test: no cough after holding breath 10s means no covid"), "Breath-holding self-test?"),
    T("en", True, ("A shark was spotted swimming on a flooded highway in {city_en}.", "Sharks on the highway in {city_en} after the flood!",
                   "Flood in {city_en} so bad there's a shark on the freeway"), "Shark on {city_en} highway?"),
    T("en", True, ("The government will ban cash payments next month.", "Cash is going to be illegal from next month",
                   "Heard they're abolishing cash next month, withdraw now"), "Is cash being banned?"),
    T("en", True, ("Eating bananas and yogurt together is poisonous.", "Never eat banana with yogurt, it's toxic",
                   "Banana plus yogurt equals poison, my aunt says"), "Bananas and yogurt toxic?"),
    # true claims (the fact-checkers confirmed them; posts repeating them are fine)
    T("zh", False, ("国家卫健委：流感进入高发期，建议高危人群接种疫苗。", "流感高发期到了，老人孩子记得打疫苗"), "流感高发期提醒"),
    T("zh", False, ("{city}气象台发布暴雨黄色预警。", "{city}发了暴雨黄色预警，出门注意"), "{city}暴雨预警属实"),
    T("zh", False, ("全国铁路今年春运发送旅客人数创新高。", "今年春运坐火车的人数创了纪录"), "春运客流创新高"),
    T("zh", False, ("吸烟有害健康，会显著增加肺癌风险。", "抽烟会大大增加得肺癌的风险"), "吸烟与肺癌"),
    T("en", False, ("Washing your hands with soap reduces the spread of respiratory infections.",
                    "Soap and water handwashing really does cut respiratory infections"), "Does handwashing help?"),
    T("en", False, ("{city_en} issued a heavy rain warning for the weekend.", "Heavy rain warning in {city_en} this weekend, stay safe"),
      "{city_en} rain warning"),
    T("en", False, ("Smoking significantly increases the risk of lung cancer.", "Smoking greatly raises your lung cancer risk"),
      "Smoking and lung cancer"),
]

REFUTE_ZH = ["【辟谣】网传“{c}”，经核实系谣言。", "网传{c}经核实，该消息不实，请勿转发。", "别再传了！“{c}”是假的，官方已辟谣",
             "关于“{c}”的说法，经查系谣言，请以官方发布为准。"]
REFUTE_EN = ["Fact check: the claim that \"{c}\" is false.", "No, this is false: \"{c}\" Please stop sharing it.",
             "Debunked: \"{c}\" — there is no evidence for this.", "FALSE. \"{c}\" has been fact-checked and rated false."]
SPREAD_PREFIX_ZH = ["", "", "转发扩散！", "紧急通知：", "速看！", "家人们注意，", "刚收到的消息：", "【重要】"]
SPREAD_SUFFIX_ZH = ["", "", "转给家人！", "大家注意安全", "🙏🙏", "#扩散#", "不转不是中国人", "！！"]
SPREAD_PREFIX_EN = ["", "", "PLEASE SHARE: ", "Urgent: ", "Just heard: ", "Wake up people. "]
SPREAD_SUFFIX_EN = ["", "", " Share this!", " 🙏", " #truth", " RT!!", " Stay safe."]
REPOST_COMMENT_ZH = ["", "转发微博", "天哪", "真的假的", "扩散", "转", "吓死了", "赶紧告诉家人"]
REPOST_COMMENT_EN = ["", "wow", "Is this real??", "sharing", "RT", "omg", "Everyone needs to see this"]
FACTCHECK_SITES_ZH = ["https://www.piyao.org.cn/", "https://piyao.sina.cn/", "https://www.cac.gov.cn/"]
FACTCHECK_SITES_EN = ["https://www.snopes.com/fact-check/", "https://www.politifact.com/factchecks/",
                      "https://factcheck.afp.com/", "https://fullfact.org/"]


@dataclass(frozen=True)
class ClaimInstance:
    claim_id: str
    template: int
    lang: str
    false: bool
    verdict: str
    texts: tuple[str, ...]
    title: str
    source_url: str
    published_at: str


def _fills(tpl: ClaimTemplate) -> list[dict[str, str]]:
    names = sorted({n for s in tpl.texts + (tpl.title,) for n in SLOTS if "{" + n + "}" in s})
    return [dict(zip(names, vals, strict=True)) for vals in product(*(SLOTS[n] for n in names))]


def build_claims(target: int, rng: np.random.Generator) -> list[ClaimInstance]:
    """At least one claim per template, then more slot fills until `target` (or the pool runs out)."""
    per_tpl = [_fills(t) for t in TEMPLATES]
    order: list[tuple[int, int]] = [(ti, int(rng.integers(len(f)))) for ti, f in enumerate(per_tpl)]
    seen = set(order)
    rest = [(ti, fi) for ti, f in enumerate(per_tpl) for fi in range(len(f)) if (ti, fi) not in seen]
    perm = rng.permutation(len(rest)) if rest else np.zeros(0, dtype=np.int64)
    order += [rest[int(i)] for i in perm[: max(0, target - len(order))]]
    out: list[ClaimInstance] = []
    for n, (ti, fi) in enumerate(order):
        tpl, fill = TEMPLATES[ti], per_tpl[ti][fi]
        if tpl.lang == "zh":
            verdicts = FALSE_ZH_VERDICTS if tpl.false else TRUE_ZH_VERDICTS
            site = FACTCHECK_SITES_ZH[n % len(FACTCHECK_SITES_ZH)]
        else:
            verdicts = FALSE_EN_VERDICTS if tpl.false else TRUE_EN_VERDICTS
            site = FACTCHECK_SITES_EN[n % len(FACTCHECK_SITES_EN)]
        day = 1 + int(rng.integers(0, 700))
        published = (np.datetime64("2021-06-01") + np.timedelta64(day, "D")).astype(str)
        out.append(ClaimInstance(
            claim_id=f"c{n + 1}", template=ti, lang=tpl.lang, false=tpl.false,
            verdict=verdicts[int(rng.integers(len(verdicts)))],
            texts=tuple(t.format(**fill) for t in tpl.texts), title=tpl.title.format(**fill),
            source_url=f"{site}{n + 1}", published_at=str(published),
        ))
    return out
