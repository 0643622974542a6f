"""The year votes and kind words of `year_kind`: what counts as a fiscal year ('YYYY年', in Arabic or
Chinese numerals, not after a digit or a decimal point, not a date nor the end of a range), a file
name's year without 年, and the phrases that say no kind."""

from __future__ import annotations

import pytest

from analytics.extract.year_kind import best_year, kind_counts, neutralised, stem_year_votes, year_votes


@pytest.mark.parametrize(
    "text, votes",
    [
        ("2019年本单位收支情况", [(2019, 1)]),
        ("说明:2019 年本单位", [(2019, 1)]),  # a space before 年
        ("二〇一九年度部门预算公开", [(2019, 3)]),  # Chinese numerals, a kind word after it
        ("三二〇一九年", [(2019, 1)]),  # a numeral that opens no year before it
        ("12019年", []),  # a digit before it: part of a longer number
        ("合计.2019年", []),  # a decimal point before it
        ("2020年3月15日印发", []),  # a date
        ("2016-2020年规划", []),  # the end of a range
        ("1989年", []),  # before the years disclosures cover
    ],
)
def test_year_votes(text: str, votes: list[tuple[int, int]]) -> None:
    assert [(v.value, v.weight) for v in year_votes(text, "body", 1)] == votes


@pytest.mark.parametrize(
    "stem, years",
    [
        ("某区审计局2018预算公开", [2018]),  # no 年 in a file name
        ("某区审计局_2014_预算", [2014]),
        ("某区审计局12018", []),  # five digits are no year
        ("content_242565", []),  # no words, no years
    ],
)
def test_stem_year_votes(stem: str, years: list[int]) -> None:
    assert [v.value for v in stem_year_votes(stem, "file name", 3)] == years


def test_best_year_is_the_heaviest_and_the_later_on_a_tie() -> None:
    votes = year_votes("2018年预算 2019年", "body", 1) + stem_year_votes("某局2018", "file name", 3)
    best = best_year(votes)
    assert best is not None and best.value == 2018 and best.weight == 3
    tie = best_year(year_votes("2018年，2019年", "body", 1))
    assert tie is not None and tie.value == 2019


def test_neutral_phrases_and_comparisons_with_a_budget_are_blanked() -> None:
    text = "一般公共预算比上年增加，较年初预算减少，与调整后预算相比"
    assert neutralised(text) == "□□□□□□比上年增加，□□□□□减少，□□□□□□相比"
    assert kind_counts("2019年度一般公共预算财政拨款决算表") == (1, 0)
