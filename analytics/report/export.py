"""Static chart images (SVG, PNG) for the report folder and the page's no-script fallback.

Placeholder until `analytics.charts` offers export with its registered CJK font.
"""

from __future__ import annotations

from typing import Any

import vl_convert

from analytics.report.assets import vegalite_version


def chart_svg(spec: dict[str, Any]) -> str:
    """The chart as SVG text."""
    return str(vl_convert.vegalite_to_svg(spec, vl_version=vegalite_version()))


def chart_png(spec: dict[str, Any]) -> bytes:
    """The chart as PNG bytes, at twice the CSS pixel size (sharp on high-density screens)."""
    return bytes(vl_convert.vegalite_to_png(spec, vl_version=vegalite_version(), scale=2))


__all__ = ["chart_png", "chart_svg"]
