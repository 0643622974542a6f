"""Figures from tables: each case shows the table and the facts it gives."""

from __future__ import annotations

from decimal import Decimal

from analytics.extract.tables import table_facts
from analytics.model import Table


def facts(
    rows: list[tuple[str, ...]], context: str, kind: str = "budget"
) -> list[tuple[str, str, int, str, str]]:
    found = table_facts(Table(tuple(rows)), context=context, year=2018, kind=kind, section=None)  # type: ignore[arg-type]
    return [(f.metric, f.kind, f.year, str(f.value), f.quote) for f in found]


def test_three_public_one_column_with_breakdown_column() -> None:
    rows = [
        ("项目", "本年预算数", "其中:一般公共预算财政拨款"),
        ("合计", "41.20", "41.20"),
        ("1.因公出国(境)费用", "0", "0"),
        ("2.公务接待费", "3.20", "3.20"),
        ("3.公务用车购置及运行维护费", "38.00", "38.00"),
        ("其中:(1)公务用车运行维护费", "38.00", "38.00"),
        ("(2)公务用车购置", "0", "0"),
    ]
    assert facts(rows, "2018年“三公”经费预算表\n单位:万元") == [
        ("three_public_total", "budget", 2018, "41.20", "合计 | 41.20 | 41.20"),
        ("overseas_travel", "budget", 2018, "0", "1.因公出国(境)费用 | 0 | 0"),
        ("reception", "budget", 2018, "3.20", "2.公务接待费 | 3.20 | 3.20"),
        ("vehicle_total", "budget", 2018, "38.00", "3.公务用车购置及运行维护费 | 38.00 | 38.00"),
        ("vehicle_operation", "budget", 2018, "38.00", "其中:(1)公务用车运行维护费 | 38.00 | 38.00"),
        ("vehicle_purchase", "budget", 2018, "0", "(2)公务用车购置 | 0 | 0"),
    ]


def test_three_public_two_row_header() -> None:
    rows = [
        ("合计", "因公出国(境)费", "公务用车购置及运行费", "", "", "公务接待费"),
        ("", "", "小计", "购置费", "运行费", ""),
        ("62.5", "10", "45", "30", "15", "7.5"),
    ]
    got = [(m, v) for m, _, _, v, _ in facts(rows, "“三公”经费支出预算表 单位:万元")]
    assert got == [
        ("three_public_total", "62.5"),
        ("overseas_travel", "10"),
        ("vehicle_total", "45"),
        ("vehicle_purchase", "30"),
        ("vehicle_operation", "15"),
        ("reception", "7.5"),
    ]


def test_budget_and_final_side_by_side_give_both_kinds() -> None:
    rows = [
        ("项目", "年初预算数", "决算数"),
        ("合计", "26.00", "21.30"),
        ("公务接待费", "6.00", "3.30"),
    ]
    assert [(m, k, v) for m, k, _, v, _ in facts(rows, "“三公”经费支出决算表", kind="final")] == [
        ("three_public_total", "budget", "26.00"),
        ("three_public_total", "final", "21.30"),
        ("reception", "budget", "6.00"),
        ("reception", "final", "3.30"),
    ]


def test_two_sided_summary_table() -> None:
    rows = [
        ("收入", "", "支出", ""),
        ("项目", "预算数", "项目", "预算数"),
        ("一、一般公共预算拨款收入", "300.00", "一、基本支出", "250.00"),
        ("二、政府性基金预算拨款收入", "20.00", "二、项目支出", "70.00"),
        ("本年收入合计", "320.00", "本年支出合计", "320.00"),
        ("上年结转", "5.00", "年末结转和结余", "5.00"),
        ("收入总计", "325.00", "支出总计", "325.00"),
    ]
    got = {(m, v) for m, _, _, v, _ in facts(rows, "部门收支总表 单位:万元")}
    assert got == {
        ("income_general_public_budget", "300.00"),
        ("income_government_fund", "20.00"),
        ("income_total", "320.00"),
        ("income_carryover", "5.00"),
        ("income_grand_total", "325.00"),
        ("expenditure_basic", "250.00"),
        ("expenditure_project", "70.00"),
        ("expenditure_total", "320.00"),
        ("expenditure_carryforward", "5.00"),
        ("expenditure_grand_total", "325.00"),
    }


