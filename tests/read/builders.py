"""Write small .docx and .xlsx files from a few lines of XML, with the standard library only, so that a
test shows the Word/Excel markup it reads beside the blocks it expects. Also the fictional disclosure
that tests/cases/read/make_fixtures.py writes in every format (all text here is made up for tests).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

DOCX_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'wordprocessingml.document.main+xml"/></Types>'
)
DOCX_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)


def zip_bytes(members: dict[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():  # a fixed date: the same input gives the same bytes
            archive.writestr(
                zipfile.ZipInfo(name, date_time=(2019, 1, 1, 0, 0, 0)), content, zipfile.ZIP_DEFLATED
            )
    return buffer.getvalue()


def docx_bytes(body: str, *, extra: dict[str, str] | None = None) -> bytes:
    """A .docx whose word/document.xml body is `body` (WordprocessingML, prefix w:)."""
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W_NS}" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml">'
        f"<w:body>{body}</w:body></w:document>"
    )
    members: dict[str, str | bytes] = {
        "[Content_Types].xml": DOCX_CONTENT_TYPES,
        "_rels/.rels": DOCX_RELS,
        "word/document.xml": document,
    }
    members.update(extra or {})
    return zip_bytes(members)


def w_p(text: str = "", *, indent_chars: int | None = None, style: str | None = None) -> str:
    """A paragraph of one run."""
    properties = ""
    if indent_chars is not None or style is not None:
        properties = "<w:pPr>"
        if style is not None:
            properties += f'<w:pStyle w:val="{style}"/>'
        if indent_chars is not None:
            properties += f'<w:ind w:firstLineChars="{indent_chars * 100}"/>'
        properties += "</w:pPr>"
    run = f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else ""
    return f"<w:p>{properties}{run}</w:p>"


@dataclass(frozen=True)
class Cell:
    """A table cell for the builders: text, a column span and a row span (1 = none)."""

    text: str = ""
    colspan: int = 1
    rowspan: int = 1
    indent_chars: int | None = None


CellSpec = str | Cell


def _cell(spec: CellSpec) -> Cell:
    return spec if isinstance(spec, Cell) else Cell(spec)


def w_tbl(rows: list[list[CellSpec]], *, borders: bool = True) -> str:
    """A Word table from rows of cells; spans become gridSpan and vMerge (a row-spanning cell must be
    followed, in the rows below, by nothing: the continuation cells are added here)."""
    width = max(sum(_cell(c).colspan for c in row) for row in rows)
    pending: dict[int, tuple[int, int]] = {}  # column -> (rows still merged below, colspan)
    xml_rows = []
    for row in rows:
        cells = iter(_cell(c) for c in row)
        column = 0
        parts = []
        while column < width:
            if column in pending:
                left, span = pending[column]
                parts.append(_w_tc("", span, "continue"))
                pending[column] = (left - 1, span)
                if left - 1 == 0:
                    del pending[column]
                column += span
                continue
            cell = next(cells, None)
            if cell is None:
                break
            merge = None
            if cell.rowspan > 1:
                merge = "restart"
                pending[column] = (cell.rowspan - 1, cell.colspan)
            parts.append(_w_tc(cell.text, cell.colspan, merge, cell.indent_chars))
            column += cell.colspan
        xml_rows.append("<w:tr>" + "".join(parts) + "</w:tr>")
    border = (
        "<w:tblBorders>"
        + "".join(
            f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
            for side in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        + "</w:tblBorders>"
        if borders
        else ""
    )
    grid = "<w:tblGrid>" + '<w:gridCol w:w="1400"/>' * width + "</w:tblGrid>"
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/>{border}</w:tblPr>{grid}{"".join(xml_rows)}</w:tbl>'
    )


def _w_tc(text: str, colspan: int, merge: str | None, indent_chars: int | None = None) -> str:
    properties = '<w:tcW w:w="1400" w:type="dxa"/>'
    if colspan > 1:
        properties += f'<w:gridSpan w:val="{colspan}"/>'
    if merge == "restart":
        properties += '<w:vMerge w:val="restart"/>'
    elif merge == "continue":
        properties += "<w:vMerge/>"
    return f"<w:tc><w:tcPr>{properties}</w:tcPr>{w_p(text, indent_chars=indent_chars)}</w:tc>"


# --- xlsx ---------------------------------------------------------------------------------------

XLSX_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    "{sheets}</Types>"
)
XLSX_SHEET_TYPE = (
    '<Override PartName="/xl/worksheets/sheet{n}.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
)
XLSX_RELS = DOCX_RELS.replace("word/document.xml", "xl/workbook.xml")
SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


@dataclass
class Sheet:
    """A worksheet for `xlsx_bytes`: rows of values (str, int, float or None), merged ranges like
    'A1:F1', and whether it is hidden."""

    name: str
    rows: list[list[str | int | float | None]]
    merged: list[str] = field(default_factory=list)
    hidden: bool = False


def _column_name(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def xlsx_bytes(sheets: list[Sheet]) -> bytes:
    """An .xlsx workbook with inline strings (no shared strings part needed)."""
    members: dict[str, str | bytes] = {
        "[Content_Types].xml": XLSX_CONTENT_TYPES.format(
            sheets="".join(XLSX_SHEET_TYPE.format(n=i + 1) for i in range(len(sheets)))
        ),
        "_rels/.rels": XLSX_RELS,
    }
    entries = "".join(
        f'<sheet name="{escape(sheet.name)}" sheetId="{i + 1}" r:id="rId{i + 1}"'
        + (' state="hidden"' if sheet.hidden else "")
        + "/>"
        for i, sheet in enumerate(sheets)
    )
    members["xl/workbook.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{SHEET_NS}" xmlns:r="{REL_NS}">'
        f"<sheets>{entries}</sheets></workbook>"
    )
    members["xl/_rels/workbook.xml.rels"] = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(
            f'<Relationship Id="rId{i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            f'relationships/worksheet" Target="worksheets/sheet{i + 1}.xml"/>'
            for i in range(len(sheets))
        )
        + "</Relationships>"
    )
    for i, sheet in enumerate(sheets):
        rows = []
        for r, row in enumerate(sheet.rows):
            cells = []
            for c, value in enumerate(row):
                ref = f"{_column_name(c)}{r + 1}"
                if value is None:
                    continue
                if isinstance(value, bool):
                    cells.append(f'<c r="{ref}" t="b"><v>{int(value)}</v></c>')
                elif isinstance(value, str):
                    cells.append(
                        f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(value)}</t></is></c>'
                    )
                else:
                    cells.append(f'<c r="{ref}"><v>{value!r}</v></c>')
            rows.append(f'<row r="{r + 1}">{"".join(cells)}</row>')
        merged = (
            f'<mergeCells count="{len(sheet.merged)}">'
            + "".join(f'<mergeCell ref="{m}"/>' for m in sheet.merged)
            + "</mergeCells>"
            if sheet.merged
            else ""
        )
        members[f"xl/worksheets/sheet{i + 1}.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{SHEET_NS}">'
            f"<sheetData>{''.join(rows)}</sheetData>{merged}</worksheet>"
        )
    return zip_bytes(members)


# --- the fictional disclosure written in every format by tests/cases/read/make_fixtures.py --------

SANGONG_CAPTION = "一般公共预算“三公”经费支出表"
SANGONG_ROWS: list[list[CellSpec]] = [
    [
        Cell("合计", rowspan=2),
        Cell("因公出国（境）费", rowspan=2),
        Cell("公务用车购置及运行费", colspan=3),
        Cell("公务接待费", rowspan=2),
    ],
    ["小计", "购置费", "运行费"],
    ["22", "0", "20.64", "0", "20.64", "1.36"],
]
GOALS_CAPTION = "部门职责-工作活动绩效目标表"
GOALS_ROWS: list[list[CellSpec]] = [
    ["职责活动", "年度预算数", "绩效指标"],
    ["科学技术普及", "49.00", "科普活动参与人次"],
    ["　　开展科普活动", "19.00", "科技知识普及率"],
    ["　　科普设施建设", "30.00", "科普画廊数量"],
]
DISCLOSURE: list[str | tuple[str, list[list[CellSpec]]]] = [
    "示例市科学技术协会2019年部门预算公开情况说明",
    "一、部门预算安排的总体情况",
    "2019年预算收入474.91万元，其中：一般公共预算收入474.91万元，事业收入0万元，其他收入0万元。"
    "2019年支出预算474.91万元，其中基本支出281.61万元，包括人员经费和日常公用经费；项目支出193.30万元，"
    "主要用于开展科普活动、建设科普设施和组织学术交流活动。",
    "二、财政拨款“三公”经费预算情况",
    "2019年“三公”经费预算22万元，比上年减少5万元，主要原因是公车改革车辆减少。其中：因公出国（境）费0万元；"
    "公务用车购置及运行费20.64万元；公务接待费1.36万元。",
    (SANGONG_CAPTION, SANGONG_ROWS),
    "三、绩效目标",
    (GOALS_CAPTION, GOALS_ROWS),
    "四、其他重要事项的情况说明",
    "无其他需要说明的事项。",
]


def disclosure_docx() -> bytes:
    """The disclosure as Word writes it: tables with borders, each titled by a merged first row."""
    body = []
    for block in DISCLOSURE:
        if isinstance(block, str):
            body.append(w_p(block))
        else:
            caption, rows = block
            width = sum(_cell(c).colspan for c in rows[0])
            body.append(w_tbl([[Cell(caption, colspan=width)], *rows]))
    section = '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1800" w:bottom="1440" w:left="1800"/></w:sectPr>'
    return docx_bytes("".join(body) + section)


def _html_table(caption: str, rows: list[list[CellSpec]]) -> str:
    width = sum(_cell(c).colspan for c in rows[0])
    html = [
        f'<table border="1" cellspacing="0">\n<tr><td colspan="{width}"><b>{escape(caption)}</b></td></tr>'
    ]
    for row in rows:
        cells = []
        for spec in row:
            cell = _cell(spec)
            spans = (f' colspan="{cell.colspan}"' if cell.colspan > 1 else "") + (
                f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else ""
            )
            cells.append(f"<td{spans}><p>{escape(cell.text).replace('　', '&#12288;')}</p></td>")
        html.append("<tr>" + "".join(cells) + "</tr>")
    return "\n".join(html) + "\n</table>"


def disclosure_html() -> str:
    """The disclosure as a government site serves it: GB2312, navigation, scripts, a footer."""
    body = []
    for block in DISCLOSURE:
        if isinstance(block, str):
            body.append(f'<p style="text-indent:2em">{escape(block)}</p>')
        else:
            body.append(_html_table(*block))
    return (
        '<!DOCTYPE html>\n<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">\n'
        "<title>示例市科学技术协会2019年部门预算公开情况说明_示例市人民政府</title>\n"
        "<style>.nav{color:red}</style><script>var tracker = '统计代码';</script></head>\n<body>\n"
        '<div class="header"><div class="nav"><a href="/">首页</a> | <a href="/zwgk">政务公开</a></div></div>\n'
        '<div class="main"><div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 预决算公开</div>\n'
        '<div class="article"><div class="info">发布时间：2019-02-20 来源：市科协</div>\n'
        '<div class="TRS_Editor">\n' + "\n".join(body) + "\n</div>\n"
        '<div class="share">分享到：微信 微博</div></div></div>\n'
        '<div class="footer"><p>版权所有：示例市人民政府办公室 备案号：示ICP备00000000号</p></div>\n'
        "<script>document.write('访问量');</script>\n</body></html>\n"
    )


def disclosure_text() -> str:
    """The disclosure as Word's "save as plain text" writes it (one cell per tab-prefixed line, a
    blank line after each row; merged cells written once, '' in the positions they span)."""
    lines = []
    for block in DISCLOSURE:
        if isinstance(block, str):
            lines.append(block)
            continue
        caption, rows = block
        lines += ["\t" + caption, ""]
        for row in _grid(rows):
            lines += ["\t" + cell for cell in row] + [""]
    return "\n".join(lines) + "\n"


def _grid(rows: list[list[CellSpec]]) -> list[list[str]]:
    """Rows on their grid, spans read once."""
    width = sum(_cell(c).colspan for c in rows[0])
    grid = [[""] * width for _ in rows]
    covered: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        column = 0
        for spec in row:
            cell = _cell(spec)
            while (r, column) in covered:
                column += 1
            grid[r][column] = cell.text
            for rr in range(r, r + cell.rowspan):
                for cc in range(column, column + cell.colspan):
                    covered.add((rr, cc))
            column += cell.colspan
    return grid


def _number(text: str) -> str | int | float:
    try:
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            return text


def disclosure_sheets() -> list[Sheet]:
    """The disclosure as a workbook: narrative sheets between table sheets, figures as numbers."""
    sheets: list[Sheet] = []
    narrative: list[str] = []
    for block in DISCLOSURE:
        if isinstance(block, str):
            narrative.append(block)
            continue
        if narrative:
            sheets.append(Sheet(f"说明{len(sheets) + 1}", [[text] for text in narrative]))
            narrative = []
        caption, rows = block
        grid = _grid(rows)
        width = len(grid[0])
        values: list[list[str | int | float | None]] = [[caption] + [None] * (width - 1)]
        values += [[_number(cell) if cell else None for cell in row] for row in grid]
        merged = [f"A1:{_column_name(width - 1)}1"]
        for r, row in enumerate(rows):
            column = 0
            for spec in row:
                cell = _cell(spec)
                while column < width and grid[r][column] != cell.text:
                    column += 1
                if cell.colspan > 1 or cell.rowspan > 1:
                    merged.append(
                        f"{_column_name(column)}{r + 2}:{_column_name(column + cell.colspan - 1)}{r + 1 + cell.rowspan}"
                    )
                column += cell.colspan
        sheets.append(Sheet(caption[:31].replace("“", "").replace("”", ""), values, merged=merged))
    if narrative:
        sheets.append(Sheet(f"说明{len(sheets) + 1}", [[text] for text in narrative]))
    return sheets


# --- a budget workbook in the common shape, written with openpyxl -----------------------------------

BUDGET_WORKBOOK_DEPARTMENT = "示例县教育局"


def budget_workbook(*, unit: str = "万元", scale: int = 1) -> bytes:
    """A made-up county bureau's 2020 budget as departments publish it in Excel: one table per sheet,
    each under a merged title row and a '单位：万元' row; a two-sided 收支总表, the "三公" table with a
    two-row header (merged cells), an 一般公共预算支出表 whose caption row also names the compiler.
    `unit` and `scale` print the amounts in 元 (unit='元', scale=10000)."""
    import openpyxl

    def money(value: float | None) -> float | None:
        return None if value is None else round(value * scale, 2)

    name = BUDGET_WORKBOOK_DEPARTMENT
    book = openpyxl.Workbook()
    summary = book.active
    assert summary is not None
    summary.title = "收支总表"
    summary.append([f"{name}2020年部门收支总表"])
    summary.append([f"单位：{unit}"])
    summary.merge_cells("A1:D1")
    summary.merge_cells("A2:D2")
    summary.append(["收入", None, "支出", None])
    summary.merge_cells("A3:B3")
    summary.merge_cells("C3:D3")
    summary.append(["项目", "预算数", "项目", "预算数"])
    for label, amount, other, spent in [
        ("一、一般公共预算拨款收入", 1200.5, "一、基本支出", 900.25),
        ("二、政府性基金预算拨款收入", 50.0, "二、项目支出", 350.25),
        ("三、事业收入", 0.0, None, None),
        ("本年收入合计", 1250.5, "本年支出合计", 1250.5),
        ("上年结转", 10.0, "年末结转和结余", 10.0),
        ("收入总计", 1260.5, "支出总计", 1260.5),
    ]:
        summary.append([label, money(amount), other, money(spent)])
    three = book.create_sheet("三公经费")
    three.append([f"{name}2020年一般公共预算“三公”经费支出表"])
    three.append([f"单位：{unit}"])
    three.merge_cells("A1:F1")
    three.merge_cells("A2:F2")
    three.append(["合计", "因公出国(境)费", "公务用车购置及运行费", None, None, "公务接待费"])
    three.append([None, None, "小计", "购置费", "运行费", None])
    for cells in ("C3:E3", "A3:A4", "B3:B4", "F3:F4"):
        three.merge_cells(cells)
    three.append([money(v) for v in (35.5, 0.0, 30.5, 0.0, 30.5, 5.0)])
    general = book.create_sheet("一般公共预算支出表")
    general.append([f"{name}2020年一般公共预算支出表"])
    general.merge_cells("A1:E1")
    general.append([f"编制单位：{name}", None, None, None, f"单位：{unit}"])
    general.append(["科目编码", "科目名称", "合计", "基本支出", "项目支出"])
    for code, title, total, basic, project in [
        (None, "合计", 1200.5, 900.25, 300.25),
        ("205", "教育支出", 1200.5, 900.25, 300.25),
        ("20501", "教育管理事务", 900.25, 900.25, None),
        ("2050101", "行政运行", 900.25, 900.25, None),
        ("20502", "普通教育", 300.25, None, 300.25),
    ]:
        general.append([code, title, money(total), money(basic), money(project)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
