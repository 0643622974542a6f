"""Staff counts: the authorised posts (编制人数, `staff_authorised`) and the staff in post (实有人数,
`staff_actual`), which disclosures state in their overview (单位概况 / 人员情况), for per-staff figures.

Sentences name a total with a label just before the count, and its parts after 其中:

    核定人员编制71人            -> staff_authorised 71
    总编制37名，其中行政编制19名，事业编制15名       -> staff_authorised 37 (the parts are not totals)
    现有人员编制115人，其中：参照公务员管理事业编制71人 -> staff_authorised 115
    实有人数11人，其中：在职人员10人，退休人员1人      -> staff_actual 10 (实有 here counts the retired)
    在职实有人数 11 人 / 在职人员总数31人 / 实有在职在编人员16名 -> staff_actual

and 人员情况 tables a label cell and the total in the first number after it:

    编制数 | 34 | 34          -> staff_authorised 34
    在职人数 | 32 | 32        -> staff_actual 32

What is not a staff count: retirees (离休 / 退休 / 离退休人员), attendances (300人次), a change
(在职人员增加2人), representatives or members (268名代表), a number that is a year (编制2024年预算),
vehicle quotas (车辆编制5辆, a table about vehicles). A post type alone (行政编制4个) is a total only
where the document states no other and it is not one of a list of parts. Counts are `unit_found` '人'
(the unit printed is 人, 名 or 个); one count per metric and document: the first total stated, a label
naming staff in post (在职, 在编, 在岗) before a bare 实有人数.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from analytics.model import Document, Fact, Kind, Paragraph, Table, new_fact

# Cheap gates: a block without any of these words, or without a number before 人, 名 or 个 (what
# every count pattern ends with), holds no staff count.
_GATE = re.compile("编制|实有|在职|在编|在岗")
_COUNT_GATE = re.compile(r"\d\s*[人名个]")

_FILLER = r"[为是共有计总数：:\s]{0,6}"
_COUNT = r"(?P<count>\d{1,6})\s*(?P<unit>人|名|个)(?!次|民|大|员|代表|均|口|以上|左右)"

# Labels of the authorised total, most specific first.
_AUTHORISED = r"(?:核定(?:人员)?编制(?:人数|数|总数)?|(?:人员)?编制(?:人数|总数|数)|总编制(?:人数|数)?|人员编制|核定编制)"
_TYPED = r"(?:行政|事业|参公|参照公务员(?:法)?管理(?:事业)?|工勤|全额拨款事业|差额拨款事业|自收自支事业)编制"
_IN_POST = r"(?:实有)?(?:在职|在编|在岗)(?:在编|实有)?(?:人员|人数|职工|干部职工)?(?:总数|总人数)?"
_ACTUAL = r"(?:实有|现有|实际)(?:正式|在职)?(?:人员|人数|职工|教职工|干部职工)(?:总数)?"

# '编制' alone names the total where nothing but a verb or a space stands before it ('核定编制 4 名'
# broken over lines, '共有编制6个'), never inside a post type ('行政编制').
_BARE = r"(?:(?<=[\s，,：:有定])|^)编制"

_SENTENCE_END = re.compile(r"[。；;！!？?\n]")
_PART_OF = re.compile(r"其中[：:]?\s*$|[，,、]\s*$")
TYPED_RANK = 2

# (metric, rank, the words one of which each label holds (a cheap gate), the pattern)
_PATTERNS: tuple[tuple[str, int, tuple[str, ...], re.Pattern[str]], ...] = (
    ("staff_authorised", 0, ("编制",), re.compile(rf"(?P<label>{_AUTHORISED}){_FILLER}{_COUNT}")),
    ("staff_actual", 0, ("在职", "在编", "在岗"), re.compile(rf"(?P<label>{_IN_POST}){_FILLER}{_COUNT}")),
    ("staff_actual", 1, ("实有", "现有", "实际"), re.compile(rf"(?P<label>{_ACTUAL}){_FILLER}{_COUNT}")),
    ("staff_authorised", TYPED_RANK, ("编制",), re.compile(rf"(?P<label>{_TYPED}){_FILLER}{_COUNT}")),
    ("staff_authorised", 1, ("编制",), re.compile(rf"(?P<label>{_BARE}){_FILLER}{_COUNT}")),
)

# Table row labels, as the whole first cell (spaces removed, '其中:' dropped).
_ROW_LABELS: dict[str, tuple[str, int]] = {
    **{label: ("staff_authorised", 0) for label in ("编制数", "编制人数", "人员编制", "人员编制数", "核定编制",
                                                     "核定编制数", "核定编制人数", "编制总数")},
    **{label: ("staff_actual", 0) for label in ("在职人数", "在职人员", "在职人员数", "在编人数", "在编人员",
                                                 "在岗人数", "实有在职人数", "在职实有人数")},
    **{label: ("staff_actual", 1) for label in ("实有人数", "实有人员", "实有人员数")},
}  # fmt: skip
_INTEGER = re.compile(r"^\d{1,6}$")
_SPACES = re.compile(r"\s+")
_YEAR_CELL = re.compile(r"^((?:19|20)\d{2})\s*年?")


@dataclass(frozen=True)
class _Candidate:
    metric: str
    rank: int  # lower is a better label
    order: int  # where it stands in the document
    value: int
    unit: str
    quote: str
    method: str  # 'narrative' | 'table'


def staff_facts(document: Document, year: int, kind: Kind) -> list[Fact]:
    """The document's staff counts (at most one per metric), for its own year and kind."""
    candidates: list[_Candidate] = []
    recent: list[str] = []  # the '|' lines just before, for a table's header
    for order, block in enumerate(document.blocks):
        if isinstance(block, Paragraph):
            text = block.text
            if "|" in text:
                first = text.strip().strip("|").split("|", 1)[0]
                if _may_label(first) and _row_label(first) in _ROW_LABELS:
                    before = [_pipe_cells(line) for line in recent]
                    candidates.extend(_row(_pipe_cells(text), before, order, year))
                recent = [*recent[-2:], text]
                continue
            recent = []
            if ("编" in text or "实" in text or "在" in text) and _may_count(text):
                candidates.extend(_sentences(text, order))
        elif isinstance(block, Table):
            if not _may_label_column([row[0] for row in block.rows if row]) or _about_vehicles(block):
                continue  # no first cell that may be a label (most tables), or a table about vehicles
            for i, raw in enumerate(block.rows):
                if raw and _may_label(raw[0]) and _row_label(raw[0]) in _ROW_LABELS:
                    before = [[c.strip() for c in r] for r in block.rows[max(0, i - 3) : i]]
                    candidates.extend(_row([c.strip() for c in raw], before, order, year))
    typed = [c for c in candidates if c.metric == "staff_authorised" and c.rank == TYPED_RANK]
    if len(typed) > 1:  # post types in several sentences and no total: parts, not a total
        candidates = [c for c in candidates if c not in typed]
    facts: list[Fact] = []
    for metric in ("staff_authorised", "staff_actual"):
        found = [c for c in candidates if c.metric == metric]
        if not found:
            continue
        best = min(found, key=lambda c: (c.rank, c.order))
        facts.append(
            new_fact(metric, "amount", Decimal(best.value), year, kind, "人", "stated", None,
                     best.method, best.quote)  # type: ignore[arg-type]
        )  # fmt: skip
    return facts


