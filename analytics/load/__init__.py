"""Load stage: documents and what was found in them -> one DuckDB database (its tables declared in
`schema.toml`, read by `schema.py`; the analyst views in `views.py`).

>>> from analytics.load import open_store
>>> with open_store(":memory:") as store:
...     store.query("select count(*) from metrics").rows[0][0] > 0
True
"""

from analytics.load.connect import DEFAULT_DB, connect
from analytics.load.query import QueryError, QueryResult
from analytics.load.schema import PARSER_VERSION, SCHEMA_VERSION
from analytics.load.store import LoadResult, LoadStatus, Store, open_store

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
