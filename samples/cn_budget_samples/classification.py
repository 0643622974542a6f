"""A year's spending by classification: the functional lines (支出功能分类科目) of basic and
project spending, and the economic lines (支出经济分类科目) of basic spending.

Basic spending goes to the template's 行政运行 / 机构运行 line less the social-security lines
(养老保险缴费 from 2015, 医疗, 住房公积金); project spending is shared among the template's project
lines by weight, and the 科协's 2060702 科普活动 line takes a growing share from 2060799 year by year.
"""

from __future__ import annotations

from decimal import Decimal

from cn_budget_samples.codes import health_insurance_code
from cn_budget_samples.departments import Department
from cn_budget_samples.figures import EconomicLine, Line, ThreePublic
from cn_budget_samples.money import ZERO, q2, split

# share (per mille of the 科普 lines) that 2060702 科普活动 takes from 2060799
_KEPU_SHARE = {2013: 120, 2014: 150, 2015: 200, 2016: 250, 2017: 350, 2018: 450, 2019: 550, 2020: 620,
               2021: 700, 2022: 780, 2023: 850}  # fmt: skip


def functional_lines(
    department: Department, year: int, personnel: Decimal, basic: Decimal, project: Decimal
) -> tuple[Line, ...]:
    t = department.template
    basic_parts: dict[str, Decimal] = {}
    if year >= 2015:
        basic_parts["2080505"] = q2(personnel * Decimal("0.12"))
    basic_parts[health_insurance_code(year, institution=t.institution)] = q2(personnel * Decimal("0.06"))
    basic_parts["2210201"] = q2(personnel * Decimal("0.08"))
    basic_parts[t.basic_line] = basic - sum(basic_parts.values(), ZERO)
    weights = _project_weights(department, year)
    project_parts = dict(zip(weights, split(project, list(weights.values())), strict=True)) if project else {}
    codes = sorted(set(basic_parts) | set(project_parts))
    lines = [Line(c, basic_parts.get(c, ZERO), project_parts.get(c, ZERO)) for c in codes]
    return tuple(line for line in lines if line.total)


def _project_weights(department: Department, year: int) -> dict[str, int]:
    t = department.template
    active = {code: weight for code, weight, since in t.project_lines if year >= since}
    if t.type_key == "kexie":
        rest = 1000 - 120 - (80 if year >= 2015 else 0)
        science = rest * _KEPU_SHARE.get(year, 850) // 1000
        active.update({"2060704": 120, "2060702": science, "2060799": rest - science})
        if year >= 2015:
            active["2060703"] = 80
    return {code: weight for code, weight in active.items() if weight}


_PERSONNEL_CODES = ("30101", "30102", "30103", "30108", "30110", "30113", "30199", "30302", "30305")
_PERSONNEL_WEIGHTS = (28, 20, 8, 12, 6, 8, 4, 12, 2)
_PUBLIC_CODES = ("30201", "30207", "30211", "30228", "30229", "30299")
_PUBLIC_WEIGHTS = (30, 8, 18, 6, 6, 32)


def economic_lines(
    year: int,
    personnel: Decimal,
    allowance: Decimal,
    public: Decimal,
    three: ThreePublic,
    meeting: Decimal,
    training: Decimal,
) -> tuple[EconomicLine, ...]:
    """Basic spending by economic class; the transport allowance is paid in 30102 津贴补贴."""
    pairs = [
        (c, w)
        for c, w in zip(_PERSONNEL_CODES, _PERSONNEL_WEIGHTS, strict=True)
        if c != "30108" or year >= 2015
    ]
    parts = dict(zip([c for c, _ in pairs], split(personnel - allowance, [w for _, w in pairs]), strict=True))
    parts["30102"] += allowance
    fixed = {"30215": meeting, "30216": training, "30217": three.reception, "30231": three.vehicle_operation}
    rest = public - sum(fixed.values(), ZERO)
    public_parts = dict(zip(_PUBLIC_CODES, split(rest, list(_PUBLIC_WEIGHTS)), strict=True)) | fixed
    lines = [EconomicLine(c, v, ZERO) for c, v in parts.items()]
    lines += [EconomicLine(c, ZERO, v) for c, v in public_parts.items()]
    return tuple(sorted((line for line in lines if line.total), key=lambda line: line.code))
