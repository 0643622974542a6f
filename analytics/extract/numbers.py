"""Amounts as printed: '474.91万元', '1,234元', '2.5亿元', '23.89%', '为0'."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

# Money units and their factor to 万元, the unit every stored amount is in.
TO_WAN: dict[str, Decimal] = {
    "万元": Decimal(1),
    "元": Decimal("0.0001"),
    "亿元": Decimal(10000),
    "千元": Decimal("0.1"),
    "万": Decimal(1),  # '0.00 万,' and '0万' at a cut: 万元 with its 元 lost
}

_ONE = Decimal(1)
_NUMBER = r"-?\d+(?:,\d{3})*(?:\.\d+)?"
# A bare '万' is 万元 only where nothing follows it that makes it another unit ('3万人次').
AMOUNT_RE = re.compile(
    rf"(?P<number>{_NUMBER})\s*(?P<unit>万元|亿元|千元|元|%|个百分点|万(?=\s*(?:$|[,;。、)(]|[较比与同增减下上])))?"
)
NUMBER_RE = re.compile(rf"^\s*(?P<number>{_NUMBER})\s*$")
UNIT_CAPTION_RE = re.compile(r"(?:金额)?单位\s*[:：]\s*(?P<unit>万元|亿元|千元|元)")


@lru_cache(maxsize=1 << 14)
def parse_number(text: str) -> Decimal | None:
    """A cell or token that is a plain number ('1,234.50', '-3') as Decimal; anything else None.
    (Cached: cells repeat, '0.00' above all; Decimal is immutable.)"""
    match = NUMBER_RE.match(text)
    if not match:
        return None
    try:
        return Decimal(match["number"].replace(",", ""))
    except InvalidOperation:
        return None


def to_wan(value: Decimal, unit: str | None) -> Decimal:
    """Convert an amount in `unit` to 万元 (no unit: taken as already in 万元)."""
    return value * TO_WAN.get(unit or "万元", _ONE)


def unit_in(text: str) -> str | None:
    """The money unit a caption or header declares ('单位：万元' -> '万元'), if any."""
    match = UNIT_CAPTION_RE.search(text)
    return match["unit"] if match else None
