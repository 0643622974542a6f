"""A printed name made ready to be read: what goes (notes, a template's repeated place) and what
stays (a bracketed second name or organ), and how the canonical form reads the bracket."""

from __future__ import annotations

import pytest

from analytics.extract.department_forms import bracketed, clean_name
from analytics.extract.departments import canonical_department, named, plausible_name


@pytest.mark.parametrize(
    "printed, cleaned",
    [
        ("特将临川区审计局(本级)", "临川区审计局"),  # a note and a leading verb go
        ("临川区人民医院(临川区第二人民医院):", "临川区人民医院(临川区第二人民医院)"),
        ("“临川区人民医院(临川区第二人民医院)”", "临川区人民医院(临川区第二人民医院)"),
        # a page template writes the district before a name that names it again
        ("黄陂区黄陂区审计局", "黄陂区审计局"),
        ("黄陂区武汉市黄陂区审计局", "武汉市黄陂区审计局"),
        ("黄陂区中国共产党武汉市黄陂区委员会宣传部", "中国共产党武汉市黄陂区委员会宣传部"),
        ("黄陂区中共武汉市黄陂区委宣传部", "中共武汉市黄陂区委宣传部"),
        # places in order, or a place repeated inside the name, are no template
        ("武汉市黄陂区审计局", "武汉市黄陂区审计局"),
        ("宁国市宁国中学", "宁国市宁国中学"),
        ("武汉市中共江岸区委宣传部", "武汉市中共江岸区委宣传部"),  # another district: not its own again
    ],
)
def test_clean_name(printed: str, cleaned: str) -> None:
    assert clean_name(printed) == cleaned


@pytest.mark.parametrize(
    "name, parts",
    [
        ("临川区人民医院(临川区第二人民医院)", ("临川区人民医院", "临川区第二人民医院")),
        ("东乡湖工业集中区(管委会)", ("东乡湖工业集中区", "管委会")),
        ("临川区审计局", None),
        ("临川区财政局(以下简称区财政局)", None),  # a bracket that explains
        ("临川区财政局(含国库支付中心)", None),
    ],
)
def test_bracketed(name: str, parts: tuple[str, str] | None) -> None:
    assert bracketed(name) == parts


@pytest.mark.parametrize(
    "name, plausible",
    [
        ("临川区人民医院(临川区第二人民医院)", True),  # one body under two names
        ("临川区综合行政执法局(临川区城市管理局)", True),
        ("东乡湖工业集中区(管委会)", True),  # a zone and its organ
        ("临川区审计局(筹)", False),
        ("临川区审计局(2019)", False),
        ("东乡湖工业集中区(办公)", False),
        ("临川区政协办", True),  # '协办' (to co-organise) ends it only where no longer suffix does
        ("临川区协办", False),
        ("临川区街道办", False),
    ],
)
def test_plausible_bracketed_and_longer_suffixes(name: str, plausible: bool) -> None:
    assert plausible_name(name) is plausible


@pytest.mark.parametrize(
    "printed, canonical",
    [
        ("临川区人民医院(临川区第二人民医院)", "临川区人民医院"),
        ("东乡湖工业集中区(管委会)", "东乡湖工业集中区管委会"),
        ("黄陂区中国共产党武汉市黄陂区委员会宣传部", "中共武汉市黄陂区委宣传部"),
    ],
)
def test_canonical_name_of_a_bracketed_or_repeated_printed_name(printed: str, canonical: str) -> None:
    name = named(printed)
    assert name is not None
    assert canonical_department(name) == canonical
