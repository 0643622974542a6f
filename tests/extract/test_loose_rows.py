"""Rows that a text export printed without their empty cells (`Table.loose`): each case shows the
table, the row, and the figures read, which are only those the table's sums leave one column for."""

from __future__ import annotations

from pathlib import Path

import pytest

from analytics.extract import extract
from analytics.extract.table_reading import read_table
from analytics.model import Kind, Table
from analytics.read import read_document

EXCERPTS = Path(__file__).resolve().parents[2].parent / "shared" / "real" / "excerpts"

ABOVE = ["2019年度“三公”经费支出决算表", "单位:万元"]
# 合计 | 因公出国(境)费 | 公务用车购置及运行费 (小计 | 购置费 | 运行费) | 公务接待费: six columns
TWO_LEVELS = (
    ("合计", "因公出国(境)费", "公务用车购置及运行费", "公务接待费", "", ""),
    ("小计", "公务用车购置费", "公务用车运行费", "", "", ""),
)

Row = tuple[str, str, str, str]  # metric, kind, value, quote


def read(
    rows: tuple[tuple[str, ...], ...], loose: tuple[str, ...], kind: Kind = "final"
) -> tuple[list[Row], list[str]]:
    reading = read_table(
        Table(rows=rows, loose=(loose,)), ordinal=1, above=ABOVE, year=2019, kind=kind, section=None
    )
    facts = [(f.metric, f.kind, str(f.value), f.quote) for f in reading.facts]
    return facts, [c.message for c in reading.checks if c.check == "table:loose_row"]


def test_a_row_the_sums_place_in_one_way_only_is_read_whole() -> None:
    # 10 = 6 + 4 (出国 empty), 6 = 2 + 4: no other five of the six columns keep both sums
    facts, checks = read(TWO_LEVELS, ("10.00", "6.00", "2.00", "4.00", "4.00"))
    assert facts == [
        ("three_public_total", "final", "10.00", "合计 | 10.00"),
        ("vehicle_total", "final", "6.00", "公务用车购置及运行费/小计 | 6.00"),
        ("vehicle_purchase", "final", "2.00", "公务用车购置费 | 2.00"),
        ("vehicle_operation", "final", "4.00", "公务用车运行费 | 4.00"),
        ("reception", "final", "4.00", "公务接待费 | 4.00"),
    ]
    assert checks == []


def test_a_figure_two_columns_could_hold_is_not_read_and_a_check_says_so() -> None:
    # 9 = 6 + 3 and 6 = 6 + 0: the second 6.00 is 购置费 or 运行费, the sums cannot tell
    facts, [check] = read(TWO_LEVELS, ("9.00", "6.00", "6.00", "3.00"))
    assert facts == [
        ("three_public_total", "final", "9.00", "合计 | 9.00"),
        ("vehicle_total", "final", "6.00", "公务用车购置及运行费/小计 | 6.00"),
        ("reception", "final", "3.00", "公务接待费 | 3.00"),
    ]
    assert "9.00 | 6.00 | 6.00 | 3.00 (1 of 4 not read)" in check


