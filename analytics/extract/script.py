"""Names as a document printed them, for documents printed in traditional characters.

The read stage converts every text to simplified characters (`Document.script` remembers it was
traditional). A name kept "as printed" is given back in the document's script by OpenCC's 's2t'
conversion of the simplified name. This is a reconstruction: where one simplified character stands
for several traditional ones, OpenCC picks the usual one ('岳阳县' -> '岳陽縣', where a page may have
printed '嶽陽縣'; '干' -> '幹' or '乾' by its phrase dictionary), so a rare or place-specific form
can come back differently from the page.
"""

from __future__ import annotations

from functools import cache
from typing import Protocol

import opencc


class _Converter(Protocol):
    def convert(self, text: str) -> str: ...


@cache
def _s2t() -> _Converter:
    converter: _Converter = opencc.OpenCC("s2t")
    return converter


def to_traditional(text: str) -> str:
    """Simplified -> traditional characters ('济宁市第二人民医院' -> '濟寧市第二人民醫院')."""
    return _s2t().convert(text) if text and not text.isascii() else text


def as_printed(name: str | None, script: str) -> str | None:
    """`name` in the document's script ('simplified' leaves it as it is)."""
    if name is None or script != "traditional":
        return name
    return to_traditional(name)
