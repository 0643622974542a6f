"""Export the database to Hive-partitioned Parquet, for engines that outgrow one DuckDB file.

`export_parquet(db, out_dir)` writes every table to its own folder under `out_dir`:

    facts/year=2017/province=河北省/data_0.parquet      partitioned by year and province
    documents/year=2017/province=河北省/data_0.parquet  partitioned by year and province
    budget_lines/year=2017/data_0.parquet               partitioned by year
    checks/data_0.parquet, performance_goals/…, metrics/…

and `_export.json` (schema version, row counts, partition columns). DuckDB, Spark, Trino (Hive
connector) and pyarrow read the folders as they are:

- A NULL partition value is written as `__HIVE_DEFAULT_PARTITION__`, the Hive convention every one of
  them reads back as NULL (documents that failed have no year or province).
- Partition folders carry the value itself (`province=河北省`), not percent-encoded UTF-8: Spark and
  Hive decode `%XX` one byte per character, which would garble Chinese names. Characters Hive
  escapes (`/ = % :` …) stay encoded.
- Partition columns live in the folder names, not in the files: read them with hive partitioning on.
  Their type is inferred from the names (`year` as a BIGINT in DuckDB; pass
  `hive_types={'year': 'INTEGER'}` for the schema's INTEGER).
- Codes (`budget_lines.code`) stay strings, money stays DECIMAL(18,4), `notes` a list of strings.

Each table folder is written beside the old one and swapped in when complete, so a reader never
sees half an export.

>>> from analytics.export import export_parquet
>>> export_parquet("data/analytics.duckdb", "exports/parquet")  # doctest: +SKIP
>>> import duckdb  # doctest: +SKIP
>>> duckdb.sql("select count(*) from read_parquet('exports/parquet/facts/**/*.parquet', hive_partitioning=true)")  # doctest: +SKIP
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from analytics.errors import AnalyticsError
from analytics.load import SCHEMA_VERSION, Store, open_store

PARTITIONS: dict[str, tuple[str, ...]] = {
    "facts": ("year", "province"),
    "documents": ("year", "province"),
    "budget_lines": ("year",),
    "checks": (),
    "performance_goals": (),
    "metrics": (),
}
"""Every exported table and the columns its folders are partitioned by."""

FILE_SIZE = "256MB"
"""Unpartitioned tables are split into files of about this size."""

MANIFEST = "_export.json"
HIVE_NULL = "__HIVE_DEFAULT_PARTITION__"
_HIVE_ESCAPED = set("\"#%'*/:=?\\\x7f{[]^") | {chr(c) for c in range(0x20)}  # Hive's escapePathName


class ExportError(AnalyticsError):
    """The export could not be written (the database could not be read, or the folder written)."""

    stage = "export"


@dataclass(frozen=True)
class TableExport:
    """One exported table: its folder, rows, files and partition columns."""

    table: str
    path: Path
    rows: int
    files: int
    partition_by: tuple[str, ...]


@dataclass(frozen=True)
class ExportResult:
    """What `export_parquet` wrote."""

    out_dir: Path
    tables: list[TableExport] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(t.rows for t in self.tables)


def export_parquet(db: str | os.PathLike[str] | Store, out_dir: str | os.PathLike[str]) -> ExportResult:
    """Write each table of `db` (a path, opened read-only, or an open Store) to `out_dir/<table>/` as
    Hive-partitioned Parquet, replacing an earlier export of it; see the module docstring.

    Raises DatabaseError if the database cannot be opened (missing, or being written by another
    process) and ExportError if the folder cannot be written.
    """
    if isinstance(db, Store):
        return _export(db, Path(out_dir))
    with open_store(db, read_only=True) as store:
        return _export(store, Path(out_dir))


def _export(store: Store, out: Path) -> ExportResult:
    try:
        out.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".export-", dir=out))
    except OSError as exc:
        raise ExportError(f"cannot create the export folder: {exc}", path=str(out)) from exc
    try:
        tables = [
            _export_table(store.connection, table, columns, staging) for table, columns in PARTITIONS.items()
        ]
        result = ExportResult(out, [])
        for written in tables:
            final = out / written.table
            _swap(written.path, final)
            result.tables.append(
                TableExport(written.table, final, written.rows, written.files, written.partition_by)
            )
        manifest = {
            "schema_version": SCHEMA_VERSION,
            "format": "parquet",
            "hive_partitioning": True,
            "null_partition": HIVE_NULL,
            "tables": {
                t.table: {
                    "path": t.table,
                    "rows": t.rows,
                    "files": t.files,
                    "partition_by": list(t.partition_by),
                }
                for t in result.tables
            },
        }
        (out / MANIFEST).write_text(
            json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        return result
    except OSError as exc:
        raise ExportError(f"cannot write the export: {exc}", path=str(out)) from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _export_table(
    connection: duckdb.DuckDBPyConnection, table: str, partition_by: tuple[str, ...], staging: Path
) -> TableExport:
    target = staging / table
    rows = _count(connection, table)
    try:
        if rows == 0:  # nothing to partition: one empty file that still carries every column
            target.mkdir()
            connection.execute(
                f"COPY (SELECT * FROM {table}) TO '{_sql_path(target / 'data_0.parquet')}' (FORMAT PARQUET)"
            )
        elif partition_by:
            columns = ", ".join(partition_by)
            connection.execute(
                f"COPY (SELECT * FROM {table}) TO '{_sql_path(target)}' "
                f"(FORMAT PARQUET, PARTITION_BY ({columns}), OVERWRITE_OR_IGNORE true)"
            )
            _decode_partition_folders(target)
        else:
            connection.execute(
                f"COPY (SELECT * FROM {table}) TO '{_sql_path(target)}' "
                f"(FORMAT PARQUET, FILE_SIZE_BYTES '{FILE_SIZE}')"
            )
    except duckdb.Error as exc:
        first_line = str(exc).strip().splitlines()[0]
        raise ExportError(f"cannot export the table {table}: {first_line}", path=str(target)) from exc
    files = sum(1 for _ in target.rglob("*.parquet"))
    return TableExport(table, target, rows, files, partition_by if rows else ())


def _decode_partition_folders(root: Path) -> None:
    """Rename `key=%E6%B2%B3…` folders to `key=河北省`, keeping what Hive itself escapes encoded."""
    for folder in sorted(
        (p for p in root.rglob("*=*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True
    ):
        key, _, value = folder.name.partition("=")
        decoded = urllib.parse.unquote(value)
        if decoded == value or any(c in _HIVE_ESCAPED for c in decoded):
            continue
        folder.rename(folder.with_name(f"{key}={decoded}"))


def _swap(new: Path, final: Path) -> None:
    """Put the freshly written folder in place of the old one."""
    if final.exists():
        old = final.with_name(f".{final.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        final.rename(old)
        new.rename(final)
        shutil.rmtree(old, ignore_errors=True)
    else:
        new.rename(final)


def _count(connection: duckdb.DuckDBPyConnection, table: str) -> int:
    row = connection.execute(f"SELECT count(*) FROM {table}").fetchone()
    return int(row[0]) if row else 0


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


__all__ = ["PARTITIONS", "ExportError", "ExportResult", "TableExport", "export_parquet"]
