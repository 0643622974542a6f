"""A government web page: site navigation, breadcrumb, the article in a div, footer and scripts.

The charset is declared in a meta tag and the bytes are encoded to match: UTF-8, GBK or GB18030.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from cn_budget_samples.document import Disclosure, Heading, Para, TableBlock
from cn_budget_samples.render.variants import surface

_CHARSET_NAMES = {"utf-8": "utf-8", "gbk": "GBK", "gb18030": "gb18030"}


def render_html(
    doc: Disclosure, *, charset: str = "utf-8", full_width: bool = False, traditional: bool = False
) -> bytes:
    """The page as bytes in `charset` ('utf-8', 'gbk' or 'gb18030')."""

    def s(text: str, digits: bool = False) -> str:
        return escape(
            surface(text, full_width_digits=digits and full_width, traditional_chars=traditional), quote=False
        )

    site = f"{doc.department.region}人民政府"
    section = "部门预算" if doc.kind == "budget" else "部门决算"
    body: list[str] = []
    title_done = False
    for block in doc.blocks:
        if isinstance(block, Heading):
            if block.level == 0:
                if not title_done:
                    body.append(
                        f'<p class="title" style="text-align:center;font-size:22px;"><strong>{s(block.text)}</strong></p>'
                    )
                else:
                    body.append(
                        f'<p style="text-align:center;font-size:20px;"><strong>{s(block.text)}</strong></p>'
                    )
                title_done = True
            else:
                weight = "strong" if block.level == 1 else "b"
                body.append(f'<p style="text-indent:2em;"><{weight}>{s(block.text)}</{weight}></p>')
        elif isinstance(block, Para):
            body.append(f'<p style="text-indent:2em;">{s(block.text, True)}</p>')
        else:
            body.extend(_table(block, s))
    charset_name = _CHARSET_NAMES[charset]
    page_title = s(doc.title)
    published = doc.published.isoformat()
    html = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset_name}" />
<title>{page_title}_{s(site)}</title>
<meta name="keywords" content="{s(section)},{s(doc.printed_name)}" />
<link rel="stylesheet" type="text/css" href="/css/style.css" />
<script type="text/javascript">
var _hmt = _hmt || [];
(function () {{ var hm = document.createElement("script"); hm.src = "/js/stat.js"; document.head.appendChild(hm); }})();
</script>
</head>
<body>
<div class="header"><div class="logo"><a href="/">{s(site)}</a></div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/yjs/">财政预决算</a></li></ul></div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/yjs/">财政预决算</a> &gt; {s(section)}</div>
<div class="article">
<h1>{page_title}</h1>
<div class="info">发布日期：{published}　　来源：{s(doc.printed_name)}　　<span id="views">浏览次数：</span>　【<a href="javascript:window.print()">打印</a>】【<a href="javascript:window.close()">关闭</a>】</div>
<div class="TRS_Editor" id="zoom">
{chr(10).join(body)}
</div>
</div>
<div class="footer"><p>主办单位：{s(site)}办公室　　承办单位：{s(doc.department.region)}政务服务中心</p>
<p>地址：{s(doc.department.region)}新华路　　联系电话：0316-2011234　　冀ICP备05001234号</p></div>
<script type="text/javascript" src="/js/share.js"></script>
<script type="text/javascript">document.getElementById("views").innerHTML += "1024";</script>
</body>
</html>
"""
    return html.encode("gbk" if charset == "gbk" else charset)


def _table(table: TableBlock, fmt: Callable[[str], str]) -> list[str]:
    out = [
        f'<p style="text-align:center;"><strong>{fmt(table.name)}</strong></p>',
        f'<p style="text-align:right;">{fmt(table.caption)}</p>',
        '<table border="1" cellspacing="0" cellpadding="2" style="border-collapse:collapse;width:100%;">',
    ]
    covered: set[tuple[int, int]] = set()
    starts: dict[tuple[int, int], tuple[int, int]] = {}
    for row, col, rows, cols in table.spans:
        starts[(row, col)] = (rows, cols)
        for r in range(row, row + rows):
            for c in range(col, col + cols):
                if (r, c) != (row, col):
                    covered.add((r, c))
    for r, cells in enumerate(table.header):
        tds = []
        for c, cell in enumerate(cells):
            if (r, c) in covered:
                continue
            rows, cols = starts.get((r, c), (1, 1))
            attrs = (f' rowspan="{rows}"' if rows > 1 else "") + (f' colspan="{cols}"' if cols > 1 else "")
            tds.append(f'<td{attrs} style="text-align:center;"><strong>{fmt(cell)}</strong></td>')
        out.append("<tr>" + "".join(tds) + "</tr>")
    for cells in table.rows:
        out.append("<tr>" + "".join(f"<td>{fmt(cell)}</td>" for cell in cells) + "</tr>")
    out.append("</table>")
    if table.note:
        out.append(f"<p>{fmt(table.note)}</p>")
    return out
