"""`build_report` end to end: the files it writes, determinism, selection, escaping, and failures."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import re
import subprocess
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

import analytics
from analytics import DatabaseError
from analytics.load import open_store
from analytics.report import ReportConfig, ReportError, ReportResult, Selection, build_report
from tests.report.conftest import DAY, EXAMPLE_CONFIG, PLANTED

DATE_LINE = re.compile(r'<p class="date-line" id="report-date">生成日期：\d{4}-\d{2}-\d{2}</p>')


class Scripts(HTMLParser):
    """Collects every <script> element: its type attribute and its text."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[tuple[str | None, str]] = []
        self._type: str | None = None
        self._in_script = False
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self._in_script, self._type, self._text = True, dict(attrs).get("type"), []

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._in_script:
            self.scripts.append((self._type, "".join(self._text)))
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self._text.append(data)


def scripts_of(html: str) -> list[tuple[str | None, str]]:
    parser = Scripts()
    parser.feed(html)
    return parser.scripts


def test_the_dated_folder_holds_the_page_charts_and_tables(samples_report: ReportResult) -> None:
    folder = samples_report.folder
    assert folder.name == "2026-11-25"
    assert samples_report.index == folder / "index.html"
    assert os.readlink(folder.parent / "latest") == "2026-11-25"
    assert (folder.parent / "latest.txt").read_text(encoding="utf-8") == "2026-11-25\n"
    assert samples_report.sections == (
        "coverage", "three_public", "vehicle_reform", "science", "execution", "changes", "quality",
    )  # fmt: skip
    assert samples_report.documents > 50
    for path in samples_report.files:
        assert path.is_file() and path.stat().st_size > 0, path
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()) == sorted(
        p.relative_to(folder).as_posix() for p in samples_report.files
    )
    for chart in samples_report.charts:
        if chart.suffix == ".png":
            assert chart.read_bytes().startswith(b"\x89PNG")
        else:
            assert chart.read_text(encoding="utf-8").startswith("<svg")


def test_every_chart_has_a_png_an_svg_a_spec_block_and_a_static_image(samples_report: ReportResult) -> None:
    html = samples_report.index.read_text(encoding="utf-8")
    stems = sorted({p.stem for p in samples_report.charts})
    assert [p.suffix for p in samples_report.charts] == [".png", ".svg"] * len(stems)
    specs = re.findall(
        r'<script type="application/json" class="vega-spec" data-target="chart-([\w-]+)">', html
    )
    assert sorted(specs) == stems
    assert (
        len([kind for kind, _ in scripts_of(html) if kind == "application/json"]) == len(stems) + 1
    )  # + options
    assert f'data-charts-expected="{len(stems)}"' in html
    for stem in stems:
        assert f'id="chart-{stem}"><img class="static"' in html
        assert f'href="charts/{stem}.png"' in html and f'href="charts/{stem}.svg"' in html


def test_the_page_needs_no_network(samples_report: ReportResult) -> None:
    html = samples_report.index.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=", html)
    assert not re.search(r"<link[^>]+href=", html)
    assert "cdn.jsdelivr" not in html and "unpkg.com" not in html
    assert (
        '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif'
        in html
    )


def test_tables_are_written_in_full_as_csv_with_a_bom(samples_report: ReportResult) -> None:
    by_name = {p.stem: p for p in samples_report.tables}
    assert {
        "coverage_by_year",
        "coverage_by_department",
        "documents",
        "failed_checks",
        "failed_documents",
    } <= set(by_name)
    raw = by_name["documents"].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert {"department", "year", "kind", "title", "source_path"} <= set(rows[0])
    assert any(r["title"] == "廊坊市科学技术协会2017年部门预算公开情况说明" for r in rows)


def test_coverage_counts_documents_per_year_and_kind(seed_db: Path, tmp_path: Path) -> None:
    result = build_report(seed_db, tmp_path, today=DAY)
    by_year = (result.folder / "tables" / "coverage_by_year.csv").read_text(encoding="utf-8-sig")
    assert by_year == "year,budget,final,total\n2017,1,0,1\n"
    html = result.index.read_text(encoding="utf-8")
    assert "本报告涵盖 1 份公开（预算 1 份、决算 0 份），来自 1 个部门。" in html


