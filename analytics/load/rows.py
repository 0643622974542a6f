"""Stage data types -> column-wise values ready for one bulk INSERT per table.

Each builder gives a list of values per column name; `table_rows` puts them in the order and with the
types `schema.toml` declares, and refuses a column set that differs from the declaration. Rows go in as columns (one list per column, unnested by DuckDB in a single statement): far faster
than a statement per row, and exact, because money is passed as `Decimal` and cast to DECIMAL(18,4).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal
from functools import cache

from analytics.load.quality import failed_check_names, quality
from analytics.load.schema import TABLES
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

# Rounding half-up in Python's default context (28 digits; an amount needing more is an
# InvalidOperation): a context's own quantize takes no keyword, at half the cost of Decimal.quantize's.
_quantize = Context(rounding=ROUND_HALF_UP).quantize


def money(value: Decimal | None) -> Decimal | None:
    """`value` rounded half-up (四舍五入) to the 4 decimals DECIMAL(18,4) keeps; None stays None."""
    if value is None:
        return None
    return _quantize(value, MONEY_QUANTUM)


def money_values(values: Iterable[Decimal | None]) -> list[object]:
    """`money()` of each value (a Decimal or None): a column of amounts, without a call per value."""
    return [None if value is None else _quantize(value, MONEY_QUANTUM) for value in values]


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


def table_rows(table: str, values: Mapping[str, list[object]]) -> Rows:
    """Rows of `table` from a list of values per column name: every column `schema.toml` declares
    for the table, no other, put in the declared order with the declared types."""
    names, columns = _declared(table)
    if values.keys() != names:
        missing, extra = names - values.keys(), values.keys() - names
        raise ValueError(f"rows of {table}: missing columns {sorted(missing)}, undeclared {sorted(extra)}")
    return Rows(table, [Column(name, sql_type, values[name]) for name, sql_type in columns])


@cache
def _declared(table: str) -> tuple[frozenset[str], tuple[tuple[str, str], ...]]:
    """The names of the columns `schema.toml` declares for `table`, and (name, type) in their order."""
    declared = TABLES[table]
    return frozenset(declared.names), tuple((c.name, c.type) for c in declared.columns)


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


def fact_rows(
    document: Document, extraction: Extraction, facts: Sequence[Fact], checks: Sequence[Check] = ()
) -> Rows:
    """Facts with the document's metadata repeated on each row, so SQL needs no join to filter, and
    each figure's quality flag from the document's failed `checks` (`analytics.load.quality`)."""
    meta = extraction.metadata
    doubts = failed_check_names(facts, checks)
    n = len(facts)
    return table_rows(
        "facts",
        {
            "doc_id": [document.doc_id] * n,
            "source_path": [document.source_path] * n,
            "department": [meta.department] * n,
            "department_type": [meta.department_type] * n,
            "region": [meta.region] * n,
            "province": [meta.province] * n,
            "year": [f.year for f in facts],
            "kind": [f.kind for f in facts],
            "metric": [f.metric for f in facts],
            "measure": [f.measure for f in facts],
            "value": money_values([f.value for f in facts]),
            "unit_found": [f.unit_found for f in facts],
            "basis": [f.basis for f in facts],
            "reason": [f.reason for f in facts],
            "section": [f.section for f in facts],
            "method": [f.method for f in facts],
            "quote": [f.quote for f in facts],
            "region_code": [meta.region_code] * n,
            "original_value": [None] * n,
            "quality": _qualities(facts, doubts),
            "quality_checks": list(doubts),
        },
    )


def _qualities(facts: Sequence[Fact], doubts: list[str | None]) -> list[object]:
    """`quality()` of each figure; of each basis once when no failed check names a figure (most
    documents)."""
    if not any(doubts):
        flag = {basis: quality(basis, None) for basis in {f.basis for f in facts}}
        return [flag[f.basis] for f in facts]
    return [quality(f.basis, doubt) for f, doubt in zip(facts, doubts, strict=True)]


def goal_rows(document: Document, goals: Sequence[PerformanceGoal]) -> Rows:
    """Performance-goal rows of one document, in the order the table prints them."""
    return table_rows(
        "performance_goals",
        {
            "doc_id": [document.doc_id] * len(goals),
            "activity": [g.activity for g in goals],
            "parent_activity": [g.parent_activity for g in goals],
            "budget": money_values([g.budget for g in goals]),
            "description": [g.description for g in goals],
            "goal": [g.goal for g in goals],
            "indicator": [g.indicator for g in goals],
            "grade_excellent": [g.grade_excellent for g in goals],
            "grade_good": [g.grade_good for g in goals],
            "grade_fair": [g.grade_fair for g in goals],
            "grade_poor": [g.grade_poor for g in goals],
        },
    )


def budget_line_rows(document: Document, lines: Sequence[BudgetLine]) -> Rows:
    """Classification-table rows of one document; codes stay strings."""
    return table_rows(
        "budget_lines",
        {
            "doc_id": [document.doc_id] * len(lines),
            "year": [b.year for b in lines],
            "kind": [b.kind for b in lines],
            "classification": [b.classification for b in lines],
            "code": [b.code for b in lines],
            "name": [b.name for b in lines],
            "total": money_values([b.total for b in lines]),
            "basic": money_values([b.basic for b in lines]),
            "project": money_values([b.project for b in lines]),
        },
    )


def check_rows(document: Document, checks: Sequence[Check]) -> Rows:
    """One row per check that ran on the document, passed or not (`Check.check` is `check_name`)."""
    return table_rows(
        "checks",
        {
            "doc_id": [document.doc_id] * len(checks),
            "check_name": [c.check for c in checks],
            "severity": [c.severity for c in checks],
            "metric": [c.metric for c in checks],
            "expected": money_values([c.expected for c in checks]),
            "actual": money_values([c.actual for c in checks]),
            "message": [c.message for c in checks],
            "passed": [c.passed for c in checks],
            "year": [c.year for c in checks],
            "quote": [c.quote for c in checks],
            "source_path": [document.source_path] * len(checks),
        },
    )


def table_seen_rows(document: Document, tables: Sequence[TableSeen]) -> Rows:
    """One row per table found in the document, in document order."""
    return table_rows(
        "tables_seen",
        {
            "doc_id": [document.doc_id] * len(tables),
            "ordinal": [t.ordinal for t in tables],
            "page": [t.page for t in tables],
            "caption": [t.caption for t in tables],
            "standard_table": [t.standard_table for t in tables],
            "rows": [t.rows for t in tables],
            "figures": [t.figures for t in tables],
        },
    )


CHILD_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    table: tuple((c.name, c.type) for c in TABLES[table].columns)
    for table in ("facts", "performance_goals", "budget_lines", "checks", "tables_seen")
}
"""The columns (name, type) of each table whose rows belong to a document, in the declared order;
the tables in the order they are written."""
