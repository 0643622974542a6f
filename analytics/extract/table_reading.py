"""One table of a document: which standard table it is, what it states, and its `tables_seen` row.

The table is matched to the catalogue of standard tables (by its caption and the lines just above
it, else its header), then read by the reader its shape calls for: performance goals, the asset
table, a table of 政府收支分类 lines, or figures under metric labels. A catalogued table that printed
amounts but gave nothing is a failed check (warning): a standard table the extractor could not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from analytics.extract.assets import asset_facts, is_asset_table
from analytics.extract.budget_lines import (
    basic_expenditure_facts,
    budget_lines,
    find_columns,
    is_two_lists,
)
from analytics.extract.goals import goals_from_table, is_goals_table
from analytics.extract.numbers import parse_number
from analytics.extract.standard_tables import StandardTable, header_match, title_match
from analytics.extract.tables import table_facts, total_row_facts
from analytics.extract.tables.cells import context_total, meaning_of, table_unit
from analytics.extract.tables.shifted import loose_row_facts
from analytics.model import BudgetLine, Check, Fact, Kind, PerformanceGoal, Table, TableSeen

# Lines above a table that are no title: a unit, the department, a table number alone.
_NO_TITLE = re.compile(
    r"^[\s(（]*(?:金额)?单位\s*[:：]|^(?:部门|部门名称|编制单位|编制部门|单位名称|预算单位)\s*[:：]"
    r"|^(?:附表|公开|表)?\s*[\d一二三四五六七八九十]+\s*(?:表)?$"
)
_AMOUNT = re.compile(r"^-?[\d,]*\d\.\d+$|^-?\d{1,3}(?:,\d{3})+$")
_MAX_CAPTION = 80


@dataclass
class TableReading:
    """What one table gave."""

    seen: TableSeen
    facts: list[Fact] = field(default_factory=list)
    budget_lines: list[BudgetLine] = field(default_factory=list)
    goals: list[PerformanceGoal] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)


def header_text(table: Table) -> str:
    """The text of a table's first rows, where its header stands."""
    return " ".join(" ".join(row) for row in table.rows[:4])


def standard_of(table: Table, above: list[str], kind: Kind | None) -> tuple[StandardTable | None, str | None]:
    """The catalogue entry of a table and the caption line that named it (else the table's caption,
    else the nearest short line above it that is more than a unit)."""
    own = table.caption.splitlines() if table.caption else []  # a title, then its unit line
    first = [cell.strip() for cell in table.rows[0] if cell.strip()] if table.rows else []
    if len(first) == 1 and not own:
        own = first  # a title left in the table's first row, alone in it
    for line in [*reversed(own), *reversed(above)]:
        found = title_match(line, kind)
        if found is not None:
            return found, line.strip()
    caption = (own[0].strip() if own else None) or next(
        (
            line.strip()
            for line in reversed(above)
            if line.strip() and len(line) <= _MAX_CAPTION and not _NO_TITLE.match(line.strip())
        ),
        None,
    )
    return header_match(header_text(table), kind), caption


def seen_only(table: Table, ordinal: int, above: list[str], kind: Kind | None) -> TableSeen:
    """The tables_seen row of a table nothing is taken from (a document whose year is unknown)."""
    standard, caption = standard_of(table, above, kind)
    return TableSeen(ordinal, table.page, caption, standard.key if standard else None, len(table.rows), 0)


def read_table(
    table: Table, *, ordinal: int, above: list[str], year: int, kind: Kind, section: str | None
) -> TableReading:
    """Everything one table states; `above` are the lines just before it (its title and unit
    caption), `ordinal` its place among the document's tables (from 1)."""
    standard, caption = standard_of(table, above, kind)
    context = "\n".join(above)
    reading = TableReading(seen=TableSeen(ordinal, table.page, caption, None, len(table.rows), 0))
    if is_goals_table(table):
        reading.goals, reading.checks = goals_from_table(table)
    elif is_asset_table(table):
        reading.facts = asset_facts(
            table, year=year, kind=kind, section=section, context=context, ordinal=ordinal
        )
    elif (columns := find_columns(table)) is not None:
        reading.budget_lines = budget_lines(table, context=context, year=year, kind=kind, columns=columns)
        reading.facts = basic_expenditure_facts(
            table, columns, context=context, year=year, kind=kind, section=section, ordinal=ordinal
        )
        if standard is not None and standard.metrics and is_two_lists(table, columns):
            # Two lists side by side end in total rows under their own labels ('人员经费合计' |
            # '公用经费合计'): they state what the catalogue says the table can (the lines are no facts).
            given = {(f.metric, f.year, f.kind, f.value) for f in reading.facts}
            reading.facts += [
                f
                for f in table_facts(
                    table, context=context, year=year, kind=kind, section=section, standard=standard,
                    ordinal=ordinal,
                )
                if (f.metric, f.year, f.kind, f.value) not in given
            ]  # fmt: skip
    else:
        reading.facts = table_facts(
            table, context=context, year=year, kind=kind, section=section, standard=standard, ordinal=ordinal
        )
    if standard is not None and standard.total_row:
        # Its 合计 row under the metrics its columns name (合计 | 基本支出 | 项目支出), where the
        # reading above left them out (a table of classification lines; breakdown-looking columns).
        stated = {(f.metric, f.year, f.kind) for f in reading.facts}
        reading.facts += [
            f
            for f in total_row_facts(
                table, standard=standard, context=context, year=year, kind=kind, section=section,
                ordinal=ordinal,
            )
            if (f.metric, f.year, f.kind) not in stated
        ]  # fmt: skip
    if table.loose:
        _read_loose_rows(table, reading, standard, context, year, kind, section, ordinal)
    figures = len(reading.facts) + len(reading.budget_lines) + len(reading.goals)
    key = standard.key if standard else None
    reading.seen = TableSeen(ordinal, table.page, caption, key, len(table.rows), figures)
    if standard is not None and figures == 0 and _prints_amounts(table):
        reading.checks.append(
            Check(
                check="table:unread",
                severity="warning",
                passed=False,
                message=f"table {ordinal} ({caption or standard.name}) is the standard table {key} and prints "
                "amounts, but none was read from it",
                quote=caption,
            )
        )
    return reading


def _read_loose_rows(
    table: Table,
    reading: TableReading,
    standard: StandardTable | None,
    context: str,
    year: int,
    kind: Kind,
    section: str | None,
    ordinal: int,
) -> None:
    """The figures of the rows that lost their empty cells, where the table's sums leave one column
    for them (see `tables.shifted`), added to `reading` with a check for those left unread."""
    total = context_total(f"{context}\n{table.caption or ''}\n{header_text(table)}")
    found, checks = loose_row_facts(
        table, meaning=meaning_of(standard, total), unit=table_unit(table, context), year=year, kind=kind,
        section=section, ordinal=ordinal,
    )  # fmt: skip
    stated = {(f.metric, f.measure, f.year, f.kind) for f in reading.facts}
    reading.facts += [f for f in found if (f.metric, f.measure, f.year, f.kind) not in stated]
    reading.checks += checks


def _prints_amounts(table: Table) -> bool:
    """Whether any cell holds an amount as amounts are printed ('12.50', '1,234'), not a code."""
    return any(
        _AMOUNT.match(cell.strip()) and parse_number(cell.strip()) for row in table.rows for cell in row
    )
