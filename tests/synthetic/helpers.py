"""Readers of the committed corpus's manifest and truth files, shared by the synthetic tests."""

from __future__ import annotations

import csv
from collections import defaultdict
from decimal import Decimal
from functools import cache
from pathlib import Path

SAMPLES = Path(__file__).parents[2] / "data" / "samples"


@cache
def rows(name: str) -> tuple[dict[str, str], ...]:
    """The rows of one CSV file of data/samples."""
    with (SAMPLES / name).open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))


def amounts(path: str) -> dict[tuple[str, str, int, str], set[Decimal]]:
    """(metric, measure, year, kind) -> the values one document states (text and tables)."""
    out: dict[tuple[str, str, int, str], set[Decimal]] = defaultdict(set)
    for row in facts_by_path()[path]:
        out[(row["metric"], row["measure"], int(row["year"]), row["kind"])].add(Decimal(row["value"]))
    return out


@cache
def facts_by_path() -> dict[str, list[dict[str, str]]]:
    out: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows("truth_facts.csv"):
        out[row["path"]].append(row)
    return out


def series_documents() -> list[dict[str, str]]:
    """Manifest rows of the synthetic series (not the same-disclosure copies, not the seed)."""
    return [
        r for r in rows("manifest.csv") if r["synthetic"] == "true" and "same_disclosure" not in r["path"]
    ]


def planted(path: str) -> set[tuple[str, str]]:
    """(check, metric) planted in one document."""
    return {(r["check"], r["metric"]) for r in rows("truth_checks.csv") if r["path"] == path}
