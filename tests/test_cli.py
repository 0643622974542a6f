"""The `analytics` command, driven for real: click's CliRunner, and a subprocess of `python -m analytics`."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from analytics import Check, open_store
from analytics.cli import main
from analytics.model import Document, Extraction

README = Path(__file__).resolve().parents[1] / "README.md"
WithChecks = Callable[[list[Check]], Path]


def run(*args: str | Path, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], env=env, prog_name="analytics")


@pytest.fixture
def seeded(sample_path: Path, db_path: Path) -> Path:
    """A database with the seed disclosure ingested."""
    result = run("ingest", sample_path, "--db", db_path, "--no-progress")
    assert result.exit_code == 0, result.output
    return db_path


@pytest.fixture
def store_with_checks(
    db_path: Path, make_document: Callable[..., Document], make_extraction: Callable[..., Extraction]
) -> WithChecks:
    """Write one hand-built document with the given checks; returns the database path."""

    def write(checks: list[Check]) -> Path:
        with open_store(db_path) as store:
            store.write_document(make_document(), make_extraction(checks=[]), checks)
        return db_path

    return write


# -- ingest -------------------------------------------------------------------------------------


def test_ingest_prints_a_summary(sample_path: Path, tmp_path: Path, db_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(sample_path, folder)
    result = run("ingest", folder, "--db", db_path)
    assert result.exit_code == 0, result.output
    assert f"Ingested into {db_path}" in result.stdout
    assert re.search(r"documents seen\s+│\s+1 │", result.stdout)
    assert re.search(r"facts written\s+│\s+\d+ │", result.stdout)
    again = run("ingest", folder, "--db", db_path, "--no-progress")
    assert re.search(r"unchanged\s+│\s+1 │", again.stdout)


def test_ingest_counts_documents_without_figures_and_check_lists_them(
    sample_path: Path, tmp_path: Path, db_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(sample_path, folder / "good.txt")
    (folder / "duties.txt").write_text(
        "县档案馆2019年部门预算\n一、主要职责\n负责档案的收集和保管。\n", "utf-8"
    )
    result = run("ingest", folder, "--db", db_path, "--no-progress")
    assert result.exit_code == 0, result.output
    assert re.search(r"documents without figures\s+│\s+1 │", result.stdout)
    listed = run("check", "--db", db_path)
    assert "no_figures" in listed.stdout and "duties.txt" in listed.stdout


def test_ingest_reports_a_bad_file_and_exits_1(sample_path: Path, tmp_path: Path, db_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(sample_path, folder / "good.txt")
    (folder / "broken.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    result = run("ingest", folder, "--db", db_path, "--no-progress")
    assert result.exit_code == 1
    assert "Files that failed" in result.stdout
    assert "broken.xlsx" in result.stdout and "read failed for" in result.stdout
    assert re.search(r"  loaded\s+│\s+1 │", result.stdout)
    assert "Traceback" not in result.output


def test_ingest_prune_removes_files_gone_from_the_folder(
    sample_path: Path, tmp_path: Path, db_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(sample_path, folder / "2017.txt")
    (folder / "2018.txt").write_bytes(sample_path.read_bytes().replace(b"1.36", b"1.46"))
    assert run("ingest", folder, "--db", db_path, "--no-progress").exit_code == 0
    (folder / "2018.txt").unlink()
    result = run("ingest", folder, "--db", db_path, "--no-progress", "--prune")
    assert result.exit_code == 0, result.output
    assert re.search(r"unchanged\s+│\s+1 │", result.stdout)
    assert re.search(r"removed: files gone from the folders\s+│\s+1 │", result.stdout)
    with open_store(db_path, read_only=True) as store:
        assert store.query("select source_path from documents").rows == [(str(folder / "2017.txt"),)]

    (folder / "2017.txt").unlink()  # an empty folder: kept, and said so
    result = run("ingest", folder, "--db", db_path, "--no-progress", "--prune")
    assert result.exit_code == 0, result.output
    assert "Not pruned:" in result.stdout and "holds no disclosure" in result.stdout
    assert re.search(r"removed: files gone from the folders\s+│\s+0 │", result.stdout)
    with open_store(db_path, read_only=True) as store:
        assert store.query("select count(*) from documents").rows == [(1,)]


def test_ingest_of_a_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    result = run("ingest", tmp_path / "nope", "--db", tmp_path / "db.duckdb")
    assert result.exit_code == 2 and "does not exist" in result.output


def test_ingest_into_a_locked_database(
    sample_path: Path, db_path: Path, hold_database: Callable[..., subprocess.Popen[str]]
) -> None:
    open_store(db_path).close()
    holder = hold_database(db_path)
    result = run("ingest", sample_path, "--db", db_path, "--no-progress")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"Error: {db_path}: the database is in use by another process (pid {holder.pid}); "
        "DuckDB allows one writer or many readers — wait for it to finish"
    )


# -- sql ----------------------------------------------------------------------------------------


def test_sql_prints_a_table(seeded: Path) -> None:
    result = run("sql", "select metric, measure, year, value, basis from facts order by 1", "--db", seeded)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert re.match(r"┃ metric\s+┃ measure\s+┃ year ┃\s+value ┃ basis\s+┃", lines[1])
    assert any(
        re.search(r"│ three_public_total\s+│ amount\s+│ 2017 │\s+22\.0000 │ stated\s+│", line)
        for line in lines
    )
    assert re.fullmatch(r"\d+ rows", lines[-1])


def test_sql_csv_and_json(seeded: Path) -> None:
    query = "select metric, value from facts where metric = 'three_public_total' and year = 2017"
    csv = run("sql", query, "--db", seeded, "--format", "csv")
    assert csv.exit_code == 0 and csv.stdout == "metric,value\nthree_public_total,22.0000\n"
    out = run("sql", query, "--db", seeded, "--format", "json")
    assert json.loads(out.stdout, parse_float=Decimal) == [
        {"metric": "three_public_total", "value": Decimal("22.0000")}
    ]


REFUSED = (
    "is not allowed: analytics sql runs only statements that read (SELECT, WITH, FROM, VALUES, DESCRIBE, "
    "SHOW, SUMMARIZE, and EXPLAIN of one of these), so nothing was run"
)


def test_sql_csv_never_hands_a_spreadsheet_a_formula(seeded: Path) -> None:
    query = (
        """select '=HYPERLINK("http://x","点击")' as title, '@SUM(A1)' as a, '+1+2' as b, '-5.30' as code, """
        "-5.3 as value, '\tX' as tabbed, '公务接待费' as label"
    )
    out = run("sql", query, "--db", seeded, "--format", "csv")
    assert out.stdout.splitlines()[1] == (
        """"'=HYPERLINK(""http://x"",""点击"")",'@SUM(A1),'+1+2,-5.30,-5.3,'\tX,公务接待费"""
    )
    raw = json.loads(run("sql", query, "--db", seeded, "--format", "json").stdout)
    assert raw[0]["title"] == '=HYPERLINK("http://x","点击")'  # JSON keeps the values as stored


