"""Table geometry: header rows under their spanning parents, packed rows unpacked, row numbers dropped."""

from __future__ import annotations

import pytest

from analytics.read.shape.grid import (
    column_kinds,
    is_number,
    lay_out_header,
    split_header,
    unpack_row,
    without_empty_columns,
    without_row_numbers,
)


@pytest.mark.parametrize("cell", ["0", "0.00", "-0.07", "1,234.5", "12%", "-13.5 %", "—", "-"])
def test_figure_cells(cell: str) -> None:
    assert is_number(cell)


@pytest.mark.parametrize("cell", ["", "合计", "2019年", "1.因公出国", "12万元", "以前年度结转9.83"])
def test_other_cells(cell: str) -> None:
    assert not is_number(cell)


def test_two_parents_each_over_a_group_starting_with_a_subtotal() -> None:
    upper = ["项目", "合计", "公务用车购置及运行费", "公务接待费"]
    lower = ["小计", "购置费", "运行费", "小计", "国内接待", "外事接待"]
    assert lay_out_header(upper, lower, 8) == [
        ["项目", "合计", "公务用车购置及运行费", "", "", "公务接待费", "", ""],
        ["", "", "小计", "购置费", "运行费", "小计", "国内接待", "外事接待"],
    ]


def test_a_header_that_cannot_fill_the_columns_is_refused() -> None:
    assert lay_out_header(["项目", "金额"], ["小计"], 3) is None


def test_split_header_starts_the_lower_row_at_its_subtotal() -> None:
    cells = ["合计", "因公出国(境)费", "公务用车购置及运行费", "公务接待费", "小计", "购置费", "运行费"]
    assert split_header(cells, 6) == (
        [],
        [
            ["合计", "因公出国(境)费", "公务用车购置及运行费", "", "", "公务接待费"],
            ["", "", "小计", "购置费", "运行费", ""],
        ],
    )


def test_split_header_without_a_subtotal_takes_the_shortest_lower_row_that_shares() -> None:
    cells = ["项目", "本年预算", "上年预算", "本年比上年增减", "增减额", "增减率"]
    assert split_header(cells, 5) == (
        [],
        [["项目", "本年预算", "上年预算", "本年比上年增减", ""], ["", "", "", "增减额", "增减率"]],
    )


def test_split_header_keeps_the_last_row_of_labels_when_nothing_fits() -> None:
    assert split_header(["收入", "支出", "项目", "行次", "金额"], 3) == (
        ["收入", "支出"],
        [["项目", "行次", "金额"]],
    )


def test_unpack_row_puts_packed_cells_back_under_their_kind_of_column() -> None:
    kinds = column_kinds([["项目", "行次", "金额"], ["收入合计", "1", "20.50"], ["其他收入", "2", "0.50"]])
    assert kinds == ["T", "I", "N"]
    assert unpack_row(["其他收入", "3", ""], kinds) == ["其他收入", "3", ""]
    assert unpack_row(["其他收入", "3.50", ""], kinds) == ["其他收入", "", "3.50"]
    assert unpack_row(["3", "", ""], kinds) == ["", "3", ""]


def test_row_number_rows_and_columns_are_dropped() -> None:
    rows = [
        ["项目", "行次", "金额"],
        ["栏次", "", "1"],
        ["公务接待费", "1", "2.00"],
        ["合计", "2", "2.00"],
    ]
    assert without_row_numbers(rows) == [["项目", "金额"], ["公务接待费", "2.00"], ["合计", "2.00"]]


def test_a_column_of_small_whole_amounts_is_not_a_row_number_column() -> None:
    rows = [["项目", "车辆数"], ["公务用车", "3"], ["其他", "2"]]
    assert without_row_numbers(rows) == rows


def test_empty_columns_go_and_rows_are_padded() -> None:
    assert without_empty_columns([["a", "", "1"], ["b"]]) == [["a", "1"], ["b", ""]]
