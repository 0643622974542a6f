"""Rows are built by column name and laid out in the order `schema.toml` declares."""

from __future__ import annotations

from decimal import Decimal

import pytest

from analytics.load.rows import CHILD_COLUMNS, check_rows, money, money_values, table_rows
from analytics.load.schema import TABLES
from analytics.model import Check, Document


def test_rows_follow_the_declared_order_whatever_order_they_are_given_in() -> None:
    rows = table_rows(
        "metrics",
        {
            "unit": ["money"],
            "key": ["reception"],
            "description": [None],
            "parent": [None],
            "name_zh": ["公务接待费"],
        },
    )
    assert [c.name for c in rows.columns] == ["key", "name_zh", "parent", "unit", "description"]
    assert rows.parameters() == [["reception"], ["公务接待费"], [None], ["money"], [None]]
    assert rows.insert_sql() == (
        'INSERT INTO metrics ("key", "name_zh", "parent", "unit", "description") SELECT '
        "unnest($1::VARCHAR[]), unnest($2::VARCHAR[]), unnest($3::VARCHAR[]), unnest($4::VARCHAR[]), "
        "unnest($5::VARCHAR[])"
    )


def test_a_missing_or_undeclared_column_is_refused() -> None:
    with pytest.raises(ValueError, match=r"missing columns \['description'\], undeclared \['note'\]"):
        table_rows("metrics", {"key": [], "name_zh": [], "parent": [], "unit": [], "note": []})


def test_a_check_is_written_as_check_name() -> None:
    document = Document("/data/a.txt", "text", "ab" * 32, [])
    check = Check("sum:reception", "error", False, "parts add up to 2", metric="reception", year=2019,
                  expected=Decimal("2"), actual=Decimal("3.00005"))  # fmt: skip
    rows = check_rows(document, [check])
    values = {c.name: c.values[0] for c in rows.columns}
    assert values["check_name"] == "sum:reception"
    assert values["actual"] == Decimal("3.0001")  # rounded half-up to DECIMAL(18,4)
    assert values["source_path"] == "/data/a.txt"


def test_the_child_tables_carry_their_declared_columns() -> None:
    for table, columns in CHILD_COLUMNS.items():
        assert columns == tuple((c.name, c.type) for c in TABLES[table].columns)


def test_money_values_round_each_amount_as_money_does() -> None:
    amounts = [Decimal("3.00005"), Decimal("-3.00005"), Decimal("1.65"), None, Decimal("0"), Decimal("1E+3")]
    assert money_values(amounts) == [money(a) for a in amounts]
    assert money_values(amounts) == [Decimal("3.0001"), Decimal("-3.0001"), Decimal("1.6500"), None,
                                     Decimal("0.0000"), Decimal("1000.0000")]  # fmt: skip
