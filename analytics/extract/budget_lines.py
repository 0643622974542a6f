"""Rows of the standard tables keyed by 政府收支分类科目 (一般公共预算支出表, 支出决算表…).

    科目编码 | 科目名称   | 合计  | 基本支出 | 项目支出        类 | 款 | 项 | 科目名称 | 合计 | …
    206      | 科学技术支出 | 60.00 | 20.00   | 40.00          206 |    |    | 科学技术支出 | …
    2060702  | 科普活动    | 40.00 |         | 40.00          206 | 07 | 02 | 科普活动 | …

The code may stand in its own column, split into 类/款/项 columns, or open the name cell
('2060702 科普活动'). Codes stay text; functional codes start with 2, economic ones (支出经济分类,
301 工资福利支出, 30231 公务用车运行维护费) with 3 or 5.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Literal

from analytics.extract.labels import squeeze as _clean
from analytics.extract.numbers import parse_number, to_wan, unit_in
from analytics.model import BudgetLine, Fact, Kind, Table, new_budget_line, new_fact

CODE_RE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
CODE_PART_RE = re.compile(r"^\d{2,3}$")
CODE_IN_NAME_RE = re.compile(r"^\s*(\d{3}(?:\d{2}){0,2})\s+(\S.*)$")
_TOTAL_HEADER = re.compile(r"(?:本年)?(?:预算数|决算数|支出)(?:合计)?")

Columns = tuple[int, dict[str, int]]
"""Where a table of classification lines keeps them: its last header row, and the column of each
field ('code' or '类'/'款'/'项', 'name', 'total', 'basic', 'project', 'personnel', 'public_operating')."""


def find_columns(table: Table) -> Columns | None:
    """The header row and columns of a table of classification lines; None for any other table."""
    for i, row in enumerate(table.rows[:5]):
        cells = [_clean(c) for c in row]
        cols: dict[str, int] = {}
        for j, c in enumerate(cells):
            if c in ("科目编码", "功能分类科目编码", "经济分类科目编码", "编码", "代码", "科目代码"):
                cols.setdefault("code", j)
            elif c in ("类", "款", "项"):
                cols.setdefault(c, j)
            elif "科目名称" in c or c in ("名称", "项目", "科目"):
                cols.setdefault("name", j)
            elif c in ("合计", "总计", "金额", "小计") or _TOTAL_HEADER.fullmatch(c):
                cols.setdefault("total", j)
            elif "基本支出" in c:
                cols.setdefault("basic", j)
            elif c == "人员经费":
                cols.setdefault("personnel", j)
            elif c in ("公用经费", "日常公用经费"):
                cols.setdefault("public_operating", j)
            elif "项目支出" in c:
                cols.setdefault("project", j)
        if (
            "name" in cols
            and "total" in cols
            and ({"code", "类"} & cols.keys() or _codes_in_names(table, i, cols))
        ):
            # A two-row header splits 科目编码 into 类 | 款 | 项 on the row below.
            below = [_clean(c) for c in table.rows[i + 1]] if i + 1 < len(table.rows) else []
            if all(part in below for part in ("类", "款", "项")):
                cols.update({part: below.index(part) for part in ("类", "款", "项")})
                cols.pop("code", None)
                return i + 1, cols
            return i, cols
    return None


def _codes_in_names(table: Table, header: int, cols: dict[str, int]) -> bool:
    names = [r[cols["name"]] for r in table.rows[header + 1 :] if cols["name"] < len(r)]
    return sum(1 for n in names if CODE_IN_NAME_RE.match(n)) >= 2


_CODE_HEADERS = frozenset({"科目编码", "功能分类科目编码", "经济分类科目编码", "编码", "代码", "科目代码"})


def _halves(table: Table, header: int) -> tuple[Table, Table] | None:
    """A table printing two lists side by side (人员经费 | 公用经费, each 科目编码 | 科目名称 | 金额),
    split where the second 科目编码 column starts; None for a table of one list."""
    starts = [j for j, cell in enumerate(table.rows[header]) if _clean(cell) in _CODE_HEADERS]
    if len(starts) < 2:
        return None
    cut = starts[1]
    return (
        Table(rows=tuple(row[:cut] for row in table.rows), caption=table.caption),
        Table(rows=tuple(row[cut:] for row in table.rows), caption=table.caption),
    )


def is_two_lists(table: Table, columns: Columns) -> bool:
    """A table of classification lines printing two lists side by side (see `_halves`)."""
    return _halves(table, columns[0]) is not None


def budget_lines(
    table: Table, *, context: str, year: int, kind: Kind, columns: Columns | None = None
) -> list[BudgetLine]:
    """The classification lines of one table (none when it is not such a table); a table of two
    lists side by side gives the lines of both. `columns`: its `find_columns`, where known."""
    found = columns or find_columns(table)
    if found is None:
        return []
    header, cols = found
    halves = _halves(table, header)
    if halves is not None:
        return [line for half in halves for line in budget_lines(half, context=context, year=year, kind=kind)]
    head_text = " ".join(" ".join(r) for r in table.rows[: header + 1])
    unit = unit_in(context + " " + (table.caption or "") + " " + head_text)
    line_kind: Kind = "final" if "决算" in head_text or "决算" in context[-60:] else kind
    economic_hint = "经济分类" in head_text or "经济分类" in context[-60:]
    lines: list[BudgetLine] = []
    last: dict[str, str] = {}  # 类/款 carried down when a split-code row leaves them blank
    at_name, at_code, at_total, at_basic, at_project = (
        cols.get(key) for key in ("name", "code", "total", "basic", "project")
    )
    split_code = [cols[k] for k in ("类", "款", "项")] if "类" in cols else None
    for row in table.rows[header + 1 :]:
        name = _cell(row, at_name)
        code = _clean(_cell(row, at_code)) if at_code is not None else ""
        if split_code is not None:
            code, last = _split_code([_clean(_cell(row, j)) for j in split_code], last)
        if not code:
            inline = CODE_IN_NAME_RE.match(name)
            if inline:
                code, name = inline.group(1), inline.group(2).strip()
        if not CODE_RE.match(code):
            continue
        classification: Literal["functional", "economic"] = (
            "economic" if code.startswith("3") or economic_hint else "functional"
        )
        total = _money(_cell(row, at_total), unit)
        basic = _money(_cell(row, at_basic), unit)
        project = _money(_cell(row, at_project), unit)
        if basic is None and _is_basic_table(cols):
            basic = total  # every line of a 基本支出表 is basic spending
        elif total is not None and (basic is not None or project is not None):
            # Beside a stated 合计, a blank 基本支出 or 项目支出 cell is a zero.
            basic = Decimal(0) if basic is None and "basic" in cols else basic
            project = Decimal(0) if project is None and "project" in cols else project
        lines.append(
            new_budget_line(
                year=year,
                kind=line_kind,
                classification=classification,
                code=code,
                name=_clean(name),
                total=total,
                basic=basic,
                project=project,
            )
        )
    return lines


def _cell(row: tuple[str, ...], j: int | None) -> str:
    """A row's cell in column `j`, stripped; '' where the row has no such column."""
    return row[j].strip() if j is not None and j < len(row) else ""


