"""五 and 六: what the department buys (政府采购) and what it holds (国有资产占用)."""

from __future__ import annotations

from cn_budget_samples.figures import DepartmentYear
from cn_budget_samples.writer import Writer


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
