"""Rankings within peer groups and robust outliers (median/MAD, |z| > 3.5)."""

from __future__ import annotations

import polars as pl
import pytest

from analytics.analysis import flag_outliers, rank_departments, robust_z

CHANGES = pl.DataFrame(
    {
        "department": ["a", "b", "c", "d", "e", "f", "g"],
        "metric": ["vehicle_operation"] * 7,
        "year": [2020] * 7,
        "change_pct": [-2.0, 1.0, 0.5, -1.0, 2.0, 1.5, 60.0],
    }
)


def test_rank_within_groups() -> None:
    ranked = rank_departments(CHANGES, by="change_pct", descending=False)
    assert ranked.select("department", "rank", "of").rows()[:2] == [("a", 1, 7), ("d", 2, 7)]
    biggest = rank_departments(CHANGES, by="change_pct")
    assert biggest["department"][0] == "g"


def test_outliers_are_far_from_the_median() -> None:
    flagged = flag_outliers(CHANGES)
    assert flagged.filter(pl.col("outlier"))["department"].to_list() == ["g"]
    assert flagged["peers"].unique().to_list() == [7]
    assert flagged["department"].to_list() == CHANGES["department"].to_list()  # order kept


def test_too_few_peers_give_no_score() -> None:
    flagged = flag_outliers(CHANGES.head(4))
    assert flagged["robust_z"].is_null().all()
    assert not flagged["outlier"].any()


def test_robust_z() -> None:
    assert robust_z([1.0, 2.0, 3.0, 4.0, 100.0])[4] == pytest.approx(0.6745 * 97 / 1)
    # MAD 0 (most values equal): the mean absolute deviation stands in
    scores = robust_z([5.0, 5.0, 5.0, 5.0, 9.0])
    assert scores[4] == pytest.approx(4 / (1.253314 * 0.8))
    assert robust_z([3.0, 3.0, None]) == [0.0, 0.0, None]
