"""Normalise fact-checkers' free-text ratings to false / misleading / true / mixed / unknown."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

NormVerdict = Literal["false", "misleading", "true", "mixed", "unknown"]
FLAGGABLE: frozenset[str] = frozenset({"false", "misleading"})

# Exact ratings first (lower-cased, punctuation folded), then keyword rules in order.
_EXACT: dict[str, NormVerdict] = {
    "false": "false", "fake": "false", "pants on fire": "false", "pants on fire!": "false",
    "mostly false": "misleading", "four pinocchios": "false", "4 pinocchios": "false",
    "three pinocchios": "misleading", "3 pinocchios": "misleading", "two pinocchios": "mixed",
    "one pinocchio": "mixed", "geppetto checkmark": "true", "incorrect": "false", "wrong": "false",
    "fabricated": "false", "hoax": "false", "scam": "false", "legend": "false", "fake news": "false",
    "misleading": "misleading", "miscaptioned": "misleading", "misattributed": "misleading",
    "missing context": "misleading", "lacks context": "misleading", "out of context": "misleading",
    "exaggerated": "misleading", "exaggeration": "misleading", "distorted": "misleading",
    "manipulated": "misleading", "altered": "misleading", "satire": "misleading", "outdated": "misleading",
    "unproven": "unknown", "unverified": "unknown", "unsupported": "unknown", "research in progress": "unknown",
    "true": "true", "correct": "true", "accurate": "true", "mostly true": "true", "correct attribution": "true",
    "half true": "mixed", "half-true": "mixed", "mixture": "mixed", "mixed": "mixed", "partly false": "mixed",
    "partly true": "mixed", "partially false": "mixed", "partially true": "mixed",
    # Chinese (simplified; traditional input is folded first)
    "谣言": "false", "不实": "false", "虚假": "false", "假": "false", "假消息": "false", "假新闻": "false",
    "错误": "false", "伪造": "false", "捏造": "false", "纯属谣言": "false", "系谣言": "false", "造谣": "false",
    "误导": "misleading", "易误导": "misleading", "部分错误": "mixed", "部分正确": "mixed", "半真半假": "mixed",
    "断章取义": "misleading", "夸大": "misleading", "旧闻": "misleading", "移花接木": "misleading",
    "过时": "misleading", "缺乏背景": "misleading", "证据不足": "unknown", "尚无定论": "unknown",
    "待核实": "unknown", "未经证实": "unknown", "真": "true", "属实": "true", "正确": "true", "真实": "true",
    "事实": "true", "确有其事": "true",
}
_RULES: list[tuple[re.Pattern[str], NormVerdict]] = [
    (re.compile(r"half[- ]?true|mixture|partly|partially|部分|半真"), "mixed"),
    (re.compile(r"mostly true|largely true|基本属实"), "true"),
    (re.compile(r"mostly false|largely false|misleading|miscaption|misattribut|out of context|missing context|"
                r"lacks context|exaggerat|distort|manipulat|altered|satire|outdated|误导|夸大|断章取义|旧闻|移花接木"),
     "misleading"),
    (re.compile(r"\bfalse\b|\bfake\b|pants on fire|hoax|fabricat|debunk|\bscam\b|\bincorrect\b|\bwrong\b|"
                r"\bnot (true|correct|accurate)\b|\buntrue\b|\binaccurate\b|不正确|不真实|不准确|并非事实|"
                r"谣言|辟谣|不实|虚假|假的|伪造|捏造|造谣|错误|不属实|失实|没有科学依据|无科学依据"),
     "false"),
    (re.compile(r"unproven|unverified|unsupported|no evidence|证据不足|未经证实|待核实|尚无"), "unknown"),
    (re.compile(r"\btrue\b|\bcorrect\b|\baccurate\b|属实|真实|正确"), "true"),
]


@dataclass(frozen=True)
class Verdict:
    normalized: NormVerdict
    original: str | None

    @property
    def flaggable(self) -> bool:
        return self.normalized in FLAGGABLE


def _fold(text: str) -> str:
    from vigil.claims.textnorm import to_simplified

    t = to_simplified(unicodedata.normalize("NFKC", text)).strip().lower()
    t = re.sub(r"[\s_]+", " ", t)
    return t.strip(" .!?。！？:：\"'“”‘’「」")


def normalize_verdict(raw: str | None) -> Verdict:
    """Map a rating such as "Pants on Fire", "Mostly False", "謠言" or "FALSE: ..." to a normal verdict."""
    if raw is None or not raw.strip():
        return Verdict("unknown", raw)
    t = _fold(raw)
    if t in _EXACT:
        return Verdict(_EXACT[t], raw)
    head = re.split(r"[:：]", t, maxsplit=1)[0].strip()  # "FALSE: some title" prefixes
    if head in _EXACT:
        return Verdict(_EXACT[head], raw)
    for pattern, verdict in _RULES:
        if pattern.search(t):
            return Verdict(verdict, raw)
    return Verdict("unknown", raw)
