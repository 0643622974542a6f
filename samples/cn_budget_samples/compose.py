"""Compose one disclosure: title block, sections 一 to 八 and the standard tables, with its truth.

Tables stand inside their sections or in an appendix after the glossary (the style decides); the
asset table and the goals table always stand in their sections, as in the seed.
"""

from __future__ import annotations

import random
from datetime import date

from analytics.model import Kind
from cn_budget_samples.document import Disclosure, Para
from cn_budget_samples.figures import DepartmentYear
from cn_budget_samples.plants import plants_for
from cn_budget_samples.sections.assets import assets, procurement
from cn_budget_samples.sections.duties import duties
from cn_budget_samples.sections.glossary import glossary
from cn_budget_samples.sections.headings import headings
from cn_budget_samples.sections.operating import operating
from cn_budget_samples.sections.performance import performance_budget, performance_final
from cn_budget_samples.sections.three_public import three_public
from cn_budget_samples.sections.totals import totals_budget, totals_final
from cn_budget_samples.style import Style
from cn_budget_samples.table_builder import TableBuilder
from cn_budget_samples.tables import (
    assets_table,
    economic_table,
    functional_table,
    fund_table,
    goals_table,
    summary_table,
    three_public_table,
)
from cn_budget_samples.writer import Writer

_TABLE_NAMES: dict[Kind, dict[str, str]] = {
    "budget": {
        "summary": "部门收支总表",
        "functional": "一般公共预算支出表",
        "economic": "一般公共预算基本支出表",
        "three_public": "一般公共预算“三公”经费支出表",
        "fund": "政府性基金预算支出表",
    },
    "final": {
        "summary": "收入支出决算总表",
        "functional": "一般公共预算财政拨款支出决算表",
        "economic": "一般公共预算财政拨款基本支出决算表",
        "three_public": "财政拨款“三公”经费支出决算表",
        "fund": "政府性基金预算财政拨款收入支出决算表",
    },
}
_ORDER = ("summary", "functional", "economic", "fund", "three_public")


def title_lines(printed_name: str, year: int, kind: Kind, form: int) -> tuple[str, ...]:
    """The title block: '廊坊市教育局' + '2018年部门预算公开情况说明', or one line."""
    if kind == "budget":
        forms: tuple[tuple[str, ...], ...] = (
            (printed_name, f"{year}年部门预算公开情况说明"),
            (f"{printed_name}{year}年部门预算信息公开",),
            (f"{year}年{printed_name}部门预算公开",),
        )
    else:
        forms = (
            (printed_name, f"{year}年度部门决算公开"),
            (f"{printed_name}{year}年部门决算说明",),
            (f"{year}年度{printed_name}部门决算公开情况说明",),
        )
    return forms[form]


def publication_date(year: int, kind: Kind, seed: int, key: str) -> date:
    """Budgets appear within weeks of approval (February), final accounts the next summer."""
    rng = random.Random(f"{seed}:{key}:{year}:{kind}:published")
    if kind == "budget":
        return date(year, 2, rng.randint(5, 27))
    return date(year + 1, rng.randint(8, 9), rng.randint(1, 28))


def compose(dy: DepartmentYear, kind: Kind, style: Style, seed: int) -> Disclosure:
    """The full disclosure of one department, year and kind."""
    department = dy.department
    publication_year = dy.year if kind == "budget" else dy.year + 1
    printed = department.name(publication_year)
    lines = title_lines(printed, dy.year, kind, style.title_form)
    doc = Disclosure(
        department=department,
        year=dy.year,
        kind=kind,
        printed_name=printed,
        title="".join(lines),
        published=publication_date(dy.year, kind, seed, department.key),
        plants=plants_for(department.key, dy.year, kind),
    )
    w = Writer(doc, style)
    for line in lines:
        w.heading(line, 0)
    if kind == "budget":
        w.para(
            f"根据《中华人民共和国预算法》和本级财政部门关于预算公开的统一要求，现将{printed}{dy.year}年部门预算公开如下："
        )
    else:
        w.para(f"按照预决算公开的有关规定，现将{printed}{dy.year}年度部门决算情况说明如下：")
    heads = headings(w)
    purpose = department.template.project_purpose
    tables = _financial_tables(dy, kind, style, printed, doc)
    duties(w, dy, heads[0])
    if kind == "budget":
        totals_budget(w, dy, heads[1], purpose)
    else:
        totals_final(w, dy, heads[1], purpose)
    if style.tables_inline:
        for key in ("summary", "functional", "economic", "fund"):
            _place(w, tables, key)
    operating(w, dy, heads[2])
    three_public(w, dy, heads[3])
    if style.tables_inline:
        _place(w, tables, "three_public")
    procurement(w, dy, heads[4])
    assets(w, dy, heads[5])
    stock = dy.assets_prior_end if kind == "budget" else dy.assets_end
    w.table(assets_table(stock, style, printed, kind))
    if kind == "budget":
        performance_budget(w, dy, heads[6])
        goals, truth = goals_table(dy.activities, style, printed, dy.year, doc.plants)
        w.table(goals)
        doc.goals.extend(truth)
    else:
        performance_final(w, dy, heads[6])
    glossary(w, heads[7])
    if not style.tables_inline:
        word = "预算" if kind == "budget" else "决算"
        w.heading(f"附件：{printed}{dy.year}年部门{word}公开表", 1)
        for key in _ORDER:
            _place(w, tables, key)
    # A disclosure closes with its signature, the department and the date; a Word document always
    # ends with a paragraph after its last table (LibreOffice loses a table that ends a .doc file).
    w.para(printed)
    w.para(f"{doc.published.year}年{doc.published.month}月{doc.published.day}日")
    return doc


def _financial_tables(
    dy: DepartmentYear, kind: Kind, style: Style, printed: str, doc: Disclosure
) -> dict[str, TableBuilder | str]:
    """The standard tables by id; a string stands for a table replaced by a note."""
    f = dy.figures(kind)
    budget = dy.budget if kind == "final" else None
    names = _labelled(_TABLE_NAMES[kind], style.table_label)
    tables: dict[str, TableBuilder | str] = {
        "summary": summary_table(
            f, style, names["summary"], printed, budget=budget if style.summary_pair else None
        ),
        "functional": functional_table(f.lines, f, style, names["functional"], printed),
        "three_public": three_public_table(
            f, style, names["three_public"], printed, doc.plants, budget=budget
        ),
    }
    if style.economic_table:
        tables["economic"] = economic_table(f, style, names["economic"], printed)
    fund = fund_table(f, style, names["fund"], printed)
    if fund is None:
        word = "预算" if kind == "budget" else "决算"
        tables["fund"] = (
            f"{names['fund']}：本部门{dy.year}年没有使用政府性基金{word}拨款安排的支出，本表无数据。"
        )
    else:
        tables["fund"] = fund
    return tables


def _labelled(names: dict[str, str], form: int) -> dict[str, str]:
    out: dict[str, str] = {}
    for i, key in enumerate(_ORDER, 1):
        name = names[key]
        out[key] = name if form == 0 else (f"公开0{i}表　{name}" if form == 1 else f"附表{i}：{name}")
    return out


def _place(w: Writer, tables: dict[str, TableBuilder | str], key: str) -> None:
    table = tables.get(key)
    if table is None:
        return
    if isinstance(table, str):
        w.doc.blocks.append(Para(table))
        return
    w.table(table)
