"""Documents made ready for the database where they were parsed, then written many at a time.

`build_rows()` turns what read -> extract -> validate made of one file into rows, column by column, one
set per table of the schema. It is a pure function of its arguments, so it runs in the worker
processes (or on a cluster) beside the parsing; the single writing process then joins the columns of
a whole batch, makes one Arrow table of them per table, and hands it to DuckDB in one bulk INSERT
(`Store.write_prepared`). Converting a batch's columns at once costs the writer less than a
document's four tables cost a worker, and plain columns pickle to a third of Arrow's IPC bytes.

Money is rounded to DECIMAL(18,4) here, and an amount that does not fit it is a LoadError of that
one document, raised before anything reaches the database.
"""

from __future__ import annotations

import decimal
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from decimal import Decimal
from functools import cache
from itertools import chain
from typing import TYPE_CHECKING

from analytics.errors import LoadError, first_line
from analytics.load.rows import (
    CHILD_COLUMNS,
    Column,
    Rows,
    budget_line_rows,
    check_rows,
    fact_rows,
    goal_rows,
    metadata_evidence,
    table_seen_rows,
)
from analytics.load.schema import arrow_schema, arrow_type
from analytics.model import Check, Document, Extraction

if TYPE_CHECKING:  # Arrow is the writer's: the worker processes, which build rows, never load it
    import pyarrow as pa  # type: ignore[import-untyped]

CHILD_TABLES = tuple(CHILD_COLUMNS)
"""The tables whose rows belong to a document through its doc_id, in the order they are written."""

_DECIMAL_LIMIT = Decimal(10) ** 14  # DECIMAL(18,4) holds 14 digits before the point


@dataclass(frozen=True)
class PreparedDocument:
    """One parsed file, ready to write: its `documents` row (less status and time) and child rows."""

    source_path: str
    sha256: str
    format: str
    encoding: str | None
    notes: tuple[str, ...]
    title: str | None
    department: str | None
    department_printed: str | None
    department_type: str | None
    region: str | None
    province: str | None
    year: int | None
    kind: str | None
    rows: dict[str, Rows] = field(repr=False)
    region_code: str | None = None
    metadata_evidence: str | None = None  # JSON text
    level: str | None = None
    failed_errors: int = 0
    failed_warnings: int = 0

    @property
    def doc_id(self) -> str:
        return self.sha256[:16]

    def count(self, table: str) -> int:
        """Rows this document gives `table`."""
        return len(self.rows[table])

    def __reduce__(self) -> tuple[object, ...]:
        # Sent from the worker processes to the writer: the column values only (names and types are
        # the schema's), so that a document is about 18 KB on the pipe.
        values = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "rows"}
        return (
            _unpickle,
            (values, {name: [c.values for c in rows.columns] for name, rows in self.rows.items()}),
        )


def _unpickle(values: dict[str, object], columns: dict[str, list[list[object]]]) -> PreparedDocument:
    rows = {
        table: Rows(
            table,
            [
                Column(name, sql_type, column)
                for (name, sql_type), column in zip(CHILD_COLUMNS[table], columns[table], strict=True)
            ],
        )
        for table in CHILD_TABLES
    }
    return PreparedDocument(rows=rows, **values)  # type: ignore[arg-type]


def arrow_table(rows: Rows) -> pa.Table:
    """Column-wise rows as an Arrow table with the schema's exact types (DECIMAL stays exact)."""
    import pyarrow as pa

    arrays = [pa.array(c.values, type=arrow_type(c.sql_type)) for c in rows.columns]
    return pa.Table.from_arrays(arrays, names=[c.name for c in rows.columns])


def batch_table(parts: Sequence[Rows]) -> pa.Table:
    """One Arrow table of the rows of many documents for one table (all of the same columns).

    Raises LoadError when a value does not convert to its column's type (`build_rows` checks money).
    """
    import pyarrow as pa

    first = parts[0]
    joined = Rows(
        first.table,
        [
            Column(
                column.name,
                column.sql_type,
                list(chain.from_iterable(part.columns[i].values for part in parts)),
            )
            for i, column in enumerate(first.columns)
        ],
    )
    try:
        return arrow_table(joined)
    except (pa.ArrowException, OverflowError, TypeError, ValueError) as exc:
        raise LoadError(
            f"could not write to the database, nothing was changed: a value does not fit its column "
            f"in {first.table} ({first_line(exc)})"
        ) from exc


