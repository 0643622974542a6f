"""The schema SQL users see is the one `schema.toml` declares: tables, constraints and view columns."""

from __future__ import annotations

import re

import duckdb
import pytest

from analytics.load import Store
from analytics.load.schema import SCHEMA_VERSION, TABLES, VIEW_COLUMNS, Column, Table
from analytics.load.views import VIEWS
from analytics.reference import metrics


def columns(store: Store, table: str) -> list[tuple[str, str, bool]]:
    """(name, type, nullable) of each column of a table or view, in order."""
    result = store.query(
        "select column_name, data_type, is_nullable from information_schema.columns where table_name = $1 "
        "order by ordinal_position",
        [table],
    )
    return [(str(name), str(kind), nullable == "YES") for name, kind, nullable in result.rows]


def test_tables_have_exactly_the_declared_columns(fresh_db: Store) -> None:
    tables = fresh_db.query(
        "select table_name from information_schema.tables where table_type = 'BASE TABLE'"
    )
    assert sorted(str(t) for (t,) in tables.rows) == sorted(TABLES)
    for table in TABLES.values():
        expected = [(c.name, c.type, not (c.not_null or c.primary_key)) for c in table.columns]
        assert columns(fresh_db, table.name) == expected, table.name


def test_a_few_columns_as_sql_users_know_them(fresh_db: Store) -> None:
    """Spot checks written out by hand, so that a slip in the declaration cannot pass unseen."""
    assert ("check_name", "VARCHAR", False) in columns(fresh_db, "checks")
    assert "check" not in [name for name, _, _ in columns(fresh_db, "checks")]
    assert ("value", "DECIMAL(18,4)", False) in columns(fresh_db, "facts")
    assert ("notes", "VARCHAR[]", True) in columns(fresh_db, "documents")
    assert ("metadata_evidence", "JSON", True) in columns(fresh_db, "documents")
    assert ("level", "VARCHAR", True) in columns(fresh_db, "documents")
    assert SCHEMA_VERSION == 5


@pytest.mark.parametrize(
    ("table", "row", "error"),
    [
        ("facts", "('d', 'p', NULL, NULL, NULL, NULL, 2019, 'budget', 'm', 'amount', 1, NULL, 'stated', NULL, "
         "NULL, 'prose', 'q', NULL, NULL, 'ok', NULL)", "CHECK constraint"),
        ("checks", "('d', NULL, 'error', NULL, NULL, NULL, 'm', false, NULL, NULL, 'p')", "NOT NULL"),
        ("regions", "('110000', '北京市', 'province', '北京市', '110000', NULL, NULL, NULL, NULL), "
         "('110000', '北京', 'province', '北京市', '110000', NULL, NULL, NULL, NULL)", "PRIMARY KEY"),
    ],
)  # fmt: skip
def test_declared_constraints_are_enforced(fresh_db: Store, table: str, row: str, error: str) -> None:
    with pytest.raises(duckdb.ConstraintException, match=error):
        fresh_db.connection.execute(f"insert into {table} values {row}")


def test_views_have_the_declared_columns_and_types(fresh_db: Store) -> None:
    assert list(VIEW_COLUMNS) == list(VIEWS)
    for view in VIEW_COLUMNS.values():
        got = [(name, kind) for name, kind, _ in columns(fresh_db, view.name)]
        assert got == [(c.name, c.type) for c in view.columns], view.name


def test_every_allowed_value_is_documented() -> None:
    """A CHECK's values are each named in the column's meaning, as `value`."""
    for table in TABLES.values():
        for column in table.columns:
            for value in column.values:
                assert f"`{value}`" in column.doc, f"{table.name}.{column.name}: `{value}` is not explained"


def test_create_sql_of_a_declared_table() -> None:
    table = Table(
        "t",
        (
            Column("code", "VARCHAR", "the code", primary_key=True),
            Column("kind", "VARCHAR", "`a` or `b`", not_null=True, values=("a", "b")),
            Column("rows", "INTEGER", "a keyword as a column name"),
        ),
    )
    assert table.create_sql() == (
        "CREATE TABLE IF NOT EXISTS t (\n"
        '    "code" VARCHAR PRIMARY KEY,\n'
        """    "kind" VARCHAR NOT NULL CHECK ("kind" IN ('a', 'b')),\n"""
        '    "rows" INTEGER\n'
        ")"
    )


def test_the_declaration_names_every_column_once() -> None:
    for table in [*TABLES.values(), *VIEW_COLUMNS.values()]:
        assert len(set(table.names)) == len(table.names), table.name
        assert all(re.fullmatch(r"[a-z][a-z0-9_]*", name) for name in table.names), table.name
        assert all(c.doc.strip() and "\n" not in c.doc for c in table.columns), table.name


def test_metrics_carry_the_vocabulary_with_chinese_names(fresh_db: Store) -> None:
    result = fresh_db.query("select key, name_zh, parent, unit from metrics")
    assert len(result.rows) == len(metrics())
    assert (
        "vehicle_operation",
        metrics()["vehicle_operation"].name_zh,
        "vehicle_total",
        "money",
    ) in result.rows
