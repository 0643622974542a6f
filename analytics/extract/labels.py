"""Metric labels as printed in documents -> metric keys (data/reference/metric_labels.csv).

A label may name two metrics at once ('收支安排' is both income and expenditure: "income_total+
expenditure_total" in the reference file). A label whose metric is '-' is a known phrase that names
none of our metrics ('一般公共预算支出', '政府采购货物'): it stops a shorter label inside it from being
read ('支出预算' in '一般公共预算支出预算…'). Quote marks and spaces inside a label are tolerated,
since PDFs scatter them ('三公 经费 “ ”').

Some labels are *qualifiers*: generic words that, right after a specific label, only describe it
('因公出国(境)费支出预算85万元', '“三公”经费财政拨款支出预算为44.52万元'); `is_qualifier` tells them.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import NamedTuple

from analytics.extract.patterns import trie_regex
from analytics.reference import metrics, read_csv

# Characters a printed label may carry between its own characters.
_NOISE = r"[\s“”\"'‘’「」『』]*"
# What opens a row label before the label itself: '其中:', '1、', '1.', '(1)', '一、', in either order.
_ROW_PREFIX = re.compile(
    r"^\s*(?:其中\s*[:：]?)?\s*(?:\((?:\d+|[一二三四五六七八九十]+)\)|(?:\d+|[一二三四五六七八九十]+)\s*[、.．])?\s*"
    r"(?:其中\s*[:：]?)?"
)
_ROW_PREFIX_STARTS = "其(一二三四五六七八九十"  # with whitespace and digits: where _ROW_PREFIX can start
_UNIT_SUFFIX = re.compile(r"\((?:万?元|平方米|台、辆|辆|台)\)$")
_STRIP = re.compile(r"[\s“”\"'‘’「」『』]")


class LabelMatch(NamedTuple):
    """A label found in a text: where it stands, as printed, and the metrics it names (a named tuple:
    every clause read makes a few)."""

    start: int
    end: int
    text: str
    metrics: tuple[str, ...]

    @property
    def is_blocker(self) -> bool:
        """A known phrase that names none of our metrics."""
        return not self.metrics

    @property
    def is_qualifier(self) -> bool:
        """Generic or blocking words that describe the label before them rather than name a figure."""
        return not self.metrics or _qualifies(self.text)


# Generic labels that, right after a specific label, only qualify it.
QUALIFIERS = frozenset(
    {
        "支出预算",
        "预算支出",
        "收入预算",
        "预算收入",
        "本年支出",
        "本年收入",
        "部门支出",
        "部门收入",
        "总支出",
        "总收入",
        "支出合计",
        "收入合计",
        "财政拨款",
    }
)
# Spending by source of funds: a figure of its own, but right after a specific label only its source
# ('“三公”经费财政拨款支出决算为…' is the 三公 figure). Unlike the generic words above, a longer label
# overlapping one of these does not win ('一般公共预算支出预算…' is not '支出预算').
SOURCES = frozenset({"财政拨款支出", "一般公共预算支出", "一般公共预算财政拨款支出", "一般公共预算拨款支出"})


@lru_cache(maxsize=1 << 12)
def _qualifies(text: str) -> bool:
    """Whether a label's text is one of the generic words or sources (cached: labels repeat)."""
    key = _STRIP.sub("", text)
    return key in QUALIFIERS or key in SOURCES


@cache
def _label_index() -> tuple[re.Pattern[str], dict[str, tuple[str, ...]]]:
    known = metrics()
    by_label: dict[str, tuple[str, ...]] = {}
    for row in read_csv("metric_labels.csv"):
        keys = () if row["metric"] == "-" else tuple(row["metric"].split("+"))
        unknown = [k for k in keys if k not in known]
        if unknown:
            raise ValueError(f"metric_labels.csv: label {row['label']!r} names unknown metric {unknown}")
        by_label[_STRIP.sub("", row["label"])] = keys
    # a trie, so that '一般公共预算收入' wins over '预算收入' where both could start
    return re.compile(trie_regex(by_label, between=_NOISE)), by_label


def find_labels(text: str) -> list[LabelMatch]:
    """Every metric label in `text`, left to right, longest match at each place."""
    pattern, by_label = _label_index()
    found: list[LabelMatch] = []
    for match in pattern.finditer(text):
        label = match.group()
        key = label if label in by_label else _STRIP.sub("", label)  # quote marks or spaces inside
        found_label = LabelMatch(match.start(), match.end(), label, by_label[key])
        if key in QUALIFIERS:  # a generic label: a longer one overlapping it may win
            found_label = _prefer_longer_reading(text, found_label)
        found.append(found_label)
    return found


def has_label(text: str) -> bool:
    """Whether `text` holds any label (including the blockers that name no metric)."""
    pattern, _ = _label_index()
    return pattern.search(text) is not None


def _prefer_longer_reading(text: str, label: LabelMatch) -> LabelMatch:
    """A generic label that a longer one overlaps and outruns gives way: '部门预算收入总计' is
    '收入总计' (the grand total), not '预算收入' followed by '总计'."""
    if not label.is_qualifier or label.is_blocker or _STRIP.sub("", label.text) in SOURCES:
        return label
    pattern, by_label = _label_index()
    for start in range(label.start + 1, label.end):
        match = pattern.match(text, start)
        if match and match.end() > label.end:
            key = _STRIP.sub("", match.group())
            return LabelMatch(match.start(), match.end(), match.group(), by_label[key])
    return label


def squeeze(cell: str) -> str:
    """A cell without any whitespace ('合 计' -> '合计')."""
    return "".join(cell.split())


def strip_row_prefix(label: str) -> str:
    """A row label without its numbering and '其中:' ('其中:(1)公务用车运行维护费' -> '公务用车运行维护费')."""
    first = label[:1]
    if first and not (first.isspace() or first.isdecimal() or first in _ROW_PREFIX_STARTS):
        return label  # no prefix can start here (most labels)
    return _ROW_PREFIX.sub("", label)


def label_metrics(text: str) -> tuple[str, ...]:
    """The metrics of a whole cell or row label ('2、车辆(台、辆)' -> ()), exact after stripping
    numbering and bracketed units; empty when the text is not exactly a known label."""
    _, by_label = _label_index()
    core = _UNIT_SUFFIX.sub("", _STRIP.sub("", strip_row_prefix(text)))
    return by_label.get(core, ())
