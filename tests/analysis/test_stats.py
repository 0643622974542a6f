"""Seeded bootstrap intervals."""

from __future__ import annotations

from analytics.analysis.stats import bootstrap_difference, bootstrap_mean, percentile


def test_percentile_interpolates() -> None:
    assert percentile([4.0, 1.0, 3.0, 2.0], 0.25) == 1.75


def test_bootstrap_mean_is_deterministic_and_brackets_the_mean() -> None:
    values = [-60.0, -55.0, -50.0, -45.0, -40.0]
    low, high = bootstrap_mean(values, seed=3) or (0.0, 0.0)
    assert low < -50.0 < high
    assert bootstrap_mean(values, seed=3) == (low, high)
    assert bootstrap_mean([1.0]) is None


def test_bootstrap_difference_weights_strata_by_treated() -> None:
    interval = bootstrap_difference([([-50.0, -60.0], [0.0, 5.0]), ([-40.0], [2.0, -2.0])], seed=1)
    assert interval is not None
    low, high = interval
    assert low <= high < 0
    assert bootstrap_difference([([-50.0], [])]) is None
