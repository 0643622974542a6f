"""The narrative sections of a disclosure, 一 to 八, each a function writing through a `Writer`.

Budget and final accounts share the skeleton (职责, 收支总体, 机关运行经费, "三公"经费, 政府采购,
国有资产, 绩效, 名词解释); wording differs by kind and by style. Every figure goes through
`Sentence`, so what is printed is what the truth records.
"""

from __future__ import annotations

from decimal import Decimal

from analytics.reference import family
from cn_budget_samples import reasons
from cn_budget_samples.figures import DepartmentYear, Figures
from cn_budget_samples.money import fmt_pct, share_pct
from cn_budget_samples.phrasing import AGAINST_FORMS, CHANGE_FORMS, FLAT_WORDS, Sentence
from cn_budget_samples.plants import place_delta
from cn_budget_samples.writer import Writer

_BUDGET_HEADINGS = (
    (
        "一、部门职责及机构设置情况",
        "二、部门预算安排的总体情况",
        "三、机关运行经费安排情况",
        "四、财政拨款“三公”经费预算情况及增减变化原因",
        "五、政府采购预算情况",
        "六、国有资产信息",
        "七、绩效预算信息",
        "八、名词解释",
    ),
    (
        "一、部门职责及机构设置",
        "二、收支总体情况",
        "三、机关运行经费",
        "四、“三公”经费",
        "五、政府采购",
        "六、国有资产占用",
        "七、绩效目标",
        "八、名词解释",
    ),
    (
        "一、部门基本情况",
        "二、{year}年部门预算收支情况",
        "三、机关运行经费预算",
        "四、“三公”经费预算情况说明",
        "五、政府采购预算情况",
        "六、国有资产占用情况",
        "七、预算绩效目标",
        "八、名词解释",
    ),
)
_FINAL_HEADINGS = (
    (
        "一、部门职责及机构设置",
        "二、收支总体情况",
        "三、机关运行经费",
        "四、“三公”经费",
        "五、政府采购",
        "六、国有资产占用",
        "七、绩效评价",
        "八、名词解释",
    ),
    (
        "一、部门基本情况",
        "二、{year}年度收入支出决算总体情况",
        "三、机关运行经费支出情况",
        "四、“三公”经费财政拨款支出决算情况说明",
        "五、政府采购支出情况",
        "六、国有资产占用情况",
        "七、预算绩效管理情况",
        "八、名词解释",
    ),
)


def headings(w: Writer) -> tuple[str, ...]:
    """The eight section headings of this document."""
    year = w.doc.year
    if w.doc.kind == "budget":
        chosen = _BUDGET_HEADINGS[0] if w.style.seedlike else _BUDGET_HEADINGS[1 + w.style.heading_form]
    else:
        chosen = _FINAL_HEADINGS[w.style.heading_form]
    return tuple(h.format(year=year) for h in chosen)


class _Changes:
    """Rotates through the supported change phrasings within one document."""

    def __init__(self, w: Writer) -> None:
        self.turn = w.style.change_form
        self.budget = w.doc.kind == "budget"

    def form(self) -> str:
        self.turn += 1
        return CHANGE_FORMS[self.turn % len(CHANGE_FORMS)]

    def against(self) -> str:
        choice = AGAINST_FORMS[self.turn % len(AGAINST_FORMS)]
        if choice == "prior_budget" and not self.budget:
            return "prior_year"
        if choice == "prior_year" and self.budget:
            return "prior_budget"
        return choice

    def flat(self) -> str:
        flat, no_change = FLAT_WORDS
        return f"与上年{flat}" if self.turn % 2 else f"较上年{no_change}"


