"""The page in a real browser, offline: headless Chromium with every network request blocked.

The page's script sets `data-charts-rendered="N"` on <html> once vega-embed has settled for all N
charts; Chromium's `--dump-dom` prints the DOM after the scripts ran (`--virtual-time-budget` lets
the page's timers and promises finish first). A probe copy of the page replaces `window.alert` to
record any call, so that a planted `<script>alert(1)</script>` that ran would show.

The samples' report is opened once (`samples_dom`), with a probe that, once the charts are drawn,
clicks a department in the legend of the vehicle running-cost trend and records the opacity of
every department's line, then picks a department in the chart's 部门 menu and records which lines
are left.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from analytics.report import ReportResult, build_report
from tests.browser import chromium, html_attribute, needs_chromium
from tests.report.conftest import DAY, PLANTED

pytestmark = needs_chromium

ALERT_PROBE = (
    "<script>window.alert = function (message) {"
    " document.documentElement.setAttribute('data-alerted', String(message)); };</script>"
)


def probed(index: Path, body_probe: str = "") -> Path:
    """A copy of the page beside it (relative links still resolve) with `window.alert` recorded, and
    `body_probe` run at the end of the body (the page's own scripts come before it)."""
    html = index.read_text(encoding="utf-8").replace("<head>", "<head>" + ALERT_PROBE, 1)
    end = html.rindex("</body>")  # the last one: the inlined libraries hold the string too
    probe = index.with_name("probe.html")
    probe.write_text(html[:end] + body_probe + html[end:], encoding="utf-8")
    return probe


TREND = "chart-trend_vehicle_operation"

# Once the charts are drawn: click the first department of the trend's legend, then (after Vega has
# run) record {department: opacity of its line segments}; then choose the second department in the
# chart's 部门 menu and record which departments still have lines.
INTERACTION_PROBE = """<script>
(function () {
  var TREND = "TREND_ID";
  var root = document.documentElement;
  function lines() {
    var seen = {};
    document.getElementById(TREND).querySelectorAll("g.lines_marks line").forEach(function (line) {
      var name = /部门: ([^;]+)$/.exec(line.getAttribute("aria-label") || "");
      if (name) { seen[name[1]] = line.getAttribute("opacity"); }
    });
    return seen;
  }
  function probe() {
    if (root.getAttribute("data-charts-rendered") === null) { setTimeout(probe, 50); return; }
    var chart = document.getElementById(TREND);
    var label = chart.querySelector(".role-legend-label text");
    root.setAttribute("data-legend-clicked", label ? label.textContent : "");
    if (!label) { return; }
    label.dispatchEvent(new MouseEvent("click", {bubbles: true, cancelable: true, view: window}));
    setTimeout(function () {
      root.setAttribute("data-line-opacity", JSON.stringify(lines()));
      var menu = chart.querySelector(".vega-bindings select");
      if (!menu) { root.setAttribute("data-menu", "none"); return; }
      menu.value = menu.options[2].value;
      menu.dispatchEvent(new Event("change", {bubbles: true}));
      menu.dispatchEvent(new Event("input", {bubbles: true}));
      setTimeout(function () {
        root.setAttribute("data-menu", menu.value);
        root.setAttribute("data-lines-left", JSON.stringify(Object.keys(lines()).sort()));
      }, 300);
    }, 300);
  }
  probe();
})();
</script>""".replace("TREND_ID", TREND)


@pytest.fixture(scope="module")
def samples_dom(samples_report: ReportResult, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The samples' report after Chromium ran it offline, with the interaction probe."""
    page = probed(samples_report.index, INTERACTION_PROBE)
    try:
        return chromium(page, tmp_path_factory.mktemp("profile"), "--dump-dom")
    finally:
        page.unlink()


def test_the_alert_probe_sees_a_script_that_runs(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    page.write_text("<!DOCTYPE html><html><head></head><body><script>alert('ran')</script></body></html>")
    dom = chromium(probed(page), tmp_path / "profile", "--dump-dom")
    assert html_attribute(dom, "data-alerted") == "ran"


def test_every_chart_renders_offline(samples_report: ReportResult, samples_dom: str) -> None:
    charts = len(samples_report.charts) // 2
    assert charts > 0
    dom = samples_dom
    assert html_attribute(dom, "data-charts-expected") == str(charts)
    assert html_attribute(dom, "data-charts-rendered") == str(charts), html_attribute(
        dom, "data-charts-failed"
    )
    assert html_attribute(dom, "data-charts-failed") == "0"
    rendered = re.findall(r'<div class="chart-body [^"]*rendered[^"]*" id="chart-([\w-]+)"', dom)
    assert sorted(rendered) == sorted({p.stem for p in samples_report.charts})
    assert dom.count('class="marks"') >= charts  # each chart drew an SVG


def test_a_planted_script_is_shown_as_text_and_never_runs(planted_db: Path, tmp_path: Path) -> None:
    result = build_report(planted_db, tmp_path / "reports", today=DAY)
    dom = chromium(probed(result.index), tmp_path / "profile", "--dump-dom")
    assert html_attribute(dom, "data-alerted") is None
    assert html_attribute(dom, "data-charts-rendered") == html_attribute(dom, "data-charts-expected")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom  # shown as text
    assert PLANTED not in dom  # never became an element


def test_clicking_a_department_in_the_legend_dims_the_other_lines(samples_dom: str) -> None:
    clicked = html_attribute(samples_dom, "data-legend-clicked")
    assert clicked, "the trend chart has no legend entry to click"
    opacity = json.loads(html.unescape(str(html_attribute(samples_dom, "data-line-opacity"))))
    assert len(opacity) >= 2 and opacity[clicked] == "1"
    assert {name: value for name, value in opacity.items() if name != clicked} == {
        name: "0.15" for name in opacity if name != clicked
    }


def test_the_department_menu_shows_one_department_alone(samples_dom: str) -> None:
    chosen = html_attribute(samples_dom, "data-menu")
    assert chosen and chosen not in ("none", "全部")
    left = json.loads(html.unescape(str(html_attribute(samples_dom, "data-lines-left"))))
    assert left == [chosen]
