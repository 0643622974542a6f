"""A department's canonical name and type, from editable references in data/reference/.

`department_aliases.csv` expands abbreviations that end a printed name (廊坊市科协 ->
廊坊市科学技术协会), so that one real department gets one name across years and spellings;
`department_types.csv` maps keywords of the canonical name to a kind of department (科协, 教育…),
first match wins.
"""

from __future__ import annotations

from functools import cache

from analytics.reference import read_csv


@cache
def _aliases() -> list[tuple[str, str]]:
    rows = [(r["printed"], r["canonical"]) for r in read_csv("department_aliases.csv")]
    return sorted(rows, key=lambda r: len(r[0]), reverse=True)


@cache
def _types() -> list[tuple[str, str]]:
    return [(r["keyword"], r["department_type"]) for r in read_csv("department_types.csv")]


def canonical_department(printed: str) -> str:
    """The canonical full name of a printed department name."""
    name = printed.strip()
    for short, full in _aliases():
        if name.endswith(short) and not name.endswith(full):
            return name[: -len(short)] + full
    return name


def department_type(name: str) -> str | None:
    """The kind of department ('科协', '教育', …) or None when no keyword matches."""
    for keyword, kind in _types():
        if keyword in name:
            return kind
    return None
