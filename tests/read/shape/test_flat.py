"""Tables flattened into paragraphs by text exports, rebuilt into Table blocks."""

from __future__ import annotations

from analytics.model import Block, Paragraph, Table
from analytics.read.shape.flat import rebuild_tables
from analytics.read.shape.grid import drop_row_numbers


def paragraphs(text: str) -> list[Block]:
    return [Paragraph(line) for line in text.strip("\n").split("\n")]


def test_one_cell_per_line_ending_in_pipes_with_a_two_row_header() -> None:
    # six columns: the vehicle cell spans its three sub-columns; '||' is two empty cells
    blocks = paragraphs("""
一、2024年"三公"经费预算表
单位:万元
"三公"经费合计 |
因公出国(境)费 |
公务用车购置及运行费 |
公务接待费 |
||
小计 |
公务用车购置费 |
公务用车运行费 |
|||
12 |
0 |
9 |
6 |
3 |
3 |
二、情况说明
""")
    assert rebuild_tables(blocks) == [
        Paragraph('一、2024年"三公"经费预算表'),
        Paragraph("单位:万元"),
        Table(
            rows=(
                ('"三公"经费合计', "因公出国(境)费", "公务用车购置及运行费", "", "", "公务接待费"),
                ("", "", "小计", "公务用车购置费", "公务用车运行费", ""),
                ("12", "0", "9", "6", "3", "3"),
            ),
            caption='一、2024年"三公"经费预算表\n单位:万元',
        ),
        Paragraph("二、情况说明"),
    ]


def test_pipes_on_lines_of_their_own_with_the_title_before_them() -> None:
    blocks = paragraphs("""
某某局2021年预算表
|
项 目
|
预 算 数
|
|
合 计
|
8.5
|
|
公务接待费
|
8.5
|
|
因公出国(境)费
|
|
后面的说明文字。
""")
    assert rebuild_tables(blocks) == [
        Paragraph("某某局2021年预算表"),  # a title stays a paragraph: it may name the document
        Table(
            rows=(("项目", "预算数"), ("合计", "8.5"), ("公务接待费", "8.5"), ("因公出国(境)费", "")),
            caption="某某局2021年预算表",
        ),
        Paragraph("后面的说明文字。"),
    ]


def test_a_cell_running_over_two_lines_is_one_cell() -> None:
    blocks = paragraphs("""
项目 |
金额 |
公务用车
购置费 |
3 |
公务接待费 |
1 |
""")
    assert rebuild_tables(blocks) == [
        Table(rows=(("项目", "金额"), ("公务用车购置费", "3"), ("公务接待费", "1")))
    ]


def test_a_row_per_line_with_empty_cells_packed_at_the_end_and_row_numbers() -> None:
    # the empty cells of each row were moved to its end ('||'): the figures go back under their kind
    blocks = paragraphs("""
收入 | 支出 | ||||
项目 | 行次 | 金额 | 项目 | 行次 | 金额 |
栏次 | 1 | 栏次 | 2 | ||
一、财政拨款收入 | 1 | 300.00 | 一、教育支出 | 10 | 250.00 |
二、事业收入 | 2 | 一、科学技术支出 | 11 | ||
12 | 三、其他支出 | 13 | 50.00 | ||
本年收入合计 | 3 | 300.00 | 本年支出合计 | 14 | 300.00 |
说明:无。
""")
    assert rebuild_tables(blocks) == [
        Table(
            rows=(
                ("收入", "", "支出", ""),
                ("项目", "金额", "项目", "金额"),
                ("一、财政拨款收入", "300.00", "一、教育支出", "250.00"),
                ("二、事业收入", "", "一、科学技术支出", ""),
                ("", "", "三、其他支出", "50.00"),
                ("本年收入合计", "300.00", "本年支出合计", "300.00"),
            )
        ),
        Paragraph("说明:无。"),
    ]


def test_a_row_that_lost_its_empty_cells_is_not_guessed_into_columns() -> None:
    # two figures under four columns, no empty cell marked: kept apart as a loose row of the table
    blocks = paragraphs("""
项目 | 预算数 | 决算数 | 机关运行经费 |
合计 | 5 | 4 | 30 |
6.00 | 2.00 |
以上为本单位数据。
""")
    assert rebuild_tables(blocks) == [
        Table(
            rows=(("项目", "预算数", "决算数", "机关运行经费"), ("合计", "5", "4", "30")),
            loose=(("6.00", "2.00"),),
        ),
        Paragraph("以上为本单位数据。"),
    ]


def test_one_cell_per_line_without_pipes() -> None:
    blocks = paragraphs("""
某某局2020年决算情况说明
一、"三公"经费支出决算表
项目
决算数
合计
6.2
公务接待费
1.2
因公出国(境)费
公务用车运行费
5
二、情况说明
""")
    assert rebuild_tables(blocks) == [
        Paragraph("某某局2020年决算情况说明"),
        Paragraph('一、"三公"经费支出决算表'),
        Table(
            rows=(
                ("项目", "决算数"),
                ("合计", "6.2"),
                ("公务接待费", "1.2"),
                ("因公出国(境)费", ""),
                ("公务用车运行费", "5"),
            ),
            caption='一、"三公"经费支出决算表',
        ),
        Paragraph("二、情况说明"),
    ]


