"""Collection rules and the docstring examples' namespace for the whole repository (tests/ has its own
fixtures).

The package's docstring examples run as tests (`--doctest-modules`) against a small example database
(`tests/example_database.py`: three departments of 廊坊市, 2014–2018), built once per test session
and open read-only as `db`. Each example also sees `series` (vehicle running costs, final accounts,
of that database), `db_path`, `tmp` (a scratch folder), `pl`, `Decimal`, `analytics`, and every public name of
`analytics.analysis` and `analytics.charts`. An example that cannot run in a test (it ingests a
large folder, needs the network, or a file outside the repository) is marked `+SKIP`; few are.
"""

from __future__ import annotations

import doctest
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from _pytest.doctest import DoctestItem

# Tests that take seconds each, marked `slow` so that `make quick` (`pytest -m "not slow"`) leaves them
# out; `make test` runs everything. Node ids or their prefixes (a file, a test without its parameters),
# and the fixtures that ingest the sample corpus; found with `pytest --durations=30`.
SLOW = (
    "tests/test_notebooks.py",  # runs every notebook on the samples
    "tests/test_notebook_quality.py",
    "tests/test_resilience.py",  # kills workers, fills disks, ingests a large bad corpus
    "tests/test_samples.py",  # ingests the whole sample corpus in every format
    "tests/analysis/test_samples.py",  # the analyses on the whole sample corpus
    "tests/test_distributed.py",  # starts a Dask cluster
    "tests/analysis/test_quality.py::test_every_sample_document_resolves_to_its_code_and_chain",
    "tests/analysis/test_panel.py::test_panel_trend_gives_the_same_bits_on_every_run",
    "tests/report/test_browser.py",  # draws the report in Chromium
    "tests/synthetic/test_generator.py",  # regenerates the corpus
    "analytics/report/__init__.py::analytics.report",  # builds a whole report
)
SLOW_FIXTURES = frozenset({"samples_db", "samples_report"})  # tests/report/conftest.py


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Docstring examples that are all marked +SKIP are illustrations, not tests: leave them out rather
    than count them as skipped tests. The tests of SLOW are marked `slow`."""
    illustrations = [item for item in items if _only_skipped_examples(item)]
    if illustrations:
        config.hook.pytest_deselected(items=illustrations)
        items[:] = [item for item in items if item not in illustrations]
    for item in items:
        if item.nodeid.startswith(SLOW) or SLOW_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


def _only_skipped_examples(item: pytest.Item) -> bool:
    if not isinstance(item, DoctestItem) or item.dtest is None:
        return False
    return all(example.options.get(doctest.SKIP) for example in item.dtest.examples)


@pytest.fixture(scope="session")
def example_namespace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """What the docstring examples see (see the module docstring); the database is closed at the end."""
    import analytics
    import analytics.analysis as analysis
    import analytics.charts as charts
    from tests.example_database import write_example_database

    folder = tmp_path_factory.mktemp("examples")
    path = write_example_database(folder / "examples.duckdb")
    names: dict[str, Any] = {name: getattr(analysis, name) for name in analysis.__all__}
    names |= {name: getattr(charts, name) for name in charts.__all__}
    with analytics.open_store(path, read_only=True) as db:
        names |= {
            "analytics": analytics,
            "pl": pl,
            "Decimal": Decimal,
            "db": db,
            "db_path": path,
            "series": analysis.metric_series(db, "vehicle_operation", kind="final"),
            "tmp": tmp_path_factory.mktemp("example-output"),
        }
        yield names


@pytest.fixture(autouse=True)
def _examples_see_the_example_database(request: pytest.FixtureRequest) -> None:
    """Only docstring examples build and see the example database; other tests never pay for it."""
    if isinstance(request.node, DoctestItem):
        namespace: dict[str, Any] = request.getfixturevalue("doctest_namespace")
        for name, value in request.getfixturevalue("example_namespace").items():
            namespace.setdefault(name, value)


def repository_root() -> Path:
    """The folder holding this file (the repository's root)."""
    return Path(__file__).resolve().parent
