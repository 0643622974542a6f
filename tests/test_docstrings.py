"""The package's docstring examples run (`--doctest-modules`, against the example database of the root
conftest.py) and show their output: fewer than one in ten may be marked +SKIP, for what cannot run in a
test (ingesting a large folder, files outside the repository)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
from types import ModuleType

import analytics

LIMIT = 0.10


def _modules() -> list[ModuleType]:
    names = ["analytics"] + [
        info.name
        for info in pkgutil.walk_packages(analytics.__path__, "analytics.")
        if not info.name.endswith("__main__")  # running them is what importing them would do
    ]
    return [importlib.import_module(name) for name in names]


def test_fewer_than_one_docstring_example_in_ten_is_skipped() -> None:
    finder = doctest.DocTestFinder()
    examples = skipped = 0
    where: dict[str, int] = {}
    for module in _modules():
        for test in finder.find(module, module.__name__, module=module):
            for example in test.examples:
                examples += 1
                if example.options.get(doctest.SKIP):
                    skipped += 1
                    where[module.__name__] = where.get(module.__name__, 0) + 1
    assert examples > 200
    assert skipped / examples < LIMIT, f"{skipped} of {examples} examples are skipped: {where}"
