"""Each division's chain: the province and prefecture above it, by name and GB/T 2260 code."""

from __future__ import annotations

import pytest

from analytics.divisions import chain, chains


@pytest.mark.parametrize(
    "code, level, province, prefecture, county",
    [
        ("530581", "county", ("云南省", "530000"), ("保山市", "530500"), ("腾冲市", "530581")),
        ("532800", "prefecture", ("云南省", "530000"), ("西双版纳傣族自治州", "532800"), (None, None)),
        ("5328", "prefecture", ("云南省", "530000"), ("西双版纳傣族自治州", "532800"), (None, None)),
        ("320000", "province", ("江苏省", "320000"), (None, None), (None, None)),
        # a district of a municipality: the municipality stands at the prefecture level too
        ("500102", "county", ("重庆市", "500000"), ("重庆市", "500000"), ("涪陵区", "500102")),
        # a county-level city the province governs directly has no prefecture
        ("429004", "county", ("湖北省", "420000"), (None, None), ("仙桃市", "429004")),
        # a prefecture-level city without counties is a prefecture, not a county
        ("441900", "prefecture", ("广东省", "440000"), ("东莞市", "441900"), (None, None)),
        ("710000", "province", ("台湾省", "710000"), (None, None), (None, None)),
    ],
)
def test_chain(
    code: str,
    level: str,
    province: tuple[str, str],
    prefecture: tuple[str | None, str | None],
    county: tuple[str | None, str | None],
) -> None:
    found = chain(code)
    assert found is not None
    assert found.level == level
    assert (found.province, found.province_code) == province
    assert (found.prefecture, found.prefecture_code) == prefecture
    assert (found.county, found.county_code) == county


def test_every_division_has_a_six_digit_code_and_a_chain() -> None:
    every = chains()
    assert len(every) > 3000
    assert all(len(code) == 6 and code.isdigit() for code in every)
    assert chain(None) is None and chain("999999") is None
