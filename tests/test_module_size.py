"""The package stays readable by an engineer taking it over: no module over 400 lines and no function
over 80 (from its `def` line to its last line, docstring included), in `analytics/`.

Data files (CSV, TOML, templates) are not Python modules and are not counted. A module that grows past
the limit is split by concern (see docs/architecture.md), not trimmed of its docstrings.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "analytics"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 80


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_no_module_is_longer_than_400_lines() -> None:
    long = {
        str(path.relative_to(PACKAGE.parent)): lines
        for path in _modules()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def test_no_function_is_longer_than_80_lines() -> None:
    long: dict[str, int] = {}
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno is not None:
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    long[f"{path.relative_to(PACKAGE.parent)}:{node.lineno} {node.name}"] = lines
    assert long == {}


def test_the_limits_see_every_module() -> None:
    """The walk finds the package (a moved folder would make the two tests above pass vacuously)."""
    assert len(_modules()) > 100
    assert (PACKAGE / "__init__.py").is_file()
