"""Open a database and read its tables as tidy polars frames.

Numbers: these frames keep money exactly as stored, DuckDB `DECIMAL(18,4)` -> polars
`Decimal(18, 4)`, in 万元, so sums of parts still equal their totals to the 元. The analysis functions
built on them (series, panels, reform, science, execution, rankings) convert to `Float64` on purpose:
ratios, growth rates, means and bootstrap intervals are not exact anyway. `to_float()` does the same
conversion for any frame.

>>> from analytics.analysis import open_database, facts
>>> with open_database("data/analytics.duckdb") as db:  # doctest: +SKIP
...     vehicles = facts(db, ["vehicle_operation"], kinds=["final"])
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence

import duckdb
import polars as pl

from analytics.load import DEFAULT_DB, QueryError, Store, open_store
from analytics.load.query import query_error_message

ENV_DB = "ANALYTICS_DB"
"""Environment variable naming the default database (as for the CLI)."""


def open_database(path: str | os.PathLike[str] | None = None, *, read_only: bool = True) -> Store:
    """Open the analytics database for analysis: read-only unless asked otherwise.

    `path` defaults to `$ANALYTICS_DB`, else `data/analytics.duckdb` (as the CLI does). Use it as a
    context manager, or call `.close()`; many processes may read one file at once.

    >>> with open_database("data/analytics.duckdb") as db:  # doctest: +SKIP
    ...     documents(db).height
    """
    chosen = path if path is not None else os.environ.get(ENV_DB) or DEFAULT_DB
    return open_store(chosen, read_only=read_only)


def query(
    store: Store, sql: str, parameters: Sequence[object] | dict[str, object] | None = None
) -> pl.DataFrame:
    """Run one SQL statement and return its rows as a polars frame (DECIMAL stays polars Decimal).

    Parameters are positional (`$1`, `?`) or named (`$name`, with a dict). A failing statement raises
    `QueryError` with a one-line message.

    >>> query(db, "select year, sum(value) as total from preferred_facts "  # doctest: +SKIP
    ...       "where metric = $1 group by year order by year", ["vehicle_operation"])
    """
    try:
        relation = store.connection.sql(sql, params=parameters)
        if relation is None:  # a statement without a result (SET, CREATE …)
            return pl.DataFrame()
        frame: pl.DataFrame = relation.pl()
        return frame
    except duckdb.Error as exc:
        raise QueryError(query_error_message(exc)) from exc


def to_float(frame: pl.DataFrame) -> pl.DataFrame:
    """The same frame with every Decimal column cast to Float64 (for plotting and statistics).

    >>> to_float(facts(db, ["vehicle_operation"]))["value"].dtype  # doctest: +SKIP
    Float64
    """
    decimals = [name for name, dtype in frame.schema.items() if isinstance(dtype, pl.Decimal)]
    return frame.with_columns(pl.col(decimals).cast(pl.Float64)) if decimals else frame


class _Where:
    """WHERE conditions with positional parameters, built from optional filters."""

    def __init__(self) -> None:
        self.conditions: list[str] = []
        self.parameters: list[object] = []

    def add(self, condition: str, *values: object) -> None:
        """`condition` uses `{}` for each parameter, in order."""
        slots = []
        for value in values:
            self.parameters.append(value)
            slots.append(f"${len(self.parameters)}")
        self.conditions.append(condition.format(*slots))

    def any_of(self, column: str, values: Iterable[object] | None, sql_type: str = "VARCHAR") -> None:
        if values is not None:
            self.add(f"list_contains({{}}::{sql_type}[], {column})", list(values))

    def sql(self) -> str:
        return ("WHERE " + " AND ".join(self.conditions)) if self.conditions else ""


def documents(store: Store, *, status: str | None = "ok") -> pl.DataFrame:
    """The `documents` table: one row per file; only readable ones (`status = 'ok'`) unless `status`
    is `'error'` or None (all).

    >>> documents(db).select("department", "year", "kind").head()  # doctest: +SKIP
    """
    where = _Where()
    if status is not None:
        where.add("status = {}", status)
    return query(
        store,
        f"""
        SELECT doc_id, source_path, format, title, department, department_printed, department_type,
               region, province, year, kind, status, error, parser_version, ingested_at, encoding,
               region_code
        FROM documents {where.sql()}
        ORDER BY department NULLS LAST, year, kind, source_path
        """,
        where.parameters,
    )


def facts(
    store: Store,
    metrics: Iterable[str] | None = None,
    *,
    measure: str | None = "amount",
    kinds: Iterable[str] | None = None,
    departments: Iterable[str] | None = None,
    years: Iterable[int] | None = None,
    preferred: bool = True,
    doc_id: str | Iterable[str] | None = None,
) -> pl.DataFrame:
    """Figures as a tidy frame: one row per department, year, kind, metric and measure.

    With `preferred=True` (the default) the rows come from the `preferred_facts` view: where documents
    repeat or disagree, one figure is kept (stated before derived, the document's own year and kind
    first, table cells before sentences, then the latest ingest). `preferred=False` gives every row of
    `facts`. `measure=None` keeps all measures. `value` is exact (polars Decimal, 万元 for money).
    `doc_id` keeps the figures of one document (or of several); it implies `preferred=False`, since
    a document's own figures are wanted, whichever the views prefer.

    Every row carries its `quality` (`ok`, `failed_check`, `corrected`, `derived`), the failed checks
    naming it (`quality_checks`), the printed value of a corrected figure (`original_value`) and the
    region's code and chain (`region_code`; preferred rows also `prefecture`, `county`). This reader
    leaves nothing out: the analyses built on it leave `failed_check` figures out by default.

    >>> facts(db, ["vehicle_operation", "vehicles_count"], kinds=["final"])  # doctest: +SKIP
    >>> facts(db, doc_id="6d848485dd44f9f6", measure=None)  # doctest: +SKIP
    """
    where = _Where()
    where.any_of("metric", metrics)
    if measure is not None:
        where.add("measure = {}", measure)
    where.any_of("kind", kinds)
    where.any_of("department", departments)
    where.any_of("year", years, "INTEGER")
    if doc_id is not None:
        where.any_of("doc_id", [doc_id] if isinstance(doc_id, str) else doc_id)
        preferred = False
    if preferred:
        source = "preferred_facts"
        columns = (
            "department, department_type, region, province, year, kind, metric, measure, value, "
            "unit_found, basis, reason, method, doc_id, source_path, quote, "
            "region_code, prefecture, county, quality, quality_checks, original_value"
        )
    else:
        source = "facts"
        columns = (
            "department, department_type, region, province, year, kind, metric, measure, value, "
            "unit_found, basis, reason, section, method, doc_id, source_path, quote, "
            "region_code, quality, quality_checks, original_value"
        )
    return query(
        store,
        f"SELECT {columns} FROM {source} {where.sql()} "
        "ORDER BY department NULLS LAST, metric, kind, year, measure, source_path",
        where.parameters,
    )


def checks(store: Store, *, failed_only: bool = False) -> pl.DataFrame:
    """The `checks` table with each document's department, year and kind (`check_year` is the year of
    the figures checked). `failed_only=True` keeps the failed checks (errors and warnings).

    >>> checks(db, failed_only=True).group_by("check").len()  # doctest: +SKIP
    """
    failed = "WHERE NOT c.passed" if failed_only else ""
    return query(
        store,
        f"""
        SELECT d.department, d.year, d.kind, c."check", c.severity, c.passed, c.metric,
               c.year AS check_year, c.expected, c.actual, c.message, c.quote, c.doc_id, c.source_path
        FROM checks AS c LEFT JOIN documents AS d ON d.source_path = c.source_path
        {failed}
        ORDER BY c.passed, c.severity = 'error' DESC, d.department NULLS LAST, d.year, c."check"
        """,
    )


def performance_goals(store: Store) -> pl.DataFrame:
    """The `performance_goals` table with each document's department, year and kind.

    One row per indicator, so an activity's `budget` repeats on each of its indicator rows: use
    `.unique(["doc_id", "activity", "parent_activity"])` before summing budgets.

    >>> performance_goals(db).filter(pl.col("activity").str.contains("科普"))  # doctest: +SKIP
    """
    return query(
        store,
        """
        SELECT d.department, d.department_type, d.region, d.province, d.year, d.kind,
               g.activity, g.parent_activity, g.budget, g.description, g.goal, g.indicator,
               g.grade_excellent, g.grade_good, g.grade_fair, g.grade_poor, g.doc_id, d.source_path
        FROM performance_goals AS g
        JOIN documents AS d ON d.doc_id = g.doc_id AND d.status = 'ok'
        ORDER BY d.department NULLS LAST, d.year, d.source_path, g.parent_activity NULLS FIRST, g.activity
        """,
    )


# Several documents can carry lines for one department, year and kind (a budget and the next year's
# restatement, the same disclosure in two formats), and one document can list a code in two tables
# (部门支出表 and 一般公共预算支出表). Lines are taken from one document per department-year-kind
# (its own year and kind first, then the latest ingest), and one line per code within it: the
# largest total, i.e. the table covering every source of funds.
_PREFERRED_LINES = """
    WITH lines AS (
        SELECT d.department, d.department_type, d.region, d.province,
               b.year, b.kind, b.classification, b.code, b.name, b.total, b.basic, b.project,
               b.doc_id, d.source_path,
               dense_rank() OVER (
                   PARTITION BY d.department, b.year, b.kind
                   ORDER BY coalesce(d.year = b.year AND d.kind = b.kind, false) DESC,
                            d.ingested_at DESC, d.source_path
               ) AS document_rank
        FROM budget_lines AS b
        JOIN documents AS d ON d.doc_id = b.doc_id AND d.status = 'ok'
        WHERE d.department IS NOT NULL
    )
    SELECT * EXCLUDE (document_rank) FROM lines
    WHERE document_rank = 1
    QUALIFY row_number() OVER (
        PARTITION BY department, year, kind, classification, code
        ORDER BY total DESC NULLS LAST, name
    ) = 1