def _sentences(text: str, order: int) -> list[_Candidate]:
    out: list[_Candidate] = []
    start = 0
    for end_match in [*_SENTENCE_END.finditer(text), None]:
        end = end_match.end() if end_match else len(text)
        sentence = text[start:end]
        start = end
        if not _may_count(sentence):
            continue
        taken: list[tuple[int, int]] = []
        for metric, rank, words, pattern in _PATTERNS:
            if not any(word in sentence for word in words):
                continue
            matches = list(pattern.finditer(sentence))
            if rank == TYPED_RANK and len(matches) > 1:
                continue  # '行政编制4个，参公事业编制2个': parts of a total not stated
            for match in matches:
                span = match.span()
                if any(a < span[1] and span[0] < b for a, b in taken):
                    continue  # a longer label already read this count
                before = sentence[: match.start()]
                if _retired(match.group("label")):
                    continue
                if match.group("unit") == "个" and metric != "staff_authorised":
                    continue
                if rank == TYPED_RANK and _PART_OF.search(before):
                    continue  # '其中行政编制19名', '…，事业编制15名': a part
                if metric == "staff_authorised" and "其中" in before[-4:]:
                    continue
                taken.append(span)
                out.append(
                    _Candidate(metric, rank, order, int(match.group("count")), match.group("unit"),
                               sentence.strip(), "narrative")
                )  # fmt: skip
    return out


def _may_count(text: str) -> bool:
    """Whether a text may state a count: a word of the gate and a number before 人, 名 or 个. (Each
    gate word holds 编, 实 or 在: a block is tested for those first, in the loop, the cheapest.)"""
    return _GATE.search(text) is not None and _COUNT_GATE.search(text) is not None


def _may_label(cell: str) -> bool:
    """Whether a first cell may be one of the row labels: each holds 编, 在 or 实 (a cheap test
    before the label is cleaned and looked up; most rows are no staff count)."""
    return "编" in cell or "在" in cell or "实" in cell


def _may_label_column(cells: list[str]) -> bool:
    """Whether a table's first cells may hold one of the row labels: each label holds a word of the
    gate ('编制', '在职'…), which the cells joined, spaces removed, then hold too."""
    joined = "".join(cells)
    return _may_label(joined) and _GATE.search("".join(joined.split())) is not None


def _pipe_cells(line: str) -> list[str]:
    """The cells of a table row flattened into a '|' line."""
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _retired(label: str) -> bool:
    return any(word in label for word in ("离休", "退休", "遗属"))


def _row(row: list[str], before: list[list[str]], order: int, year: int) -> list[_Candidate]:
    if not row:
        return []
    known = _ROW_LABELS.get(_row_label(row[0]))
    if known is None or any("车" in c or "辆" in c for r in before for c in r):
        return []
    metric, rank = known
    column = _year_column(before, year)
    cells = row[1:] if column is None else row[column : column + 1]
    value = next((c for c in cells if _INTEGER.match(c.replace(" ", ""))), None)
    if value is None:
        return []
    return [_Candidate(metric, rank, order, int(value.replace(" ", "")), "人", " | ".join(row), "table")]


def _row_label(cell: str) -> str:
    """A first cell as a row label: spaces removed, '其中:' dropped."""
    return _SPACES.sub("", cell).removeprefix("其中").lstrip(":：")


def _year_column(header_rows: list[list[str]], year: int) -> int | None:
    """The column of the document's year in a header that has columns by year, else None (the first
    number is the total). A header with years but not this one gives -1: no column to read."""
    for header in reversed(header_rows):
        years = {i: int(m.group(1)) for i, c in enumerate(header) if (m := _YEAR_CELL.match(c))}
        if len(years) >= 2:
            return next((i for i, y in years.items() if y == year), len(header) + 1)
    return None


def _about_vehicles(table: Table) -> bool:
    head = " ".join(" ".join(r) for r in table.rows[:2]) + (table.caption or "")
    return "车" in head or "辆" in head


__all__ = ["staff_facts"]
