"""Saving charts: PNG and SVG with Chinese glyphs that render, and HTML that works offline.

All three go through vl-convert (no browser) and apply the theme (`theme_config()`) and the zh-CN
number format. PNG and SVG first register a CJK font (`analytics.charts.fonts`); an SVG keeps its
text as text, so the machine that views it needs a Chinese font too (every desktop has one) — use PNG
where that is not sure. HTML inlines the Vega, Vega-Lite and vega-embed scripts: no CDN, no network.

SVG text is byte-stable: the same chart gives the same file in any process and after any number of
other charts (`stable_svg_ids`). `to_svg_and_png` renders both from one layout, for callers that
want both (the report).

>>> [save(trend_chart(series), tmp / f"vehicle_operation.{suffix}").stat().st_size > 10_000 for suffix in ("png", "svg")]
[True, True]
"""

from __future__ import annotations

import html
import json
import os
import re
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


# Vega's SVG renderer numbers gradients and clip paths with a counter that lives as long as
# vl-convert's JavaScript runtime: the same chart gets gradient_0 in one process and gradient_7 after
# other charts. Renumbered per SVG, in order of appearance, the same chart gives the same bytes.
_SVG_ID = re.compile(r"\b(gradient_|clip)(\d+)\b")


def spec(chart: ChartLike) -> dict[str, Any]:
    """The chart's Vega-Lite specification as a dict (data inlined), without the theme.

    >>> spec(trend_chart(series))["title"]
    '公务用车运行维护费（按部门）'
    """
    result: dict[str, Any] = chart.to_dict()
    return result


def themed_spec(chart: ChartLike) -> dict[str, Any]:
    """The chart's Vega-Lite specification with the package theme merged into its `config` (a
    config the chart sets itself wins): what `save(.json)` writes, and what vega-embed needs to draw
    the chart as the PNG and SVG look.

    >>> themed_spec(trend_chart(series))["config"]["font"].split(",")[0]
    '"Noto Sans CJK SC"'
    """
    document = spec(chart)
    document["config"] = {**theme_config(), **document.get("config", {})}
    return document


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

    >>> to_png(trend_chart(series), tmp / "vehicle_operation.png")[:8]
    b'\\x89PNG\\r\\n\\x1a\\n'
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

    The same chart gives the same bytes every time (generated ids renumbered: `stable_svg_ids`).

    >>> svg = to_svg(trend_chart(series), tmp / "vehicle_operation.svg")
    >>> svg.startswith("<svg"), "公务用车运行维护费" in svg, svg == to_svg(trend_chart(series))
    (True, True, True)
    """
    import vl_convert

    register_cjk_fonts()
    text = stable_svg_ids(
        vl_convert.vegalite_to_svg(
            spec(chart), vl_version=_vl_version(), config=theme_config(), format_locale=LOCALE
        )
    )
    _write(path, text)
    return text


def svg_of_spec(document: dict[str, Any]) -> str:
    """A Vega-Lite spec (a dict, e.g. `themed_spec(chart)`) as SVG, as `to_svg` renders a chart.

    >>> svg_of_spec(themed_spec(trend_chart(series))).startswith("<svg")
    True
    """
    import vl_convert

    register_cjk_fonts()
    return stable_svg_ids(
        vl_convert.vegalite_to_svg(document, vl_version=_vl_version(), format_locale=LOCALE)
    )


def to_svg_and_png(chart: ChartLike, *, scale: float = 2.0) -> tuple[str, bytes]:
    """The chart as SVG text (as `to_svg`) and PNG bytes (as `to_png`), laid out once.

    The PNG is rasterised from the SVG (`vl_convert.svg_to_png`): the same bytes as `to_png`, about
    0.1–0.2 s sooner per chart than rendering twice.

    >>> svg, png = to_svg_and_png(trend_chart(series), scale=2)
    >>> svg[:4], png[:4]
    ('<svg', b'\\x89PNG')
    """
    import vl_convert

    svg = to_svg(chart)
    png: bytes = bytes(vl_convert.svg_to_png(svg, scale=scale))
    return svg, png


PAGE_STYLE = """\
body { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 1.5rem; }
.analytics-chart img.static { max-width: 100%; height: auto; }
.vega-bindings { margin: 0.5rem 0; font-size: 0.9rem; }
"""


def to_html(chart: ChartLike, path: str | os.PathLike[str] | None = None, *, title: str | None = None) -> str:
    """A self-contained HTML page showing the chart, interactive, with the Vega libraries inlined
    (works offline, no CDN) and the static SVG underneath where scripts do not run. Written to
    `path` when given; returns the HTML.

    >>> page = to_html(trend_chart(series), tmp / "vehicle_operation.html", title="公务用车运行维护费")
    >>> "<title>公务用车运行维护费</title>" in page, "cdn" in page.lower()
    (True, False)
    """
    from analytics.charts.embed import bundle_html, chart_html

    heading = title if title is not None else _title_text(chart)
    body = chart_html(themed_spec(chart), to_svg(chart), "chart", title=heading)
    page = (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(heading)}</title>\n<style>\n{PAGE_STYLE}</style>\n</head>\n<body>\n"
        f"{bundle_html()}\n{body}\n</body>\n</html>\n"
    )
    _write(path, page)
    return page


def _title_text(chart: ChartLike) -> str:
    """The chart's title as plain text ('' when it has none)."""
    title = spec(chart).get("title", "")
    if isinstance(title, dict):
        title = title.get("text", "")
    if isinstance(title, list):
        title = " ".join(str(t) for t in title)
    return str(title)


def save(chart: ChartLike, path: str | os.PathLike[str]) -> Path:
    """Save by the file's suffix: .png, .svg, .html, or .json (the Vega-Lite spec with the theme).

    >>> page = save(trend_chart(series), tmp / "out" / "trend.html")
    >>> page.relative_to(tmp).as_posix(), "window.vegaEmbed" in page.read_text(encoding="utf-8")
    ('out/trend.html', True)
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
        _write(target, json.dumps(themed_spec(chart), ensure_ascii=False, indent=2))
    else:
        raise ValueError(
            f"cannot save a chart as {suffix or 'a file without suffix'}: use .png, .svg, .html or .json"
        )
    return target


__all__ = [
    "ChartLike",
    "save",
    "spec",
    "stable_svg_ids",
    "svg_of_spec",
    "themed_spec",
    "to_html",
    "to_png",
    "to_svg",
    "to_svg_and_png",
]
