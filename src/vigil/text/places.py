"""Chinese place names: provinces, prefecture-level and county-level divisions, as written and without their
level word (宿州市 and 宿州, 延边朝鲜族自治州 and 延边, 宁夏回族自治区 and 宁夏).

Impersonation needs to know whether a character swapped in a place makes another real place (苏州 -> 宿州, 山西 ->
陕西: another city's or province's body) or no place at all (温州 -> 温洲, 北京 -> 北凉: a counterfeit spelling).

Source: the statistical division codes of the National Bureau of Statistics of China (国家统计局, 统计用区划代码),
as packaged by china-division 2.7.0 (npm, https://github.com/modood/Administrative-divisions-of-China; data
files provinces.csv, cities.csv, areas.csv and HK-MO-TW.json). The shipped `cn_places.txt.gz` holds the names;
`python -m vigil.text.places DIR` rewrites it from that package's dist directory.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
import sys
from functools import lru_cache
from pathlib import Path

PATH = Path(__file__).with_name("cn_places.txt.gz")
_PLACEHOLDERS = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})
# the level word at the end of a division's name, longest first
_LEVEL = re.compile("(?:自治区|自治州|自治县|自治旗|特别行政区|地区|林区|特区|省|市|县|区|旗|盟)$")
# the peoples an autonomous region, prefecture or county is named after (the 55 recognised minorities)
_PEOPLES = (
    "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家", "哈尼", "哈萨克", "傣",
    "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇", "柯尔克孜", "土", "达斡尔", "仫佬", "羌", "布朗",
    "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米", "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安", "裕固",
    "京", "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺",
)
_PEOPLE = re.compile("(?:" + "|".join(sorted((f"{p}族?" for p in _PEOPLES), key=len, reverse=True)) + ")+$")


def short_form(name: str) -> str:
    """The name without its level word and the peoples it is named after (宿州市 -> 宿州, 延边朝鲜族自治州 -> 延边,
    新疆维吾尔自治区 -> 新疆); the name itself when that would leave fewer than two characters (沙县 stays 沙县)."""
    core = _LEVEL.sub("", name)
    if core != name and "自治" in name and len(_PEOPLE.sub("", core)) >= 2:
        core = _PEOPLE.sub("", core)  # not 内蒙古 -> 内, 西藏 -> 西: the people is the place's own name there
    return core if len(core) >= 2 else name


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Every division's name as written and in its short form; empty without the shipped file."""
    try:
        names = gzip.decompress(PATH.read_bytes()).decode("utf-8").split()
    except OSError:
        return frozenset()
    return frozenset(names) | frozenset(short_form(n) for n in names)


def is_real_place(word: str) -> bool:
    """`word` names a province, city or county of China (宿州, 宿州市, 陕西, 延边); 温洲 or 北凉 do not."""
    return word in place_names()


def write(dist: Path, path: Path = PATH) -> Path:
    names: list[str] = []
    for table in ("provinces.csv", "cities.csv", "areas.csv"):
        with (dist / table).open(encoding="utf-8") as fh:
            names += [row["name"] for row in csv.DictReader(fh) if row["name"] not in _PLACEHOLDERS]
    # Hong Kong, Macao and Taiwan with their areas and districts (a separate file of the package)
    tree = json.loads((dist / "HK-MO-TW.json").read_text(encoding="utf-8"))
    for region, areas in tree.items():
        names.append(region)
        for area, districts in areas.items():
            names += [area, *(re.sub("（.*?）", "", d) for d in districts)]
    text = "\n".join(sorted(set(names))) + "\n"
    path.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    return path


if __name__ == "__main__":
    print(write(Path(sys.argv[1])))
