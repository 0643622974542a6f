"""The plain-text reader: text in, exact paragraphs and tables out; the seed read end to end."""

from __future__ import annotations

import codecs
import hashlib
from collections.abc import Callable

import pytest

from analytics.model import Document, Paragraph, Table
from analytics.read import read_bytes, read_document
from analytics.read.plaintext import parse_blocks

from .conftest import CASES, SEED


def test_tab_cells_and_blank_lines_make_table_rows() -> None:
    text = (
        "部门机构设置情况\n"
        "\t单位名称\n\t单位性质\n\n"  # a row of two cells
        "\t\n\t\n\n"  # a row of two empty cells
        "\t廊坊市科学技术协会\n\t事业   \n\n\n\n"  # trailing spaces go, extra blank lines are nothing
        "二、部门预算安排的总体情况\n"  # a line without a tab ends the table
    )
    assert parse_blocks(text) == [
        Paragraph("部门机构设置情况"),
        Table(rows=(("单位名称", "单位性质"), ("", ""), ("廊坊市科学技术协会", "事业"))),
        Paragraph("二、部门预算安排的总体情况"),
    ]


def test_leading_whitespace_of_a_cell_is_kept_as_indentation() -> None:
    text = "\t科学技术普及\n\t49.00\n\n\t　　开展科普活动\n\t１９．００\n"
    assert parse_blocks(text) == [Table(rows=(("科学技术普及", "49.00"), ("  开展科普活动", "19.00")))]


def test_a_one_cell_first_row_is_the_caption() -> None:
    text = "\t部门固定资产占用情况表\n\n\t项   目\n\t数量\n\n\t2、车辆(台、辆)\n\t3\n"
    assert parse_blocks(text) == [
        Table(rows=(("项   目", "数量"), ("2、车辆(台、辆)", "3")), caption="部门固定资产占用情况表")
    ]


def test_a_lone_tab_line_is_a_paragraph_not_a_table() -> None:
    assert parse_blocks("正文\n\t单位：万元\n正文") == [
        Paragraph("正文"),
        Paragraph("单位:万元"),
        Paragraph("正文"),
    ]


def test_paragraphs_are_stripped_one_per_line_and_blank_lines_dropped() -> None:
    assert parse_blocks("    职责分类绩效目标：\n\n　\n  第二行  \n") == [
        Paragraph("职责分类绩效目标:"),
        Paragraph("第二行"),
    ]


def test_pipe_rows_make_a_table_and_separator_lines_are_skipped() -> None:
    text = (
        "| 项目 | 合计 |\n"
        "|---|:---:|\n"
        "|　　公务接待费 | 1.36 |\n"  # ideographic indentation kept, ASCII padding dropped
        "｜因公出国（境）费｜０｜\n"  # full-width bars are pipes too
        "合计22万元\n"
    )
    assert parse_blocks(text) == [
        Table(rows=(("项目", "合计"), ("  公务接待费", "1.36"), ("因公出国(境)费", "0"))),
        Paragraph("合计22万元"),
    ]


def test_a_blank_line_ends_a_pipe_table() -> None:
    assert parse_blocks("| a | b |\n\n| c | d |\n") == [
        Table(rows=(("a", "b"),)),
        Table(rows=(("c", "d"),)),
    ]


def test_space_aligned_columns_are_not_guessed_into_a_table() -> None:
    text = "项目        合计    一般公共预算\n公务接待费  1.36    1.36\n"
    assert parse_blocks(text) == [
        Paragraph("项目        合计    一般公共预算"),
        Paragraph("公务接待费  1.36    1.36"),
    ]


def test_bookmarks_are_dropped_and_counted_in_the_notes() -> None:
    data = "[bookmark: _GoBack]按照规定，现公开如下：\n\t[bookmark: _Toc1]项目\n\t金额\n\n".encode()
    document = read_bytes(data, "x.txt")
    assert document.blocks == [Paragraph("按照规定,现公开如下:"), Table(rows=(("项目", "金额"),))]
    assert document.notes == ["dropped 2 Word bookmark marker(s) like '[bookmark: _GoBack]'"]


