"""The schema reference (docs/schema.md and the README's summary) is the declaration's, word for word.

CI runs the test suite, so a table or column changed in `schema.toml` without
`python tools/schema_docs.py` fails here.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from analytics.load.schema import DECLARED, Column, Declaration, Table

TOOL = Path(__file__).resolve().parents[2] / "tools" / "schema_docs.py"


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("schema_docs", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("schema_docs", module)
    spec.loader.exec_module(module)
    return module


def test_the_checked_in_reference_is_the_declarations() -> None:
    tool = _tool()
    assert tool.stale() == [], "run python tools/schema_docs.py and commit docs/schema.md and README.md"


def test_a_table_is_rendered_with_its_constraints_and_prose() -> None:
    tool = _tool()
    table = Table(
        "things",
        (
            Column("id", "VARCHAR", "the thing's id", primary_key=True),
            Column("state", "VARCHAR", "`new` or `old`", not_null=True, values=("new", "old")),
            Column("size", "INTEGER", "how big, NULL when not stated"),
        ),
        summary="One row per thing.",
        notes="```sql\nselect * from things;\n```",
    )
    declaration = Declaration(2, {2: "added `things.size`"}, "Intro.", {"things": table}, {})
    text = tool.reference(declaration)
    assert (
        "### `things`\n\nOne row per thing.\n\n| column | type | meaning |\n|---|---|---|\n"
        "| `id` | VARCHAR PRIMARY KEY | the thing's id |\n"
        "| `state` | VARCHAR NOT NULL | `new` or `old` |\n"
        "| `size` | INTEGER | how big, NULL when not stated |\n\n"
        "```sql\nselect * from things;\n```\n"
    ) in text
    assert "- version 2: added `things.size`" in text


def test_a_changed_declaration_makes_the_reference_stale() -> None:
    tool = _tool()
    facts = DECLARED.tables["facts"]
    renamed = Table(facts.name, (*facts.columns[:-1], Column("checks_named", "VARCHAR", "renamed")))
    changed = Declaration(
        DECLARED.version,
        DECLARED.history,
        DECLARED.intro,
        {**DECLARED.tables, "facts": renamed},
        DECLARED.views,
    )
    assert tool.reference(changed) != tool.reference()
    assert "`checks_named`" in tool.reference(changed)


def test_the_readme_block_is_replaced_between_its_markers() -> None:
    tool = _tool()
    readme = f"# title\n\n{tool.START}\nold text\n{tool.END}\n\n## next\n"
    updated = tool.readme_with_block(readme)
    assert updated.startswith("# title\n\n" + tool.START)
    assert updated.endswith(tool.END + "\n\n## next\n")
    assert "old text" not in updated
    assert f"Schema version {DECLARED.version}" in updated
