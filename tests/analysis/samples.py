"""The bundled sample corpus, ingested once per test session and shared by the integration tests and
the notebook tests (ingesting it takes about 15 s; re-ingesting unchanged files about 1 s)."""

from __future__ import annotations

from pathlib import Path

import pytest

import analytics

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "samples"
SYNTHETIC = SAMPLES / "synthetic"
SEED = SAMPLES / "langfang_kexie_2017_budget.txt"

_ingested: dict[str, Path] = {}


def samples_database(factory: pytest.TempPathFactory) -> Path:
    """The path of a database holding the samples (the documents only: not the truth CSV files)."""
    if not SYNTHETIC.is_dir():
        pytest.skip("the sample corpus (data/samples/synthetic) is not there")
    if "db" not in _ingested:
        path = factory.mktemp("samples") / "samples.duckdb"
        report = analytics.ingest([SYNTHETIC, SEED], db=path)
        assert report.documents_loaded > 100, report.errors
        _ingested["db"] = path
    return _ingested["db"]
