"""How a trend chart's points say where their figures come from: the shape of each basis, and the
数据来源 legend that explains them (filled for printed figures, hollow for worked-out ones, × for a
year without a value)."""

from __future__ import annotations

import altair as alt
import polars as pl

from analytics.labels import BASIS_ZH

MISSING = "无数据"
"""What a year without a value is called (its × mark and the legend say so)."""
CROSS = "M-1,-1L1,1M-1,1L1,-1"  # an ×, as an SVG path

BASIS_SHAPES = {"stated": "circle", "derived": "triangle-up", "filled": "diamond", "corrected": "square"}
"""The shape of a point by its figure's basis."""

_KEY_FILL = {BASIS_ZH["stated"]: "#555555", BASIS_ZH["corrected"]: "#555555"}
"""The legend symbols drawn filled (printed figures); the others are hollow."""


def basis_shapes(*, with_missing: bool, with_corrected: bool = False) -> tuple[list[str], alt.Scale]:
    """● 公开数, △ 推算数, ◇ 补齐数, ■ 更正数 when a figure was corrected by hand, and × 无数据 when
    a series has a gap: the labels and their scale.

    >>> basis_shapes(with_missing=True)[0]
    ['公开数', '推算数', '补齐数', '无数据']
    """
    shapes = {**{BASIS_ZH[basis]: shape for basis, shape in BASIS_SHAPES.items()}, MISSING: CROSS}
    labels = [label for key, label in BASIS_ZH.items() if key != "corrected" or with_corrected]
    labels += [MISSING] if with_missing else []
    return labels, alt.Scale(domain=labels, range=[shapes[label] for label in labels])


def basis_key(labels: list[str], shapes: alt.Scale) -> alt.Chart:
    """The 数据来源 legend: ● 公开数 and ■ 更正数 filled, △ 推算数 and ◇ 补齐数 hollow, as the points are
    drawn, and × 无数据 when a series has a gap.

    An invisible layer of its own: a legend drawn from the points would take their colours, which
    are the departments'."""
    legend = alt.Legend(symbolOpacity=1, orient="right")
    key: alt.Chart = (
        alt.Chart(pl.DataFrame({"来源": labels}))
        .mark_point(opacity=0, strokeWidth=1.5, color="#555555")
        .encode(
            shape=alt.Shape("来源:N", title="数据来源", scale=shapes, legend=legend),
            fill=alt.Fill(
                "来源:N",
                title="数据来源",
                scale=alt.Scale(domain=labels, range=[_KEY_FILL.get(label, "white") for label in labels]),
                legend=legend,
            ),
        )
    )
    return key


__all__ = ["BASIS_SHAPES", "CROSS", "MISSING", "basis_key", "basis_shapes"]
