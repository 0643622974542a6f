"""What the page inlines: the JavaScript bundle, chart specs as JSON blocks, static images."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import altair as alt
import polars as pl
import pytest
import vl_convert

from analytics.charts.render import spec as chart_spec
from analytics.report.assets import javascript_bundle, script_json, svg_data_uri


def test_the_bundle_defines_vega_embed_and_is_safe_to_inline() -> None:
    bundle = str(javascript_bundle())
    assert "window.vegaEmbed" in bundle and "window.vegaLite" in bundle
    assert "</script" not in bundle.lower() and "<!--" not in bundle
    assert bundle.startswith("(function () {") and bundle.endswith("})();")


def test_script_json_cannot_close_its_script_block_and_parses_back() -> None:
    value = {"title": "</script><script>alert(1)</script><!-- & \u2028", "n": 1}
    text = str(script_json(value))
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == value


def test_altair_names_selections_by_content_so_specs_repeat() -> None:
    data = pl.DataFrame({"x": [1, 2], "y": [2, 3]})

    def spec() -> dict[str, Any]:
        points = alt.Chart(data).mark_point().encode(x="x:Q", y="y:Q")
        return chart_spec(alt.layer(points.add_params(alt.selection_point(fields=["x"])), points.mark_line()))

    assert spec() == spec()


def test_svg_data_uri_round_trips() -> None:
    svg = '<svg xmlns="http://www.w3.org/2000/svg"><text>三公经费</text></svg>'
    uri = svg_data_uri(svg)
    assert uri.startswith("data:image/svg+xml;base64,")
    assert base64.b64decode(uri.split(",", 1)[1]).decode("utf-8") == svg


def test_the_bundle_is_cached_on_disk_between_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANALYTICS_CACHE_DIR", str(tmp_path))
    javascript_bundle.cache_clear()
    try:
        first = javascript_bundle()
        assert [p.name.startswith("vega-bundle-") for p in tmp_path.iterdir()] == [True]
        javascript_bundle.cache_clear()

        def no_build(*args: object, **kwargs: object) -> str:
            raise AssertionError("the bundle should come from the cache")

        monkeypatch.setattr(vl_convert, "javascript_bundle", no_build)
        assert javascript_bundle() == first
    finally:
        javascript_bundle.cache_clear()
