"""Chart files for the report folder, and the chart as the page embeds it, through `analytics.charts`.

SVG and PNG come from `analytics.charts.to_svg_and_png` (theme, zh-CN number format, registered CJK
font, ids that are the same every run; the PNG rasterised from the SVG, the same pixels as `to_png`
without laying the chart out twice), the embedded spec from `analytics.charts.themed_spec`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from analytics.charts import themed_spec, to_svg_and_png

PNG_SCALE = 2  # twice the CSS pixel size: sharp on high-density screens and in print


@dataclass(frozen=True)
class ExportedChart:
    """One chart: `spec` for the page (with the theme's config), `svg` text and `png` bytes."""

    spec: dict[str, Any]
    svg: str
    png: bytes


def export_chart(chart: Any) -> ExportedChart:
    """Render an Altair chart to SVG and PNG, and give its themed Vega-Lite spec for vega-embed."""
    svg, png = to_svg_and_png(chart, scale=PNG_SCALE)
    return ExportedChart(themed_spec(chart), svg, png)


__all__ = ["ExportedChart", "export_chart"]
