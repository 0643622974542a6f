"""四: "三公"经费 with each part and its change; the reform year says why vehicle costs fell."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import partial

from analytics.reference import family
from cn_budget_samples import reasons
from cn_budget_samples.figures import DepartmentYear, ThreePublic
from cn_budget_samples.money import fmt_pct, share_pct
from cn_budget_samples.phrasing import Sentence
from cn_budget_samples.plants import Plant, place_delta
from cn_budget_samples.sections.changes import Changes
from cn_budget_samples.writer import Writer

Shown = Callable[[str], Decimal]
"""A "三公" metric's amount as the narrative prints it (planted errors included)."""

_COMPONENTS = (
    ("overseas_travel", "因公出国（境）费"),
    ("vehicle_purchase", "公务用车购置费"),
    ("vehicle_operation", "公车运行经费"),
    ("reception", "公务接待费"),
)


def three_public(w: Writer, dy: DepartmentYear, heading: str) -> None:
    """四: "三公"经费 with each part and its change; the reform year says why vehicle costs fell."""
    kind = w.doc.kind
    f, p = dy.figures(kind), dy.prior(kind)
    tp, pp = f.three_public, p.three_public
    w.heading(heading)
    if tp.total == 0:
        word = "预算安排" if kind == "budget" else "支出"
        w.para(w.sentence().say(f"本部门{f.year}年无“三公”经费{word}").zero("three_public_total"))
        return
    shown: Shown = partial(_shown, tp, w.doc.plants)
    # The reform year says so; so does the next year where the cut shows only then (科协: 2018).
    late_cut = (
        dy.year == dy.department.reform_year + 1 and tp.vehicle_operation * 4 < pp.vehicle_operation * 3
    )
    reform = dy.reform or late_cut
    if w.style.seedlike and kind == "budget":
        _seedlike(w, f.year, pp, shown, reform)
    else:
        _standard(w, dy, pp, shown, reform)


def _shown(tp: ThreePublic, plants: tuple[Plant, ...], metric: str) -> Decimal:
    return (
        tp.metric(metric) + place_delta(plants, f"all:{metric}") + place_delta(plants, f"narrative:{metric}")
    )


def _seedlike(w: Writer, year: int, pp: ThreePublic, shown: Shown, reform: bool) -> None:
    """The seed's wording: the amounts in one sentence, then the parts that changed with their reasons
    and, where some did not, that the others stayed flat."""
    s = (
        w.sentence()
        .say(f"{year}年，我单位“三公”经费预算安排")
        .amount("three_public_total", shown("three_public_total"))
    )
    s.say("，其中因公出国（境）费").amount("overseas_travel", shown("overseas_travel"))
    s.say("；公务用车购置及运维费").amount("vehicle_total", shown("vehicle_total")).say(
        "（其中：公务用车购置费"
    )
    if shown("vehicle_purchase") == 0:
        s.say("为0").zero("vehicle_purchase")
    else:
        s.amount("vehicle_purchase", shown("vehicle_purchase"))
    s.say("，公务用车运行费").amount("vehicle_operation", shown("vehicle_operation")).say("）；公务接待费")
    s.amount("reception", shown("reception"))
    t = w.sentence()
    changed = [(m, label) for m, label in _COMPONENTS if shown(m) != pp.metric(m)]
    for i, (metric, label) in enumerate(changed):
        delta = shown(metric) - pp.metric(metric)
        t.say("；" if i else "").say(label)
        t.stated_change(
            metric, delta, lead=f"较{year - 1}年度", reason=_component_reason(metric, delta, reform)
        )
    if not changed:
        t.say(f"“三公”经费总额及各项支出均与{year - 1}年持平").implied_flat("three_public_total")
    elif len(changed) < len(_COMPONENTS):
        t.say(f"，其他与{year - 1}年持平，无增减变化")
        for metric in _others_flat([m for m, _ in changed]):
            t.implied_flat(metric)
    w.para(s, t)


