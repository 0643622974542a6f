"""Phrasings of real disclosures, each sentence beside the exact facts it gives (year 2019)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from analytics.extract.narrative import facts_from_paragraph, prepare
from analytics.model import Kind

Row = tuple[str, str, str, int, str]  # metric, measure, value, year, kind

CASES: list[tuple[str, Kind, list[Row]]] = [
    (  # a parenthesis of parts; the change after it belongs to the label before it
        "公务用车购置及运行维护费106.50万元(其中:公务用车购置费30万元,公务用车运行维护费76.50万元),比上年减少9.30万元。",
        "budget",
        [
            ("vehicle_total", "amount", "106.50", 2019, "budget"),
            ("vehicle_total", "yoy_change", "-9.30", 2019, "budget"),
            ("vehicle_purchase", "amount", "30", 2019, "budget"),
            ("vehicle_operation", "amount", "76.50", 2019, "budget"),
        ],
    ),
    (  # against the budget: no change; the prior year's change is one
        "“三公”经费支出决算6.84万元,比年初预算减少3.16万元,比上年决算增加0.52万元,增长8.23%。",
        "final",
        [
            ("three_public_total", "amount", "6.84", 2019, "final"),
            ("three_public_total", "yoy_change", "0.52", 2019, "final"),
            ("three_public_total", "yoy_pct", "8.23", 2019, "final"),
        ],
    ),
    (  # the budget figure of final accounts
        "因公出国(境)费支出决算为35.20万元,完成预算的70.40%,年初预算为50万元。",
        "final",
        [
            ("overseas_travel", "amount", "35.20", 2019, "final"),
            ("overseas_travel", "amount", "50", 2019, "budget"),
        ],
    ),
    (  # a generic label after a specific one only qualifies it
        "“三公”经费财政拨款支出预算为44.52万元。",
        "final",
        [("three_public_total", "amount", "44.52", 2019, "budget")],
    ),
    (  # a sub-budget's expenditure is none of our metrics
        "2019年一般公共预算支出预算52,300.20万元,比上年增加3,120.20万元。",
        "budget",
        [],
    ),
    (  # the prior year's amount stated in the comparison
        "“三公”经费预算总额为1969万元,较2018年的2190万元减少221万元,下降10.1%。",
        "budget",
        [
            ("three_public_total", "amount", "1969", 2019, "budget"),
            ("three_public_total", "amount", "2190", 2018, "budget"),
            ("three_public_total", "yoy_change", "-221", 2019, "budget"),
            ("three_public_total", "yoy_pct", "-10.1", 2019, "budget"),
        ],
    ),
    (  # one amount for a list of labels
        "因公出国(境)费、公务用车购置及运行维护费、公务接待费均为0万元,与上年持平。",
        "budget",
        [
            ("overseas_travel", "amount", "0", 2019, "budget"),
            ("vehicle_total", "amount", "0", 2019, "budget"),
            ("reception", "amount", "0", 2019, "budget"),
            ("overseas_travel", "yoy_change", "0", 2019, "budget"),
            ("vehicle_total", "yoy_change", "0", 2019, "budget"),
            ("reception", "yoy_change", "0", 2019, "budget"),
        ],
    ),
    (  # both totals, then '收支' changes
        "2019年度收入总计12,486.35万元,支出总计12,486.35万元。收支较上年增加1,024.60万元。",
        "final",
        [
            ("income_grand_total", "amount", "12486.35", 2019, "final"),
            ("expenditure_grand_total", "amount", "12486.35", 2019, "final"),
            ("income_grand_total", "yoy_change", "1024.60", 2019, "final"),
            ("expenditure_grand_total", "yoy_change", "1024.60", 2019, "final"),
        ],
    ),
    (  # vehicles: the stock, not its parts; people and trips are not figures
        "无因公出国(境)人数,公务用车保有量为2辆,国内公务接待批次为520个。",
        "final",
        [("vehicles_count", "amount", "2", 2019, "final")],
    ),
    (
        "截至2018年12月31日,本部门共有车辆六十二辆,其中:一般公务用车40辆。",
        "budget",
        [("vehicles_count", "amount", "62", 2018, "budget")],
    ),
    ("本单位无公务用车。", "budget", [("vehicles_count", "amount", "0", 2019, "budget")]),
    (  # parts of procurement and threshold amounts are not figures
        "政府采购支出总额125.60万元,其中:政府采购货物支出45.60万元,单价50万元以上设备2台。",
        "final",
        [("procurement_total", "amount", "125.60", 2019, "final")],
    ),
    (  # '其中' without a label is a part we cannot name
        "收入预算总计3426.80万元,其中:100万元为结转资金。",
        "budget",
        [("income_grand_total", "amount", "3426.80", 2019, "budget")],
    ),
]


@pytest.mark.parametrize("sentence, kind, expected", CASES, ids=[c[0][:16] for c in CASES])
def test_sentence(sentence: str, kind: Kind, expected: list[Row]) -> None:
    facts = facts_from_paragraph(sentence, year=2019, kind=kind, section=None)
    got = [(f.metric, f.measure, f.value, f.year, f.kind) for f in facts]
    assert sorted(got) == sorted((m, ms, Decimal(v), y, k) for m, ms, v, y, k in expected)


def test_pdf_spaces_and_chinese_numerals() -> None:
    assert (
        prepare("2020 年度 收入总计 12,486.35 万元,增长 8.94 %") == "2020年度收入总计12,486.35万元,增长8.94%"
    )
    assert prepare("二〇一九年共有车辆三辆,出国费为零。") == "2019年共有车辆3辆,出国费为0。"
    assert prepare("栏次 1 2 3") == "栏次1 2 3"
