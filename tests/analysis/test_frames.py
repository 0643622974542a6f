"""Tidy frames: exact decimals, the preferred figure, filters, one document's lines per department-year."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest

from analytics.analysis import (
    budget_lines,
    checks,
    documents,
    facts,
    performance_goals,
    query,
    to_float,
)
from analytics.load import QueryError, Store, open_store
from tests.analysis.builders import Doc, fact, goal, line, write_database

MakeDb = Callable[[list[Doc]], Store]


def test_a_read_only_store_refuses_a_write_with_a_query_error(reform_db_path: Path) -> None:
    with open_store(reform_db_path, read_only=True) as db:
        assert db.read_only
        assert db.path == str(reform_db_path)
        with pytest.raises(QueryError, match="read-only"):
            query(db, "delete from facts")


def test_facts_keep_exact_decimals_and_prefer_the_stated_figure(make_db: MakeDb) -> None:
    db = make_db(
        [
            Doc(
                "廊坊市财政局",
                2017,
                "final",
                [
                    fact("vehicle_operation", "20.64"),
                    fact("vehicle_operation", "25.64", 2016, basis="derived"),
                ],
            ),
            Doc("廊坊市财政局", 2016, "final", [fact("vehicle_operation", "25.60")]),
        ]
    )
    frame = facts(db, ["vehicle_operation"])
    assert frame.schema["value"] == pl.Decimal(18, 4)
    assert frame.select("year", "value", "basis").rows() == [
        (2016, Decimal("25.6000"), "stated"),
        (2017, Decimal("20.6400"), "stated"),
    ]
    everything = facts(db, ["vehicle_operation"], preferred=False)
    assert everything.height == 3
    assert to_float(frame)["value"].dtype == pl.Float64


def test_facts_filters(reform_db: Store) -> None:
    frame = facts(
        reform_db, ["vehicles_count"], departments=["廊坊市财政局"], years=[2015, 2016], kinds=["final"]
    )
    assert frame.select("year", "value").rows() == [(2015, Decimal("10.0000")), (2016, Decimal("4.0000"))]
    assert facts(reform_db, ["vehicles_count"], kinds=["budget"]).is_empty()


def test_query_takes_positional_and_named_parameters(reform_db: Store) -> None:
    positional = query(reform_db, "select count(*) as n from facts where metric = $1", ["vehicles_count"])
    named = query(reform_db, "select count(*) as n from facts where metric = $m", {"m": "vehicles_count"})
    assert positional["n"][0] == named["n"][0] == 18
    with pytest.raises(QueryError, match="no_such_table"):
        query(reform_db, "select * from no_such_table")


def test_documents_checks_and_goals_carry_the_department(make_db: MakeDb) -> None:
    db = make_db(
        [Doc("廊坊市科学技术协会", 2017, "budget", goals=[goal("开展科普活动", "19", "科学技术普及")])]
    )
    assert documents(db).select("department", "year", "kind").rows() == [
        ("廊坊市科学技术协会", 2017, "budget")
    ]
    assert performance_goals(db).select("department", "activity", "budget").rows() == [
        ("廊坊市科学技术协会", "开展科普活动", Decimal("19.0000"))
    ]
    assert checks(db, failed_only=True).is_empty()


def test_budget_lines_take_one_document_per_department_year_and_one_line_per_code(tmp_path: Path) -> None:
    own = Doc("廊坊市科学技术协会", 2017, "budget", path="/corpus/2017.txt",
              lines=[line("2060702", "科普活动", "19", 2017), line("2060702", "科普活动", "15", 2017)])  # fmt: skip
    # the 2018 budget restates the 2017 line differently: the 2017 document's own line wins
    restated = Doc(
        "廊坊市科学技术协会",
        2018,
        "budget",
        path="/corpus/2018.txt",
        lines=[line("2060702", "科普活动", "30", 2017)],
    )
    with open_store(write_database(tmp_path / "lines.duckdb", [own, restated]), read_only=True) as db:
        lines = budget_lines(db, code_prefix="20607")
        assert lines.select("year", "code", "total", "source_path").rows() == [
            (2017, "2060702", Decimal("19.0000"), "/corpus/2017.txt")
        ]
        assert budget_lines(db, preferred=False).height == 3


def test_failed_checks_include_the_prior_year_mismatches(make_db: MakeDb) -> None:
    """What `analytics check` lists (the failed_checks view): a stated change implying a prior-year amount
    other than the prior year's own document states is a warning, beside the documents' own checks."""
    db = make_db(
        [
            Doc("廊坊市财政局", 2017, "final",
                [fact("vehicle_operation", "20.64"), fact("vehicle_operation", "25.64", 2016, basis="derived")]),
            Doc("廊坊市财政局", 2016, "final", [fact("vehicle_operation", "25.60")]),
        ]
    )  # fmt: skip
    failed = checks(db, failed_only=True)
    assert failed.select("department", "year", "check_name", "severity", "check_year", "expected", "actual").rows() == [
        ("廊坊市财政局", 2017, "prior_year:vehicle_operation", "warning", 2016, Decimal("25.6400"), Decimal("25.6000"))
    ]  # fmt: skip
    assert failed.height == len(db.failed_checks().rows)
