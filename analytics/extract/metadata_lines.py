"""A document read as sourced lines, for its metadata: the title (or a printed document's cover),
page-header labels ('部门：…', '单位名称：…', '发布机构：…', '标题：…'), the body, table captions and
label cells, the closing lines (for a signature), the file name (or one printed at the top of a
page) and the folder name (see `document_lines`).

The title is the opening line that reads like one (a year, or 预算, 决算, 三公, 公开), with a name
standing alone on the line before it; web-page furniture (breadcrumbs, banners, hotlines, dates,
page marks) is left out.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

from analytics.extract.department_titles import names_in_title
from analytics.extract.departments import named
from analytics.extract.patterns import trie_regex
from analytics.extract.sections import is_heading
from analytics.model import Document, Paragraph, Table
from analytics.read.shape.marks import PAGE_MARK_RE
from analytics.reference import vocabulary

OPENING_LINES = 100  # lines read from the start of a document
OPENING_CHARS = 3000
CLOSING_LINES = 12  # lines searched for a signature at the end
TITLE_LINES = 4
OPENING_TITLE_LINES = 12  # short lines looked at for the title
TABLE_CHARS = 400  # what a table counts toward OPENING_CHARS
TABLE_LABEL_ROWS = 2  # rows of a table searched for labels ('编制单位' | '…局')

_FILE_LINE = re.compile(
    r"^[/\\]?(?P<stem>[^/\\|]{2,80})\.(?:pdf|docx?|xlsx?|wps|et|txt|html?)$", re.IGNORECASE
)
DATE_LINE = re.compile(
    r"^(?:(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|(?:19|20)\d{2}[-./]\d{1,2}[-./]\d{1,2}|"
    r"\d{1,2}\.\d{1,2}\.(?:19|20)\d{2})(?:\s|星期|周|[\d:]|$)"
)
_SENTENCE_END = ("。", ":", ";", "：", "；")
_BULLETS = "•●▪◆■◇○◦‣"  # list bullets a line may open with (not '·', which may join a name's parts)


def _words(name: str) -> list[str]:
    return vocabulary()["metadata"][name]


class Line(NamedTuple):
    """A line of a document with where it stands (a METADATA_SOURCES value). (A named tuple: cheap
    to make; the body's lines are kept as texts all the same, and made `Line`s where one is read.)"""

    text: str
    source: str


class Label(NamedTuple):
    """A label and its value: '单位名称：徐闻县经济信息化和科技局' -> ('department', '徐闻县…局'). (A named
    tuple, as `Line` is.)"""

    kind: str  # 'department' | 'publisher' | 'source' | 'title' | 'publication'
    value: str
    source: str  # 'header' | 'table'
    text: str


@cache
def _label_kinds() -> dict[str, str]:
    kinds: dict[str, str] = {}
    for kind, words in (
        ("publication", [*_words("publication_labels"), "金额单位"]),
        ("title", _words("title_labels")),
        ("source", _words("source_labels")),
        ("publisher", _words("publisher_labels")),
        ("department", _words("department_labels")),
    ):
        kinds.update(dict.fromkeys(words, kind))
    return kinds


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    labels = trie_regex(_label_kinds(), between="[ \t]*")
    return {
        "label": re.compile(rf"(?P<label>{labels})\s*(?:[:：]|\|)"),
        "label_line": re.compile(rf"^(?:{labels})\s*[:：]?$"),
        "spaced_label": re.compile(rf"(?:^|(?<=\s))(?P<label>{labels})(?=\s)"),
        # (one trie of the words and '>', '»': an alternation with an anchored branch beside it
        # would make the regex engine try every branch at every character)
        "noise": re.compile(trie_regex([*_words("noise_line_words"), ">", "»"])),
        "contents": re.compile(r"目\s*录$"),
        "label_boundary": re.compile(r"[\s|【】\[\]()（）:：,，;；]"),
    }


def _is_noise(text: str) -> bool:
    """Web-page furniture and page marks ('—5—', '6'; not '2019', a year its 年 left)."""
    patterns = _patterns()
    return (
        bool(patterns["noise"].search(text))
        or bool(patterns["contents"].match(text))
        or bool(PAGE_MARK_RE.match(text))
        or (text.isdigit() and len(text) <= 3)
    )


def _labels_of(text: str, source: str) -> Iterator[Label]:
    """The label/value pairs of a line: a value runs to the next label ('部门:X局单位:万元')."""
    patterns, kinds = _patterns(), _label_kinds()
    matches = list(patterns["label"].finditer(text))
    boundary = patterns["label_boundary"].match
    for i, match in enumerate(matches):
        start = match.start()
        if start > 0 and not boundary(text, start - 1):
            continue  # inside a word: it only ends the value before it
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        value = text[match.end() : end].strip(" \t|:：")
        if value:
            label = match["label"]  # (spaces or tabs may stand between its characters)
            yield Label(kinds.get(label) or kinds["".join(label.split())], value, source, text)


def _table_labels(table: Table) -> Iterator[Label]:
    """Labels in a table's first rows: a label cell and the cell after it, or 'label:value' in one."""
    for row in table.rows[:TABLE_LABEL_ROWS]:
        for i, cell in enumerate(row):
            kind = _label_cell(cell)
            if kind is not None and i + 1 < len(row) and row[i + 1].strip():
                yield Label(kind, row[i + 1].strip(), "table", " | ".join(row))
                continue
            if (":" in cell or "：" in cell) and _patterns()["label"].search(cell):
                yield from _labels_of(cell.strip(), "table")


@lru_cache(maxsize=1 << 12)
def _label_cell(cell: str) -> str | None:
    """The kind of label a short cell is ('单位名称:' -> 'department'), None for any other cell.
    (Cached: header cells repeat across tables and documents.)"""
    if len(cell) > 12:
        return None
    return _label_kinds().get("".join(cell.split()).rstrip(":："))


@dataclass
class DocumentLines:
    """A document's lines by where they stand."""

    title: list[Line]
    body: list[str]  # (the body's lines as texts: a document makes many, few are read as `Line`s)
    labels: list[Label]
    captions: list[Line]
    closing: list[str]
    file_names: list[Line]  # the file's own name, and any printed at the top of the page
    folder: str


def document_lines(document: Document) -> DocumentLines:
    """The document read as sourced lines (see the module docstring)."""
    lines = DocumentLines([], [], [], [], [], [], os.path.basename(os.path.dirname(document.source_path)))
    body, labels = lines.body, lines.labels
    title_source = "cover" if document.format in ("pdf", "docx", "doc") else "title"
    opening: list[str] = []  # the short lines before the first sentence or heading
    in_opening, chars, pending = True, 0, None
    seen_labels: set[str] = set()
    patterns = _patterns()
    label_search, label_line_match = patterns["label"].search, patterns["label_line"].match
    for block in document.blocks:
        if len(body) >= OPENING_LINES or chars >= OPENING_CHARS:
            break
        if isinstance(block, Table):
            if block.caption:
                lines.captions.append(Line(block.caption.strip(), "table caption"))
            labels.extend(_table_labels(block))
            in_opening = in_opening and not opening
            chars += TABLE_CHARS
            continue
        text = block.text.strip()
        if text[:1] in _BULLETS:  # a page-metadata list: '• 文章标题' / '• 重庆市…局2020年度…'
            text = text.lstrip(_BULLETS + " \t")
        if not text:
            continue
        chars += len(text)
        label_line = len(text) <= 8 and label_line_match(text)
        if pending is not None and not label_line:  # a label alone on its line names the next line
            labels.append(Label(pending, text, "header", text))
            pending = None
            continue
        if label_line:  # (a label left empty, as '发文字号' often is, names nothing)
            pending = _label_kinds()["".join(text.rstrip(":：").split())]
            continue
        if (":" in text or "：" in text or "|" in text) and (label := label_search(text)):
            if text not in seen_labels:  # a table caption's '编制单位:…' repeats: read it once
                seen_labels.add(text)
                labels.extend(_labels_of(text, "header"))
            if label.start() == 0:
                continue
        if len(body) < 8 and _opening_line(text, lines):  # furniture, dates, file names, labels
            continue
        if in_opening and len(body) < 8 and _is_title_line(text) and len(opening) < OPENING_TITLE_LINES:
            if text not in opening:
                opening.append(text)
            continue
        in_opening = False
        body.append(text)
    lines.title = [Line(text, title_source) for text in _title_of(opening)]
    stem = os.path.splitext(os.path.basename(document.source_path))[0]
    lines.file_names.insert(0, Line(stem, "file name"))
    lines.closing = [b.text.strip() for b in document.blocks[-CLOSING_LINES:] if isinstance(b, Paragraph)]
    return lines


def _opening_line(text: str, lines: DocumentLines) -> bool:
    """Whether a line of the opening is a file name, labels parted by spaces, or furniture or a date,
    which are no body line (a file name and labels are kept in `lines`)."""
    file_line = _FILE_LINE.match(text) if "." in text[-5:] else None  # ('.pdf', '.html'…)
    if file_line:
        lines.file_names.append(Line(file_line["stem"], "file name"))
        return True
    spaced = _spaced_labels(text) if text.count(" ") >= 2 else None
    if spaced:
        lines.labels.extend(spaced)
        return True
    return _is_noise(text) or bool(DATE_LINE.match(text))


def _spaced_labels(text: str) -> list[Label]:
    """Labels and values parted by spaces only, two or more on a line: '发布机构 X街道办事处 责任部门 …'."""
    matches = list(_patterns()["spaced_label"].finditer(text))
    if len(matches) < 2:
        return []
    found = []
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        value = text[match.end() : end].strip()
        if value:
            found.append(Label(_label_kinds()["".join(match["label"].split())], value, "header", text))
    return found


def _title_of(opening: list[str]) -> list[str]:
    """The title among the opening lines: the lines that read like one (a year, or 预算, 决算, 三公,
    公开), each with a name standing alone on the line before one that names none ('江苏省人民检察院' /
    '2017年部门预算')
    and the short lines that finish it ('…预算2014年情况的' / '说 明'); site banners and slogans are
    left out. Without such a line, the first lines."""
    shaped = [bool(_TITLE_SHAPE.search(text)) for text in opening]
    if not any(shaped):
        return opening[:TITLE_LINES]
    title: list[str] = []
    for i, text in enumerate(opening):
        name_line = (
            i + 1 < len(opening)
            and shaped[i + 1]
            and named(text) is not None
            and not names_in_title(opening[i + 1])
        )
        finishing = i > 0 and opening[i - 1] in title and len(text) <= 10
        repeated = text in title  # a web page's <title> and its heading say the same
        if (shaped[i] or name_line or finishing) and not repeated:
            title.append(text)
    return title[:TITLE_LINES]


_TITLE_SHAPE = re.compile(r"(?:19|20)\d{2}\s*年|预算|决算|三公|公开")


# What a title never holds: a sentence's commas or stops ('出决算中,因公出国(境)费…;公务用车购').
_NOT_IN_TITLE = re.compile(r"[,，;；。|]")


def _is_title_line(text: str) -> bool:
    return (
        len(text) <= 60
        and not text.endswith(_SENTENCE_END)
        and not _NOT_IN_TITLE.search(text)
        and not is_heading(text)
    )


def title_lines(document: Document) -> list[str]:
    """The short lines that open a document before its first sentence or heading, web-page
    navigation, labels and publication lines left out."""
    return [line.text for line in document_lines(document).title]
