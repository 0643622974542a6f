"""二: the department's income and spending, their changes against the prior year, and (final
accounts) execution against the year's budget."""

from __future__ import annotations

from cn_budget_samples import reasons
from cn_budget_samples.figures import DepartmentYear, Figures
from cn_budget_samples.money import fmt_pct, share_pct
from cn_budget_samples.phrasing import Sentence
from cn_budget_samples.plants import place_delta
from cn_budget_samples.sections.changes import Changes
from cn_budget_samples.writer import Writer


def totals_budget(w: Writer, dy: DepartmentYear, heading: str, purpose: str) -> None:
    """二 (budget): income, expenditure and their changes against the prior year's budget."""
    w.heading(heading)
    if w.style.seedlike:
        _seedlike_totals_budget(w, dy, purpose)
    else:
        _totals_budget(w, dy, purpose)


def _seedlike_totals_budget(w: Writer, dy: DepartmentYear, purpose: str) -> None:
    """The seed's wording: 收入说明, 支出说明, then one sentence of changes with their reasons."""
    f, p = dy.budget, dy.prior_budget
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


def _totals_budget(w: Writer, dy: DepartmentYear, purpose: str) -> None:
    """Income with its parts, then spending, basic and project spending, each with its change."""
    f, p = dy.budget, dy.prior_budget
    changes = Changes(w)
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
    changes = Changes(w)
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
