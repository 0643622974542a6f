"""Department names: which strings are names at all, which two name the same department, and the
canonical name and type of one, from rules plus editable references in data/reference/.

One real department gets one canonical name across years and spellings, so that a multi-year series
connects; the printed name is kept beside it. The rules, in order:

1. Spaces, '(本级)'-style notes and trailing punctuation go: '重庆市大渡口区城市管理局(本级)'; a
   bracketed second name goes, a bracketed organ joins its zone ('X医院(Y医院)' -> 'X医院',
   'X集中区(管委会)' -> 'X集中区管委会'; see `department_forms`).
2. Party organs take the short form '中共X委…': '中国共产党江苏省委员会办公厅' and '江苏省委办公厅'
   both become '中共江苏省委办公厅'.
3. `department_aliases.csv` expands abbreviations that end a printed name (`printed` -> `canonical`,
   optionally only at one `level` of government: 省法院 -> 省高级人民法院, 市法院 -> 市中级人民法院;
   `central` is a name with no place nor level word in a document that names no region: 国办 ->
   国务院办公厅, 科技部 -> 科学技术部).
4. A name without its place ('市科协', '省法院') takes it from a fuller name the document gives
   elsewhere (title, 编制单位, body) or else from the region the document names.

The name keeps the places the document gives (衢江区财政局 stays so; no prefecture is added): the
region's code and chain (province / prefecture / county) are separate columns, which is what groups
and joins use.

A string is a name (`plausible_name`) when it ends with a department suffix of the vocabulary
([metadata] department_suffixes), holds no digit, punctuation or list comma, does not open with a
pronoun ('我厅', '本局') or a particle ('的办公费…'; not '和平区…'), and is more than a place ('岳阳县').

Two names are the same department (`same_department`) when their places agree and one's stem (the
name after its places) is the other's or an abbreviation of it, read in order with the same kind of
ending: '游仙区政府办' / '游仙区人民政府办公室', '区直工委' / '中共宣城市宣州区直属机关工作委员会'.

`department_types.csv` maps keywords of the canonical name to a kind of department (科协, 教育…),
first match wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache

from analytics.extract.department_forms import bracketed, clean_name
from analytics.extract.patterns import trie_regex
from analytics.extract.regions import Division, find_divisions, leading_division_name, leading_places
from analytics.reference import read_csv, vocabulary

_LEVEL_WORD = re.compile(r"^(?:本|我)?(省|自治区|市|州|盟|县|区|旗|镇|乡)")
# No ministry's name opens with the country ('审计署', '外交部'); a news item's '中国审计署' does
_COUNTRY_BEFORE_MINISTRY = re.compile(r"^(?:中国|中华人民共和国)(?=[^共]{2,12}(?:部|署)$)")
_CENTRAL_OPENING = re.compile(r"^(?:国务院|国家|中央|中华|全国|中国)")
_PARTY_FULL = re.compile(r"^中国共产党(.+?)委员会")
_PARTY_ORGANS = (
    "办公厅|办公室|组织部|宣传部|统战部|统一战线工作部|政法委员会|政法委|社会工作部|政策研究室|"
    "机构编制委员会办公室|编办|网络安全和信息化委员会办公室|网信办|老干部局|党校|党史研究室|"
    "巡视工作领导小组办公室|巡察工作领导小组办公室|外事工作委员会办公室|农村工作领导小组办公室|"
    "直属机关工作委员会|机关工委|台湾工作办公室|台办|保密委员会办公室|档案馆"
)
_SHORT_PARTY = re.compile(rf"^(?P<place>.+?(?:省|自治区|市|州|盟|县|区|旗))委(?P<organ>{_PARTY_ORGANS})")
# What a name may not hold: digits, Latin letters, punctuation, brackets left after clean_name.
_NOT_IN_NAME = re.compile(r"[\dA-Za-z\s,，、。;；:：|!！?？《》<>“”\"'%％()（）\[\]【】/\\\-—_·.…]")
# The kind of ending two names of one department share ('办' and '办公室', '委' and '委员会').
_ENDING_KINDS = (
    ("人大常委会", "人大"), ("常委会", "人大"), ("人大", "人大"), ("委员会", "委"), ("委", "委"),
    ("办事处", "街"), ("街道", "街"), ("街", "街"), ("办公室", "办"), ("办公厅", "办"), ("办", "办"),
    ("人民政府", "乡"), ("政府", "乡"), ("镇", "乡"), ("乡", "乡"),
)  # fmt: skip


def _words(name: str) -> list[str]:
    return vocabulary()["metadata"][name]


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    return {
        "suffix": re.compile(rf"(?:{trie_regex(_words('department_suffixes'))})$"),
        "not_ending": re.compile(rf"(?:{trie_regex(_words('not_department_endings'))})$"),
        "bad_start": re.compile(trie_regex(_words("not_name_starts"))),
        "pronoun": re.compile(trie_regex(_words("name_pronouns"))),
        "structure": re.compile(trie_regex(_words("not_in_name"))),
    }


@cache
def _aliases() -> list[tuple[str, str, str]]:
    rows = [(r["printed"], r["canonical"], r.get("level") or "") for r in read_csv("department_aliases.csv")]
    return sorted(rows, key=lambda r: (len(r[0]), bool(r[2])), reverse=True)


@cache
def _types() -> list[tuple[str, str]]:
    return [(r["keyword"], r["department_type"]) for r in read_csv("department_types.csv")]


@lru_cache(maxsize=1 << 12)
def _stem_of(name: str) -> tuple[list[Division], str | None, str]:
    """A name's leading divisions, else its level word ('市科协' -> '市') or ambiguous division ('和平区'),
    and the rest: '中共宣城市宣州区直属机关工作委员会' -> ([宣城市, 宣州区], None, '直属机关工作委员会')."""
    places, rest = leading_places(name.removeprefix("中共"))
    if places:
        return [p.division for p in places], None, rest
    ambiguous = leading_division_name(rest)
    if ambiguous and len(rest) > len(ambiguous):
        return [], ambiguous, rest[len(ambiguous) :]
    level = _LEVEL_WORD.match(rest)
    if level and len(rest) > level.end():
        return [], level.group(1), rest[level.end() :]
    return [], None, rest


@lru_cache(maxsize=1 << 12)
def plausible_name(name: str) -> bool:
    """Whether a string can be a department's name (see the module docstring).

    >>> plausible_name("徐闻县经科局"), plausible_name("海南省我厅"), plausible_name("三门县二、三门县公安局")
    (True, False, False)
    >>> plausible_name("部门决算单位构成第二部分中共清新区委人民政府接待办公室")
    False
    >>> plausible_name("某市中医医院(某医院)"), plausible_name("某产业集中区(管委会)"), plausible_name("某局(筹)")
    (True, True, False)
    """
    parts = bracketed(name)
    if parts:  # a second name in the bracket, or the organ of the zone before it
        outer, inner = parts
        if _patterns()["suffix"].fullmatch(inner):
            return plausible_name(outer + inner)
        return plausible_name(outer) and plausible_name(inner)
    if not 2 <= len(name) <= 40 or _NOT_IN_NAME.search(name):
        return False
    patterns = _patterns()
    if patterns["structure"].search(name):
        return False  # '部门决算单位构成第二部分…': a table of contents run together
    suffix = patterns["suffix"].search(name)
    not_ending = patterns["not_ending"].search(name) if suffix else None
    if not suffix or (not_ending and not_ending.start() <= suffix.start()):
        return False  # ('政协办' ends with the longer suffix, not with the word '协办')
    _, _, stem = _stem_of(name)
    if not stem or patterns["bad_start"].match(stem):
        return False
    pronoun = patterns["pronoun"].match(stem)
    if pronoun:
        rest = stem[pronoun.end() :]
        if not rest or patterns["suffix"].fullmatch(rest) or _LEVEL_WORD.fullmatch(rest):
            return False
    return len(stem) >= 2 or stem == "委"  # '市委': the party committee


def party_form(name: str) -> str:
    """A party organ's name in the short form '中共X委…' ('中国共产党江苏省委员会办公厅' -> '中共江苏省委
    办公厅'); other names as they are."""
    return _party_form(name)


