"""Collection rules for the whole repository (tests/ has its own fixtures)."""

from __future__ import annotations

import doctest

import pytest
from _pytest.doctest import DoctestItem


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Docstring examples that are all marked +SKIP (they need a database or a report folder) are
    illustrations, not tests: leave them out rather than count them as skipped tests."""
    illustrations = [item for item in items if _only_skipped_examples(item)]
    if illustrations:
        config.hook.pytest_deselected(items=illustrations)
        items[:] = [item for item in items if item not in illustrations]


def _only_skipped_examples(item: pytest.Item) -> bool:
    if not isinstance(item, DoctestItem) or item.dtest is None:
        return False
    return all(example.options.get(doctest.SKIP) for example in item.dtest.examples)
