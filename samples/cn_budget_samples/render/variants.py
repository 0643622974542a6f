"""Surface variants applied while rendering: full-width digits, traditional characters.

The truth keeps the composed (simplified, half-width) wording; readers normalise both variants.
"""

from __future__ import annotations

from functools import cache

import opencc

from cn_budget_samples.money import full_width


@cache
def _to_traditional() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def traditional(text: str) -> str:
    """Simplified to traditional characters (公务用车运行维护费 -> 公務用車運行維護費)."""
    converted: str = _to_traditional().convert(text)
    return converted


def surface(text: str, *, full_width_digits: bool = False, traditional_chars: bool = False) -> str:
    """The text as this document prints it."""
    if full_width_digits:
        text = full_width(text)
    if traditional_chars:
        text = traditional(text)
    return text