@lru_cache(maxsize=1 << 12)
def named(text: str) -> str | None:
    """`text` as a department's name (see `clean_name`), or None when it is no plausible name.
    (Cached: a document gives its own name again and again.)"""
    name = clean_name(text)
    return name if plausible_name(name) else None


@lru_cache(maxsize=1 << 12)
def _party_form(name: str) -> str:
    full = _PARTY_FULL.match(name)
    if full:
        return f"中共{full.group(1)}委{name[full.end() :]}"
    if name.startswith("中共"):
        return name
    short = _SHORT_PARTY.match(name)
    if short and find_divisions(short.group("place")):
        return "中共" + name
    return name


_LEVEL_OF_WORD = {
    "省": "province",
    "自治区": "province",
    "市": "prefecture",
    "州": "prefecture",
    "盟": "prefecture",
}


def _level(name: str, central: bool = False) -> str | None:
    """The level of government a name belongs to: its leading division's, or its level word's;
    'central' for a name with neither when the document names no region (`central`)."""
    places, level_word, _ = _stem_of(name)
    if places:
        return places[-1].level
    if level_word:
        return _LEVEL_OF_WORD.get(level_word, "county")
    return "central" if central or _CENTRAL_OPENING.match(name) else None


def _expand_alias(name: str, central: bool = False) -> str:
    level = _level(name, central)
    for short, full, at_level in _aliases():
        if at_level and level != at_level:
            continue
        if not name.endswith(short):
            continue
        # '江苏省人民法院' already carries part of '高级人民法院', '国务院国资委' all of it: leave it
        if any(name.endswith(full[i:]) for i in range(len(full) - len(short))):
            return name
        return name[: -len(short)] + full
    return name


