"""Reference data shipped with the package: the metric vocabulary and editable mappings.

The files live in `data/reference/` of the repository; a built wheel carries them as
`analytics/_reference/`. Both are looked up, so an editable install and a wheel behave the same.
"""

from __future__ import annotations

import csv
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path


def reference_dir() -> Path:
    """The folder holding the reference CSV files."""
    packaged = Path(__file__).parent / "_reference"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "data" / "reference"


def read_csv(name: str) -> list[dict[str, str]]:
    """Rows of a reference CSV file as dicts (UTF-8, header on the first line)."""
    with (reference_dir() / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def vocabulary() -> dict[str, dict[str, list[str]]]:
    """The extraction vocabulary (vocabulary.toml): class of words -> list name -> words."""
    with (reference_dir() / "vocabulary.toml").open("rb") as handle:
        data: dict[str, dict[str, list[str]]] = tomllib.load(handle)
    return data


@dataclass(frozen=True)
class Metric:
    key: str
    name_zh: str
    parent: str | None
    unit: str  # 'money' (万元), 'count', 'percent'
    description: str


@cache
def metrics() -> dict[str, Metric]:
    """The metric vocabulary, keyed by metric key, in the order of the reference file."""
    return {
        row["key"]: Metric(row["key"], row["name_zh"], row["parent"] or None, row["unit"], row["description"])
        for row in read_csv("metrics.csv")
    }


def children(parent: str) -> list[str]:
    """Metric keys whose parent is `parent`, in the order of the reference file."""
    return list(_children().get(parent, ()))


@cache
def parents() -> tuple[str, ...]:
    """Metric keys that have parts (children), in the order of the reference file."""
    return tuple(key for key in metrics() if key in _children())


@cache
def _children() -> dict[str, tuple[str, ...]]:
    by_parent: dict[str, list[str]] = {}
    for metric in metrics().values():
        if metric.parent:
            by_parent.setdefault(metric.parent, []).append(metric.key)
    return {parent: tuple(keys) for parent, keys in by_parent.items()}


def family(key: str) -> tuple[str, ...]:
    """A metric and every metric below it, in the order of the reference file.

    >>> family("three_public_total")
    ('three_public_total', 'overseas_travel', 'vehicle_total', 'vehicle_purchase', 'vehicle_operation', 'reception')
    """
    members = {key}
    for metric in metrics().values():  # parents come before their children in the file
        if metric.parent in members:
            members.add(metric.key)
    return tuple(m for m in metrics() if m in members)
