"""Spaces strewn through Chinese text are dropped; spaces between ASCII words and wide gaps stay."""

from __future__ import annotations

import pytest

from analytics.model import Paragraph, Table
from analytics.read.shape.spaces import squeeze_block_spaces, squeeze_cell, squeeze_spaces


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("比上年 增加2.60 万元", "比上年增加2.60万元"),
        ("会议费支出决算 0万元", "会议费支出决算0万元"),
        ("2021 年度 收入总计 1,024.60 万元", "2021年度收入总计1,024.60万元"),
        ("下降 12.5 %。", "下降12.5%。"),
        ("( 含车辆购置税 )", "(含车辆购置税)"),
        ("部 门 决 算", "部门决算"),
        ("同比减少 300 元 ,下降", "同比减少300元,下降"),
        ("栏次 1 2", "栏次1 2"),  # two numbers stay apart
        ("增减 -2.4 -13%", "增减-2.4 -13%"),
        ("使用 Office 2016 编制", "使用Office 2016编制"),
        ("部门:某某局    单位:万元", "部门:某某局    单位:万元"),  # a wide gap separates two fields
        ("合计\t22", "合计\t22"),
    ],
)
def test_squeeze_spaces(text: str, expected: str) -> None:
    assert squeeze_spaces(text) == expected


def test_paragraphs_are_stripped_and_tables_are_left_to_their_readers() -> None:
    table = Table(rows=(("项   目", "预 算 数"),), caption="单位: 万元")
    assert squeeze_block_spaces([Paragraph("  一、 收入 情况 "), table]) == [Paragraph("一、收入情况"), table]


def test_a_cell_keeps_its_indentation() -> None:
    assert squeeze_cell("  其中: 公务 接待费 ") == "  其中:公务接待费"
    assert squeeze_cell("项   目") == "项目"
    assert squeeze_cell("1.5 ") == "1.5"


def test_unchanged_blocks_are_the_same_objects() -> None:
    blocks = [Paragraph("公务接待费1.5万元。"), Table(rows=(("项目", "金额"),))]
    assert all(a is b for a, b in zip(squeeze_block_spaces(blocks), blocks, strict=True))


def test_a_space_after_punctuation_that_was_full_width_goes() -> None:
    assert squeeze_spaces("检察(款): 2018年预算支出合计16.5万元, 2017年为15万元") == (
        "检察(款):2018年预算支出合计16.5万元,2017年为15万元"
    )
