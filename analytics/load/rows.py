"""Stage data types -> column-wise values ready for one bulk INSERT per table.

Rows go in as columns (one list per column, unnested by DuckDB in a single statement): far faster
than a statement per row, and exact, because money is passed as `Decimal` and cast to DECIMAL(18,4).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from analytics.load.quality import failed_check_names, quality
from analytics.model import (
    BudgetLine,
    Check,
    Document,
    Extraction,
    Fact,
    Metadata,
    PerformanceGoal,
    TableSeen,
)

MONEY_QUANTUM = Decimal("0.0001")  # DECIMAL(18,4): 0.0001 万元 = 1 元


def money(value: Decimal | None) -> Decimal | None:
    """`value` rounded half-up (四舍五入) to the 4 decimals DECIMAL(18,4) keeps; None stays None."""
    if value is None:
        return None
    return value.quantize(MONEY_QUANTUM, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Column:
    """One column of a bulk insert: its name, its SQL type and a value per row."""

    name: str
    sql_type: str
    values: list[object]


@dataclass(frozen=True)
class Rows:
    """Rows for one table, held column by column."""

    table: str
    columns: list[Column]

    def __len__(self) -> int:
        return len(self.columns[0].values) if self.columns else 0

    def insert_sql(self) -> str:
        """`INSERT INTO table (...) SELECT unnest($1::T[]), ...`: the lists are zipped row by row."""
        names = ", ".join(f'"{c.name}"' for c in self.columns)
        selects = ", ".join(f"unnest(${i}::{c.sql_type}[])" for i, c in enumerate(self.columns, start=1))
        return f"INSERT INTO {self.table} ({names}) SELECT {selects}"

    def parameters(self) -> list[list[object]]:
        """The column lists, in the order of `insert_sql`'s $1, $2, …"""
        return [c.values for c in self.columns]


def _rows(table: str, spec: Sequence[tuple[str, str]], records: Sequence[Sequence[object]]) -> Rows:
    columns = [Column(name, sql_type, [r[i] for r in records]) for i, (name, sql_type) in enumerate(spec)]
    return Rows(table, columns)


def metadata_evidence(metadata: Metadata) -> str | None:
    """`documents.metadata_evidence`: where each metadata field was read, as JSON text:
    {"year": {"value": "2019", "source": "title", "text": "…2019年部门预算公开"}, …}; None when no
    field was read."""
    if not metadata.evidence:
        return None
    return json.dumps(
        {
            field: {"value": e.value, "source": e.source, "text": e.text}
            for field, e in metadata.evidence.items()
        },
        ensure_ascii=False,
    )


FACT_COLUMNS = (
    ("doc_id", "VARCHAR"),
    ("source_path", "VARCHAR"),
    ("department", "VARCHAR"),
    ("department_type", "VARCHAR"),
    ("region", "VARCHAR"),
    ("province", "VARCHAR"),
    ("year", "INTEGER"),
    ("kind", "VARCHAR"),
    ("metric", "VARCHAR"),
    ("measure", "VARCHAR"),
    ("value", "DECIMAL(18,4)"),
    ("unit_found", "VARCHAR"),
    ("basis", "VARCHAR"),
    ("reason", "VARCHAR"),
    ("section", "VARCHAR"),
    ("method", "VARCHAR"),
    ("quote", "VARCHAR"),
    ("region_code", "VARCHAR"),
    ("original_value", "DECIMAL(18,4)"),
    ("quality", "VARCHAR"),
    ("quality_checks", "VARCHAR"),
)


def fact_rows(
    document: Document, extraction: Extraction, facts: Sequence[Fact], checks: Sequence[Check] = ()
) -> Rows:
    """Facts with the document's metadata repeated on each row, so SQL needs no join to filter, and
    each figure's quality flag from the document's failed `checks` (`analytics.load.quality`)."""
    meta = extraction.metadata
    doubts = failed_check_names(facts, checks)
    records = [
        (
            document.doc_id,
            document.source_path,
            meta.department,
            meta.department_type,
            meta.region,
            meta.province,
            f.year,
            f.kind,
            f.metric,
            f.measure,
            money(f.value),
            f.unit_found,
            f.basis,
            f.reason,
            f.section,
            f.method,
            f.quote,
            meta.region_code,
            None,
            quality(f.basis, doubt),
            doubt,
        )
        for f, doubt in zip(facts, doubts, strict=True)
    ]
    return _rows("facts", FACT_COLUMNS, records)


