"""The HTML and .mht readers: a web page in, its article's paragraphs and tables out."""

from __future__ import annotations

import codecs

import pytest

from analytics.model import Paragraph, Table
from analytics.read import read_bytes, read_document
from analytics.read.html import decode_html, html_blocks

from .conftest import CASES


def test_the_article_without_navigation_scripts_and_footer() -> None:
    page = """<html><head><title>站点</title><style>p{}</style></head><body>
    <div class="nav"><a>首页</a><a>政务公开</a></div>
    <div id="main"><div class="crumb">当前位置：首页</div>
      <h1>示例市科协2019年部门预算</h1>
      <div class="info">发布时间：2019-02-20</div>
      <div class="TRS_Editor"><p>一、总体情况</p><p>  收入474.91万元，<span>支出</span>474.91万元，
        其中基本支出281.61万元，项目支出193.30万元。</p>
        <div>第二段<br>第三段</div><script>var x = "脚本";</script>
        <p style="display:none">隐藏文字</p></div>
      <div class="share">分享</div></div>
    <div class="footer">版权所有</div></body></html>"""
    assert html_blocks(page) == [
        Paragraph("示例市科协2019年部门预算"),  # the title above the content root
        Paragraph("一、总体情况"),
        Paragraph("收入474.91万元,支出474.91万元,其中基本支出281.61万元,项目支出193.30万元。"),
        Paragraph("第二段"),
        Paragraph("第三段"),
    ]


def test_every_way_of_hiding_text_hides_it() -> None:
    page = """<body><div class="content"><p>公务接待费1.36万元</p>
      <p hidden>隐藏一</p><p HIDDEN="hidden">隐藏二</p>
      <p STYLE="DISPLAY : NONE">隐藏三</p><p style="color:red;visibility:Hidden">隐藏四</p>
      <p style="display&#58;none">隐藏五</p><p style="display:block">可见</p></div></body>"""
    assert html_blocks(page) == [Paragraph("公务接待费1.36万元"), Paragraph("可见")]


@pytest.mark.parametrize(
    "style", ["display&#58;none", "display:&nbsp;none", "display:&#x6E;one", "DISPLAY:\tNONE"]
)
def test_text_hidden_by_a_style_spelled_with_references_or_odd_spaces_is_hidden(style: str) -> None:
    page = f"""<body><div class="content"><p>公务接待费1.36万元</p>
      <p style="{style}">隐藏</p></div></body>"""
    assert html_blocks(page) == [Paragraph("公务接待费1.36万元")]


def test_a_page_that_hides_nothing_keeps_styled_text() -> None:
    page = """<body><div class="content"><p style="text-indent:2em">公务接待费1.36万元</p>
      <p style="font-weight:bold">支出474.91万元</p></div></body>"""
    assert html_blocks(page) == [Paragraph("公务接待费1.36万元"), Paragraph("支出474.91万元")]


def test_navigation_inside_the_content_root_goes() -> None:
    page = """<body><div class="content"><div class="breadcrumb">首页 &gt; 预算</div>
      <p>公务接待费1.36万元，比上年减少0.5万元，主要原因是压减接待批次。</p>
      <div class="share-bar">分享到</div></div></body>"""
    assert html_blocks(page) == [Paragraph("公务接待费1.36万元,比上年减少0.5万元,主要原因是压减接待批次。")]


def test_a_page_without_a_content_element_is_read_from_its_body() -> None:
    page = "<html><body><nav>菜单</nav><p>公务接待费1.36万元</p><footer>页脚</footer></body></html>"
    assert html_blocks(page) == [Paragraph("公务接待费1.36万元")]


def test_tables_with_colspan_and_rowspan_are_read_once() -> None:
    page = """<body><div class="content"><table>
      <tr><td colspan="4">一般公共预算“三公”经费支出表</td></tr>
      <tr><th rowspan="2">合计</th><th colspan="3">公务用车购置及运行费</th></tr>
      <tr><td>小计</td><td>购置费</td><td>运行费</td></tr>
      <tr><td>22</td><td>20.64</td><td>0</td><td>20.64</td></tr>
    </table></div></body>"""
    assert html_blocks(page) == [
        Table(
            rows=(
                ("合计", "公务用车购置及运行费", "", ""),
                ("", "小计", "购置费", "运行费"),
                ("22", "20.64", "0", "20.64"),
            ),
            caption="一般公共预算“三公”经费支出表",
        )
    ]


