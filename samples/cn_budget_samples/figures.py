"""The numbers behind one disclosure, as plain frozen data (万元, `Decimal`).

`Figures` holds one kind (budget or final) of one year; its totals are properties, so the
identities (收入合计 = sum of sources, 支出合计 = 基本 + 项目, 三公 = 出国 + 用车 + 接待, …) hold by
construction. Planted errors are applied later, when a document is composed, never here.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from analytics.model import Kind
from analytics.reference import family
from cn_budget_samples.departments import Department
from cn_budget_samples.templates import Indicator

_THREE_PUBLIC = frozenset(family("three_public_total"))

_ZERO = Decimal("0.00")


@dataclass(frozen=True)
class ThreePublic:
    """财政拨款"三公"经费 and its parts."""

    overseas_travel: Decimal
    vehicle_purchase: Decimal
    vehicle_operation: Decimal
    reception: Decimal

    @property
    def vehicle_total(self) -> Decimal:
        return self.vehicle_purchase + self.vehicle_operation

    @property
    def total(self) -> Decimal:
        return self.overseas_travel + self.vehicle_total + self.reception

    def metric(self, key: str) -> Decimal:
        """The amount for a metric key ('three_public_total', 'vehicle_operation', …)."""
        if key == "three_public_total":
            return self.total
        value: Decimal = getattr(self, key)
        return value


@dataclass(frozen=True)
class Line:
    """A 项-level row of a functional classification table."""

    code: str
    basic: Decimal
    project: Decimal

    @property
    def total(self) -> Decimal:
        return self.basic + self.project


@dataclass(frozen=True)
class EconomicLine:
    """A 款-level row of the basic-spending table by economic classification."""

    code: str
    personnel: Decimal
    public_operating: Decimal

    @property
    def total(self) -> Decimal:
        return self.personnel + self.public_operating


@dataclass(frozen=True)
class Figures:
    """One department's figures of one kind for one year."""

    year: int
    kind: Kind
    income_general_public_budget: Decimal
    income_government_fund: Decimal
    income_state_capital: Decimal
    income_institution: Decimal
    income_other: Decimal
    income_carryover: Decimal
    expenditure_personnel: Decimal
    expenditure_public_operating: Decimal
    expenditure_project: Decimal
    carryforward: Decimal  # 年末结转和结余 (expenditure_carryforward)
    operating_expenses: Decimal
    three_public: ThreePublic
    meeting_expenses: Decimal
    training_expenses: Decimal
    procurement_total: Decimal
    lines: tuple[Line, ...]  # 一般公共预算 spending by functional classification
    fund_lines: tuple[Line, ...]  # 政府性基金 spending
    economic: tuple[EconomicLine, ...]  # basic spending by economic classification

    @property
    def income_fiscal_appropriation(self) -> Decimal:
        return self.income_general_public_budget + self.income_government_fund + self.income_state_capital

    @property
    def income_total(self) -> Decimal:
        return self.income_fiscal_appropriation + self.income_institution + self.income_other

    @property
    def income_grand_total(self) -> Decimal:
        return self.income_total + self.income_carryover

    @property
    def expenditure_basic(self) -> Decimal:
        return self.expenditure_personnel + self.expenditure_public_operating

    @property
    def expenditure_total(self) -> Decimal:
        return self.expenditure_basic + self.expenditure_project

    @property
    def expenditure_carryforward(self) -> Decimal:
        return self.carryforward

    @property
    def expenditure_grand_total(self) -> Decimal:
        return self.expenditure_total + self.carryforward

    def metric(self, key: str) -> Decimal:
        """The amount for a money metric key of data/reference/metrics.csv."""
        if key in _THREE_PUBLIC:
            return self.three_public.metric(key)
        value: Decimal = getattr(self, key)
        return value


@dataclass(frozen=True)
class Assets:
    """Fixed assets at the end of `year` (国有资产占用)."""

    year: int
    vehicles_count: int
    vehicles_value: Decimal
    other: Decimal  # 其他固定资产

    @property
    def total(self) -> Decimal:
        return self.vehicles_value + self.other


@dataclass(frozen=True)
class Activity:
    """A row of the performance-goals table (部门职责-工作活动绩效目标)."""

    name: str
    parent: str | None
    budget: Decimal
    description: str
    goal: str
    indicators: tuple[Indicator, ...]


@dataclass(frozen=True)
class DepartmentYear:
    """Everything one department's two disclosures of `year` are made from."""

    department: Department
    year: int
    budget: Figures
    final: Figures
    prior_budget: Figures
    prior_final: Figures
    assets_prior_end: Assets  # end of year - 1: what a budget shows
    assets_end: Assets  # end of year: what final accounts show
    activities: tuple[Activity, ...]  # the budget's performance goals

    def figures(self, kind: Kind) -> Figures:
        return self.budget if kind == "budget" else self.final

    def prior(self, kind: Kind) -> Figures:
        return self.prior_budget if kind == "budget" else self.prior_final

    @property
    def reform(self) -> bool:
        """Is this the department's vehicle-reform year?"""
        return self.year == self.department.reform_year


ZERO = _ZERO