GOAL_COLUMNS = (
    ("doc_id", "VARCHAR"),
    ("activity", "VARCHAR"),
    ("parent_activity", "VARCHAR"),
    ("budget", "DECIMAL(18,4)"),
    ("description", "VARCHAR"),
    ("goal", "VARCHAR"),
    ("indicator", "VARCHAR"),
    ("grade_excellent", "VARCHAR"),
    ("grade_good", "VARCHAR"),
    ("grade_fair", "VARCHAR"),
    ("grade_poor", "VARCHAR"),
)


def goal_rows(document: Document, goals: Sequence[PerformanceGoal]) -> Rows:
    """Performance-goal rows of one document, in the order the table prints them."""
    records = [
        (
            document.doc_id,
            g.activity,
            g.parent_activity,
            money(g.budget),
            g.description,
            g.goal,
            g.indicator,
            g.grade_excellent,
            g.grade_good,
            g.grade_fair,
            g.grade_poor,
        )
        for g in goals
    ]
    return _rows("performance_goals", GOAL_COLUMNS, records)


BUDGET_LINE_COLUMNS = (
    ("doc_id", "VARCHAR"),
    ("year", "INTEGER"),
    ("kind", "VARCHAR"),
    ("classification", "VARCHAR"),
    ("code", "VARCHAR"),
    ("name", "VARCHAR"),
    ("total", "DECIMAL(18,4)"),
    ("basic", "DECIMAL(18,4)"),
    ("project", "DECIMAL(18,4)"),
)


def budget_line_rows(document: Document, lines: Sequence[BudgetLine]) -> Rows:
    """Classification-table rows of one document; codes stay strings."""
    records = [
        (
            document.doc_id,
            b.year,
            b.kind,
            b.classification,
            b.code,
            b.name,
            money(b.total),
            money(b.basic),
            money(b.project),
        )
        for b in lines
    ]
    return _rows("budget_lines", BUDGET_LINE_COLUMNS, records)


CHECK_COLUMNS = (
    ("doc_id", "VARCHAR"),
    ("check", "VARCHAR"),
    ("severity", "VARCHAR"),
    ("metric", "VARCHAR"),
    ("expected", "DECIMAL(18,4)"),
    ("actual", "DECIMAL(18,4)"),
    ("message", "VARCHAR"),
    ("passed", "BOOLEAN"),
    ("year", "INTEGER"),
    ("quote", "VARCHAR"),
    ("source_path", "VARCHAR"),
)


def check_rows(document: Document, checks: Sequence[Check]) -> Rows:
    """One row per check that ran on the document, passed or not."""
    records = [
        (
            document.doc_id,
            c.check,
            c.severity,
            c.metric,
            money(c.expected),
            money(c.actual),
            c.message,
            c.passed,
            c.year,
            c.quote,
            document.source_path,
        )
        for c in checks
    ]
    return _rows("checks", CHECK_COLUMNS, records)


TABLE_SEEN_COLUMNS = (
    ("doc_id", "VARCHAR"),
    ("ordinal", "INTEGER"),
    ("page", "INTEGER"),
    ("caption", "VARCHAR"),
    ("standard_table", "VARCHAR"),
    ("rows", "INTEGER"),
    ("figures", "INTEGER"),
)


def table_seen_rows(document: Document, tables: Sequence[TableSeen]) -> Rows:
    """One row per table found in the document, in document order."""
    records = [
        (document.doc_id, t.ordinal, t.page, t.caption, t.standard_table, t.rows, t.figures) for t in tables
    ]
    return _rows("tables_seen", TABLE_SEEN_COLUMNS, records)


CHILD_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "facts": FACT_COLUMNS,
    "performance_goals": GOAL_COLUMNS,
    "budget_lines": BUDGET_LINE_COLUMNS,
    "checks": CHECK_COLUMNS,
    "tables_seen": TABLE_SEEN_COLUMNS,
}
"""The columns of each table whose rows belong to a document, in the order they are written."""
