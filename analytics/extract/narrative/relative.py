"""Short names that stand for a metric only under a subject of its family (vocabulary.toml's
`relative_labels`): '公务用车购置及运行费12万元,其中:购置费0万元、运行费12万元' names the vehicle
purchase and running costs, while '购置费' in a sentence about equipment names nothing of ours."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from functools import cache

from analytics.extract.labels import LabelMatch, find_labels, squeeze, strip_row_prefix
from analytics.extract.narrative.words import GENERIC_MAY_FOLLOW
from analytics.extract.numbers import to_wan
from analytics.model import Fact, new_fact
from analytics.reference import metrics, vocabulary


@cache
def _by_parent() -> dict[str, tuple[re.Pattern[str], dict[str, str]]]:
    """parent metric -> (a pattern of its short names, short name -> metric)."""
    known = metrics()
    names: dict[str, dict[str, str]] = {}
    for key, words in vocabulary()["relative_labels"].items():
        parent, _, metric = key.partition(">")
        if parent not in known or metric not in known:
            raise ValueError(f"vocabulary.toml relative_labels: {key!r} names an unknown metric")
        for word in words:
            names.setdefault(parent, {})[word] = metric
    return {
        parent: (re.compile("|".join(re.escape(w) for w in sorted(found, key=len, reverse=True))), found)
        for parent, found in names.items()
    }


RELATIVE_PARENTS = frozenset(key.partition(">")[0] for key in vocabulary()["relative_labels"])
# The first characters of every short name: a text holding none of them holds no short name.
_FIRST_CHARACTER = re.compile(
    "["
    + "".join(sorted({re.escape(w[0]) for words in vocabulary()["relative_labels"].values() for w in words}))
    + "]"
)


def may_hold_relative_labels(text: str) -> bool:
    """A quick look: whether `text` may hold a short name of any family."""
    return _FIRST_CHARACTER.search(text) is not None


def short_name_of_part(label: str, wholes: list[str]) -> tuple[str, ...]:
    """The metrics of a table row's label that is, whole, a short name of a part of one of `wholes`
    (the rows above it: '其中:购置经费' under the vehicle row); () for anything else.

    >>> short_name_of_part("其中:购置经费", ["vehicle_total"]), short_name_of_part("运行维护费", ["vehicle_total"])
    (('vehicle_purchase',), ('vehicle_operation',))
    >>> short_name_of_part("办公设备购置费", ["vehicle_total"]), short_name_of_part("购置经费", [])
    ((), ())
    """
    if not wholes:
        return ()
    core = squeeze(strip_row_prefix(label))
    found = relative_labels(core, wholes, [])
    if len(found) == 1 and (found[0].start, found[0].end) == (0, len(core)):
        return found[0].metrics
    return ()


def relative_labels(text: str, parents: Iterable[str], taken: list[LabelMatch]) -> list[LabelMatch]:
    """The short names in `text` of the families of `parents`, where no label stands already and no
    other name runs into them ('设备购置费' is not '购置费').

    >>> [label.metrics for label in relative_labels("其中:购置费0万元、运行费12万元", ["vehicle_total"], [])]
    [('vehicle_purchase',), ('vehicle_operation',)]
    >>> relative_labels("办公设备购置费3万元", ["vehicle_total"], [])
    []
    >>> from analytics.extract.labels import find_labels
    >>> text = "一般公共预算财政拨款运行经费817万元"
    >>> [label.metrics for label in relative_labels(text, ["operating_expenses"], find_labels(text))]
    [('operating_expenses',)]
    """
    found: list[LabelMatch] = []
    if not may_hold_relative_labels(text):
        return found
    for parent in dict.fromkeys(parents):
        entry = _by_parent().get(parent)
        if entry is None:
            continue
        pattern, names = entry
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(label.start < end and start < label.end for label in [*taken, *found]):
                continue
            before = text[start - 1] if start else ""
            after_label = any(label.end == start for label in taken)  # '财政拨款运行经费'
            if "\u4e00" <= before <= "\u9fff" and before not in GENERIC_MAY_FOLLOW and not after_label:
                continue
            found.append(LabelMatch(start, end, match.group(), (names[match.group()],)))
    return sorted(found, key=lambda label: label.start)


def with_relative_labels(text: str, labels: list[LabelMatch], context: list[LabelMatch]) -> list[LabelMatch]:
    """A clause's labels and the short names of the parts of the families its `context` (the
    subjects it goes on about, and its own labels) names ('其中:购置费0万元'); callers look first
    whether the clause `may_hold_relative_labels`."""
    parents = [metric for label in context for metric in label.metrics if metric in RELATIVE_PARENTS]
    extra = relative_labels(text, parents, labels) if parents else []
    return sorted([*labels, *extra], key=lambda label: label.start) if extra else labels


# An amount with a note in brackets naming what it is ('8万元(运行费)', '8万元(均为运行维护费)';
# '(全部为…)' is the reader's `_all_of_it`).
_NOTED_AMOUNT = re.compile(
    r"(?P<number>\d[\d,]*(?:\.\d+)?)\s*(?P<unit>万元|亿元|千元|元)\s*"
    r"\((?:均|都)?(?:为|是|系)?(?P<note>[^()\d,;。]{2,12})\)"
)


def noted_parts(sentence: str, facts: list[Fact]) -> list[Fact]:
    """'公务用车购置及运行费8万元(运行费)': the note says the whole amount is one part's, so the part
    has the amount too (of the same year and kind as the whole's).

    >>> from analytics.model import new_fact
    >>> whole = new_fact("vehicle_total", "amount", Decimal(8), 2019, "budget", "万元", "stated", None,
    ...                  "narrative", "公务用车购置及运行费8万元(运行费)")
    >>> [(f.metric, f.value) for f in noted_parts("公务用车购置及运行费8万元(运行费),较上年持平", [whole])]
    [('vehicle_operation', Decimal('8'))]
    >>> noted_parts("公务用车购置及运行费8万元(含车改补贴)", [whole])
    []
    """
    if "费)" not in sentence or not facts:
        return []
    found: list[Fact] = []
    for match in _NOTED_AMOUNT.finditer(sentence):
        note = match["note"]
        value = to_wan(Decimal(match["number"].replace(",", "")), match["unit"])
        for whole in facts:
            if whole.measure != "amount" or whole.value != value or whole.metric not in RELATIVE_PARENTS:
                continue
            named = find_labels(note) or relative_labels(note, [whole.metric], [])
            if len(named) != 1 or (named[0].start, named[0].end) != (0, len(note)):
                continue
            found.extend(
                new_fact(**{**whole.__dict__, "metric": metric})
                for metric in named[0].metrics
                if metrics()[metric].parent == whole.metric
            )
    return found
