"""The effects the analyses must find: the 科协 agrees with the real seed, the vehicle reform, the
shift towards 科普活动, and the execution outlier."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from tests.synthetic.helpers import amounts, facts_by_path, rows, series_documents

KEXIE = "廊坊市科学技术协会"


def _path(department: str, year: int, kind: str) -> str:
    return next(
        r["path"]
        for r in series_documents()
        if (r["department"], int(r["year"]), r["kind"]) == (department, year, kind)
    )


def _one(path: str, metric: str, year: int, kind: str) -> Decimal:
    values = amounts(path)[(metric, "amount", year, kind)]
    assert len(values) == 1, (path, metric, values)
    return min(values)


def test_kexie_2016_budget_agrees_with_what_the_seed_implies() -> None:
    path = _path(KEXIE, 2016, "budget")
    want = {
        "expenditure_total": "481.96",
        "income_total": "481.96",
        "expenditure_basic": "212.96",
        "expenditure_project": "269.00",
        "vehicle_operation": "25.64",
        "overseas_travel": "0",
        "vehicle_purchase": "0",
        "reception": "1.36",
    }
    for metric, value in want.items():
        assert _one(path, metric, 2016, "budget") == Decimal(value), metric


def test_kexie_agrees_with_the_seed_around_2017() -> None:
    final_2016 = _path(KEXIE, 2016, "final")
    assert _one(final_2016, "fixed_assets_total", 2016, "final") == Decimal("119.26")
    assert _one(final_2016, "vehicles_count", 2016, "final") == 3
    assert _one(final_2016, "vehicles_value", 2016, "final") == Decimal("66.19")
    budget_2018 = amounts(_path(KEXIE, 2018, "budget"))
    seed_2017 = {"expenditure_total": "474.91", "expenditure_basic": "281.61", "expenditure_project": "193.30",
                 "three_public_total": "22", "vehicle_operation": "20.64", "reception": "1.36"}  # fmt: skip
    implied = 0
    for metric, value in seed_2017.items():
        current = budget_2018.get((metric, "amount", 2018, "budget"), set())
        for change in budget_2018.get((metric, "yoy_change", 2018, "budget"), set()):
            assert {c - change for c in current} == {Decimal(value)}, metric
            implied += 1
    assert implied >= 3
    final_2017 = amounts(_path(KEXIE, 2017, "final"))
    for metric in ("three_public_total", "vehicle_operation", "reception"):
        budget_column = final_2017.get((metric, "amount", 2017, "budget"))
        if budget_column:
            assert budget_column == {Decimal(seed_2017[metric])}


def _reform_years() -> dict[str, int]:
    return {
        r["department"]: int(r["year"])
        for r in rows("manifest.csv")
        if "vehicle reform year" in r["note"] and r["synthetic"] == "true"
    }


def test_vehicle_reform_cuts_running_costs_and_fleets_and_adds_allowances() -> None:
    reforms = _reform_years()
    assert len(reforms) == 6 and sorted(reforms.values()).count(2017) == 2
    for department, year in reforms.items():
        before = _one(_path(department, year - 1, "budget"), "vehicle_operation", year - 1, "budget")
        after = _one(_path(department, year + 1, "budget"), "vehicle_operation", year + 1, "budget")
        assert Decimal("0.30") <= after / before <= Decimal("0.60"), department
        count_before = _one(_path(department, year - 1, "final"), "vehicles_count", year - 1, "final")
        count_after = _one(_path(department, year, "final"), "vehicles_count", year, "final")
        assert count_after < count_before or department == KEXIE, department
        for later in range(year, 2024):
            for kind in ("budget", "final"):
                if (department, later, kind) != (KEXIE, 2017, "budget"):
                    assert _one(_path(department, later, kind), "vehicle_purchase", later, kind) == 0
        personnel = [
            _one(_path(department, y, "final"), "expenditure_personnel", y, "final") for y in (year - 1, year)
        ]
        assert personnel[1] > personnel[0]
        reasons = {
            f["reason"]
            for y in (year, year + 1)
            for kind in ("budget", "final")
            if (department, y, kind) != (KEXIE, 2017, "budget")
            for f in facts_by_path()[_path(department, y, kind)]
            if f["metric"] in ("vehicle_operation", "three_public_total") and int(f["year"]) == year
        }
        assert "公车改革车辆减少" in reasons, department


def test_kexie_shifts_from_other_science_popularisation_to_kepu_activities() -> None:
    shares: dict[int, Decimal] = {}
    lines: dict[tuple[str, int], dict[str, Decimal]] = defaultdict(dict)
    for row in rows("truth_budget_lines.csv"):
        if KEXIE in row["path"] and row["kind"] == "budget" and "same_disclosure" not in row["path"]:
            lines[(row["path"], int(row["year"]))][row["code"]] = Decimal(row["total"])
    for (_, year), codes in lines.items():
        shares[year] = codes["2060702"] / (codes["2060702"] + codes["2060799"])
    ordered = [shares[y] for y in sorted(shares)]
    assert ordered == sorted(ordered) and ordered[-1] > 3 * ordered[0]
    kepu = {
        int(r["year"]): Decimal(r["budget"])
        for r in rows("truth_goals.csv")
        if KEXIE in r["path"] and r["activity"] == "科学技术普及"
    }
    values = [kepu[y] for y in sorted(kepu)]
    assert values == sorted(values) and values[-1] >= 2 * values[0]
    others = {
        r["path"].split("_")[1] for r in rows("truth_budget_lines.csv") if r["code"].startswith("20607")
    }
    assert {"廊坊市教育局", "廊坊市卫生健康委员会"} <= others


def test_one_final_account_executes_far_above_its_budget() -> None:
    outlier = [r for r in rows("truth_checks.csv") if r["check"].startswith("execution_rate")]
    assert len(outlier) == 1 and outlier[0]["severity"] == "info"
    stated = amounts(outlier[0]["path"])
    year = int(outlier[0]["year"])
    final = min(stated[("expenditure_project", "amount", year, "final")])
    budget_path = _path("廊坊市民政局", year, "budget")
    budget = _one(budget_path, "expenditure_project", year, "budget")
    assert final / budget > Decimal(2)
