"""三: 机关运行经费 (and, in some documents, 会议费 and 培训费)."""

from __future__ import annotations

from cn_budget_samples import reasons
from cn_budget_samples.figures import DepartmentYear
from cn_budget_samples.phrasing import Sentence
from cn_budget_samples.sections.changes import Changes
from cn_budget_samples.writer import Writer


def operating(w: Writer, dy: DepartmentYear, heading: str) -> None:
    """三: 机关运行经费 (and, in some documents, 会议费 and 培训费)."""
    kind = w.doc.kind
    f, p = dy.figures(kind), dy.prior(kind)
    changes = Changes(w)
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
