"""Canonical department names: one name per real department across years and spellings."""

from __future__ import annotations

import pytest

from analytics.extract.departments import (
    canonical_department,
    department_type,
    is_central,
    plausible_name,
    same_department,
)
from analytics.extract.regions import most_specific


@pytest.mark.parametrize(
    "printed, others, region, canonical",
    [
        ("中共江苏省委办公厅", [], None, "中共江苏省委办公厅"),
        ("江苏省委办公厅", [], None, "中共江苏省委办公厅"),
        ("中国共产党江苏省委员会办公厅", [], None, "中共江苏省委办公厅"),
        ("省法院", [], "江苏省", "江苏省高级人民法院"),
        ("省法院", ["江苏省高级人民法院"], None, "江苏省高级人民法院"),
        ("江苏省高级人民法院", [], None, "江苏省高级人民法院"),
        ("市科协", [], "廊坊市", "廊坊市科学技术协会"),
        ("市科协", ["合肥市科学技术协会"], None, "合肥市科学技术协会"),
        ("廊坊市科协", [], None, "廊坊市科学技术协会"),
        ("郑州市卫健委", [], None, "郑州市卫生健康委员会"),
        ("柳州市鱼峰区人民代表大会常务委员会", [], None, "柳州市鱼峰区人大常委会"),
        ("重庆市大渡口区城市管理局(本级)", [], None, "重庆市大渡口区城市管理局"),
        ("上海市普陀区委社会工作部", [], None, "中共上海市普陀区委社会工作部"),
        ("中国审计署", [], None, "审计署"),  # a news item's country before a ministry
        ("中国科学院", [], None, "中国科学院"),  # an institution named so
        ("和平区审计局", [], "天津市", "和平区审计局"),  # an ambiguous place is a place: no second prefix
    ],
)
def test_canonical(printed: str, others: list[str], region: str | None, canonical: str) -> None:
    division = most_specific(region) if region else None
    assert canonical_department(printed, others, division) == canonical


@pytest.mark.parametrize(
    "name, kind",
    [
        ("廊坊市科学技术协会", "科协"),
        ("中共江苏省委办公厅", "党政办公"),
        ("腾冲市腾越街道办事处", "乡镇街道"),
        ("天水市幼儿园", "教育"),
        ("柳州市鱼峰区人大常委会", "人大"),
        ("深圳市财政委员会", "财政"),
        ("中国科学院", "科技"),
    ],
)
def test_type(name: str, kind: str) -> None:
    assert department_type(name) == kind


@pytest.mark.parametrize(
    "name, plausible",
    [
        ("徐闻县经科局", True),
        ("宣城市直机关工委", True),
        ("江汉区民意街", True),
        ("九华山风景区宗教事务局", True),
        ("国办", True),
        ("海南省我厅", False),  # a pronoun after the place
        ("本部门", False),
        ("全镇", False),
        ("三门县二、三门县公安局", False),  # a list
        ("的办公费、印刷费、水电费", False),
        ("合肥市开闭馆", False),  # 馆 alone is no department suffix
        ("岳阳县", False),  # a place, not a department
        ("收支", False),
        ("中国新闻网", False),
        ("领导干部", False),
        ("和平区审计局", True),  # 和平区 (天津's or 沈阳's) opens it, not the particle 和
        ("和科技局", False),
    ],
)
def test_plausible_name(name: str, plausible: bool) -> None:
    assert plausible_name(name) is plausible


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("游仙区政府办", "游仙区人民政府办公室", True),
        ("区直工委", "中共宣城市宣州区直属机关工作委员会", True),
        ("宣城市直工委", "宣城市直机关工委", True),
        ("徐闻县经科局", "徐闻县经济信息化和科技局", True),
        ("国办", "国务院办公厅", True),
        ("瓦窑乡", "隆阳区瓦窑乡人民政府", True),
        ("市科协", "合肥市科学技术协会", True),
        ("江汉区民意街", "江汉区人民政府", False),
        ("市人大", "市人大常委会办公厅", False),
        ("徐闻县经科局", "雷州市经科局", False),  # other places
        ("审计局", "财政局", False),
        ("普陀区民政局", "上海市普陀区民政局", True),  # 普陀区 alone: 上海's or 舟山's
        ("普陀区民政局", "上海市普陀区财政局", False),
    ],
)
def test_same_department(a: str, b: str, same: bool) -> None:
    assert same_department(a, b) is same
    assert same_department(b, a) is same


@pytest.mark.parametrize(
    "printed, central, canonical",
    [
        ("国办", True, "国务院办公厅"),
        ("科技部", True, "科学技术部"),
        ("国资委", True, "国务院国资委"),
        ("国务院国资委", False, "国务院国资委"),
        ("国务院国有资产监督管理委员会", False, "国务院国资委"),
        ("市国资委", False, "市国有资产监督管理委员会"),
        ("科技局", True, "科技局"),  # a local organ's abbreviation is no central alias
    ],
)
def test_central_aliases(printed: str, central: bool, canonical: str) -> None:
    assert canonical_department(printed, central=central) == canonical


@pytest.mark.parametrize(
    "name, central",
    [("外交部", True), ("审计署", True), ("国办", True), ("中国科学院", True), ("教育局", False),
     ("市委组织部", False), ("中国共产党江苏省委员会办公厅", False), ("普陀区统战部", False)],
)  # fmt: skip
def test_is_central(name: str, central: bool) -> None:
    assert is_central(name) is central


@pytest.mark.parametrize(
    "name",
    [
        "衢江区财政局",
        "浙江省衢州市衢江区财政局",
        "涪陵区新妙镇",
        "腾冲市腾越街道办事处",
        "江苏省高级人民法院",
    ],
)
def test_canonical_names_keep_the_places_the_document_gives(name: str) -> None:
    """No prefecture is added and no province dropped: the region's chain is in its own columns."""
    assert canonical_department(name) == name


def test_a_short_name_completed_by_the_region_takes_the_region_as_named() -> None:
    assert canonical_department("财政局", region=most_specific("衢江区")) == "衢江区财政局"
