"""Validate stage: `Extraction` -> `Check` rows (identities, repeated figures, goal budgets).

Problems in the data are records, not exceptions: every check that ran is returned, passed or not,
together with what the extract stage noted (duplicated rows, missing metadata).
"""

from __future__ import annotations

from analytics.model import Check, Extraction
from analytics.validate.consistency import repeated_figure_checks
from analytics.validate.goals import goal_budget_checks
from analytics.validate.identities import sum_checks
from analytics.validate.lines import budget_line_checks

__all__ = ["validate"]


def validate(extraction: Extraction) -> list[Check]:
    """All checks of one document: the extractor's notes first, then every check that ran."""
    return [
        *extraction.notes,
        *sum_checks(extraction.facts),
        *repeated_figure_checks(extraction.facts),
        *goal_budget_checks(extraction),
        *budget_line_checks(extraction.budget_lines),
    ]
