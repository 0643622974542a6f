"""Sentences that state figures, built piece by piece so that each figure is recorded as printed.

The change phrasings are exactly those the extractor supports:

    比上年增加X万元 / 比上年减少X万元 / 较2016年预算减少X万元 / 较2016年度减少X万元
    比上年减少X万元，下降N% / 比上年增加X万元，增长N% / 比上年增长N% / 比上年下降N%
    与上年持平 / 较上年无增减                                   (a change of zero)
    ，主要原因是… / ，主要用于… / ，主要为…                        (the reason)

Amounts print as '474.91万元' (two decimals) or '22万元' (an integer, when the document prints
whole amounts so). A sentence's quote is its full text, ending with '。'.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from analytics.extract.vocabulary import words
from analytics.model import Kind
from cn_budget_samples.document import TruthFact
from cn_budget_samples.money import fmt, fmt_pct, pct_change

CHANGE_FORMS = ("amount", "amount_pct", "pct")
AGAINST_FORMS = ("比上年", "较上年", "prior_budget", "prior_year")


def known(section: str, name: str, *chosen: str) -> tuple[str, ...]:
    """Words the generator writes, taken from the extraction vocabulary (vocabulary.toml): a word the
    extractor does not know fails here, so the samples cannot drift from what it reads."""
    vocabulary = words(section, name)
    unknown = [word for word in chosen if word not in vocabulary]
    if unknown:
        raise ValueError(
            f"vocabulary.toml's {section}.{name} lacks {unknown}: the extractor would not read them"
        )
    return chosen


REASON_WORDS = known("reason", "markers", "主要原因是", "主要用于", "主要为")
UP, UP_PCT = known("change", "increase", "增加", "增长")
DOWN, DOWN_PCT = known("change", "decrease", "减少", "下降")
FLAT_WORDS = known("change", "flat", "持平", "无增减")


@dataclass
class Sentence:
    """A sentence under construction; `year` and `kind` are the document's."""

    year: int
    kind: Kind
    integers: bool = False
    _parts: list[str] = field(default_factory=list)
    _facts: list[tuple[str, str, int, Kind, Decimal, str | None]] = field(default_factory=list)

    def say(self, text: str) -> Sentence:
        """Plain words."""
        self._parts.append(text)
        return self

    def amount(
        self, metrics: str, value: Decimal, *, year: int | None = None, kind: Kind | None = None
    ) -> Sentence:
        """An amount in 万元 for one metric or several ('income_total+expenditure_total')."""
        self._parts.append(f"{fmt(value, integers=self.integers)}万元")
        self._record(metrics, "amount", value, year, kind)
        return self

    def zero(self, metrics: str, *, year: int | None = None) -> Sentence:
        """A zero stated without an amount ('无安排政府采购预算', '公务用车购置费为0')."""
        self._record(metrics, "amount", Decimal(0), year, None)
        return self

    def change(
        self,
        metrics: str,
        current: Decimal,
        prior: Decimal,
        *,
        form: str = "amount",
        against: str = "比上年",
        reason: str | None = None,
        reason_word: str = "主要原因是",
        flat: str = "与上年持平",
    ) -> Sentence:
        """The change of `metrics` from `prior` to `current`, in one of the supported forms."""
        delta = current - prior
        pct = pct_change(delta, prior)
        if delta == 0:
            self._parts.append(f"，{flat}")
            self._record(metrics, "yoy_change", Decimal(0), None, None)
            return self
        up = delta > 0
        lead = self._against(against)
        if form == "pct" and pct is not None:
            self._parts.append(f"，{lead}{UP_PCT if up else DOWN_PCT}{fmt_pct(pct)}%")
            self._record(metrics, "yoy_pct", pct, None, None, reason)
        else:
            self._parts.append(f"，{lead}{UP if up else DOWN}{fmt(abs(delta), integers=self.integers)}万元")
            self._record(metrics, "yoy_change", delta, None, None, reason)
            if form == "amount_pct" and pct is not None:
                self._parts.append(f"，{UP_PCT if up else DOWN_PCT}{fmt_pct(pct)}%")
                self._record(metrics, "yoy_pct", pct, None, None, reason)
        if reason:
            self._parts.append(f"，{reason_word}{reason}")
        return self

    def stated_change(
        self, metrics: str, delta: Decimal, *, lead: str = "", reason: str, reason_word: str = "主要原因是"
    ) -> Sentence:
        """A change printed right after its label, with a reason: '{lead}减少5万元，主要原因是…'
        (the seed's '基本支出增加68.65万元，主要为…' and '较2016年度减少5万元，主要原因是…')."""
        if delta == 0:
            return self.flat(metrics)
        word = UP if delta > 0 else DOWN
        self._parts.append(
            f"{lead}{word}{fmt(abs(delta), integers=self.integers)}万元，{reason_word}{reason}"
        )
        self._record(metrics, "yoy_change", delta, None, None, reason)
        return self

    def implied_flat(self, metrics: str) -> Sentence:
        """A change of zero implied by words already said ('其他与上年持平' covers the siblings)."""
        self._record(metrics, "yoy_change", Decimal(0), None, None)
        return self

    def flat(self, metrics: str, words: str = "与上年持平") -> Sentence:
        """A change of zero said in words only."""
        self._parts.append(words)
        self._record(metrics, "yoy_change", Decimal(0), None, None)
        return self

    def _against(self, against: str) -> str:
        if against == "prior_budget":
            return f"较{self.year - 1}年预算"
        if against == "prior_year":
            return f"较{self.year - 1}年度"
        return against

    def _record(
        self,
        metrics: str,
        measure: str,
        value: Decimal,
        year: int | None,
        kind: Kind | None,
        reason: str | None = None,
    ) -> None:
        for metric in metrics.split("+"):
            self._facts.append((metric, measure, year or self.year, kind or self.kind, value, reason))

    def done(self, end: str = "。") -> tuple[str, list[TruthFact]]:
        """The finished text and its figures, each quoting the whole sentence."""
        text = "".join(self._parts) + end
        facts = [
            TruthFact(metric, measure, year, kind, value, "narrative", text, reason)  # type: ignore[arg-type]
            for metric, measure, year, kind, value, reason in self._facts
        ]
        return text, facts
