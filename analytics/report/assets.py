"""What the page inlines so that it works with no network: the Vega/Vega-Lite/vega-embed bundle,
and the chart specs as JSON data blocks.

vl-convert carries the JavaScript libraries it renders with; `javascript_bundle()` returns them as
one classic script that sets `window.vegaEmbed`, `window.vega` and `window.vegaLite`.
"""

from __future__ import annotations

import base64
import json
import re
from functools import cache
from typing import Any

import altair as alt
import vl_convert
from markupsafe import Markup

from analytics.report.config import ReportError

_EXPORTS = "window.vegaEmbed = vegaEmbed; window.vega = vega; window.vegaLite = vegaLite;"


def vegalite_version() -> str | None:
    """The Vega-Lite version Altair writes specs for, as vl-convert names it ('6.4'); None = newest."""
    match = re.match(r"v?(\d+)\.(\d+)", alt.SCHEMA_VERSION)
    if match is None:
        return None
    version = f"{match.group(1)}.{match.group(2)}"
    return version if version in vl_convert.get_vegalite_versions() else None


@cache
def javascript_bundle() -> Markup:
    """The Vega, Vega-Lite and vega-embed libraries as one script body, safe to inline in <script>.

    Wrapped in a function so that the bundle's top-level names (`const n`, `function t`, …) do not
    become globals that a page script could collide with; it exports through `window.*` anyway.
    """
    source = vl_convert.javascript_bundle(_EXPORTS, vl_version=vegalite_version())
    # Inside <script>, the HTML parser only looks for "</script" (and "<!--" opening an escaped
    # state); the bundle has neither today, and a future one with them must not silently break the page.
    if re.search(r"</script|<!--", source, re.IGNORECASE):
        raise ReportError(
            "the vl-convert JavaScript bundle cannot be inlined (it contains '</script' or '<!--')"
        )
    return Markup(f"(function () {{\n{source}\n}})();")


def chart_spec(chart: Any) -> dict[str, Any]:
    """The chart's Vega-Lite spec (a dict is taken as one already).

    Altair 6 names selections and views by a hash of their content (`param_2f7e…`), not a counter,
    so the same chart gives the same spec in every run: the report's determinism relies on it.
    """
    spec = chart if isinstance(chart, dict) else chart.to_dict()
    return dict(spec)


def script_json(value: Any) -> Markup:
    """`value` as JSON that can sit inside <script type="application/json"> whatever its strings hold.

    Every `<`, `>` and `&` is written as a JSON unicode escape, so no `</script>` or `<!--` can end or
    alter the block; `JSON.parse` gives the original strings back.
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)


def svg_data_uri(svg: str) -> str:
    """An SVG as a data: URI for <img src>: an image cannot run scripts, whatever text the SVG holds."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


__all__ = ["chart_spec", "javascript_bundle", "script_json", "svg_data_uri", "vegalite_version"]
