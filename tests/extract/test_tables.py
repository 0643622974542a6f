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