def test_undecodable_bytes_are_counted_in_the_notes() -> None:
    data = "公务接待费1.36万元。\n".encode() * 20 + b"\xff\xfe\n"
    document = read_bytes(data, "x.txt")
    assert document.paragraphs == ["公务接待费1.36万元。"] * 20 + ["\ufffd\ufffd"]
    assert document.notes == ["2 undecodable byte sequence(s) in the file, shown as U+FFFD"]


# --- the seed: 廊坊市科学技术协会 2017 budget disclosure, a .docx exported to text -------------------


def test_seed_document_header(seed_document: Document, seed_bytes: bytes) -> None:
    assert seed_document.source_path == str(SEED)
    assert seed_document.format == "text"
    assert seed_document.encoding == "utf-8"
    assert seed_document.sha256 == hashlib.sha256(seed_bytes).hexdigest()
    assert seed_document.notes == ["dropped 4 Word bookmark marker(s) like '[bookmark: _GoBack]'"]
    assert (len(seed_document.blocks), len(seed_document.paragraphs), len(seed_document.tables)) == (
        75,
        72,
        3,
    )


def test_seed_paragraphs(seed_document: Document) -> None:
    paragraphs = seed_document.paragraphs
    assert paragraphs[:4] == [
        "廊坊市科学技术协会",
        "2017年部门预算公开情况说明",
        "按照《预算法》、《地方预决算公开操作规程》和《河北省省级预算公开办法》规定,"
        "现将廊坊市科学技术协会2017年部门预算公开如下:",
        "1、部门职责及机构设置情况",  # the space after 1、 is debris (analytics.read.shape)
    ]
    assert (
        "2017年预算收入474.91万元,其中:一般公共预算收入474.91万元,事业收入0万元,其他收入0万元。" in paragraphs
    )
    assert "2017年,我单位无安排政府采购预算。" in paragraphs  # was '[bookmark: …]    2017年，…'
    assert paragraphs[-1] == "无其他需要说明的事项。"


def test_seed_has_no_bookmark_left(seed_document: Document) -> None:
    cells = [cell for table in seed_document.tables for row in table.rows for cell in row]
    assert not [text for text in seed_document.paragraphs + cells if "[bookmark" in text]


def test_seed_organisation_table(seed_document: Document) -> None:
    assert seed_document.tables[0] == Table(
        rows=(
            ("单位名称", "单位性质", "单位规格", "经费保障形式"),
            ("", "", "", ""),
            ("廊坊市科学技术协会", "事业", "正处级", "财政性资金基本保证"),
        )
    )


def test_seed_performance_goals_table_keeps_indentation(seed_document: Document) -> None:
    goals = seed_document.tables[1]
    assert goals.caption is None
    assert len(goals.rows) == 29
    assert goals.rows[:3] == (
        ("495廊坊市科学技术协会", "单位:万元"),
        ("职责活动", "年度预算数", "内容描述", "绩效目标", "绩效指标", "评价标准"),
        ("", "", "", "", "", "优", "良", "中", "差"),
    )
    # the activity's goal cell holds Word's line breaks as runs of spaces, and is cut short in the source
    assert goals.rows[3][:3] == (
        "科学技术普及",
        "49.00",
        "实施《全民科学素质行动计划纲要》,改善科普设施,提升科普能力,开展多种形式的科普活动。",
    )
    assert goals.rows[3][3].endswith("土地日等科普宣传周日和节")
    assert goals.rows[3][4:] == ("", "", "", "", "")
    assert goals.rows[4:6] == (
        (
            "  开展科普活动",
            "19.00",
            "面向农民、社区居民、青少年、领导干部和公务员等重点人群,开展科普惠农、科普益民等重点科普活动;"
            "开展科普日、科技周、减灾日、三下乡等系列科普活动。",
            "通过开展各种科普活动,吸引各重点人群参与,普及科普知识",
            "科技知识普及率",
            "高",
            "比较高",
            "中",
            "低",
        ),
        ("", "", "", "", "科普活动和科技竞赛参与人次", "≥10", "≥8", "≥6", "<6"),
    )
    assert [row[0] for row in goals.rows if row[0].startswith("  ")] == [
        "  开展科普活动",
        "  科普设施体系建设",
        "  科普能力建设",
        "  促进学会能力提升",
        "  学术交流合作",
        "  服务技术创新",
        "  创新驱动发展示范县建设",
        "  培育、扶持科技型中小企业",
        "  综合业务管理",
        "  综合事务管理",
    ]


