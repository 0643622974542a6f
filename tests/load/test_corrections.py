"""Hand corrections: kept in a file beside the database, applied on every ingest, reported when the
document they were made for has changed."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

import analytics
from analytics.load import open_store
from analytics.load.corrections import (
    ENV_CORRECTIONS,
    CorrectionError,
    add_correction,
    apply_corrections,
    corrections_path,
    read_corrections,
)

# My own words, in the shape of a 三公 section: the text prints 1.65 where the parts need 2.55.
AUDIT_2019 = (
    "廊坊市审计局2019年部门预算公开情况说明\n"
    "四、“三公”经费预算情况\n"
    "2019年“三公”经费财政拨款预算17.79万元，其中：因公出国（境）费0万元，"
    "公务用车购置及运行费15.24万元，公务接待费1.65万元。\n"
)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "审计局2019预算.txt").write_text(AUDIT_2019, encoding="utf-8")
    return folder


def figures(db: Path, metric: str = "reception") -> list[tuple[object, ...]]:
    with open_store(db, read_only=True) as store:
        return store.query(
            "select value, original_value, basis, quality from facts where metric = $1", [metric]
        ).rows


def test_the_default_file_lies_beside_the_database(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_CORRECTIONS, raising=False)
    assert corrections_path("data/analytics.duckdb") == Path("data/analytics.corrections.csv")
    assert corrections_path("/srv/db/budgets") == Path("/srv/db/budgets.corrections.csv")
    assert corrections_path(":memory:") is None
    assert corrections_path("data/analytics.duckdb", "mine.csv") == Path("mine.csv")
    monkeypatch.setenv(ENV_CORRECTIONS, "/etc/analytics/corrections.csv")
    assert corrections_path("data/analytics.duckdb") == Path("/etc/analytics/corrections.csv")


def test_a_correction_survives_a_reingest_and_a_changed_file_is_reported(
    corpus: Path, tmp_path: Path
) -> None:
    db = tmp_path / "budgets.duckdb"
    analytics.ingest([corpus], db=db)
    assert figures(db) == [(Decimal("1.6500"), None, "stated", "failed_check")]

    with open_store(db) as store:
        outcome, _ = add_correction(
            store, str(corpus / "审计局2019预算.txt"), metric="reception", year=2019, kind="budget",
            value="2.55", reason="正文1.65与分项合计不符，应为2.55", author="张三",
        )  # fmt: skip
    assert outcome.status == "applied" and outcome.original_values == (Decimal("1.6500"),)
    assert figures(db) == [(Decimal("2.5500"), Decimal("1.6500"), "corrected", "corrected")]
    # the correction answers the sum check that flagged the total and the other parts
    assert {q for *_, q in figures(db, "three_public_total")} == {"ok"}
    file = tmp_path / "budgets.corrections.csv"
    rows = list(csv.DictReader(file.open(encoding="utf-8")))
    assert [(r["metric"], r["year"], r["kind"], r["value"], r["author"]) for r in rows] == [
        ("reception", "2019", "budget", "2.55", "张三")
    ]

    report = analytics.ingest([corpus], db=db)  # unchanged bytes: the correction is applied again
    assert report.documents_unchanged == 1
    assert report.corrections is not None and [o.status for o in report.corrections.outcomes] == ["applied"]
    assert figures(db) == [(Decimal("2.5500"), Decimal("1.6500"), "corrected", "corrected")]

    # the publisher fixes the text: the file's bytes change, the correction is reported, not applied
    (corpus / "审计局2019预算.txt").write_text(AUDIT_2019.replace("1.65", "2.55"), encoding="utf-8")
    report = analytics.ingest([corpus], db=db)
    assert report.documents_replaced == 1
    assert report.corrections is not None
    [changed] = report.corrections.not_applied
    assert changed.status == "document_changed"
    assert (
        "has changed since the correction was made" in changed.message and "it states 2.55" in changed.message
    )
    assert figures(db) == [(Decimal("2.5500"), None, "stated", "ok")]
    with open_store(db, read_only=True) as store:
        assert store.query("select status, applied, facts from corrections").rows == [
            ("document_changed", False, 0)
        ]


def test_removing_a_line_puts_the_printed_figure_back(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "budgets.duckdb"
    analytics.ingest([corpus], db=db)
    with open_store(db) as store:
        add_correction(store, str(corpus / "审计局2019预算.txt"), metric="reception", year=2019,
                       kind="budget", value="2.55", reason="typo")  # fmt: skip
    (tmp_path / "budgets.corrections.csv").write_text("", encoding="utf-8")
    report = analytics.ingest([corpus], db=db)
    assert report.corrections is not None and report.corrections.outcomes == []
    assert figures(db) == [(Decimal("1.6500"), None, "stated", "failed_check")]
    assert {q for *_, q in figures(db, "three_public_total")} == {"failed_check"}


def test_a_later_line_for_the_same_figure_wins(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "budgets.duckdb"
    analytics.ingest([corpus], db=db)
    with open_store(db) as store:
        for value in ("2.50", "2.55"):
            add_correction(store, str(corpus / "审计局2019预算.txt"), metric="reception", year=2019,
                           kind="budget", value=value, reason="typo")  # fmt: skip
        statuses = store.query("select line, status, value from corrections order by line").rows
    assert statuses == [(2, "superseded", Decimal("2.5000")), (3, "applied", Decimal("2.5500"))]
    # the original value stays the printed one, not the earlier correction's
    assert figures(db) == [(Decimal("2.5500"), Decimal("1.6500"), "corrected", "corrected")]


def test_bad_lines_are_reported_and_the_others_applied(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "budgets.duckdb"
    analytics.ingest([corpus], db=db)
    with open_store(db, read_only=True) as store:
        sha = str(store.query("select sha256 from documents").rows[0][0])
    file = tmp_path / "budgets.corrections.csv"
    file.write_text(
        "doc_id,source_path,sha256,metric,measure,year,kind,value,reason,author,created_at\n"
        f",,{sha},reception,,2019,budget,2.55,typo,,\n"
        f",,{sha},receptoin,,2019,budget,2.55,typo,,\n"
        f",,{sha},reception,,2019,budget,two,typo,,\n"
        f",,{sha},reception,,2019,budget,2.55,,,\n"
        ",,,reception,,2019,budget,2.55,typo,,\n"
        f",,{sha},reception,,2018,budget,2.55,typo,,\n"
        f"{'0' * 16},,,reception,,2019,budget,2.55,typo,,\n"
        f"# a comment,,{sha},reception,,2019,budget,9,typo,,\n",
        encoding="utf-8",
    )
    report = analytics.ingest([corpus], db=db)
    assert report.corrections is not None
    assert [(o.line, o.status) for o in report.corrections.outcomes] == [
        (2, "applied"),
        (3, "invalid"),
        (4, "invalid"),
        (5, "invalid"),
        (6, "invalid"),
        (7, "no_figure"),
        (8, "document_missing"),
    ]
    messages = [o.message for o in report.corrections.outcomes]
    assert "unknown metric 'receptoin'" in messages[1]
    assert "'two' is not a number" in messages[2]
    assert "no reason given" in messages[3]
    assert "the document is not named" in messages[4]
    assert figures(db) == [(Decimal("2.5500"), Decimal("1.6500"), "corrected", "corrected")]


def test_an_unreadable_file_is_reported_and_changes_nothing(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "budgets.duckdb"
    (tmp_path / "budgets.corrections.csv").write_text("what,is,this\n1,2,3\n", encoding="utf-8")
    report = analytics.ingest([corpus], db=db)
    assert report.ok and report.corrections is not None
    assert report.corrections.error is not None and "no column metric" in report.corrections.error
    assert figures(db) == [(Decimal("1.6500"), None, "stated", "failed_check")]


def test_add_correction_refuses_a_figure_the_document_does_not_state(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "budgets.duckdb"
    analytics.ingest([corpus], db=db)
    with open_store(db) as store, pytest.raises(CorrectionError, match="states no reception amount for 2018"):
        add_correction(store, str(corpus / "审计局2019预算.txt"), metric="reception", year=2018,
                       kind="budget", value="2.55", reason="typo")  # fmt: skip
    with open_store(db) as store, pytest.raises(CorrectionError, match="no document"):
        add_correction(store, "elsewhere.txt", metric="reception", year=2019, kind="budget", value="1",
                       reason="typo")  # fmt: skip
    assert not (tmp_path / "budgets.corrections.csv").exists()


def test_corrections_apply_by_doc_id_too(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "budgets.duckdb"
    analytics.ingest([corpus], db=db)
    with open_store(db) as store:
        doc_id = str(store.query("select doc_id from documents").rows[0][0])
        file = tmp_path / "mine.csv"
        file.write_text(f"doc_id,metric,year,kind,value,reason\n{doc_id},reception,2019,budget,2.55,typo\n")
        corrections, invalid = read_corrections(file)
        assert invalid == [] and corrections[0].document == doc_id and corrections[0].measure == "amount"
        report = apply_corrections(store, file)
    assert [o.status for o in report.outcomes] == ["applied"]
    assert figures(db)[0][2] == "corrected"


def test_ingests_into_one_open_store_one_after_the_other(corpus: Path, tmp_path: Path) -> None:
    """The corrections and the summary counts leave no half-read result on the connection."""
    with open_store(tmp_path / "budgets.duckdb") as store:
        first = analytics.ingest([corpus], db=store)
        second = analytics.ingest([corpus], db=store)
    assert (first.documents_loaded, second.documents_unchanged) == (1, 1)
    assert second.database_failed_errors == first.database_failed_errors == 1