def test_space_aligned_columns_with_a_two_line_header() -> None:
    blocks = paragraphs("""
某某办公室2019年"三公"经费预算表
单位:万元
项目 本年预算数 上年预算数 比上年增减
增减额 增减率
合计 10 12 -2 -16.67%
1.因公出国(境)费
2.公务接待费 4 6 -2 -33.33%
备注:无
""")
    assert rebuild_tables(blocks) == [
        Paragraph('某某办公室2019年"三公"经费预算表'),
        Paragraph("单位:万元"),
        Table(
            rows=(
                ("项目", "本年预算数", "上年预算数", "比上年增减", ""),
                ("", "", "", "增减额", "增减率"),
                ("合计", "10", "12", "-2", "-16.67%"),
                ("1.因公出国(境)费", "", "", "", ""),
                ("2.公务接待费", "4", "6", "-2", "-33.33%"),
            ),
            caption='某某办公室2019年"三公"经费预算表\n单位:万元',
        ),
        Paragraph("备注:无"),
    ]


def test_title_rows_and_notes_of_a_row_per_line_table() -> None:
    blocks = paragraphs("""
2020年某某中心"三公"经费统计表 | ||
| 单位:万元 | |
项目 | 预算数 | 决算数 |
合计 | 3.00 | 2.50 |
注:本表反映一般公共预算财政拨款安排的支出,不含其他资金。 |
""")
    assert rebuild_tables(blocks) == [
        Paragraph('2020年某某中心"三公"经费统计表'),
        Paragraph("单位:万元"),
        Table(
            rows=(("项目", "预算数", "决算数"), ("合计", "3.00", "2.50")),
            caption='2020年某某中心"三公"经费统计表\n单位:万元',
        ),
        Paragraph("注:本表反映一般公共预算财政拨款安排的支出,不含其他资金。"),
    ]


def test_figures_under_labels_that_do_not_fit_get_no_guessed_header() -> None:
    # five figures under seven labels: which label is over which figure is unknown
    blocks = paragraphs("""
合计 |
出国 |
用车 |
||
小计 |
购置 |
运行 |
接待 |
|||
10 |
1 |
2 |
3 |
4 |
""")
    (table,) = rebuild_tables(blocks)
    assert isinstance(table, Table)
    assert table.rows == (("10", "1", "2", "3", "4"),)


def test_prose_and_lines_with_a_stray_pipe_are_left_alone() -> None:
    blocks = paragraphs("""
字号:大|中|小
2019年本单位公务接待费支出1.5万元,比上年减少0.3万元。
共有车辆
2
辆,比上年减少1辆。
""")
    assert rebuild_tables(blocks) == blocks


def test_row_numbers_go_from_the_tables_of_every_reader() -> None:
    table = Table(
        rows=(("项目", "行次", "金额"), ("栏次", "", "1"), ("公务接待费", "1", "2.00")), caption="表三"
    )
    plain = Table(rows=(("项目", "金额"), ("公务接待费", "2.00")))
    assert drop_row_numbers([table, plain]) == [
        Table(rows=(("项目", "金额"), ("公务接待费", "2.00")), caption="表三"),
        plain,
    ]


def test_a_table_run_together_on_one_line_follows_the_line_as_a_table() -> None:
    line = (
        "某某中心2021年部门决算 2 第二部分 决算表 表1 收入支出决算总表 单位:万元 项 目 行次 决算数 "
        "一、一般公共预算财政拨款收入 1 120.50 一、一般公共服务支出 20 100.25 "
        "二、上级补助收入 2 0.00 二、教育支出 21 三、事业收入 3"
    )
    assert rebuild_tables([Paragraph(line)]) == [
        Paragraph(line),  # the line stays: only the label-figure pairs are sure
        Table(
            rows=(
                ("一、一般公共预算财政拨款收入", "120.50"),
                ("一、一般公共服务支出", "100.25"),
                ("二、上级补助收入", "0.00"),
                ("二、教育支出", ""),
                ("三、事业收入", ""),
            ),
            caption="表1收入支出决算总表单位:万元",
        ),
    ]


def test_prose_with_spaced_figures_and_units_is_not_a_run_together_table() -> None:
    line = (
        "2020 年度 收入总计 12,486.35 万元,支出总计 12,486.35 万元,较 2019 年增加 1,024.60 万元,增长 8.94 %。"
    )
    assert rebuild_tables([Paragraph(line)]) == [Paragraph(line)]


def test_a_label_glued_to_its_amount_by_a_spreadsheet_export_is_split() -> None:
    blocks = paragraphs("""
单位:万元
机关运行经费88.00
"三公"经费6.50
其中:因公出国(境)支出
公务接待费支出1.50
注:无
""")
    assert rebuild_tables(blocks) == [
        Paragraph("单位:万元"),
        Table(
            rows=(
                ("机关运行经费", "88.00"),
                ('"三公"经费', "6.50"),
                ("其中:因公出国(境)支出", ""),
                ("公务接待费支出", "1.50"),
            ),
            caption="单位:万元",
        ),
        Paragraph("注:无"),
    ]


def test_prose_cut_after_a_change_is_not_a_glued_row() -> None:
    blocks = paragraphs("""
较上年决算数减少91.91
万元,主要是人员减少
""")
    assert rebuild_tables(blocks) == blocks
