"""The catalogue of standard tables: matching a table to it, and what its labels mean there."""

from __future__ import annotations

import pytest

from analytics.extract.standard_tables import by_key, catalogue, header_match, match_table, title_match
from analytics.extract.tables import table_facts
from analytics.model import Kind, Table
from analytics.reference import metrics


def test_every_entry_is_well_formed() -> None:
    entries = catalogue()
    keys = [entry.key for entry in entries]
    assert len(keys) == len(set(keys))
    known = set(metrics())
    for entry in entries:
        assert entry.kind in ("budget", "final", "any")
        assert entry.titles, entry.key
        assert entry.total is None or entry.total in known
        assert entry.metrics is None or entry.metrics <= known
        for mapping in (entry.labels, entry.income, entry.expenditure):
            assert all(set(found) <= known for found in mapping.values()), entry.key
    # a title names one table of each kind at most
    for kind in ("budget", "final"):
        titles = [t for e in entries if e.kind in (kind, "any") for t in e.titles]
        assert len(titles) == len(set(titles)), kind


@pytest.mark.parametrize(
    ("line", "kind", "key"),
    [
        ("中共某某县委办公室2018年财政拨款收支预算总表", "budget", "budget_fiscal_summary"),
        ("表4 财政拨款收支总表", "budget", "budget_fiscal_summary"),
        ("附表1:某某县教育局2020年部门收支总表(单位:万元)", "budget", "budget_summary"),
        ("收支预算总表", "budget", "budget_summary"),
        ("表7 一般公共预算“三公”经费支出表", "budget", "budget_three_public"),
        ("“三公”经费、会议费、培训费支出预算表", "budget", "budget_three_public_meeting_training"),
        ("一般公共预算机关运行经费支出预算表", "budget", "budget_operating_expenses"),
        ("2019年政府采购预算表", "budget", "budget_procurement"),
        ("2019年度一般公共预算财政拨款“三公”经费支出决算表", "final", "final_three_public"),
        ("公开04表 财政拨款收入支出决算总表", "final", "final_fiscal_summary"),
        ("收入支出决算总表(续)", "final", "final_summary"),
        ("部门固定资产占用情况表", "final", "assets"),
    ],
)
def test_a_title_names_its_table(line: str, kind: Kind, key: str) -> None:
    found = title_match(line, kind)
    assert found is not None and found.key == key


@pytest.mark.parametrize(
    "line",
    [
        "四、财政拨款收支总表情况说明",  # a heading about the table, not its title
        "单位:万元",
        "部门:某某县教育局",
        "本部门2019年一般公共预算支出表中的科目按功能分类列示,主要用于保障机关运行和履行职责的各项支出" * 2,
    ],
)
def test_lines_that_are_no_title(line: str) -> None:
    assert title_match(line, "budget") is None


def test_header_cues_name_an_untitled_table() -> None:
    found = header_match("合计 因公出国(境)费 公务用车购置及运行费 公务接待费 会议费 培训费", "budget")
    assert found is not None and found.key == "budget_three_public_meeting_training"
    three = header_match("项目 预算数 因公出国(境)费 公务接待费", "final")
    assert three is not None and three.key == "final_three_public"
    assert header_match("项目 金额", "budget") is None
    # the nearest caption line wins over one further up
    near = match_table(["一般公共预算支出表", "“三公”经费支出表"], "", "budget")
    assert near is not None and near.key == "budget_three_public"


def facts(
    rows: list[tuple[str, ...]], caption: str, kind: Kind = "budget", year: int = 2019
) -> list[tuple[str, str, str]]:
    standard = match_table(caption.split("\n"), "", kind)
    assert standard is not None
    found = table_facts(
        Table(tuple(rows)), context=caption, year=year, kind=kind, section=None, standard=standard
    )
    return [(f.metric, f.measure, str(f.value)) for f in found]


