"""The database's tables as tidy polars frames, and any SQL as one (`query`).

Numbers: these frames keep money exactly as stored, DuckDB `DECIMAL(18,4)` -> polars
`Decimal(18, 4)`, in 万元, so sums of parts still equal their totals to the 元. The analysis functions
built on them (series, panels, reform, science, execution, rankings) convert to `Float64` on purpose:
ratios, growth rates, means and bootstrap intervals are not exact anyway. `to_float()` does the same
conversion for any frame.

Open the database with `analytics.open_store(path, read_only=True)` (the `Store` every stage uses),
in a `with` block, and read what you need inside it:

>>> from analytics import open_store
>>> from analytics.analysis import facts
>>> with open_store(db_path, read_only=True) as db:  # e.g. "data/analytics.duckdb", which `make demo` builds
...     vehicles = facts(db, ["vehicle_operation"], kinds=["final"])
>>> vehicles.select("department", "year", "value", "basis").head(2).rows()
[('廊坊市教育局', 2013, Decimal('30.0000'), 'derived'), ('廊坊市教育局', 2014, Decimal('30.0000'), 'stated')]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import duckdb
import polars as pl

from analytics.analysis.inputs import FrameLike, as_frame
from analytics.analysis.names import (
    UnknownNameError,
    resolve_departments,
    resolve_kinds,
    resolve_measure,
    resolve_metrics,
)
from analytics.load import QueryError, Store
from analytics.load.query import query_error_message


def query(
    store: Store, sql: str, parameters: Sequence[object] | dict[str, object] | None = None
) -> pl.DataFrame:
    """Run one SQL statement and return its rows as a polars frame (DECIMAL stays polars Decimal).

    Parameters are positional (`$1`, `?`) or named (`$name`, with a dict). A failing statement raises
    `QueryError` with a one-line message.

    >>> query(db, "select year, sum(value) as total from preferred_facts where metric = $1 "
    ...       "and kind = 'final' group by year order by year", ["vehicle_operation"]).rows()[:3]
    [(2013, Decimal('93.0000')), (2014, Decimal('87.0000')), (2015, Decimal('96.0000'))]
    >>> query(db, "select count(*) as n from facts where kind = $kind", {"kind": "budget"}).item()
    45
    """
    try:
        relation = store.connection.sql(sql, params=parameters)
        if relation is None:  # a statement without a result (SET, CREATE …)
            return pl.DataFrame()
        frame: pl.DataFrame = relation.pl()
        return frame
    except duckdb.Error as exc:
        raise QueryError(query_error_message(exc)) from exc


def to_float(frame: FrameLike) -> pl.DataFrame:
    """The same frame with every Decimal column cast to Float64 (for plotting and statistics); a
    LazyFrame is collected.

    >>> to_float(facts(db, ["vehicle_operation"]))["value"].dtype
    Float64
    """
    frame = as_frame(frame)
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

    >>> documents(db).select("department", "year", "kind").head(2).rows()
    [('廊坊市教育局', 2014, 'budget'), ('廊坊市教育局', 2014, 'final')]
    >>> documents(db, status="error").height
    0
    """
    if status not in ("ok", "error", None):
        raise UnknownNameError(f"unknown status {status!r}: use 'ok', 'error' or None (all)")
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
    metrics: Iterable[str] | str | None = None,
    *,
    measure: str | None = "amount",
    kinds: Iterable[str] | str | None = None,
    departments: Iterable[str] | str | None = None,
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

    Names are checked (`analytics.analysis.names`): a metric by key or Chinese name, a kind as
    budget/final or 预算/决算, a department by full or unambiguous short name; a wrong one raises
    `UnknownNameError` listing the valid ones instead of returning an empty frame.

    >>> found = facts(db, ["vehicle_operation", "vehicles_count"], kinds="决算", departments="财政局")
    >>> found.filter(pl.col("year") == 2016).select("metric", "value", "reason").rows()
    [('vehicle_operation', Decimal('20.0000'), '公车改革车辆减少'), ('vehicles_count', Decimal('4.0000'), None)]
    """
    where = _Where()
    where.any_of("metric", resolve_metrics(metrics))
    if measure is not None:
        where.add("measure = {}", resolve_measure(measure))
    where.any_of("kind", resolve_kinds(kinds))
    where.any_of("department", resolve_departments(store, departments))
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
    """Every check with its document's department, year and kind (`check_year` is the year of the
    figures checked): the `checks` table and the cross-document `prior_year_checks` (a stated
    change against the prior year's own document). `failed_only=True` keeps the failed ones, errors
    and warnings: the rows of the `failed_checks` view, which `analytics check` lists.

    >>> checks(db, failed_only=True).select("department", "year", "check_name", "severity").rows()
    [('廊坊市财政局', 2018, 'repeated:vehicles_count', 'error')]
    """
    failed = "WHERE NOT passed" if failed_only else ""
    return query(
        store,
        f"""
        SELECT * FROM (
            SELECT d.department, d.year, d.kind, c.check_name, c.severity, c.passed, c.metric,
                   c.year AS check_year, c.expected, c.actual, c.message, c.quote, c.doc_id, c.source_path
            FROM checks AS c LEFT JOIN documents AS d ON d.source_path = c.source_path
            UNION ALL
            SELECT department, year, kind, check_name, severity, passed, metric, check_year, expected,
                   actual, message, quote, doc_id, source_path
            FROM prior_year_checks
        )
        {failed}
        ORDER BY passed, severity = 'error' DESC, department NULLS LAST, year, check_name, source_path,
                 metric, check_year
        """,
    )


def performance_goals(store: Store) -> pl.DataFrame:
    """The `performance_goals` table with each document's department, year and kind.

    One row per indicator, so an activity's `budget` repeats on each of its indicator rows: use
    `.unique(["doc_id", "activity", "parent_activity"])` before summing budgets.

    >>> goals = performance_goals(db).filter(pl.col("activity").str.contains("科普"))
    >>> goals.select("year", "activity", "parent_activity", "budget").head(2).rows()
    [(2014, '开展科普活动', '科学技术普及', Decimal('20.0000')), (2015, '开展科普活动', '科学技术普及', Decimal('26.0000'))]
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
    kinds: Iterable[str] | str | None = None,
    preferred: bool = True,
) -> pl.DataFrame:
    """Classification lines (政府收支分类科目) with their department; codes stay text.

    `code_prefix='20607'` keeps 科学技术普及 and its sub-codes. With `preferred=True` (default) each
    department-year-kind's lines come from one document, one line per code (see the comment above
    `_PREFERRED_LINES`); `preferred=False` gives every row as extracted.

    >>> lines = budget_lines(db, code_prefix="20607", kinds=["budget"])
    >>> lines.filter(pl.col("year") == 2017).select("department", "code", "name", "total").rows()[:3]
    [('廊坊市教育局', '20607', '科学技术普及', Decimal('12.0000')), ('廊坊市教育局', '2060703', '青少年科技活动', Decimal('12.0000')), ('廊坊市科学技术协会', '20607', '科学技术普及', Decimal('260.0000'))]
    """
    if classification not in ("functional", "economic", None):
        raise UnknownNameError(
            f"unknown classification {classification!r}: use 'functional' (功能分类) or 'economic' (经济分类)"
        )
    where = _Where()
    if code_prefix is not None:
        where.add("starts_with(code, {})", code_prefix)
    if classification is not None:
        where.add("classification = {}", classification)
    where.any_of("kind", resolve_kinds(kinds))
    source = _PREFERRED_LINES if preferred else _ALL_LINES
    return query(
        store,
        f"SELECT * FROM ({source}) {where.sql()} "
        "ORDER BY department NULLS LAST, year, kind, classification, code, source_path",
        where.parameters,
    )