def test_coverage_counts_a_disclosure_in_several_files_once(tmp_path: Path) -> None:
    # The seed as a .txt and the same text under another name with one more byte: two files, one
    # disclosure (廊坊市科学技术协会, 2017, budget).
    seed = Path(__file__).parents[2] / "data" / "samples" / "langfang_kexie_2017_budget.txt"
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(seed.read_bytes())
    (folder / "b.txt").write_bytes(seed.read_bytes() + b"\n")
    db = tmp_path / "db.duckdb"
    analytics.ingest([folder], db=db, jobs=1)
    result = build_report(db, tmp_path / "out", today=DAY)
    by_year = (result.folder / "tables" / "coverage_by_year.csv").read_text(encoding="utf-8-sig")
    assert by_year == "year,budget,final,total\n2017,1,0,1\n"
    html = result.index.read_text(encoding="utf-8")
    assert "本报告涵盖 1 份公开（预算 1 份、决算 0 份；共 2 个文件，同一公开的多种格式按一份计）" in html


def test_two_runs_give_the_same_page_apart_from_the_date_line(
    samples_db: Path, samples_report: ReportResult, tmp_path: Path
) -> None:
    again = build_report(samples_db, tmp_path, today=dt.date(2026, 12, 2))
    differ = [
        path.name
        for path in samples_report.files[1:]
        if (again.folder / path.relative_to(samples_report.folder)).read_bytes() != path.read_bytes()
    ]
    assert differ == []
    first = samples_report.index.read_text(encoding="utf-8")
    second = again.index.read_text(encoding="utf-8")
    assert len(DATE_LINE.findall(first)) == 1
    assert first != second
    assert DATE_LINE.sub("DATE", first) == DATE_LINE.sub("DATE", second)


def test_a_second_run_the_same_day_replaces_that_days_folder(seed_db: Path, tmp_path: Path) -> None:
    first = build_report(seed_db, tmp_path, today=DAY)
    (first.folder / "left-over.txt").write_text("x", encoding="utf-8")
    second = build_report(seed_db, tmp_path, today=DAY)
    assert (first.replaced, second.replaced) == (False, True)
    assert not (second.folder / "left-over.txt").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2026-11-25", "latest", "latest.txt"]


def test_text_from_documents_is_escaped(planted_db: Path, tmp_path: Path) -> None:
    result = build_report(planted_db, tmp_path, today=DAY)
    html = result.index.read_text(encoding="utf-8")
    assert PLANTED not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "廊坊市科学技术协会2018年部门预算&lt;script&gt;alert(1)&lt;/script&gt;" in html  # the title
    assert "&lt;script&gt;alert(1)&lt;/script&gt;车辆减少" in html  # a stated reason, in the largest changes
    for kind, text in scripts_of(html):
        assert "alert(1)" not in text or kind == "application/json", (
            "an executable script holds the planted text"
        )
        assert PLANTED not in text
    csv_text = (result.folder / "tables" / "documents.csv").read_text(encoding="utf-8-sig")
    assert PLANTED in csv_text  # data files keep the text as it is


def test_a_config_selects_what_the_report_covers(samples_db: Path, tmp_path: Path) -> None:
    config = ReportConfig(
        title="科协",
        selection=Selection(department_types=("科协",), years=(2016, 2017, 2018)),
        sections=("coverage", "quality"),
    )
    result = build_report(samples_db, tmp_path, config, today=DAY)
    rows = list(
        csv.DictReader(
            (result.folder / "tables" / "documents.csv").read_text(encoding="utf-8-sig").splitlines()
        )
    )
    assert rows and {r["department"] for r in rows} == {"廊坊市科学技术协会"}
    assert {r["year"] for r in rows} <= {"2016", "2017", "2018"}
    html = result.index.read_text(encoding="utf-8")
    assert "<title>科协</title>" in html
    assert "<dt>部门类型</dt><dd>科协</dd>" in html and "<dt>年份</dt><dd>2016–2018</dd>" in html


def test_the_example_config_file_can_be_passed_by_path(seed_db: Path, tmp_path: Path) -> None:
    result = build_report(seed_db, tmp_path, EXAMPLE_CONFIG, today=DAY)
    assert "<title>廊坊市市直部门预算与决算趋势</title>" in result.index.read_text(encoding="utf-8")