def test_kinds_pair_under_each_label_and_a_figure_after_them_is_its_own_column() -> None:
    # The row of kinds repeats 预算数 | 决算数 for each of the six labels it stands under; 机关运行经费
    # 决算数 names its own kind, and the figure printed after the kinds stands in its column (that row
    # lost nothing). 因公出国(境)费 is empty: ten figures for twelve columns.
    rows = (
        ("“三公”经费", "机关运行经费决算数", *[""] * 11),
        ("合计", "因公出国(境)费", "公务用车购置及运行费", "公务接待费", *[""] * 9),
        ("小计", "公务用车购置费", "公务用车运行费", *[""] * 10),
        (*["预算数", "决算数"] * 6, "120.50"),
    )
    loose = ("30.00", "25.00", "20.00", "18.00", "5.00", "3.00", "15.00", "15.00", "10.00", "7.00")
    facts, checks = read(rows, loose)
    assert facts == [
        ("operating_expenses", "final", "120.50", "机关运行经费决算数 | 120.50"),
        ("three_public_total", "budget", "30.00", "“三公”经费/合计 预算数 | 30.00"),
        ("three_public_total", "final", "25.00", "“三公”经费/合计 决算数 | 25.00"),
        ("vehicle_total", "budget", "20.00", "公务用车购置及运行费/小计 预算数 | 20.00"),
        ("vehicle_total", "final", "18.00", "公务用车购置及运行费/小计 决算数 | 18.00"),
        ("vehicle_purchase", "budget", "5.00", "公务用车购置费 预算数 | 5.00"),
        ("vehicle_purchase", "final", "3.00", "公务用车购置费 决算数 | 3.00"),
        ("vehicle_operation", "budget", "15.00", "公务用车运行费 预算数 | 15.00"),
        ("vehicle_operation", "final", "15.00", "公务用车运行费 决算数 | 15.00"),
        ("reception", "budget", "10.00", "公务接待费 预算数 | 10.00"),
        ("reception", "final", "7.00", "公务接待费 决算数 | 7.00"),
    ]
    assert checks == []


def test_parts_of_one_whole_the_sums_cannot_tell_apart_are_not_read() -> None:
    # 30 = 20 + 10 and 25 = 18 + 7 whichever two of 因公出国(境)费, 公务用车购置及运行费 and 公务接待费
    # the two pairs stand under: only 合计 is sure
    rows = (
        ("合计", "因公出国(境)费", "公务用车购置及运行费", "公务接待费", *[""] * 4),
        tuple(["预算数", "决算数"] * 4),
    )
    facts, [check] = read(rows, ("30.00", "25.00", "20.00", "18.00", "10.00", "7.00"))
    assert facts == [
        ("three_public_total", "budget", "30.00", "合计 预算数 | 30.00"),
        ("three_public_total", "final", "25.00", "合计 决算数 | 25.00"),
    ]
    assert "(4 of 6 not read)" in check


def test_a_row_no_way_of_filling_keeps_the_sums_of_gives_nothing() -> None:
    facts, [check] = read(TWO_LEVELS, ("10.00", "5.00", "2.00", "4.00", "4.00"))
    assert facts == []
    assert "(5 of 5 not read)" in check


def test_a_header_with_a_label_of_no_metric_is_not_rebuilt() -> None:
    rows = (("合计", "因公出国(境)费", "差旅费", "公务接待费"),)
    facts, [check] = read(rows, ("10.00", "6.00", "4.00"))
    assert facts == []
    assert "(3 of 3 not read)" in check


def test_a_loose_row_with_a_label_is_not_read() -> None:
    facts, [check] = read(TWO_LEVELS, ("合计", "10.00", "6.00", "2.00", "4.00", "4.00"))
    assert facts == []
    assert "(6 of 6 not read)" in check


@pytest.mark.skipif(not EXCERPTS.is_dir(), reason="the training excerpts are not beside the repo")
def test_the_training_table_with_a_shifted_row() -> None:
    # Excerpt 004: eight figures under twelve columns and a thirteenth whose figure ends the row of kinds
    extraction = extract(read_document(EXCERPTS / "004.txt"))
    table = {(f.metric, f.kind, str(f.value)) for f in extraction.facts if f.method == "table"}
    assert table == {
        ("operating_expenses", "final", "325.88"),
        ("three_public_total", "budget", "22.00"),
        ("three_public_total", "final", "8.77"),
        ("vehicle_total", "budget", "14.00"),
        ("vehicle_total", "final", "8.47"),
        ("reception", "budget", "8.00"),
        ("reception", "final", "0.30"),
    }
    [check] = [c for c in extraction.checks if c.check == "table:loose_row"]
    assert "(2 of 8 not read)" in check.message