def duties(w: Writer, dy: DepartmentYear, heading: str) -> None:
    """一: duties, offices, staff; no figures."""
    t = dy.department.template
    w.heading(heading)
    w.heading(f"{w.sub(1)}部门职责", 2)
    for i, duty in enumerate(t.duties, 1):
        w.para(f"{i}、{duty}")
    w.heading(f"{w.sub(2)}机构设置", 2)
    offices = "、".join(t.offices)
    w.para(f"{w.doc.printed_name}为{t.nature}，机构规格为{t.rank}，内设{offices}等{len(t.offices)}个科室。")
    renamed = dy.department.name(2018) != dy.department.name(2019)
    if renamed and w.doc.year == (2019 if w.doc.kind == "budget" else 2018):
        old, new = dy.department.name(2018), dy.department.name(2019)
        w.para(f"根据市级机构改革方案，组建{new}，不再保留{old}，原有职责整体划入{new}。")


def totals_budget(w: Writer, dy: DepartmentYear, heading: str, purpose: str) -> None:
    """二 (budget): income, expenditure and their changes against the prior year's budget."""
    f, p = dy.budget, dy.prior_budget
    changes = _Changes(w)
    w.heading(heading)
    if w.style.seedlike:
        w.para("按照预算管理有关规定，本部门预算实行综合预算，全部收入和支出均纳入部门预算管理。")
        w.heading("1、收入说明", 2)
        w.para(_income_breakdown(w, f, "预算收入"))
        w.heading("2、支出说明", 2)
        s = w.sentence().say(f"{f.year}年支出预算").amount("expenditure_total", f.expenditure_total)
        s.say("，其中基本支出").amount("expenditure_basic", f.expenditure_basic).say(
            "，包括人员经费和日常公用经费；项目支出"
        )
        s.amount("expenditure_project", f.expenditure_project).say(f"，主要为{purpose}等")
        w.para(s)
        w.heading("3、比上年增减情况", 2)
        s = (
            w.sentence()
            .say(f"{f.year}年预算收支安排")
            .amount("income_total+expenditure_total", f.expenditure_total)
        )
        s.change(
            "income_total+expenditure_total",
            f.expenditure_total,
            p.expenditure_total,
            against="prior_budget",
            flat="与上年持平",
        )
        basic_delta = f.expenditure_basic - p.expenditure_basic
        project_delta = f.expenditure_project - p.expenditure_project
        s.say("，其中：基本支出")
        s.stated_change(
            "expenditure_basic",
            basic_delta,
            reason=reasons.basic(basic_delta, dy.reform),
            reason_word="主要为",
        )
        s.say("；项目支出")
        s.stated_change(
            "expenditure_project",
            project_delta,
            reason=reasons.project(project_delta, purpose),
            reason_word="主要为",
        )
        w.para(s)
        return
    s1 = w.sentence().say(f"{w.doc.printed_name}{f.year}年收入预算").amount("income_total", f.income_total)
    s1.change(
        "income_total",
        f.income_total,
        p.income_total,
        form=changes.form(),
        against=changes.against(),
        flat=changes.flat(),
    )
    w.para(s1, _income_breakdown(w, f, None))
    s2 = w.sentence().say(f"{f.year}年支出预算").amount("expenditure_total", f.expenditure_total)
    s2.change(
        "expenditure_total",
        f.expenditure_total,
        p.expenditure_total,
        form=changes.form(),
        against=changes.against(),
        reason=reasons.total(f.expenditure_total - p.expenditure_total),
        flat=changes.flat(),
    )
    s3 = w.sentence().say("其中：基本支出").amount("expenditure_basic", f.expenditure_basic)
    s3.change(
        "expenditure_basic",
        f.expenditure_basic,
        p.expenditure_basic,
        form=changes.form(),
        reason=reasons.basic(f.expenditure_basic - p.expenditure_basic, dy.reform),
        flat=changes.flat(),
    )
    s4 = w.sentence().say("项目支出").amount("expenditure_project", f.expenditure_project)
    s4.change(
        "expenditure_project",
        f.expenditure_project,
        p.expenditure_project,
        form=changes.form(),
        reason=reasons.project(f.expenditure_project - p.expenditure_project, purpose),
        reason_word="主要为",
        flat=changes.flat(),
    )
    w.para(s2, s3, s4)
    s5 = w.sentence().say("基本支出中，人员经费").amount("expenditure_personnel", f.expenditure_personnel)
    s5.say("，日常公用经费").amount("expenditure_public_operating", f.expenditure_public_operating)
    w.para(s5)