def test_seed_fixed_assets_table(seed_document: Document) -> None:
    assert seed_document.tables[2] == Table(
        caption="部门固定资产占用情况表",
        rows=(
            ("编制部门:廊坊市科学技术协会", "截止时间:2016年12月31日"),
            ("项   目", "数量", "价值(金额单位:万元)"),
            ("资产总额", "——", "119.26"),
            ("1、房屋(平方米)", "", ""),
            ("其中:办公用房(平方米)", "", ""),
            ("2、车辆(台、辆)", "3", "66.19"),
            ("3、单价在50万元以上的设备", "", ""),
            ("4、其他固定资产", "", "53.07"),
        ),
    )


@pytest.mark.parametrize(
    ("encode", "encoding"),
    [
        (lambda text: codecs.BOM_UTF8 + text.encode("utf-8"), "utf-8-sig"),
        (lambda text: text.encode("gb18030"), "gb18030"),
        (lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"), "utf-16"),
        (lambda text: text.encode("utf-16-be"), "utf-16-be"),
        (lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"), "utf-16"),
        (lambda text: text.replace("\n", "\r\n").encode("gbk"), "gb18030"),
    ],
    ids=["utf-8-bom", "gb18030", "utf-16-le-bom", "utf-16-be", "utf-16-be-bom", "gbk-crlf"],
)
def test_seed_in_other_encodings_gives_the_same_blocks(
    encode: Callable[[str], bytes], encoding: str, seed_text: str, seed_document: Document
) -> None:
    data = encode(seed_text)
    document = read_bytes(data, "seed.txt")
    assert document.encoding == encoding
    assert document.blocks == seed_document.blocks
    assert document.sha256 == hashlib.sha256(data).hexdigest()


# --- hand-written cases in tests/cases/read/ ---------------------------------------------------------


def test_traditional_characters_are_converted() -> None:
    document = read_document(CASES / "traditional.txt")
    assert document.blocks == [
        Paragraph("公务用车运行维护费较上年减少5万元,主要原因是公车改革车辆减少。"),
        Table(rows=(("项目", "预算数"), ("公务接待费", "1.36"))),
        Paragraph("机关运行经费与上年持平。"),
    ]


def test_traditional_characters_in_big5_are_decoded_and_converted() -> None:
    document = read_document(CASES / "traditional_big5.txt")
    assert document.encoding == "big5"
    assert document.paragraphs == [
        "机关运行经费共计安排50.07万元,较上年减少,主要原因是公车改革车辆减少。",
        "因公出国(境)费0万元,与上年持平。",
    ]


def test_full_width_digits_and_signs_become_half_width() -> None:
    document = read_document(CASES / "fullwidth.txt")
    assert document.blocks == [
        Paragraph("2019年“三公”经费预算29万元,比上年增加0.5万元,增长1.75%。"),
        Table(rows=(("指标", "优", "差"), ("  更新率", "≥96%", "<85%"))),
    ]


def test_gbk_file_with_crlf_line_ends() -> None:
    document = read_document(CASES / "gbk_plain.txt")
    assert document.encoding == "gb18030"
    assert document.paragraphs == [
        "2019年部门预算收入100.5万元,其中:财政拨款收入100.5万元。",
        "项目支出减少3万元。",
    ]


def test_pipe_table_file() -> None:
    document = read_document(CASES / "pipe_table.txt")
    assert document.blocks == [
        Paragraph("一般公共预算“三公”经费支出表"),
        Table(
            rows=(
                ("项目", "合计", "一般公共预算"),
                ("因公出国(境)费", "0", "0"),
                ("  公务用车运行费", "20.64", ""),
            )
        ),
        Paragraph("单位:万元   合计   22"),
    ]
