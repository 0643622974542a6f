"""The .docx reader: WordprocessingML in, exact paragraphs and tables out."""

from __future__ import annotations

from analytics.model import Block, Paragraph, Table
from analytics.read import read_bytes

from .builders import Cell, docx_bytes, w_p, w_tbl


def blocks(body: str, **kwargs: dict[str, str]) -> list[Block]:
    document = read_bytes(docx_bytes(body, **kwargs), "report.docx")
    assert document.format == "docx"
    return document.blocks


def test_paragraphs_in_order_with_tabs_and_breaks() -> None:
    body = (
        w_p("二、部门预算安排的总体情况")
        + w_p("")  # an empty paragraph is nothing
        + "<w:p><w:r><w:t>单位：万元</w:t><w:tab/><w:t>合计２２</w:t></w:r></w:p>"
        + "<w:p><w:r><w:t>第一行</w:t><w:br/><w:t>第二行</w:t></w:r></w:p>"  # a break ends a block
        + '<w:p><w:hyperlink><w:r><w:t xml:space="preserve">公務用車 </w:t></w:r></w:hyperlink>'
        + "<w:ins><w:r><w:t>运行费</w:t></w:r></w:ins></w:p>"
    )
    assert blocks(body) == [
        Paragraph("二、部门预算安排的总体情况"),
        Paragraph("单位:万元\t合计22"),
        Paragraph("第一行"),
        Paragraph("第二行"),
        Paragraph("公务用车运行费"),  # the space between runs is dropped (analytics.read.shape)
    ]


def test_deleted_text_field_codes_and_hidden_runs_are_not_text() -> None:
    body = (
        "<w:p><w:r><w:t>公务接待费</w:t></w:r>"
        "<w:del><w:r><w:delText>2.5</w:delText></w:r></w:del>"
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGEREF _Toc1 </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1.36</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:r><w:t>万元</w:t></w:r></w:p>"
    )
    assert blocks(body) == [Paragraph("公务接待费1.36万元")]


def test_headers_footers_and_footnotes_are_ignored() -> None:
    extra = {
        "word/header1.xml": f'<w:hdr xmlns:w="{_W}"><w:p><w:r><w:t>页眉</w:t></w:r></w:p></w:hdr>',
        "word/footnotes.xml": f'<w:footnotes xmlns:w="{_W}"><w:footnote><w:p><w:r><w:t>脚注</w:t></w:r>'
        "</w:p></w:footnote></w:footnotes>",
    }
    body = '<w:p><w:r><w:t>正文</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>'
    assert blocks(body, extra=extra) == [Paragraph("正文")]


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def test_merged_cells_are_read_once() -> None:
    body = w_tbl(
        [
            [Cell("合计", rowspan=2), Cell("公务用车购置及运行费", colspan=3), Cell("公务接待费", rowspan=2)],
            ["小计", "购置费", "运行费"],
            ["22", "20.64", "0", "20.64", "1.36"],
        ]
    )
    assert blocks(body) == [
        Table(
            rows=(
                ("合计", "公务用车购置及运行费", "", "", "公务接待费"),
                ("", "小计", "购置费", "运行费", ""),
                ("22", "20.64", "0", "20.64", "1.36"),
            )
        )
    ]


def test_a_one_cell_first_row_is_the_caption_and_a_one_cell_table_is_paragraphs() -> None:
    body = w_tbl([[Cell("部门固定资产占用情况表", colspan=2)], ["项目", "数量"], ["车辆(台、辆)", "3"]])
    body += "<w:tbl><w:tr><w:tc>" + w_p("框中第一段") + w_p("框中第二段") + "</w:tc></w:tr></w:tbl>"
    assert blocks(body) == [
        Table(rows=(("项目", "数量"), ("车辆(台、辆)", "3")), caption="部门固定资产占用情况表"),
        Paragraph("框中第一段"),
        Paragraph("框中第二段"),
    ]


def test_cell_indentation_typed_or_set_in_characters_is_kept() -> None:
    body = w_tbl(
        [
            ["科学技术普及", "49.00"],
            ["　　开展科普活动", "19.00"],  # two ideographic spaces
            [Cell("科普设施建设", indent_chars=2), "30.00"],  # w:ind w:firstLineChars="200"
        ]
    )
    assert blocks(body) == [
        Table(rows=(("科学技术普及", "49.00"), ("  开展科普活动", "19.00"), ("  科普设施建设", "30.00")))
    ]


def test_cell_paragraphs_join_with_newlines_and_grid_before_pads() -> None:
    body = (
        "<w:tbl><w:tr><w:tc>" + w_p("项目") + "</w:tc><w:tc>" + w_p("金额") + "</w:tc></w:tr>"
        "<w:tr><w:tc>" + w_p("公务用车") + w_p("运行费") + "</w:tc><w:tc>" + w_p("20.64") + "</w:tc></w:tr>"
        '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr><w:tc>' + w_p("1.36") + "</w:tc></w:tr></w:tbl>"
    )
    assert blocks(body) == [Table(rows=(("项目", "金额"), ("公务用车\n运行费", "20.64"), ("", "1.36")))]


def test_a_nested_table_follows_its_parent() -> None:
    inner = w_tbl([["购置费", "运行费"], ["0", "20.64"]])
    body = (
        "<w:tbl><w:tr><w:tc>" + w_p("公务用车") + "</w:tc><w:tc>" + w_p("明细") + inner + "</w:tc></w:tr>"
        "<w:tr><w:tc>"
        + w_p("公务接待")
        + "</w:tc><w:tc>"
        + w_p("1.36")
        + "</w:tc></w:tr></w:tbl>"
        + w_p("其后段落")
    )
    document = read_bytes(docx_bytes(body), "nested.docx")
    assert document.blocks == [
        Table(rows=(("公务用车", "明细"), ("公务接待", "1.36"))),
        Table(rows=(("购置费", "运行费"), ("0", "20.64"))),
        Paragraph("其后段落"),
    ]
    assert document.notes == ["1 nested table(s) read as tables of their own after their parent"]


def test_text_boxes_are_read_once_after_their_paragraph() -> None:
    box = "<w:txbxContent>" + w_p("框内文字") + "</w:txbxContent>"
    body = (
        "<w:p><w:r><w:t>锚定段落</w:t></w:r><w:r><mc:AlternateContent>"
        f"<mc:Choice><w:drawing><wps:txbx>{box}</wps:txbx></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:textbox>{box}</v:textbox></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r></w:p>"
    )
    assert blocks(body) == [Paragraph("锚定段落"), Paragraph("框内文字")]


def test_content_controls_are_looked_through() -> None:
    body = "<w:sdt><w:sdtContent>" + w_p("目录") + w_tbl([["a", "1"], ["b", "2"]]) + "</w:sdtContent></w:sdt>"
    assert blocks(body) == [Paragraph("目录"), Table(rows=(("a", "1"), ("b", "2")))]
