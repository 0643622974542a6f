"""Writing documents: exact rows, exact decimals, one transaction each, idempotency, error rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal

import duckdb
import pytest

from analytics.errors import DatabaseError, LoadError
from analytics.load import PARSER_VERSION, Store, open_store, writes
from analytics.load.rows import Rows
from analytics.model import Check, Document, Evidence, Extraction, Fact

DocumentFactory = Callable[..., Document]  # the make_document fixture (tests/conftest.py)
ExtractionFactory = Callable[..., Extraction]

PATH = "/corpus/langfang_kexie_2017_budget.txt"


def rows(store: Store, sql: str) -> list[tuple[object, ...]]:
    return store.query(sql).rows


def count(store: Store, table: str) -> int:
    return int(store.query(f"select count(*) from {table}").rows[0][0])  # type: ignore[call-overload]


def test_write_document_gives_exact_rows(
    fresh_db: Store, make_document: DocumentFactory, make_extraction: ExtractionFactory, checks: list[Check]
) -> None:
    document = make_document(PATH, b"v1")
    extraction = make_extraction()
    extraction.metadata.region_code = "131000"
    extraction.metadata.evidence = {"year": Evidence("2017", "title", "2017年部门预算公开情况说明")}
    result = fresh_db.write_document(document, extraction, checks)

    assert result.status == "loaded"
    assert (result.doc_id, result.facts, result.goals, result.budget_lines, result.checks) == (
        document.doc_id,
        3,
        1,
        1,
        3,
    )
    assert (result.failed_errors, result.failed_warnings) == (1, 1)

    doc = fresh_db.query("select * from documents").records()
    assert len(doc) == 1
    ingested_at = doc[0].pop("ingested_at")
    assert isinstance(ingested_at, dt.datetime)
    assert doc[0] == {
        "doc_id": document.sha256[:16],
        "source_path": PATH,
        "format": "text",
        "sha256": document.sha256,
        "title": "廊坊市科学技术协会2017年部门预算公开情况说明",
        "department": "廊坊市科学技术协会",
        "department_printed": "市科协",
        "department_type": "科协",
        "region": "廊坊市",
        "region_code": "131000",
        "province": "河北省",
        "level": "prefecture",
        "year": 2017,
        "kind": "budget",
        "metadata_evidence": '{"year": {"value": "2017", "source": "title", "text": "2017年部门预算公开情况说明"}}',
        "status": "ok",
        "error": None,
        "parser_version": PARSER_VERSION,
        "encoding": "utf-8",
        "notes": ["dropped 1 Word bookmark marker(s)"],
    }

    facts = rows(
        fresh_db,
        "select doc_id, source_path, department, department_type, region, province, year, kind, metric,"
        " measure, value, unit_found, basis, reason, method from facts order by year desc, measure",
    )
    common = (document.doc_id, PATH, "廊坊市科学技术协会", "科协", "廊坊市", "河北省")
    assert facts == [
        (*common, 2017, "budget", "vehicle_operation", "amount", Decimal("20.6400"), "万元", "stated", None,
         "narrative"),
        (*common, 2017, "budget", "vehicle_operation", "yoy_change", Decimal("-5.0000"), "万元", "stated",
         "公车改革车辆减少", "narrative"),
        (*common, 2016, "budget", "vehicle_operation", "amount", Decimal("25.6400"), None, "derived", None,
         "narrative"),
    ]  # fmt: skip
    assert rows(fresh_db, "select section, quote from facts where measure = 'yoy_change'") == [
        ("四、财政拨款“三公”经费预算情况及增减变化原因",
         "公车运行经费较2016年度减少5万元,主要原因是公车改革车辆减少"),
    ]  # fmt: skip

    assert rows(fresh_db, "select * from performance_goals") == [
        (document.doc_id, "开展科普活动", "科学技术普及", Decimal("19.0000"), "开展科普日活动", "普及科普知识",
         "科技知识普及率", "高", "比较高", "中", "低"),
    ]  # fmt: skip
    assert rows(fresh_db, "select * from budget_lines") == [
        (document.doc_id, 2017, "budget", "functional", "2060702", "科普活动", Decimal("19.0000"), None,
         Decimal("19.0000")),
    ]  # fmt: skip
    assert rows(fresh_db, 'select check_name, severity, passed, metric, expected, actual, year, quote, source_path'
                          ' from checks order by check_name') == [
        ("duplicate_row:performance_goals", "warning", False, None, None, None, None, None, PATH),
        ("sum:three_public_total", "info", True, "three_public_total", Decimal("22.0000"), Decimal("22.0000"),
         2017, None, PATH),
        ("sum:vehicle_total", "error", False, "vehicle_total", Decimal("20.6500"), Decimal("20.6400"), 2017,
         "公务用车购置及运维费20.65万元", PATH),
    ]  # fmt: skip


def test_without_checks_the_extractor_notes_are_recorded(
    fresh_db: Store, make_document: DocumentFactory, make_extraction: ExtractionFactory
) -> None:
    fresh_db.write_document(make_document(PATH), make_extraction())
    assert rows(fresh_db, "select check_name, passed from checks") == [
        ("duplicate_row:performance_goals", False)
    ]


def test_codes_keep_leading_zeros(
    fresh_db: Store, make_document: DocumentFactory, make_extraction: ExtractionFactory
) -> None:
    extraction = make_extraction()
    extraction.budget_lines[0] = replace(extraction.budget_lines[0], code="0201")
    fresh_db.write_document(make_document(PATH), extraction)
    assert rows(fresh_db, "select code from budget_lines") == [("0201",)]


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        (Decimal("0.1"), Decimal("0.1000")),
        # the derived prior-year row (+5) is then the largest DECIMAL(18,4): 99999999999999.9999
        (Decimal("99999999999994.9999"), Decimal("99999999999994.9999")),
        (Decimal("-0.0001"), Decimal("-0.0001")),
        (Decimal("1.23445"), Decimal("1.2345")),  # 四舍五入, not banker's rounding
        (Decimal("0.00005"), Decimal("0.0001")),
        (Decimal("1E+2"), Decimal("100.0000")),
    ],
)
def test_money_is_exact_decimal(
    fresh_db: Store,
    make_document: DocumentFactory,
    make_extraction: ExtractionFactory,
    given: Decimal,
    stored: Decimal,
) -> None:
    fresh_db.write_document(make_document(PATH), make_extraction(vehicle_operation=given))
    value = rows(fresh_db, "select value from facts where year = 2017 and measure = 'amount'")[0][0]
    assert isinstance(value, Decimal)
    assert value == stored and str(value) == str(stored)


def test_sums_in_sql_are_exact(
    fresh_db: Store, make_document: DocumentFactory, make_extraction: ExtractionFactory
) -> None:
    extraction = make_extraction()
    extraction.facts[:] = [
        replace(extraction.facts[0], metric=m, value=Decimal(v))
        for m, v in [("overseas_travel", "0.1"), ("reception", "0.2"), ("vehicle_total", "21.7")]
    ]
    fresh_db.write_document(make_document(PATH), extraction)
    assert rows(fresh_db, "select sum(value) from facts") == [(Decimal("22.0000"),)]
    assert rows(fresh_db, "select typeof(value) from facts limit 1") == [("DECIMAL(18,4)",)]


# -- one transaction per document ------------------------------------------------------------------


def test_a_failing_row_rolls_back_the_whole_document(
    fresh_db: Store, make_document: DocumentFactory, make_extraction: ExtractionFactory
) -> None:
    too_large = make_extraction(vehicle_operation=Decimal("1E+15"))  # more than 14 integer digits
    with pytest.raises(LoadError, match="nothing was changed") as info:
        fresh_db.write_document(make_document(PATH), too_large)
    assert info.value.path == PATH and info.value.stage == "load"
    for table in ("documents", "facts", "performance_goals", "budget_lines", "checks"):
        assert count(fresh_db, table) == 0, table


def test_a_failed_replacement_keeps_the_previous_version(
    fresh_db: Store, make_document: DocumentFactory, make_extraction: ExtractionFactory
) -> None:
    first = make_document(PATH, b"v1")
    fresh_db.write_document(first, make_extraction())
    with pytest.raises(LoadError):
        fresh_db.write_document(
            make_document(PATH, b"v2"), make_extraction(vehicle_operation=Decimal("1E+15"))
        )
    assert rows(fresh_db, "select sha256 from documents") == [(first.sha256,)]
    assert count(fresh_db, "facts") == 3
    assert count(fresh_db, "performance_goals") == 1


def test_an_exception_midway_rolls_back(
    fresh_db: Store,
    make_document: DocumentFactory,
    make_extraction: ExtractionFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    original = writes.insert_rows

    def insert_then_fail(connection: duckdb.DuckDBPyConnection, rows: Rows) -> None:
        original(connection, rows)
        if rows.table == "budget_lines":  # documents, facts and goals are in by now
            raise RuntimeError("disk on fire")

    monkeypatch.setattr(writes, "insert_rows", insert_then_fail)
    with pytest.raises(RuntimeError, match="disk on fire"):
        fresh_db.write_document(make_document(PATH), make_extraction())
    for table in ("documents", "facts", "performance_goals", "budget_lines", "checks"):
        assert count(fresh_db, table) == 0, table


# -- idempotency and replacement --------------------------------------------------------------------


def test_same_bytes_again_is_unchanged(
    fresh_db: Store, make_document: DocumentFactory, make_extraction: ExtractionFactory, checks: list[Check]
) -> None:
    document = make_document(PATH, b"v1")
    fresh_db.write_document(document, make_extraction(), checks)
    before = fresh_db.query("select * from documents").rows
    again = fresh_db.write_document(document, make_extraction(), checks)
    assert again.status == "unchanged" and again.doc_id == document.doc_id and again.facts == 0
    assert fresh_db.query("select * from documents").rows == before  # not even ingested_at moves
    assert (count(fresh_db, "facts"), count(fresh_db, "checks")) == (3, 3)
    assert fresh_db.skip_if_loaded(PATH, document.sha256) == again


def test_changed_bytes_at_the_same_path_replace_the_rows(
    fresh_db: Store, make_document: DocumentFactory, make_extraction: ExtractionFactory, checks: list[Check]
) -> None:
    fresh_db.write_document(make_document(PATH, b"v1"), make_extraction(), checks)
    assert fresh_db.skip_if_loaded(PATH, make_document(PATH, b"v2").sha256) is None
    changed = make_document(PATH, b"v2")
    extraction = make_extraction(vehicle_operation=Decimal("18.64"), checks=[])
    result = fresh_db.write_document(changed, extraction, [])
    assert result.status == "replaced" and result.doc_id == changed.doc_id
    assert rows(fresh_db, "select doc_id, sha256 from documents") == [(changed.doc_id, changed.sha256)]
    assert rows(fresh_db, "select distinct doc_id from facts") == [(changed.doc_id,)]
    assert rows(fresh_db, "select value from facts where year = 2017 and measure = 'amount'") == [
        (Decimal("18.6400"),)
    ]
    assert count(fresh_db, "checks") == 0
    assert count(fresh_db, "performance_goals") == 1
    assert count(fresh_db, "budget_lines") == 1


def test_replacement_leaves_other_documents_alone(
    fresh_db: Store, make_document: DocumentFactory, make_extraction: ExtractionFactory
) -> None:
    fresh_db.write_document(make_document("/corpus/a.txt", b"a"), make_extraction())
    fresh_db.write_document(make_document("/corpus/b.txt", b"b1"), make_extraction())
    fresh_db.write_document(make_document("/corpus/b.txt", b"b2"), make_extraction())
    assert rows(fresh_db, "select source_path, count(*) from facts group by 1 order by 1") == [
        ("/corpus/a.txt", 3),
        ("/corpus/b.txt", 3),
    ]


def test_a_new_parser_version_reextracts(
    fresh_db: Store,
    make_document: DocumentFactory,
    make_extraction: ExtractionFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    document = make_document(PATH)
    fresh_db.write_document(document, make_extraction())
    for module in ("store", "settle", "writes"):  # where the version is written and compared
        monkeypatch.setattr(f"analytics.load.{module}.PARSER_VERSION", "next")
    assert fresh_db.skip_if_loaded(PATH, document.sha256) is None
    assert fresh_db.write_document(document, make_extraction()).status == "replaced"
    assert rows(fresh_db, "select parser_version from documents") == [("next",)]
    assert count(fresh_db, "facts") == 3


def test_same_bytes_under_another_path_is_a_duplicate(
    fresh_db: Store, make_document: DocumentFactory, make_extraction: ExtractionFactory
) -> None:
    original = make_document("/corpus/a.txt", b"same")
    fresh_db.write_document(original, make_extraction())
    copy = make_document("/corpus/copy/a.txt", b"same")
    result = fresh_db.write_document(copy, make_extraction())
    assert result.status == "duplicate"
    assert result.duplicate_of == "/corpus/a.txt" and result.doc_id == original.doc_id
    assert rows(fresh_db, "select source_path from documents") == [("/corpus/a.txt",)]
    assert count(fresh_db, "facts") == 3


def test_a_path_whose_file_became_a_copy_of_another_drops_its_old_rows(
    fresh_db: Store, make_document: DocumentFactory, make_extraction: ExtractionFactory
) -> None:
    fresh_db.write_document(make_document("/corpus/a.txt", b"a"), make_extraction())
    fresh_db.write_document(make_document("/corpus/b.txt", b"b"), make_extraction())
    result = fresh_db.skip_if_loaded("/corpus/b.txt", make_document("/corpus/a.txt", b"a").sha256)
    assert result is not None and result.status == "duplicate"
    assert rows(fresh_db, "select source_path from documents") == [("/corpus/a.txt",)]
    assert rows(fresh_db, "select distinct source_path from facts") == [("/corpus/a.txt",)]


# -- files that failed -----------------------------------------------------------------------------


def test_a_failed_file_is_an_error_row(fresh_db: Store) -> None:
    result = fresh_db.record_error("/corpus/bad.doc", "read failed for /corpus/bad.doc: not a document",
                                   sha256="ab" * 32, format="doc")  # fmt: skip
    assert result.status == "failed" and result.doc_id == "ab" * 8
    assert rows(
        fresh_db, "select doc_id, source_path, format, sha256, status, error, parser_version, year from documents"
    ) == [("ab" * 8, "/corpus/bad.doc", "doc", "ab" * 32, "error", "read failed for /corpus/bad.doc: not a document",
           PARSER_VERSION, None)]  # fmt: skip


def test_an_error_row_is_replaced_by_the_next_error_and_then_by_a_good_read(
    fresh_db: Store, make_document: DocumentFactory, make_extraction: ExtractionFactory
) -> None:
    fresh_db.record_error(PATH, "read failed: first")
    fresh_db.record_error(PATH, "read failed: second")
    assert rows(fresh_db, "select status, error from documents") == [("error", "read failed: second")]
    result = fresh_db.write_document(make_document(PATH), make_extraction())
    assert result.status == "loaded"
    assert rows(fresh_db, "select status, error from documents") == [("ok", None)]


def test_a_failure_never_deletes_an_earlier_good_version(
    fresh_db: Store, make_document: DocumentFactory, make_extraction: ExtractionFactory
) -> None:
    good = make_document(PATH, b"v1")
    fresh_db.write_document(good, make_extraction())
    fresh_db.record_error(PATH, "read failed: the file is now truncated", sha256="cd" * 32)
    assert rows(fresh_db, "select status, sha256, error from documents") == [
        ("ok", good.sha256, "read failed: the file is now truncated")
    ]
    assert count(fresh_db, "facts") == 3
    # the good version comes back: unchanged, and the error note goes
    assert fresh_db.write_document(good, make_extraction()).status == "unchanged"
    assert rows(fresh_db, "select error from documents") == [(None,)]


def test_an_error_row_does_not_shadow_a_good_copy(
    fresh_db: Store, make_document: DocumentFactory, make_extraction: ExtractionFactory
) -> None:
    """An old error row with the same bytes must not make a good document a 'duplicate'."""
    document = make_document("/corpus/a.txt", b"x")
    fresh_db.record_error("/corpus/old.txt", "extract failed", sha256=document.sha256)
    assert fresh_db.write_document(document, make_extraction()).status == "loaded"
    # …and recording that other path again leaves the good document's rows alone
    assert fresh_db.skip_if_loaded("/corpus/old.txt", document.sha256) is not None
    assert count(fresh_db, "facts") == 3


def test_a_read_only_store_refuses_writes(
    db_path: object, make_document: DocumentFactory, make_extraction: ExtractionFactory
) -> None:
    open_store(db_path).close()  # type: ignore[arg-type]
    with open_store(db_path, read_only=True) as store:  # type: ignore[arg-type]
        with pytest.raises(DatabaseError, match="read-only"):
            store.write_document(make_document(PATH), make_extraction())
        with pytest.raises(DatabaseError, match="read-only"):
            store.record_error(PATH, "x")


def test_facts_repeat_the_document_metadata(
    fresh_db: Store, make_document: DocumentFactory, make_extraction: ExtractionFactory
) -> None:
    extraction = make_extraction()
    extraction.facts.append(
        Fact(
            "vehicles_count",
            "amount",
            Decimal("3"),
            2016,
            "budget",
            "辆",
            "stated",
            None,
            "table",
            "车辆 | 3",
        )
    )
    fresh_db.write_document(make_document(PATH), extraction)
    assert rows(fresh_db, "select distinct department, province from facts") == [
        ("廊坊市科学技术协会", "河北省")
    ]
    assert rows(fresh_db, "select value, unit_found from facts where metric = 'vehicles_count'") == [
        (Decimal("3.0000"), "辆")
    ]