def test_a_selection_matching_nothing_is_an_error(seed_db: Path, tmp_path: Path) -> None:
    config = ReportConfig(selection=Selection(regions=("北京市",)))
    with pytest.raises(ReportError, match="the config's selection matches no document"):
        build_report(seed_db, tmp_path / "out", config, today=DAY)
    assert not (tmp_path / "out").exists()


def test_a_missing_database_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="no database here"):
        build_report(tmp_path / "missing.duckdb", tmp_path / "out", today=DAY)


def test_an_empty_database_is_an_error(tmp_path: Path) -> None:
    open_store(tmp_path / "empty.duckdb").close()
    with pytest.raises(ReportError, match="the database holds no documents; ingest some first"):
        build_report(tmp_path / "empty.duckdb", tmp_path / "out", today=DAY)
    assert not (tmp_path / "out").exists()


def test_a_database_being_written_is_an_error_that_says_so(
    seed_db: Path, tmp_path: Path, hold_database: Callable[..., subprocess.Popen[str]]
) -> None:
    copy = tmp_path / "busy.duckdb"
    copy.write_bytes(seed_db.read_bytes())
    holder = hold_database(copy)
    with pytest.raises(DatabaseError) as caught:
        build_report(copy, tmp_path / "out", today=DAY)
    assert f"the database is in use by another process (pid {holder.pid})" in str(caught.value)
    assert not (tmp_path / "out").exists()


CHARTS = {
    "trend_three_public_total",
    "trend_vehicle_operation",
    "three_public_composition",
    "reform_vehicle_operation",
    "reform_expenditure_personnel",
    "science_funding",
    "science_shift",
    "science_subcodes",
    "execution_expenditure_total",
}


def test_every_section_has_its_charts_and_tables_on_the_samples(samples_report: ReportResult) -> None:
    assert {p.stem for p in samples_report.charts} == CHARTS
    assert {p.stem for p in samples_report.tables} == {
        "coverage_by_year", "coverage_by_department", "panel_left_out", "documents",
        "three_public_trend", "three_public_composition",
        "reform_pooled", "reform_did", "reform_years", "reform_left_out",
        "science_funding", "science_shift",
        "execution",
        "largest_changes",
        "failed_checks", "failed_documents",
    }  # fmt: skip
    html = samples_report.index.read_text(encoding="utf-8")
    assert html.count('class="empty"') == 0
    for key in samples_report.sections:
        assert f'<section id="{key}">' in html and f'<li><a href="#{key}">' in html


def test_trends_say_which_fixed_panel_they_use(samples_report: ReportResult) -> None:
    html = samples_report.index.read_text(encoding="utf-8")
    sentence = re.search(
        r"(\d+) 个部门在 (\d{4})–(\d{4}) 年每年都有“三公”经费决算数据（固定面板），(\d+) 个部门", html
    )
    assert sentence is not None
    kept, left_out = int(sentence.group(1)), int(sentence.group(4))
    assert kept >= 2 and kept + left_out <= 7  # of the samples' seven departments, those with figures
    left = list(csv.DictReader(_csv(samples_report, "panel_left_out")))
    assert len(left) == left_out and all(r["years_missing"] for r in left)


def test_largest_changes_carry_the_stated_reasons(samples_report: ReportResult) -> None:
    rows = list(csv.DictReader(_csv(samples_report, "largest_changes")))
    assert len(rows) == 20
    sizes = [abs(float(r["change"])) for r in rows]
    assert sizes == sorted(sizes, reverse=True)
    with_reason = [r for r in rows if r["reason"]]
    assert with_reason and all(r["reason"] in r["reason_quote"] for r in with_reason)


def test_data_quality_lists_the_file_that_could_not_be_read(samples_report: ReportResult) -> None:
    rows = list(csv.DictReader(_csv(samples_report, "failed_documents")))
    assert [Path(r["source_path"]).name for r in rows] == ["broken_2019_budget.docx"]
    assert rows[0]["status"] == "失败" and rows[0]["error"]
    html = samples_report.index.read_text(encoding="utf-8")
    assert "<td>broken_2019_budget.docx</td>" in html  # the page shows file names, the CSV full paths


def _csv(result: ReportResult, name: str) -> list[str]:
    return (result.folder / "tables" / f"{name}.csv").read_text(encoding="utf-8-sig").splitlines()


