"""The ingest pipeline: which files, in which order, what the report says, and that one bad file never
stops the batch. The first half uses stand-in stages; the second runs the real ones on the seed."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from decimal import Decimal
from pathlib import Path

import pytest

from analytics import IngestProgress, ingest, open_store
from analytics.errors import AnalyticsError, DatabaseError, ExtractError, ReadError
from analytics.executors import executor_for
from analytics.ingestion import run, worker
from analytics.ingestion.discovery import walk
from analytics.model import Check, Document, Extraction, Fact, Metadata, Paragraph

# -- stand-in stages: a file "reception 1.36" gives one fact ----------------------------------------


class Stages:
    """read/extract/validate stand-ins that count their calls. Content 'BAD…' fails to read, 'NOYEAR…'
    fails to extract, 'BOOM…' raises an unexpected ValueError in extract."""

    def __init__(self) -> None:
        self.reads: list[str] = []

    def read(self, path: Path) -> Document:
        self.reads.append(path.name)
        data = path.read_bytes()
        if data.startswith(b"BAD"):
            raise ReadError("not a disclosure", path=str(path))
        return Document(str(path), "text", hashlib.sha256(data).hexdigest(), [Paragraph(data.decode())])

    def extract(self, document: Document) -> Extraction:
        text = document.paragraphs[0]
        if text.startswith("NOYEAR"):
            raise ExtractError("no year in the title", path=document.source_path)
        if text.startswith("BOOM"):
            raise ValueError("boom")
        metric, value = text.split()
        fact = Fact(
            metric, "amount", Decimal(value), 2017, "budget", "万元", "stated", None, "narrative", text
        )
        return Extraction(Metadata(department="市科协", year=2017, kind="budget"), facts=[fact])

    def validate(self, extraction: Extraction) -> list[Check]:
        return [Check("sum:x", "warning", False, "does not add up"), Check("sum:y", "info", True, "adds up")]


@pytest.fixture(params=["inline", "threads"])
def stages(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[Stages]:
    """The stand-in stages, run in this process (jobs=1) or on three threads: worker processes would
    not see the stand-ins, but threads give the same out-of-order completion, so every test below
    also checks that parallel parsing gives the same report, in the same order."""
    fake = Stages()
    monkeypatch.setattr(worker, "stage_functions", lambda: (fake.read, fake.extract, fake.validate))
    if request.param == "inline":
        monkeypatch.setattr(run, "executor_for", lambda **_: executor_for(jobs=1))
        yield fake
        return
    with ThreadPoolExecutor(3) as threads:
        monkeypatch.setattr(run, "executor_for", lambda **_: executor_for(executor=threads, jobs=3))
        yield fake


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def test_the_walk_takes_folders_in_order_and_skips_hidden_and_database_files(tmp_path: Path) -> None:
    for name in ["b.txt", "a.txt", "sub/c.txt", ".hidden.txt", ".git/x.txt", "~$lock.docx", "x.duckdb",
                 "x.duckdb.wal", "sub/deeper/d.txt"]:  # fmt: skip
        write(tmp_path / "in" / name, "x")
    explicit = write(tmp_path / ".named.txt", "x")
    found = walk([tmp_path / "in", explicit, tmp_path / "in" / "a.txt", tmp_path / "missing.txt"]).files
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "in/a.txt", "in/b.txt", "in/sub/c.txt", "in/sub/deeper/d.txt", ".named.txt", "missing.txt",
    ]  # fmt: skip
    assert all(p.is_absolute() for p in found)


def test_a_batch_with_bad_files_goes_on_and_reports_each(
    tmp_path: Path, db_path: Path, stages: Stages
) -> None:
    folder = tmp_path / "in"
    write(folder / "1_good.txt", "reception 1.36")
    write(folder / "2_unreadable.txt", "BAD bytes")
    write(folder / "3_noyear.txt", "NOYEAR")
    write(folder / "4_bug.txt", "BOOM")
    write(folder / "5_copy.txt", "reception 1.36")
    write(folder / "6_good.txt", "vehicle_operation 20.64")

    report = ingest([folder], db=db_path)

    assert [(Path(r.source_path).name, r.status) for r in report.results] == [
        ("1_good.txt", "loaded"), ("2_unreadable.txt", "failed"), ("3_noyear.txt", "failed"),
        ("4_bug.txt", "failed"), ("5_copy.txt", "duplicate"), ("6_good.txt", "loaded"),
    ]  # fmt: skip
    assert (report.documents_seen, report.documents_loaded, report.documents_failed) == (6, 2, 3)
    assert (report.documents_duplicate, report.documents_unchanged, report.facts_written) == (1, 0, 2)
    assert (report.failed_check_errors, report.failed_check_warnings) == (0, 2)
    assert not report.ok
    assert [(Path(e.path).name, e.stage, e.error_type) for e in report.errors] == [
        ("2_unreadable.txt", "read", "ReadError"),
        ("3_noyear.txt", "extract", "ExtractError"),
        ("4_bug.txt", "extract", "ValueError"),
    ]
    assert report.errors[0].message == f"read failed for {folder / '2_unreadable.txt'}: not a disclosure"
    assert (
        report.errors[2].message == f"extract failed for {folder / '4_bug.txt'}: unexpected ValueError: boom"
    )

    with open_store(db_path, read_only=True) as store:
        documents = store.query("select source_path, status, error, sha256 from documents order by 1").rows
        assert [(Path(str(p)).name, s) for p, s, _, _ in documents] == [
            ("1_good.txt", "ok"), ("2_unreadable.txt", "error"), ("3_noyear.txt", "error"),
            ("4_bug.txt", "error"), ("6_good.txt", "ok"),
        ]  # fmt: skip
        assert documents[1][2] == report.errors[0].message
        assert documents[1][3] == hashlib.sha256(b"BAD bytes").hexdigest()
        assert store.query("select metric, value from facts order by 1").rows == [
            ("reception", Decimal("1.3600")),
            ("vehicle_operation", Decimal("20.6400")),
        ]


def test_ingesting_again_reads_nothing_and_changes_nothing(
    db_path: Path, tmp_path: Path, stages: Stages
) -> None:
    write(tmp_path / "in" / "a.txt", "reception 1.36")
    write(tmp_path / "in" / "b.txt", "reception 2.00")
    ingest([tmp_path / "in"], db=db_path)
    stages.reads.clear()
    report = ingest([tmp_path / "in"], db=db_path)
    assert report.documents_unchanged == 2 and report.facts_written == 0 and report.ok
    assert stages.reads == []  # the sha256 alone settled it


def test_a_changed_file_replaces_its_rows(db_path: Path, tmp_path: Path, stages: Stages) -> None:
    file = write(tmp_path / "in" / "a.txt", "reception 1.36")
    ingest([file], db=db_path)
    write(file, "reception 1.46")
    report = ingest([file], db=db_path)
    assert (report.documents_loaded, report.documents_replaced) == (1, 1)
    with open_store(db_path, read_only=True) as store:
        assert store.query("select value from facts").rows == [(Decimal("1.4600"),)]
        assert store.query("select count(*) from documents").rows == [(1,)]


def test_an_error_row_is_replaced_once_the_file_reads(db_path: Path, tmp_path: Path, stages: Stages) -> None:
    file = write(tmp_path / "a.txt", "BAD")
    ingest([file], db=db_path)
    write(file, "reception 1.36")
    report = ingest([file], db=db_path)
    assert report.ok and report.documents_loaded == 1
    with open_store(db_path, read_only=True) as store:
        assert store.query("select status, error from documents").rows == [("ok", None)]


def test_a_file_that_turns_bad_keeps_its_loaded_rows(db_path: Path, tmp_path: Path, stages: Stages) -> None:
    file = write(tmp_path / "a.txt", "reception 1.36")
    ingest([file], db=db_path)
    write(file, "BAD now")
    report = ingest([file], db=db_path)
    assert report.documents_failed == 1
    with open_store(db_path, read_only=True) as store:
        assert store.query("select status, error like 'read failed for %' from documents").rows == [
            ("ok", True)
        ]
        assert store.query("select value from facts").rows == [(Decimal("1.3600"),)]


def test_a_missing_path_is_reported_but_not_recorded(db_path: Path, tmp_path: Path, stages: Stages) -> None:
    report = ingest([tmp_path / "gone.txt"], db=db_path)
    assert [(e.stage, e.message) for e in report.errors] == [
        ("read", f"read failed for {tmp_path / 'gone.txt'}: no such file")
    ]
    with open_store(db_path, read_only=True) as store:
        assert store.query("select count(*) from documents").rows == [(0,)]


def test_progress_is_a_callback(db_path: Path, tmp_path: Path, stages: Stages) -> None:
    """A pair of events per file, before and after, as its outcome is written (in parallel runs, in
    the order the files finish)."""
    write(tmp_path / "in" / "a.txt", "reception 1.36")
    write(tmp_path / "in" / "b.txt", "BAD")
    events: list[IngestProgress] = []
    ingest([tmp_path / "in"], db=db_path, progress=events.append)
    assert [(e.done, e.total, e.result is None) for e in events] == [
        (0, 2, True), (1, 2, False), (1, 2, True), (2, 2, False),
    ]  # fmt: skip
    assert events[0].path == events[1].path and events[2].path == events[3].path
    outcomes = {(Path(e.path).name, e.result.status) for e in events if e.result is not None}
    assert outcomes == {("a.txt", "loaded"), ("b.txt", "failed")}


def test_ingest_into_an_open_store_and_skip_the_database_itself(tmp_path: Path, stages: Stages) -> None:
    write(tmp_path / "a.txt", "reception 1.36")
    database = tmp_path / "store.db"  # inside the folder being ingested, with a suffix we do not know
    with open_store(database) as store:
        report = ingest([tmp_path], db=store)
        assert [Path(r.source_path).name for r in report.results] == ["a.txt"]
        assert store.query("select count(*) from facts").rows == [(1,)]


def test_a_locked_database_stops_the_batch_before_it_starts(
    db_path: Path, tmp_path: Path, stages: Stages, hold_database: Callable[..., subprocess.Popen[str]]
) -> None:
    write(tmp_path / "a.txt", "reception 1.36")
    open_store(db_path).close()
    hold_database(db_path)
    with pytest.raises(DatabaseError, match="in use by another process"):
        ingest([tmp_path / "a.txt"], db=db_path)
    assert stages.reads == []


# -- the real stages on the seed disclosure ----------------------------------------------------------


def dump(db_path: Path) -> dict[str, list[tuple[object, ...]]]:
    with open_store(db_path, read_only=True) as store:
        return {
            table: store.query(f"select * from {table} order by all").rows
            for table in ("documents", "facts", "performance_goals", "budget_lines", "checks")
        }


def test_seed_ingested_twice_changes_nothing(sample_path: Path, db_path: Path) -> None:
    first = ingest([sample_path], db=db_path)
    assert first.ok and first.documents_loaded == 1 and first.facts_written > 0
    before = dump(db_path)
    second = ingest([sample_path], db=db_path)
    assert second.documents_unchanged == 1 and second.facts_written == 0
    assert dump(db_path) == before
    with open_store(db_path, read_only=True) as store:
        assert store.query("select status, year, kind, department from documents").rows == [
            ("ok", 2017, "budget", "廊坊市科学技术协会")
        ]
        assert store.query("select three_public_total from three_public where year = 2017").rows == [
            (Decimal("22.0000"),)
        ]


def test_seed_changed_at_the_same_path_replaces_its_rows(
    sample_path: Path, tmp_path: Path, db_path: Path
) -> None:
    copy = tmp_path / "in" / sample_path.name
    copy.parent.mkdir()
    shutil.copy(sample_path, copy)
    ingest([copy], db=db_path)
    facts_before = dump(db_path)["facts"]
    copy.write_bytes(copy.read_bytes().replace("公务接待费1.36万元".encode(), "公务接待费1.46万元".encode()))

    report = ingest([copy], db=db_path)

    assert (report.documents_loaded, report.documents_replaced) == (1, 1)
    assert report.failed_check_errors >= 1  # 0 + 20.64 + 1.46 is not the stated 22
    after = dump(db_path)
    assert len(after["documents"]) == 1
    assert len(after["facts"]) == len(facts_before)
    with open_store(db_path, read_only=True) as store:
        assert store.query("select reception from three_public where year = 2017").rows == [
            (Decimal("1.4600"),)
        ]
        assert store.query("select count(distinct doc_id) from facts").rows == [(1,)]
        assert store.query("select count(*) from failed_checks where severity = 'error'").rows[0][0] >= 1  # type: ignore[operator]


def test_a_corrupt_file_beside_good_ones(sample_path: Path, tmp_path: Path, db_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(sample_path, folder / "a_langfang.txt")
    write(folder / "b_broken.docx", b"PK\x03\x04" + bytes(range(256)) * 4)
    write(folder / "c_empty.txt", b"")
    shutil.copy(sample_path, folder / "d_same_bytes.txt")

    report = ingest([folder], db=db_path)

    assert [r.status for r in report.results] == ["loaded", "failed", "failed", "duplicate"]
    assert {e.stage for e in report.errors} == {"read"}
    with open_store(db_path, read_only=True) as store:
        rows = store.query("select source_path, status, error from documents order by 1").rows
    assert [(Path(str(p)).name, s) for p, s, _ in rows] == [
        ("a_langfang.txt", "ok"), ("b_broken.docx", "error"), ("c_empty.txt", "error"),
    ]  # fmt: skip
    assert str(rows[1][2]).startswith(f"read failed for {folder / 'b_broken.docx'}: ")
    assert str(rows[2][2]).startswith(f"read failed for {folder / 'c_empty.txt'}: ")
    assert "empty" in str(rows[2][2])


# -- parallel parsing --------------------------------------------------------------------------------


class FailingTasks(ThreadPoolExecutor):
    """An executor on which any task holding a file whose name starts with `prefix` fails with
    `error` (the rest run on threads): a worker process dying (BrokenProcessPool, as a real pool
    says) or a cluster losing the task (KilledWorker, as Dask says)."""

    def __init__(self, workers: int, prefix: str, error: Exception) -> None:
        super().__init__(workers)
        self.prefix, self.error = prefix, error

    def submit(self, fn: Callable[..., object], /, *args: object, **kwargs: object) -> Future[object]:
        task = args[0]
        assert isinstance(task, tuple)
        if any(Path(path).name.startswith(self.prefix) for _, path, _ in task):
            future: Future[object] = Future()
            future.set_exception(self.error)
            return future
        return super().submit(fn, *args, **kwargs)


def test_a_worker_that_dies_fails_only_its_file(
    db_path: Path, tmp_path: Path, stages: Stages, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ["a", "b", "c", "crash", "d", "e", "f"]:
        write(tmp_path / "in" / f"{name}.txt", f"reception {len(name)}.{ord(name[0])}")
    with FailingTasks(2, "crash", BrokenProcessPool("a child process terminated abruptly")) as executor:
        monkeypatch.setattr(run, "executor_for", lambda **_: executor_for(executor=executor, jobs=2))
        report = ingest([tmp_path / "in"], db=db_path)
    assert [(Path(r.source_path).stem, r.status) for r in report.results] == [
        ("a", "loaded"), ("b", "loaded"), ("c", "loaded"), ("crash", "failed"),
        ("d", "loaded"), ("e", "loaded"), ("f", "loaded"),
    ]  # fmt: skip
    assert [(e.stage, e.error_type, e.message) for e in report.errors] == [
        ("read", "WorkerError",
         f"read failed for {tmp_path / 'in' / 'crash.txt'}: its worker process died while parsing this file"),
    ]  # fmt: skip


class KilledWorker(Exception):
    """What distributed raises for a task whose workers kept dying (allowed-failures exhausted)."""


def test_a_task_the_cluster_loses_fails_only_its_file(
    db_path: Path, tmp_path: Path, stages: Stages, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ["a", "b", "poison", "c", "d"]:
        write(tmp_path / "in" / f"{name}.txt", f"reception {len(name)}.{ord(name[0])}")
    lost = KilledWorker("Attempted to run task parse_files on 3 different workers")
    with FailingTasks(2, "poison", lost) as cluster:
        monkeypatch.setattr(run, "executor_for", lambda **_: executor_for(executor=cluster, jobs=2))
        report = ingest([tmp_path / "in"], db=db_path)
    assert [(Path(r.source_path).stem, r.status) for r in report.results] == [
        ("a", "loaded"), ("b", "loaded"), ("c", "loaded"), ("d", "loaded"), ("poison", "failed"),
    ]  # fmt: skip
    (error,) = report.errors
    assert (error.stage, error.error_type) == ("read", "WorkerError")
    assert error.message == (
        f"read failed for {tmp_path / 'in' / 'poison.txt'}: the task failed on the cluster: "
        "KilledWorker('Attempted to run task parse_files on 3 different workers') while parsing this file"
    )


def test_small_batches_write_everything(db_path: Path, tmp_path: Path, stages: Stages) -> None:
    for i in range(7):
        write(tmp_path / "in" / f"{i}.txt", f"reception {i}.5")
    write(tmp_path / "in" / "copy.txt", "reception 3.5")
    report = ingest([tmp_path / "in"], db=db_path, batch_size=2)
    assert (report.documents_loaded, report.documents_duplicate) == (7, 1)
    with open_store(db_path, read_only=True) as store:
        assert store.query("select count(*), count(distinct source_path) from facts").rows == [(7, 7)]


def test_a_batch_size_below_one_is_refused(db_path: Path, tmp_path: Path) -> None:
    with pytest.raises(AnalyticsError, match="batch_size"):
        ingest([tmp_path], db=db_path, batch_size=0)


def dump_without_times(db_path: Path) -> dict[str, list[tuple[object, ...]]]:
    with open_store(db_path, read_only=True) as store:
        tables = {
            table: store.query(f"select * from {table} order by all").rows
            for table in ("facts", "performance_goals", "budget_lines", "checks")
        }
        tables["documents"] = store.query("select * exclude (ingested_at) from documents order by all").rows
    return tables


def seed_variants(sample_path: Path, folder: Path, count: int) -> list[Path]:
    """`count` copies of the seed with different 公务接待费, plus one byte-for-byte copy and one bad file."""
    folder.mkdir(parents=True, exist_ok=True)
    text = sample_path.read_bytes()
    files = []
    for i in range(count):
        changed = text.replace("公务接待费1.36万元".encode(), f"公务接待费1.{36 + i}万元".encode())
        files.append(write(folder / f"variant_{i:03d}.txt", changed))
    files.append(write(folder / "zz_copy.txt", files[0].read_bytes()))
    files.append(write(folder / "zz_empty.txt", b""))
    return files


def test_worker_processes_give_the_same_database_as_one_process(sample_path: Path, tmp_path: Path) -> None:
    seed_variants(sample_path, tmp_path / "in", 12)
    serial, parallel = tmp_path / "serial.duckdb", tmp_path / "parallel.duckdb"
    one = ingest([tmp_path / "in"], db=serial, jobs=1)
    two = ingest([tmp_path / "in"], db=parallel, jobs=2, batch_size=3)
    assert [(r.source_path, r.status, r.facts) for r in two.results] == [
        (r.source_path, r.status, r.facts) for r in one.results
    ]
    assert (two.documents_loaded, two.documents_duplicate, two.documents_failed) == (12, 1, 1)
    assert dump_without_times(parallel) == dump_without_times(serial)
    again = ingest([tmp_path / "in"], db=parallel, jobs=2)
    assert (again.documents_unchanged, again.documents_duplicate, again.facts_written) == (12, 1, 0)


def test_bytes_that_move_to_a_new_file_load_there(db_path: Path, tmp_path: Path, stages: Stages) -> None:
    """a held X; now a holds Y and the new b holds X. b looked like a duplicate of a when it was hashed,
    but a no longer holds X once a's new version is written: b is parsed and loaded after all."""
    a = write(tmp_path / "in" / "a.txt", "reception 1.36")
    ingest([a], db=db_path)
    write(a, "reception 2.00")
    write(tmp_path / "in" / "b.txt", "reception 1.36")
    report = ingest([tmp_path / "in"], db=db_path)
    assert [(Path(r.source_path).name, r.status) for r in report.results] == [
        ("a.txt", "replaced"), ("b.txt", "loaded")
    ]  # fmt: skip
    with open_store(db_path, read_only=True) as store:
        assert store.query("select source_path, value from facts order by 1").rows == [
            (str(a), Decimal("2.0000")), (str(tmp_path / "in" / "b.txt"), Decimal("1.3600"))
        ]  # fmt: skip


