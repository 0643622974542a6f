"""Where the line charts put things: a round value axis, short department names, and line-end labels
spread apart so that they do not overlap (the trend chart and the reform slope chart share them)."""

from __future__ import annotations

import math
from collections.abc import Sequence

import polars as pl

MAX_END_LABELS = 15
"""More lines than this get no line-end labels (they could not be told apart); the legend names them."""
LABEL_GAP = 13  # pixels between two line-end labels


def short_names(departments: Sequence[str]) -> dict[str, str]:
    """Department names without the region they all share, for labels (廊坊市财政局 -> 财政局).

    >>> short_names(["廊坊市财政局", "廊坊市教育局"])
    {'廊坊市财政局': '财政局', '廊坊市教育局': '教育局'}
    >>> short_names(["廊坊市财政局", "三河市财政局"])
    {'廊坊市财政局': '廊坊市财政局', '三河市财政局': '三河市财政局'}
    """
    names = list(departments)
    prefix = ""
    if len(names) > 1:
        first, last = min(names), max(names)  # the shared start of all is that of the extremes
        prefix = first[
            : next((i for i, (a, b) in enumerate(zip(first, last, strict=False)) if a != b), len(first))
        ]
    cut = max((prefix.rfind(c) for c in "省市县区州盟旗"), default=-1)
    shared = prefix[: cut + 1] if cut >= 0 else ""
    return {d: d[len(shared) :] if shared and len(d) > len(shared) else d for d in departments}


def nice_domain(low: float, high: float, ticks: int = 5) -> tuple[float, float]:
    """`low`–`high` widened to round numbers (steps of 1, 2, 2.5 or 5 times a power of ten).

    >>> nice_domain(0, 51.6), nice_domain(0, 0), nice_domain(-3, 7.5)
    ((0.0, 60.0), (0.0, 1.0), (-5.0, 7.5))
    """
    if high <= low:
        return (float(low), float(low) + 1.0)
    raw = (high - low) / ticks
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    return (float(math.floor(low / step) * step), float(math.ceil(high / step) * step))


def dodge(
    values: Sequence[float], domain: tuple[float, float], height: int, gap: float = LABEL_GAP
) -> list[float]:
    """Label positions (in data units) near `values` but at least `gap` pixels apart, inside the chart:
    labels that would overlap are spread evenly around where their lines end.

    >>> [round(v, 2) for v in dodge([10.0, 10.5, 40.0], (0.0, 50.0), 300)]
    [9.17, 11.33, 40.0]
    """
    low, high = domain
    span = (high - low) or 1.0
    pixels = [height * (1 - (v - low) / span) for v in values]
    order = sorted(range(len(values)), key=lambda i: pixels[i])
    blocks: list[list[float]] = []  # runs of labels placed together, centred on their lines' ends
    for i in order:
        blocks.append([pixels[i]])
        while len(blocks) > 1 and _end(blocks[-2], gap) + gap > _start(blocks[-1], gap):
            last = blocks.pop()
            blocks[-1].extend(last)
    placed = [_start(block, gap) + k * gap for block in blocks for k in range(len(block))]
    for k in range(len(placed)):  # keep inside the chart, top then bottom
        placed[k] = max(placed[k], gap / 2, placed[k - 1] + gap if k else gap / 2)
    for k in reversed(range(len(placed))):
        limit = height - gap / 2 if k == len(placed) - 1 else placed[k + 1] - gap
        placed[k] = min(placed[k], limit)
    result = [0.0] * len(values)
    for position, i in zip(placed, order, strict=True):
        result[i] = low + (1 - position / height) * span
    return result


def _start(block: list[float], gap: float) -> float:
    return sum(block) / len(block) - gap * (len(block) - 1) / 2


def _end(block: list[float], gap: float) -> float:
    return _start(block, gap) + gap * (len(block) - 1)


def with_end_labels(
    ends: pl.DataFrame, names: dict[str, str], domain: tuple[float, float], height: int
) -> pl.DataFrame:
    """The last point of each line (`department`, `value`) with where its label goes (`label_value`,
    see `dodge`) and what it says (`label`, the department's short name from `names`)."""
    return ends.with_columns(
        pl.Series("label_value", dodge(ends["value"].to_list(), domain, height), dtype=pl.Float64),
        pl.col("department").replace_strict(names, return_dtype=pl.String).alias("label"),
    )


__all__ = ["LABEL_GAP", "MAX_END_LABELS", "dodge", "nice_domain", "short_names", "with_end_labels"]
