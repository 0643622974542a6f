"""Batched writes (`build_rows` in the workers, `Store.write_prepared` in the writer): the same rows and
the same idempotency as `write_document`, many documents per transaction, all or nothing."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from decimal import Decimal

import duckdb
import pyarrow as pa  # type: ignore[import-untyped]
import pytest

from analytics.errors import LoadError
from analytics.load import PARSER_VERSION, Store, open_store, writes
from analytics.load.batch import arrow_table, build_rows
from analytics.load.settle import Stored
from analytics.model import Check, Document, Extraction

DocumentFactory = Callable[..., Document]
ExtractionFactory = Callable[..., Extraction]


def count(store: Store, table: str) -> int:
    value = store.query(f"select count(*) from {table}").rows[0][0]
    assert isinstance(value, int)
    return value


def test_a_batch_gives_the_same_rows_as_writing_one_by_one(
    fresh_db: Store, make_document: DocumentFactory, make_extraction: ExtractionFactory, checks: list[Check]
) -> None:
    one_by_one = open_store(":memory:")
    documents = [make_document(f"/corpus/{i}.txt", f"v{i}".encode()) for i in range(3)]
    for document in documents:
        one_by_one.write_document(document, make_extraction(), checks)
    results = fresh_db.write_prepared([build_rows(d, make_extraction(), checks) for d in documents])
    assert [(r.status, r.facts, r.goals, r.budget_lines, r.checks) for r in results] == [
        ("loaded", 3, 1, 1, 3)
    ] * 3
    assert [(r.failed_errors, r.failed_warnings) for r in results] == [(1, 1)] * 3
    for table in ("facts", "performance_goals", "budget_lines", "checks"):
        sql = f"select * from {table} order by all"
        assert fresh_db.query(sql).rows == one_by_one.query(sql).rows, table
    sql = "select * exclude (ingested_at) from documents order by all"
    assert fresh_db.query(sql).rows == one_by_one.query(sql).rows
    one_by_one.close()


def test_unchanged_replaced_and_duplicates_in_one_batch(
    fresh_db: Store, make_document: DocumentFactory, make_extraction: ExtractionFactory
) -> None:
    fresh_db.write_document(make_document("/corpus/a.txt", b"a"), make_extraction())
    fresh_db.write_document(make_document("/corpus/b.txt", b"b1"), make_extraction())
    batch = [
        build_rows(make_document("/corpus/a.txt", b"a"), make_extraction()),  # same bytes, same path
        build_rows(make_document("/corpus/b.txt", b"b2"), make_extraction(vehicle_operation=Decimal("9"))),
        build_rows(make_document("/corpus/c.txt", b"a"), make_extraction()),  # a's bytes elsewhere
        build_rows(make_document("/corpus/d.txt", b"new"), make_extraction()),
        build_rows(make_document("/corpus/e.txt", b"new"), make_extraction()),  # d's, in the same batch
    ]
    results = fresh_db.write_prepared(batch)
    assert [(r.status, r.duplicate_of) for r in results] == [
        ("unchanged", None),
        ("replaced", None),
        ("duplicate", "/corpus/a.txt"),
        ("loaded", None),
        ("duplicate", "/corpus/d.txt"),
    ]
    assert fresh_db.query("select source_path from documents order by 1").rows == [
        ("/corpus/a.txt",), ("/corpus/b.txt",), ("/corpus/d.txt",)
    ]  # fmt: skip
    assert fresh_db.query(
        "select value from facts where source_path = '/corpus/b.txt' and year = 2017 and measure = 'amount'"
    ).rows == [(Decimal("9.0000"),)]
    assert count(fresh_db, "facts") == 9


def test_files_that_swapped_bytes_both_load(
    fresh_db: Store, make_document: DocumentFactory, make_extraction: ExtractionFactory
) -> None:
    """a held X and b held Y; now a holds Y and b holds X: neither is a duplicate of the other's past."""
    fresh_db.write_document(make_document("/corpus/a.txt", b"X"), make_extraction())
    fresh_db.write_document(make_document("/corpus/b.txt", b"Y"), make_extraction())
    results = fresh_db.write_prepared(
        [
            build_rows(make_document("/corpus/a.txt", b"Y"), make_extraction()),
            build_rows(make_document("/corpus/b.txt", b"X"), make_extraction()),
        ]
    )
    assert [r.status for r in results] == ["replaced", "replaced"]
    assert fresh_db.query("select source_path, sha256 from documents order by 1").rows == [
        ("/corpus/a.txt", make_document(content=b"Y").sha256),
        ("/corpus/b.txt", make_document(content=b"X").sha256),
    ]
    assert count(fresh_db, "facts") == 6


def test_a_value_too_large_fails_when_prepared(
    make_document: DocumentFactory, make_extraction: ExtractionFactory
) -> None:
    with pytest.raises(LoadError, match="does not fit") as info:
        build_rows(make_document("/corpus/a.txt"), make_extraction(vehicle_operation=Decimal("1E+15")))
    assert info.value.path == "/corpus/a.txt" and info.value.stage == "load"


