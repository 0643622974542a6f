"""A department's canonical name and type, from rules plus editable references in data/reference/.

One real department gets one canonical name across years and spellings, so that a multi-year series
connects; the printed name is kept beside it. The rules, in order:

1. Spaces, '(本级)'-style notes and trailing punctuation go: '重庆市大渡口区城市管理局(本级)'.
2. Party organs take the short form '中共X委…': '中国共产党江苏省委员会办公厅' and '江苏省委办公厅'
   both become '中共江苏省委办公厅'.
3. `department_aliases.csv` expands abbreviations that end a printed name (`printed` -> `canonical`,
   optionally only at one `level` of government: 省法院 -> 省高级人民法院, 市法院 -> 市中级人民法院).
4. A name without its place ('市科协', '省法院') takes it from a fuller name the document gives
   elsewhere (title, 编制单位, body) or else from the region the document names.

`department_types.csv` maps keywords of the canonical name to a kind of department (科协, 教育…),
first match wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from analytics.extract.regions import Division, find_divisions
from analytics.reference import read_csv

_NOTE = re.compile(r"[\((](?:本级|汇总|含下属单位|部门汇总|单位)[\))]")
_LEVEL_WORD = re.compile(r"^(?:本|我)?(省|自治区|市|州|盟|县|区|旗|镇|乡)")
_PARTY_FULL = re.compile(r"^中国共产党(.+?)委员会")
_PARTY_ORGANS = (
    "办公厅|办公室|组织部|宣传部|统战部|统一战线工作部|政法委员会|政法委|社会工作部|政策研究室|"
    "机构编制委员会办公室|编办|网络安全和信息化委员会办公室|网信办|老干部局|党校|党史研究室|"
    "巡视工作领导小组办公室|巡察工作领导小组办公室|外事工作委员会办公室|农村工作领导小组办公室|"
    "直属机关工作委员会|机关工委|台湾工作办公室|台办|保密委员会办公室|档案馆"
)
_SHORT_PARTY = re.compile(rf"^(?P<place>.+?(?:省|自治区|市|州|盟|县|区|旗))委(?P<organ>{_PARTY_ORGANS})")


@cache
def _aliases() -> list[tuple[str, str, str]]:
    rows = [(r["printed"], r["canonical"], r.get("level") or "") for r in read_csv("department_aliases.csv")]
    return sorted(rows, key=lambda r: (len(r[0]), bool(r[2])), reverse=True)


@cache
def _types() -> list[tuple[str, str]]:
    return [(r["keyword"], r["department_type"]) for r in read_csv("department_types.csv")]


def clean_name(printed: str) -> str:
    """A printed name without spaces, notes such as '(本级)' and trailing punctuation."""
    name = "".join(printed.split())
    name = _NOTE.sub("", name)
    return name.strip(":：,，。、“”\"'()（）")


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


def _level(name: str) -> str | None:
    """The level of government a name belongs to: its leading division's, or its level word's."""
    rest = name.removeprefix("中共")
    leading = [d for d in find_divisions(rest[:12]) if rest.startswith(d.name)]
    if leading:
        return max(leading, key=lambda d: len(d.name)).level
    word = _LEVEL_WORD.match(rest)
    return _LEVEL_OF_WORD.get(word.group(1), "county") if word else None


def _expand_alias(name: str) -> str:
    level = _level(name)
    for short, full, at_level in _aliases():
        if at_level and level != at_level:
            continue
        if not name.endswith(short):
            continue
        # '江苏省人民法院' already carries part of '高级人民法院': leave it
        if not any(name.endswith(full[i:]) for i in range(len(full) - len(short))):
            return name[: -len(short)] + full
    return name


def _strip_place(name: str) -> str:
    """The name without the divisions it opens with: '廊坊市科协' -> '科协', '市科协' -> '市科协'."""
    rest = name.removeprefix("中共")
    for division in find_divisions(rest):
        if rest.startswith(division.name):
            return _strip_place(rest[len(division.name) :])
    return rest


def has_place(name: str) -> bool:
    """Whether a name says where it is ('廊坊市科协' yes, '市科协' and '省法院' no)."""
    rest = name.removeprefix("中共")
    return any(rest.startswith(d.name) for d in find_divisions(rest[:12]))


def normal_form(printed: str) -> str:
    """Rules 1-3 of the module docstring: the name as it stands, in canonical spelling."""
    return _expand_alias(_party_form(clean_name(printed)))


def canonical_department(printed: str, others: Iterable[str] = (), region: Division | None = None) -> str:
    """The canonical full name of a printed department name.

    `others` are other names the document gives for itself (a fuller one completes a short one);
    `region` is the division the document is about, for a short name that no fuller one completes.

    >>> canonical_department("市科协", ["合肥市科学技术协会"])
    '合肥市科学技术协会'
    """
    name = normal_form(printed)
    if has_place(name):
        return name
    stem = _LEVEL_WORD.sub("", name)
    for other in others:
        full = normal_form(other)
        if full != name and has_place(full) and full.endswith(stem) and len(stem) >= 2:
            return full
    if region is not None:
        level = _LEVEL_WORD.match(name)
        if level and region.name.endswith(level.group(1)):
            return region.name + name[level.end() :]
        if not level:
            return region.name + name
    return name


def department_type(name: str) -> str | None:
    """The kind of department ('科协', '教育', …) or None when no keyword matches."""
    for keyword, kind in _types():
        if keyword in name:
            return kind
    return None
