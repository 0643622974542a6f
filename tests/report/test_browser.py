"""The page in a real browser, offline: headless Chromium with every network request blocked.

The page's script sets `data-charts-rendered="N"` on <html> once vega-embed has settled for all N
charts; Chromium's `--dump-dom` prints the DOM after the scripts ran (`--virtual-time-budget` lets
the page's timers and promises finish first). A probe copy of the page replaces `window.alert` to
record any call, so that a planted `<script>alert(1)</script>` that ran would show.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from analytics.report import ReportResult, build_report
from tests.report.conftest import DAY, PLANTED

CHROMIUM = next(
    (path for name in ("chromium", "chromium-browser", "google-chrome") if (path := shutil.which(name))), None
)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (the Makefile's test system packages bring it)"
)

OFFLINE_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND",  # no name resolves
    "--proxy-server=127.0.0.1:9",  # and every connection goes to the discard port
)

ALERT_PROBE = (
    "<script>window.alert = function (message) {"
    " document.documentElement.setAttribute('data-alerted', String(message)); };</script>"
)


def chromium(page: Path, profile: Path, *extra: str) -> str:
    """Run headless Chromium offline on `page`; returns its stdout (the DOM with --dump-dom)."""
    assert CHROMIUM is not None
    command = [CHROMIUM, *OFFLINE_FLAGS, f"--user-data-dir={profile}", "--virtual-time-budget=30000", *extra]
    done = subprocess.run([*command, page.as_uri()], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def probed(index: Path) -> Path:
    """A copy of the page beside it (relative links still resolve) with `window.alert` recorded."""
    html = index.read_text(encoding="utf-8")
    probe = index.with_name("probe.html")
    probe.write_text(html.replace("<head>", "<head>" + ALERT_PROBE, 1), encoding="utf-8")
    return probe


def html_attribute(dom: str, name: str) -> str | None:
    root = re.search(r"<html[^>]*>", dom)
    assert root is not None, dom[:500]
    value = re.search(rf'\s{name}="([^"]*)"', root.group(0))
    return value.group(1) if value else None


def test_the_alert_probe_sees_a_script_that_runs(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    page.write_text("<!DOCTYPE html><html><head></head><body><script>alert('ran')</script></body></html>")
    dom = chromium(probed(page), tmp_path / "profile", "--dump-dom")
    assert html_attribute(dom, "data-alerted") == "ran"


def test_every_chart_renders_offline(samples_report: ReportResult, tmp_path: Path) -> None:
    charts = len(samples_report.charts) // 2
    assert charts > 0
    dom = chromium(samples_report.index, tmp_path / "profile", "--dump-dom")
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
