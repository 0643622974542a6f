"""Phrasings met on a second set of real pages nobody had seen (issue #16), each written anew beside
the exact facts it gives (year 2019): vehicle line names, comparison wordings, a change separated
from its amount, a heading naming the metric, and shapes that must give no fact at all."""

from __future__ import annotations

from decimal import Decimal

import pytest

from analytics.extract.narrative import NarrativeReader, facts_from_paragraph
from analytics.model import Fact, Kind

Row = tuple[str, str, str, int, str]  # metric, measure, value, year, kind


def _rows(facts: list[Fact]) -> list[Row]:
    return sorted((f.metric, f.measure, str(f.value), f.year, f.kind) for f in facts)


def _expected(rows: list[Row]) -> list[Row]:
    return sorted((m, ms, str(Decimal(v)), y, k) for m, ms, v, y, k in rows)


CASES: list[tuple[str, Kind, list[Row]]] = [
    # --- vehicle line names
    (  # 购置 left out of the name: the whole vehicle line, read as such
        "“三公”经费支出决算48.2万元,其中公务用车及运行维护费用36.5万元,公务接待费11.7万元。",
        "final",
        [
            ("three_public_total", "amount", "48.2", 2019, "final"),
            ("vehicle_total", "amount", "36.5", 2019, "final"),
            ("reception", "amount", "11.7", 2019, "final"),
        ],
    ),
    (  # ... but beside a stated purchase it is the running cost alone: no whole rather than a wrong one
        "其中,公务用车及运行维护费支出120万元;公务用车购置支出30万元;公务接待支出15万元。",
        "final",
        [
            ("vehicle_purchase", "amount", "30", 2019, "final"),
            ("reception", "amount", "15", 2019, "final"),
        ],
    ),
    (  # the two parts in the other order name the whole, not the running cost
        "公务用车运行维护及购置费支出预算为6万元。",
        "budget",
        [("vehicle_total", "amount", "6", 2019, "budget")],
    ),
    (  # a note of what the name includes, inside the name
        "公务用车(含执法执勤车辆)运行支出12.4万元,主要用于燃料和维修。",
        "final",
        [("vehicle_operation", "amount", "12.4", 2019, "final")],
    ),
    (  # 公务车 for 公务用车
        "公务车运行费为20万元,公务车购置费为0万元。",
        "budget",
        [
            ("vehicle_operation", "amount", "20", 2019, "budget"),
            ("vehicle_purchase", "amount", "0", 2019, "budget"),
        ],
    ),
    (  # 车辆购置及运行费 is the whole, not the purchase '车辆购置' followed by words
        "车辆购置及运行费预算5.2亿元。",
        "budget",
        [("vehicle_total", "amount", "52000.0", 2019, "budget")],
    ),
    (  # after a fleet clause, in a list of the 三公 parts, the vehicle line without its prefix
        "“三公”经费预算合计18万元,比上年减少1.5万元。"
        "其中:公务用车保有量3辆,购置及运行维护费8万元,比上年减少0.5万元。",
        "budget",
        [
            ("three_public_total", "amount", "18", 2019, "budget"),
            ("three_public_total", "yoy_change", "-1.5", 2019, "budget"),
            ("vehicle_total", "amount", "8", 2019, "budget"),
            ("vehicle_total", "yoy_change", "-0.5", 2019, "budget"),
            ("vehicles_count", "amount", "3", 2019, "budget"),
        ],
    ),
    (  # a bracketed note naming the part: the whole amount is that part's too
        "2019年安排公务用车购置及运行费12万元(运行费)。",
        "budget",
        [
            ("vehicle_total", "amount", "12", 2019, "budget"),
            ("vehicle_operation", "amount", "12", 2019, "budget"),
        ],
    ),
    (  # a note that names no part gives the part nothing
        "2019年安排公务用车购置及运行费12万元(含车改补贴)。",
        "budget",
        [("vehicle_total", "amount", "12", 2019, "budget")],
    ),
    # --- comparison wordings
    (  # '对比减少', '减少率': a change and its percentage against the prior year
        "公务接待费2019年预算6万元,2018年预算9万元;对比减少3万元;减少率33.33%。",
        "budget",
        [
            ("reception", "amount", "6", 2019, "budget"),
            ("reception", "amount", "9", 2018, "budget"),
            ("reception", "yoy_change", "-3", 2019, "budget"),
            ("reception", "yoy_pct", "-33.33", 2019, "budget"),
        ],
    ),
    (  # a comparison clause on its own, then the parts' changes; the base is the prior year
        "2019年“三公”经费预算60万元:其中公务接待费支出为25万元,公务车运行费为35万元,"
        "与2018年对比,接待费下降12%,公务车运行费下降20%。",
        "budget",
        [
            ("three_public_total", "amount", "60", 2019, "budget"),
            ("reception", "amount", "25", 2019, "budget"),
            ("vehicle_operation", "amount", "35", 2019, "budget"),
            ("reception", "yoy_pct", "-12", 2019, "budget"),
            ("vehicle_operation", "yoy_pct", "-20", 2019, "budget"),
        ],
    ),
    (  # the same against two years back: not year-on-year, no change at all
        "2019年“三公”经费预算60万元:其中公务接待费支出为25万元,公务车运行费为35万元,"
        "与2017年对比,接待费下降12%,公务车运行费下降20%。",
        "budget",
        [
            ("three_public_total", "amount", "60", 2019, "budget"),
            ("reception", "amount", "25", 2019, "budget"),
            ("vehicle_operation", "amount", "35", 2019, "budget"),
        ],
    ),
    (  # the percentage after a change against two years back shares its base
        "公务接待费2019年预算30万元,与2017年对比减少3万元,减少率9.09%。",
        "budget",
        [("reception", "amount", "30", 2019, "budget")],
    ),
    (  # a later clause's percentage shares the budget base of the change before it
        "“三公”经费决算数为120万元,比2019年年初预算数减少10万元,下降7.7%。",
        "final",
        [("three_public_total", "amount", "120", 2019, "final")],
    ),
    (  # '上年度' is the prior year; a 万 cut off at the end of the text is 万元
        "2019年度收入支出总计1,250.40万元,比上年度减少86.2万",
        "final",
        [
            ("income_grand_total", "amount", "1250.40", 2019, "final"),
            ("expenditure_grand_total", "amount", "1250.40", 2019, "final"),
            ("income_grand_total", "yoy_change", "-86.2", 2019, "final"),
            ("expenditure_grand_total", "yoy_change", "-86.2", 2019, "final"),
        ],
    ),
    (  # '比上年累计支出X万元' is the prior year's amount, and the change is against it
        "公务接待支出40万元,比上年累计支出52万元下降12万元。",
        "final",
        [
            ("reception", "amount", "40", 2019, "final"),
            ("reception", "amount", "52", 2018, "final"),
            ("reception", "yoy_change", "-12", 2019, "final"),
        ],
    ),
    # --- a change separated from its amount
    (  # parts the text includes, then (after ';') the total's own change
        "2019年收支总预算2,300.5万元,含下属中心经费120万元,幼儿园经费80.6万元;"
        "比2018年预算增加210.3万元,增长10.06%。",
        "budget",
        [
            ("income_grand_total", "amount", "2300.5", 2019, "budget"),
            ("expenditure_grand_total", "amount", "2300.5", 2019, "budget"),
            ("income_grand_total", "yoy_change", "210.3", 2019, "budget"),
            ("expenditure_grand_total", "yoy_change", "210.3", 2019, "budget"),
            ("income_grand_total", "yoy_pct", "10.06", 2019, "budget"),
            ("expenditure_grand_total", "yoy_pct", "10.06", 2019, "budget"),
        ],
    ),
    (  # a change right after an included part may be the part's: no change
        "2019年收支总预算2,300.5万元,含下属中心经费120万元,比上年增加10万元。",
        "budget",
        [
            ("income_grand_total", "amount", "2300.5", 2019, "budget"),
            ("expenditure_grand_total", "amount", "2300.5", 2019, "budget"),
        ],
    ),
    (  # a bracket whose last clause ends with 。: the change after it is the total's
        "公务用车购置及运行费300万元(公务用车购置费60万元,比上年增加0万元;"
        "公务用车运行维护费240万元,比上年增加0万元。)比上年增加0万元,增长0%。",
        "budget",
        [
            ("vehicle_total", "amount", "300", 2019, "budget"),
            ("vehicle_total", "yoy_change", "0", 2019, "budget"),
            ("vehicle_total", "yoy_pct", "0", 2019, "budget"),
            ("vehicle_purchase", "amount", "60", 2019, "budget"),
            ("vehicle_purchase", "yoy_change", "0", 2019, "budget"),
            ("vehicle_operation", "amount", "240", 2019, "budget"),
            ("vehicle_operation", "yoy_change", "0", 2019, "budget"),
        ],
    ),
    # --- a heading naming the metric
    (  # under '(二)公务接待费', '预算支出' is the reception's budget, not the department's spending
        "(二)公务接待费。2019年预算支出8.5万元,比2018年预算减少0.5万元,下降5.56%。",
        "budget",
        [
            ("reception", "amount", "8.5", 2019, "budget"),
            ("reception", "yoy_change", "-0.5", 2019, "budget"),
            ("reception", "yoy_pct", "-5.56", 2019, "budget"),
        ],
    ),
    (  # '因公出国费用' names its subject too
        "(一)因公出国费用。2019年预算支出为0万元,全年无出国计划。",
        "budget",
        [("overseas_travel", "amount", "0", 2019, "budget")],
    ),
    # --- kinds and labels
    (  # the name of a fund holds 预算 but says nothing of the figure's kind
        "2019年我局“三公”经费公共预算财政拨款支出30万元。",
        "final",
        [("three_public_total", "amount", "30", 2019, "final")],
    ),
    (  # the budget's fiscal grand total, not the department's grand totals
        "2019年财政拨款收支总预算96.5亿元。",
        "budget",
        [("fiscal_grand_total", "amount", "965000.0", 2019, "budget")],
    ),
    (  # '政府性基金拨款' is a source of income like '一般公共预算拨款'
        "收入预算500万元,其中:一般公共预算拨款480万元,政府性基金拨款0万元。",
        "budget",
        [
            ("income_total", "amount", "500", 2019, "budget"),
            ("income_general_public_budget", "amount", "480", 2019, "budget"),
            ("income_government_fund", "amount", "0", 2019, "budget"),
        ],
    ),
    # --- shapes that give no fact
    (  # '基本与…持平' is as vague as '基本持平'
        "2019年,安排公务接待费预算25万元,基本与2018年预算持平。",
        "budget",
        [("reception", "amount", "25", 2019, "budget")],
    ),
]


