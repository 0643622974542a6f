"""The eight section headings: three sets for budgets (the seed's, two others), two for final accounts."""

from __future__ import annotations

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