def test_a_database_of_unreadable_files_only_is_an_error(tmp_path: Path) -> None:
    with open_store(tmp_path / "broken.duckdb") as store:
        store.record_error("/corpus/broken.docx", "read failed for /corpus/broken.docx: not a zip file")
    with pytest.raises(ReportError, match="no document could be read: every document has status 'error'"):
        build_report(tmp_path / "broken.duckdb", tmp_path / "out", today=DAY)


def test_selected_metrics_narrow_the_metric_sections(samples_db: Path, tmp_path: Path) -> None:
    config = ReportConfig(
        selection=Selection(metrics=("expenditure_project",)),
        sections=("three_public", "execution", "changes"),
    )
    result = build_report(samples_db, tmp_path, config, today=DAY)
    html = result.index.read_text(encoding="utf-8")
    assert "配置所选的指标中没有“三公”经费指标。" in html
    assert {p.stem for p in result.charts} == {"execution_expenditure_project"}
    for name in ("execution", "largest_changes"):
        rows = list(csv.DictReader(_csv(result, name)))
        column = "name_zh" if name == "execution" else "metric"
        assert rows and {r[column] for r in rows} == {"项目支出"}


def test_titles_repeated_by_a_web_page_are_shown_once(samples_report: ReportResult) -> None:
    """A web page's <title> and heading run together ("X部门预算公开X部门预算公开") are said once."""
    rows = list(csv.DictReader(_csv(samples_report, "documents")))
    titles = [r["title"] for r in rows if r["title"]]
    assert titles and not [t for t in titles if re.fullmatch(r"(.{6,})\s*\1", t)]


def test_execution_explains_the_cells_without_a_rate(samples_report: ReportResult) -> None:
    rows = list(csv.DictReader(_csv(samples_report, "execution")))
    zero = [r for r in rows if r["note"] == "预算为0，无法计算执行率"]
    # 审计局 states no "三公" spending from 2021: budgets of 0 cannot give a rate, and the table says so
    assert zero and all(float(r["budget"]) == 0 and r["rate_pct"] == "" for r in zero)
    assert all(r["rate_pct"] for r in rows if not r["note"].startswith("预算为0"))
    html = samples_report.index.read_text(encoding="utf-8")
    assert f"另有 {len(zero)} 组预算为 0，无法计算执行率" in html
    assert "灰格没有执行率" in html


def _chart_spec(result: ReportResult, name: str) -> dict[str, object]:
    html = result.index.read_text(encoding="utf-8")
    block = re.search(rf'data-target="chart-{name}">(.*?)</script>', html, re.DOTALL)
    assert block is not None, name
    spec: dict[str, object] = json.loads(block.group(1))
    return spec


def test_the_science_chart_shows_funding_with_its_base_and_its_gaps(samples_report: ReportResult) -> None:
    """Read from the page: every department's 20607 funding in 万元, its share of total spending (never
    100 % by construction, as the share of project spending is for a 科协), and a gap, marked, for
    every year without lines inside a department's span; nothing bridged."""
    spec = _chart_spec(samples_report, "science_funding")
    rows = spec["datasets"][spec["data"]["name"]]  # type: ignore[index]
    values = [r for r in rows if r["_row"] == "value"]
    assert values and spec["resolve"] == {"scale": {"y": "independent"}}
    departments = {r["department"] for r in values}
    for department in departments:
        own = sorted((r for r in values if r["department"] == department), key=lambda r: r["year"])
        shares = {round(r["share_of_total_pct"], 6) for r in own if r["share_of_total_pct"] is not None}
        assert shares and shares != {100.0}, department
        years = [r["year"] for r in own]
        assert years == list(range(years[0], years[-1] + 1))  # every year of the span is there
        for r in own:  # a year without funding is a null (the line breaks) with a × where it would pass
            assert (r["science_total"] is None) == (r["gap_value"] is not None), (department, r["year"])
    notes = [r["note"] for r in rows if r["_row"] == "note"]
    assert len(notes) == len(departments) and all("占本部门本年支出合计" in n for n in notes)
    table = list(csv.DictReader(_csv(samples_report, "science_funding")))
    assert {"share_of_total_pct", "expenditure_total", "share_of_project_pct"} <= set(table[0])
