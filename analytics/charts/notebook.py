"""Charts in Jupyter that work offline and look like the report's: `enable_notebook()`.

Altair's own notebook output loads Vega from a CDN, so without a network the charts come up blank,
and it knows nothing of the package's theme. After `enable_notebook()`:

- the cell that calls it outputs the Vega, Vega-Lite and vega-embed libraries (from the installed
  vl-convert, about 0.9 MB, once per notebook page);
- `store.query(...)` results show as tables;
- every chart shown is drawn by those libraries with the report's options and theme (Chinese fonts,
  zh-CN numbers, legend highlight, 部门 menu and zoom where the chart has them), over a static SVG
  image of itself that stays where scripts do not run (an untrusted notebook, a viewer such as
  GitHub's, an exported page opened without scripts).

An exported notebook (File → Save and Export as HTML, or `jupyter nbconvert --to html`) keeps both,
so it too works without a network.

>>> import altair as alt
>>> with alt.renderers.enable("default"), alt.theme.enable("default"):  # both restored afterwards
...     enable_notebook()  # outside IPython it only sets the renderer and the theme
...     alt.renderers.active, alt.theme.active
('analytics', 'analytics')
"""

from __future__ import annotations

import uuid
from typing import Any

import altair as alt

from analytics.charts.embed import bundle_html, chart_html
from analytics.charts.render import svg_of_spec
from analytics.charts.theme import enable_theme, theme_config

RENDERER = "analytics"


def render(spec: dict[str, Any], **metadata: Any) -> dict[str, str]:
    """Altair renderer: the chart as HTML (interactive, over its static SVG) and as plain text.

    >>> bundle = render(trend_chart(series).to_dict())
    >>> sorted(bundle), 'data-chart="pending"' in bundle["text/html"], "<img" in bundle["text/html"]
    (['text/html', 'text/plain'], True, True)
    """
    themed = dict(spec)
    themed["config"] = {**theme_config(), **spec.get("config", {})}
    target = f"analytics-chart-{uuid.uuid4().hex[:12]}"
    title = themed.get("title", "")
    text = title.get("text", "") if isinstance(title, dict) else title
    return {
        "text/html": chart_html(themed, svg_of_spec(themed), target, title=str(text or "")),
        "text/plain": f"<chart: {text}>" if text else "<chart>",
    }


def enable_notebook(*, show_libraries: bool = True) -> None:
    """Draw Altair charts offline with the package's theme from now on (see the module docstring).

    In a notebook, the cell calling it outputs the JavaScript libraries the charts need
    (`show_libraries=False` leaves that out: for a page that has them already).
    """
    if RENDERER not in alt.renderers.names():
        alt.renderers.register(RENDERER, render)
    alt.renderers.enable(RENDERER)
    enable_theme()
    if _in_ipython():
        _show_query_results()
    if show_libraries and _in_ipython():
        from IPython.display import HTML, display

        display(HTML(bundle_html()))  # type: ignore[no-untyped-call]


def _show_query_results() -> None:
    """`store.query(...)` results (`QueryResult`) display as HTML tables in the notebook."""
    from IPython import get_ipython

    from analytics.analysis.display import query_result_html
    from analytics.load import QueryResult

    shell = get_ipython()
    if shell is not None:
        shell.display_formatter.formatters["text/html"].for_type(QueryResult, query_result_html)


def _in_ipython() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:  # IPython comes with Jupyter; without it there is no notebook to show
        return False
    return get_ipython() is not None


__all__ = ["RENDERER", "enable_notebook", "render"]
