"""Write the read stage's fixture documents into this folder (run by hand; the outputs are committed).

    .venv/bin/python tests/cases/read/make_fixtures.py

All text is made up. The disclosure of tests/read/builders.py is written as .docx, .html (GB2312),
.mht, .xlsx and .txt with the standard library; LibreOffice (`soffice`, Debian
libreoffice-writer-nogui and libreoffice-calc-nogui, with fonts-noto-cjk) converts the .docx to .pdf
and .doc and the .xlsx to .xls; reportlab (pip install reportlab) draws the PDFs of PDF trouble:
running headers and page numbers, numbers broken across lines, quote marks drawn out of order, a
borderless table, a scan without text, a password, landscape tables on pages turned by /Rotate. Tests never need these tools.
"""

from __future__ import annotations

import email.charset
import email.message
import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))  # tests/, for read.builders

from read.builders import (  # noqa: E402
    budget_workbook,
    disclosure_docx,
    disclosure_html,
    disclosure_sheets,
    disclosure_text,
    docx_bytes,
    w_p,
    w_tbl,
    xlsx_bytes,
)

PAGE_WIDTH, PAGE_HEIGHT = 595.0, 842.0
LEFT, RIGHT = 72.0, 523.0
FONT = "STSong-Light"


def main() -> None:
    (HERE / "disclosure.docx").write_bytes(disclosure_docx())
    (HERE / "disclosure.xlsx").write_bytes(xlsx_bytes(disclosure_sheets()))
    (HERE / "disclosure.txt").write_text(disclosure_text(), encoding="utf-8")
    html = disclosure_html()
    (HERE / "disclosure.html").write_bytes(html.encode("gb2312"))
    (HERE / "disclosure.mht").write_bytes(_mht(html))
    _libreoffice("disclosure.docx", "pdf:writer_pdf_Export", "disclosure.pdf")
    _libreoffice("disclosure.docx", "doc:MS Word 97", "disclosure.doc")
    _libreoffice("disclosure.xlsx", "xls:MS Excel 97", "disclosure.xls")
    _borderless()
    _pdf_trouble(HERE / "pdf_trouble.pdf")
    _scanned(HERE / "scanned.pdf")
    _encrypted(HERE / "encrypted.pdf")
    _rotated(HERE / "rotated.pdf")
    _xls(budget_workbook(), HERE / "budget_workbook.xls")


def _borderless() -> None:
    """A table without borders whose labels wrap in their narrow column, as LibreOffice sets it."""
    rows = [
        ["项目", "预算数", "决算数"],
        ["一般公共预算财政拨款收入", "470.00", "474.91"],
        ["其他收入", "0", "0"],
        ["本年收入合计", "470.00", "474.91"],
    ]
    body = w_p("表1 收入支出决算总表") + w_p("单位：万元") + w_tbl(rows, borders=False) + w_p("说明文字。")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder, "borderless.docx")
        source.write_bytes(docx_bytes(body))
        soffice = shutil.which("soffice")
        if soffice is None:
            print("soffice not found: borderless.pdf not written", file=sys.stderr)
            return
        subprocess.run(
            [soffice, "--headless", "--convert-to", "pdf", "--outdir", folder, str(source)],
            check=True,
            capture_output=True,
        )
        shutil.copyfile(Path(folder, "borderless.pdf"), HERE / "borderless.pdf")


def _mht(html: str) -> bytes:
    """Word's "single file web page": MIME, the page quoted-printable in GB2312."""
    message = email.message.Message()
    message["MIME-Version"] = "1.0"
    message["Content-Type"] = 'multipart/related; boundary="----=_NextPart_01D5"; type="text/html"'
    message.set_payload(None)
    page = email.message.Message()
    charset = email.charset.Charset("gb2312")
    charset.body_encoding = email.charset.QP
    page.set_payload(html, charset=charset)
    page.replace_header("Content-Type", 'text/html; charset="gb2312"')
    page["Content-Location"] = "file:///C:/disclosure.htm"
    message.attach(page)
    return message.as_bytes()


def _libreoffice(source: str, target: str, output: str) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        print(f"soffice not found: {output} not written", file=sys.stderr)
        return
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            [soffice, "--headless", "--convert-to", target, "--outdir", folder, str(HERE / source)],
            check=True,
            capture_output=True,
        )
        written = next(Path(folder).iterdir())
        shutil.copyfile(written, HERE / output)


def _canvas(path: Path, **options: object):  # type: ignore[no-untyped-def]
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return canvas.Canvas(str(path), pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=1, **options)


