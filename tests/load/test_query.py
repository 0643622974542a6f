"""Queries on the store: read-only refusals, and CSV/JSON that keep decimals exact."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from analytics.load import QueryError, QueryResult, Store, open_store


def test_a_write_on_a_read_only_store_fails_and_changes_nothing(db_path: Path) -> None:
    open_store(db_path).close()
    with open_store(db_path, read_only=True) as store:
        for statement, kind in [
            ("insert into metrics values ('x', 'x', null, 'money', null)", "INSERT"),
            ("drop table facts", "DROP"),
            ("delete from metrics", "DELETE"),
        ]:
            with pytest.raises(QueryError) as info:
                store.query(statement)
            assert (
                str(info.value)
                == f"{kind} is not allowed: the database is open read-only, so nothing was changed"
            )
    with open_store(db_path, read_only=True) as store:
        assert store.query("select count(*) from facts").rows == [(0,)]
        assert store.query("select count(*) from metrics where key = 'x'").rows == [(0,)]


def test_a_bad_query_is_one_line(fresh_db: Store) -> None:
    with pytest.raises(QueryError) as info:
        fresh_db.query("select nope from facts")
    assert "\n" not in str(info.value) and "nope" in str(info.value)


def test_parameters(fresh_db: Store) -> None:
    assert fresh_db.query("select $1::DECIMAL(18,4) + 1 as x", [Decimal("0.1")]).rows == [
        (Decimal("1.1000"),)
    ]


RESULT = QueryResult(
    ["metric", "value", "reason", "notes"],
    [
        ("vehicle_operation", Decimal("20.6400"), "公车改革,车辆减少", ["a", "b"]),
        ("reception", None, None, []),
    ],
)


def test_csv() -> None:
    assert RESULT.to_csv() == (
        'metric,value,reason,notes\nvehicle_operation,20.6400,"公车改革,车辆减少","[a, b]"\nreception,,,[]\n'
    )


def test_json_numbers_are_exact() -> None:
    text = RESULT.to_json()
    assert '"value": 20.6400' in text
    parsed = json.loads(text, parse_float=Decimal)
    assert parsed == [
        {
            "metric": "vehicle_operation",
            "value": Decimal("20.6400"),
            "reason": "公车改革,车辆减少",
            "notes": ["a", "b"],
        },
        {"metric": "reception", "value": None, "reason": None, "notes": []},
    ]
    big = QueryResult(["v"], [(Decimal("99999999999999.9999"),)]).to_json()
    assert json.loads(big, parse_float=Decimal) == [{"v": Decimal("99999999999999.9999")}]
    assert QueryResult(["v"], []).to_json() == "[]"


def test_a_result_shows_as_an_html_table_in_a_notebook() -> None:
    from analytics.load.query import QueryResult

    result = QueryResult(("部门", "金额"), [("<某局>", None)] * 25)
    page = result._repr_html_()
    assert "<th>部门</th>" in page and "&lt;某局&gt;" in page and "<td>NULL</td>" in page
    assert page.count("<tr>") == 21 and "25 rows; the first 20 shown" in page
