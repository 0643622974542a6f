"""The tables_seen rows of a document: written with it, by one document or in a batch, replaced with
it, and there for every table of an ingested file."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import analytics
from analytics.load import Store
from analytics.load.batch import build_rows
from analytics.model import Document, Extraction, TableSeen

DocumentFactory = Callable[..., Document]
ExtractionFactory = Callable[..., Extraction]

SEEN = [
    TableSeen(1, 2, "部门收支总表", "budget_summary", 10, 15),
    TableSeen(2, 3, "部门机构设置情况", None, 4, 0),
]
QUERY = 'select ordinal, page, caption, standard_table, "rows", figures from tables_seen order by ordinal'


def test_tables_seen_are_written_and_replaced_with_the_document(
    fresh_db: Store, make_document: DocumentFactory, make_extraction: ExtractionFactory
) -> None:
    extraction = replace(make_extraction(), tables_seen=SEEN)
    fresh_db.write_document(make_document("/c/a.txt", b"v1"), extraction)
    assert fresh_db.query(QUERY).rows == [
        (1, 2, "部门收支总表", "budget_summary", 10, 15),
        (2, 3, "部门机构设置情况", None, 4, 0),
    ]
    fresh_db.write_document(make_document("/c/a.txt", b"v2"), replace(extraction, tables_seen=SEEN[:1]))
    assert fresh_db.query(QUERY).rows == [(1, 2, "部门收支总表", "budget_summary", 10, 15)]


def test_tables_seen_go_through_a_batch(
    fresh_db: Store, make_document: DocumentFactory, make_extraction: ExtractionFactory
) -> None:
    prepared = build_rows(make_document("/c/b.txt", b"v1"), replace(make_extraction(), tables_seen=SEEN))
    assert prepared.count("tables_seen") == 2
    fresh_db.write_prepared([pickle.loads(pickle.dumps(prepared))])  # as from a worker process
    assert [row[0] for row in fresh_db.query(QUERY).rows] == [1, 2]


def test_an_ingested_file_lists_its_tables(tmp_path: Path) -> None:
    source = tmp_path / "某某县审计局2020年部门预算.txt"
    source.write_text(
        "某某县审计局2020年部门预算公开\n"
        "表7 一般公共预算“三公”经费支出表\n单位:万元\n"
        "| 项目 | 预算数 |\n| 合计 | 12.50 |\n| 公务接待费 | 2.50 |\n",
        encoding="utf-8",
    )
    db = tmp_path / "a.duckdb"
    analytics.ingest([source], db=db)
    with analytics.open_store(db, read_only=True) as store:
        rows = store.query('select ordinal, standard_table, "rows", figures from tables_seen').rows
    assert rows == [(1, "budget_three_public", 3, 2)]
