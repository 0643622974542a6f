"""The department a title-like line names."""

from __future__ import annotations

import pytest

from analytics.extract.department_titles import names_in_title


@pytest.mark.parametrize(
    "title, names",
    [
        ("临川区审计局2019年部门预算", [("临川区审计局", None)]),
        ("2019年临川区审计局部门预算", [("临川区审计局", None)]),
        ("临川区2019年度审计局“三公”经费决算", [("审计局", "临川区")]),
        # a place and a sector before 部门: the sector's department as a whole
        ("2019年度临川区教育部门“三公”经费决算情况说明", [("临川区教育部门", None)]),
        ("临川区卫生部门2020年“三公”经费预算", [("临川区卫生部门", None)]),
        ("2020年临川区农业部门“三公”经费预算", [("临川区农业部门", None)]),
        # no sector, or no place: no name
        ("2019年度临川区部门“三公”经费决算", []),
        ("2019年度临川区各部门“三公”经费决算", []),
        ("2019年度临川区宣讲部门“三公”经费决算", []),
        ("2019年度教育部门“三公”经费决算", []),
        # a bracketed second name or organ stays with the name
        (
            "临川区人民医院(临川区第二人民医院)2020年度部门决算",
            [("临川区人民医院(临川区第二人民医院)", None)],
        ),
        ("东乡湖工业集中区(管委会)2024年", [("东乡湖工业集中区(管委会)", None)]),
    ],
)
def test_names_in_title(title: str, names: list[tuple[str, str | None]]) -> None:
    assert names_in_title(title) == names
