"""八: 名词解释, definitions only (no figures)."""

from __future__ import annotations

from cn_budget_samples.writer import Writer

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
