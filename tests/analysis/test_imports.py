"""The analyses read the database only: nothing in `analytics/analysis` imports the parse stages
(read, extract, validate), so that an analysis never re-applies an extraction rule to stored text
(what it needs, such as a department's level of government, is a column)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ANALYSIS = Path(__file__).resolve().parents[2] / "analytics" / "analysis"
PARSE_STAGES = ("analytics.read", "analytics.extract", "analytics.validate")


def imported_modules(path: Path) -> list[str]:
    """Every module a file imports, at any depth (inside functions too)."""
    found: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.append(node.module)
            found += [f"{node.module}.{alias.name}" for alias in node.names]
    return found


def test_imported_modules_sees_nested_and_from_imports(tmp_path: Path) -> None:
    source = tmp_path / "example.py"
    source.write_text(
        "import os\nfrom analytics import extract\n\ndef f():\n    from analytics.extract.regions import x\n",
        encoding="utf-8",
    )
    modules = imported_modules(source)
    assert "analytics.extract" in modules
    assert "analytics.extract.regions" in modules


@pytest.mark.parametrize("path", sorted(ANALYSIS.rglob("*.py")), ids=lambda p: str(p.relative_to(ANALYSIS)))
def test_analysis_imports_no_parse_stage(path: Path) -> None:
    reaching_back = [
        module
        for module in imported_modules(path)
        if any(module == stage or module.startswith(stage + ".") for stage in PARSE_STAGES)
    ]
    assert not reaching_back, f"{path.name} imports {reaching_back}"
