"""Whole numbers in Chinese numerals: each written form beside the number it reads as."""

from __future__ import annotations

import pytest

from analytics.extract.numerals import chinese_count, chinese_integer


@pytest.mark.parametrize(
    ("written", "number"),
    [
        ("三", 3),
        ("两", 2),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("四十七", 47),
        ("一百零五", 105),
        ("一百一十", 110),
        ("两百", 200),
        ("一千零一十", 1010),
        ("三千二百零八", 3208),
        # the financial capitals, as forms and some offices print counts
        ("壹", 1),
        ("贰", 2),
        ("叁拾", 30),
        ("拾贰", 12),
        ("肆拾伍", 45),
        ("陆佰柒拾捌", 678),
        ("玖仟零玖", 9009),
        ("貳", 2),  # traditional, should the text reach us unconverted
        # digit by digit, as years are written
        ("二〇一六", 2016),
        ("二零二一", 2021),
        ("零", 0),
    ],
)
def test_a_well_formed_numeral_reads_as_its_number(written: str, number: int) -> None:
    assert chinese_integer(written) == number


@pytest.mark.parametrize(
    "written",
    [
        "",
        "十十",  # a power twice
        "十百",  # powers rising
        "二三十",  # two digits before a power
        "一百五",  # 150 in speech, 105 as written: not guessed
        "三万",  # 万 is a money unit here, never part of a count
        "三辆",
    ],
)
def test_anything_else_is_no_number(written: str) -> None:
    assert chinese_integer(written) is None


def test_a_count_of_two_digits_side_by_side_is_an_estimate() -> None:
    assert chinese_count("三四") is None  # 三四辆: three or four
    assert chinese_count("一两") is None
    assert chinese_count("壹") == 1
    assert chinese_count("十二") == 12
