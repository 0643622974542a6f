"""Load stage: documents and what was found in them -> one DuckDB database (its tables declared in
`schema.toml`, read by `schema.py`; the analyst views in `views.py`).

>>> from analytics.load import open_store
>>> with open_store(":memory:") as store:
...     store.query("select count(*) from metrics").rows[0][0] > 0
True
"""

from typing import TYPE_CHECKING

from analytics.lazy import lazy_attributes

if TYPE_CHECKING:
    from analytics.load.connect import DEFAULT_DB, connect
    from analytics.load.query import QueryError, QueryResult
    from analytics.load.result import LoadResult, LoadStatus
    from analytics.load.schema import SCHEMA_VERSION
    from analytics.load.store import Store, open_store
    from analytics.version import PARSER_VERSION

# name -> module, imported on first use: the worker processes import `analytics.load.batch` to build
# rows and must not pay for DuckDB and Arrow, which only the writing process needs.
_LAZY = {
    "DEFAULT_DB": "analytics.load.connect",
    "connect": "analytics.load.connect",
    "QueryError": "analytics.load.query",
    "QueryResult": "analytics.load.query",
    "LoadResult": "analytics.load.result",
    "LoadStatus": "analytics.load.result",
    "SCHEMA_VERSION": "analytics.load.schema",
    "Store": "analytics.load.store",
    "open_store": "analytics.load.store",
    "PARSER_VERSION": "analytics.version",
}


__getattr__ = lazy_attributes(__name__, _LAZY)

__all__ = [
    "DEFAULT_DB",
    "PARSER_VERSION",
    "SCHEMA_VERSION",
    "LoadResult",
    "LoadStatus",
    "QueryError",
    "QueryResult",
    "Store",
    "connect",
    "open_store",
]