"""

_ALL_LINES = """
    SELECT d.department, d.department_type, d.region, d.province,
           b.year, b.kind, b.classification, b.code, b.name, b.total, b.basic, b.project,
           b.doc_id, d.source_path
    FROM budget_lines AS b
    JOIN documents AS d ON d.doc_id = b.doc_id AND d.status = 'ok'
"""


def budget_lines(
    store: Store,
    *,
    code_prefix: str | None = None,
    classification: str | None = None,
    kinds: Iterable[str] | None = None,
    preferred: bool = True,
) -> pl.DataFrame:
    """Classification lines (政府收支分类科目) with their department; codes stay text.

    `code_prefix='20607'` keeps 科学技术普及 and its sub-codes. With `preferred=True` (default) each
    department-year-kind's lines come from one document, one line per code (see the comment above
    `_PREFERRED_LINES`); `preferred=False` gives every row as extracted.

    >>> budget_lines(db, code_prefix="20607", kinds=["budget"])  # doctest: +SKIP
    """
    where = _Where()
    if code_prefix is not None:
        where.add("starts_with(code, {})", code_prefix)
    if classification is not None:
        where.add("classification = {}", classification)
    where.any_of("kind", kinds)
    source = _PREFERRED_LINES if preferred else _ALL_LINES
    return query(
        store,
        f"SELECT * FROM ({source}) {where.sql()} "
        "ORDER BY department NULLS LAST, year, kind, classification, code, source_path",
        where.parameters,
    )


def three_public(store: Store, *, kinds: Iterable[str] | None = None) -> pl.DataFrame:
    """The `three_public` view ("三公"经费, one column per component), exact decimals, with the row's
    `quality` (the worst of its figures'), `region_code` and the region's `prefecture` and `county`.

    >>> three_public(db, kinds=["final"])  # doctest: +SKIP
    """
    where = _Where()
    where.any_of("kind", kinds)
    return query(
        store,
        f"SELECT v.*, r.prefecture, r.county FROM three_public AS v LEFT JOIN regions AS r ON r.code = v.region_code "
        f"{where.sql()} ORDER BY department, kind, year",
        where.parameters,
    )


def vehicle_costs(store: Store, *, kinds: Iterable[str] | None = None) -> pl.DataFrame:
    """The `vehicle_costs` view (running and purchase costs, fleet, stated reason), exact decimals, with
    the row's `quality`, `region_code` and the region's `prefecture` and `county`.

    >>> vehicle_costs(db, kinds=["final"])  # doctest: +SKIP
    """
    where = _Where()
    where.any_of("kind", kinds)
    return query(
        store,
        f"SELECT v.*, r.prefecture, r.county FROM vehicle_costs AS v LEFT JOIN regions AS r ON r.code = v.region_code "
        f"{where.sql()} ORDER BY department, kind, year",
        where.parameters,
    )


__all__ = [
    "ENV_DB",
    "budget_lines",
    "checks",
    "documents",
    "facts",
    "open_database",
    "performance_goals",
    "query",
    "three_public",
    "to_float",
    "vehicle_costs",
]
