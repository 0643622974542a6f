"""Page numbers and running headers/footers: dropped between and inside sentences, kept in tables."""

from __future__ import annotations

import pytest

from analytics.model import Paragraph, Table
from analytics.read.shape.marks import drop_page_marks, is_page_mark

P = Paragraph


@pytest.mark.parametrize(
    "line", ["—5—", "- 2 -", "-12-", "― 3 ―", "第3页", "第 2 页,共 46 页", "共4页 第1页", "2/46"]
)
def test_printed_page_numbers_are_marks(line: str) -> None:
    assert is_page_mark(line)


@pytest.mark.parametrize("line", ["2019", "第三部分", "-2.4", "合计 5", "第3页说明"])
def test_other_short_lines_are_not(line: str) -> None:
    assert not is_page_mark(line)


def test_a_page_number_between_the_lines_of_a_sentence_goes() -> None:
    blocks = [P("本年度一般公共预算支出合计为八十万元,其中用于"), P("- 7 -"), P("人员经费的支出为六十万元。")]
    assert drop_page_marks(blocks) == [
        P("本年度一般公共预算支出合计为八十万元,其中用于"),
        P("人员经费的支出为六十万元。"),
    ]


def test_a_bare_number_at_the_top_of_a_page_of_prose_goes() -> None:
    blocks = [P("9"), P("(三)机关运行经费支出预算为十二万元,比上年减少。")]
    assert drop_page_marks(blocks) == [P("(三)机关运行经费支出预算为十二万元,比上年减少。")]


def test_a_bare_number_between_two_prose_lines_goes() -> None:
    blocks = [P("公务用车运行维护费主要用于车辆燃料和维修"), P("14"), P("保险等方面的支出,比上年略有减少。")]
    assert drop_page_marks(blocks) == [blocks[0], blocks[2]]


def test_a_bare_number_among_short_cells_is_a_figure() -> None:
    blocks = [P("合计"), P("3"), P("公务接待费"), P("0"), P("公务用车运行费")]
    assert drop_page_marks(blocks) == blocks


def test_tables_are_not_touched() -> None:
    table = Table(rows=(("项目", "金额"), ("合计", "5")))
    assert drop_page_marks([P("6"), table]) == [P("6"), table]


def test_inline_marks_of_a_run_together_page_are_cut_out() -> None:
    blocks = [P("收 入 总 计 120.00 支 第 2 页,共 9 页 出 总 计 120.00"), P("会议费支出—3—预算为零")]
    assert drop_page_marks(blocks) == [P("收 入 总 计 120.00 支 出 总 计 120.00"), P("会议费支出预算为零")]


def test_a_date_range_with_dashes_is_no_mark() -> None:
    assert drop_page_marks([P("执行期为2019—2021年,共三年。")]) == [P("执行期为2019—2021年,共三年。")]


def test_running_headers_next_to_page_numbers_go_and_the_title_stays() -> None:
    header = "某某县农业局2023年部门决算"
    blocks = [P(header), P("一、部门基本情况")]
    for page in (2, 3, 4):
        blocks += [P(f"— {page} —"), P(header), P(f"第{page}页的正文,说明各项支出的用途和变化原因。")]
    assert drop_page_marks(blocks) == [P(header), P("一、部门基本情况")] + [
        P(f"第{page}页的正文,说明各项支出的用途和变化原因。") for page in (2, 3, 4)
    ]


def test_a_line_next_to_page_numbers_on_two_pages_only_stays() -> None:
    blocks = [P("—1—"), P("附表"), P("说明文字,这里是一段足够长的正文内容。"), P("—2—"), P("附表")]
    assert drop_page_marks(blocks) == [P("附表"), P("说明文字,这里是一段足够长的正文内容。"), P("附表")]


def test_word_field_codes_of_a_table_of_contents_go_with_their_page_numbers() -> None:
    blocks = [P("一、部门职责 PAGEREF _Toc10203 h 3"), P("第二部分 部门决算表 PAGEREF _Toc889 \\h 12")]
    assert drop_page_marks(blocks) == [P("一、部门职责"), P("第二部分 部门决算表")]
