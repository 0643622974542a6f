"""Classification lines (政府收支分类科目) from the standard expenditure tables."""

from __future__ import annotations

from decimal import Decimal

from analytics.extract.budget_lines import budget_lines
from analytics.model import Table


def lines(
    rows: list[tuple[str, ...]], context: str = "单位:万元"
) -> list[tuple[str, str, str, str, str, str]]:
    got = budget_lines(Table(tuple(rows)), context=context, year=2018, kind="budget")
    return [(b.classification, b.code, b.name, str(b.total), str(b.basic), str(b.project)) for b in got]


def test_code_column() -> None:
    rows = [
        ("科目编码", "科目名称", "合计", "基本支出", "项目支出"),
        ("206", "科学技术支出", "85.00", "25.00", "60.00"),
        ("20607", "  科学技术普及", "85.00", "25.00", "60.00"),
        ("2060701", "    机构运行", "25.00", "25.00", ""),
        ("2060702", "    科普活动", "60.00", "", "60.00"),
        ("", "合计", "85.00", "25.00", "60.00"),
    ]
    assert lines(rows) == [
        ("functional", "206", "科学技术支出", "85.00", "25.00", "60.00"),
        ("functional", "20607", "科学技术普及", "85.00", "25.00", "60.00"),
        ("functional", "2060701", "机构运行", "25.00", "25.00", "0"),  # a blank beside 合计 is a zero
        ("functional", "2060702", "科普活动", "60.00", "0", "60.00"),
    ]


def test_split_code_columns_in_yuan() -> None:
    rows = [
        ("类", "款", "项", "科目名称", "合计", "基本支出", "项目支出"),
        ("206", "", "", "科学技术支出", "500000", "", "500000"),
        ("", "07", "", "科学技术普及", "500000", "", "500000"),
        ("", "", "02", "科普活动", "500000", "", "500000"),
    ]
    assert [(c, code, t) for c, code, _, t, _, _ in lines(rows, "单位:元")] == [
        ("functional", "206", "50.0000"),
        ("functional", "20607", "50.0000"),
        ("functional", "2060702", "50.0000"),
    ]


def test_code_split_under_a_two_row_header() -> None:
    rows = [
        ("科目编码", "", "", "科目名称", "合计", "基本支出", "项目支出"),
        ("类", "款", "项", "", "", "", ""),
        ("", "", "", "合计", "30.00", "10.00", "20.00"),
        ("206", "07", "01", "机构运行", "10.00", "10.00", ""),
        ("206", "07", "02", "科普活动", "20.00", "", "20.00"),
    ]
    assert [code for _, code, *_ in lines(rows)] == ["2060701", "2060702"]


def test_code_inside_the_name_and_economic_codes() -> None:
    rows = [
        ("科目名称", "合计"),
        ("302 商品和服务支出", "12.00"),
        ("30231 公务用车运行维护费", "12.00"),
    ]
    got = budget_lines(Table(tuple(rows)), context="", year=2018, kind="budget")
    assert [(b.classification, b.code, b.name, b.total) for b in got] == [
        ("economic", "302", "商品和服务支出", Decimal("12.00")),
        ("economic", "30231", "公务用车运行维护费", Decimal("12.00")),
    ]
