"""Quality flags in the frames and analyses: carried everywhere, failed figures left out by default
and counted; regions' chains for grouping; corrections as a frame."""

from __future__ import annotations

import io
import warnings
from collections.abc import Callable

import openpyxl
import polars as pl
import pytest

from analytics.analysis import (
    FailedFiguresLeftOut,
    corrections,
    document_regions,
    facts,
    metric_series,
    panel_trend,
    quality_summary,
    three_public,
    three_public_composition,
    to_excel,
    vehicle_costs,
)
from analytics.load import Store
from analytics.model import Check
from tests.analysis.builders import Doc, fact

MakeDb = Callable[[list[Doc]], Store]

LANGFANG = {"region": "廊坊市", "region_code": "131000"}
SANHE = {"region": "三河市", "region_code": "131082"}
BAODING = {"region": "保定市", "region_code": "130600"}


def failed(metric: str, year: int) -> Check:
    return Check(f"repeated:{metric}", "error", False, "text and table disagree", metric=metric, year=year)


def corpus() -> list[Doc]:
    """Three departments, 2018-2019; 财政局's 2019 reception failed a check."""
    docs = []
    for department, place, values in (
        ("廊坊市财政局", LANGFANG, (10, 12)),
        ("三河市财政局", SANHE, (5, 4)),
        ("保定市财政局", BAODING, (8, 9)),
    ):
        for year, value in zip((2018, 2019), values, strict=True):
            checks = [failed("reception", 2019)] if department == "廊坊市财政局" and year == 2019 else []
            docs.append(
                Doc(department, year, "final", [fact("reception", value), fact("three_public_total", value * 2)],
                    checks=checks, **place)  # type: ignore[arg-type]
            )  # fmt: skip
    return docs


def test_frames_carry_the_flag_and_the_chain(make_db: MakeDb) -> None:
    db = make_db(corpus())
    every = facts(db, ["reception"])
    assert {"quality", "quality_checks", "original_value", "region_code", "prefecture", "county"} <= set(
        every.columns
    )
    flagged = every.filter(pl.col("quality") == "failed_check")
    assert flagged.select("department", "year", "quality_checks").rows() == [
        ("廊坊市财政局", 2019, "repeated:reception")
    ]
    assert every.filter(pl.col("department") == "三河市财政局")["prefecture"].unique().to_list() == ["廊坊市"]
    assert every.filter(pl.col("department") == "三河市财政局")["county"].unique().to_list() == ["三河市"]
    wide = three_public(db)
    assert {"quality", "quality_checks", "region_code", "prefecture", "county"} <= set(wide.columns)
    assert wide.filter(pl.col("quality") == "failed_check").height == 1
    assert {"quality", "prefecture"} <= set(vehicle_costs(db).columns)


def test_facts_of_one_document(make_db: MakeDb) -> None:
    db = make_db(corpus())
    doc_id = str(facts(db, ["reception"]).filter(pl.col("department") == "三河市财政局")["doc_id"][0])
    one = facts(db, doc_id=doc_id, measure=None)
    assert one["doc_id"].unique().to_list() == [doc_id]
    assert sorted(one["metric"].to_list()) == ["reception", "three_public_total"]


def test_series_leave_failed_figures_out_and_say_how_many(make_db: MakeDb) -> None:
    db = make_db(corpus())
    with pytest.warns(FailedFiguresLeftOut, match=r"metric_series reception final: 1 figure left out"):
        series = metric_series(db, "reception")
    assert series.height == 5 and "failed_check" not in series["quality"].to_list()
    with warnings.catch_warnings():
        warnings.simplefilter("error", FailedFiguresLeftOut)
        kept = metric_series(db, "reception", include_failed=True)
        assert kept.height == 6
        assert metric_series(db, "three_public_total").height == 6  # nothing failed: no warning


def test_composition_counts_a_failed_department_year_as_incomplete(make_db: MakeDb) -> None:
    docs = [
        Doc("廊坊市财政局", year, "final",
            [fact(m, 1) for m in ("overseas_travel", "vehicle_purchase", "vehicle_operation", "reception")],
            checks=[failed("reception", 2019)] if year == 2019 else [], **LANGFANG)  # type: ignore[arg-type]
        for year in (2018, 2019)
    ]  # fmt: skip
    db = make_db(docs)
    with pytest.warns(FailedFiguresLeftOut, match="1 department-year left out"):
        result = three_public_composition(db, years=[2018, 2019])
    assert result.excluded == 1
    assert "1 department-year(s) left out for a failed check" in result.describe()
    assert three_public_composition(db, years=[2018, 2019], include_failed=True).included == 1


def test_panel_trend_groups_by_prefecture(make_db: MakeDb) -> None:
    db = make_db(corpus())
    series = metric_series(db, "three_public_total")
    by_name = panel_trend(series, years=[2018, 2019], by="prefecture").frame
    assert by_name.select("prefecture", "year", "departments", "value").sort("prefecture", "year").rows() == [
        ("保定市", 2018, 1, 16.0),
        ("保定市", 2019, 1, 18.0),
        ("廊坊市", 2018, 2, 30.0),
        ("廊坊市", 2019, 2, 32.0),
    ]
    assert panel_trend(series, years=[2018, 2019], by=["prefecture"]).frame.equals(by_name)


def test_quality_summary_counts_each_flag(make_db: MakeDb) -> None:
    db = make_db(corpus())
    assert quality_summary(db).rows() == [("reception", 5, 1, 0, 0), ("three_public_total", 6, 0, 0, 0)]


def test_document_regions_list_what_is_not_resolved(make_db: MakeDb) -> None:
    db = make_db(
        [
            Doc("廊坊市财政局", 2019, "final", [fact("reception", 1)], **LANGFANG),  # type: ignore[arg-type]
            Doc("外交部", 2019, "final", [fact("reception", 1)], region=None, province=None),
            Doc("九华山风景区宗教事务局", 2019, "final", [fact("reception", 1)], region="九华山风景区", province=None),
            Doc("教育局", 2019, "final", [fact("reception", 1)], region=None, province=None),
        ]
    )  # fmt: skip
    regions = document_regions(db)
    assert dict(regions.select("department", "resolution").rows()) == {
        "廊坊市财政局": "code",
        "外交部": "central",
        "九华山风景区宗教事务局": "zone",
        "教育局": "unresolved",
    }
    assert regions.filter(pl.col("resolution") == "code").select(
        "level", "province", "prefecture"
    ).rows() == [("prefecture", "河北省", "廊坊市")]


def test_corrections_frame_is_empty_without_a_file(make_db: MakeDb) -> None:
    db = make_db(corpus())
    frame = corrections(db)
    assert frame.is_empty() and {"status", "original_values", "value", "reason"} <= set(frame.columns)


def test_any_frame_to_excel(make_db: MakeDb) -> None:
    db = make_db(corpus())
    buffer = io.BytesIO()
    frame = facts(db, ["reception"]).select("department", "year", "value", "quality")
    assert to_excel(frame, buffer, sheet="接待费") == frame.height
    sheet = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))["接待费"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("department", "year", "value", "quality")
    assert rows[1] == ("三河市财政局", 2018, 5, "ok")


def test_every_sample_document_resolves_to_its_code_and_chain(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    from analytics.load import open_store
    from tests.analysis.samples import samples_database

    with open_store(samples_database(tmp_path_factory), read_only=True) as db:
        regions = document_regions(db)
    assert regions.height > 100
    assert regions.select("resolution", "region_code", "level", "province", "prefecture").unique().rows() == [
        ("code", "131000", "prefecture", "河北省", "廊坊市")
    ]
