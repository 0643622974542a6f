"""analytics: Chinese government budget disclosures (部门预算/决算公开) into one DuckDB database.

>>> import analytics
>>> report = analytics.ingest(["data/samples"], db="data/analytics.duckdb")  # doctest: +SKIP
>>> with analytics.open_store("data/analytics.duckdb", read_only=True) as store:  # doctest: +SKIP
...     store.query("select * from three_public").records()
"""

from analytics.errors import AnalyticsError, DatabaseError, ExtractError, LoadError, ReadError
from analytics.export import export_parquet
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
from analytics.pipeline import FileError, IngestProgress, IngestReport, ingest

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
]
