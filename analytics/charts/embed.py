"""Interactive charts without a network: the Vega libraries inlined from the installed vl-convert
(never a CDN), for the report's page, `save(.html)` and notebooks.

vl-convert carries the JavaScript libraries it renders with; `javascript_bundle()` returns them as
one classic script that sets `window.vegaEmbed`, `window.vega` and `window.vegaLite`. Every chart
is drawn by vega-embed with the same options (`embed_options()`: SVG renderer, zh-CN number format,
Chinese menu, no link to the online editor) and the package theme (`themed_spec`).

In a notebook, `enable_notebook()` (see `analytics.charts.notebook`) puts the bundle in the page
once, as the output of the cell that calls it; each chart's output then holds its spec and a
static SVG image, which stays in place wherever scripts do not run.
"""

from __future__ import annotations

import base64
import contextlib
import html
import importlib.metadata
import json
import os
import re
from functools import cache
from pathlib import Path
from typing import Any, Literal

import altair as alt
import vl_convert
from markupsafe import Markup

from analytics.errors import AnalyticsError

LOCALE: Literal["zh-CN"] = "zh-CN"

_EXPORTS = "window.vegaEmbed = vegaEmbed; window.vega = vega; window.vegaLite = vegaLite;"

CACHE_ENV = "ANALYTICS_CACHE_DIR"
"""Where the JavaScript bundle is cached (default: $XDG_CACHE_HOME/analytics, else ~/.cache/analytics)."""

EMBED_OPTIONS: dict[str, object] = {
    "renderer": "svg",
    # The editor and source views would open vega.github.io: the chart stays offline.
    "actions": {"export": True, "source": False, "compiled": False, "editor": False},
    "i18n": {"PNG_ACTION": "保存为 PNG", "SVG_ACTION": "保存为 SVG", "CLICK_TO_VIEW_ACTIONS": "点击查看操作"},
}
"""vega-embed options of every chart (the number format locale is added by `embed_options()`)."""


class EmbedError(AnalyticsError):
    """The JavaScript bundle cannot be inlined safely."""

    stage = "charts"


def vegalite_version() -> str | None:
    """The Vega-Lite version Altair writes specs for, as vl-convert names it ('6.4'); None = newest."""
    match = re.match(r"v?(\d+)\.(\d+)", alt.SCHEMA_VERSION)
    if match is None:
        return None
    version = f"{match.group(1)}.{match.group(2)}"
    return version if version in vl_convert.get_vegalite_versions() else None


def cache_dir() -> Path:
    """The folder caching the JavaScript bundle between runs."""
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "analytics"


def _vl_convert_version() -> str:
    try:
        return importlib.metadata.version("vl-convert-python")
    except importlib.metadata.PackageNotFoundError:  # an unusual install: the bundle is still keyed
        return "unknown"


@cache
def javascript_bundle() -> Markup:
    """The Vega, Vega-Lite and vega-embed libraries as one script body, safe to inline in <script>.

    Wrapped in a function so that the bundle's top-level names (`const n`, `function t`, …) do not
    become globals that a page script could collide with; it exports through `window.*` anyway.
    Building the bundle takes vl-convert about a second, so it is cached on disk per vl-convert and
    Vega-Lite version (an unwritable cache folder only costs that second).

    >>> bundle = javascript_bundle()
    >>> "window.vegaEmbed" in bundle, len(bundle) > 500_000
    (True, True)
    """
    version = vegalite_version()
    cached = cache_dir() / f"vega-bundle-{_vl_convert_version()}-vl{version or 'latest'}.js"
    try:
        source = cached.read_text(encoding="utf-8")
    except OSError:
        source = ""
    if "window.vegaEmbed" not in source:  # missing, or cut short by a crash while writing
        source = vl_convert.javascript_bundle(_EXPORTS, vl_version=version)
        _write_cache(cached, source)
    # Inside <script>, the HTML parser only looks for "</script" (and "<!--" opening an escaped
    # state); the bundle has neither today, and a future one with them must not silently break the page.
    if re.search(r"</script|<!--", source, re.IGNORECASE):
        raise EmbedError(
            "the vl-convert JavaScript bundle cannot be inlined (it contains '</script' or '<!--')"
        )
    return Markup(f"(function () {{\n{source}\n}})();")


def _write_cache(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()


def script_json(value: Any) -> Markup:
    """`value` as JSON that can sit inside a <script> element whatever its strings hold.

    Every `<`, `>` and `&` is written as a JSON unicode escape, so no `</script>` or `<!--` can end or
    alter the block; `JSON.parse` (or JavaScript itself) gives the original strings back.

    >>> str(script_json({"title": "</script>"}))
    '{"title":"\\\\u003c/script\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)


def svg_data_uri(svg: str) -> str:
    """An SVG as a data: URI for <img src>: an image cannot run scripts, whatever text the SVG holds."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


@cache
def format_locale() -> dict[str, Any]:
    """The d3 number format of the charts' locale (zh-CN), for vega-embed."""
    locale: dict[str, Any] = vl_convert.get_format_locale(LOCALE)
    return locale


def embed_options() -> dict[str, object]:
    """The vega-embed options of every chart: `EMBED_OPTIONS` and the zh-CN number format.

    >>> embed_options()["renderer"], embed_options()["formatLocale"]["currency"]
    ('svg', ['¥', ''])
    """
    return EMBED_OPTIONS | {"formatLocale": format_locale()}


# Draws the chart of `spec` into `target` once vega-embed is there (the bundle may come from an
# earlier output of the same page), marking it rendered; otherwise the static image stays.
_DRAW = """\
(function () {
  var target = document.getElementById(%(target)s);
  var spec = %(spec)s, options = %(options)s, tries = 0;
  function draw() {
    if (typeof window.vegaEmbed !== "function") {
      if (tries++ < 100) { setTimeout(draw, 50); } else { target.setAttribute("data-chart", "static"); }
      return;
    }
    var fallback = Array.prototype.slice.call(target.childNodes);
    target.textContent = "";
    window.vegaEmbed(target, spec, options).then(function () {
      target.classList.add("rendered");
      target.setAttribute("data-chart", "rendered");
    }).catch(function (error) {
      target.textContent = "";
      fallback.forEach(function (node) { target.appendChild(node); });
      target.setAttribute("data-chart", "failed");
      target.setAttribute("data-error", String(error));
    });
  }
  draw();
})();"""


def chart_html(spec: dict[str, Any], svg: str, target: str, *, title: str = "") -> str:
    """One chart as HTML: a <div> holding the static SVG image, and the script drawing the
    interactive chart over it with the inlined libraries (`data-chart` says `rendered`, `failed`,
    or `static` when the libraries never came). The bundle itself is not included.
    """
    image = f'<img class="static" alt="{html.escape(title)}" src="{svg_data_uri(svg)}">'
    script = _DRAW % {
        "target": script_json(target),
        "spec": script_json(spec),
        "options": script_json(embed_options()),
    }
    return (
        f'<div class="analytics-chart" id="{html.escape(target)}" data-chart="pending">{image}</div>\n'
        f"<script>\n{script}\n</script>"
    )


def bundle_html() -> str:
    """The <script> element defining `window.vegaEmbed` (about 0.9 MB)."""
    return f"<script>\n{javascript_bundle()}\n</script>"


__all__ = [
    "CACHE_ENV",
    "EMBED_OPTIONS",
    "LOCALE",
    "EmbedError",
    "bundle_html",
    "cache_dir",
    "chart_html",
    "embed_options",
    "format_locale",
    "javascript_bundle",
    "script_json",
    "svg_data_uri",
    "vegalite_version",
]
