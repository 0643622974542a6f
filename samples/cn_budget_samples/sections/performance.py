"""七: the performance goals (budget) or the self-evaluation (final accounts), in words."""

from __future__ import annotations

from cn_budget_samples.figures import DepartmentYear
from cn_budget_samples.writer import Writer


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