def _income_breakdown(w: Writer, f: Figures, lead: str | None) -> Sentence:
    if lead:
        s = (
            w.sentence()
            .say(f"{f.year}年{lead}")
            .amount("income_total", f.income_total)
            .say("，其中：一般公共预算收入")
        )
    else:
        s = w.sentence().say("其中：一般公共预算拨款收入")
    s.amount("income_general_public_budget", f.income_general_public_budget)
    if f.income_government_fund:
        s.say("，政府性基金预算拨款收入").amount("income_government_fund", f.income_government_fund)
    s.say("，事业收入").amount("income_institution", f.income_institution)
    s.say("，其他收入").amount("income_other", f.income_other)
    return s


def totals_final(w: Writer, dy: DepartmentYear, heading: str, purpose: str) -> None:
    """二 (final): income and spending of the year, execution against the budget, changes."""
    f, p, b = dy.final, dy.prior_final, dy.budget
    changes = _Changes(w)
    outlier = place_delta(w.doc.plants, "execution:expenditure_project") != 0
    w.heading(heading)
    s1 = w.sentence().say(f"{f.year}年度收入总计").amount("income_grand_total", f.income_grand_total)
    s1.say("，其中：本年收入").amount("income_total", f.income_total)
    s1.say("，年初结转和结余").amount("income_carryover", f.income_carryover)
    s2 = (
        w.sentence()
        .say("本年收入中，一般公共预算财政拨款收入")
        .amount("income_general_public_budget", f.income_general_public_budget)
    )
    if f.income_government_fund:
        s2.say("，政府性基金预算财政拨款收入").amount("income_government_fund", f.income_government_fund)
    s2.say("，其他收入").amount("income_other", f.income_other)
    w.para(s1, s2)
    s3 = w.sentence().say(f"{f.year}年度本年支出合计").amount("expenditure_total", f.expenditure_total)
    s3.say(f"，完成年初预算的{fmt_pct(share_pct(f.expenditure_total, b.expenditure_total))}%")
    s3.change(
        "expenditure_total",
        f.expenditure_total,
        p.expenditure_total,
        form=changes.form(),
        against=changes.against(),
        reason=reasons.total(f.expenditure_total - p.expenditure_total),
        flat=changes.flat(),
    )
    s4 = w.sentence().say("其中：基本支出").amount("expenditure_basic", f.expenditure_basic)
    s4.change(
        "expenditure_basic",
        f.expenditure_basic,
        p.expenditure_basic,
        form=changes.form(),
        reason=reasons.basic(f.expenditure_basic - p.expenditure_basic, dy.reform),
        flat=changes.flat(),
    )
    s5 = w.sentence().say("项目支出").amount("expenditure_project", f.expenditure_project)
    s5.say(f"，完成年初预算的{fmt_pct(share_pct(f.expenditure_project, b.expenditure_project))}%")
    s5.change(
        "expenditure_project",
        f.expenditure_project,
        p.expenditure_project,
        form=changes.form(),
        reason=reasons.project(f.expenditure_project - p.expenditure_project, purpose, outlier),
        flat=changes.flat(),
    )
    w.para(s3, s4, s5)
    s6 = w.sentence().say("基本支出中，人员经费").amount("expenditure_personnel", f.expenditure_personnel)
    s6.say("，日常公用经费").amount("expenditure_public_operating", f.expenditure_public_operating)
    w.para(s6)


