"""The analyst notebooks: stored without outputs, in step with notebooks/make_notebooks.py, pointed at
the database `make demo` builds, and each one runs top to bottom on the bundled samples (ingested
once for all of them). While its kernel is still open the database can be written (the notebook
closed it), and its exported HTML, opened in Chromium with the network blocked, draws every chart."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

import nbformat
import pytest
from nbclient import NotebookClient
from nbconvert import HTMLExporter

from analytics.load import open_store
from tests.analysis.samples import SAMPLES, samples_database
from tests.browser import CHROMIUM, chromium

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
NAMES = ["01_quickstart.ipynb", "02_vehicle_reform.ipynb", "03_science_popularisation.ipynb", "04_sql.ipynb"]
EXPORTS = {  # the charts each notebook saves to ANALYTICS_NOTEBOOK_OUT
    "01_quickstart.ipynb": ["vehicle_operation.html", "vehicle_operation.png", "vehicle_operation.svg"],
    "02_vehicle_reform.ipynb": [
        "three_public_composition.png",
        "vehicle_reform_slopes.png",
        "vehicle_reform_trend.png",
    ],
    "03_science_popularisation.ipynb": [
        "science_activities_share.png",
        "science_funding.png",
        "science_shift.png",
        "science_subcodes.png",
    ],
    "04_sql.ipynb": [],
}
CHART = 'class="analytics-chart"'  # what each chart's output holds (analytics.charts.embed.chart_html)


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


def test_by_default_the_notebooks_use_the_database_make_demo_builds(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from their folder (as Jupyter does) without the tests' variables, the parameters name
    data/analytics.duckdb and a charts/ folder beside the notebooks; no cell opens the database
    outside a `with` block."""
    for variable in ("ANALYTICS_NOTEBOOK_DB", "ANALYTICS_NOTEBOOK_OUT", "ANALYTICS_SAMPLES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.chdir(NOTEBOOKS)
    namespace: dict[str, object] = {}
    exec(_generator().PARAMETERS, namespace)
    assert namespace["DB"] == ROOT / "data" / "analytics.duckdb"
    assert namespace["OUT"] == NOTEBOOKS / "charts"
    assert namespace["SAMPLES"] == ROOT / "data" / "samples"
    for name in NAMES:
        for cell in nbformat.read(NOTEBOOKS / name, as_version=4).cells:
            if "open_store(DB" in cell.source:
                assert "with open_store(DB, read_only=True) as db:" in cell.source, (
                    f"{name}: {cell.source[:80]}"
                )


def _charts_in(notebook: nbformat.NotebookNode) -> int:
    return sum(
        str(output.get("data", {}).get("text/html", "")).count(CHART)
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
    )


@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs_on_the_samples_and_its_export_draws_its_charts_offline(
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
    with client.setup_kernel():
        for index, cell in enumerate(notebook.cells):
            client.execute_cell(cell, index)  # raises CellExecutionError, with the cell and its traceback
        # the kernel is still running: the notebook has closed the database, so a writer can open it
        with open_store(database) as store:
            assert not store.read_only
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
    if name == "04_sql.ipynb":  # store.query(...) results show as tables
        assert any("rows</p>" in str(o.get("data", {}).get("text/html", "")) for c in notebook.cells
                   if c.cell_type == "code" for o in c.outputs)  # fmt: skip
    # its exported HTML draws every chart with no network
    charts = _charts_in(notebook)
    assert (charts > 0) == bool(exported)
    if CHROMIUM is None or not charts:
        return
    page = tmp_path_factory.mktemp("export") / f"{Path(name).stem}.html"
    page.write_text(HTMLExporter().from_notebook_node(notebook)[0], encoding="utf-8")
    dom = chromium(page, tmp_path_factory.mktemp("profile"), "--dump-dom")
    assert dom.count('data-chart="rendered"') == charts, [
        line for line in dom.splitlines() if "data-chart=" in line and "rendered" not in line
    ][:3]
    assert os.path.getsize(page) < 5_000_000  # the libraries are in the page once, not per chart