def test_amounts_in_yuan_are_stored_in_wan_yuan() -> None:
    rows = [("项目", "合计", "一般公共预算", "政府性基金"), ("“三公”经费合计", "235000", "235000", "0")]
    found = table_facts(Table(tuple(rows)), context="单位:元", year=2018, kind="budget", section=None)
    assert [(f.metric, f.value, f.unit_found) for f in found] == [
        ("three_public_total", Decimal("23.5"), "元")
    ]


def test_column_numbers_and_text_tables_give_nothing() -> None:
    assert facts([("单位名称", "单位性质"), ("廊坊市某局", "行政")], "") == []
    assert facts([("项目", "栏次", "金额"), ("", "1", "2")], "") == []


def test_a_label_wrapped_onto_its_own_row_is_joined_back() -> None:
    # A borderless PDF table wraps a long label; the second line stands alone in its row.
    rows = [
        ("项目", "合计", "一般公共预算"),
        ("“三公”经费合计", "17.17", "17.17"),
        ("2、公务用车购置及", "14.93", "14.93"),
        ("运行费", "", ""),
        ("3、公务接待费", "2.24", "2.24"),
    ]
    assert [(m, v) for m, _, _, v, _ in facts(rows, "单位:万元")] == [
        ("three_public_total", "17.17"),
        ("vehicle_total", "14.93"),
        ("reception", "2.24"),
    ]


def measured(
    rows: list[tuple[str, ...]], context: str, kind: str = "budget", year: int = 2019
) -> list[tuple[str, str, str, int, str]]:
    found = table_facts(Table(tuple(rows)), context=context, year=year, kind=kind, section=None)  # type: ignore[arg-type]
    return [(f.metric, f.measure, f.kind, f.year, str(f.value)) for f in found]


def test_row_number_columns_are_no_figures() -> None:
    # 行次 beside each side's amounts (and a 栏次 row) in a two-sided final-accounts table.
    rows = [
        ("收入", "", "", "支出", "", ""),
        ("项目", "行次", "金额", "项目", "行次", "金额"),
        ("栏次", "", "1", "栏次", "", "2"),
        ("一、财政拨款收入", "1", "410.00", "一、一般公共服务支出", "28", "430.00"),
        ("本年收入合计", "23", "430.00", "本年支出合计", "50", "430.00"),
        ("年初结转和结余", "25", "12.00", "年末结转和结余", "52", "12.00"),
    ]
    assert measured(rows, "收入支出决算总表 单位:万元", kind="final", year=2017) == [
        ("income_fiscal_appropriation", "amount", "final", 2017, "410.00"),
        ("income_total", "amount", "final", 2017, "430.00"),
        ("expenditure_total", "amount", "final", 2017, "430.00"),
        ("income_carryover", "amount", "final", 2017, "12.00"),
        ("expenditure_carryforward", "amount", "final", 2017, "12.00"),
    ]


def test_a_row_of_kinds_under_two_header_rows_pairs_budget_and_final() -> None:
    # 预算数 | 决算数 under every label; labels span their pair (read once, blank on the right).
    rows = [
        ("“三公”经费", "", "", "", "", "", "", "", "机关运行经费决算数"),
        ("合计", "", "因公出国(境)费", "", "公务用车购置及运行费", "", "公务接待费", "", ""),
        ("预算数", "决算数", "预算数", "决算数", "预算数", "决算数", "预算数", "决算数", ""),
        ("30.00", "12.50", "0", "0", "20.00", "11.00", "10.00", "1.50", "210.40"),
    ]
    assert measured(rows, "“三公”经费及机关运行经费支出决算表 单位:万元", kind="final", year=2017) == [
        ("three_public_total", "amount", "budget", 2017, "30.00"),
        ("three_public_total", "amount", "final", 2017, "12.50"),
        ("overseas_travel", "amount", "budget", 2017, "0"),
        ("overseas_travel", "amount", "final", 2017, "0"),
        ("vehicle_total", "amount", "budget", 2017, "20.00"),
        ("vehicle_total", "amount", "final", 2017, "11.00"),
        ("reception", "amount", "budget", 2017, "10.00"),
        ("reception", "amount", "final", 2017, "1.50"),
        ("operating_expenses", "amount", "final", 2017, "210.40"),
    ]


