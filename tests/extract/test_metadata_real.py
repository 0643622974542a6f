"""Metadata on the labelled real training set (../shared/real, beside the repository) holds its floor:
at least 95 % of the labelled fields of the excerpts and every field of the PDFs, by the semantics of
../shared/tools/score.py (department or department_printed against the label and its alternatives,
a region that ends the label or that the label ends, names compared without spaces).

Skipped where ../shared/real is absent."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from analytics.extract.metadata import extract_metadata
from analytics.model import METADATA_SOURCES, Metadata
from analytics.read import read_document

REAL = Path(__file__).resolve().parents[2].parent / "shared" / "real"
FIELDS = ("department", "region", "year", "kind")

pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real is not beside the repository")


def _norm(value: object) -> str | None:
    return str(value).replace(" ", "") if value is not None else None


def field_right(label: dict[str, Any], field: str, got: Metadata) -> bool:
    """Whether one labelled field is right, as score.py judges it."""
    wanted = {_norm(label[field])} | {_norm(x) for x in label.get(field + "_alts", [])}
    value = _norm(getattr(got, field))
    if field == "department" and _norm(got.department_printed) in wanted:
        return True
    if field == "region" and value and any(w and (w.endswith(value) or value.endswith(w)) for w in wanted):
        return True
    return value in wanted


def test_every_field_read_names_its_source_and_line() -> None:
    for path in sorted((REAL / "excerpts").glob("*.txt")):
        got = extract_metadata(read_document(path))
        for field in ("department", "region", "year", "kind"):
            if getattr(got, field) is not None:
                evidence = got.evidence[field]
                assert evidence.source in METADATA_SOURCES, (path.name, evidence)
                assert evidence.text, (path.name, field)


def score(folder: str) -> tuple[Counter[str], Counter[str], list[str]]:
    truth = json.loads((REAL / f"{folder}.json").read_text(encoding="utf-8"))
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    misses: list[str] = []
    for label in truth:
        got = extract_metadata(read_document(REAL / folder / label["file"]))
        for field in FIELDS:
            if label.get(field) is None:
                continue
            total[field] += 1
            if field_right(label, field, got):
                right[field] += 1
            else:
                misses.append(f"{label['file']}: {field} = {getattr(got, field)!r}, want {label[field]!r}")
    return right, total, misses


def test_excerpts_metadata_floor() -> None:
    right, total, misses = score("excerpts")
    assert sum(total.values()) >= 180  # the labels are there
    assert sum(right.values()) / sum(total.values()) >= 0.95, "\n".join(misses)
    for field in FIELDS:  # no field left behind
        assert right[field] / total[field] >= 0.9, "\n".join(misses)


def test_pdf_metadata_all_right() -> None:
    right, total, misses = score("pdf")
    assert sum(total.values()) == 52
    assert right == total, "\n".join(misses)
