"""Figures we compute rather than read (`basis = 'derived'`): the prior-year amount that a stated
change implies. '2017年公车运行经费20.64万元 … 较2016年度减少5万元' implies 25.64 for 2016."""

from __future__ import annotations

from analytics.model import Fact, new_fact


def prior_year_amounts(facts: list[Fact]) -> list[Fact]:
    """One derived amount for the prior year per stated (metric, year, kind) change with a stated
    amount beside it. The quote holds the statements it came from."""
    amounts: dict[tuple[str, int, str], Fact] = {}
    for fact in facts:
        if fact.basis == "stated" and fact.measure == "amount":
            amounts.setdefault((fact.metric, fact.year, fact.kind), fact)
    derived: dict[tuple[str, int, str], Fact] = {}
    for change in facts:
        if change.basis != "stated" or change.measure != "yoy_change":
            continue
        amount = amounts.get((change.metric, change.year, change.kind))
        key = (change.metric, change.year - 1, change.kind)
        if amount is None or key in derived:
            continue
        quote = change.quote if amount.quote == change.quote else f"{amount.quote} … {change.quote}"
        derived[key] = new_fact(
            metric=change.metric,
            measure="amount",
            value=amount.value - change.value,
            year=change.year - 1,
            kind=change.kind,
            unit_found=None,
            basis="derived",
            section=change.section,
            method=change.method,
            quote=quote,
        )
    return list(derived.values())
