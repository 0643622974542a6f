"""The quality flag of each figure: from the failed checks of its own document, at load time."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from analytics.load import Store
from analytics.load.quality import failed_check_names, quality
from analytics.model import Check, Document, Extraction, Fact

DocumentFactory = Callable[..., Document]
ExtractionFactory = Callable[..., Extraction]


def fact(metric: str, value: str, year: int = 2019, measure: str = "amount", basis: str = "stated") -> Fact:
    return Fact(metric, measure, Decimal(value), year, "budget", "万元", basis, None, "narrative",  # type: ignore[arg-type]
                f"{metric} {value}")  # fmt: skip


def failed(name: str, metric: str | None, year: int | None = 2019, severity: str = "error") -> Check:
    return Check(name, severity, False, "does not add up", metric=metric, year=year)  # type: ignore[arg-type]


def test_a_failed_check_flags_its_metric_and_year_only() -> None:
    facts = [fact("reception", "1.65"), fact("reception", "2.55"), fact("reception", "2.1", 2018),
             fact("overseas_travel", "0")]  # fmt: skip
    assert failed_check_names(facts, [failed("repeated:reception", "reception")]) == [
        "repeated:reception", "repeated:reception", None, None,
    ]  # fmt: skip


def test_a_failed_sum_flags_the_total_and_every_part_below_it() -> None:
    facts = [fact("three_public_total", "17.79"), fact("vehicle_operation", "15.24"),
             fact("reception", "1.65"), fact("expenditure_total", "900")]  # fmt: skip
    names = failed_check_names(
        facts,
        [failed("sum:three_public_total", "three_public_total"), failed("repeated:reception", "reception")],
    )
    assert names == [
        "sum:three_public_total",
        "sum:three_public_total",
        "repeated:reception, sum:three_public_total",
        None,
    ]


def test_warnings_passed_checks_and_checks_without_a_metric_flag_nothing() -> None:
    facts = [fact("three_public_total", "17.79")]
    checks = [
        failed("sum:three_public_total", "three_public_total", severity="warning"),
        Check("sum:three_public_total", "info", True, "adds up", metric="three_public_total", year=2019),
        failed("duplicate_row:performance_goals", None),
    ]
    assert failed_check_names(facts, checks) == [None]


def test_a_check_without_a_year_flags_every_year() -> None:
    facts = [fact("reception", "1.65"), fact("reception", "2.1", 2018)]
    assert failed_check_names(facts, [failed("repeated:reception", "reception", year=None)]) == [
        "repeated:reception", "repeated:reception",
    ]  # fmt: skip


def test_the_flag_follows_basis_then_checks() -> None:
    assert quality("stated", None) == "ok"
    assert quality("derived", None) == "derived"
    assert quality("derived", "sum:vehicle_total") == "failed_check"
    assert quality("stated", "sum:vehicle_total") == "failed_check"
    assert quality("corrected", "sum:vehicle_total") == "corrected"


def test_load_writes_the_flag_and_the_views_carry_it(
    fresh_db: Store, make_document: DocumentFactory, make_extraction: ExtractionFactory, checks: list[Check]
) -> None:
    # checks: sum:vehicle_total failed (error) for 2017, which flags vehicle_operation 2017 too
    fresh_db.write_document(make_document(), make_extraction(), checks)
    rows = fresh_db.query(
        "select year, measure, basis, quality, quality_checks, region_code from facts order by year, measure"
    ).rows
    assert rows == [
        (2016, "amount", "derived", "derived", None, "131000"),
        (2017, "amount", "stated", "failed_check", "sum:vehicle_total", "131000"),
        (2017, "yoy_change", "stated", "failed_check", "sum:vehicle_total", "131000"),
    ]
    assert fresh_db.query("select year, quality, quality_checks from three_public order by year").rows == [
        (2016, "derived", None),
        (2017, "failed_check", "sum:vehicle_total"),
    ]
    assert fresh_db.query("select year, quality from vehicle_costs order by year").rows == [
        (2016, "derived"),
        (2017, "failed_check"),
    ]
    assert fresh_db.query(
        "select quality, quality_checks, prefecture, county from preferred_facts where year = 2017 "
        "and measure = 'amount'"
    ).rows == [("failed_check", "sum:vehicle_total", "廊坊市", None)]


def test_batch_writes_give_the_same_flags(
    fresh_db: Store, make_document: DocumentFactory, make_extraction: ExtractionFactory, checks: list[Check]
) -> None:
    from analytics.load.batch import build_rows

    fresh_db.write_prepared([build_rows(make_document(), make_extraction(), checks)])
    assert fresh_db.query("select quality, count(*) from facts group by 1 order by 1").rows == [
        ("derived", 1),
        ("failed_check", 2),
    ]


def test_a_figure_no_check_names_is_preferred_over_a_flagged_one(
    fresh_db: Store, make_document: DocumentFactory, make_extraction: ExtractionFactory
) -> None:
    """Two documents state 2019's reception; the one whose check failed gives way."""
    from dataclasses import replace

    flagged = make_extraction()
    flagged.metadata = replace(flagged.metadata, year=2019)
    flagged.facts[:] = [fact("reception", "1.65")]
    other = make_extraction()
    other.metadata = replace(other.metadata, year=2020)
    other.facts[:] = [fact("reception", "2.55")]
    fresh_db.write_document(
        make_document("/corpus/2019.txt", b"19"), flagged, [failed("repeated:reception", "reception")]
    )
    fresh_db.write_document(make_document("/corpus/2020.txt", b"20"), other, [])
    assert fresh_db.query("select value, quality from preferred_facts").rows == [(Decimal("2.5500"), "ok")]
