"""Check messages in Chinese: each kind of check, its English message (as validate and extract write
it) and the Chinese sentence the report shows, side by side; then the report's data-quality section on
the samples: the same failed checks as `analytics check`, every message translated."""

from __future__ import annotations

import csv
import re
from decimal import Decimal
from pathlib import Path

import pytest

from analytics.analysis import checks
from analytics.load import open_store
from analytics.report import ReportResult
from analytics.report.messages import check_message_zh, check_name_zh

CASES = [
    (
        {"check_name": "sum:three_public_total", "metric": "three_public_total", "check_year": 2023,
         "expected": Decimal("-2.2"), "actual": Decimal("-1.2"),
         "message": "three_public_total 2023 final change against the prior year: the parts overseas_travel 0 + "
                    "vehicle_purchase 0 + vehicle_operation -1.74 + reception -0.46 add up to -2.20, but the "
                    "document states -1.20 (difference 1.00)"},
        "“三公”经费（2023年决算数比上年增减额）：各分项（因公出国(境)费 0 + 公务用车购置费 0 + 公务用车运行维护费 -1.74 + "
        "公务接待费 -0.46）之和为 -2.20，文档所列合计为 -1.20，相差 1.00。",
    ),
    (
        {"check_name": "sum:vehicle_total", "metric": "vehicle_total", "check_year": 2018,
         "expected": Decimal("20"), "actual": Decimal("21"),
         "message": "vehicle_total 2018 budget derived amount: the parts vehicle_purchase 0 + vehicle_operation 20 "
                    "add up to 20, but the document states 21 (difference 1)"},
        "公务用车购置及运行费（2018年预算数推算）：各分项（公务用车购置费 0 + 公务用车运行维护费 20）之和为 20，"
        "文档所列合计为 21，相差 1。",
    ),
    (
        {"check_name": "repeated:reception", "metric": "reception", "check_year": 2019,
         "message": "reception 2019 budget amount is stated as 1.65 (“接待费1.65万元。”) and as 2.55 (“接待费 | 2.55”)"},
        "公务接待费（2019年预算数）在文档中出现两次，数值不同：1.65（“接待费1.65万元。”）与 2.55（“接待费 | 2.55”）。",
    ),
    (
        {"check_name": "sum:activity:科学技术普及", "expected": Decimal("68.0000"), "actual": Decimal("72.0000"),
         "message": "sub-activities of '科学技术普及' (开展科普活动, 科普能力建设) add up to 68.00; the activity's "
                    "budget is 72.00 (mismatch)"},
        "绩效目标“科学技术普及”的下级活动（开展科普活动、科普能力建设）预算合计 68 万元，与该活动的预算 72 万元不一致。",
    ),
    (
        {"check_name": "sum:activities:expenditure_project", "expected": Decimal("150"), "actual": Decimal("160"),
         "message": "the activities of the performance goals (科学技术普及, 综合事务管理) add up to 150; 项目支出 is 160 "
                    "(mismatch)"},
        "绩效目标各项活动（科学技术普及、综合事务管理）的预算合计 150 万元，与项目支出 160 万元不一致。",
    ),
    (
        {"check_name": "sum:budget_line", "expected": Decimal("19"), "actual": Decimal("20"),
         "message": "line 2060702 科普活动 2017 budget: 基本支出 0 + 项目支出 19 = 19, but 合计 is 20"},
        "科目 2060702 科普活动（2017年预算）：基本支出与项目支出之和为 19，合计栏所列为 20。",
    ),
    (
        {"check_name": "sum:budget_line_children", "expected": Decimal("100"), "actual": Decimal("101"),
         "message": "line 20607 科学技术普及 2017 budget: its lines (2060702 19, 2060799 81) add up to 100, but it "
                    "states 101"},
        "科目 20607 科学技术普及（2017年预算）：下一级科目合计 100，本科目所列为 101。",
    ),
    (
        {"check_name": "duplicate_row:performance_goals",
         "message": "indicator '完成率' of activity '综合事务管理' is printed twice with the same thresholds (rows 25 "
                    "and 26 of the goals); both are kept"},
        "绩效指标“完成率”（活动“综合事务管理”）以相同的评价标准重复出现（第 25 行和第 26 行），两行都保留。",
    ),
    (
        {"check_name": "mixed_units:performance_goals",
         "message": "indicator '开展次数' mixes thresholds with and without '%' (≥10 / ≥5% / ≤4); kept as printed"},
        "绩效指标“开展次数”的评价标准有的带“%”、有的不带（≥10 / ≥5% / ≤4），按原样保留。",
    ),
    (
        {"check_name": "metadata:year",
         "message": "/corpus/a.txt: could not tell the document's year from its title, text or file name"},
        "无法从标题、正文或文件名判断文档的年度。",
    ),
    (
        {"check_name": "no_figures",
         "message": "a.txt: no figure found. Recognised: year 2019, kind budget; not recognised: department, region. "
                    "The text has 1 paragraph and no table; no paragraph names a metric (三公经费, 收入合计, 基本支出…)."},
        "没有读出任何数字。认出：年度 2019，类型（预算或决算） 预算；未认出：部门、地区。文本有 1 段、0 个表格；"
        "没有一段提到指标（三公经费、收入合计、基本支出…）。",
    ),
    (
        {"check_name": "unit:assumed",
         "message": "table 3 declares no unit and no other figure of the document bears on its amounts: they are "
                    "taken as 万元 (unit_found is NULL)"},
        "第 3 个表格没有标明单位，文档中也没有其他数字可以核对，表中金额按万元计（unit_found 为空）。",
    ),
    (
        {"check_name": "scale:reception", "metric": "reception",
         "message": "reception 2019 budget = 25500 万元 (table 4, without a unit, read as 万元) is out of scale with "
                    "the document's other figures: reception 25500 is about 10,000 times reception 2.55 (“公务接待费"
                    "2.55万元。”); a unit misread, so the figure is left out"},
        "公务接待费（2019年预算数）25500 万元（第 4 个表格，未标单位，按万元读）与文档中其他数字的量级不符："
        "公务接待费 25500 是 公务接待费 2.55（“公务接待费2.55万元。”）的约 10,000 倍；可能是单位读错，该数未计入。",
    ),
    (
        {"check_name": "table:unread",
         "message": "table 2 (部门收支总表) is the standard table income_expenditure_summary and prints amounts, but "
                    "none was read from it"},
        "第 2 个表格（部门收支总表）是标准表 income_expenditure_summary，印有金额，但没有读出任何数字。",
    ),
    (
        {"check_name": "table:loose_row", "quote": "9.00 | 6.00 | 6.00 | 3.00",
         "message": "table 1 (“三公”经费支出决算表): a row printed without its empty cells, so that its figures' "
                    "columns are unknown, was read only where the table's sums allow one column: "
                    "9.00 | 6.00 | 6.00 | 3.00 (1 of 4 not read)"},
        "第 1 个表格（“三公”经费支出决算表）有一行数字在转成文本时丢了空单元格，各数所在的列不明；只读出表内合计关系能唯一定位的"
        "数字，1 个数字未读出（“9.00 | 6.00 | 6.00 | 3.00”）。",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("row", "chinese"), CASES, ids=[str(row["check_name"]) for row, _ in CASES])
def test_each_kind_of_check_reads_in_chinese(row: dict[str, object], chinese: str) -> None:
    assert check_message_zh(row) == chinese


def test_a_message_in_another_shape_still_gives_the_numbers() -> None:
    row = {"check_name": "sum:reception", "metric": "reception", "check_year": 2020,
           "expected": Decimal("3.0000"), "actual": Decimal("3.5000"), "message": "reception: parts 3, stated 3.5"}  # fmt: skip
    assert check_message_zh(row) == "公务接待费（2020年）：各分项之和为 3，文档所列合计为 3.5。"


def test_check_names_in_chinese() -> None:
    assert check_name_zh("repeated:reception") == "同一数字前后不一：公务接待费"
    assert check_name_zh("sum:activity:科学技术普及") == "绩效活动与下级活动：科学技术普及"
    assert check_name_zh("no_figures") == "没有读出数字"


def test_the_quality_section_lists_what_analytics_check_lists_in_chinese(
    samples_db: Path, samples_report: ReportResult
) -> None:
    with open_store(samples_db, read_only=True) as db:
        listed = db.connection.sql(
            "select check_name from failed_checks"
        ).fetchall()  # what `analytics check` prints
        failed = checks(db, failed_only=True)
    assert len(listed) == failed.height > 0
    table = samples_report.folder / "tables" / "failed_checks.csv"
    rows = list(csv.DictReader(table.read_text(encoding="utf-8-sig").splitlines()))
    assert sorted(r["check_name"] for r in rows) == sorted(name for (name,) in listed)
    errors = sum(r["severity"] == "错误" for r in rows)
    html = samples_report.index.read_text(encoding="utf-8")
    assert f"未通过的检查 {len(rows)} 项（错误 {errors} 项、警告 {len(rows) - errors} 项）" in html
    for row in rows:
        assert re.search(r"[\u4e00-\u9fff]", row["message"]) and row["message_en"]
        assert "英文说明" not in row["message"], row  # every check of the samples has its sentence
        assert row["message"] in html
        assert row["message_en"] not in html  # the English original is in the CSV only