def test_rows_of_years_and_a_comparison_row() -> None:
    # Rows of this year's budget and final, last year's final, then their difference: the change.
    rows = [
        ("项目", "合计", "因公出国(境)费", "公务接待费"),
        ("行次", "1", "2", "3"),
        ("2015年度预算数", "5.00", "0.00", "5.00"),
        ("2015年度决算数", "6.50", "0.00", "6.50"),
        ("2014年度决算数", "4.00", "0.00", "4.00"),
        ("决算对比", "2.50", "0.00", "2.50"),
    ]
    assert measured(rows, "“三公”经费决算情况表", kind="final", year=2015) == [
        ("three_public_total", "amount", "budget", 2015, "5.00"),
        ("overseas_travel", "amount", "budget", 2015, "0.00"),
        ("reception", "amount", "budget", 2015, "5.00"),
        ("three_public_total", "amount", "final", 2015, "6.50"),
        ("overseas_travel", "amount", "final", 2015, "0.00"),
        ("reception", "amount", "final", 2015, "6.50"),
        ("three_public_total", "amount", "final", 2014, "4.00"),
        ("overseas_travel", "amount", "final", 2014, "0.00"),
        ("reception", "amount", "final", 2014, "4.00"),
        ("three_public_total", "yoy_change", "final", 2015, "2.50"),
        ("overseas_travel", "yoy_change", "final", 2015, "0.00"),
        ("reception", "yoy_change", "final", 2015, "2.50"),
    ]


def test_this_year_last_year_and_change_columns() -> None:
    rows = [
        ("项目", "本年预算数", "上年预算数", "增减额", "增减幅度(%)"),
        ("合计", "30.00", "40.00", "-10.00", "-25.00"),
        ("公务接待费", "6.00", "8.00", "-2.00", "-25.00"),
    ]
    assert measured(rows, "“三公”经费支出预算表 单位:万元") == [
        ("three_public_total", "amount", "budget", 2019, "30.00"),
        ("three_public_total", "amount", "budget", 2018, "40.00"),
        ("three_public_total", "yoy_change", "budget", 2019, "-10.00"),
        ("three_public_total", "yoy_pct", "budget", 2019, "-25.00"),
        ("reception", "amount", "budget", 2019, "6.00"),
        ("reception", "amount", "budget", 2018, "8.00"),
        ("reception", "yoy_change", "budget", 2019, "-2.00"),
        ("reception", "yoy_pct", "budget", 2019, "-25.00"),
    ]


def test_a_comparison_with_the_budget_is_no_change_against_last_year() -> None:
    rows = [
        ("项目", "预算数", "决算数", "决算数与预算数对比"),
        ("合计", "30.00", "24.00", "-6.00"),
    ]
    assert measured(rows, "“三公”经费支出决算表", kind="final") == [
        ("three_public_total", "amount", "budget", 2019, "30.00"),
        ("three_public_total", "amount", "final", 2019, "24.00"),
    ]


def test_a_row_per_unit_is_no_department_figure() -> None:
    # A department's "三公" table with a row for each of its units and their 合计.
    rows = [
        ("单位名称", "合计", "因公出国(境)费", "公务接待费"),
        ("合计", "12.00", "2.00", "10.00"),
        ("某某局本级", "9.00", "2.00", "7.00"),
        ("某某局信息中心", "3.00", "0", "3.00"),
    ]
    assert [(m, v) for m, _, _, v, _ in facts(rows, "一般公共预算“三公”经费支出表")] == [
        ("three_public_total", "12.00"),
        ("overseas_travel", "2.00"),
        ("reception", "10.00"),
    ]