def _standard(w: Writer, dy: DepartmentYear, pp: ThreePublic, shown: Shown, reform: bool) -> None:
    """The total (with execution in final accounts) and each part, each with its change."""
    kind = w.doc.kind
    f, b = dy.figures(kind), dy.budget
    changes = Changes(w)
    lead = (
        f"{f.year}年“三公”经费财政拨款预算"
        if kind == "budget"
        else f"{f.year}年度“三公”经费财政拨款支出决算为"
    )
    s1 = w.sentence().say(lead).amount("three_public_total", shown("three_public_total"))
    if kind == "final" and b.three_public.total:
        s1.say(f"，完成预算的{fmt_pct(share_pct(shown('three_public_total'), b.three_public.total))}%")
    s1.change(
        "three_public_total",
        shown("three_public_total"),
        pp.total,
        form=changes.form(),
        against=changes.against(),
        reason=reasons.three_public(shown("three_public_total") - pp.total, reform),
        flat=changes.flat(),
    )
    suffix = "" if kind == "budget" else "支出决算"
    s2 = (
        w.sentence()
        .say(f"其中：因公出国（境）费{suffix}")
        .amount("overseas_travel", shown("overseas_travel"))
    )
    s2.change(
        "overseas_travel",
        shown("overseas_travel"),
        pp.overseas_travel,
        form=changes.form(),
        reason=reasons.overseas(shown("overseas_travel") - pp.overseas_travel),
        flat=changes.flat(),
    )
    s3 = _vehicles(w, pp, shown, changes, reform)
    s4 = w.sentence().say(f"公务接待费{suffix}").amount("reception", shown("reception"))
    s4.change(
        "reception",
        shown("reception"),
        pp.reception,
        form=changes.form(),
        reason=reasons.reception(shown("reception") - pp.reception),
        flat=changes.flat(),
    )
    w.para(s1, s2, s3, s4)


def _vehicles(w: Writer, pp: ThreePublic, shown: Shown, changes: Changes, reform: bool) -> Sentence:
    """公务用车购置及运行维护费 and its two parts, each with its change."""
    suffix = "" if w.doc.kind == "budget" else "支出决算"
    s3 = w.sentence().say(f"公务用车购置及运行维护费{suffix}").amount("vehicle_total", shown("vehicle_total"))
    s3.change(
        "vehicle_total", shown("vehicle_total"), pp.vehicle_total, form=changes.form(), flat=changes.flat()
    )
    s3.say("，其中：公务用车购置费").amount("vehicle_purchase", shown("vehicle_purchase"))
    s3.change(
        "vehicle_purchase",
        shown("vehicle_purchase"),
        pp.vehicle_purchase,
        form="amount",
        reason=reasons.purchase(shown("vehicle_purchase") - pp.vehicle_purchase),
        flat=changes.flat(),
    )
    s3.say("，公务用车运行维护费").amount("vehicle_operation", shown("vehicle_operation"))
    s3.change(
        "vehicle_operation",
        shown("vehicle_operation"),
        pp.vehicle_operation,
        form=changes.form(),
        reason=reasons.vehicle(shown("vehicle_operation") - pp.vehicle_operation, reform),
        flat=changes.flat(),
    )
    return s3


def _component_reason(metric: str, delta: Decimal, reform: bool) -> str:
    if metric == "vehicle_operation":
        return reasons.vehicle(delta, reform)
    if metric == "reception":
        return reasons.reception(delta)
    if metric == "overseas_travel":
        return reasons.overseas(delta)
    return reasons.purchase(delta)


_STATED = family("three_public_total")
_PARENTS = {
    "overseas_travel": ("three_public_total",),
    "vehicle_purchase": ("vehicle_total", "three_public_total"),
    "vehicle_operation": ("vehicle_total", "three_public_total"),
    "reception": ("three_public_total",),
}


def _others_flat(changed: list[str]) -> list[str]:
    """'其他…持平' gives a zero change to every metric stated in the paragraph that has no change of
    its own and is not a parent of a changed one (a parent changes with its child)."""
    ancestors = {a for m in changed for a in _PARENTS[m]}
    return [m for m in _STATED if m not in changed and m not in ancestors]
