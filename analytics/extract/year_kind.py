"""The fiscal year a document reports on and its kind (budget or final accounts), from words that
truly say them.

Year: every 'YYYY年' of the title, the opening text and the file name is a vote, whatever spaces or
line breaks stand between the digits and 年 ('2019\\n年本部门…'). Not a vote: a date ('2020年3月15日',
'2016年5月实行公车改革'), a year in a range ('2016-2020年'), or the base of a comparison ('较2022年度
决算数增加', '与2019年预算相比'). A year in the title weighs most, then one in '现将…' or followed by a
kind word ('2020年度部门决算', '2024年一般公共预算…'), then the file name, then any other; the
heaviest year wins, the later one on a tie.

Kind: a kind word inside a phrase that says neither ([metadata] kind_neutral: 一般公共预算, 预算数,
年初预算, 完成预算, 预决算…) or after a comparison ('比上年决算') is no vote. The title decides; then a
'现将…' sentence; then the file name; then phrases naming the document ('2019年度部门决算'); then the
count of the remaining words. With no kind word at all, what the text does with its money is a weak
hint ('安排' a budget, '开支' final accounts); where it does both, the verb of the clause that states a
year's amount ('2022年…安排“三公”经费502.4万元').
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import NamedTuple

from analytics.extract.patterns import trie_regex
from analytics.model import Kind
from analytics.reference import vocabulary

_CN_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
# A year's four digits, 19xx or 20xx or in Chinese numerals ('二〇一九'): its first digit, then the
# rest. (So written, a regex opens with a character class, and a search skips at once every
# character no year opens with; a lookbehind before the year goes after its first digit.)
_YEAR_FIRST = "[12〇零一二三四五六七八九]"
_YEAR_REST = r"(?:(?<=1)9\d{2}|(?<=2)0\d{2}|(?<=[〇零一二三四五六七八九])[〇零一二三四五六七八九]{3})"
_YEAR_DIGITS = _YEAR_FIRST + _YEAR_REST
# 'YYYY年' (no digit or '.' before it), not a date (a month after it) nor the start of a range
# ('2016-2020年' ends one)
YEAR_RE = re.compile(
    rf"(?P<year>{_YEAR_FIRST}(?<![\d.].){_YEAR_REST})\s*年"
    r"(?!\s*\d{1,2}\s*月|\s*[〇零一二三四五六七八九十]{1,2}月)(?!\s*度?\s*[-—–~～至到]\s*\d)"
)
_RANGE_BEFORE = re.compile(r"\d\s*年?\s*[-—–~～至到]\s*$")
# A year in a file name needs no 年: '省人大办公厅2018预算公开', 'synthetic_…_2014_预算' (no digit
# before or after it).
_STEM_YEAR = re.compile(rf"(?P<year>{_YEAR_FIRST}(?<!\d.){_YEAR_REST})(?!\d)")
_HANZI = re.compile(r"[\u4e00-\u9fff]")
_KIND_AFTER = 12  # how far after a year a kind word still names the year's document


def _words(name: str) -> list[str]:
    return vocabulary()["metadata"][name]


def _alternatives(words: list[str]) -> list[str]:
    """The alternatives of `trie_regex(words)`, one per first character, each opening with it. Joined
    by '|' at the top of a regex (not inside a group after another alternation), they let the regex
    engine skip at once every character none of them opens with."""
    firsts = sorted({word[0] for word in words if word})
    return [trie_regex([word for word in words if word[:1] == first]) for first in firsts] or ["(?!)"]


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    comparison = trie_regex(_words("comparison_words"))
    kind = trie_regex(_words("final_words") + _words("budget_words"))
    budget = trie_regex(_words("budget_words"))
    weak_budget, weak_final = trie_regex(_words("weak_budget_words")), trie_regex(_words("weak_final_words"))
    return {
        "comparison_before": re.compile(rf"(?:{comparison})\s*(?:上年|去年|上一年)?\s*$"),
        # a comparison with the same year's budget ('比预算增加', '较年初预算') is what final accounts do
        # (the neutral phrases, then each comparison word with a budget after it, as one flat
        # alternation: 5x faster to search than the two tries side by side)
        "neutral": re.compile(
            "|".join(
                _alternatives(_words("kind_neutral"))
                + [
                    rf"{opening}\s*(?:年初|调整后?)?\s*(?:{budget})"
                    for opening in _alternatives(_words("comparison_words"))
                ]
            )
        ),
        "final": re.compile(trie_regex(_words("final_words"))),
        "budget": re.compile(trie_regex(_words("budget_words"))),
        "kind_after": re.compile(rf"[^。;；,，!?！？]{{0,{_KIND_AFTER}}}?(?:{kind})"),
        # a year and the kind of what it names, in the same clause ('2020年…“三公”经费预算', neutral
        # phrases blanked first)
        "naming": re.compile(rf"(?:{_YEAR_DIGITS})\s*年\s*度?[^。;；,，!?！？\d\n]{{0,16}}?(?P<kind>{kind})"),
        "weak_budget": re.compile(trie_regex(_words("weak_budget_words"))),
        "final_signs": re.compile(trie_regex(_words("final_signs"))),
        "weak_final": re.compile(trie_regex(_words("weak_final_words"))),
        "xianjiang": re.compile(r"现将[^。;；]{0,80}"),
        # a clause stating a year's amount ('2022年本部门财政拨款安排“三公”经费502.4万元'), and the
        # money verbs in it ('计划支出' is a budget's, as '安排' is)
        "stated": re.compile(
            rf"(?:{_YEAR_DIGITS})\s*年\s*度?\s*[,，]?[^。;；,，!?！？\n]{{0,40}}?\d[\d,.]*\s*万?元"
        ),
        "money_verb": re.compile(rf"(?:{weak_budget})(?:{weak_final})?|{weak_final}"),
    }


class Vote(NamedTuple):
    """One reading of a field: its value, where it stands (`source`, the `text` it was read from)
    and how much it weighs. (A named tuple: cheap to make.)"""

    value: int | str
    source: str
    text: str  # the line; '' for a vote in a longer text (see `context`)
    weight: int
    at: int = 0  # where it stands in the text searched


def context(text: str, vote: Vote) -> str:
    """The text around a vote (its line, cut to 60 characters either side)."""
    return vote.text or _around(text, vote.at)


def _year(text: str) -> int:
    return int(text.translate(_CN_DIGITS))


def year_votes(text: str, source: str, weight: int, *, line: str | None = None) -> list[Vote]:
    """The fiscal-year votes of a text: each 'YYYY年' that is no date, range or comparison base.

    `weight` is the weight of a plain year; one in a '现将…' sentence or followed by a kind word
    weighs three times as much.

    >>> [v.value for v in year_votes("2016年预算比2015年预算下降", "body", 1)]
    [2016]
    """
    patterns = _patterns()
    votes: list[Vote] = []
    xianjiang = [m.span() for m in patterns["xianjiang"].finditer(text)] if "现将" in text else []
    for match in YEAR_RE.finditer(text):
        year = _year(match["year"])
        if not 1990 <= year <= 2100:
            continue
        before = text[max(0, match.start() - 8) : match.start()]
        if _RANGE_BEFORE.search(before) or patterns["comparison_before"].search(before):
            continue
        strong = patterns["kind_after"].match(text, match.end()) is not None or any(
            start <= match.start() < end for start, end in xianjiang
        )
        votes.append(Vote(year, source, line or "", weight * (3 if strong else 1), match.start()))
    return votes


def stem_year_votes(stem: str, source: str, weight: int) -> list[Vote]:
    """Years in a file or folder name, where 年 is often left out ('2018预算公开')."""
    if not _HANZI.search(stem):  # 'content_242565', '5de0a50b…': no words, no years
        return []
    votes = year_votes(stem, source, weight, line=stem)
    if votes:
        return votes
    years = [_year(m["year"]) for m in _STEM_YEAR.finditer(stem)]
    return [Vote(year, source, stem, weight) for year in years if 1990 <= year <= 2100]


def best_year(votes: Sequence[Vote]) -> Vote | None:
    """The heaviest year (the later one on a tie), with its heaviest vote as the evidence."""
    if not votes:
        return None
    totals: dict[int | str, int] = {}
    for vote in votes:
        totals[vote.value] = totals.get(vote.value, 0) + vote.weight
    year = max(totals, key=lambda y: (totals[y], y))
    return max((v for v in votes if v.value == year), key=lambda v: v.weight)


def _around(text: str, position: int, width: int = 60) -> str:
    start = max(0, text.rfind("\n", 0, position) + 1, position - width)
    end = text.find("\n", position)
    end = min(end if end >= 0 else len(text), position + width)
    return text[start:end].strip()


def neutralised(text: str) -> str:
    """`text` with the kind words that say no kind blanked out ('一般公共预算' -> '□□□□□')."""
    return _patterns()["neutral"].sub(lambda m: "□" * len(m.group()), text)


def kind_counts(text: str) -> tuple[int, int]:
    """(final, budget) words of a text, neutral phrases left out."""
    clean = neutralised(text)
    patterns = _patterns()
    return len(patterns["final"].findall(clean)), len(patterns["budget"].findall(clean))


def final_signs(text: str) -> int:
    """How often a text compares with its year's own budget ('年初预算', '完成预算'): final accounts do."""
    return len(_patterns()["final_signs"].findall(text))


