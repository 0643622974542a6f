"""Validate stage: `Extraction` -> `Check` rows (scale, identities, repeated figures, goal budgets).

Problems in the data are records, not exceptions: every check that ran is returned, passed or not,
together with what the extract stage noted (duplicated rows, missing metadata). Amounts out of scale
with the rest of the document (a unit misread: see `scale`) are set aside from `extraction.facts`
first, so that they are never stored as stated figures and the other checks do not count them.
"""

from __future__ import annotations

from analytics.model import Check, Extraction
from analytics.validate.consistency import repeated_figure_checks
from analytics.validate.goals import goal_budget_checks
from analytics.validate.identities import sum_checks
from analytics.validate.lines import budget_line_checks
from analytics.validate.scale import scale_checks

__all__ = ["validate"]


def validate(extraction: Extraction) -> list[Check]:
    """All checks of one document: the extractor's notes first, then every check that ran. Amounts
    out of scale are removed from `extraction.facts` (their checks keep the value and the quote)."""
    scale, out_of_scale = scale_checks(extraction.facts)
    if out_of_scale:
        extraction.facts = [f for i, f in enumerate(extraction.facts) if i not in out_of_scale]
    return [
        *extraction.checks,
        *scale,
        *sum_checks(extraction.facts),
        *repeated_figure_checks(extraction.facts),
        *goal_budget_checks(extraction),
        *budget_line_checks(extraction.budget_lines),
    ]
