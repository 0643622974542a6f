"""One table of a document: its standard-table match, what it gives, and its tables_seen row; every
table of the sample and training documents is listed."""

from __future__ import annotations

from pathlib import Path

import pytest

from analytics.extract import extract
from analytics.extract.table_reading import read_table
from analytics.model import Document, Paragraph, Table, TableSeen
from analytics.read import read_document

ROOT = Path(__file__).resolve().parents[2]
SAME = ROOT / "data" / "samples" / "synthetic" / "same_disclosure"
REAL_PDF = ROOT.parent / "shared" / "real" / "pdf"


def test_a_standard_table_gives_its_figures_and_its_row() -> None:
    table = Table(
        rows=(("项目", "预算数"), ("合计", "12.50"), ("公务接待费", "2.50")),
        page=3,
    )
    reading = read_table(
        table, ordinal=4, above=["附表7", "一般公共预算“三公”经费支出表", "单位:万元"], year=2020,
        kind="budget", section=None,
    )  # fmt: skip
    assert [(f.metric, str(f.value), f.table) for f in reading.facts] == [
        ("three_public_total", "12.50", 4),
        ("reception", "2.50", 4),
    ]
    assert reading.seen == TableSeen(4, 3, "一般公共预算“三公”经费支出表", "budget_three_public", 3, 2)
    assert reading.checks == []


def test_a_standard_table_that_gives_nothing_is_a_failed_check() -> None:
    # Amounts printed, but under labels no metric of the table names.
    table = Table(rows=(("项目", "金额"), ("办公费", "12.00"), ("印刷费", "3.50")))
    reading = read_table(
        table, ordinal=2, above=["一般公共预算机关运行经费支出预算表"], year=2020, kind="budget", section=None
    )
    assert reading.seen.figures == 0 and reading.seen.standard_table == "budget_operating_expenses"
    [note] = reading.checks
    assert (note.check, note.severity, note.passed) == ("table:unread", "warning", False)
    # an empty standard table (nothing printed) is no failure
    empty = Table(rows=(("功能科目编码", "功能科目名称", "金额"), ("", "合计", "")))
    assert (
        read_table(
            empty, ordinal=3, above=["政府性基金预算支出表"], year=2020, kind="budget", section=None
        ).checks
        == []
    )


def test_an_unknown_table_is_listed_with_the_line_above_it() -> None:
    table = Table(rows=(("单位名称", "人数"), ("某某局", "12")))
    reading = read_table(
        table,
        ordinal=1,
        above=["三、人员情况", "部门:某某局 单位:人"],
        year=2020,
        kind="budget",
        section=None,
    )
    assert reading.seen == TableSeen(1, None, "三、人员情况", None, 2, 0)


def test_a_document_without_a_year_still_lists_its_tables() -> None:
    document = Document(
        source_path="/x/表格.txt",
        format="text",
        sha256="0" * 64,
        blocks=[Paragraph("部门收支总表"), Table(rows=(("项目", "金额"), ("收入总计", "10.00")))],
    )
    extraction = extract(document)
    assert extraction.metadata.year is None and extraction.facts == []
    assert extraction.tables_seen == [TableSeen(1, None, "部门收支总表", "budget_summary", 2, 0)]


def _listed_completely(document: Document) -> list[TableSeen]:
    seen = extract(document).tables_seen
    assert [t.ordinal for t in seen] == list(range(1, len(document.tables) + 1)), document.source_path
    assert [t.rows for t in seen] == [len(t.rows) for t in document.tables]
    return seen


@pytest.mark.parametrize("path", sorted(SAME.iterdir()), ids=lambda p: p.suffix)
def test_every_table_of_a_sample_is_listed(path: Path) -> None:
    seen = _listed_completely(read_document(path))
    assert [t.standard_table for t in seen if t.standard_table] == [
        "budget_summary", "budget_general_public", "budget_three_public", "assets", "budget_performance_goals",
    ]  # fmt: skip
    assert all(t.figures for t in seen)


TABLE_ONLY = [
    "江苏省人大常委会办公厅2019年部门预算公开表.pdf",
    "江苏省委办公厅2017年预算公开表格.pdf",
    "江苏省委办公厅2018年度部门预算公开表.pdf",
    "江苏省委办公厅2019年度部门预算公开表格.pdf",
]


@pytest.mark.skipif(not REAL_PDF.is_dir(), reason="the real training PDFs are not beside the repository")
def test_every_table_of_the_training_pdfs_is_listed_and_the_standard_ones_known() -> None:
    for path in sorted(REAL_PDF.glob("*.pdf")):
        document = read_document(path)
        seen = _listed_completely(document)
        assert all(t.page for t in seen)
        if path.name in TABLE_ONLY:
            # Twelve standard tables each (one without a 财政拨款收支总表 in 2017's edition has 13
            # printed tables); every one is known, and all but the empty 政府性基金 table give figures.
            assert all(t.standard_table for t in seen), path.name
            assert {t.standard_table for t in seen if not t.figures} <= {"budget_government_fund"}, path.name


