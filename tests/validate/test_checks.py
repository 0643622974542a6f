"""Checks: every identity the seed states holds; an altered figure gives an error naming it."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from analytics.extract import extract
from analytics.model import Check, Fact
from analytics.read import read_document
from analytics.validate import validate
from analytics.validate.identities import sum_checks

SEED = Path(__file__).parents[2] / "data" / "samples" / "langfang_kexie_2017_budget.txt"


def checks_of(path: Path) -> list[Check]:
    return validate(extract(read_document(path)))


def test_seed_passes_every_identity_it_states() -> None:
    checks = checks_of(SEED)
    passed = {(c.check, c.year, str(c.actual)) for c in checks if c.passed}
    assert {
        ("sum:income_total", 2017, "474.91"),  # sources = income
        ("sum:expenditure_total", 2017, "474.91"),  # basic + project = expenditure
        (
            "sum:expenditure_total",
            2017,
            "-7.05",
        ),  # the changes of basic and project = the change of the total
        ("sum:expenditure_total", 2016, "481.96"),  # and so for the derived 2016 amounts
        ("sum:three_public_total", 2017, "22"),  # components = "三公"
        ("sum:vehicle_total", 2017, "20.64"),  # purchase + running = vehicles
        ("sum:fixed_assets_total", 2016, "119.26"),  # vehicles + other = assets
        ("sum:activity:科学技术普及", 2017, "49.00"),  # sub-activities = activity
        ("sum:activity:促进学术发展", 2017, "27.00"),
        ("sum:activity:助力创新驱动发展", 2017, "22.00"),
        ("sum:activity:政务管理", 2017, "95.30"),
        ("sum:activities:expenditure_project", 2017, "193.30"),  # activities = project expenditure
        ("repeated:fixed_assets_total", 2016, "119.26"),  # prose and table agree
    } <= passed
    failed = [c for c in checks if not c.passed]
    assert {c.check for c in failed} == {"duplicate_row:performance_goals", "mixed_units:performance_goals"}
    assert {c.severity for c in failed} == {"warning"}


def test_altered_three_public_total_is_an_error(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    assert text.count("“三公”经费预算安排22万元") == 1
    altered = tmp_path / "altered.txt"
    altered.write_text(text.replace("“三公”经费预算安排22万元", "“三公”经费预算安排23万元"), encoding="utf-8")
    errors = [c for c in checks_of(altered) if c.severity == "error"]
    assert len(errors) == 1
    error = errors[0]
    assert (error.check, error.metric, error.year, error.passed) == (
        "sum:three_public_total",
        "three_public_total",
        2017,
        False,
    )
    assert (error.expected, error.actual) == (Decimal("22.00"), Decimal("23"))
    assert "overseas_travel 0 + vehicle_total 20.64 + reception 1.36 add up to 22.00" in error.message
    assert "states 23" in error.message
    assert error.quote is not None and "23万元" in error.quote


def fact(metric: str, value: str, quote: str = "q", measure: str = "amount") -> Fact:
    return Fact(
        metric=metric,
        measure=measure,
        value=Decimal(value),
        year=2020,
        kind="budget",  # type: ignore[arg-type]
        unit_found="万元",
        basis="stated",
        section=None,
        method="narrative",
        quote=quote,
    )


def test_unstated_part_gives_a_warning_not_an_error() -> None:
    # 100 = 80 + ? : 其他收入 may simply be unstated.
    checks = sum_checks(
        [
            fact("income_total", "100", "a"),
            fact("income_general_public_budget", "80", "b"),
            fact("income_institution", "5", "c"),
        ]
    )
    assert [(c.check, c.severity, c.expected, c.actual) for c in checks] == [
        ("sum:income_total", "warning", Decimal("85"), Decimal("100"))
    ]


def test_parts_exceeding_the_total_are_an_error() -> None:
    checks = sum_checks(
        [
            fact("income_total", "100", "a"),
            fact("income_general_public_budget", "80", "b"),
            fact("income_other", "30", "c"),
        ]
    )
    assert [(c.severity, c.passed) for c in checks] == [("error", False)]


def test_missing_middle_total_is_replaced_by_its_parts() -> None:
    # 三公 = 出国 + (购置 + 运行) + 接待, with 公务用车购置及运行费 itself unstated.
    checks = sum_checks(
        [
            fact("three_public_total", "10"),
            fact("overseas_travel", "1"),
            fact("vehicle_purchase", "2"),
            fact("vehicle_operation", "3"),
            fact("reception", "4"),
        ]
    )
    assert [(c.check, c.passed, c.expected) for c in checks] == [
        ("sum:three_public_total", True, Decimal("10"))
    ]
