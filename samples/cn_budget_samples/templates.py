"""Kinds of department (科协, 教育, 财政, …): what each does, how big it is, which budget lines and
activities it has, read from templates.toml beside this module (the file's header says what each
field means). A template plus a region makes a department (see `departments.py`).

>>> [t.department_type for t in CORE_TEMPLATES]
['科协', '教育', '财政', '卫生健康', '审计', '民政']
>>> KEXIE = CORE_TEMPLATES[0]
>>> KEXIE.suffixes, KEXIE.project_lines[1], KEXIE.activities[0].children[0].indicators[0]
(((0, '科学技术协会'),), ('2060703', 8, 2015), ('科普活动举办场次', '≥40', '≥30', '≥20', '＜20'))
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Indicator = tuple[str, str, str, str, str]  # 指标, 优, 良, 中, 差

TEMPLATES_FILE = Path(__file__).with_name("templates.toml")


@dataclass(frozen=True)
class ActivityTemplate:
    """A 职责活动 of the performance-goals table; `weight` shares the project budget."""

    name: str
    weight: int
    description: str
    goal: str
    indicators: tuple[Indicator, ...] = ()
    children: tuple[ActivityTemplate, ...] = ()


@dataclass(frozen=True)
class DepartmentTemplate:
    """One kind of department. Money is in 万元 for a prefecture-level department in 2014."""

    type_key: str  # ASCII slug used in file names
    department_type: str  # as in data/reference/department_types.csv
    suffixes: tuple[tuple[int, str], ...]  # (first publication year, name after the region)
    nature: str
    rank: str
    duties: tuple[str, ...]
    offices: tuple[str, ...]
    staff: int
    personnel: str
    public_operating: str
    project: str
    basic_line: str  # the 行政运行 / 机构运行 line
    institution: bool  # 事业单位 (health insurance line 事业单位医疗)
    project_lines: tuple[tuple[str, int, int], ...]  # (code, weight, first year)
    fund_line: str | None
    fund_share: int  # percent of project spending paid from 政府性基金
    vehicles_before: int
    vehicles_after: int
    vehicle_operation: str
    reception: str
    activities: tuple[ActivityTemplate, ...]
    project_purpose: str  # '主要用于…' of 项目支出


def load_templates(path: Path = TEMPLATES_FILE) -> tuple[tuple[DepartmentTemplate, ...], int]:
    """Every template of the file, in its order, and how many of the first ones are core."""
    with path.open("rb") as file:
        raw = tomllib.load(file)["template"]
    templates = tuple(_template(dict(entry), path) for entry in raw)
    core = [bool(entry["core"]) for entry in raw]
    if core != sorted(core, reverse=True):
        raise ValueError(f"{path}: the core templates (core = true) must come first")
    return templates, sum(core)


def _template(entry: dict[str, Any], path: Path) -> DepartmentTemplate:
    entry.pop("core")
    names = entry.pop("names")
    lines = entry.pop("project_lines")
    activities = entry.pop("activities")
    try:
        return DepartmentTemplate(
            suffixes=tuple((int(n["since"]), str(n["name"])) for n in names),
            duties=tuple(entry.pop("duties")),
            offices=tuple(entry.pop("offices")),
            project_lines=tuple((str(x["code"]), int(x["weight"]), int(x["since"])) for x in lines),
            fund_line=entry.pop("fund_line", None),
            activities=tuple(_activity(a) for a in activities),
            **entry,
        )
    except TypeError as exc:  # a field missing or unknown
        raise ValueError(f"{path}, template {entry.get('type_key')!r}: {exc}") from exc


def _activity(entry: dict[str, Any]) -> ActivityTemplate:
    return ActivityTemplate(
        name=entry["name"],
        weight=entry["weight"],
        description=entry["description"],
        goal=entry["goal"],
        indicators=tuple(_indicator(i) for i in entry.get("indicators", ())),
        children=tuple(_activity(c) for c in entry.get("children", ())),
    )


def _indicator(cells: list[str]) -> Indicator:
    name, excellent, good, fair, poor = cells
    return (name, excellent, good, fair, poor)


ALL_TEMPLATES, _CORE_COUNT = load_templates()
CORE_TEMPLATES: tuple[DepartmentTemplate, ...] = ALL_TEMPLATES[:_CORE_COUNT]