def three_public(store: Store, *, kinds: Iterable[str] | str | None = None) -> pl.DataFrame:
    """The `three_public` view ("三公"经费, one column per component), exact decimals, with the row's
    `quality` (the worst of its figures'), `region_code` and the region's `prefecture` and `county`.

    >>> three_public(db, kinds=["final"]).select("department", "year", "three_public_total", "reception").rows()[:2]
    [('廊坊市教育局', 2013, None, None), ('廊坊市教育局', 2014, Decimal('35.0000'), Decimal('5.0000'))]
    """
    where = _Where()
    where.any_of("kind", resolve_kinds(kinds))
    return query(
        store,
        f"SELECT v.*, r.prefecture, r.county FROM three_public AS v LEFT JOIN regions AS r ON r.code = v.region_code "
        f"{where.sql()} ORDER BY department, kind, year",
        where.parameters,
    )


def vehicle_costs(store: Store, *, kinds: Iterable[str] | str | None = None) -> pl.DataFrame:
    """The `vehicle_costs` view (running and purchase costs, fleet, stated reason), exact decimals, with
    the row's `quality`, `region_code` and the region's `prefecture` and `county`.

    >>> costs = vehicle_costs(db, kinds=["final"]).filter(pl.col("vehicle_operation_change_reason").is_not_null())
    >>> costs.select("department", "year", "vehicle_operation", "vehicles_count", "vehicle_operation_change_reason").rows()
    [('廊坊市科学技术协会', 2017, Decimal('12.0000'), Decimal('2.0000'), '公车改革车辆减少'), ('廊坊市财政局', 2016, Decimal('20.0000'), Decimal('4.0000'), '公车改革车辆减少')]
    """
    where = _Where()
    where.any_of("kind", resolve_kinds(kinds))
    return query(
        store,
        f"SELECT v.*, r.prefecture, r.county FROM vehicle_costs AS v LEFT JOIN regions AS r ON r.code = v.region_code "
        f"{where.sql()} ORDER BY department, kind, year",
        where.parameters,
    )


__all__ = [
    "budget_lines",
    "checks",
    "documents",
    "facts",
    "performance_goals",
    "query",
    "three_public",
    "to_float",
    "vehicle_costs",
]