def test_yuan_and_wan_yuan_tables_in_one_document() -> None:
    # Each table counts in the unit printed above it; a table does not inherit the one before it.
    document = Document(
        source_path="/x/示例县审计局2020年部门预算.pdf",
        format="pdf",
        sha256="1" * 64,
        blocks=[
            Paragraph("示例县审计局2020年部门预算公开"),
            Paragraph("部门收支总表"),
            Paragraph("单位:万元"),
            Table(rows=(("项目", "预算数"), ("本年收入合计", "1,250.50"), ("本年支出合计", "1,250.50"))),
            Paragraph("一般公共预算“三公”经费支出表"),
            Paragraph("单位:元"),
            Table(rows=(("项目", "预算数"), ("合计", "355,000.00"), ("公务接待费", "50,000.00"))),
        ],
    )
    facts = {(f.metric, str(f.value), f.unit_found) for f in extract(document).facts}
    assert facts == {
        ("income_total", "1250.50", "万元"),
        ("expenditure_total", "1250.50", "万元"),
        ("three_public_total", "35.500000", "元"),
        ("reception", "5.000000", "元"),
    }


def test_a_title_left_in_the_first_row_names_the_table() -> None:
    table = Table(rows=(("2020年“三公”经费预算表", "", ""), ("项目", "预算数", ""), ("合计", "12.50", "")))
    reading = read_table(table, ordinal=1, above=[], year=2020, kind="budget", section=None)
    assert reading.seen.standard_table == "budget_three_public"
    assert reading.seen.caption == "2020年“三公”经费预算表"


def test_the_basic_spending_table_of_two_lists_side_by_side() -> None:
    # The final accounts' 基本支出 table lists 人员经费 and 公用经费 side by side, each with its total.
    table = Table(
        rows=(
            ("人员经费", "", "", "公用经费", "", ""),
            ("科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数"),
            ("301", "工资福利支出", "250.00", "302", "商品和服务支出", "60.00"),
            ("30101", "基本工资", "100.00", "30231", "公务用车运行维护费", "5.00"),
            ("303", "对个人和家庭的补助", "20.00", "", "", ""),
            ("人员经费合计", "", "270.00", "公用经费合计", "", "60.00"),
        )
    )
    reading = read_table(
        table, ordinal=6, above=["一般公共预算财政拨款基本支出决算表", "单位:万元"], year=2019, kind="final",
        section=None,
    )  # fmt: skip
    assert [(f.metric, str(f.value)) for f in reading.facts] == [
        ("expenditure_personnel", "270.00"),
        ("expenditure_public_operating", "60.00"),
    ]
    assert [(line.code, str(line.total)) for line in reading.budget_lines] == [
        ("301", "250.00"), ("30101", "100.00"), ("303", "20.00"), ("302", "60.00"), ("30231", "5.00"),
    ]  # fmt: skip


def test_the_total_row_of_a_spending_table_by_classification() -> None:
    # 支出决算表: classification lines (budget_lines), and its 合计 row under metric headers.
    table = Table(
        rows=(
            ("科目编码", "科目名称", "合计", "基本支出", "项目支出"),
            ("", "合计", "500.00", "300.00", "200.00"),
            ("205", "教育支出", "500.00", "300.00", "200.00"),
        )
    )
    reading = read_table(
        table, ordinal=3, above=["支出决算表", "单位:万元"], year=2019, kind="final", section=None
    )
    assert reading.seen.standard_table == "final_expenditure"
    assert [(f.metric, f.kind, str(f.value)) for f in reading.facts] == [
        ("expenditure_total", "final", "500.00"),
        ("expenditure_basic", "final", "300.00"),
        ("expenditure_project", "final", "200.00"),
    ]
    assert [line.code for line in reading.budget_lines] == ["205"]
    income = Table(
        rows=(
            ("科目编码", "科目名称", "本年收入合计", "财政拨款收入", "事业收入", "其他收入"),
            ("", "合计", "520.00", "480.00", "30.00", "10.00"),
            ("205", "教育支出", "520.00", "480.00", "30.00", "10.00"),
        )
    )
    reading = read_table(income, ordinal=2, above=["收入决算表"], year=2019, kind="final", section=None)
    assert [(f.metric, str(f.value)) for f in reading.facts] == [
        ("income_total", "520.00"),
        ("income_fiscal_appropriation", "480.00"),
        ("income_institution", "30.00"),
        ("income_other", "10.00"),
    ]
