"""What a folder walk picks up (analytics.ingestion.discovery), and what it leaves out and
says so: FIFOs and devices, symlinks out of the folders given, symlink loops, unreadable folders.

Every test that could hang if the walk opened a FIFO runs the command in a subprocess with a timeout:
a regression fails by timeout instead of hanging the suite.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analytics import FileError, ingest, open_store
from analytics.ingestion.discovery import walk
from analytics.ingestion.files import Unhashed, file_sha256
from analytics.ingestion.worker import parse_file

POSIX_ONLY = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and symlinks as on POSIX")
TIMEOUT_S = 90


def test_a_folder_walk_takes_disclosure_formats_only(tmp_path: Path) -> None:
    for name in ["a.txt", "b.DOCX", "c.pdf", "d.xls", "e.html", "f.mht", "README.md", "truth.csv", "g.png",
                 "noext"]:  # fmt: skip
        (tmp_path / name).write_bytes(b"x")
    found = [p.name for p in walk([tmp_path]).files]
    assert found == ["a.txt", "b.DOCX", "c.pdf", "d.xls", "e.html", "f.mht"]
    # Named on the command line, any file is tried (and reported if it is no disclosure).
    assert [p.name for p in walk([tmp_path / "truth.csv"]).files] == ["truth.csv"]


def run_cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """`python -m analytics …` with a time limit: a hang fails the test (TimeoutExpired)."""
    return subprocess.run(
        [sys.executable, "-m", "analytics", *map(str, args)],
        capture_output=True, text=True, encoding="utf-8", timeout=TIMEOUT_S, check=False,
    )  # fmt: skip


@pytest.fixture
def hostile(sample_path: Path, tmp_path: Path) -> Path:
    """A disclosure folder with a good file and, beside it, a FIFO, a link to /dev/zero, a link to a
    file outside the folder, a link to a folder outside, a chain of links that loops, a link to the
    folder itself, and a link to the good file (inside: followed)."""
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(sample_path, folder / "good.txt")
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    outside = tmp_path / "private"
    outside.mkdir()
    (outside / "secret.txt").write_text("root:x:0:0:这不是公开的内容\n", encoding="utf-8")
    (folder / "secret.txt").symlink_to(outside / "secret.txt")
    (folder / "private").symlink_to(outside, target_is_directory=True)
    (folder / "loop_a.txt").symlink_to("loop_b.txt")
    (folder / "loop_b.txt").symlink_to("loop_a.txt")
    (folder / "sub" / "up").symlink_to("..", target_is_directory=True)
    (folder / "sub" / "same.txt").symlink_to(folder / "good.txt")
    return folder


@POSIX_ONLY
def test_fifos_devices_and_links_out_are_skipped_and_reported(hostile: Path, tmp_path: Path) -> None:
    """Before: the walk opened the FIFO to hash it and the ingest never returned, holding the lock."""
    db = tmp_path / "db.duckdb"
    done = run_cli("ingest", hostile, "--db", db, "--no-progress", "--jobs", "2")
    assert done.returncode == 0, done.stdout + done.stderr
    with open_store(db, read_only=True) as store:
        rows = store.query("select source_path, status from documents order by 1").rows
    assert [(Path(str(p)).relative_to(hostile).as_posix(), s) for p, s in rows] == [("good.txt", "ok")]
    assert "Skipped (not read)" in done.stdout
    # Wide lines (not a terminal): one row per skipped entry, with its reason.
    reasons = {line.split("│")[1].strip(): line.split("│")[2].strip() for line in done.stdout.splitlines()
               if line.startswith("│ ") and "│" in line[2:] and line.count("│") == 3}  # fmt: skip
    shown = {Path(k).name: v for k, v in reasons.items() if "/" in k}
    assert shown["pipe.txt"] == "a FIFO (named pipe), not a regular file"
    assert shown["zero.txt"].startswith(
        "a symlink to a character device outside the folders given (/dev/zero)"
    )
    assert shown["secret.txt"].startswith(
        f"a symlink to a file outside the folders given ({tmp_path / 'private' / 'secret.txt'}); "
        "pass --follow-symlinks"
    )
    assert shown["private"].startswith("a symlink to a folder outside the folders given")
    assert (
        shown["loop_a.txt"]
        == shown["loop_b.txt"]
        == ("a symlink loop (a chain of symlinks that leads back to itself)")
    )
    assert (
        shown["up"] == f"a symlink loop (it points at {os.path.realpath(hostile)}, a folder that contains it)"
    )
    assert "no such file" not in done.stdout


@POSIX_ONLY
def test_one_symlink_rule_for_files_and_folders(hostile: Path, tmp_path: Path) -> None:
    """Before: a file link out of the folder was read (/etc/passwd became a document), a folder link
    was not. Now both stay inside the folders given, and both are followed with follow_symlinks."""
    found = walk([hostile])
    names = [p.relative_to(hostile).as_posix() for p in found.files]
    assert names == ["good.txt", "sub/same.txt"]  # a link inside the folder is followed
    assert {Path(s.path).name for s in found.skipped} == {
        "pipe.txt", "zero.txt", "secret.txt", "private", "loop_a.txt", "loop_b.txt", "up"
    }  # fmt: skip

    followed = walk([hostile], follow_symlinks=True)
    names = [p.relative_to(hostile).as_posix() for p in followed.files]
    assert names == ["good.txt", "secret.txt", "sub/same.txt", "private/secret.txt"]
    reasons = {Path(s.path).name: s.reason for s in followed.skipped}
    assert reasons["zero.txt"] == "a symlink to a character device (/dev/zero), not a regular file"
    assert set(reasons) == {"pipe.txt", "zero.txt", "loop_a.txt", "loop_b.txt", "up"}

    # Named on the command line, a link is what the user asked for: followed.
    assert walk([hostile / "secret.txt"]).files == [hostile / "secret.txt"]


@POSIX_ONLY
def test_a_link_out_of_the_folder_is_not_published(hostile: Path, tmp_path: Path) -> None:
    db = tmp_path / "db.duckdb"
    report = ingest([hostile], db=db, jobs=1)
    assert report.ok and [Path(r.source_path).name for r in report.results] == ["good.txt", "same.txt"]
    with open_store(db, read_only=True) as store:
        assert store.query("select count(*) from documents where title like '%root:x%'").rows == [(0,)]
    followed = ingest([hostile], db=tmp_path / "followed.duckdb", jobs=1, follow_symlinks=True)
    assert str(hostile / "secret.txt") in [r.source_path for r in followed.results]


@POSIX_ONLY
def test_a_named_fifo_fails_at_once(tmp_path: Path) -> None:
    """Named on the command line (or swapped in after the walk), a FIFO is never opened for reading."""
    fifo = tmp_path / "named.txt"
    os.mkfifo(fifo)
    done = run_cli("ingest", fifo, "--db", tmp_path / "db.duckdb", "--no-progress")
    assert done.returncode == 1
    assert "a FIFO (named pipe), not a regular file" in done.stdout
    code = "import sys; from analytics.ingestion.worker import parse_file; print(parse_file(sys.argv[1]).message)"
    parsed = subprocess.run(
        [sys.executable, "-c", code, str(fifo)], capture_output=True, text=True, timeout=TIMEOUT_S, check=True
    )
    assert parsed.stdout.strip() == f"read failed for {fifo}: a FIFO (named pipe), not a regular file"


def test_hashing_is_under_the_time_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * (3 << 20))
    slow = file_sha256(big, seconds=1e-9)
    assert slow == Unhashed(
        "reading the file took longer than the time limit of 1e-09 s (set ANALYTICS_READ_TIMEOUT_S to change it)",
        regular=True,
    )
    assert isinstance(file_sha256(big, seconds=60), str)


def test_a_file_swapped_after_the_walk_is_refused(sample_path: Path, tmp_path: Path) -> None:
    """The walk saw one file; hashing finds another at the path (or the bytes read are not those
    hashed): refused, whatever the file now is."""
    file = tmp_path / "a.txt"
    shutil.copy(sample_path, file)
    info = file.stat()
    assert isinstance(file_sha256(file, (info.st_dev, info.st_ino)), str)
    swapped = file_sha256(file, (info.st_dev, info.st_ino + 1))
    assert swapped == Unhashed("the file was replaced by another while it was being ingested", regular=True)
    failure = parse_file(str(file), "0" * 64)
    assert isinstance(failure, FileError)
    assert failure.message.startswith(f"read failed for {file}: the file changed while it was being ingested")


# -- folders that cannot be read -------------------------------------------------------------------


def write(path: Path, content: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    return path


def test_prune_keeps_the_rows_under_a_folder_it_cannot_read(
    sample_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: the walk swallowed 'permission denied' and --prune deleted the folder's rows, exit 0."""
    folder = tmp_path / "in"
    shutil.copy(sample_path, write(folder / "a.txt", ""))
    write(folder / "sub" / "b.txt", sample_path.read_text(encoding="utf-8").replace("1.36", "1.46"))
    db = tmp_path / "db.duckdb"
    assert ingest([folder], db=db, jobs=1).documents_loaded == 2

    real = os.scandir
    blocked = str(folder / "sub")

    def scandir(path: object = ".") -> object:
        if os.fspath(path) == blocked:  # type: ignore[call-overload]
            raise PermissionError(errno.EACCES, "Permission denied", blocked)
        return real(path)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "scandir", scandir)
    report = ingest([folder], db=db, jobs=1, prune=True)
    assert report.pruned == []
    assert not report.ok
    assert [(e.path, e.stage, e.message) for e in report.errors] == [
        (blocked, "walk", f"walk failed for {blocked}: cannot read it (permission denied); "
                          "nothing under it was ingested, and nothing under it is pruned"),
    ]  # fmt: skip
    with open_store(db, read_only=True) as store:
        assert store.query("select count(*) from documents").rows == [(2,)]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any folder")
def test_a_folder_of_mode_000_is_reported(sample_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    shutil.copy(sample_path, write(folder / "a.txt", ""))
    write(folder / "locked" / "b.txt", "x")
    (folder / "locked").chmod(0)
    try:
        done = run_cli("ingest", folder, "--db", tmp_path / "db.duckdb", "--no-progress", "--prune")
    finally:
        (folder / "locked").chmod(0o755)
    assert done.returncode == 1
    assert "walk failed for" in done.stdout and "permission denied" in done.stdout
