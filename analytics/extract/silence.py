"""A document that yields no figure is never silent: it gets a failed check saying what was
recognised and what was not, so that `analytics check`, the ingest summary and the report list it."""

from __future__ import annotations

from analytics.extract.labels import has_label
from analytics.model import Check, Document, Extraction, Metadata

NO_FIGURES = "no_figures"


def no_figures_check(document: Document, result: Extraction) -> Check | None:
    """The `no_figures` warning for an extraction without facts, budget lines or goals; else None.

    >>> from analytics.model import Paragraph
    >>> doc = Document("a.txt", "text", "0" * 64, [Paragraph("本单位职责是……")])
    >>> print(no_figures_check(doc, Extraction(Metadata(year=2019, kind="budget"))).message)
    a.txt: no figure found. Recognised: year 2019, kind budget; not recognised: department, region. \
The text has 1 paragraph and no table; no paragraph names a metric (三公经费, 收入合计, 基本支出…).
    """
    if result.facts or result.budget_lines or result.goals:
        return None
    return Check(
        check=NO_FIGURES,
        severity="warning",
        passed=False,
        message=f"{document.source_path}: no figure found. {_recognised(result.metadata)} "
        f"{_what_the_text_holds(document, result.metadata)}",
    )


def _recognised(metadata: Metadata) -> str:
    fields = [("department", metadata.department), ("region", metadata.region), ("year", metadata.year),
              ("kind", metadata.kind)]  # fmt: skip
    found = [f"{name} {value}" for name, value in fields if value is not None]
    missing = [name for name, value in fields if value is None]
    said = f"Recognised: {', '.join(found) or 'nothing'}"
    return said + (f"; not recognised: {', '.join(missing)}." if missing else ".")


def _what_the_text_holds(document: Document, metadata: Metadata) -> str:
    paragraphs, tables = document.paragraphs, document.tables
    shape = f"The text has {_count(len(paragraphs), 'paragraph')} and {_count(len(tables), 'table')}"
    if not paragraphs and not tables:
        return "The reader found no text at all (a scanned image, or an empty page?)."
    if metadata.year is None:
        return f"{shape}; without the fiscal year no figure is read (a figure needs a year to compare)."
    naming = sum(1 for text in paragraphs if has_label(text))
    if naming == 0 and not tables:
        return f"{shape}; no paragraph names a metric (三公经费, 收入合计, 基本支出…)."
    return (
        f"{shape}; {_count(naming, 'paragraph')} name a metric but state no amount with a unit that "
        "could be read, and no table row gave a figure."
    )


def _count(n: int, noun: str) -> str:
    if n == 0:
        return f"no {noun}"
    return f"{n} {noun}{'s' if n > 1 else ''}"
