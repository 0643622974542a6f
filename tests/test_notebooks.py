"""The analyst notebooks: stored without outputs, in step with notebooks/make_notebooks.py, and each one
runs top to bottom on the bundled samples (ingested once for all of them)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import nbformat
import pytest
from nbclient import NotebookClient

from tests.analysis.samples import SAMPLES, samples_database

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
NAMES = ["01_quickstart.ipynb", "02_vehicle_reform.ipynb", "03_science_popularisation.ipynb", "04_sql.ipynb"]
EXPORTS = {  # the charts each notebook saves to ANALYTICS_NOTEBOOK_OUT
    "01_quickstart.ipynb": ["vehicle_operation.html", "vehicle_operation.png", "vehicle_operation.svg"],
    "02_vehicle_reform.ipynb": [],
    "03_science_popularisation.ipynb": [],
    "04_sql.ipynb": [],
}


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_notebooks", NOTEBOOKS / "make_notebooks.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_notebooks"] = module
    spec.loader.exec_module(module)
    return module


# Notebooks with a generator and a test of their own (tests/test_notebook_quality.py).
OWN_TESTS = ["05_corrections_and_quality.ipynb"]


def test_every_notebook_is_there() -> None:
    assert sorted(p.name for p in NOTEBOOKS.glob("*.ipynb")) == sorted(NAMES + OWN_TESTS)
    assert sorted(_generator().NOTEBOOKS) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_notebook_is_stored_without_outputs(name: str) -> None:
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{name}: a cell has stored outputs"
            assert cell.execution_count is None, f"{name}: a cell has an execution count"


@pytest.mark.parametrize("name", NAMES)
def test_notebook_matches_its_generator(name: str) -> None:
    assert (NOTEBOOKS / name).read_text(encoding="utf-8") == _generator().render(name), (
        f"{name} differs from notebooks/make_notebooks.py: run `python notebooks/make_notebooks.py`"
    )


@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs_on_the_samples(
    name: str, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = samples_database(tmp_path_factory)
    monkeypatch.setenv("ANALYTICS_NOTEBOOK_DB", str(database))
    monkeypatch.setenv("ANALYTICS_SAMPLES", str(SAMPLES))
    out = tmp_path_factory.mktemp("charts")
    monkeypatch.setenv("ANALYTICS_NOTEBOOK_OUT", str(out))
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    client = NotebookClient(
        notebook, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}}
    )
    client.execute()  # raises CellExecutionError, with the cell and its traceback, if a cell fails
    errors = [
        o for c in notebook.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"
    ]
    assert errors == []
    # nothing executed is written back
    assert nbformat.read(NOTEBOOKS / name, as_version=4).cells[1].outputs == []
    # the charts a notebook exports are where it was told to put them, and are not empty
    exported = EXPORTS[name]
    assert sorted(p.name for p in out.iterdir()) == exported
    assert all((out / n).stat().st_size > 1000 for n in exported)