def test_rows_splitting_the_total_by_source_are_no_department_figures() -> None:
    rows = [
        ("项目", "合计", "因公出国(境)费", "公务接待费"),
        ("合计", "12.00", "2.00", "10.00"),
        ("一般公共预算", "11.00", "2.00", "9.00"),
        ("政府性基金", "1.00", "0", "1.00"),
    ]
    assert [(m, v) for m, _, _, v, _ in facts(rows, "一般公共预算“三公”经费支出表")] == [
        ("three_public_total", "12.00"),
        ("overseas_travel", "2.00"),
        ("reception", "10.00"),
    ]


def test_rows_numbered_with_bracketed_chinese_numerals_and_a_word_among_the_figures() -> None:
    # '(二)公务接待费' is numbered like '1.公务接待费'; a value column that says '不需填列' in one row
    # is still the value column of the others
    rows = [
        ("项目", "2018年预算数"),
        ("一、“三公”经费合计", "20.50"),
        ("(一)因公出国(境)费", "不需填列"),
        ("(二)公务接待费", "12.50"),
        ("(三)公务用车费", "8.00"),
        ("二、会议费", "6.00"),
    ]
    assert [f[:4] for f in facts(rows, "2018年“三公”经费预算表\n单位:万元")] == [
        ("three_public_total", "budget", 2018, "20.50"),
        ("reception", "budget", 2018, "12.50"),
        ("vehicle_total", "budget", 2018, "8.00"),
        ("meeting_expenses", "budget", 2018, "6.00"),
    ]


def test_a_change_in_percent_column_keeps_its_percent_signs() -> None:
    rows = [
        ("项目", "本年预算数", "上年预算数", "增减额", "增减幅度"),
        ("合计", "16.40", "18.80", "-2.40", "-12.77%"),
        ("公务接待费", "2.40", "4.80", "-2.40", "-50.00%"),
    ]
    found = table_facts(
        Table(tuple(rows)), context="“三公”经费预算表", year=2018, kind="budget", section=None
    )
    assert [(f.metric, f.measure, f.year, str(f.value)) for f in found if f.metric == "reception"] == [
        ("reception", "amount", 2018, "2.40"),
        ("reception", "amount", 2017, "4.80"),
        ("reception", "yoy_change", 2018, "-2.40"),
        ("reception", "yoy_pct", 2018, "-50.00"),
    ]


def test_the_spending_total_of_a_three_public_table_is_its_total() -> None:
    rows = [
        ("项目", "决算数"),
        ("一、支出合计", "9.28"),
        ("1、因公出国(境)费用", ""),
        ("2、公务接待费", "9.28"),
    ]
    assert [f[:4] for f in facts(rows, "2018年度“三公”经费决算情况表\n单位:万元", kind="final")] == [
        ("three_public_total", "final", 2018, "9.28"),
        ("reception", "final", 2018, "9.28"),
    ]


def test_parts_named_by_their_short_names_under_the_vehicle_row() -> None:
    rows = [
        ("项目", "决算数"),
        ("公务接待费", "2.10"),
        ("公务用车购置及运行维护费", "9.40"),
        ("其中:购置经费", "0"),
        ("运行维护费", "9.40"),
    ]
    assert facts(rows, "2018年“三公”经费支出决算表\n单位:万元", kind="final") == [
        ("reception", "final", 2018, "2.10", "公务接待费 | 2.10"),
        ("vehicle_total", "final", 2018, "9.40", "公务用车购置及运行维护费 | 9.40"),
        ("vehicle_purchase", "final", 2018, "0", "其中:购置经费 | 0"),
        ("vehicle_operation", "final", 2018, "9.40", "运行维护费 | 9.40"),
    ]


def test_a_short_name_after_another_line_is_no_part_of_the_vehicle_row() -> None:
    rows = [
        ("项目", "决算数"),
        ("公务用车购置及运行维护费", "9.40"),
        ("公务接待费", "2.10"),
        ("运行经费", "30.00"),  # after reception: not the vehicle line's running cost
    ]
    found = facts(rows, "2018年“三公”经费支出决算表\n单位:万元", kind="final")
    assert [metric for metric, *_ in found] == ["vehicle_total", "reception"]
