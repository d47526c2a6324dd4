"""Stance of a post towards the claim it mentions: does it spread it, or refute / fact-check it?

Rule-based, Chinese and English. A refutation quotes the rumour and then denies it ("网传……经核实系谣言",
"辟谣", "No, this is false", "Fact check:"); such posts must not be flagged as spreading the claim. Cues
are weighed, and a question or hedge ("是真的吗?", "is this true?") alone is not a refutation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vigil.claims.textnorm import to_simplified

# Strong cues: a post containing one of them is a debunk or clarification.
_STRONG_ZH = [
    r"辟谣", r"谣言止于", r"经核实", r"经查证?", r"经调查", r"(系|是|属|为|纯属|均为|都是|实为)(谣言|谣传|假消息|虚假信息|不实信息|误读|误传)",
    r"(消息|说法|传言|信息|内容|此事|该视频|该图片|网传)(不实|不属实|是假的|系伪造|为假|失实|为谣言|并不属实|没有依据|毫无根据|无科学依据)",
    r"(不要|切勿|请勿|别)(轻信|信谣|传谣|相信谣言|传播谣言|再转发?)", r"不信谣[,，、\s]*不传谣", r"假的[!！]", r"并非事实", r"并不属实",
    r"(官方|警方|疾控|卫健委|医院|学校)(已)?(回应|澄清|辟谣|通报|声明)", r"澄清", r"别再转了",
    r"没有(任何)?科学(依据|根据)", r"(造谣|传谣)者?(已)?被(处罚|拘留|查处|行政拘留)", r"谣言[:：]",
    r"(是|系)假的", r"(纯属|完全是)(捏造|虚构|编造)", r"查无此事", r"子虚乌有",
]
_STRONG_EN = [
    r"\bfact[- ]?check(ed|ing)?\b", r"\bdebunk(ed|ing|s)?\b", r"\bno,? (this|that|it) (is|was|'s)n?'?t? ?(not )?(true|real|false)",
    r"\b(this|that|it|the claim|the rumou?r|the story|the post|the video|the photo) (is|was|has been) "
    r"(false|fake|a hoax|untrue|not true|misleading|fabricated|debunked|doctored)\b",
    r"\b(is|was)n'?t true\b", r"\bnot true\b", r"\bthere is no (evidence|truth|proof)\b", r"\bno evidence (that|of)\b",
    r"\b(rumou?r|claim|hoax|myth)s? (is|are) (false|untrue|baseless|unfounded)\b",
    r"\bdon'?t (believe|share|fall for|spread)\b", r"\bdo not (believe|share|fall for|spread)\b", r"\bfalse claim",
    r"\bfake news alert\b", r"\bmyth ?bust", r"\bclarif(y|ies|ied|ication)\b",
    r"\bfalsely (claim|suggest|state)s?\b", r"\bcontrary to (the )?(rumou?rs?|claims?|reports?)\b",
    r"\b(this|that) (claim )?has been (debunked|rated false)\b", r"\brated (false|pants on fire|misleading)\b",
    r"^\s*(false|fake|misleading)\s*[:!.]",
]
# Weak cues need a second cue: a report of the rumour ("网传", "claims that") plus a denial word.
_REPORT_ZH = r"网传|网上流传|网络流传|有网友称|近日.{0,8}(流传|传出)|传言|据传|一则.{0,6}(消息|视频)"
_DENY_ZH = r"不实|谣言|假的|虚假|并非|不是真的|没有|不存在|误导|不可信"
_REPORT_EN = r"\b(viral|circulating|claims? that|a post (says|claims)|rumou?rs? (say|that))\b"
_DENY_EN = r"\b(false|untrue|fake|not|no|never|misleading|baseless)\b"

_STRONG = re.compile("|".join(_STRONG_ZH + _STRONG_EN), re.I)
_REPORT = re.compile(f"{_REPORT_ZH}|{_REPORT_EN}", re.I)
_DENY = re.compile(f"{_DENY_ZH}|{_DENY_EN}", re.I)


@dataclass(frozen=True)
class Stance:
    label: str
    """"refutes" or "supports" (repeats/spreads the claim, or neutral about it)."""
    cues: tuple[str, ...]

    @property
    def refutes(self) -> bool:
        return self.label == "refutes"


def stance(text: str) -> Stance:
    t = to_simplified(text)
    strong = tuple(m.group(0) for m in _STRONG.finditer(t))
    if strong:
        return Stance("refutes", strong[:5])
    rep = _REPORT.search(t)
    if rep:
        deny = _DENY.search(t, rep.end())
        if deny:
            return Stance("refutes", (rep.group(0), deny.group(0)))
    return Stance("supports", ())


def is_refutation(text: str) -> bool:
    return stance(text).refutes
