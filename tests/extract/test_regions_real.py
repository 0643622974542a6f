"""Regions of the labelled real training set (../shared/real) resolve to a GB/T 2260 code with its
province / prefecture / county chain; the documents that name no region are not guessed, but listed
(their `metadata:region` warning), and central departments are known as such.

Skipped where ../shared/real is absent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analytics.divisions import chain
from analytics.extract import extract
from analytics.extract.departments import is_central
from analytics.extract.regions import most_specific
from analytics.read import read_document
from analytics.read.characters import to_simplified

REAL = Path(__file__).resolve().parents[2].parent / "shared" / "real"

pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real is not beside the repository")


def _resolved(folder: str) -> tuple[int, int, list[str], list[str]]:
    """(labelled regions, of them resolved to the label's own code, the labelled ones not resolved,
    the documents without a region that are neither central nor listed)."""
    labelled = resolved = 0
    missed: list[str] = []
    unlisted: list[str] = []
    for label in json.loads((REAL / f"{folder}.json").read_text(encoding="utf-8")):
        extraction = extract(read_document(REAL / folder / label["file"]))
        meta = extraction.metadata
        found = chain(meta.region_code)
        if label.get("region"):
            labelled += 1
            # the label names the region as the document prints it ('重庆市铜梁区', '西双版纳州', '濟寧市')
            wanted = most_specific(label["region"]) or most_specific(to_simplified(label["region"]))
            if found and wanted and found.code == wanted.gb_code:
                resolved += 1
            else:
                missed.append(f"{label['file']}: {label['region']} -> {meta.region} {meta.region_code}")
        if found is None and not (meta.department and is_central(meta.department)):
            listed = any(n.check == "metadata:region" and not n.passed for n in extraction.checks)
            if meta.region is None and not listed:
                unlisted.append(label["file"])
    return labelled, resolved, missed, unlisted


def test_excerpt_regions_resolve_to_a_code_with_its_chain() -> None:
    labelled, resolved, missed, unlisted = _resolved("excerpts")
    assert labelled >= 30
    # 九華山風景區 is a functional zone: no GB/T 2260 code, not guessed
    assert resolved / labelled >= 0.96, "\n".join(missed)
    assert unlisted == []


def test_pdf_regions_all_resolve() -> None:
    labelled, resolved, missed, unlisted = _resolved("pdf")
    assert labelled == 13 and resolved == 13, "\n".join(missed)
    assert unlisted == []
