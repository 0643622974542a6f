"""The spreadsheet reader (calamine): sheets in, tables or paragraphs out, numbers as stored."""

from __future__ import annotations

import pytest

from analytics.errors import ReadError
from analytics.model import Paragraph, Table
from analytics.read import read_bytes, read_document
from analytics.read.spreadsheet import format_value

from .builders import Sheet, xlsx_bytes
from .conftest import CASES


def test_every_sheet_is_a_table_captioned_by_its_title_row_or_its_name() -> None:
    # The workbook opens with a table sheet: its title is also the document's opening paragraph.
    workbook = xlsx_bytes(
        [
            Sheet(
                "公开07表",
                [
                    ["一般公共预算“三公”经费支出表", None, None],  # a lone first cell: the title
                    ["项目", "预算数", None],
                    ["公务接待费", 1.36, None],
                    [None, None, None],  # empty rows go
                    ["合计", 22.0, None],  # empty columns at the edge go
                ],
                merged=["A1:C1"],
            ),
            Sheet("收支总表", [["收入", "金额"], ["财政拨款", 474.91]]),
        ]
    )
    document = read_bytes(workbook, "budget.xlsx")
    assert document.format == "xlsx"
    assert document.blocks == [
        Paragraph("一般公共预算“三公”经费支出表"),
        Table(
            rows=(("项目", "预算数"), ("公务接待费", "1.36"), ("合计", "22")),
            caption="一般公共预算“三公”经费支出表",
        ),
        Table(rows=(("收入", "金额"), ("财政拨款", "474.91")), caption="收支总表"),
    ]


def test_lone_cells_around_the_table_are_paragraphs_before_and_after_it() -> None:
    sheet = Sheet(
        "表3",
        [
            ["部门固定资产占用情况表", None, None],
            [None, None, "编制部门：示例市科协  截止时间：2018年12月31日"],
            ["项目", "数量", "价值"],
            ["车辆（台、辆）", 3, 66.66],
            ["注：本表金额单位为万元。", None, None],
        ],
    )
    assert read_bytes(xlsx_bytes([sheet]), "x.xlsx").blocks == [
        Paragraph("部门固定资产占用情况表"),
        Paragraph("编制部门:示例市科协  截止时间:2018年12月31日"),
        Table(
            rows=(("项目", "数量", "价值"), ("车辆(台、辆)", "3", "66.66")), caption="部门固定资产占用情况表"
        ),
        Paragraph("注:本表金额单位为万元。"),
    ]


def test_merged_cells_are_read_once_even_where_the_file_repeats_them() -> None:
    sheet = Sheet(
        "三公",
        [
            ["合计", "公务用车购置及运行费", "公务用车购置及运行费", "公务用车购置及运行费"],
            ["合计", "小计", "购置费", "运行费"],
            [22, 20.64, 0, 20.64],
        ],
        merged=["B1:D1", "A1:A2"],
    )
    assert read_bytes(xlsx_bytes([sheet]), "x.xlsx").blocks == [
        Table(
            rows=(
                ("合计", "公务用车购置及运行费", "", ""),
                ("", "小计", "购置费", "运行费"),
                ("22", "20.64", "0", "20.64"),
            ),
            caption="三公",
        )
    ]


def test_a_sheet_of_single_cells_is_narrative() -> None:
    sheet = Sheet("说明", [["一、部门职责"], [None], [None, "开展学术交流，活跃学术思想。"]])
    assert read_bytes(xlsx_bytes([sheet]), "x.xlsx").blocks == [
        Paragraph("一、部门职责"),
        Paragraph("开展学术交流,活跃学术思想。"),
    ]


def test_hidden_sheets_are_skipped_and_noted() -> None:
    document = read_bytes(
        xlsx_bytes([Sheet("数据", [["a", 1], ["b", 2]]), Sheet("辅助", [["x", 1], ["y", 2]], hidden=True)]),
        "x.xlsx",
    )
    assert document.blocks == [Table(rows=(("a", "1"), ("b", "2")), caption="数据")]
    assert document.notes == ["skipped 1 hidden sheet(s): 辅助"]


@pytest.mark.parametrize(
    ("stored", "text"),
    [
        (474.91, "474.91"),
        (22.0, "22"),
        (22, "22"),
        (0.30000000000000004, "0.3"),  # binary noise beyond Excel's 15 digits
        (474.91000000000003, "474.91"),
        (-0.0, "0"),
        (0.0175, "0.0175"),  # a percentage cell, as stored
        (1e20, "100000000000000000000"),
        (1.5e-7, "0.00000015"),
        (True, "TRUE"),
    ],
)
def test_numbers_are_written_as_stored(stored: float, text: str) -> None:
    assert format_value(stored) == text
    document = read_bytes(xlsx_bytes([Sheet("s", [["值", stored], ["x", 1]])]), "x.xlsx")
    assert document.blocks[0] == Table(rows=(("值", text), ("x", "1")), caption="s")


def test_legacy_xls_is_read_by_the_same_reader() -> None:
    document = read_document(CASES / "disclosure.xls")
    assert document.format == "xls"
    assert document.tables[0].rows[-1] == ("22", "0", "20.64", "0", "20.64", "1.36")


def test_an_xls_that_is_really_xlsx_is_read_as_xlsx() -> None:
    document = read_bytes((CASES / "disclosure.xlsx").read_bytes(), "misnamed.xls")
    assert document.format == "xlsx"
    assert len(document.tables) == 2


def test_a_damaged_workbook_is_a_read_error() -> None:
    data = bytearray(xlsx_bytes([Sheet("s", [["a", 1], ["b", 2]])]))
    start = data.index(b"xl/worksheets/sheet1.xml") + 30  # inside the member's compressed data
    data[start : start + 20] = bytes(20)
    with pytest.raises(ReadError) as caught:
        read_bytes(bytes(data), "broken.xlsx")
    assert caught.value.path == "broken.xlsx"