def test_the_fiscal_summary_totals_are_the_appropriations_not_the_departments() -> None:
    # In a 财政拨款收支总表 '收入合计' is the appropriation's grand total, and its basic and project
    # spending are the appropriation's part of them: none of the department's own metrics.
    rows = [
        ("收入", "", "支出", ""),
        ("项目名称", "金额", "项目名称", "金额"),
        ("一、一般公共预算", "900.00", "一、基本支出", "500.00"),
        ("二、政府性基金预算", "", "二、项目支出", "400.00"),
        ("收入合计", "900.00", "支出合计", "900.00"),
    ]
    assert facts(rows, "某某县审计局2019年财政拨款收支预算总表\n单位:万元") == [
        ("income_general_public_budget", "amount", "900.00"),
        ("fiscal_grand_total", "amount", "900.00"),
        ("fiscal_grand_total", "amount", "900.00"),
    ]


def test_the_mof_fiscal_summary() -> None:
    rows = [
        ("收入", "", "支出", "", "", "", ""),
        ("项目", "预算数", "项目", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"),
        ("一、本年收入", "820.00", "一、本年支出", "820.00", "800.00", "20.00", ""),
        ("(一)一般公共预算拨款", "800.00", "(一)教育支出", "820.00", "800.00", "20.00", ""),
        ("(二)政府性基金预算拨款", "20.00", "二、年终结转结余", "", "", "", ""),
        ("二、上年结转", "", "", "", "", "", ""),
        ("收入总计", "820.00", "支出总计", "820.00", "800.00", "20.00", ""),
    ]
    assert facts(rows, "表4 财政拨款收支总表") == [
        ("income_fiscal_appropriation", "amount", "820.00"),
        ("expenditure_fiscal_appropriation", "amount", "820.00"),
        ("income_general_public_budget", "amount", "800.00"),
        ("income_government_fund", "amount", "20.00"),
        ("fiscal_grand_total", "amount", "820.00"),
        ("fiscal_grand_total", "amount", "820.00"),
    ]


def test_a_summary_total_below_the_carry_over_is_the_grand_total() -> None:
    # '当年收入小计' is this year's; '收入合计' printed below '上年结转资金' takes it in: the grand total.
    # The expenditure side's '当年支出小计' is merged across the purpose columns: its value stands in
    # the last column.
    rows = [
        ("收入", "", "支出", "", "", ""),
        ("项目名称", "金额", "功能分类", "", "支出用途", ""),
        ("", "", "功能科目名称", "金额", "项目名称", "金额"),
        ("一、财政拨款", "640.00", "一、一般公共服务支出", "640.00", "一、基本支出", "410.00"),
        ("1.一般公共预算", "640.00", "二、外交支出", "", "二、项目支出", "230.00"),
        ("当年收入小计", "640.00", "当年支出小计", "", "", "640.00"),
        ("上年结转资金", "15.00", "结转下年资金", "", "", "15.00"),
        ("收入合计", "655.00", "支出合计", "", "", "655.00"),
    ]
    assert facts(rows, "收支预算总表\n部门:某某县教育局 单位:万元") == [
        ("income_fiscal_appropriation", "amount", "640.00"),
        ("expenditure_basic", "amount", "410.00"),
        ("income_general_public_budget", "amount", "640.00"),
        ("expenditure_project", "amount", "230.00"),
        ("income_total", "amount", "640.00"),
        ("expenditure_total", "amount", "640.00"),
        ("income_carryover", "amount", "15.00"),
        ("expenditure_carryforward", "amount", "15.00"),
        ("income_grand_total", "amount", "655.00"),
        ("expenditure_grand_total", "amount", "655.00"),
    ]


def test_nested_labels_and_a_subtotal_of_a_category() -> None:
    # A category in the first column, its items in the second; '小计' is the category's total.
    rows = [
        ("项目名称", "", "金额"),
        ("收入总计", "", "530.00"),
        ("一般公共预算资金", "小计", "500.00"),
        ("", "公共财政拨款(补助)资金", "500.00"),
        ("其他资金", "小计", "30.00"),
        ("", "事业收入", "30.00"),
        ("上年结转和结余资金", "小计", ""),
    ]
    assert facts(rows, "收入预算总表") == [
        ("income_grand_total", "amount", "530.00"),
        ("income_general_public_budget", "amount", "500.00"),
        ("income_institution", "amount", "30.00"),
    ]


def test_three_public_meeting_and_training_the_grand_sum_is_no_metric() -> None:
    rows = [
        ("合计", "“三公”经费", "", "", "", "", "", "会议费", "培训费"),
        ("", "小计", "因公出国(境)费", "公务用车购置及运行维护费", "", "", "公务接待费", "", ""),
        ("", "", "", "小计", "公务用车购置费", "公务用车运行维护费", "", "", ""),
        ("1,060.00", "360.00", "100.00", "200.00", "", "200.00", "60.00", "640.00", "60.00"),
    ]
    assert facts(rows, "一般公共预算“三公”经费、会议费、培训费支出预算表") == [
        ("three_public_total", "amount", "360.00"),
        ("overseas_travel", "amount", "100.00"),
        ("vehicle_total", "amount", "200.00"),
        ("vehicle_operation", "amount", "200.00"),
        ("reception", "amount", "60.00"),
        ("meeting_expenses", "amount", "640.00"),
        ("training_expenses", "amount", "60.00"),
    ]


def test_the_same_table_printed_down_the_page() -> None:
    # The 三公/会议/培训 table as a landscape sheet printed sideways reads as nested label columns.
    rows = [
        ("合计", "", "", "1,060.00"),
        ("“三公”经费", "小计", "", "360.00"),
        ("", "因公出国(境)费", "", "100.00"),
        ("", "公务用车购置及运行维护费", "小计", "200.00"),
        ("", "", "公务用车购置费", ""),
        ("", "", "公务用车运行维护费", "200.00"),
        ("", "公务接待费", "", "60.00"),
        ("会议费", "", "", "640.00"),
        ("培训费", "", "", "60.00"),
    ]
    assert sorted(facts(rows, "“三公”经费、会议费、培训费支出预算表")) == sorted(
        [
            ("three_public_total", "amount", "360.00"),
            ("overseas_travel", "amount", "100.00"),
            ("vehicle_total", "amount", "200.00"),
            ("vehicle_operation", "amount", "200.00"),
            ("reception", "amount", "60.00"),
            ("meeting_expenses", "amount", "640.00"),
            ("training_expenses", "amount", "60.00"),
        ]
    )


def test_the_operating_expenses_table_states_its_total_only() -> None:
    # Its economic lines (会议费, 公务接待费 within 机关运行经费) are no department-wide figures.
    rows = [
        ("科目编码", "科目名称", "机关运行经费支出"),
        ("合计", "", "320.50"),
        ("302", "商品和服务支出", "320.50"),
        ("30215", "会议费", "20.00"),
        ("30217", "公务接待费", "8.00"),
    ]
    assert facts(rows, "公开表十一\n一般公共预算机关运行经费支出预算表\n单位:万元") == [
        ("operating_expenses", "amount", "320.50")
    ]


def test_procurement_table_total_and_not_its_lines() -> None:
    rows = [
        ("采购品目大类", "专项名称", "经济科目", "采购物品名称", "采购组织形式", "总计"),
        ("合计", "", "", "", "", "95.00"),
        ("一、货物", "", "", "", "", "45.00"),
        ("", "办公设备购置费", "办公设备购置", "复印机", "政府集中采购", "45.00"),
        ("三、服务", "", "", "", "", "50.00"),
        ("", "商品和服务支出", "会议费", "会议服务", "政府集中采购", "50.00"),
    ]
    assert facts(rows, "2019年政府采购预算表") == [("procurement_total", "amount", "95.00")]


def test_by_key() -> None:
    assert by_key("final_fiscal_summary").name == "财政拨款收入支出决算总表"


def test_the_new_metrics_have_labels_in_prose_too() -> None:
    from analytics.extract.narrative import facts_from_paragraph

    found = facts_from_paragraph(
        "2020年一般公共预算支出合计1,200.50万元,比上年增加20万元。", year=2020, kind="budget", section=None
    )
    assert [(f.metric, f.measure, str(f.value)) for f in found] == [
        ("expenditure_general_public_budget", "amount", "1200.50"),
        ("expenditure_general_public_budget", "yoy_change", "20"),
    ]
