"""The PDF reader: a text layer in, paragraphs and tables rebuilt from the page layout out."""

from __future__ import annotations

import random

import pytest

from analytics.errors import ReadError
from analytics.model import Paragraph, Table
from analytics.read import read_bytes, read_document
from analytics.read.pdf_grid import Grid, find_grids, grid_block
from analytics.read.pdf_page import Char, Rule
from analytics.read.pdf_text import join_lines, tidy

from .conftest import CASES


def test_pdf_trouble_reads_as_written() -> None:
    """tests/cases/read/pdf_trouble.pdf (drawn by make_fixtures.py): two pages with a running header
    and page numbers, figures broken across lines, letter-spaced justified lines, spaced-out
    characters, quote marks drawn out of order, a paragraph across the page break and a table
    without borders."""
    document = read_document(CASES / "pdf_trouble.pdf")
    assert document.format == "pdf"
    assert document.blocks == [
        Paragraph("示例市科学技术协会2019年部门决算公开"),
        Paragraph("一、收入支出决算总体情况"),
        Paragraph(
            "2019年度收入总计474.91万元,其中:一般公共预算财政拨款收入474.91万元。"
            "公务用车运行费20.64万元,比上年减少5万元。"
        ),
        Paragraph("二、财政拨款三公经费支出决算情况"),
        Paragraph("2019年“三公”经费支出22万元。"),
        Paragraph(
            "三、其他说明:本部门2019年度机关运行经费支出50.07万元,主要用于办公区的日常维修、办公用房水电费、"
            "办公用房取暖费和物业管理费等日常运行支出,比上年增加3.2万元,主要原因是办公用房维修。"
        ),
        Paragraph("收入支出决算总表"),
        Paragraph("单位:万元"),
        Table(
            rows=(
                ("项目", "预算数", "决算数"),
                ("一般公共预算财政拨款收入", "470.00", "474.91"),
                ("其他收入", "0", "0"),
                ("本年收入合计", "470.00", "474.91"),
            )
        ),
        Paragraph("四、名词解释"),
    ]
    assert document.notes == ["dropped 4 running header/footer or page number line(s)"]


def test_a_bordered_table_is_read_on_its_grid() -> None:
    document = read_document(CASES / "disclosure.pdf")
    assert document.tables[0] == Table(
        rows=(
            ("合计", "因公出国(境)费", "公务用车购置及运行费", "", "", "公务接待费"),
            ("", "", "小计", "购置费", "运行费", ""),
            ("22", "0", "20.64", "0", "20.64", "1.36"),
        ),
        caption="一般公共预算“三公”经费支出表",
    )


def test_a_borderless_table_with_wrapped_labels() -> None:
    """tests/cases/read/borderless.pdf: LibreOffice's rendering of a Word table without borders whose
    narrow first column wraps '一般公共预算财政拨款收入' over three lines."""
    assert read_document(CASES / "borderless.pdf").blocks == [
        Paragraph("表1收入支出决算总表"),
        Paragraph("单位:万元"),
        Table(
            rows=(
                ("项目", "预算数", "决算数"),
                ("一般公共预算财政拨款收入", "470.00", "474.91"),
                ("其他收入", "0", "0"),
                ("本年收入合计", "470.00", "474.91"),
            )
        ),
        Paragraph("说明文字。"),
    ]


def chars(text: str, x: float, y: float, size: float = 10) -> list[Char]:
    return [Char(c, x + i * size, y, x + (i + 1) * size, y + size) for i, c in enumerate(text)]


def test_grid_merges_cells_without_a_line_between_and_keeps_indentation() -> None:
    # Columns at x = 0, 100, 200, 300; rows at y = 60, 40, 20, 0 (top to bottom). The top row has no
    # inner vertical lines (a title), and the first column's lower two cells have none between them.
    rules = [
        Rule(0, 60, 300, 60),
        Rule(0, 40, 300, 40),
        Rule(100, 20, 300, 20),  # no line under the first column's middle cell: merged downwards
        Rule(0, 0, 300, 0),
        Rule(0, 0, 0, 60),
        Rule(300, 0, 300, 60),
        Rule(100, 0, 100, 40),
        Rule(200, 0, 200, 40),
    ]
    [grid] = find_grids(rules)
    assert (grid.xs, grid.ys) == ([0, 100, 200, 300], [60, 40, 20, 0])
    grid.chars = (
        chars("三公经费表", 110, 45)
        + chars("合计", 2, 25)
        + chars("金额", 102, 25)
        + chars("说明", 202, 25)
        + chars("22", 102, 5)
        + chars("接待", 222, 5)  # two characters to the right of where its column's labels start
    )
    assert grid_block(grid) == Table(
        rows=(("合计", "金额", "说明"), ("", "22", "  接待")), caption="三公经费表"
    )


