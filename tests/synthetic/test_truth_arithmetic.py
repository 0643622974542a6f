"""The truth files' own arithmetic: every identity adds up except where an error was planted, and
every stated change agrees with the prior year's document."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from tests.synthetic.helpers import amounts, facts_by_path, planted, rows, series_documents

IDENTITIES = {
    "three_public_total": ("overseas_travel", "vehicle_total", "reception"),
    "vehicle_total": ("vehicle_purchase", "vehicle_operation"),
    "expenditure_total": ("expenditure_basic", "expenditure_project"),
    "expenditure_basic": ("expenditure_personnel", "expenditure_public_operating"),
    "income_fiscal_appropriation": (
        "income_general_public_budget",
        "income_government_fund",
        "income_state_capital",
    ),
    "income_grand_total": ("income_total", "income_carryover"),
    "expenditure_grand_total": ("expenditure_total", "expenditure_carryforward"),
    "fixed_assets_total": ("vehicles_value", "fixed_assets_other"),
}
INCOME_PARTS = ("income_general_public_budget", "income_government_fund", "income_state_capital",
                "income_institution", "income_operating", "income_other")  # fmt: skip


def _failures(path: str) -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    stated = amounts(path)
    groups = {(year, kind) for (_, measure, year, kind) in stated if measure == "amount"}
    for metric, values in stated.items():
        if metric[1] == "amount" and len(values) > 1:
            found.add((f"prose_vs_table:{metric[0]}", metric[0]))
    for year, kind in groups:

        def one(metric: str, year: int = year, kind: str = kind) -> Decimal | None:
            values = stated.get((metric, "amount", year, kind))
            return min(values) if values and len(values) == 1 else None

        for total, parts in IDENTITIES.items():
            values = [one(p) for p in parts]
            whole = one(total)
            complete = whole is not None and all(v is not None for v in values)
            if complete and whole != sum(v for v in values if v is not None):
                found.add((f"sum:{total}", total))
        whole = one("income_total")
        present = [v for v in (one(p) for p in INCOME_PARTS) if v is not None]
        if whole is not None and len(present) >= 3 and whole != sum(present):
            found.add(("sum:income_total", "income_total"))
    return found


def test_every_identity_adds_up_except_the_planted_ones() -> None:
    for path in facts_by_path():
        checks = {
            c
            for c in planted(path)
            if c[0].startswith(("sum:", "prose_vs_table:")) and "activity" not in c[1]
        }
        assert _failures(path) == checks, path


def test_the_plants_are_listed_and_found() -> None:
    listed = rows("truth_checks.csv")
    assert {r["check"].split(":")[0] for r in listed} >= {"sum", "prose_vs_table", "execution_rate"}
    assert all(r["path"] in facts_by_path() for r in listed)


def test_budget_lines_add_up() -> None:
    lines: dict[tuple[str, int, str, str], list[dict[str, str]]] = defaultdict(list)
    for row in rows("truth_budget_lines.csv"):
        total, basic = Decimal(row["total"]), Decimal(row["basic"])
        project = Decimal(row["project"] or 0)
        assert total == basic + project, row
        lines[(row["path"], int(row["year"]), row["kind"], row["classification"])].append(row)
    for (path, year, kind, classification), group in lines.items():
        codes = {r["code"]: Decimal(r["total"]) for r in group}
        leaf_length = 7 if classification == "functional" else 5
        for code, total in codes.items():
            if len(code) < leaf_length:
                children = [v for c, v in codes.items() if c.startswith(code) and len(c) == leaf_length]
                assert total == sum(children), (path, code)
        leaves = [r for r in group if len(r["code"]) == leaf_length and not r["code"].startswith("229")]
        basic = amounts(path).get(("expenditure_basic", "amount", year, kind))
        if basic and len(basic) == 1:
            assert sum(Decimal(r["basic"]) for r in leaves) == min(basic), path


def test_activity_budgets_add_up_except_the_planted_one() -> None:
    goals: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows("truth_goals.csv"):
        goals[row["path"]].append(row)
    broken = set()
    for path, group in goals.items():
        tops = [r for r in group if not r["parent_activity"]]
        project = amounts(path)[("expenditure_project", "amount", int(group[0]["year"]), "budget")]
        assert sum(Decimal(r["budget"]) for r in tops) in project, path
        for top in tops:
            children = [Decimal(r["budget"]) for r in group if r["parent_activity"] == top["activity"]]
            if children and sum(children) != Decimal(top["budget"]):
                broken.add((path, top["activity"]))
    expected = {
        (r["path"], r["metric"].split(":", 1)[1])
        for r in rows("truth_checks.csv")
        if r["check"] == "sum:activity_budget"
    }
    assert broken == expected and broken


def _series() -> dict[tuple[str, int, str], str]:
    return {(r["department"], int(r["year"]), r["kind"]): r["path"] for r in series_documents()}


def test_stated_changes_agree_with_the_prior_year_documents() -> None:
    series = _series()
    compared = 0
    for (department, year, kind), path in series.items():
        prior_path = series.get((department, year - 1, kind))
        if prior_path is None:
            continue
        mine, prior = amounts(path), amounts(prior_path)
        for (metric, measure, fact_year, fact_kind), values in mine.items():
            if measure == "amount" or fact_year != year:
                continue
            current = mine.get((metric, "amount", year, fact_kind))
            before = prior.get((metric, "amount", year - 1, fact_kind))
            if not current or not before:
                continue
            for change in values:
                if measure == "yoy_change":
                    assert any(c - change in before for c in current), (path, metric)
                else:
                    assert any(
                        b and abs((c - b) * 100 / b - change) < Decimal("0.006")
                        for c in current
                        for b in before
                    ), (path, metric, change)
                compared += 1
    assert compared > 1000


def test_the_glossary_states_no_figures() -> None:
    assert not [r for r in rows("truth_facts.csv") if "：指" in r["quote"]]


def test_values_are_plain_decimals_in_wan() -> None:
    for row in rows("truth_facts.csv"):
        value = Decimal(row["value"])
        if row["metric"] == "vehicles_count":
            assert value == int(value)
        else:
            assert value == value.quantize(Decimal("0.01")), row
