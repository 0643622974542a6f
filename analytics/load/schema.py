"""The DuckDB schema SQL users see, declared once in `schema.toml` beside this module.

Every table's columns (name, DuckDB type, NOT NULL, PRIMARY KEY, the values a CHECK allows, and a
one-line meaning) are read from that file; the CREATE TABLE statements, the column lists of inserts,
the Arrow types of bulk writes and the schema reference (docs/schema.md, `tools/schema_docs.py`) are
made from it. The analyst views stay SQL (`analytics.load.views`); their documented columns are
declared in the same file and checked against the views by the tests.

Money is `DECIMAL(18,4)` in 万元 (exact, so parts sum to totals exactly); codes are `VARCHAR` so that
leading zeros survive. Every statement is idempotent: opening a database runs them all.

>>> TABLES["checks"].names[:3]
('doc_id', 'check_name', 'severity')
>>> TABLES["regions"].column("level").definition()
'"level" VARCHAR NOT NULL CHECK ("level" IN (\\'province\\', \\'prefecture\\', \\'county\\'))'
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from analytics.load.views import VIEWS
from analytics.version import PARSER_VERSION

if TYPE_CHECKING:  # Arrow loads where a batch is written, not in the worker processes
    import pyarrow as pa  # type: ignore[import-untyped]

__all__ = [
    "PARSER_VERSION",
    "SCHEMA_VERSION",
    "TABLES",
    "VIEW_COLUMNS",
    "Column",
    "Table",
    "arrow_schema",
    "arrow_type",
    "ddl",
]

DECLARATION = Path(__file__).with_name("schema.toml")
"""The file every table and column is declared in."""

# PARSER_VERSION (analytics/version.py) changes with the read/extract/validate code and reference
# data, so files loaded by older code are re-extracted on the next ingest.

MONEY = "DECIMAL(18,4)"


@cache
def _arrow_types() -> dict[str, pa.DataType]:
    import pyarrow as pa

    return {
        "VARCHAR": pa.string(),
        "JSON": pa.string(),  # JSON text; DuckDB casts it on insert
        "INTEGER": pa.int32(),
        "BOOLEAN": pa.bool_(),
        MONEY: pa.decimal128(18, 4),
        "TIMESTAMP": pa.timestamp("us"),
        "VARCHAR[]": pa.list_(pa.string()),
    }


@dataclass(frozen=True)
class Column:
    """One declared column of a table or view."""

    name: str
    type: str  # the DuckDB type, e.g. 'VARCHAR', 'DECIMAL(18,4)'
    doc: str  # what the column means, one line of markdown
    not_null: bool = False
    primary_key: bool = False
    values: tuple[str, ...] = ()  # the values a CHECK allows; () for no CHECK

    def definition(self) -> str:
        """The column's line of CREATE TABLE: name, type and constraints."""
        parts = [f'"{self.name}"', self.type]
        if self.primary_key:
            parts.append("PRIMARY KEY")
        if self.not_null:
            parts.append("NOT NULL")
        if self.values:
            allowed = ", ".join(f"'{v}'" for v in self.values)
            parts.append(f'CHECK ("{self.name}" IN ({allowed}))')
        return " ".join(parts)


@dataclass(frozen=True)
class Table:
    """A declared table (or view): its columns in order and the prose the reference shows with it."""

    name: str
    columns: tuple[Column, ...]
    summary: str = ""  # markdown shown above the column list
    notes: str = ""  # markdown shown below it (examples, caveats)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    def create_sql(self) -> str:
        """`CREATE TABLE IF NOT EXISTS` with every declared column and constraint."""
        body = ",\n    ".join(c.definition() for c in self.columns)
        return f"CREATE TABLE IF NOT EXISTS {self.name} (\n    {body}\n)"


@dataclass(frozen=True)
class Declaration:
    """Everything `schema.toml` declares."""

    version: int
    history: dict[int, str]  # schema version -> what it changed
    intro: str
    tables: dict[str, Table]
    views: dict[str, Table]


def _column(name: str, spec: dict[str, Any]) -> Column:
    unknown = set(spec) - {"type", "doc", "not_null", "primary_key", "values"}
    if unknown or "type" not in spec or "doc" not in spec:
        raise ValueError(
            f"{DECLARATION.name}: column {name}: needs type and doc, unknown keys {sorted(unknown)}"
        )
    return Column(
        name=name,
        type=str(spec["type"]),
        doc=str(spec["doc"]),
        not_null=bool(spec.get("not_null", False)),
        primary_key=bool(spec.get("primary_key", False)),
        values=tuple(str(v) for v in spec.get("values", ())),
    )


def _table(name: str, spec: dict[str, Any]) -> Table:
    columns = tuple(_column(column, fields) for column, fields in spec["columns"].items())
    return Table(name, columns, str(spec.get("summary", "")).strip(), str(spec.get("notes", "")).strip())


def read_declaration(path: Path = DECLARATION) -> Declaration:
    """The tables, views and version history declared in `path` (default: `schema.toml`)."""
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    return Declaration(
        version=int(data["version"]),
        history={int(version): str(text) for version, text in data["history"].items()},
        intro=str(data["intro"]).strip(),
        tables={name: _table(name, spec) for name, spec in data["tables"].items()},
        views={name: _table(name, spec) for name, spec in data["views"].items()},
    )


DECLARED = read_declaration()

SCHEMA_VERSION = DECLARED.version
"""Bumped whenever a table or column changes (with a line in `schema.toml`'s history); a database
built with another version must be rebuilt."""

TABLES: dict[str, Table] = DECLARED.tables
"""Every table of the database, by name, in the order the reference documents them."""

VIEW_COLUMNS: dict[str, Table] = DECLARED.views
"""The documented columns of each analyst view (the SQL is `analytics.load.views.VIEWS`)."""


def arrow_type(sql_type: str) -> pa.DataType:
    """The Arrow type a column of this DuckDB type is written with (DECIMAL stays exact)."""
    return _arrow_types()[sql_type]


def arrow_schema(table: str, columns: tuple[str, ...] | None = None) -> pa.Schema:
    """The Arrow schema of a bulk write to `table`: every declared column, or those named, in the
    declared order."""
    import pyarrow as pa

    declared = TABLES[table].columns
    wanted = declared if columns is None else tuple(c for c in declared if c.name in columns)
    return pa.schema([(c.name, arrow_type(c.type)) for c in wanted])


# Every ingest looks a file's bytes up by sha256 (is it loaded under another path?): keep that a point
# lookup rather than a scan when there are millions of documents.
INDEXES = ["CREATE INDEX IF NOT EXISTS documents_sha256 ON documents (sha256)"]


def ddl() -> list[str]:
    """Every statement that creates the schema: tables, indexes, then views; each is idempotent."""
    return [*(t.create_sql() for t in TABLES.values()), *INDEXES, *VIEWS.values()]