def _money(cell: str, unit: str | None) -> Decimal | None:
    value = parse_number(cell)
    return to_wan(value, unit) if value is not None else None


def _split_code(parts: list[str], last: dict[str, str]) -> tuple[str, dict[str, str]]:
    """The code of a row whose code is split into 类 | 款 | 项 cells, and the 类/款 to carry down
    to the rows below (which may leave them blank)."""
    # A spreadsheet stores 款/项 '07' as the number 7: codes are two digits below 类.
    parts[1:] = [p.zfill(2) if p.isdigit() and len(p) == 1 else p for p in parts[1:]]
    if parts[0] and CODE_PART_RE.match(parts[0]):
        last = {"类": parts[0]}
    if not (parts[0] or parts[1] or parts[2]):
        return "", last
    lei = parts[0] or last.get("类", "")
    if parts[1]:
        last["款"] = parts[1]
    kuan = parts[1] or (last.get("款", "") if parts[2] else "")
    return lei + kuan + parts[2], last


def _is_basic_table(cols: dict[str, int]) -> bool:
    """A 一般公共预算基本支出表: its columns split the total into 人员经费 and 公用经费."""
    return "personnel" in cols and "public_operating" in cols


def basic_expenditure_facts(
    table: Table,
    columns: Columns,
    *,
    context: str,
    year: int,
    kind: Kind,
    section: str | None,
    ordinal: int | None = None,
) -> list[Fact]:
    """The 合计 row of a 基本支出表 (economic classification, 合计 | 人员经费 | 公用经费) states
    基本支出 and its two parts; `columns` are the table's (`find_columns`)."""
    header, cols = columns
    if not _is_basic_table(cols):
        return []
    head_text = " ".join(" ".join(r) for r in table.rows[: header + 1])
    unit = unit_in(context + " " + (table.caption or "") + " " + head_text)
    fact_kind: Kind = "final" if "决算" in head_text or "决算" in context[-60:] else kind
    facts: list[Fact] = []
    for row in table.rows[header + 1 :]:
        cells = [c.strip() for c in row]
        if not any(_clean(c) in ("合计", "总计") for c in cells[: cols["total"]]):
            continue
        quote = " | ".join(cells)
        for key, metric in (
            ("total", "expenditure_basic"),
            ("personnel", "expenditure_personnel"),
            ("public_operating", "expenditure_public_operating"),
        ):
            j = cols[key]
            value = parse_number(cells[j]) if j < len(cells) else None
            if value is not None:
                facts.append(
                    new_fact(
                        metric=metric,
                        measure="amount",
                        value=to_wan(value, unit),
                        year=year,
                        kind=fact_kind,
                        unit_found=unit or "万元",
                        basis="stated",
                        section=section,
                        method="table",
                        quote=quote,
                        table=ordinal,
                    )
                )
        break
    return facts