def _decided(final: int, budget: int) -> Kind | None:
    if final > budget:
        return "final"
    if budget > final:
        return "budget"
    return None


def kind_of_line(text: str) -> Kind | None:
    """The kind a title or a file name says: the words there, neutral phrases left out.

    >>> kind_of_line("2017年度一般公共预算财政拨款“三公”经费支出决算表")
    'final'
    """
    return _decided(*kind_counts(text))


def kind_from_sentences(text: str) -> tuple[Kind, str] | None:
    """The kind a '现将…' sentence says, with the sentence."""
    if "现将" not in text:
        return None
    for match in _patterns()["xianjiang"].finditer(text):
        kind = kind_of_line(match.group())
        if kind:
            return kind, match.group()
    return None


def kind_from_naming(text: str) -> tuple[Kind, str] | None:
    """The kind of the phrases that name a year's document or figures ('2019年度部门决算', '2014年
    “三公”经费预算数'), most of them; not a comparison's base ('比2013年预算数')."""
    patterns = _patterns()
    clean = neutralised(text)
    found = [
        (m["kind"], text[m.start() : m.end()])
        for m in patterns["naming"].finditer(clean)
        if not patterns["comparison_before"].search(clean[max(0, m.start() - 8) : m.start()])
    ]
    finals = [phrase for word, phrase in found if _patterns()["final"].fullmatch(word)]
    budgets = [phrase for word, phrase in found if not _patterns()["final"].fullmatch(word)]
    kind = _decided(len(finals), len(budgets))
    if kind is None:
        return None
    return kind, (finals if kind == "final" else budgets)[0]