def operating(w: Writer, dy: DepartmentYear, heading: str) -> None:
    """三: 机关运行经费 (and, in some documents, 会议费 and 培训费)."""
    kind = w.doc.kind
    f, p = dy.figures(kind), dy.prior(kind)
    changes = _Changes(w)
    w.heading(heading)
    if w.style.seedlike and kind == "budget":
        s = w.sentence().say("机关运行经费共计安排").amount("operating_expenses", f.operating_expenses)
        s.say(
            f"，主要用于{w.doc.printed_name}办公区的日常维修、办公用房水电费、取暖费、物业管理费等日常运行支出"
        )
        w.para(s)
        return
    verb = "安排" if kind == "budget" else "支出"
    lead = (
        f"{f.year}年本部门机关运行经费{verb}" if kind == "budget" else f"{f.year}年度本部门机关运行经费{verb}"
    )
    s = w.sentence().say(lead).amount("operating_expenses", f.operating_expenses)
    s.change(
        "operating_expenses",
        f.operating_expenses,
        p.operating_expenses,
        form=changes.form(),
        against=changes.against(),
        reason=reasons.operating(f.operating_expenses - p.operating_expenses),
        flat=changes.flat(),
    )
    parts: list[Sentence | str] = [s]
    if f.year >= 2017 and w.style.change_form != 1:
        word = "预算" if kind == "budget" else "支出"
        m = w.sentence().say(f"全年会议费{word}").amount("meeting_expenses", f.meeting_expenses)
        m.say(f"，培训费{word}").amount("training_expenses", f.training_expenses)
        parts.append(m)
    w.para(*parts)


_COMPONENTS = (
    ("overseas_travel", "因公出国（境）费"),
    ("vehicle_purchase", "公务用车购置费"),
    ("vehicle_operation", "公车运行经费"),
    ("reception", "公务接待费"),
)


