"""What the page inlines so that it works with no network: the Vega/Vega-Lite/vega-embed bundle,
and the chart specs as JSON data blocks.

vl-convert carries the JavaScript libraries it renders with; `javascript_bundle()` returns them as
one classic script that sets `window.vegaEmbed`, `window.vega` and `window.vegaLite`.
"""

from __future__ import annotations

import base64
import contextlib
import importlib.metadata
import json
import os
import re
from functools import cache
from pathlib import Path
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


CACHE_ENV = "ANALYTICS_CACHE_DIR"
"""Where the JavaScript bundle is cached (default: $XDG_CACHE_HOME/analytics, else ~/.cache/analytics)."""


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
        raise ReportError(
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


__all__ = ["javascript_bundle", "script_json", "svg_data_uri", "vegalite_version"]
