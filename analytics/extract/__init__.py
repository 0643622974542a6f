"""Extract stage: `Document` -> `Extraction` (metadata, facts, performance goals, budget lines, checks)."""

from __future__ import annotations

from analytics.extract.derived import prior_year_amounts
from analytics.extract.goals import repaired
from analytics.extract.level import with_level
from analytics.extract.metadata import extract_metadata
from analytics.extract.narrative import NarrativeReader
from analytics.extract.sections import split_sections
from analytics.extract.silence import no_figures_check
from analytics.extract.staff import staff_facts
from analytics.extract.table_reading import read_table, seen_only
from analytics.model import Check, Document, Extraction, Kind, Paragraph, TableSeen

__all__ = ["extract"]


def extract(document: Document) -> Extraction:
    """Everything one document states: metadata, figures with their quotes, performance goals and
    classification lines.

    A document whose year cannot be told gives metadata and a warning but no facts, since a figure
    without a year cannot be compared with anything.
    """
    metadata = with_level(extract_metadata(document))
    result = Extraction(metadata=metadata)
    for field in ("department", "year", "kind", "region"):
        if getattr(metadata, field) is None:
            result.checks.append(
                Check(
                    check=f"metadata:{field}",
                    severity="warning",
                    passed=False,
                    message=f"{document.source_path}: could not tell the document's {field} from its "
                    "title, text or file name",
                )
            )
    if metadata.year is None:
        result.tables_seen = tables_seen_only(document, metadata.kind)
        result.checks.extend(filter(None, [no_figures_check(document, result)]))
        return result
    year, kind = metadata.year, metadata.kind or "budget"
    # the department's names as they stand in the (simplified) text: neutral before a figure
    names = tuple(
        dict.fromkeys([*metadata.names_in_text, *([metadata.department] if metadata.department else [])])
    )
    narrative = NarrativeReader(year, kind, names)
    ordinal = 0
    for section in split_sections(document):
        result.facts.extend(narrative.section(section.heading))
        # A glossary's sentences are no figures, but a table after it is: a workbook's sheets all come
        # after its narrative sheet, and an appendix of tables often follows the 名词解释.
        prose = section.states_figures
        # the lines just before a table: its title, number and unit caption (the heading counts too)
        recent: list[str] = [section.heading] if section.heading else []
        for block in section.blocks:
            if isinstance(block, Paragraph):
                if not prose:
                    recent = [*recent[-2:], block.text]
                    continue
                result.facts.extend(narrative.paragraph(block.text, section.heading))
                recent = [*recent[-2:], block.text]
                continue
            narrative.table()
            ordinal += 1
            reading = read_table(
                block, ordinal=ordinal, above=recent, year=year, kind=kind, section=section.heading
            )
            result.facts.extend(reading.facts)
            result.budget_lines.extend(reading.budget_lines)
            result.goals.extend(reading.goals)
            result.checks.extend(reading.checks)
            result.tables_seen.append(reading.seen)
            recent = []
    project = next(
        (f.value for f in result.facts if f.metric == "expenditure_project" and f.measure == "amount"
         and f.basis == "stated" and f.year == year),
        None,
    )  # fmt: skip
    if result.goals and project is not None:
        result.goals = repaired(result.goals, project)
    result.facts.extend(staff_facts(document, year, kind))
    result.facts.extend(prior_year_amounts(result.facts))
    result.checks.extend(filter(None, [no_figures_check(document, result)]))
    return result


def tables_seen_only(document: Document, kind: Kind | None) -> list[TableSeen]:
    """The tables_seen rows of a document nothing is taken from (its year is unknown)."""
    seen: list[TableSeen] = []
    recent: list[str] = []
    for section in split_sections(document):
        recent = [section.heading] if section.heading else []
        for block in section.blocks:
            if isinstance(block, Paragraph):
                recent = [*recent[-2:], block.text]
                continue
            seen.append(seen_only(block, len(seen) + 1, recent, kind))
            recent = []
    return seen
