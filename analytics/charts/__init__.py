"""Altair charts with Chinese labels, and their rendering to PNG, SVG and offline HTML.

Builders are plain functions returning Altair charts (no top-level config, so they compose);
`save()`/`to_png()`/`to_svg()`/`to_html()` apply the theme (a Chinese font stack) when they render;
`themed_spec()` is the spec with the theme, `to_svg_and_png()` renders both images from one layout.

>>> from analytics.charts import trend_chart, save
>>> save(trend_chart(metric_series(db, "vehicle_operation")), tmp / "trend.png").name
'trend.png'
"""

from analytics.charts.composition import three_public_chart
from analytics.charts.execution import execution_heatmap
from analytics.charts.fonts import FontNotFoundError, cjk_font_directories, register_cjk_fonts
from analytics.charts.notebook import enable_notebook
from analytics.charts.reform import reform_slope_chart
from analytics.charts.render import (
    save,
    spec,
    stable_svg_ids,
    themed_spec,
    to_html,
    to_png,
    to_svg,
    to_svg_and_png,
)
from analytics.charts.science import (
    science_funding_chart,
    science_share_chart,
    science_shift_chart,
    science_subcode_chart,
)
from analytics.charts.theme import FONT_STACK, enable_theme, theme_config
from analytics.charts.trends import trend_chart
from analytics.labels import metric_label, metric_name

__all__ = [
    "FONT_STACK",
    "FontNotFoundError",
    "cjk_font_directories",
    "enable_notebook",
    "enable_theme",
    "execution_heatmap",
    "metric_label",
    "metric_name",
    "reform_slope_chart",
    "register_cjk_fonts",
    "save",
    "science_funding_chart",
    "science_share_chart",
    "science_shift_chart",
    "science_subcode_chart",
    "spec",
    "stable_svg_ids",
    "theme_config",
    "themed_spec",
    "three_public_chart",
    "to_html",
    "to_png",
    "to_svg",
    "to_svg_and_png",
    "trend_chart",
]
