"""Rendering: PNG and SVG with Chinese glyphs that render, byte-stable SVG, offline HTML, the themed spec,
and a clear message without fonts."""

from __future__ import annotations

import json
import re
from pathlib import Path

import altair as alt
import polars as pl
import pytest

from analytics.charts import (
    FontNotFoundError,
    cjk_font_directories,
    save,
    spec,
    stable_svg_ids,
    themed_spec,
    to_html,
    to_png,
    to_svg,
    to_svg_and_png,
)
from analytics.charts import fonts as fonts_module

PNG = b"\x89PNG\r\n\x1a\n"


def titled(text: str) -> alt.Chart:
    data = pl.DataFrame({"年度": [2015, 2016, 2017], "金额": [40.0, 20.0, 18.0]})
    return alt.Chart(data, title=text).mark_line().encode(x="年度:O", y="金额:Q")


def test_a_cjk_font_is_installed() -> None:
    """Debian: fonts-noto-cjk (the Makefile's system packages)."""
    folders = cjk_font_directories()
    assert folders, "no CJK font: apt-get install fonts-noto-cjk"


def test_png_draws_chinese_glyphs_not_boxes() -> None:
    """Missing glyphs all render as the same empty box: two different Chinese titles of the same length
    would then give identical images. With a CJK font they differ."""
    first, second = to_png(titled("公务用车运行维护费")), to_png(titled("科学技术普及支出表"))
    assert first.startswith(PNG) and second.startswith(PNG)
    assert first != second
    width = int.from_bytes(first[16:20], "big")
    assert width > 200  # scale 2


def test_svg_keeps_chinese_text_and_the_font_stack(tmp_path: Path) -> None:
    svg = to_svg(titled("公务用车运行维护费"), tmp_path / "chart.svg")
    assert svg.startswith("<svg")
    assert "公务用车运行维护费" in svg
    assert "Noto Sans CJK SC" in svg
    assert (tmp_path / "chart.svg").read_text(encoding="utf-8") == svg


def test_html_works_offline(tmp_path: Path) -> None:
    page = to_html(titled("公务用车运行维护费"), tmp_path / "chart.html", title="车辆")
    assert '<html lang="zh-CN">' in page
    assert "<title>车辆</title>" in page
    assert "公务用车运行维护费" in page
    assert not re.findall(r"<script[^>]+src=", page)  # every script inline, none from a CDN
    assert "cdn.jsdelivr" not in page and "unpkg.com" not in page
    assert "vegaEmbed" in page


def test_save_by_suffix(tmp_path: Path) -> None:
    chart = titled("“三公”经费")
    assert save(chart, tmp_path / "a" / "chart.png").read_bytes().startswith(PNG)
    spec = json.loads(save(chart, tmp_path / "chart.json").read_text(encoding="utf-8"))
    assert spec["title"] == "“三公”经费" and "Noto Sans CJK SC" in spec["config"]["font"]
    with pytest.raises(ValueError, match="cannot save"):
        save(chart, tmp_path / "chart.pdf")


def test_missing_fonts_name_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(fonts_module.FONT_DIR_ENV, str(tmp_path))  # an empty folder
    with pytest.raises(FontNotFoundError, match="fonts-noto-cjk"):
        fonts_module.cjk_font_directories()
    monkeypatch.delenv(fonts_module.FONT_DIR_ENV)
    monkeypatch.setattr(fonts_module, "SEARCH_DIRS", (str(tmp_path),))
    monkeypatch.setattr(fonts_module, "_fontconfig_dirs", lambda: [])
    monkeypatch.setattr(fonts_module, "_registered", [])
    monkeypatch.delenv("WINDIR", raising=False)
    with pytest.raises(FontNotFoundError, match="apt-get install fonts-noto-cjk"):
        fonts_module.register_cjk_fonts()


def gradient_legend(text: str) -> alt.Chart:
    """A continuous colour scale: its legend is an SVG gradient (`gradient_N`)."""
    data = pl.DataFrame({"年度": [2015, 2016, 2017], "执行率": [80.0, 100.0, 120.0]})
    return alt.Chart(data, title=text).mark_rect().encode(x="年度:O", color="执行率:Q")


def test_svg_ids_are_numbered_per_svg() -> None:
    assert stable_svg_ids(
        '<clipPath id="clip12"/><linearGradient id="gradient_7"/><g clip-path="url(#clip12)">'
        '<rect fill="url(#gradient_7)"/></g><linearGradient id="gradient_9"/><path clip-path="url(#clip3)"/>'
    ) == (
        '<clipPath id="clip0"/><linearGradient id="gradient_0"/><g clip-path="url(#clip0)">'
        '<rect fill="url(#gradient_0)"/></g><linearGradient id="gradient_1"/><path clip-path="url(#clip1)"/>'
    )


def test_the_same_chart_gives_the_same_svg_after_other_charts(tmp_path: Path) -> None:
    """vl-convert's renderer counts gradients across renders; to_svg and save(.svg) renumber them."""
    first = to_svg(gradient_legend("预算执行率"))
    assert 'id="gradient_0"' in first
    for other in ("一", "二", "三"):
        to_svg(gradient_legend(other))
    assert to_svg(gradient_legend("预算执行率")) == first
    assert save(gradient_legend("预算执行率"), tmp_path / "chart.svg").read_text(encoding="utf-8") == first


def test_svg_and_png_in_one_go_are_the_bytes_of_to_svg_and_to_png() -> None:
    chart = gradient_legend("预算执行率")
    svg, png = to_svg_and_png(chart, scale=2)
    assert svg == to_svg(chart)
    assert png == to_png(chart, scale=2)
    assert to_svg_and_png(chart, scale=1)[1] == to_png(chart, scale=1)


def test_themed_spec_is_what_save_json_writes(tmp_path: Path) -> None:
    chart = titled("“三公”经费")
    themed = themed_spec(chart)
    assert themed == json.loads(save(chart, tmp_path / "chart.json").read_text(encoding="utf-8"))
    assert "Noto Sans CJK SC" in themed["config"]["font"]
    assert "config" not in spec(chart) or spec(chart)["config"] != themed["config"]
    # a config the chart sets itself wins over the theme
    assert themed_spec(chart.configure(font="KaiTi"))["config"]["font"] == "KaiTi"
