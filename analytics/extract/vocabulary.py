"""The extraction vocabulary (data/reference/vocabulary.toml) as compiled regular expressions.

The words live in the reference file so that analysts can read and extend them and the sample
generator can use the same ones; here each list becomes an alternation, longest word first (so
'主要原因是' wins over '原因是'), with the words escaped.

>>> words("change", "increase")[:2]
('增加', '增长')
>>> bool(pattern("change", "flat").search("与上年持平"))
True
"""

from __future__ import annotations

import re
from functools import cache

from analytics.reference import vocabulary


def words(section: str, name: str) -> tuple[str, ...]:
    """The words of one list of the vocabulary, in the file's order."""
    try:
        return tuple(vocabulary()[section][name])
    except KeyError:
        raise KeyError(f"vocabulary.toml has no list {section}.{name}") from None


def alternation(*lists: tuple[str, str]) -> str:
    """One regex alternation (a non-capturing group) of the words of the given lists, longest first."""
    chosen = {word for section, name in lists for word in words(section, name)}
    return "(?:" + "|".join(re.escape(w) for w in sorted(chosen, key=lambda w: (-len(w), w))) + ")"


@cache
def pattern(section: str, name: str) -> re.Pattern[str]:
    """The compiled alternation of one list."""
    return re.compile(alternation((section, name)))
