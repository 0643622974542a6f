"""`analytics correct`, the corrections in the ingest summary, and `analytics sql --format xlsx`."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner, Result

from analytics import open_store
from analytics.cli import main

# My own words: the text prints 1.65 where the parts of the total need 2.55.
AUDIT_2019 = (
    "廊坊市审计局2019年部门预算公开情况说明\n"
    "四、“三公”经费预算情况\n"
    "2019年“三公”经费财政拨款预算17.79万元，其中：因公出国（境）费0万元，"
    "公务用车购置及运行费15.24万元，公务接待费1.65万元。\n"
)


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], prog_name="analytics")


@pytest.fixture
def ingested(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    monkeypatch.delenv("ANALYTICS_CORRECTIONS", raising=False)
    folder = tmp_path / "corpus"
    folder.mkdir()
    document = folder / "审计局2019预算.txt"
    document.write_text(AUDIT_2019, encoding="utf-8")
    db = tmp_path / "budgets.duckdb"
    result = run("ingest", folder, "--db", db, "--no-progress")
    assert result.exit_code == 0, result.output
    assert "failed checks in the whole database: errors" in result.output
    return document, db


def test_correct_records_and_applies_and_the_ingest_reports_a_changed_file(
    ingested: tuple[Path, Path],
) -> None:
    document, db = ingested
    result = run("correct", document, "--metric", "reception", "--year", "2019", "--kind", "budget",
                 "--value", "2.55", "--reason", "分项合计为2.55", "--author", "张三", "--db", db)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Corrected line 2: reception amount 2019 budget = 2.5500" in result.output
    assert "(printed 1.6500)" in result.output
    assert "budgets.corrections.csv" in result.output
    with open_store(db, read_only=True) as store:
        assert store.query(
            "select value, original_value, basis from facts where metric = 'reception'"
        ).rows == [(Decimal("2.5500"), Decimal("1.6500"), "corrected")]

    again = run("ingest", document.parent, "--db", db, "--no-progress")
    assert again.exit_code == 0 and "hand corrections applied" in again.output

    document.write_text(AUDIT_2019.replace("1.65", "2.55"), encoding="utf-8")
    changed = run("ingest", document.parent, "--db", db, "--no-progress")
    assert changed.exit_code == 0, changed.output
    assert "Corrections not applied" in changed.output and "document_changed" in changed.output


def test_correct_refuses_what_the_document_does_not_state(ingested: tuple[Path, Path]) -> None:
    document, db = ingested
    result = run("correct", document, "--metric", "reception", "--year", "2018", "--kind", "budget",
                 "--value", "2", "--reason", "x", "--db", db)  # fmt: skip
    assert result.exit_code == 1
    assert "states no reception amount for 2018 budget" in result.output
    assert "nothing was written" in result.output
    assert not (db.parent / "budgets.corrections.csv").exists()


def test_sql_writes_an_excel_workbook_with_text_kept_as_text(
    ingested: tuple[Path, Path], tmp_path: Path
) -> None:
    _, db = ingested
    out = tmp_path / "result.xlsx"
    result = run("sql", "select metric, value, '=HYPERLINK(1)' as f from facts order by metric", "--db", db,
                 "--format", "xlsx", "--out", out)  # fmt: skip
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("metric", "value", "f")
    assert rows[1] == ("overseas_travel", 0, "=HYPERLINK(1)")
    assert sheet["C2"].data_type == "s"
    assert ("reception", 1.65, "=HYPERLINK(1)") in rows


def test_sql_out_writes_csv_to_a_file(ingested: tuple[Path, Path], tmp_path: Path) -> None:
    _, db = ingested
    out = tmp_path / "result.csv"
    result = run("sql", "select metric from facts order by metric limit 1", "--db", db, "--format", "csv",
                 "--out", out)  # fmt: skip
    assert result.exit_code == 0 and result.output == ""
    assert out.read_text(encoding="utf-8") == "metric\noverseas_travel\n"
