"""Printed lines joined back into their paragraphs; headings, items and table rows kept apart."""

from __future__ import annotations

from analytics.model import Paragraph, Table
from analytics.read.shape.lines import display_width, join_broken_lines, line_width

P = Paragraph


def test_a_line_that_cannot_start_a_paragraph_continues_the_one_before() -> None:
    blocks = [
        P("公务接待费支出决算为2.5万"),
        P("元,比上年减少0.3万元"),
        P("(按实际支出计算)。"),
        P(")其余略。"),
    ]
    assert join_broken_lines(blocks) == [
        P("公务接待费支出决算为2.5万元,比上年减少0.3万元"),
        P("(按实际支出计算)。"),
        P(")其余略。"),
    ]


def test_a_year_or_unit_split_from_its_number_is_joined() -> None:
    blocks = [P("2022"), P("年本单位无因公出国(境)安排,共有车辆3"), P("辆。")]
    assert join_broken_lines(blocks) == [P("2022年本单位无因公出国(境)安排,共有车辆3辆。")]


def test_a_complete_sentence_or_a_heading_is_not_continued() -> None:
    blocks = [P("本年收入合计为60万元。"), P("万元以下的项目不再列示"), P("三、支出情况说明"), P("年度支出")]
    assert join_broken_lines(blocks) == blocks


def test_short_paragraphs_of_a_web_page_stay_apart() -> None:
    blocks = [P("某某市科学技术局2020年度部门决算公开情况说明"), P("按照有关规定,现将本局决算公开如下:")]
    assert join_broken_lines(blocks) == blocks


WRAPPED = [
    P("(一)本单位2022年度收入合计为一百二十五万元,其中本年"),
    P("收入为一百一十万元,较上年决算数增加十万元,增长百分之"),
    P("十,主要原因是人员调入带来的工资福利支出相应增加,以及"),
    P("新增了培训项目。"),
    P("(二)支出合计一百二十五万元,较上年增加,主要原因是本年"),
    P("新增培训项目,各项日常公用经费也按照新的标准进行了测算"),
    P("安排。"),
    P("二、一般公共预算财政拨款支出情况"),
    P("本年度无政府性基金收支安排,也没有国有资本经营收支安排"),
]


def test_the_width_of_a_hard_wrapped_text() -> None:
    assert line_width(WRAPPED) == display_width(WRAPPED[1].text)
    assert line_width([P("一段很长的网页正文,说明了各项经费的使用情况和变化原因。" * 3), P("短行")]) is None


def test_full_lines_of_a_hard_wrapped_text_are_joined_until_the_sentence_ends() -> None:
    assert join_broken_lines(WRAPPED) == [
        P(
            "(一)本单位2022年度收入合计为一百二十五万元,其中本年收入为一百一十万元,较上年决算数增加十万元,"
            "增长百分之十,主要原因是人员调入带来的工资福利支出相应增加,以及新增了培训项目。"
        ),
        P(
            "(二)支出合计一百二十五万元,较上年增加,主要原因是本年新增培训项目,各项日常公用经费也按照新的标准进行了测算安排。"
        ),
        P("二、一般公共预算财政拨款支出情况"),
        P("本年度无政府性基金收支安排,也没有国有资本经营收支安排"),
    ]


def test_pdf_lines_keep_the_length_rule() -> None:
    blocks = [P("各项工作经费按照从严从紧的原则测算后统一安排到相关的项目"), P("之中。"), P("1.办公费")]
    assert join_broken_lines(blocks, pdf=True) == [
        P("各项工作经费按照从严从紧的原则测算后统一安排到相关的项目之中。"),
        P("1.办公费"),
    ]
    assert join_broken_lines(blocks) == blocks  # the same lines of a web page are its paragraphs


def test_table_rows_and_tables_are_not_joined() -> None:
    table = Table(rows=(("项目", "金额"),))
    blocks = [P("单位:万元,以下为本年度支出的明细"), P("合计 |"), table, P("元")]
    assert join_broken_lines(blocks, pdf=True) == blocks


def test_a_number_split_at_the_end_of_a_line_is_joined_without_a_space() -> None:
    blocks = [
        P("2.项目支出预算共计为一百万元,其中专项业务费为12,48"),
        P("6.35万元,办公设备购置费为若干万元。"),
    ]
    assert join_broken_lines(blocks, pdf=True) == [
        P("2.项目支出预算共计为一百万元,其中专项业务费为12,486.35万元,办公设备购置费为若干万元。")
    ]


def test_a_long_title_is_not_joined_to_the_first_sentence() -> None:
    blocks = [P("2023年某某市卫生健康委员会部门预算公开"), P("根据预算法的规定,现将本部门预算公开如下:")]
    assert join_broken_lines(blocks, pdf=True) == blocks


def test_a_heading_number_alone_on_its_line_takes_the_text_after_it() -> None:
    blocks = [P("二、"), P("收入决算情况说明"), P("(三)"), P("1.公务接待费")]
    assert join_broken_lines(blocks) == [P("二、收入决算情况说明"), P("(三)"), P("1.公务接待费")]
