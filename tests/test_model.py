"""The model's types: `new_fact`, `new_budget_line` and `new_check` make the same objects as the dataclasses,
field for field."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from analytics.model import BudgetLine, Check, Fact, new_budget_line, new_check, new_fact


def test_new_fact_is_the_fact_the_dataclass_makes() -> None:
    fields = {
        "metric": "reception",
        "measure": "yoy_change",
        "value": Decimal("-1.50"),
        "year": 2019,
        "kind": "final",
        "unit_found": "万元",
        "basis": "stated",
        "section": "三、“三公”经费",
        "method": "table",
        "quote": "公务接待费 | -1.50",
        "reason": "接待批次减少",
        "table": 3,
    }
    made = new_fact(**fields)  # type: ignore[arg-type]
    assert vars(made) == vars(Fact(**fields))  # type: ignore[arg-type]
    assert made == Fact(**fields) and hash(made) == hash(Fact(**fields))  # type: ignore[arg-type]
    # every field of Fact is filled: a field added to Fact must be added to new_fact too
    assert set(vars(made)) == {field.name for field in dataclasses.fields(Fact)}
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.value = Decimal(0)  # type: ignore[misc]


def test_new_fact_defaults_as_fact_does() -> None:
    args = (
        "vehicles_count",
        "amount",
        Decimal(3),
        2019,
        "budget",
        "辆",
        "stated",
        None,
        "narrative",
        "共有车辆3辆",
    )
    assert vars(new_fact(*args)) == vars(Fact(*args))  # type: ignore[arg-type]


def test_new_budget_line_is_the_line_the_dataclass_makes() -> None:
    fields = {
        "year": 2019,
        "kind": "budget",
        "classification": "functional",
        "code": "2010301",
        "name": "行政运行",
        "total": Decimal("12.50"),
        "basic": Decimal("12.50"),
        "project": None,
    }
    made = new_budget_line(**fields)  # type: ignore[arg-type]
    assert vars(made) == vars(BudgetLine(**fields))  # type: ignore[arg-type]
    assert made == BudgetLine(**fields) and hash(made) == hash(BudgetLine(**fields))  # type: ignore[arg-type]
    assert set(vars(made)) == {field.name for field in dataclasses.fields(BudgetLine)}
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.total = Decimal(0)  # type: ignore[misc]


def test_new_check_is_the_check_the_dataclass_makes() -> None:
    fields = {
        "check": "sum:three_public_total",
        "severity": "error",
        "passed": False,
        "message": "the parts add up to 21.50, but the document states 22.00",
        "metric": "three_public_total",
        "expected": Decimal("21.50"),
        "actual": Decimal("22.00"),
        "year": 2019,
        "quote": "“三公”经费22万元",
    }
    made = new_check(**fields)  # type: ignore[arg-type]
    assert vars(made) == vars(Check(**fields))  # type: ignore[arg-type]
    assert made == Check(**fields) and hash(made) == hash(Check(**fields))  # type: ignore[arg-type]
    assert repr(made) == repr(Check(**fields))  # type: ignore[arg-type]
    # every field of Check is filled: a field added to Check must be added to new_check too
    assert set(vars(made)) == {field.name for field in dataclasses.fields(Check)}
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.passed = True  # type: ignore[misc]


def test_new_check_defaults_as_check_does() -> None:
    assert new_check("sum:budget_lines", "info", True, "3 hold") == Check(
        "sum:budget_lines", "info", True, "3 hold"
    )
