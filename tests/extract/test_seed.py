"""The seed disclosure (廊坊市科学技术协会 2017 budget), read and extracted end to end: every figure of
sections 二 to 七, each beside the text it comes from."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from analytics.extract import extract
from analytics.model import Extraction
from analytics.read import read_document

SEED = Path(__file__).parents[2] / "data" / "samples" / "langfang_kexie_2017_budget.txt"

# (text the figure is read from, metric, measure, value, year, unit_found, basis, method, reason)
EXPECTED = [
    # 二、1 收入说明
    (
        "2017年预算收入474.91万元",
        "income_total",
        "amount",
        "474.91",
        2017,
        "万元",
        "stated",
        "narrative",
        None,
    ),
    (
        "一般公共预算收入474.91万元",
        "income_general_public_budget",
        "amount",
        "474.91",
        2017,
        "万元",
        "stated",
        "narrative",
        None,
    ),
    ("事业收入0万元", "income_institution", "amount", "0", 2017, "万元", "stated", "narrative", None),
    ("其他收入0万元", "income_other", "amount", "0", 2017, "万元", "stated", "narrative", None),
    # 二、2 支出说明
    (
        "2017年支出预算474.91万元",
        "expenditure_total",
        "amount",
        "474.91",
        2017,
        "万元",
        "stated",
        "narrative",
        None,
    ),
    (
        "其中基本支出281.61万元",
        "expenditure_basic",
        "amount",
        "281.61",
        2017,
        "万元",
        "stated",
        "narrative",
        None,
    ),
    (
        "项目支出193.30万元",
        "expenditure_project",
        "amount",
        "193.30",
        2017,
        "万元",
        "stated",
        "narrative",
        None,
    ),
    # 二、3 比上年增减情况: one figure for income and expenditure alike
    (
        "2017年预算收支安排474.91万元",
        "income_total",
        "amount",
        "474.91",
        2017,
        "万元",
        "stated",
        "narrative",
        None,
    ),
    (
        "2017年预算收支安排474.91万元",
        "expenditure_total",
        "amount",
        "474.91",
        2017,
        "万元",
        "stated",
        "narrative",
        None,
    ),
    (
        "较2016年预算减少7.05万元",
        "income_total",
        "yoy_change",
        "-7.05",
        2017,
        "万元",
        "stated",
        "narrative",
        None,
    ),
    (
        "较2016年预算减少7.05万元",
        "expenditure_total",
        "yoy_change",
        "-7.05",
        2017,
        "万元",
        "stated",
        "narrative",
        None,
    ),
    (
        "基本支出增加68.65万元,主要为增加人员经费支出",
        "expenditure_basic",
        "yoy_change",
        "68.65",
        2017,
        "万元",
        "stated",
        "narrative",
        "增加人员经费支出",
    ),
    (
        "项目支出减少75.70万元,主要为中央、省基层科普行动计划预拨资金减少支出",
        "expenditure_project",
        "yoy_change",
        "-75.70",
        2017,
        "万元",
        "stated",
        "narrative",
        "中央、省基层科普行动计划预拨资金减少支出",
    ),
    # 三、机关运行经费
    (
        "机关运行经费共计安排50.07万元",
        "operating_expenses",
        "amount",
        "50.07",
        2017,
        "万元",
        "stated",
        "narrative",
        None,
    ),
    # 四、"三公"经费
    (
        "“三公”经费预算安排22万元",
        "three_public_total",
        "amount",
        "22",
        2017,
        "万元",
        "stated",
        "narrative",
        None,
    ),
    ("因公出国(境)费0万元", "overseas_travel", "amount", "0", 2017, "万元", "stated", "narrative", None),
    (
        "公务用车购置及运维费20.64万元",
        "vehicle_total",
        "amount",
        "20.64",
        2017,
        "万元",
        "stated",
        "narrative",
        None,
    ),
    ("公务用车购置费为0", "vehicle_purchase", "amount", "0", 2017, None, "stated", "narrative", None),
    (
        "公务用车运行费20.64万元",
        "vehicle_operation",
        "amount",
        "20.64",
        2017,
        "万元",
        "stated",
        "narrative",
        None,
    ),
    ("公务接待费1.36万元", "reception", "amount", "1.36", 2017, "万元", "stated", "narrative", None),
    (
        "公车运行经费较2016年度减少5万元,主要原因是公车改革车辆减少",
        "vehicle_operation",
        "yoy_change",
        "-5",
        2017,
        "万元",
        "stated",
        "narrative",
        "公车改革车辆减少",
    ),
    # "其他与2016年持平,无增减变化": the components without a change of their own
    (
        "其他与2016年持平,无增减变化",
        "overseas_travel",
        "yoy_change",
        "0",
        2017,
        None,
        "stated",
        "narrative",
        None,
    ),
    (
        "其他与2016年持平,无增减变化",
        "vehicle_purchase",
        "yoy_change",
        "0",
        2017,
        None,
        "stated",
        "narrative",
        None,
    ),
    ("其他与2016年持平,无增减变化", "reception", "yoy_change", "0", 2017, None, "stated", "narrative", None),
    # 六、政府采购
    ("我单位无安排政府采购预算", "procurement_total", "amount", "0", 2017, None, "stated", "narrative", None),
    # 七、国有资产: a stock at the end of 2016
    (
        "上年末固定资产金额为119.26万元",
        "fixed_assets_total",
        "amount",
        "119.26",
        2016,
        "万元",
        "stated",
        "narrative",
        None,
    ),
    (
        "资产总额 | —— | 119.26",
        "fixed_assets_total",
        "amount",
        "119.26",
        2016,
        "万元",
        "stated",
        "table",
        None,
    ),
    ("2、车辆(台、辆) | 3 | 66.19", "vehicles_count", "amount", "3", 2016, "辆", "stated", "table", None),
    (
        "2、车辆(台、辆) | 3 | 66.19",
        "vehicles_value",
        "amount",
        "66.19",
        2016,
        "万元",
        "stated",
        "table",
        None,
    ),
    (
        "4、其他固定资产 |  | 53.07",
        "fixed_assets_other",
        "amount",
        "53.07",
        2016,
        "万元",
        "stated",
        "table",
        None,
    ),
    # Derived: the 2016 amounts that the stated changes imply (2017 amount minus the change)
    (
        "较2016年预算减少7.05万元",
        "income_total",
        "amount",
        "481.96",
        2016,
        None,
        "derived",
        "narrative",
        None,
    ),
    (
        "较2016年预算减少7.05万元",
        "expenditure_total",
        "amount",
        "481.96",
        2016,
        None,
        "derived",
        "narrative",
        None,
    ),
    (
        "基本支出增加68.65万元",
        "expenditure_basic",
        "amount",
        "212.96",
        2016,
        None,
        "derived",
        "narrative",
        None,
    ),
    (
        "项目支出减少75.70万元",
        "expenditure_project",
        "amount",
        "269.00",
        2016,
        None,
        "derived",
        "narrative",
        None,
    ),
    (
        "公车运行经费较2016年度减少5万元",
        "vehicle_operation",
        "amount",
        "25.64",
        2016,
        None,
        "derived",
        "narrative",
        None,
    ),
    ("其他与2016年持平", "overseas_travel", "amount", "0", 2016, None, "derived", "narrative", None),
    ("其他与2016年持平", "vehicle_purchase", "amount", "0", 2016, None, "derived", "narrative", None),
    ("其他与2016年持平", "reception", "amount", "1.36", 2016, None, "derived", "narrative", None),
]

SECTIONS = {
    "income_total": "二、部门预算安排的总体情况",
    "operating_expenses": "三、机关运行经费安排情况",
    "three_public_total": "四、财政拨款“三公”经费预算情况及增减变化原因",
    "procurement_total": "六、政府采购预算情况",
    "vehicles_count": "七、国有资产信息",
}


@pytest.fixture(scope="module")
def seed() -> Extraction:
    return extract(read_document(SEED))


def test_metadata(seed: Extraction) -> None:
    m = seed.metadata
    assert m.title == "廊坊市科学技术协会2017年部门预算公开情况说明"
    assert (m.department, m.department_printed, m.department_type) == ("廊坊市科学技术协会",) * 2 + ("科协",)
    assert (m.region, m.province, m.year, m.kind) == ("廊坊市", "河北省", 2017, "budget")


def test_every_figure_and_nothing_else(seed: Extraction) -> None:
    got = sorted(
        (f.metric, f.measure, f.value, f.year, f.unit_found, f.basis, f.method, f.reason) for f in seed.facts
    )
    want = sorted(
        (metric, measure, Decimal(value), year, unit, basis, method, reason)
        for _, metric, measure, value, year, unit, basis, method, reason in EXPECTED
    )
    assert got == want


@pytest.mark.parametrize("quoted, metric, measure, value, year", [row[:5] for row in EXPECTED])
def test_each_figure_keeps_its_quote(
    seed: Extraction, quoted: str, metric: str, measure: str, value: str, year: int
) -> None:
    matching = [
        f
        for f in seed.facts
        if (f.metric, f.measure, f.value, f.year) == (metric, measure, Decimal(value), year)
        and quoted in f.quote
    ]
    assert matching, f"no {metric} {measure} {value} ({year}) quoting {quoted!r}"


def test_all_figures_are_budget_figures_with_sections(seed: Extraction) -> None:
    assert {f.kind for f in seed.facts} == {"budget"}
    by_metric = {f.metric: f.section for f in seed.facts if f.basis == "stated"}
    for metric, heading in SECTIONS.items():
        assert by_metric[metric] == heading


def test_glossary_and_duties_give_no_figures(seed: Extraction) -> None:
    assert not [f for f in seed.facts if f.section and ("名词解释" in f.section or "部门职责" in f.section)]
