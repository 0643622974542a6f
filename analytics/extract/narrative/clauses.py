"""Reading one sentence (or one parenthesis of it) clause by clause.

An amount belongs to the nearest metric label before it in its clause, or else to the sentence's
subject (the last label of an earlier clause). Between the label and the amount, a change word makes
the amount a year-on-year change, '%' with a change word a percentage change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from analytics.extract.labels import LabelMatch, find_labels
from analytics.extract.narrative import cuts
from analytics.extract.narrative.facts import Context, make_fact, with_reason
from analytics.extract.narrative.owners import (
    in_a_longer_name,
    is_pair,
    joined_run,
    owners,
    pair_subject,
    specific,
)
from analytics.extract.narrative.relative import may_hold_relative_labels, with_relative_labels
from analytics.extract.narrative.rules import (
    beside_prior_final,
    compares_with_other_year,
    comparison_base,
    fact_year,
    flat_start,
    is_budget_base,
    opens_neutrally,
    sign,
    year_and_kind,
    zero_amount_ok,
)
from analytics.extract.narrative.subjects import without_generic_spending
from analytics.extract.narrative.text import clauses
from analytics.extract.narrative.words import (
    A_LIST,
    AFTER_AMOUNT_NOT,
    APPROXIMATE_BEFORE,
    APPROXIMATE_GATE,
    CHANGE_RE,
    COMPARATIVE,
    COMPLETION_BUDGET_BEFORE,
    DECREASE_COMPARATIVE,
    DESCRIBES,
    GROUP_WORD,
    INCLUDES,
    LIST_UNIT,
    NOT_MONEY_AFTER,
    NOT_THE_FIGURE,
    OTHERS_RE,
    PAIR_RE,
    PRIOR_AMOUNT_RE,
    PRIOR_BASE,
    REASON_RE,
    RESPECTIVELY,
    SHARE_BASE_BEFORE,
    ZERO_BEFORE_LABEL,
)
from analytics.extract.numbers import AMOUNT_RE, to_wan
from analytics.model import Fact, Kind, Measure


@dataclass(slots=True)
class ClauseReader:
    """Reads the clauses of one sentence, or of one parenthesis within it, in order.

    `subject` is who the sentence is about before any label of its own (the label before a
    parenthesis, or the previous sentence's subject); `recent` collects the labels of the paragraph
    so far (for '收支较上年增加…')."""

    quote: str
    ctx: Context
    subject: LabelMatch | None
    recent: list[LabelMatch]
    facts: list[Fact] = field(default_factory=list)
    subjects: list[LabelMatch] = field(default_factory=list)
    last_change: int | None = None  # first index in facts of the last clause's changes, for their reason
    flat_done: set[str] = field(default_factory=set)
    previous: tuple[LabelMatch, str] | None = None  # the last clause's one label and amount
    previous_text: str = ""
    # The comparison the sentence's last change was against: a change that names no base of its own
    # continues it ('比年初预算减少1547.29万元,降低28.09%' is against the budget throughout).
    against_budget: bool = False
    # The sign, year and kind of the change just read, for a percentage that follows it alone
    # ('减少18.50万元(65.37%)'); None after any other clause.
    last_change_said: tuple[int, int, Kind] | None = None
    # The year and kind of the whole a '其中' list splits: its parts are of the same year and kind
    # unless their own words say otherwise ('2014年“三公”经费预算11324.44万元,其中:因公出国(境)费…').
    whole: tuple[int, Kind] | None = None
    in_parts: bool = False
    # Who the sentence was about before its '其中' list: the next sentence goes on about the whole,
    # not about its last part ('…,其中:…公务接待费0万元。与上年相比增长16.75%' is the 三公 total's).
    whole_subjects: list[LabelMatch] = field(default_factory=list)
    # The labels of the amounts listed since the last change, for '…,均较上年零增长'.
    listed: list[LabelMatch] = field(default_factory=list)
    # The labels still waiting for their amount after '分别' ('A、B分别为10万元、5万元').
    respective: list[LabelMatch] = field(default_factory=list)
    respective_run: list[LabelMatch] = field(default_factory=list)  # the last such list, whole
    earlier: list[Fact] = field(default_factory=list)  # the paragraph's facts before this sentence
    including: bool = False  # in '含甲中心经费30万元,乙所经费12万元' (to the next ';'): parts we cannot name

    def __post_init__(self) -> None:
        self.subjects = [self.subject] if self.subject else []

    def read(self, text: str) -> list[Fact]:
        for clause in clauses(text):
            self.including = self.including and text[clause.start - 1] == ","
            self._clause(clause.text)
        return self.facts

    @property
    def subject_after(self) -> list[LabelMatch]:
        """Who the next sentence goes on about, if it names no one: the whole of a '其中' list, else
        the last subject."""
        return self.whole_subjects if self.in_parts and self.whole_subjects else self.subjects

    def _clause(self, text: str) -> None:
        stripped = text.strip()
        if REASON_RE.match(stripped):
            explained = self.last_change is not None
            self._reason(stripped)
            reason = REASON_RE.sub("", stripped).lstrip(":： ") if explained else ""
            if reason and cuts.opens_with_change(reason):  # '主要原因是公务接待费减少2万元': see `cuts`
                first = len(self.facts)
                self._clause(reason)
                self.facts[first:] = [f for f in self.facts[first:] if f.measure != "amount"]
            return
        found = find_labels(text)
        if "占" in text:  # '占一般公共预算支出的96.41%': the label after 占 is the base of a share
            found = [label for label in found if not SHARE_BASE_BEFORE.search(text, 0, label.start)]
        labels = [in_a_longer_name(label, text) for label in found]
        if may_hold_relative_labels(text):  # '其中:购置费0万元': the short names of the subject's parts
            context = [*self.whole_subjects, *self.subjects, *labels, *filter(None, [self.subject])]
            labels = with_relative_labels(text, labels, context)
        if self.subject and labels:
            labels = without_generic_spending(labels, self.subject, self.subjects)
        self._zeros_before_labels(text, labels)
        if not labels and PAIR_RE.search(text):
            pair = pair_subject(self.recent)
            if pair:
                self.subjects = pair
        named = [label for label in specific(labels, text) if not label.is_blocker]
        self.recent.extend(named)
        amounts = list(AMOUNT_RE.finditer(text))
        part_of = stripped.startswith("其中") or self.previous_text in ("其中", "其中包括")
        if part_of and not self.in_parts:
            self.in_parts, self.whole_subjects = True, list(self.subjects)
        self.previous_text = stripped
        if not named and part_of:
            amounts = []  # '其中:…' without a label names a part we cannot tell, not the subject
        elif not named and (self.including or (stripped[:1] in "含包" and INCLUDES.match(stripped))):
            amounts, self.including = [], True  # the subject's change may follow the parts
        elif (
            not named
            and any(a["unit"] not in (None, "%", "个百分点") for a in amounts)
            and not (PAIR_RE.search(text) and self.subjects)
            and not opens_neutrally(text, self.ctx.names)
        ):
            # '办公设备购置费3万元': a figure of something we cannot name, not of the subject
            amounts, self.subjects, self.listed = [], [], []
        self._respectively(text, labels)
        clause_first = len(self.facts)
        changed_here = False
        said = self.last_change_said
        self.last_change_said = None
        group = self.listed if not labels and GROUP_WORD.match(stripped) and len(self.listed) > 1 else None
        for amount in amounts:
            changed_here = self._amount(text, labels, amount, said, group) or changed_here
        if changed_here:
            self.last_change = clause_first
            self.listed = []
        elif named and any(a["unit"] for a in amounts):
            self.listed.extend(named)
        self._flat(text, labels, stripped, has_change=changed_here)
        self._update_subjects(text, named, amounts)

    def _respectively(self, text: str, labels: list[LabelMatch]) -> None:
        """After '分别', the amounts of this clause (and of the clauses that follow with no label of
        their own) go to the labels listed before it, in order."""
        said = RESPECTIVELY.search(text) if "分别" in text or "各" in text else None
        if said is not None and said.group() != "分别" and not A_LIST.search(text, said.end()):
            said = None  # '收、支总计各增加5万元': each changed by the one figure
        if said is None:
            if labels:
                self.respective = []
            return
        run = joined_run([label for label in labels if label.end <= said.start()], text)
        if len(run) < 2 and not labels:  # '…,与上年相比分别减少1万元、2万元': the list before
            run = self.respective_run or (list(self.subjects) if len(self.subjects) > 1 else [])
        if len(run) == 1 and len(run[0].metrics) > 1:  # '收、支总计各是…': the label's metrics in order
            run = [run[0]._replace(metrics=(metric,)) for metric in run[0].metrics]
        self.respective = list(run) if len(run) > 1 else []
        self.respective_run = list(self.respective)

    def _reason(self, stripped: str) -> None:
        if self.last_change is None:
            return
        reason = REASON_RE.sub("", stripped).strip()
        for i in range(self.last_change, len(self.facts)):
            if self.facts[i].measure != "amount" and self.facts[i].reason is None:
                self.facts[i] = with_reason(self.facts[i], reason)
        self.last_change = None

    def _zeros_before_labels(self, text: str, labels: list[LabelMatch]) -> None:
        """'无安排政府采购预算', '未发生公务接待费': a zero amount."""
        if not labels or not ("无" in text or "未" in text or "没有" in text):
            return
        for label in labels:
            before = text[: label.start]
            if (
                ZERO_BEFORE_LABEL.search(before)
                and not NOT_MONEY_AFTER.match(text[label.end :])
                and not label.is_qualifier
            ):
                year = fact_year(text, before, self.ctx)
                for metric in label.metrics:
                    self._add(metric, "amount", Decimal(0), None, year, self.ctx.kind)

    def _amount(
        self,
        text: str,
        labels: list[LabelMatch],
        amount: re.Match[str],
        said: tuple[int, int, Kind] | None,
        group: list[LabelMatch] | None,
    ) -> bool:
        """Read one amount of a clause; True when it gave a change. `said` is the change the clause
        before stated, for a percentage standing alone after it; `group` the labels a '均…' clause
        speaks of."""
        if ("自" in text or "源于" in text) and (source := cuts.SOURCE_AFTER.match(text, amount.end())):
            part = cuts.source_change(text, amount, source, [*self.earlier, *self.facts])  # see `cuts`
            if part is not None:  # '压缩的52万元出自公务接待费预算': the part's share of a stated change
                self._add(part[0], "yoy_change", part[1].value, amount["unit"], part[1].year, part[1].kind)
            return part is not None
        if self.respective and (not labels or labels[-1].end <= amount.start()):
            found = [self.respective.pop(0)]
        else:
            found = owners(labels, amount.start(), text) or group or self.subjects
        if not found:
            return False
        unit = amount["unit"]
        if unit is None and self.respective:  # '各是400.00,410.00万元': the list's unit
            listed = LIST_UNIT.match(text, amount.end())
            unit = listed.group(1) if listed else None
        value = Decimal(amount["number"].replace(",", ""))
        if unit is None and not (value == 0 and zero_amount_ok(text, amount.end())):
            return False
        if unit == "个百分点" or AFTER_AMOUNT_NOT.match(text[amount.end() :]):
            return False
        before = text[: amount.start()]
        if APPROXIMATE_GATE.search(before) and APPROXIMATE_BEFORE.search(before):
            return False  # '约减60万': not stated exactly
        own = found[-1] in labels
        label_end = found[-1].end if own else 0
        between = text[label_end : amount.start()]
        change = sign(text[label_end : amount.start() + 1]) if between else 0  # '增63.55%': with the digit
        prior = PRIOR_AMOUNT_RE.search(between) if between else None
        measure: Measure
        year, kind = self._year_and_kind(text, label_end, between if own else text[: amount.start()])
        before_label = text[found[-1].start - 1 : found[-1].start] if own and not change else ""
        if before_label in cuts.VERB_ENDS or "由" in text or "从" in text:  # a cut, or 'from X to Y'?
            reworded = self._reworded(text, amount, found[-1] if own else None, change, (year, kind))
            if reworded is None:
                return False
            change, year, kind, ranged = reworded
            between, prior = ("", None) if ranged else (between, prior)  # 'from X to Y': the phrase's words

        if unit == "%" and not change and not between.strip() and said is not None:
            change, year, kind = said  # '减少18.50万元(65.37%)': the change's own percentage
        comparative = COMPARATIVE.search(between) if not change and between else None
        if comparative and PRIOR_BASE.search(comparative["base"]):
            change = -1 if comparative["word"] in DECREASE_COMPARATIVE else 1  # '小于上年预算数29.65万元'
            between = between[: comparative.start()]
        if prior and not change:
            measure, stored = "amount", to_wan(value, unit)
            year = int(prior.group(1)) if prior.group(1) else year - 1
        elif unit != "%" and between and COMPLETION_BUDGET_BEFORE.search(between):
            measure, stored, kind = "amount", to_wan(value, unit), "budget"  # '完成预算27万元的63.2%'
        elif (between and NOT_THE_FIGURE.search(between)) or (change and self._against_budget(between, year)):
            return False
        elif change and compares_with_other_year(between, year, self.quote, text):
            return False  # '2017年…较2015年下降2.3%': a two-year change, not year-on-year
        elif unit == "%":
            if change == 0:
                return False  # a share or a rate, not one of our figures
            measure, stored = "yoy_pct", value * change
        elif change:
            measure, stored = "yoy_change", to_wan(value, unit) * change
        else:
            measure, stored = "amount", to_wan(value, unit)
        metrics = [metric for owner in found for metric in owner.metrics]
        for metric in metrics:
            self._add(metric, measure, stored, unit, year, kind)
        if measure == "amount" and own and not self.in_parts:
            self.whole = (year, kind)
        if measure != "amount":
            self.last_change_said = (change, year, kind)
        return bool(metrics) and measure != "amount"

    def _reworded(
        self, text: str, amount: re.Match[str], owner: LabelMatch | None, change: int, said: tuple[int, Kind]
    ) -> tuple[int, int, Kind, bool] | None:
        """A change said as a cut ('比上年压缩公务接待费52万元') or an amount of 'from X to Y' (see
        `cuts`): (change, year, kind, in such a phrase) to read the amount with; None for no figure."""
        (year, kind), cut = said, cuts.cut_sign(text, owner) if owner and not change else None
        if cut is not None:  # a change, year-on-year only after such a base
            if not cuts.is_prior_year_base(text[: cut[1]]):
                return None
            change, self.against_budget = cut[0], False
        held = cuts.from_to(text, amount.start()) if "由" in text or "从" in text else None
        if held is None:
            return change, year, kind, False
        if owner is not None:  # '由上年的5.2万元下降到3.1万元': the prior year's amount, then its own
            year, kind = self._year_and_kind(text, owner.end, text[owner.end : held[2]])
        own_year = cuts.from_year(held[1], year) if held[0] else year
        return None if own_year is None or cuts.from_budget(held[1]) else (0, own_year, kind, True)

    def _year_and_kind(self, text: str, label_end: int, own_words: str) -> tuple[int, Kind]:
        return year_and_kind(text, label_end, own_words, self.ctx, self.whole if self.in_parts else None)

    def _against_budget(self, between: str, year: int) -> bool:
        """Whether a change compares with the budget of the same year: by its own base, or else by the
        base of the sentence's last change."""
        base = comparison_base(CHANGE_RE.split(between)[0])
        if base is not None:
            self.against_budget = is_budget_base(base, year) or beside_prior_final(base, self.ctx, self.quote)
        return self.against_budget

    def _flat(self, text: str, labels: list[LabelMatch], stripped: str, *, has_change: bool) -> None:
        """'与上年持平', '无增减': a change of zero for the clause's labels (a list of them joined by
        和/、), the labels a '均…' clause speaks of, or the subject."""
        start = flat_start(text)
        if start is None:
            return
        year, kind = self._year_and_kind(text, start, "")
        if compares_with_other_year(text, year) or has_change or "*others*" in self.flat_done:
            return
        flat_owners = joined_run([label for label in labels if label.end <= start], text)
        if not flat_owners and GROUP_WORD.match(stripped) and len(self.listed) > 1:
            flat_owners = self.listed
        if not flat_owners and not OTHERS_RE.match(stripped):
            flat_owners = self.subjects
        if not flat_owners:
            if OTHERS_RE.match(stripped):
                self.flat_done.add("*others*")
            return
        for owner in flat_owners:
            for metric in owner.metrics:
                if metric not in self.flat_done:
                    self.flat_done.add(metric)
                    self._add(metric, "yoy_change", Decimal(0), None, year, kind)

    def _update_subjects(self, text: str, named: list[LabelMatch], amounts: list[re.Match[str]]) -> None:
        if not named:
            self.previous = None
            return
        kept = named
        if DESCRIBES.match(text.strip()) and not any(a["unit"] for a in amounts):
            kept = []  # '为以前年度支出预算…继续使用的资金' describes the subject; it names no other
        if not kept:
            self.previous = None
            return
        group = owners(kept, len(text), text) if len(kept) > 1 else kept
        self.subjects = group if len(group) > 1 else [kept[-1]]
        stated = [a for a in amounts if a["unit"] and a["unit"] != "%"]
        stated_number: str | None = stated[-1]["number"] if len(stated) == 1 and len(kept) == 1 else None
        # '收入预算总计986.40万元,支出预算总计986.40万元,较2017年增加36.40万元': both change
        if (
            stated_number
            and self.previous
            and self.previous[1] == stated_number
            and is_pair(self.previous[0], kept[0])
        ):
            self.subjects = [self.previous[0], kept[0]]
        self.previous = (kept[0], stated_number) if stated_number else None

    def _add(
        self, metric: str, measure: Measure, value: Decimal, unit: str | None, year: int, kind: Kind
    ) -> None:
        self.facts.append(make_fact(metric, measure, value, unit, self.quote, self.ctx, year, kind))
