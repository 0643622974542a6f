"""One figure stated twice must agree: prose against a table, or a sentence against another."""

from __future__ import annotations

from collections import defaultdict

from analytics.model import Check, Fact, new_check


def repeated_figure_checks(facts: list[Fact]) -> list[Check]:
    groups: dict[tuple[str, str, int, str], list[Fact]] = defaultdict(list)
    for fact in facts:
        if fact.basis == "stated":
            groups[(fact.metric, fact.measure, fact.year, fact.kind)].append(fact)
    checks: list[Check] = []
    repeated = sorted((key, group) for key, group in groups.items() if len(group) > 1)
    for (metric, measure, year, kind), group in repeated:
        first = group[0]
        for other in group[1:]:
            if other.quote == first.quote and other.value == first.value:
                continue
            how = f"{first.method} and {other.method}" if first.method != other.method else first.method
            if other.value == first.value:
                checks.append(
                    new_check(
                        check=f"repeated:{metric}",
                        severity="info",
                        passed=True,
                        metric=metric,
                        expected=first.value,
                        actual=other.value,
                        year=year,
                        quote=other.quote,
                        message=f"{metric} {year} {kind} {measure} is stated twice ({how}) and "
                        f"both say {first.value}",
                    )
                )
            else:
                checks.append(
                    new_check(
                        check=f"repeated:{metric}",
                        severity="error",
                        passed=False,
                        metric=metric,
                        expected=first.value,
                        actual=other.value,
                        year=year,
                        quote=other.quote,
                        message=f"{metric} {year} {kind} {measure} is stated as {first.value} "
                        f"(“{first.quote}”) and as {other.value} (“{other.quote}”)",
                    )
                )
    return checks