# -- pruning files that are gone --------------------------------------------------------------------


def paths_in(db_path: Path) -> list[str]:
    """The file names the database holds rows for, sorted."""
    with open_store(db_path, read_only=True) as store:
        return sorted(Path(str(p)).name for (p,) in store.query("select source_path from documents").rows)


def test_prune_removes_the_rows_of_files_gone_from_the_folder(
    db_path: Path, tmp_path: Path, stages: Stages
) -> None:
    folder = tmp_path / "in"
    a = write(folder / "a.txt", "reception 1.36")
    b = write(folder / "sub" / "b.txt", "reception 2.00")
    write(folder / "c.txt", "BAD")  # recorded as an error row
    write(tmp_path / "in2" / "d.txt", "reception 3.00")  # beside the folder, its name a prefix of this
    ingest([folder, tmp_path / "in2"], db=db_path)
    assert paths_in(db_path) == ["a.txt", "b.txt", "c.txt", "d.txt"]

    a.unlink()
    (folder / "c.txt").unlink()
    b.rename(folder / "b-renamed.txt")  # the same bytes under a new name
    kept = ingest([folder], db=db_path)  # without prune nothing goes, and b's new name is a duplicate
    assert kept.pruned == [] and paths_in(db_path) == ["a.txt", "b.txt", "c.txt", "d.txt"]
    assert [r.status for r in kept.results] == ["duplicate"]

    report = ingest([folder], db=db_path, prune=True)
    assert report.pruned == [str(a), str(folder / "c.txt"), str(b)] and report.not_pruned == []
    assert paths_in(db_path) == ["b-renamed.txt", "d.txt"]  # in2/d.txt is not under in/
    with open_store(db_path, read_only=True) as store:
        assert store.query("select count(*) from facts").rows == [(2,)]
        assert store.query("select count(*) from checks").rows == [(4,)]


