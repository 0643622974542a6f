"""Each department's reform year and where it comes from: the year its own documents give the reform
as the reason for a figure, else the reference file's year for its province and level.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import get_args

import polars as pl

from analytics.analysis.frames import query
from analytics.load import Store
from analytics.model import Level
from analytics.reference import reference_dir

REFERENCE_FILE = "vehicle_reform.csv"
LEVELS: tuple[str, ...] = get_args(Level)
"""The levels of government a reference row may name: those of `documents.level`."""

REFORM_PATTERN = "车改|公车改革|公务用车改革|公务用车制度改革|用车制度改革|车辆制度改革"
"""What a reason or a sentence says when the change is due to the reform (a regular expression)."""


def reform_reference(path: str | os.PathLike[str] | None = None) -> pl.DataFrame:
    """The reform-year reference: columns province (`*` for any), level, reform_year, note.

    `path` defaults to `data/reference/vehicle_reform.csv`; pass your own file to change the years.

    >>> reform_reference().filter(pl.col("province") == "*").select("level", "reform_year").rows()
    [('central', 2015), ('province', 2016), ('prefecture', 2016), ('county', 2017)]
    """
    file = Path(path) if path is not None else reference_dir() / REFERENCE_FILE
    with file.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["level"] not in LEVELS:
            raise ValueError(f"{file}: level {row['level']!r} is not one of {', '.join(LEVELS)}")
    return pl.DataFrame(
        {
            "province": [r["province"].strip() for r in rows],
            "level": [r["level"].strip() for r in rows],
            "reform_year": [int(r["reform_year"]) for r in rows],
            "note": [r.get("note") or None for r in rows],
        },
        schema={"province": pl.String, "level": pl.String, "reform_year": pl.Int32, "note": pl.String},
    )


def stated_reform_years(store: Store, *, pattern: str = REFORM_PATTERN) -> pl.DataFrame:
    """Per department, the first year a document gives the reform as the reason for a figure.

    Only stated figures count: a derived prior-year amount carries the sentence of the following
    year. Columns: department, stated_year, stated_reason, stated_quote, stated_source_path.

    >>> stated_reform_years(db).select("department", "stated_year", "stated_reason").rows()
    [('廊坊市科学技术协会', 2017, '公车改革车辆减少'), ('廊坊市财政局', 2016, '公车改革车辆减少')]
    """
    return query(
        store,
        """
        SELECT department, year AS stated_year, reason AS stated_reason, quote AS stated_quote,
               source_path AS stated_source_path
        FROM facts
        WHERE basis = 'stated' AND department IS NOT NULL
          AND (regexp_matches(coalesce(reason, ''), $1) OR regexp_matches(quote, $1))
        QUALIFY row_number() OVER (
            PARTITION BY department
            ORDER BY year, reason IS NULL, metric <> 'vehicle_operation', source_path, quote
        ) = 1
        ORDER BY department
        """,
        [pattern],
    ).with_columns(pl.col("stated_year").cast(pl.Int32))


def reform_years(
    store: Store,
    *,
    reference: pl.DataFrame | str | os.PathLike[str] | None = None,
    from_documents: bool = True,
) -> pl.DataFrame:
    """Every department's reform year, and where it comes from.

    Columns: department, department_type, region, province, level, reference_year, stated_year,
    stated_quote, reform_year, source (`document`, `reference`, or null when neither tells).
    `reference` is a frame like `reform_reference()` or a path to such a CSV file;
    `from_documents=False` ignores what the documents say.

    >>> reform_years(db).select("department", "level", "reform_year", "source").rows()
    [('廊坊市教育局', 'prefecture', 2016, 'reference'), ('廊坊市科学技术协会', 'prefecture', 2017, 'document'), ('廊坊市财政局', 'prefecture', 2016, 'document')]
    """
    table = reference if isinstance(reference, pl.DataFrame) else reform_reference(reference)
    out = _reference_years(_departments(store), table)
    stated = stated_reform_years(store).select("department", "stated_year", "stated_quote")
    if not from_documents:
        stated = stated.clear()
    out = out.join(stated, on="department", how="left").with_columns(
        pl.coalesce("stated_year", "reference_year").alias("reform_year"),
        pl.when(pl.col("stated_year").is_not_null())
        .then(pl.lit("document"))
        .when(pl.col("reference_year").is_not_null())
        .then(pl.lit("reference"))
        .alias("source"),
    )
    return out.select(
        "department",
        "department_type",
        "region",
        "province",
        "level",
        "reference_year",
        "stated_year",
        "stated_quote",
        "reform_year",
        "source",
    ).sort("department")


def _departments(store: Store) -> pl.DataFrame:
    """One row per department: its most common type, region and province, and its level (that of
    its documents naming its most common region; `documents.level`, told at extraction)."""
    return query(
        store,
        """
        WITH departments AS (
            SELECT department, mode(department_type) AS department_type, mode(region) AS region,
                   mode(province) AS province
            FROM documents WHERE status = 'ok' AND department IS NOT NULL
            GROUP BY department
        )
        SELECT d.department, d.department_type, d.region, d.province,
               (SELECT any_value(o.level) FROM documents AS o
                WHERE o.status = 'ok' AND o.department = d.department
                  AND o.region IS NOT DISTINCT FROM d.region) AS level
        FROM departments AS d ORDER BY d.department
        """,
    )


def _reference_years(departments: pl.DataFrame, table: pl.DataFrame) -> pl.DataFrame:
    """`departments` with the reference's year for their province and level (`reference_year`): a
    row naming the province wins over the `*` default of the level."""
    specific = table.filter(pl.col("province") != "*").select(
        "province", "level", pl.col("reform_year").alias("_specific")
    )
    default = table.filter(pl.col("province") == "*").select("level", pl.col("reform_year").alias("_default"))
    return (
        departments.join(specific, on=["province", "level"], how="left")
        .join(default, on="level", how="left")
        .with_columns(pl.coalesce("_specific", "_default").cast(pl.Int32).alias("reference_year"))
        .drop("_specific", "_default")
    )


__all__ = [
    "LEVELS",
    "REFERENCE_FILE",
    "REFORM_PATTERN",
    "reform_reference",
    "reform_years",
    "stated_reform_years",
]
