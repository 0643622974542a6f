"""Divisions as documents name them: official names, short forms of autonomous ones, province names
without their suffix, traditional characters; each known by its GB/T 2260 code."""

from __future__ import annotations

import pytest

from analytics.extract.regions import (
    find_places,
    leading_places,
    most_specific_place,
    zone_prefix,
)


@pytest.mark.parametrize(
    "text, printed, official, code",
    [
        ("西双版纳州民族宗教事务局", "西双版纳州", "西双版纳傣族自治州", "532800"),
        ("寻甸县教育体育局", "寻甸县", "寻甸回族彝族自治县", "530129"),
        ("濟寧市第二人民醫院", "濟寧市", "济宁市", "370800"),
        ("山东科技职业学院", "山东", "山东省", "370000"),
        ("西安市新城区卫生局", "新城区", "新城区", "610102"),  # the 新城区 of 西安
    ],
)
def test_most_specific_place(text: str, printed: str, official: str, code: str) -> None:
    place = most_specific_place(text)
    assert place is not None
    assert (place.printed, place.division.name, place.division.gb_code) == (printed, official, code)


def test_an_ambiguous_name_alone_is_dropped() -> None:
    assert find_places("新城区卫生局") == []  # 新城区 is in 西安 and in 呼和浩特


def test_leading_places() -> None:
    places, rest = leading_places("宣城市宣州区审计局")
    assert ([p.printed for p in places], rest) == (["宣城市", "宣州区"], "审计局")


def test_the_longest_name_wins_where_names_overlap() -> None:
    assert [p.printed for p in find_places("在岳阳县和岳阳市")] == ["岳阳县", "岳阳市"]


@pytest.mark.parametrize(
    "name, zone",
    [
        ("九华山风景区宗教事务局", "九华山风景区"),
        ("苏州工业园区管委会", "苏州工业园区"),
        ("宗教事务局", None),
    ],
)
def test_zone_prefix(name: str, zone: str | None) -> None:
    assert zone_prefix(name) == zone
