"""The analyst views: one row per department-year-kind, stated figures preferred over derived ones."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal

from analytics.load import Store
from analytics.model import Check, Document, Extraction, Fact

DocumentFactory = Callable[..., Document]
ExtractionFactory = Callable[..., Extraction]

SECTION = "四、财政拨款“三公”经费预算情况及增减变化原因"


def fact(metric: str, value: str, year: int = 2017, *, basis: str = "stated", measure: str = "amount",
         reason: str | None = None, kind: str = "budget") -> Fact:  # fmt: skip
    return Fact(metric, measure, Decimal(value), year, kind, "万元", basis, SECTION, "narrative",  # type: ignore[arg-type]
                f"{metric} {value}", reason=reason)  # fmt: skip


def test_three_public_has_one_column_per_component(
    fresh_db: Store, make_document: DocumentFactory, make_extraction: ExtractionFactory
) -> None:
    extraction = make_extraction()
    extraction.facts[:] = [
        fact("three_public_total", "22"),
        fact("overseas_travel", "0"),
        fact("vehicle_total", "20.64"),
        fact("vehicle_purchase", "0"),
        fact("vehicle_operation", "20.64"),
        fact("reception", "1.36"),
        fact("reception", "0", measure="yoy_change"),  # changes are not amounts
        fact("vehicle_operation", "25.64", 2016, basis="derived"),
    ]
    fresh_db.write_document(make_document(), extraction)
    result = fresh_db.query("select * from three_public order by year desc").records()
    assert result == [
        {"department": "廊坊市科学技术协会", "department_type": "科协", "region": "廊坊市", "province": "河北省",
         "year": 2017, "kind": "budget", "three_public_total": Decimal("22.0000"),
         "overseas_travel": Decimal("0.0000"), "vehicle_total": Decimal("20.6400"),
         "vehicle_purchase": Decimal("0.0000"), "vehicle_operation": Decimal("20.6400"),
         "reception": Decimal("1.3600"), "region_code": "131000", "quality": "ok", "quality_checks": None},
        {"department": "廊坊市科学技术协会", "department_type": "科协", "region": "廊坊市", "province": "河北省",
         "year": 2016, "kind": "budget", "three_public_total": None, "overseas_travel": None,
         "vehicle_total": None, "vehicle_purchase": None, "vehicle_operation": Decimal("25.6400"),
         "reception": None, "region_code": "131000", "quality": "derived", "quality_checks": None},
    ]  # fmt: skip


def test_a_stated_amount_wins_over_a_derived_one(
    fresh_db: Store, make_document: DocumentFactory, make_extraction: ExtractionFactory
) -> None:
    """The 2017 document derives 2016's amount from a stated change; the 2016 document states it."""
    later = make_extraction()
    later.facts[:] = [fact("vehicle_operation", "25.64", 2016, basis="derived")]
    earlier = make_extraction()
    earlier.metadata = replace(earlier.metadata, year=2016)
    earlier.facts[:] = [fact("vehicle_operation", "25.60", 2016)]
    fresh_db.write_document(make_document("/corpus/2017.txt", b"2017"), later)
    fresh_db.write_document(make_document("/corpus/2016.txt", b"2016"), earlier)
    assert fresh_db.query("select year, vehicle_operation from three_public").rows == [
        (2016, Decimal("25.6000"))
    ]
    preferred = fresh_db.query("select basis, source_path from preferred_facts").rows
    assert preferred == [("stated", "/corpus/2016.txt")]


def test_the_documents_own_year_wins_over_a_restatement(
    fresh_db: Store, make_document: DocumentFactory, make_extraction: ExtractionFactory
) -> None:
    own = make_extraction()
    own.facts[:] = [fact("reception", "1.36", 2017)]
    restated = make_extraction()
    restated.metadata = replace(restated.metadata, year=2018)
    restated.facts[:] = [fact("reception", "1.30", 2017)]  # "2017年公务接待费1.30万元" in 2018's text
    fresh_db.write_document(make_document("/corpus/z_2017.txt", b"17"), own)
    fresh_db.write_document(make_document("/corpus/a_2018.txt", b"18"), restated)
    assert fresh_db.query("select reception from three_public where year = 2017").rows == [
        (Decimal("1.3600"),)
    ]