def three_public(w: Writer, dy: DepartmentYear, heading: str) -> None:
    """四: "三公"经费 with each part and its change; the reform year says why vehicle costs fell."""
    kind = w.doc.kind
    f, p, b = dy.figures(kind), dy.prior(kind), dy.budget
    tp, pp = f.three_public, p.three_public
    plants = w.doc.plants

    def shown(metric: str) -> Decimal:
        return (
            tp.metric(metric)
            + place_delta(plants, f"all:{metric}")
            + place_delta(plants, f"narrative:{metric}")
        )

    w.heading(heading)
    if tp.total == 0:
        word = "预算安排" if kind == "budget" else "支出"
        w.para(w.sentence().say(f"本部门{f.year}年无“三公”经费{word}").zero("three_public_total"))
        return
    changes = _Changes(w)
    # The reform year says so; so does the next year where the cut shows only then (科协: 2018).
    late_cut = (
        dy.year == dy.department.reform_year + 1 and tp.vehicle_operation * 4 < pp.vehicle_operation * 3
    )
    reform = dy.reform or late_cut
    if w.style.seedlike and kind == "budget":
        s = (
            w.sentence()
            .say(f"{f.year}年，我单位“三公”经费预算安排")
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
        s.say("，公务用车运行费").amount("vehicle_operation", shown("vehicle_operation")).say(
            "）；公务接待费"
        )
        s.amount("reception", shown("reception"))
        t = w.sentence()
        changed = [(m, label) for m, label in _COMPONENTS if shown(m) != pp.metric(m)]
        for i, (metric, label) in enumerate(changed):
            delta = shown(metric) - pp.metric(metric)
            t.say("；" if i else "").say(label)
            t.stated_change(
                metric, delta, lead=f"较{f.year - 1}年度", reason=_component_reason(metric, delta, reform)
            )
        if not changed:
            t.say(f"“三公”经费总额及各项支出均与{f.year - 1}年持平").implied_flat("three_public_total")
        elif len(changed) < len(_COMPONENTS):
            t.say(f"，其他与{f.year - 1}年持平，无增减变化")
            for metric in _others_flat([m for m, _ in changed]):
                t.implied_flat(metric)
        w.para(s, t)
        return
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


def procurement(w: Writer, dy: DepartmentYear, heading: str) -> None:
    """五: 政府采购."""
    kind = w.doc.kind
    f = dy.figures(kind)
    w.heading(heading)
    if kind == "budget":
        if f.procurement_total:
            s = (
                w.sentence()
                .say(f"{f.year}年本部门安排政府采购预算")
                .amount("procurement_total", f.procurement_total)
            )
            w.para(s.say("，主要用于办公设备和信息化设备购置"))
        else:
            lead = f"{f.year}年，我单位" if w.style.seedlike else f"本部门{f.year}年"
            w.para(w.sentence().say(f"{lead}无安排政府采购预算").zero("procurement_total"))
    elif f.procurement_total:
        s = (
            w.sentence()
            .say(f"{f.year}年度本部门政府采购支出总额")
            .amount("procurement_total", f.procurement_total)
        )
        w.para(s.say("，主要用于办公设备和信息化设备购置"))
    else:
        w.para(w.sentence().say(f"{f.year}年度本部门无政府采购支出").zero("procurement_total"))


def assets(w: Writer, dy: DepartmentYear, heading: str) -> None:
    """六: the fixed-asset stock (上年末 in a budget, 年末 in final accounts), prose and table."""
    stock = dy.assets_prior_end if w.doc.kind == "budget" else dy.assets_end
    w.heading(heading)
    if w.style.seedlike and w.doc.kind == "budget":
        s = (
            w.sentence()
            .say(f"{w.doc.printed_name}上年末固定资产金额为")
            .amount("fixed_assets_total", stock.total, year=stock.year)
        )
        s.say("，本年度无新增资产配置安排")
    else:
        s = (
            w.sentence()
            .say(f"截至{stock.year}年12月31日本部门固定资产总额")
            .amount("fixed_assets_total", stock.total, year=stock.year)
        )
        s.say("，主要为办公设备和公务用车")
    w.para(s)


def performance_budget(w: Writer, dy: DepartmentYear, heading: str) -> None:
    """七 (budget): the general goal in words (the table follows in the composer)."""
    t = dy.department.template
    w.heading(heading)
    w.para(
        f"本部门围绕“{t.activities[0].name}”等{len(t.activities)}项职责活动设定了年度绩效目标，"
        "预算执行中开展绩效监控，年度终了开展绩效自评。"
    )
    if t.type_key == "kexie":
        w.para(
            "科学技术普及方面，重点组织全国科普日、科技活动周等主题活动，推进社区和农村科普阵地建设，提升基层科普服务能力。"
        )


def performance_final(w: Writer, dy: DepartmentYear, heading: str) -> None:
    """七 (final): the self-evaluation, in words only."""
    t = dy.department.template
    w.heading(heading)
    count = len([a for a in dy.activities if a.parent is None])
    w.para(
        f"本部门对{dy.year}年度{count}项职责活动的项目支出开展了绩效自评，"
        "各项目基本完成年初设定的绩效目标，自评等次均为良及以上。"
    )
    if t.type_key == "kexie":
        w.para("科普活动覆盖面继续扩大，社区科普设施运行良好，公众科学素质水平稳步提升。")


_GLOSSARY = (
    ("一般公共预算拨款收入", "指本级财政当年拨付的一般公共预算资金。"),
    ("政府性基金预算拨款收入", "指本级财政从政府性基金预算中安排的资金。"),
    ("事业收入", "指事业单位开展专业业务活动及其辅助活动取得的收入。"),
    ("其他收入", "指上述各项收入以外的收入，如存款利息收入等。"),
    ("基本支出", "指为保障机构正常运转、完成日常工作任务而发生的人员经费和公用经费。"),
    ("项目支出", "指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。"),
    ("机关运行经费", "指为保障行政单位（含参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金。"),
    ("“三公”经费", "指用财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。"),
)


def glossary(w: Writer, heading: str) -> None:
    """八: definitions; no figures at all."""
    w.heading(heading)
    for i, (term, meaning) in enumerate(_GLOSSARY, 1):
        w.para(f"{i}、{term}：{meaning}")
