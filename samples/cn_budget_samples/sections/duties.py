"""一: the department's duties, offices and staff (no figures)."""

from __future__ import annotations

from cn_budget_samples.figures import DepartmentYear
from cn_budget_samples.writer import Writer


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
