"""Exact money arithmetic and the ways documents print amounts.

Every figure is a `Decimal` in 万元 quantised to 0.01; sums are exact because the parts are
quantised before they are added. Printing is a separate question: two decimals ('193.30'),
an integer where the document prints whole amounts ('22'), or 元 for a table captioned 单位：元.
"""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
_FULL_WIDTH = str.maketrans("0123456789.%", "０１２３４５６７８９．％")


def q2(value: Decimal | int | str) -> Decimal:
    """Round to the cent (half up, as finance offices do)."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def wan(value: str) -> Decimal:
    """A literal amount in 万元: `wan("474.91")`."""
    return q2(Decimal(value))


def jitter(rng: random.Random, value: Decimal, low: float, high: float) -> Decimal:
    """`value` times a random factor in [low, high], rounded to the cent.

    The factor is drawn as an integer number of basis points so that the result depends only on
    the generator's state, never on binary floating point."""
    basis_points = rng.randint(round(low * 10000), round(high * 10000))
    return q2(value * basis_points / Decimal(10000))


def pct_change(change: Decimal, prior: Decimal) -> Decimal | None:
    """Year-on-year change in percent, two decimals; None when there is no prior base."""
    if prior == 0:
        return None
    return q2(change * 100 / prior)


def share_pct(part: Decimal, whole: Decimal) -> Decimal:
    """`part` as a percentage of `whole` ('完成年初预算的98.52%')."""
    return q2(part * 100 / whole) if whole else ZERO


def split(total: Decimal, weights: list[int]) -> list[Decimal]:
    """Split `total` into parts proportional to `weights`; the last part takes the rounding so the
    parts add up to `total` exactly."""
    whole = sum(weights)
    parts = [q2(total * w / whole) for w in weights[:-1]]
    return [*parts, total - sum(parts, ZERO)]


def fmt(value: Decimal, *, integers: bool = False) -> str:
    """An amount in 万元 as printed: two decimals, or an integer when `integers` and it is whole."""
    if integers and value == value.to_integral_value():
        return str(int(value))
    return f"{q2(value):.2f}"


def fmt_yuan(value: Decimal, *, thousands: bool = False) -> str:
    """An amount given in 万元 printed in 元 (the 10,000x trap of tables captioned 单位：元)."""
    yuan = q2(value * 10000)
    return f"{yuan:,.2f}" if thousands else f"{yuan:.2f}"


def fmt_pct(value: Decimal) -> str:
    """A percentage without its sign: '19.50'."""
    return f"{abs(q2(value)):.2f}"


def full_width(text: str) -> str:
    """ASCII digits, the decimal point and '%' as full-width characters (４７４．９１)."""
    return text.translate(_FULL_WIDTH)
