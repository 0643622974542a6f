"""Parsing on a Dask cluster (`ingest --executor dask://HOST:PORT`): a local cluster of two worker
processes gives the same database as parsing here; the driver alone writes."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from analytics import ingest, open_store
from analytics.cli import main
from analytics.errors import AnalyticsError
from analytics.executors import cluster

distributed = pytest.importorskip(
    "distributed", reason="the dask extra is not installed (pip install -e '.[dask]')"
)


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """A local Dask cluster of two single-threaded worker processes; yields `dask://HOST:PORT`."""
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, host="127.0.0.1"
        ) as local,
    ):
        yield "dask://" + local.scheduler_address.removeprefix("tcp://")


def corpus(sample_path: Path, folder: Path) -> Path:
    folder.mkdir()
    text = sample_path.read_bytes()
    for i in range(8):
        (folder / f"d{i}.txt").write_bytes(
            text.replace("公务接待费1.36万元".encode(), f"公务接待费1.{40 + i}万元".encode())
        )
    (folder / "copy.txt").write_bytes((folder / "d0.txt").read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    return folder


def dump(db: Path) -> dict[str, list[tuple[object, ...]]]:
    with open_store(db, read_only=True) as store:
        tables = {
            t: store.query(f"select * from {t} order by all").rows
            for t in ("facts", "checks", "performance_goals", "budget_lines")
        }
        tables["documents"] = store.query("select * exclude (ingested_at) from documents order by all").rows
    return tables


def test_a_dask_cluster_gives_the_same_database(sample_path: Path, tmp_path: Path, scheduler: str) -> None:
    folder = corpus(sample_path, tmp_path / "in")
    local, remote = tmp_path / "local.duckdb", tmp_path / "dask.duckdb"
    here = ingest([folder], db=local, jobs=1)
    there = ingest([folder], db=remote, executor=scheduler, batch_size=3)
    assert [(r.source_path, r.status, r.facts) for r in there.results] == [
        (r.source_path, r.status, r.facts) for r in here.results
    ]
    assert (there.documents_loaded, there.documents_duplicate, there.documents_failed) == (8, 1, 1)
    assert dump(remote) == dump(local)


def test_the_cli_takes_a_dask_scheduler(sample_path: Path, tmp_path: Path, scheduler: str) -> None:
    folder = corpus(sample_path, tmp_path / "in")
    db = tmp_path / "db.duckdb"
    result = CliRunner().invoke(
        main, ["ingest", str(folder), "--db", str(db), "--executor", scheduler, "--no-progress"]
    )
    assert result.exit_code == 1, result.output  # empty.txt failed; the rest loaded
    assert "empty.txt" in result.stdout
    with open_store(db, read_only=True) as store:
        assert store.query("select count(*) from documents where status = 'ok'").rows == [(8,)]


def test_bad_executors_are_clean_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    unknown = runner.invoke(
        main, ["ingest", str(tmp_path), "--db", str(tmp_path / "db.duckdb"), "--executor", "spark://x"]
    )
    assert unknown.exit_code == 1
    assert unknown.stderr.startswith("Error: unknown executor 'spark://x'")
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT_S", 2)
    (tmp_path / "a.txt").write_bytes(sample_path_bytes())
    with pytest.raises(AnalyticsError, match=f"cannot reach the Dask scheduler at tcp://127.0.0.1:{port}"):
        ingest([tmp_path / "a.txt"], db=tmp_path / "db.duckdb", executor=f"dask://127.0.0.1:{port}")


def sample_path_bytes() -> bytes:
    return (
        Path(__file__).resolve().parents[1] / "data" / "samples" / "langfang_kexie_2017_budget.txt"
    ).read_bytes()
