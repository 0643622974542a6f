"""`new_check` makes the same Check as `Check(...)`, field for field."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from analytics.model import Check
from analytics.validate.check import new_check


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
