"""Warm the parsing code once, in the fork server, before any worker is forked.

The stages build much on first use: compiled patterns, the OpenCC converter, the index of China's
divisions, the vocabulary. A worker forked from a cold fork server builds all of it again, each of
them (about 0.13 s of CPU per worker, a tenth of a small run: docs/performance.md, "Start-up").
`analytics.executors.local.PRELOAD` names this module last, so the fork server imports the parsing
code and then parses a few small documents of our own, and every worker starts with the caches
filled. It touches no file and no database.
"""

from __future__ import annotations

import contextlib

from analytics.model import Document

# A short disclosure in our own words, in the shapes the readers and extractors meet most: a title
# with department and year, running text with amounts, changes and reasons, a 三公 paragraph, a
# staff sentence and a table flattened to '|' rows.
_TEXT = """某某县农业农村局2024年部门预算公开说明
一、部门基本情况
本部门核定编制15人，实有人数13人。
二、收支预算总体情况
2024年收入预算合计520.00万元，比上年增加20.00万元，增长4.0%，主要原因是项目经费增加。
其中：一般公共预算拨款收入500.00万元，政府性基金预算拨款收入0万元，上年结转20.00万元。
支出预算合计520.00万元，其中基本支出400.00万元，项目支出120.00万元。
三、“三公”经费预算情况
2024年“三公”经费预算数为6.50万元，比上年减少0.50万元，下降7.1%。其中：因公出国（境）费0万元；
公务接待费2.50万元，较上年减少0.50万元；公务用车购置及运行维护费4.00万元，其中公务用车购置费0万元，
公务用车运行维护费4.00万元，与上年持平。截至上年末，本部门共有公务用车2辆。
四、机关运行经费
2024年机关运行经费30.00万元。政府采购预算10.00万元。
| 项目 | 预算数 | 上年预算数 |
| 合计 | 6.50 | 7.00 |
| 因公出国（境）费 | 0 | 0 |
| 公务接待费 | 2.50 | 3.00 |
| 公务用车购置及运行维护费 | 4.00 | 4.00 |
"""

_DOCUMENTS = (
    ("warm-up.txt", _TEXT.encode("utf-8")),
    ("warm-up-gbk.txt", _TEXT.replace("2024", "2019").encode("gb18030")),
    ("warm-up.html", ("<html><body><p>" + _TEXT.replace("\n", "</p><p>") + "</p></body></html>").encode()),
)


def warm_up() -> list[Document]:
    """Parse the warm-up documents through every stage; the documents read (for the tests)."""
    from analytics.extract import extract
    from analytics.load.batch import build_rows
    from analytics.read.registry import read_bytes
    from analytics.validate import validate

    documents = []
    for name, data in _DOCUMENTS:
        document = read_bytes(data, name)
        extraction = extract(document)
        build_rows(document, extraction, validate(extraction))
        documents.append(document)
    return documents


with contextlib.suppress(Exception):  # a warm-up that fails leaves the workers cold, not broken
    warm_up()