def _justified(pdf, text: str, y: float, *, size: float = 11, indent: float = 0, full: bool = True) -> None:  # type: ignore[no-untyped-def]
    """One line of text from LEFT + indent, stretched to RIGHT when `full` (as justified text is)."""
    from reportlab.pdfbase import pdfmetrics

    text_object = pdf.beginText(LEFT + indent, y)
    text_object.setFont(FONT, size)
    if full and len(text) > 1:
        natural = pdfmetrics.stringWidth(text, FONT, size)
        text_object.setCharSpace((RIGHT - LEFT - indent - natural) / (len(text) - 1))
    text_object.textOut(text)
    pdf.drawText(text_object)


def _page_frame(pdf, number: int) -> None:  # type: ignore[no-untyped-def]
    pdf.setFont(FONT, 9)
    pdf.drawString(LEFT, 800, "示例市科学技术协会2019年部门决算")
    pdf.line(LEFT, 795, RIGHT, 795)
    pdf.drawCentredString(PAGE_WIDTH / 2, 40, f"- {number} -")


def _pdf_trouble(path: Path) -> None:
    """Two pages with what real PDFs do to text (the expected reading is in tests/read/test_pdf.py)."""
    pdf = _canvas(path)
    _page_frame(pdf, 1)
    pdf.setFont(FONT, 16)
    pdf.drawCentredString(PAGE_WIDTH / 2, 740, "示例市科学技术协会2019年部门决算公开")
    _justified(pdf, "一、收入支出决算总体情况", 700, full=False)
    # A paragraph whose figures break across lines: '474.' / '91' and '20.64万' / '元'.
    _justified(pdf, "2019年度收入总计474.91万元，其中：一般公共预算财政拨款收入474.", 680, indent=22)
    _justified(pdf, "91万元。公务用车运行费20.64万", 664, full=False)
    _justified(pdf, "元，比上年减少5万元。", 648, full=False)
    # Spaces between characters and quote marks drawn last, out of order in the content stream.
    pdf.setFont(FONT, 11)
    pdf.drawString(LEFT, 620, "二、 财 政 拨 款 三 公 经 费 支 出 决 算 情 况")
    line = "2019年三公经费支出22万元。"
    x = LEFT + 22
    pdf.drawString(x, 600, line[:5])
    width_before = pdf.stringWidth(line[:5], FONT, 11)
    pdf.drawString(x + width_before + 11, 600, line[5:9])  # room for the opening quote
    pdf.drawString(x + width_before + 11 + pdf.stringWidth(line[5:9], FONT, 11) + 11, 600, line[9:])
    pdf.drawString(x + width_before, 600, "“")
    pdf.drawString(x + width_before + 11 + pdf.stringWidth(line[5:7], FONT, 11), 600, "”")
    # A paragraph running from the bottom of page 1 onto page 2.
    _justified(pdf, "三、其他说明：本部门2019年度机关运行经费支出50.07万元，主要用于办公区", 570, indent=22)
    _justified(pdf, "的日常维修、办公用房水电费、办公用房取暖费和物业管理费等日常运行支出，比上", 554)
    pdf.showPage()
    _page_frame(pdf, 2)
    _justified(pdf, "年增加3.2万元，主要原因是办公用房维修。", 760, full=False)
    # A table without borders.
    _justified(pdf, "收入支出决算总表", 730, full=False)
    pdf.setFont(FONT, 11)
    pdf.drawRightString(RIGHT, 712, "单位：万元")
    for y, label, budget, final in [
        (694, "项目", "预算数", "决算数"),
        (676, "一般公共预算财政拨款收入", "470.00", "474.91"),
        (658, "其他收入", "0", "0"),
        (640, "本年收入合计", "470.00", "474.91"),
    ]:
        pdf.drawString(LEFT, y, label)
        pdf.drawRightString(400, y, budget)
        pdf.drawRightString(RIGHT, y, final)
    _justified(pdf, "四、名词解释", 610, full=False)
    pdf.showPage()
    pdf.save()