@lru_cache(maxsize=1 << 12)
def is_central(name: str) -> bool:
    """Whether a name, with no place nor level word, is a central department's: it opens like one
    ('国务院…', '国家…', '中国…'), ends like a ministry ('外交部', '审计署') or is a central alias
    ('国办', '科技部')."""
    places, level_word, stem = _stem_of(_party_form(clean_name(name)))
    if places or level_word:
        return False
    if _CENTRAL_OPENING.match(stem) or stem.endswith(("部", "署", "总局")):
        return True
    return any(at_level == "central" and stem == short for short, _, at_level in _aliases())


@lru_cache(maxsize=1 << 12)
def has_place(name: str) -> bool:
    """Whether a name says where it is ('廊坊市科协' yes, and '和平区审计局' of 天津 or 沈阳; '市科协' no)."""
    return leading_division_name(_party_form(name).removeprefix("中共")) is not None


@lru_cache(maxsize=1 << 12)
def normal_form(printed: str, central: bool = False) -> str:
    """Rules 1-3 of the module docstring: the name as it stands, in canonical spelling; a ministry
    named with the country before it, as news items do ('中国审计署'), without it."""
    name = clean_name(printed)
    parts = bracketed(name)
    if parts:
        name = parts[0] + parts[1] if _patterns()["suffix"].fullmatch(parts[1]) else parts[0]
    name = _expand_alias(_party_form(name), central)
    return _COUNTRY_BEFORE_MINISTRY.sub("", name)


def _ending_kind(stem: str) -> str:
    for ending, kind in _ENDING_KINDS:
        if stem.endswith(ending):
            return kind
    return stem[-1]


def _abbreviates(short: str, full: str) -> bool:
    """Whether `short` is `full` read in part and in order, opening near its start with the same
    kind of ending: '政府办' of '人民政府办公室', '经科局' of '经济信息化和科技局', '国办' of '国务院办公厅'."""
    if len(short) < 2 or short[0] not in full[:3] or _ending_kind(short) != _ending_kind(full):
        return False
    position = 0
    for char in short:
        position = full.find(char, position) + 1
        if position == 0:
            return False
    return True


