"""Opening the database: folders created, schema made idempotently, clear errors for every refusal."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from analytics.errors import DatabaseError
from analytics.load import SCHEMA_VERSION, open_store
from analytics.load.connect import lock_message

Holder = Callable[..., subprocess.Popen[str]]


def test_a_writable_open_creates_the_parent_folders(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "analytics.duckdb"
    with open_store(path) as store:
        assert store.path == str(path) and not store.read_only
    assert path.is_file()


def test_opening_twice_is_idempotent(db_path: Path) -> None:
    with open_store(db_path) as store:
        store.connection.execute("insert into budget_lines (doc_id, year, kind, classification, code, name) "
                                 "values ('d', 2017, 'budget', 'functional', '201', '一般公共服务')")  # fmt: skip
    with open_store(db_path) as store:
        assert store.query("select count(*) from budget_lines").rows == [(1,)]
        assert store.query("select schema_version from schema_info").rows == [(SCHEMA_VERSION,)]


def test_a_read_only_open_of_a_missing_file_fails_and_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "nothing.duckdb"
    with pytest.raises(DatabaseError, match="no database here") as info:
        open_store(path, read_only=True)
    assert info.value.path == str(path) and info.value.stage == "database"
    assert not path.exists()


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.duckdb"
    path.write_text("这不是数据库" * 200, encoding="utf-8")
    with pytest.raises(DatabaseError, match="not a DuckDB database"):
        open_store(path)


def test_a_folder_is_not_a_database(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="folder"):
        open_store(tmp_path)


def test_another_schema_version_is_refused(db_path: Path) -> None:
    open_store(db_path).close()
    connection = duckdb.connect(str(db_path))
    connection.execute("update schema_info set schema_version = 0")
    connection.close()
    with pytest.raises(DatabaseError, match="schema version 0"):
        open_store(db_path)


def test_lock_held_by_a_writer_in_another_process(db_path: Path, hold_database: Holder) -> None:
    open_store(db_path).close()
    holder = hold_database(db_path)
    for read_only in (False, True):
        with pytest.raises(DatabaseError) as info:
            open_store(db_path, read_only=read_only)
        message = str(info.value)
        assert message == (
            f"{db_path}: the database is in use by another process (pid {holder.pid}); "
            "DuckDB allows one writer or many readers — wait for it to finish"
        )
        assert isinstance(info.value.__cause__, duckdb.IOException)


def test_many_readers_may_share_the_file(db_path: Path, hold_database: Holder) -> None:
    open_store(db_path).close()
    hold_database(db_path, read_only=True)
    with open_store(db_path, read_only=True) as store:
        assert store.query("select count(*) from documents").rows == [(0,)]
    with pytest.raises(DatabaseError, match="in use by another process"):
        open_store(db_path)  # but no writer while a reader holds it


def test_lock_message_without_a_pid() -> None:
    assert lock_message("IO Error: Could not set lock on file").startswith(
        "the database is in use by another process; DuckDB allows one writer or many readers"
    )


def test_the_same_file_in_another_mode_in_this_process(db_path: Path) -> None:
    with open_store(db_path), pytest.raises(DatabaseError, match="already open in this process"):
        open_store(db_path, read_only=True)


def test_in_memory_store() -> None:
    with open_store(":memory:") as store:
        assert store.query("select count(*) > 0 from metrics").rows == [(True,)]
    with pytest.raises(DatabaseError):
        open_store(":memory:", read_only=True)
