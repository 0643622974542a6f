"""The quality flag of every figure, from the checks its document failed.

A figure is

- `corrected` when a hand correction set it (see `analytics.load.corrections`);
- `failed_check` when a failed check of severity 'error' of its own document names its metric and
  year: the check's metric itself, and for a sum ('sum:three_public_total') also the parts it adds
  (出国, 用车, 购置, 运行, 接待): which of total and parts is wrong, the check cannot tell;
- `derived` when we computed it (a prior-year amount implied by a stated change);
- `ok` otherwise.

Warnings do not flag a figure: a sum that falls short because a part is not stated, or a prior-year
amount that differs from what the prior year's own document says (documents compare with adjusted
figures), says nothing against the figures themselves. They stay in `failed_checks`.

>>> from decimal import Decimal
>>> from analytics.model import Check, Fact
>>> fact = Fact("reception", "amount", Decimal("1.65"), 2019, "budget", "万元", "stated", None,
...             "narrative", "公务接待费1.65万元")
>>> check = Check("repeated:reception", "error", False, "…", metric="reception", year=2019)
>>> failed_check_names([fact], [check])
['repeated:reception']
>>> quality("stated", "repeated:reception"), quality("derived", None), quality("stated", None)
('failed_check', 'derived', 'ok')
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from analytics.load.schema import TABLES
from analytics.model import Check, Fact
from analytics.reference import family

QUALITIES = TABLES["facts"].column("quality").values
"""The values of `facts.quality`, as SQL sees them (declared in `schema.toml`)."""

SEPARATOR = ", "
"""Between check names in `quality_checks`."""


@cache
def _named_metrics(check: str, metric: str) -> frozenset[str]:
    """The metrics a failed check casts doubt on: its own, and a sum's parts."""
    if check.startswith("sum:") and check.removeprefix("sum:") == metric:
        return frozenset(family(metric)) if metric else frozenset()
    return frozenset([metric])


def failed_check_names(facts: Sequence[Fact], checks: Sequence[Check]) -> list[str | None]:
    """For each fact, the names of the failed error checks of its document that name its metric and
    year (sorted, joined by ', '), or None."""
    doubts: dict[tuple[str, int | None], set[str]] = {}
    for check in checks:
        if check.passed or check.severity != "error" or not check.metric:
            continue
        for metric in _named_metrics(check.check, check.metric):
            doubts.setdefault((metric, check.year), set()).add(check.check)
    if not doubts:
        return [None] * len(facts)
    names: list[str | None] = []
    for fact in facts:
        found = doubts.get((fact.metric, fact.year), set()) | doubts.get((fact.metric, None), set())
        names.append(SEPARATOR.join(sorted(found)) if found else None)
    return names


def quality(basis: str, checks: str | None) -> str:
    """The flag of a figure of this basis that these failed checks name (see the module docstring)."""
    if basis == "corrected":
        return "corrected"
    if checks:
        return "failed_check"
    return "derived" if basis == "derived" else "ok"


QUALITY_SQL = (
    "CASE WHEN basis = 'corrected' THEN 'corrected' WHEN quality_checks IS NOT NULL THEN 'failed_check' "
    "WHEN basis = 'derived' THEN 'derived' ELSE 'ok' END"
)
"""`quality` as SQL computes it from a facts row: the same rule as `quality()`."""


__all__ = ["QUALITIES", "QUALITY_SQL", "SEPARATOR", "failed_check_names", "quality"]