def test_sql_refuses_writes_with_one_line(seeded: Path) -> None:
    for statement, kind in [("insert into metrics (key, name_zh, unit) values ('x', 'x', 'money')", "INSERT"),
                            ("drop table facts", "DROP")]:  # fmt: skip
        result = run("sql", statement, "--db", seeded)
        assert result.exit_code == 1
        assert result.stderr == f"Error: {kind} {REFUSED}\n"
    assert run("sql", "select count(*) > 0 from facts", "--db", seeded, "--format", "csv").stdout.endswith(
        "true\n"
    )


def test_sql_writes_nothing_anywhere(seeded: Path, tmp_path: Path) -> None:
    """Before: COPY TO and EXPORT DATABASE wrote files, ATTACH created a database (and, through a hard
    link to the database file, DELETE emptied the real facts), INSTALL went to the network."""
    link = tmp_path / "link.duckdb"
    os.link(seeded, link)
    out = tmp_path / "out"
    out.mkdir()
    facts = run("sql", "select count(*) from facts", "--db", seeded, "--format", "csv").stdout
    attempts = [
        (f"copy facts to '{out / 'x.csv'}'", "COPY"),
        (f"export database '{out / 'dump'}'", "EXPORT"),
        (f"attach '{out / 'new.duckdb'}' as n (read_only false); create table n.t (a int)", "ATTACH"),
        (f"attach '{link}' as w (read_only false); delete from w.facts", "ATTACH"),
        ("install httpfs", "INSTALL"),
        ("load httpfs", "LOAD"),
        ("set enable_external_access = false", "SET"),
        ("pragma enable_profiling", "PRAGMA"),
        ("call checkpoint()", "CALL"),
        (f"explain analyze copy facts to '{out / 'y.csv'}'", "EXPLAIN"),
        (f"select 1; copy facts to '{out / 'z.csv'}'", "COPY"),  # the whole input is refused
    ]
    for statement, kind in attempts:
        result = run("sql", statement, "--db", seeded)
        assert (result.exit_code, result.stderr) == (1, f"Error: {kind} {REFUSED}\n"), statement
    assert list(out.iterdir()) == []
    assert run("sql", "select count(*) from facts", "--db", seeded, "--format", "csv").stdout == facts
    assert facts != "count_star()\n0\n"


