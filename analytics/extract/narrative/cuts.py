"""Changes said as what was cut or added, or where a cut came from, rather than as a figure and its
change. Three shapes, each read only as far as its words leave no doubt:

- **A change verb before its label** ('比上年压缩公务接待费52万元', '节约公务接待费3万元'): the amount is
  the label's change, never its amount. It is year-on-year only where a prior-year base stands before
  the verb (比上年, 较去年); with none, the base may as well be the budget (节约 is a saving against
  it): no figure.
- **Where a stated change came from** ('比去年减少52万元。…压缩的52万元出自公务接待费预算'): the
  amount is the named part's, and it is that part's year-on-year change only where the paragraph has
  already stated a year-on-year change of its whole by the same amount (the cut, all of it, came from
  there). A hedge (主要出自, 部分来自) says only part of it did: no figure. Either way the amount is never
  the subject's the sentence was about.
- **From one amount to another** ('由263.48万元减至211.48万元', '从上年的10万元下降到8万元'): the
  second is the figure's own amount, never a change; the first is the prior year's where the words
  before it say so (上年, 去年, the year before), else nothing; from a budget ('由年初预算的…调整为')
  neither is read.
- **A reason that states a change** ('比上年减少5万元,主要原因是公务接待费减少2万元'): the change of
  the reason's label against the same base as the change it explains, read as any clause is (a base
  against the budget carries on); only its changes are read (an amount in a reason is a cause, not a
  figure of the year), and only where the reason opens with the label.
"""

from __future__ import annotations

import re
from decimal import Decimal

from analytics.extract.labels import LabelMatch, find_labels
from analytics.extract.narrative.rules import comparison_base, is_budget_base, sign
from analytics.extract.narrative.words import CHANGE, CHANGE_RE, DIGIT, PRIOR_BASE
from analytics.extract.numbers import to_wan
from analytics.extract.vocabulary import pattern, words
from analytics.model import Fact
from analytics.reference import metrics

_PRIOR_WORDS = pattern("change", "prior_base")
# A change word right before a label: the label is what was cut or added ('压缩公务接待费').
_VERB_BEFORE = re.compile(f"{CHANGE}了?\\s*$")
# The last characters of the change words, 了 and a space: what stands right before a cut's label.
VERB_ENDS = frozenset(
    {w[-1] for w in words("change", "increase") + words("change", "decrease")} | {"了", " "}
)
# '…万元出自公务接待费', '全部来自': where the amount came from, the label after it.
SOURCE_AFTER = re.compile(
    r"[^,;。]{0,3}?(?P<hedge>主要|大部分|部分|大多|多数)?(?:全部|均|都)?(?:出自|来自|源于|源自)"
)


_NUMBER = r"-?\d+(?:,\d{3})*(?:\.\d+)?"
_FROM_TO = re.compile(
    rf"(?:由|从)(?P<base>(?:(?:19|20)\d{{2}}年度?|[^,;。\d]){{0,12}}?)(?P<a>{_NUMBER})\s*(?:万元|亿元|千元|元)?[^,;。\d]{{0,6}}?"
    rf"(?:至|到|为|成)\s*(?P<b>{_NUMBER})"
)
_YEAR = re.compile(r"((?:19|20)\d{2})年")


def from_to(text: str, start: int) -> tuple[bool, str, int] | None:
    """For an amount at `start` in a 'from X to Y' phrase: (whether it is X, the words before X,
    where the phrase starts); None for an amount in no such phrase."""
    for span in _FROM_TO.finditer(text):
        if start in (span.start("a"), span.start("b")):
            return start == span.start("a"), span["base"], span.start()
    return None


def from_year(base: str, year: int) -> int | None:
    """The year of the X of 'from X to Y' in a figure of `year`: the prior year where the words
    before X name it (上年, 去年, an earlier year), else None; None too from a budget
    ('由年初预算的5万元调整为4万元': an adjustment, not the year's change)."""
    if from_budget(base):
        return None
    named = [int(y) for y in _YEAR.findall(base)]
    if named:
        return named[-1] if named[-1] < year else None
    return year - 1 if _PRIOR_WORDS.search(base) else None


def from_budget(base: str) -> bool:
    """Whether the X of 'from X to Y' is a budget of the same year ('由年初预算的…')."""
    return "预算" in base and not _PRIOR_WORDS.search(base)


def may_be_cut(text: str, label: LabelMatch) -> bool:
    """A quick look: whether a change word (or 了, or a space after one) may end right before `label`."""
    return label.start > 0 and text[label.start - 1] in VERB_ENDS


def cut_sign(text: str, label: LabelMatch) -> tuple[int, int] | None:
    """(the sign of the change, where its verb starts) when a change verb stands right before
    `label` ('压缩公务接待费' -> -1), else None."""
    if not may_be_cut(text, label):
        return None
    start = max(0, label.start - 6)  # the longest change word, 了 and a space or two
    verb = _VERB_BEFORE.search(text, start, label.start)
    if verb is None:
        return None
    return sign(verb.group()), verb.start()


def is_prior_year_base(words: str) -> bool:
    """Whether the comparison these words open is with the prior year ('比上年', '较去年同期')."""
    base = comparison_base(words)
    return base is not None and bool(PRIOR_BASE.search(base)) and not is_budget_base(base)


def source_label(text: str, start: int) -> LabelMatch | None:
    """The label right after a 'came from' phrase ending at `start` ('出自公务接待费预算'), if any."""
    found = [label for label in find_labels(text[start:]) if not label.is_blocker]
    if not found or found[0].start > 1 or len(found[0].metrics) != 1:
        return None
    return found[0]


def stated_cut(earlier: list[Fact], part: str, value: Decimal) -> Fact | None:
    """The year-on-year change of `part`'s whole stated earlier in the paragraph by `value` (either
    sign), if exactly one was."""
    whole = metrics()[part].parent
    found = [f for f in earlier if f.metric == whole and f.measure == "yoy_change" and abs(f.value) == value]
    return found[0] if len({(f.value, f.year, f.kind) for f in found}) == 1 else None


def source_change(
    text: str, amount: re.Match[str], source: re.Match[str], earlier: list[Fact]
) -> tuple[str, Fact] | None:
    """(the part, the stated change of its whole it took all of) for an amount followed by where it
    came from ('压缩的52万元出自公务接待费预算'); None where that is not sure."""
    label, unit = source_label(text, source.end()), amount["unit"]
    if source["hedge"] or label is None or unit in (None, "%", "个百分点"):
        return None  # only part of it came from there, or from no part we know
    cut = stated_cut(earlier, label.metrics[0], to_wan(Decimal(amount["number"].replace(",", "")), unit))
    said = sign(text[: amount.start()])
    if cut is None or (said and (said < 0) != (cut.value < 0)):
        return None
    return label.metrics[0], cut


def opens_with_change(reason: str) -> bool:
    """Whether a reason opens with a label whose change it states ('公务接待费减少2万元')."""
    change = CHANGE_RE.search(reason)
    if change is None or not DIGIT.search(reason, change.end()):
        return False  # no change, or no figure after it: most reasons are words only
    found = find_labels(reason[: change.start()])  # the label stands before its change word
    return bool(found) and found[0].start == 0 and not found[0].is_blocker
