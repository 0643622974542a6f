"""The vehicle-reform years on a trend chart: a dashed grey rule per reform year, labelled with how
many departments reformed then, and each department's own rule in its colour while it is highlighted
in the legend."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt
import polars as pl

from analytics.charts.theme import DEPARTMENT

REFORM_LABEL = "公车改革"


def reform_rules(
    reform_years: pl.DataFrame | int | None,
    departments: Sequence[str],
    single: int | None,
    scale: alt.Scale,
    highlight: Any,
) -> list[alt.Chart]:
    """The reform layers of a trend chart of `departments` (a chart of the one year `single` shows its
    rules only when the reform is that year): none without `reform_years`; one rule for everyone when
    it is an int; per reform year of the departments when it is a frame (`department`,
    `reform_year`), with each department's own rule shown while `highlight` (the legend's selection;
    None: not interactive) holds it, in its colour from `scale`."""
    if reform_years is None:
        return []
    marker = _reform_marker(reform_years, departments)
    if single is not None:
        marker = marker.filter(pl.col("reform_year") == single)
    if marker.is_empty():
        return []
    by_year = _by_year(marker)
    rule_x = alt.X("reform_year:Q")
    rules = (
        alt.Chart(by_year)
        .mark_rule(strokeDash=[6, 4], color="#777777", strokeWidth=1.2)
        .encode(
            x=rule_x,
            tooltip=[
                alt.Tooltip("reform_year:Q", title=f"{REFORM_LABEL}年度", format="d"),
                alt.Tooltip("who:N", title=DEPARTMENT),
            ],
        )
    )
    text = (
        alt.Chart(by_year)
        .mark_text(align="left", baseline="top", dx=4, dy=2, color="#444444", fontSize=11)
        .encode(x=rule_x, y=alt.value(0), yOffset=alt.YOffset("offset:Q", scale=None), text="label:N")
    )
    layers = [rules, text]
    own = marker.filter(pl.col("department").is_not_null())
    if highlight is not None and own.height:
        layers.append(
            alt.Chart(own)
            .mark_rule(strokeDash=[6, 4], strokeWidth=2.5)
            .encode(
                x=rule_x,
                color=alt.Color("department:N", scale=scale, legend=None),
                opacity=alt.condition(highlight, alt.value(0.9), alt.value(0.0), empty=False),
            )
        )
    return layers


def _reform_marker(reform_years: pl.DataFrame | int, departments: Sequence[str]) -> pl.DataFrame:
    """`department` (null: everyone) and `reform_year`, one row per rule to draw."""
    if isinstance(reform_years, int):
        return pl.DataFrame(
            {"department": [None], "reform_year": [reform_years]},
            schema={"department": pl.String, "reform_year": pl.Int32},
        )
    return (
        reform_years.filter(
            pl.col("department").is_in(list(departments)) & pl.col("reform_year").is_not_null()
        )
        .select("department", pl.col("reform_year").cast(pl.Int32))
        .unique()
        .sort("reform_year", "department")
    )


def _by_year(marker: pl.DataFrame) -> pl.DataFrame:
    """One row per reform year: its departments (`who`, `count`), its label, and the label's offset
    (the labels of adjacent years are stacked)."""
    return (
        marker.group_by("reform_year")
        .agg(pl.col("department").drop_nulls().sort().alias("departments"))
        .with_columns(
            pl.col("departments").list.len().alias("count"),
            pl.col("departments").list.join("、").alias("who"),
        )
        .with_columns(
            pl.when(pl.col("count") > 0)
            .then(pl.format(f"{REFORM_LABEL} {{}}（{{}}个部门）", "reform_year", "count"))
            .otherwise(pl.format(f"{REFORM_LABEL} {{}}", "reform_year"))
            .alias("label")
        )
        .drop("departments")
        .sort("reform_year")
        .with_columns((pl.int_range(pl.len()) * 14).alias("offset"))  # adjacent years' labels stacked
    )


__all__ = ["REFORM_LABEL", "reform_rules"]
