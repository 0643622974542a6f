"""`analytics report`: exit codes and messages."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner, Result

from analytics.cli import main
from analytics.load import open_store
from tests.report.conftest import EXAMPLE_CONFIG


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], prog_name="analytics")


def test_report_writes_the_page_and_says_where(seed_db: Path, tmp_path: Path) -> None:
    result = run("report", "--db", seed_db, "--out", tmp_path / "reports")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"Report written to {tmp_path / 'reports'}/")
    assert lines[0].endswith("/index.html")
    assert lines[2] == f"  latest: {tmp_path / 'reports' / 'latest'}"
    assert (tmp_path / "reports" / "latest" / "index.html").is_file()


def test_report_takes_a_config(seed_db: Path, tmp_path: Path) -> None:
    result = run("report", "--db", seed_db, "--out", tmp_path, "--config", EXAMPLE_CONFIG)
    assert result.exit_code == 0, result.output
    assert "<title>廊坊市市直部门预算与决算趋势</title>" in (tmp_path / "latest" / "index.html").read_text(
        encoding="utf-8"
    )


def test_report_fails_clearly_without_a_database(tmp_path: Path) -> None:
    result = run("report", "--db", tmp_path / "missing.duckdb", "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"Error: {tmp_path / 'missing.duckdb'}: no database here (nothing has been ingested into it yet)"
    )


def test_report_fails_clearly_on_an_empty_database(tmp_path: Path) -> None:
    open_store(tmp_path / "empty.duckdb").close()
    result = run("report", "--db", tmp_path / "empty.duckdb", "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert "the database holds no documents; ingest some first" in result.stderr


def test_report_fails_clearly_while_an_ingest_holds_the_database(
    seed_db: Path, tmp_path: Path, hold_database: Callable[..., subprocess.Popen[str]]
) -> None:
    copy = tmp_path / "busy.duckdb"
    copy.write_bytes(seed_db.read_bytes())
    holder = hold_database(copy)
    result = run("report", "--db", copy, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"Error: {copy}: the database is in use by another process (pid {holder.pid}); "
        "DuckDB allows one writer or many readers — wait for it to finish"
    )


def test_report_rejects_a_bad_config(seed_db: Path, tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text('[select]\nregion = "廊坊市"\n', encoding="utf-8")
    result = run("report", "--db", seed_db, "--out", tmp_path / "out", "--config", config)
    assert result.exit_code == 1
    assert result.stderr.strip().startswith(f"Error: {config}: unknown key(s) select.region")


def test_report_has_help() -> None:
    result = run("report", "--help")
    assert result.exit_code == 0
    assert "--out" in result.stdout and "--config" in result.stdout
