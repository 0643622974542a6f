"""Chart files for the report folder, and the chart as the page embeds it, through `analytics.charts`.

The SVG comes from `analytics.charts.export.to_svg` (theme, zh-CN number format, registered CJK
font). The PNG is rasterised from that SVG (`vl_convert.svg_to_png`): the same pixels as
`to_png`, without laying the chart out a second time, which halves the report's export time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import vl_convert

from analytics.charts.export import LOCALE, to_svg
from analytics.charts.export import spec as chart_spec
from analytics.charts.theme import theme_config

PNG_SCALE = 2  # twice the CSS pixel size: sharp on high-density screens and in print

# Vega's SVG renderer numbers gradients and clip paths with a counter that lives as long as
# vl-convert's JavaScript runtime, so the same chart gets gradient_0 in one run and gradient_7 after
# other charts. Renumbered per SVG, in order of appearance, the same chart gives the same file.
_SVG_ID = re.compile(r"\b(gradient_|clip)(\d+)\b")


@dataclass(frozen=True)
class ExportedChart:
    """One chart: `spec` for the page (with the theme's config), `svg` text and `png` bytes."""

    spec: dict[str, Any]
    svg: str
    png: bytes


def export_chart(chart: Any) -> ExportedChart:
    """Render an Altair chart to SVG and PNG, and give its themed Vega-Lite spec for vega-embed."""
    svg = stable_svg_ids(to_svg(chart))
    png = bytes(vl_convert.svg_to_png(svg, scale=PNG_SCALE))
    spec = chart_spec(chart)
    spec["config"] = {**theme_config(), **spec.get("config", {})}  # as analytics.charts.export.save(.json)
    return ExportedChart(spec, svg, png)


def stable_svg_ids(svg: str) -> str:
    """`svg` with its generated ids (gradient_N, clipN) numbered from 0 in order of appearance.

    >>> stable_svg_ids('<linearGradient id="gradient_7"/><rect fill="url(#gradient_7)"/>')
    '<linearGradient id="gradient_0"/><rect fill="url(#gradient_0)"/>'
    """
    numbers: dict[tuple[str, str], int] = {}

    def renumber(match: re.Match[str]) -> str:
        key = (match.group(1), match.group(2))
        if key not in numbers:
            numbers[key] = sum(1 for prefix, _ in numbers if prefix == key[0])
        return f"{match.group(1)}{numbers[key]}"

    return _SVG_ID.sub(renumber, svg)


def format_locale() -> dict[str, Any]:
    """The d3 number format of the charts' locale (zh-CN), for vega-embed in the page."""
    locale: dict[str, Any] = vl_convert.get_format_locale(LOCALE)
    return locale


__all__ = ["ExportedChart", "export_chart", "format_locale", "stable_svg_ids"]
