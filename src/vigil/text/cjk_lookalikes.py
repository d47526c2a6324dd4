"""Curated CJK look-alike characters that ICU's UTS #39 skeleton leaves apart.

Each group lists characters an impersonator swaps for one another (visually near-identical glyphs,
variant forms, and one-stroke differences used in real counterfeit names). Folding maps every member to
the group's first character; the fold is applied to registry names and observed names alike, so it only
has to be consistent, not linguistically right. Keep groups small: every group merges real characters.
"""

from __future__ import annotations

GROUPS: tuple[str, ...] = (
    "日曰",
    "民氏",
    "人入",
    "国囯圀国囻",
    "已己巳",
    "未末",
    "土士",
    "天夭",
    "大太犬",
    "王玉壬",
    "午牛",
    "力刀",
    "干千于",
    "甲申由田",
    "目且",
    "戊戌戍",
    "侯候",
    "免兔",
    "乌鸟",
    "拔拨",
    "若苦",
    "折析",
    "辨辩辫瓣",
    "特持",
    "酒洒",
    "子孑孓",
    "治冶",
    "汨汩",
    "崇祟",
    "茶荼",
    "享亨",
    "央夬",
    "军軍车",
    "报抱拫扱",
    "部郜陪",
    "防仿访妨坊",
    "控腔",
    "华哗铧毕",
    "新亲",
    "闻间问",
    "视祝",
    "疾痴",
    "卫衞",
    "政玫",
    "府俯腑",
    "院阮",
    "局届",
    "署暑",
    "员贠",
    "警擎",
    "察蔡",
    "检捡俭",
    "台合",
    "社杜",
    "心必",
    "口囗",
    "二ニ",
    "工エ",
    "力カ",
    "八ハ",
    "夕タ",
    "卜ト",
    "口ロ",
    # one component changed, as counterfeit names of 2026-12 did (坏球时报, 光朋日报, 北京大孛, 上诲市公案局)
    "环坏", "球求", "明朋", "学孛", "广厂", "海诲晦", "安案妄", "财材", "时吋", "西酉", "京亰", "省眚", "委季",
    "科料", "技枝", "究穷", "预顶", "测侧恻", "晚晓", "经径", "证征", "银很", "险脸", "浙淅", "沪泸",
    "冀翼", "北比", "闻闽", "州卅", "市巿", "局咼", "武式", "南苘楠", "政攻", "江汪",
)

LOOKALIKE_MAP: dict[int, str] = {}
for _group in GROUPS:
    _head = _group[0]
    for _ch in _group[1:]:
        LOOKALIKE_MAP.setdefault(ord(_ch), _head)
