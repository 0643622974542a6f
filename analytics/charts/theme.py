"""One look for every chart: a Chinese font stack, a palette, the axis titles every chart shares.

Chart builders return plain charts without a top-level `config`, so they can still be layered and
concatenated; the render helpers (`analytics.charts.render`) apply `theme_config()` when they render,
and `enable_theme()` makes Altair apply it to charts shown in a notebook. The Chinese labels of
metrics, kinds and bases are in `analytics.labels`.
"""

from __future__ import annotations

from typing import Any

import altair as alt

THEME_NAME = "analytics"

FONT_STACK = (
    '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN", "PingFang SC", '
    '"Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", "Droid Sans Fallback", sans-serif'
)
"""Simplified-Chinese fonts first (Debian's fonts-noto-cjk, then macOS and Windows ones)."""

PALETTE = ["#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#b279a2", "#eeca3b", "#9d755d", "#bab0ac"]

YEAR = "年度"
DEPARTMENT = "部门"


def theme_config() -> dict[str, Any]:
    """The Vega-Lite `config` of the theme (fonts, sizes, palette)."""
    return {
        "font": FONT_STACK,
        "title": {
            "font": FONT_STACK,
            "fontSize": 15,
            "fontWeight": "bold",
            "anchor": "start",
            "subtitleFont": FONT_STACK,
        },
        "axis": {"labelFont": FONT_STACK, "titleFont": FONT_STACK, "labelFontSize": 11, "titleFontSize": 12},
        "legend": {
            "labelFont": FONT_STACK,
            "titleFont": FONT_STACK,
            "labelFontSize": 11,
            "titleFontSize": 12,
        },
        "header": {"labelFont": FONT_STACK, "titleFont": FONT_STACK},
        "text": {"font": FONT_STACK},
        "mark": {"font": FONT_STACK},
        "range": {"category": PALETTE},
        "view": {"continuousWidth": 480, "continuousHeight": 300},
    }


def _theme() -> alt.theme.ThemeConfig:
    return {"config": theme_config()}  # type: ignore[typeddict-item]


def enable_theme() -> None:
    """Make Altair use the theme for every chart from now on (e.g. in a notebook).

    >>> with alt.theme.enable("default"):  # the active theme is restored afterwards
    ...     enable_theme()
    ...     alt.theme.active
    'analytics'
    """
    if THEME_NAME not in alt.theme.names():
        alt.theme.register(THEME_NAME, enable=False)(_theme)
    alt.theme.enable(THEME_NAME)


__all__ = [
    "FONT_STACK",
    "PALETTE",
    "THEME_NAME",
    "enable_theme",
    "theme_config",
]
