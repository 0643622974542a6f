""" "三公"经费 composition over the years: overseas travel, vehicle purchase, vehicle running costs and
official reception, summed over a fixed panel of departments.

>>> composition = three_public_composition(db, kind="final", years=range(2014, 2019))
>>> composition.frame.filter(pl.col("year") == 2016).select("name_zh", "value", pl.col("share_pct").round(1)).rows()
[('因公出国(境)费', 3.0, 3.9), ('公务用车购置费', 0.0, 0.0), ('公务用车运行维护费', 59.0, 76.6), ('公务接待费', 15.0, 19.5)]
>>> composition.excluded, composition.describe()
(0, 'fixed panel: 3 departments present in every year 2014–2018; 0 left out')
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable

import polars as pl

from analytics.analysis.frames import facts, three_public, to_float
from analytics.analysis.names import resolve_departments, resolve_kind
from analytics.analysis.panel import PanelResult, PanelYears, derived_only_years, fixed_panel
from analytics.analysis.quality import FailedFiguresLeftOut, left_out_message, without_failed
from analytics.analysis.sums import exact_sum
from analytics.load import Store
from analytics.reference import metrics

COMPONENTS = ("overseas_travel", "vehicle_purchase", "vehicle_operation", "reception")
"""The parts of the "三公" total, finest level (vehicle_total split into purchase and running costs)."""


def three_public_composition(
    store: Store,
    *,
    kind: str = "final",
    years: PanelYears = None,
    departments: Iterable[str] | str | None = None,
    include_failed: bool = False,
) -> PanelResult:
    """The "三公" components per year, summed over the departments that state every component in
    every year compared (a fixed panel; `.excluded` says how many were left out). `years` as for
    `fixed_panel`: the years, None for every year, or `"best"` (`panel_years`).

    Frame columns: year, component (metric key), name_zh, value (万元, Float64), share_pct (of the
    year's sum of components), departments. Sums are exact (`exact_sum`): two runs give the same bits.
    A department-year some of whose figures failed a check counts as incomplete (unless
    `include_failed`): `describe()` says how many were left out so.

    >>> parts = three_public_composition(db, years="best", departments=["财政局", "科协"])
    >>> parts.years, parts.frame.filter(pl.col("year") == 2018).select("component", "value", "departments").rows()
    ((2014, 2015, 2016, 2017, 2018), [('overseas_travel', 3.0, 2), ('vehicle_purchase', 0.0, 2), ('vehicle_operation', 30.0, 2), ('reception', 9.0, 2)])
    """
    kind = resolve_kind(kind)
    wide = to_float(three_public(store, kinds=[kind]))
    chosen = resolve_departments(store, departments)
    if chosen is not None:
        wide = wide.filter(pl.col("department").is_in(chosen))
    notes: tuple[str, ...] = ()
    if not include_failed:
        wide, left_out = without_failed(wide)
        if left_out:
            message = (
                left_out_message(f"three_public_composition {kind}", left_out)
                .replace("figures", "department-years")
                .replace("figure", "department-year")
            )
            warnings.warn(message, FailedFiguresLeftOut, stacklevel=2)
            notes = (f"{left_out} department-year(s) left out for a failed check",)
    # one row per department-year where every component is known: its "value" marks presence
    complete = wide.with_columns(
        pl.when(pl.all_horizontal(pl.col(c).is_not_null() for c in COMPONENTS)).then(1.0).alias("value")
    ).select("department", "year", "kind", "value")
    panel = fixed_panel(complete, years)
    kept = wide.filter(
        pl.col("department").is_in(list(panel.departments)) & pl.col("year").is_in(list(panel.years))
    )
    names = {key: metrics()[key].name_zh for key in COMPONENTS}
    long = kept.unpivot(index=["department", "year"], on=list(COMPONENTS), variable_name="component")
    frame = (
        long.group_by("year", "component")
        .agg(exact_sum("value"), pl.col("department").n_unique().cast(pl.Int32).alias("departments"))
        .with_columns(
            pl.col("year").cast(pl.Int32),
            pl.col("component").replace_strict(names, return_dtype=pl.String).alias("name_zh"),
        )
        .with_columns(
            pl.when(exact_sum("value").over("year") != 0)
            .then(pl.col("value") / exact_sum("value").over("year") * 100)
            .alias("share_pct")
        )
        .with_columns(
            pl.col("component").replace_strict({c: i for i, c in enumerate(COMPONENTS)}).alias("_order")
        )
        .sort("year", "_order")
        .select("year", "component", "name_zh", "value", "share_pct", "departments")
    )
    # which years hold no printed component at all (every one worked back from the next year's changes)
    bases = to_float(facts(store, list(COMPONENTS), kinds=[kind], departments=list(panel.departments)))
    derived = derived_only_years(bases.filter(pl.col("year").is_in(list(panel.years))), panel.years)
    return PanelResult(
        frame, panel.departments, panel.excluded_departments, panel.years, notes, derived_years=derived
    )


__all__ = ["COMPONENTS", "three_public_composition"]