def test_a_renamed_file_loads_under_its_new_name_when_pruning(
    db_path: Path, tmp_path: Path, stages: Stages
) -> None:
    """Pruning comes first: the renamed file's bytes are no longer held by the gone path, so it is
    loaded, not reported as a duplicate of a file that is not there."""
    folder = tmp_path / "in"
    a = write(folder / "a.txt", "reception 1.36")
    ingest([folder], db=db_path)
    a.rename(folder / "z.txt")
    report = ingest([folder], db=db_path, prune=True)
    assert [(Path(r.source_path).name, r.status) for r in report.results] == [("z.txt", "loaded")]
    assert paths_in(db_path) == ["z.txt"]


def test_a_folder_that_holds_nothing_is_not_pruned(db_path: Path, tmp_path: Path, stages: Stages) -> None:
    """An empty folder looks like an unmounted drive: emptying the database for it would be wrong."""
    folder = tmp_path / "mnt"
    a = write(folder / "a.txt", "reception 1.36")
    ingest([folder], db=db_path)
    a.unlink()
    report = ingest([folder], db=db_path, prune=True)
    assert report.pruned == [] and report.not_pruned == [str(folder)]
    assert paths_in(db_path) == ["a.txt"]


def test_prune_is_only_for_folders(db_path: Path, tmp_path: Path, stages: Stages) -> None:
    a = write(tmp_path / "in" / "a.txt", "reception 1.36")
    b = write(tmp_path / "in" / "b.txt", "reception 2.00")
    ingest([tmp_path / "in"], db=db_path)
    report = ingest([a], db=db_path, prune=True)  # a file named alone says nothing about b
    assert report.pruned == [] and paths_in(db_path) == ["a.txt", "b.txt"]
    assert b.exists()


def test_every_stage_of_a_file_is_under_the_time_limit(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stage that never ends (an extractor stuck on hostile text) fails its file, not the run."""
    fake = Stages()

    def stuck(document: Document) -> Extraction:
        give_up = time.monotonic() + 10  # bounded, so that a regression fails the test, not hangs it
        while time.monotonic() < give_up:
            time.sleep(0.01)
        return fake.extract(document)

    monkeypatch.setattr(worker, "stage_functions", lambda: (fake.read, stuck, fake.validate))
    monkeypatch.setenv("ANALYTICS_READ_TIMEOUT_S", "0.3")
    file = write(tmp_path / "a.txt", "reception 1.36")
    started = time.monotonic()
    report = ingest([file], db=db_path, jobs=1)
    assert time.monotonic() - started < 5
    assert [(e.stage, e.message) for e in report.errors] == [
        ("extract", f"extract failed for {file}: the extract stage took longer than the time limit of 0.3 s "
                    "(set ANALYTICS_READ_TIMEOUT_S to change it)"),
    ]  # fmt: skip