@pytest.mark.parametrize("amount", ["-1E+15", "100000000000000", "-100000000000000"])
def test_an_amount_over_the_limit_either_way_fails_and_is_named(
    make_document: DocumentFactory, make_extraction: ExtractionFactory, amount: str
) -> None:
    with pytest.raises(LoadError, match="does not fit") as info:
        build_rows(make_document("/corpus/a.txt"), make_extraction(vehicle_operation=Decimal(amount)))
    assert f"= {Decimal(amount).quantize(Decimal('0.0001'))}: DECIMAL(18,4) holds less than 10^14" in str(
        info.value
    )


def test_the_largest_amount_that_fits_is_prepared(
    make_document: DocumentFactory, make_extraction: ExtractionFactory
) -> None:
    for amount in ("99999999999990.9999", "-99999999999990.9999"):  # (a derived figure adds 5)
        build_rows(make_document("/corpus/a.txt"), make_extraction(vehicle_operation=Decimal(amount)))


def test_a_failing_batch_changes_nothing(
    fresh_db: Store,
    make_document: DocumentFactory,
    make_extraction: ExtractionFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fresh_db.write_document(make_document("/corpus/a.txt", b"a1"), make_extraction())
    batch = [
        build_rows(make_document("/corpus/a.txt", b"a2"), make_extraction()),
        build_rows(make_document("/corpus/b.txt", b"b"), make_extraction()),
    ]
    original = writes.insert_arrow

    def fail_on_checks(connection: duckdb.DuckDBPyConnection, table: str, rows: object) -> None:
        original(connection, table, rows)
        if table == "checks":
            connection.execute("select error('disk on fire')")

    monkeypatch.setattr(writes, "insert_arrow", fail_on_checks)
    with pytest.raises(LoadError, match=r"nothing was changed: .*disk on fire"):
        fresh_db.write_prepared(batch)
    assert fresh_db.query("select source_path, sha256 from documents").rows == [
        ("/corpus/a.txt", make_document(content=b"a1").sha256)
    ]
    assert count(fresh_db, "facts") == 3


def test_stored_rows_and_holders_are_one_query_each(
    fresh_db: Store, make_document: DocumentFactory, make_extraction: ExtractionFactory
) -> None:
    a = make_document("/corpus/a.txt", b"a")
    fresh_db.write_document(a, make_extraction())
    fresh_db.record_error("/corpus/bad.txt", "read failed for /corpus/bad.txt: empty", sha256="0" * 64)
    stored = fresh_db.stored_rows(["/corpus/a.txt", "/corpus/bad.txt", "/corpus/new.txt"])
    assert stored == {
        "/corpus/a.txt": Stored(a.sha256, PARSER_VERSION, "ok"),
        "/corpus/bad.txt": Stored("0" * 64, PARSER_VERSION, "error", error_noted=True),
    }
    assert not stored["/corpus/bad.txt"].current  # error rows are never 'unchanged'
    assert fresh_db.holders([a.sha256, "f" * 64]) == {a.sha256: ["/corpus/a.txt"]}
    assert fresh_db.holders([]) == {}


def test_a_value_that_does_not_convert_fails_its_batch_and_the_rest_loads_alone(
    fresh_db: Store, make_document: DocumentFactory, make_extraction: ExtractionFactory
) -> None:
    """A value the writer cannot convert (build_rows lets only checked money through, but rows may come
    from elsewhere, e.g. a cluster running other code) is a LoadError naming the table, and nothing
    of the batch is written; the ingest then writes the documents one by one."""
    good = build_rows(make_document("/corpus/good.txt", b"good"), make_extraction())
    bad = build_rows(make_document("/corpus/bad.txt", b"bad"), make_extraction())
    year = next(c for c in bad.rows["facts"].columns if c.name == "year")
    year.values[0] = "二〇一七"  # not an INTEGER
    with pytest.raises(LoadError, match=r"nothing was changed: a value does not fit its column in facts"):
        fresh_db.write_prepared([good, bad])
    assert count(fresh_db, "documents") == 0 and count(fresh_db, "facts") == 0
    assert [r.status for r in fresh_db.write_prepared([good])] == ["loaded"]
    assert count(fresh_db, "facts") == 3


def test_prepared_documents_travel_as_plain_columns(
    make_document: DocumentFactory, make_extraction: ExtractionFactory, checks: list[Check]
) -> None:
    """What a worker sends the writer: the same document after a round trip through pickle, and far
    smaller than the Arrow IPC streams it replaced."""
    prepared = build_rows(make_document("/corpus/a.txt", b"a"), make_extraction(), checks)
    data = pickle.dumps(prepared, protocol=pickle.HIGHEST_PROTOCOL)
    again = pickle.loads(data)
    assert again == prepared
    assert {t: [(c.name, c.sql_type) for c in r.columns] for t, r in again.rows.items()} == {
        t: [(c.name, c.sql_type) for c in r.columns] for t, r in prepared.rows.items()
    }
    ipc = 0
    for rows in prepared.rows.values():  # what the Arrow IPC streams of the same rows would take
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, arrow_table(rows).schema) as writer:
            writer.write_table(arrow_table(rows))
        ipc += len(sink.getvalue())
    assert len(data) * 3 < ipc, (len(data), ipc)
