"""Figures read from running text: each case shows the sentence and the exact facts it gives."""

from __future__ import annotations

from decimal import Decimal

import pytest

from analytics.extract.narrative import facts_from_paragraph

# sentence -> [(metric, measure, value, year, unit_found, reason)]
CASES: list[tuple[str, list[tuple[str, str, str, int, str | None, str | None]]]] = [
    (
        "2019年本部门财政拨款安排“三公”经费29万元,比上年增加0.5万元,增长1.75%。",
        [
            ("three_public_total", "amount", "29", 2019, "万元", None),
            ("three_public_total", "yoy_change", "0.5", 2019, "万元", None),
            ("three_public_total", "yoy_pct", "1.75", 2019, "%", None),
        ],
    ),
    (
        "公务接待费3.2万元,较上年下降23.89%,主要原因是严格执行接待标准。",
        [
            ("reception", "amount", "3.2", 2019, "万元", None),
            ("reception", "yoy_pct", "-23.89", 2019, "%", "严格执行接待标准"),
        ],
    ),
    (
        "因公出国(境)费0万元,与上年持平。",
        [
            ("overseas_travel", "amount", "0", 2019, "万元", None),
            ("overseas_travel", "yoy_change", "0", 2019, None, None),
        ],
    ),
    (
        "机关运行经费1,234,500元。",
        [("operating_expenses", "amount", "123.45", 2019, "元", None)],
    ),
    (
        "2019年收支总预算1.25亿元。",
        [
            ("income_grand_total", "amount", "12500", 2019, "亿元", None),
            ("expenditure_grand_total", "amount", "12500", 2019, "亿元", None),
        ],
    ),
    ("本部门2019年无“三公”经费支出。", [("three_public_total", "amount", "0", 2019, None, None)]),
    ("公务用车运行维护费略有增加。", []),  # no number, no fact
    # 'roughly flat' is no figure; a change against a year other than the prior one is not year-on-year
    (
        "“三公”经费支出预算为90万元,与2018年预算基本持平。",
        [("three_public_total", "amount", "90", 2019, "万元", None)],
    ),
    ("“三公”经费6000万元,较2017年下降2.3%。", [("three_public_total", "amount", "6000", 2019, "万元", None)]),
    # a sentence that opens with a comparison continues the previous one's subject; 减少0 is 0
    (
        "(一)因公出国(境)费支出0万元。与2018年预算相比,减少0万元,下降0%。",
        [
            ("overseas_travel", "amount", "0", 2019, "万元", None),
            ("overseas_travel", "yoy_change", "0", 2019, "万元", None),
            ("overseas_travel", "yoy_pct", "0", 2019, "%", None),
        ],
    ),
    # Years, phone numbers, legal references and counts of people are not figures; vehicles are.
    (
        "根据财预〔2016〕143号文件,联系电话0316-2345678,共有车辆3辆,编制人数12人。",
        [("vehicles_count", "amount", "3", 2019, "辆", None)],
    ),
    (
        "上年末固定资产金额为119.26万元。",
        [("fixed_assets_total", "amount", "119.26", 2018, "万元", None)],
    ),
    (
        "2019年度“三公”经费财政拨款支出决算为20万元,完成预算的80%。",
        [("three_public_total", "amount", "20", 2019, "万元", None)],
    ),
]


@pytest.mark.parametrize("sentence, expected", CASES, ids=[c[0][:18] for c in CASES])
def test_sentence(sentence: str, expected: list[tuple[str, str, str, int, str | None, str | None]]) -> None:
    facts = facts_from_paragraph(sentence, year=2019, kind="budget", section=None)
    got = [(f.metric, f.measure, f.value, f.year, f.unit_found, f.reason) for f in facts]
    assert got == [(m, ms, Decimal(v), y, u, r) for m, ms, v, y, u, r in expected]
    assert all(f.quote and f.quote in sentence for f in facts)


def test_final_words_make_a_final_figure() -> None:
    facts = facts_from_paragraph("“三公”经费支出决算为20万元。", year=2019, kind="budget", section=None)
    assert [(f.metric, f.kind) for f in facts] == [("three_public_total", "final")]


def test_reason_belongs_to_the_change_before_it_only() -> None:
    text = "支出预算100万元,较上年减少10万元,其中:基本支出增加5万元,主要为人员增加;项目支出减少15万元,主要为项目完成。"
    facts = facts_from_paragraph(text, year=2019, kind="budget", section=None)
    reasons = {(f.metric, f.measure): f.reason for f in facts}
    assert reasons == {
        ("expenditure_total", "amount"): None,
        ("expenditure_total", "yoy_change"): None,
        ("expenditure_basic", "yoy_change"): "人员增加",
        ("expenditure_project", "yoy_change"): "项目完成",
    }


def _kinds(text: str, section: str | None) -> list[tuple[str, str, Decimal, int, str]]:
    facts = facts_from_paragraph(text, year=2022, kind="budget", section=section)
    return [(f.metric, f.measure, f.value, f.year, f.kind) for f in facts]


def test_prior_year_spending_in_a_budget_document_is_final() -> None:
    text = "2022年度三公经费预算总计30万元。2021年度三公经费合计支出25万元。"
    assert _kinds(text, "一、某局2022年三公经费预算") == [
        ("three_public_total", "amount", Decimal(30), 2022, "budget"),
        ("three_public_total", "amount", Decimal(25), 2021, "final"),
    ]
    # a prior-year budget stays a budget
    assert _kinds("2021年度三公经费支出预算为25万元。", None) == [
        ("three_public_total", "amount", Decimal(25), 2021, "budget"),
    ]


