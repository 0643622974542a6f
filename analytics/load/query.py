"""Running a SQL statement against the store and rendering its rows as CSV or JSON.

Values keep their Python types (`Decimal` money stays exact): CSV and JSON print decimals digit for
digit, never through a float.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

import duckdb

from analytics.csv_cells import safe_cell
from analytics.errors import DatabaseError


class QueryError(DatabaseError):
    """A SQL statement failed: a syntax error, an unknown column, or a write on a read-only store."""

    stage = "query"


_READ_ONLY_RE = re.compile(r'Cannot execute statement of type "(\w+)".*read-only', re.IGNORECASE)


def query_error_message(exc: duckdb.Error) -> str:
    """One line that says what went wrong with a statement."""
    text = str(exc)
    read_only = _READ_ONLY_RE.search(text)
    if read_only:
        return f"{read_only.group(1)} is not allowed: the database is open read-only, so nothing was changed"
    # DuckDB adds the statement with a caret on the next lines; the first line says it all.
    return text.strip().splitlines()[0] if text.strip() else type(exc).__name__


@dataclass(frozen=True)
class QueryResult:
    """The rows a statement returned, with its column names."""

    columns: list[str]
    rows: list[tuple[object, ...]]

    def records(self) -> list[dict[str, object]]:
        """Rows as dicts keyed by column name."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def to_csv(self) -> str:
        """CSV with a header line; NULL is an empty field. A text cell a spreadsheet would run as a
        formula gets a leading apostrophe (`analytics.csv_cells`); numbers are written as they are."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(self.columns)
        for row in self.rows:
            writer.writerow(
                ["" if v is None else safe_cell(v) if isinstance(v, str) else text(v) for v in row]
            )
        return out.getvalue()

    def to_html(self, rows: int = 20) -> str:
        """An HTML table of the first `rows` rows, values as the CLI prints them (decimals exact, NULL
        for missing), and how many rows there are: what a notebook shows for a result."""
        head = "".join(f"<th>{html.escape(str(column))}</th>" for column in self.columns)
        body = "".join(
            "<tr>"
            + "".join(f"<td>{'NULL' if v is None else html.escape(text(v))}</td>" for v in row)
            + "</tr>"
            for row in self.rows[:rows]
        )
        more = f"; the first {rows} shown" if len(self.rows) > rows else ""
        count = f"{len(self.rows)} row{'' if len(self.rows) == 1 else 's'}{more}"
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table><p>{count}</p>"

    def _repr_html_(self) -> str:
        return self.to_html()

    def to_json(self) -> str:
        """A JSON array of objects; decimals are JSON numbers written exactly, dates ISO strings."""
        objects = [_json_object(zip(self.columns, row, strict=True)) for row in self.rows]
        if not objects:
            return "[]"
        return "[\n  " + ",\n  ".join(objects) + "\n]"


def text(value: object) -> str:
    """A value as a person reads it in a table or CSV cell (decimals in full, lists bracketed)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
    if isinstance(value, list | tuple):
        return "[" + ", ".join(text(v) for v in value) + "]"
    return str(value)


def _json_object(pairs: Iterable[tuple[object, object]]) -> str:
    return "{" + ", ".join(f"{json.dumps(str(k), ensure_ascii=False)}: {_json(v)}" for k, v in pairs) + "}"


def _json(value: object) -> str:
    if value is None or isinstance(value, bool | int | str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, Decimal):
        return format(value, "f") if value.is_finite() else json.dumps(str(value))
    if isinstance(value, float):
        return json.dumps(value) if value == value and abs(value) != float("inf") else "null"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_json(v) for v in value) + "]"
    if isinstance(value, dict):
        return _json_object(value.items())
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return json.dumps(value.isoformat(), ensure_ascii=False)
    return json.dumps(str(value), ensure_ascii=False)


def run_query(
    connection: duckdb.DuckDBPyConnection, sql: str, parameters: Sequence[object] | None = None
) -> QueryResult:
    """Run `sql` and fetch every row; raise QueryError with a one-line message if it fails."""
    try:
        connection.execute(sql, parameters)
        description = connection.description
        rows = connection.fetchall() if description else []
    except duckdb.Error as exc:
        raise QueryError(query_error_message(exc)) from exc
    columns = [str(d[0]) for d in description] if description else []
    return QueryResult(columns, [tuple(r) for r in rows])
