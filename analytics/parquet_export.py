"""Export the database to Hive-partitioned Parquet, for engines that outgrow one DuckDB file.

`export_parquet(db, out_dir)` writes every table to its own folder under `out_dir`:

    facts/year=2017/province=河北省/data_0.parquet      partitioned by year and province
    documents/year=2017/province=河北省/data_0.parquet  partitioned by year and province
    budget_lines/year=2017/data_0.parquet               partitioned by year
    checks/data_0.parquet, performance_goals/…, tables_seen/…, metrics/…, corrections/…, regions/…
    preferred_facts/year=2017/province=河北省/…          the analyst views, as they read at export time
    three_public/…, vehicle_costs/…, failed_checks/…

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

`export_parquet` writes only into a folder it owns: a new or empty folder, or an earlier export of
its own (recognised by its `_export.json`, holding nothing but what that manifest lists). Any other
folder is refused, so that nothing of the user's is ever deleted. The whole export is written into a
hidden folder beside the target (`.NAME.export-PID-…`) and swapped in when complete (the old export is
renamed aside, the new one renamed into place, then the old one deleted): a reader sees the old export
or the new one, never half of one. Staging folders left by a killed export are removed by the next
export to the same folder.

>>> from analytics.parquet_export import export_parquet
>>> export_parquet("data/analytics.duckdb", "exports/parquet")  # doctest: +SKIP
>>> import duckdb  # doctest: +SKIP
>>> duckdb.sql("select count(*) from read_parquet('exports/parquet/facts/**/*.parquet', hive_partitioning=true)")  # doctest: +SKIP
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from analytics.errors import AnalyticsError, describe_os_error
from analytics.load import SCHEMA_VERSION, Store, open_store
from analytics.processes import alive

PARTITIONS: dict[str, tuple[str, ...]] = {
    "facts": ("year", "province"),
    "documents": ("year", "province"),
    "budget_lines": ("year",),
    "checks": (),
    "performance_goals": (),
    "tables_seen": (),
    "metrics": (),
    "corrections": (),
    "regions": (),
    # the analyst views, as they read at the time of the export
    "preferred_facts": ("year", "province"),
    "three_public": (),
    "vehicle_costs": (),
    "failed_checks": (),
}
"""Every exported table and view, and the columns its folders are partitioned by."""

VIEWS = ("preferred_facts", "three_public", "vehicle_costs", "failed_checks")
"""Of `PARTITIONS`, the analyst views: written as their rows read when the export runs."""

FILE_SIZE = "256MB"
"""Unpartitioned tables are split into files of about this size."""

MANIFEST = "_export.json"
WRITTEN_BY = "analytics export"
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
    target = Path(os.path.realpath(out))  # a symlinked folder: write beside the folder it points at
    try:
        _recover(target)
    except OSError as exc:
        raise ExportError(
            f"cannot restore the earlier export: {describe_os_error(exc)}", path=str(out)
        ) from exc
    _check_target(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale(target)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}{_STAGING}{os.getpid()}-", dir=target.parent))
    except OSError as exc:
        raise ExportError(
            f"cannot create the export folder: {describe_os_error(exc)}", path=str(out)
        ) from exc
    try:
        tables = [
            _export_table(store.connection, table, columns, staging) for table, columns in PARTITIONS.items()
        ]
        result = ExportResult(out, [])
        for written in tables:
            result.tables.append(
                TableExport(
                    written.table, out / written.table, written.rows, written.files, written.partition_by
                )
            )
        (staging / MANIFEST).write_text(
            json.dumps(_manifest(result), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        staging.chmod(0o755)  # mkdtemp's folder is 0700; an export is meant to be read by other engines
        _swap(staging, target)
        return result
    except OSError as exc:
        raise ExportError(f"cannot write the export: {describe_os_error(exc)}", path=str(out)) from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _manifest(result: ExportResult) -> dict[str, object]:
    return {
        "written_by": WRITTEN_BY,
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
                "kind": "view" if t.table in VIEWS else "table",
            }
            for t in result.tables
        },
    }


def _check_target(target: Path) -> None:
    """Refuse a folder this export does not own: one that is not empty and is not an earlier export
    (its `_export.json`, and nothing but what that lists). Stale staging of an older version is ours."""
    if not os.path.lexists(target):
        return
    if not target.is_dir():
        raise ExportError("exists and is not a folder; choose a new or empty folder", path=str(target))
    try:
        entries = {name for name in os.listdir(target) if not _is_stale_inside(name)}
    except OSError as exc:
        raise ExportError(f"cannot read the folder: {describe_os_error(exc)}", path=str(target)) from exc
    if not entries:
        return
    owned = _owned_entries(target) if MANIFEST in entries else None
    if owned is None:
        raise ExportError(
            "the folder is not empty and is not an earlier export (it has no _export.json written by "
            "analytics export); nothing was written: choose a new or empty folder",
            path=str(target),
        )
    foreign = sorted(entries - owned)
    if foreign:
        shown = ", ".join(foreign[:5]) + (f" and {len(foreign) - 5} more" if len(foreign) > 5 else "")
        raise ExportError(
            f"the folder holds an earlier export and also {shown}, which the export did not write; "
            "nothing was written: move them out, or choose a new or empty folder",
            path=str(target),
        )


def _owned_entries(target: Path) -> set[str] | None:
    """What an earlier export in `target` consists of (its manifest and table folders), or None when
    `_export.json` is not one that this export wrote."""
    try:
        manifest = json.loads((target / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(manifest, dict) or manifest.get("format") != "parquet":
        return None
    tables = manifest.get("tables")
    if not isinstance(tables, dict) or not manifest.get("hive_partitioning"):
        return None
    paths = [entry.get("path") for entry in tables.values() if isinstance(entry, dict)]
    if not all(isinstance(path, str) and path and "/" not in path and "\\" not in path for path in paths):
        return None
    return {MANIFEST, *(str(path) for path in paths)}


_STAGING = ".export-"
_ASIDE = ".replaced-"
_STALE_INSIDE = re.compile(r"^\.export-|^\.[a-z_]+\.old$")  # what earlier versions staged inside the folder


def _is_stale_inside(name: str) -> bool:
    return _STALE_INSIDE.search(name) is not None


def _left_behind(target: Path, kind: str) -> list[Path]:
    """Folders of `kind` (staging or set aside) beside `target` whose export is no longer running
    (their names carry the pid of the export that made them)."""
    if not target.parent.is_dir():
        return []
    prefix = f".{target.name}{kind}"
    found = []
    for entry in os.scandir(target.parent):
        if entry.name.startswith(prefix) and entry.is_dir(follow_symlinks=False):
            pid = entry.name[len(prefix) :].split("-", 1)[0]
            if pid.isdigit() and not alive(int(pid)):
                found.append(Path(entry.path))
    return sorted(found)


def _recover(target: Path) -> None:
    """An export killed between its two renames left the folder missing and the earlier export set
    aside: put it back first."""
    if not os.path.lexists(target):
        aside = _left_behind(target, _ASIDE)
        if aside:
            aside[-1].rename(target)


def _remove_stale(target: Path) -> None:
    """Remove the staging and set-aside folders that killed exports left beside `target`."""
    for folder in _left_behind(target, _STAGING) + _left_behind(target, _ASIDE):
        shutil.rmtree(folder, ignore_errors=True)


def _swap(staging: Path, target: Path) -> None:
    """Put the finished export in place of the old one: two renames, so that for an instant the
    folder is missing, never half written; the old one is restored if the second rename fails."""
    aside: Path | None = None
    if os.path.lexists(target):
        aside = Path(tempfile.mkdtemp(prefix=f".{target.name}{_ASIDE}{os.getpid()}-", dir=target.parent))
        aside.rmdir()  # only the unique name is wanted: rename needs the destination absent
        target.rename(aside)
    try:
        staging.rename(target)
    except OSError:
        if aside is not None:
            aside.rename(target)
        raise
    if aside is not None:
        shutil.rmtree(aside, ignore_errors=True)


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


def _count(connection: duckdb.DuckDBPyConnection, table: str) -> int:
    row = connection.execute(f"SELECT count(*) FROM {table}").fetchone()
    return int(row[0]) if row else 0


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


__all__ = ["PARTITIONS", "VIEWS", "ExportError", "ExportResult", "TableExport", "export_parquet"]