def build_rows(
    document: Document, extraction: Extraction, checks: Sequence[Check] | None = None
) -> PreparedDocument:
    """One document's rows for every table, column by column, as `Store.write_prepared` writes them;
    `checks` None records `extraction.checks`.

    Raises LoadError (naming the file) when a value cannot be stored, e.g. an amount with more than
    14 integer digits: that document fails at the load stage and nothing of it is written.
    """
    recorded = list(extraction.checks if checks is None else checks)
    try:
        rows = {
            "facts": fact_rows(document, extraction, extraction.facts, recorded),
            "performance_goals": goal_rows(document, extraction.goals),
            "budget_lines": budget_line_rows(document, extraction.budget_lines),
            "checks": check_rows(document, recorded),
            "tables_seen": table_seen_rows(document, extraction.tables_seen),
        }
    except decimal.DecimalException as exc:
        raise _does_not_fit(document, first_line(exc)) from exc
    for table in rows.values():
        for column in table.columns:
            if column.sql_type.startswith("DECIMAL") and _may_not_fit(column.values):
                too_large = next(
                    (v for v in column.values if isinstance(v, Decimal) and abs(v) >= _DECIMAL_LIMIT), None
                )
                if too_large is not None:
                    raise _does_not_fit(
                        document,
                        f"{table.table}.{column.name} = {too_large}: DECIMAL(18,4) holds less than 10^14",
                    )
    meta = extraction.metadata
    failed = [c for c in recorded if not c.passed]
    return PreparedDocument(
        source_path=document.source_path,
        sha256=document.sha256,
        format=document.format,
        encoding=document.encoding,
        notes=tuple(document.notes),
        title=meta.title,
        department=meta.department,
        department_printed=meta.department_printed,
        department_type=meta.department_type,
        region=meta.region,
        province=meta.province,
        year=meta.year,
        kind=meta.kind,
        region_code=meta.region_code,
        metadata_evidence=metadata_evidence(meta),
        level=meta.level,
        rows=rows,
        failed_errors=sum(c.severity == "error" for c in failed),
        failed_warnings=sum(c.severity == "warning" for c in failed),
    )


def _may_not_fit(values: list[object]) -> bool:
    """Whether any of a column's amounts may reach the DECIMAL limit (a quick look, in C: the
    smallest and the largest of the values that are not None or zero)."""
    amounts: list[Decimal] = list(filter(None, values))  # type: ignore[arg-type]
    return bool(amounts) and (max(amounts) >= _DECIMAL_LIMIT or min(amounts) <= -_DECIMAL_LIMIT)


def _does_not_fit(document: Document, detail: str) -> LoadError:
    return LoadError(
        f"could not write to the database, nothing was changed: a value does not fit its column ({detail})",
        path=document.source_path,
    )


@cache
def _document_schema() -> pa.Schema:
    return arrow_schema("documents")


def document_table(batch: Sequence[PreparedDocument], parser_version: str, ingested_at: object) -> pa.Table:
    """The `documents` rows of a batch of prepared documents, all status 'ok'."""
    import pyarrow as pa

    columns: dict[str, list[object]] = {
        "doc_id": [p.doc_id for p in batch],
        "source_path": [p.source_path for p in batch],
        "format": [p.format for p in batch],
        "sha256": [p.sha256 for p in batch],
        "title": [p.title for p in batch],
        "department": [p.department for p in batch],
        "department_printed": [p.department_printed for p in batch],
        "department_type": [p.department_type for p in batch],
        "region": [p.region for p in batch],
        "region_code": [p.region_code for p in batch],
        "province": [p.province for p in batch],
        "level": [p.level for p in batch],
        "year": [p.year for p in batch],
        "kind": [p.kind for p in batch],
        "metadata_evidence": [p.metadata_evidence for p in batch],
        "status": ["ok"] * len(batch),
        "error": [None] * len(batch),
        "parser_version": [parser_version] * len(batch),
        "ingested_at": [ingested_at] * len(batch),
        "encoding": [p.encoding for p in batch],
        "notes": [list(p.notes) for p in batch],
    }
    return pa.table(columns, schema=_document_schema())


__all__ = ["CHILD_TABLES", "PreparedDocument", "arrow_table", "batch_table", "build_rows", "document_table"]
