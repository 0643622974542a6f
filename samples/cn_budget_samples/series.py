"""A department's figures year by year, from 2013 (the prior year of the first disclosure) on.

The path is random but seeded per department, so one department's numbers do not depend on which
other departments are generated. Planted effects that are real figures live here:

- the vehicle reform: from the reform year vehicle running costs fall to 38-55 % of the year
  before, no vehicle is bought, the fleet shrinks, and personnel costs rise by the transport
  allowance (公务交通补贴) paid instead;
- 科普: the 科协's 2060702 科普活动 line takes a growing share from 2060799, and its 科学技术普及
  activity budget grows; 教育 and 卫生健康 get small 20607 lines (the lines are worked out in
  `classification`, the activity budgets in `activities`);
- 廊坊市科学技术协会 agrees with the real 2017 budget (the seed) and the 2016 figures it implies.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from decimal import Decimal

from analytics.model import Kind
from cn_budget_samples.activities import activity_budgets
from cn_budget_samples.classification import economic_lines, functional_lines
from cn_budget_samples.departments import KEXIE_KEY, Department
from cn_budget_samples.figures import (
    Assets,
    DepartmentYear,
    Figures,
    Line,
    ThreePublic,
)
from cn_budget_samples.money import ZERO, jitter, q2, wan
from cn_budget_samples.plants import execution_factor

FIRST_YEAR = 2013  # hidden: the prior year of the first disclosures (2014)

# 廊坊市科学技术协会 (KEXIE_KEY): the seed's 2017 budget and the 2016 budget its stated changes imply.
_KEXIE_ANCHORS: dict[int, dict[str, Decimal]] = {
    2016: {
        "personnel": wan("164.46"),
        "public": wan("48.50"),
        "project": wan("269.00"),
        "vehicle_operation": wan("25.64"),
        "reception": wan("1.36"),
    },
    2017: {
        "personnel": wan("231.54"),
        "public": wan("50.07"),
        "project": wan("193.30"),
        "vehicle_operation": wan("20.64"),
        "reception": wan("1.36"),
    },
}
_KEXIE_VEHICLE_VALUE = Decimal("22.0633")  # 3 vehicles worth 66.19 at the end of 2016
_KEXIE_OTHER_ASSETS_2016 = wan("53.07")
_OVERSEAS = {"jiaoyu": {2013: "15.00", 2014: "12.00", 2015: "8.00", 2019: "6.00"}}
_PURCHASE = {"caizheng": {2014: "22.00"}, "weijian": {2015: "18.50"}}
_AUDIT_FLEET_GONE = 2020  # 审计: the last vehicle is handed over at the end of 2020


@dataclass
class _Plan:
    """The budget's building blocks for one year, before lines and totals are worked out."""

    personnel: Decimal
    allowance: Decimal
    public: Decimal
    project: Decimal
    overseas: Decimal
    purchase: Decimal
    vehicle_operation: Decimal
    reception: Decimal
    meeting: Decimal
    training: Decimal
    procurement: Decimal
    income_other: Decimal


def department_years(department: Department, years: list[int], seed: int) -> dict[int, DepartmentYear]:
    """The figures of both disclosures of `department` for each year in `years`."""
    rng = random.Random(f"{seed}:{department.key}")
    last = max(years)
    plans = _plans(department, rng, last)
    budgets = {y: _budget(department, y, plan) for y, plan in plans.items()}
    finals: dict[int, Figures] = {}
    for year in range(FIRST_YEAR, last + 1):
        prior_forward = finals[year - 1].carryforward if year > FIRST_YEAR else ZERO
        finals[year] = _final(department, budgets[year], plans[year], prior_forward, rng)
    assets = _assets(department, rng, last)
    result: dict[int, DepartmentYear] = {}
    for year in years:
        result[year] = DepartmentYear(
            department=department,
            year=year,
            budget=budgets[year],
            final=finals[year],
            prior_budget=budgets[year - 1],
            prior_final=finals[year - 1],
            assets_prior_end=assets[year - 1],
            assets_end=assets[year],
            activities=activity_budgets(department, year, budgets[year].expenditure_project),
        )
    return result