def test_cells_keep_indentation_and_join_their_paragraphs_with_newlines() -> None:
    page = """<body><table><caption>绩效目标表</caption>
      <tr><td>
          科学技术普及</td><td>49.00</td></tr>
      <tr><td>&#12288;&#12288;开展科普活动</td><td>19.00</td></tr>
      <tr><td>&nbsp;&nbsp;公务用车<br/>运行费</td><td><p>20.64</p></td></tr>
    </table></body>"""
    assert html_blocks(page) == [
        Table(
            rows=(("科学技术普及", "49.00"), ("  开展科普活动", "19.00"), ("  公务用车\n运行费", "20.64")),
            caption="绩效目标表",
        )
    ]


def test_cells_with_inline_markup_read_as_their_text() -> None:
    # bold, spans and links inside a cell are one line; a block element or <br> inside starts another
    page = """<body><table>
      <tr><td><strong> 支出 </strong>合计</td><td><span>20.</span><b><i>64</i></b>\n </td></tr>
      <tr><td><b>公务用车</b>\n  运行费<br/>(万元)</td><td><span> </span><b></b></td></tr>
      <tr><td><a>项目</a><div>支出</div></td><td>&nbsp;<b>1.5</b></td></tr>
    </table></body>"""
    assert html_blocks(page) == [
        Table(rows=(("支出 合计", "20.64"), ("公务用车运行费\n(万元)", ""), ("项目\n支出", " 1.5")))
    ]


def test_layout_tables_are_running_text() -> None:
    page = """<body><table><tr><td><p>标题</p>
      <table><tr><td>项目</td><td>金额</td></tr><tr><td>合计</td><td>22</td></tr></table>
      <p>说明</p></td></tr></table></body>"""
    assert html_blocks(page) == [
        Paragraph("标题"),
        Table(rows=(("项目", "金额"), ("合计", "22"))),
        Paragraph("说明"),
    ]


def test_charset_from_the_page_gbk_read_as_gb18030() -> None:
    page = '<html><head><meta charset="gbk"></head><body><p>公务接待费€</p></body></html>'
    data = page.encode("gb18030")
    assert decode_html(data) == (page, "gb18030")
    assert read_bytes(data, "page.html").blocks == [Paragraph("公务接待费€")]


def test_a_page_lying_about_its_charset_is_sniffed() -> None:
    page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>'
    page += "<body><p>" + "部门预算公开，公务接待费一点三六万元。" * 5 + "</p></body></html>"
    text, encoding = decode_html(page.encode("gbk"))
    assert (text, encoding) == (page, "gb18030")


def test_a_bom_wins_over_the_declared_charset() -> None:
    data = codecs.BOM_UTF8 + '<meta charset="gb2312"><p>预算</p>'.encode()
    assert decode_html(data)[0] == '<meta charset="gb2312"><p>预算</p>'


def test_traditional_characters_are_simplified() -> None:
    page = (
        '<html><head><meta charset="big5"></head><body><p>公務用車運行維護費２０．６４萬元</p></body></html>'
    )
    assert read_bytes(page.encode("big5"), "tw.htm").blocks == [Paragraph("公务用车运行维护费20.64万元")]


def test_a_doc_that_is_html_is_read_as_html() -> None:
    word_html = (
        "<html xmlns:o='urn:schemas-microsoft-com:office:office'><head><meta charset=utf-8>"
        "<!--[if gte mso 9]><xml><w:WordDocument>注释</w:WordDocument></xml><![endif]--></head>"
        "<body><div class=WordSection1><p class=MsoNormal>三公经费22万元<o:p></o:p></p></div></body></html>"
    )
    document = read_bytes(word_html.encode(), "budget.doc")
    assert (document.format, document.blocks) == ("html", [Paragraph("三公经费22万元")])


def test_an_mht_archive_is_read_through_its_html_part() -> None:
    document = read_document(CASES / "disclosure.mht")
    assert document.format == "mhtml"
    assert document.encoding == "gb18030"
    assert document.paragraphs[0] == "示例市科学技术协会2019年部门预算公开情况说明"
    assert len(document.tables) == 2
