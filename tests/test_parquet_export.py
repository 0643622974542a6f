"""Export to Hive-partitioned Parquet: read back with DuckDB (and pyarrow, as Spark would), the same
rows and values; NULL partitions, Chinese partition values, codes as strings, exact decimals."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import duckdb
import pyarrow.dataset as ds
import pytest
from click.testing import CliRunner

from analytics import export_parquet, open_store
from analytics.cli import main
from analytics.errors import DatabaseError
from analytics.model import BudgetLine, Document, Extraction, Metadata
from analytics.parquet_export import HIVE_NULL, PARTITIONS, ExportError

TABLES = (
    "facts", "documents", "budget_lines", "checks", "performance_goals", "tables_seen", "metrics", "corrections", "regions",
    "preferred_facts", "three_public", "vehicle_costs", "failed_checks",
)  # fmt: skip


@pytest.fixture
def database(
    db_path: Path, make_document: Callable[..., Document], make_extraction: Callable[..., Extraction]
) -> Path:
    """Three documents: 河北省 2017, a province-less 2018 one with a leading-zero code, a failed file."""
    with open_store(db_path) as store:
        store.write_document(make_document("/corpus/a.txt", b"a"), make_extraction())
        other = make_extraction(vehicle_operation=Decimal("12345678901234.5678"))
        other = replace(
            other,
            metadata=Metadata(title="某部门2018年部门预算", department="某部门", year=2018, kind="budget"),
            budget_lines=[
                BudgetLine(2018, "budget", "economic", "0302", "办公费", Decimal("0.0001"), None, None)
            ],
        )
        store.write_document(make_document("/corpus/b.txt", b"b"), other)
        store.record_error(
            "/corpus/bad.docx", "read failed for /corpus/bad.docx: empty file", sha256="0" * 64
        )
    return db_path


def read_back(folder: Path, table: str) -> duckdb.DuckDBPyRelation:
    """The table as DuckDB reads the export: hive partitioning on, `year` typed as in the schema."""
    types = ", hive_types = {'year': INTEGER}" if "year" in PARTITIONS[table] else ""
    files = str(folder / table / "**" / "*.parquet")
    return duckdb.sql(f"select * from read_parquet('{files}', hive_partitioning = true{types})")


def test_every_table_reads_back_the_same(database: Path, tmp_path: Path) -> None:
    out = tmp_path / "parquet"
    result = export_parquet(database, out)
    assert [t.table for t in result.tables] == list(TABLES)
    with open_store(database, read_only=True) as store:
        for table in TABLES:
            columns = ", ".join(f'"{c}"' for c in store.query(f"select * from {table} limit 0").columns)
            original = store.query(f"select {columns} from {table} order by all").rows
            exported = read_back(out, table).query("t", f"select {columns} from t order by all").fetchall()
            assert exported == original, table
            assert next(t.rows for t in result.tables if t.table == table) == len(original)
    manifest = json.loads((out / "_export.json").read_text(encoding="utf-8"))
    assert manifest["tables"]["facts"]["partition_by"] == ["year", "province"]
    assert manifest["tables"]["facts"]["rows"] == 6
    assert manifest["tables"]["three_public"]["kind"] == "view"
    assert manifest["tables"]["facts"]["kind"] == "table"
    assert manifest["tables"]["three_public"]["rows"] > 0 and manifest["tables"]["regions"]["rows"] > 3000


def test_partition_folders_nulls_and_types(database: Path, tmp_path: Path) -> None:
    out = tmp_path / "parquet"
    export_parquet(database, out)
    folders = {p.relative_to(out).as_posix() for p in out.rglob("*=*") if p.is_dir()}
    assert {"facts/year=2017/province=河北省", f"facts/year=2017/province={HIVE_NULL}",
            f"documents/year={HIVE_NULL}/province={HIVE_NULL}", "budget_lines/year=2018"} <= folders  # fmt: skip
    assert not any("%" in folder for folder in folders)  # Spark and Hive would garble %E6%B2%B3…
    types = dict(
        read_back(out, "facts").query("t", "select distinct 'value', typeof(value) from t").fetchall()
        + read_back(out, "budget_lines").query("t", "select distinct 'code', typeof(code) from t").fetchall()
    )
    assert types == {"value": "DECIMAL(18,4)", "code": "VARCHAR"}
    assert read_back(out, "budget_lines").query(
        "t", "select code, total from t where year = 2018"
    ).fetchall() == [("0302", Decimal("0.0001"))]
    assert read_back(out, "documents").query(
        "t", "select source_path, year, province from t where status = 'error'"
    ).fetchall() == [("/corpus/bad.docx", None, None)]


def test_pyarrow_reads_it_as_spark_would(database: Path, tmp_path: Path) -> None:
    out = tmp_path / "parquet"
    export_parquet(database, out)
    facts = ds.dataset(out / "facts", format="parquet", partitioning="hive").to_table()
    assert facts.num_rows == 6
    assert sorted({(r["year"], r["province"]) for r in facts.select(["year", "province"]).to_pylist()}, key=str) == [
        (2016, "河北省"), (2016, None), (2017, "河北省"), (2017, None)
    ]  # fmt: skip
    assert str(facts.schema.field("value").type) == "decimal128(18, 4)"


def test_exporting_again_replaces_the_folders(
    database: Path,
    tmp_path: Path,
    make_document: Callable[..., Document],
    make_extraction: Callable[..., Extraction],
) -> None:
    out = tmp_path / "parquet"
    export_parquet(database, out)
    with open_store(database) as store:
        store.query("delete from facts where province is null")
    again = export_parquet(database, out)
    assert next(t.rows for t in again.tables if t.table == "facts") == 3
    assert read_back(out, "facts").count("*").fetchall() == [(3,)]
    assert not (out / "facts" / "year=2017" / f"province={HIVE_NULL}").exists()
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []  # no staging left behind


def test_an_empty_database_exports_empty_files_with_every_column(db_path: Path, tmp_path: Path) -> None:
    open_store(db_path).close()
    out = tmp_path / "parquet"
    export_parquet(db_path, out)
    facts = duckdb.read_parquet(str(out / "facts" / "*.parquet"))
    assert facts.count("*").fetchall() == [(0,)]
    assert "value" in facts.columns and "province" in facts.columns


def test_the_cli_exports_and_reports_errors_cleanly(database: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["export", "--db", str(database), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert f"Exported {database} to {tmp_path / 'out'}" in result.stdout
    assert "facts" in result.stdout and "year, province" in result.stdout
    missing = runner.invoke(
        main, ["export", "--db", str(tmp_path / "none.duckdb"), "--out", str(tmp_path / "x")]
    )
    assert missing.exit_code == 1
    assert missing.stderr.startswith("Error: ") and "Traceback" not in missing.output
    with pytest.raises(DatabaseError, match="no database here"):
        export_parquet(tmp_path / "none.duckdb", tmp_path / "x")


# -- the folder it writes to -------------------------------------------------------------------------


def test_a_folder_of_the_users_is_refused_and_left_as_it_was(database: Path, tmp_path: Path) -> None:
    """Before: `export --out m` deleted m/documents/ (a thesis in it) and overwrote m/_export.json."""
    out = tmp_path / "m"
    (out / "documents").mkdir(parents=True)
    (out / "documents" / "thesis.docx").write_bytes(b"four years of work")
    (out / "_export.json").write_text('{"mine": true}', encoding="utf-8")
    result = CliRunner().invoke(main, ["export", "--db", str(database), "--out", str(out)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {out}: the folder is not empty and is not an earlier export (it has no _export.json "
        "written by analytics export); nothing was written: choose a new or empty folder\n"
    )
    assert (out / "documents" / "thesis.docx").read_bytes() == b"four years of work"
    assert (out / "_export.json").read_text(encoding="utf-8") == '{"mine": true}'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["db", "m"]  # no staging left beside it


def test_an_earlier_export_with_a_file_of_the_users_in_it_is_refused(database: Path, tmp_path: Path) -> None:
    out = tmp_path / "parquet"
    export_parquet(database, out)
    (out / "notes.txt").write_text("what these numbers mean", encoding="utf-8")
    with pytest.raises(ExportError, match=r"holds an earlier export and also notes\.txt, which the export"):
        export_parquet(database, out)
    assert (out / "notes.txt").exists() and (out / "facts").is_dir()


def test_an_empty_folder_and_an_earlier_export_are_written(database: Path, tmp_path: Path) -> None:
    out = tmp_path / "empty"
    out.mkdir()
    export_parquet(database, out)
    first = json.loads((out / "_export.json").read_text(encoding="utf-8"))
    assert first["written_by"] == "analytics export"
    before = (out / "facts").stat().st_ino
    export_parquet(database, out)  # replaced whole, by folders written beside it
    assert (out / "facts").stat().st_ino != before
    assert sorted(p.name for p in out.iterdir()) == sorted([*TABLES, "_export.json"])
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_staging_left_by_a_killed_export_is_cleaned(database: Path, tmp_path: Path) -> None:
    """Before: a `.export-*` folder left by a killed export stayed for ever."""
    out = tmp_path / "parquet"
    export_parquet(database, out)
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    dead = int(gone.stdout)
    stale = tmp_path / f".parquet.export-{dead}-x1"
    (stale / "facts").mkdir(parents=True)
    running = tmp_path / f".parquet.export-{os.getppid()}-x2"  # an export that is still running: kept
    running.mkdir()
    legacy = out / ".export-abc123"  # where earlier versions staged, inside the folder
    legacy.mkdir()
    export_parquet(database, out)
    assert not stale.exists() and running.exists()
    assert not legacy.exists()


def test_an_export_killed_between_its_renames_is_put_back(database: Path, tmp_path: Path) -> None:
    out = tmp_path / "parquet"
    export_parquet(database, out)
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    aside = tmp_path / f".parquet.replaced-{int(gone.stdout)}-x"
    out.rename(aside)  # as a kill after the first rename leaves it
    (aside / "notes.txt").write_text("x", encoding="utf-8")  # so that the check below sees it came back
    with pytest.raises(ExportError, match=r"notes\.txt"):
        export_parquet(database, out)
    assert (out / "notes.txt").exists() and not aside.exists()


def test_every_declared_table_is_exported() -> None:
    """The export's list of tables is checked against the schema's declaration, so a new table
    cannot be left out of it unseen (schema_info is the database's own bookkeeping)."""
    from analytics.load.schema import TABLES

    assert set(TABLES) - {"schema_info"} <= set(PARTITIONS)
