"""What the page inlines so that it works with no network: the Vega/Vega-Lite/vega-embed bundle,
and the chart specs as JSON data blocks. They live in `analytics.charts.embed`, which the notebooks
and `save(.html)` share; this module names them for the report.
"""

from __future__ import annotations

from analytics.charts.embed import (
    CACHE_ENV,
    cache_dir,
    javascript_bundle,
    script_json,
    svg_data_uri,
    vegalite_version,
)

__all__ = ["CACHE_ENV", "cache_dir", "javascript_bundle", "script_json", "svg_data_uri", "vegalite_version"]
