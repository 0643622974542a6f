"""Extract stage: `Document` -> `Extraction` (metadata, facts, performance goals, budget lines, notes)."""

from __future__ import annotations

from analytics.extract.assets import asset_facts, is_asset_table
from analytics.extract.budget_lines import basic_expenditure_facts, budget_lines, is_budget_lines_table
from analytics.extract.derived import prior_year_amounts
from analytics.extract.goals import goals_from_table, is_goals_table, repaired
from analytics.extract.metadata import extract_metadata
from analytics.extract.narrative import NarrativeReader
from analytics.extract.sections import split_sections
from analytics.extract.silence import no_figures_check
from analytics.extract.staff import staff_facts
from analytics.extract.tables import table_facts
from analytics.model import Check, Document, Extraction, Paragraph

__all__ = ["extract"]


def extract(document: Document) -> Extraction:
    """Everything one document states: metadata, figures with their quotes, performance goals and
    classification lines.

    A document whose year cannot be told gives metadata and a warning but no facts, since a figure
    without a year cannot be compared with anything.
    """
    metadata = extract_metadata(document)
    result = Extraction(metadata=metadata)
    for field in ("department", "year", "kind", "region"):
        if getattr(metadata, field) is None:
            result.notes.append(
                Check(
                    check=f"metadata:{field}",
                    severity="warning",
                    passed=False,
                    message=f"{document.source_path}: could not tell the document's {field} from its "
                    "title, text or file name",
                )
            )
    if metadata.year is None:
        result.notes.extend(filter(None, [no_figures_check(document, result)]))
        return result
    year, kind = metadata.year, metadata.kind or "budget"
    # the department's names as they stand in the (simplified) text: neutral before a figure
    names = tuple(
        dict.fromkeys([*metadata.names_in_text, *([metadata.department] if metadata.department else [])])
    )
    narrative = NarrativeReader(year, kind, names)
    for section in split_sections(document):
        narrative.section(section.heading)
        # A glossary's sentences are no figures, but a table after it is: a workbook's sheets all come
        # after its narrative sheet, and an appendix of tables often follows the 名词解释.
        prose = section.states_figures
        # the lines just before a table: its title and unit caption (the heading counts too)
        recent: list[str] = [section.heading] if section.heading else []
        for block in section.blocks:
            if isinstance(block, Paragraph):
                if not prose:
                    recent = [*recent[-1:], block.text]
                    continue
                result.facts.extend(narrative.paragraph(block.text, section.heading))
                recent = [*recent[-1:], block.text]
                continue
            narrative.table()
            context = "\n".join(recent)
            if is_goals_table(block):
                goals, notes = goals_from_table(block)
                result.goals.extend(goals)
                result.notes.extend(notes)
            elif is_asset_table(block):
                result.facts.extend(
                    asset_facts(block, year=year, kind=kind, section=section.heading, context=context)
                )
            elif is_budget_lines_table(block):
                result.budget_lines.extend(budget_lines(block, context=context, year=year, kind=kind))
                result.facts.extend(
                    basic_expenditure_facts(
                        block, context=context, year=year, kind=kind, section=section.heading
                    )
                )
            else:
                result.facts.extend(
                    table_facts(block, context=context, year=year, kind=kind, section=section.heading)
                )
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
    result.notes.extend(filter(None, [no_figures_check(document, result)]))
    return result