def _plans(department: Department, rng: random.Random, last: int) -> dict[int, _Plan]:
    t, scale = department.template, department.scale
    is_kexie = department.key == KEXIE_KEY
    reform = department.reform_year
    allowance = q2(max(1, round(t.staff * scale)) * Decimal("1.20"))
    personnel = q2(wan(t.personnel) * scale)
    public = q2(wan(t.public_operating) * scale)
    project = q2(wan(t.project) * scale)
    vehicle = q2(wan(t.vehicle_operation) * scale)
    reception = q2(wan(t.reception) * scale)
    drop = jitter(rng, Decimal(1), 0.45, 0.62)
    after_reform = ZERO
    plans: dict[int, _Plan] = {}
    for year in range(FIRST_YEAR, last + 1):
        if year > FIRST_YEAR:
            personnel = jitter(rng, personnel, 1.02, 1.07)
            public = jitter(rng, public, 0.97, 1.05)
            project = jitter(rng, project, 0.92, 1.14)
            reception = (
                jitter(rng, reception, 0.80, 0.98) if year <= 2016 else jitter(rng, reception, 0.95, 1.04)
            )
            vehicle = jitter(rng, vehicle, 1.00, 1.05)
        paid_allowance = allowance if year >= reform else ZERO
        if year == reform:
            personnel += allowance
        if year == reform - 1 or (is_kexie and year == 2016):
            after_reform = q2(vehicle * (1 - drop))
        if year >= reform:
            vehicle = jitter(rng, after_reform, 0.92, 1.06) if year > reform else after_reform
        anchors = _KEXIE_ANCHORS.get(year, {}) if is_kexie else {}
        personnel = anchors.get("personnel", personnel)
        public = anchors.get("public", public)
        project = anchors.get("project", project)
        vehicle = anchors.get("vehicle_operation", vehicle)
        reception = anchors.get("reception", reception)
        if is_kexie and year == 2016:
            after_reform = q2(vehicle * (1 - drop))
        this_vehicle, this_reception = vehicle, reception
        if t.type_key == "shenji" and year > _AUDIT_FLEET_GONE:
            this_vehicle = this_reception = ZERO
        meeting = jitter(rng, public, 0.025, 0.035)
        training = jitter(rng, public, 0.03, 0.045)
        # the economic table needs room for the other 商品和服务支出 beside these
        floor = q2((this_vehicle + this_reception + meeting + training) * Decimal("1.25"))
        if public < floor:
            public = floor
        procurement = jitter(rng, project, 0.03, 0.08) if rng.randint(0, 99) < 55 else ZERO
        overseas = q2(wan(_OVERSEAS.get(t.type_key, {}).get(year, "0")) * scale)
        purchase = q2(wan(_PURCHASE.get(t.type_key, {}).get(year, "0")) * scale) if year < reform else ZERO
        income_other = (
            jitter(rng, q2(Decimal(25) * scale), 0.9, 1.1)
            if t.type_key == "jiaoyu" and year >= 2018
            else ZERO
        )
        plans[year] = _Plan(
            personnel=personnel,
            allowance=paid_allowance,
            public=public,
            project=project,
            overseas=overseas,
            purchase=purchase,
            vehicle_operation=this_vehicle,
            reception=this_reception,
            meeting=meeting,
            training=training,
            procurement=procurement,
            income_other=income_other,
        )
    return plans


def _budget(department: Department, year: int, plan: _Plan) -> Figures:
    t = department.template
    project = plan.project + plan.overseas + plan.purchase
    fund = q2(project * t.fund_share / 100)
    project_gpb = project - fund - plan.income_other
    basic = plan.personnel + plan.public
    three = ThreePublic(plan.overseas, plan.purchase, plan.vehicle_operation, plan.reception)
    return Figures(
        year=year,
        kind="budget",
        income_general_public_budget=basic + project_gpb,
        income_government_fund=fund,
        income_state_capital=ZERO,
        income_institution=ZERO,
        income_other=plan.income_other,
        income_carryover=ZERO,
        expenditure_personnel=plan.personnel,
        expenditure_public_operating=plan.public,
        expenditure_project=project,
        carryforward=ZERO,
        operating_expenses=plan.public,
        three_public=three,
        meeting_expenses=plan.meeting,
        training_expenses=plan.training,
        procurement_total=plan.procurement,
        lines=functional_lines(department, year, plan.personnel, basic, project_gpb),
        fund_lines=(Line(t.fund_line, ZERO, fund),) if t.fund_line and fund else (),
        economic=economic_lines(
            year, plan.personnel, plan.allowance, plan.public, three, plan.meeting, plan.training
        ),
    )