def _scanned(path: Path) -> None:
    """Two pages that are only pictures of text (no text layer)."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader

    pdf = _canvas(path)
    for _ in range(2):
        image = Image.new("L", (400, 200), 255)
        ImageDraw.Draw(image).rectangle((40, 40, 360, 80), fill=0)
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        pdf.drawImage(ImageReader(io.BytesIO(buffer.getvalue())), 72, 500, width=400, height=200)
        pdf.showPage()
    pdf.save()


def _encrypted(path: Path) -> None:
    """A PDF that needs a password to open."""
    pdf = _canvas(path, encrypt="secret")
    pdf.setFont(FONT, 12)
    pdf.drawString(72, 700, "公务接待费1.36万元")
    pdf.showPage()
    pdf.save()


def _xls(xlsx: bytes, path: Path) -> None:
    """The workbook saved as .xls (BIFF8) by xlwt (pip install xlwt): every sheet's values and merged
    ranges copied over."""
    import openpyxl
    import xlwt  # type: ignore[import-untyped]

    source = openpyxl.load_workbook(io.BytesIO(xlsx))
    target = xlwt.Workbook(encoding="utf-8")
    for sheet in source.worksheets:
        out = target.add_sheet(sheet.title)
        merged = {(r.min_row, r.min_col): r for r in sheet.merged_cells.ranges}
        covered = {(row, col) for r in sheet.merged_cells.ranges for row, col in r.cells}
        for row in sheet.iter_rows():
            for cell in row:
                at = (cell.row, cell.column)
                if at in merged:
                    span = merged[at]
                    out.write_merge(
                        span.min_row - 1, span.max_row - 1, span.min_col - 1, span.max_col - 1, cell.value
                    )
                elif at not in covered and cell.value is not None:
                    out.write(cell.row - 1, cell.column - 1, cell.value)
    target.save(str(path))


def _grid_table(
    pdf, rows: list[list[str]], x: float, top: float, widths: list[float], merged: dict[tuple[int, int], int]
) -> None:  # type: ignore[no-untyped-def]
    """A ruled table: `rows` of cell texts from (x, top) down, rows 18 points high; `merged` maps a
    cell (row, column) to the number of columns it spans (no inner lines under its span)."""
    height = 18.0
    edges = [x]
    for width in widths:
        edges.append(edges[-1] + width)

    for r in range(len(rows) + 1):
        pdf.line(x, top - r * height, edges[-1], top - r * height)
    for c, edge in enumerate(edges):
        for r in range(len(rows)):
            inside = any(r == mr and mc < c < mc + span for (mr, mc), span in merged.items())
            if not inside:
                pdf.line(edge, top - r * height, edge, top - (r + 1) * height)
    pdf.setFont(FONT, 10)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                pdf.drawString(edges[c] + 3, top - (r + 1) * height + 5, text)


def _turned_page(pdf, rotate: int) -> None:  # type: ignore[no-untyped-def]
    """Start drawing a landscape page on a portrait sheet: the page's /Rotate is `rotate` and the
    content is drawn turned the other way, so that a viewer shows it upright (as Excel exports do)."""
    pdf.setPageRotation(rotate)
    if rotate == 90:
        pdf.translate(PAGE_WIDTH, 0)
        pdf.rotate(90)
    else:
        pdf.translate(0, PAGE_HEIGHT)
        pdf.rotate(-90)


def _rotated(path: Path) -> None:
    """An upright cover, then landscape tables on pages turned by /Rotate 90 and 270; the second table
    runs across two pages and prints its header again on the second."""
    pdf = _canvas(path)
    pdf.setFont(FONT, 16)
    pdf.drawCentredString(PAGE_WIDTH / 2, 740, "示例县教育局2020年部门预算公开表")
    pdf.showPage()
    _turned_page(pdf, 90)
    pdf.setFont(FONT, 14)
    pdf.drawCentredString(PAGE_HEIGHT / 2, 540, "一般公共预算“三公”经费支出表")
    pdf.setFont(FONT, 10)
    pdf.drawRightString(PAGE_HEIGHT - 72, 515, "单位：万元")
    _grid_table(
        pdf,
        [
            ["合计", "因公出国(境)费", "公务用车购置及运行费", "", "", "公务接待费"],
            ["", "", "小计", "购置费", "运行费", ""],
            ["12.50", "0", "10.50", "0", "10.50", "2.00"],
        ],
        72,
        500,
        [90, 110, 120, 90, 90, 90],
        {(0, 2): 3},
    )
    pdf.showPage()
    header = ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]
    widths = [90, 220, 100, 100, 100]
    for rotate, title, rows in (
        (
            90,
            "一般公共预算支出表",
            [["", "合计", "380.00", "300.00", "80.00"], ["205", "教育支出", "380.00", "300.00", "80.00"]],
        ),
        (
            270,
            "",
            [
                ["20501", "教育管理事务", "300.00", "300.00", ""],
                ["2050101", "行政运行", "300.00", "300.00", ""],
                ["20502", "普通教育", "80.00", "", "80.00"],
            ],
        ),
    ):
        _turned_page(pdf, rotate)
        if title:
            pdf.setFont(FONT, 14)
            pdf.drawCentredString(PAGE_HEIGHT / 2, 540, title)
            pdf.setFont(FONT, 10)
            pdf.drawRightString(PAGE_HEIGHT - 72, 515, "单位：万元")
        _grid_table(pdf, [header, *rows], 72, 500, widths, {})
        pdf.showPage()
    pdf.save()


if __name__ == "__main__":
    main()