def test_a_heading_with_a_year_and_a_kind_sets_the_kind_of_that_years_figures() -> None:
    section = "二、某局2021年三公经费决算情况"
    assert _kinds("2021年三公经费为25万元,其中:公务接待费5万元。", section) == [
        ("three_public_total", "amount", Decimal(25), 2021, "final"),
        ("reception", "amount", Decimal(5), 2021, "final"),
    ]
    # figures of another year keep the document's kind
    assert _kinds("2022年三公经费为30万元。", section) == [
        ("three_public_total", "amount", Decimal(30), 2022, "budget"),
    ]


def test_a_fund_name_in_a_heading_gives_no_kind() -> None:
    facts = facts_from_paragraph(
        "2019年度三公经费支出6万元。",
        year=2019,
        kind="final",
        section="二、2019年度一般公共预算财政拨款三公经费支出情况",
    )
    assert [(f.metric, f.kind) for f in facts] == [("three_public_total", "final")]


def test_ge_before_a_list_of_figures_pairs_them_with_the_joint_subject_in_order() -> None:
    text = "收、支总计各是400.00,410.00万元。与上年相比,收、支总计各减少10.00,20.00万元,各下降2.44%、4.65%。"
    facts = facts_from_paragraph(text, year=2022, kind="final", section=None)
    assert [(f.metric, f.measure, f.value) for f in facts] == [
        ("income_grand_total", "amount", Decimal("400.00")),
        ("expenditure_grand_total", "amount", Decimal("410.00")),
        ("income_grand_total", "yoy_change", Decimal("-10.00")),
        ("expenditure_grand_total", "yoy_change", Decimal("-20.00")),
        ("income_grand_total", "yoy_pct", Decimal("-2.44")),
        ("expenditure_grand_total", "yoy_pct", Decimal("-4.65")),
    ]
    # 各 before one figure: each has it
    facts = facts_from_paragraph(
        "与上年相比,收、支总计各增加5,000.00万元,增长10%。", year=2022, kind="final", section=None
    )
    assert [(f.metric, f.measure, f.value) for f in facts] == [
        ("income_grand_total", "yoy_change", Decimal("5000.00")),
        ("expenditure_grand_total", "yoy_change", Decimal("5000.00")),
        ("income_grand_total", "yoy_pct", Decimal(10)),
        ("expenditure_grand_total", "yoy_pct", Decimal(10)),
    ]


def test_revenue_and_spending_as_a_whole_is_the_subject_of_both_grand_totals() -> None:
    text = "收入支出总体与上年相比,增加5.00万元,增长10%。"
    facts = facts_from_paragraph(text, year=2022, kind="final", section=None)
    assert [(f.metric, f.measure, f.value) for f in facts] == [
        ("income_grand_total", "yoy_change", Decimal("5.00")),
        ("expenditure_grand_total", "yoy_change", Decimal("5.00")),
        ("income_grand_total", "yoy_pct", Decimal(10)),
        ("expenditure_grand_total", "yoy_pct", Decimal(10)),
    ]


def test_budget_income_lines_without_the_word_income() -> None:
    text = "2022年年初收入预算数500.00万元,其中,一般公共预算拨款450.00万元;政府性基金预算拨款0万元;国有资本经营预算拨款0万元。"
    facts = facts_from_paragraph(text, year=2022, kind="budget", section=None)
    assert [(f.metric, f.value) for f in facts] == [
        ("income_total", Decimal("500.00")),
        ("income_general_public_budget", Decimal("450.00")),
        ("income_government_fund", Decimal(0)),
        ("income_state_capital", Decimal(0)),
    ]
    # their spending is not income
    assert facts_from_paragraph("政府性基金预算拨款支出5万元。", year=2022, kind="budget", section=None) == []


def test_final_accounts_comparing_with_last_years_budget_and_final_keep_the_final() -> None:
    text = "某镇2020年三公经费决算数共计30万元,比上年预算数下降30.00%,比上年决算数下降20.00%。"
    facts = facts_from_paragraph(text, year=2020, kind="final", section=None)
    assert [(f.metric, f.measure, f.value) for f in facts] == [
        ("three_public_total", "amount", Decimal(30)),
        ("three_public_total", "yoy_pct", Decimal("-20.00")),
    ]
    # with no comparison with last year's final, last year's budget is the prior year's figure
    facts = facts_from_paragraph(
        "三公经费决算数共计30万元,比上年预算数下降30.00%。", year=2020, kind="final", section=None
    )
    assert [(f.measure, f.value) for f in facts] == [("amount", Decimal(30)), ("yoy_pct", Decimal("-30.00"))]


def test_a_change_of_the_fleet_is_not_the_fleet() -> None:
    facts = facts_from_paragraph(
        "公务用车保有量比上年减少4辆,现有公务用车3辆。", year=2020, kind="final", section=None
    )
    assert [(f.metric, f.value) for f in facts] == [("vehicles_count", Decimal(3))]
    assert facts_from_paragraph("公务用车保有量减少4辆。", year=2020, kind="final", section=None) == []