@pytest.mark.parametrize("sentence, kind, expected", CASES, ids=[c[0][:16] for c in CASES])
def test_sentence(sentence: str, kind: Kind, expected: list[Row]) -> None:
    facts = facts_from_paragraph(sentence, year=2019, kind=kind, section=None)
    assert _rows(facts) == _expected(expected)


def _read(paragraphs: list[str], kind: Kind = "budget", heading: str | None = None) -> list[Row]:
    reader = NarrativeReader(2019, kind)
    facts = reader.section(heading)
    for paragraph in paragraphs:
        facts.extend(reader.paragraph(paragraph, heading))
    return _rows(facts)


def test_a_time_stamp_or_a_page_counter_under_a_title_gives_no_zero() -> None:
    facts = _read(
        ["某局2019年“三公”经费预算公开 “三公”经费继续压减", "2019-03-20 09:30:00 来源:某网", "评论(0)"]
    )
    assert facts == []


def test_a_heading_that_states_a_figure_is_read_and_a_list_number_is_no_figure() -> None:
    facts = _read(
        ["1基本支出500万元,占预算拨款支出的100%", "1)工资福利支出300万元。其中基本工资200万元。"],
        heading="二、支出预算500万元",
    )
    assert facts == _expected(
        [
            ("expenditure_total", "amount", "500", 2019, "budget"),
            ("expenditure_basic", "amount", "500", 2019, "budget"),
        ]
    )


def test_a_heading_subject_takes_a_generic_spending_word_but_an_income_subject_does_not() -> None:
    under_reception = _read(["2019年预算支出8.5万元。"], heading="(二)公务接待费")
    assert under_reception == _expected([("reception", "amount", "8.5", 2019, "budget")])
    under_income = _read(["支出预算100万元。"], heading="(一)收入预算")
    assert under_income == _expected([("expenditure_total", "amount", "100", 2019, "budget")])
