"""Rankings and outliers: departments ranked by a figure or its change, and changes far from their
peers flagged with a robust z-score.

Outliers use the modified z-score of Iglewicz and Hoaglin, 0.6745 x (x - median) / MAD, within a
group of peers (by default the same metric, kind and year); |z| > 3.5 is their recommended threshold
and the default here. The median and MAD are not pulled by the outlier itself, unlike a mean and a
standard deviation. With fewer than `min_peers` values in a group no score is given (null): there is
no crowd to stand out from.

>>> changes = pl.DataFrame({"department": list("abcdef"), "change_pct": [-4.0, -5.0, -3.0, -6.0, -5.5, 48.0]})
>>> flagged = flag_outliers(changes, "change_pct", within=[])  # one group: all six are peers
>>> flagged.filter(pl.col("outlier")).select("department", pl.col("robust_z").round(1)).rows()
[('f', 28.3)]
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from analytics.analysis.inputs import FrameLike, as_frame
from analytics.analysis.stats import robust_z

OUTLIER_THRESHOLD = 3.5
"""|modified z| above this is an outlier (Iglewicz & Hoaglin, 1993)."""

MIN_PEERS = 5
"""Fewest values in a peer group for a score."""

_DEFAULT_GROUPS = ("metric", "kind", "year")


def _groups(frame: pl.DataFrame, within: Sequence[str] | None) -> list[str]:
    if within is not None:
        return list(within)
    return [c for c in _DEFAULT_GROUPS if c in frame.columns]


def rank_departments(
    frame: FrameLike,
    by: str = "value",
    *,
    within: Sequence[str] | None = None,
    descending: bool = True,
) -> pl.DataFrame:
    """Add `rank` (1 = largest when `descending`) of column `by` within each group (default: the
    frame's metric, kind and year columns) and `of` (how many were ranked); rows where `by` is null
    get no rank. Sorted by group, then rank.

    >>> latest = metric_series(db, "three_public_total").filter(pl.col("year") == 2018)
    >>> rank_departments(latest).select("department", "value", "rank", "of").rows()
    [('廊坊市财政局', 27.0, 1, 3), ('廊坊市教育局', 21.0, 2, 3), ('廊坊市科学技术协会', 15.0, 3, 3)]
    >>> cuts = year_on_year(series).filter(pl.col("year") == 2016)
    >>> rank_departments(cuts, by="change_pct", descending=False).select("department", "rank").rows()  # biggest cut first
    [('廊坊市财政局', 1), ('廊坊市教育局', 2), ('廊坊市科学技术协会', 3)]
    """
    frame = as_frame(frame, needs=(by,))
    groups = _groups(frame, within)
    over = groups or None
    ranked = frame.with_columns(
        pl.col(by).rank(method="min", descending=descending).over(over).cast(pl.Int32).alias("rank")
        if over
        else pl.col(by).rank(method="min", descending=descending).cast(pl.Int32).alias("rank"),
        (pl.col(by).count().over(over) if over else pl.col(by).count()).cast(pl.Int32).alias("of"),
    )
    return ranked.sort(*groups, "rank", nulls_last=True)


def flag_outliers(
    frame: FrameLike,
    column: str = "change_pct",
    *,
    within: Sequence[str] | None = None,
    threshold: float = OUTLIER_THRESHOLD,
    min_peers: int = MIN_PEERS,
) -> pl.DataFrame:
    """Add `robust_z` (modified z-score of `column` within its peer group), `peers` (values in the
    group) and `outlier` (|robust_z| > threshold) to `frame`.

    Peer groups default to the frame's metric, kind and year columns. When the MAD is 0 the mean
    absolute deviation stands in (see `analytics.analysis.stats.robust_z`).

    >>> rates = flag_outliers(execution_rates(db), "rate_pct", within=["metric", "year"])
    >>> rates.select("peers", "robust_z", "outlier").unique().rows()  # three departments: too few peers to score
    [(3, None, False)]
    """
    frame = as_frame(frame, needs=(column,))
    groups = _groups(frame, within)
    indexed = frame.with_row_index("_row")
    parts: list[pl.DataFrame] = []
    partitions = indexed.partition_by(groups, maintain_order=True) if groups else [indexed]
    for part in partitions:
        values = [None if v is None else float(v) for v in part[column].to_list()]
        peers = sum(v is not None for v in values)
        scores = robust_z(values) if peers >= min_peers else [None] * len(values)
        parts.append(
            part.select(
                "_row",
                pl.Series("robust_z", scores, dtype=pl.Float64),
                pl.lit(peers, pl.Int32).alias("peers"),
            )
        )
    scored = (
        pl.concat(parts)
        if parts
        else pl.DataFrame(schema={"_row": pl.UInt32, "robust_z": pl.Float64, "peers": pl.Int32})
    )
    return (
        indexed.join(scored, on="_row", how="left")
        .with_columns((pl.col("robust_z").abs() > threshold).fill_null(False).alias("outlier"))
        .sort("_row")
        .drop("_row")
    )


__all__ = ["MIN_PEERS", "OUTLIER_THRESHOLD", "flag_outliers", "rank_departments"]
