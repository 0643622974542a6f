"""The level of government a document's department belongs to (`Metadata.level`, the `documents.level`
column): `central` for a central department, else the level of the most specific administrative
division its region (or, failing that, its name) gives: `province`, `prefecture` or `county`; None
when nothing tells.

A central department is told by its name (see `departments.is_central`: '国家税务总局', '外交部',
'国务院办公厅'). The analyses read the stored column (the vehicle reform's year depends on the level),
so that they never need the extractor's rules.

>>> department_level("廊坊市科学技术协会", "廊坊市"), department_level("三河市审计局", "三河市")
('prefecture', 'county')
>>> department_level("外交部", None), department_level("某单位", None)
('central', None)
"""

from __future__ import annotations

from functools import lru_cache
from typing import cast

from analytics.extract.departments import is_central
from analytics.extract.regions import most_specific
from analytics.model import Level, Metadata


@lru_cache(maxsize=1 << 12)
def department_level(department: str | None, region: str | None) -> Level | None:
    """The level of a department (canonical name) whose region is `region` (as the document names it)."""
    if department and is_central(department):
        return "central"
    for text in (region, department):
        if text:
            division = most_specific(text)
            if division is not None:
                return cast(Level, division.level)
    return None


def with_level(metadata: Metadata) -> Metadata:
    """`metadata` with its `level` told from its department and region."""
    metadata.level = department_level(metadata.department, metadata.region)
    return metadata


__all__ = ["department_level", "with_level"]