def test_sql_reads_in_every_form_and_reads_local_files(seeded: Path, tmp_path: Path) -> None:
    table = tmp_path / "mine.csv"
    table.write_text("metric,target\nthree_public_total,20\n", encoding="utf-8")
    for statement in ("describe facts", "show tables", "summarize metrics", "from metrics limit 1",
                      "with m as (select 1 as x) select * from m", "values (1), (2)",
                      "explain select * from facts", "explain analyze select count(*) from facts",
                      "select 1; select 2"):  # fmt: skip
        result = run("sql", statement, "--db", seeded)
        assert result.exit_code == 0, (statement, result.output)
    joined = run(
        "sql",
        f"select f.metric, f.value, t.target from facts f join read_csv('{table}') t using (metric) "
        "where f.year = 2017 and f.measure = 'amount'",
        "--db", seeded, "--format", "csv",
    )  # fmt: skip
    assert joined.stdout == "metric,value,target\nthree_public_total,22.0000,20\n"
    remote = run("sql", "select * from read_parquet('https://example.invalid/x.parquet')", "--db", seeded)
    assert remote.exit_code == 1 and "httpfs" in remote.stderr  # not auto-installed, not auto-loaded


def test_sql_errors_are_clean(tmp_path: Path, seeded: Path) -> None:
    missing = run("sql", "select 1", "--db", tmp_path / "none.duckdb")
    assert missing.exit_code == 1
    assert (
        missing.stderr
        == f"Error: {tmp_path / 'none.duckdb'}: no database here (nothing has been ingested into it yet)\n"
    )
    assert not (tmp_path / "none.duckdb").exists()
    bad = run("sql", "select nope from facts", "--db", seeded)
    assert bad.exit_code == 1 and bad.stderr.startswith("Error: ") and bad.stderr.count("\n") == 1
    assert "Traceback" not in bad.output


def test_the_database_can_come_from_the_environment(seeded: Path) -> None:
    result = run(
        "sql", "select count(*) as n from documents", "--format", "csv", env={"ANALYTICS_DB": str(seeded)}
    )
    assert result.exit_code == 0 and result.stdout == "n\n1\n"


# -- check --------------------------------------------------------------------------------------


def test_check_exits_1_on_a_failed_error(store_with_checks: WithChecks) -> None:
    db_path = store_with_checks([
        Check("sum:vehicle_total", "error", False, "0 + 20.64 = 20.64, stated 20.65", metric="vehicle_total",
              expected=Decimal("20.65"), actual=Decimal("20.64"), year=2017, quote="公务用车购置及运维费20.65万元"),
        Check("repeated:reception", "warning", False, "stated twice, differently"),
        Check("sum:three_public_total", "info", True, "adds up"),
    ])  # fmt: skip
    result = run("check", "--db", db_path)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    error_line = next(line for line in lines if "sum:vehicle_total" in line)
    for text in ("langfang_kexie_2017_budget.txt", "error", "vehicle_total", "20.6500", "20.6400",
                 "0 + 20.64 = 20.64, stated 20.65", "公务用车购置及运维费20.65万元"):  # fmt: skip
        assert text in error_line, text
    assert any("repeated:reception" in line and "warning" in line for line in lines)
    assert "sum:three_public_total" not in result.stdout
    assert lines[-1] == "2 failed checks: 1 errors, 1 warnings."


def test_check_passes_with_warnings_only(store_with_checks: WithChecks) -> None:
    db_path = store_with_checks([Check("repeated:reception", "warning", False, "stated twice, differently")])
    assert run("check", "--db", db_path).exit_code == 0


def test_check_on_a_clean_database(store_with_checks: WithChecks) -> None:
    db_path = store_with_checks([Check("sum:three_public_total", "info", True, "adds up")])
    result = run("check", "--db", db_path)
    assert result.exit_code == 0 and result.stdout == "No failed checks.\n"


def test_check_after_a_changed_figure(sample_path: Path, tmp_path: Path, db_path: Path) -> None:
    copy = tmp_path / sample_path.name
    copy.write_bytes(
        sample_path.read_bytes().replace("公务接待费1.36万元".encode(), "公务接待费1.46万元".encode())
    )
    run("ingest", copy, "--db", db_path, "--no-progress")
    result = run("check", "--db", db_path)
    assert result.exit_code == 1
    assert "sum:three_public_total" in result.stdout


