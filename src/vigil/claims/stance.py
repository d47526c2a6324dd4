"""Stance of a post towards the claim it mentions: does it spread it, or refute / fact-check it?

Rule-based, Chinese and English. A refutation quotes the rumour and then denies it ("网传……经核实系谣言",
"辟谣", "No, this is false", "Fact check:"); such posts must not be flagged as spreading the claim. Cues
are weighed, and a question or hedge ("是真的吗?", "is this true?") alone is not a refutation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vigil.claims.textnorm import to_simplified

# Negated cues are removed before matching: a spreader insisting "这不是谣言" / "this is not a hoax" or
# asking "辟谣了吗" is not refuting anything.
_NEGATED = re.compile(
    r"(不是|并非|绝非|绝不是|可不是|决不是|没有|不算)(谣言|谣传|假的|假消息|假新闻|造谣)|"
    r"(没|没有|还没有?|未|尚未|等)(官方)?(辟谣|澄清)|辟谣[了]?吗|是谣言吗|是假的吗|是真的吗|"
    # an alternative question asks ("这是谣言还是…", "是不是谣言"), a wish hopes ("希望这不是真的"): neither denies
    r"是不是(谣言|谣传|假的|真的|假消息)|(谣言|谣传|假的|真的|假消息)还是|"
    r"(希望|但愿|祈祷|宁愿|祈求)(这|这个|这些|此|它|那)?(只|都|也)?(不是真的|是假的|是谣言|是假消息|是谣传)|"
    r"\b(i )?(hope|pray|wish) (this|it|that)( i|'|’)s (just )?(not true|fake( news)?|false|a hoax|a rumou?r)\b|"
    r"\b(real|true) or (fake|false|a hoax)\b|\b(fake|false|a hoax) or (real|true|not)\b|"
    r"\b(is|are|was|it'?s|this'?s|that'?s)\s+(not|n'?t)\s+(a\s+)?(hoax|fake( news)?|false|rumou?r|conspiracy theory)\b|"
    r"\bnot\s+(a\s+)?(hoax|fake news|conspiracy theory)\b", re.I)
# An English question that mentions a debunk ("why hasn't anyone debunked this?", "say it's not true?") asks,
# it does not refute.
_QUESTION = re.compile(r"[^.!?。！？\n]*\b(debunk\w*|fact[- ]?check\w*|not true|hoax|fake|false)\b[^.!?。！？\n]*\?", re.I)
# Strong cues: a post containing one of them is a debunk or clarification.
_STRONG_ZH = [
    r"辟谣", r"谣言止于", r"经核实", r"经查证?", r"经调查", r"求证[^。？?]{0,30}(不实|谣言|假的|是假|没有|不存在|否认)", r"谣言粉碎", r"真相[是:：]",
    r"(系|是|属|为|纯属|均为|都是|实为)(谣言|谣传|假消息|假新闻|虚假信息|不实信息|误读|误传|讹传|旧闻|摆拍)",
    r"(消息|说法|传言|信息|内容|此事|该视频|该图片|网传|视频|图片|截图|通知)(是|系|为)?(不实|不属实|是假的|系伪造|为假|失实|为谣言|"
    r"并不属实|没有依据|毫无根据|无科学依据|不准确|是假|造假|被篡改|系合成|系PS|是P的)",
    r"(不要|切勿|请勿|别|千万别|不要再)(轻信|信谣|传谣|相信谣言|传播谣言|再转发?|信以为真|上当)", r"不信谣", r"不传谣",
    r"假的[!！。]", r"并非事实", r"并不属实", r"没有这回事", r"没这回事", r"无此事", r"查无此事", r"子虚乌有",
    r"(已被|被)(证实|证明|核实)(是|为|系)?(假|谣言|不实|虚假)", r"虚假(消息|信息|视频|图片)",
    r"(官方|警方|公安|疾控|卫健委|医院|学校|网信办|有关部门|相关部门|当地政府|(市|县|区)政府)(已)?(回应|澄清|辟谣|通报|声明|证实)",
    r"澄清", r"别再转了", r"不要再转", r"造谣", r"谣言[:：]", r"(是|系)假的", r"(纯属|完全是|系|是)(捏造|虚构|编造|伪造|杜撰)",
    r"没有(任何)?科学(依据|根据)", r"(造谣|传谣)[^。]{0,20}(拘留|处罚|查处)", r"(拘留|处罚|查处)[^。]{0,10}(造谣|传谣)",
]
_STRONG_EN = [
    r"\bfact[- ]?check(ed|ing|er|ers)?\b", r"\bdebunk(ed|ing|s)?\b", r"\bno,? (this|that|it) (is|was|'s)n?'?t? ?(not )?(true|real|false)",
    r"\b(this|that|it|(the|this|that) (claim|rumou?r|story|post|video|photo|image|quote|tweet|meme|report|article|"
    r"picture|screenshot|letter|document|map|chart|headline)) (is|was|has been|are|were) (completely |totally |entirely )?"
    r"(false|fake|a hoax|untrue|not true|misleading|fabricated|debunked|doctored|wrong|inaccurate|incorrect|"
    r"not accurate|made up|satire|photoshopped|manipulated|not real)\b",
    r"\b(is|was|are|were)n'?t true\b", r"\bnot true\b", r"\bthere is no (evidence|truth|proof|record)\b",
    r"\bno (evidence|proof|record) (that|of|to support)\b", r"\bno truth to\b",
    r"\b(rumou?r|claim|hoax|myth|report|story|post)s? (is|are|was|were) (false|untrue|baseless|unfounded|inaccurate|wrong|fake)\b",
    r"\b(baseless|unfounded|debunked|false|bogus|fake) (claim|rumou?r|story|report|meme)s?\b",
    r"\bdon'?t (believe|share|fall for|spread)\b", r"\bdo not (believe|share|fall for|spread)\b",
    r"\bfake news alert\b", r"\bmyth ?bust", r"\b(officials?|police|authorities|spokes(wo)?man|spokesperson) "
    r"(have |has )?(clarified|denied|debunked|dismissed)\b", r"\bis a hoax\b", r"\bhoax alert\b",
    r"\bfalsely (claim|suggest|state|report|say)s?\b", r"\bcontrary to (the )?(rumou?rs?|claims?|reports?)\b",
    r"\b(this|that) (claim )?has been (debunked|rated false)\b", r"\brated (false|pants on fire|misleading|mostly false)\b",
    r"^\s*(false|fake|misleading|hoax|not true|untrue)\s*[:!.\-—]", r"\b(we|i) (checked|looked into)\b.{0,80}\b(false|wrong|not true|fake|no evidence)\b",
    r"\bare (inaccurate|false|untrue|baseless)\b", r"\b(is|are) (misinformation|disinformation)\b",
    r"\bfor the record\b.{0,60}\b(not|never|false)\b",
    r"\b(the )?(claims?|rumou?rs?|story|stories|reports?|idea|notion|allegations?|assertions?) that\b.{0,300}?"
    r"\b(is|are|was|were|has been|have been) (completely |totally |simply )?(false|untrue|fake|baseless|unfounded|wrong|"
    r"inaccurate|incorrect|a hoax|not true|misleading|debunked|fabricated)\b",
]
# Weak cues need a second cue close after: a report of the rumour ("网传", "claims that") + a denial word.
_REPORT_ZH = r"网传|网上流传|网络流传|有网友称|近日.{0,8}(流传|传出)|传言|据传|一则.{0,6}(消息|视频)|有人说|朋友圈(疯传|流传)|疯传"
_DENY_ZH = r"不实|谣言|假的|虚假|不是真的|误导|不可信|是假|没有根据|不属实"
_REPORT_EN = r"\b(viral|circulating|going around|claims? that|a post (says|claims)|rumou?rs? (say|that)|reports that)\b"
_DENY_EN = r"\b(false|untrue|fake|not true|not accurate|inaccurate|misleading|baseless|wrong|hoax|no evidence)\b"

_STRONG = re.compile("|".join(_STRONG_ZH + _STRONG_EN), re.I)
_REPORT = re.compile(f"{_REPORT_ZH}|{_REPORT_EN}", re.I)
_DENY = re.compile(f"{_DENY_ZH}|{_DENY_EN}", re.I)
_WEAK_SPAN = 120
"""A denial counts only this many characters after the report of the rumour."""


@dataclass(frozen=True)
class Stance:
    label: str
    """"refutes" or "supports" (repeats/spreads the claim, or neutral about it)."""
    cues: tuple[str, ...]

    @property
    def refutes(self) -> bool:
        return self.label == "refutes"


def stance(text: str) -> Stance:
    t = _QUESTION.sub(" ", _NEGATED.sub(" ", to_simplified(text)))
    strong = tuple(m.group(0) for m in _STRONG.finditer(t))
    if strong:
        return Stance("refutes", strong[:5])
    rep = _REPORT.search(t)
    if rep:
        deny = _DENY.search(t, rep.end(), rep.end() + _WEAK_SPAN)
        if deny:
            return Stance("refutes", (rep.group(0), deny.group(0)))
    return Stance("supports", ())


def is_refutation(text: str) -> bool:
    return stance(text).refutes
