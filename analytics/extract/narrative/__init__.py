"""Figures stated in running text.

A sentence is read clause by clause. An amount belongs to the nearest metric label before it in its
clause, or else to the sentence's subject (the last label of an earlier clause):

    2017年预算收支安排474.91万元,较2016年预算减少7.05万元     -> the change belongs to 收支 (both)

Between the label and the amount, a change word (增加/减少/下降…) makes the amount a year-on-year
change; '%' with a change word makes it a percentage change. '无安排政府采购预算' states a zero,
'与上年持平'/'无增减' a change of zero ('其他与上年持平' says so of the sibling metrics that have no
change of their own). A reason marker after a change (主要原因是/主要为/主要用于…) gives its reason.

What else is read, and what is not:

- A parenthesis holding figures ('(其中:公务用车购置费30万元,…),比上年减少9.30万元') is read on
  its own; the change after it belongs to the label before it.
- '比年初预算减少58.44万元', '完成预算的87%', '决算数大于预算数5万元' compare with the budget,
  not with the prior year: no fact. '较2024年的2190万元减少221万元' states the prior year's amount.
- A change said as what was cut ('比上年压缩公务接待费4万元'), as where a stated cut came from ('减少的
  30万元全部来自公务接待费') or in the reason of a change ('主要原因是公务接待费减少2万元') is read only as
  far as its base is sure (see `cuts`); '较2019年预算' of a 2019 figure is its own budget.
- In final accounts, '年初预算为50万元' / '支出预算为44.52万元' are budget figures of the same year;
  '决算' makes a figure final in any document.
- '因公出国(境)费、公务用车购置及运行维护费、公务接待费均为0万元' gives each of them the amount.
- Vehicles are counted ('共有车辆62辆', '公务用车保有量为2辆', '三辆', '无公务用车'): the first count
  of a sentence that is not a purchase; '其中:一般公务用车40辆' is a part, not the total.
- Spaces that PDFs put between characters and digits are dropped; '二〇一六年', '三辆' and '壹辆'
  are read as digits; '为零' is 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from analytics.extract.labels import LabelMatch, find_labels, has_label
from analytics.extract.narrative.clauses import ClauseReader
from analytics.extract.narrative.facts import Context, make_fact
from analytics.extract.narrative.relative import noted_parts, relative_labels
from analytics.extract.narrative.rules import opens_neutrally
from analytics.extract.narrative.subjects import heading_subject
from analytics.extract.narrative.text import blank_asides, running_text, sentences
from analytics.extract.narrative.vehicles import vehicle_counts, without_a_loose_whole
from analytics.extract.narrative.words import ALL_OF_IT, OTHERS_FLAT, PAIR_RE
from analytics.extract.numbers import AMOUNT_RE
from analytics.model import Fact, Kind, new_fact
from analytics.reference import metrics

__all__ = ["NarrativeReader", "facts_from_paragraph", "running_text"]


@dataclass
class NarrativeReader:
    """Reads the paragraphs of one document in order, carrying the subject from a heading or a
    sentence to the sentences after it that name none (see `subjects`)."""

    year: int
    kind: Kind
    names: tuple[str, ...] = ()  # the department's own names, neutral before a figure
    carried: list[LabelMatch] = field(default_factory=list)
    # The last amount stated of each metric, year and kind, for '…全部为公务用车运行费'.
    amounts: dict[tuple[str, int, str], Fact] = field(default_factory=dict)

    def section(self, heading: str | None) -> list[Fact]:
        """A new top-level section: its heading's subject, if it names one. A heading that states a
        figure ('三、支出预算合计86.40万元') is read as a sentence of its own."""
        self.carried = []
        if not heading:
            return []
        text = running_text(heading)
        subject = heading_subject(text)
        if subject is None and "元" in text and any(a["unit"] for a in AMOUNT_RE.finditer(text)):
            return self.paragraph(heading, heading)
        self.carried = subject or []
        return []

    def table(self) -> None:
        """A table between paragraphs ends what the prose before it was about."""
        self.carried = []

    def paragraph(self, text: str, section: str | None) -> list[Fact]:
        """Every figure stated in one paragraph of running text."""
        ctx = Context(self.year, self.kind, section, self.names)
        paragraph = running_text(text)
        if not self.carried and not _names_a_label(paragraph):
            # Every amount, zero and 持平 belongs to a label or the subject carried from before: with
            # neither, only a vehicle count can be stated ('现有公务用车3辆'). Half of all paragraphs
            # are such (duties, goals, dates); a heading among them names no subject either.
            return [fact for sentence in sentences(paragraph) for fact in vehicle_counts(sentence, ctx)]
        facts: list[Fact] = []
        recent: list[LabelMatch] = []  # labels of the paragraph so far, for '收支较上年增加…'
        for sentence in sentences(paragraph):
            heading = heading_subject(sentence)
            if heading is not None:
                self.carried = heading
                continue
            main, asides = blank_asides(sentence)
            neutral = bool(self.carried) and opens_neutrally(main, self.names)
            pair = bool(recent) and PAIR_RE.search(main) is not None  # '收支较上年增加…'
            parents = [metric for label in self.carried for metric in label.metrics]
            part = bool(parents) and bool(relative_labels(main, parents, []))  # '运行维护费比上年增长…'
            if not _names_a_label(sentence) and not pair and not part and not neutral:
                facts.extend(vehicle_counts(sentence, ctx))
                self.carried = []  # about something we cannot name (or nothing was carried)
                continue
            subject = self.carried[-1] if self.carried and (neutral or part) else None
            reader = ClauseReader(sentence, ctx, subject, recent, earlier=facts)
            first = len(facts)
            facts.extend(reader.read(main))
            for start, inner in asides:
                before = [label for label in find_labels(main[:start]) if not label.is_blocker]
                aside = ClauseReader(sentence, ctx, before[-1] if before else None, [], whole=reader.whole)
                facts.extend(aside.read(inner))
            if len(facts) > first and "车及运行" in sentence:
                facts[first:] = without_a_loose_whole(sentence, facts[first:])
            if len(facts) > first and "费)" in sentence:
                facts.extend(noted_parts(sentence, facts[first:]))  # '…运行费8万元(运行费)'
            facts.extend(vehicle_counts(sentence, ctx))
            for fact in facts[first:]:
                if fact.measure == "amount":
                    self.amounts[(fact.metric, fact.year, fact.kind)] = fact
            facts.extend(self._all_of_it(sentence, ctx))
            self.carried = reader.subject_after
        return _apply_others_flat(paragraph, facts, ctx)

    def _all_of_it(self, sentence: str, ctx: Context) -> list[Fact]:
        """'公务用车购置及运行费…全部为公务用车运行费': the part's amount is the whole's (the last one
        stated of the document's year and kind)."""
        said = ALL_OF_IT.search(sentence) if "全部" in sentence else None
        if said is None:
            return []
        before = [label for label in find_labels(sentence[: said.start()]) if not label.is_blocker]
        wholes = [metric for label in [*self.carried, *before] for metric in label.metrics]
        after = sentence[said.end() :]
        parts = [label for label in find_labels(after) if label.start <= 2 and not label.is_blocker]
        parts = parts or [label for label in relative_labels(after, wholes, []) if label.start <= 2]
        for part in parts[:1]:
            for metric in part.metrics:
                whole = metrics()[metric].parent
                stated = self.amounts.get((whole, ctx.year, ctx.kind)) if whole in wholes else None
                if stated is not None:
                    fact = new_fact(
                        **{**stated.__dict__, "metric": metric, "quote": sentence, "section": ctx.section}
                    )
                    return [fact]
        return []


def facts_from_paragraph(paragraph: str, *, year: int, kind: Kind, section: str | None) -> list[Fact]:
    """Every figure stated in one paragraph of running text, read on its own."""
    return NarrativeReader(year, kind).paragraph(paragraph, section)


def _names_a_label(sentence: str) -> bool:
    """Whether a sentence holds any metric label, read as the clause reader reads it: its clauses
    and asides are parts of it, and blanking an aside may join a label around it."""
    return has_label(sentence) or ("(" in sentence and has_label(blank_asides(sentence)[0]))


def _apply_others_flat(paragraph: str, facts: list[Fact], ctx: Context) -> list[Fact]:
    """'其他与上年持平': a change of zero for each metric of the paragraph that has an amount, no change of
    its own, and is not a parent of a changed metric (a parent changes with its child)."""
    if "其他" not in paragraph and "其余" not in paragraph and "其它" not in paragraph:
        return facts
    match = OTHERS_FLAT.search(paragraph)
    if not match:
        return facts
    quote = next((s for s in sentences(paragraph) if match.group() in s), match.group())
    changed = {f.metric for f in facts if f.measure != "amount"}
    ancestors: set[str] = set()
    for metric in changed:
        parent = metrics()[metric].parent
        while parent:
            ancestors.add(parent)
            parent = metrics()[parent].parent
    seen: set[str] = set()
    extra: list[Fact] = []
    for fact in facts:
        if (
            fact.measure == "amount"
            and fact.metric not in changed | ancestors | seen
            and fact.year == ctx.year
            and metrics()[fact.metric].unit != "count"
        ):
            seen.add(fact.metric)
            extra.append(
                make_fact(fact.metric, "yoy_change", Decimal(0), None, quote, ctx, ctx.year, fact.kind)
            )
    return facts + extra