def kind_from_words(text: str) -> tuple[Kind, str] | None:
    """The kind most of the remaining words say; a final-accounts text quotes its budget, a budget
    seldom speaks of final accounts, so a 决算 counts twice, and so does a comparison with the year's
    own budget ('年初预算为2.95万元')."""
    final, budget = kind_counts(text)
    signs = final_signs(text)
    kind = _decided(2 * (final + signs), budget)
    if kind is None:
        return None
    return kind, f"{final} × 决算, {signs} × 年初预算/完成预算…, {budget} × 预算"


def kind_from_money_words(text: str) -> tuple[Kind, str] | None:
    """With no kind word at all: '安排' and '计划' hint at a budget, '开支' and '支出' at final accounts."""
    patterns = _patterns()
    if patterns["final"].search(text) or patterns["budget"].search(text):
        return None
    final = patterns["weak_final"].search(text)
    budget = patterns["weak_budget"].search(text)
    if final and not budget:
        return "final", _around(text, final.start())
    if budget and not final:
        return "budget", _around(text, budget.start())
    return None


def kind_from_budget_columns(text: str) -> tuple[Kind, str] | None:
    """The last hint: '预算数' (a kind-neutral phrase, since final accounts print it beside 决算数)
    in a text that never says 决算 is a budget's ('2014年“三公”经费预算数4891.27万元')."""
    if "决算" in text:
        return None
    at = text.find("预算数")
    return ("budget", _around(text, at)) if at >= 0 else None


def kind_from_stated_money(text: str) -> tuple[Kind, str] | None:
    """The very last hint, in a text with no kind word at all: the first clause that states a year's
    amount, by its last money verb before the amount ('2022年本部门财政拨款安排“三公”经费502.4万元' a
    budget; '2018年度本部门财政拨款安排的“三公”经费支出2.05万元' final accounts), whatever other verbs
    the text uses for its reasons ('接待费支出减少')."""
    if kind_counts(text) != (0, 0):
        return None
    patterns = _patterns()
    for clause in patterns["stated"].finditer(text):
        verbs = list(patterns["money_verb"].finditer(clause.group()))
        if verbs:
            kind: Kind = "budget" if patterns["weak_budget"].match(verbs[-1].group()) else "final"
            return kind, clause.group()
    return None
