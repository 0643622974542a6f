"""How a document words its changes against the prior year, turn by turn."""

from __future__ import annotations

from cn_budget_samples.phrasing import AGAINST_FORMS, CHANGE_FORMS, FLAT_WORDS
from cn_budget_samples.writer import Writer


class Changes:
    """Rotates through the supported change phrasings within one document."""

    def __init__(self, w: Writer) -> None:
        self.turn = w.style.change_form
        self.budget = w.doc.kind == "budget"

    def form(self) -> str:
        self.turn += 1
        return CHANGE_FORMS[self.turn % len(CHANGE_FORMS)]

    def against(self) -> str:
        choice = AGAINST_FORMS[self.turn % len(AGAINST_FORMS)]
        if choice == "prior_budget" and not self.budget:
            return "prior_year"
        if choice == "prior_year" and self.budget:
            return "prior_budget"
        return choice

    def flat(self) -> str:
        flat, no_change = FLAT_WORDS
        return f"与上年{flat}" if self.turn % 2 else f"较上年{no_change}"