def test_budget_and_final_figures_are_separate_rows(
    fresh_db: Store, make_document: DocumentFactory, make_extraction: ExtractionFactory
) -> None:
    extraction = make_extraction()
    extraction.facts[:] = [fact("reception", "1.36"), fact("reception", "1.20", kind="final")]
    fresh_db.write_document(make_document(), extraction)
    assert fresh_db.query("select kind, reception from three_public order by kind").rows == [
        ("budget", Decimal("1.3600")),
        ("final", Decimal("1.2000")),
    ]


def test_facts_without_a_department_are_left_out_of_the_views(
    fresh_db: Store, make_document: DocumentFactory, make_extraction: ExtractionFactory
) -> None:
    fresh_db.write_document(make_document(), make_extraction(department=None))
    assert fresh_db.query("select count(*) from facts").rows == [(3,)]
    assert fresh_db.query("select count(*) from three_public").rows == [(0,)]


def test_vehicle_costs_carry_the_reason_for_the_change(
    fresh_db: Store, make_document: DocumentFactory, make_extraction: ExtractionFactory
) -> None:
    extraction = make_extraction()
    extraction.facts.extend(
        [
            Fact("vehicles_count", "amount", Decimal("3"), 2016, "budget", "辆", "stated", None, "table",
                 "2、车辆(台、辆) | 3 | 66.19"),
            Fact("vehicles_value", "amount", Decimal("66.19"), 2016, "budget", "万元", "stated", None, "table",
                 "2、车辆(台、辆) | 3 | 66.19"),
            fact("vehicle_purchase", "0"),
        ]
    )  # fmt: skip
    fresh_db.write_document(make_document(), extraction)
    assert fresh_db.query("select * from vehicle_costs order by year").records() == [
        {"department": "廊坊市科学技术协会", "department_type": "科协", "region": "廊坊市", "province": "河北省",
         "year": 2016, "kind": "budget", "vehicle_operation": Decimal("25.6400"), "vehicle_purchase": None,
         "vehicles_count": Decimal("3.0000"), "vehicles_value": Decimal("66.1900"),
         "vehicle_operation_change": None, "vehicle_operation_change_reason": None,
         "region_code": "131000", "quality": "derived", "quality_checks": None},
        {"department": "廊坊市科学技术协会", "department_type": "科协", "region": "廊坊市", "province": "河北省",
         "year": 2017, "kind": "budget", "vehicle_operation": Decimal("20.6400"),
         "vehicle_purchase": Decimal("0.0000"), "vehicles_count": None, "vehicles_value": None,
         "vehicle_operation_change": Decimal("-5.0000"), "vehicle_operation_change_reason": "公车改革车辆减少",
         "region_code": "131000", "quality": "ok", "quality_checks": None},
    ]  # fmt: skip


def test_failed_checks_join_the_document(
    fresh_db: Store, make_document: DocumentFactory, make_extraction: ExtractionFactory, checks: list[Check]
) -> None:
    document = make_document()
    fresh_db.write_document(document, make_extraction(), checks)
    result = fresh_db.query("select * from failed_checks order by check_name").records()
    assert [r["check_name"] for r in result] == ["duplicate_row:performance_goals", "sum:vehicle_total"]
    assert result[1] == {
        "doc_id": document.doc_id, "source_path": document.source_path, "department": "廊坊市科学技术协会",
        "year": 2017, "kind": "budget", "check_name": "sum:vehicle_total", "severity": "error",
        "metric": "vehicle_total", "check_year": 2017, "expected": Decimal("20.6500"),
        "actual": Decimal("20.6400"), "message": "vehicle_total 2017: 0 + 20.64 = 20.64, stated 20.65",
        "quote": "公务用车购置及运维费20.65万元",
    }  # fmt: skip
    listed = fresh_db.failed_checks()
    assert [r["severity"] for r in listed.records()] == ["error", "warning"]
