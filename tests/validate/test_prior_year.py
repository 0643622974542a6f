"""Across documents: the prior-year amount a stated change implies agrees with the prior year's own
document (the `prior_year_checks` view, whose mismatches are in `failed_checks`)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import analytics
from analytics.load import open_store

SEED = Path(__file__).parents[2] / "data" / "samples" / "langfang_kexie_2017_budget.txt"

# A 2016 budget of the same department. The seed says 2017's 基本支出 281.61 is 68.65 more than 2016,
# i.e. 212.96; this document states 212.96 (agrees) and 项目支出 270.00 where the seed implies 269.00.
PRIOR = """廊坊市科学技术协会
2016年部门预算公开情况说明
二、部门预算安排的总体情况
2016年支出预算482.96万元,其中基本支出212.96万元;项目支出270.00万元。
"""


def test_prior_year_amounts_are_checked_against_the_prior_document(tmp_path: Path) -> None:
    prior = tmp_path / "kexie_2016_budget.txt"
    prior.write_text(PRIOR, encoding="utf-8")
    db = tmp_path / "db.duckdb"
    report = analytics.ingest([SEED, prior], db=db, jobs=1)
    assert report.errors == []
    with open_store(db, read_only=True) as store:
        rows = store.query(
            "select check_name, passed, severity, expected, actual from prior_year_checks order by 1"
        ).rows
        failed = store.query(
            """select check_name, severity, message from failed_checks where check_name like 'prior_year:%' order by 1"""
        ).rows
    assert rows == [
        ("prior_year:expenditure_basic", True, "info", Decimal("212.96"), Decimal("212.96")),
        ("prior_year:expenditure_project", False, "warning", Decimal("269.00"), Decimal("270.00")),
        ("prior_year:expenditure_total", False, "warning", Decimal("481.96"), Decimal("482.96")),
    ]
    assert [(c, s) for c, s, _ in failed] == [
        ("prior_year:expenditure_project", "warning"),
        ("prior_year:expenditure_total", "warning"),
    ]
    assert "kexie_2016_budget.txt) states 270.0000" in failed[0][2]