# -- the real program ---------------------------------------------------------------------------


def test_python_dash_m_analytics(sample_path: Path, tmp_path: Path) -> None:
    db = tmp_path / "out" / "analytics.duckdb"
    ingest = subprocess.run(
        [sys.executable, "-m", "analytics", "ingest", str(sample_path), "--db", str(db)],
        capture_output=True, text=True, encoding="utf-8", timeout=120, check=False,
    )  # fmt: skip
    assert ingest.returncode == 0, ingest.stderr
    assert "documents seen" in ingest.stdout
    sql = subprocess.run(
        [sys.executable, "-m", "analytics", "sql", "select metric, measure, year, value, basis from facts order by 1",
         "--db", str(db)],
        capture_output=True, text=True, encoding="utf-8", timeout=120, check=False,
    )  # fmt: skip
    assert sql.returncode == 0, sql.stderr
    assert "┃ metric" in sql.stdout and "three_public_total" in sql.stdout
    drop = subprocess.run(
        [sys.executable, "-m", "analytics", "sql", "drop table facts", "--db", str(db)],
        capture_output=True, text=True, encoding="utf-8", timeout=120, check=False,
    )  # fmt: skip
    assert drop.returncode == 1
    assert drop.stderr == f"Error: DROP {REFUSED}\n"


# -- help and docs ------------------------------------------------------------------------------


def commands() -> dict[str, click.Command]:
    assert isinstance(main, click.Group)
    return dict(main.commands)


@pytest.mark.parametrize("name", sorted(commands()))
def test_every_command_has_help_and_is_in_the_readme(name: str) -> None:
    command = commands()[name]
    assert command.help and command.help.strip(), f"{name} has no help text"
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, f"{name} {param.opts} has no help text"
    result = run(name, "--help")
    assert result.exit_code == 0 and "Usage: " in result.output
    assert f"analytics {name}" in README.read_text(encoding="utf-8"), (
        f"`analytics {name}` is not in README.md"
    )


def test_top_level_help_and_version() -> None:
    result = run("--help")
    assert result.exit_code == 0
    for name in commands():
        assert name in result.output
    assert run("--version").output.startswith("analytics ")


def test_brackets_in_names_and_messages_are_printed_as_is(
    tmp_path: Path, store_with_checks: WithChecks
) -> None:
    """Rich reads [x] as markup; paths, messages and quotes must come out verbatim."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "[2017]预算[bold].txt").write_bytes(b"")
    result = run("ingest", tmp_path / "in", "--db", tmp_path / "other.duckdb", "--no-progress")
    assert "[2017]预算[bold].txt" in result.stdout
    db_path = store_with_checks(
        [Check("sum:[x]", "error", False, "[red]not red[/red]", quote="[bookmark: _GoBack]")]
    )
    listed = run("check", "--db", db_path).stdout
    assert "sum:[x]" in listed and "[red]not red[/red]" in listed and "[bookmark: _GoBack]" in listed


def test_control_characters_in_file_names_are_escaped(tmp_path: Path, sample_path: Path) -> None:
    """Before: a file named with an escape sequence recoloured (or retitled) the terminal, and one
    with a newline forged a line of the cron log."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "red\x1b[31m.txt").write_bytes(b"")  # empty: fails, and is listed
    (folder / "title\x1b]0;owned\x07.txt").write_bytes(b"")
    (folder / "two\nlines.txt").write_bytes(b"")
    (folder / "back\u202etxt.exe.txt").write_bytes(b"")  # a right-to-left override reorders the name
    db = tmp_path / "db.duckdb"
    result = run("ingest", folder, "--db", db, "--no-progress")
    assert result.exit_code == 1
    for raw in ("\x1b", "\x07", "\u202e"):
        assert raw not in result.stdout
    for shown in (
        "red\\x1b[31m.txt",
        "title\\x1b]0;owned\\x07.txt",
        "two\\nlines.txt",
        "back\\u202etxt.exe.txt",
    ):
        assert shown in result.stdout, shown
    assert not any(line.startswith("lines.txt") for line in result.stdout.splitlines())
    listed = run("sql", "select source_path, error from documents order by 1", "--db", db)
    assert "\x1b" not in listed.stdout and "red\\x1b[31m.txt" in listed.stdout
    raw = run("sql", "select source_path from documents order by 1", "--db", db, "--format", "json")
    assert "red\x1b[31m.txt" in "".join(r["source_path"] for r in json.loads(raw.stdout))  # data as stored