@lru_cache(maxsize=1 << 12)
def same_department(a: str, b: str) -> bool:
    """Whether two names the document gives are one department (see the module docstring).

    >>> same_department("游仙区政府办", "游仙区人民政府办公室"), same_department("江汉区民意街", "江汉区人民政府")
    (True, False)
    """
    places_a, level_a, stem_a = _stem_of(normal_form(a))
    places_b, level_b, stem_b = _stem_of(normal_form(b))
    if not _places_agree(places_a, level_a, places_b, level_b):
        return False
    if stem_a == stem_b:
        return True
    short, full = sorted((stem_a, stem_b), key=len)
    return _abbreviates(short, full)


def _places_agree(
    places_a: list[Division], level_a: str | None, places_b: list[Division], level_b: str | None
) -> bool:
    """Places of two names agree when one division holds the other ('宣州区' and '宣城市'), or a
    level word fits the other's division ('区直工委' and '宣城市宣州区…'), or either says nothing."""
    if places_a and places_b:
        last_a, last_b = places_a[-1], places_b[-1]
        return last_a == last_b or last_a.name in last_b.ancestors() or last_b.name in last_a.ancestors()
    if places_a or places_b:
        level = level_a or level_b
        return level is None or any(d.name.endswith(level) for d in places_a or places_b)
    return level_a == level_b or level_a is None or level_b is None


def fullest(name: str, others: Iterable[str]) -> str:
    """The fullest of the names given for the department `name` names: one with its place first,
    then the longest ('宣城市直工委' and '宣城市直机关工委' -> '宣城市直机关工委')."""
    same = [name, *(o for o in others if o != name and same_department(name, o))]
    return max(same, key=lambda n: (has_place(n), len(normal_form(n)), len(n)))


def region_spelled(name: str, region: Division) -> str | None:
    """A name that opens with its region's name without the 县/市/区/旗 ('大英文学艺术界联合会' in
    大英县) spelled with the full region name ('大英县文学艺术界联合会'); None for other names.

    >>> region_spelled("大英文学艺术界联合会", Division("510923", "大英县", "county", "四川省", "遂宁市"))
    '大英县文学艺术界联合会'
    """
    short = region.name[:-1] if region.name[-1:] in "县市区旗" and len(region.name) >= 3 else ""
    if short and name.startswith(short) and not name.startswith(region.name) and len(name) > len(short) + 1:
        return region.name + name[len(short) :]
    return None


def canonical_department(
    printed: str, others: Iterable[str] = (), region: Division | None = None, *, central: bool = False
) -> str:
    """The canonical full name of a printed department name.

    `others` are other names the document gives for itself (a fuller one completes a short one);
    `region` is the division the document is about, for a short name that no fuller one completes;
    `central` says the document names no region at all (central-level aliases apply).

    >>> canonical_department("市科协", ["合肥市科学技术协会"])
    '合肥市科学技术协会'
    >>> canonical_department("国办", central=True)
    '国务院办公厅'
    """
    others = list(others)
    name = normal_form(fullest(printed, others), central)
    if has_place(name):
        return name
    stem = _LEVEL_WORD.sub("", name)
    for other in others:
        full = normal_form(other)
        if full != name and has_place(full) and full.endswith(stem) and len(stem) >= 2:
            return full
    if region is not None:
        spelled = region_spelled(name, region)
        if spelled is not None:
            # '大英文学艺术界联合会' in 大英县: no name to prefix; the text's '大英县文学…' if it gives it
            return next((spelled for other in others if normal_form(other) == spelled), name)
        level = _LEVEL_WORD.match(name)
        if level and region.name.endswith(level.group(1)):
            return region.name + name[level.end() :]
        if not level and not name.startswith("中共"):
            return region.name + name
    return name


def department_type(name: str) -> str | None:
    """The kind of department ('科协', '教育', …) or None when no keyword matches."""
    for keyword, kind in _types():
        if keyword in name:
            return kind
    return None