def _final(
    department: Department, budget: Figures, plan: _Plan, carryover: Decimal, rng: random.Random
) -> Figures:
    t = department.template
    personnel = jitter(rng, budget.expenditure_personnel, 0.98, 1.04)
    outlier = execution_factor(department.key, budget.year)
    if outlier is not None:
        project = q2(budget.expenditure_project * outlier)
    else:
        project = jitter(rng, budget.expenditure_project, 0.85, 1.08)
    tb = budget.three_public
    three = ThreePublic(
        overseas_travel=jitter(rng, tb.overseas_travel, 0.70, 1.00),
        vehicle_purchase=tb.vehicle_purchase,
        vehicle_operation=jitter(rng, tb.vehicle_operation, 0.86, 1.00),
        reception=jitter(rng, tb.reception, 0.60, 0.95),
    )
    meeting = jitter(rng, budget.meeting_expenses, 0.60, 1.00)
    training = jitter(rng, budget.training_expenses, 0.60, 1.00)
    public = jitter(rng, budget.expenditure_public_operating, 0.92, 1.00)
    floor = q2((three.vehicle_operation + three.reception + meeting + training) * Decimal("1.25"))
    public = max(public, floor)
    procurement = jitter(rng, budget.procurement_total, 0.85, 1.00)
    forward = jitter(rng, project, 0.01, 0.06) if rng.randint(0, 99) < 50 else ZERO
    fund = q2(project * t.fund_share / 100)
    project_gpb = project - fund - budget.income_other
    basic = personnel + public
    return Figures(
        year=budget.year,
        kind="final",
        income_general_public_budget=basic + project_gpb + forward - carryover,
        income_government_fund=fund,
        income_state_capital=ZERO,
        income_institution=ZERO,
        income_other=budget.income_other,
        income_carryover=carryover,
        expenditure_personnel=personnel,
        expenditure_public_operating=public,
        expenditure_project=project,
        carryforward=forward,
        operating_expenses=public,
        three_public=three,
        meeting_expenses=meeting,
        training_expenses=training,
        procurement_total=procurement,
        lines=functional_lines(department, budget.year, personnel, basic, project_gpb),
        fund_lines=(Line(t.fund_line, ZERO, fund),) if t.fund_line and fund else (),
        economic=economic_lines(budget.year, personnel, plan.allowance, public, three, meeting, training),
    )


def _assets(department: Department, rng: random.Random, last: int) -> dict[int, Assets]:
    t, scale = department.template, department.scale
    is_kexie = department.key == KEXIE_KEY
    before = max(1, round(t.vehicles_before * float(scale)))
    after = min(before - 1, max(0, round(t.vehicles_after * float(scale))))
    each = _KEXIE_VEHICLE_VALUE if is_kexie else jitter(rng, Decimal("22.50"), 0.85, 1.20)
    other = q2(wan(t.personnel) * scale * Decimal("0.33"))
    stocks: dict[int, Assets] = {}
    for year in range(FIRST_YEAR - 1, last + 1):
        other = jitter(rng, other, 1.00, 1.06)
        if is_kexie and year == 2016:
            other = _KEXIE_OTHER_ASSETS_2016
        count = before if year < department.reform_year else after
        if is_kexie and year == 2016:
            count = 3
        if t.type_key == "shenji" and year >= _AUDIT_FLEET_GONE:
            count = 0
        stocks[year] = Assets(year, count, q2(each * count), other)
    return stocks


def with_kind(figures: Figures, kind: Kind) -> Figures:
    """A copy of `figures` labelled with another kind (for tables that show both side by side)."""
    return replace(figures, kind=kind)
