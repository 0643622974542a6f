"""analytics: Chinese government budget disclosures (部门预算/决算公开) into one DuckDB database.

>>> import analytics
>>> report = analytics.ingest(["data/samples"], db="data/analytics.duckdb")  # doctest: +SKIP
>>> with analytics.open_store("data/analytics.duckdb", read_only=True) as store:  # doctest: +SKIP
...     rows = store.query("select * from three_public").records()  # the SQL views as records
...     reform = analytics.reform_effects(store)                      # the analyses as polars frames

The analysis API (polars) and the report are imported on first use, so that `import analytics` (and
every ingest worker) stays light.
"""

from typing import Any

from analytics.errors import AnalyticsError, DatabaseError, ExtractError, LoadError, ReadError
from analytics.ingestion import FileError, IngestProgress, IngestReport, ingest
from analytics.load import (
    DEFAULT_DB,
    PARSER_VERSION,
    SCHEMA_VERSION,
    LoadResult,
    QueryError,
    QueryResult,
    Store,
    open_store,
)
from analytics.model import (
    BudgetLine,
    Check,
    Document,
    Extraction,
    Fact,
    Metadata,
    Paragraph,
    PerformanceGoal,
    Table,
)
from analytics.parquet_export import export_parquet

# name -> module, imported on first use
_LAZY = {
    **{
        name: "analytics.analysis"
        for name in (
            "metric_series", "year_on_year", "index_to", "cagr", "share_of_parent",
            "fixed_panel", "panel_trend", "PanelResult", "reform_years", "reform_effects", "ReformResult",
            "three_public_composition", "science_funding", "science_shift", "execution_rates",
            "flag_outliers", "rank_departments",
        )
    },
    "build_report": "analytics.report",
}  # fmt: skip


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'analytics' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


__all__ = [
    "DEFAULT_DB",
    "PARSER_VERSION",
    "SCHEMA_VERSION",
    "AnalyticsError",
    "BudgetLine",
    "Check",
    "DatabaseError",
    "Document",
    "ExtractError",
    "Extraction",
    "Fact",
    "FileError",
    "IngestProgress",
    "IngestReport",
    "LoadError",
    "LoadResult",
    "Metadata",
    "Paragraph",
    "PerformanceGoal",
    "QueryError",
    "QueryResult",
    "ReadError",
    "Store",
    "Table",
    "export_parquet",
    "ingest",
    "open_store",
    *_LAZY,
]
