"""Budget workbooks in the shape departments publish (built here with openpyxl, and the same saved as
.xls by LibreOffice): every figure, the department and the year are read."""

from __future__ import annotations

from decimal import Decimal

import pytest

from analytics.extract import extract
from analytics.read import read_bytes, read_document

from .builders import BUDGET_WORKBOOK_DEPARTMENT, budget_workbook
from .conftest import CASES

FIGURES = {
    # the 收支总表
    ("income_general_public_budget", "1200.5"), ("income_government_fund", "50"), ("income_institution", "0"),
    ("income_total", "1250.5"), ("income_carryover", "10"), ("income_grand_total", "1260.5"),
    ("expenditure_basic", "900.25"), ("expenditure_project", "350.25"), ("expenditure_total", "1250.5"),
    ("expenditure_carryforward", "10"), ("expenditure_grand_total", "1260.5"),
    # the "三公" table under its two-row header
    ("three_public_total", "35.5"), ("overseas_travel", "0"), ("vehicle_total", "30.5"),
    ("vehicle_purchase", "0"), ("vehicle_operation", "30.5"), ("reception", "5"),
}  # fmt: skip
LINES = {("205", "1200.5"), ("20501", "900.25"), ("2050101", "900.25"), ("20502", "300.25")}


def _read(data: bytes, name: str) -> None:
    document = read_bytes(data, name)
    extraction = extract(document)
    meta = extraction.metadata
    assert (meta.department, meta.year, meta.kind) == (BUDGET_WORKBOOK_DEPARTMENT, 2020, "budget")
    assert meta.title is not None and meta.title.startswith(f"{BUDGET_WORKBOOK_DEPARTMENT}2020年部门收支总表")
    got = {(f.metric, format(f.value.normalize(), "f")) for f in extraction.facts if f.basis == "stated"}
    assert got == FIGURES
    assert all((f.year, f.kind, f.unit_found) == (2020, "budget", "万元") for f in extraction.facts)
    assert {
        (line.code, format(line.total.normalize(), "f")) for line in extraction.budget_lines if line.total
    } == LINES
    assert [(t.page, t.standard_table, t.figures) for t in extraction.tables_seen] == [
        (1, "budget_summary", 11),
        (2, "budget_three_public", 6),
        (3, "budget_general_public", 4),
    ]


def test_an_xlsx_budget_workbook_reads_completely() -> None:
    # A name that says nothing: department and year come from the sheets' titles.
    _read(budget_workbook(), "预算公开.xlsx")


def test_the_same_workbook_as_xls_reads_completely() -> None:
    _read((CASES / "budget_workbook.xls").read_bytes(), "预算公开.xls")


def test_amounts_printed_in_yuan_are_stored_in_wan_yuan() -> None:
    extraction = extract(read_bytes(budget_workbook(unit="元", scale=10000), "预算公开.xlsx"))
    by_metric = {f.metric: f for f in extraction.facts}
    assert by_metric["three_public_total"].value == Decimal("35.5")
    assert by_metric["income_grand_total"].unit_found == "元"


@pytest.mark.parametrize("suffix", [".xlsx", ".xls"])
def test_each_sheet_is_one_table_under_its_title(suffix: str) -> None:
    data = budget_workbook() if suffix == ".xlsx" else (CASES / "budget_workbook.xls").read_bytes()
    document = read_bytes(data, f"b{suffix}")
    assert [t.caption for t in document.tables] == [
        f"{BUDGET_WORKBOOK_DEPARTMENT}2020年部门收支总表",
        f"{BUDGET_WORKBOOK_DEPARTMENT}2020年一般公共预算“三公”经费支出表",
        f"{BUDGET_WORKBOOK_DEPARTMENT}2020年一般公共预算支出表",
    ]
    assert document.tables[1].rows[:2] == (
        ("合计", "因公出国(境)费", "公务用车购置及运行费", "", "", "公务接待费"),
        ("", "", "小计", "购置费", "运行费", ""),
    )
    assert document.paragraphs[0] == f"{BUDGET_WORKBOOK_DEPARTMENT}2020年部门收支总表"
    assert read_document(CASES / "budget_workbook.xls").format == "xls"
