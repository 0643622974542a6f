"""The data-quality section lists the hand corrections in force (and those not applied, with why)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

import analytics
from analytics.load import open_store
from analytics.load.corrections import add_correction
from analytics.report import build_report
from analytics.report.config import ReportConfig

# My own words: the text prints 1.65 where the parts of the total need 2.55.
AUDIT_2019 = (
    "廊坊市审计局2019年部门预算公开情况说明\n"
    "四、“三公”经费预算情况\n"
    "2019年“三公”经费财政拨款预算17.79万元，其中：因公出国（境）费0万元，"
    "公务用车购置及运行费15.24万元，公务接待费1.65万元。\n"
)


def test_the_quality_section_lists_the_corrections(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ANALYTICS_CORRECTIONS", raising=False)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "审计局2019预算.txt").write_text(AUDIT_2019, encoding="utf-8")
    db = tmp_path / "budgets.duckdb"
    analytics.ingest([corpus], db=db)
    config = ReportConfig(sections=("quality",))
    first = build_report(db, tmp_path / "before", config, today=dt.date(2024, 5, 1))
    assert not (first.folder / "tables" / "corrections.csv").exists()  # none: no table

    with open_store(db) as store:
        add_correction(store, str(corpus / "审计局2019预算.txt"), metric="reception", year=2019, kind="budget",
                       value="2.55", reason="正文与分项合计不符", author="张三")  # fmt: skip
    result = build_report(db, tmp_path / "after", config, today=dt.date(2024, 5, 1))
    rows = list(
        csv.DictReader(
            (result.folder / "tables" / "corrections.csv").read_text(encoding="utf-8-sig").splitlines()
        )
    )
    assert [
        (r["metric"], r["original_values"], r["value"], r["reason"], r["author"], r["status"]) for r in rows
    ] == [("公务接待费", "1.6500", "2.5500", "正文与分项合计不符", "张三", "已更正")]
    html = result.index.read_text(encoding="utf-8")
    assert "人工更正（生效 1 项）" in html and "正文与分项合计不符" in html
