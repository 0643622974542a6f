"""A small corpus for the analysis and chart tests, written once per session from hand-made extractions.

Five departments, final accounts 2014-2017 (see `REFORM_CORPUS`): three of 廊坊市 (a prefecture), one
of 三河市 (a county of 廊坊市), one that only discloses from 2016 (composition bias).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from analytics.load import Store, open_store
from tests.analysis.builders import Doc, merge, series_docs, write_database

REFORM = "公车改革车辆减少"

CAIZHENG = "廊坊市财政局"
KEXIE = "廊坊市科学技术协会"
JIAOYU = "廊坊市教育局"
SHENJI = "三河市审计局"
MINZHENG = "廊坊市民政局"


def reform_corpus() -> list[Doc]:
    """财政 states its reform in 2016, 科协 in 2017; 教育 states nothing (the prefecture default 2016
    applies); 三河市审计局 is county-level (default 2017); 民政 only discloses 2016-2017."""
    caizheng = {"department_type": "财政"}
    kexie = {"department_type": "科协"}
    jiaoyu = {"department_type": "教育"}
    shenji = {"department_type": "审计", "region": "三河市"}
    minzheng = {"department_type": "民政"}
    return merge(
        series_docs(
            CAIZHENG,
            "vehicle_operation",
            {2014: 40, 2015: 44, 2016: 20, 2017: 18},
            reasons={2016: REFORM},
            **caizheng,
        ),
        series_docs(CAIZHENG, "vehicles_count", {2014: 10, 2015: 10, 2016: 4, 2017: 4}, **caizheng),
        series_docs(CAIZHENG, "three_public_total", {2014: 50, 2015: 54, 2016: 28, 2017: 26}, **caizheng),
        series_docs(
            CAIZHENG, "expenditure_personnel", {2014: 100, 2015: 110, 2016: 130, 2017: 135}, **caizheng
        ),
        series_docs(
            KEXIE,
            "vehicle_operation",
            {2014: 20, 2015: 22, 2016: 24, 2017: 12},
            reasons={2017: REFORM},
            **kexie,
        ),
        series_docs(KEXIE, "vehicles_count", {2014: 5, 2015: 5, 2016: 5, 2017: 2}, **kexie),
        series_docs(KEXIE, "three_public_total", {2014: 25, 2015: 27, 2016: 29, 2017: 16}, **kexie),
        series_docs(KEXIE, "expenditure_basic", {2014: 200, 2015: 210, 2016: 220, 2017: 260}, **kexie),
        series_docs(JIAOYU, "vehicle_operation", {2014: 30, 2015: 30, 2016: 15, 2017: 15}, **jiaoyu),
        series_docs(JIAOYU, "vehicles_count", {2014: 8, 2015: 8, 2016: 3, 2017: 3}, **jiaoyu),
        series_docs(JIAOYU, "three_public_total", {2014: 35, 2015: 35, 2016: 20, 2017: 20}, **jiaoyu),
        series_docs(JIAOYU, "expenditure_personnel", {2014: 300, 2015: 300, 2016: 330, 2017: 330}, **jiaoyu),
        series_docs(SHENJI, "vehicle_operation", {2014: 10, 2015: 10, 2016: 10, 2017: 5}, **shenji),
        series_docs(SHENJI, "vehicles_count", {2014: 2, 2015: 2, 2016: 2, 2017: 1}, **shenji),
        series_docs(SHENJI, "three_public_total", {2014: 12, 2015: 12, 2016: 12, 2017: 7}, **shenji),
        series_docs(SHENJI, "expenditure_personnel", {2014: 50, 2015: 50, 2016: 50, 2017: 60}, **shenji),
        series_docs(MINZHENG, "vehicle_operation", {2016: 30, 2017: 12}, **minzheng),
        series_docs(MINZHENG, "vehicles_count", {2016: 6, 2017: 2}, **minzheng),
        series_docs(MINZHENG, "three_public_total", {2016: 33, 2017: 15}, **minzheng),
        series_docs(MINZHENG, "expenditure_personnel", {2016: 80, 2017: 90}, **minzheng),
    )


@pytest.fixture(scope="session")
def reform_db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_database(tmp_path_factory.mktemp("reform") / "reform.duckdb", reform_corpus())


@pytest.fixture
def reform_db(reform_db_path: Path) -> Iterator[Store]:
    """The reform corpus, opened read-only."""
    with open_store(reform_db_path, read_only=True) as store:
        yield store


@pytest.fixture
def make_db(tmp_path: Path) -> Iterator[object]:
    """Write documents into a fresh database and open it read-only: `make_db([Doc(...), ...])`."""
    opened: list[Store] = []
    counter = iter(range(1000))

    def make(docs: list[Doc]) -> Store:
        path = write_database(tmp_path / f"db{next(counter)}.duckdb", docs)
        store = open_store(path, read_only=True)
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()
