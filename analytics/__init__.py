"""analytics: Chinese government budget disclosures (部门预算/决算公开) into one DuckDB database.

>>> import analytics
>>> report = analytics.ingest(["data/samples"], db="data/analytics.duckdb")  # doctest: +SKIP
>>> with analytics.open_store("data/analytics.duckdb", read_only=True) as store:  # doctest: +SKIP
...     rows = store.query("select * from three_public").records()  # the SQL views as records
...     reform = analytics.reform_effects(store)                      # the analyses as polars frames

Everything but the errors and the data model is imported on first use, so that `import analytics`
stays light and the ingest worker processes never load DuckDB, Arrow or polars.
"""

from typing import TYPE_CHECKING

from analytics.errors import AnalyticsError, DatabaseError, ExtractError, LoadError, ReadError
from analytics.lazy import lazy_attributes
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

if TYPE_CHECKING:
    from analytics.analysis import (
        PanelResult,
        ReformResult,
        cagr,
        execution_rates,
        fixed_panel,
        flag_outliers,
        index_to,
        metric_series,
        panel_trend,
        rank_departments,
        reform_effects,
        reform_years,
        science_funding,
        science_shift,
        share_of_parent,
        three_public_composition,
        year_on_year,
    )
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
    from analytics.parquet_export import export_parquet
    from analytics.report import build_report

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
    **dict.fromkeys(("FileError", "IngestProgress", "IngestReport", "ingest"), "analytics.ingestion"),
    **{
        name: "analytics.load"
        for name in (
            "DEFAULT_DB", "PARSER_VERSION", "SCHEMA_VERSION", "LoadResult", "QueryError", "QueryResult",
            "Store", "open_store",
        )
    },
    "export_parquet": "analytics.parquet_export",
}  # fmt: skip


__getattr__ = lazy_attributes(__name__, _LAZY)

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
    "PanelResult",
    "Paragraph",
    "PerformanceGoal",
    "QueryError",
    "QueryResult",
    "ReadError",
    "ReformResult",
    "Store",
    "Table",
    "build_report",
    "cagr",
    "execution_rates",
    "export_parquet",
    "fixed_panel",
    "flag_outliers",
    "index_to",
    "ingest",
    "metric_series",
    "open_store",
    "panel_trend",
    "rank_departments",
    "reform_effects",
    "reform_years",
    "science_funding",
    "science_shift",
    "share_of_parent",
    "three_public_composition",
    "year_on_year",
]