def test_a_box_is_not_a_table() -> None:
    assert (
        find_grids([Rule(0, 0, 100, 0), Rule(0, 50, 100, 50), Rule(0, 0, 0, 50), Rule(100, 0, 100, 50)]) == []
    )
    assert isinstance(Grid([0, 1], [1, 0], [], []), Grid)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("474.91 万元", "474.91万元"),
        ("三公 经费 “ ”", "三公经费"),
        ("474 .91万元", "474.91万元"),
        ("2019 年 “三公” 经费", "2019年“三公”经费"),
        ("Total 22", "Total 22"),
        ("１９．００", "19.00"),
    ],
)
def test_tidy(raw: str, clean: str) -> None:
    assert tidy(raw) == clean


def test_join_lines() -> None:
    assert join_lines(["公务用车运行费20.64万", "元", "474.", "91"]) == "公务用车运行费20.64万元474.91"
    assert join_lines(["general public", "budget"]) == "general public budget"


def test_a_scan_without_text_asks_for_ocr() -> None:
    with pytest.raises(ReadError) as caught:
        read_document(CASES / "scanned.pdf")
    assert (
        caught.value.message == "the PDF has no text layer (scanned?); OCR it first (2 page(s) without text)"
    )


def test_a_password_protected_pdf() -> None:
    with pytest.raises(ReadError) as caught:
        read_document(CASES / "encrypted.pdf")
    assert caught.value.message == "the PDF is password-protected; remove the password first"


@pytest.mark.parametrize(
    "data",
    [
        random.Random(11).randbytes(5000),
        b"%PDF-1.7\n" + random.Random(12).randbytes(5000),
        (CASES / "disclosure.pdf").read_bytes()[:4000],  # cut off
    ],
)
def test_a_damaged_pdf_is_a_read_error(data: bytes) -> None:
    with pytest.raises(ReadError) as caught:
        read_bytes(data, "broken.pdf")
    assert caught.value.path == "broken.pdf"
    assert "PDF" in caught.value.message


def test_landscape_tables_on_turned_pages_read_upright() -> None:
    """tests/cases/read/rotated.pdf: an upright cover, then tables drawn sideways on portrait sheets
    that /Rotate 90 (and, for the last page, 270) turns for the viewer, as Excel exports print
    landscape sheets. The unit line above each table repeats on every page but is kept; the table
    that runs onto the last page prints its header again there, and is read as one table."""
    document = read_document(CASES / "rotated.pdf")
    assert document.blocks == [
        Paragraph("示例县教育局2020年部门预算公开表"),
        Paragraph("一般公共预算“三公”经费支出表"),
        Paragraph("单位:万元"),
        Table(
            rows=(
                ("合计", "因公出国(境)费", "公务用车购置及运行费", "", "", "公务接待费"),
                ("", "", "小计", "购置费", "运行费", ""),
                ("12.50", "0", "10.50", "0", "10.50", "2.00"),
            )
        ),
        Paragraph("一般公共预算支出表"),
        Paragraph("单位:万元"),
        Table(
            rows=(
                ("科目编码", "科目名称", "合计", "基本支出", "项目支出"),
                ("", "合计", "380.00", "300.00", "80.00"),
                ("205", "教育支出", "380.00", "300.00", "80.00"),
                ("20501", "教育管理事务", "300.00", "300.00", ""),
                ("2050101", "行政运行", "300.00", "300.00", ""),
                ("20502", "普通教育", "80.00", "", "80.00"),
            )
        ),
    ]
    assert [table.page for table in document.tables] == [2, 3]
