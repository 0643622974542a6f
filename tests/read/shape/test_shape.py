"""The pass as a whole: Document -> Document, run by read_bytes after every reader, repairs noted."""

from __future__ import annotations

from analytics.model import Document, Paragraph, Table
from analytics.read import read_bytes
from analytics.read.shape import shape


def test_the_pass_repairs_a_document_and_notes_what_it_did() -> None:
    document = Document(
        source_path="x.txt",
        format="text",
        sha256="0" * 64,
        blocks=[
            Paragraph("—3—"),
            Paragraph("2021"),
            Paragraph("年本单位公务接待费支出 1.2 万元。"),
            Paragraph("项目 |"),
            Paragraph("金额 |"),
            Paragraph("合计 |"),
            Paragraph("1.2 |"),
        ],
        notes=["from the reader"],
    )
    shaped = shape(document)
    assert shaped.blocks == [
        Paragraph("2021年本单位公务接待费支出1.2万元。"),
        Table(rows=(("项目", "金额"), ("合计", "1.2"))),
    ]
    assert shaped.notes == [
        "from the reader",
        "dropped 1 page number or running header line(s)",
        "rebuilt 1 table(s) that the text export had flattened into lines",
        "joined 1 printed line(s) to the paragraph they continue",
    ]
    assert document.notes == ["from the reader"]  # the input is not changed


def test_read_bytes_runs_the_pass_after_the_reader() -> None:
    document = read_bytes("公务用车运行费支出决算 3.5 万\n元。\n".encode(), "in/memory.txt")
    assert document.blocks == [Paragraph("公务用车运行费支出决算3.5万元。")]


def test_a_web_page_with_a_table_flattened_into_paragraphs_gets_its_table_back() -> None:
    page = (
        "<html><body><div class='content'><p>单位:万元</p><p>项目 |</p><p>预算数 |</p>"
        "<p>合计 |</p><p>4.5 |</p><p>公务接待费 |</p><p>4.5 |</p><p>以上为预算数。</p></div></body></html>"
    )
    document = read_bytes(page.encode(), "page.html")
    assert document.blocks == [
        Paragraph("单位:万元"),
        Table(rows=(("项目", "预算数"), ("合计", "4.5"), ("公务接待费", "4.5")), caption="单位:万元"),
        Paragraph("以上为预算数。"),
    ]
