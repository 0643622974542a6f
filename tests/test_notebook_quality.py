"""notebooks/05_corrections_and_quality.ipynb: stored without outputs, in step with
notebooks/make_quality_notebook.py, and it runs top to bottom on the bundled samples, using a
correction, quality flags, real terms and per-staff figures (its outputs say so)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from tests.analysis.samples import SAMPLES, samples_database

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
NAME = "05_corrections_and_quality.ipynb"


def _render() -> str:
    spec = importlib.util.spec_from_file_location(
        "make_quality_notebook", NOTEBOOKS / "make_quality_notebook.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_quality_notebook"] = module
    spec.loader.exec_module(module)
    text: str = module.render()
    return text


def test_the_notebook_is_stored_without_outputs_and_matches_its_generator() -> None:
    notebook = nbformat.read(NOTEBOOKS / NAME, as_version=4)
    nbformat.validate(notebook)
    assert all(c.outputs == [] and c.execution_count is None for c in notebook.cells if c.cell_type == "code")
    assert (NOTEBOOKS / NAME).read_text(encoding="utf-8") == _render(), (
        f"{NAME} differs from notebooks/make_quality_notebook.py: run `python notebooks/make_quality_notebook.py`"
    )


def test_the_notebook_runs_on_the_samples(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = samples_database(tmp_path_factory)
    monkeypatch.setenv("ANALYTICS_NOTEBOOK_DB", str(database))
    monkeypatch.setenv("ANALYTICS_SAMPLES", str(SAMPLES))
    monkeypatch.delenv("ANALYTICS_CORRECTIONS", raising=False)
    before = database.read_bytes()
    notebook = nbformat.read(NOTEBOOKS / NAME, as_version=4)
    client = NotebookClient(
        notebook, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}}
    )
    client.execute()
    outputs = "\n".join(
        str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", ""))
        for c in notebook.cells
        if c.cell_type == "code"
        for o in c.outputs
    )
    assert "error" not in {o.output_type for c in notebook.cells if c.cell_type == "code" for o in c.outputs}
    assert "figures left out for a failed check" in outputs  # quality flags, said
    assert "(printed 1.6500, 2.5500)" in outputs and "'basis': 'corrected'" in outputs  # the correction
    assert "1 unchanged; ['applied']" in outputs  # it survives a re-ingest
    assert "document_changed" in outputs  # a changed document is reported
    assert "real change per" in outputs and "2015 (2015" in outputs  # real terms, per staff (headers wrap)
    assert database.read_bytes() == before  # the shared database is only read
