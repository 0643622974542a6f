"""The catalogue of standard disclosure tables (data/reference/standard_tables.toml): which one a
table is, and what its row and column labels mean there.

A table is matched by its title first: the caption a reader attached, else the short lines just
above it, searched for the catalogue's title variants (the longest found wins; what follows it on
the line may only be a unit or '(续)'). Without a title, header cues decide ('因公出国' and
'公务接待' in the header rows: a "三公" table). Where a title fits an entry of either kind, the
document's kind decides.

Labels then mean what the matched table says. In a 财政拨款收支总表, '收入合计' is the fiscal
appropriation's grand total (`fiscal_grand_total`), not the department's income; a 基本支出 row there
is the appropriation's basic spending, which no metric of ours names. The resolution, for a label on
a side ('income' or 'expenditure'):

    1. the table's own labels for that side, then for the whole table ('-': none);
    2. a bare '合计' / '总计' / '小计': the table's total;
    3. the vocabulary's labels (metric_labels.csv), kept only where the table can state the metric.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Literal

from analytics.extract.labels import label_metrics, strip_row_prefix
from analytics.extract.patterns import trie_regex
from analytics.model import Kind
from analytics.reference import metrics, reference_dir

Side = Literal["income", "expenditure"]

TOTAL_WORDS = re.compile(r"^(?:合计|总计|小计|金额合计)$")
_ENDS_WITH_TOTAL = re.compile(r"(?:合计|小计|总计)$")
_NOISE = re.compile(r"[\s“”\"'‘’「」『』]")
_TAIL_OK = re.compile(r"^[()（）\[\]【】续表0-9:：\-—_.,，、]*$")
_BRACKETED = re.compile(r"[(（][^()（）]{0,12}[)）]")
# Words that, right before a title found inside a longer one, make it another table: the 财政拨款支出
# 预算表 inside '政府性基金预算财政拨款支出预算表' is not that table.
_QUALIFIED = re.compile(
    r"(?:一般公共预算|公共财政预算|政府性基金(?:预算)?|国有资本经营(?:预算)?|财政拨款|机关运行经费|项目|基本|三公经费)$"
)
_UNIT_LABEL = re.compile(r"单位[:：]|金额单位")
_MAX_TITLE_LINE = 80  # characters: a longer line is a sentence, not a table title
_THIS_YEAR = ("本年", "当年")


@dataclass(frozen=True)
class StandardTable:
    """One entry of the catalogue (see data/reference/standard_tables.toml for the fields)."""

    key: str
    kind: Kind | Literal["any"]
    name: str
    numbers: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    header: tuple[tuple[str, ...], ...] = ()
    sides: bool = False
    side: Side | None = None
    total: str | None = None
    metrics: frozenset[str] | None = None
    labels: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False, compare=False)
    income: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False, compare=False)
    expenditure: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False, compare=False)
    after_carryover: bool = False
    total_row: bool = False

    def __hash__(self) -> int:  # the key names the entry (the meanings are cached per entry and label)
        return hash(self.key)

    def meaning(self, label: str, side: Side | None = None) -> tuple[str, ...]:
        """The metrics `label` names in this table, on `side` (None: the table's own side)."""
        return _meaning(self, label, side or self.side)

    def grand_total(self, metric: str) -> str:
        """What a side's bare total below its carry-over row stands for."""
        if self.after_carryover:
            return {"income_total": "income_grand_total", "expenditure_total": "expenditure_grand_total"}.get(
                metric, metric
            )
        return metric


_PAREN_NUMBER = re.compile(r"^(?:其中[:：]?)?[(（][一二三四五六七八九十]{1,3}[)）]")


def clean_label(label: str) -> str:
    """A label as the catalogue spells it: no spaces, quote marks or row numbering ('1.', '(1)',
    '一、', '(一)')."""
    squeezed = _NOISE.sub("", label)
    return strip_row_prefix(_PAREN_NUMBER.sub("", squeezed))


@lru_cache(maxsize=1 << 13)
def _meaning(table: StandardTable, label: str, side: Side | None) -> tuple[str, ...]:
    cleaned = clean_label(label)
    own = table.income if side == "income" else table.expenditure if side == "expenditure" else {}
    for mapping in (own, table.labels):
        if cleaned in mapping:
            return mapping[cleaned]
    if TOTAL_WORDS.match(cleaned):
        return (table.total,) if table.total else ()
    found = label_metrics(cleaned)
    if not found and _ENDS_WITH_TOTAL.search(cleaned):
        trimmed = cleaned[:-2]
        for mapping in (own, table.labels):
            if trimmed in mapping:
                return mapping[trimmed]
        found = label_metrics(trimmed)  # '“三公”经费合计'
    if table.metrics is not None:
        found = tuple(m for m in found if m in table.metrics)
    return found


def is_this_years(label: str) -> bool:
    """'本年收入合计', '当年支出小计': a total that says it is this year's alone."""
    return clean_label(label).startswith(_THIS_YEAR)


@cache
def catalogue() -> tuple[StandardTable, ...]:
    """Every entry of data/reference/standard_tables.toml, in the file's order (checked on loading:
    every metric named must be in the vocabulary)."""
    with (reference_dir() / "standard_tables.toml").open("rb") as handle:
        data = tomllib.load(handle)
    known = metrics()
    entries = []
    for raw in data["table"]:

        def keys(value: str, where: str, raw: dict[str, object] = raw) -> tuple[str, ...]:
            found = () if value in ("", "-") else tuple(value.split("+"))
            unknown = [k for k in found if k not in known]
            if unknown:
                raise ValueError(f"standard_tables.toml: {raw['key']} {where} names unknown metric {unknown}")
            return found

        def mapping(name: str, raw: dict[str, object] = raw) -> dict[str, tuple[str, ...]]:
            table = raw.get(name, {})
            assert isinstance(table, dict)
            return {clean_label(label): keys(metric, f"{name}.{label}") for label, metric in table.items()}

        listed = raw.get("metrics")
        total = keys(raw.get("total", ""), "total")
        entries.append(
            StandardTable(
                key=raw["key"],
                kind=raw["kind"],
                name=raw["name"],
                numbers=tuple(raw.get("numbers", ())),
                titles=tuple(_NOISE.sub("", t) for t in raw.get("titles", ())),
                header=tuple(tuple(group) for group in raw.get("header", ())),
                sides=bool(raw.get("sides", False)),
                side=raw.get("side"),
                total=total[0] if total else None,
                metrics=None if listed is None else frozenset(k for m in listed for k in keys(m, "metrics")),
                labels=mapping("labels"),
                income=mapping("income"),
                expenditure=mapping("expenditure"),
                after_carryover=bool(raw.get("after_carryover", False)),
                total_row=bool(raw.get("total_row", False)),
            )
        )
    return tuple(entries)


@cache
def _titles() -> tuple[re.Pattern[str], dict[str, tuple[StandardTable, ...]]]:
    by_title: dict[str, list[StandardTable]] = {}
    for entry in catalogue():
        for title in entry.titles:
            by_title.setdefault(title, []).append(entry)
    pattern = re.compile(f"(?=({trie_regex(by_title)}))")
    return pattern, {title: tuple(entries) for title, entries in by_title.items()}


def by_key(key: str) -> StandardTable:
    return next(entry for entry in catalogue() if entry.key == key)


def title_match(line: str, kind: Kind | None) -> StandardTable | None:
    """The entry whose title a caption line names ('表4 财政拨款收支预算总表', '2019年度…决算表(续)'),
    the longest title found winning; None when the line names none or goes on after it with more
    than a unit or '(续)'.

    >>> title_match("中共某某县委办公室2018年财政拨款收支预算总表", "budget").key
    'budget_fiscal_summary'
    >>> title_match("四、财政拨款收支总表情况说明", "budget") is None
    True
    >>> title_match("财政拨款支出预算表(功能科目)", "budget").key
    'budget_fiscal_expenditure'
    >>> title_match("政府性基金预算某某支出预算表", "budget") is None  # no title of ours
    True
    """
    text = _NOISE.sub("", line)
    if not text or len(text) > _MAX_TITLE_LINE:
        return None
    pattern, by_title = _titles()
    best: tuple[int, str] | None = None
    for match in pattern.finditer(text):
        title = match.group(1)
        if best is None or len(title) > len(best[1]):
            best = (match.start(), title)
    if best is None:
        return None
    start, title = best
    tail = _UNIT_LABEL.split(text[start + len(title) :])[0]
    if not _TAIL_OK.match(_BRACKETED.sub("", tail)) or _QUALIFIED.search(text[:start]):
        return None
    entries = by_title[title]
    return next((e for e in entries if e.kind in (kind, "any")), entries[0])


def header_match(header: str, kind: Kind | None) -> StandardTable | None:
    """The entry whose header cues the header rows' text holds (the most specific cue group wins)."""
    text = _NOISE.sub("", header)
    best: tuple[int, StandardTable] | None = None
    for entry in catalogue():
        if entry.kind not in (kind, "any"):
            continue
        for group in entry.header:
            if all(word in text for word in group) and (best is None or len(group) > best[0]):
                best = (len(group), entry)
    return best[1] if best else None


def match_table(caption_lines: list[str], header: str, kind: Kind | None) -> StandardTable | None:
    """The catalogue entry of a table: by title (caption lines, nearest the table first), else by
    header cues; None when neither says."""
    for line in reversed(caption_lines):
        found = title_match(line, kind)
        if found is not None:
            return found
    return header_match(header, kind)
