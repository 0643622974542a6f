"""A department's level of government, told at extraction (`documents.level`)."""

from __future__ import annotations

import pytest

from analytics.extract.level import department_level, with_level
from analytics.model import Metadata


@pytest.mark.parametrize(
    ("department", "region", "expected"),
    [
        ("廊坊市财政局", "廊坊市", "prefecture"),
        ("三河市审计局", "三河市", "county"),
        ("河北省财政厅", "河北省", "province"),
        ("西双版纳州教育局", "西双版纳州", "prefecture"),  # an autonomous prefecture's short name
        ("濟寧市第二人民醫院", "濟寧市", "prefecture"),  # a region printed in traditional characters
        ("廊坊市科学技术协会", None, "prefecture"),  # no region: the name tells
        ("国家税务总局", None, "central"),
        ("外交部", None, "central"),  # a ministry's ending
        ("审计署", None, "central"),
        ("国务院办公厅", None, "central"),
        ("某单位", None, None),  # nothing tells
        (None, None, None),
    ],
)
def test_department_level(department: str | None, region: str | None, expected: str | None) -> None:
    assert department_level(department, region) == expected


def test_metadata_carries_the_level() -> None:
    metadata = with_level(Metadata(department="三河市审计局", region="三河市"))
    assert metadata.level == "county"
