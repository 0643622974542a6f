"""Small statistics used by the analyses: seeded bootstrap intervals and robust z-scores.

Pure Python on purpose (no numpy): the samples are departments, at most thousands, and a seeded
`random.Random` gives the same interval on every machine and every polars version.
"""

from __future__ import annotations

import math
import random
import statistics
from collections.abc import Sequence

DEFAULT_BOOTSTRAP = 2000
"""Bootstrap resamples used unless told otherwise."""

MODIFIED_Z = 0.6745
"""Iglewicz & Hoaglin: 0.6745 x (x - median) / MAD is ~N(0, 1) for normal data."""

MEAN_AD = 1.253314
"""For MAD = 0: (x - median) / (1.253314 x mean absolute deviation), the same scale (IBM SPSS, NIST)."""


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th quantile (0-1) with linear interpolation between order statistics.

    >>> percentile([1.0, 2.0, 3.0, 4.0], 0.5)
    2.5
    """
    ordered = sorted(values)
    if not ordered:
        raise ValueError("percentile of no values")
    position = (len(ordered) - 1) * q
    low = math.floor(position)
    high = math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def bootstrap_mean(
    values: Sequence[float], *, n_boot: int = DEFAULT_BOOTSTRAP, seed: int = 0, confidence: float = 0.95
) -> tuple[float, float] | None:
    """Percentile bootstrap interval of the mean, resampling `values` with replacement.

    Deterministic for a given `seed`. None for fewer than two values (no interval to speak of).

    >>> bootstrap_mean([1.0, 2.0, 3.0, 4.0], seed=1) == bootstrap_mean([1.0, 2.0, 3.0, 4.0], seed=1)
    True
    """
    if len(values) < 2:
        return None
    rng = random.Random(seed)
    n = len(values)
    means = [math.fsum(rng.choices(values, k=n)) / n for _ in range(n_boot)]
    tail = (1 - confidence) / 2
    return percentile(means, tail), percentile(means, 1 - tail)


def bootstrap_difference(
    groups: Sequence[tuple[Sequence[float], Sequence[float]]],
    *,
    n_boot: int = DEFAULT_BOOTSTRAP,
    seed: int = 0,
    confidence: float = 0.95,
) -> tuple[float, float] | None:
    """Percentile bootstrap interval of a weighted difference of means over several strata.

    Each stratum is (treated, control); its difference is mean(treated) - mean(control), and strata
    are weighted by their number of treated. Treated and controls are resampled separately within
    each stratum (the design of a difference-in-differences by reform cohort). None when no stratum
    has at least one treated and one control value, or all strata are single pairs.
    """
    usable = [(list(t), list(c)) for t, c in groups if t and c]
    if not usable or all(len(t) < 2 and len(c) < 2 for t, c in usable):
        return None
    rng = random.Random(seed)
    weights = [len(t) for t, _ in usable]
    total = sum(weights)
    draws: list[float] = []
    for _ in range(n_boot):
        estimate = 0.0
        for (treated, control), weight in zip(usable, weights, strict=True):
            t_mean = math.fsum(rng.choices(treated, k=len(treated))) / len(treated)
            c_mean = math.fsum(rng.choices(control, k=len(control))) / len(control)
            estimate += weight * (t_mean - c_mean)
        draws.append(estimate / total)
    tail = (1 - confidence) / 2
    return percentile(draws, tail), percentile(draws, 1 - tail)


def robust_z(values: Sequence[float | None]) -> list[float | None]:
    """Modified z-scores: 0.6745 x (x - median) / MAD (median absolute deviation).

    When MAD is 0 (more than half the values equal) the mean absolute deviation is used instead,
    scaled by 1.253314; when that is 0 too every score is 0. None values stay None.

    >>> [round(z, 2) for z in robust_z([1.0, 2.0, 3.0, 4.0, 100.0])]
    [-1.35, -0.67, 0.0, 0.67, 65.43]
    """
    present = [v for v in values if v is not None and not math.isnan(v)]
    if not present:
        return [None for _ in values]
    center = statistics.median(present)
    deviations = [abs(v - center) for v in present]
    mad = statistics.median(deviations)
    if mad > 0:
        scale = mad / MODIFIED_Z
    else:
        mean_ad = math.fsum(deviations) / len(deviations)
        scale = MEAN_AD * mean_ad
    out: list[float | None] = []
    for v in values:
        if v is None or math.isnan(v):
            out.append(None)
        else:
            out.append(0.0 if scale == 0 else (v - center) / scale)
    return out


__all__ = ["DEFAULT_BOOTSTRAP", "bootstrap_difference", "bootstrap_mean", "percentile", "robust_z"]
