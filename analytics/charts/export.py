"""Saving charts: PNG and SVG with Chinese glyphs that render, and HTML that works offline.

All three go through vl-convert (no browser) and apply the theme (`theme_config()`) and the zh-CN
number format. PNG and SVG first register a CJK font (`analytics.charts.fonts`); an SVG keeps its
text as text, so the machine that views it needs a Chinese font too (every desktop has one) — use PNG
where that is not sure. HTML inlines the Vega, Vega-Lite and vega-embed scripts: no CDN, no network.

>>> save(trend_chart(series), "reports/vehicle_operation.png")  # doctest: +SKIP
"""

from __future__ import annotations

import html
import json
import os
from pathlib import Path
from typing import Any, Literal

import altair as alt

from analytics.charts.fonts import register_cjk_fonts
from analytics.charts.theme import theme_config

ChartLike = alt.TopLevelMixin
"""Any top-level Altair chart: Chart, LayerChart, concatenations, facets."""

LOCALE: Literal["zh-CN"] = "zh-CN"


def _vl_version() -> str | None:
    """The Vega-Lite version Altair writes, when vl-convert has it (else vl-convert's latest)."""
    import vl_convert

    major_minor = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
    return major_minor if major_minor in vl_convert.get_vegalite_versions() else None


def spec(chart: ChartLike) -> dict[str, Any]:
    """The chart's Vega-Lite specification as a dict (data inlined), without the theme.

    >>> spec(trend_chart(series))["$schema"]  # doctest: +SKIP
    """
    result: dict[str, Any] = chart.to_dict()
    return result


def _write(path: str | os.PathLike[str] | None, content: bytes | str) -> None:
    if path is None:
        return
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, encoding="utf-8")


def to_png(chart: ChartLike, path: str | os.PathLike[str] | None = None, *, scale: float = 2.0) -> bytes:
    """Render the chart as PNG (written to `path` when given); returns the bytes.

    `scale` 2 gives sharp images on high-resolution screens. Raises `FontNotFoundError` when no
    Chinese font is installed.

    >>> to_png(trend_chart(series), "vehicle_operation.png")  # doctest: +SKIP
    """
    import vl_convert

    register_cjk_fonts()
    data: bytes = vl_convert.vegalite_to_png(
        spec(chart), vl_version=_vl_version(), scale=scale, config=theme_config(), format_locale=LOCALE
    )
    _write(path, data)
    return data


def to_svg(chart: ChartLike, path: str | os.PathLike[str] | None = None) -> str:
    """Render the chart as SVG (written to `path` when given); returns the SVG text.

    >>> to_svg(trend_chart(series), "vehicle_operation.svg")  # doctest: +SKIP
    """
    import vl_convert

    register_cjk_fonts()
    text: str = vl_convert.vegalite_to_svg(
        spec(chart), vl_version=_vl_version(), config=theme_config(), format_locale=LOCALE
    )
    _write(path, text)
    return text


def to_html(chart: ChartLike, path: str | os.PathLike[str] | None = None, *, title: str | None = None) -> str:
    """A self-contained HTML page showing the chart, with the Vega libraries inlined (works offline,
    no CDN). Written to `path` when given; returns the HTML.

    >>> to_html(trend_chart(series), "vehicle_operation.html", title="公务用车运行维护费")  # doctest: +SKIP
    """
    import vl_convert

    page: str = vl_convert.vegalite_to_html(
        spec(chart), vl_version=_vl_version(), bundle=True, config=theme_config(), format_locale=LOCALE
    )
    page = page.replace('<html lang="en">', '<html lang="zh-CN">', 1).replace(
        "<html>", '<html lang="zh-CN">', 1
    )
    if title is not None:
        if "<title>" in page:
            start, end = page.index("<title>"), page.index("</title>")
            page = page[:start] + f"<title>{html.escape(title)}</title>" + page[end + len("</title>") :]
        else:
            page = page.replace("<head>", f"<head>\n<title>{html.escape(title)}</title>", 1)
    if '<meta charset="UTF-8">' not in page and "<meta charset" not in page.lower():
        page = page.replace("<head>", '<head>\n<meta charset="utf-8">', 1)
    _write(path, page)
    return page


def save(chart: ChartLike, path: str | os.PathLike[str]) -> Path:
    """Save by the file's suffix: .png, .svg, .html, or .json (the Vega-Lite spec with the theme).

    >>> save(trend_chart(series), "out/trend.html")  # doctest: +SKIP
    """
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix == ".png":
        to_png(chart, target)
    elif suffix == ".svg":
        to_svg(chart, target)
    elif suffix in (".html", ".htm"):
        to_html(chart, target)
    elif suffix == ".json":
        document = spec(chart)
        document["config"] = {**theme_config(), **document.get("config", {})}
        _write(target, json.dumps(document, ensure_ascii=False, indent=2))
    else:
        raise ValueError(
            f"cannot save a chart as {suffix or 'a file without suffix'}: use .png, .svg, .html or .json"
        )
    return target


__all__ = ["ChartLike", "save", "spec", "to_html", "to_png", "to_svg"]
