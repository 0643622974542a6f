"""Phrasings of real disclosures, each sentence beside the exact facts it gives (year 2019)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from analytics.extract.narrative import NarrativeReader, facts_from_paragraph, running_text
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
    (  # spending of the general public budget: its own metric, not the department's total
        "2019年一般公共预算支出预算52,300.20万元,比上年增加3,120.20万元。",
        "budget",
        [
            ("expenditure_general_public_budget", "amount", "52300.20", 2019, "budget"),
            ("expenditure_general_public_budget", "yoy_change", "3120.20", 2019, "budget"),
        ],
    ),
    (  # after a specific label, a source of funds only qualifies it
        "“三公”经费财政拨款支出决算为18.36万元,一般公共预算财政拨款支出1,264.92万元。",
        "final",
        [
            ("three_public_total", "amount", "18.36", 2019, "final"),
            ("expenditure_general_public_budget", "amount", "1264.92", 2019, "final"),
        ],
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
    (  # a count in financial capitals
        "本单位无购置车辆,公务用车现保有量为贰辆。",
        "final",
        [("vehicles_count", "amount", "2", 2019, "final")],
    ),
    (  # 台 opening a place name is no measure word: the count is the later one
        "三台县某某局现有公务用车叁台,统一台账管理。",
        "final",
        [("vehicles_count", "amount", "3", 2019, "final")],
    ),
    ("公务用车保有量约三四辆。", "final", []),  # an estimate: no figure
    (  # counts given to a list: the fleet is the count in the stock item's place
        "本年公务用车购置数及保有量分别为2辆和17辆。",
        "final",
        [("vehicles_count", "amount", "17", 2019, "final")],
    ),
    (  # 各 with one count: each item has it
        "公务用车编制数和实有数各6辆。",
        "budget",
        [("vehicles_count", "amount", "6", 2019, "budget")],
    ),
    # kinds of vehicle are parts of the fleet, not the fleet; trips are no figure
    ("一般公务用车和执法执勤用车分别为2辆、3辆,全年出国团组和接待各2次。", "final", []),
    (  # 各 before one figure: each of the labels listed has it
        "因公出国(境)费、公务接待费各1.5万元,均与上年持平。",
        "budget",
        [
            ("overseas_travel", "amount", "1.5", 2019, "budget"),
            ("reception", "amount", "1.5", 2019, "budget"),
            ("overseas_travel", "yoy_change", "0", 2019, "budget"),
            ("reception", "yoy_change", "0", 2019, "budget"),
        ],
    ),
    ("公务接待费各项支出3万元。", "budget", [("reception", "amount", "3", 2019, "budget")]),  # 各项: no list
    (  # a reason that states a part's change: the same base as the change it explains
        "“三公”经费支出比上年减少6万元,主要原因是公务接待费减少2.5万元,公务用车运行费减少3.5万元。",
        "final",
        [
            ("three_public_total", "yoy_change", "-6", 2019, "final"),
            ("reception", "yoy_change", "-2.5", 2019, "final"),
            ("vehicle_operation", "yoy_change", "-3.5", 2019, "final"),
        ],
    ),
    (  # explaining a change against the budget, the part's change is against the budget too
        "“三公”经费决算数比年初预算减少6万元,主要原因是公务接待费减少2.5万元。",
        "final",
        [],
    ),
    (  # a budget naming the figure's own year is its budget: no year-on-year change, nor its reasons
        "“三公”经费支出60万元,较2019年预算减少6万元,下降9.1%,主要是公务接待费减少2.5万元。",
        "final",
        [("three_public_total", "amount", "60", 2019, "final")],
    ),
    (  # from one amount to another: the prior year's, then the figure's own; no change is computed
        "公务接待费由上年的5.2万元下降到3.1万元。",
        "final",
        [("reception", "amount", "5.2", 2018, "final"), ("reception", "amount", "3.1", 2019, "final")],
    ),
    # whose the first amount is, unsaid: only the second is read; from a budget, neither
    (
        "只是公务接待费一项由26.3万元减至21.1万元。",
        "budget",
        [("reception", "amount", "21.1", 2019, "budget")],
    ),
    ("公务接待费由年初预算的5万元调整为4万元。", "final", []),
    (  # a reason in a sentence of its own: which base it shares is not said there
        "“三公”经费决算比年初预算减少6万元。主要原因是公务接待费减少2.5万元。",
        "final",
        [],
    ),
    (  # a change verb before its label: a change against the prior year named before the verb
        "本年度比上年压缩公务接待费4万元。",
        "budget",
        [("reception", "yoy_change", "-4", 2019, "budget")],
    ),
    # with no base, the cut may be against the budget (节约): no figure, and never the amount
    ("全年压缩公务接待费4万元,节约公务用车运行费1万元。", "final", []),
    (  # where the cut came from: all of a stated change of the whole
        "“三公”经费预算比上年减少30万元。因公出国(境)费与上年持平,减少的30万元全部来自公务接待费。",
        "budget",
        [
            ("three_public_total", "yoy_change", "-30", 2019, "budget"),
            ("overseas_travel", "yoy_change", "0", 2019, "budget"),
            ("reception", "yoy_change", "-30", 2019, "budget"),
        ],
    ),
    (  # only mainly from there, or an amount no change of the whole states: no figure for anyone
        "“三公”经费预算比上年减少30万元。压缩的30万元主要来自公务接待费,另有10万元出自公务用车运行费。",
        "budget",
        [("three_public_total", "yoy_change", "-30", 2019, "budget")],
    ),
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
    (  # a percentage in brackets after a change is that change's, with its sign
        "公务接待费3.20万元,较上年减少1.5万元(31.91%),主要原因是压缩接待。",
        "budget",
        [
            ("reception", "amount", "3.20", 2019, "budget"),
            ("reception", "yoy_change", "-1.5", 2019, "budget"),
            ("reception", "yoy_pct", "-31.91", 2019, "budget"),
        ],
    ),
    (  # a one-character change word right before the number; 压缩 is a decrease
        "公务用车运行维护费15.68万元,较上年增加6.09万元,增63.55%;“三公”经费比上年减少52万元,压缩1.8%。",
        "final",
        [
            ("vehicle_operation", "amount", "15.68", 2019, "final"),
            ("vehicle_operation", "yoy_change", "6.09", 2019, "final"),
            ("vehicle_operation", "yoy_pct", "63.55", 2019, "final"),
            ("three_public_total", "yoy_change", "-52", 2019, "final"),
            ("three_public_total", "yoy_pct", "-1.8", 2019, "final"),
        ],
    ),
    (  # a percentage after a change against the budget is against the budget too
        "公务用车购置及运行费决算数为96.10万元,比年初预算减少12.40万元,降低11.43%。",
        "final",
        [("vehicle_total", "amount", "96.10", 2019, "final")],
    ),
    (  # no change against the budget says nothing of the prior year; against the prior year it does
        "因公出国(境)费支出决算比预算无增减变化,比上年无增减变化;公务接待费与预算一致。",
        "final",
        [("overseas_travel", "yoy_change", "0", 2019, "final")],
    ),
    (  # '一致' and '零增长' after a comparison; '一致' alone is no change
        "公务接待费预算与上年一致,因公出国(境)费较上年零增长,会议费与预算总表的数字一致。",
        "budget",
        [
            ("reception", "yoy_change", "0", 2019, "budget"),
            ("overseas_travel", "yoy_change", "0", 2019, "budget"),
        ],
    ),
    (  # a unit cut to '万' is still 万元; '万人次' is not money
        "经营收入0.00万,较上年增加0.00万元;接待3万人次。",
        "final",
        [
            ("income_operating", "amount", "0.00", 2019, "final"),
            ("income_operating", "yoy_change", "0.00", 2019, "final"),
        ],
    ),
    (  # the base of a share is no subject: the change after it is the basic spending's
        "基本支出预算924,289.71元,占一般公共预算支出的96.41%,同比减少275,044.29元,下降22.93%。",
        "budget",
        [
            ("expenditure_basic", "amount", "92.428971", 2019, "budget"),
            ("expenditure_basic", "yoy_change", "-27.504429", 2019, "budget"),
            ("expenditure_basic", "yoy_pct", "-22.93", 2019, "budget"),
        ],
    ),
    (  # an approximate number is not a stated figure
        "“三公”经费较去年约减60万,公务接待费大约为3万元。",
        "budget",
        [],
    ),
    (  # the kind named in the comparison's base is not the figure's kind
        "公务接待费预算5万元,比上年决算数增加1万元。",
        "budget",
        [
            ("reception", "amount", "5", 2019, "budget"),
            ("reception", "yoy_change", "1", 2019, "budget"),
        ],
    ),
    (  # the parts of a whole take its year and kind; '均' speaks of the amounts listed before it
        "本部门2020年“三公”经费预算为120万元,其中:因公出国(境)费20万元,较上年增加5万元;"
        "公务用车购置及运行费60万元,公务接待费40万元,均较2019年零增长。",
        "final",
        [
            ("three_public_total", "amount", "120", 2020, "budget"),
            ("overseas_travel", "amount", "20", 2020, "budget"),
            ("overseas_travel", "yoy_change", "5", 2020, "budget"),
            ("vehicle_total", "amount", "60", 2020, "budget"),
            ("reception", "amount", "40", 2020, "budget"),
            ("vehicle_total", "yoy_change", "0", 2020, "budget"),
            ("reception", "yoy_change", "0", 2020, "budget"),
        ],
    ),
    (  # a part's own words still decide its kind
        "“三公”经费预算为50万元,其中:公务接待费支出决算8万元。",
        "final",
        [
            ("three_public_total", "amount", "50", 2019, "budget"),
            ("reception", "amount", "8", 2019, "final"),
        ],
    ),
    (  # no change for labels joined by 和
        "其中因公出国(境)费和公务用车费预算与去年持平。",
        "budget",
        [
            ("overseas_travel", "yoy_change", "0", 2019, "budget"),
            ("vehicle_total", "yoy_change", "0", 2019, "budget"),
        ],
    ),
    (  # a sentence that names nothing goes on about the one before; an unknown subject does not
        "公务接待费8万元。2018年预算数10万元,2019年预算比2018年预算下降20%。"
        "工资福利支出预算300万元,同比减少20万元。",
        "budget",
        [
            ("reception", "amount", "8", 2019, "budget"),
            ("reception", "amount", "10", 2018, "budget"),
            ("reception", "yoy_pct", "-20", 2019, "budget"),
        ],
    ),
    (  # short names of the parts under their whole; '设备购置费' is no part of it
        "公务用车购置及运行费12万元,其中:购置费0万元、运行费12万元,比上年减少2万元;办公设备购置费3万元。",
        "budget",
        [
            ("vehicle_total", "amount", "12", 2019, "budget"),
            ("vehicle_purchase", "amount", "0", 2019, "budget"),
            ("vehicle_operation", "amount", "12", 2019, "budget"),
            ("vehicle_operation", "yoy_change", "-2", 2019, "budget"),
        ],
    ),
    (  # the budget a figure completes is its budget of the same year
        "“三公”经费支出决算为17.06万元,完成预算27万元的63.2%。",
        "final",
        [
            ("three_public_total", "amount", "17.06", 2019, "final"),
            ("three_public_total", "amount", "27", 2019, "budget"),
        ],
    ),
    (  # a clause that describes the subject names no other: the change after it is the subject's
        "上年结转和结余190.89万元,为以前年度支出预算未执行完毕结转到本年度的资金。较上年减少7.63万元,下降3.8%。",
        "final",
        [
            ("income_carryover", "amount", "190.89", 2019, "final"),
            ("income_carryover", "yoy_change", "-7.63", 2019, "final"),
            ("income_carryover", "yoy_pct", "-3.8", 2019, "final"),
        ],
    ),
    (  # all of the whole is one part: the part's amount is the whole's
        "公务用车购置及运行费决算数294万元,全部为公务用车运行费。",
        "final",
        [
            ("vehicle_total", "amount", "294", 2019, "final"),
            ("vehicle_operation", "amount", "294", 2019, "final"),
        ],
    ),
    (  # 总收入/总支出 include the carry-over: the grand totals
        "本单位总收入581.45万元,其中本年收入390.55万元;总支出581.45万元。",
        "final",
        [
            ("income_grand_total", "amount", "581.45", 2019, "final"),
            ("income_total", "amount", "390.55", 2019, "final"),
            ("expenditure_grand_total", "amount", "581.45", 2019, "final"),
        ],
    ),
    (  # no change said beside an amount, in brackets or after it
        "因公出国(境)费617万元(零增长),公务接待费865万元与上年持平。",
        "budget",
        [
            ("overseas_travel", "amount", "617", 2019, "budget"),
            ("overseas_travel", "yoy_change", "0", 2019, "budget"),
            ("reception", "amount", "865", 2019, "budget"),
            ("reception", "yoy_change", "0", 2019, "budget"),
        ],
    ),
    (  # a comparative with the prior year as its base is a change; with the budget it is none
        "公务接待费预算支出156.55万元,本年数小于上年预算数29.65万元;会议费预算168万元,本年数等于上年预算数;"
        "培训费决算数大于预算数5万元。",
        "budget",
        [
            ("reception", "amount", "156.55", 2019, "budget"),
            ("reception", "yoy_change", "-29.65", 2019, "budget"),
            ("meeting_expenses", "amount", "168", 2019, "budget"),
            ("meeting_expenses", "yoy_change", "0", 2019, "budget"),
        ],
    ),
    (  # '分别': the amounts go to the labels listed before it, in order
        "因公出国(境)费、公务用车购置及运行费、公务接待费分别为10万元、20万元和5万元,"
        "与上年相比分别减少1万元、2万元、0.5万元。",
        "budget",
        [
            ("overseas_travel", "amount", "10", 2019, "budget"),
            ("vehicle_total", "amount", "20", 2019, "budget"),
            ("reception", "amount", "5", 2019, "budget"),
            ("overseas_travel", "yoy_change", "-1", 2019, "budget"),
            ("vehicle_total", "yoy_change", "-2", 2019, "budget"),
            ("reception", "yoy_change", "-0.5", 2019, "budget"),
        ],
    ),
    (  # 增幅/降幅 give the percentage's sign
        "公务接待费比上年增加2万元,增幅10%;会议费比上年减少1万元,降幅为5.5%。",
        "budget",
        [
            ("reception", "yoy_change", "2", 2019, "budget"),
            ("reception", "yoy_pct", "10", 2019, "budget"),
            ("meeting_expenses", "yoy_change", "-1", 2019, "budget"),
            ("meeting_expenses", "yoy_pct", "-5.5", 2019, "budget"),
        ],
    ),
    (  # the fleet a stock word names wins over vehicles added or bought in the same sentence
        "2018年新增5辆车,其中机关增加公务用车2辆,年末车辆保有量17辆。",
        "budget",
        [("vehicles_count", "amount", "17", 2019, "budget")],
    ),
    (  # a total of one source of funds is not the department's total
        "部门收入预算总计986.40万元,其中:其他资金收入预算总计15万元。",
        "budget",
        [("income_grand_total", "amount", "986.40", 2019, "budget")],
    ),
    (  # a share's base in quotes is still a share's base: the change after it is the part's
        "其中公务接待费预算为2.4万元,占“三公”经费的14.63%,比上年减少2.4万元、减少50%。",
        "budget",
        [
            ("reception", "amount", "2.4", 2019, "budget"),
            ("reception", "yoy_change", "-2.4", 2019, "budget"),
            ("reception", "yoy_pct", "-50", 2019, "budget"),
        ],
    ),
]


@pytest.mark.parametrize("sentence, kind, expected", CASES, ids=[c[0][:16] for c in CASES])
def test_sentence(sentence: str, kind: Kind, expected: list[Row]) -> None:
    facts = facts_from_paragraph(sentence, year=2019, kind=kind, section=None)
    got = [(f.metric, f.measure, f.value, f.year, f.kind) for f in facts]
    assert sorted(got) == sorted((m, ms, Decimal(v), y, k) for m, ms, v, y, k in expected)


def test_pdf_spaces_and_chinese_numerals() -> None:
    assert (
        running_text("2020 年度 收入总计 12,486.35 万元,增长 8.94 %")
        == "2020年度收入总计12,486.35万元,增长8.94%"
    )
    assert running_text("二〇一九年共有车辆三辆,出国费为零。") == "2019年共有车辆3辆,出国费为0。"
    assert running_text("栏次 1 2 3") == "栏次1 2 3"


def test_a_heading_names_the_subject_of_the_paragraphs_under_it() -> None:
    reader = NarrativeReader(2022, "budget")
    reader.section("二、“三公”经费预算具体情况")
    got = []
    for paragraph in [
        "(一)因公出国(境)经费",
        "2022年预算安排0万元,与2021年预算持平。",
        "(二)公务接待费",
        "2022年预算安排1万元,较2021年预算减少0.5万元。",
        "主要用于上级部门来本单位调研接待。",
        "(三)部门收支总体情况",
        "2022年收入预算安排100万元。",  # a label of its own
        "较上年增加5万元。",  # continues that label
    ]:
        got += [(f.metric, f.measure, f.value) for f in reader.paragraph(paragraph, None)]
    assert got == [
        ("overseas_travel", "amount", Decimal(0)),
        ("overseas_travel", "yoy_change", Decimal(0)),
        ("reception", "amount", Decimal(1)),
        ("reception", "yoy_change", Decimal("-0.5")),
        ("income_total", "amount", Decimal(100)),
        ("income_total", "yoy_change", Decimal(5)),
    ]


def test_a_table_or_an_unknown_subject_ends_the_carried_subject() -> None:
    reader = NarrativeReader(2022, "budget")
    assert reader.paragraph("(二)公务接待费", None) == []
    reader.table()
    assert reader.paragraph("2022年预算安排1万元。", None) == []
    reader.paragraph("公务接待费2万元。", None)
    assert reader.paragraph("办公设备购置5万元。", None) == []
    assert reader.paragraph("较上年减少1万元。", None) == []
