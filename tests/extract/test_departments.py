"""Canonical department names: one name per real department across years and spellings."""

from __future__ import annotations

import pytest

from analytics.extract.departments import canonical_department, department_type
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
    ],
)
def test_type(name: str, kind: str) -> None:
    assert department_type(name) == kind
